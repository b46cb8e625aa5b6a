// SIGTERM and SIGINT reach wait() as values; interrupt() wakes it; the previous handlers come
// back afterwards; only one handler set at a time.
#include "operator/runtime/shutdown_signal.h"

#include <csignal>
#include <thread>

#include <doctest/doctest.h>
#include <unistd.h>

namespace chartmirror::runtime {
namespace {

volatile std::sig_atomic_t previous_handler_ran = 0;
extern "C" void previous_handler(int) { previous_handler_ran = 1; }

TEST_CASE("a SIGTERM becomes wait()'s answer; the handlers are restored afterwards") {
  struct sigaction previous {};
  previous.sa_handler = previous_handler;
  sigemptyset(&previous.sa_mask);
  ::sigaction(SIGTERM, &previous, nullptr);
  {
    auto shutdown = ShutdownSignal::install();
    REQUIRE_MESSAGE(shutdown.ok(), shutdown.error());
    auto again = ShutdownSignal::install();
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().find("already") != std::string::npos);

    int received = -1;
    std::thread waiter([&] { received = (*shutdown)->wait(); });
    ::kill(::getpid(), SIGTERM);
    waiter.join();
    CHECK(received == SIGTERM);
    CHECK(previous_handler_ran == 0);

    (*shutdown)->interrupt();
    CHECK((*shutdown)->wait() == 0);
  }
  ::kill(::getpid(), SIGTERM);  // the test's own handler again
  CHECK(previous_handler_ran == 1);
  ::signal(SIGTERM, SIG_DFL);

  auto next = ShutdownSignal::install();  // free again
  REQUIRE(next.ok());
  std::thread waiter([&] { CHECK((*next)->wait() == SIGINT); });
  ::kill(::getpid(), SIGINT);
  waiter.join();
}

}  // namespace
}  // namespace chartmirror::runtime
