// operator/runtime/rate_limiter.h — how long a key waits before it is worked on again after a
// failure: client-go's default controller rate limiter.
//
// Two limits, the larger wins: per key, exponential backoff (5 ms, 10 ms, 20 ms, … capped at
// 1000 s) so one broken object backs off without slowing the others; overall, a token bucket
// (10 per second, bursts of 100) so many failing objects together cannot flood the API server
// or the registries. forget() resets a key's backoff once it succeeds. Not thread-safe: the
// work queue calls it under its own mutex.
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "operator/runtime/clock.h"

namespace chartmirror::runtime {

struct RateLimits {
  std::chrono::nanoseconds base_delay = std::chrono::milliseconds(5);
  std::chrono::nanoseconds max_delay = std::chrono::seconds(1000);
  double per_second = 10;  // the bucket's refill rate
  int burst = 100;         // the bucket's size
};

class RateLimiter {
 public:
  RateLimiter(const Clock& clock, RateLimits limits);

  // The delay before `key` may run again, counting this as one more failure.
  [[nodiscard]] std::chrono::nanoseconds when(const std::string& key);
  void forget(const std::string& key);
  // Failures counted for `key` since the last forget().
  [[nodiscard]] int requeues(const std::string& key) const;

 private:
  [[nodiscard]] std::chrono::nanoseconds item_delay(const std::string& key);
  [[nodiscard]] std::chrono::nanoseconds bucket_delay();

  const Clock& clock_;
  RateLimits limits_;
  std::map<std::string, int> failures_;
  double tokens_;  // may go negative: reservations made ahead of the refill
  Clock::time_point refilled_;
};

}  // namespace chartmirror::runtime
