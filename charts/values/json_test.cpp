#include "charts/values/json.h"

#include <limits>

#include <doctest/doctest.h>

namespace chartmirror::charts::values {

TEST_CASE("JSON reads as json.Unmarshal into interface{}: numbers are float64") {
  auto value = parse_json(R"({"a": 1, "b": [true, null, "x", 2.5], "c": {}, "a": 3})", "f.json");
  REQUIRE(value.ok());
  CHECK(*value ==
        Value::map(
            {{"a", 3.0}, {"b", Value::list({true, nullptr, "x", 2.5})}, {"c", Value::map({})}}));
  CHECK(*parse_json("18446744073709551616", "f") == Value(18446744073709551616.0));
  CHECK(*parse_json("-5", "f") == Value(-5.0));

  auto bad = parse_json("{\"a\": }", "schema.json");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().source == "schema.json");
  CHECK_FALSE(parse_json("1e400", "f").ok());
  // A nesting limit (encoding/json's is 10000, ours 1000).
  CHECK(parse_json(std::string(1000, '[') + std::string(1000, ']'), "f").ok());
  const std::string deep = std::string(1002, '[') + std::string(1002, ']');
  auto too_deep = parse_json(deep, "f");
  REQUIRE_FALSE(too_deep.ok());
  CHECK(too_deep.error().message == "exceeded max depth");
}

TEST_CASE("JSON is written as json.Marshal writes it") {
  struct Case {
    Value value;
    std::string json;
  };
  // How strings and floats are written is charts/golang/json_text.h's, tested there.
  const Case cases[] = {
      {Value(), "null"},
      {Value(false), "false"},
      {Value(std::int64_t{-9007199254740993}), "-9007199254740993"},
      {Value(1.0), "1"},
      {Value(1e21), "1e+21"},
      {Value(1e-7), "1e-7"},
      {Value("<a&b>"), R"("\u003ca\u0026b\u003e")"},
      {Value::list({}), "[]"},
      {Value::map({}), "{}"},
      {Value::map({{"b", 1}, {"a", Value::list({nullptr, "x"})}}), R"({"a":[null,"x"],"b":1})"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.json);
    auto json = to_json(c.value);
    REQUIRE(json.ok());
    CHECK(*json == c.json);
  }
  auto inf = to_json(Value::map({{"x", std::numeric_limits<double>::infinity()}}));
  REQUIRE_FALSE(inf.ok());
  CHECK(inf.error().message == "json: unsupported value: +Inf");
}

TEST_CASE("json_value_extent finds where the first JSON value ends") {
  CHECK(json_value_extent(R"({"a":[1,"]"]},b=2)") == 13);
  CHECK(json_value_extent(R"( "x\"y" rest)") == 7);
  CHECK(json_value_extent("12,b=3") == 2);
  CHECK(json_value_extent("null") == 4);
  CHECK(json_value_extent("[1,2") == 0);
  CHECK(json_value_extent("  ") == 0);
}

}  // namespace chartmirror::charts::values
