// The copy against sources and destinations that misbehave: corrupted content, transient and
// permanent faults, cancellation. The rule checked throughout: a failed copy writes no tag and
// stores no unverified byte.
#include <atomic>
#include <chrono>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "registry/copy/copy.h"
#include "registry/copy/copy_test_support.h"

namespace chartmirror::registry::copy {
namespace {

using std::chrono::milliseconds;
using testing::check_copied;
using testing::Fixture;
using testing::MemoryStore;
using testing::multi_platform;

using Fault = MemoryStore::Fault;
using Operation = MemoryStore::Operation;

// The copy failed and left no trace a client could use: no tag, no root.
void check_nothing_tagged(Fixture& f, const oci::Descriptor& root) {
  CHECK(f.dst.tag_count() == 0);
  CHECK_FALSE(f.dst.manifest(root.digest).has_value());
}

}  // namespace

TEST_CASE("a corrupted source blob fails the copy, and is neither stored nor tagged") {
  for (const size_t concurrency : {size_t{1}, size_t{4}}) {
    CAPTURE(concurrency);
    Fixture f;
    f.options.concurrency = concurrency;
    const auto image = multi_platform(f.builder, {"linux/amd64", "linux/arm64"});
    f.src.inject({.kind = Fault::Kind::kCorrupt,
                  .digest = image.shared_layer.digest,
                  .times = Fault::kForever});

    auto result = f.run();
    REQUIRE_FALSE(result.ok());
    const Error& error = result.error();
    CHECK(error.code == Error::Code::kDigestMismatch);
    CHECK(error.side == "source");
    CHECK(error.reference == image.shared_layer.digest.str());
    CHECK_FALSE(error.retryable);  // other content, not a short read: retrying cannot help
    CHECK(f.src.counters().blob_fetches >= 1);
    CHECK_FALSE(f.dst.blob(image.shared_layer.digest).has_value());
    CHECK(f.dst.manifest_count() == 0);
    check_nothing_tagged(f, image.index);
    CHECK(f.slept().empty());
  }
}

TEST_CASE("a corrupted manifest fails the copy before anything is pushed") {
  Fixture f;
  const auto image = multi_platform(f.builder, {"linux/amd64", "linux/arm64"});
  f.src.inject({.operation = Operation::kFetchManifest,
                .kind = Fault::Kind::kCorrupt,
                .digest = image.images[1].digest});
  auto result = f.run();
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == Error::Code::kDigestMismatch);
  CHECK(result.error().side == "source");
  CHECK(result.error().reference == image.images[1].digest.str());
  CHECK(f.dst.manifest_count() == 0);
  check_nothing_tagged(f, image.index);
}

TEST_CASE("transient faults are retried with backoff and the copy succeeds") {
  struct Case {
    const char* name;
    Fault fault;
  };
  const std::vector<Case> cases = {
      {"fetch fails", {.operation = Operation::kFetchBlob, .times = 2}},
      {"stream breaks half way", {.kind = Fault::Kind::kBreakStream, .times = 2}},
      {"push fails with 503",
       {.operation = Operation::kPushBlob,
        .times = 2,
        .error = {.code = Error::Code::kHttpStatus,
                  .message = "service unavailable",
                  .http_status = 503,
                  .retryable = true}}},
      // About one manifest: blob workers ask the destination at the same time as the walk,
      // so "the n-th call" would be a different call from run to run.
      {"exists fails", {.operation = Operation::kExists, .times = 2}},
      {"manifest fetch fails", {.operation = Operation::kFetchManifest, .times = 2}},
      {"manifest push fails", {.operation = Operation::kPushManifest, .times = 2}},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      Fixture f;
      f.options.concurrency = 1;  // one blob at a time: the faults hit one blob twice
      const auto image = multi_platform(f.builder, {"linux/amd64", "linux/arm64"});
      Fault fault = c.fault;
      if (fault.operation == Operation::kExists) fault.digest = image.images[1].digest;
      f.src.inject(fault);
      f.dst.inject(fault);
      const CopyResult result = f.copied();
      check_copied(f.src, f.dst, image.index);
      CHECK(f.dst.tag("v1") == image.index.digest);
      CHECK(result.blobs_copied == 5);
      // Each faulty call is retried after 200 ms, then 400 ms.
      CHECK(f.slept() == std::vector<milliseconds>{milliseconds(200), milliseconds(400)});
    }
  }
}

