// Sprig's urlParse and urlJoin (url.go), on the parts of Go's net/url they use: url.Parse
// (scheme, opaque, authority with userinfo and host, path, raw query, fragment; percent
// decoding of the path, userinfo and fragment; Go's errors, "parse \"::\": missing protocol
// scheme") and URL.String() (escaping the path and fragment, "./" before a first segment
// with a colon). urlParse returns Sprig's map of scheme host hostname path query opaque
// fragment userinfo; urlJoin builds from the same keys.
//
// Not modelled: IPv6 zones ("[fe80::1%25en0]") and the other checks Go makes of an IP
// literal's text; url.Parse is otherwise followed step by step.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "charts/golang/quote.h"
#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

enum class Mode { kPath, kHost, kUserPassword, kFragment };

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int unhex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// net/url's shouldEscape.
bool should_escape(char c, Mode mode) {
  if (is_alnum(c)) return false;
  if (mode == Mode::kHost &&
      std::string_view("!$&'()*+,;=:[]<>\"").find(c) != std::string_view::npos)
    return false;
  switch (c) {
    case '-':
    case '_':
    case '.':
    case '~':
      return false;
    case '$':
    case '&':
    case '+':
    case ',':
    case '/':
    case ':':
    case ';':
    case '=':
    case '?':
    case '@':
      switch (mode) {
        case Mode::kPath:
          return c == '?';
        case Mode::kUserPassword:
          return c == '@' || c == '/' || c == '?' || c == ':';
        case Mode::kFragment:
          return false;
        case Mode::kHost:
          break;
      }
      break;
    default:
      break;
  }
  if (mode == Mode::kFragment && std::string_view("!()*").find(c) != std::string_view::npos)
    return false;
  return true;
}

std::string escape(std::string_view s, Mode mode) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : s) {
    if (!should_escape(c, mode)) {
      out += c;
    } else {
      const auto b = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[b >> 4U];
      out += kHex[b & 0xFU];
    }
  }
  return out;
}

// net/url's unescape, with its EscapeError and InvalidHostError texts.
Result<std::string, GoError> unescape(std::string_view s, Mode mode) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || !is_hex(s[i + 1]) || !is_hex(s[i + 2])) {
        return GoError{"invalid URL escape " + go::quote(s.substr(i, 3))};
      }
      if (mode == Mode::kHost && unhex(s[i + 1]) < 8 && s.substr(i, 3) != "%25") {
        return GoError{"invalid URL escape " + go::quote(s.substr(i, 3))};
      }
      out += static_cast<char>(unhex(s[i + 1]) * 16 + unhex(s[i + 2]));
      i += 3;
      continue;
    }
    if (mode == Mode::kHost && static_cast<unsigned char>(c) < 0x80 && should_escape(c, mode)) {
      return GoError{"invalid character " + go::quote(s.substr(i, 1)) + " in host name"};
    }
    out += c;
    ++i;
  }
  return out;
}

