#include "registry/transport/proxy.h"

#include <doctest/doctest.h>

namespace chartmirror::registry::transport {
namespace {

std::optional<Proxy> route(const ProxySettings& settings, std::string_view url) {
  return settings.for_url(Url::parse(url).value());
}

}  // namespace

TEST_CASE("each scheme uses its own proxy, with credentials from the proxy URL") {
  auto settings =
      ProxySettings::from_values("http://plain.proxy:3128", "user:pa%20ss@secure.proxy:8080", "");
  REQUIRE(settings.ok());
  const auto http = route(*settings, "http://registry.example/v2/");
  REQUIRE(http.has_value());
  CHECK(http->url.authority() == "plain.proxy:3128");
  CHECK(http->authorization.empty());
  const auto https = route(*settings, "https://registry.example/v2/");
  REQUIRE(https.has_value());
  CHECK(https->url.authority() == "secure.proxy:8080");
  CHECK(https->authorization == "Basic dXNlcjpwYSBzcw==");  // user:pa ss
}

TEST_CASE("NO_PROXY and loopback hosts connect directly") {
  auto settings = ProxySettings::from_values(
      "", "http://proxy:3128", "corp.example, .internal,10.0.0.0/8,registry.example:5000,[::2]");
  REQUIRE(settings.ok());
  const std::pair<std::string_view, bool> cases[] = {
      {"https://corp.example/", false},    {"https://a.corp.example/", false},
      {"https://notcorp.example/", true},  {"https://x.internal/", false},
      {"https://internal/", true},         {"https://10.1.2.3/", false},
      {"https://11.1.2.3/", true},         {"https://registry.example:5000/", false},
      {"https://registry.example/", true}, {"https://[::2]/", false},
      {"https://127.0.0.1:5000/", false},  {"https://localhost/", false},
      {"https://[::1]:5000/", false},      {"http://elsewhere.example/", false},
  };
  for (const auto& c : cases) {
    const auto& [url, proxied] = c;
    CAPTURE(c.first);
    CHECK(route(*settings, url).has_value() == proxied);
  }
  auto all = ProxySettings::from_values("", "http://proxy:3128", "*");
  REQUIRE(all.ok());
  CHECK_FALSE(route(*all, "https://anything.example/").has_value());
}

TEST_CASE("a proxy that is not an http URL is named in the error") {
  auto settings = ProxySettings::from_values("", "socks5://proxy:1080", "");
  REQUIRE_FALSE(settings.ok());
  CHECK(settings.error().message.find("HTTPS_PROXY must be an http:// proxy URL") == 0);
}

}  // namespace chartmirror::registry::transport
