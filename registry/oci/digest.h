// registry/oci/digest.h — content identity: digests, hashing, and verifying what was received.
//
// A digest names content by its hash, "algorithm:encoded" (OCI image spec, descriptor.md,
// "Digests"). chartmirror computes and checks the two registered algorithms, sha256 (64
// lowercase hex characters) and sha512 (128); a well-formed digest with any other algorithm is
// reported as unsupported rather than malformed, so the user learns it is a limit of ours.
//
// Hashing uses OpenSSL's EVP interface; a Digester hands every buffer straight to OpenSSL (no
// copies, no per-byte work). OpenSSL failing to hash in memory means the process cannot work at
// all (no memory, no default provider), so Digester aborts with a message instead of returning
// a digest of nothing.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <openssl/types.h>

#include "registry/error.h"
#include "support/result.h"

namespace chartmirror::registry::oci {

class Digest {
 public:
  enum class Algorithm { kSha256, kSha512 };

  // A default Digest names nothing: str() is empty. Only parse(), of() and Digester::finish()
  // produce digests that name content.
  Digest() = default;

  // "sha256:<64 lowercase hex>" or "sha512:<128 lowercase hex>". kInvalidInput for text that is
  // not a digest (or has the wrong length or uppercase hex for its algorithm); kUnsupported for
  // a well-formed digest of another algorithm ("blake3:…").
  [[nodiscard]] static Result<Digest, Error> parse(std::string_view text);

  // The digest of `bytes` (sha256 unless told otherwise).
  [[nodiscard]] static Digest of(std::string_view bytes, Algorithm algorithm = Algorithm::kSha256);

  [[nodiscard]] std::string_view algorithm() const;  // "sha256", "sha512"; "" when empty()
  [[nodiscard]] Algorithm algorithm_id() const { return algorithm_; }
  [[nodiscard]] std::string_view hex() const;  // the encoded part, lowercase hex; "" when empty()
  [[nodiscard]] const std::string& str() const { return text_; }
  [[nodiscard]] bool empty() const { return text_.empty(); }

  friend bool operator==(const Digest& a, const Digest& b) { return a.text_ == b.text_; }
  friend std::strong_ordering operator<=>(const Digest& a, const Digest& b) {
    return a.text_ <=> b.text_;
  }

 private:
  Digest(Algorithm algorithm, std::string text) : algorithm_(algorithm), text_(std::move(text)) {}
  friend class Digester;

  Algorithm algorithm_ = Algorithm::kSha256;
  std::string text_;
};

// Hashes content that arrives in pieces. finish() returns the digest of everything passed to
// update() since construction or the previous finish(), and starts over.
class Digester {
 public:
  explicit Digester(Digest::Algorithm algorithm = Digest::Algorithm::kSha256);

  void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
  void update(const void* data, std::size_t size);
  [[nodiscard]] Digest finish();

  [[nodiscard]] Digest::Algorithm algorithm_id() const { return algorithm_; }
  [[nodiscard]] std::uint64_t bytes_hashed() const { return bytes_; }

 private:
  struct FreeContext {
    void operator()(EVP_MD_CTX* context) const;
  };

  void start();

  Digest::Algorithm algorithm_;
  std::unique_ptr<EVP_MD_CTX, FreeContext> context_;
  std::uint64_t bytes_ = 0;
};

// Checks content received under a descriptor: exactly `expected_size` bytes that hash to
// `expected` (hashed with the expected digest's algorithm). Sizes come from the wire, so the
// verifier stops hashing as soon as more bytes arrive than announced.
//
// Errors (operation "verify content", reference = the expected digest), all kDigestMismatch:
//   - trailing data: update() saw more than expected_size bytes (not retryable);
//   - short content: finish() saw fewer bytes (retryable: a dropped connection looks like this);
//   - wrong digest: the bytes hash to something else; the message names expected and actual.
// A negative expected_size or an empty expected digest is kInvalidInput (a descriptor that
// should have been rejected). Call finish() once, after the last update().
class DigestVerifier {
 public:
  DigestVerifier(Digest expected, std::int64_t expected_size);

  [[nodiscard]] Status<Error> update(std::string_view bytes);
  [[nodiscard]] Status<Error> finish();

  [[nodiscard]] std::uint64_t bytes_received() const { return received_; }

 private:
  [[nodiscard]] Error mismatch(std::string message, bool retryable) const;

  Digest expected_;
  std::int64_t expected_size_;
  Digester digester_;
  std::uint64_t received_ = 0;
};

// One-shot form of DigestVerifier, for content held in memory (manifests).
[[nodiscard]] Status<Error> verify(std::string_view bytes, const Digest& expected,
                                   std::int64_t expected_size);

}  // namespace chartmirror::registry::oci
