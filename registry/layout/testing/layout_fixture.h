// registry/layout/testing/layout_fixture.h — what the layout tests share: a temporary
// directory, a tiny real image (a gzip tar layer, its config, the manifest), and
// helpers that push, read and inspect.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "registry/content/body_source.h"
#include "registry/layout/layout_store.h"
#include "registry/oci/digest.h"
#include "registry/oci/media_types.h"
#include "support/subprocess.h"
#include "support/testing/temp_dir.h"

namespace chartmirror::registry::layout::testing {

namespace fs = std::filesystem;

using chartmirror::testing::TempDir;

inline void write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  REQUIRE(out.good());
}

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The directory entries of `dir`, by name (empty when it does not exist).
inline std::vector<std::string> list_dir(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

// Temporary files (".tmp-*") anywhere under `dir`: none may outlive an operation.
inline std::vector<std::string> temp_files(const fs::path& dir) {
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.path().filename().string().starts_with(".tmp-")) found.push_back(entry.path());
  }
  return found;
}

inline std::unique_ptr<LayoutStore> open_store(const fs::path& dir, bool create = true) {
  auto store = LayoutStore::open(dir, create);
  if (!store.ok()) FAIL(store.error().describe());
  return std::move(store).value();
}

inline oci::Descriptor describe(std::string_view bytes, std::string_view media_type) {
  return {.media_type = std::string(media_type),
          .digest = oci::Digest::of(bytes),
          .size = static_cast<std::int64_t>(bytes.size())};
}

inline oci::Descriptor push_blob(LayoutStore& store, std::string_view bytes,
                                 std::string_view media_type) {
  const oci::Descriptor descriptor = describe(bytes, media_type);
  content::StringSource source(bytes);
  const auto pushed = store.push_blob(descriptor, source);
  if (!pushed.ok()) FAIL(pushed.error().describe());
  return descriptor;
}

inline std::string read_all(content::BodySource& source) {
  std::string bytes;
  std::string buffer(64 * 1024, '\0');
  while (true) {
    auto n = source.read(buffer.data(), buffer.size());
    if (!n.ok()) FAIL(n.error().describe());
    if (*n == 0) return bytes;
    bytes.append(buffer.data(), *n);
  }
}

inline nlohmann::json descriptor_json(const oci::Descriptor& d) {
  return {{"mediaType", d.media_type}, {"digest", d.digest.str()}, {"size", d.size}};
}

// An OCI image manifest; `subject` makes it a referrer.
inline std::string image_manifest(const oci::Descriptor& config,
                                  const std::vector<oci::Descriptor>& layers,
                                  const std::optional<oci::Descriptor>& subject = std::nullopt,
                                  std::string_view artifact_type = "") {
  nlohmann::json doc = {{"schemaVersion", 2},
                        {"mediaType", oci::media_type::kOciManifest},
                        {"config", descriptor_json(config)},
                        {"layers", nlohmann::json::array()}};
  for (const auto& layer : layers) doc["layers"].push_back(descriptor_json(layer));
  if (subject) doc["subject"] = descriptor_json(*subject);
  if (!artifact_type.empty()) doc["artifactType"] = artifact_type;
  return doc.dump();
}

inline std::string image_index(const std::vector<oci::Descriptor>& manifests) {
  nlohmann::json doc = {{"schemaVersion", 2},
                        {"mediaType", oci::media_type::kOciIndex},
                        {"manifests", nlohmann::json::array()}};
  for (const auto& m : manifests) doc["manifests"].push_back(descriptor_json(m));
  return doc.dump();
}

// A ustar archive holding one regular file (POSIX.1-2001 ustar header, two zero blocks at the
// end), so that tools which look inside layers find a real one.
inline std::string tar_with_file(const std::string& name, const std::string& content) {
  std::string header(512, '\0');
  const auto put = [&](std::size_t offset, const std::string& text) {
    header.replace(offset, text.size(), text);
  };
  const auto octal = [](std::uint64_t value, int width) {
    std::string digits(static_cast<std::size_t>(width - 1), '0');
    for (int i = width - 2; i >= 0 && value > 0; --i, value >>= 3) {
      digits[static_cast<std::size_t>(i)] = static_cast<char>('0' + (value & 7));
    }
    return digits;  // the NUL after it is already in the header
  };
  put(0, name);
  put(100, octal(0644, 8));
  put(108, octal(0, 8));
  put(116, octal(0, 8));
  put(124, octal(content.size(), 12));
  put(136, octal(1700000000, 12));
  put(148, std::string(8, ' '));  // the checksum is computed with its field as spaces
  header[156] = '0';
  put(257, std::string("ustar\0"
                       "00",
                       8));
  unsigned checksum = 0;
  for (const char c : header) checksum += static_cast<unsigned char>(c);
  put(148, octal(checksum, 7) + std::string("\0 ", 2));
  std::string archive = header + content;
  archive.resize((archive.size() + 511) / 512 * 512, '\0');
  archive.append(1024, '\0');
  return archive;
}

struct TinyImage {
  oci::Descriptor layer;
  oci::Descriptor config;
  oci::Descriptor manifest;
  std::string manifest_bytes;
};

// `bytes` gzip-compressed by the gzip program (-n: no name or time, so the same bytes give the
// same digest).
inline std::string gzip(const std::string& bytes) {
  auto ran = run_process({"gzip", "-n", "-c"}, bytes);
  if (!ran.ok()) FAIL("gzip did not run: " << ran.error().message);
  REQUIRE(ran->exit_code == 0);
  return std::move(ran->out);
}

// A linux/amd64 image of one gzip layer, pushed to `store` and tagged `tag` ("" for none).
// `salt` makes images differ. The layer is compressed because skopeo compresses uncompressed
// layers when it writes a layout, which would change the manifest digest.
inline TinyImage push_tiny_image(LayoutStore& store, std::string_view tag,
                                 const std::string& salt = "hello") {
  TinyImage image;
  const std::string tar = tar_with_file("hello.txt", salt + "\n");
  image.layer = push_blob(store, gzip(tar), oci::media_type::kOciLayerGzip);
  const nlohmann::json config = {
      {"architecture", "amd64"},
      {"os", "linux"},
      {"config", {{"Cmd", {"/bin/cat", "/hello.txt"}}}},
      // The diff ID is the digest of the uncompressed layer.
      {"rootfs", {{"type", "layers"}, {"diff_ids", {oci::Digest::of(tar).str()}}}}};
  image.config = push_blob(store, config.dump(), oci::media_type::kOciConfig);
  image.manifest_bytes = image_manifest(image.config, {image.layer});
  image.manifest = describe(image.manifest_bytes, oci::media_type::kOciManifest);
  const auto pushed = store.push_manifest(image.manifest, image.manifest_bytes, tag);
  if (!pushed.ok()) FAIL(pushed.error().describe());
  return image;
}

// index.json as JSON.
inline nlohmann::json read_index(const fs::path& dir) {
  return nlohmann::json::parse(read_file(dir / "index.json"));
}

}  // namespace chartmirror::registry::layout::testing
