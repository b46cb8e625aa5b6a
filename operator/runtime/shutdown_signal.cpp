// operator/runtime/shutdown_signal.cpp — the self-pipe; see shutdown_signal.h.
#include "operator/runtime/shutdown_signal.h"

#include <atomic>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace chartmirror::runtime {

namespace {

// What the handler may touch: lock-free atomics only.
std::atomic<int> signal_pipe{-1};
std::atomic<int> signals_seen{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void on_shutdown_signal(int number) {
  if (signals_seen.fetch_add(1) > 0) _exit(1);  // the second one: stop now
  const int saved = errno;
  const auto byte = static_cast<unsigned char>(number);
  const int fd = signal_pipe.load();
  if (fd >= 0) (void)!::write(fd, &byte, 1);
  errno = saved;
}

}  // namespace

Result<std::unique_ptr<ShutdownSignal>, std::string> ShutdownSignal::install() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
    return std::string("cannot create the signal pipe: ") + std::strerror(errno);
  }
  int expected = -1;
  if (!signal_pipe.compare_exchange_strong(expected, fds[1])) {
    ::close(fds[0]);
    ::close(fds[1]);
    return std::string("a shutdown signal handler is installed already");
  }
  // wait() blocks on the read end; only the handler's end must never block.
  ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) & ~O_NONBLOCK);
  signals_seen = 0;
  struct sigaction action {};
  action.sa_handler = on_shutdown_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  struct sigaction previous_term {};
  struct sigaction previous_int {};
  ::sigaction(SIGTERM, &action, &previous_term);
  ::sigaction(SIGINT, &action, &previous_int);
  return std::make_unique<ShutdownSignal>(fds[0], fds[1], previous_term, previous_int);
}

ShutdownSignal::ShutdownSignal(int read_fd, int write_fd, struct sigaction previous_term,
                               struct sigaction previous_int)
    : read_fd_(read_fd),
      write_fd_(write_fd),
      previous_term_(previous_term),
      previous_int_(previous_int) {}

ShutdownSignal::~ShutdownSignal() {
  ::sigaction(SIGTERM, &previous_term_, nullptr);
  ::sigaction(SIGINT, &previous_int_, nullptr);
  signal_pipe = -1;
  ::close(read_fd_);
  ::close(write_fd_);
}

int ShutdownSignal::wait() {
  unsigned char byte = 0;
  while (true) {
    const ssize_t got = ::read(read_fd_, &byte, 1);
    if (got == 1) return byte;
    if (got < 0 && errno == EINTR) continue;
    return 0;
  }
}

void ShutdownSignal::interrupt() {
  const unsigned char zero = 0;
  while (::write(write_fd_, &zero, 1) < 0 && errno == EINTR) {
  }
}

}  // namespace chartmirror::runtime
