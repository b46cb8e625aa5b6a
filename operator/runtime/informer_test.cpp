// The informer against a scripted loopback API server: paged list, watch from the list's
// version, events into the cache and the handlers, a broken connection retried after backoff
// from the last version seen, 410 Gone relisting (vanished objects reported deleted), stop().
#include "operator/runtime/informer.h"

#include <atomic>
#include <thread>

#include <doctest/doctest.h>

#include "operator/runtime/test_api_server.h"

namespace chartmirror::runtime {
namespace {

using namespace std::chrono_literals;
using testing::client_for;
using testing::json_response;
using testing::LoopbackServer;
using testing::ReceivedRequest;
using testing::ServerConnection;

std::string chunk(std::string_view data) {
  char size[20];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return std::string(size) + std::string(data) + "\r\n";
}

constexpr std::string_view kStreamHead =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";

nlohmann::json object(std::string_view name, std::string_view version) {
  return {{"kind", "ChartMirror"},
          {"metadata", {{"namespace", "ns"}, {"name", name}, {"resourceVersion", version}}}};
}

std::string event(std::string_view type, std::string_view name, std::string_view version) {
  return chunk(nlohmann::json{{"type", type}, {"object", object(name, version)}}.dump() + "\n");
}

std::string list(const std::vector<nlohmann::json>& items, std::string_view version,
                 std::string_view next = {}) {
  nlohmann::json metadata{{"resourceVersion", version}};
  if (!next.empty()) metadata["continue"] = next;
  return json_response(
      200, nlohmann::json{{"kind", "List"}, {"metadata", metadata}, {"items", items}}.dump());
}

// What the handlers saw, in order: "add ns/a".
class Recorder {
 public:
  InformerHandlers handlers() {
    return {.on_add = [this](const std::string& key) { record("add " + key); },
            .on_update = [this](const std::string& key) { record("update " + key); },
            .on_delete = [this](const std::string& key) { record("delete " + key); }};
  }
  std::vector<std::string> seen() const {
    const std::lock_guard lock(mutex_);
    return seen_;
  }
  size_t count() const { return seen().size(); }

