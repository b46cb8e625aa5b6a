#include "registry/ref/reference.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace chartmirror::registry {
namespace {

constexpr std::string_view kDefaultRegistry = "docker.io";
constexpr std::string_view kLegacyDefaultRegistry = "index.docker.io";
constexpr std::string_view kOfficialPrefix = "library/";
constexpr std::string_view kDefaultTag = "latest";
constexpr size_t kMaxNameLength = 255;
constexpr size_t kMaxTagLength = 128;
constexpr unsigned kMaxPort = 65535;

struct DigestAlgorithm {
  std::string_view name;
  size_t hex_length;
};
// The algorithms of the OCI image spec (descriptor.md, "Registered algorithms"), the ones
// registry/oci can verify.
constexpr std::array<DigestAlgorithm, 2> kDigestAlgorithms = {{{"sha256", 64}, {"sha512", 128}}};

Error invalid(std::string_view input, std::string message) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = std::move(message),
               .operation = "parse reference",
               .reference = std::string(input)};
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || is_digit(c); }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alnum(char c) { return is_lower_alnum(c) || is_upper(c); }
bool is_word(char c) { return is_alnum(c) || c == '_'; }
bool is_lower_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }
bool is_hex(char c) { return is_lower_hex(c) || (c >= 'A' && c <= 'F'); }
bool has_upper(std::string_view text) { return std::any_of(text.begin(), text.end(), is_upper); }

// `[a-z0-9]+ (SEP [a-z0-9]+)*`, where `is_separator` says how long the separator at a
// position is (0: none there).
template <typename Separator>
bool is_joined_alnum(std::string_view text, Separator is_separator) {
  size_t i = 0;
  while (true) {
    const size_t run = i;
    while (i < text.size() && is_lower_alnum(text[i])) ++i;
    if (i == run) return false;
    if (i == text.size()) return true;
    const size_t separator = is_separator(text.substr(i));
    if (separator == 0) return false;
    i += separator;
  }
}

// A repository path component joins alphanumerics with '.', '_', '__' or a run of '-'.
size_t path_separator(std::string_view rest) {
  if (rest.starts_with("__")) return 2;
  if (rest[0] == '.' || rest[0] == '_') return 1;
  return std::min(rest.find_first_not_of('-'), rest.size());
}

// A digest algorithm joins alphanumerics with one of '+', '.', '_', '-'.
size_t algorithm_separator(std::string_view rest) {
  return std::string_view("+._-").find(rest[0]) == std::string_view::npos ? 0 : 1;
}

// A DNS label: alphanumerics with '-' inside, any case.
bool is_host_label(std::string_view label) {
  return !label.empty() && is_alnum(label.front()) && is_alnum(label.back()) &&
         std::all_of(label.begin(), label.end(), [](char c) { return is_alnum(c) || c == '-'; });
}

// REGISTRY is HOST[:PORT]; HOST is dot-separated DNS labels or a bracketed IPv6 address.
Status<Error> check_registry(std::string_view input, std::string_view registry) {
  std::string_view host;
  if (registry.starts_with('[')) {
    const size_t close = registry.find(']');
    const std::string_view address = registry.substr(1, close - 1);
    if (close == std::string_view::npos || address.empty() ||
        !std::all_of(address.begin(), address.end(),
                     [](char c) { return is_hex(c) || c == ':'; })) {
      return invalid(input, "invalid IPv6 registry address " + quoted(registry));
    }
    host = registry.substr(0, close + 1);
  } else {
    host = registry.substr(0, registry.find(':'));
    for (size_t start = 0; start <= host.size();) {
      const size_t dot = std::min(host.find('.', start), host.size());
      if (!is_host_label(host.substr(start, dot - start))) {
        return invalid(input, "invalid registry host " + quoted(host));
      }
      start = dot + 1;
    }
  }
  if (host.size() == registry.size()) return Done{};
  if (registry[host.size()] != ':') return invalid(input, "invalid registry " + quoted(registry));
  const std::string_view port = registry.substr(host.size() + 1);
  unsigned value = 0;
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || !is_digit(port[0]) || error != std::errc() ||
      end != port.data() + port.size() || value == 0 || value > kMaxPort) {
    return invalid(input, "invalid port " + quoted(port) + " in registry " + quoted(registry));
  }
  return Done{};
}

