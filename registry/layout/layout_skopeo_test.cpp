// Interoperability with the real skopeo (Debian's, 1.9.3 at the time of writing): it copies
// what LayoutStore wrote without changing a digest, and LayoutStore reads what skopeo wrote.
// No network is involved: both sides are layout directories.
#include <chrono>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "registry/layout/layout_store.h"
#include "registry/layout/testing/layout_fixture.h"
#include "registry/oci/manifest.h"
#include "support/subprocess.h"

namespace chartmirror::registry::layout {
namespace {

namespace fs = std::filesystem;

using testing::open_store;
using testing::read_index;
using testing::TempDir;

const fs::path kSkopeo = "/usr/bin/skopeo";

// `skopeo copy oci:FROM oci:TO`. --insecure-policy: the host's policy.json (or its absence)
// must not decide the test; signatures are not what is tested here.
void skopeo_copy(const std::string& from, const std::string& to) {
  const std::vector<std::string> argv = {kSkopeo.string(), "--insecure-policy", "copy",
                                         "--quiet",        "oci:" + from,       "oci:" + to};
  auto ran = run_process(argv, "", std::chrono::minutes(2));
  if (!ran.ok()) FAIL("skopeo did not run: " << ran.error().message);
  INFO("skopeo copy oci:" << from << " oci:" << to << "\nstdout: " << ran->out
                          << "\nstderr: " << ran->err);
  REQUIRE(ran->exit_code == 0);
}

// The digest skopeo's index.json gives `tag`; "" when it has no such entry.
std::string tagged_digest(const fs::path& dir, const std::string& tag) {
  const auto index = read_index(dir);
  for (const auto& entry : index["manifests"]) {
    if (entry.contains("annotations") &&
        entry["annotations"].value(kRefNameAnnotation, "") == tag) {
      return entry["digest"];
    }
  }
  return "";
}

// Reads everything `tag` names through `store`, verifying every byte against its digest.
void fetch_and_verify(LayoutStore& store, std::string_view tag, const oci::Digest& expected) {
  const auto root = store.resolve(tag);
  if (!root.ok()) FAIL(root.error().describe());
  CHECK(root->digest == expected);
  CHECK(root->media_type == oci::media_type::kOciManifest);
  const auto bytes = store.fetch_manifest(*root);
  REQUIRE(bytes.ok());
  REQUIRE(oci::verify(*bytes, root->digest, root->size).ok());
  const auto manifest = oci::parse_manifest(*bytes, root->media_type);
  REQUIRE(manifest.ok());
  const auto children = manifest->children();
  REQUIRE(children.size() == 2);
  for (const oci::Descriptor& child : children) {
    CAPTURE(child.digest.str());
    auto source = store.fetch_blob(child);
    REQUIRE(source.ok());
    oci::DigestVerifier verifier(child.digest, child.size);
    std::string buffer(std::size_t{256} * 1024, '\0');
    for (size_t n; (n = (*source)->read(buffer.data(), buffer.size()).value()) > 0;) {
      REQUIRE(verifier.update({buffer.data(), n}).ok());
    }
    CHECK(verifier.finish().ok());
  }
}

bool have_skopeo() {
  if (fs::exists(kSkopeo)) return true;
  MESSAGE("skipped: " << kSkopeo.string() << " is not installed (Debian package skopeo)");
  return false;
}

}  // namespace

TEST_CASE("skopeo copies a layout LayoutStore wrote, keeping the manifest digest") {
  if (!have_skopeo()) return;
  const TempDir ours;
  const TempDir theirs;
  const auto store = open_store(ours.path());
  const auto image = testing::push_tiny_image(*store, "v1");

  skopeo_copy(ours.path().string() + ":v1", theirs.path().string() + ":v1");
  CHECK(tagged_digest(theirs.path(), "v1") == image.manifest.digest.str());
  for (const oci::Descriptor& blob : {image.config, image.layer}) {
    CHECK(testing::read_file(theirs.path() / "blobs" / "sha256" / std::string(blob.digest.hex())) ==
          testing::read_file(store->blob_path(blob.digest)));
  }
}

TEST_CASE("LayoutStore reads a layout skopeo wrote, and skopeo reads tags LayoutStore adds") {
  if (!have_skopeo()) return;
  const TempDir ours;
  const TempDir theirs;
  const auto image = testing::push_tiny_image(*open_store(ours.path()), "v1");
  // skopeo makes the layout, then adds a second tag to it.
  skopeo_copy(ours.path().string() + ":v1", theirs.path().string() + ":v1");
  skopeo_copy(ours.path().string() + ":v1", theirs.path().string() + ":v2");

  const auto store = open_store(theirs.path(), false);
  CHECK(store->tags() == std::vector<std::string>{"v1", "v2"});
  fetch_and_verify(*store, "v2", image.manifest.digest);
  fetch_and_verify(*store, "v1", image.manifest.digest);

  // LayoutStore writes a new image into skopeo's layout; skopeo copies it out and still
  // finds the tags it wrote itself.
  const auto other = testing::push_tiny_image(*store, "v3", "another image");
  const TempDir copy;
  skopeo_copy(theirs.path().string() + ":v3", copy.path().string() + ":v3");
  CHECK(tagged_digest(copy.path(), "v3") == other.manifest.digest.str());
  skopeo_copy(theirs.path().string() + ":v1", copy.path().string() + ":v1");
  CHECK(tagged_digest(copy.path(), "v1") == image.manifest.digest.str());
  fetch_and_verify(*open_store(copy.path(), false), "v3", other.manifest.digest);
}

}  // namespace chartmirror::registry::layout
