#include "charts/oci/reference.h"

#include <algorithm>
#include <cctype>

#include "registry/oci/digest.h"

namespace chartmirror::charts {
namespace {

Error invalid(std::string_view text, const std::string& why) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = "invalid OCI chart reference \"" + std::string(text) + "\": " + why,
               .source = std::string(text)};
}

bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*
bool valid_component(std::string_view component) {
  if (component.empty() || !lower_alnum(component.front()) || !lower_alnum(component.back())) {
    return false;
  }
  for (size_t i = 0; i < component.size();) {
    if (lower_alnum(component[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < component.size() && !lower_alnum(component[end])) ++end;
    const std::string_view separator = component.substr(i, end - i);
    const bool dashes = separator.find_first_not_of('-') == std::string_view::npos;
    if (separator != "." && separator != "_" && separator != "__" && !dashes) return false;
    i = end;
  }
  return true;
}

bool valid_repository(std::string_view repository) {
  for (size_t start = 0;;) {
    const size_t slash = repository.find('/', start);
    if (!valid_component(repository.substr(start, slash - start))) return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

// [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
bool valid_tag(std::string_view tag) {
  const auto word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  };
  if (tag.empty() || tag.size() > 128 || !word(tag.front())) return false;
  return std::all_of(tag.begin(), tag.end(),
                     [&](char c) { return word(c) || c == '.' || c == '-'; });
}

bool valid_host(std::string_view host) {
  return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == ':' ||
           c == '[' || c == ']' || c == '_';
  });
}

}  // namespace

bool is_oci(std::string_view text) { return text.starts_with(kOciScheme); }

std::string version_to_tag(std::string_view version) {
  std::string tag(version);
  std::replace(tag.begin(), tag.end(), '+', '_');
  return tag;
}

std::string tag_to_version(std::string_view tag) {
  std::string version(tag);
  std::replace(version.begin(), version.end(), '_', '+');
  return version;
}

Result<OciReference, Error> OciReference::parse(std::string_view text) {
  std::string_view rest = text;
  if (rest.starts_with(kOciScheme)) rest.remove_prefix(kOciScheme.size());
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos) {
    return invalid(text, "expected oci://HOST/PATH/NAME[:VERSION]");
  }
  OciReference reference;
  reference.host = std::string(rest.substr(0, slash));
  if (!valid_host(reference.host)) return invalid(text, "the registry host is malformed");
  std::string_view name = rest.substr(slash + 1);
  if (const auto at = name.find('@'); at != std::string_view::npos) {
    reference.digest = std::string(name.substr(at + 1));
    name = name.substr(0, at);
    if (auto digest = registry::oci::Digest::parse(reference.digest); !digest.ok()) {
      return invalid(text, digest.error().message);
    }
  }
  const auto last_slash = name.rfind('/');
  const auto colon = name.rfind(':');
  if (colon != std::string_view::npos &&
      (last_slash == std::string_view::npos || colon > last_slash)) {
    reference.tag = version_to_tag(name.substr(colon + 1));
    name = name.substr(0, colon);
    if (!valid_tag(reference.tag)) {
      return invalid(text, "the tag \"" + reference.tag + "\" is not a valid OCI tag");
    }
  }
  reference.repository = std::string(name);
  if (!valid_repository(reference.repository)) {
    return invalid(text,
                   "the repository path must be lowercase letters and digits separated by '/', "
                   "'.', '_' or '-'");
  }
  return reference;
}

std::string OciReference::chart_name() const {
  const auto slash = repository.rfind('/');
  return slash == std::string::npos ? repository : repository.substr(slash + 1);
}

std::string OciReference::str() const {
  std::string text = std::string(kOciScheme) + host + "/" + repository;
  if (!tag.empty()) text += ":" + tag;
  if (!digest.empty()) text += "@" + digest;
  return text;
}

OciReference OciReference::with_tag(std::string_view new_tag) const {
  OciReference reference = *this;
  reference.tag = std::string(new_tag);
  reference.digest.clear();
  return reference;
}

}  // namespace chartmirror::charts
