// registry/layout/layout_index.h — a layout's index.json: which manifests it holds, by tag.
//
// index.json is an OCI image index (OCI image spec, image-layout.md, "index.json file"). Its
// entries name manifests; an entry is tagged by its `org.opencontainers.image.ref.name`
// annotation (annotations.md), which is how skopeo, oras and crane write tags. The value is
// compared as a whole string: skopeo writes "v1", containerd and buildkit write full names
// ("docker.io/library/alpine:3.19"), and both are found as written.
//
// A LayoutIndex is an immutable value. with_tag() returns a new one and leaves entries it does
// not replace — and every field chartmirror does not model, on the index and on its entries —
// exactly as they were, so rewriting a layout another tool wrote loses nothing of it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "registry/error.h"
#include "registry/oci/descriptor.h"
#include "registry/oci/digest.h"
#include "registry/oci/manifest.h"
#include "support/result.h"

namespace chartmirror::registry::layout {

inline constexpr std::string_view kRefNameAnnotation = "org.opencontainers.image.ref.name";

class LayoutIndex {
 public:
  // An index with no entries, as a new layout starts.
  [[nodiscard]] static LayoutIndex empty();

  // Reads index.json; `source` (its path) is named in errors. An index.json without a
  // mediaType is read as an OCI index (skopeo 1.9 writes none). Anything that is not an index
  // is kInvalidInput; manifest parse errors keep their code and field path.
  [[nodiscard]] static Result<LayoutIndex, Error> parse(std::string_view bytes,
                                                        const std::string& source);

  // The entries, in file order.
  [[nodiscard]] const std::vector<oci::Descriptor>& manifests() const;
  // The entry tagged `tag`; the first one if several are (a layout written by hand).
  [[nodiscard]] const oci::Descriptor* find_tag(std::string_view tag) const;
  // The first entry for `digest`, tagged or not.
  [[nodiscard]] const oci::Descriptor* find_digest(const oci::Digest& digest) const;
  // Every ref.name, sorted, each once.
  [[nodiscard]] std::vector<std::string> tags() const;

  // This index with `tag` naming `descriptor`: entries tagged `tag` are replaced (in the
  // position of the first) by {mediaType, digest, size, platform when the descriptor has one,
  // annotations {ref.name: tag}}; without such an entry the new one is appended.
  [[nodiscard]] Result<LayoutIndex, Error> with_tag(const oci::Descriptor& descriptor,
                                                    std::string_view tag) const;

  // The bytes of index.json.
  [[nodiscard]] const std::string& bytes() const { return index_.bytes(); }

 private:
  explicit LayoutIndex(oci::Manifest index) : index_(std::move(index)) {}

  oci::Manifest index_;  // parsed from bytes(): always an index
};

}  // namespace chartmirror::registry::layout
