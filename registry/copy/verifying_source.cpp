#include "registry/copy/verifying_source.h"

#include <limits>
#include <string>
#include <string_view>
#include <utility>

namespace chartmirror::registry::copy {

VerifyingSource::VerifyingSource(std::unique_ptr<content::BodySource>&& inner,
                                 const oci::Descriptor& expected, std::function<bool()> stop,
                                 std::function<void(size_t)> on_bytes)
    : inner_(std::move(inner)),
      digest_(expected.digest),
      verifier_(expected.digest, expected.size),
      // A negative size never completes; the verifier reports the bad descriptor.
      expected_size_(expected.size < 0 ? std::numeric_limits<std::uint64_t>::max()
                                       : static_cast<std::uint64_t>(expected.size)),
      stop_(std::move(stop)),
      on_bytes_(std::move(on_bytes)) {}

Result<size_t, Error> VerifyingSource::fail(Error error) {
  error_ = std::move(error);
  return *error_;
}

Result<size_t, Error> VerifyingSource::read(char* data, size_t size) {
  if (error_) return *error_;
  if (stop_ && stop_()) {
    return fail(Error{.code = Error::Code::kCancelled, .message = "the copy was cancelled"});
  }
  auto got = inner_->read(data, size);
  if (!got.ok()) return fail(got.error());
  if (*got == 0) {
    if (verified_) return size_t{0};
    // The stream ended before the announced size (or the descriptor is unusable).
    if (auto finished = verifier_.finish(); !finished.ok()) return fail(finished.error());
    verified_ = true;  // an empty blob: nothing was read and nothing was missing
    return size_t{0};
  }
  if (verified_) {
    // The verifier has finished (it is finished once); what follows a complete body is ours
    // to refuse.
    verified_ = false;
    return fail(Error{.code = Error::Code::kDigestMismatch,
                      .message = "received more than the " + std::to_string(expected_size_) +
                                 " bytes the descriptor announces (trailing data)",
                      .operation = "verify content",
                      .reference = digest_.str()});
  }
  if (auto checked = verifier_.update(std::string_view(data, *got)); !checked.ok()) {
    return fail(checked.error());
  }
  if (verifier_.bytes_received() == expected_size_) {
    // The body is complete: judge it now, so that a reader that stops at descriptor.size bytes
    // (a Content-Length upload) never receives the last bytes of a wrong body.
    if (auto finished = verifier_.finish(); !finished.ok()) return fail(finished.error());
    verified_ = true;
  }
  if (on_bytes_) on_bytes_(*got);
  return *got;
}

}  // namespace chartmirror::registry::copy
