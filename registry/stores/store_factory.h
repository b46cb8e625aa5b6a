// registry/stores/store_factory.h — from what a user typed to a store to copy from or to.
//
// `docker://`-style references open a repository of a remote registry, with one client per
// registry host shared by every repository on it (connections, tokens); `oci-layout:` ones an
// image-layout directory (created when written to). Credentials come from one docker config.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "registry/auth/keychain.h"
#include "registry/content/store.h"
#include "registry/ref/reference.h"
#include "registry/remote/registry_client.h"
#include "registry/transport/http_client.h"

namespace chartmirror::registry::stores {

struct StoreOptions {
  bool plain_http = false;      // --plain-http: every registry over HTTP
  bool insecure = false;        // --insecure: TLS without verification
  std::string registry_config;  // --registry-config; empty: $DOCKER_CONFIG or ~/.docker
  // Retries, backoff. One HTTP-level retry only: the copy retries every operation itself
  // (registry::copy::CopyOptions::retries), and the two layers' attempts multiply.
  remote::RegistryOptions registry{.max_attempts = 2};
};

class StoreFactory {
 public:
  [[nodiscard]] static Result<std::unique_ptr<StoreFactory>, Error> create(StoreOptions options);

  StoreFactory(StoreOptions options, std::shared_ptr<transport::HttpClient> http,
               std::shared_ptr<auth::Keychain> keychain);

  // The store `location` names. A layout directory must exist to be read from.
  [[nodiscard]] Result<std::unique_ptr<content::Store>, Error> open(const ImageLocation& location,
                                                                    bool for_writing);

 private:
  std::shared_ptr<remote::RegistryClient> client_for(const std::string& host);

  StoreOptions options_;
  std::shared_ptr<transport::HttpClient> http_;
  std::shared_ptr<auth::Keychain> keychain_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<remote::RegistryClient>> clients_;  // guarded by mutex_
};

// The tag or digest a location names (what to resolve, or what to tag at a destination).
[[nodiscard]] std::string identifier_of(const ImageLocation& location);

}  // namespace chartmirror::registry::stores
