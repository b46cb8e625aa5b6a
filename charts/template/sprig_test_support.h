// charts/template/sprig_test_support.h — what the sprig_*_test.cpp files share: a template run
// the way Helm runs c/templates/x.yaml, on the values of the throwaway chart the expected
// outputs were produced with.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "charts/template/go_type.h"
#include "charts/template/parser.h"
#include "charts/template/sprig.h"
#include "charts/values/json.h"

namespace chartmirror::charts::tmpl::sprig_test {

// The chart's values.yaml as Helm reads it (JSON through sigs.k8s.io/yaml, so the YAML 1.1
// key `y` of m became "true" and numbers are float64):
//   s: str, e: "", zero: 0, f: 1.5, list: [a, b, c], empty: [], emap: {}, m: {z: 1, y: s},
//   nul: null, html: "<a&b>", t: true
inline constexpr std::string_view kValues =
    R"({"s":"str","e":"","zero":0,"f":1.5,"list":["a","b","c"],"empty":[],"emap":{},)"
    R"("m":{"z":1,"true":"s"},"nul":null,"html":"<a&b>","t":true})";

inline const FunctionMap& functions() {
  static const FunctionMap kFunctions = [] {
    FunctionMap m = builtin_functions();
    add_sprig_functions(m);
    return m;
  }();
  return kFunctions;
}

// The Go types Sprig's functions return (time.Time), as Helm's engine registers them.
inline const GoTypes& go_types() {
  static const GoTypes kTypes = [] {
    GoTypes types;
    add_sprig_go_types(types);
    return types;
  }();
  return kTypes;
}

// Runs `text` as Helm runs c/templates/x.yaml: missingkey=zero, Go 1.23 rules, "<no value>"
// removed from the output (Helm's engine does that). "ERROR: " + the error otherwise.
inline std::string run(std::string_view text) {
  FunctionNames names = go_builtin_functions();
  for (const auto& entry : functions()) names.insert(entry.first);
  auto set = parse("c/templates/x.yaml", text, {.functions = &names});
  if (!set.ok()) return "PARSE: " + set.error().describe();
  auto values = values::parse_json(kValues, "values");
  REQUIRE(values.ok());
  const values::Value data = values::Value::map({{"Values", *values}});
  Executor executor(
      *set, functions(),
      {.missing_key = MissingKey::kZero, .range_over_int = false, .go_types = &go_types()});
  auto out = executor.execute("c/templates/x.yaml", ExecValue(data));
  if (!out.ok()) return "ERROR: " + out.error().describe();
  std::string result = *out;
  for (std::size_t pos = result.find("<no value>"); pos != std::string::npos;
       pos = result.find("<no value>", pos)) {
    result.erase(pos, 10);
  }
  return result;
}

// The error helm reports for a function call at column `column` of line 1.
inline std::string call_error(int column, std::string_view node, std::string_view name,
                              std::string_view message) {
  return "ERROR: template: c/templates/x.yaml:1:" + std::to_string(column) +
         ": executing \"c/templates/x.yaml\" at <" + std::string(node) + ">: error calling " +
         std::string(name) + ": " + std::string(message);
}

struct Case {
  std::string_view text;
  std::string_view want;
};

// Runs every case and checks its output.
inline void check_all(std::span<const Case> cases) {
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(run(c.text) == c.want);
  }
}

}  // namespace chartmirror::charts::tmpl::sprig_test
