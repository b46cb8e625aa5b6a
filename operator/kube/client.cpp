#include "operator/kube/client.h"

#include "operator/kube/api_error.h"
#include "operator/kube/json_fields.h"
#include "support/base64.h"

namespace chartmirror::kube {

using registry::transport::HttpClient;
using registry::transport::percent_encode;
using registry::transport::Url;
namespace transport = registry::transport;

namespace {

// Watches idle for up to their timeout (bookmarks come about once a minute, but need not);
// the socket may stay silent a little longer than the server's own deadline.
constexpr auto kWatchIdleSlack = std::chrono::seconds(60);

void add_param(std::string& query, std::string_view name, std::string_view value) {
  query += query.empty() ? "?" : "&";
  query.append(name).append("=").append(percent_encode(value));
}

const char* content_type_of(PatchType type) {
  switch (type) {
    case PatchType::kMerge:
      return "application/merge-patch+json";
    case PatchType::kApply:
      return "application/apply-patch+yaml";
    case PatchType::kJson:
      return "application/json-patch+json";
  }
  return "application/merge-patch+json";
}

// The token of the request's "Authorization: Bearer" header, or "".
std::string bearer_token_of(const transport::Request& request) {
  constexpr std::string_view kBearer = "Bearer ";
  std::string authorization = request.headers.get("Authorization").value_or("");
  return authorization.starts_with(kBearer) ? authorization.substr(kBearer.size()) : std::string();
}

transport::Request with_body(transport::Request request, std::string body,
                             std::string content_type) {
  if (!content_type.empty()) request.headers.add("Content-Type", std::move(content_type));
  request.body = std::move(body);
  return request;
}

// Sends a prepared request; the answer's JSON, null for an empty 2xx body, or the error
// naming the request.
Result<nlohmann::json, Error> send_request(HttpClient& http, transport::Request request,
                                           size_t max_response_bytes) {
  const std::string source = request.method + " " + request.url.str();
  auto response = http.send(std::move(request));
  if (!response.ok()) return error_from_transport(source, response.error());
  auto text = response->read_all(max_response_bytes);
  if (!text.ok()) return error_from_transport(source, text.error());
  const int status = response->status();
  if (status < 200 || status >= 300) return error_from_response(source, status, *text);
  if (text->empty()) return nlohmann::json();
  nlohmann::json parsed = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return Error{.code = Error::Code::kInvalidResponse,
                 .message = "the API server's answer is not JSON",
                 .source = source,
                 .http_status = status};
  }
  return parsed;
}

}  // namespace

std::string list_query(const ListOptions& options) {
  std::string query;
  if (!options.label_selector.empty()) add_param(query, "labelSelector", options.label_selector);
  if (!options.field_selector.empty()) add_param(query, "fieldSelector", options.field_selector);
  if (options.limit > 0) add_param(query, "limit", std::to_string(options.limit));
  if (!options.continue_token.empty()) add_param(query, "continue", options.continue_token);
  if (!options.resource_version.empty()) {
    add_param(query, "resourceVersion", options.resource_version);
  }
  return query;
}

std::string watch_query(const WatchOptions& options) {
  std::string query = "?watch=1";
  if (!options.resource_version.empty()) {
    add_param(query, "resourceVersion", options.resource_version);
  }
  if (options.bookmarks) add_param(query, "allowWatchBookmarks", "true");
  if (!options.label_selector.empty()) add_param(query, "labelSelector", options.label_selector);
  add_param(query, "timeoutSeconds", std::to_string(options.timeout.count()));
  return query;
}

Result<std::unique_ptr<Client>, Error> Client::create(ClusterAccess access, ClientOptions options) {
  if (!Url::parse(access.server).ok()) {
    return Error{.code = Error::Code::kInvalidConfig,
                 .message = "the API server URL is not an http(s) URL",
                 .source = access.server};
  }
  auto made = BearerToken::for_access(access);  // may set access.tls's client certificate
  if (!made.ok()) return made.error();
  BearerToken token = std::move(made).value();
  if (auto first = token.current(); !first.ok()) return first.error();

  transport::ClientOptions http_options{
      .tls = access.tls, .idle_timeout = options.request_timeout, .user_agent = options.user_agent};
  auto http = HttpClient::create(http_options);
  if (!http.ok()) {
    return Error{.code = Error::Code::kInvalidConfig,
                 .message = http.error().message,
                 .source = access.server};
  }
  http_options.idle_timeout = options.max_watch + kWatchIdleSlack;
  auto watch_http = HttpClient::create(http_options);
  if (!watch_http.ok()) {
    return Error{.code = Error::Code::kInvalidConfig,
                 .message = watch_http.error().message,
                 .source = access.server};
  }
  return std::make_unique<Client>(std::move(access), std::move(options), std::move(token),
                                  std::move(http).value(), std::move(watch_http).value());
}

