// registry/oci/manifest.h — image manifests and indexes, parsed from the bytes a registry sent.
//
// A Manifest is either an image manifest (OCI image manifest or Docker schema 2: a config and
// layers) or an index (OCI image index or Docker manifest list: one manifest per platform).
// It keeps the exact bytes it was parsed from and their sha256 digest: a manifest's identity
// is its bytes, so chartmirror pushes these bytes and never writes a manifest back out of the
// parsed fields.
//
// parse_manifest's contract:
//   - More than kMaxManifestBytes (4 MiB, the limit registries enforce): kTooLarge. JSON
//     nested more than 64 levels deep: kInvalidInput, refused before it is parsed.
//   - Docker schema 1 (schemaVersion 1, or a schema 1 mediaType or Content-Type): kUnsupported.
//   - Not JSON, not an object, schemaVersion other than 2, a missing or mistyped required field
//     (config of an image; mediaType, digest, size of every descriptor; os and architecture of
//     a platform), a negative size: kInvalidInput, naming the field's path ("layers[2].size").
//   - A digest with an algorithm other than sha256/sha512, or a mediaType that is neither a
//     manifest nor an index type: kUnsupported.
//   - The media type is the document's `mediaType`; when the document has none, the
//     Content-Type header's when it names a manifest or index type; otherwise the kind is told
//     from the content ("manifests" → OCI index, "config" → OCI manifest). A document whose
//     mediaType differs from the header is accepted (the document wins), unless one is schema 1.
//   - An image manifest with "manifests", or an index with "config" or "layers", is refused
//     (kInvalidInput): such a document means different things to different readers
//     (CVE-2021-41190, image-spec GHSA-77vh-xpmg-72qh).
//   - "layers" and "manifests" may be absent and then are empty (Distribution accepts that).
// Errors have operation "parse manifest"; the caller adds reference, URL and side.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "registry/error.h"
#include "registry/oci/descriptor.h"
#include "registry/oci/digest.h"
#include "support/result.h"

namespace chartmirror::registry::oci {

inline constexpr std::size_t kMaxManifestBytes = std::size_t{4} * 1024 * 1024;

// An OCI image manifest or Docker schema 2 manifest.
struct ImageManifest {
  Descriptor config;
  std::vector<Descriptor> layers;
  std::optional<Descriptor> subject;  // OCI 1.1: the manifest this one refers to (referrers)
  std::string artifact_type;          // OCI 1.1; empty when absent
  std::map<std::string, std::string> annotations;
};

// An OCI image index or Docker manifest list.
struct ImageIndex {
  std::vector<Descriptor> manifests;  // each with its platform when the document gives one
  std::optional<Descriptor> subject;
  std::string artifact_type;
  std::map<std::string, std::string> annotations;
};

class Manifest {
 public:
  enum class Kind { kImage, kIndex };

  [[nodiscard]] Kind kind() const { return is_index() ? Kind::kIndex : Kind::kImage; }
  [[nodiscard]] bool is_index() const { return document_.index() == 1; }

  // The bytes as received; what to push and what digest() hashes.
  [[nodiscard]] const std::string& bytes() const { return bytes_; }
  // sha256 of bytes(). To check bytes against a digest of another algorithm, use verify().
  [[nodiscard]] const Digest& digest() const { return digest_; }
  // One of the four types of media_type::kManifestAcceptList; the Content-Type to push with.
  [[nodiscard]] const std::string& media_type() const { return media_type_; }

  // The document; nullptr when it is of the other kind.
  [[nodiscard]] const ImageManifest* image() const {
    return std::get_if<ImageManifest>(&document_);
  }
  [[nodiscard]] const ImageIndex* index() const { return std::get_if<ImageIndex>(&document_); }
  [[nodiscard]] const std::variant<ImageManifest, ImageIndex>& document() const {
    return document_;
  }

  // Every descriptor the document refers to, in document order: an image's config then its
  // layers, or an index's manifests. The subject is not a child (a referrer may be copied
  // without it); read it from subject().
  [[nodiscard]] std::vector<Descriptor> children() const;
  [[nodiscard]] const std::optional<Descriptor>& subject() const;
  [[nodiscard]] const std::string& artifact_type() const;
  [[nodiscard]] const std::map<std::string, std::string>& annotations() const;

  // Media type, digest and size of this manifest, as a parent index would list it.
  [[nodiscard]] Descriptor descriptor() const;
  // This manifest as the referrers API lists it (OCI distribution spec, "Listing Referrers"):
  // descriptor() plus artifactType (else the config's media type) and the annotations.
  [[nodiscard]] Descriptor referrer_descriptor() const;

 private:
  friend Result<Manifest, Error> parse_manifest(std::string_view, std::string_view);
  Manifest(std::string bytes, std::string media_type, std::variant<ImageManifest, ImageIndex> doc);

  std::string bytes_;
  Digest digest_;
  std::string media_type_;
  std::variant<ImageManifest, ImageIndex> document_;
};

// Parses a manifest or index; `content_type` is the response's Content-Type header ("" when
// there was none, e.g. a file in a layout directory). See the contract at the top.
[[nodiscard]] Result<Manifest, Error> parse_manifest(std::string_view bytes,
                                                     std::string_view content_type);

}  // namespace chartmirror::registry::oci
