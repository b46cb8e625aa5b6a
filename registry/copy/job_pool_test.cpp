#include "registry/copy/job_pool.h"

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include <doctest/doctest.h>

namespace chartmirror::registry::copy {

TEST_CASE("a job pool runs one job per key, at most `workers` at once") {
  for (const size_t workers : {size_t{0}, size_t{1}, size_t{3}}) {
    CAPTURE(workers);
    std::atomic<int> ran{0};
    std::atomic<int> running{0};
    std::atomic<int> most{0};
    JobPool pool(workers);
    for (int i = 0; i < 20; ++i) {
      const bool queued = pool.submit("key " + std::to_string(i % 10), [&]() -> Status<Error> {
        const int now = ++running;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        --running;
        ++ran;
        return Done{};
      });
      CHECK(queued == (i < 10));
    }
    CHECK(pool.wait().ok());
    CHECK(ran == 10);
    CHECK(most <= static_cast<int>(std::max<size_t>(workers, 1)));
    CHECK_FALSE(pool.failed());
  }
}

TEST_CASE("the first failure stops the pool and is what wait() returns") {
  std::atomic<int> ran{0};
  JobPool pool(1);
  pool.submit("a", [&]() -> Status<Error> {
    ++ran;
    return Error{.code = Error::Code::kNotFound, .message = "first"};
  });
  for (int i = 0; i < 5; ++i) {
    pool.submit("b" + std::to_string(i), [&]() -> Status<Error> {
      ++ran;
      return Error{.code = Error::Code::kTransport, .message = "later"};
    });
  }
  auto waited = pool.wait();
  REQUIRE_FALSE(waited.ok());
  CHECK(waited.error().message == "first");
  CHECK(pool.failed());
  CHECK(ran <= 2);  // the job running while the first failed may finish; the rest are dropped
}

TEST_CASE("abort stops the pool with the given reason, and destruction joins running jobs") {
  std::atomic<int> started{0};
  std::atomic<int> finished{0};
  {
    JobPool pool(2);
    for (int i = 0; i < 4; ++i) {
      pool.submit(std::to_string(i), [&]() -> Status<Error> {
        ++started;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        ++finished;
        return Done{};
      });
    }
    pool.abort(Error{.code = Error::Code::kCancelled, .message = "walk failed"});
    CHECK(pool.failed());
    CHECK(pool.submit("late", []() -> Status<Error> { return Done{}; }));  // accepted, not run
    auto waited = pool.wait();
    REQUIRE_FALSE(waited.ok());
    CHECK(waited.error().message == "walk failed");
  }
  // Jobs queued at the abort never started; those running had ended before the pool was gone.
  CHECK(started <= 2);
  CHECK(started == finished);
}

}  // namespace chartmirror::registry::copy
