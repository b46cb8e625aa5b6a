#include "registry/transport/proxy.h"

#include <cstdlib>
#include <cstring>

#include <arpa/inet.h>

#include "support/base64.h"

namespace chartmirror::registry::transport {
namespace {

std::string env(const char* lower, const char* upper) {
  for (const char* name : {lower, upper}) {
    if (const char* value = std::getenv(name); value != nullptr && *value != '\0') return value;
  }
  return {};
}

Result<std::optional<Proxy>, Error> parse_proxy(const std::string& value, const char* variable) {
  if (value.empty()) return std::optional<Proxy>();
  std::string text = value.find("://") == std::string::npos ? "http://" + value : value;
  Proxy proxy;
  const auto scheme_end = text.find("://") + 3;
  const auto at = text.find('@', scheme_end);
  if (at != std::string::npos && at < text.find('/', scheme_end)) {
    proxy.authorization =
        "Basic " + base64_encode(percent_decode(text.substr(scheme_end, at - scheme_end)));
    text.erase(scheme_end, at + 1 - scheme_end);
  }
  auto url = Url::parse(text);
  if (!url.ok() || url->scheme() != "http") {
    return Error{
        .code = Error::Code::kInvalidInput,
        .message = std::string(variable) + " must be an http:// proxy URL (host:port also works)",
        .operation = "read proxy settings"};
  }
  proxy.url = std::move(url).value();
  return std::optional<Proxy>(std::move(proxy));
}

bool is_loopback(const std::string& host) {
  if (host == "localhost" || host.ends_with(".localhost") || host == "::1") return true;
  in_addr v4{};
  return inet_pton(AF_INET, host.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24U) == 127;
}

// host inside "addr/bits"?
bool in_cidr(const std::string& host, const std::string& cidr) {
  const auto slash = cidr.find('/');
  if (slash == std::string::npos) return false;
  const std::string network = cidr.substr(0, slash);
  const int bits = std::atoi(cidr.c_str() + slash + 1);
  unsigned char a[16];
  unsigned char b[16];
  int family = AF_INET;
  size_t length = 4;
  if (network.find(':') != std::string::npos) {
    family = AF_INET6;
    length = 16;
  }
  if (inet_pton(family, host.c_str(), a) != 1 || inet_pton(family, network.c_str(), b) != 1 ||
      bits < 0 || static_cast<size_t>(bits) > length * 8) {
    return false;
  }
  const auto full = static_cast<size_t>(bits) / 8;
  if (std::memcmp(a, b, full) != 0) return false;
  const unsigned rest = static_cast<unsigned>(bits) % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<unsigned char>(0xFFU << (8 - rest));
  return (a[full] & mask) == (b[full] & mask);
}

bool excluded(const std::vector<std::string>& entries, const Url& target) {
  for (std::string entry : entries) {
    if (entry == "*") return true;
    if (entry.find('/') != std::string::npos) {
      if (in_cidr(target.host(), entry)) return true;
      continue;
    }
    // host:port entries apply to that port only ([v6]:port too).
    std::string port;
    if (const auto colon = entry.rfind(':');
        colon != std::string::npos && entry.find(':') == colon) {
      port = entry.substr(colon + 1);
      entry.resize(colon);
    }
    if (entry.size() > 2 && entry.front() == '[' && entry.back() == ']') {
      entry = entry.substr(1, entry.size() - 2);
    }
    if (!port.empty() && port != std::to_string(target.port())) continue;
    const std::string& host = target.host();
    if (entry.front() == '.') {
      if (host.ends_with(entry)) return true;
    } else if (host == entry || host.ends_with("." + entry)) {
      return true;
    }
  }
  return false;
}

}  // namespace

Result<ProxySettings, Error> ProxySettings::from_environment() {
  return from_values(env("http_proxy", "HTTP_PROXY"), env("https_proxy", "HTTPS_PROXY"),
                     env("no_proxy", "NO_PROXY"));
}

Result<ProxySettings, Error> ProxySettings::from_values(const std::string& http_proxy,
                                                        const std::string& https_proxy,
                                                        const std::string& no_proxy) {
  ProxySettings settings;
  auto http = parse_proxy(http_proxy, "HTTP_PROXY");
  if (!http.ok()) return http.error();
  auto https = parse_proxy(https_proxy, "HTTPS_PROXY");
  if (!https.ok()) return https.error();
  settings.http_ = std::move(http).value();
  settings.https_ = std::move(https).value();
  size_t start = 0;
  while (start <= no_proxy.size()) {
    const auto comma = no_proxy.find(',', start);
    std::string entry = no_proxy.substr(start, comma - start);
    std::erase_if(entry, [](char c) { return c == ' ' || c == '\t'; });
    for (auto& c : entry) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!entry.empty()) settings.no_proxy_.push_back(entry);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return settings;
}

std::optional<Proxy> ProxySettings::for_url(const Url& target) const {
  const auto& proxy = target.https() ? https_ : http_;
  if (!proxy || is_loopback(target.host()) || excluded(no_proxy_, target)) return std::nullopt;
  return proxy;
}

}  // namespace chartmirror::registry::transport
