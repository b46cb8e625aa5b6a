// charts/repo/oci_source.h — charts in OCI registries, pulled as helm 3.17 pulls them
// (pkg/registry/client.go ValidateReference, Tags, Pull).
//
//   - The version: a reference with a digest names the manifest itself (its version is the
//     config's). Otherwise the version asked — or the reference's tag when none is — is chosen
//     from the repository's tags by select_version's kOciTags rules ('_' reads '+'); a tag in
//     the reference and a different version asked is kInvalidInput, as in helm.
//   - The manifest must be a Helm chart's (chart_manifest.h: chart_layers); the config, chart
//     and provenance blobs are downloaded and checked against their digests and sizes. A chart
//     layer past the size limit is kTooLarge before any byte of it is read.
//   - FetchedChart::created is the manifest's org.opencontainers.image.created, so that
//     pushing the chart on unchanged writes the same manifest.
// Errors name the oci:// reference.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "charts/error.h"
#include "charts/oci/reference.h"
#include "charts/oci/registry_access.h"
#include "charts/repo/fetched_chart.h"
#include "registry/content/store.h"
#include "support/result.h"

namespace chartmirror::charts {

struct OciFetchOptions {
  std::string_view version;  // exact, a constraint, or "" (the reference's tag, or the newest)
  bool devel = false;        // helm --devel
  size_t max_chart_bytes = size_t{128} << 20;
};

// Fetches the chart `reference` names from `store`, the repository of reference.host and
// reference.repository.
[[nodiscard]] Result<FetchedChart, Error> fetch_oci_chart(registry::content::ReadableStore& store,
                                                          const OciReference& reference,
                                                          const OciFetchOptions& options);

// The same through `registries`.
[[nodiscard]] Result<FetchedChart, Error> fetch_oci_chart(OciRegistries& registries,
                                                          const OciReference& reference,
                                                          const OciFetchOptions& options);

}  // namespace chartmirror::charts
