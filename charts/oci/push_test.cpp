#include "charts/oci/push.h"

#include <doctest/doctest.h>

#include "registry/content/memory_store.h"

namespace chartmirror::charts {
namespace {

constexpr std::string_view kConfig =
    R"({"name":"demo","version":"1.0.0+b.1","description":"A demo chart","apiVersion":"v2"})";
constexpr std::string_view kArchive = "not really gzip, but bytes are bytes";
constexpr std::string_view kProvenance = "-----BEGIN PGP SIGNED MESSAGE-----\n";

}  // namespace

TEST_CASE("blobs go first, then the manifest under the version's tag; a second push re-uses them") {
  registry::content::MemoryStore store;
  const ChartArtifact artifact{.archive = kArchive,
                               .config_json = kConfig,
                               .provenance = kProvenance,
                               .created = "2024-01-01T00:00:00Z"};
  auto manifest = build_chart_manifest(artifact);
  REQUIRE(manifest.ok());

  auto pushed = push_chart(store, *manifest, artifact, "memory");
  REQUIRE_MESSAGE(pushed.ok(), pushed.error().describe());
  CHECK(store.counters().blobs_pushed == 3);
  CHECK(store.counters().manifests_pushed == 1);
  REQUIRE(store.tag("1.0.0_b.1").has_value());
  CHECK(*store.tag("1.0.0_b.1") == manifest->descriptor.digest);
  CHECK(store.blob(manifest->chart.digest) == std::string(kArchive));
  CHECK(store.blob(manifest->config.digest) == std::string(kConfig));
  CHECK(store.blob(manifest->provenance->digest) == std::string(kProvenance));
  CHECK(store.manifest(manifest->descriptor.digest) == manifest->bytes);

  store.reset_counters();
  auto again = push_chart(store, *manifest, artifact, "memory");
  REQUIRE(again.ok());
  CHECK(store.counters().resolves == 1);  // the tag, and nothing else
  CHECK(store.counters().exists_calls == 0);
  CHECK(store.counters().blobs_pushed == 0);
  CHECK(store.counters().manifests_pushed == 0);

  // Another manifest under the tag (another created time): blobs there, the manifest pushed.
  const ChartArtifact later{.archive = kArchive,
                            .config_json = kConfig,
                            .provenance = kProvenance,
                            .created = "2025-01-01T00:00:00Z"};
  auto moved = build_chart_manifest(later);
  REQUIRE(moved.ok());
  store.reset_counters();
  REQUIRE(push_chart(store, *moved, later, "memory").ok());
  CHECK(store.counters().exists_calls == 3);
  CHECK(store.counters().blobs_pushed == 0);
  CHECK(store.counters().manifests_pushed == 1);
  CHECK(*store.tag("1.0.0_b.1") == moved->descriptor.digest);
}

TEST_CASE("a failed blob push leaves the tag alone and names the destination") {
  registry::content::MemoryStore store;
  const ChartArtifact artifact{.archive = kArchive, .config_json = kConfig};
  auto manifest = build_chart_manifest(artifact);
  REQUIRE(manifest.ok());
  store.inject({.operation = registry::content::MemoryStore::Operation::kPushBlob,
                .digest = manifest->chart.digest});
  auto pushed = push_chart(store, *manifest, artifact, "oci://r.example/charts/demo:1.0.0_b.1");
  REQUIRE_FALSE(pushed.ok());
  CHECK(pushed.error().code == Error::Code::kTransport);
  CHECK(pushed.error().source == "oci://r.example/charts/demo:1.0.0_b.1");
  CHECK_FALSE(store.tag("1.0.0_b.1").has_value());
}

TEST_CASE("the reference must name the chart and its version, as helm's strict mode wants") {
  auto http = registry::transport::HttpClient::create({});
  REQUIRE(http.ok());
  OciRegistries registries({}, std::move(http).value(), nullptr);
  const ChartArtifact artifact{.archive = kArchive, .config_json = kConfig};
  struct Case {
    std::string reference;
    std::string_view expected;
  };
  const Case cases[] = {
      {"oci://127.0.0.1:1/charts/other", "last path component must be the chart's name"},
      {"oci://127.0.0.1:1/charts/demo:1.0.0", "the tag must be the chart's version, 1.0.0_b.1"},
      {"oci://127.0.0.1:1/charts/demo@sha256:" + std::string(64, 'a'), "not a digest"},
      {"oci://127.0.0.1:1/Charts/demo", "repository path"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.reference);
    auto pushed = push_chart(registries, c.reference, artifact);
    REQUIRE_FALSE(pushed.ok());
    CHECK(pushed.error().code == Error::Code::kInvalidInput);
    CHECK(pushed.error().message.find(c.expected) != std::string::npos);
  }
}

}  // namespace chartmirror::charts
