#include "controllers/status.h"

#include <utility>

namespace chartmirror::controllers {
namespace {

using nlohmann::json;

std::string cut(std::string text, size_t limit) {
  if (text.size() <= limit) return text;
  text.resize(limit - 3);
  // Never leave half a UTF-8 sequence before the ellipsis.
  while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
  if (!text.empty() && (static_cast<unsigned char>(text.back()) & 0x80) != 0) text.pop_back();
  return text + "...";
}

// The previous lastTransitionTime of `type` when its status is unchanged, else `now`.
std::string transition_time(const json& previous, const Condition& condition,
                            std::string_view now) {
  if (!previous.is_object()) return std::string(now);
  const auto conditions = previous.find("conditions");
  if (conditions == previous.end() || !conditions->is_array()) return std::string(now);
  for (const json& old : *conditions) {
    if (!old.is_object() || old.value("type", "") != condition.type) continue;
    if (old.value("status", "") == condition.status && old.contains("lastTransitionTime")) {
      return old.value("lastTransitionTime", std::string(now));
    }
  }
  return std::string(now);
}

json chart_json(const ChartResult& chart) {
  json out = {{"name", chart.name}, {"images", chart.images}};
  if (!chart.version.empty()) out["version"] = chart.version;
  if (!chart.source.empty()) out["source"] = cut(chart.source, 2048);
  if (!chart.destination.empty()) out["destination"] = chart.destination;
  if (!chart.digest.empty()) out["digest"] = chart.digest;
  if (chart.dependencies > 0) out["dependencies"] = chart.dependencies;
  if (!chart.rewritten_destination.empty()) {
    out["rewritten"] = {{"destination", chart.rewritten_destination},
                        {"digest", chart.rewritten_digest}};
  }
  return out;
}

}  // namespace

std::vector<Condition> progress_conditions(const json& previous, const Progress& progress) {
  Condition ready{"Ready", "Unknown", "Progressing", "the first sync is copying images"};
  if (previous.is_object() && previous.contains("conditions") &&
      previous["conditions"].is_array()) {
    for (const json& old : previous["conditions"]) {
      if (!old.is_object() || old.value("type", "") != "Ready") continue;
      ready = Condition{"Ready", old.value("status", "Unknown"), old.value("reason", "Progressing"),
                        old.value("message", "")};
    }
  }
  return {std::move(ready),
          {"Reconciling", "True", "Progressing", progress_message(progress)},
          {"Stalled", "False", "NotStalled", "progress is possible"}};
}

json make_status(const ChartMirror& object, const std::vector<Condition>& conditions,
                 const SyncReport* report, std::string_view now) {
  json status = json::object();
  const json& previous = object.status;
  if (report == nullptr && previous.is_object()) {
    for (const char* key : {"lastSyncTime", "summary", "charts", "images", "failures"}) {
      if (previous.contains(key)) status[key] = previous[key];
    }
  }
  status["observedGeneration"] = object.generation;
  json list = json::array();
  for (const Condition& condition : conditions) {
    list.push_back({{"type", condition.type},
                    {"status", condition.status},
                    {"observedGeneration", object.generation},
                    {"lastTransitionTime", transition_time(previous, condition, now)},
                    {"reason", condition.reason},
                    {"message", cut(condition.message, 32768)}});
  }
  status["conditions"] = std::move(list);
  if (report == nullptr) return status;

  status["lastSyncTime"] = std::string(now);
  size_t charts_mirrored = 0;
  json charts = json::array();
  for (const ChartResult& chart : report->charts) {
    if (chart.mirrored) ++charts_mirrored;
    charts.push_back(chart_json(chart));
  }
  status["charts"] = std::move(charts);
  const ImageCounts& images = report->images;
  status["images"] = {{"total", images.total},
                      {"mirrored", images.mirrored},
                      {"skipped", images.skipped},
                      {"failed", images.failed}};
  status["summary"] = {
      {"charts", std::to_string(charts_mirrored) + "/" + std::to_string(report->spec_charts)},
      {"images", std::to_string(images.mirrored) + "/" + std::to_string(images.total)}};
  json failures = json::array();
  for (const Failure& failure : report->failures) {
    if (failures.size() == kMaxFailures) break;
    json item = {{"ref", cut(failure.ref, 2048)},
                 {"reason", failure.reason},
                 {"message", cut(failure.message, kMaxFailureMessage)}};
    if (!failure.chart.empty()) item["chart"] = failure.chart;
    failures.push_back(std::move(item));
  }
  status["failures"] = std::move(failures);
  return status;
}

}  // namespace chartmirror::controllers
