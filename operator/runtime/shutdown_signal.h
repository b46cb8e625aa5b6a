// operator/runtime/shutdown_signal.h — SIGTERM and SIGINT turned into an ordinary event that
// a thread waits for, so the operator shuts down gracefully (stop informers, let workers
// finish, release the leader lease) instead of dying mid-copy.
//
// The handler does no work: it writes the signal number to a pipe (write(2) is
// async-signal-safe) and returns; wait() reads it on a normal thread. A second signal while
// the first is being handled ends the process at once with _exit(1), as controller-runtime's
// does: an admin pressing Ctrl-C twice means it. One ShutdownSignal may exist at a time; its
// destructor restores the previous handlers.
#pragma once

#include <csignal>
#include <memory>
#include <string>

#include "support/result.h"

namespace chartmirror::runtime {

class ShutdownSignal {
 public:
  // Installs the handlers; an error when the pipe cannot be made or one is installed already.
  [[nodiscard]] static Result<std::unique_ptr<ShutdownSignal>, std::string> install();
  ~ShutdownSignal();
  ShutdownSignal(const ShutdownSignal&) = delete;
  ShutdownSignal& operator=(const ShutdownSignal&) = delete;
  ShutdownSignal(ShutdownSignal&&) = delete;
  ShutdownSignal& operator=(ShutdownSignal&&) = delete;

  // Blocks until SIGTERM or SIGINT arrives (its number) or interrupt() is called (0).
  [[nodiscard]] int wait();
  // Wakes wait() with 0 — the operator ending on its own (lost leadership). Thread-safe.
  void interrupt();

  ShutdownSignal(int read_fd, int write_fd, struct sigaction previous_term,
                 struct sigaction previous_int);

 private:
  int read_fd_;
  int write_fd_;
  struct sigaction previous_term_;
  struct sigaction previous_int_;
};

}  // namespace chartmirror::runtime
