// operator/manager/kube_cluster.h — controllers::Cluster (the reconciler's only window on
// Kubernetes) implemented with the API server: GET of Secrets and ConfigMaps, the status
// subresource, core/v1 Events.
//
// - read_secret: the Secret's type and its data base64-decoded. kNotFound for a 404 (the
//   reconciler turns it into Ready=False reason SecretNotFound), kCluster for anything else.
//   Values are secret: errors name the Secret and the key, never a value.
// - read_config_map: data, and binaryData decoded.
// - patch_status: a JSON patch (RFC 6902) `[{"op":"add","path":"/status","value":STATUS}]`
//   on the status subresource. "add" on an object member replaces it whole, so the status
//   written REPLACES the old one (a key the new status lacks is gone), and it needs no
//   resourceVersion: a merge patch would have to null out every key of the old status, which
//   this process may know only from a stale cache; an update (PUT) with the cached
//   resourceVersion would fail with 409 whenever the spec changed during a long copy, and the
//   whole sync would be redone. The status carries observedGeneration, so a status written for
//   an older generation says so itself.
// - emit_event: best effort; a failure is logged (warn), nothing fails.
//
// One KubeCluster per reconcile: it knows the object's uid, so the Events name this
// incarnation of the object (what `kubectl describe` matches on).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "controllers/cluster.h"
#include "operator/kube/client.h"
#include "operator/runtime/json_log.h"

namespace chartmirror::manager {

// The body of the status write: replaces /status whole (see above).
[[nodiscard]] std::string status_patch(const nlohmann::json& status);

class KubeCluster final : public controllers::Cluster {
 public:
  // `client` must outlive this. `uid`: of the object reconciled ("" when unknown); `instance`:
  // the Events' reportingInstance (the operator's identity).
  KubeCluster(kube::Client& client, runtime::Log log, std::string uid = {},
              std::string instance = {});

  [[nodiscard]] Result<controllers::SecretData, controllers::Error> read_secret(
      std::string_view object_namespace, std::string_view name) override;
  [[nodiscard]] Result<std::map<std::string, std::string>, controllers::Error> read_config_map(
      std::string_view object_namespace, std::string_view name) override;
  [[nodiscard]] Result<Done, controllers::Error> patch_status(
      const controllers::ChartMirror& object, const nlohmann::json& status) override;
  void emit_event(const controllers::ChartMirror& object, const controllers::Event& event) override;

 private:
  kube::Client& client_;
  runtime::Log log_;
  std::string uid_;
  std::string instance_;
};

}  // namespace chartmirror::manager
