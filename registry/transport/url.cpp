#include "registry/transport/url.h"

#include <cctype>
#include <charconv>

namespace chartmirror::registry::transport {
namespace {

Error invalid(std::string_view text, std::string message) {
  // The text may hold userinfo; say what is wrong with it without repeating it whole.
  const auto at = text.find('@');
  const std::string shown =
      at == std::string_view::npos ? std::string(text) : "…" + std::string(text.substr(at));
  return Error{.code = Error::Code::kInvalidInput,
               .message = std::move(message) + ": " + shown,
               .operation = "parse URL"};
}

}  // namespace

Result<Url, Error> Url::parse(std::string_view text) {
  Url url;
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return invalid(text, "not an absolute URL");
  for (const char c : text.substr(0, scheme_end)) {
    url.scheme_ += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (url.scheme_ != "http" && url.scheme_ != "https") {
    return invalid(text, "only http and https URLs are supported");
  }
  std::string_view rest = text.substr(scheme_end + 3);
  const auto authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view target =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);  // userinfo is never used: credentials come from configs
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return invalid(text, "unclosed IPv6 address");
    url.host_ = std::string(authority.substr(1, close - 1));
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') return invalid(text, "bad text after IPv6 host");
    if (!after.empty()) port_text = after.substr(1);
  } else {
    const auto colon = authority.rfind(':');
    url.host_ = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (url.host_.empty()) return invalid(text, "no host");
  for (auto& c : url.host_) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  url.port_ = url.https() ? 443 : 80;
  if (!port_text.empty()) {
    unsigned port = 0;
    const auto [end, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port == 0 ||
        port > 65535) {
      return invalid(text, "invalid port");
    }
    url.port_ = static_cast<uint16_t>(port);
  }
  target = target.substr(0, target.find('#'));
  url.target_ = std::string(target);
  if (url.target_.empty() || url.target_.front() == '?') url.target_.insert(0, "/");
  return url;
}

std::string Url::authority() const {
  std::string host = host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_;
  if (port_ != (https() ? 443 : 80)) host += ":" + std::to_string(port_);
  return host;
}

std::string Url::str() const { return scheme_ + "://" + authority() + target_; }

std::string Url::redacted() const {
  return scheme_ + "://" + authority() + target_.substr(0, target_.find('?'));
}

Result<Url, Error> Url::resolve(std::string_view location) const {
  if (location.find("://") != std::string_view::npos) return parse(location);
  if (location.substr(0, 2) == "//") return parse(scheme_ + ":" + std::string(location));
  Url resolved = *this;
  if (location.empty()) return resolved;
  if (location.front() == '/') {
    resolved.target_ = std::string(location);
  } else if (location.front() == '?') {
    resolved.target_ = target_.substr(0, target_.find('?')) + std::string(location);
  } else {
    // A relative path: replace the last segment of the current path.
    const std::string path = target_.substr(0, target_.find('?'));
    resolved.target_ = path.substr(0, path.rfind('/') + 1) + std::string(location);
  }
  return resolved;
}

Url Url::with_query(std::string_view name, std::string_view value) const {
  Url url = *this;
  url.target_ += (target_.find('?') == std::string::npos ? '?' : '&');
  url.target_ += percent_encode(name) + "=" + percent_encode(value);
  return url;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 15U];
    }
  }
  return out;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned value = 0;
    if (text[i] == '%' && i + 2 < text.size() &&
        std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16).ptr ==
            text.data() + i + 3) {
      out += static_cast<char>(value);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace chartmirror::registry::transport
