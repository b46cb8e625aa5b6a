// operator/manager/reconcile_metrics.cpp — see reconcile_metrics.h.
#include "operator/manager/reconcile_metrics.h"

#include <vector>

namespace chartmirror::manager {
const nlohmann::json& condition_of(const nlohmann::json& status, std::string_view type) {
  static const nlohmann::json kNone = nlohmann::json::object();
  const auto conditions = status.is_object() ? status.find("conditions") : status.end();
  if (conditions == status.end() || !conditions->is_array()) return kNone;
  for (const nlohmann::json& condition : *conditions) {
    if (condition.is_object() && condition.value("type", "") == type) return condition;
  }
  return kNone;
}

namespace {

std::string condition_status(const nlohmann::json& status, std::string_view type) {
  return condition_of(status, type).value("status", "");
}

}  // namespace

std::string reconcile_result(const Result<controllers::Outcome, controllers::Error>& outcome) {
  if (!outcome.ok()) return "error";
  if (condition_status(outcome->status, "Ready") == "True") return "success";
  if (condition_status(outcome->status, "Stalled") == "True") return "stalled";
  if (condition_status(outcome->status, "Ready") == "Unknown") return "suspended";
  return "failed";
}

ReconcileMetrics::ReconcileMetrics(runtime::MetricsRegistry& registry)
    : reconciles_(registry.counter("chartmirror_reconcile_total",
                                   "ChartMirror reconciles, by result.", {"result"})),
      duration_(registry.histogram("chartmirror_reconcile_duration_seconds",
                                   "How long one ChartMirror reconcile took.", {},
                                   std::vector<double>{0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
                                                       30, 60, 120, 300, 600, 1800})),
      bytes_(registry.counter("chartmirror_bytes_copied_total",
                              "Blob bytes pushed to destination registries.")),
      mirrored_(registry.counter("chartmirror_images_mirrored_total",
                                 "Images a sync pushed something for.")),
      failed_(registry.counter("chartmirror_images_failed_total",
                               "Images that failed to mirror in a sync (again at each retry).")),
      depth_(registry.gauge("chartmirror_workqueue_depth",
                            "ChartMirrors waiting for a worker (delayed requeues not counted).")) {}

void ReconcileMetrics::record(const std::string& result, std::chrono::duration<double> duration,
                              const controllers::Outcome* outcome, bool synced) {
  reconciles_.inc({result});
  duration_.observe({}, duration.count());
  if (outcome == nullptr) return;
  bytes_.inc({}, static_cast<double>(outcome->stats.bytes_copied));
  mirrored_.inc({}, static_cast<double>(outcome->stats.images_copied));
  const auto images =
      outcome->status.is_object() ? outcome->status.find("images") : outcome->status.end();
  if (synced && images != outcome->status.end() && images->is_object()) {
    failed_.inc({}, images->value("failed", 0.0));
  }
}

void ReconcileMetrics::set_queue_depth(size_t depth) { depth_.set({}, static_cast<double>(depth)); }

}  // namespace chartmirror::manager
