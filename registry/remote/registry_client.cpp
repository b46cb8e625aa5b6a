#include "registry/remote/registry_client.h"

#include <algorithm>
#include <charconv>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/base64.h"

namespace chartmirror::registry::remote {
namespace {

using transport::Request;
using transport::Response;
using transport::Url;

constexpr size_t kTokenResponseLimit = 1 << 20;
constexpr size_t kErrorBodyLimit = size_t{64} * 1024;

bool is_loopback_host(std::string_view host_port) {
  std::string_view host = host_port;
  if (!host.empty() && host.front() == '[') {
    host = host.substr(1, host.find(']') - 1);
  } else {
    host = host.substr(0, host.rfind(':'));
  }
  return host == "localhost" || host == "::1" || host.substr(0, 4) == "127.";
}

bool retryable_status(int status) { return status == 429 || (status >= 500 && status != 501); }

Error auth_error(const std::string& host, std::string message) {
  return Error{.code = Error::Code::kUnauthorized,
               .message = std::move(message),
               .operation = "authenticate to " + host};
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

}  // namespace

std::string repository_scope(std::string_view repository, std::string_view actions) {
  return "repository:" + std::string(repository) + ":" + std::string(actions);
}

RegistryClient::RegistryClient(std::string host, std::shared_ptr<transport::HttpClient> http,
                               std::shared_ptr<auth::Keychain> keychain, RegistryOptions options)
    : host_(std::move(host)),
      http_(std::move(http)),
      keychain_(std::move(keychain)),
      options_(std::move(options)) {
  if (!options_.sleep) {
    options_.sleep = [](std::chrono::milliseconds pause) { std::this_thread::sleep_for(pause); };
  }
}

Result<std::string, Error> RegistryClient::base_url() {
  {
    const std::lock_guard lock(mutex_);
    if (!base_url_.empty()) return base_url_;
  }
  std::string base = (options_.plain_http ? "http://" : "https://") + host_;
  if (!options_.plain_http && is_loopback_host(host_)) {
    // Docker treats loopback registries as insecure: HTTPS first, plain HTTP when HTTPS
    // cannot even be spoken (the server answers TLS with plain HTTP).
    auto probe_url = Url::parse(base + "/v2/");
    if (!probe_url.ok()) return probe_url.error();
    auto probe = http_->send(Request{.method = "GET", .url = *probe_url});
    if (!probe.ok() && probe.error().code == Error::Code::kTransport) base = "http://" + host_;
  }
  const std::lock_guard lock(mutex_);
  if (base_url_.empty()) base_url_ = base;
  return base_url_;
}

Result<Url, Error> RegistryClient::url(std::string_view path_and_query) {
  auto base = base_url();
  if (!base.ok()) return base.error();
  return Url::parse(*base + std::string(path_and_query));
}

Result<std::optional<auth::Credentials>, Error> RegistryClient::credentials() {
  if (keychain_ == nullptr) return std::nullopt;
  return keychain_->credentials(host_);
}

Result<std::string, Error> RegistryClient::authorization(const std::vector<std::string>& scopes) {
  Scheme scheme = Scheme::kUnknown;
  const std::string key = join(scopes, " ");
  {
    const std::lock_guard lock(mutex_);
    scheme = scheme_;
    if (scheme == Scheme::kBearer) {
      const auto it = tokens_.find(key);
      if (it != tokens_.end() && std::chrono::steady_clock::now() < it->second.expires) {
        return "Bearer " + it->second.value;
      }
    }
  }
  if (scheme == Scheme::kUnknown || scheme == Scheme::kNone) return std::string();
  auto creds = credentials();
  if (!creds.ok()) return creds.error();
  if (scheme == Scheme::kBasic) {
    if (!*creds || (*creds)->username.empty()) return std::string();
    return "Basic " + base64_encode((*creds)->username + ":" + (*creds)->password);
  }
  if (*creds && !(*creds)->registry_token.empty()) return "Bearer " + (*creds)->registry_token;
  auto token = fetch_token(scopes);
  if (!token.ok()) return token.error();
  const std::lock_guard lock(mutex_);
  tokens_[key] = *token;
  return "Bearer " + token->value;
}

Status<Error> RegistryClient::learn_challenge(const Response& response) {
  const auto header = response.header("WWW-Authenticate");
  if (!header) {
    return auth_error(host_, "the registry answered 401 without saying how to authenticate");
  }
  auto challenges = auth::parse_challenges(*header);
  if (!challenges.ok()) return challenges.error();
  const auto bearer = std::find_if(challenges->begin(), challenges->end(),
                                   [](const auto& c) { return c.scheme == "bearer"; });
  const auto basic = std::find_if(challenges->begin(), challenges->end(),
                                  [](const auto& c) { return c.scheme == "basic"; });
  const std::lock_guard lock(mutex_);
  tokens_.clear();  // a 401 with a token in hand: it expired or lacks a scope
  if (bearer != challenges->end()) {
    if (bearer->param("realm").empty()) {
      return auth_error(host_, "the registry's Bearer challenge names no token realm");
    }
    scheme_ = Scheme::kBearer;
    realm_ = bearer->param("realm");
    service_ = bearer->param("service");
    return Done{};
  }
  if (basic != challenges->end()) {
    scheme_ = Scheme::kBasic;
    return Done{};
  }
  return auth_error(host_, "the registry asks for an unsupported authentication scheme: " +
                               challenges->front().scheme);
}

Result<RegistryClient::Token, Error> RegistryClient::fetch_token(
    const std::vector<std::string>& scopes) {
  std::string realm;
  std::string service;
  {
    const std::lock_guard lock(mutex_);
    realm = realm_;
    service = service_;
  }
  auto realm_url = Url::parse(realm);
  if (!realm_url.ok()) return realm_url.error();
  auto creds = credentials();
  if (!creds.ok()) return creds.error();

  Request request{.method = "GET", .url = *realm_url};
  if (*creds && !(*creds)->identity_token.empty()) {
    // OAuth2 refresh-token grant, as docker login with an identity token does.
    request.method = "POST";
    request.headers.add("Content-Type", "application/x-www-form-urlencoded");
    request.body = "grant_type=refresh_token&client_id=chartmirror&refresh_token=" +
                   transport::percent_encode((*creds)->identity_token) +
                   "&service=" + transport::percent_encode(service) +
                   "&scope=" + transport::percent_encode(join(scopes, " "));
  } else {
    if (!service.empty()) request.url = request.url.with_query("service", service);
    for (const auto& scope : scopes) request.url = request.url.with_query("scope", scope);
    if (*creds && !(*creds)->username.empty()) {
      request.headers.add("Authorization",
                          "Basic " + base64_encode((*creds)->username + ":" + (*creds)->password));
    }
  }
  auto response = http_->send(request);
  if (!response.ok()) return response.error();
  if (response->status() == 401 || response->status() == 403) {
    return auth_error(
        host_, "the token service " + realm_url->redacted() + " refused the credentials (HTTP " +
                   std::to_string(response->status()) + "); check the docker config for " + host_);
  }
  if (response->status() != 200) {
    return unexpected_response(*response, request.method, "the token service failed");
  }
  auto body = response->read_all(kTokenResponseLimit);
  if (!body.ok()) return body.error();
  try {
    const auto answer = nlohmann::json::parse(*body);
    std::string value = answer.value("token", "");
    if (value.empty()) value = answer.value("access_token", "");
    if (value.empty()) return auth_error(host_, "the token service answered without a token");
    // Docker's default lifetime is 60 s; renew a little early so no request carries a token
    // that expires on its way.
    const int64_t lifetime = std::max<int64_t>(answer.value("expires_in", int64_t{60}), 10);
    return Token{.value = std::move(value),
                 .expires = std::chrono::steady_clock::now() +
                            std::chrono::seconds(lifetime - std::max<int64_t>(lifetime / 10, 5))};
  } catch (const nlohmann::json::exception&) {
    return auth_error(host_, "the token service's answer is not JSON");
  }
}

void RegistryClient::wait_before_retry(int attempt, const Response* response) {
  auto pause =
      std::min(options_.initial_backoff * (1 << std::min(attempt - 1, 16)), options_.max_backoff);
  if (response != nullptr) {
    if (const auto after = response->header("Retry-After")) {
      int seconds = 0;
      const auto [end, ec] = std::from_chars(after->data(), after->data() + after->size(), seconds);
      if (ec == std::errc() && seconds >= 0) {
        pause = std::min<std::chrono::milliseconds>(std::chrono::seconds(seconds),
                                                    options_.max_backoff);
      }
    }
  }
  options_.sleep(pause);
}

Result<Response, Error> RegistryClient::send(Request request,
                                             const std::vector<std::string>& scopes) {
  const bool replayable = request.body_source == nullptr;
  bool challenged = false;
  for (int attempt = 1;; ++attempt) {
    auto authorization_value = authorization(scopes);
    if (!authorization_value.ok()) return authorization_value.error();
    if (authorization_value->empty()) {
      request.headers.remove("Authorization");
    } else {
      request.headers.set("Authorization", *authorization_value);
    }
    auto response = http_->send(request);
    const bool more = replayable && attempt < options_.max_attempts;
    if (!response.ok()) {
      if (response.error().retryable && more) {
        wait_before_retry(attempt, nullptr);
        continue;
      }
      return response.error();
    }
    if (response->status() == 401 && !challenged) {
      challenged = true;
      if (auto learned = learn_challenge(*response); !learned.ok()) return learned.error();
      if (replayable) {
        response->discard();
        --attempt;  // authenticating is not a retry
        continue;
      }
      return response;
    }
    if (retryable_status(response->status()) && more) {
      wait_before_retry(attempt, &*response);
      response->discard();
      continue;
    }
    return response;
  }
}

Error unexpected_response(Response& response, const std::string& method, std::string message) {
  const int status = response.status();
  Error error{.code = Error::Code::kHttpStatus,
              .message = std::move(message),
              .method = method,
              .url = response.url().redacted(),
              .http_status = status,
              .retryable = retryable_status(status)};
  if (status == 401 || status == 403) {
    error.code = Error::Code::kUnauthorized;
    error.message +=
        "; check the credentials for this registry (docker config, or the "
        "secret the ChartMirror names)";
  } else if (status == 404) {
    error.code = Error::Code::kNotFound;
  }
  auto body = response.read_all(kErrorBodyLimit);
  if (!body.ok()) return error;
  try {
    const auto document = nlohmann::json::parse(*body);
    std::vector<std::string> details;
    for (const auto& item : document.at("errors")) {
      details.push_back(item.value("code", "") + ": " + item.value("message", ""));
    }
    error.detail = join(details, "; ");
  } catch (const nlohmann::json::exception&) {
    // Not the distribution spec's error body: the status says enough.
  }
  return error;
}

}  // namespace chartmirror::registry::remote
