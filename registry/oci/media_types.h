// registry/oci/media_types.h — the media types chartmirror reads, writes and recognises.
//
// Sources: the OCI image spec (media-types.md, manifest.md, image-index.md, layer.md), Docker's
// "Image Manifest V2, Schema 2" and manifest list, and Helm's OCI chart types (helm.sh,
// "Use OCI-based registries"). Docker schema 1 types are listed only so that they can be
// recognised and refused by name.
//
// Comparisons are exact, on the media type without parameters: pass a Content-Type header
// through essence() first ("application/…+json; charset=utf-8" → "application/…+json").
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace chartmirror::registry::oci::media_type {

// OCI image spec.
inline constexpr std::string_view kOciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view kOciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view kOciConfig = "application/vnd.oci.image.config.v1+json";
inline constexpr std::string_view kOciLayer = "application/vnd.oci.image.layer.v1.tar";
inline constexpr std::string_view kOciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
inline constexpr std::string_view kOciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
// Deprecated by OCI 1.1 but still found in Windows images: layers fetched from `urls`.
inline constexpr std::string_view kOciLayerNondistributable =
    "application/vnd.oci.image.layer.nondistributable.v1.tar";
inline constexpr std::string_view kOciLayerNondistributableGzip =
    "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
inline constexpr std::string_view kOciLayerNondistributableZstd =
    "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
// OCI 1.1: the two-byte "{}" blob that artifacts without a config point at.
inline constexpr std::string_view kOciEmpty = "application/vnd.oci.empty.v1+json";

// Docker image manifest v2, schema 2, and the manifest list.
inline constexpr std::string_view kDockerManifest =
    "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr std::string_view kDockerManifestList =
    "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr std::string_view kDockerConfig = "application/vnd.docker.container.image.v1+json";
inline constexpr std::string_view kDockerLayerGzip =
    "application/vnd.docker.image.rootfs.diff.tar.gzip";
inline constexpr std::string_view kDockerForeignLayerGzip =
    "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

// Docker schema 1, recognised in order to be refused.
inline constexpr std::string_view kDockerSchema1Manifest =
    "application/vnd.docker.distribution.manifest.v1+json";
inline constexpr std::string_view kDockerSchema1SignedManifest =
    "application/vnd.docker.distribution.manifest.v1+prettyjws";

// Helm charts stored in OCI registries (an image manifest whose config has kHelmConfig).
inline constexpr std::string_view kHelmConfig = "application/vnd.cncf.helm.config.v1+json";
inline constexpr std::string_view kHelmChartContent =
    "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
inline constexpr std::string_view kHelmChartProvenance =
    "application/vnd.cncf.helm.chart.provenance.v1.prov";

// What a manifest request accepts: every manifest and index type chartmirror can parse, OCI
// first. Schema 1 is left out on purpose: a registry that can convert offers schema 2 instead.
inline constexpr std::array<std::string_view, 4> kManifestAcceptList = {
    kOciManifest, kOciIndex, kDockerManifest, kDockerManifestList};
// kManifestAcceptList as one Accept header value.
inline constexpr std::string_view kManifestAccept =
    "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, "
    "application/vnd.docker.distribution.manifest.v2+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json";

// The media type without parameters or surrounding blanks.
[[nodiscard]] constexpr std::string_view essence(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  const std::size_t begin = content_type.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const std::size_t end = content_type.find_last_not_of(" \t");
  return content_type.substr(begin, end - begin + 1);
}

// An OCI image index or a Docker manifest list.
[[nodiscard]] constexpr bool is_index(std::string_view media_type) {
  return media_type == kOciIndex || media_type == kDockerManifestList;
}

// An OCI image manifest or a Docker schema 2 manifest (not schema 1: see is_schema1).
[[nodiscard]] constexpr bool is_manifest(std::string_view media_type) {
  return media_type == kOciManifest || media_type == kDockerManifest;
}

// Docker schema 1, signed or not.
[[nodiscard]] constexpr bool is_schema1(std::string_view media_type) {
  return media_type == kDockerSchema1Manifest || media_type == kDockerSchema1SignedManifest;
}

// A layer that registries need not hold: its descriptor's `urls` say where to fetch it.
[[nodiscard]] constexpr bool is_non_distributable(std::string_view media_type) {
  return media_type == kDockerForeignLayerGzip || media_type == kOciLayerNondistributable ||
         media_type == kOciLayerNondistributableGzip || media_type == kOciLayerNondistributableZstd;
}

}  // namespace chartmirror::registry::oci::media_type
