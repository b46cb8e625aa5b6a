#include "charts/values/coalesce.h"

#include <doctest/doctest.h>

#include "charts/values/json.h"
#include "charts/values/yaml.h"

namespace chartmirror::charts::values {
namespace {

Value yaml(std::string_view text) { return *parse_values_yaml(text, "values.yaml"); }

std::string json(const Value& value) { return *to_json(value); }

}  // namespace

TEST_CASE("user values are coalesced over a chart's defaults") {
  // Single-chart cases; the ones marked "helm" were printed by helm 3.17.3 `helm template -f`.
  struct Case {
    std::string defaults;
    std::string user;
    std::string json;
  };
  const Case cases[] = {
      // Maps merge, lists and scalars are replaced.
      {"a: {x: 1, w: 2}\nl: [1, 2]\ns: 1", "a: {w: 3, z: 4}\nl: [3]\ns: two",
       R"({"a":{"w":3,"x":1,"z":4},"l":[3],"s":"two"})"},
      // YAML 1.1: y, n, on and off are booleans, also as keys (helm prints "true" here).
      {"", "y: n", R"({"true":false})"},
      // helm: null deletes a default, at any depth; a null with no default stays null.
      {"pkey: {a: 1, b: 2, l: [1, 2]}\nnullme: 5",
       "nullme: null\npkey: {a: null, l: null}\n"
       "absent: null",
       R"({"absent":null,"pkey":{"b":2}})"},
      {"pkey: {a: 1}", "pkey: null", "{}"},
      // helm: a map and a scalar do not replace each other; the user's value stays.
      {"pkey: {a: 1}", "pkey: 7", R"({"pkey":7})"},
      {"nullme: 5", "nullme: {a: 1}", R"({"nullme":{"a":1}})"},
      {"pkey: {a: 1, b: 2}", "pkey: {a: {x: 1}}", R"({"pkey":{"a":{"x":1},"b":2}})"},
      // Defaults fill what the user left out, nulls included.
      {"d: null\ne: {f: null}", "", R"({"d":null,"e":{"f":null}})"},
      // No `global` appears at the top of a chart without subcharts.
      {"", "", "{}"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.user);
    const ValuesTree tree{.name = "c", .defaults = yaml(c.defaults)};
    auto values = coalesce_values(tree, yaml(c.user));
    REQUIRE(values.ok());
    CHECK(json(*values) == c.json);
  }
}

TEST_CASE("type conflicts are warnings, with Helm's text") {
  const ValuesTree tree{.name = "c", .defaults = yaml("a: {x: 1}\nb: 1\nm: {t: {x: 1}, s: 1}")};
  std::vector<std::string> warnings;
  auto values = coalesce_values(tree, yaml("a: 1\nb: {w: 1}\nm: {t: 2, s: {z: 1}}"), &warnings);
  REQUIRE(values.ok());
  CHECK(json(*values) == R"({"a":1,"b":{"w":1},"m":{"s":{"z":1},"t":2}})");
  CHECK(warnings == std::vector<std::string>{
                        "warning: skipped value for c.b: Not a table.",
                        "warning: destination for c.m.s is a table. Ignoring non-table value (1)",
                        "warning: cannot overwrite table with non table for c.m.t (map[x:1])"});
}

TEST_CASE("subcharts get their section of the parent's values, and the parent's globals") {
  ValuesTree sub{.name = "sub",
                 .defaults = yaml("global: {g: sub, only: sub, m: {k: sub, deep: {s: 1}}}\n"
                                  "x: default\nkeep: 1\ndrop: 1")};
  ValuesTree parent{.name = "p",
                    .defaults = yaml("global: {g: parent, m: {deep: {p: 1}}}\nsub: {x: parent}"),
                    .subcharts = {sub}};
  auto values = coalesce_values(parent, yaml("sub: {drop: null}\nglobal: {u: 1}"));
  REQUIRE(values.ok());
  // The parent's globals win in the subchart; the subchart's nested default global.m.deep.s
  // reaches the parent through the map Helm shares (global.m itself is copied).
  CHECK(json(*values) ==
        R"({"global":{"g":"parent","m":{"deep":{"p":1,"s":1}},"u":1},)"
        R"("sub":{"global":{"g":"parent","m":{"deep":{"p":1,"s":1},"k":"sub"},"only":"sub",)"
        R"("u":1},"keep":1,"x":"parent"}})");

  // A subchart section that is not a map is an error, worded as Helm's.
  auto mismatch = coalesce_values(parent, yaml("sub: [1, a]"));
  REQUIRE_FALSE(mismatch.ok());
  CHECK(mismatch.error().message == "type mismatch on sub: [%!t(float64=1) %!t(string=a)]");
  ValuesTree no_section = parent;
  no_section.defaults = Value();
  mismatch = coalesce_values(no_section, yaml("sub: null"));
  REQUIRE_FALSE(mismatch.ok());
  CHECK(mismatch.error().message == "type mismatch on sub: %!t(<nil>)");

  // Every subchart gets a global map, even an empty one.
  const ValuesTree bare{.name = "p", .subcharts = {ValuesTree{.name = "s"}}};
  CHECK(json(*coalesce_values(bare, Value())) == R"({"s":{"global":{}}})");
}

TEST_CASE("globals that are not maps, and map/non-map conflicts, are skipped with a warning") {
  const ValuesTree sub{.name = "s", .defaults = yaml("global: {m: 1, v: {a: 1}}")};
  const ValuesTree parent{
      .name = "p", .defaults = yaml("global: {m: {a: 1}, v: 2}"), .subcharts = {sub}};
  std::vector<std::string> warnings;
  auto values = coalesce_values(parent, yaml("s: {global: {m: 1, v: {a: 1}}}"), &warnings);
  REQUIRE(values.ok());
  CHECK(warnings ==
        std::vector<std::string>{"Conflict: cannot merge map onto non-map for \"m\". Skipping.",
                                 "key v is table. Skipping"});
  warnings.clear();
  values = coalesce_values(parent, yaml("global: 1"), &warnings);
  REQUIRE(values.ok());
  CHECK(warnings == std::vector<std::string>{
                        "warning: skipping globals because source global is not a table."});
}

TEST_CASE("merge_chart_values keeps nulls; the tables functions merge two maps") {
  const ValuesTree tree{.name = "c", .defaults = yaml("a: 1\nb: {c: 2}")};
  CHECK(json(*merge_chart_values(tree, yaml("a: null\nb: {c: null}"))) ==
        R"({"a":null,"b":{"c":null}})");
  CHECK(json(coalesce_tables(yaml("a: null\nb: {c: 1}"), yaml("a: 1\nb: {d: 2}\ne: 3"))) ==
        R"({"b":{"c":1,"d":2},"e":3})");
  CHECK(json(merge_tables(yaml("a: null"), yaml("a: 1\ne: null"))) == R"({"a":null,"e":null})");
  CHECK(json(coalesce_tables(Value(), yaml("a: 1"))) == R"({"a":1})");
}

}  // namespace chartmirror::charts::values
