// charts/images/annotations.h — the images a chart lists in its Chart.yaml annotations.
//
// Two annotations hold the same thing, a YAML document in a string: a list of {name, image,
// whitelisted?} maps, `image` a full reference. `artifacthub.io/images` is Artifact Hub's;
// `images` is what bitnami charts write (every image of their default values; the corpus'
// nginx, postgresql and redis). Both are read, `artifacthub.io/images` first. Each item's
// image is parsed and normalized with registry/ref; `whitelisted` (a vulnerability-scanner
// setting) is ignored.
//
// The annotation is the chart author's claim, not something to fail a mirror over: an
// annotation that is not a YAML list, an item without a string `image`, or an image that is
// not a valid reference each give a warning naming the chart and the item, and the rest is
// used.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "charts/chart/chart.h"
#include "charts/images/found_image.h"
#include "charts/values/render_values.h"

namespace chartmirror::charts::images {

inline constexpr std::array<std::string_view, 2> kImagesAnnotations = {"artifacthub.io/images",
                                                                       "images"};

struct AnnotationScan {
  std::vector<FoundImage> images;  // in the annotations' order, chart by chart
  std::vector<std::string> warnings;
};

// The annotations of one chart (not its subcharts); appends to `out`.
void scan_chart_annotations(const Chart& chart, AnnotationScan& out);

// The chart and every subchart that renders (`rendered` from render_chart_values): a disabled
// subchart's images are not deployed, whatever its annotation says.
[[nodiscard]] AnnotationScan scan_annotations(const Chart& chart,
                                              const values::RenderValues& rendered);

}  // namespace chartmirror::charts::images
