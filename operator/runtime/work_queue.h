// operator/runtime/work_queue.h — the keys ("namespace/name") waiting to be reconciled, with
// client-go's work-queue guarantees.
//
// - A key is queued at most once: adding a key that is already waiting does nothing (dirty).
// - A key is never handed to two workers at once: a key added while a worker has it
//   (processing) waits until that worker calls done(), and is queued then.
// - Keys come out in the order they were added.
// - add_after() queues a key once its delay has passed (requeue after spec.interval);
//   add_rate_limited() delays it by the RateLimiter (failures); forget() ends a key's backoff.
// - shut_down() wakes every waiting get() with nullopt; keys still queued are dropped, a
//   worker's done() after it is harmless.
// Thread-safe. get() blocks; try_get() does not, and with a FakeClock makes tests exact.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "operator/runtime/clock.h"
#include "operator/runtime/rate_limiter.h"

namespace chartmirror::runtime {

class WorkQueue {
 public:
  explicit WorkQueue(const Clock& clock, RateLimits limits = {});

  void add(const std::string& key);
  void add_after(const std::string& key, std::chrono::nanoseconds delay);
  void add_rate_limited(const std::string& key);
  void forget(const std::string& key);
  [[nodiscard]] int requeues(const std::string& key);

  // The next key, waiting for one; nullopt once shut down. The caller must call done(key).
  [[nodiscard]] std::optional<std::string> get();
  // The next key if one is ready now.
  [[nodiscard]] std::optional<std::string> try_get();
  void done(const std::string& key);

  void shut_down();
  [[nodiscard]] bool shutting_down();
  // Keys ready to be handed out (the work-queue depth metric); delayed keys not counted.
  [[nodiscard]] size_t length();
  // Keys waiting for their delay.
  [[nodiscard]] size_t delayed();

 private:
  void add_locked(const std::string& key);
  void promote_due_locked();  // moves delayed keys whose time has come into the queue
  std::optional<std::string> pop_locked();

  const Clock& clock_;
  std::mutex mutex_;
  std::condition_variable changed_;
  RateLimiter limiter_;                                    // guarded by mutex_
  std::deque<std::string> queue_;                          // guarded by mutex_
  std::set<std::string> dirty_;                            // guarded by mutex_: to be processed
  std::set<std::string> processing_;                       // guarded by mutex_: with a worker
  std::multimap<Clock::time_point, std::string> waiting_;  // guarded by mutex_: by due time
  std::map<std::string, Clock::time_point> due_;           // guarded by mutex_: earliest per key
  bool shutting_down_ = false;                             // guarded by mutex_
};

}  // namespace chartmirror::runtime
