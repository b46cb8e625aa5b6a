#include "operator/runtime/rate_limiter.h"

#include <doctest/doctest.h>

namespace chartmirror::runtime {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

TEST_CASE("per key: 5 ms doubling to the 1000 s cap; forget() starts over") {
  FakeClock clock;
  RateLimiter limiter(clock, {});
  const nanoseconds expected[] = {milliseconds(5), milliseconds(10), milliseconds(20),
                                  milliseconds(40), milliseconds(80)};
  for (const auto delay : expected) {
    clock.advance(seconds(1));  // the bucket refills: only the per-key delay counts
    CHECK(limiter.when("ns/a") == delay);
  }
  CHECK(limiter.requeues("ns/a") == 5);
  // Another key has its own backoff.
  CHECK(limiter.when("ns/b") == milliseconds(5));

  // 5 ms · 2^18 = 1310.72 s > 1000 s: capped from the 19th failure on, also far beyond.
  for (int i = 5; i < 18; ++i) (void)limiter.when("ns/a");
  CHECK(limiter.when("ns/a") == seconds(1000));
  for (int i = 0; i < 100; ++i) (void)limiter.when("ns/a");
  CHECK(limiter.when("ns/a") == seconds(1000));

  limiter.forget("ns/a");
  CHECK(limiter.requeues("ns/a") == 0);
  clock.advance(seconds(100));
  CHECK(limiter.when("ns/a") == milliseconds(5));
}

TEST_CASE("overall: a burst of 100, then 10 per second") {
  FakeClock clock;
  RateLimiter limiter(clock, {});
  // 100 different keys at the same instant: the burst, each only its own 5 ms.
  for (int i = 0; i < 100; ++i) CHECK(limiter.when("key" + std::to_string(i)) == milliseconds(5));
  // Then the bucket is empty: the next ones are spaced 100 ms apart.
  CHECK(limiter.when("late1") == milliseconds(100));
  CHECK(limiter.when("late2") == milliseconds(200));
  clock.advance(milliseconds(300));  // three tokens back; two were reserved
  CHECK(limiter.when("late3") == milliseconds(5));
  CHECK(limiter.when("late4") == milliseconds(100));
}

}  // namespace
}  // namespace chartmirror::runtime
