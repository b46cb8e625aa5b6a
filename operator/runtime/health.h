// operator/runtime/health.h — what /healthz, /readyz and /metrics answer, and the one call
// that puts them on an HttpServer.
//
// Liveness (/healthz) and readiness (/readyz) are lists of named checks, each a callback
// returning "" when healthy or a reason. /readyz fails (503) until every readiness check
// passes — the operator adds "informers-synced" (Informer::has_synced) so a replica whose
// cache is still empty gets no traffic. The body follows the API server's own probes: "ok",
// or one "[+]name ok" / "[-]name failed: reason" line per check. Checks run on the server's
// thread and must be quick and thread-safe.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "operator/runtime/http_server.h"
#include "operator/runtime/metrics.h"

namespace chartmirror::runtime {

using HealthCheck = std::function<std::string()>;  // "" when healthy

class HealthChecks {
 public:
  void add(std::string name, HealthCheck check);
  [[nodiscard]] HttpReply probe() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::pair<std::string, HealthCheck>> checks_;  // guarded by mutex_
};

// /healthz and /readyz.
void serve_health(HttpServer& server, const HealthChecks& liveness, const HealthChecks& readiness);
// /metrics, in the text format's content type.
void serve_metrics(HttpServer& server, const MetricsRegistry& registry);

}  // namespace chartmirror::runtime
