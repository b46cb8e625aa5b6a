// operator/cli/template_command.h — `chartmirror template`: what `helm template` prints.
//
//   chartmirror template NAME CHART [chart and values flags: chart_input.h]
//                        [--include-crds] [--skip-tests] [--no-hooks]
//
// The chart is loaded as chart_input.h says, rendered by charts/engine with release NAME in
// --namespace, and printed as helm template prints it: the manifests sorted in Helm's install
// order, each under its `# Source:` path, then the hooks. --kube-version and --api-versions
// set .Capabilities as helm's flags do.
// Exit: 0 done; 1 the chart or a dependency could not be fetched; 2 bad usage or bad input
// (a chart that does not load or does not render: the error names the template, line and
// column as helm's does).
#pragma once

#include <ostream>
#include <span>
#include <string_view>

namespace chartmirror::cli {

[[nodiscard]] int run_template(std::span<const std::string_view> args, std::ostream& out,
                               std::ostream& err);

}  // namespace chartmirror::cli
