// operator/cli/images_command.h — `chartmirror images`: the images a chart deploys.
//
//   chartmirror images CHART [chart and values flags: chart_input.h] [-o text|json]
//
// The chart is loaded as chart_input.h says and its images found by
// charts/images/deployed_images.h: rendered as helm template renders it (release
// "release-name" in --namespace), the images read from the manifests, with those of the image
// annotations (`images`, `artifacthub.io/images`) of the chart and its rendering subcharts;
// `--values-scan` adds a values scan in Helmper's style.
//
// Output: `-o text` (the default) one fully qualified reference per line, sorted, and
// nothing else on stdout; `-o json` one document: the chart, and each image with where it was
// found (template, object and field; annotation; values path and shape). Warnings go to stderr.
// Exit: 0 done; 1 the chart or a dependency could not be fetched (unreachable repository,
// digest mismatch); 2 bad usage or bad input (no such chart or version — the error lists the
// nearest —, a values file or --set that does not parse, a chart that does not load or
// render).
#pragma once

#include <ostream>
#include <span>
#include <string_view>

namespace chartmirror::cli {

[[nodiscard]] int run_images(std::span<const std::string_view> args, std::ostream& out,
                             std::ostream& err);

}  // namespace chartmirror::cli
