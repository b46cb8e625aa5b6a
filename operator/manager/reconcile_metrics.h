// operator/manager/reconcile_metrics.h — the operator's Prometheus metrics (issue 6: reconciles
// by result, reconcile duration, bytes copied, images mirrored and failed, work-queue depth).
//
//   chartmirror_reconcile_total{result}             counter; result is one of
//       success    Ready=True: everything is in the destination
//       failed     the status was written, Ready=False (a copy failed, a Secret is missing)
//       stalled    Stalled=True: the spec is invalid; no requeue until it changes
//       suspended  spec.suspend
//       error      the status could not be written (or the object not read): retried with
//                  backoff
//   chartmirror_reconcile_duration_seconds          histogram, buckets up to 30 min: a first
//                                                   sync of a large chart copies for minutes
//   chartmirror_bytes_copied_total                  counter: blob bytes pushed
//   chartmirror_images_mirrored_total               counter: images a sync pushed something for
//   chartmirror_images_failed_total                 counter: images that failed in a sync
//   chartmirror_workqueue_depth                     gauge, read from the queue at each scrape
//
// Images are counted as counters of what syncs did, not as gauges per object from status
// counts: per-object series would need deleting when the object goes (metrics.h has no
// deletion) and the state per object is in its status already, where `kubectl get` shows it.
// A failing image is counted again at each retry: the counter's rate is the failure rate.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "controllers/error.h"
#include "controllers/reconciler.h"
#include "operator/runtime/metrics.h"
#include "support/result.h"

namespace chartmirror::manager {

// The condition of `type` in a ChartMirror status, or an empty object when it has none.
[[nodiscard]] const nlohmann::json& condition_of(const nlohmann::json& status,
                                                 std::string_view type);

// The result label of one reconcile (see above).
[[nodiscard]] std::string reconcile_result(
    const Result<controllers::Outcome, controllers::Error>& outcome);

class ReconcileMetrics {
 public:
  // Registers the families on `registry`, which must outlive this.
  explicit ReconcileMetrics(runtime::MetricsRegistry& registry);

  // `outcome`: null for an error; `synced`: the reconcile ran a sync (its status has a new
  // lastSyncTime), so status.images.failed counts this sync's failures, not an old one's.
  void record(const std::string& result, std::chrono::duration<double> duration,
              const controllers::Outcome* outcome, bool synced);
  // The work-queue depth, read at collect time.
  void set_queue_depth(size_t depth);

 private:
  runtime::Counter& reconciles_;
  runtime::Histogram& duration_;
  runtime::Counter& bytes_;
  runtime::Counter& mirrored_;
  runtime::Counter& failed_;
  runtime::Gauge& depth_;
};

}  // namespace chartmirror::manager
