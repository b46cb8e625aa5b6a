#include "registry/copy/job_pool.h"

#include <algorithm>
#include <utility>

namespace chartmirror::registry::copy {

JobPool::JobPool(size_t workers) {
  const size_t count = std::max<size_t>(workers, 1);
  workers_.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    workers_.emplace_back([this](const std::stop_token& stop) { work(stop); });
  }
}

JobPool::~JobPool() {
  {
    const std::lock_guard lock(mutex_);
    queue_.clear();
  }
  for (auto& worker : workers_) worker.request_stop();
  // Wake the workers blocked on an empty queue; jthread's destructors then join them.
  work_ready_.notify_all();
  workers_.clear();
}

bool JobPool::submit(const std::string& key, Job job) {
  {
    const std::lock_guard lock(mutex_);
    if (!submitted_.insert(key).second) return false;
    if (failure_) return true;  // counted as submitted, never run: the pool has stopped
    queue_.push_back(std::move(job));
  }
  work_ready_.notify_one();
  return true;
}

Status<Error> JobPool::wait() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return running_ == 0 && (queue_.empty() || failure_); });
  if (failure_) return *failure_;
  return Done{};
}

void JobPool::abort(Error reason) {
  {
    const std::lock_guard lock(mutex_);
    if (!failure_) failure_ = std::move(reason);
    queue_.clear();
  }
  idle_.notify_all();
}

bool JobPool::failed() const {
  const std::lock_guard lock(mutex_);
  return failure_.has_value();
}

void JobPool::work(const std::stop_token& stop) {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!work_ready_.wait(lock, stop, [this] { return !queue_.empty(); })) return;
    Job job = std::move(queue_.front());
    queue_.pop_front();
    ++running_;
    lock.unlock();
    Status<Error> done = job();
    lock.lock();
    --running_;
    if (!done.ok() && !failure_) {
      failure_ = done.error();
      queue_.clear();
    }
    idle_.notify_all();
  }
}

}  // namespace chartmirror::registry::copy
