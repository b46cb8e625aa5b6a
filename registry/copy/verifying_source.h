// registry/copy/verifying_source.h — a BodySource that checks the bytes it passes through
// against the descriptor that names them (oras-go's VerifyReader, as a pull stream).
//
// Every buffer read from the wrapped source is hashed before it is handed on; more bytes than
// the descriptor announces fail at once (the excess is not handed on). A store commits what it
// received at the end of the stream, or after descriptor.size bytes when it sends a
// Content-Length, so the content is judged before either can happen:
//   - the read that completes descriptor.size bytes checks the digest, and on a mismatch
//     returns kDigestMismatch instead of those last bytes;
//   - the read that would return 0 returns kDigestMismatch instead when bytes are missing
//     (retryable: a dropped connection looks like that) or came after the announced size.
// So no store ever sees a complete, clean upload of unverified content.
//
// The source can also be stopped: `stop` is asked before each read, and when it answers
// true the read returns kCancelled. Each buffer handed on is reported to `on_bytes`.
// Once a read has failed, every later read returns the same error; error() keeps it so the
// copy can tell a failure of the source side from one of the destination that read it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "registry/content/body_source.h"
#include "registry/error.h"
#include "registry/oci/descriptor.h"
#include "registry/oci/digest.h"
#include "support/result.h"

namespace chartmirror::registry::copy {

class VerifyingSource final : public content::BodySource {
 public:
  VerifyingSource(std::unique_ptr<content::BodySource>&& inner, const oci::Descriptor& expected,
                  std::function<bool()> stop = {}, std::function<void(size_t)> on_bytes = {});

  [[nodiscard]] Result<size_t, Error> read(char* data, size_t size) override;

  // The error this source returned, if any (the wrapped source's, a mismatch, a cancellation).
  [[nodiscard]] const std::optional<Error>& error() const { return error_; }
  // True once descriptor.size bytes matching the digest were handed on.
  [[nodiscard]] bool verified() const { return verified_; }
  [[nodiscard]] std::uint64_t bytes_read() const { return verifier_.bytes_received(); }

 private:
  Result<size_t, Error> fail(Error error);

  std::unique_ptr<content::BodySource> inner_;
  oci::Digest digest_;
  oci::DigestVerifier verifier_;
  std::uint64_t expected_size_;
  std::function<bool()> stop_;
  std::function<void(size_t)> on_bytes_;
  std::optional<Error> error_;
  bool verified_ = false;
};

}  // namespace chartmirror::registry::copy