bool valid_optional_port(std::string_view port) {
  if (port.empty()) return true;
  if (port[0] != ':') return false;
  for (const char c : port.substr(1)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

struct Url {
  std::string scheme;
  std::string opaque;
  std::optional<std::string> user;  // userinfo as User.String() writes it
  std::string host;
  std::string path;
  std::string raw_query;
  std::string fragment;
};

Result<std::string, GoError> parse_host(std::string_view host) {
  if (host.starts_with('[')) {
    const std::size_t close = host.rfind(']');
    if (close == std::string_view::npos) return GoError{"missing ']' in host"};
    const std::string_view port = host.substr(close + 1);
    if (!valid_optional_port(port))
      return GoError{"invalid port " + go::quote(port) + " after host"};
  } else if (const std::size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    const std::string_view port = host.substr(colon);
    if (!valid_optional_port(port))
      return GoError{"invalid port " + go::quote(port) + " after host"};
  }
  return unescape(host, Mode::kHost);
}

bool valid_userinfo(std::string_view s) {
  for (const char c : s) {
    if (!is_alnum(c) && std::string_view("-._:~!$&'()*+,;=%@").find(c) == std::string_view::npos)
      return false;
  }
  return true;
}

// parseAuthority; the user is kept as User.String() writes it back.
std::optional<GoError> parse_authority(std::string_view authority, Url& url) {
  const std::size_t at = authority.rfind('@');
  auto host = parse_host(at == std::string_view::npos ? authority : authority.substr(at + 1));
  if (!host.ok()) return host.error();
  url.host = std::move(*host);
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view userinfo = authority.substr(0, at);
  if (!valid_userinfo(userinfo)) return GoError{"net/url: invalid userinfo"};
  const std::size_t colon = userinfo.find(':');
  auto name = unescape(userinfo.substr(0, colon), Mode::kUserPassword);
  if (!name.ok()) return name.error();
  std::string user = escape(*name, Mode::kUserPassword);
  if (colon != std::string_view::npos) {
    auto password = unescape(userinfo.substr(colon + 1), Mode::kUserPassword);
    if (!password.ok()) return password.error();
    user += ":" + escape(*password, Mode::kUserPassword);
  }
  url.user = std::move(user);
  return std::nullopt;
}

// getScheme: the scheme, and the rest after its ':'.
Result<std::pair<std::string, std::string_view>, GoError> get_scheme(std::string_view raw) {
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
    if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
      if (i == 0) return std::pair<std::string, std::string_view>{"", raw};
      continue;
    }
    if (c == ':') {
      if (i == 0) return GoError{"missing protocol scheme"};
      std::string scheme(raw.substr(0, i));
      for (char& s : scheme) s = static_cast<char>(s >= 'A' && s <= 'Z' ? s - 'A' + 'a' : s);
      return std::pair<std::string, std::string_view>{scheme, raw.substr(i + 1)};
    }
    break;
  }
  return std::pair<std::string, std::string_view>{"", raw};
}

// url.Parse without the error's "parse \"URL\": " prefix.
Result<Url, GoError> parse_url(std::string_view raw_url) {
  const std::size_t hash = raw_url.find('#');
  const std::string_view raw = raw_url.substr(0, hash);
  Url url;
  for (const char c : raw) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      return GoError{"net/url: invalid control character in URL"};
    }
  }
  if (raw == "*") {
    url.path = "*";
  } else {
    auto scheme = get_scheme(raw);
    if (!scheme.ok()) return scheme.error();
    url.scheme = scheme->first;
    std::string_view rest = scheme->second;
    if (rest.ends_with('?') && rest.find('?') == rest.size() - 1) {
      rest.remove_suffix(1);
    } else if (const std::size_t q = rest.find('?'); q != std::string_view::npos) {
      url.raw_query = std::string(rest.substr(q + 1));
      rest = rest.substr(0, q);
    }
    if (!rest.starts_with('/') && !url.scheme.empty()) {
      url.opaque = std::string(rest);
      rest = {};
    } else {
      if (!rest.starts_with('/') &&
          rest.substr(0, rest.find('/')).find(':') != std::string_view::npos) {
        return GoError{"first path segment in URL cannot contain colon"};
      }
      if ((!url.scheme.empty() || !rest.starts_with("///")) && rest.starts_with("//")) {
        std::string_view authority = rest.substr(2);
        rest = {};
        if (const std::size_t slash = authority.find('/'); slash != std::string_view::npos) {
          rest = authority.substr(slash);
          authority = authority.substr(0, slash);
        }
        if (auto failed = parse_authority(authority, url)) return *failed;
      }
      auto path = unescape(rest, Mode::kPath);
      if (!path.ok()) return path.error();
      url.path = std::move(*path);
    }
  }
  if (hash != std::string_view::npos) {
    auto fragment = unescape(raw_url.substr(hash + 1), Mode::kFragment);
    if (!fragment.ok()) return fragment.error();
    url.fragment = std::move(*fragment);
  }
  return url;
}

