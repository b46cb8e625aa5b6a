// controllers/chart_push.h — a chart archive pushed to the destination as `helm push` pushes it
// (charts/oci push_chart): the bytes unchanged, the manifest helm writes, under
// <destination>/charts/<name>:<version> (charts/images chart_destination — the one mapping).
// When the tag already names that manifest, nothing is sent but the one request that asked.
// A dependency that charts/deps fetched from its repository (not vendored in its parent's
// archive) is pushed the same way, to where a chart of its name goes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "charts/deps/dependency_resolver.h"
#include "charts/error.h"
#include "controllers/registry_settings.h"
#include "registry/ref/reference.h"
#include "support/result.h"

namespace chartmirror::controllers {

struct ChartArchive {
  std::string_view archive;  // the .tgz
  std::string config_json;   // the chart's metadata (Metadata::to_json())
  std::optional<std::string_view> provenance;
  std::string_view created;  // org.opencontainers.image.created; "" leaves it out
};

struct ChartPushResult {
  std::string destination;  // oci://HOST/PATH/charts/NAME:TAG
  std::string digest;       // the manifest's
  bool pushed = false;      // false: the destination had it already
  bool would_push = false;  // dry run: not there yet
};

// A dry run only asks what the tag names.
[[nodiscard]] Result<ChartPushResult, charts::Error> push_chart_archive(
    const ChartArchive& chart, const registry::Reference& destination, RegistrySettings& registries,
    bool dry_run = false);

// `dependency` (one of ResolvedTree::charts, fetched: its archive as it came) pushed to
// `destination` (chart_destination of its name and version), its own Chart.yaml as the config
// blob, as `helm push` of that archive writes it.
[[nodiscard]] Result<ChartPushResult, charts::Error> push_dependency(
    const charts::ResolvedChart& dependency, const registry::Reference& destination,
    RegistrySettings& registries, bool dry_run = false);

}  // namespace chartmirror::controllers
