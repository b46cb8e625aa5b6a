// registry/remote/registry_client.h — requests to one registry host, authenticated.
//
// The distribution API's auth dance lives here and nowhere else: a request goes out with the
// credentials known to work; a 401 brings a challenge (RFC 7235) that says how to
// authenticate — Basic with the keychain's credentials, or Bearer with a token from the
// challenge's realm for the request's scopes (Docker token spec; OAuth2 refresh tokens for
// identity tokens). Tokens are cached by scope until shortly before they expire.
//
// Retries: requests whose body can be sent again are retried on transport errors, 5xx and
// 429 (honouring Retry-After), with exponential backoff. A streamed body cannot be replayed:
// its caller restarts the whole operation (the copy does).
//
// Plain HTTP: when asked for, always; for loopback hosts, as Docker does, after HTTPS fails.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "registry/auth/challenge.h"
#include "registry/auth/keychain.h"
#include "registry/error.h"
#include "registry/transport/http_client.h"
#include "support/result.h"

namespace chartmirror::registry::remote {

struct RegistryOptions {
  bool plain_http = false;  // speak HTTP, not HTTPS, to this registry
  int max_attempts = 5;     // per replayable request: 1 + retries
  std::chrono::milliseconds initial_backoff = std::chrono::milliseconds(200);
  std::chrono::milliseconds max_backoff = std::chrono::seconds(10);
  // How to wait between attempts; tests replace it to run without sleeping.
  std::function<void(std::chrono::milliseconds)> sleep;
};

// "repository:NAME:pull" style scopes of the Docker token specification.
[[nodiscard]] std::string repository_scope(std::string_view repository, std::string_view actions);

class RegistryClient {
 public:
  RegistryClient(std::string host, std::shared_ptr<transport::HttpClient> http,
                 std::shared_ptr<auth::Keychain> keychain, RegistryOptions options = {});

  [[nodiscard]] const std::string& host() const { return host_; }

  // The base URL ("https://host" or "http://host") requests go to, deciding it on first use.
  [[nodiscard]] Result<std::string, Error> base_url();

  // The URL of `path_and_query` ("/v2/...") on this registry.
  [[nodiscard]] Result<transport::Url, Error> url(std::string_view path_and_query);

  // Sends `request` (its URL from url()) with credentials for `scopes`. Any HTTP answer is a
  // Response, 401 included once re-authentication did not help; errors are transport
  // failures and failures to authenticate.
  [[nodiscard]] Result<transport::Response, Error> send(transport::Request request,
                                                        const std::vector<std::string>& scopes);

 private:
  struct Token {
    std::string value;
    std::chrono::steady_clock::time_point expires;
  };
  enum class Scheme { kUnknown, kNone, kBasic, kBearer };

  Result<std::string, Error> authorization(const std::vector<std::string>& scopes);
  Status<Error> learn_challenge(const transport::Response& response);
  Result<Token, Error> fetch_token(const std::vector<std::string>& scopes);
  Result<std::optional<auth::Credentials>, Error> credentials();
  void wait_before_retry(int attempt, const transport::Response* response);

  std::string host_;
  std::shared_ptr<transport::HttpClient> http_;
  std::shared_ptr<auth::Keychain> keychain_;
  RegistryOptions options_;

  std::mutex mutex_;
  std::string base_url_;                 // guarded by mutex_
  Scheme scheme_ = Scheme::kUnknown;     // guarded by mutex_
  std::string realm_;                    // guarded by mutex_
  std::string service_;                  // guarded by mutex_
  std::map<std::string, Token> tokens_;  // guarded by mutex_; by joined scopes
};

// An Error for a response the caller did not expect, with the registry's own diagnostic
// (the `errors` array of the distribution spec) when the body has one.
[[nodiscard]] Error unexpected_response(transport::Response& response, const std::string& method,
                                        std::string message);

}  // namespace chartmirror::registry::remote
