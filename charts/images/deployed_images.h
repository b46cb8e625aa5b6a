// charts/images/deployed_images.h — the images a release of a chart deploys, found by
// rendering the chart as `helm template` does (charts/engine) and reading the manifests
// (manifest_scan.h), united with the chart's image annotations (annotations.h) and, when asked,
// a values scan in Helmper's style (values_scan.h).
//
// Rendering is the source of truth: it sees tags built by helpers, registries from globals,
// images passed to operators, and nothing of components switched off. The printed stream
// includes hooks and test pods, as helm template prints them (a mirror must hold what
// `helm test` runs too).
//
// Annotations list the images of the chart's default values. An annotated image whose
// repository path the rendering (or the values scan) found under another reference, from any
// registry, is left out — the release runs what its manifests say (another tag, or the image
// moved by global.imageRegistry); one found as it is becomes one more origin; one not
// found at all is added (an image an operator pulls later, which only the annotation names).
// The values scan (`values_scan`, off by default) adds what it finds, components switched off
// included, with the same rule against annotations.
#pragma once

#include "charts/chart/chart.h"
#include "charts/engine/render.h"
#include "charts/error.h"
#include "charts/images/discover.h"
#include "charts/values/render_values.h"
#include "support/result.h"

namespace chartmirror::charts::images {

struct DeployedImagesOptions {
  engine::RenderOptions render;  // release name, namespace, .Capabilities
  bool values_scan = false;      // also scan the values, Helmper's way
};

// `values` comes from render_chart_values(chart, ...). Errors: the chart does not render, or a
// rendered document is not YAML — each naming the template.
[[nodiscard]] Result<Discovery, Error> discover_deployed_images(
    const Chart& chart, const values::RenderValues& values,
    const DeployedImagesOptions& options = {});

}  // namespace chartmirror::charts::images
