// operator/runtime/sleeper.h — the waits of the runtime's loops (watch reconnect backoff, the
// leader's retry period), injected like the Clock so tests run them without real time.
//
// A wait ends early, for good, once stop() is called from any thread: a loop that sleeps
// through shutdown would hold the operator up for a whole backoff. Tests use FakeSleeper, which
// records each duration and advances a FakeClock instead of waiting.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "operator/runtime/clock.h"

namespace chartmirror::runtime {

class Sleeper {
 public:
  virtual ~Sleeper() = default;
  // Waits `duration`; false when stop() was called (before or during the wait).
  [[nodiscard]] virtual bool sleep_for(std::chrono::nanoseconds duration) = 0;
  // Thread-safe, idempotent; every later sleep_for returns false at once.
  virtual void stop() = 0;
};

// Real time, on a condition variable.
class StoppableSleeper final : public Sleeper {
 public:
  [[nodiscard]] bool sleep_for(std::chrono::nanoseconds duration) override {
    std::unique_lock lock(mutex_);
    return !stopped_changed_.wait_for(lock, duration, [this] { return stopped_; });
  }
  void stop() override {
    {
      const std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    stopped_changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable stopped_changed_;
  bool stopped_ = false;  // guarded by mutex_
};

// For tests: returns at once, moving `clock` by the duration and recording it.
class FakeSleeper final : public Sleeper {
 public:
  explicit FakeSleeper(FakeClock& clock) : clock_(clock) {}
  [[nodiscard]] bool sleep_for(std::chrono::nanoseconds duration) override {
    {
      const std::lock_guard lock(mutex_);
      if (stopped_) return false;
      slept_.push_back(duration);
    }
    clock_.advance(duration);
    return true;
  }
  void stop() override {
    const std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  [[nodiscard]] std::vector<std::chrono::nanoseconds> slept() const {
    const std::lock_guard lock(mutex_);
    return slept_;
  }

 private:
  FakeClock& clock_;
  mutable std::mutex mutex_;
  bool stopped_ = false;                         // guarded by mutex_
  std::vector<std::chrono::nanoseconds> slept_;  // guarded by mutex_
};

}  // namespace chartmirror::runtime
