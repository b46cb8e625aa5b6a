// Malformed and unsupported manifests: each refusal names the field and says why.
#include <string>

#include <doctest/doctest.h>

#include "registry/oci/manifest.h"
#include "registry/oci/media_types.h"

namespace chartmirror::registry::oci {
namespace {

const std::string kDigest1 = Digest::of("1").str();

// An image manifest whose first layer descriptor is `layer` (JSON object text).
std::string image_with_layer(std::string_view layer) {
  return R"({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
             "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": 7,
                        "digest": ")" +
         kDigest1 + R"("}, "layers": [)" + std::string(layer) + "]}";
}

std::string layer(std::string_view digest, std::string_view size, std::string_view extra = "") {
  return R"({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": )" +
         std::string(digest) + R"(, "size": )" + std::string(size) + std::string(extra) + "}";
}

std::string index_with_entry(std::string_view entry) {
  return R"({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
             "manifests": [)" +
         std::string(entry) + "]}";
}

std::string entry_with_platform(std::string_view platform) {
  return R"({"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 7, "digest": ")" +
         kDigest1 + R"(", "platform": )" + std::string(platform) + "}";
}

}  // namespace

TEST_CASE("a malformed or unsupported manifest is refused naming the field") {
  struct Case {
    std::string bytes;
    std::string_view content_type;
    Error::Code code;
    std::string_view expected;
  };
  const std::string good_layer = layer('"' + kDigest1 + '"', "7");
  const std::string quoted = '"' + kDigest1 + '"';
  const Error::Code invalid = Error::Code::kInvalidInput;
  const Error::Code unsupported = Error::Code::kUnsupported;
  const Case cases[] = {
      {"", "", invalid, "not valid JSON"},
      {"{", "", invalid, "not valid JSON"},
      {image_with_layer(good_layer) + " x", "", invalid, "not valid JSON"},
      {"{\"schemaVersion\": 2, \"annotations\": {\"a\": \"\xff\"}}", "", invalid, "not valid JSON"},
      {"[]", "", invalid, "must be a JSON object, not array"},
      {"\"manifest\"", "", invalid, "must be a JSON object, not string"},
      {R"({"mediaType": "application/vnd.oci.image.index.v1+json", "manifests": []})", "", invalid,
       "schemaVersion is missing"},
      {R"({"schemaVersion": null, "manifests": []})", "", invalid, "schemaVersion is missing"},
      {R"({"schemaVersion": "2", "manifests": []})", "", invalid,
       "schemaVersion must be an integer"},
      {R"({"schemaVersion": 2.5, "manifests": []})", "", invalid,
       "schemaVersion must be an integer"},
      {R"({"schemaVersion": 3, "manifests": []})", "", invalid, "schemaVersion is 3"},
      {R"({"schemaVersion": 2, "mediaType": 5})", "", invalid, "mediaType must be a string"},
      {R"({"schemaVersion": 2, "mediaType": "application/vnd.oci.artifact.manifest.v1+json"})", "",
       unsupported, "'application/vnd.oci.artifact.manifest.v1+json' is not a manifest"},
      {R"({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.config.v1+json"})", "",
       unsupported, "is not a manifest or index type"},
      {R"({"schemaVersion": 2})", "application/json", invalid, "neither 'config' nor 'manifests'"},
      {R"({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json"})", "",
       invalid, "field config is missing"},
      {R"({"schemaVersion": 2, "config": []})", "", invalid,
       "config must be a descriptor object, not array"},
      {R"({"schemaVersion": 2, "config": {"mediaType": "a/b", "size": 1}})", "", invalid,
       "config.digest is missing"},
      {R"({"schemaVersion": 2, "config": {"mediaType": "", "size": 1, "digest": ")" + kDigest1 +
           "\"}}",
       "", invalid, "config.mediaType is empty"},
      {R"({"schemaVersion": 2, "config": {"mediaType": "a/b", "digest": ")" + kDigest1 + "\"}}", "",
       invalid, "config.size is missing"},
      {image_with_layer(good_layer + "," + layer(quoted, "-1")), "", invalid,
       "layers[1].size must not be negative"},
      {image_with_layer(layer(quoted, "1.5")), "", invalid,
       "layers[0].size must be an integer of at most 63 bits, not 1.5"},
      {image_with_layer(layer(quoted, "\"7\"")), "", invalid, "layers[0].size must be an integer"},
      {image_with_layer(layer(quoted, "9223372036854775808")), "", invalid,
       "layers[0].size must be an integer of at most 63 bits"},
      {image_with_layer(layer("\"sha256:abc\"", "7")), "", invalid,
       "layers[0].digest is not valid: 'sha256:abc' is not a digest"},
      {image_with_layer(layer("7", "7")), "", invalid, "layers[0].digest must be a string"},
      {image_with_layer(layer("\"md5:d41d8cd98f00b204e9800998ecf8427e\"", "7")), "", unsupported,
       "layers[0].digest is not valid"},
      {image_with_layer(layer(quoted, "7", R"(, "urls": ["https://a", 1])")), "", invalid,
       "layers[0].urls[1] must be a string, not number"},
      {image_with_layer(layer(quoted, "7", R"(, "urls": "https://a")")), "", invalid,
       "layers[0].urls must be an array of strings"},
      {image_with_layer(layer(quoted, "7", R"(, "annotations": {"a": "b", "c": 1})")), "", invalid,
       "layers[0].annotations.c must be a string, not number"},
      {image_with_layer(layer(quoted, "7", R"(, "annotations": [])")), "", invalid,
       "layers[0].annotations must be an object of strings"},
      {image_with_layer("7"), "", invalid, "layers[0] must be a descriptor object, not number"},
      {R"({"schemaVersion": 2, "config": )" + good_layer + R"(, "layers": {}})", "", invalid,
       "layers must be an array of descriptors"},
      {R"({"schemaVersion": 2, "config": )" + good_layer + R"(, "subject": "x"})", "", invalid,
       "subject must be a descriptor object"},
      {R"({"schemaVersion": 2, "config": )" + good_layer + R"(, "artifactType": 1})", "", invalid,
       "artifactType must be a string"},
      {R"({"schemaVersion": 2, "config": )" + good_layer + R"(, "manifests": []})",
       media_type::kOciManifest, invalid, "must not have a 'manifests' field"},
      {R"({"schemaVersion": 2, "manifests": [], "layers": []})", media_type::kOciIndex, invalid,
       "must not have a 'layers' field"},
      {R"({"schemaVersion": 2, "manifests": [], "config": )" + good_layer + "}", "", invalid,
       "must not have a 'config' field"},
      {index_with_entry(entry_with_platform(R"({"os": "linux"})")), "", invalid,
       "manifests[0].platform.architecture is missing"},
      {index_with_entry(entry_with_platform(R"({"os": 1, "architecture": "amd64"})")), "", invalid,
       "manifests[0].platform.os must be a string"},
      {index_with_entry(entry_with_platform(R"("linux/amd64")")), "", invalid,
       "manifests[0].platform must be an object"},
      {index_with_entry(entry_with_platform(
           R"({"os": "windows", "architecture": "amd64", "os.features": "win32k"})")),
       "", invalid, "manifests[0].platform.os.features must be an array"},
      {index_with_entry(R"({"mediaType": "a/b", "size": 1})"), "", invalid,
       "manifests[0].digest is missing"},
      {R"({"schemaVersion": 2, "manifests": {}})", "", invalid,
       "manifests must be an array of descriptors"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.bytes);
    auto m = parse_manifest(c.bytes, c.content_type);
    REQUIRE_FALSE(m.ok());
    CAPTURE(m.error().message);
    CHECK(m.error().code == c.code);
    CHECK(m.error().operation == "parse manifest");
    CHECK(m.error().message.find(c.expected) != std::string::npos);
  }
}

TEST_CASE("optional fields may be null or absent") {
  const std::string digest = Digest::of("1").str();
  const std::string bytes = R"({"schemaVersion": 2, "mediaType": null, "layers": null,
      "annotations": null, "subject": null, "artifactType": null,
      "config": {"mediaType": "a/b", "size": 0, "digest": ")" +
                            digest + R"(", "urls": null, "platform": null}})";
  auto m = parse_manifest(bytes, "");
  REQUIRE(m.ok());
  CHECK(m->media_type() == media_type::kOciManifest);
  CHECK(m->image()->layers.empty());
  CHECK(m->annotations().empty());
  CHECK_FALSE(m->subject().has_value());
  CHECK(m->image()->config.size == 0);
}

}  // namespace chartmirror::registry::oci
