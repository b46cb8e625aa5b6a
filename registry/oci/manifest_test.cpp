#include "registry/oci/manifest.h"

#include <optional>
#include <string>

#include <doctest/doctest.h>

#include "registry/oci/media_types.h"

namespace chartmirror::registry::oci {
namespace {

// A digest that names nothing in particular: "$3" in a test document stands for fake(3).
std::string fake(int n) { return Digest::of("content " + std::to_string(n)).str(); }

std::string with_digests(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9') {
      out += fake(text[i + 1] - '0');
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

Manifest parsed(const std::string& bytes, std::string_view content_type = "") {
  auto manifest = parse_manifest(bytes, content_type);
  if (!manifest.ok()) FAIL(manifest.error().describe());
  return std::move(manifest).value();
}

// docker buildx output: two platforms and an attestation manifest.
const std::string kOciIndexJson = with_digests(R"({
  "schemaVersion": 2,
  "mediaType": "application/vnd.oci.image.index.v1+json",
  "manifests": [
    {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "$1", "size": 1613,
     "platform": {"architecture": "amd64", "os": "linux"}},
    {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "$2", "size": 1613,
     "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}},
    {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "$3", "size": 566,
     "annotations": {"vnd.docker.reference.digest": "$1",
                     "vnd.docker.reference.type": "attestation-manifest"},
     "platform": {"architecture": "unknown", "os": "unknown"}}
  ],
  "annotations": {"org.opencontainers.image.created": "2024-05-01T10:00:00Z"}
})");

const std::string kDockerListJson = with_digests(R"({
   "schemaVersion": 2,
   "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
   "manifests": [
      {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 527,
       "digest": "$4", "platform": {"architecture": "arm", "os": "linux", "variant": "v6"}},
      {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 527,
       "digest": "$5", "platform": {"architecture": "arm", "os": "linux", "variant": "v7"}},
      {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 1125,
       "digest": "$6", "platform": {"architecture": "amd64", "os": "windows",
       "os.version": "10.0.17763.5458", "os.features": ["win32k"], "features": ["sse4"]}}
   ]
})");

const std::string kDockerManifestJson = with_digests(R"({
   "schemaVersion": 2,
   "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
   "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1469,
              "digest": "$1"},
   "layers": [
      {"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 3401613,
       "digest": "$2"},
      {"mediaType": "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", "size": 1430,
       "digest": "$3", "urls": ["https://mcr.microsoft.com/v2/windows/blobs/$3"]}
   ]
})");

// An SBOM attached to an image through OCI 1.1 `subject`.
const std::string kReferrerJson = with_digests(R"({
  "schemaVersion": 2,
  "mediaType": "application/vnd.oci.image.manifest.v1+json",
  "artifactType": "application/spdx+json",
  "config": {"mediaType": "application/vnd.oci.empty.v1+json", "digest": "$0", "size": 2,
             "data": "e30="},
  "layers": [{"mediaType": "application/spdx+json", "digest": "$7", "size": 9120}],
  "subject": {"mediaType": "application/vnd.oci.image.index.v1+json", "digest": "$8",
              "size": 1609},
  "annotations": {"org.opencontainers.image.created": "2024-05-01T10:00:00Z"}
})");

// What `helm push` writes: no mediaType in the document.
const std::string kHelmChartJson = with_digests(
    R"({"schemaVersion":2,"config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"$1","size":117},"layers":[{"mediaType":"application/vnd.cncf.helm.chart.content.v1.tar+gzip","digest":"$2","size":3620}],"annotations":{"org.opencontainers.image.title":"keda","org.opencontainers.image.version":"2.12.1"}})");

}  // namespace

TEST_CASE("an OCI image index lists its platforms") {
  const Manifest m = parsed(kOciIndexJson, media_type::kOciIndex);
  CHECK(m.kind() == Manifest::Kind::kIndex);
  CHECK(m.is_index());
  CHECK(m.image() == nullptr);
  REQUIRE(m.index() != nullptr);
  CHECK(m.media_type() == media_type::kOciIndex);
  CHECK(m.bytes() == kOciIndexJson);
  CHECK(m.digest() == Digest::of(kOciIndexJson));
  CHECK(m.annotations().at("org.opencontainers.image.created") == "2024-05-01T10:00:00Z");
  CHECK_FALSE(m.subject().has_value());

  const auto& entries = m.index()->manifests;
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].media_type == media_type::kOciManifest);
  CHECK(entries[0].digest.str() == fake(1));
  CHECK(entries[0].size == 1613);
  REQUIRE(entries[0].platform.has_value());
  CHECK(entries[0].platform->str() == "linux/amd64");
  REQUIRE(entries[1].platform.has_value());
  CHECK(entries[1].platform->str() == "linux/arm64/v8");
  CHECK(entries[2].annotations.at("vnd.docker.reference.type") == "attestation-manifest");
  CHECK(m.children() == entries);

  auto filter = Platform::parse("linux/arm64");
  REQUIRE(filter.ok());
  int matched = 0;
  for (const auto& entry : entries) {
    if (entry.platform && filter->matches(*entry.platform)) {
      ++matched;
      CHECK(entry.digest.str() == fake(2));
    }
  }
  CHECK(matched == 1);
}

