#include "operator/kube/lease.h"

#include "operator/kube/json_fields.h"

namespace chartmirror::kube {
nlohmann::json Lease::to_json() const {
  nlohmann::json metadata{{"name", name}, {"namespace", namespace_}};
  if (!resource_version.empty()) metadata["resourceVersion"] = resource_version;
  nlohmann::json spec = nlohmann::json::object();
  if (!holder_identity.empty()) spec["holderIdentity"] = holder_identity;
  if (lease_duration_seconds > 0) spec["leaseDurationSeconds"] = lease_duration_seconds;
  if (!acquire_time.empty()) spec["acquireTime"] = acquire_time;
  if (!renew_time.empty()) spec["renewTime"] = renew_time;
  if (lease_transitions > 0) spec["leaseTransitions"] = lease_transitions;
  return {{"apiVersion", resources::kLeases.api_version()},
          {"kind", "Lease"},
          {"metadata", std::move(metadata)},
          {"spec", std::move(spec)}};
}

Result<Lease, Error> Lease::from_json(const nlohmann::json& object) {
  if (string_at(object, "kind") != "Lease" || metadata_string(object, "name").empty()) {
    return Error{.code = Error::Code::kInvalidResponse, .message = "the object is not a Lease"};
  }
  const nlohmann::json spec = object.value("spec", nlohmann::json::object());
  return Lease{.namespace_ = metadata_string(object, "namespace"),
               .name = metadata_string(object, "name"),
               .holder_identity = string_at(spec, "holderIdentity"),
               .lease_duration_seconds = int_at(spec, "leaseDurationSeconds"),
               .acquire_time = string_at(spec, "acquireTime"),
               .renew_time = string_at(spec, "renewTime"),
               .lease_transitions = int_at(spec, "leaseTransitions"),
               .resource_version = metadata_string(object, "resourceVersion")};
}

Result<Lease, Error> get_lease(Client& client, std::string_view ns, std::string_view name) {
  auto object = client.get(resources::kLeases, ns, name);
  if (!object.ok()) return object.error();
  return Lease::from_json(*object);
}

Result<Lease, Error> create_lease(Client& client, const Lease& lease) {
  nlohmann::json object = lease.to_json();
  object["metadata"].erase("resourceVersion");  // a create must not carry one
  auto created = client.create(resources::kLeases, lease.namespace_, object);
  if (!created.ok()) return created.error();
  return Lease::from_json(*created);
}

Result<Lease, Error> update_lease(Client& client, const Lease& lease) {
  auto updated = client.update(resources::kLeases, lease.namespace_, lease.to_json());
  if (!updated.ok()) return updated.error();
  return Lease::from_json(*updated);
}

}  // namespace chartmirror::kube
