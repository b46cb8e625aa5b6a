// operator/runtime/clock.h — the time the runtime schedules by, injected so tests can move it.
#pragma once

#include <chrono>
#include <mutex>

namespace chartmirror::runtime {

class Clock {
 public:
  using time_point = std::chrono::steady_clock::time_point;
  virtual ~Clock() = default;
  [[nodiscard]] virtual time_point now() const = 0;
};

class SteadyClock final : public Clock {
 public:
  [[nodiscard]] time_point now() const override { return std::chrono::steady_clock::now(); }
};

// A clock that moves only when told to; thread-safe.
class FakeClock final : public Clock {
 public:
  [[nodiscard]] time_point now() const override {
    const std::lock_guard lock(mutex_);
    return now_;
  }
  void advance(std::chrono::nanoseconds by) {
    const std::lock_guard lock(mutex_);
    now_ += by;
  }

 private:
  mutable std::mutex mutex_;
  time_point now_{std::chrono::hours(1)};  // guarded by mutex_
};

}  // namespace chartmirror::runtime
