// The Prometheus text exposition of counters, gauges and histograms, byte for byte.
#include "operator/runtime/metrics.h"

#include <cmath>
#include <limits>
#include <thread>

#include <doctest/doctest.h>

namespace chartmirror::runtime {
namespace {

TEST_CASE("sample values: shortest digits, integers without a fraction, infinities, NaN") {
  const std::pair<double, std::string_view> cases[] = {
      {0, "0"},
      {3, "3"},
      {0.25, "0.25"},
      {1e21, "1e+21"},
      {-1.5, "-1.5"},
      {std::numeric_limits<double>::infinity(), "+Inf"},
      {-std::numeric_limits<double>::infinity(), "-Inf"},
      {std::nan(""), "NaN"},
  };
  for (const auto& sample : cases) {
    CAPTURE(sample.second);
    CHECK(format_sample(sample.first) == sample.second);
  }
}

TEST_CASE("families in name order, series in label order, escaped labels and help") {
  MetricsRegistry registry;
  auto& reconciles =
      registry.counter("chartmirror_reconciles_total", "Reconciles by result.", {"result"});
  auto& depth = registry.gauge("chartmirror_workqueue_depth", "Keys waiting.");
  auto& odd =
      registry.counter("chartmirror_odd_total", "Help with \\ and\nnewline \"kept\".", {"path"});
  reconciles.inc({"success"});
  reconciles.inc({"error"}, 2);
  reconciles.inc({"success"});
  reconciles.inc({"success"}, -5);  // a counter never goes down
  odd.inc({"a\\b\"c\nd"});
  int collected = 0;
  registry.on_collect([&] { depth.set({}, ++collected * 10); });

  CHECK(registry.expose() ==
        "# HELP chartmirror_odd_total Help with \\\\ and\\nnewline \"kept\".\n"
        "# TYPE chartmirror_odd_total counter\n"
        "chartmirror_odd_total{path=\"a\\\\b\\\"c\\nd\"} 1\n"
        "# HELP chartmirror_reconciles_total Reconciles by result.\n"
        "# TYPE chartmirror_reconciles_total counter\n"
        "chartmirror_reconciles_total{result=\"error\"} 2\n"
        "chartmirror_reconciles_total{result=\"success\"} 2\n"
        "# HELP chartmirror_workqueue_depth Keys waiting.\n"
        "# TYPE chartmirror_workqueue_depth gauge\n"
        "chartmirror_workqueue_depth 10\n");
  CHECK(reconciles.value({"success"}) == 2);
  CHECK(reconciles.value({"never"}) == 0);
  CHECK(registry.expose().find("chartmirror_workqueue_depth 20\n") != std::string::npos);
  CHECK(registry.expose().find("never") == std::string::npos);  // reading made no series
}

TEST_CASE("a histogram writes cumulative buckets up to +Inf, then sum and count") {
  MetricsRegistry registry;
  auto& duration = registry.histogram("chartmirror_reconcile_duration_seconds",
                                      "Time per reconcile.", {"result"}, {0.1, 1, 10});
  duration.observe({"success"}, 0.05);
  duration.observe({"success"}, 0.1);  // on a bound: in that bucket (le is <=)
  duration.observe({"success"}, 2.5);
  duration.observe({"success"}, 60);
  CHECK(registry.expose() ==
        "# HELP chartmirror_reconcile_duration_seconds Time per reconcile.\n"
        "# TYPE chartmirror_reconcile_duration_seconds histogram\n"
        "chartmirror_reconcile_duration_seconds_bucket{result=\"success\",le=\"0.1\"} 2\n"
        "chartmirror_reconcile_duration_seconds_bucket{result=\"success\",le=\"1\"} 2\n"
        "chartmirror_reconcile_duration_seconds_bucket{result=\"success\",le=\"10\"} 3\n"
        "chartmirror_reconcile_duration_seconds_bucket{result=\"success\",le=\"+Inf\"} 4\n"
        "chartmirror_reconcile_duration_seconds_sum{result=\"success\"} 62.65\n"
        "chartmirror_reconcile_duration_seconds_count{result=\"success\"} 4\n");
}

TEST_CASE("a histogram without labels, and the default buckets") {
  MetricsRegistry registry;
  auto& bytes = registry.histogram("h", "x", {});
  bytes.observe({}, 0.3);
  const std::string text = registry.expose();
  CHECK(text.find("h_bucket{le=\"0.25\"} 0\nh_bucket{le=\"0.5\"} 1\n") != std::string::npos);
  CHECK(text.find("h_bucket{le=\"+Inf\"} 1\nh_sum 0.3\nh_count 1\n") != std::string::npos);
}

TEST_CASE("counters are exact under concurrent increments") {
  MetricsRegistry registry;
  auto& copied = registry.counter("bytes_total", "Bytes.", {"side"});
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) copied.inc({"destination"}, 3);
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(copied.value({"destination"}) == 12000);
}

}  // namespace
}  // namespace chartmirror::runtime