// URL.Hostname: the host without its port and IPv6 brackets.
std::string hostname(std::string_view host) {
  if (const std::size_t colon = host.rfind(':');
      colon != std::string_view::npos && valid_optional_port(host.substr(colon))) {
    host = host.substr(0, colon);
  }
  if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
  return std::string(host);
}

// URL.String.
std::string to_string(const Url& u) {
  std::string out;
  if (!u.scheme.empty()) out += u.scheme + ":";
  if (!u.opaque.empty()) {
    out += u.opaque;
  } else {
    if (!u.scheme.empty() || !u.host.empty() || u.user) {
      if (!u.host.empty() || !u.path.empty() || u.user) out += "//";
      if (u.user) out += *u.user + "@";
      if (!u.host.empty()) out += escape(u.host, Mode::kHost);
    }
    const std::string path = u.path == "*" ? "*" : escape(u.path, Mode::kPath);
    if (!path.empty() && path[0] != '/' && !u.host.empty()) out += '/';
    if (out.empty() && path.substr(0, path.find('/')).find(':') != std::string::npos) out += "./";
    out += path;
  }
  if (!u.raw_query.empty()) out += "?" + u.raw_query;
  if (!u.fragment.empty()) out += "#" + escape(u.fragment, Mode::kFragment);
  return out;
}

FunctionResult url_parse(const std::string& text) {
  auto url = parse_url(text);
  if (!url.ok()) {
    return "unable to parse url: parse " + go::quote(text) + ": " + url.error().message;
  }
  return ExecValue(Value::map({{"scheme", Value(url->scheme)},
                               {"host", Value(url->host)},
                               {"hostname", Value(hostname(url->host))},
                               {"path", Value(url->path)},
                               {"query", Value(url->raw_query)},
                               {"opaque", Value(url->opaque)},
                               {"fragment", Value(url->fragment)},
                               {"userinfo", Value(url->user.value_or(""))}}));
}

// dictGetOrEmpty: a string entry, "" when absent; Sprig panics on another kind.
Result<std::string, GoError> entry(const Value& dict, std::string_view key) {
  const Value* v = dict.find(key);
  if (v == nullptr) return std::string();
  if (!v->is_string()) {
    return GoError{"unable to parse " + std::string(key) + " key, must be of type string, but " +
                   kind_name(ExecValue(*v)) + " found"};
  }
  return v->as_string();
}

FunctionResult url_join(const Value& dict) {
  Url url;
  const std::pair<std::string_view, std::string*> fields[] = {
      {"scheme", &url.scheme},   {"host", &url.host},     {"path", &url.path},
      {"query", &url.raw_query}, {"opaque", &url.opaque}, {"fragment", &url.fragment}};
  for (const auto& [key, field] : fields) {
    auto value = entry(dict, key);
    if (!value.ok()) return value.error().message;
    *field = std::move(*value);
  }
  auto userinfo = entry(dict, "userinfo");
  if (!userinfo.ok()) return userinfo.error().message;
  if (!userinfo->empty()) {
    const std::string temp = "proto://" + *userinfo + "@host";
    auto parsed = parse_url(temp);
    if (!parsed.ok()) {
      return "unable to parse userinfo in dict: parse " + go::quote(temp) + ": " +
             parsed.error().message;
    }
    url.user = parsed->user;
  }
  return ExecValue(Value(to_string(url)));
}

}  // namespace

void add_url(FunctionMap& m) {
  using P = ParamType;
  m["urlParse"] = fixed({P::kString},
                        [](CallContext&, Args& a) { return url_parse(a[0].value().as_string()); });
  m["urlJoin"] = fixed({P::kMap}, [](CallContext&, Args& a) { return url_join(a[0].value()); });
}

}  // namespace chartmirror::charts::tmpl::sprig
