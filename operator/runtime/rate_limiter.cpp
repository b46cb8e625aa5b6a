#include "operator/runtime/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace chartmirror::runtime {

RateLimiter::RateLimiter(const Clock& clock, RateLimits limits)
    : clock_(clock),
      limits_(limits),
      tokens_(static_cast<double>(limits.burst)),
      refilled_(clock.now()) {}

std::chrono::nanoseconds RateLimiter::item_delay(const std::string& key) {
  const int failures = failures_[key]++;
  // 2^failures overflows long before the cap matters; stop doubling once past it.
  const double delay = static_cast<double>(limits_.base_delay.count()) *
                       std::pow(2.0, static_cast<double>(std::min(failures, 62)));
  if (delay >= static_cast<double>(limits_.max_delay.count())) return limits_.max_delay;
  return std::chrono::nanoseconds(static_cast<int64_t>(delay));
}

std::chrono::nanoseconds RateLimiter::bucket_delay() {
  const Clock::time_point now = clock_.now();
  const double elapsed = std::chrono::duration<double>(now - refilled_).count();
  tokens_ = std::min(static_cast<double>(limits_.burst), tokens_ + elapsed * limits_.per_second);
  refilled_ = now;
  tokens_ -= 1;  // reserve one, now or in the future
  if (tokens_ >= 0) return std::chrono::nanoseconds(0);
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::duration<double>(-tokens_ / limits_.per_second));
}

std::chrono::nanoseconds RateLimiter::when(const std::string& key) {
  const auto item = item_delay(key);
  const auto bucket = bucket_delay();
  return std::max(item, bucket);
}

void RateLimiter::forget(const std::string& key) { failures_.erase(key); }

int RateLimiter::requeues(const std::string& key) const {
  const auto found = failures_.find(key);
  return found == failures_.end() ? 0 : found->second;
}

}  // namespace chartmirror::runtime
