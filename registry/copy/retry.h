// registry/copy/retry.h — trying an operation again after a retryable error, with exponential
// backoff (internal to registry/copy).
//
// An operation is retried when its Error says `retryable` (5xx, 429, a reset connection, a
// transfer that ended early), at most `retries` more times, waiting `backoff`, then twice that,
// and so on up to `max_backoff`. Nothing is retried once `stop` answers true.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>

#include "registry/error.h"

namespace chartmirror::registry::copy {

struct RetryPolicy {
  int retries = 3;
  std::chrono::milliseconds backoff{200};
  std::chrono::milliseconds max_backoff{std::chrono::seconds(10)};
  std::function<void(std::chrono::milliseconds)> sleep;  // empty: sleep_interruptibly
  std::function<bool()> stop;                            // empty: never
};

// Sleeps `duration` in short slices, returning early once `stop` answers true, so that a
// cancelled copy does not wait out a long backoff.
void sleep_interruptibly(std::chrono::milliseconds duration, const std::function<bool()>& stop);

// Calls `attempt` (returning a Result) until it succeeds, fails for good, or the retries are
// spent; returns the last result.
template <typename Attempt>
auto with_retries(const RetryPolicy& policy, Attempt&& attempt) -> decltype(attempt()) {
  std::chrono::milliseconds delay = policy.backoff;
  for (int tried = 0;; ++tried) {
    auto result = attempt();
    if (result.ok() || !result.error().retryable || tried >= policy.retries) return result;
    if (policy.stop && policy.stop()) return result;
    if (policy.sleep) {
      policy.sleep(delay);
    } else {
      sleep_interruptibly(delay, policy.stop);
    }
    delay = std::min(delay * 2, policy.max_backoff);
  }
}

}  // namespace chartmirror::registry::copy