 private:
  void record(std::string what) {
    const std::lock_guard lock(mutex_);
    seen_.push_back(std::move(what));
  }
  mutable std::mutex mutex_;
  std::vector<std::string> seen_;
};

template <typename Check>
bool eventually(Check check) {
  for (int i = 0; i < 500 && !check(); ++i) std::this_thread::sleep_for(10ms);
  return check();
}

TEST_CASE("object keys are namespace/name, or name for cluster-scoped objects") {
  CHECK(object_key(object("a", "1")) == "ns/a");
  CHECK(object_key({{"metadata", {{"name", "node-1"}}}}) == "node-1");
  CHECK(object_key({{"kind", "X"}}).empty());
}

TEST_CASE("list, watch, reconnect after a broken connection, relist after 410 Gone, stop") {
  std::atomic<int> lists{0};
  std::atomic<int> watches{0};
  std::atomic<bool> release{false};
  LoopbackServer server([&](const ReceivedRequest& request, ServerConnection& connection) {
    if (request.target.find("watch=1") == std::string::npos) {
      const int n = lists++;
      if (n == 0) {
        connection.write(list({object("a", "1"), object("b", "2")}, "10", "page2"));
      } else if (n == 1) {
        connection.write(list({object("c", "3")}, "10"));
      } else {
        connection.write(list({object("a", "25"), object("c", "26"), object("d", "11")}, "30"));
      }
      return;
    }
    const int n = watches++;
    if (n == 0) {
      // Events, then the connection breaks in the middle of the stream.
      connection.write(std::string(kStreamHead) + event("ADDED", "d", "11") +
                       event("MODIFIED", "a", "12") + event("DELETED", "c", "13") +
                       chunk(R"({"type":"BOOKMARK","object":{"kind":"ChartMirror",)"
                             R"("metadata":{"resourceVersion":"14"}}})"
                             "\n"));
      connection.close();
    } else if (n == 1) {
      connection.write(std::string(kStreamHead) +
                       chunk(R"({"type":"ERROR","object":{"kind":"Status","code":410,)"
                             R"("reason":"Expired","message":"too old resource version"}})"
                             "\n") +
                       "0\r\n\r\n");
    } else {
      connection.write(std::string(kStreamHead) + event("MODIFIED", "d", "31"));
      for (int i = 0; i < 1000 && !release; ++i) std::this_thread::sleep_for(10ms);
    }
  });
  auto client = client_for(server);
  FakeClock clock;
  FakeSleeper sleeper(clock);
  Recorder recorder;
  Informer informer(*client, kube::resources::kChartMirrors,
                    {.namespace_ = "ns", .label_selector = "app=x", .page_size = 2},
                    recorder.handlers(), sleeper);
  CHECK_FALSE(informer.has_synced());
  std::thread runner([&] { informer.run(); });
  REQUIRE(eventually([&] { return recorder.count() >= 10; }));
  CHECK(informer.has_synced());
  informer.stop();
  runner.join();
  release = true;

  CHECK(recorder.seen() == std::vector<std::string>{
                               "add ns/a", "add ns/b", "add ns/c",        // the first list
                               "add ns/d", "update ns/a", "delete ns/c",  // the first watch
                               "delete ns/b", "update ns/a", "add ns/c",  // the relist
                               "update ns/d",                             // the last watch
                           });
  CHECK(informer.keys() == std::vector<std::string>{"ns/a", "ns/c", "ns/d"});
  REQUIRE(informer.get("ns/d").has_value());
  CHECK((*informer.get("ns/d"))["metadata"]["resourceVersion"] == "31");
  CHECK_FALSE(informer.get("ns/b").has_value());
  CHECK(sleeper.slept() == std::vector<std::chrono::nanoseconds>{800ms});  // one broken watch

  const auto requests = server.requests();
  std::vector<std::string> targets;
  targets.reserve(requests.size());
  for (const auto& request : requests) targets.push_back(request.target);
  const std::string base = "/apis/chartmirror.io/v1alpha1/namespaces/ns/chartmirrors";
  const std::string watch = base + "?watch=1&resourceVersion=";
  const std::string tail = "&allowWatchBookmarks=true&labelSelector=app%3Dx&timeoutSeconds=300";
  CHECK(targets == std::vector<std::string>{
                       base + "?labelSelector=app%3Dx&limit=2",
                       base + "?labelSelector=app%3Dx&limit=2&continue=page2",
                       watch + "10" + tail,
                       watch + "14" + tail,  // from the bookmark, after the backoff
                       base + "?labelSelector=app%3Dx&limit=2",
                       watch + "30" + tail,
                   });
}

TEST_CASE("a failing list backs off exponentially up to the cap and is not synced meanwhile") {
  std::atomic<int> lists{0};
  LoopbackServer server([&](const ReceivedRequest& request, ServerConnection& connection) {
    if (request.target.find("watch=1") == std::string::npos) {
      if (lists++ < 4) {
        connection.write(json_response(500, R"({"kind":"Status","code":500,"message":"etcd"})"));
      } else {
        connection.write(list({object("a", "1")}, "5"));
      }
      return;
    }
    // The server ends each watch at once with nothing new.
    connection.write(std::string(kStreamHead) + "0\r\n\r\n");
  });
  auto client = client_for(server);
  FakeClock clock;
  FakeSleeper sleeper(clock);
  Recorder recorder;
  Informer informer(*client, kube::resources::kChartMirrors,
                    {.initial_backoff = 100ms, .max_backoff = 250ms}, recorder.handlers(), sleeper);
  std::thread runner([&] { informer.run(); });
  REQUIRE(eventually([&] { return informer.has_synced(); }));
  CHECK(sleeper.slept() == std::vector<std::chrono::nanoseconds>{100ms, 200ms, 250ms, 250ms});
  CHECK(informer.last_error().find("500") != std::string::npos);
  informer.stop();
  runner.join();
  CHECK(recorder.seen() == std::vector<std::string>{"add ns/a"});
}

}  // namespace
}  // namespace chartmirror::runtime