Status<Error> check_repository(std::string_view input, std::string_view repository) {
  if (has_upper(repository)) {
    return invalid(input, "repository name must be lowercase: " + quoted(repository));
  }
  for (size_t start = 0; start <= repository.size();) {
    const size_t slash = std::min(repository.find('/', start), repository.size());
    const std::string_view component = repository.substr(start, slash - start);
    if (component.empty()) {
      return invalid(input, "repository name " + quoted(repository) + " has an empty component");
    }
    if (!is_joined_alnum(component, path_separator)) {
      return invalid(input, "invalid repository path component " + quoted(component) +
                                " (lowercase letters and digits, joined by '.', '_', '__' "
                                "or dashes)");
    }
    start = slash + 1;
  }
  return Done{};
}

Status<Error> check_tag(std::string_view input, std::string_view tag) {
  if (tag.size() > kMaxTagLength) {
    return invalid(input, "invalid tag " + quoted(tag) + " (longer than 128 characters)");
  }
  if (tag.empty() || !is_word(tag[0]) || !std::all_of(tag.begin(), tag.end(), [](char c) {
        return is_word(c) || c == '.' || c == '-';
      })) {
    return invalid(input, "invalid tag " + quoted(tag) +
                              " (letters, digits, '_', '.' and '-', not starting with '.' "
                              "or '-')");
  }
  return Done{};
}

Status<Error> check_digest(std::string_view input, std::string_view digest) {
  const size_t colon = digest.find(':');
  const std::string_view algorithm = digest.substr(0, colon);
  if (colon == std::string_view::npos || !is_joined_alnum(algorithm, algorithm_separator)) {
    return invalid(input, "invalid digest " + quoted(digest) + " (expected ALGORITHM:HEX)");
  }
  const std::string_view hex = digest.substr(colon + 1);
  const auto known = std::find_if(kDigestAlgorithms.begin(), kDigestAlgorithms.end(),
                                  [&](const auto& a) { return a.name == algorithm; });
  if (known == kDigestAlgorithms.end()) {  // well-formed, but not ours: a limit, not a typo
    Error error = invalid(input, "unsupported digest algorithm " + quoted(algorithm) + " in " +
                                     quoted(digest) + " (sha256 and sha512 are supported)");
    error.code = Error::Code::kUnsupported;
    return error;
  }
  if (hex.size() != known->hex_length || !std::all_of(hex.begin(), hex.end(), is_lower_hex)) {
    return invalid(input, "invalid digest " + quoted(digest) + " (" + std::string(algorithm) +
                              " needs " + std::to_string(known->hex_length) +
                              " hex characters, in lowercase)");
  }
  return Done{};
}

// `TEXT[:TAG][@DIGEST]`, split without judging the parts. '@' and ':' are looked for only
// from `from` on: the start of the last path component.
struct Suffix {
  std::string_view head;
  std::string_view tag;
  std::string_view digest;
  bool has_tag = false;
  bool has_digest = false;
};

Suffix split_suffix(std::string_view text, size_t from) {
  Suffix suffix{.head = text};
  if (const size_t at = suffix.head.find('@', from); at != std::string_view::npos) {
    suffix.digest = suffix.head.substr(at + 1);
    suffix.has_digest = true;
    suffix.head = suffix.head.substr(0, at);
  }
  if (const size_t colon = suffix.head.find(':', from); colon != std::string_view::npos) {
    suffix.tag = suffix.head.substr(colon + 1);
    suffix.has_tag = true;
    suffix.head = suffix.head.substr(0, colon);
  }
  return suffix;
}

Status<Error> check_suffix(std::string_view input, const Suffix& suffix) {
  if (suffix.has_tag) {
    if (auto tag = check_tag(input, suffix.tag); !tag.ok()) return tag.error();
  }
  if (suffix.has_digest) {
    if (auto digest = check_digest(input, suffix.digest); !digest.ok()) return digest.error();
  }
  return Done{};
}

// Without a tag and a digest, the tag is "latest".
std::string_view tag_or_default(const Suffix& suffix) {
  return suffix.has_tag || suffix.has_digest ? suffix.tag : kDefaultTag;
}

