#include "charts/oci/chart_manifest.h"

#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

#include "registry/oci/media_types.h"

namespace chartmirror::charts {
namespace {

namespace media_type = registry::oci::media_type;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string testdata(const std::string& name) {
  return read_file(std::string(CHARTMIRROR_OCI_TESTDATA) + "/" + name);
}

std::string corpus(const std::string& name) {
  return read_file(std::string(CHARTMIRROR_CORPUS_DIR) + "/repo/" + name);
}

registry::oci::Manifest parsed(std::string_view bytes) {
  auto manifest = registry::oci::parse_manifest(bytes, media_type::kOciManifest);
  REQUIRE_MESSAGE(manifest.ok(), manifest.error().describe());
  return std::move(manifest).value();
}

}  // namespace

TEST_CASE("the manifest is byte for byte the one helm 3.17.3 pushed") {
  struct Case {
    std::string chart;    // NAME-VERSION
    std::string archive;  // its bytes
    std::string created;
    bool provenance;
    std::string golden;  // testdata file
  };
  const Case cases[] = {
      {"keda-2.12.1", corpus("keda-2.12.1.tgz"), "2023-11-20T10:00:00Z", false,
       "keda-2.12.1.manifest.json"},
      {"keda-2.12.1", corpus("keda-2.12.1.tgz"), "2023-11-20T10:00:00Z", true,
       "keda-2.12.1-prov.manifest.json"},
      {"argo-cd-5.51.4", corpus("argo-cd-5.51.4.tgz"), "2023-11-20T18:49:41Z", false,
       "argo-cd-5.51.4.manifest.json"},
      {"cert-manager-v1.13.2", corpus("cert-manager-v1.13.2.tgz"), "2023-11-20T18:49:41Z", false,
       "cert-manager-v1.13.2.manifest.json"},
      // Blank home and first source, maintainers without name or email, chart annotations
      // replacing created and description but not title, characters Go escapes.
      {"tricky-1.2.3+build.7", testdata("tricky-1.2.3+build.7.tgz"), "2024-02-29T23:59:59Z", false,
       "tricky-1.2.3+build.7.manifest.json"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.golden);
    const std::string config = testdata(c.chart + ".config.json");
    const std::string provenance = c.provenance ? testdata(c.chart + ".tgz.prov") : "";
    ChartArtifact artifact{.archive = c.archive, .config_json = config, .created = c.created};
    if (c.provenance) artifact.provenance = provenance;
    auto manifest = build_chart_manifest(artifact);
    REQUIRE_MESSAGE(manifest.ok(), manifest.error().describe());
    const std::string golden = testdata(c.golden);
    CHECK(manifest->bytes == golden);
    CHECK(manifest->descriptor.digest == registry::oci::Digest::of(golden));
    CHECK(manifest->descriptor.media_type == media_type::kOciManifest);
    CHECK(manifest->chart.digest == registry::oci::Digest::of(c.archive));
    CHECK(manifest->config.size == static_cast<int64_t>(config.size()));
    CHECK(manifest->provenance.has_value() == c.provenance);

    // And it reads back as a chart.
    auto layers = chart_layers(parsed(manifest->bytes), "test");
    REQUIRE_MESSAGE(layers.ok(), layers.error().describe());
    CHECK(layers->chart == manifest->chart);
    CHECK(layers->config == manifest->config);
    CHECK(layers->provenance == manifest->provenance);
  }
}

TEST_CASE("name, version and tag come from the config; created is left out when unknown") {
  const std::string config = testdata("tricky-1.2.3+build.7.config.json");
  auto manifest = build_chart_manifest({.archive = "tgz", .config_json = config});
  REQUIRE(manifest.ok());
  CHECK(manifest->name == "tricky");
  CHECK(manifest->version == "1.2.3+build.7");
  CHECK(manifest->tag == "1.2.3_build.7");
  // The chart's own annotation still sets it.
  CHECK(manifest->bytes.find(R"("org.opencontainers.image.created":"overridden")") !=
        std::string::npos);

  auto plain = helm_annotations(R"({"name":"a","version":"1.0.0"})", "");
  REQUIRE(plain.ok());
  CHECK(*plain ==
        std::map<std::string, std::string>{{"org.opencontainers.image.title", "a"},
                                           {"org.opencontainers.image.version", "1.0.0"}});
}

TEST_CASE("a config that is not a chart's metadata is refused") {
  struct Case {
    std::string_view config;
    std::string_view expected;
  };
  const Case cases[] = {
      {"not json", "is not JSON"},
      {"[1]", "is not an object"},
      {R"({"version":"1.0.0"})", "has no \"name\""},
      {R"({"name":"a"})", "has no \"version\""},
      {R"({"name":"a","version":"   "})", "has no \"version\""},
      {R"({"name":1,"version":"1.0.0"})", "non-string \"name\""},
      {R"({"name":"a","version":"1.0.0","sources":"x"})", "non-list \"sources\""},
      {R"({"name":"a","version":"1.0.0","sources":[1]})", "wrong type"},
      {R"({"name":"a","version":"1.0.0","maintainers":{}})", "non-list \"maintainers\""},
      {R"({"name":"a","version":"1.0.0","annotations":{"k":1}})", "wrong type"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.config);
    auto manifest = build_chart_manifest({.archive = "tgz", .config_json = c.config});
    REQUIRE_FALSE(manifest.ok());
    CHECK(manifest.error().code == Error::Code::kInvalidInput);
    CHECK(manifest.error().message.find(c.expected) != std::string::npos);
  }
}

TEST_CASE("strings are escaped as Go's encoding/json escapes them") {
  struct Case {
    std::string_view text;
    std::string_view expected;
  };
  const Case cases[] = {
      {"plain", R"("plain")"},
      {"a\"b\\c/", R"("a\"b\\c/")"},
      {"<&>", R"("\u003c\u0026\u003e")"},
      {"\b\f\n\r\t\x01\x1f\x7f", "\"\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\""},
      {"é€😀", "\"é€😀\""},
      {"\xe2\x80\xa8\xe2\x80\xa9", R"("\u2028\u2029")"},
      {"bad\xff", R"("bad\ufffd")"},
      {"\xc0\xaf", R"("\ufffd\ufffd")"},            // overlong '/'
      {"\xed\xa0\x80", R"("\ufffd\ufffd\ufffd")"},  // a surrogate
      {"\xe2\x82", R"("\ufffd\ufffd")"},            // truncated
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(go_json_quote(c.text) == c.expected);
  }
}

TEST_CASE("manifests that are not Helm charts are refused with the reason") {
  const std::string config = R"({"mediaType":")" + std::string(media_type::kHelmConfig) +
                             R"(","digest":"sha256:)" + std::string(64, 'a') + R"(","size":2})";
  const auto layer = [](std::string_view type, char fill) {
    return R"({"mediaType":")" + std::string(type) + R"(","digest":"sha256:)" +
           std::string(64, fill) + R"(","size":3})";
  };
  const auto manifest = [&](const std::string& config_json, const std::string& layers) {
    return R"({"schemaVersion":2,"config":)" + config_json + R"(,"layers":[)" + layers + "]}";
  };
  const std::string image_config = R"({"mediaType":")" + std::string(media_type::kOciConfig) +
                                   R"(","digest":"sha256:)" + std::string(64, 'a') +
                                   R"(","size":2})";
  struct Case {
    std::string bytes;
    std::string_view expected;
  };
  const Case cases[] = {
      {manifest(image_config, layer(media_type::kOciLayerGzip, 'b')), "looks like a container"},
      {manifest(config, layer(media_type::kOciLayerGzip, 'b')), "no layer of media type"},
      {manifest(config, layer(media_type::kHelmChartContent, 'b') + "," +
                            layer(media_type::kHelmChartContent, 'c')),
       "more than one chart layer"},
      {manifest(config, layer(media_type::kHelmChartContent, 'b') + "," +
                            layer(media_type::kHelmChartProvenance, 'c') + "," +
                            layer(media_type::kHelmChartProvenance, 'd')),
       "more than one provenance layer"},
      {R"({"schemaVersion":2,"mediaType":")" + std::string(media_type::kOciIndex) +
           R"(","manifests":[]})",
       "image index"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.bytes);
    auto layers = chart_layers(parsed(c.bytes), "oci://r.example/x:1.0.0");
    REQUIRE_FALSE(layers.ok());
    CHECK(layers.error().code == Error::Code::kInvalidInput);
    CHECK(layers.error().source == "oci://r.example/x:1.0.0");
    CHECK(layers.error().message.find(c.expected) != std::string::npos);
  }

  // The legacy chart layer type is still a chart; unknown layers are ignored.
  auto legacy = chart_layers(parsed(manifest(config, layer(kLegacyChartLayerMediaType, 'b') + "," +
                                                         layer("text/plain", 'c'))),
                             "test");
  REQUIRE(legacy.ok());
  CHECK(legacy->chart.media_type == kLegacyChartLayerMediaType);
  CHECK_FALSE(legacy->provenance.has_value());
}

}  // namespace chartmirror::charts
