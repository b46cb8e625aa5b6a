// operator/runtime/metrics.cpp — families, series and the text exposition; see metrics.h.
#include "operator/runtime/metrics.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace chartmirror::runtime {

namespace {

// `escape_quote`: label values also escape '"'; HELP text does not.
std::string escape(std::string_view text, bool escape_quote) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escape_quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  return out;
}

std::string with_label(const std::string& labels, std::string_view extra) {
  if (labels.empty()) return std::string(extra);
  return labels + "," + std::string(extra);
}

void sample(std::string& out, std::string_view name, const std::string& labels, double value) {
  out += name;
  if (!labels.empty()) out += "{" + labels + "}";
  out += " " + format_sample(value) + "\n";
}

}  // namespace

std::string format_sample(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), result.ptr};
}

MetricFamily::MetricFamily(std::string name, std::string help, std::vector<std::string> label_names)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {}

size_t MetricFamily::series_locked(const LabelValues& values) {
  if (values.size() != label_names_.size()) {
    std::fprintf(stderr, "chartmirror: metric %s takes %zu label values, got %zu\n", name_.c_str(),
                 label_names_.size(), values.size());
    std::abort();
  }
  const auto [at, inserted] = index_.try_emplace(values, label_sets_.size());
  if (inserted) label_sets_.push_back(values);
  return at->second;
}

ptrdiff_t MetricFamily::find_locked(const LabelValues& values) const {
  const auto found = index_.find(values);
  return found == index_.end() ? -1 : static_cast<ptrdiff_t>(found->second);
}

void MetricFamily::expose(std::string& out) const {
  out += "# HELP " + name_ + " " + escape(help_, false) + "\n";
  out += "# TYPE " + name_ + " " + type() + "\n";
  const std::lock_guard lock(mutex_);
  for (const auto& [values, series] : index_) {  // in label-value order
    std::string labels;
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) labels += ",";
      labels += label_names_[i] + "=\"" + escape(values[i], true) + "\"";
    }
    expose_series(out, labels, series);
  }
}

double& ScalarFamily::slot_locked(const LabelValues& values) {
  const size_t series = series_locked(values);
  if (series >= values_.size()) values_.resize(series + 1);
  return values_[series];
}

double ScalarFamily::value(const LabelValues& values) const {
  const std::lock_guard lock(mutex_);
  const ptrdiff_t series = find_locked(values);
  return series >= 0 && static_cast<size_t>(series) < values_.size() ? values_[series] : 0;
}

void ScalarFamily::expose_series(std::string& out, const std::string& labels, size_t series) const {
  sample(out, name(), labels, series < values_.size() ? values_[series] : 0);
}

void Counter::inc(const LabelValues& values, double by) {
  if (!(by >= 0)) return;
  const std::lock_guard lock(mutex_);
  slot_locked(values) += by;
}

void Gauge::set(const LabelValues& values, double value) {
  const std::lock_guard lock(mutex_);
  slot_locked(values) = value;
}

void Gauge::add(const LabelValues& values, double by) {
  const std::lock_guard lock(mutex_);
  slot_locked(values) += by;
}

std::vector<double> Histogram::default_buckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

Histogram::Histogram(std::string name, std::string help, std::vector<std::string> label_names,
                     std::vector<double> buckets)
    : MetricFamily(std::move(name), std::move(help), std::move(label_names)),
      bounds_(std::move(buckets)) {}

void Histogram::observe(const LabelValues& values, double value) {
  const std::lock_guard lock(mutex_);
  const size_t index = series_locked(values);
  if (index >= series_.size()) series_.resize(index + 1);
  Series& series = series_[index];
  if (series.counts.empty()) series.counts.resize(bounds_.size() + 1);
  size_t bucket = 0;
  while (bucket < bounds_.size() && value > bounds_[bucket]) ++bucket;
  ++series.counts[bucket];
  ++series.count;
  series.sum += value;
}

void Histogram::expose_series(std::string& out, const std::string& labels, size_t index) const {
  const Series empty{.counts = std::vector<uint64_t>(bounds_.size() + 1)};
  const Series& series =
      index < series_.size() && !series_[index].counts.empty() ? series_[index] : empty;
  uint64_t cumulative = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    cumulative += series.counts[i];
    const std::string bound = i < bounds_.size() ? format_sample(bounds_[i]) : "+Inf";
    sample(out, name() + "_bucket", with_label(labels, "le=\"" + bound + "\""),
           static_cast<double>(cumulative));
  }
  sample(out, name() + "_sum", labels, series.sum);
  sample(out, name() + "_count", labels, static_cast<double>(series.count));
}

template <typename Family, typename... Args>
Family& MetricsRegistry::add(std::string name, Args&&... args) {
  auto family = std::make_unique<Family>(name, std::forward<Args>(args)...);
  Family& result = *family;
  const std::lock_guard lock(mutex_);
  if (!families_.try_emplace(std::move(name), std::move(family)).second) {
    std::fprintf(stderr, "chartmirror: metric %s registered twice\n", result.name().c_str());
    std::abort();
  }
  return result;
}

Counter& MetricsRegistry::counter(std::string name, std::string help,
                                  std::vector<std::string> label_names) {
  return add<Counter>(std::move(name), std::move(help), std::move(label_names));
}

Gauge& MetricsRegistry::gauge(std::string name, std::string help,
                              std::vector<std::string> label_names) {
  return add<Gauge>(std::move(name), std::move(help), std::move(label_names));
}

Histogram& MetricsRegistry::histogram(std::string name, std::string help,
                                      std::vector<std::string> label_names,
                                      std::vector<double> buckets) {
  return add<Histogram>(std::move(name), std::move(help), std::move(label_names),
                        std::move(buckets));
}

void MetricsRegistry::on_collect(std::function<void()> hook) {
  const std::lock_guard lock(mutex_);
  hooks_.push_back(std::move(hook));
}

std::string MetricsRegistry::expose() const {
  std::vector<std::function<void()>> hooks;
  {
    const std::lock_guard lock(mutex_);
    hooks = hooks_;
  }
  for (const auto& hook : hooks) hook();
  std::string out;
  const std::lock_guard lock(mutex_);
  for (const auto& [name, family] : families_) family->expose(out);
  return out;
}

}  // namespace chartmirror::runtime
