// operator/manager/chart_mirror_controller.h — the ChartMirror control loop: informer
// notifications → work queue → N workers → reconcile → requeue (controller-runtime's
// Controller, in small).
//
// handlers() are the informer's: a key is queued when its object is new, deleted, or its
// trigger changed (change_filter.h) — not for the operator's own status writes. A worker takes
// a key (the queue never hands one key to two workers at once), reads the object from the
// informer's cache, and reconciles it:
//   - no object (deleted): the key is dropped and its backoff forgotten;
//   - an object whose envelope does not parse: logged and dropped until it changes;
//   - Outcome: backoff forgotten; queued again after Outcome::requeue_after (spec.interval,
//     or the retry after a failure) when there is one;
//   - Error (the status could not be written): queued again with the rate limiter's backoff.
// Each reconcile logs one line at its start and one at its end (result, duration, Ready
// reason and message, what it copied), with the object's namespace and name, and is counted
// in the metrics. Nothing logged comes from a Secret: the reconciler keeps secrets out of
// statuses and errors.
//
// Shutdown: shut the queue down; each worker finishes the reconcile it is in and returns.
// wait() waits for that until a deadline. The reconcile function and lookup are injected so
// tests drive the loop without an API server.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "controllers/error.h"
#include "controllers/reconciler.h"
#include "controllers/spec.h"
#include "operator/manager/change_filter.h"
#include "operator/manager/reconcile_metrics.h"
#include "operator/runtime/informer.h"
#include "operator/runtime/json_log.h"
#include "operator/runtime/work_queue.h"
#include "support/result.h"

namespace chartmirror::manager {

// The object under a key ("namespace/name"), as the API server sent it; nullopt when gone.
using ObjectLookup = std::function<std::optional<nlohmann::json>(const std::string& key)>;
// Reconciles `object` (parsed from `raw`).
using ReconcileFunction = std::function<Result<controllers::Outcome, controllers::Error>(
    const controllers::ChartMirror& object, const nlohmann::json& raw)>;

class ChartMirrorController {
 public:
  // `queue` and `metrics` must outlive the controller.
  ChartMirrorController(runtime::WorkQueue& queue, ObjectLookup lookup, ReconcileFunction reconcile,
                        ReconcileMetrics& metrics, runtime::Log log);
  ~ChartMirrorController();  // joins the workers: shut the queue down first
  ChartMirrorController(const ChartMirrorController&) = delete;
  ChartMirrorController& operator=(const ChartMirrorController&) = delete;
  ChartMirrorController(ChartMirrorController&&) = delete;
  ChartMirrorController& operator=(ChartMirrorController&&) = delete;

  // For the informer; valid while the controller lives.
  [[nodiscard]] runtime::InformerHandlers handlers();

  // Reconciles `key` as a worker does once it got it from the queue (and calls done()).
  void process(const std::string& key);
  // Starts `workers` threads, each running process() on keys from the queue until it shuts
  // down.
  void start(int workers);
  // After queue.shut_down(): true once every worker has returned (they are joined then);
  // false at `deadline` with some still in a reconcile.
  [[nodiscard]] bool wait(std::chrono::steady_clock::time_point deadline);

 private:
  void work();
  void enqueue_if_changed(const std::string& key, bool is_new);

  runtime::WorkQueue& queue_;
  ObjectLookup lookup_;
  ReconcileFunction reconcile_;
  ReconcileMetrics& metrics_;
  runtime::Log log_;
  ChangeFilter filter_;

  std::mutex mutex_;
  std::condition_variable ended_;
  std::vector<std::thread> workers_;  // guarded by mutex_
  int running_ = 0;                   // guarded by mutex_: workers not yet returned
};

}  // namespace chartmirror::manager