size_t last_component_start(std::string_view text) {
  const size_t slash = text.rfind('/');
  return slash == std::string_view::npos ? 0 : slash + 1;
}

}  // namespace

Result<Reference, Error> Reference::parse(std::string_view text) {
  if (text.empty()) return invalid(text, "empty reference");
  // A name never contains '@', so the last path component starts after the last '/' before
  // the first '@'; a malformed digest with a '/' is then still reported as a bad digest.
  const Suffix suffix = split_suffix(text, last_component_start(text.substr(0, text.find('@'))));
  const std::string_view name = suffix.head;
  if (name.empty()) return invalid(text, "missing repository name");

  Reference ref;
  std::string_view repository = name;
  const size_t slash = name.find('/');
  const std::string_view first = name.substr(0, slash);
  if (slash != std::string_view::npos && (first.find_first_of(".:") != std::string_view::npos ||
                                          first == "localhost" || has_upper(first))) {
    if (auto registry = check_registry(text, first); !registry.ok()) return registry.error();
    ref.registry_ = first == kLegacyDefaultRegistry ? kDefaultRegistry : first;
    repository = name.substr(slash + 1);
  } else {
    ref.registry_ = kDefaultRegistry;
  }
  if (auto path = check_repository(text, repository); !path.ok()) return path.error();
  if (ref.registry_ == kDefaultRegistry && repository.find('/') == std::string_view::npos) {
    ref.repository_ = kOfficialPrefix;
  }
  ref.repository_ += repository;
  if (const size_t length = ref.name().size(); length > kMaxNameLength) {
    return invalid(text, "name longer than 255 characters (" + std::to_string(length) + ")");
  }
  if (auto valid = check_suffix(text, suffix); !valid.ok()) return valid.error();
  ref.tag_ = tag_or_default(suffix);
  ref.digest_ = suffix.digest;
  return ref;
}

std::string Reference::name() const { return registry_ + "/" + repository_; }

std::string Reference::str() const {
  return name() + (tag_.empty() ? "" : ":" + tag_) + (digest_.empty() ? "" : "@" + digest_);
}

Result<Reference, Error> Reference::with_tag(std::string_view tag) const {
  if (auto valid = check_tag(str(), tag); !valid.ok()) return valid.error();
  Reference ref = *this;
  ref.tag_ = tag;
  return ref;
}

Result<Reference, Error> Reference::with_digest(std::string_view digest) const {
  if (auto valid = check_digest(str(), digest); !valid.ok()) return valid.error();
  Reference ref = *this;
  ref.digest_ = digest;
  return ref;
}

Result<LayoutReference, Error> LayoutReference::parse(std::string_view text) {
  if (!text.starts_with(kLayoutScheme)) {
    return invalid(text, "not an image layout reference (expected oci-layout:DIR[:TAG][@DIGEST])");
  }
  const std::string_view rest = text.substr(kLayoutScheme.size());
  const Suffix suffix = split_suffix(rest, last_component_start(rest));
  if (suffix.head.empty()) return invalid(text, "image layout reference names no directory");
  if (auto valid = check_suffix(text, suffix); !valid.ok()) return valid.error();
  LayoutReference ref;
  ref.dir_ = suffix.head;
  ref.tag_ = tag_or_default(suffix);
  ref.digest_ = suffix.digest;
  return ref;
}

std::string LayoutReference::str() const {
  return std::string(kLayoutScheme) + dir_.string() + (tag_.empty() ? "" : ":" + tag_) +
         (digest_.empty() ? "" : "@" + digest_);
}

Result<ImageLocation, Error> parse_image_location(std::string_view text) {
  if (text.starts_with(kLayoutScheme)) {
    auto layout = LayoutReference::parse(text);
    if (!layout.ok()) return layout.error();
    return ImageLocation(std::move(layout).value());
  }
  auto ref = Reference::parse(text);
  if (!ref.ok()) return ref.error();
  return ImageLocation(std::move(ref).value());
}

std::string to_string(const ImageLocation& location) {
  return std::visit([](const auto& ref) { return ref.str(); }, location);
}

}  // namespace chartmirror::registry
