// charts/repo/repo_url.h — URLs of classic Helm repositories, resolved as helm 3.17 resolves
// them.
//
// resolve_reference_url is helm's repo.ResolveReferenceURL (pkg/repo/chartrepo.go): an
// absolute reference (one with a scheme) is returned as written; a relative one is resolved
// (RFC 3986 §5.2, dot segments removed) against the repository URL *with a trailing slash
// added*, so `https://host/charts` + `keda-2.12.1.tgz` is `https://host/charts/keda-2.12.1.tgz`,
// not `https://host/keda-2.12.1.tgz`; and the result always carries the repository URL's query
// — a relative reference's own query is dropped — so a token in the repository URL's query
// reaches index.yaml and every chart. index.yaml itself is the reference "index.yaml".
//
// Credentials: helm sends the repository's username and password only to URLs with the
// repository URL's scheme and host:port (as written), unless told to pass them to every host
// (--pass-credentials). `sends_credentials` is that rule.
#pragma once

#include <string>
#include <string_view>

#include "charts/error.h"
#include "support/result.h"

namespace chartmirror::charts {

[[nodiscard]] Result<std::string, Error> resolve_reference_url(std::string_view base,
                                                               std::string_view reference);

// A URL with its userinfo taken out: "https://u:p@host/x" → {"https://host/x", "u", "p"}
// (percent-decoded). The URL is what errors and logs may show.
struct UrlWithoutCredentials {
  std::string url;
  std::string username;
  std::string password;  // secret
};
[[nodiscard]] UrlWithoutCredentials split_credentials(std::string_view url);

// Whether helm sends the repository's credentials along a request to `target`.
[[nodiscard]] bool sends_credentials(std::string_view repository_url, std::string_view target,
                                     bool pass_credentials_all);

// The URL as errors show it: no userinfo, no query (queries of repository URLs may carry
// tokens).
[[nodiscard]] std::string display_url(std::string_view url);

}  // namespace chartmirror::charts
