// registry/transport/url.h — absolute http(s) URLs as registries and token services use them.
//
// Parsed once at the edge into a value; `str()` gives it back without userinfo, so a URL can
// go into an Error or a log line as is. Relative references in `Location` headers (upload
// sessions, redirects) resolve against the request's URL (RFC 3986 §5.2, for the forms
// registries send: absolute URLs, absolute paths, and query strings).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "registry/error.h"
#include "support/result.h"

namespace chartmirror::registry::transport {

class Url {
 public:
  [[nodiscard]] static Result<Url, Error> parse(std::string_view text);

  [[nodiscard]] const std::string& scheme() const { return scheme_; }  // "http" or "https"
  [[nodiscard]] const std::string& host() const { return host_; }      // without brackets for IPv6
  [[nodiscard]] uint16_t port() const { return port_; }                // explicit or the default
  [[nodiscard]] const std::string& target() const { return target_; }  // path?query, never empty
  [[nodiscard]] bool https() const { return scheme_ == "https"; }

  // "host" or "host:port" as the Host header wants it (port only when not the default).
  [[nodiscard]] std::string authority() const;
  // scheme://authority/target, without userinfo.
  [[nodiscard]] std::string str() const;
  // The same URL without its query, for errors and logs: queries of upload and redirect
  // URLs may carry signed tokens.
  [[nodiscard]] std::string redacted() const;

  // Resolves a Location header value against this URL.
  [[nodiscard]] Result<Url, Error> resolve(std::string_view location) const;

  // A copy with `name=value` appended to the query (value percent-encoded).
  [[nodiscard]] Url with_query(std::string_view name, std::string_view value) const;

  friend bool operator==(const Url&, const Url&) = default;

 private:
  std::string scheme_;
  std::string host_;
  uint16_t port_ = 0;
  std::string target_;
};

// Percent-encodes everything but RFC 3986 unreserved characters.
[[nodiscard]] std::string percent_encode(std::string_view text);
// Decodes %XX escapes; a malformed escape is kept as written.
[[nodiscard]] std::string percent_decode(std::string_view text);

}  // namespace chartmirror::registry::transport
