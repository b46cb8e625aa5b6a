// charts/oci/registry_access.h — the OCI registries charts are pulled from and pushed to, with
// the credentials and TLS settings helm would use.
//
// One HTTP client and one authenticated RegistryClient per registry host, shared by every
// repository opened on that host (connections, bearer tokens), as registry/stores does for
// images. Credentials come from a docker config.json (helm's registry/config.json has the same
// format), its credential helpers, or a username and password given for every host (helm's
// --username/--password). Plain HTTP when asked for; for loopback hosts also after HTTPS
// fails, as RegistryClient does.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "charts/error.h"
#include "charts/oci/reference.h"
#include "registry/auth/keychain.h"
#include "registry/error.h"
#include "registry/remote/registry_client.h"
#include "registry/remote/repository.h"
#include "registry/transport/http_client.h"
#include "registry/transport/tls_options.h"
#include "support/result.h"

namespace chartmirror::charts {

struct OciRegistryOptions {
  bool plain_http = false;              // helm --plain-http
  registry::transport::TlsOptions tls;  // helm --ca-file, --insecure-skip-tls-verify, --cert-file
  std::string registry_config;          // helm --registry-config; "" = $DOCKER_CONFIG or ~/.docker
  // A config already read (a dockerconfigjson Secret's); when set, registry_config is not read.
  std::optional<registry::auth::DockerConfig> docker_config;
  std::string username;  // helm --username: for every registry, before the config
  std::string password;  // secret
  registry::remote::RegistryOptions registry{.max_attempts = 3};
};

class OciRegistries {
 public:
  [[nodiscard]] static Result<std::shared_ptr<OciRegistries>, Error> create(
      OciRegistryOptions options);

  OciRegistries(OciRegistryOptions options, std::shared_ptr<registry::transport::HttpClient> http,
                std::shared_ptr<registry::auth::Keychain> keychain);

  // The repository `reference` names (its tag and digest are the caller's business).
  [[nodiscard]] Result<std::unique_ptr<registry::remote::RemoteRepository>, Error> repository(
      const OciReference& reference);

 private:
  Result<std::shared_ptr<registry::remote::RegistryClient>, Error> client_for(
      const std::string& host);

  OciRegistryOptions options_;
  std::shared_ptr<registry::transport::HttpClient> http_;
  std::shared_ptr<registry::auth::Keychain> keychain_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<registry::remote::RegistryClient>> clients_;  // guarded
                                                                                      // by mutex_
};

// A registry error as a charts error about `source` (an oci:// reference or a URL): the code
// mapped (digest mismatch → kIntegrity, size limits → kTooLarge, no such content → kNotFound,
// malformed or unsupported content → kInvalidInput, anything else → kTransport) and the
// registry's description as the message.
[[nodiscard]] Error from_registry_error(const registry::Error& error, std::string_view source);

}  // namespace chartmirror::charts
