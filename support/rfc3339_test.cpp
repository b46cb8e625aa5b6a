#include "support/rfc3339.h"

#include <chrono>

#include <doctest/doctest.h>

namespace chartmirror {

TEST_CASE("rfc3339: offsets and fractions read as the UTC instant; other layouts refused") {
  using std::chrono::sys_days;
  using namespace std::chrono_literals;
  const auto noon = sys_days(std::chrono::year(2024) / 3 / 1) + 12h;
  CHECK(parse_rfc3339("2024-03-01T12:00:00Z") == noon);
  CHECK(parse_rfc3339("2024-03-01t12:00:00.999z") == noon);  // truncated, not rounded
  CHECK(parse_rfc3339("2024-03-01T14:30:00+02:30") == noon);
  CHECK(parse_rfc3339("2024-02-29T23:00:00-13:00") == noon);
  CHECK_FALSE(parse_rfc3339("2024-03-01 12:00:00Z"));
  CHECK_FALSE(parse_rfc3339("2023-02-29T12:00:00Z"));
  CHECK_FALSE(parse_rfc3339("2024-03-01T12:00:00"));
  CHECK_FALSE(parse_rfc3339("2024-03-01T12:00:00+0200"));
  CHECK_FALSE(parse_rfc3339("2024-03-01T12:00:00Zjunk"));
  CHECK(format_rfc3339_utc(noon) == "2024-03-01T12:00:00Z");
  CHECK(format_rfc3339_utc(std::chrono::sys_seconds{}) == "1970-01-01T00:00:00Z");
  const auto later = noon + 123456789ns;
  CHECK(format_rfc3339_utc(later) == "2024-03-01T12:00:00Z");
  CHECK(format_rfc3339_utc(later, 3) == "2024-03-01T12:00:00.123Z");
  CHECK(format_rfc3339_utc(later, 6) == "2024-03-01T12:00:00.123456Z");
  CHECK(format_rfc3339_utc(noon, 6) == "2024-03-01T12:00:00.000000Z");
}

}  // namespace chartmirror
