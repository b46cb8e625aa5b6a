#include "registry/oci/digest.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace chartmirror::registry::oci {
namespace {

constexpr std::string_view kEmptySha256 =
    "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr std::string_view kAbcSha256 =
    "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr std::string_view kAbcSha512 =
    "sha512:ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
    "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

// Deterministic bytes of every value, so that chunk boundaries fall anywhere.
std::string pattern(std::size_t size) {
  std::string bytes(size, '\0');
  std::uint32_t state = 2463534242U;
  for (char& c : bytes) {
    state ^= state << 13U;
    state ^= state >> 17U;
    state ^= state << 5U;
    c = static_cast<char>(state & 0xffU);
  }
  return bytes;
}

Digest parsed(std::string_view text) {
  auto digest = Digest::parse(text);
  REQUIRE(digest.ok());
  return std::move(digest).value();
}

}  // namespace

TEST_CASE("the digest of known bytes") {
  CHECK(Digest::of("").str() == kEmptySha256);
  CHECK(Digest::of("abc").str() == kAbcSha256);
  CHECK(Digest::of("abc", Digest::Algorithm::kSha512).str() == kAbcSha512);

  const Digest abc = Digest::of("abc");
  CHECK(abc.algorithm() == "sha256");
  CHECK(abc.algorithm_id() == Digest::Algorithm::kSha256);
  CHECK(abc.hex() == kAbcSha256.substr(7));
  CHECK(abc == parsed(kAbcSha256));
  CHECK(abc != Digest::of(""));
  CHECK(Digest::of("abc", Digest::Algorithm::kSha512).algorithm() == "sha512");

  const Digest none;
  CHECK(none.empty());
  CHECK(none.str().empty());
  CHECK(none.algorithm().empty());
  CHECK(none.hex().empty());
}

TEST_CASE("digests parse only in their canonical form") {
  for (const std::string_view good : {kEmptySha256, kAbcSha256, kAbcSha512}) {
    CAPTURE(good);
    CHECK(parsed(good).str() == good);
  }
  CHECK(parsed(kAbcSha512).algorithm_id() == Digest::Algorithm::kSha512);

  struct Case {
    std::string text;
    Error::Code code;
    std::string_view expected;
  };
  const std::string hex64(kAbcSha256.substr(7));
  const Case cases[] = {
      {"", Error::Code::kInvalidInput, "expected algorithm:hex"},
      {hex64, Error::Code::kInvalidInput, "expected algorithm:hex"},
      {"sha256:", Error::Code::kInvalidInput, "64 hex characters, not 0"},
      {"sha256:abc", Error::Code::kInvalidInput, "64 hex characters, not 3"},
      {"sha256:" + hex64 + "0", Error::Code::kInvalidInput, "not 65"},
      {"sha512:" + hex64, Error::Code::kInvalidInput, "128 hex characters, not 64"},
      {"sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
       Error::Code::kInvalidInput, "lowercase"},
      {"sha256:" + hex64.substr(0, 63) + "g", Error::Code::kInvalidInput, "lowercase"},
      {"SHA256:" + hex64, Error::Code::kInvalidInput, "expected algorithm:hex"},
      {" sha256:" + hex64, Error::Code::kInvalidInput, "expected algorithm:hex"},
      {"sha256 :" + hex64, Error::Code::kInvalidInput, "expected algorithm:hex"},
      {":" + hex64, Error::Code::kInvalidInput, "expected algorithm:hex"},
      {"sha256+:" + hex64, Error::Code::kInvalidInput, "expected algorithm:hex"},
      {"md5:d41d8cd98f00b204e9800998ecf8427e", Error::Code::kUnsupported, "'md5' is not supported"},
      {"blake3:" + hex64, Error::Code::kUnsupported, "use sha256 or sha512"},
      {"sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564", Error::Code::kUnsupported,
       "'sha256+b64u'"},
      {"blake3:" + hex64 + "!", Error::Code::kInvalidInput, "expected algorithm:hex"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto digest = Digest::parse(c.text);
    REQUIRE_FALSE(digest.ok());
    CHECK(digest.error().code == c.code);
    CHECK(digest.error().operation == "parse digest");
    CHECK(digest.error().message.find(c.expected) != std::string::npos);
  }
}

TEST_CASE("streaming in small chunks gives the one-shot digest") {
  const std::string bytes = pattern(1 << 20);
  for (const auto algorithm : {Digest::Algorithm::kSha256, Digest::Algorithm::kSha512}) {
    const Digest one_shot = Digest::of(bytes, algorithm);
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{63},
                                    std::size_t{64}, std::size_t{4099}, bytes.size()}) {
      CAPTURE(chunk);
      Digester digester(algorithm);
      for (std::size_t at = 0; at < bytes.size(); at += chunk) {
        if (at % 2 == 0) {
          digester.update(std::string_view(bytes).substr(at, chunk));
        } else {
          const std::size_t size = std::min(chunk, bytes.size() - at);
          digester.update(bytes.data() + at, size);
        }
      }
      CHECK(digester.bytes_hashed() == bytes.size());
      CHECK(digester.finish() == one_shot);
    }
  }
}

