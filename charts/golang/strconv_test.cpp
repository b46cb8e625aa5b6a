// Expectations are Go's (go1.23, the Go of helm v3.17.3): strconv.ParseInt, ParseUint,
// ParseFloat and Atoi.
#include "charts/golang/strconv.h"

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include <doctest/doctest.h>

namespace chartmirror::charts::go {

TEST_CASE("parse_int and parse_uint read Go's integer syntax") {
  struct Case {
    std::string text;
    std::optional<std::int64_t> value;  // nullopt: the error below
    int base = 0;
    NumError error = NumError::kSyntax;
  };
  const Case cases[] = {
      {"0", 0, 0},
      {"-0", 0, 0},
      {"+7", 7, 0},
      {"010", 8, 0},
      {"0o17", 15, 0},
      {"0O17", 15, 0},
      {"0x1F", 31, 0},
      {"-0x1f", -31, 0},
      {"0b101", 5, 0},
      {"0B101", 5, 0},
      {"08", std::nullopt, 0},
      {"0x", std::nullopt, 0},
      {"0o", std::nullopt, 0},
      {"0b2", std::nullopt, 0},
      {"1_000", 1000, 0},
      {"-0x_1F", -31, 0},
      {"0_10", 8, 0},
      {"_1", std::nullopt, 0},
      {"1_", std::nullopt, 0},
      {"1__0", std::nullopt, 0},
      {"0x1_", std::nullopt, 0},
      {"1_000", std::nullopt, 10},  // only base 0 allows '_'
      {"", std::nullopt, 0},
      {"+", std::nullopt, 0},
      {"--1", std::nullopt, 0},
      {"9223372036854775807", std::numeric_limits<std::int64_t>::max(), 0},
      {"-9223372036854775808", std::numeric_limits<std::int64_t>::min(), 0},
      {"9223372036854775808", std::nullopt, 0, NumError::kRange},
      {"-9223372036854775809", std::nullopt, 10, NumError::kRange},
      {"010", 10, 10},
      {"0x1F", std::nullopt, 10},
      {"1e3", std::nullopt, 10},
      {" 1", std::nullopt, 10},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CAPTURE(c.base);
    const auto parsed = parse_int(c.text, c.base);
    REQUIRE(parsed.ok() == c.value.has_value());
    if (c.value) {
      CHECK(*parsed == *c.value);
    } else {
      CHECK(parsed.error() == c.error);
    }
  }
  CHECK(*parse_uint("18446744073709551615", 0) == std::numeric_limits<std::uint64_t>::max());
  CHECK(*parse_uint("0xFFFFFFFFFFFFFFFF", 0) == std::numeric_limits<std::uint64_t>::max());
  CHECK(parse_uint("18446744073709551616", 0).error() == NumError::kRange);
  CHECK(parse_uint("0x10000000000000000", 0).error() == NumError::kRange);
  CHECK(parse_uint("-1", 0).error() == NumError::kSyntax);
  CHECK(parse_uint("+1", 0).error() == NumError::kSyntax);
}

TEST_CASE("atoi_error is strconv.Atoi's error text") {
  CHECK(atoi_error("x", NumError::kSyntax) == R"(strconv.Atoi: parsing "x": invalid syntax)");
  CHECK(atoi_error("99999999999999999999", NumError::kRange) ==
        R"(strconv.Atoi: parsing "99999999999999999999": value out of range)");
}

TEST_CASE("parse_decimal_float is strconv.ParseFloat(s, 64) on decimal text") {
  const std::pair<std::string, double> good[] = {
      {"1.5", 1.5},   {"1.", 1.0},
      {".5", 0.5},    {"+.5", 0.5},
      {"-.5", -0.5},  {"1e3", 1e3},
      {"1E+3", 1e3},  {"1e-3", 1e-3},
      {"08", 8.0},    {"1e-400", 0.0},
      {"0.1", 0.1},   {"1.10", 1.1},
      {"-0.0", -0.0}, {"123456789012345678901234567890", 1.2345678901234568e29},
  };
  for (const auto& c : good) {
    CAPTURE(c.first);
    const auto parsed = parse_decimal_float(c.first);
    REQUIRE(parsed);
    CHECK(*parsed == c.second);
  }
  CHECK(std::signbit(*parse_decimal_float("-0.0")));
  for (const std::string text : {"", ".", "+.", "1e", "1e+", ".e3", "1e400", "-1e400", "1_0.5",
                                 "1e3.5", "inf", "NaN", "0x1p-2", " 1", "1 "}) {
    CAPTURE(text);
    CHECK_FALSE(parse_decimal_float(text));
  }
}

}  // namespace chartmirror::charts::go
