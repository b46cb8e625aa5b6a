#include "registry/copy/platform_filter.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "registry/oci/media_types.h"

namespace chartmirror::registry::copy {
namespace {

std::string fake(int n) { return oci::Digest::of("content " + std::to_string(n)).str(); }

std::string entry(int n, const std::string& platform_json) {
  return R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" + fake(n) +
         R"(","size":100,"platform":)" + platform_json + "}";
}

const std::string kIndexJson =
    R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[)" +
    entry(1, R"({"os":"linux","architecture":"amd64"})") + "," +
    entry(2, R"({"os":"linux","architecture":"arm64","variant":"v8"})") + "," +
    entry(3, R"({"os":"linux","architecture":"arm","variant":"v6"})") + "," +
    entry(4, R"({"os":"linux","architecture":"arm","variant":"v7"})") + "," +
    entry(5, R"({"os":"unknown","architecture":"unknown"})") +
    R"(],"annotations":{"org.opencontainers.image.source":"https://example.com/app"},)" +
    R"("x-extra":{"kept":true}})";

oci::Manifest parsed(const std::string& bytes) {
  auto manifest = oci::parse_manifest(bytes, "");
  REQUIRE_MESSAGE(manifest.ok(), (manifest.ok() ? "" : manifest.error().describe()));
  return std::move(manifest).value();
}

std::vector<oci::Platform> platforms(const std::vector<std::string>& texts) {
  std::vector<oci::Platform> out;
  out.reserve(texts.size());
  for (const auto& text : texts) out.push_back(*oci::Platform::parse(text));
  return out;
}

}  // namespace

TEST_CASE("select_platforms keeps the entries any filter matches, in index order") {
  const oci::Manifest index = parsed(kIndexJson);
  struct Case {
    std::vector<std::string> filters;
    std::vector<size_t> selected;
  };
  const std::vector<Case> cases = {
      {{"linux/amd64"}, {0}},
      {{"linux/x86_64"}, {0}},
      {{"linux/arm64"}, {1}},
      {{"linux/arm"}, {2, 3}},  // no variant: every variant
      {{"linux/arm/v7"}, {3}},
      {{"linux/arm64", "linux/amd64"}, {0, 1}},
      {{"linux/amd64", "linux/amd64"}, {0}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.filters.front());
    auto selected = select_platforms(index, platforms(c.filters));
    REQUIRE(selected.ok());
    CHECK(*selected == c.selected);
  }
}

TEST_CASE("select_platforms names what was asked and what there is when nothing matches") {
  auto selected = select_platforms(parsed(kIndexJson), platforms({"linux/s390x", "windows/amd64"}));
  REQUIRE_FALSE(selected.ok());
  CHECK(selected.error().code == Error::Code::kNotFound);
  CHECK(selected.error().message ==
        "the index has no manifest for the platforms linux/s390x, windows/amd64; it has "
        "linux/amd64, linux/arm64/v8, linux/arm/v6, linux/arm/v7, unknown/unknown");
}

TEST_CASE("narrow_index keeps the selected entries as written and every other field") {
  const oci::Manifest index = parsed(kIndexJson);
  auto narrowed = narrow_index(index, {1, 3});
  REQUIRE(narrowed.ok());
  const oci::Manifest result = parsed(*narrowed);
  CHECK(result.media_type() == oci::media_type::kOciIndex);
  REQUIRE(result.index()->manifests.size() == 2);
  CHECK(result.index()->manifests[0] == index.index()->manifests[1]);
  CHECK(result.index()->manifests[1] == index.index()->manifests[3]);
  CHECK(result.annotations() == index.annotations());
  CHECK(nlohmann::json::parse(*narrowed).at("x-extra") == nlohmann::json{{"kept", true}});
}

TEST_CASE("narrow_index writes the media type an index without one was read as") {
  const oci::Manifest index = parsed(R"({"schemaVersion":2,"manifests":[)" +
                                     entry(1, R"({"os":"linux","architecture":"amd64"})") + "," +
                                     entry(2, R"({"os":"linux","architecture":"arm64"})") + "]}");
  auto narrowed = narrow_index(index, {0, 1});
  REQUIRE(narrowed.ok());
  CHECK(nlohmann::json::parse(*narrowed).at("mediaType") == oci::media_type::kOciIndex);
}

}  // namespace chartmirror::registry::copy
