// operator/runtime/health.cpp — probes and the routes; see health.h.
#include "operator/runtime/health.h"

namespace chartmirror::runtime {

void HealthChecks::add(std::string name, HealthCheck check) {
  const std::lock_guard lock(mutex_);
  checks_.emplace_back(std::move(name), std::move(check));
}

HttpReply HealthChecks::probe() const {
  std::vector<std::pair<std::string, HealthCheck>> checks;
  {
    const std::lock_guard lock(mutex_);
    checks = checks_;
  }
  std::string lines;
  bool healthy = true;
  for (const auto& [name, check] : checks) {
    const std::string failure = check();
    if (failure.empty()) {
      lines.append("[+]").append(name).append(" ok\n");
    } else {
      healthy = false;
      lines.append("[-]").append(name).append(" failed: ").append(failure).append("\n");
    }
  }
  if (healthy) return {.status = 200, .body = "ok"};
  return {.status = 503, .body = lines + "check failed\n"};
}

void serve_health(HttpServer& server, const HealthChecks& liveness, const HealthChecks& readiness) {
  server.route("/healthz", [&liveness] { return liveness.probe(); });
  server.route("/readyz", [&readiness] { return readiness.probe(); });
}

void serve_metrics(HttpServer& server, const MetricsRegistry& registry) {
  server.route("/metrics", [&registry] {
    return HttpReply{.status = 200,
                     .content_type = "text/plain; version=0.0.4; charset=utf-8",
                     .body = registry.expose()};
  });
}

}  // namespace chartmirror::runtime
