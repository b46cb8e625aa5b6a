// The reconciler's decisions that need no registry: invalid specs, suspend, Secrets that are
// missing or of the wrong kind, a chart source that cannot be reached. What crosses a wire for
// real is e2e/reconcile_test.cpp.
#include "controllers/reconciler.h"

#include <doctest/doctest.h>

#include "controllers/testing/fake_cluster.h"

namespace chartmirror::controllers {
namespace {

using nlohmann::json;
using testing::FakeCluster;

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));

ChartMirror object_with(json spec) {
  return ChartMirror{.namespace_ = "ns", .name = "m", .generation = 7, .spec = std::move(spec)};
}

json spec_for(const std::string& source) {
  return {{"source", {{"url", source}}},
          {"charts", {{{"name", "kured"}, {"version", "5.3.1"}}}},
          {"destination", {{"url", "oci://127.0.0.1:1/mirror"}, {"secretRef", {{"name", "dest"}}}}},
          {"interval", "10m"}};
}

const json* condition(const json& status, const std::string& type) {
  for (const json& c : status["conditions"]) {
    if (c["type"] == type) return &c;
  }
  return nullptr;
}

ReconcileOptions options() {
  return ReconcileOptions{.now = [] { return kNow; }};
}

TEST_CASE("an invalid spec stalls, names the field, and is not requeued") {
  FakeCluster cluster;
  json spec = spec_for("https://charts.example.com");
  spec["charts"][0]["version"] = "5.3.1; rm -rf";
  auto outcome = reconcile(object_with(spec), cluster, options());
  REQUIRE(outcome.ok());
  CHECK_FALSE(outcome->requeue_after.has_value());
  REQUIRE(cluster.statuses.size() == 1);
  const json& status = cluster.statuses[0];
  CHECK(status == outcome->status);
  CHECK(status["observedGeneration"] == 7);
  const json* stalled = condition(status, "Stalled");
  REQUIRE(stalled != nullptr);
  CHECK((*stalled)["status"] == "True");
  CHECK((*stalled)["reason"] == "InvalidSpec");
  CHECK((*stalled)["message"].get<std::string>().starts_with("spec.charts[0].version: "));
  CHECK((*condition(status, "Ready"))["status"] == "False");
  CHECK((*condition(status, "Reconciling"))["status"] == "False");
  CHECK((*condition(status, "Ready"))["lastTransitionTime"] == "2023-11-14T22:13:20Z");
  CHECK_FALSE(status.contains("lastSyncTime"));
  REQUIRE(cluster.events.size() == 1);
  CHECK(cluster.events[0].type == Event::Type::kWarning);
  CHECK(cluster.events[0].reason == "InvalidSpec");
  CHECK(cluster.secret_reads == 0);

  // An extra image that is no reference is a spec problem too.
  spec = spec_for("https://charts.example.com");
  spec["images"] = {{"extra", {"UPPER:x"}}};
  auto extra = reconcile(object_with(spec), cluster, options());
  REQUIRE(extra.ok());
  CHECK((*condition(extra->status, "Stalled"))["message"].get<std::string>().starts_with(
      "spec.images.extra[0]: "));
}

TEST_CASE("a suspended ChartMirror does nothing and says so") {
  FakeCluster cluster;
  json spec = spec_for("https://charts.example.com");
  spec["suspend"] = true;
  ChartMirror object = object_with(spec);
  object.status = {{"images", {{"total", 3}, {"mirrored", 3}}}};
  auto outcome = reconcile(object, cluster, options());
  REQUIRE(outcome.ok());
  CHECK_FALSE(outcome->requeue_after.has_value());
  CHECK((*condition(outcome->status, "Ready"))["reason"] == "Suspended");
  CHECK((*condition(outcome->status, "Ready"))["status"] == "Unknown");
  CHECK(outcome->status["images"]["total"] == 3);
  CHECK(cluster.events.empty());
  CHECK(cluster.secret_reads == 0);
}

TEST_CASE("a missing Secret is named; a wrong one stalls; no secret value leaks") {
  FakeCluster cluster;
  auto missing = reconcile(object_with(spec_for("https://charts.example.com")), cluster, options());
  REQUIRE(missing.ok());
  const json& ready = *condition(missing->status, "Ready");
  CHECK(ready["reason"] == "SecretNotFound");
  CHECK(ready["message"] == "spec.destination.secretRef: Secret dest not found in namespace ns");
  CHECK(missing->requeue_after == std::chrono::minutes(5));
  CHECK((*condition(missing->status, "Stalled"))["status"] == "False");

  cluster.add_secret("dest", SecretData{.type = "Opaque", .data = {{"token", "hunter2-secret"}}});
  auto wrong = reconcile(object_with(spec_for("https://charts.example.com")), cluster, options());
  REQUIRE(wrong.ok());
  CHECK((*condition(wrong->status, "Ready"))["reason"] == "InvalidSecret");
  CHECK((*condition(wrong->status, "Stalled"))["status"] == "True");
  CHECK(wrong->status.dump().find("hunter2") == std::string::npos);
  for (const Event& event : cluster.events)
    CHECK(event.message.find("hunter2") == std::string::npos);
}

TEST_CASE("a chart source that cannot be reached fails that chart, not the reconcile") {
  FakeCluster cluster;
  cluster.add_secret("dest", SecretData{.type = "kubernetes.io/basic-auth",
                                        .data = {{"username", "u"}, {"password", "p4ssw0rd"}}});
  auto outcome = reconcile(object_with(spec_for("http://127.0.0.1:1/charts")), cluster, options());
  REQUIRE(outcome.ok());
  const json& status = outcome->status;
  CHECK((*condition(status, "Ready"))["status"] == "False");
  CHECK((*condition(status, "Ready"))["reason"] == "MirrorFailed");
  REQUIRE(status["failures"].size() == 1);
  CHECK(status["failures"][0]["chart"] == "kured");
  CHECK(status["failures"][0]["reason"] == "ChartFetchFailed");
  CHECK(status["summary"]["charts"] == "0/1");
  CHECK(status["images"]["total"] == 0);
  CHECK(status["lastSyncTime"] == "2023-11-14T22:13:20Z");
  CHECK(outcome->requeue_after == std::chrono::minutes(5));
  CHECK(status.dump().find("p4ssw0rd") == std::string::npos);
  bool warned = false;
  for (const Event& event : cluster.events) warned |= event.reason == "ChartFailed";
  CHECK(warned);
}

}  // namespace
}  // namespace chartmirror::controllers
