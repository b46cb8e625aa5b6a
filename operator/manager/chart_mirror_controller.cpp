// operator/manager/chart_mirror_controller.cpp — see chart_mirror_controller.h.
#include "operator/manager/chart_mirror_controller.h"

#include <utility>

#include <malloc.h>

namespace chartmirror::manager {
namespace {

using nlohmann::json;

std::string last_sync(const json& status) {
  return status.is_object() ? status.value("lastSyncTime", "") : "";
}

json stats_json(const controllers::SyncStats& stats) {
  return {{"imagesCopied", stats.images_copied},
          {"imagesPresent", stats.images_present},
          {"bytesCopied", stats.bytes_copied},
          {"chartsPushed", stats.charts_pushed},
          {"chartsPresent", stats.charts_present}};
}

}  // namespace

ChartMirrorController::ChartMirrorController(runtime::WorkQueue& queue, ObjectLookup lookup,
                                             ReconcileFunction reconcile, ReconcileMetrics& metrics,
                                             runtime::Log log)
    : queue_(queue),
      lookup_(std::move(lookup)),
      reconcile_(std::move(reconcile)),
      metrics_(metrics),
      log_(std::move(log)) {}

ChartMirrorController::~ChartMirrorController() {
  for (std::thread& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
}

runtime::InformerHandlers ChartMirrorController::handlers() {
  return {.on_add = [this](const std::string& key) { enqueue_if_changed(key, true); },
          .on_update = [this](const std::string& key) { enqueue_if_changed(key, false); },
          .on_delete =
              [this](const std::string& key) {
                filter_.forget(key);
                queue_.add(key);
              }};
}

void ChartMirrorController::enqueue_if_changed(const std::string& key, bool is_new) {
  const auto object = lookup_(key);
  if (!object) return;  // deleted meanwhile: on_delete queues it
  if (filter_.changed(key, *object) || is_new) queue_.add(key);
}

void ChartMirrorController::process(const std::string& key) {
  const auto raw = lookup_(key);
  if (!raw) {
    log_.debug("dropping the key of a deleted object", {{"key", key}});
    queue_.forget(key);
    queue_.done(key);
    return;
  }
  auto object = controllers::chart_mirror_from_json(*raw);
  if (!object.ok()) {
    log_.error("not a ChartMirror; skipped until it changes",
               {{"key", key}, {"error", object.error().describe()}});
    queue_.forget(key);
    queue_.done(key);
    return;
  }
  const runtime::Log log = log_.for_object(object->namespace_, object->name);
  log.info("reconcile started", {{"generation", object->generation}});
  const auto started = std::chrono::steady_clock::now();
  const auto outcome = reconcile_(*object, *raw);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  const std::string result = reconcile_result(outcome);
  const bool synced = outcome.ok() && last_sync(outcome->status) != last_sync(object->status);
  metrics_.record(result, took, outcome.ok() ? &*outcome : nullptr, synced);

  if (!outcome.ok()) {
    queue_.add_rate_limited(key);
    log.error("reconcile ended", {{"result", result},
                                  {"durationSeconds", took.count()},
                                  {"error", outcome.error().describe()},
                                  {"retries", queue_.requeues(key)}});
    queue_.done(key);
    return;
  }
  queue_.forget(key);
  json fields = {{"result", result},
                 {"durationSeconds", took.count()},
                 {"generation", object->generation},
                 {"stats", stats_json(outcome->stats)}};
  const json& ready = condition_of(outcome->status, "Ready");
  fields["reason"] = ready.value("reason", "");
  fields["message"] = ready.value("message", "");
  if (outcome->requeue_after) {
    queue_.add_after(key, *outcome->requeue_after);
    fields["requeueAfterSeconds"] = std::chrono::duration<double>(*outcome->requeue_after).count();
  }
  if (result == "success") {
    log.info("reconcile ended", fields);
  } else {
    log.warn("reconcile ended", fields);
  }
  queue_.done(key);
}

void ChartMirrorController::start(int workers) {
  // Under the lock: the elector's thread may start workers while the main thread waits.
  const std::lock_guard lock(mutex_);
  running_ += workers;
  for (int i = 0; i < workers; ++i) workers_.emplace_back([this] { work(); });
}

void ChartMirrorController::work() {
  while (const auto key = queue_.get()) {
    process(*key);
    // A reconcile renders charts and parses manifests: megabytes that glibc keeps in this
    // thread's arena once freed. When no work waits, hand them back, so an idle operator's
    // memory is its cache and not the peak of its last burst.
    if (queue_.length() == 0) ::malloc_trim(0);
  }
  {
    const std::lock_guard lock(mutex_);
    --running_;
  }
  ended_.notify_all();
}

bool ChartMirrorController::wait(std::chrono::steady_clock::time_point deadline) {
  std::vector<std::thread> ended;
  {
    std::unique_lock lock(mutex_);
    if (!ended_.wait_until(lock, deadline, [this] { return running_ == 0; })) return false;
    ended.swap(workers_);
  }
  for (std::thread& worker : ended) worker.join();
  return true;
}

}  // namespace chartmirror::manager
