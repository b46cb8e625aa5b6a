// registry/auth/credentials.h — the credentials for one registry, and where they come from:
// a docker `config.json` (also the content of a `kubernetes.io/dockerconfigjson` Secret, and
// of the older `kubernetes.io/dockercfg`), or a `docker-credential-*` helper it names.
//
// Lookup follows docker's rules: an `auths` key matches a registry by its host name, with any
// scheme and path ignored (`https://index.docker.io/v1/` is docker.io); `credHelpers` names a
// helper per registry, `credsStore` the helper for every other registry. Nothing here logs or
// prints a secret; Credentials has no stream operator on purpose.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "registry/error.h"
#include "support/result.h"

namespace chartmirror::registry::auth {

struct Credentials {
  std::string username;
  std::string password;        // secret
  std::string identity_token;  // secret: an OAuth2 refresh token for the token endpoint
  std::string registry_token;  // secret: a bearer token to present as is

  [[nodiscard]] bool empty() const {
    return username.empty() && password.empty() && identity_token.empty() && registry_token.empty();
  }
};

// The host a docker config key or a registry name stands for: scheme and path dropped,
// Docker Hub's aliases folded into "docker.io".
[[nodiscard]] std::string credential_host(std::string_view key_or_registry);

class DockerConfig {
 public:
  // config.json or a dockerconfigjson Secret: {"auths": {...}, "credHelpers": {...}, ...}.
  [[nodiscard]] static Result<DockerConfig, Error> parse(std::string_view json,
                                                         std::string_view source);
  // A legacy .dockercfg (kubernetes.io/dockercfg): the `auths` map alone, at the top level.
  [[nodiscard]] static Result<DockerConfig, Error> parse_legacy(std::string_view json,
                                                                std::string_view source);
  [[nodiscard]] static Result<DockerConfig, Error> load(const std::filesystem::path& path);

  // $DOCKER_CONFIG/config.json, else ~/.docker/config.json; an empty config when the file
  // does not exist (anonymous access), an error when it exists and is unreadable or invalid.
  [[nodiscard]] static Result<DockerConfig, Error> load_default();

  struct Lookup {
    std::optional<Credentials> credentials;  // from an `auths` entry
    std::string helper;  // else the helper to ask ("" when none): docker-credential-<helper>
  };
  // What the config says for `registry` (host[:port]). credHelpers wins over auths, as in
  // docker; credsStore applies only when neither names the registry.
  [[nodiscard]] Lookup lookup(std::string_view registry) const;

 private:
  std::map<std::string, Credentials> auths_;  // by credential_host()
  std::map<std::string, std::string> helpers_;
  std::string default_helper_;
};

}  // namespace chartmirror::registry::auth
