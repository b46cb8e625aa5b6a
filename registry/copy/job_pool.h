// registry/copy/job_pool.h — a fixed set of worker threads running keyed jobs (internal to
// registry/copy): at most one job per key is ever queued, so a blob that two manifests share
// is copied once, and at most `workers` jobs run at a time.
//
// The first job to fail stops the pool: jobs not started yet are dropped, failed() turns true
// (running jobs ask it between buffers and give up early), and wait() returns that error.
// The destructor drops what is queued, waits for running jobs and joins the threads, so no job
// outlives the pool; declare the pool after everything its jobs use.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "registry/error.h"
#include "support/result.h"

namespace chartmirror::registry::copy {

class JobPool {
 public:
  using Job = std::function<Status<Error>()>;

  explicit JobPool(size_t workers);  // 0 counts as 1
  ~JobPool();
  JobPool(const JobPool&) = delete;
  JobPool& operator=(const JobPool&) = delete;
  JobPool(JobPool&&) = delete;
  JobPool& operator=(JobPool&&) = delete;

  // Queues `job` unless a job was already submitted under `key`; true when queued.
  bool submit(const std::string& key, Job job);

  // Blocks until every queued job has run, or a job failed and the running ones have ended;
  // returns the first failure.
  [[nodiscard]] Status<Error> wait();

  // Stops the pool as a failure would (with `reason` as the failure unless one came first).
  void abort(Error reason);

  [[nodiscard]] bool failed() const;

 private:
  void work(const std::stop_token& stop);

  mutable std::mutex mutex_;
  std::condition_variable_any work_ready_;  // a job was queued, or stop was requested
  std::condition_variable idle_;            // a job ended
  std::deque<Job> queue_;                   // guarded by mutex_
  std::set<std::string> submitted_;         // guarded by mutex_
  size_t running_ = 0;                      // guarded by mutex_
  std::optional<Error> failure_;            // guarded by mutex_
  std::vector<std::jthread> workers_;       // last: joined before the members above go
};

}  // namespace chartmirror::registry::copy
