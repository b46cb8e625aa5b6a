#include "registry/oci/digest.h"

#include <array>
#include <cstdio>
#include <cstdlib>

#include <openssl/err.h>
#include <openssl/evp.h>

namespace chartmirror::registry::oci {
namespace {

constexpr std::string_view kSha256 = "sha256";
constexpr std::string_view kSha512 = "sha512";

Error parse_error(Error::Code code, std::string_view text, std::string_view why) {
  return Error{.code = code,
               .message = "'" + std::string(text) +
                          "' is not a digest chartmirror can use: " + std::string(why),
               .operation = "parse digest"};
}

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_lower_hex(char c) { return (c >= 'a' && c <= 'f') || (c >= '0' && c <= '9'); }

// descriptor.md: algorithm-component ([a-z0-9]+) joined by one of "+._-".
bool is_algorithm(std::string_view text) {
  bool after_separator = true;
  for (const char c : text) {
    if (is_lower_alnum(c)) {
      after_separator = false;
    } else if ((c == '+' || c == '.' || c == '_' || c == '-') && !after_separator) {
      after_separator = true;
    } else {
      return false;
    }
  }
  return !after_separator;
}

// descriptor.md: encoded is [a-zA-Z0-9=_-]+.
bool is_encoded(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    const bool ok = is_lower_alnum(c) || (c >= 'A' && c <= 'Z') || c == '=' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

const EVP_MD* evp_of(Digest::Algorithm algorithm) {
  return algorithm == Digest::Algorithm::kSha512 ? EVP_sha512() : EVP_sha256();
}

std::string_view name_of(Digest::Algorithm algorithm) {
  return algorithm == Digest::Algorithm::kSha512 ? kSha512 : kSha256;
}

[[noreturn]] void fatal(const char* what) {
  std::fprintf(stderr, "chartmirror: OpenSSL %s failed (error %lu); cannot hash content\n", what,
               ERR_get_error());
  std::abort();
}

std::string to_text(Digest::Algorithm algorithm, const unsigned char* hash, unsigned int size) {
  static constexpr std::array<char, 16> kHex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  const std::string_view name = name_of(algorithm);
  std::string text(name.size() + 1 + 2 * std::size_t{size}, ':');
  name.copy(text.data(), name.size());
  char* out = text.data() + name.size() + 1;
  for (unsigned int i = 0; i < size; ++i) {
    *out++ = kHex[hash[i] >> 4U];
    *out++ = kHex[hash[i] & 0xfU];
  }
  return text;
}

}  // namespace

Result<Digest, Error> Digest::parse(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    return parse_error(Error::Code::kInvalidInput, text, "expected algorithm:hex, e.g. sha256:…");
  }
  const std::string_view algorithm = text.substr(0, colon);
  const std::string_view encoded = text.substr(colon + 1);
  Algorithm id = Algorithm::kSha256;
  std::size_t length = 0;
  if (algorithm == kSha256) {
    length = 64;
  } else if (algorithm == kSha512) {
    id = Algorithm::kSha512;
    length = 128;
  } else if (is_algorithm(algorithm) && is_encoded(encoded)) {
    return parse_error(
        Error::Code::kUnsupported, text,
        "the algorithm '" + std::string(algorithm) + "' is not supported; use sha256 or sha512");
  } else {
    return parse_error(Error::Code::kInvalidInput, text, "expected algorithm:hex, e.g. sha256:…");
  }
  if (encoded.size() != length) {
    return parse_error(Error::Code::kInvalidInput, text,
                       std::string(algorithm) + " digests have " + std::to_string(length) +
                           " hex characters, not " + std::to_string(encoded.size()));
  }
  for (const char c : encoded) {
    if (!is_lower_hex(c)) {
      return parse_error(Error::Code::kInvalidInput, text,
                         "the hex part must be lowercase hexadecimal (0-9, a-f)");
    }
  }
  return Digest(id, std::string(text));
}

Digest Digest::of(std::string_view bytes, Algorithm algorithm) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> hash{};
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), hash.data(), &size, evp_of(algorithm), nullptr) != 1) {
    fatal("EVP_Digest");
  }
  return Digest(algorithm, to_text(algorithm, hash.data(), size));
}

