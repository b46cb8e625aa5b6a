#include "registry/auth/keychain.h"

#include "registry/auth/credential_helper.h"

namespace chartmirror::registry::auth {

Result<std::optional<Credentials>, Error> Keychain::credentials(std::string_view registry) {
  const auto lookup = config_.lookup(registry);
  if (lookup.credentials) return lookup.credentials;
  if (lookup.helper.empty()) return std::nullopt;
  const std::string host = credential_host(registry);
  {
    const std::lock_guard lock(mutex_);
    if (const auto it = from_helpers_.find(host); it != from_helpers_.end()) return it->second;
  }
  // Docker Hub's helpers know it by its old index URL.
  const std::string server = host == "docker.io" ? "https://index.docker.io/v1/" : host;
  auto answer = credentials_from_helper(lookup.helper, server);
  if (!answer.ok()) return answer.error();
  const std::lock_guard lock(mutex_);
  from_helpers_[host] = *answer;
  return *answer;
}

}  // namespace chartmirror::registry::auth
