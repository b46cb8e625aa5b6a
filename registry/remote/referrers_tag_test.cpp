#include "registry/remote/referrers_tag.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

namespace chartmirror::registry::remote {
namespace {

oci::Descriptor referrer(std::string_view payload) {
  return {.media_type = "application/vnd.oci.image.manifest.v1+json",
          .digest = oci::Digest::of(payload),
          .size = static_cast<std::int64_t>(payload.size()),
          .annotations = {{"org.example", "yes"}},
          .artifact_type = "application/spdx+json"};
}

}  // namespace

TEST_CASE("the referrers tag is named after the subject's digest") {
  const auto digest = oci::Digest::of("subject");
  CHECK(referrers_tag(digest) == "sha256-" + std::string(digest.hex()));
}

TEST_CASE("a referrer is added to a new or an existing index, once") {
  const auto first = with_referrer("", referrer("one"));
  REQUIRE(first.ok());
  REQUIRE(first->has_value());
  const auto index = nlohmann::json::parse(**first);
  CHECK(index["schemaVersion"] == 2);
  CHECK(index["mediaType"] == "application/vnd.oci.image.index.v1+json");
  REQUIRE(index["manifests"].size() == 1);
  CHECK(index["manifests"][0]["digest"] == oci::Digest::of("one").str());
  CHECK(index["manifests"][0]["artifactType"] == "application/spdx+json");
  CHECK(index["manifests"][0]["annotations"]["org.example"] == "yes");

  const auto second = with_referrer(**first, referrer("two"));
  REQUIRE(second.ok());
  REQUIRE(second->has_value());
  const auto both = nlohmann::json::parse(**second);
  REQUIRE(both["manifests"].size() == 2);
  CHECK(both["manifests"][0] == index["manifests"][0]);  // kept entry for entry

  const auto repeated = with_referrer(**second, referrer("one"));
  REQUIRE(repeated.ok());
  CHECK_FALSE(repeated->has_value());
}

TEST_CASE("a referrers tag that names something else is an error, not overwritten") {
  for (const std::string_view current : {"not json", "[]", R"({"schemaVersion":2})"}) {
    CAPTURE(current);
    const auto updated = with_referrer(current, referrer("one"));
    REQUIRE_FALSE(updated.ok());
    CHECK(updated.error().code == Error::Code::kInvalidInput);
  }
}

}  // namespace chartmirror::registry::remote
