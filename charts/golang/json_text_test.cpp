// Expectations are Go's (go1.23, the Go of helm v3.17.3): encoding/json.Marshal of a string
// and of a float64.
#include "charts/golang/json_text.h"

#include <string>
#include <utility>

#include <doctest/doctest.h>

namespace chartmirror::charts::go {
namespace {

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

std::string json_number(double value) {
  std::string out;
  append_json_number(out, value);
  return out;
}

}  // namespace

TEST_CASE("JSON strings are escaped as encoding/json does, HTML-safe") {
  const std::pair<std::string, std::string> cases[] = {
      {"<a href=\"x\">&</a>", R"("\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e")"},
      {"tab\there\nnl\r\b\f\x01\x1f\x7f", "\"tab\\there\\nnl\\r\\b\\f\\u0001\\u001f\x7f\""},
      {"\u2028\u2029", R"("\u2028\u2029")"},
      {"\xff ok \xe2\x82", R"("\ufffd ok \ufffd\ufffd")"},
      {"\u00e9\U0001F600", "\"\u00e9\U0001F600\""},
      {"back\\slash \"q\"", R"("back\\slash \"q\"")"},
      {std::string("\x00", 1), R"("\u0000")"},
      {"", R"("")"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.first);
    CHECK(json_string(c.first) == c.second);
  }
}

TEST_CASE("JSON numbers are float64 as encoding/json writes them") {
  const std::pair<double, std::string> cases[] = {
      {0, "0"},
      {-0.0, "-0"},
      {1, "1"},
      {0.5, "0.5"},
      {1.5, "1.5"},
      {-2.25, "-2.25"},
      {12345678.9, "12345678.9"},
      {1e20, "100000000000000000000"},
      {123456789012345680000.0, "123456789012345680000"},
      {1e21, "1e+21"},
      {-1e21, "-1e+21"},
      {1e-6, "0.000001"},
      {0.000001234, "0.000001234"},
      {1e-7, "1e-7"},
      {1.5e-10, "1.5e-10"},
      {5e-324, "5e-324"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.first);
    CHECK(json_number(c.first) == c.second);
  }
}

}  // namespace chartmirror::charts::go
