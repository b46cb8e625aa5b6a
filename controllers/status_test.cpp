#include "controllers/status.h"

#include <doctest/doctest.h>

namespace chartmirror::controllers {
namespace {

using nlohmann::json;

TEST_CASE("a status from a sync: counts, summary, bounded failures") {
  ChartMirror object{.name = "m", .generation = 3};
  SyncReport report{.spec_charts = 2};
  report.charts.push_back(
      {.name = "a", .version = "1.0.0", .images = 2, .dependencies = 1, .mirrored = true});
  report.charts.push_back({.name = "b"});
  report.images = {.total = 41, .mirrored = 15, .skipped = 1, .failed = 26};
  for (int i = 0; i < 26; ++i) {
    report.failures.push_back(
        {.ref = "r" + std::to_string(i), .reason = "NotFound", .message = std::string(2000, 'x')});
  }
  const json status = make_status(object, {{"Ready", "False", "MirrorFailed", "m"}}, &report,
                                  "2026-01-01T00:00:00Z");
  CHECK(status["observedGeneration"] == 3);
  CHECK(status["summary"]["charts"] == "1/2");
  CHECK(status["summary"]["images"] == "15/41");
  CHECK(status["images"]["skipped"] == 1);
  CHECK(status["failures"].size() == kMaxFailures);
  CHECK(status["failures"][0]["message"].get<std::string>().size() == kMaxFailureMessage);
  CHECK(status["lastSyncTime"] == "2026-01-01T00:00:00Z");
  CHECK(status["charts"][0]["version"] == "1.0.0");
  CHECK_FALSE(status["charts"][1].contains("version"));
  CHECK(status["charts"][0]["dependencies"] == 1);
  CHECK_FALSE(status["charts"][1].contains("dependencies"));  // none fetched: not written
  CHECK(status["conditions"][0]["observedGeneration"] == 3);
}

TEST_CASE("conditions keep lastTransitionTime while their status holds") {
  ChartMirror object{.name = "m", .generation = 2};
  object.status = json::parse(R"({"conditions": [
      {"type": "Ready", "status": "True", "lastTransitionTime": "2020-01-01T00:00:00Z"},
      {"type": "Stalled", "status": "False", "lastTransitionTime": "2020-01-01T00:00:00Z"}],
      "images": {"total": 4}, "lastSyncTime": "2020-01-01T00:00:00Z"})");
  const json status = make_status(
      object, {{"Ready", "True", "Mirrored", ""}, {"Stalled", "True", "InvalidSpec", "x"}}, nullptr,
      "2026-01-01T00:00:00Z");
  CHECK(status["conditions"][0]["lastTransitionTime"] == "2020-01-01T00:00:00Z");
  CHECK(status["conditions"][1]["lastTransitionTime"] == "2026-01-01T00:00:00Z");
  // Without a sync, the last sync's fields stay.
  CHECK(status["images"]["total"] == 4);
  CHECK(status["lastSyncTime"] == "2020-01-01T00:00:00Z");
}

TEST_CASE("while a sync copies: Reconciling says how far, Ready stays as it was") {
  const Progress progress{.images_done = 1, .images_total = 4, .bytes_total = 2048};
  const auto first = progress_conditions(json(), progress);
  REQUIRE(first.size() == 3);
  CHECK(first[0].type == "Ready");
  CHECK(first[0].status == "Unknown");
  CHECK(first[1].type == "Reconciling");
  CHECK(first[1].status == "True");
  CHECK(first[1].reason == "Progressing");
  CHECK(first[1].message == "copying images: 1/4 done, 0 B of 2.0 KiB");
  CHECK(first[2].type == "Stalled");
  CHECK(first[2].status == "False");

  const json previous = json::parse(R"({"conditions": [
      {"type": "Reconciling", "status": "False", "reason": "ReconcileEnded", "message": "x"},
      {"type": "Ready", "status": "False", "reason": "MirrorFailed", "message": "1 failure"}]})");
  const auto later = progress_conditions(previous, progress);
  CHECK(later[0].status == "False");
  CHECK(later[0].reason == "MirrorFailed");
  CHECK(later[0].message == "1 failure");
}

}  // namespace
}  // namespace chartmirror::controllers
