// LayoutStore writes: verified before named, streamed, concurrent; size limits; referrers.
#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "registry/layout/layout_store.h"
#include "registry/layout/testing/layout_fixture.h"

namespace chartmirror::registry::layout {
namespace {

namespace fs = std::filesystem;

using testing::describe;
using testing::open_store;
using testing::temp_files;
using testing::TempDir;

// Deterministic bytes made as they are read, handed out in odd-sized pieces; remembers the
// largest request, to show the store reads a buffer at a time.
class PatternSource final : public content::BodySource {
 public:
  explicit PatternSource(std::size_t total) : remaining_(total) {}
  Result<size_t, Error> read(char* data, size_t size) override {
    largest_request_ = std::max(largest_request_, size);
    const std::size_t n = std::min({size, remaining_, std::size_t{100'003}});
    for (std::size_t i = 0; i < n; ++i, ++offset_) {
      data[i] = static_cast<char>((offset_ * 2654435761U) >> 13);
    }
    remaining_ -= n;
    return n;
  }
  [[nodiscard]] std::size_t largest_request() const { return largest_request_; }

 private:
  std::size_t remaining_;
  std::uint64_t offset_ = 0;
  std::size_t largest_request_ = 0;
};

// Fails with `error` after `good` bytes.
class BrokenSource final : public content::BodySource {
 public:
  BrokenSource(std::string_view good, Error error) : good_(good), error_(std::move(error)) {}
  Result<size_t, Error> read(char* data, size_t size) override {
    auto n = good_.read(data, size);
    if (n.ok() && *n == 0) return error_;
    return n;
  }

 private:
  content::StringSource good_;
  Error error_;
};

}  // namespace

TEST_CASE("a 20 MiB blob streams in and out a buffer at a time") {
  constexpr std::size_t kSize = std::size_t{20} * 1024 * 1024;
  oci::Digester digester;
  {
    PatternSource pattern(kSize);
    std::string buffer(1 << 20, '\0');
    for (size_t n; (n = pattern.read(buffer.data(), buffer.size()).value()) > 0;) {
      digester.update(buffer.data(), n);
    }
  }
  const oci::Descriptor blob = {.media_type = std::string(oci::media_type::kOciLayerGzip),
                                .digest = digester.finish(),
                                .size = static_cast<std::int64_t>(kSize)};
  const TempDir temp;
  const auto store = open_store(temp.path());
  PatternSource content(kSize);
  REQUIRE(store->push_blob(blob, content).ok());
  CHECK(content.largest_request() <= 256 * 1024);
  CHECK(fs::file_size(store->blob_path(blob.digest)) == kSize);
  CHECK(store->exists(blob).value());

  auto source = store->fetch_blob(blob);
  REQUIRE(source.ok());
  oci::DigestVerifier verifier(blob.digest, blob.size);
  std::string buffer(std::size_t{256} * 1024, '\0');
  for (size_t n; (n = (*source)->read(buffer.data(), buffer.size()).value()) > 0;) {
    REQUIRE(verifier.update({buffer.data(), n}).ok());
  }
  CHECK(verifier.finish().ok());
}

TEST_CASE("content that does not match its descriptor leaves no file behind") {
  const std::string hello = "hello";
  struct Case {
    const char* name;
    std::string content;
    oci::Descriptor descriptor;
    Error::Code code;
  };
  const oci::Descriptor right = describe(hello, "a/b");
  oci::Descriptor short_size = right;
  short_size.size = 4;
  const std::vector<Case> cases = {
      {"other bytes, same size", "hellp", right, Error::Code::kDigestMismatch},
      {"short", "hell", right, Error::Code::kDigestMismatch},
      {"trailing data", "hello!", right, Error::Code::kDigestMismatch},
      {"size understated", hello, short_size, Error::Code::kDigestMismatch},
      {"no digest", hello, oci::Descriptor{.media_type = "a/b", .size = 5},
       Error::Code::kInvalidInput},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const TempDir temp;
    const auto store = open_store(temp.path());
    content::StringSource source(c.content);
    const auto pushed = store->push_blob(c.descriptor, source);
    REQUIRE_FALSE(pushed.ok());
    CHECK(pushed.error().code == c.code);
    CHECK(pushed.error().reference == c.descriptor.digest.str());
    CHECK(testing::list_dir(temp.path() / "blobs" / "sha256").empty());

    const auto manifest = store->push_manifest(c.descriptor, c.content, "v1");
    REQUIRE_FALSE(manifest.ok());
    CHECK(manifest.error().code == c.code);
    CHECK(testing::list_dir(temp.path() / "blobs" / "sha256").empty());
    CHECK(testing::read_index(temp.path())["manifests"].empty());
  }
}

TEST_CASE("a source that fails midway leaves no file, and its error is returned") {
  const TempDir temp;
  const auto store = open_store(temp.path());
  BrokenSource source("hel", Error{.code = Error::Code::kTransport,
                                   .message = "connection reset",
                                   .operation = "fetch blob",
                                   .retryable = true});
  const auto pushed = store->push_blob(describe("hello", "a/b"), source);
  REQUIRE_FALSE(pushed.ok());
  CHECK(pushed.error().code == Error::Code::kTransport);
  CHECK(pushed.error().operation == "fetch blob");  // the source's own words are kept
  CHECK(pushed.error().retryable);
  CHECK(temp_files(temp.path()).empty());
  CHECK_FALSE(store->exists(describe("hello", "a/b")).value());
}

TEST_CASE("push_manifest refuses what is not a manifest, and tags that are digests") {
  const TempDir temp;
  const auto store = open_store(temp.path());
  const std::string not_manifest = R"({"schemaVersion":2})";
  const auto pushed = store->push_manifest(describe(not_manifest, "a/b"), not_manifest, "v1");
  REQUIRE_FALSE(pushed.ok());
  CHECK(pushed.error().code == Error::Code::kInvalidInput);
  CHECK(pushed.error().operation == "push manifest");
  CHECK(testing::list_dir(temp.path() / "blobs" / "sha256").empty());

  const auto image = testing::push_tiny_image(*store, "");
  const std::string digest = image.manifest.digest.str();
  REQUIRE(fs::remove(store->blob_path(image.manifest.digest)));
  const auto tagged = store->push_manifest(image.manifest, image.manifest_bytes, digest);
  REQUIRE_FALSE(tagged.ok());
  CHECK(tagged.error().code == Error::Code::kInvalidInput);
  CHECK(tagged.error().message.find("a tag cannot be a digest") != std::string::npos);
  CHECK_FALSE(store->exists(image.manifest).value());  // refused before anything was written
  CHECK(store->tags().empty());
}

TEST_CASE("manifests are read whole only up to 4 MiB") {
  const TempDir temp;
  const auto store = open_store(temp.path());
  const std::string big(oci::kMaxManifestBytes + 1, ' ');
  const oci::Descriptor blob = testing::push_blob(*store, big, oci::media_type::kOciManifest);
  for (const auto& result :
       {store->fetch_manifest(blob).error(), store->resolve(blob.digest.str()).error()}) {
    CHECK(result.code == Error::Code::kTooLarge);
    CHECK(result.reference == blob.digest.str());
  }
  const auto missing = store->fetch_manifest(describe("nothing", "a/b"));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == Error::Code::kNotFound);
}

TEST_CASE("concurrent pushes of blobs and tags all land") {
  const TempDir temp;
  const auto store = open_store(temp.path());
  constexpr int kThreads = 8;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // The same shared blob from every thread, and one image of its own.
      const std::string shared(300'000, 's');
      content::StringSource source(shared);
      if (!store->push_blob(describe(shared, "a/b"), source).ok()) ++failures;
      const std::string manifest =
          testing::image_manifest(describe("c" + std::to_string(t), "a/c"), {});
      const auto pushed = store->push_manifest(describe(manifest, oci::media_type::kOciManifest),
                                               manifest, "t" + std::to_string(t));
      if (!pushed.ok()) ++failures;
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(failures == 0);
  CHECK(store->tags().size() == kThreads);
  CHECK(open_store(temp.path(), false)->tags().size() == kThreads);
  CHECK(temp_files(temp.path()).empty());
}

TEST_CASE("referrers are found among index.json entries and the children of indexes") {
  const TempDir temp;
  const auto store = open_store(temp.path());
  const auto image = testing::push_tiny_image(*store, "v1");
  const auto empty = testing::push_blob(*store, "{}", oci::media_type::kOciEmpty);
  const auto push_referrer = [&](std::string_view artifact_type, std::string_view tag) {
    const std::string bytes = testing::image_manifest(empty, {}, image.manifest, artifact_type);
    oci::Descriptor descriptor = describe(bytes, oci::media_type::kOciManifest);
    REQUIRE(store->push_manifest(descriptor, bytes, tag).ok());
    return descriptor;
  };
  const auto signature = push_referrer("application/vnd.dev.cosign.artifact.sig.v1+json", "sig");
  const auto sbom = push_referrer("application/spdx+json", "");   // reachable through an index
  const auto hidden = push_referrer("application/x-hidden", "");  // reachable from nothing
  const std::string index = testing::image_index({image.manifest, sbom});
  REQUIRE(store->push_manifest(describe(index, oci::media_type::kOciIndex), index, "multi").ok());

  const auto found = store->referrers(image.manifest);
  REQUIRE(found.ok());
  REQUIRE(found->size() == 2);
  CHECK((*found)[0].digest == signature.digest);
  CHECK((*found)[0].artifact_type == "application/vnd.dev.cosign.artifact.sig.v1+json");
  CHECK((*found)[0].media_type == oci::media_type::kOciManifest);
  CHECK((*found)[1].digest == sbom.digest);
  CHECK((*found)[1].artifact_type == "application/spdx+json");
  CHECK(store->referrers(hidden).value().empty());
}

}  // namespace chartmirror::registry::layout
