// Expectations are Go's (go1.23, the Go of helm v3.17.3): strconv.FormatFloat(f, fmt, -1,
// bits). The %v rows were also printed by helm 3.17.3 for `{{ .Values.x }}`.
#include "charts/golang/format_float.h"

#include <limits>
#include <string>

#include <doctest/doctest.h>

namespace chartmirror::charts::go {

TEST_CASE("format_float is strconv.FormatFloat with the shortest precision") {
  struct Case {
    double f;
    char fmt;
    int bits;
    std::string text;
  };
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const Case cases[] = {
      // 'g' at 64 bits: fmt's %v of a float64.
      {1000000.0, 'g', 64, "1e+06"},
      {123456789.0, 'g', 64, "1.23456789e+08"},
      {100000.0, 'g', 64, "100000"},
      {0.0001, 'g', 64, "0.0001"},
      {0.00001, 'g', 64, "1e-05"},
      {1.5, 'g', 64, "1.5"},
      {-0.0, 'g', 64, "-0"},
      {12345678901234567890.0, 'g', 64, "1.2345678901234567e+19"},
      {kInf, 'g', 64, "+Inf"},
      {-kInf, 'g', 64, "-Inf"},
      {std::numeric_limits<double>::quiet_NaN(), 'g', 64, "NaN"},
      // 'e' and 'f'.
      {1e21, 'e', 64, "1e+21"},
      {1e21, 'f', 64, "1000000000000000000000"},
      {1.5e-7, 'e', 64, "1.5e-07"},
      {0.000001, 'f', 64, "0.000001"},
      {12345678901234567890.0, 'f', 64, "12345678901234567000"},
      {0, 'e', 64, "0e+00"},
      {5e-324, 'e', 64, "5e-324"},
      // 'g' at 32 bits: a YAML float in a string field or a map key (sigs.k8s.io/yaml).
      {1.1, 'g', 32, "1.1"},
      {0.1, 'g', 32, "0.1"},
      {1, 'g', 32, "1"},
      {100, 'g', 32, "100"},
      {1.5, 'g', 32, "1.5"},
      {-2.5, 'g', 32, "-2.5"},
      {0, 'g', 32, "0"},
      {123456, 'g', 32, "123456"},
      {1000000, 'g', 32, "1e+06"},
      {1234567, 'g', 32, "1.234567e+06"},
      {1e10, 'g', 32, "1e+10"},
      {1e20, 'g', 32, "1e+20"},
      {1e21, 'g', 32, "1e+21"},
      {0.0001, 'g', 32, "0.0001"},
      {0.00001, 'g', 32, "1e-05"},
      {1e-7, 'g', 32, "1e-07"},
      {3.14159265358979, 'g', 32, "3.1415927"},
      {16777217, 'g', 32, "1.6777216e+07"},  // float32 cannot hold it
      {1.5e300, 'g', 32, "+Inf"},            // nor this
      {2.0e-45, 'g', 32, "1e-45"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(format_float(c.f, c.fmt, c.bits) == c.text);
  }
}

}  // namespace chartmirror::charts::go
