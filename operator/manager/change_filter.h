// operator/manager/change_filter.h — which informer notifications deserve a reconcile.
//
// The operator's own status writes come back as watch updates (the status subresource never
// bumps metadata.generation), and a relist reports every object whose resourceVersion moved.
// Reconciling on each would loop: every reconcile writes a status. So an update counts only
// when the object's trigger changed since this filter last passed it: metadata.generation (a
// spec change), or the annotation kReconcileRequestAnnotation (a person asking for a sync now,
// as Flux's reconcile.fluxcd.io/requestedAt: `kubectl annotate cmir x
// chartmirror.io/reconcile-requested-at="$(date +%s)" --overwrite`). A new object always
// counts; a deleted one is forgotten (the key is still worth queueing: the worker finds no
// object and drops it). spec.interval is covered by timed requeues, not by this filter.
// Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

namespace chartmirror::manager {

inline constexpr const char* kReconcileRequestAnnotation = "chartmirror.io/reconcile-requested-at";

class ChangeFilter {
 public:
  // True when `object` (the cache's, under `key`) should be reconciled; records its trigger.
  [[nodiscard]] bool changed(const std::string& key, const nlohmann::json& object);
  void forget(const std::string& key);

 private:
  struct Trigger {
    std::int64_t generation = 0;
    std::string requested_at;
    bool operator==(const Trigger&) const = default;
  };
  [[nodiscard]] static Trigger trigger_of(const nlohmann::json& object);

  std::mutex mutex_;
  std::map<std::string, Trigger> seen_;  // guarded by mutex_
};

}  // namespace chartmirror::manager
