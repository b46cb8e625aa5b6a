#include "registry/content/testing/image_builder.h"

#include <random>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "registry/content/body_source.h"
#include "registry/oci/media_types.h"

namespace chartmirror::registry::content::testing {
namespace {

using nlohmann::json;

json to_json(const oci::Descriptor& descriptor) {
  json out = {{"mediaType", descriptor.media_type},
              {"digest", descriptor.digest.str()},
              {"size", descriptor.size}};
  if (descriptor.platform) {
    const oci::Platform& p = *descriptor.platform;
    out["platform"] = {{"os", p.os}, {"architecture", p.architecture}};
    if (!p.variant.empty()) out["platform"]["variant"] = p.variant;
  }
  if (!descriptor.annotations.empty()) out["annotations"] = descriptor.annotations;
  if (!descriptor.urls.empty()) out["urls"] = descriptor.urls;
  if (!descriptor.artifact_type.empty()) out["artifactType"] = descriptor.artifact_type;
  return out;
}

}  // namespace

std::string random_bytes(size_t size, std::uint32_t seed) {
  std::mt19937 engine(seed);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string bytes(size, '\0');
  for (char& c : bytes) c = static_cast<char>(byte(engine));
  return bytes;
}

oci::Platform platform(std::string_view text) {
  auto parsed = oci::Platform::parse(text);
  REQUIRE_MESSAGE(parsed.ok(), text);
  return std::move(parsed).value();
}

ImageBuilder::ImageBuilder(MemoryStore& store, Flavor flavor) : store_(store), flavor_(flavor) {}

oci::Descriptor ImageBuilder::blob(std::string_view bytes, std::string_view media_type) {
  oci::Descriptor descriptor{.media_type = std::string(media_type),
                             .digest = oci::Digest::of(bytes),
                             .size = static_cast<std::int64_t>(bytes.size())};
  StringSource source(bytes);
  auto pushed = store_.push_blob(descriptor, source);
  REQUIRE_MESSAGE(pushed.ok(), (pushed.ok() ? "" : pushed.error().describe()));
  return descriptor;
}

oci::Descriptor ImageBuilder::layer(size_t size) {
  return blob(random_bytes(size, next_seed_++), flavor_ == Flavor::kOci
                                                    ? oci::media_type::kOciLayerGzip
                                                    : oci::media_type::kDockerLayerGzip);
}

oci::Descriptor ImageBuilder::foreign_layer(size_t size) {
  const std::string bytes = random_bytes(size, next_seed_++);
  const oci::Digest digest = oci::Digest::of(bytes);
  return oci::Descriptor{
      .media_type =
          std::string(flavor_ == Flavor::kOci ? oci::media_type::kOciLayerNondistributableGzip
                                              : oci::media_type::kDockerForeignLayerGzip),
      .digest = digest,
      .size = static_cast<std::int64_t>(size),
      .urls = {"https://foreign.example/blobs/" + digest.str()}};
}

oci::Descriptor ImageBuilder::image(std::string_view platform_text,
                                    const std::vector<oci::Descriptor>& layers,
                                    std::string_view tag) {
  const oci::Platform p = platform(platform_text);
  json config = {{"os", p.os}, {"architecture", p.architecture}};
  if (!p.variant.empty()) config["variant"] = p.variant;
  json diff_ids = json::array();
  for (const auto& layer : layers) diff_ids.push_back(layer.digest.str());
  config["rootfs"] = {{"type", "layers"}, {"diff_ids", diff_ids}};
  const bool oci = flavor_ == Flavor::kOci;
  const oci::Descriptor config_descriptor =
      blob(config.dump(), oci ? oci::media_type::kOciConfig : oci::media_type::kDockerConfig);

  const std::string_view media_type =
      oci ? oci::media_type::kOciManifest : oci::media_type::kDockerManifest;
  json document = {{"schemaVersion", 2},
                   {"mediaType", media_type},
                   {"config", to_json(config_descriptor)},
                   {"layers", json::array()}};
  for (const auto& layer : layers) document["layers"].push_back(to_json(layer));
  oci::Descriptor descriptor = manifest(document.dump(2), media_type, tag);
  descriptor.platform = p;
  return descriptor;
}

oci::Descriptor ImageBuilder::index(const std::vector<oci::Descriptor>& manifests,
                                    std::string_view tag,
                                    const std::map<std::string, std::string>& annotations) {
  const std::string_view media_type =
      flavor_ == Flavor::kOci ? oci::media_type::kOciIndex : oci::media_type::kDockerManifestList;
  json document = {{"schemaVersion", 2}, {"mediaType", media_type}, {"manifests", json::array()}};
  for (const auto& entry : manifests) document["manifests"].push_back(to_json(entry));
  if (!annotations.empty()) document["annotations"] = annotations;
  return manifest(document.dump(3), media_type, tag);
}

oci::Descriptor ImageBuilder::referrer(const oci::Descriptor& subject,
                                       std::string_view artifact_type, std::string_view payload) {
  const oci::Descriptor empty = blob("{}", oci::media_type::kOciEmpty);
  const oci::Descriptor content = blob(payload, artifact_type);
  oci::Descriptor subject_entry{
      .media_type = subject.media_type, .digest = subject.digest, .size = subject.size};
  const json document = {{"schemaVersion", 2},
                         {"mediaType", oci::media_type::kOciManifest},
                         {"artifactType", artifact_type},
                         {"config", to_json(empty)},
                         {"layers", json::array({to_json(content)})},
                         {"subject", to_json(subject_entry)}};
  oci::Descriptor descriptor = manifest(document.dump(), oci::media_type::kOciManifest);
  descriptor.artifact_type = std::string(artifact_type);
  return descriptor;
}

oci::Descriptor ImageBuilder::manifest(const std::string& bytes, std::string_view media_type,
                                       std::string_view tag) {
  oci::Descriptor descriptor{.media_type = std::string(media_type),
                             .digest = oci::Digest::of(bytes),
                             .size = static_cast<std::int64_t>(bytes.size())};
  auto pushed = store_.push_manifest(descriptor, bytes, tag);
  REQUIRE_MESSAGE(pushed.ok(), (pushed.ok() ? "" : pushed.error().describe()));
  return descriptor;
}

}  // namespace chartmirror::registry::content::testing
