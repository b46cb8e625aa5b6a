// charts/oci/push.h — a chart pushed to an OCI registry as `helm push` pushes it.
//
// The manifest is build_chart_manifest's (chart_manifest.h). When the tag names that manifest
// already, nothing is sent: pushing the same artifact again costs one HEAD request. Otherwise
// blobs go first — config, chart, provenance, each skipped when the registry has it — and the
// manifest last, under its tag, so a tag never names a chart whose blobs are missing.
#pragma once

#include <memory>
#include <string_view>

#include "charts/error.h"
#include "charts/oci/chart_manifest.h"
#include "charts/oci/registry_access.h"
#include "registry/content/store.h"
#include "support/result.h"

namespace chartmirror::charts {

// Pushes `artifact`, whose manifest is `manifest`, to `store` under manifest.tag. `location`
// names the destination in errors.
[[nodiscard]] Status<Error> push_chart(registry::content::WritableStore& store,
                                       const ChartManifest& manifest, const ChartArtifact& artifact,
                                       std::string_view location);

// Pushes `artifact` to `reference` (oci://HOST/PATH/NAME[:TAG]). As helm's strict mode
// requires, NAME must be the chart's name and a TAG, when given, its version ('+' as '_');
// kInvalidInput otherwise, before anything is sent. Returns what was pushed.
[[nodiscard]] Result<ChartManifest, Error> push_chart(OciRegistries& registries,
                                                      std::string_view reference,
                                                      const ChartArtifact& artifact);

}  // namespace chartmirror::charts
