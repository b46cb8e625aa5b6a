// operator/runtime/informer.h — a local, always-current copy of one resource type: client-go's
// reflector and indexer in one small class.
//
// run() lists every page, then watches from the list's resourceVersion (with bookmarks, so an
// idle watch still advances it). The watch is renewed from the last resourceVersion seen when
// the server ends it; a broken connection is retried after an exponential backoff
// (initial_backoff doubling to max_backoff, reset once a list or watch works again); 410 Gone
// (the version is too old for the server's watch cache) lists again at once. A relist
// replaces the cache: objects that vanished meanwhile are reported deleted, changed ones
// updated (by resourceVersion).
//
// Handlers get the key ("namespace/name", or "name" for cluster-scoped objects) — level
// based: the operator enqueues the key, and the worker reads the object from the cache. They
// run on run()'s thread, outside the cache's lock, so they may call get(). has_synced() turns
// true after the first complete list (readyz waits for it). stop() is safe from any thread:
// it cancels the blocked watch and any backoff, and run() returns.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "operator/kube/client.h"
#include "operator/kube/watch_cancel.h"
#include "operator/runtime/sleeper.h"

namespace chartmirror::runtime {

struct InformerOptions {
  std::string namespace_;  // "" for every namespace
  std::string label_selector;
  int64_t page_size = 500;
  std::chrono::seconds watch_timeout = std::chrono::minutes(5);
  // client-go's reflector backoff: 800 ms doubling to 30 s.
  std::chrono::milliseconds initial_backoff = std::chrono::milliseconds(800);
  std::chrono::milliseconds max_backoff = std::chrono::seconds(30);
  // Applied to every object before it is cached (the resourceVersion must stay): drop what
  // the handlers never read, as controller-runtime's cache transforms do; the cache of a few
  // hundred objects is most of an idle operator's memory.
  std::function<void(nlohmann::json&)> transform;
};

struct InformerHandlers {
  std::function<void(const std::string& key)> on_add;
  std::function<void(const std::string& key)> on_update;
  std::function<void(const std::string& key)> on_delete;
};

// "namespace/name", or "name" when the object has no namespace.
[[nodiscard]] std::string object_key(const nlohmann::json& object);

class Informer {
 public:
  // `client` and `sleeper` must outlive the informer.
  Informer(kube::Client& client, kube::ResourceType type, InformerOptions options,
           InformerHandlers handlers, Sleeper& sleeper);

  // Lists and watches until stop(). Blocks.
  void run();
  void stop();

  [[nodiscard]] bool has_synced() const { return synced_.load(); }
  // The latest object under `key`, as the API server sent it.
  [[nodiscard]] std::optional<nlohmann::json> get(const std::string& key) const;
  [[nodiscard]] std::vector<std::string> keys() const;
  // The last error that made the informer list or reconnect ("" when none yet), for logs.
  [[nodiscard]] std::string last_error() const;

 private:
  enum class Change { kAdd, kUpdate, kDelete };
  using Changes = std::vector<std::pair<Change, std::string>>;

  [[nodiscard]] bool list();  // false after a failure
  // Ends normally, with kGone (relist), or with another error (back off, watch again).
  [[nodiscard]] Status<kube::Error> watch();
  void replace(const nlohmann::json& items);
  void apply(const kube::WatchEvent& event);
  // An object as the cache keeps it: its compact JSON text, a fraction of the parsed tree's
  // size (get() parses it again, which costs about what copying the tree would).
  struct CachedObject {
    std::string resource_version;
    std::string json;
  };
  [[nodiscard]] CachedObject stored(const nlohmann::json& object) const;  // transformed
  void notify(const Changes& changes) const;
  void record_error(const kube::Error& error);
  [[nodiscard]] bool back_off();  // false when stopped

  kube::Client& client_;
  kube::ResourceType type_;
  InformerOptions options_;
  InformerHandlers handlers_;
  Sleeper& sleeper_;
  kube::WatchCancel cancel_;
  std::atomic<bool> stopped_{false};
  std::atomic<bool> synced_{false};
  std::string resource_version_;          // run()'s thread only
  std::chrono::milliseconds backoff_{0};  // run()'s thread only; 0: none yet

  mutable std::mutex mutex_;
  std::map<std::string, CachedObject> cache_;  // guarded by mutex_
  std::string last_error_;                     // guarded by mutex_
};

}  // namespace chartmirror::runtime
