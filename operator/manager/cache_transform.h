// operator/manager/cache_transform.h — what of a ChartMirror the operator keeps in its informer
// cache (runtime::InformerOptions::transform).
//
// The controller reads metadata (name, namespace, uid, generation, resourceVersion, its own
// annotations), spec and status. Two fields it never reads are most of an object's size:
// metadata.managedFields (server-side apply bookkeeping, written on every update) and kubectl's
// last-applied-configuration annotation (a second copy of the spec). Dropping them keeps the
// idle operator small with hundreds of objects, as controller-runtime's default cache
// transform does for managedFields.
#pragma once

#include <nlohmann/json.hpp>

namespace chartmirror::manager {

void trim_for_cache(nlohmann::json& object);

}  // namespace chartmirror::manager
