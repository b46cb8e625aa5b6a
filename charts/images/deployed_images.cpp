#include "charts/images/deployed_images.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "charts/engine/manifests.h"
#include "charts/images/annotations.h"
#include "charts/images/manifest_scan.h"
#include "charts/images/values_scan.h"

namespace chartmirror::charts::images {
namespace {

// The repository without its registry: a release that pulls bitnami/nginx from another
// registry (global.imageRegistry) runs the annotated image, moved.
const std::string& name_of(const registry::Reference& reference) { return reference.repository(); }

}  // namespace

Result<Discovery, Error> discover_deployed_images(const Chart& chart,
                                                  const values::RenderValues& values,
                                                  const DeployedImagesOptions& options) {
  auto rendered = engine::render(chart, values, options.render);
  if (!rendered.ok()) return rendered.error();
  auto stream = engine::template_output(*rendered, chart.metadata(),
                                        options.render.capabilities.kube_version);
  if (!stream.ok()) return stream.error();
  auto scanned = scan_manifests(*stream);
  if (!scanned.ok()) return scanned.error();

  std::vector<FoundImage> found = std::move(scanned->images);
  std::vector<std::string> warnings = std::move(scanned->warnings);
  if (options.values_scan) {
    ValuesScan from_values = scan_values(chart, values);
    found.insert(found.end(), std::make_move_iterator(from_values.images.begin()),
                 std::make_move_iterator(from_values.images.end()));
    warnings.insert(warnings.end(), from_values.warnings.begin(), from_values.warnings.end());
  }
  std::set<std::string> repositories;  // of every image found so far
  std::set<std::string> references;
  for (const FoundImage& image : found) {
    repositories.insert(name_of(image.reference));
    references.insert(image.reference.str());
  }
  AnnotationScan annotated = scan_annotations(chart, values);
  for (FoundImage& image : annotated.images) {
    if (repositories.count(name_of(image.reference)) != 0 &&
        references.count(image.reference.str()) == 0) {
      continue;
    }
    found.push_back(std::move(image));
  }
  warnings.insert(warnings.end(), annotated.warnings.begin(), annotated.warnings.end());
  return Discovery{.images = group_images(found), .warnings = std::move(warnings)};
}

}  // namespace chartmirror::charts::images
