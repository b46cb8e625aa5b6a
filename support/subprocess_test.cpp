#include "support/subprocess.h"

#include <doctest/doctest.h>

namespace chartmirror {

TEST_CASE("a program gets its input and returns output, errors and exit code") {
  auto result = run_process({"sh", "-c", "cat; echo oops >&2; exit 3"}, "hello\n");
  REQUIRE_MESSAGE(result.ok(), result.error().message);
  CHECK(result->out == "hello\n");
  CHECK(result->err == "oops\n");
  CHECK(result->exit_code == 3);
}

TEST_CASE("large output on both streams does not deadlock") {
  auto result =
      run_process({"sh", "-c", "head -c 300000 /dev/zero; head -c 300000 /dev/zero >&2"}, "");
  REQUIRE(result.ok());
  CHECK(result->out.size() == 300000);
  CHECK(result->err.size() == 300000);
}

TEST_CASE("output beyond the limit is cut, not accumulated") {
  auto result =
      run_process({"sh", "-c", "head -c 100000 /dev/zero"}, "", std::chrono::seconds(10), 1000);
  REQUIRE(result.ok());
  CHECK(result->out.size() < 10000);
}

TEST_CASE("a program that ignores its input and exits does not kill us") {
  const std::string big(1 << 20, 'x');  // more than a pipe holds
  auto result = run_process({"true"}, big);
  REQUIRE(result.ok());
  CHECK(result->exit_code == 0);
}

TEST_CASE("a missing program and a hanging program are errors naming the program") {
  auto missing = run_process({"chartmirror-no-such-program"}, "");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("chartmirror-no-such-program: cannot run") == 0);

  auto hanging = run_process({"sleep", "5"}, "", std::chrono::milliseconds(200));
  REQUIRE_FALSE(hanging.ok());
  CHECK(hanging.error().message.find("sleep: no answer within 200 ms") == 0);
}

TEST_CASE("a signal is reported as 128 + its number") {
  auto result = run_process({"sh", "-c", "kill -TERM $$"}, "");
  REQUIRE(result.ok());
  CHECK(result->exit_code == 128 + 15);
}

TEST_CASE("extra environment entries are added and replace their inherited namesakes") {
  auto result =
      run_process({"sh", "-c", "printf '%s|%s|%s' \"$CM_EXTRA\" \"$HOME\" \"${PATH:+set}\""}, "",
                  std::chrono::seconds(10), 1 << 20, {"CM_EXTRA=a=b c", "HOME=/elsewhere"});
  REQUIRE(result.ok());
  CHECK(result->out == "a=b c|/elsewhere|set");
}

}  // namespace chartmirror
