// registry/content/testing/image_builder.h — builds small images in a MemoryStore for tests:
// random layers, configs, image manifests, indexes (OCI or Docker media types) and OCI 1.1
// referrers, pushed the way a client would (blobs first, then the manifests naming them).
// A push that fails is a broken test, so the builder fails the running doctest case.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "registry/content/memory_store.h"
#include "registry/oci/descriptor.h"

namespace chartmirror::registry::content::testing {

enum class Flavor { kOci, kDocker };

// `size` pseudo-random bytes, the same for the same seed.
[[nodiscard]] std::string random_bytes(size_t size, std::uint32_t seed);

// "os/arch[/variant]" as a Platform; fails the test on a typo.
[[nodiscard]] oci::Platform platform(std::string_view text);

class ImageBuilder {
 public:
  explicit ImageBuilder(MemoryStore& store, Flavor flavor = Flavor::kOci);

  // Pushes `bytes` as a blob described with `media_type`.
  oci::Descriptor blob(std::string_view bytes, std::string_view media_type);
  // A new random layer of the flavor's gzip layer type (different bytes on every call).
  oci::Descriptor layer(size_t size);
  // A non-distributable layer: described (with urls) but not pushed, as registries hold none.
  [[nodiscard]] oci::Descriptor foreign_layer(size_t size);

  // Pushes a config telling `platform_text`, then the image manifest with `layers` (which
  // must be pushed already). Returns the manifest's descriptor with its platform set, ready
  // to go into an index. Tagged when `tag` is not empty.
  oci::Descriptor image(std::string_view platform_text, const std::vector<oci::Descriptor>& layers,
                        std::string_view tag = {});
  // Pushes an index (OCI) or manifest list (Docker) of `manifests`.
  oci::Descriptor index(const std::vector<oci::Descriptor>& manifests, std::string_view tag = {},
                        const std::map<std::string, std::string>& annotations = {});
  // Pushes an OCI artifact manifest whose subject is `subject` (a signature, an SBOM), with
  // the empty config and one layer holding `payload`.
  oci::Descriptor referrer(const oci::Descriptor& subject, std::string_view artifact_type,
                           std::string_view payload);

  // Pushes manifest bytes as they are.
  oci::Descriptor manifest(const std::string& bytes, std::string_view media_type,
                           std::string_view tag = {});

 private:
  MemoryStore& store_;
  Flavor flavor_;
  std::uint32_t next_seed_ = 1;
};

}  // namespace chartmirror::registry::content::testing
