// LayoutStore: blobs and manifests in, tags in index.json, the same out; nothing partial on disk.
#include "registry/layout/layout_store.h"

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "registry/layout/testing/layout_fixture.h"
#include "registry/oci/manifest.h"

namespace chartmirror::registry::layout {
namespace {

using testing::describe;
using testing::open_store;
using testing::read_all;
using testing::read_file;
using testing::read_index;
using testing::TempDir;

oci::Descriptor resolved(LayoutStore& store, std::string_view identifier) {
  auto descriptor = store.resolve(identifier);
  if (!descriptor.ok()) FAIL(descriptor.error().describe());
  return std::move(descriptor).value();
}

void push_manifest(LayoutStore& store, const oci::Descriptor& descriptor, std::string_view bytes,
                   std::string_view tag) {
  const auto pushed = store.push_manifest(descriptor, bytes, tag);
  if (!pushed.ok()) FAIL(pushed.error().describe());
}

// A source for content that is already stored: reading it is a mistake.
class UnreadSource final : public content::BodySource {
 public:
  Result<size_t, Error> read(char* /*data*/, size_t /*size*/) override {
    ++reads;
    return Error{.message = "read"};
  }
  int reads = 0;
};

}  // namespace

TEST_CASE("a blob goes in and comes out by digest") {
  const TempDir temp;
  const auto store = open_store(temp.path());
  const std::string bytes = "some layer bytes";
  const oci::Descriptor blob = testing::push_blob(*store, bytes, oci::media_type::kOciLayer);

  CHECK(read_file(temp.path() / "blobs" / "sha256" / std::string(blob.digest.hex())) == bytes);
  CHECK(store->exists(blob).value());
  oci::Descriptor other_size = blob;
  other_size.size += 1;
  CHECK_FALSE(store->exists(other_size).value());  // a truncated file counts as absent
  CHECK_FALSE(store->exists(describe("nothing", "a/b")).value());

  auto source = store->fetch_blob(blob);
  REQUIRE(source.ok());
  CHECK(read_all(**source) == bytes);

  auto missing = store->fetch_blob(describe("nothing", "a/b"));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == Error::Code::kNotFound);
  CHECK(missing.error().message.find(" has no blob sha256:") != std::string::npos);

  // Pushing again keeps the file and does not read the source.
  UnreadSource unread;
  CHECK(store->push_blob(blob, unread).ok());
  CHECK(unread.reads == 0);
}

TEST_CASE("a tagged manifest resolves by tag and digest, and survives reopening") {
  const TempDir temp;
  const auto store = open_store(temp.path());
  const auto image = testing::push_tiny_image(*store, "v1");
  const oci::Descriptor expected = {.media_type = std::string(oci::media_type::kOciManifest),
                                    .digest = image.manifest.digest,
                                    .size = image.manifest.size};

  CHECK(resolved(*store, "v1") == expected);
  CHECK(resolved(*store, image.manifest.digest.str()) == expected);
  CHECK(store->fetch_manifest(image.manifest).value() == image.manifest_bytes);
  CHECK(store->tags() == std::vector<std::string>{"v1"});

  const auto index = read_index(temp.path());
  REQUIRE(index["manifests"].size() == 1);
  const auto& entry = index["manifests"][0];
  CHECK(entry["mediaType"] == oci::media_type::kOciManifest);
  CHECK(entry["digest"] == image.manifest.digest.str());
  CHECK(entry["size"] == image.manifest.size);
  CHECK(entry["annotations"] == nlohmann::json{{kRefNameAnnotation, "v1"}});

  const auto reopened = open_store(temp.path(), false);
  CHECK(resolved(*reopened, "v1") == expected);
  CHECK(read_all(*reopened->fetch_blob(image.layer).value()) ==
        read_file(store->blob_path(image.layer.digest)));
}

