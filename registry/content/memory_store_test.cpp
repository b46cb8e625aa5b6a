#include "registry/content/memory_store.h"

#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "registry/content/testing/image_builder.h"
#include "registry/oci/media_types.h"

namespace chartmirror::registry::content {
namespace {

using testing::ImageBuilder;
using testing::random_bytes;

oci::Descriptor describe(std::string_view bytes,
                         std::string_view media_type = oci::media_type::kOciLayerGzip) {
  return oci::Descriptor{.media_type = std::string(media_type),
                         .digest = oci::Digest::of(bytes),
                         .size = static_cast<std::int64_t>(bytes.size())};
}

// Everything a source yields, and the size of the largest single read.
struct Drained {
  std::string bytes;
  size_t largest_read = 0;
};

Result<Drained, Error> drain(BodySource& source) {
  Drained out;
  std::vector<char> buffer(size_t{1} << 20);
  for (;;) {
    auto got = source.read(buffer.data(), buffer.size());
    if (!got.ok()) return got.error();
    if (*got == 0) return out;
    out.largest_read = std::max(out.largest_read, *got);
    out.bytes.append(buffer.data(), *got);
  }
}

std::string fetch_all(MemoryStore& store, const oci::Descriptor& descriptor) {
  auto source = store.fetch_blob(descriptor);
  REQUIRE_MESSAGE(source.ok(), (source.ok() ? "" : source.error().describe()));
  auto drained = drain(**source);
  REQUIRE_MESSAGE(drained.ok(), (drained.ok() ? "" : drained.error().describe()));
  return drained->bytes;
}

}  // namespace

TEST_CASE("a blob pushed can be checked, fetched, and is counted") {
  MemoryStore store;
  const std::string bytes = random_bytes(200'000, 7);
  const oci::Descriptor blob = describe(bytes);
  CHECK_FALSE(*store.exists(blob));

  StringSource source(bytes);
  REQUIRE(store.push_blob(blob, source).ok());
  CHECK(*store.exists(blob));
  CHECK(store.blob(blob.digest) == bytes);

  store.set_read_chunk(4096);
  auto fetched = store.fetch_blob(blob);
  REQUIRE(fetched.ok());
  auto drained = drain(**fetched);
  REQUIRE(drained.ok());
  CHECK(drained->bytes == bytes);
  CHECK(drained->largest_read == 4096);  // served in chunks, however large the buffer

  const MemoryStore::Counters counters = store.counters();
  CHECK(counters.blobs_pushed == 1);
  CHECK(counters.exists_calls == 2);
  CHECK(counters.blob_fetches == 1);
  CHECK(counters.max_concurrent_blob_pushes == 1);
  store.reset_counters();
  CHECK(store.counters().blobs_pushed == 0);
}

TEST_CASE("push_blob refuses content that does not match its descriptor, and keeps nothing") {
  const std::string bytes = random_bytes(1000, 1);
  struct Case {
    const char* name;
    std::string content;
    bool retryable;
  };
  const std::vector<Case> cases = {
      {"other bytes", random_bytes(1000, 2), false},
      {"short", bytes.substr(0, 999), true},
      {"trailing data", bytes + "x", false},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      MemoryStore store("dst");
      StringSource source(c.content);
      auto pushed = store.push_blob(describe(bytes), source);
      REQUIRE_FALSE(pushed.ok());
      CHECK(pushed.error().code == Error::Code::kDigestMismatch);
      CHECK(pushed.error().operation == "push blob");
      CHECK(pushed.error().retryable == c.retryable);
      CHECK(pushed.error().message.find("dst refused the blob") == 0);
      CHECK(store.blob_count() == 0);
      CHECK(store.counters().failed_pushes == 1);
    }
  }
}

TEST_CASE("a manifest is stored only once what it refers to is stored") {
  MemoryStore store;
  ImageBuilder builder(store);
  const oci::Descriptor image = builder.image("linux/amd64", {builder.layer(100)});
  const std::string bytes = *store.manifest(image.digest);

  MemoryStore other;
  auto refused = other.push_manifest(image, bytes, "v1");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == Error::Code::kNotFound);
  CHECK(refused.error().message.find("MANIFEST_BLOB_UNKNOWN") != std::string::npos);
  CHECK(other.manifest_count() == 0);
  CHECK_FALSE(other.tag("v1").has_value());

  // An index needs its manifests, not only their blobs.
  const oci::Descriptor index = builder.index({image});
  auto index_refused = MemoryStore().push_manifest(index, *store.manifest(index.digest), "");
  REQUIRE_FALSE(index_refused.ok());
  CHECK(index_refused.error().reference == image.digest.str());
}

TEST_CASE("push_manifest checks the bytes against the descriptor") {
  MemoryStore store;
  ImageBuilder builder(store);
  const oci::Descriptor image = builder.image("linux/amd64", {});
  const std::string bytes = *store.manifest(image.digest);
  oci::Descriptor wrong = image;
  wrong.digest = oci::Digest::of("something else");
  auto pushed = store.push_manifest(wrong, bytes, "");
  REQUIRE_FALSE(pushed.ok());
  CHECK(pushed.error().code == Error::Code::kDigestMismatch);
  CHECK(pushed.error().operation == "push manifest");
}

