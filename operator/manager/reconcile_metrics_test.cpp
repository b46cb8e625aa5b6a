// The result label of a reconcile, and what a reconcile adds to the exposition.
#include "operator/manager/reconcile_metrics.h"

#include <doctest/doctest.h>

namespace chartmirror::manager {
namespace {

using nlohmann::json;

controllers::Outcome outcome(std::string_view ready, std::string_view stalled, int failed = 0) {
  controllers::Outcome out;
  out.status = {
      {"conditions",
       {{{"type", "Ready"}, {"status", ready}}, {{"type", "Stalled"}, {"status", stalled}}}},
      {"images", {{"total", 3}, {"mirrored", 3 - failed}, {"failed", failed}}}};
  return out;
}

TEST_CASE("result labels") {
  using R = Result<controllers::Outcome, controllers::Error>;
  CHECK(reconcile_result(R(outcome("True", "False"))) == "success");
  CHECK(reconcile_result(R(outcome("False", "False"))) == "failed");
  CHECK(reconcile_result(R(outcome("False", "True"))) == "stalled");
  CHECK(reconcile_result(R(outcome("Unknown", "False"))) == "suspended");
  CHECK(reconcile_result(R(controllers::Error{controllers::Error::Code::kCluster, "", "x"})) ==
        "error");
}

TEST_CASE(
    "a reconcile in the exposition: result, duration, bytes, images; failures of syncs only") {
  runtime::MetricsRegistry registry;
  ReconcileMetrics metrics(registry);
  controllers::Outcome synced = outcome("False", "False", 1);
  synced.stats.bytes_copied = 4096;
  synced.stats.images_copied = 2;
  metrics.record("failed", std::chrono::milliseconds(300), &synced, true);
  // A reconcile that ran no sync keeps the old status: its failures are not counted again.
  metrics.record("failed", std::chrono::milliseconds(20), &synced, false);
  metrics.record("error", std::chrono::milliseconds(10), nullptr, false);
  metrics.set_queue_depth(3);
  const std::string text = registry.expose();
  CAPTURE(text);
  CHECK(text.find("chartmirror_reconcile_total{result=\"failed\"} 2\n") != std::string::npos);
  CHECK(text.find("chartmirror_reconcile_total{result=\"error\"} 1\n") != std::string::npos);
  CHECK(text.find("chartmirror_reconcile_duration_seconds_count 3\n") != std::string::npos);
  CHECK(text.find("chartmirror_reconcile_duration_seconds_bucket{le=\"0.25\"} 2\n") !=
        std::string::npos);
  CHECK(text.find("chartmirror_bytes_copied_total 8192\n") != std::string::npos);
  CHECK(text.find("chartmirror_images_mirrored_total 4\n") != std::string::npos);
  CHECK(text.find("chartmirror_images_failed_total 1\n") != std::string::npos);
  CHECK(text.find("chartmirror_workqueue_depth 3\n") != std::string::npos);
}

}  // namespace
}  // namespace chartmirror::manager