TEST_CASE("a manifest pushed without a tag stays out of index.json but resolves by digest") {
  const TempDir temp;
  const auto store = open_store(temp.path());
  const auto image = testing::push_tiny_image(*store, "");
  const std::string index_bytes = testing::image_index({image.manifest});
  // The descriptor's media type is wrong on purpose: the document's own wins.
  const oci::Descriptor index = describe(index_bytes, "application/octet-stream");
  push_manifest(*store, index, index_bytes, "");

  CHECK(read_index(temp.path())["manifests"].empty());
  CHECK(store->tags().empty());
  CHECK(resolved(*store, index.digest.str()).media_type == oci::media_type::kOciIndex);
  CHECK(resolved(*store, image.manifest.digest.str()).media_type == oci::media_type::kOciManifest);
  CHECK(resolved(*store, index.digest.str()).size == index.size);
}

TEST_CASE("resolve answers kNotFound for what is not there, and refuses blobs") {
  const TempDir temp;
  const auto store = open_store(temp.path());
  const auto image = testing::push_tiny_image(*store, "v1");
  struct Case {
    std::string identifier;
    Error::Code code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", Error::Code::kInvalidInput, "a tag or digest is needed"},
      {"v2", Error::Code::kNotFound, "has no tag \"v2\""},
      {"sha256:abc", Error::Code::kNotFound, "has no tag \"sha256:abc\""},
      {oci::Digest::of("nothing").str(), Error::Code::kNotFound, "has no manifest sha256:"},
      {image.layer.digest.str(), Error::Code::kInvalidInput, "the blob is not a manifest"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.identifier);
    auto descriptor = store->resolve(c.identifier);
    REQUIRE_FALSE(descriptor.ok());
    CHECK(descriptor.error().code == c.code);
    CHECK(descriptor.error().operation == "resolve");
    CHECK(descriptor.error().message.find(c.message) != std::string::npos);
  }
}

TEST_CASE("pushing a tag again moves it; other entries and unknown fields stay as written") {
  const TempDir temp;
  auto store = open_store(temp.path());
  const auto first = testing::push_tiny_image(*store, "v1", "first");
  const auto second = testing::push_tiny_image(*store, "", "second");
  // What another tool may have written: a full name as ref.name, fields we do not model, an
  // untagged entry (oras lists referrers so).
  nlohmann::json index = read_index(temp.path());
  index["annotations"] = {{"org.example.note", "kept"}};
  index["manifests"].push_back(
      {{"mediaType", oci::media_type::kOciManifest},
       {"digest", second.manifest.digest.str()},
       {"size", second.manifest.size},
       {"org.example.field", 7},
       {"annotations", {{kRefNameAnnotation, "docker.io/library/x:1.0"}}}});
  index["manifests"].push_back(testing::descriptor_json(first.manifest));
  testing::write_file(temp.path() / "index.json", index.dump());
  store = open_store(temp.path(), false);
  CHECK(resolved(*store, "docker.io/library/x:1.0").digest == second.manifest.digest);

  oci::Descriptor with_platform = second.manifest;
  with_platform.platform = oci::Platform{.os = "linux", .architecture = "arm64", .variant = "v8"};
  push_manifest(*store, with_platform, second.manifest_bytes, "v1");

  const auto after = read_index(temp.path());
  CHECK(after["annotations"] == index["annotations"]);
  REQUIRE(after["manifests"].size() == 3);
  CHECK(after["manifests"][0]["digest"] == second.manifest.digest.str());  // same position
  CHECK(after["manifests"][0]["annotations"] == nlohmann::json{{kRefNameAnnotation, "v1"}});
  CHECK(after["manifests"][0]["platform"] ==
        nlohmann::json{{"architecture", "arm64"}, {"os", "linux"}, {"variant", "v8"}});
  CHECK(after["manifests"][1] == index["manifests"][1]);
  CHECK(after["manifests"][2] == index["manifests"][2]);
  CHECK(resolved(*store, "v1").digest == second.manifest.digest);
  CHECK(store->tags() == std::vector<std::string>{"docker.io/library/x:1.0", "v1"});

  push_manifest(*store, first.manifest, first.manifest_bytes, "v2");
  CHECK(store->tags() == std::vector<std::string>{"docker.io/library/x:1.0", "v1", "v2"});
  CHECK(read_index(temp.path())["manifests"].size() == 4);
  CHECK(testing::temp_files(temp.path()).empty());
}

}  // namespace chartmirror::registry::layout
