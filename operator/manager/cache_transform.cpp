// operator/manager/cache_transform.cpp — see cache_transform.h.
#include "operator/manager/cache_transform.h"

namespace chartmirror::manager {

void trim_for_cache(nlohmann::json& object) {
  const auto metadata = object.find("metadata");
  if (metadata == object.end() || !metadata->is_object()) return;
  metadata->erase("managedFields");
  const auto annotations = metadata->find("annotations");
  if (annotations == metadata->end() || !annotations->is_object()) return;
  annotations->erase("kubectl.kubernetes.io/last-applied-configuration");
  if (annotations->empty()) metadata->erase("annotations");
}

}  // namespace chartmirror::manager
