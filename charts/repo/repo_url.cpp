#include "charts/repo/repo_url.h"

#include <cctype>
#include <vector>

#include "registry/transport/url.h"

namespace chartmirror::charts {
namespace {

// A URL reference split as Go's net/url splits it (scheme, authority, path, query, fragment),
// each part kept as written.
struct Parts {
  std::string scheme;  // "" for a relative reference
  bool has_authority = false;
  std::string authority;
  std::string path;
  std::string query;  // without '?'
  bool has_fragment = false;
  std::string fragment;
};

Error invalid(std::string_view url, const std::string& why) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = "invalid URL \"" + display_url(url) + "\": " + why,
               .source = display_url(url)};
}

// Go's getScheme: letters, then letters, digits, '+', '-' or '.' up to a ':'.
Result<std::string, Error> scheme_of(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (std::isalpha(c) != 0) continue;
    if (std::isdigit(c) != 0 || c == '+' || c == '-' || c == '.') {
      if (i == 0) return std::string();
      continue;
    }
    if (c == ':') {
      if (i == 0) return invalid(text, "missing protocol scheme");
      return std::string(text.substr(0, i));
    }
    return std::string();
  }
  return std::string();
}

Result<Parts, Error> split(std::string_view text) {
  Parts parts;
  if (const auto hash = text.find('#'); hash != std::string_view::npos) {
    parts.has_fragment = true;
    parts.fragment = std::string(text.substr(hash + 1));
    text = text.substr(0, hash);
  }
  auto scheme = scheme_of(text);
  if (!scheme.ok()) return scheme.error();
  parts.scheme = std::move(scheme).value();
  std::string_view rest = text.substr(parts.scheme.empty() ? 0 : parts.scheme.size() + 1);
  if (const auto question = rest.find('?'); question != std::string_view::npos) {
    parts.query = std::string(rest.substr(question + 1));
    rest = rest.substr(0, question);
  }
  if (rest.starts_with("//")) {
    rest.remove_prefix(2);
    const auto slash = rest.find('/');
    parts.has_authority = true;
    parts.authority = std::string(rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  } else if (parts.scheme.empty()) {
    const auto colon = rest.find(':');
    if (colon != std::string_view::npos && colon < rest.find('/')) {
      return invalid(text, "first path segment in URL cannot contain colon");
    }
  }
  parts.path = std::string(rest);
  return parts;
}

// RFC 3986 §5.2.4, as Go's resolvePath: the result starts with '/', and a final "." or ".."
// segment leaves a trailing slash.
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  bool trailing_slash = false;
  size_t at = path.starts_with('/') ? 1 : 0;
  while (at <= path.size()) {
    const size_t end = std::min(path.find('/', at), path.size());
    const std::string_view segment = path.substr(at, end - at);
    const bool last = end == path.size();
    if (segment == ".") {
      trailing_slash = last;
    } else if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      trailing_slash = last;
    } else {
      segments.push_back(segment);
      trailing_slash = false;
    }
    at = end + 1;
  }
  std::string out;
  for (size_t i = 0; i < segments.size(); ++i) {
    out += "/";
    out += segments[i];
  }
  if (trailing_slash || out.empty()) out += "/";
  return out;
}

// Percent-encodes the bytes Go's validEncoded refuses in a path (spaces, quotes, controls,
// non-ASCII, ...); escapes already written stay as they are.
std::string escape_path(std::string_view path) {
  static constexpr std::string_view kAllowed = "-_.~!$&'()*+,;=:@[]/%";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && (std::isalnum(byte) != 0 || kAllowed.find(c) != std::string_view::npos)) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 15U];
    }
  }
  return out;
}

std::string to_lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The authority without userinfo.
std::string host_of(const Parts& parts) {
  const auto at = parts.authority.rfind('@');
  return at == std::string::npos ? parts.authority : parts.authority.substr(at + 1);
}

}  // namespace

Result<std::string, Error> resolve_reference_url(std::string_view base,
                                                 std::string_view reference) {
  auto ref = split(reference);
  if (!ref.ok()) return ref.error();
  if (!ref->scheme.empty()) return std::string(reference);  // absolute: as written
  auto parsed_base = split(base);
  if (!parsed_base.ok()) return parsed_base.error();
  if (parsed_base->scheme.empty() || !parsed_base->has_authority) {
    return invalid(base, "a repository URL must be absolute (http:// or https://)");
  }
  // helm: "We need a trailing slash for ResolveReference to work".
  // helm: "We need a trailing slash for ResolveReference to work" — strings.TrimSuffix, so
  // one slash at most is taken off before one is added.
  std::string base_path = parsed_base->path;
  if (base_path.ends_with('/')) base_path.pop_back();
  base_path += '/';

  std::string authority = parsed_base->authority;
  std::string path;
  if (ref->has_authority) {
    authority = ref->authority;
    path = ref->path.empty() ? "" : remove_dot_segments(ref->path);
  } else if (ref->path.empty()) {
    path = base_path;
  } else if (ref->path.starts_with('/')) {
    path = remove_dot_segments(ref->path);
  } else {
    path = remove_dot_segments(base_path + ref->path);
  }
  std::string url = to_lower(parsed_base->scheme) + "://" + authority + escape_path(path);
  // helm: resolvedURL.RawQuery = parsedBaseURL.RawQuery — the repository's query, always.
  if (!parsed_base->query.empty()) url += "?" + parsed_base->query;
  if (ref->has_fragment) url += "#" + ref->fragment;
  return url;
}

UrlWithoutCredentials split_credentials(std::string_view url) {
  UrlWithoutCredentials out{.url = std::string(url), .username = {}, .password = {}};
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return out;
  const size_t start = scheme_end + 3;
  const size_t authority_end = std::min(url.find_first_of("/?#", start), url.size());
  const auto at = url.substr(start, authority_end - start).rfind('@');
  if (at == std::string_view::npos) return out;
  const std::string_view userinfo = url.substr(start, at);
  const auto colon = userinfo.find(':');
  out.username = registry::transport::percent_decode(userinfo.substr(0, colon));
  if (colon != std::string_view::npos) {
    out.password = registry::transport::percent_decode(userinfo.substr(colon + 1));
  }
  out.url = std::string(url.substr(0, start)) + std::string(url.substr(start + at + 1));
  return out;
}

bool sends_credentials(std::string_view repository_url, std::string_view target,
                       bool pass_credentials_all) {
  if (pass_credentials_all) return true;
  auto a = split(repository_url);
  auto b = split(target);
  if (!a.ok() || !b.ok()) return false;
  // Go's url.Parse lowercases the scheme and keeps the host as written, port included.
  return to_lower(a->scheme) == to_lower(b->scheme) && host_of(*a) == host_of(*b);
}

std::string display_url(std::string_view url) {
  std::string shown = split_credentials(url).url;
  return shown.substr(0, shown.find_first_of("?#"));
}

}  // namespace chartmirror::charts
