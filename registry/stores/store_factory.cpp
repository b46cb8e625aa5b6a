#include "registry/stores/store_factory.h"

#include "registry/layout/layout_store.h"
#include "registry/remote/repository.h"

namespace chartmirror::registry::stores {

Result<std::unique_ptr<StoreFactory>, Error> StoreFactory::create(StoreOptions options) {
  auto config = options.registry_config.empty() ? auth::DockerConfig::load_default()
                                                : auth::DockerConfig::load(options.registry_config);
  if (!config.ok()) return config.error();
  auto proxy = transport::ProxySettings::from_environment();
  if (!proxy.ok()) return proxy.error();
  transport::ClientOptions client_options;
  client_options.tls.insecure_skip_verify = options.insecure;
  client_options.proxy = std::move(proxy).value();
  auto http = transport::HttpClient::create(std::move(client_options));
  if (!http.ok()) return http.error();
  return std::make_unique<StoreFactory>(
      std::move(options), std::shared_ptr<transport::HttpClient>(std::move(http).value()),
      std::make_shared<auth::Keychain>(std::move(config).value()));
}

StoreFactory::StoreFactory(StoreOptions options, std::shared_ptr<transport::HttpClient> http,
                           std::shared_ptr<auth::Keychain> keychain)
    : options_(std::move(options)), http_(std::move(http)), keychain_(std::move(keychain)) {}

std::shared_ptr<remote::RegistryClient> StoreFactory::client_for(const std::string& host) {
  const std::lock_guard lock(mutex_);
  auto& client = clients_[host];
  if (client == nullptr) {
    remote::RegistryOptions registry = options_.registry;
    registry.plain_http = options_.plain_http;
    client = std::make_shared<remote::RegistryClient>(host, http_, keychain_, registry);
  }
  return client;
}

Result<std::unique_ptr<content::Store>, Error> StoreFactory::open(const ImageLocation& location,
                                                                  bool for_writing) {
  if (const auto* reference = std::get_if<Reference>(&location)) {
    return std::unique_ptr<content::Store>(std::make_unique<remote::RemoteRepository>(
        client_for(reference->registry()), reference->repository()));
  }
  const auto& layout = std::get<LayoutReference>(location);
  auto store = layout::LayoutStore::open(layout.dir(), for_writing);
  if (!store.ok()) return store.error();
  return std::unique_ptr<content::Store>(std::move(store).value());
}

std::string identifier_of(const ImageLocation& location) {
  return std::visit([](const auto& l) { return l.identifier(); }, location);
}

}  // namespace chartmirror::registry::stores
