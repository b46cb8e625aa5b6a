// charts/oci/chart_manifest.h — the OCI manifest of a Helm chart: written byte for byte as
// `helm push` (v3.17.3) writes it, and checked the way `helm pull` checks it.
//
// Writing (helm pkg/registry/client.go Push, util.go generateOCIAnnotations; oras-go v1.2.5
// content.GenerateManifest):
//   - config: the chart's metadata as JSON (Metadata::to_json()), media type
//     application/vnd.cncf.helm.config.v1+json;
//   - layers: the .tgz unchanged (application/vnd.cncf.helm.chart.content.v1.tar+gzip), and the
//     .prov file when there is one (application/vnd.cncf.helm.chart.provenance.v1.prov),
//     ordered by digest string, as oras sorts them — the provenance layer may come first;
//   - annotations: org.opencontainers.image.{description, title (name), version, url (home),
//     created, source (sources[0]), authors ("Name (email), Name2")}, each only when not
//     blank; then every annotation of Chart.yaml except the title and version keys, which
//     therefore may replace description, url, created, source or authors;
//   - the bytes of Go's encoding/json for image-spec's Manifest: schemaVersion, config,
//     layers, annotations, in that order; no mediaType field (the push's Content-Type says
//     it); annotation keys sorted; HTML-safe escaping ("<" is \u003c), \b and \f as Go ≥ 1.22.
//   The tag is the version with '+' written '_'.
// The created time is the caller's: helm stamps the .tgz file's modification time, which
// makes every push of a downloaded chart a new manifest; see created_time.h.
//
// Reading (helm pkg/registry/client.go Pull): an image manifest whose config has the Helm
// config media type, with a chart layer (the content type above, or the legacy
// application/tar+gzip) and at most one provenance layer; other layers are ignored, as helm's
// media-type filter ignores them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "charts/error.h"
#include "registry/oci/descriptor.h"
#include "registry/oci/manifest.h"
#include "support/result.h"

namespace chartmirror::charts {

// Before Helm 3.7 the chart layer had this media type; helm pull still accepts it.
inline constexpr std::string_view kLegacyChartLayerMediaType = "application/tar+gzip";

// What helm push takes: the archive, its metadata, and optionally its provenance file. The
// views must outlive the call that reads them.
struct ChartArtifact {
  std::string_view archive;                    // the .tgz, pushed unchanged
  std::string_view config_json;                // the config blob: Metadata::to_json()
  std::optional<std::string_view> provenance;  // the .prov file, when the chart has one
  std::string_view created;                    // org.opencontainers.image.created; "" leaves
                                               // the annotation out
};

struct ChartManifest {
  std::string name;                      // of the chart, from the config
  std::string version;                   // of the chart, from the config
  std::string tag;                       // the version with '+' written '_'
  std::string bytes;                     // the manifest
  registry::oci::Descriptor descriptor;  // of the manifest (OCI image manifest)
  registry::oci::Descriptor config;
  registry::oci::Descriptor chart;
  std::optional<registry::oci::Descriptor> provenance;
};

// The manifest helm push writes for `artifact`. kInvalidInput when the config is not the JSON
// object of a chart's metadata with a name and a version.
[[nodiscard]] Result<ChartManifest, Error> build_chart_manifest(const ChartArtifact& artifact);

// The manifest annotations helm push derives from the config JSON and the created time.
[[nodiscard]] Result<std::map<std::string, std::string>, Error> helm_annotations(
    std::string_view config_json, std::string_view created);

// A string as Go's encoding/json writes it, quotes included (HTML-safe, invalid UTF-8 as
// U+FFFD).
[[nodiscard]] std::string go_json_quote(std::string_view text);

struct ChartLayers {
  registry::oci::Descriptor config;
  registry::oci::Descriptor chart;
  std::optional<registry::oci::Descriptor> provenance;
};

// The parts of a Helm chart's manifest. kInvalidInput naming `source` when the manifest is not
// a Helm chart (an index, a container image, a chart layer missing or twice).
[[nodiscard]] Result<ChartLayers, Error> chart_layers(const registry::oci::Manifest& manifest,
                                                      std::string_view source);

}  // namespace chartmirror::charts
