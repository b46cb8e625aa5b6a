#include "operator/kube/event.h"

#include <doctest/doctest.h>

namespace chartmirror::kube {
namespace {

const nlohmann::json kMirror = nlohmann::json::parse(R"({
  "apiVersion": "chartmirror.io/v1alpha1", "kind": "ChartMirror",
  "metadata": {"name": "monitoring", "namespace": "platform", "uid": "u-1",
               "resourceVersion": "77"}})");

TEST_CASE("an Event about an object: reference, reason, message, type, name, times") {
  using namespace std::chrono;
  const system_clock::time_point now = sys_days{year{2026} / 11 / 21} + hours{1};
  const nlohmann::json event = event_object(Event{.involved = ObjectReference::to(kMirror),
                                                  .type = "Warning",
                                                  .reason = "MirrorFailed",
                                                  .message = "2 images failed"},
                                            now);
  CHECK(event["apiVersion"] == "v1");
  CHECK(event["kind"] == "Event");
  CHECK(event["metadata"]["namespace"] == "platform");
  CHECK(event["metadata"]["name"] == "monitoring.18e9e9a006aea000");  // client-go's shape
  CHECK(event["involvedObject"] == nlohmann::json::parse(R"({
      "apiVersion": "chartmirror.io/v1alpha1", "kind": "ChartMirror", "name": "monitoring",
      "namespace": "platform", "uid": "u-1", "resourceVersion": "77"})"));
  CHECK(event["reason"] == "MirrorFailed");
  CHECK(event["message"] == "2 images failed");
  CHECK(event["type"] == "Warning");
  CHECK(event["source"]["component"] == "chartmirror");
  CHECK(event["firstTimestamp"] == "2026-11-21T01:00:00Z");
  CHECK(event["lastTimestamp"] == "2026-11-21T01:00:00Z");
  CHECK(event["count"] == 1);
}

TEST_CASE("a long message is cut at 1 KiB without splitting a UTF-8 character") {
  std::string message(kMaxEventMessage - 1, 'a');
  message += "\xC3\xA9tail";  // é straddles the limit
  const nlohmann::json event =
      event_object(Event{.involved = ObjectReference::to(kMirror), .message = message},
                   std::chrono::system_clock::now());
  const std::string cut = event["message"];
  CHECK(cut == std::string(kMaxEventMessage - 1, 'a'));
}

TEST_CASE("a cluster-scoped object's Events go to the default namespace") {
  const nlohmann::json event =
      event_object(Event{.involved = {.api_version = "v1", .kind = "Namespace", .name = "x"}},
                   std::chrono::system_clock::now());
  CHECK(event["metadata"]["namespace"] == "default");
  CHECK_FALSE(event["involvedObject"].contains("namespace"));
}

}  // namespace
}  // namespace chartmirror::kube
