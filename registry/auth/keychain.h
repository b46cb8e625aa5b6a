// registry/auth/keychain.h — the credentials to use for a registry, wherever they come from.
//
// A Keychain answers "what are the credentials for this registry host?" from a docker config
// (auths entries) and the credential helpers it names, asking each helper at most once per
// registry. Thread-safe: the copy asks from several threads.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "registry/auth/credentials.h"
#include "registry/error.h"
#include "support/result.h"

namespace chartmirror::registry::auth {

class Keychain {
 public:
  Keychain() = default;  // anonymous everywhere
  explicit Keychain(DockerConfig config) : config_(std::move(config)) {}

  // nullopt: no credentials (anonymous access).
  [[nodiscard]] Result<std::optional<Credentials>, Error> credentials(std::string_view registry);

 private:
  DockerConfig config_;
  std::mutex mutex_;
  std::map<std::string, std::optional<Credentials>> from_helpers_;  // guarded by mutex_
};

}  // namespace chartmirror::registry::auth
