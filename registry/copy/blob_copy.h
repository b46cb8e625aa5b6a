// registry/copy/blob_copy.h — copies one blob from a source store to a destination store
// (internal to registry/copy): exists → skip; mount when the source offers a mount source;
// else fetch, verify while streaming, push; retried per copy/retry.h. Keeps the counts and the
// progress of all the blobs of one copy; copy_blob() is called from several worker threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string_view>

#include "registry/content/store.h"
#include "registry/copy/copy.h"
#include "registry/copy/retry.h"
#include "registry/error.h"
#include "registry/oci/descriptor.h"
#include "support/result.h"

namespace chartmirror::registry::copy {

// Fills in what a store's error leaves empty: operation "copy", the side, the reference.
[[nodiscard]] Error on_side(Error error, std::string_view side, std::string_view reference);
// The error every cancelled step returns.
[[nodiscard]] Error cancelled_error();

class BlobCopier {
 public:
  // `retry.stop` tells when to give up: the user cancelled, or another blob failed.
  BlobCopier(content::ReadableStore& src, content::WritableStore& dst,
             std::function<void(const CopyProgress&)> on_progress, RetryPolicy retry);

  // Called once per distinct blob, when its copy_blob() is queued (for blobs_total).
  void count() { ++blobs_total_; }
  // Makes the blob exist at the destination. Thread-safe.
  [[nodiscard]] Status<Error> copy_blob(const oci::Descriptor& blob);

  // Adds this copy's blob counts to `result`.
  void add_counts(CopyResult& result) const;

 private:
  [[nodiscard]] Status<Error> transfer(const oci::Descriptor& blob);
  void report(const oci::Descriptor& blob);
  [[nodiscard]] bool stopped() const { return retry_.stop && retry_.stop(); }

  content::ReadableStore& src_;
  content::WritableStore& dst_;
  const std::string mount_source_;
  std::function<void(const CopyProgress&)> on_progress_;
  RetryPolicy retry_;

  std::atomic<std::uint64_t> bytes_done_{0};
  std::atomic<std::uint64_t> bytes_total_{0};
  std::atomic<std::uint64_t> bytes_copied_{0};
  std::atomic<size_t> blobs_total_{0};
  std::atomic<size_t> blobs_done_{0};
  std::atomic<size_t> copied_{0};
  std::atomic<size_t> skipped_{0};
  std::atomic<size_t> mounted_{0};
  std::mutex progress_mutex_;  // one on_progress call at a time
};

}  // namespace chartmirror::registry::copy
