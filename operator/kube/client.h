// operator/kube/client.h — the Kubernetes API client: typed paths, JSON bodies, the API
// server's errors as values.
//
// Verbs as the API server names them (Kubernetes API concepts): get, list (one page, or every
// page following `continue`), create (POST), update (PUT, with the object's resourceVersion
// for optimistic concurrency: a stale one is kConflict), patch (merge patch — what status
// writes use, on the "status" subresource — or server-side apply with a field manager),
// remove (DELETE), and watch (client_watch.cpp). Objects are nlohmann::json as the API server
// sends them; typed views live with their users (lease.h, event.h).
//
// Every request carries the current bearer token (re-read when its file rotates) or basic
// credentials; neither appears in any Error: errors name "METHOD URL", the HTTP status, and
// the API server's own Status message. One Client is safe to use from many threads: requests
// share a connection pool; each watch holds one connection for its lifetime.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "operator/kube/bearer_token.h"
#include "operator/kube/error.h"
#include "operator/kube/kubeconfig.h"
#include "operator/kube/resource.h"
#include "operator/kube/watch_cancel.h"
#include "operator/kube/watch_event.h"
#include "registry/transport/http_client.h"
#include "support/result.h"

namespace chartmirror::kube {

struct ClientOptions {
  std::chrono::milliseconds request_timeout = std::chrono::seconds(30);  // no byte moved
  std::string user_agent = "chartmirror";
  size_t max_response_bytes = size_t{64} << 20U;  // a list of many large objects fits
  // The longest watch asked of the server (WatchOptions::timeout is capped to it). A watch's
  // socket may then stay silent this long plus a minute before it counts as dead.
  std::chrono::seconds max_watch = std::chrono::minutes(10);
};

struct ListOptions {
  std::string label_selector;
  std::string field_selector;
  int64_t limit = 0;             // page size; 0: the server's choice (everything)
  std::string continue_token;    // from the previous page's metadata.continue
  std::string resource_version;  // "" for the most recent state (a quorum read)
};

enum class PatchType {
  kMerge,  // application/merge-patch+json (RFC 7386): status writes
  kApply,  // application/apply-patch+yaml: server-side apply; needs a field manager
  kJson,   // application/json-patch+json (RFC 6902)
};

struct PatchOptions {
  std::string subresource;    // "status" for status writes
  std::string field_manager;  // required by kApply; recorded in managedFields
  bool force = false;         // kApply: take over fields another manager owns
};

struct WatchOptions {
  std::string resource_version;  // from a list, or the last event seen; "" starts from now
  std::string label_selector;
  std::chrono::seconds timeout = std::chrono::minutes(5);  // the server ends the watch then
  bool bookmarks = true;                                   // allowWatchBookmarks
};

// What a watch handler wants next.
enum class WatchNext { kContinue, kStop };
using WatchHandler = std::function<WatchNext(const WatchEvent&)>;

class Client {
 public:
  [[nodiscard]] static Result<std::unique_ptr<Client>, Error> create(ClusterAccess access,
                                                                     ClientOptions options = {});

  // The namespace of the kubeconfig's context, or of the pod.
  [[nodiscard]] const std::string& default_namespace() const { return access_.namespace_; }
  [[nodiscard]] const std::string& server() const { return access_.server; }

  [[nodiscard]] Result<nlohmann::json, Error> get(const ResourceType& type, std::string_view ns,
                                                  std::string_view name,
                                                  std::string_view subresource = {});
  // One page: the List object, whose metadata.continue names the next page ("" at the end).
  [[nodiscard]] Result<nlohmann::json, Error> list(const ResourceType& type, std::string_view ns,
                                                   const ListOptions& options = {});
  // Every page (options.limit per request), as one List with every item and the last page's
  // metadata (its resourceVersion is the snapshot's: watch from there). An expired continue
  // token is kGone: list again.
  [[nodiscard]] Result<nlohmann::json, Error> list_all(const ResourceType& type,
                                                       std::string_view ns,
                                                       ListOptions options = {});
  // POST; the namespace is `ns` (the object's metadata.namespace is not consulted).
  [[nodiscard]] Result<nlohmann::json, Error> create(const ResourceType& type, std::string_view ns,
                                                     const nlohmann::json& object);
  // PUT of the object named by its metadata.name; its metadata.resourceVersion, when set,
  // must be the current one or the answer is kConflict.
  [[nodiscard]] Result<nlohmann::json, Error> update(const ResourceType& type, std::string_view ns,
                                                     const nlohmann::json& object,
                                                     std::string_view subresource = {});
  // `body` is JSON for kMerge and kJson, YAML or JSON for kApply.
  [[nodiscard]] Result<nlohmann::json, Error> patch(const ResourceType& type, std::string_view ns,
                                                    std::string_view name, PatchType patch_type,
                                                    std::string body,
                                                    const PatchOptions& options = {});
  // DELETE; kNotFound when there is no such object.
  [[nodiscard]] Status<Error> remove(const ResourceType& type, std::string_view ns,
                                     std::string_view name);

  // Streams events to `handler` until the server ends the watch (after options.timeout),
  // the handler returns kStop, or `cancel` is cancelled (kCancelled). Returns the last
  // resourceVersion seen (of an object or a bookmark), to watch again from. An ERROR event
  // ends the watch with its Status as the error: kGone (410) means the resourceVersion is too
  // old — list again, then watch from the list's resourceVersion.
  [[nodiscard]] Result<std::string, Error> watch(const ResourceType& type, std::string_view ns,
                                                 const WatchOptions& options,
                                                 const WatchHandler& handler,
                                                 WatchCancel* cancel = nullptr);

  // Any request: `target` is path and query. An empty body sends none. The answer's JSON, or
  // null for an empty 2xx body.
  [[nodiscard]] Result<nlohmann::json, Error> request(const std::string& method,
                                                      const std::string& target,
                                                      std::string body = {},
                                                      std::string content_type = {});

  Client(ClusterAccess access, ClientOptions options, BearerToken token,
         std::unique_ptr<registry::transport::HttpClient> http,
         std::unique_ptr<registry::transport::HttpClient> watch_http);

 private:
  // The request with URL, credentials and Accept set; the error names the request.
  Result<registry::transport::Request, Error> prepare(const std::string& method,
                                                      const std::string& target);

  ClusterAccess access_;  // bearer_token and password: secrets
  ClientOptions options_;
  BearerToken token_;
  std::unique_ptr<registry::transport::HttpClient> http_;
  std::unique_ptr<registry::transport::HttpClient> watch_http_;  // long idle timeout
};

// "?a=b&c=d" with values percent-encoded, or "" when nothing is set.
[[nodiscard]] std::string list_query(const ListOptions& options);
[[nodiscard]] std::string watch_query(const WatchOptions& options);

}  // namespace chartmirror::kube
