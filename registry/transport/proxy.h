// registry/transport/proxy.h — which proxy, if any, a request goes through.
//
// The conventions of curl and Go's net/http: HTTPS_PROXY for https URLs, HTTP_PROXY for http
// URLs (lower-case names win), NO_PROXY a comma-separated list of host names (a name matches
// itself and its subdomains; a leading dot matches subdomains only), IP addresses, CIDR
// ranges, optional `:port`, or `*`. Loopback hosts never use a proxy.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "registry/error.h"
#include "registry/transport/url.h"
#include "support/result.h"

namespace chartmirror::registry::transport {

struct Proxy {
  Url url;                    // http://proxy:port (the proxy itself is spoken to in plain HTTP)
  std::string authorization;  // secret: "Basic …" from the proxy URL's userinfo, or empty
};

class ProxySettings {
 public:
  // From the environment; an error names the variable whose value is not a usable URL.
  [[nodiscard]] static Result<ProxySettings, Error> from_environment();
  [[nodiscard]] static Result<ProxySettings, Error> from_values(const std::string& http_proxy,
                                                                const std::string& https_proxy,
                                                                const std::string& no_proxy);

  // The proxy for `target`, or nullopt to connect directly.
  [[nodiscard]] std::optional<Proxy> for_url(const Url& target) const;

 private:
  std::optional<Proxy> http_;
  std::optional<Proxy> https_;
  std::vector<std::string> no_proxy_;
};

}  // namespace chartmirror::registry::transport
