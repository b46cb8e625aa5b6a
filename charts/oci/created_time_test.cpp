#include "charts/oci/created_time.h"

#include <doctest/doctest.h>

namespace chartmirror::charts {

TEST_CASE("created times are written as Go's RFC3339 of the UTC instant") {
  struct Case {
    std::string_view text;
    std::string_view expected;  // "" when not RFC 3339
  };
  const Case cases[] = {
      {"2023-11-20T18:49:41+00:00", "2023-11-20T18:49:41Z"},
      {"2023-11-20T18:49:41Z", "2023-11-20T18:49:41Z"},
      {"2023-11-20T18:49:41.987654321Z", "2023-11-20T18:49:41Z"},  // truncated, not rounded
      {"2023-11-20T01:30:00+02:00", "2023-11-19T23:30:00Z"},
      {"2024-02-29T23:30:00-01:00", "2024-03-01T00:30:00Z"},
      {"1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"},
      {"2023-11-20 18:49:41Z", ""},
      {"2023-02-30T00:00:00Z", ""},
      {"2023-11-20T18:49:41", ""},
      {"2023-11-20T18:49:41+0000", ""},
      {"2023-11-20T24:00:00Z", ""},
      {"2023-11-20T18:49:41.Z", ""},
      {"", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto normalized = normalize_created(c.text);
    if (c.expected.empty()) {
      CHECK_FALSE(normalized.has_value());
    } else {
      REQUIRE(normalized.has_value());
      CHECK(*normalized == c.expected);
    }
  }
}

}  // namespace chartmirror::charts
