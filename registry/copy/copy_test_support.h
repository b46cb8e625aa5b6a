// registry/copy/copy_test_support.h — what copy_test.cpp and copy_faults_test.cpp share: a
// source and a destination MemoryStore, options whose backoff sleeps are recorded instead of
// slept, and checks that a graph arrived whole.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "registry/content/memory_store.h"
#include "registry/content/testing/image_builder.h"
#include "registry/copy/copy.h"
#include "registry/oci/manifest.h"
#include "registry/oci/media_types.h"

namespace chartmirror::registry::copy::testing {

using content::MemoryStore;
using content::testing::Flavor;
using content::testing::ImageBuilder;

struct Fixture {
  explicit Fixture(Flavor flavor = Flavor::kOci) : builder(src, flavor) {
    options.sleep = [this](std::chrono::milliseconds delay) {
      const std::lock_guard lock(mutex);
      sleeps.push_back(delay);
    };
  }

  [[nodiscard]] std::vector<std::chrono::milliseconds> slept() {
    const std::lock_guard lock(mutex);
    return sleeps;
  }

  Result<CopyResult, Error> run(std::string_view identifier = "v1", std::string_view tag = "v1") {
    return copy(src, identifier, dst, tag, options);
  }

  CopyResult copied(std::string_view identifier = "v1", std::string_view tag = "v1") {
    auto result = run(identifier, tag);
    REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.error().describe()));
    return std::move(result).value();
  }

  MemoryStore src{"src.example/app"};
  MemoryStore dst{"dst.example/mirror/app"};
  ImageBuilder builder;
  CopyOptions options;
  std::mutex mutex;
  std::vector<std::chrono::milliseconds> sleeps;  // guarded by mutex
};

// An index of images that all share one layer and each have one of their own.
struct MultiPlatform {
  oci::Descriptor index;
  std::vector<oci::Descriptor> images;
  oci::Descriptor shared_layer;
};

inline MultiPlatform multi_platform(ImageBuilder& builder,
                                    const std::vector<std::string>& platforms,
                                    std::string_view tag = "v1", size_t layer_size = 3000) {
  MultiPlatform out;
  out.shared_layer = builder.layer(layer_size);
  for (const auto& platform : platforms) {
    out.images.push_back(builder.image(platform, {out.shared_layer, builder.layer(layer_size)}));
  }
  out.index = builder.index(out.images, tag, {{"org.opencontainers.image.version", "1.0"}});
  return out;
}

// Every manifest and distributable blob under `root` is in `dst` with the source's bytes
// (`root` itself may be an index the copy wrote, which the source does not have).
inline void check_copied(MemoryStore& src, MemoryStore& dst, const oci::Descriptor& root) {
  CAPTURE(root.digest.str());
  const auto bytes = dst.manifest(root.digest);
  REQUIRE(bytes.has_value());
  if (const auto original = src.manifest(root.digest)) CHECK(*bytes == *original);
  auto manifest = oci::parse_manifest(*bytes, root.media_type);
  REQUIRE(manifest.ok());
  for (const oci::Descriptor& child : manifest->children()) {
    if (manifest->is_index()) {
      check_copied(src, dst, child);
    } else if (oci::media_type::is_non_distributable(child.media_type)) {
      CHECK_FALSE(dst.blob(child.digest).has_value());
    } else {
      CHECK(dst.blob(child.digest) == src.blob(child.digest));
    }
  }
}

}  // namespace chartmirror::registry::copy::testing