TEST_CASE("resolve finds tags and digests") {
  MemoryStore store;
  ImageBuilder builder(store, testing::Flavor::kDocker);
  const oci::Descriptor image = builder.image("linux/arm64", {builder.layer(10)}, "1.0");

  auto by_tag = store.resolve("1.0");
  REQUIRE(by_tag.ok());
  CHECK(by_tag->digest == image.digest);
  CHECK(by_tag->size == image.size);
  CHECK(by_tag->media_type == oci::media_type::kDockerManifest);
  auto by_digest = store.resolve(image.digest.str());
  REQUIRE(by_digest.ok());
  CHECK(by_digest->digest == image.digest);

  const std::vector<std::string> missing = {"2.0", oci::Digest::of("nothing").str()};
  for (const auto& identifier : missing) {
    CAPTURE(identifier);
    auto resolved = store.resolve(identifier);
    REQUIRE_FALSE(resolved.ok());
    CHECK(resolved.error().code == Error::Code::kNotFound);
  }
  auto malformed = store.resolve("sha256:zz");
  REQUIRE_FALSE(malformed.ok());
  CHECK(malformed.error().code == Error::Code::kInvalidInput);
}

TEST_CASE("referrers lists the manifests whose subject is the given one") {
  MemoryStore store;
  ImageBuilder builder(store);
  const oci::Descriptor image = builder.image("linux/amd64", {builder.layer(10)});
  const oci::Descriptor other = builder.image("linux/arm64", {builder.layer(10)});
  const oci::Descriptor signature = builder.referrer(image, "application/vnd.dev.sig", "sig");
  const oci::Descriptor sbom = builder.referrer(image, "application/spdx+json", "{}");

  auto found = store.referrers(image);
  REQUIRE(found.ok());
  REQUIRE(found->size() == 2);
  for (const auto& referrer : *found) {
    CHECK((referrer.digest == signature.digest || referrer.digest == sbom.digest));
    CHECK_FALSE(referrer.artifact_type.empty());
  }
  CHECK(store.referrers(other)->empty());
}

TEST_CASE("faults fail, corrupt or break chosen calls") {
  MemoryStore store;
  ImageBuilder builder(store);
  const oci::Descriptor a = builder.layer(1000);
  const oci::Descriptor b = builder.layer(1000);
  const std::string a_bytes = *store.blob(a.digest);

  SUBCASE("the second fetch of a blob fails, once") {
    store.inject({.digest = a.digest, .after = 1});
    CHECK(fetch_all(store, a) == a_bytes);
    auto failed = store.fetch_blob(a);
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().code == Error::Code::kTransport);
    CHECK(failed.error().retryable);
    CHECK(failed.error().reference == a.digest.str());
    CHECK(fetch_all(store, a) == a_bytes);
    CHECK(fetch_all(store, b) == *store.blob(b.digest));  // another digest: unaffected
  }
  SUBCASE("corrupted bytes, of the same size") {
    store.inject({.kind = MemoryStore::Fault::Kind::kCorrupt, .times = 2});
    const std::string served = fetch_all(store, a);
    CHECK(served.size() == a_bytes.size());
    CHECK(served != a_bytes);
    CHECK(fetch_all(store, b) != *store.blob(b.digest));
    CHECK(fetch_all(store, a) == a_bytes);
  }
  SUBCASE("a stream that breaks half way") {
    store.inject(
        {.kind = MemoryStore::Fault::Kind::kBreakStream, .times = MemoryStore::Fault::kForever});
    for (int i = 0; i < 3; ++i) {
      auto source = store.fetch_blob(a);
      REQUIRE(source.ok());
      auto drained = drain(**source);
      REQUIRE_FALSE(drained.ok());
      CHECK(drained.error().code == Error::Code::kTransport);
    }
  }
  SUBCASE("a failing push keeps nothing") {
    MemoryStore dst;
    dst.inject(
        {.operation = MemoryStore::Operation::kPushBlob,
         .error = {.code = Error::Code::kHttpStatus, .message = "denied", .http_status = 403}});
    StringSource source(a_bytes);
    auto pushed = dst.push_blob(a, source);
    REQUIRE_FALSE(pushed.ok());
    CHECK(pushed.error().http_status == 403);
    CHECK(dst.blob_count() == 0);
    StringSource again(a_bytes);
    CHECK(dst.push_blob(a, again).ok());
  }
  SUBCASE("cleared faults are gone") {
    store.inject({.times = MemoryStore::Fault::kForever});
    store.clear_faults();
    CHECK(fetch_all(store, a) == a_bytes);
  }
}

TEST_CASE("blobs mount from a peer that allows it") {
  MemoryStore src("registry.example/library/src");
  MemoryStore dst("registry.example/library/dst");
  const oci::Descriptor blob = ImageBuilder(src).layer(100);
  CHECK(src.mount_source().empty());

  dst.allow_mounts_from(src);
  CHECK(src.mount_source() == "registry.example/library/src");
  CHECK(*dst.mount_blob(blob, src.mount_source()));
  CHECK(dst.blob(blob.digest) == src.blob(blob.digest));
  CHECK(dst.counters().blobs_mounted == 1);
  CHECK_FALSE(*dst.mount_blob(describe("unknown"), src.mount_source()));
  CHECK_FALSE(*dst.mount_blob(blob, "elsewhere/repo"));
}

TEST_CASE("concurrent pushes overlap and are all stored") {
  MemoryStore store;
  store.set_push_delay(std::chrono::milliseconds(20));
  std::vector<std::string> blobs;
  for (std::uint32_t i = 0; i < 8; ++i) blobs.push_back(random_bytes(5000, i));
  {
    std::vector<std::jthread> threads;
    threads.reserve(blobs.size());
    for (const auto& bytes : blobs) {
      threads.emplace_back([&store, &bytes] {
        StringSource source(bytes);
        CHECK(store.push_blob(describe(bytes), source).ok());
      });
    }
  }
  CHECK(store.blob_count() == blobs.size());
  CHECK(store.counters().max_concurrent_blob_pushes > 1);
}

}  // namespace chartmirror::registry::content
