// controllers/registry_settings.h — how one ChartMirror reaches its registries: the source
// chart repository, the destination, and each upstream image registry (directly, or through
// its spec.registryMirrors entry), each with its own credentials, TLS and plain-HTTP switch.
//
// Credentials come from the Secrets the spec names, read through the Cluster port: a
// kubernetes.io/basic-auth Secret (username, password) applies to its endpoint's host; a
// kubernetes.io/dockerconfigjson Secret (.dockerconfigjson) is a docker config.json, looked up
// by host. Certificate Secrets give ca.crt (trusted besides the system CAs) and, when present,
// tls.crt + tls.key (a client certificate). Nothing read from a Secret is ever put into an
// error: errors name the Secret and the key, never a value.
//
// One RegistryClient per host, shared by every repository opened on it (connections, tokens),
// as registry/stores does for the copy command; unlike it, plain HTTP and TLS are per host.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "charts/repo/chart_source.h"
#include "controllers/cluster.h"
#include "controllers/error.h"
#include "controllers/spec.h"
#include "registry/auth/keychain.h"
#include "registry/content/store.h"
#include "registry/ref/reference.h"
#include "registry/remote/registry_client.h"
#include "registry/transport/tls_options.h"
#include "support/result.h"

namespace chartmirror::controllers {

// Where an upstream image is pulled from: itself, or its mirror's path.
struct PullLocation {
  std::string host;        // registry host[:port] to talk to
  std::string repository;  // the repository on that host
};

class RegistrySettings {
 public:
  // Reads every Secret the spec names (kNotFound naming the field when one is missing; a
  // Secret of the wrong shape is kInvalidSpec). `base_docker_config`, when not empty, is a
  // docker config.json whose credentials apply where no Secret gives any (`mirror -f`).
  [[nodiscard]] static Result<std::unique_ptr<RegistrySettings>, Error> create(
      const ChartMirrorSpec& spec, std::string_view object_namespace, Cluster& cluster,
      std::string_view base_docker_config = {});

  // Where `image` is pulled from (spec.registryMirrors applied).
  [[nodiscard]] PullLocation pull_location(const registry::Reference& image) const;

  // A store for a repository on a host: the pull side of an image, or the destination.
  [[nodiscard]] Result<std::unique_ptr<registry::content::Store>, registry::Error> open(
      const std::string& host, const std::string& repository);

  // What open() does instead of reaching a registry, when set: tests serve memory stores.
  using StoreOpener =
      std::function<Result<std::unique_ptr<registry::content::Store>, registry::Error>(
          const std::string& host, const std::string& repository)>;
  void set_store_opener(StoreOpener opener) { store_opener_ = std::move(opener); }

  // What charts/repo needs to fetch from spec.source.
  [[nodiscard]] const charts::ChartSourceOptions& chart_sources() const { return chart_sources_; }

  struct Endpoint {
    bool plain_http = false;
    registry::transport::TlsOptions tls;
  };

 private:
  Result<std::shared_ptr<registry::remote::RegistryClient>, registry::Error> client_for(
      const std::string& host);

  std::map<std::string, Endpoint> endpoints_;   // by host; absent: HTTPS, system CAs
  std::map<std::string, std::string> mirrors_;  // registry → mirror (host[:port][/path])
  std::shared_ptr<registry::auth::Keychain> keychain_;
  charts::ChartSourceOptions chart_sources_;
  StoreOpener store_opener_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<registry::remote::RegistryClient>> clients_;  // guarded
};

// "host:port" of "oci://host:port/path", "https://host/path" or "host:port/path".
[[nodiscard]] std::string host_of(std::string_view url);

}  // namespace chartmirror::controllers
