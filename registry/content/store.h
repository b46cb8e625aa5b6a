// registry/content/store.h — where images are read from and written to, in the small
// interfaces the copy is written against (as oras-go's content package has them). A remote
// repository, an OCI image-layout directory and an in-memory store each implement both.
//
// Content is addressed by descriptor (media type, digest, size). Stores hand out bytes as they
// have them; verifying them against the descriptor is the reader's job (the copy verifies
// every byte before anything refers to it). Manifests are small and come whole; blobs come as
// streams and are never held whole in memory.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registry/content/body_source.h"
#include "registry/error.h"
#include "registry/oci/descriptor.h"
#include "support/result.h"

namespace chartmirror::registry::content {

class ReadableStore {
 public:
  virtual ~ReadableStore() = default;

  // What a tag or digest names: the descriptor of a manifest or index (media type, digest,
  // size). kNotFound when there is none.
  [[nodiscard]] virtual Result<oci::Descriptor, Error> resolve(std::string_view identifier) = 0;

  // The bytes of a manifest or index, exactly as stored.
  [[nodiscard]] virtual Result<std::string, Error> fetch_manifest(
      const oci::Descriptor& descriptor) = 0;

  // A blob's bytes as a stream.
  [[nodiscard]] virtual Result<std::unique_ptr<BodySource>, Error> fetch_blob(
      const oci::Descriptor& descriptor) = 0;

  // The manifests whose `subject` is `subject` (OCI 1.1 referrers), for copying signatures
  // and attestations. Empty when the store has none or cannot tell.
  [[nodiscard]] virtual Result<std::vector<oci::Descriptor>, Error> referrers(
      const oci::Descriptor& subject) = 0;

  // Every tag, in the store's order. Copying cosign-style signatures (`sha256-<hex>.sig`)
  // needs it: they are found by their tag, not through the manifest they sign.
  [[nodiscard]] virtual Result<std::vector<std::string>, Error> list_tags() = 0;

  // Where blobs can be mounted from without a download (a remote repository names itself
  // "registry/repository"); empty when not applicable.
  [[nodiscard]] virtual std::string mount_source() const { return {}; }
};

class WritableStore {
 public:
  virtual ~WritableStore() = default;

  // Whether the store holds this manifest or blob already (by digest).
  [[nodiscard]] virtual Result<bool, Error> exists(const oci::Descriptor& descriptor) = 0;

  // Stores a blob; `content` yields exactly descriptor.size bytes. A store that can check the
  // digest on its side (a registry does) refuses content that does not match.
  [[nodiscard]] virtual Status<Error> push_blob(const oci::Descriptor& descriptor,
                                                BodySource& content) = 0;

  // Makes a blob available by mounting it from `source` (see mount_source()), without
  // moving bytes. false when the store cannot (a different registry, or the source refused),
  // in which case the caller pushes the blob instead.
  [[nodiscard]] virtual Result<bool, Error> mount_blob(const oci::Descriptor& /*descriptor*/,
                                                       const std::string& /*source*/) {
    return false;
  }

  // What `tag` names here now; nullopt when nothing does, or when the store cannot tell (the
  // copy then pushes the manifest again, which is harmless). A second copy of an image costs
  // this one request instead of a walk.
  [[nodiscard]] virtual Result<std::optional<oci::Descriptor>, Error> tagged(
      std::string_view /*tag*/) {
    return std::optional<oci::Descriptor>{};
  }

  // Stores a manifest or index by digest, or under `tag` when given (the tag then names it).
  // Every child must already be stored: registries may refuse a manifest whose blobs are
  // missing, and a tag must never name something incomplete.
  [[nodiscard]] virtual Status<Error> push_manifest(const oci::Descriptor& descriptor,
                                                    std::string_view bytes,
                                                    std::string_view tag) = 0;
};

// Both sides at once: what a reference on the command line opens, to read or to write.
class Store : public ReadableStore, public WritableStore {
 public:
  [[nodiscard]] Result<std::optional<oci::Descriptor>, Error> tagged(
      std::string_view tag) override {
    auto current = resolve(tag);
    if (current.ok()) return std::optional<oci::Descriptor>(std::move(current).value());
    if (current.error().code == Error::Code::kNotFound) return std::optional<oci::Descriptor>{};
    return current.error();
  }
};

}  // namespace chartmirror::registry::content
