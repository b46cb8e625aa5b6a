// registry/content/memory_store.h — a store held in memory, for testing code written against
// content::ReadableStore and content::WritableStore (the copy, above all).
//
// It behaves like a strict registry, so that a test passing against it says something about a
// real one:
//   - push_blob reads the content to its end and keeps it only when it is exactly
//     descriptor.size bytes hashing to descriptor.digest (kDigestMismatch otherwise), as
//     Distribution does when an upload is completed;
//   - push_manifest verifies the bytes against the descriptor, parses them, and refuses
//     (kNotFound) a manifest whose distributable blobs or child manifests are not stored yet,
//     as Distribution's MANIFEST_BLOB_UNKNOWN does;
//   - referrers(subject) lists the stored manifests whose `subject` names it (OCI 1.1).
//
// For tests it counts calls (counters()), can fail or corrupt chosen calls (inject()), slow
// pushes down (set_push_delay) and mount blobs from another MemoryStore (allow_mounts_from).
//
// Thread-safe: every method may be called from several threads at once. A blob push reads its
// content outside the store's lock, so concurrent pushes really overlap.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registry/content/store.h"
#include "registry/error.h"
#include "registry/oci/descriptor.h"
#include "registry/oci/digest.h"
#include "registry/oci/manifest.h"
#include "support/result.h"

namespace chartmirror::registry::content {

class MemoryStore final : public Store {
 public:
  // Calls made since construction or reset_counters().
  struct Counters {
    size_t resolves = 0;
    size_t manifest_fetches = 0;
    size_t blob_fetches = 0;
    size_t referrers_calls = 0;
    size_t exists_calls = 0;
    size_t blobs_pushed = 0;      // successful push_blob calls
    size_t manifests_pushed = 0;  // successful push_manifest calls
    size_t blobs_mounted = 0;     // mount_blob calls that returned true
    size_t failed_pushes = 0;     // push_blob or push_manifest calls that returned an error
    size_t max_concurrent_blob_pushes = 0;
  };

  enum class Operation { kResolve, kFetchManifest, kFetchBlob, kExists, kPushBlob, kPushManifest };

  // A planned misbehaviour: among the calls of `operation` (about `digest`, when given), the
  // first `after` go through, and the following `times` misbehave as `kind` says.
  struct Fault {
    static constexpr int kForever = -1;

    // Where a kind does not apply (kCorrupt on a push, kBreakStream on a manifest fetch), the
    // call fails as with kFail.
    enum class Kind {
      kFail,         // the call returns `error`
      kCorrupt,      // fetch_manifest / fetch_blob: the content with its first byte changed
      kBreakStream,  // fetch_blob: the stream returns `error` after half of the bytes
    };

    Operation operation = Operation::kFetchBlob;
    Kind kind = Kind::kFail;
    std::optional<oci::Digest> digest;
    int after = 0;
    int times = 1;  // or kForever
    Error error{.code = Error::Code::kTransport,
                .message = "connection reset by peer (injected fault)",
                .retryable = true};
  };

  explicit MemoryStore(std::string name = "memory");
  ~MemoryStore() override;
  MemoryStore(const MemoryStore&) = delete;
  MemoryStore& operator=(const MemoryStore&) = delete;
  MemoryStore(MemoryStore&&) = delete;
  MemoryStore& operator=(MemoryStore&&) = delete;

  // ReadableStore. `identifier` is a tag, or a digest ("sha256:…").
  [[nodiscard]] Result<oci::Descriptor, Error> resolve(std::string_view identifier) override;
  [[nodiscard]] Result<std::string, Error> fetch_manifest(
      const oci::Descriptor& descriptor) override;
  // Streams at most read_chunk() bytes per read, however large the caller's buffer.
  [[nodiscard]] Result<std::unique_ptr<BodySource>, Error> fetch_blob(
      const oci::Descriptor& descriptor) override;
  // In digest order; each with media type, digest, size, artifact type and annotations.
  [[nodiscard]] Result<std::vector<oci::Descriptor>, Error> referrers(
      const oci::Descriptor& subject) override;
  // Sorted.
  [[nodiscard]] Result<std::vector<std::string>, Error> list_tags() override;
  // The store's name, when blobs may be mounted from it (see allow_mounts_from); else "".
  [[nodiscard]] std::string mount_source() const override;

  // WritableStore.
  [[nodiscard]] Result<bool, Error> exists(const oci::Descriptor& descriptor) override;
  [[nodiscard]] Status<Error> push_blob(const oci::Descriptor& descriptor,
                                        BodySource& content) override;
  // true when `source` names a store passed to allow_mounts_from() that holds the blob.
  [[nodiscard]] Result<bool, Error> mount_blob(const oci::Descriptor& descriptor,
                                               const std::string& source) override;
  [[nodiscard]] Status<Error> push_manifest(const oci::Descriptor& descriptor,
                                            std::string_view bytes, std::string_view tag) override;

  // Test controls.
  void inject(Fault fault);
  void clear_faults();
  [[nodiscard]] Counters counters() const;
  void reset_counters();
  // Every push_blob sleeps this long after reading its content (to make pushes overlap).
  void set_push_delay(std::chrono::milliseconds delay);
  void set_read_chunk(size_t bytes);  // default 64 KiB
  [[nodiscard]] size_t read_chunk() const;
  // Lets mount_blob take blobs from `peer`, and makes `peer` offer itself as a mount source.
  // `peer` must outlive this store.
  void allow_mounts_from(MemoryStore& peer);

  // What the store holds.
  [[nodiscard]] std::optional<std::string> blob(const oci::Digest& digest) const;
  [[nodiscard]] std::optional<std::string> manifest(const oci::Digest& digest) const;
  [[nodiscard]] std::optional<oci::Digest> tag(std::string_view name) const;
  [[nodiscard]] size_t blob_count() const;
  [[nodiscard]] size_t manifest_count() const;
  [[nodiscard]] size_t tag_count() const;

 private:
  struct StoredManifest {
    std::string media_type;
    std::shared_ptr<const std::string> bytes;
    std::optional<oci::Digest> subject;
    std::string artifact_type;
    std::map<std::string, std::string> annotations;
  };
  struct ArmedFault {
    Fault fault;
    int seen = 0;  // matching calls so far
  };

  // The fault that applies to this call, if any; counts the call. Caller holds mutex_.
  [[nodiscard]] std::optional<Fault> take_fault(Operation operation, const oci::Digest& digest);
  // kNotFound when a child the manifest refers to is not stored. Caller holds mutex_.
  [[nodiscard]] Status<Error> check_children(const oci::Manifest& manifest) const;
  [[nodiscard]] Error not_found(std::string_view what, std::string_view identifier) const;

  const std::string name_;
  mutable std::mutex mutex_;
  std::map<std::string, oci::Digest, std::less<>> tags_;             // guarded by mutex_
  std::map<oci::Digest, StoredManifest> manifests_;                  // guarded by mutex_
  std::map<oci::Digest, std::shared_ptr<const std::string>> blobs_;  // guarded by mutex_
  std::map<std::string, MemoryStore*, std::less<>> mount_peers_;     // guarded by mutex_
  bool offers_mounts_ = false;                                       // guarded by mutex_
  std::vector<ArmedFault> faults_;                                   // guarded by mutex_
  Counters counters_;                                                // guarded by mutex_
  size_t pushes_in_flight_ = 0;                                      // guarded by mutex_
  std::chrono::milliseconds push_delay_{0};                          // guarded by mutex_
  size_t read_chunk_ = size_t{64} * 1024;                            // guarded by mutex_
};

}  // namespace chartmirror::registry::content