TEST_CASE("a Docker manifest list keeps platform details") {
  const Manifest m = parsed(kDockerListJson, media_type::kDockerManifestList);
  CHECK(m.kind() == Manifest::Kind::kIndex);
  CHECK(m.media_type() == media_type::kDockerManifestList);
  const auto& entries = m.index()->manifests;
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].platform->str() == "linux/arm/v6");
  CHECK(entries[1].platform->str() == "linux/arm/v7");
  const Platform& windows = *entries[2].platform;
  CHECK(windows.os_version == "10.0.17763.5458");
  CHECK(windows.os_features == std::vector<std::string>{"win32k"});
  CHECK(entries[2].media_type == media_type::kDockerManifest);
}

TEST_CASE("a Docker schema 2 manifest has a config and layers, foreign ones with urls") {
  const Manifest m = parsed(kDockerManifestJson, media_type::kDockerManifest);
  CHECK(m.kind() == Manifest::Kind::kImage);
  CHECK(m.index() == nullptr);
  REQUIRE(m.image() != nullptr);
  CHECK(m.media_type() == media_type::kDockerManifest);
  const ImageManifest& image = *m.image();
  CHECK(image.config.media_type == media_type::kDockerConfig);
  CHECK(image.config.digest.str() == fake(1));
  CHECK(image.config.size == 1469);
  REQUIRE(image.layers.size() == 2);
  CHECK(image.layers[0].size == 3401613);
  CHECK(image.layers[0].urls.empty());
  CHECK(media_type::is_non_distributable(image.layers[1].media_type));
  CHECK(image.layers[1].urls.size() == 1);
  CHECK_FALSE(image.layers[1].platform.has_value());

  const auto children = m.children();
  REQUIRE(children.size() == 3);
  CHECK(children[0] == image.config);
  CHECK(children[1] == image.layers[0]);
  CHECK(children[2] == image.layers[1]);
}

TEST_CASE("an OCI 1.1 referrer keeps its subject and artifact type") {
  const Manifest m = parsed(kReferrerJson, media_type::kOciManifest);
  CHECK(m.artifact_type() == "application/spdx+json");
  REQUIRE(m.subject().has_value());
  CHECK(m.subject()->digest.str() == fake(8));
  CHECK(m.subject()->media_type == media_type::kOciIndex);
  CHECK(m.image()->config.media_type == media_type::kOciEmpty);
  CHECK(m.children().size() == 2);  // the subject is not a child
  CHECK(m.annotations().size() == 1);
}

TEST_CASE("the media type comes from the document, then the header, then the content") {
  struct Case {
    std::string_view name;
    std::string bytes;
    std::string_view content_type;
    std::string_view media_type;
  };
  const std::string bare_index = with_digests(
      R"({"schemaVersion": 2, "manifests": [{"mediaType": "a/b", "digest": "$1", "size": 1}]})");
  const Case cases[] = {
      {"helm chart, OCI header", kHelmChartJson, media_type::kOciManifest,
       media_type::kOciManifest},
      {"helm chart, no header", kHelmChartJson, "", media_type::kOciManifest},
      {"helm chart, generic header", kHelmChartJson, "application/octet-stream",
       media_type::kOciManifest},
      {"helm chart, Docker header", kHelmChartJson, media_type::kDockerManifest,
       media_type::kDockerManifest},
      {"document over header", kDockerManifestJson, media_type::kOciManifest,
       media_type::kDockerManifest},
      {"index over manifest header", kOciIndexJson, media_type::kOciManifest,
       media_type::kOciIndex},
      {"header with parameters", bare_index,
       " application/vnd.docker.distribution.manifest.list.v2+json ; charset=utf-8",
       media_type::kDockerManifestList},
      {"bare index, no header", bare_index, "", media_type::kOciIndex},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const Manifest m = parsed(c.bytes, c.content_type);
    CHECK(m.media_type() == c.media_type);
    CHECK(m.is_index() == media_type::is_index(c.media_type));
  }
  const Manifest chart = parsed(kHelmChartJson);
  CHECK(chart.image()->config.media_type == media_type::kHelmConfig);
  CHECK(chart.image()->layers.at(0).media_type == media_type::kHelmChartContent);
}

