// operator/kube/event.h — core/v1 Events about an object, what `kubectl describe` shows.
//
// One Event per call: the name is the object's name and a hex timestamp, as client-go's
// recorder names them, so events never collide; count aggregation (one Event whose count
// grows) is left out — the API server keeps each for an hour anyway. A message longer than
// 1 KiB is cut (at a UTF-8 boundary): events are for people, and large ones burden etcd.
#pragma once

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "operator/kube/client.h"
#include "operator/kube/error.h"
#include "support/result.h"

namespace chartmirror::kube {

struct ObjectReference {
  std::string api_version;  // "chartmirror.io/v1alpha1"
  std::string kind;         // "ChartMirror"
  std::string namespace_;
  std::string name;
  std::string uid;               // optional; ties the Event to this incarnation of the name
  std::string resource_version;  // optional

  // The reference to the object `object` (apiVersion, kind, metadata) as the API server sent it.
  [[nodiscard]] static ObjectReference to(const nlohmann::json& object);
};

struct Event {
  ObjectReference involved;
  std::string type = "Normal";            // "Normal" or "Warning"
  std::string reason;                     // UpperCamelCase, machine-readable: "MirrorFailed"
  std::string message;                    // for people
  std::string component = "chartmirror";  // source.component, reportingComponent
  std::string instance;                   // reportingInstance (the pod), optional
};

inline constexpr size_t kMaxEventMessage = 1024;

// The Event object as created; `now` sets its name and timestamps.
[[nodiscard]] nlohmann::json event_object(const Event& event,
                                          std::chrono::system_clock::time_point now);

// Creates the Event in the involved object's namespace ("default" for cluster-scoped objects).
[[nodiscard]] Result<nlohmann::json, Error> create_event(
    Client& client, const Event& event,
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace chartmirror::kube
