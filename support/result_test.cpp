#include "support/result.h"

#include <memory>
#include <optional>
#include <string>

#include <doctest/doctest.h>

namespace chartmirror {
namespace {

struct TestError {
  std::string message;
};

Result<int, TestError> parse_digit(char c) {
  if (c < '0' || c > '9') return TestError{std::string("not a digit: ") + c};
  return c - '0';
}

}  // namespace

TEST_CASE("a Result holds either the value or the error") {
  const auto good = parse_digit('7');
  REQUIRE(good.ok());
  CHECK(good.value() == 7);

  const auto bad = parse_digit('x');
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "not a digit: x");
}

TEST_CASE("a Result can carry move-only values out") {
  Result<std::unique_ptr<int>, TestError> owned(std::make_unique<int>(3));
  std::unique_ptr<int> taken = std::move(owned).value();
  REQUIRE(taken != nullptr);
  CHECK(*taken == 3);
}

TEST_CASE("Status reports success without a value") {
  const Status<TestError> done = Done{};
  CHECK(done.ok());
  const Status<TestError> failed = TestError{"no"};
  CHECK_FALSE(failed.ok());
}

}  // namespace chartmirror

namespace chartmirror {

TEST_CASE("a Result of an optional accepts nullopt and a bare value") {
  const Result<std::optional<int>, std::string> none = std::nullopt;
  REQUIRE(none.ok());
  CHECK_FALSE(none.value().has_value());
  const Result<std::optional<int>, std::string> some = 4;
  CHECK(some.value() == 4);
  const Result<std::optional<int>, std::string> failed = std::string("no");
  CHECK_FALSE(failed.ok());
}

}  // namespace chartmirror