TEST_CASE("the bytes are kept exactly as received") {
  const std::string odd = with_digests(
      "  {\"layers\":[],\r\n\t\"config\" : {\"size\":0,\"digest\":\"$1\",\"mediaType\":\"x/y\","
      "\"annotations\":{}} ,\"schemaVersion\":2,\"unknownField\":{\"kept\":[1,2.5e3]}}\n\n");
  const Manifest m = parsed(odd, media_type::kOciManifest);
  CHECK(m.bytes() == odd);
  CHECK(m.digest() == Digest::of(odd));
  CHECK(m.image()->layers.empty());
  const Descriptor self = m.descriptor();
  CHECK(self.media_type == media_type::kOciManifest);
  CHECK(self.digest == m.digest());
  CHECK(self.size == static_cast<std::int64_t>(odd.size()));
}

TEST_CASE("Docker schema 1 is refused by name") {
  const std::string schema1 = with_digests(R"({"schemaVersion": 1, "name": "library/busybox",
    "tag": "1.0", "architecture": "amd64", "fsLayers": [{"blobSum": "$9"}],
    "history": [{"v1Compatibility": "{}"}], "signatures": []})");
  struct Case {
    std::string_view name;
    std::string bytes;
    std::string_view content_type;
  };
  const Case cases[] = {
      {"signed", schema1, media_type::kDockerSchema1SignedManifest},
      {"no header", schema1, ""},
      {"schema 2 header", schema1, media_type::kDockerManifest},
      {"schema 1 header, schema 2 body", kDockerManifestJson, media_type::kDockerSchema1Manifest},
      {"schema 1 mediaType",
       R"({"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v1+json"})",
       ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto m = parse_manifest(c.bytes, c.content_type);
    REQUIRE_FALSE(m.ok());
    CHECK(m.error().code == Error::Code::kUnsupported);
    CHECK(m.error().operation == "parse manifest");
    CHECK(m.error().message.find("Docker schema 1 manifests are not supported") !=
          std::string::npos);
  }
}

TEST_CASE("manifests larger than 4 MiB are refused before parsing") {
  std::string at_limit = kHelmChartJson;
  at_limit.resize(kMaxManifestBytes, ' ');  // JSON allows trailing blanks
  CHECK(parse_manifest(at_limit, media_type::kOciManifest).ok());

  const std::string over = at_limit + " ";
  auto m = parse_manifest(over, media_type::kOciManifest);
  REQUIRE_FALSE(m.ok());
  CHECK(m.error().code == Error::Code::kTooLarge);
  CHECK(m.error().message.find("4194305 bytes") != std::string::npos);
}

TEST_CASE("deeply nested JSON is refused before it is built") {
  const std::size_t depth = 1'000'000;
  auto m = parse_manifest(std::string(depth, '[') + std::string(depth, ']'), "");
  REQUIRE_FALSE(m.ok());
  CHECK(m.error().code == Error::Code::kInvalidInput);
  CHECK(m.error().message.find("nests more than 64 levels") != std::string::npos);

  // Brackets inside strings (escaped quotes included) do not count.
  const std::string brackets = std::string(100, '[') + "\\\"" + std::string(100, '{');
  std::string annotated = kHelmChartJson;
  annotated.insert(annotated.rfind('}'), R"(,"x":{"a":")" + brackets + R"("})");
  const Manifest chart = parsed(annotated);
  CHECK(chart.annotations().at("org.opencontainers.image.title") == "keda");

  std::string deep = kHelmChartJson;
  deep.insert(deep.rfind('}'), R"(,"x":)" + std::string(63, '[') + std::string(63, ']'));
  CHECK(parse_manifest(deep, "").ok());  // the root and 63 arrays: 64 levels
  deep.insert(deep.rfind('}') - 63, "[]");
  CHECK_FALSE(parse_manifest(deep, "").ok());
}

}  // namespace chartmirror::registry::oci