TEST_CASE("a digester starts over after finish") {
  Digester digester;
  digester.update("ab");
  digester.update("");
  digester.update(nullptr, 0);
  digester.update("c");
  CHECK(digester.finish().str() == kAbcSha256);
  CHECK(digester.bytes_hashed() == 0);
  CHECK(digester.finish().str() == kEmptySha256);
  digester.update("abc");
  CHECK(digester.finish().str() == kAbcSha256);
}

TEST_CASE("a verifier accepts exactly the announced content") {
  const std::string bytes = pattern(100000);
  const Digest digest = Digest::of(bytes);
  DigestVerifier verifier(digest, static_cast<std::int64_t>(bytes.size()));
  for (std::size_t at = 0; at < bytes.size(); at += 999) {
    REQUIRE(verifier.update(std::string_view(bytes).substr(at, 999)).ok());
  }
  CHECK(verifier.bytes_received() == bytes.size());
  CHECK(verifier.finish().ok());

  CHECK(verify("", parsed(kEmptySha256), 0).ok());
  CHECK(verify("abc", parsed(kAbcSha256), 3).ok());
  CHECK(verify("abc", parsed(kAbcSha512), 3).ok());  // hashed with the expected algorithm
}

TEST_CASE("a verifier catches wrong, short, trailing content and bad descriptors") {
  const Digest abc = parsed(kAbcSha256);
  struct Case {
    std::string_view name;
    std::vector<std::string_view> chunks;
    Digest expected;
    std::int64_t size;
    std::optional<Error::Code> code;  // nullopt: accepted
    bool retryable;
    std::string_view message;
  };
  const Case cases[] = {
      {"other bytes",
       {"abd"},
       abc,
       3,
       Error::Code::kDigestMismatch,
       false,
       "hash to sha256:a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9, not to "
       "the expected sha256:ba7816bf"},
      {"other algorithm", {"abc"}, parsed(kAbcSha512), 3, std::nullopt, false, ""},
      {"short", {"ab"}, abc, 3, Error::Code::kDigestMismatch, true, "received 2 of the 3 bytes"},
      {"nothing", {}, abc, 3, Error::Code::kDigestMismatch, true, "received 0 of the 3 bytes"},
      {"trailing in one chunk",
       {"abcd"},
       abc,
       3,
       Error::Code::kDigestMismatch,
       false,
       "more than the 3 bytes"},
      {"trailing chunk",
       {"abc", "d"},
       abc,
       3,
       Error::Code::kDigestMismatch,
       false,
       "trailing data"},
      {"negative size", {"abc"}, abc, -1, Error::Code::kInvalidInput, false, "size -1"},
      {"no digest", {"abc"}, Digest(), 3, Error::Code::kInvalidInput, false, "digest ''"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    DigestVerifier verifier(c.expected, c.size);
    Status<Error> status = Done{};
    for (const std::string_view chunk : c.chunks) {
      status = verifier.update(chunk);
      if (!status.ok()) break;
    }
    if (status.ok()) status = verifier.finish();
    if (!c.code) {
      CHECK(status.ok());
      continue;
    }
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == c.code);
    CHECK(status.error().retryable == c.retryable);
    CHECK(status.error().operation == "verify content");
    CHECK(status.error().reference == c.expected.str());
    CHECK(status.error().message.find(c.message) != std::string::npos);
  }
}

}  // namespace chartmirror::registry::oci
