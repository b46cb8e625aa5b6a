#include "charts/oci/registry_access.h"

#include <nlohmann/json.hpp>

namespace chartmirror::charts {

Error from_registry_error(const registry::Error& error, std::string_view source) {
  using Code = registry::Error::Code;
  Error::Code code = Error::Code::kTransport;  // no answer, refused, or an unexpected status
  switch (error.code) {
    case Code::kNotFound:
      code = Error::Code::kNotFound;
      break;
    case Code::kTooLarge:
      code = Error::Code::kTooLarge;
      break;
    case Code::kDigestMismatch:
      code = Error::Code::kIntegrity;
      break;
    case Code::kInvalidInput:
    case Code::kUnsupported:
      code = Error::Code::kInvalidInput;
      break;
    default:
      break;
  }
  return Error{.code = code,
               .message = error.describe(),
               .source = std::string(source),
               .http_status = error.http_status};
}

Result<std::shared_ptr<OciRegistries>, Error> OciRegistries::create(OciRegistryOptions options) {
  Result<registry::auth::DockerConfig, registry::Error> config = registry::auth::DockerConfig();
  if (options.docker_config) {
    config = *options.docker_config;
  } else if (options.registry_config.empty()) {
    config = registry::auth::DockerConfig::load_default();
  } else {
    config = registry::auth::DockerConfig::load(options.registry_config);
  }
  if (!config.ok()) return from_registry_error(config.error(), options.registry_config);
  auto proxy = registry::transport::ProxySettings::from_environment();
  if (!proxy.ok()) return from_registry_error(proxy.error(), "");
  registry::transport::ClientOptions client_options;
  client_options.tls = options.tls;
  client_options.proxy = std::move(proxy).value();
  auto http = registry::transport::HttpClient::create(std::move(client_options));
  if (!http.ok()) return from_registry_error(http.error(), "");
  auto keychain = std::make_shared<registry::auth::Keychain>(std::move(config).value());
  return std::make_shared<OciRegistries>(
      std::move(options), std::shared_ptr<registry::transport::HttpClient>(std::move(http).value()),
      std::move(keychain));
}

OciRegistries::OciRegistries(OciRegistryOptions options,
                             std::shared_ptr<registry::transport::HttpClient> http,
                             std::shared_ptr<registry::auth::Keychain> keychain)
    : options_(std::move(options)), http_(std::move(http)), keychain_(std::move(keychain)) {}

Result<std::shared_ptr<registry::remote::RegistryClient>, Error> OciRegistries::client_for(
    const std::string& host) {
  const std::lock_guard lock(mutex_);
  auto& client = clients_[host];
  if (client != nullptr) return client;
  std::shared_ptr<registry::auth::Keychain> keychain = keychain_;
  if (!options_.username.empty() || !options_.password.empty()) {
    // Explicit credentials win, for whichever host: a config naming only them.
    const nlohmann::json config = {
        {"auths", {{host, {{"username", options_.username}, {"password", options_.password}}}}}};
    auto parsed = registry::auth::DockerConfig::parse(config.dump(), "--username/--password");
    if (!parsed.ok()) return from_registry_error(parsed.error(), std::string(kOciScheme) + host);
    keychain = std::make_shared<registry::auth::Keychain>(std::move(parsed).value());
  }
  registry::remote::RegistryOptions registry = options_.registry;
  registry.plain_http = options_.plain_http;
  client = std::make_shared<registry::remote::RegistryClient>(host, http_, std::move(keychain),
                                                              std::move(registry));
  return client;
}

Result<std::unique_ptr<registry::remote::RemoteRepository>, Error> OciRegistries::repository(
    const OciReference& reference) {
  auto client = client_for(reference.host);
  if (!client.ok()) return client.error();
  return std::make_unique<registry::remote::RemoteRepository>(std::move(client).value(),
                                                              reference.repository);
}

}  // namespace chartmirror::charts
