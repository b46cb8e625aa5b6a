#include "operator/runtime/work_queue.h"

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

namespace chartmirror::runtime {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST_CASE("a key waits once, in the order added") {
  FakeClock clock;
  WorkQueue queue(clock);
  queue.add("ns/a");
  queue.add("ns/b");
  queue.add("ns/a");
  CHECK(queue.length() == 2);
  CHECK(queue.try_get() == "ns/a");
  CHECK(queue.try_get() == "ns/b");
  CHECK(queue.try_get() == std::nullopt);
}

TEST_CASE("a key added while a worker has it is queued again only when the worker is done") {
  FakeClock clock;
  WorkQueue queue(clock);
  queue.add("ns/a");
  REQUIRE(queue.try_get() == "ns/a");
  queue.add("ns/a");  // changed while being reconciled
  queue.add("ns/a");
  CHECK(queue.length() == 0);
  CHECK(queue.try_get() == std::nullopt);  // no second worker gets it
  queue.done("ns/a");
  CHECK(queue.length() == 1);
  REQUIRE(queue.try_get() == "ns/a");
  queue.done("ns/a");
  CHECK(queue.try_get() == std::nullopt);  // once, not twice
}

TEST_CASE("add_after: due when the clock gets there; the earliest of two delays wins") {
  FakeClock clock;
  WorkQueue queue(clock);
  queue.add_after("ns/a", seconds(10));
  queue.add_after("ns/b", seconds(5));
  queue.add_after("ns/b", seconds(30));  // later: ignored
  queue.add_after("ns/a", seconds(2));   // earlier: replaces
  CHECK(queue.delayed() == 2);
  CHECK(queue.try_get() == std::nullopt);
  clock.advance(seconds(2));
  CHECK(queue.try_get() == "ns/a");
  clock.advance(seconds(2));
  CHECK(queue.try_get() == std::nullopt);
  clock.advance(seconds(1));
  CHECK(queue.try_get() == "ns/b");
  CHECK(queue.delayed() == 0);
  queue.add_after("ns/c", seconds(0));  // no delay: at once
  CHECK(queue.try_get() == "ns/c");
}

TEST_CASE("add_rate_limited backs a failing key off; forget() ends it") {
  FakeClock clock;
  WorkQueue queue(clock);
  queue.add_rate_limited("ns/a");  // 5 ms
  CHECK(queue.try_get() == std::nullopt);
  clock.advance(milliseconds(5));
  REQUIRE(queue.try_get() == "ns/a");
  queue.done("ns/a");
  queue.add_rate_limited("ns/a");  // 10 ms
  clock.advance(milliseconds(9));
  CHECK(queue.try_get() == std::nullopt);
  clock.advance(milliseconds(1));
  REQUIRE(queue.try_get() == "ns/a");
  CHECK(queue.requeues("ns/a") == 2);
  queue.forget("ns/a");
  CHECK(queue.requeues("ns/a") == 0);
  queue.done("ns/a");
}

TEST_CASE("shut_down wakes blocked workers with nullopt and drops what is queued") {
  SteadyClock clock;
  WorkQueue queue(clock);
  std::atomic<int> ended{0};
  std::vector<std::thread> workers;
  workers.reserve(3);
  for (int i = 0; i < 3; ++i) {
    workers.emplace_back([&] {
      while (auto key = queue.get()) queue.done(*key);
      ++ended;
    });
  }
  queue.add_after("ns/later", seconds(3600));
  std::this_thread::sleep_for(milliseconds(50));
  queue.shut_down();
  for (auto& worker : workers) worker.join();
  CHECK(ended == 3);
  CHECK(queue.shutting_down());
  queue.add("ns/a");
  CHECK(queue.length() == 0);
  CHECK(queue.get() == std::nullopt);
}

TEST_CASE("many workers never hold the same key at once, and every add is seen") {
  SteadyClock clock;
  WorkQueue queue(clock);
  std::mutex mutex;
  std::set<std::string> held;
  std::atomic<bool> overlap{false};
  std::atomic<int> processed{0};
  std::vector<std::thread> workers;
  workers.reserve(4);
  for (int i = 0; i < 4; ++i) {
    workers.emplace_back([&] {
      while (auto key = queue.get()) {
        {
          const std::lock_guard lock(mutex);
          if (!held.insert(*key).second) overlap = true;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        {
          const std::lock_guard lock(mutex);
          held.erase(*key);
        }
        ++processed;
        queue.done(*key);
      }
    });
  }
  for (int round = 0; round < 200; ++round) queue.add("ns/k" + std::to_string(round % 5));
  // Wait until the queue has drained: nothing queued and nothing held.
  for (int i = 0; i < 2000; ++i) {
    {
      const std::lock_guard lock(mutex);
      if (queue.length() == 0 && held.empty() && processed > 0) break;
    }
    std::this_thread::sleep_for(milliseconds(1));
  }
  std::this_thread::sleep_for(milliseconds(20));
  queue.shut_down();
  for (auto& worker : workers) worker.join();
  CHECK_FALSE(overlap);
  CHECK(processed >= 5);    // every key at least once
  CHECK(processed <= 200);  // and adds to a waiting key were merged
}

}  // namespace
}  // namespace chartmirror::runtime
