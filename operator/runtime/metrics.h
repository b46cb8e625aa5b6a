// operator/runtime/metrics.h — counters, gauges and histograms with labels, exposed in the
// Prometheus text format 0.0.4 (what /metrics serves).
//
// A family is one metric name with a fixed list of label names; each distinct list of label
// values is one series, created on first use. The operator registers its families once at
// start (reconciles by result, reconcile duration, bytes copied, images mirrored and failed,
// work-queue depth) and keeps the references: the registry owns them and never moves them.
// Every operation is thread-safe. Values that live elsewhere (the work queue's depth) are
// read at scrape time by an on_collect hook that sets a gauge.
//
// Exposition (prometheus.io/docs/instrumenting/exposition_formats): "# HELP" and "# TYPE"
// lines, then one line per series, families and series in name order; label values escape
// \ " and newline, help text \ and newline; a histogram writes cumulative _bucket series with
// an `le` label ending in "+Inf", then _sum and _count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace chartmirror::runtime {

using LabelValues = std::vector<std::string>;

class MetricFamily {
 public:
  MetricFamily(std::string name, std::string help, std::vector<std::string> label_names);
  virtual ~MetricFamily() = default;
  MetricFamily(const MetricFamily&) = delete;
  MetricFamily& operator=(const MetricFamily&) = delete;
  MetricFamily(MetricFamily&&) = delete;
  MetricFamily& operator=(MetricFamily&&) = delete;

  [[nodiscard]] const std::string& name() const { return name_; }
  // Appends this family's HELP, TYPE and series lines.
  void expose(std::string& out) const;

 protected:
  [[nodiscard]] virtual const char* type() const = 0;
  // The series lines of one label set; `labels` is `a="x",b="y"` or "".
  virtual void expose_series(std::string& out, const std::string& labels, size_t series) const = 0;
  // The series index of `values` (created when new); the caller holds mutex_.
  [[nodiscard]] size_t series_locked(const LabelValues& values);
  // The series index of `values`, or -1 when there is none yet; the caller holds mutex_.
  [[nodiscard]] ptrdiff_t find_locked(const LabelValues& values) const;

  mutable std::mutex mutex_;

 private:
  std::string name_;
  std::string help_;
  std::vector<std::string> label_names_;
  std::map<LabelValues, size_t> index_;  // guarded by mutex_
  std::vector<LabelValues> label_sets_;  // guarded by mutex_; by series index
};

// A family of one number per series: what counters and gauges share.
class ScalarFamily : public MetricFamily {
 public:
  using MetricFamily::MetricFamily;
  [[nodiscard]] double value(const LabelValues& values = {}) const;  // 0 for a new series

 protected:
  // The number of `values`' series (created when new); the caller holds mutex_.
  [[nodiscard]] double& slot_locked(const LabelValues& values);

 private:
  void expose_series(std::string& out, const std::string& labels, size_t series) const override;
  std::vector<double> values_;  // guarded by mutex_
};

// Only goes up.
class Counter final : public ScalarFamily {
 public:
  using ScalarFamily::ScalarFamily;
  void inc(const LabelValues& values = {}, double by = 1);  // `by` below 0 is ignored

 private:
  [[nodiscard]] const char* type() const override { return "counter"; }
};

class Gauge final : public ScalarFamily {
 public:
  using ScalarFamily::ScalarFamily;
  void set(const LabelValues& values, double value);
  void add(const LabelValues& values, double by);

 private:
  [[nodiscard]] const char* type() const override { return "gauge"; }
};

class Histogram final : public MetricFamily {
 public:
  // Prometheus' default buckets, in seconds.
  static std::vector<double> default_buckets();

  // `buckets`: upper bounds, ascending; +Inf is implied.
  Histogram(std::string name, std::string help, std::vector<std::string> label_names,
            std::vector<double> buckets);
  void observe(const LabelValues& values, double value);

 private:
  struct Series {
    std::vector<uint64_t> counts;  // per bucket, not cumulative
    uint64_t count = 0;
    double sum = 0;
  };
  [[nodiscard]] const char* type() const override { return "histogram"; }
  void expose_series(std::string& out, const std::string& labels, size_t series) const override;
  std::vector<double> bounds_;
  std::vector<Series> series_;  // guarded by mutex_
};

class MetricsRegistry {
 public:
  // Each name once: registering a name twice is a programming error and aborts.
  Counter& counter(std::string name, std::string help, std::vector<std::string> label_names = {});
  Gauge& gauge(std::string name, std::string help, std::vector<std::string> label_names = {});
  Histogram& histogram(std::string name, std::string help, std::vector<std::string> label_names,
                       std::vector<double> buckets = Histogram::default_buckets());
  // Runs before every expose(): for gauges read from elsewhere.
  void on_collect(std::function<void()> hook);

  // The whole text exposition.
  [[nodiscard]] std::string expose() const;

 private:
  template <typename Family, typename... Args>
  Family& add(std::string name, Args&&... args);

  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<MetricFamily>> families_;  // guarded by mutex_
  std::vector<std::function<void()>> hooks_;                       // guarded by mutex_
};

// A sample value as the text format writes it: shortest round-trip digits, "+Inf", "-Inf",
// "NaN".
[[nodiscard]] std::string format_sample(double value);

}  // namespace chartmirror::runtime
