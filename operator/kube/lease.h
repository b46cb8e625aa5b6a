// operator/kube/lease.h — coordination.k8s.io/v1 Leases, the lock of leader election.
//
// Leader election is optimistic concurrency on one object: read the Lease, and write it back
// (to renew, or to take it over once it expired) carrying the resourceVersion that was read.
// If anyone wrote it in between, the API server refuses with 409 and update_lease returns
// kConflict: the writer lost the race and reads again. Times are MicroTime strings as the API
// stores them (format_micro_time); an absent time is "".
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "operator/kube/client.h"
#include "operator/kube/error.h"
#include "support/result.h"

namespace chartmirror::kube {

struct Lease {
  std::string namespace_;
  std::string name;
  std::string holder_identity;
  int lease_duration_seconds = 0;
  std::string acquire_time;  // MicroTime, "" when unset
  std::string renew_time;    // MicroTime, "" when unset
  int lease_transitions = 0;
  std::string resource_version;  // of the object read; "" for one not yet created

  // The Lease object (apiVersion, kind, metadata, spec) as the API server takes it.
  [[nodiscard]] nlohmann::json to_json() const;
  // kInvalidResponse when `object` is not a Lease.
  [[nodiscard]] static Result<Lease, Error> from_json(const nlohmann::json& object);
};

[[nodiscard]] Result<Lease, Error> get_lease(Client& client, std::string_view ns,
                                             std::string_view name);
// kConflict when a Lease of that name exists.
[[nodiscard]] Result<Lease, Error> create_lease(Client& client, const Lease& lease);
// kConflict when lease.resource_version is no longer the stored one.
[[nodiscard]] Result<Lease, Error> update_lease(Client& client, const Lease& lease);

}  // namespace chartmirror::kube
