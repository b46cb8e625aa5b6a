#include "controllers/registry_settings.h"

#include <utility>

#include <nlohmann/json.hpp>

#include "registry/auth/credentials.h"
#include "registry/remote/repository.h"
#include "registry/transport/http_client.h"
#include "registry/transport/proxy.h"

namespace chartmirror::controllers {
namespace {

using nlohmann::json;

Result<SecretData, Error> read_named_secret(Cluster& cluster, std::string_view object_namespace,
                                            const std::string& name, const std::string& field) {
  auto secret = cluster.read_secret(object_namespace, name);
  if (!secret.ok()) {
    Error error = secret.error();
    error.field = field;
    if (error.code == Error::Code::kNotFound) {
      error.message = "Secret " + name + " not found in namespace " + std::string(object_namespace);
    }
    return error;
  }
  return std::move(secret).value();
}

// Adds what a credentials Secret says for `host` to `auths` (a docker config's auths map).
Result<Done, Error> add_credentials(const SecretData& secret, const std::string& name,
                                    const std::string& field, const std::string& host,
                                    json& auths) {
  const auto invalid = [&](std::string message) {
    return Error{Error::Code::kInvalidSpec, field, "Secret " + name + ": " + std::move(message)};
  };
  if (const auto it = secret.data.find(".dockerconfigjson"); it != secret.data.end()) {
    const json config = json::parse(it->second, nullptr, false);
    if (config.is_discarded() || !config.is_object()) {
      return invalid(".dockerconfigjson is not a JSON object");
    }
    const json entries = config.value("auths", json::object());
    if (!entries.is_object()) return invalid(".dockerconfigjson: auths is not an object");
    for (const auto& [key, entry] : entries.items()) {
      const std::string entry_host = registry::auth::credential_host(key);
      if (!auths.contains(entry_host)) auths[entry_host] = entry;
    }
    return Done{};
  }
  const auto username = secret.data.find("username");
  const auto password = secret.data.find("password");
  if (username == secret.data.end() || password == secret.data.end()) {
    return invalid(
        "expected a kubernetes.io/basic-auth Secret (username, password) or a "
        "kubernetes.io/dockerconfigjson one (.dockerconfigjson); it is of type " +
        (secret.type.empty() ? std::string("Opaque") : secret.type));
  }
  auths[registry::auth::credential_host(host)] = {{"username", username->second},
                                                  {"password", password->second}};
  return Done{};
}

Result<registry::transport::TlsOptions, Error> read_tls(Cluster& cluster,
                                                        std::string_view object_namespace,
                                                        const Access& access,
                                                        const std::string& path) {
  registry::transport::TlsOptions tls;
  tls.insecure_skip_verify = access.insecure_skip_tls_verify;
  if (access.cert_secret_ref.empty()) return tls;
  const std::string field = path + ".certSecretRef";
  auto secret = read_named_secret(cluster, object_namespace, access.cert_secret_ref, field);
  if (!secret.ok()) return secret.error();
  const auto get = [&](const char* key) {
    const auto it = secret->data.find(key);
    return it == secret->data.end() ? std::string() : it->second;
  };
  tls.ca_pem = get("ca.crt");
  tls.client_cert_pem = get("tls.crt");
  tls.client_key_pem = get("tls.key");
  if (tls.client_cert_pem.empty() != tls.client_key_pem.empty()) {
    return Error{Error::Code::kInvalidSpec, field,
                 "Secret " + access.cert_secret_ref + ": tls.crt and tls.key go together"};
  }
  if (tls.ca_pem.empty() && tls.client_cert_pem.empty()) {
    return Error{Error::Code::kInvalidSpec, field,
                 "Secret " + access.cert_secret_ref + " has neither ca.crt nor tls.crt"};
  }
  return tls;
}

}  // namespace

std::string host_of(std::string_view url) {
  if (const auto scheme = url.find("://"); scheme != std::string_view::npos) {
    url.remove_prefix(scheme + 3);
  }
  return std::string(url.substr(0, url.find('/')));
}

Result<std::unique_ptr<RegistrySettings>, Error> RegistrySettings::create(
    const ChartMirrorSpec& spec, std::string_view object_namespace, Cluster& cluster,
    std::string_view base_docker_config) {
  auto settings = std::make_unique<RegistrySettings>();
  json auths = json::object();
  json config_json = json::object();
  if (!base_docker_config.empty()) {
    config_json = json::parse(base_docker_config, nullptr, false);
    if (config_json.is_discarded() || !config_json.is_object()) {
      return Error{Error::Code::kInvalidSpec, "", "the docker config is not a JSON object"};
    }
  }

  struct Named {
    const Access* access;
    std::string host;
    std::string path;
  };
  std::vector<Named> endpoints = {
      {&spec.source.access, host_of(spec.source.url), "spec.source"},
      {&spec.destination.access, host_of(spec.destination.url), "spec.destination"}};
  for (size_t i = 0; i < spec.registry_mirrors.size(); ++i) {
    const RegistryMirror& mirror = spec.registry_mirrors[i];
    endpoints.push_back({&mirror.access, host_of(mirror.mirror),
                         "spec.registryMirrors[" + std::to_string(i) + "]"});
    settings->mirrors_[registry::auth::credential_host(mirror.registry)] = mirror.mirror;
  }
  for (const Named& endpoint : endpoints) {
    auto tls = read_tls(cluster, object_namespace, *endpoint.access, endpoint.path);
    if (!tls.ok()) return tls.error();
    settings->endpoints_[endpoint.host] =
        Endpoint{.plain_http = endpoint.access->plain_http, .tls = std::move(tls).value()};
    if (endpoint.access->secret_ref.empty()) continue;
    const std::string field = endpoint.path + ".secretRef";
    auto secret = read_named_secret(cluster, object_namespace, endpoint.access->secret_ref, field);
    if (!secret.ok()) return secret.error();
    auto added = add_credentials(*secret, endpoint.access->secret_ref, field, endpoint.host, auths);
    if (!added.ok()) return added.error();
  }

  // The Secrets' entries win over the base config's.
  json base_auths = config_json.value("auths", json::object());
  if (base_auths.is_object()) {
    for (const auto& [key, entry] : base_auths.items()) {
      const std::string host = registry::auth::credential_host(key);
      if (!auths.contains(host)) auths[host] = entry;
    }
  }
  config_json["auths"] = std::move(auths);
  auto config =
      registry::auth::DockerConfig::parse(config_json.dump(), "the ChartMirror's Secrets");
  if (!config.ok()) {
    return Error{Error::Code::kInvalidSpec, "", "credentials: " + config.error().message};
  }
  settings->keychain_ = std::make_shared<registry::auth::Keychain>(*config);

  charts::ChartSourceOptions& sources = settings->chart_sources_;
  const std::string source_host = host_of(spec.source.url);
  sources.tls = settings->endpoints_[source_host].tls;
  sources.plain_http = spec.source.access.plain_http;
  sources.docker_config = std::move(config).value();
  // A classic repository takes a username and password, not a docker config.
  if (!spec.source.url.starts_with("oci://") && !spec.source.access.secret_ref.empty()) {
    auto credentials = settings->keychain_->credentials(source_host);
    if (credentials.ok() && credentials->has_value()) {
      sources.username = (*credentials)->username;
      sources.password = (*credentials)->password;
    }
  }
  return settings;
}

PullLocation RegistrySettings::pull_location(const registry::Reference& image) const {
  const auto it = mirrors_.find(registry::auth::credential_host(image.registry()));
  if (it == mirrors_.end()) return {image.registry(), image.repository()};
  const std::string& mirror = it->second;
  const auto slash = mirror.find('/');
  if (slash == std::string::npos) return {mirror, image.repository()};
  return {mirror.substr(0, slash), mirror.substr(slash + 1) + "/" + image.repository()};
}

Result<std::shared_ptr<registry::remote::RegistryClient>, registry::Error>
RegistrySettings::client_for(const std::string& host) {
  const std::lock_guard lock(mutex_);
  auto& client = clients_[host];
  if (client != nullptr) return client;
  const auto endpoint = endpoints_.find(host);
  registry::transport::ClientOptions options;
  if (endpoint != endpoints_.end()) options.tls = endpoint->second.tls;
  auto proxy = registry::transport::ProxySettings::from_environment();
  if (!proxy.ok()) return proxy.error();
  options.proxy = std::move(proxy).value();
  auto http = registry::transport::HttpClient::create(std::move(options));
  if (!http.ok()) return http.error();
  registry::remote::RegistryOptions registry{.max_attempts = 2};
  registry.plain_http = endpoint != endpoints_.end() && endpoint->second.plain_http;
  client = std::make_shared<registry::remote::RegistryClient>(
      host, std::shared_ptr<registry::transport::HttpClient>(std::move(http).value()), keychain_,
      registry);
  return client;
}

Result<std::unique_ptr<registry::content::Store>, registry::Error> RegistrySettings::open(
    const std::string& host, const std::string& repository) {
  if (store_opener_) return store_opener_(host, repository);
  auto client = client_for(host);
  if (!client.ok()) return client.error();
  return std::unique_ptr<registry::content::Store>(
      std::make_unique<registry::remote::RemoteRepository>(std::move(client).value(), repository));
}

}  // namespace chartmirror::controllers
