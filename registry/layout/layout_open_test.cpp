// LayoutStore::open: new layouts, existing ones, and directories that are not layouts.
#include <functional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "registry/layout/layout_store.h"
#include "registry/layout/testing/layout_fixture.h"

namespace chartmirror::registry::layout {
namespace {

namespace fs = std::filesystem;

using testing::list_dir;
using testing::open_store;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

constexpr std::string_view kLayoutFile = R"({"imageLayoutVersion":"1.0.0"})";

void check_new_layout(const fs::path& dir) {
  CHECK(read_file(dir / "oci-layout") == kLayoutFile);
  const auto index = testing::read_index(dir);
  CHECK(index["schemaVersion"] == 2);
  CHECK(index["mediaType"] == oci::media_type::kOciIndex);
  CHECK(index["manifests"].empty());
  CHECK(fs::is_directory(dir / "blobs"));
}

}  // namespace

TEST_CASE("open(create) makes a layout of an absent or empty directory") {
  const TempDir temp;
  SUBCASE("absent, parents included") {
    const fs::path dir = temp.path() / "a" / "b";
    const auto store = open_store(dir, true);
    check_new_layout(dir);
    CHECK(store->dir() == dir);
    CHECK(store->tags().empty());
  }
  SUBCASE("empty") {
    open_store(temp.path(), true);
    check_new_layout(temp.path());
  }
  SUBCASE("oci-layout without index.json: index.json is added") {
    write_file(temp.path() / "oci-layout", kLayoutFile);
    open_store(temp.path(), true);
    CHECK(testing::read_index(temp.path())["manifests"].empty());
  }
}

TEST_CASE("open of an existing layout reads it and changes nothing") {
  const TempDir temp;
  const auto first = open_store(temp.path(), true);
  const auto image = testing::push_tiny_image(*first, "v1");
  const std::string index_before = read_file(temp.path() / "index.json");

  for (const bool create : {false, true}) {
    CAPTURE(create);
    const auto again = open_store(temp.path(), create);
    CHECK(again->tags() == std::vector<std::string>{"v1"});
    const auto resolved = again->resolve("v1");
    REQUIRE(resolved.ok());
    CHECK(resolved->digest == image.manifest.digest);
    CHECK(read_file(temp.path() / "index.json") == index_before);
  }
}

TEST_CASE("open refuses what is not a layout, naming the path and the cause") {
  struct Case {
    const char* name;
    std::function<void(const fs::path&)> setup;  // makes DIR (or not)
    bool create;
    Error::Code code;
    std::string message;  // expected after "not an OCI image layout: DIR"
  };
  const auto mkdir = [](const fs::path& dir) { fs::create_directory(dir); };
  const auto layout_file = [mkdir](std::string_view content) {
    return [mkdir, content = std::string(content)](const fs::path& dir) {
      mkdir(dir);
      write_file(dir / "oci-layout", content);
    };
  };
  const auto index_file = [layout_file](std::string_view content) {
    return [layout_file, content = std::string(content)](const fs::path& dir) {
      layout_file(kLayoutFile)(dir);
      write_file(dir / "index.json", content);
    };
  };
  const std::vector<Case> cases = {
      {"absent", [](const fs::path&) {}, false, Error::Code::kNotFound, " does not exist"},
      {"a file", [](const fs::path& dir) { write_file(dir, "x"); }, true,
       Error::Code::kInvalidInput, " is not a directory"},
      {"empty, not created", mkdir, false, Error::Code::kInvalidInput, " has no oci-layout file"},
      {"other files", [mkdir](const fs::path& dir) { mkdir(dir), write_file(dir / "a", "x"); },
       false, Error::Code::kInvalidInput, " has no oci-layout file"},
      {"other files, create",
       [mkdir](const fs::path& dir) { mkdir(dir), write_file(dir / "a", "x"); }, true,
       Error::Code::kInvalidInput, " has no oci-layout file and is not empty"},
      {"oci-layout not JSON", layout_file("imageLayoutVersion=1.0.0"), true,
       Error::Code::kInvalidInput, "/oci-layout is not JSON: "},
      {"oci-layout wrong version", layout_file(R"({"imageLayoutVersion":"2.0.0"})"), true,
       Error::Code::kInvalidInput,
       R"(/oci-layout has imageLayoutVersion "2.0.0"; chartmirror reads "1.0.0")"},
      {"oci-layout version a number", layout_file(R"({"imageLayoutVersion":1})"), true,
       Error::Code::kInvalidInput, "/oci-layout has no imageLayoutVersion string"},
      {"no index.json", layout_file(kLayoutFile), false, Error::Code::kInvalidInput,
       " has no index.json"},
      {"index.json not JSON", index_file("{\"schemaVersion\": 2,"), true,
       Error::Code::kInvalidInput, "/index.json is not a valid image index: "},
      {"index.json a manifest",
       index_file(testing::image_manifest(testing::describe("{}", "application/x"), {})), true,
       Error::Code::kInvalidInput, "/index.json is an image manifest"},
      {"index.json entry without digest",
       index_file(R"({"schemaVersion":2,"manifests":[{"mediaType":"a/b","size":1}]})"), true,
       Error::Code::kInvalidInput, "manifests[0].digest"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const TempDir temp;
    const fs::path dir = temp.path() / "layout";
    c.setup(dir);
    const auto before = list_dir(dir);
    auto store = LayoutStore::open(dir, c.create);
    REQUIRE_FALSE(store.ok());
    const Error& error = store.error();
    CHECK(error.code == c.code);
    CHECK(error.operation == "open layout");
    CHECK(error.message.find("not an OCI image layout: " + dir.string()) == 0);
    CHECK(error.message.find(c.message) != std::string::npos);
    CAPTURE(error.message);
    CHECK(list_dir(dir) == before);  // nothing was written
  }
}

}  // namespace chartmirror::registry::layout
