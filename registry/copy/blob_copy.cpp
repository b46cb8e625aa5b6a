#include "registry/copy/blob_copy.h"

#include <memory>
#include <string>
#include <utility>

#include "registry/copy/verifying_source.h"

namespace chartmirror::registry::copy {

Error on_side(Error error, std::string_view side, std::string_view reference) {
  if (error.operation.empty()) error.operation = "copy";
  // A cancellation happened on neither side.
  if (error.side.empty() && error.code != Error::Code::kCancelled) error.side = side;
  if (error.reference.empty()) error.reference = reference;
  return error;
}

Error cancelled_error() {
  return Error{
      .code = Error::Code::kCancelled, .message = "the copy was cancelled", .operation = "copy"};
}

BlobCopier::BlobCopier(content::ReadableStore& src, content::WritableStore& dst,
                       std::function<void(const CopyProgress&)> on_progress, RetryPolicy retry)
    : src_(src),
      dst_(dst),
      mount_source_(src.mount_source()),
      on_progress_(std::move(on_progress)),
      retry_(std::move(retry)) {}

void BlobCopier::report(const oci::Descriptor& blob) {
  if (!on_progress_) return;
  const std::lock_guard lock(progress_mutex_);
  on_progress_(CopyProgress{.bytes_done = bytes_done_.load(),
                            .bytes_total = bytes_total_.load(),
                            .blobs_done = blobs_done_.load(),
                            .blobs_total = blobs_total_.load(),
                            .current = blob.digest});
}

Status<Error> BlobCopier::copy_blob(const oci::Descriptor& blob) {
  const std::string& digest = blob.digest.str();
  if (stopped()) return cancelled_error();

  auto exists = with_retries(retry_, [&] { return dst_.exists(blob); });
  if (!exists.ok()) return on_side(exists.error(), "destination", digest);
  if (*exists) {
    ++skipped_;
    ++blobs_done_;
    report(blob);
    return Done{};
  }

  if (!mount_source_.empty()) {
    auto mounted = with_retries(retry_, [&] { return dst_.mount_blob(blob, mount_source_); });
    if (!mounted.ok()) return on_side(mounted.error(), "destination", digest);
    if (*mounted) {
      ++mounted_;
      ++blobs_done_;
      report(blob);
      return Done{};
    }
  }

  bytes_total_ += static_cast<std::uint64_t>(blob.size);
  auto pushed = with_retries(retry_, [&] { return transfer(blob); });
  if (!pushed.ok()) return pushed;
  ++copied_;
  bytes_copied_ += static_cast<std::uint64_t>(blob.size);
  ++blobs_done_;
  report(blob);
  return Done{};
}

// One attempt: a fresh download streamed through the verifier into the destination.
Status<Error> BlobCopier::transfer(const oci::Descriptor& blob) {
  const std::string& digest = blob.digest.str();
  if (stopped()) return cancelled_error();
  auto fetched = src_.fetch_blob(blob);
  if (!fetched.ok()) return on_side(fetched.error(), "source", digest);

  std::uint64_t attempt_bytes = 0;
  VerifyingSource verified(
      std::move(fetched).value(), blob, [this] { return stopped(); },
      [&](size_t n) {
        attempt_bytes += n;
        bytes_done_ += n;
        report(blob);
      });
  auto pushed = dst_.push_blob(blob, verified);
  if (!pushed.ok()) {
    bytes_done_ -= attempt_bytes;  // a retry starts from zero again
    // The source's stream failed (or was refused) under the destination's read: the source's
    // error is the cause, whatever the destination made of it.
    if (verified.error()) return on_side(*verified.error(), "source", digest);
    return on_side(pushed.error(), "destination", digest);
  }
  if (!verified.verified()) {
    bytes_done_ -= attempt_bytes;
    return on_side(Error{.code = Error::Code::kDigestMismatch,
                         .message = "the destination accepted the blob after reading " +
                                    std::to_string(verified.bytes_read()) + " of its " +
                                    std::to_string(blob.size) + " bytes; it was not verified"},
                   "destination", digest);
  }
  return Done{};
}

void BlobCopier::add_counts(CopyResult& result) const {
  result.bytes_copied += bytes_copied_.load();
  result.blobs_copied += copied_.load();
  result.blobs_skipped += skipped_.load();
  result.blobs_mounted += mounted_.load();
}

}  // namespace chartmirror::registry::copy
