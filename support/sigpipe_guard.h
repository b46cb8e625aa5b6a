// support/sigpipe_guard.h — write to a pipe or socket whose peer has gone without dying.
//
// A write to a closed pipe or socket raises SIGPIPE, whose default action ends the process.
// Where no MSG_NOSIGNAL flag is available (pipes, OpenSSL's socket writes), a SigpipeGuard
// blocks SIGPIPE on the calling thread for its lifetime and discards one raised meanwhile, so
// the write fails with EPIPE instead. The process's signal dispositions are left alone.
#pragma once

#include <csignal>

#include <pthread.h>

namespace chartmirror {

class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigemptyset(&pipe_only_);
    sigaddset(&pipe_only_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only_, &previous_);
  }
  ~SigpipeGuard() {
    sigset_t pending;
    sigpending(&pending);
    if (sigismember(&pending, SIGPIPE) == 1) {
      const timespec zero{};
      sigtimedwait(&pipe_only_, nullptr, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;
  SigpipeGuard(SigpipeGuard&&) = delete;
  SigpipeGuard& operator=(SigpipeGuard&&) = delete;

 private:
  sigset_t pipe_only_{};
  sigset_t previous_{};
};

}  // namespace chartmirror
