// registry/copy/copy.h — copies an image (a manifest or an index and everything it refers to)
// from one store to another, written once against content::ReadableStore/WritableStore so it
// works for any pair: registry to registry, registry to layout directory, memory to memory.
//
// The walk (oras-go's CopyGraph order):
//   - The source identifier (tag or digest) is resolved to the root descriptor. Every manifest
//     read from the source is checked against the descriptor that named it (digest and size)
//     before it is parsed, and every blob byte is checked as it streams through
//     (copy/verifying_source.h): nothing unverified reaches the destination.
//   - A manifest the destination already has (exists(), by digest) is skipped with its whole
//     subtree. Otherwise its children are copied first (an image's config and layers, an
//     index's manifests, recursively), then the manifest itself, by digest.
//   - The destination tag is written last, by pushing the root manifest under it once every
//     other manifest and blob is stored; if anything fails no tag is written. When the root
//     already exists at the destination and the destination is also a ReadableStore (every
//     store in chartmirror is), the tag is resolved there first and pushed only when it does
//     not name the root yet — so a second identical copy pushes nothing. An empty dst_tag
//     writes no tag (the root is pushed by digest).
//
// Blobs: exists → skipped; else, when the source has a mount_source(), mount_blob → mounted;
// else fetch → verify → push. Blobs are copied by a pool of `concurrency` worker threads, one
// job per digest (a layer shared by two platforms is copied once). Non-distributable
// ("foreign") layers are not copied, as docker does not push them; they count as skipped.
// Retryable errors (Error::retryable: 5xx, 429, resets, a transfer that ended early) are
// retried up to `retries` times per blob with exponential backoff, fetching from the source
// again each time. Manifest reads and writes are retried the same way.
//
// Platforms: with a non-empty `platforms` and an index root, only the index entries whose
// platform matches one of the filters (oci::Platform::matches) are copied. One match: the tag
// names that platform's image manifest. Several: a new index of the same media type (OCI index
// or Docker manifest list) listing only those entries, every other field of the source index
// (annotations included) kept, is pushed and tagged. None: kNotFound naming the platforms
// asked for and those available. Either way index_preserved is false. A filter does not apply
// to a root that is an image manifest: it is copied as it is. Without filters an index is
// copied byte for byte.
//
// Referrers (OCI 1.1 `subject`): with `referrers`, every manifest the walk reaches (copied or
// found existing) is asked src.referrers(), and each referrer's graph is copied too, by digest,
// recursively (signatures of attestations), before the root tag is written. Referrers of the
// children of a manifest that already exists at the destination are not looked for. cosign's
// tags are copied too: for every manifest reached (and every entry of a root index), the source
// tags `sha256-<hex>.sig`, `.att` and `.sbom` (one tag listing per copy) are copied with their
// graphs under the same names. A second copy with `referrers` walks again (new signatures may have
// appeared), but moves only what is new.
//
// Threads: copy() blocks; it walks manifests on the calling thread and copies blobs on its
// workers, so the stores' methods are called from several threads at once and must be
// thread-safe (MemoryStore is; a remote store shares one HTTP client). on_progress is called
// from worker threads, one call at a time; sleep from any thread, possibly several at once.
// Every worker has ended when copy() returns.
//
// Errors are the store's (or the verifier's) error with operation "copy" and side "source"
// or "destination" filled in when the store left them empty, and the digest concerned as the
// reference when none is set. Cancellation (checked between manifests, between blobs and
// between buffers of a blob) returns kCancelled.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "registry/content/store.h"
#include "registry/error.h"
#include "registry/oci/descriptor.h"
#include "registry/oci/digest.h"
#include "support/result.h"

namespace chartmirror::registry::copy {

// A snapshot of the blob transfers, reported after each buffer and each finished blob.
struct CopyProgress {
  std::uint64_t bytes_done = 0;   // bytes of blobs pushed so far (a retried attempt's undone)
  std::uint64_t bytes_total = 0;  // sizes of the blobs found to need a transfer, so far
  size_t blobs_done = 0;          // blobs finished: copied, mounted or found existing
  size_t blobs_total = 0;         // distinct blobs met so far
  oci::Digest current;            // the blob this report is about
};

struct CopyOptions {
  // Empty: every platform, and an index is copied as it is. See the header comment.
  std::vector<oci::Platform> platforms;
  // Also copy the manifests whose subject is a copied manifest (signatures, attestations).
  bool referrers = false;
  // Blobs in flight at once (worker threads); 0 counts as 1.
  size_t concurrency = 4;
  // Further attempts per blob or manifest operation after a retryable error; 3 → 4 attempts.
  int retries = 3;
  // The wait before the first retry; it doubles on each further retry, up to max_backoff.
  std::chrono::milliseconds backoff{200};
  std::chrono::milliseconds max_backoff{std::chrono::seconds(10)};
  // How to wait between attempts; empty: sleep, waking early when cancelled. Tests inject one.
  // Called from several threads at once.
  std::function<void(std::chrono::milliseconds)> sleep;
  // Called from worker threads, never two at once; keep it cheap.
  std::function<void(const CopyProgress&)> on_progress;
  // When set and true, the copy stops at the next check with kCancelled; no tag is written.
  const std::atomic<bool>* cancelled = nullptr;
};

struct CopyResult {
  oci::Descriptor root;            // what the destination tag names (media type, digest, size)
  bool index_preserved = true;     // false when a platform filter replaced or dropped the index
  std::uint64_t bytes_copied = 0;  // bytes of the blobs pushed
  size_t blobs_copied = 0;
  size_t blobs_skipped = 0;  // existing at the destination, or non-distributable
  size_t blobs_mounted = 0;
  size_t manifests_pushed = 0;   // the tagged root included
  size_t manifests_skipped = 0;  // existing at the destination (their subtrees not visited)
  size_t signature_tags = 0;     // cosign-style tags copied (with `referrers`)
};

// Copies what `src_identifier` (a tag or "sha256:…" digest in `src`) names into `dst`, and
// tags it `dst_tag` there (none when empty). See the contract at the top of this file.
[[nodiscard]] Result<CopyResult, Error> copy(content::ReadableStore& src,
                                             std::string_view src_identifier,
                                             content::WritableStore& dst, std::string_view dst_tag,
                                             const CopyOptions& options);

}  // namespace chartmirror::registry::copy
