#include "registry/oci/descriptor.h"

#include <algorithm>

namespace chartmirror::registry::oci {
namespace {

bool is_platform_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return text;
}

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// containerd, platforms.Normalize: one spelling per (architecture, variant).
void normalize_architecture(std::string& architecture, std::string& variant) {
  if (all_digits(variant)) variant = "v" + variant;  // "8" is "v8"
  if (architecture == "x86_64" || architecture == "x86-64" || architecture == "amd64") {
    architecture = "amd64";
    if (variant == "v1") variant.clear();  // v1 is the baseline every amd64 CPU has
  } else if (architecture == "aarch64" || architecture == "arm64") {
    architecture = "arm64";
    if (variant == "v8" || variant == "v8.0") variant.clear();  // v8 is arm64's baseline
  } else if (architecture == "armhf") {
    architecture = "arm";
    variant = "v7";
  } else if (architecture == "armel") {
    architecture = "arm";
    variant = "v6";
  } else if (architecture == "arm") {
    if (variant.empty()) variant = "v7";  // what containerd and Docker assume for plain arm
  } else if (architecture == "i386") {
    architecture = "386";
  }
}

}  // namespace

std::string Platform::str() const {
  std::string text = os + "/" + architecture;
  if (!variant.empty()) text += "/" + variant;
  return text;
}

Result<Platform, Error> Platform::parse(std::string_view text) {
  const auto invalid = [text](std::string_view why) {
    return Error{.code = Error::Code::kInvalidInput,
                 .message = "'" + std::string(text) + "' is not a platform: " + std::string(why) +
                            "; expected os/architecture[/variant], e.g. linux/amd64 or "
                            "linux/arm64/v8",
                 .operation = "parse platform"};
  };
  std::vector<std::string> parts;
  std::size_t begin = 0;
  while (true) {
    const std::size_t slash = text.find('/', begin);
    const std::string_view part = text.substr(begin, slash - begin);
    if (part.empty()) return invalid("a part is empty");
    if (!std::all_of(part.begin(), part.end(), is_platform_char)) {
      return invalid("only letters, digits, '.', '_' and '-' may appear between slashes");
    }
    parts.emplace_back(part);
    if (slash == std::string_view::npos) break;
    begin = slash + 1;
  }
  if (parts.size() < 2) return invalid("the architecture is missing");
  if (parts.size() > 3) return invalid("too many parts");
  Platform platform{.os = std::move(parts[0]), .architecture = std::move(parts[1])};
  if (parts.size() == 3) platform.variant = std::move(parts[2]);
  return platform;
}

Platform Platform::normalized() const {
  Platform result = *this;
  result.os = lowercase(os);
  if (result.os == "macos") result.os = "darwin";
  result.architecture = lowercase(architecture);
  result.variant = lowercase(variant);
  normalize_architecture(result.architecture, result.variant);
  return result;
}

bool Platform::matches(const Platform& candidate) const {
  const Platform want = normalized();
  const Platform have = candidate.normalized();
  if (want.os != have.os || want.architecture != have.architecture) return false;
  // The filter's own words decide whether the variant matters: "linux/arm" names none, even
  // though normalisation gives it the default "v7"; "linux/armhf" names v7 by its alias.
  const std::string architecture_as_written = lowercase(architecture);
  const bool names_variant =
      !variant.empty() || architecture_as_written == "armhf" || architecture_as_written == "armel";
  if (names_variant && want.variant != have.variant) return false;
  return os_version.empty() || os_version == candidate.os_version;
}

}  // namespace chartmirror::registry::oci
