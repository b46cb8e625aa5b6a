#include "charts/values/dependency_conditions.h"

#include <doctest/doctest.h>

#include "charts/values/yaml.h"

namespace chartmirror::charts::values {
namespace {

Value yaml(std::string_view text) { return *parse_values_yaml(text, "values.yaml"); }

ValuesTree chart(std::string name, std::string_view values) {
  return ValuesTree{.name = std::move(name), .version = "0.1.0", .defaults = yaml(values)};
}

// The chart helm 3.17.3 rendered for the expectations below (each chart's template was
// `{{ toJson .Values }}`):
//   p: dependencies sub; sub as sub2 (condition "sub2.enabled,global.sub2", tags [t1]);
//      other (import-values: "data" and {child: exp.inner, parent: imported.here})
//   p/charts/sub: dependency deep (condition deep.enabled); p/charts/sub/charts/deep;
//   p/charts/other. charts/ lists other before sub, as helm loads them.
ValuesTree parent_chart() {
  ValuesTree deep = chart("deep", "d: 1\nglobal: {gd: deep}\n");
  ValuesTree sub = chart("sub",
                         "global:\n  g1: sub\n  g3: subonly\n  gm: {b: 2, deep: {x: 9, z: 2}}\n"
                         "own: 1\nfromparent: 0\ndeep:\n  enabled: true\n");
  sub.dependencies = {{.name = "deep", .version = "0.1.0", .condition = "deep.enabled"}};
  sub.subcharts = {deep};
  // `n:` is the YAML 1.1 boolean false, as a key "false".
  ValuesTree other = chart("other",
                           "exports:\n  data: {ex1: 1, nested: {n: 1}}\n"
                           "exp:\n  inner: {k: child, k2: child2}\n");
  ValuesTree p = chart("p",
                       "global:\n  g1: parent\n  gm: {a: 1, deep: {x: 1}}\n  gl: [1]\n"
                       "pkey: {a: 1, b: 2, l: [1, 2]}\nnullme: 5\n"
                       "sub:\n  fromparent: 1\n  global: {g2: pset}\n"
                       "imported:\n  here: {k: parentwins}\n");
  p.dependencies = {
      {.name = "sub", .version = "0.1.0"},
      {.name = "sub",
       .version = "0.1.0",
       .alias = "sub2",
       .condition = "sub2.enabled,global.sub2",
       .tags = {"t1"}},
      {.name = "other",
       .version = "0.1.0",
       .import_values = Value::list(
           {"data", Value::map({{"child", "exp.inner"}, {"parent", "imported.here"}})})},
  };
  p.subcharts = {other, sub};
  return p;
}

}  // namespace

TEST_CASE("process_dependencies selects, renames and prunes subcharts") {
  std::vector<std::string> warnings;
  auto processed =
      process_dependencies(parent_chart(), Value::map({{"sub2", Value::map({{"enabled", "yes"}})}}),
                           {.warnings = &warnings});
  REQUIRE(processed.ok());
  REQUIRE(processed->subcharts.size() == 3);
  CHECK(processed->subcharts[0].name == "sub");
  CHECK(processed->subcharts[0].origin == 1);
  CHECK(processed->subcharts[1].name == "sub2");
  CHECK(processed->subcharts[1].origin == 1);
  CHECK(processed->subcharts[2].name == "other");
  CHECK(processed->subcharts[2].origin == 0);
  CHECK(processed->subcharts[0].subcharts.at(0).name == "deep");
  CHECK(processed->dependencies[1].name == "sub2");
  // import-values are rewritten to the {child, parent} form.
  CHECK(processed->dependencies[2].import_values ==
        Value::list({Value::map({{"child", "exports.data"}, {"parent", "."}}),
                     Value::map({{"child", "exp.inner"}, {"parent", "imported.here"}})}));
  // A string "yes" is not a bool: the condition passes over it (to global.sub2, absent).
  CHECK(warnings == std::vector<std::string>{
                        "Warning: Condition path 'sub2.enabled' for chart sub2 returned non-bool "
                        "value"});

  // A version that does not match leaves the chart unclaimed: kept under its own name, and
  // the dependency adds nothing.
  auto unmatched = process_dependencies(
      parent_chart(), Value(),
      {.version_matches = [](const std::string&, const std::string&) { return false; }});
  REQUIRE(unmatched.ok());
  REQUIRE(unmatched->subcharts.size() == 2);
  CHECK(unmatched->subcharts[0].name == "other");
  CHECK(unmatched->subcharts[1].name == "sub");
}

TEST_CASE("tags enable when any is true, disable when none is and one is false") {
  ValuesTree p = chart("p", "");
  for (const char* name : {"a", "b", "c", "d"}) p.subcharts.push_back(chart(name, ""));
  p.dependencies = {{.name = "a", .tags = {"t1", "t2"}},
                    {.name = "b", .tags = {"t2"}},
                    {.name = "c", .tags = {"t3"}},
                    {.name = "d", .condition = "d.on", .tags = {"t2"}}};
  std::vector<std::string> warnings;
  auto processed =
      process_dependencies(p, yaml("tags: {t1: true, t2: false, t3: maybe}\nd: {'on': true}\n"),
                           {.warnings = &warnings});
  REQUIRE(processed.ok());
  std::vector<std::string> names;
  for (const auto& sub : processed->subcharts) names.push_back(sub.name);
  // a: t1 is true; b: only false; c: a non-bool tag counts as absent; d: the condition wins
  // (a quoted 'on' is a string key; unquoted it would be the key "true").
  CHECK(names == std::vector<std::string>{"a", "c", "d"});
  CHECK(warnings ==
        std::vector<std::string>{"Warning: Tag 't3' for chart c returned non-bool value"});
}

TEST_CASE("conditions: the first path holding a bool decides, paths are below the chart") {
  ValuesTree leaf = chart("leaf", "");
  ValuesTree mid = chart("mid", "leaf:\n  enabled: false\n");
  mid.dependencies = {{.name = "leaf", .condition = "nope, leaf.enabled,leaf.enabled"}};
  mid.subcharts = {leaf};
  ValuesTree top = chart("top", "");
  top.dependencies = {{.name = "mid", .condition = "mid.enabled"}};
  top.subcharts = {mid};

  const auto leaves = [&](const Value& user) {
    auto processed = process_dependencies(top, user);
    REQUIRE(processed.ok());
    REQUIRE(processed->subcharts.size() == 1);
    return processed->subcharts[0].subcharts.size();
  };
  // " leaf.enabled" (not trimmed) is missing; "leaf.enabled" under "mid." is false.
  CHECK(leaves(Value()) == 0);
  CHECK(leaves(yaml("mid: {leaf: {enabled: true}}")) == 1);
  auto without_mid = process_dependencies(top, yaml("mid: {enabled: false}"));
  REQUIRE(without_mid.ok());
  CHECK(without_mid->subcharts.empty());
  CHECK(without_mid->dependencies.empty());
}

TEST_CASE("import-values: missing tables warn, child values lose to the parent's") {
  ValuesTree child = chart("child", "exports:\n  a: {x: 1, w: 1}\nt: {deep: {v: 1}}\n");
  ValuesTree p = chart("p", "x: 2\nhere: {deep: {w: 1}}\n");
  p.dependencies = {{.name = "child",
                     .import_values = Value::list(
                         {"a", "missing", Value::map({{"child", "t"}, {"parent", "here"}}),
                          Value::map({{"child", "t.nope"}, {"parent", "."}})})}};
  p.subcharts = {child};
  std::vector<std::string> warnings;
  auto processed = process_dependencies(p, Value(), {.warnings = &warnings});
  REQUIRE(processed.ok());
  CHECK(processed->defaults.find_path("x")->as_number() == 2);
  CHECK(processed->defaults.find_path("w")->as_number() == 1);
  CHECK(*processed->defaults.find_path("here.deep") == Value::map({{"v", 1.0}, {"w", 1.0}}));
  CHECK(warnings == std::vector<std::string>{
                        "Warning: ImportValues missing table: \"missing\" is not a table",
                        "Warning: ImportValues missing table from chart child: \"nope\" is not "
                        "a table"});

  p.dependencies[0].import_values = Value::list({Value::map({{"child", 1}})});
  CHECK_FALSE(process_dependencies(p, Value()).ok());
}

TEST_CASE("path_value finds non-map values only") {
  const Value v = yaml("a: {b: {c: 1}, nul: null}\ntop: true\n");
  CHECK(path_value(v, "a.b.c")->as_number() == 1);
  CHECK(path_value(v, "top")->as_bool());
  CHECK(path_value(v, "a.nul")->is_null());
  CHECK(path_value(v, "a.b") == nullptr);
  CHECK(path_value(v, "a") == nullptr);
  CHECK(path_value(v, "a.x") == nullptr);
  CHECK(path_value(v, "") == nullptr);
  CHECK(path_value(v, "top.x") == nullptr);
}

}  // namespace chartmirror::charts::values
