// controllers/cluster.h — the reconciler's only window on Kubernetes (DESIGN.md: "talks to the
// cluster only through a small Cluster interface").
//
// The operator implements it with operator/kube (GET Secret/ConfigMap, PATCH the status
// subresource, POST an Event); `chartmirror mirror -f` with files and the docker config; tests
// with a fake. Every name is in the ChartMirror's own namespace (crds/README.md: there is no
// namespace field). Secret data arrives decoded; it is secret, and nothing that reads it may
// put it into an error, a status, an event or a log line.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "controllers/error.h"
#include "support/result.h"

namespace chartmirror::controllers {

struct ChartMirror;

// A Secret's type ("kubernetes.io/basic-auth", "kubernetes.io/dockerconfigjson", "Opaque",
// ...) and its data, base64-decoded (stringData merged in, as the API server does).
struct SecretData {
  std::string type;
  std::map<std::string, std::string> data;  // secret
};

struct Event {
  enum class Type { kNormal, kWarning };
  Type type = Type::kNormal;
  std::string reason;   // CamelCase: Reconciling, Mirrored, ImageCopyFailed, InvalidSpec, ...
  std::string message;  // no secrets, at most a few hundred characters
};

class Cluster {
 public:
  virtual ~Cluster() = default;

  // kNotFound when there is no such object; kCluster when it could not be read.
  [[nodiscard]] virtual Result<SecretData, Error> read_secret(std::string_view object_namespace,
                                                              std::string_view name) = 0;
  [[nodiscard]] virtual Result<std::map<std::string, std::string>, Error> read_config_map(
      std::string_view object_namespace, std::string_view name) = 0;

  // Replaces the object's status (the status subresource) with `status`. While images copy,
  // the reconciler writes its progress from one of the copy threads (never two calls of one
  // reconcile at once, and none after it returns).
  [[nodiscard]] virtual Result<Done, Error> patch_status(const ChartMirror& object,
                                                         const nlohmann::json& status) = 0;

  // Records an Event about the object. Best effort: failing to record one fails nothing.
  virtual void emit_event(const ChartMirror& object, const Event& event) = 0;
};

}  // namespace chartmirror::controllers
