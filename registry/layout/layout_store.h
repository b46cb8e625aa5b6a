// registry/layout/layout_store.h — an OCI image-layout directory as a content store, for
// air-gapped transfers: copy images into a directory, carry it across, copy them out.
//
// The directory follows the OCI image spec (image-layout.md) the way skopeo, oras and crane
// write it (layout_skopeo_test.cpp copies both ways with the real skopeo):
//   DIR/oci-layout           {"imageLayoutVersion":"1.0.0"}
//   DIR/index.json           an OCI image index; entries tagged by the annotation
//                            org.opencontainers.image.ref.name (see layout_index.h)
//   DIR/blobs/<alg>/<hex>    every blob and manifest, named by its digest
//
// Contract, in the terms of content::ReadableStore / WritableStore:
//   - resolve(identifier): text that parses as a digest is looked up in index.json, then among
//     the blobs (its media type then read from the manifest itself); any other text is a tag,
//     compared whole with each entry's ref.name. The answer is {media type, digest, size} only,
//     as a registry's HEAD gives it; index.json's platform and annotations are left out.
//     kNotFound when nothing matches.
//   - fetch_manifest reads the blob whole, at most oci::kMaxManifestBytes (kTooLarge beyond);
//     fetch_blob streams the file. Neither verifies: per store.h, the reader does.
//   - exists: the blob file is present and has the descriptor's size (a truncated file from an
//     interrupted tool counts as absent, so a copy writes it again).
//   - push_blob streams into a temporary file beside the final one, hashing as bytes arrive
//     (256 KiB at a time), and renames it into place only when size and digest match; on any
//     failure the temporary file is removed. A blob already present with the right size is
//     kept and `content` is not read (blobs are named by their hash).
//   - push_manifest checks the bytes against the descriptor and that they parse as a manifest
//     or index, stores them as a blob, then — with a tag — rewrites index.json so the tag
//     names them (replacing an entry with the same tag; a tag that parses as a digest is
//     refused, as resolve() would read it as one). Without a tag index.json is left
//     alone: children are reached from their parents, and an untagged manifest still resolves
//     by digest. Children are not checked: a layout may lack blobs (image-layout.md), and the
//     copy pushes them first.
//   - referrers(subject): manifests whose `subject` is subject.digest, among the index.json
//     entries and the direct children of those that are indexes. A referrer stored untagged
//     and outside any index is not found (finding it would mean reading every blob).
// Every file is written under a temporary name and renamed (files.h): a reader, or a crash,
// never sees a partial blob or index.json.
//
// Thread safety: every method may be called from several threads at once. Blob writes share
// nothing (unique temporary names; two writers of one digest rename identical content). The
// index — in memory and index.json — is guarded by a mutex, so concurrent tagged pushes each
// land. Other processes are not coordinated with: while a store is open, it alone should
// write the layout's index.json (the last writer's index would win), as with skopeo and oras.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "registry/content/body_source.h"
#include "registry/content/store.h"
#include "registry/error.h"
#include "registry/layout/layout_index.h"
#include "registry/oci/descriptor.h"
#include "registry/oci/digest.h"
#include "support/result.h"

namespace chartmirror::registry::layout {

inline constexpr std::string_view kLayoutVersion = "1.0.0";

class LayoutStore final : public content::Store {
  struct Key {
    explicit Key() = default;
  };

 public:
  // Opens the layout in `dir`. With `create`, a directory that does not exist or is empty
  // becomes a new layout (oci-layout, an empty index.json, blobs/), and a layout without
  // index.json gets an empty one. A non-empty directory is never turned into a layout: it is
  // more likely a wrong path than a wish.
  // Errors (operation "open layout", url = the file concerned):
  //   kNotFound      `dir` does not exist and `create` is false;
  //   kInvalidInput  `dir` is not a directory, or not a layout: "not an OCI image layout: DIR
  //                  has no oci-layout file" (or: oci-layout is not JSON, has another
  //                  imageLayoutVersion than 1.0.0; index.json is missing, not JSON, not an
  //                  index);
  //   kTransport     the file system failed (permissions, disk full), with its reason.
  [[nodiscard]] static Result<std::unique_ptr<LayoutStore>, Error> open(
      const std::filesystem::path& dir, bool create);

  // For open() only (the Key is private); use open().
  LayoutStore(Key /*key*/, std::filesystem::path dir, LayoutIndex index)
      : dir_(std::move(dir)), index_(std::make_shared<const LayoutIndex>(std::move(index))) {}

  [[nodiscard]] Result<oci::Descriptor, Error> resolve(std::string_view identifier) override;
  [[nodiscard]] Result<std::string, Error> fetch_manifest(
      const oci::Descriptor& descriptor) override;
  [[nodiscard]] Result<std::unique_ptr<content::BodySource>, Error> fetch_blob(
      const oci::Descriptor& descriptor) override;
  [[nodiscard]] Result<std::vector<oci::Descriptor>, Error> referrers(
      const oci::Descriptor& subject) override;

  [[nodiscard]] Result<bool, Error> exists(const oci::Descriptor& descriptor) override;
  [[nodiscard]] Status<Error> push_blob(const oci::Descriptor& descriptor,
                                        content::BodySource& content) override;
  [[nodiscard]] Status<Error> push_manifest(const oci::Descriptor& descriptor,
                                            std::string_view bytes, std::string_view tag) override;

  // Every tag (ref.name) in index.json, sorted.
  [[nodiscard]] std::vector<std::string> tags() const;
  [[nodiscard]] Result<std::vector<std::string>, Error> list_tags() override { return tags(); }

  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
  // DIR/blobs/<algorithm>/<hex>; `digest` must not be empty.
  [[nodiscard]] std::filesystem::path blob_path(const oci::Digest& digest) const;

 private:
  // The index as last read or written. Readers share it and keep it while they use it; a
  // tagged push replaces it rather than changing it, so a reader never sees half an update.
  [[nodiscard]] std::shared_ptr<const LayoutIndex> index() const;
  [[nodiscard]] Status<Error> write_blob(const oci::Descriptor& descriptor,
                                         content::BodySource& content);
  [[nodiscard]] Status<Error> tag(const oci::Descriptor& descriptor, std::string_view tag);

  const std::filesystem::path dir_;
  mutable std::mutex index_mutex_;
  // Guarded by index_mutex_, which also serializes writes of index.json.
  std::shared_ptr<const LayoutIndex> index_;
};

}  // namespace chartmirror::registry::layout
