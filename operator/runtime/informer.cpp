// operator/runtime/informer.cpp — list, watch, relist, reconnect; see informer.h.
#include "operator/runtime/informer.h"

#include <algorithm>
#include <utility>

namespace chartmirror::runtime {

std::string object_key(const nlohmann::json& object) {
  const auto metadata = object.find("metadata");
  if (metadata == object.end() || !metadata->is_object()) return {};
  const std::string ns = metadata->value("namespace", "");
  const std::string name = metadata->value("name", "");
  return ns.empty() ? name : ns + "/" + name;
}

namespace {

std::string version_of(const nlohmann::json& object) {
  const auto metadata = object.find("metadata");
  if (metadata == object.end() || !metadata->is_object()) return {};
  return metadata->value("resourceVersion", "");
}

}  // namespace

Informer::Informer(kube::Client& client, kube::ResourceType type, InformerOptions options,
                   InformerHandlers handlers, Sleeper& sleeper)
    : client_(client),
      type_(std::move(type)),
      options_(std::move(options)),
      handlers_(std::move(handlers)),
      sleeper_(sleeper) {}

void Informer::run() {
  bool need_list = true;
  while (!stopped_) {
    if (need_list) {
      if (!list()) {
        if (!back_off()) return;
        continue;
      }
      need_list = false;
    }
    const auto watched = watch();
    if (stopped_) return;
    if (watched.ok()) continue;  // the server ended the watch: renew it
    if (watched.error().code == kube::Error::Code::kGone) {
      need_list = true;  // at once: waiting would not make the version any younger
      continue;
    }
    if (!back_off()) return;
  }
}

void Informer::stop() {
  stopped_ = true;
  cancel_.cancel();
  sleeper_.stop();
}

bool Informer::list() {
  auto listed = client_.list_all(
      type_, options_.namespace_,
      kube::ListOptions{.label_selector = options_.label_selector, .limit = options_.page_size});
  if (!listed.ok()) {
    record_error(listed.error());
    return false;
  }
  const auto items = listed->find("items");
  replace(items != listed->end() && items->is_array() ? *items : nlohmann::json::array());
  resource_version_ = (*listed)["metadata"].value("resourceVersion", "");
  backoff_ = {};
  synced_ = true;
  return true;
}

Status<kube::Error> Informer::watch() {
  bool delivered = false;
  auto watched = client_.watch(
      type_, options_.namespace_,
      kube::WatchOptions{.resource_version = resource_version_,
                         .label_selector = options_.label_selector,
                         .timeout = options_.watch_timeout},
      [&](const kube::WatchEvent& event) {
        delivered = true;
        const std::string version = event.resource_version();
        if (!version.empty()) resource_version_ = version;
        apply(event);
        return kube::WatchNext::kContinue;
      },
      &cancel_);
  if (delivered) backoff_ = {};
  if (!watched.ok()) {
    if (watched.error().code != kube::Error::Code::kCancelled) record_error(watched.error());
    return watched.error();
  }
  backoff_ = {};
  if (!watched->empty()) resource_version_ = *watched;
  return Done{};
}

void Informer::replace(const nlohmann::json& items) {
  Changes changes;
  {
    std::map<std::string, CachedObject> fresh;
    for (const auto& item : items) {
      std::string key = object_key(item);
      if (!key.empty()) fresh.insert_or_assign(std::move(key), stored(item));
    }
    const std::lock_guard lock(mutex_);
    for (const auto& [key, object] : cache_) {
      if (!fresh.contains(key)) changes.emplace_back(Change::kDelete, key);
    }
    for (const auto& [key, object] : fresh) {
      const auto old = cache_.find(key);
      if (old == cache_.end()) {
        changes.emplace_back(Change::kAdd, key);
      } else if (old->second.resource_version != object.resource_version) {
        changes.emplace_back(Change::kUpdate, key);
      }
    }
    cache_ = std::move(fresh);
  }
  notify(changes);
}

void Informer::apply(const kube::WatchEvent& event) {
  using Type = kube::WatchEvent::Type;
  if (event.type != Type::kAdded && event.type != Type::kModified && event.type != Type::kDeleted) {
    return;  // bookmarks only move the resourceVersion; errors end the watch
  }
  std::string key = object_key(event.object);
  if (key.empty()) return;
  Changes changes;
  {
    const std::lock_guard lock(mutex_);
    if (event.type == Type::kDeleted) {
      if (cache_.erase(key) > 0) changes.emplace_back(Change::kDelete, key);
    } else {
      const bool existed = cache_.contains(key);
      cache_.insert_or_assign(key, stored(event.object));
      changes.emplace_back(existed ? Change::kUpdate : Change::kAdd, key);
    }
  }
  notify(changes);
}

Informer::CachedObject Informer::stored(const nlohmann::json& object) const {
  if (!options_.transform) return {version_of(object), object.dump()};
  nlohmann::json copy = object;
  options_.transform(copy);
  return {version_of(copy), copy.dump()};
}

void Informer::notify(const Changes& changes) const {
  for (const auto& [change, key] : changes) {
    const auto& handler = change == Change::kAdd      ? handlers_.on_add
                          : change == Change::kUpdate ? handlers_.on_update
                                                      : handlers_.on_delete;
    if (handler) handler(key);
  }
}

void Informer::record_error(const kube::Error& error) {
  const std::lock_guard lock(mutex_);
  last_error_ = error.describe();
}

bool Informer::back_off() {
  backoff_ = backoff_.count() == 0 ? options_.initial_backoff
                                   : std::min(backoff_ * 2, options_.max_backoff);
  return sleeper_.sleep_for(backoff_) && !stopped_;
}

std::optional<nlohmann::json> Informer::get(const std::string& key) const {
  std::string text;
  {
    const std::lock_guard lock(mutex_);
    const auto found = cache_.find(key);
    if (found == cache_.end()) return std::nullopt;
    text = found->second.json;
  }
  return nlohmann::json::parse(text);  // our own dump(): it parses
}

std::vector<std::string> Informer::keys() const {
  const std::lock_guard lock(mutex_);
  std::vector<std::string> keys;
  keys.reserve(cache_.size());
  for (const auto& [key, object] : cache_) keys.push_back(key);
  return keys;
}

std::string Informer::last_error() const {
  const std::lock_guard lock(mutex_);
  return last_error_;
}

}  // namespace chartmirror::runtime
