// charts/images/discover.h — every image this module can find in a chart before rendering:
// the values scan (values_scan.h) and the image annotations (`images`, `artifacthub.io/images`:
// annotations.h) of the chart and of every subchart that renders, merged into one entry per
// reference.
//
// Annotations list the images of the chart's default values. Where the values scan found, in
// the same chart, an image with the same repository path as an annotated one but another
// reference (the user set another tag, or a global registry), the annotated one is left out:
// the values say which version and registry the release runs. An annotated image the scan
// found as it is becomes one more origin of that image; one the scan did not see is added.
//
// What templates build (tags from other values, registries from helpers, images passed to
// operators as arguments) is not seen; rendering (charts/template) will add it.
#pragma once

#include <string>
#include <vector>

#include "charts/chart/chart.h"
#include "charts/images/found_image.h"
#include "charts/values/render_values.h"

namespace chartmirror::charts::images {

struct Discovery {
  std::vector<DiscoveredImage> images;  // sorted by reference.str(), each once
  std::vector<std::string> warnings;    // the values scan's, then the annotations'
};

// `rendered` comes from render_chart_values(chart, ...).
[[nodiscard]] Discovery discover_images(const Chart& chart, const values::RenderValues& rendered);

}  // namespace chartmirror::charts::images
