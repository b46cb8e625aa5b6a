#include "controllers/status.h"

#include <doctest/doctest.h>

namespace chartmirror::controllers {
namespace {

using nlohmann::json;

TEST_CASE("rfc3339 writes UTC seconds") {
  CHECK(rfc3339(std::chrono::system_clock::time_point(std::chrono::seconds(1700000000))) ==
        "2023-11-14T22:13:20Z");
}

TEST_CASE("a status from a sync: counts, summary, bounded failures") {
  ChartMirror object{.name = "m", .generation = 3};
  SyncReport report{.spec_charts = 2};
  report.charts.push_back({.name = "a", .version = "1.0.0", .images = 2, .mirrored = true});
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

}  // namespace
}  // namespace chartmirror::controllers
