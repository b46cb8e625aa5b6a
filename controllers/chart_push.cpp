#include "controllers/chart_push.h"

#include "charts/chart/archive.h"
#include "charts/oci/chart_manifest.h"
#include "charts/oci/push.h"
#include "charts/oci/registry_access.h"

namespace chartmirror::controllers {

Result<ChartPushResult, charts::Error> push_chart_archive(const ChartArchive& chart,
                                                          const registry::Reference& destination,
                                                          RegistrySettings& registries,
                                                          bool dry_run) {
  const std::string location = "oci://" + destination.str();
  const charts::ChartArtifact artifact{.archive = chart.archive,
                                       .config_json = chart.config_json,
                                       .provenance = chart.provenance,
                                       .created = chart.created};
  auto manifest = charts::build_chart_manifest(artifact);
  if (!manifest.ok()) return manifest.error();
  auto store = registries.open(destination.registry(), destination.repository());
  if (!store.ok()) return charts::from_registry_error(store.error(), location);
  ChartPushResult result{.destination = location, .digest = manifest->descriptor.digest.str()};
  auto current = (*store)->tagged(manifest->tag);
  if (!current.ok()) return charts::from_registry_error(current.error(), location);
  if (*current && (*current)->digest == manifest->descriptor.digest) return result;
  if (dry_run) {
    result.would_push = true;
    return result;
  }
  auto pushed = charts::push_chart(**store, *manifest, artifact, location);
  if (!pushed.ok()) return pushed.error();
  result.pushed = true;
  return result;
}

Result<ChartPushResult, charts::Error> push_dependency(const charts::ResolvedChart& dependency,
                                                       const registry::Reference& destination,
                                                       RegistrySettings& registries, bool dry_run) {
  auto chart = charts::load_archive(dependency.archive, dependency.source);
  if (!chart.ok()) return chart.error();
  const ChartArchive archive{.archive = dependency.archive,
                             .config_json = chart->metadata().to_json()};
  return push_chart_archive(archive, destination, registries, dry_run);
}

}  // namespace chartmirror::controllers
