#include "registry/copy/verifying_source.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace chartmirror::registry::copy {
namespace {

// Yields `bytes` `chunk` bytes at a time, then optionally fails instead of ending.
class ChunkedSource final : public content::BodySource {
 public:
  ChunkedSource(std::string bytes, size_t chunk, std::optional<Error> then = std::nullopt)
      : bytes_(std::move(bytes)), chunk_(chunk), then_(std::move(then)) {}
  [[nodiscard]] Result<size_t, Error> read(char* data, size_t size) override {
    const size_t n = std::min({size, chunk_, bytes_.size() - offset_});
    if (n == 0 && then_) return *then_;
    bytes_.copy(data, n, offset_);
    offset_ += n;
    return n;
  }

 private:
  std::string bytes_;
  size_t chunk_;
  std::optional<Error> then_;
  size_t offset_ = 0;
};

oci::Descriptor describe(const std::string& bytes) {
  return oci::Descriptor{.media_type = "application/octet-stream",
                         .digest = oci::Digest::of(bytes),
                         .size = static_cast<std::int64_t>(bytes.size())};
}

// What a reader got before the stream ended or failed.
struct Outcome {
  std::string handed_on;
  std::optional<Error> error;
};

// Reads like a store: until 0, or only `limit` bytes (a Content-Length upload) when given.
Outcome read_all(VerifyingSource& source, std::optional<size_t> limit = std::nullopt) {
  Outcome out;
  char buffer[7];
  while (!limit || out.handed_on.size() < *limit) {
    auto got = source.read(buffer, sizeof buffer);
    if (!got.ok()) {
      out.error = got.error();
      break;
    }
    if (*got == 0) break;
    out.handed_on.append(buffer, *got);
  }
  return out;
}

}  // namespace

TEST_CASE("a verifying source hands on what matches and refuses the rest before the end") {
  const std::string expected = "the quick brown fox jumps over the lazy dog";
  std::string other = expected;
  other.back() = 'G';

  struct Case {
    const char* name;
    std::string served;
    bool ok;
    bool retryable;
    size_t handed_on;  // bytes the reader received before the error or the end
  };
  const std::vector<Case> cases = {
      {"matching content", expected, true, false, expected.size()},
      // Six reads of 7 bytes go through; the read that completes the 43 bytes is withheld.
      {"other content of the same size", other, false, false, 42},
      {"short content", expected.substr(0, 20), false, true, 20},
      // The read that runs past the 43 bytes is withheld whole.
      {"trailing data", expected + "!!", false, false, 42},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      size_t reported = 0;
      VerifyingSource source(std::make_unique<ChunkedSource>(c.served, 7), describe(expected), {},
                             [&](size_t n) { reported += n; });
      const Outcome outcome = read_all(source);
      CHECK(outcome.handed_on.size() == c.handed_on);
      CHECK(reported == c.handed_on);
      CHECK(source.verified() == c.ok);
      CHECK(outcome.error.has_value() == !c.ok);
      if (outcome.error) {
        CHECK(outcome.error->code == Error::Code::kDigestMismatch);
        CHECK(outcome.error->retryable == c.retryable);
        CHECK(outcome.error->reference == describe(expected).digest.str());
        REQUIRE(source.error().has_value());
        CHECK(source.error()->message == outcome.error->message);
        // Once failed, always failed.
        char byte = 0;
        CHECK_FALSE(source.read(&byte, 1).ok());
      }
    }
  }
}

TEST_CASE("a reader that stops at the announced size never receives all of a wrong body") {
  const std::string expected(100, 'a');
  const std::string wrong(100, 'b');
  VerifyingSource source(std::make_unique<ChunkedSource>(wrong, 64), describe(expected));
  const Outcome outcome = read_all(source, expected.size());
  CHECK(outcome.handed_on.size() == 98);  // 14 reads of 7; the 15th, completing 100, is refused
  REQUIRE(outcome.error.has_value());
  CHECK(outcome.error->code == Error::Code::kDigestMismatch);
}

TEST_CASE("bytes after a complete, verified body are refused") {
  const std::string expected = "fourteen bytes";
  VerifyingSource source(std::make_unique<ChunkedSource>(expected + "xyz", 7), describe(expected));
  const Outcome outcome = read_all(source);
  CHECK(outcome.handed_on == expected);
  REQUIRE(outcome.error.has_value());
  CHECK(outcome.error->code == Error::Code::kDigestMismatch);
  CHECK(outcome.error->message.find("trailing data") != std::string::npos);
  CHECK_FALSE(source.verified());
}

TEST_CASE("an empty blob verifies at the end of the stream") {
  VerifyingSource source(std::make_unique<ChunkedSource>("", 7), describe(""));
  const Outcome outcome = read_all(source);
  CHECK_FALSE(outcome.error.has_value());
  CHECK(source.verified());
}

TEST_CASE("the wrapped source's errors and a stop pass through and are kept") {
  const std::string bytes = "0123456789";
  SUBCASE("the source fails") {
    const Error reset{.code = Error::Code::kTransport, .message = "reset", .retryable = true};
    VerifyingSource source(std::make_unique<ChunkedSource>(bytes.substr(0, 4), 7, reset),
                           describe(bytes));
    const Outcome outcome = read_all(source);
    REQUIRE(outcome.error.has_value());
    CHECK(outcome.error->code == Error::Code::kTransport);
    CHECK(source.error()->message == "reset");
  }
  SUBCASE("stopped between buffers") {
    std::atomic<bool> stop{false};
    VerifyingSource source(
        std::make_unique<ChunkedSource>(bytes, 3), describe(bytes), [&] { return stop.load(); },
        [&](size_t /*n*/) { stop = true; });
    const Outcome outcome = read_all(source);
    CHECK(outcome.handed_on.size() == 3);
    REQUIRE(outcome.error.has_value());
    CHECK(outcome.error->code == Error::Code::kCancelled);
  }
}

}  // namespace chartmirror::registry::copy
