// registry/oci/descriptor.h — pointers to content (descriptors) and the platforms they run on.
//
// A Descriptor is what a manifest or index says about one piece of content it refers to: its
// media type, digest and size, and for index entries the platform (OCI image spec,
// descriptor.md and image-index.md). Descriptors are plain values; reading them from JSON is
// the manifest parser's job (registry/oci/manifest.h), which guarantees digest set, size ≥ 0
// and media type non-empty.
//
// Platform filters (`--platform linux/arm64`, `spec.images.platforms`) select index entries by
// Platform::matches, which follows containerd's normalisation so that spellings of one
// platform agree: x86_64 = amd64 (and amd64/v1 = amd64), aarch64 = arm64 (and arm64/v8 =
// arm64), arm = arm/v7, armhf = arm/v7, armel = arm/v6, i386 = 386.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registry/error.h"
#include "registry/oci/digest.h"
#include "support/result.h"

namespace chartmirror::registry::oci {

struct Platform {
  std::string os;                        // "linux", "windows"
  std::string architecture;              // GOARCH spelling: "amd64", "arm64", "arm", "386", "s390x"
  std::string variant;                   // "v8", "v7"; empty when the document gives none
  std::string os_version;                // "os.version", Windows builds; empty when absent
  std::vector<std::string> os_features;  // "os.features"

  // "os/architecture[/variant]" as written, e.g. "linux/arm64/v8", "linux/amd64".
  [[nodiscard]] std::string str() const;

  // Reads "os/architecture[/variant]". Each part must be non-empty and made of letters,
  // digits, '.', '_' or '-'; the text is kept as written (see normalized()). kInvalidInput
  // otherwise, with the expected form in the message.
  [[nodiscard]] static Result<Platform, Error> parse(std::string_view text);

  // The containerd spelling: lowercase os; architecture aliases and default variants resolved
  // (arm64 → variant "", arm → "v7", amd64/v1 → ""). os_version and os_features are kept.
  [[nodiscard]] Platform normalized() const;

  // True when `candidate` (an index entry's platform) is what this filter asks for, comparing
  // normalized forms: os and architecture equal; variant equal when the filter names one (a
  // filter without a variant takes every variant: "linux/arm" selects arm/v6 and arm/v7);
  // os_version equal when the filter names one. os_features are not compared.
  [[nodiscard]] bool matches(const Platform& candidate) const;

  friend bool operator==(const Platform&, const Platform&) = default;
};

struct Descriptor {
  std::string media_type;
  Digest digest;
  std::int64_t size = 0;
  std::optional<Platform> platform;                // index entries; absent elsewhere
  std::map<std::string, std::string> annotations;  // empty when the document has none
  std::string artifact_type;                       // OCI 1.1; empty when absent
  std::vector<std::string> urls;                   // non-distributable layers' sources

  friend bool operator==(const Descriptor&, const Descriptor&) = default;
};

}  // namespace chartmirror::registry::oci
