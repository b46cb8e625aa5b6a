// The control loop with a scripted reconcile and an in-memory cache: which notifications queue
// a key, how outcomes requeue it (interval, rate-limited retry, nothing), deleted objects
// dropped, log lines, and workers that finish their reconcile when the queue shuts down.
#include "operator/manager/chart_mirror_controller.h"

#include <atomic>
#include <map>
#include <sstream>
#include <thread>

#include <doctest/doctest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/ostream_sink.h>

namespace chartmirror::manager {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using Reconciled = Result<controllers::Outcome, controllers::Error>;

json mirror(std::string_view name, int generation) {
  return {{"apiVersion", "chartmirror.io/v1alpha1"},
          {"kind", "ChartMirror"},
          {"metadata", {{"namespace", "ns"}, {"name", name}, {"generation", generation}}},
          {"spec", json::object()}};
}

Reconciled ready(std::optional<std::chrono::milliseconds> requeue_after) {
  controllers::Outcome outcome;
  outcome.status = {{"conditions",
                     {{{"type", "Ready"},
                       {"status", "True"},
                       {"reason", "Mirrored"},
                       {"message", "1 chart, 2 images"}}}},
                    {"lastSyncTime", "2026-11-22T00:00:00Z"}};
  outcome.requeue_after = requeue_after;
  outcome.stats.bytes_copied = 100;
  return outcome;
}

struct Fixture {
  runtime::FakeClock clock;
  runtime::WorkQueue queue{clock};
  runtime::MetricsRegistry registry;
  ReconcileMetrics metrics{registry};
  std::ostringstream logged;
  std::map<std::string, json> cache;  // what the informer holds
  std::vector<std::string> reconciled;
  std::function<Reconciled()> next = [] { return ready(30s); };
  ChartMirrorController controller{
      queue,
      [this](const std::string& key) -> std::optional<json> {
        const auto it = cache.find(key);
        if (it == cache.end()) return std::nullopt;
        return it->second;
      },
      [this](const controllers::ChartMirror& object, const json&) {
        reconciled.push_back(object.namespace_ + "/" + object.name);
        return next();
      },
      metrics,
      runtime::Log(runtime::make_json_logger(
          "test", std::make_shared<spdlog::sinks::ostream_sink_mt>(logged)))};

