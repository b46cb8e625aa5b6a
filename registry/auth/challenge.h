// registry/auth/challenge.h — what a registry's 401 asks for.
//
// A registry that wants credentials answers 401 with `WWW-Authenticate` (RFC 7235 §4.1):
//   Basic realm="Registry Realm"
//   Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a:pull"
// For Bearer, the client fetches a token from `realm` for `service` and `scope` (the Docker
// token specification) and retries with it.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "registry/error.h"
#include "support/result.h"

namespace chartmirror::registry::auth {

struct Challenge {
  std::string scheme;  // lowercased: "basic", "bearer", ...
  // Parameter names lowercased, values unquoted and unescaped.
  std::map<std::string, std::string> params;

  [[nodiscard]] std::string param(const std::string& name) const;
};

// Parses every challenge in one header value. A header with no recognisable challenge is an
// error naming the header, so a misbehaving registry is reported rather than guessed at.
[[nodiscard]] Result<std::vector<Challenge>, Error> parse_challenges(std::string_view header);

}  // namespace chartmirror::registry::auth