TEST_CASE("a permanent fault fails the copy once the retries are spent") {
  Fixture f;
  f.options.concurrency = 1;  // the config first, whole; then the layer, which fails
  f.options.retries = 3;
  f.options.backoff = milliseconds(100);
  f.options.max_backoff = milliseconds(300);
  const oci::Descriptor layer = f.builder.layer(100);
  const oci::Descriptor image = f.builder.image("linux/amd64", {layer}, "v1");
  f.src.inject({.digest = layer.digest, .times = Fault::kForever});
  f.src.reset_counters();

  auto result = f.run();
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == Error::Code::kTransport);
  CHECK(result.error().side == "source");
  CHECK(result.error().operation == "copy");
  CHECK(result.error().retryable);
  CHECK(f.src.counters().blob_fetches == 1 + 4);  // the config; the layer, 1 + 3 retries
  CHECK(f.slept() ==
        std::vector<milliseconds>{milliseconds(100), milliseconds(200), milliseconds(300)});
  check_nothing_tagged(f, image);
}

TEST_CASE("an error that is not retryable fails at once, on its side") {
  Fixture f;
  const auto image = multi_platform(f.builder, {"linux/amd64"});
  f.dst.inject({.operation = Operation::kPushBlob,
                .times = Fault::kForever,
                .error = {.code = Error::Code::kUnauthorized,
                          .message = "denied",
                          .operation = "push blob",
                          .method = "PUT",
                          .http_status = 403}});
  auto result = f.run();
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == Error::Code::kUnauthorized);
  CHECK(result.error().side == "destination");
  CHECK(result.error().operation == "push blob");  // the store's own operation is kept
  CHECK(result.error().http_status == 403);
  CHECK(f.slept().empty());
  check_nothing_tagged(f, image.index);
}

TEST_CASE("a failing root push leaves no tag") {
  Fixture f;
  const auto image = multi_platform(f.builder, {"linux/amd64", "linux/arm64"});
  f.dst.inject({.operation = Operation::kPushManifest,
                .digest = image.index.digest,
                .error = {.code = Error::Code::kHttpStatus, .message = "bad", .http_status = 400}});
  auto result = f.run();
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().side == "destination");
  CHECK(f.dst.manifest_count() == 2);  // the children, which are harmless without a tag
  check_nothing_tagged(f, image.index);
}

TEST_CASE("a cancelled copy stops with kCancelled and writes no tag") {
  Fixture f;
  f.src.set_read_chunk(256);
  const auto image = multi_platform(f.builder, {"linux/amd64", "linux/arm64"}, "v1", 20'000);
  std::atomic<bool> cancelled{false};
  f.options.cancelled = &cancelled;
  f.options.concurrency = 1;  // so that no other blob completes while the cancel lands

  SUBCASE("before it starts") {
    cancelled = true;
    auto result = f.run();
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == Error::Code::kCancelled);
    CHECK(f.src.counters().resolves == 0);
  }
  SUBCASE("between buffers of a blob") {
    f.options.on_progress = [&](const CopyProgress& progress) {
      if (progress.bytes_done > 0) cancelled = true;
    };
    auto result = f.run();
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == Error::Code::kCancelled);
    CHECK(result.error().side.empty());
    CHECK(f.dst.counters().blobs_pushed == 0);  // the blob in flight was refused mid-stream
  }
  SUBCASE("while waiting to retry") {
    f.src.inject({.times = Fault::kForever});
    f.options.sleep = [&](milliseconds /*delay*/) { cancelled = true; };
    f.src.reset_counters();
    auto result = f.run();
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == Error::Code::kCancelled);
    CHECK(f.src.counters().blob_fetches == 1);  // no attempt after the cancellation
  }
  check_nothing_tagged(f, image.index);
}

}  // namespace chartmirror::registry::copy
