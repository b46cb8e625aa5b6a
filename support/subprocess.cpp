#include "support/subprocess.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/sigpipe_guard.h"

extern char** environ;  // NOLINT(readability-identifier-naming): POSIX's name

namespace chartmirror {
namespace {

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    reset(std::exchange(other.fd_, -1));
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }

  [[nodiscard]] int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read;
  Fd write;
};

bool make_pipe(Pipe& pipe) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  pipe.read.reset(fds[0]);
  pipe.write.reset(fds[1]);
  return true;
}

std::string errno_text() { return std::strerror(errno); }

// The inherited environment with `extra` ("NAME=value") added, each replacing its namesake.
std::vector<std::string> merged_environment(const std::vector<std::string>& extra) {
  const auto name_of = [](std::string_view entry) { return entry.substr(0, entry.find('=')); };
  std::vector<std::string> merged;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view inherited(*entry);
    const bool replaced = std::any_of(extra.begin(), extra.end(), [&](const std::string& added) {
      return name_of(added) == name_of(inherited);
    });
    if (!replaced) merged.emplace_back(inherited);
  }
  merged.insert(merged.end(), extra.begin(), extra.end());
  return merged;
}

}  // namespace

Result<ProcessOutput, ProcessError> run_process(const std::vector<std::string>& argv,
                                                std::string_view input,
                                                std::chrono::milliseconds timeout,
                                                size_t output_limit,
                                                const std::vector<std::string>& environment) {
  if (argv.empty()) return ProcessError{"no program to run"};
  const std::string& program = argv[0];
  Pipe in;
  Pipe out;
  Pipe err;
  if (!make_pipe(in) || !make_pipe(out) || !make_pipe(err)) {
    return ProcessError{program + ": cannot create pipes: " + errno_text()};
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.write.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write.get(), STDERR_FILENO);
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> merged;
  std::vector<char*> envp;
  if (!environment.empty()) {
    merged = merged_environment(environment);
    for (auto& entry : merged) envp.push_back(entry.data());
    envp.push_back(nullptr);
  }
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, program.c_str(), &actions, nullptr, args.data(),
                                   envp.empty() ? environ : envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    return ProcessError{program + ": cannot run: " + std::strerror(spawned)};
  }
  in.read.reset();
  out.write.reset();
  err.write.reset();

  ProcessOutput output;
  size_t written = 0;
  if (input.empty()) in.write.reset();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool timed_out = false;
  // Feed stdin and drain stdout/stderr together, so a chatty program never blocks on a pipe.
  while (out.read.get() >= 0 || err.read.get() >= 0) {
    pollfd fds[3] = {
        {out.read.get(), POLLIN, 0}, {err.read.get(), POLLIN, 0}, {in.write.get(), POLLOUT, 0}};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    if (::poll(fds, 3, static_cast<int>(left.count())) < 0 && errno != EINTR) break;
    if ((fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
      const SigpipeGuard guard;  // the program may exit without reading all its input
      const ssize_t n = ::write(in.write.get(), input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<size_t>(n);
      if (n < 0 || written == input.size()) in.write.reset();
    }
    const std::pair<Fd*, std::string*> streams[] = {{&out.read, &output.out},
                                                    {&err.read, &output.err}};
    for (size_t i = 0; i < 2; ++i) {
      if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      char buffer[8192];
      const ssize_t n = ::read(streams[i].first->get(), buffer, sizeof buffer);
      if (n <= 0) {
        streams[i].first->reset();
      } else if (streams[i].second->size() < output_limit) {
        streams[i].second->append(buffer, static_cast<size_t>(n));
      }
    }
  }
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    return ProcessError{program + ": no answer within " + std::to_string(timeout.count()) +
                        " ms; killed"};
  }
  output.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return output;
}

}  // namespace chartmirror
