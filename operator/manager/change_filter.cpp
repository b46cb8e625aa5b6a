// operator/manager/change_filter.cpp — see change_filter.h.
#include "operator/manager/change_filter.h"

namespace chartmirror::manager {

ChangeFilter::Trigger ChangeFilter::trigger_of(const nlohmann::json& object) {
  Trigger trigger;
  const auto metadata = object.find("metadata");
  if (metadata == object.end() || !metadata->is_object()) return trigger;
  const auto generation = metadata->find("generation");
  if (generation != metadata->end() && generation->is_number_integer()) {
    trigger.generation = generation->get<std::int64_t>();
  }
  const auto annotations = metadata->find("annotations");
  if (annotations != metadata->end() && annotations->is_object()) {
    trigger.requested_at = annotations->value(kReconcileRequestAnnotation, "");
  }
  return trigger;
}

bool ChangeFilter::changed(const std::string& key, const nlohmann::json& object) {
  const Trigger trigger = trigger_of(object);
  const std::lock_guard lock(mutex_);
  const auto [it, inserted] = seen_.try_emplace(key, trigger);
  if (inserted) return true;
  if (it->second == trigger) return false;
  it->second = trigger;
  return true;
}

void ChangeFilter::forget(const std::string& key) {
  const std::lock_guard lock(mutex_);
  seen_.erase(key);
}

}  // namespace chartmirror::manager