std::string_view Digest::algorithm() const {
  return text_.empty() ? std::string_view() : name_of(algorithm_);
}

std::string_view Digest::hex() const {
  const std::size_t colon = text_.find(':');
  return colon == std::string::npos ? std::string_view()
                                    : std::string_view(text_).substr(colon + 1);
}

void Digester::FreeContext::operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }

Digester::Digester(Digest::Algorithm algorithm)
    : algorithm_(algorithm), context_(EVP_MD_CTX_new()) {
  if (context_ == nullptr) fatal("EVP_MD_CTX_new");
  start();
}

void Digester::start() {
  if (EVP_DigestInit_ex(context_.get(), evp_of(algorithm_), nullptr) != 1) {
    fatal("EVP_DigestInit_ex");
  }
  bytes_ = 0;
}

void Digester::update(const void* data, std::size_t size) {
  if (size == 0) return;
  if (EVP_DigestUpdate(context_.get(), data, size) != 1) fatal("EVP_DigestUpdate");
  bytes_ += size;
}

Digest Digester::finish() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> hash{};
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(context_.get(), hash.data(), &size) != 1) fatal("EVP_DigestFinal_ex");
  Digest digest(algorithm_, to_text(algorithm_, hash.data(), size));
  start();
  return digest;
}

DigestVerifier::DigestVerifier(Digest expected, std::int64_t expected_size)
    : expected_(std::move(expected)),
      expected_size_(expected_size),
      digester_(expected_.algorithm_id()) {}

Error DigestVerifier::mismatch(std::string message, bool retryable) const {
  return Error{.code = Error::Code::kDigestMismatch,
               .message = std::move(message),
               .operation = "verify content",
               .reference = expected_.str(),
               .retryable = retryable};
}

Status<Error> DigestVerifier::update(std::string_view bytes) {
  if (expected_size_ < 0 || expected_.empty()) return finish();  // reports the bad descriptor
  const auto limit = static_cast<std::uint64_t>(expected_size_);
  if (received_ > limit || bytes.size() > limit - received_) {
    received_ += bytes.size();
    return finish();  // reports the trailing data
  }
  digester_.update(bytes);
  received_ += bytes.size();
  return Done{};
}

Status<Error> DigestVerifier::finish() {
  if (expected_size_ < 0 || expected_.empty()) {
    return Error{.code = Error::Code::kInvalidInput,
                 .message = "cannot verify content against a descriptor with size " +
                            std::to_string(expected_size_) + " and digest '" + expected_.str() +
                            "'",
                 .operation = "verify content",
                 .reference = expected_.str()};
  }
  const auto limit = static_cast<std::uint64_t>(expected_size_);
  if (received_ > limit) {
    return mismatch("received more than the " + std::to_string(limit) +
                        " bytes the descriptor announces (trailing data)",
                    false);
  }
  if (received_ < limit) {
    return mismatch("received " + std::to_string(received_) + " of the " + std::to_string(limit) +
                        " bytes the descriptor announces; the transfer ended early",
                    true);
  }
  const Digest actual = digester_.finish();
  if (actual != expected_) {
    return mismatch("the " + std::to_string(limit) + " bytes received hash to " + actual.str() +
                        ", not to the expected " + expected_.str() +
                        "; the source served other content than the descriptor names",
                    false);
  }
  return Done{};
}

Status<Error> verify(std::string_view bytes, const Digest& expected, std::int64_t expected_size) {
  DigestVerifier verifier(expected, expected_size);
  auto updated = verifier.update(bytes);
  if (!updated.ok()) return updated;
  return verifier.finish();
}

}  // namespace chartmirror::registry::oci
