#include "operator/runtime/work_queue.h"

#include <algorithm>

namespace chartmirror::runtime {

namespace {
// get() re-reads the clock at least this often while keys wait for their delay, so a clock
// that is not the steady clock (or a delay shortened meanwhile) is still honoured.
constexpr auto kLongestSleep = std::chrono::seconds(1);
}  // namespace

WorkQueue::WorkQueue(const Clock& clock, RateLimits limits)
    : clock_(clock), limiter_(clock, limits) {}

void WorkQueue::add_locked(const std::string& key) {
  if (shutting_down_ || dirty_.count(key) != 0) return;
  dirty_.insert(key);
  if (processing_.count(key) != 0) return;  // queued again by done()
  queue_.push_back(key);
  changed_.notify_one();
}

void WorkQueue::add(const std::string& key) {
  const std::lock_guard lock(mutex_);
  add_locked(key);
}

void WorkQueue::add_after(const std::string& key, std::chrono::nanoseconds delay) {
  const std::lock_guard lock(mutex_);
  if (shutting_down_) return;
  if (delay <= std::chrono::nanoseconds(0)) {
    add_locked(key);
    return;
  }
  const Clock::time_point due = clock_.now() + delay;
  // A key waits once, for the earliest of its delays (client-go keeps the earlier one too).
  if (const auto found = due_.find(key); found != due_.end()) {
    if (found->second <= due) return;
    for (auto it = waiting_.lower_bound(found->second); it != waiting_.end(); ++it) {
      if (it->second == key) {
        waiting_.erase(it);
        break;
      }
    }
  }
  due_[key] = due;
  waiting_.emplace(due, key);
  changed_.notify_all();  // a sleeping get() may need to wake earlier
}

void WorkQueue::add_rate_limited(const std::string& key) {
  std::chrono::nanoseconds delay{};
  {
    const std::lock_guard lock(mutex_);
    delay = limiter_.when(key);
  }
  add_after(key, delay);
}

void WorkQueue::forget(const std::string& key) {
  const std::lock_guard lock(mutex_);
  limiter_.forget(key);
}

int WorkQueue::requeues(const std::string& key) {
  const std::lock_guard lock(mutex_);
  return limiter_.requeues(key);
}

void WorkQueue::promote_due_locked() {
  const Clock::time_point now = clock_.now();
  while (!waiting_.empty() && waiting_.begin()->first <= now) {
    const std::string key = waiting_.begin()->second;
    waiting_.erase(waiting_.begin());
    due_.erase(key);
    add_locked(key);
  }
}

std::optional<std::string> WorkQueue::pop_locked() {
  if (queue_.empty()) return std::nullopt;
  std::string key = std::move(queue_.front());
  queue_.pop_front();
  processing_.insert(key);
  dirty_.erase(key);
  return key;
}

std::optional<std::string> WorkQueue::get() {
  std::unique_lock lock(mutex_);
  while (true) {
    if (shutting_down_) return std::nullopt;
    promote_due_locked();
    if (auto key = pop_locked()) return key;
    if (waiting_.empty()) {
      changed_.wait(lock);
    } else {
      const auto until_due = waiting_.begin()->first - clock_.now();
      changed_.wait_for(lock, std::min<std::chrono::nanoseconds>(until_due, kLongestSleep));
    }
  }
}

std::optional<std::string> WorkQueue::try_get() {
  const std::lock_guard lock(mutex_);
  if (shutting_down_) return std::nullopt;
  promote_due_locked();
  return pop_locked();
}

void WorkQueue::done(const std::string& key) {
  const std::lock_guard lock(mutex_);
  processing_.erase(key);
  if (dirty_.count(key) != 0 && !shutting_down_) {
    queue_.push_back(key);
    changed_.notify_one();
  }
}

void WorkQueue::shut_down() {
  const std::lock_guard lock(mutex_);
  shutting_down_ = true;
  queue_.clear();
  waiting_.clear();
  due_.clear();
  changed_.notify_all();
}

bool WorkQueue::shutting_down() {
  const std::lock_guard lock(mutex_);
  return shutting_down_;
}

size_t WorkQueue::length() {
  const std::lock_guard lock(mutex_);
  return queue_.size();
}

size_t WorkQueue::delayed() {
  const std::lock_guard lock(mutex_);
  return waiting_.size();
}

}  // namespace chartmirror::runtime
