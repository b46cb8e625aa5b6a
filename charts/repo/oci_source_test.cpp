#include "charts/repo/oci_source.h"

#include <doctest/doctest.h>

#include "charts/oci/push.h"
#include "registry/content/memory_store.h"
#include "registry/oci/media_types.h"

namespace chartmirror::charts {
namespace {

using registry::content::MemoryStore;

std::string config_for(const std::string& version) {
  return R"({"name":"demo","version":")" + version + R"(","apiVersion":"v2"})";
}

// Pushes a chart of `version` whose archive is "archive of <version>".
ChartManifest push(MemoryStore& store, const std::string& version,
                   std::optional<std::string> provenance = std::nullopt) {
  static std::vector<std::unique_ptr<std::string>> kept;  // the views must outlive the push
  const std::string& archive =
      *kept.emplace_back(std::make_unique<std::string>("archive of " + version));
  const std::string& config =
      *kept.emplace_back(std::make_unique<std::string>(config_for(version)));
  ChartArtifact artifact{
      .archive = archive, .config_json = config, .created = "2024-05-01T00:00:00Z"};
  if (provenance)
    artifact.provenance = *kept.emplace_back(std::make_unique<std::string>(*provenance));
  auto manifest = build_chart_manifest(artifact);
  REQUIRE(manifest.ok());
  REQUIRE(push_chart(store, *manifest, artifact, "memory").ok());
  return std::move(manifest).value();
}

OciReference reference(std::string_view text) {
  auto parsed = OciReference::parse(text);
  REQUIRE(parsed.ok());
  return std::move(parsed).value();
}

}  // namespace

TEST_CASE("the version is chosen among the tags, '_' read as '+'") {
  MemoryStore store;
  push(store, "1.0.0");
  const ChartManifest newest = push(store, "1.1.0+b.2", "signed");
  push(store, "2.0.0-rc.1");

  auto chart = fetch_oci_chart(store, reference("oci://r.example/charts/demo"), {});
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  CHECK(chart->kind == FetchedChart::Kind::kOci);
  CHECK(chart->name == "demo");
  CHECK(chart->version == "1.1.0+b.2");
  CHECK(chart->archive == "archive of 1.1.0+b.2");
  CHECK(chart->digest == newest.chart.digest.str());
  CHECK(chart->provenance == "signed");
  CHECK(chart->created == "2024-05-01T00:00:00Z");
  CHECK(chart->source == "oci://r.example/charts/demo:1.1.0_b.2@" + newest.descriptor.digest.str());

  auto devel = fetch_oci_chart(store, reference("oci://r.example/charts/demo"), {.devel = true});
  REQUIRE(devel.ok());
  CHECK(devel->version == "2.0.0-rc.1");

  auto constraint =
      fetch_oci_chart(store, reference("oci://r.example/charts/demo"), {.version = "~1.0"});
  REQUIRE(constraint.ok());
  CHECK(constraint->version == "1.0.0");

  auto exact =
      fetch_oci_chart(store, reference("oci://r.example/charts/demo"), {.version = "1.1.0+b.2"});
  REQUIRE(exact.ok());
  CHECK(exact->archive == "archive of 1.1.0+b.2");

  auto tagged = fetch_oci_chart(store, reference("oci://r.example/charts/demo:1.1.0_b.2"), {});
  REQUIRE_MESSAGE(tagged.ok(), tagged.error().describe());
  CHECK(tagged->version == "1.1.0+b.2");

  auto by_digest = fetch_oci_chart(
      store, reference("oci://r.example/charts/demo@" + newest.descriptor.digest.str()), {});
  REQUIRE_MESSAGE(by_digest.ok(), by_digest.error().describe());
  CHECK(by_digest->version == "1.1.0+b.2");  // from the config
}

TEST_CASE("a version that is not there is kNotFound with the nearest tags") {
  MemoryStore store;
  push(store, "1.0.0");
  push(store, "1.2.0");
  for (const std::string_view asked : {"1.1.0", ">=3.0.0"}) {
    CAPTURE(asked);
    auto chart =
        fetch_oci_chart(store, reference("oci://r.example/charts/demo"), {.version = asked});
    REQUIRE_FALSE(chart.ok());
    CHECK(chart.error().code == Error::Code::kNotFound);
    CHECK(chart.error().source == "oci://r.example/charts/demo");
    CHECK(chart.error().message.find("1.2.0, 1.0.0") != std::string::npos);
  }
  auto mismatch =
      fetch_oci_chart(store, reference("oci://r.example/charts/demo:1.0.0"), {.version = "1.2.0"});
  REQUIRE_FALSE(mismatch.ok());
  CHECK(mismatch.error().code == Error::Code::kInvalidInput);
  CHECK(mismatch.error().message.find("mismatch") != std::string::npos);
}

TEST_CASE("what is not a Helm chart, too large or corrupted is refused") {
  MemoryStore store;
  const ChartManifest pushed = push(store, "1.0.0");

  auto large =
      fetch_oci_chart(store, reference("oci://r.example/charts/demo"), {.max_chart_bytes = 5});
  REQUIRE_FALSE(large.ok());
  CHECK(large.error().code == Error::Code::kTooLarge);

  store.inject({.operation = MemoryStore::Operation::kFetchBlob,
                .kind = MemoryStore::Fault::Kind::kCorrupt,
                .digest = pushed.chart.digest});
  auto corrupt = fetch_oci_chart(store, reference("oci://r.example/charts/demo"), {});
  REQUIRE_FALSE(corrupt.ok());
  CHECK(corrupt.error().code == Error::Code::kIntegrity);
  CHECK(corrupt.error().source == "oci://r.example/charts/demo:1.0.0");
  store.clear_faults();

  // A container image under a chart-like tag.
  namespace media_type = registry::oci::media_type;
  const std::string config = "{}";
  const std::string layer = "layer";
  const registry::oci::Descriptor config_descriptor{
      .media_type = std::string(media_type::kOciConfig),
      .digest = registry::oci::Digest::of(config),
      .size = 2};
  const registry::oci::Descriptor layer_descriptor{
      .media_type = std::string(media_type::kOciLayerGzip),
      .digest = registry::oci::Digest::of(layer),
      .size = 5};
  registry::content::StringSource config_source(config);
  registry::content::StringSource layer_source(layer);
  REQUIRE(store.push_blob(config_descriptor, config_source).ok());
  REQUIRE(store.push_blob(layer_descriptor, layer_source).ok());
  const std::string image =
      R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
      config_descriptor.digest.str() +
      R"(","size":2},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" +
      layer_descriptor.digest.str() + R"(","size":5}]})";
  const registry::oci::Descriptor image_descriptor{
      .media_type = std::string(media_type::kOciManifest),
      .digest = registry::oci::Digest::of(image),
      .size = static_cast<int64_t>(image.size())};
  REQUIRE(store.push_manifest(image_descriptor, image, "2.0.0").ok());
  auto not_chart = fetch_oci_chart(store, reference("oci://r.example/charts/demo:2.0.0"), {});
  REQUIRE_FALSE(not_chart.ok());
  CHECK(not_chart.error().code == Error::Code::kInvalidInput);
  CHECK(not_chart.error().message.find("not a Helm chart") != std::string::npos);
  CHECK(not_chart.error().message.find("container image") != std::string::npos);
}

}  // namespace chartmirror::charts