Client::Client(ClusterAccess access, ClientOptions options, BearerToken token,
               std::unique_ptr<HttpClient> http, std::unique_ptr<HttpClient> watch_http)
    : access_(std::move(access)),
      options_(std::move(options)),
      token_(std::move(token)),
      http_(std::move(http)),
      watch_http_(std::move(watch_http)) {}

Result<transport::Request, Error> Client::prepare(const std::string& method,
                                                  const std::string& target) {
  auto url = Url::parse(access_.server + target);
  if (!url.ok()) {
    return Error{.code = Error::Code::kInvalidConfig,
                 .message = "cannot make a URL of the request path",
                 .source = method + " " + access_.server + target};
  }
  transport::Request request{.method = method, .url = std::move(url).value()};
  auto token = token_.current();
  if (!token.ok()) return token.error();
  if (!token->empty()) {
    request.headers.add("Authorization", "Bearer " + *token);
  } else if (!access_.username.empty()) {
    request.headers.add("Authorization",
                        "Basic " + base64_encode(access_.username + ":" + access_.password));
  }
  request.headers.add("Accept", "application/json");
  return request;
}

Result<nlohmann::json, Error> Client::request(const std::string& method, const std::string& target,
                                              std::string body, std::string content_type) {
  auto first = prepare(method, target);
  if (!first.ok()) return first.error();
  const std::string token = bearer_token_of(*first);
  auto answer = send_request(*http_, with_body(std::move(first).value(), body, content_type),
                             options_.max_response_bytes);
  // A 401 to an exec plugin's token: the token may be stale (revoked, or expired before its
  // expirationTimestamp), so the plugin runs again and the request is sent once more, with the
  // new token. Fixed and file tokens are not retried.
  if (answer.ok() || answer.error().http_status != 401 || !token_.expire(token)) return answer;
  auto second = prepare(method, target);
  if (!second.ok()) return second.error();
  return send_request(
      *http_, with_body(std::move(second).value(), std::move(body), std::move(content_type)),
      options_.max_response_bytes);
}

Result<nlohmann::json, Error> Client::get(const ResourceType& type, std::string_view ns,
                                          std::string_view name, std::string_view subresource) {
  return request("GET", resource_path(type, ns, name, subresource));
}

Result<nlohmann::json, Error> Client::list(const ResourceType& type, std::string_view ns,
                                           const ListOptions& options) {
  return request("GET", resource_path(type, ns) + list_query(options));
}

Result<nlohmann::json, Error> Client::list_all(const ResourceType& type, std::string_view ns,
                                               ListOptions options) {
  nlohmann::json items = nlohmann::json::array();
  while (true) {
    auto page = list(type, ns, options);
    if (!page.ok()) return page.error();
    if (auto found = page->find("items"); found != page->end() && found->is_array()) {
      for (auto& item : *found) items.push_back(std::move(item));
    }
    options.continue_token = metadata_string(*page, "continue");
    if (options.continue_token.empty()) {
      (*page)["items"] = std::move(items);
      return std::move(page).value();
    }
    // Later pages come from the first page's snapshot, which the token names.
    options.resource_version.clear();
  }
}

Result<nlohmann::json, Error> Client::create(const ResourceType& type, std::string_view ns,
                                             const nlohmann::json& object) {
  return request("POST", resource_path(type, ns), object.dump(), "application/json");
}

Result<nlohmann::json, Error> Client::update(const ResourceType& type, std::string_view ns,
                                             const nlohmann::json& object,
                                             std::string_view subresource) {
  const std::string name = metadata_string(object, "name");
  if (name.empty()) {
    return Error{.code = Error::Code::kInvalidConfig,
                 .message = "an object to update needs metadata.name",
                 .source = "PUT " + resource_path(type, ns)};
  }
  return request("PUT", resource_path(type, ns, name, subresource), object.dump(),
                 "application/json");
}

Result<nlohmann::json, Error> Client::patch(const ResourceType& type, std::string_view ns,
                                            std::string_view name, PatchType patch_type,
                                            std::string body, const PatchOptions& options) {
  std::string query;
  if (!options.field_manager.empty()) add_param(query, "fieldManager", options.field_manager);
  if (patch_type == PatchType::kApply) {
    if (options.field_manager.empty()) {
      return Error{.code = Error::Code::kInvalidConfig,
                   .message = "server-side apply needs a field manager",
                   .source = "PATCH " + resource_path(type, ns, name)};
    }
    if (options.force) add_param(query, "force", "true");
  }
  return request("PATCH", resource_path(type, ns, name, options.subresource) + query,
                 std::move(body), content_type_of(patch_type));
}

Status<Error> Client::remove(const ResourceType& type, std::string_view ns, std::string_view name) {
  auto answer = request("DELETE", resource_path(type, ns, name));
  if (!answer.ok()) return answer.error();
  return Done{};
}

}  // namespace chartmirror::kube
