#include "charts/oci/push.h"

#include <vector>

#include "charts/oci/reference.h"

namespace chartmirror::charts {

Status<Error> push_chart(registry::content::WritableStore& store, const ChartManifest& manifest,
                         const ChartArtifact& artifact, std::string_view location) {
  // Already there under its tag: a registry holds a manifest's blobs (one HEAD request).
  auto current = store.tagged(manifest.tag);
  if (!current.ok()) return from_registry_error(current.error(), location);
  if (*current && (*current)->digest == manifest.descriptor.digest) return Done{};
  struct Blob {
    const registry::oci::Descriptor* descriptor;
    std::string_view bytes;
  };
  std::vector<Blob> blobs{{&manifest.config, artifact.config_json},
                          {&manifest.chart, artifact.archive}};
  if (manifest.provenance && artifact.provenance) {
    blobs.push_back({&*manifest.provenance, *artifact.provenance});
  }
  for (const auto& blob : blobs) {
    auto present = store.exists(*blob.descriptor);
    if (!present.ok()) return from_registry_error(present.error(), location);
    if (*present) continue;
    registry::content::StringSource source(blob.bytes);
    if (auto pushed = store.push_blob(*blob.descriptor, source); !pushed.ok()) {
      return from_registry_error(pushed.error(), location);
    }
  }
  if (auto pushed = store.push_manifest(manifest.descriptor, manifest.bytes, manifest.tag);
      !pushed.ok()) {
    return from_registry_error(pushed.error(), location);
  }
  return Done{};
}

Result<ChartManifest, Error> push_chart(OciRegistries& registries, std::string_view reference,
                                        const ChartArtifact& artifact) {
  auto parsed = OciReference::parse(reference);
  if (!parsed.ok()) return parsed.error();
  auto manifest = build_chart_manifest(artifact);
  if (!manifest.ok()) {
    Error error = manifest.error();
    error.source = std::string(reference);
    return error;
  }
  const auto strict = [&](const std::string& why) {
    return Error{.code = Error::Code::kInvalidInput,
                 .message = "cannot push chart " + manifest->name + " " + manifest->version +
                            " here: " + why + " (helm push's strict mode)",
                 .source = std::string(reference)};
  };
  if (parsed->chart_name() != manifest->name) {
    return strict("the repository's last path component must be the chart's name");
  }
  if (!parsed->tag.empty() && parsed->tag != manifest->tag) {
    return strict("the tag must be the chart's version, " + manifest->tag);
  }
  if (!parsed->digest.empty()) return strict("a chart is pushed to a tag, not a digest");
  const OciReference destination = parsed->with_tag(manifest->tag);
  auto repository = registries.repository(destination);
  if (!repository.ok()) return repository.error();
  if (auto pushed = push_chart(**repository, *manifest, artifact, destination.str());
      !pushed.ok()) {
    return pushed.error();
  }
  return manifest;
}

}  // namespace chartmirror::charts