  // Takes the next ready key and processes it, as a worker does; false when none is ready.
  bool step() {
    const auto key = queue.try_get();
    if (!key) return false;
    controller.process(*key);
    return true;
  }
};

TEST_CASE("new objects and spec changes are queued; status writes are not") {
  Fixture f;
  const auto handlers = f.controller.handlers();
  f.cache["ns/a"] = mirror("a", 1);
  handlers.on_add("ns/a");
  CHECK(f.queue.length() == 1);
  REQUIRE(f.step());
  CHECK(f.reconciled == std::vector<std::string>{"ns/a"});

  json status_written = mirror("a", 1);
  status_written["status"] = {{"observedGeneration", 1}};
  f.cache["ns/a"] = status_written;
  handlers.on_update("ns/a");
  CHECK(f.queue.length() == 0);

  f.cache["ns/a"] = mirror("a", 2);
  handlers.on_update("ns/a");
  CHECK(f.queue.length() == 1);
  REQUIRE(f.step());
  CHECK(f.reconciled.size() == 2);
}

TEST_CASE("success: backoff forgotten, the key back after requeue_after; no requeue: not back") {
  Fixture f;
  f.cache["ns/a"] = mirror("a", 1);
  f.queue.add("ns/a");
  REQUIRE(f.step());
  CHECK(f.queue.length() == 0);
  CHECK(f.queue.delayed() == 1);
  f.clock.advance(29s);
  CHECK_FALSE(f.step());
  f.clock.advance(1s);
  f.next = [] { return ready(std::nullopt); };  // as for an invalid spec
  REQUIRE(f.step());
  CHECK(f.reconciled.size() == 2);
  CHECK(f.queue.delayed() == 0);
  CHECK(f.queue.length() == 0);

  const std::string log = f.logged.str();
  CHECK(log.find(R"("msg":"reconcile started")") != std::string::npos);
  CHECK(log.find(R"("msg":"reconcile ended")") != std::string::npos);
  const auto end_line = log.substr(log.find(R"("msg":"reconcile ended")"));
  const json line = json::parse(end_line.substr(0, end_line.find('\n')).insert(0, "{"));
  CHECK(line["namespace"] == "ns");
  CHECK(line["name"] == "a");
  CHECK(line["result"] == "success");
  CHECK(line["reason"] == "Mirrored");
  CHECK(line["stats"]["bytesCopied"] == 100);
  CHECK(line["requeueAfterSeconds"] == 30.0);
}

TEST_CASE("an error is retried with growing backoff; a later success resets it") {
  Fixture f;
  f.cache["ns/a"] = mirror("a", 1);
  f.next = [] {
    return Reconciled(controllers::Error{controllers::Error::Code::kCluster, "", "no"});
  };
  f.queue.add("ns/a");
  REQUIRE(f.step());
  CHECK(f.queue.requeues("ns/a") == 1);
  f.clock.advance(5ms);
  REQUIRE(f.step());
  CHECK(f.queue.requeues("ns/a") == 2);
  f.clock.advance(5ms);
  CHECK_FALSE(f.step());  // 10 ms the second time
  f.clock.advance(5ms);
  f.next = [] { return ready(30s); };
  REQUIRE(f.step());
  CHECK(f.queue.requeues("ns/a") == 0);
  CHECK(f.registry.expose().find("chartmirror_reconcile_total{result=\"error\"} 2") !=
        std::string::npos);
}

TEST_CASE("a deleted object's key is dropped without a reconcile; so is a non-ChartMirror") {
  Fixture f;
  const auto handlers = f.controller.handlers();
  f.cache["ns/a"] = mirror("a", 1);
  handlers.on_add("ns/a");
  f.cache.erase("ns/a");
  handlers.on_delete("ns/a");
  CHECK(f.step());
  CHECK(f.reconciled.empty());
  CHECK(f.queue.delayed() == 0);

  json other = mirror("b", 1);
  other["kind"] = "Other";
  f.cache["ns/b"] = other;
  f.queue.add("ns/b");
  CHECK(f.step());
  CHECK(f.reconciled.empty());
  CHECK(f.logged.str().find("not a ChartMirror") != std::string::npos);

  // Re-created under the same name: new again.
  f.cache["ns/a"] = mirror("a", 1);
  handlers.on_add("ns/a");
  CHECK(f.step());
  CHECK(f.reconciled == std::vector<std::string>{"ns/a"});
}

TEST_CASE("workers reconcile every key; after shut_down they finish and wait() joins them") {
  const runtime::SteadyClock clock;
  runtime::WorkQueue queue(clock);
  runtime::MetricsRegistry registry;
  ReconcileMetrics metrics(registry);
  std::atomic<int> count{0};
  std::atomic<int> at_once{0};
  std::atomic<int> most_at_once{0};
  ChartMirrorController controller(
      queue,
      [](const std::string& key) -> std::optional<json> {
        return mirror(key.substr(key.find('/') + 1), 1);
      },
      [&](const controllers::ChartMirror&, const json&) {
        const int now = ++at_once;
        int seen = most_at_once.load();
        while (now > seen && !most_at_once.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(20ms);
        --at_once;
        ++count;
        return ready(std::nullopt);
      },
      metrics,
      runtime::Log(
          runtime::make_json_logger("test", std::make_shared<spdlog::sinks::null_sink_mt>())));
  controller.start(3);
  for (int i = 0; i < 6; ++i) queue.add("ns/m" + std::to_string(i));
  for (int i = 0; i < 200 && count < 6; ++i) std::this_thread::sleep_for(10ms);
  CHECK(count == 6);
  CHECK(most_at_once > 1);
  CHECK(most_at_once <= 3);
  queue.shut_down();
  CHECK(controller.wait(std::chrono::steady_clock::now() + 5s));
}

}  // namespace
}  // namespace chartmirror::manager
