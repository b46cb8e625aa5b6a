#include "charts/images/discover.h"

#include <set>
#include <utility>

#include "charts/images/annotations.h"
#include "charts/images/values_scan.h"

namespace chartmirror::charts::images {
namespace {

// "chart@version repository" of an image found in a chart: what an annotation is matched on.
std::string repository_key(const FoundImage& image) {
  return image.origin.chart + "@" + image.origin.chart_version + " " + image.reference.repository();
}

}  // namespace

Discovery discover_images(const Chart& chart, const values::RenderValues& rendered) {
  ValuesScan scanned = scan_values(chart, rendered);
  AnnotationScan annotated = scan_annotations(chart, rendered);
  std::set<std::string> in_values;  // repository_key of each image the scan found
  std::set<std::string> exact;      // and each exact reference, with the chart
  for (const FoundImage& image : scanned.images) {
    in_values.insert(repository_key(image));
    exact.insert(repository_key(image) + " " + image.reference.str());
  }
  std::vector<FoundImage> found = std::move(scanned.images);
  for (FoundImage& image : annotated.images) {
    const std::string key = repository_key(image);
    // The values say which version (and registry) of this image the release runs.
    if (in_values.count(key) != 0 && exact.count(key + " " + image.reference.str()) == 0) {
      continue;
    }
    found.push_back(std::move(image));
  }
  Discovery out{.images = group_images(found), .warnings = std::move(scanned.warnings)};
  out.warnings.insert(out.warnings.end(), annotated.warnings.begin(), annotated.warnings.end());
  return out;
}

}  // namespace chartmirror::charts::images
