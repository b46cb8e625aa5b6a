#include "charts/values/yaml.h"

#include <doctest/doctest.h>

#include "charts/values/json.h"

namespace chartmirror::charts::values {
namespace {

std::string read_as_json(std::string_view yaml) {
  auto value = parse_values_yaml(yaml, "values.yaml");
  if (!value.ok()) return "error: " + value.error().message;
  auto json = to_json(*value);
  return json.ok() ? *json : "error: " + json.error().message;
}

}  // namespace

TEST_CASE("values files read the way helm reads them") {
  // Each expectation is what helm 3.17.3 printed for `{{ toJson .Values }}` after
  // `helm template -f` with the same YAML.
  struct Case {
    std::string yaml;
    std::string json;
  };
  const Case cases[] = {
      // Every number is a float64; integers print without a fraction.
      {"int: 1", R"({"int":1})"},
      {"big: 12345678901234567890", R"({"big":12345678901234567000})"},
      {"big2: 9007199254740993", R"({"big2":9007199254740992})"},
      {"oct: 0755", R"({"oct":493})"},
      {"oct2: 0o17", R"({"oct2":15})"},
      {"hex: 0x1F", R"({"hex":31})"},
      {"bin: 0b101", R"({"bin":5})"},
      {"bad8: 08", R"({"bad8":8})"},
      {"under: 1_000", R"({"under":1000})"},
      {"flt: 1e3", R"({"flt":1000})"},
      {"flt2: .5", R"({"flt2":0.5})"},
      {"flt3: +.5", R"({"flt3":0.5})"},
      {"flt4: 1.", R"({"flt4":1})"},
      {"huge: 1e400", R"({"huge":"1e400"})"},
      {"sci: 1e21", R"({"sci":1e+21})"},
      {"small: 0.000001", R"({"small":0.000001})"},
      {"small2: 0.0000001", R"({"small2":1e-7})"},
      // YAML 1.1 booleans and nulls, as values and as keys.
      {"yes: yes", R"({"true":true})"},
      {"off: off", R"({"false":false})"},
      {"n: n", R"({"false":false})"},
      {"Y: Y", R"({"true":true})"},
      {"tRUE: tRUE", R"({"tRUE":"tRUE"})"},
      {"nul: ~", R"({"nul":null})"},
      {"empty:", R"({"empty":null})"},
      {"nan2: nan", R"({"nan2":"nan"})"},
      // Timestamps stay strings; quoted scalars are strings.
      {"ts: 2024-01-02", R"({"ts":"2024-01-02"})"},
      {"ts2: 2001-12-14t21:59:43.10-05:00", R"({"ts2":"2001-12-14t21:59:43.10-05:00"})"},
      {"qint: \"1\"", R"({"qint":"1"})"},
      {"qnull: 'null'", R"({"qnull":"null"})"},
      // Explicit tags.
      {"str: !!str 123", R"({"str":"123"})"},
      {"fl: !!float 1", R"({"fl":1})"},
      {"bin64: !!binary aGVsbG8=", R"({"bin64":"hello"})"},
      {"custom: !foo bar", R"({"custom":"bar"})"},
      {"a: !!int \"12\"", R"({"a":12})"},
      // Keys that are not strings.
      {"1.5: floatkey", R"({"1.5":"floatkey"})"},
      {"3.14159265358979: pikey", R"({"3.1415927":"pikey"})"},
      {"1e300: a\n-1e300: c\n1e38: b", R"({"-.inf":"c",".inf":"a","1e+38":"b"})"},  // float32
      {"true: boolkey", R"({"true":"boolkey"})"},
      {"10: intkey", R"({"10":"intkey"})"},
      // encoding/json's HTML escaping.
      {"html: \"<a&b>\"", R"({"html":"\u003ca\u0026b\u003e"})"},
      // Only the first document; an empty first document is an empty map.
      {"a: 1\n---\nb: 2\n", R"({"a":1})"},
      {"---\n---\nb: 2\n", "{}"},
      {"", "{}"},
      {"# only a comment\n", "{}"},
      // Anchors, aliases and merge keys (yaml.v2: a merge overwrites keys written before it;
      // in a list of maps the earlier map wins).
      {"base: &b {a: 1, b: 2}\nd:\n  a: 0\n  <<: *b\n  c: 3\ne:\n  <<: [{x: 1}, {x: 2, y: 2}]\n"
       "f: &f [1, 2]\ng: *f\n",
       R"({"base":{"a":1,"b":2},"d":{"a":1,"b":2,"c":3},"e":{"true":2,"x":1},"f":[1,2],"g":[1,2]})"},
      {"a: 1\na: 2\n", R"({"a":2})"},
      {"m: {'<<': 1}", R"({"m":{"\u003c\u003c":1}})"},  // a quoted << is a plain key
      {"l:\n- a\n- {b: c}\n- [1, null]\n", R"({"l":["a",{"b":"c"},[1,null]]})"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.yaml);
    CHECK(read_as_json(c.yaml) == c.json);
  }
}

TEST_CASE("values files helm rejects are rejected with its reasons") {
  // The messages are helm 3.17.3's (after its "cannot load values.yaml: ").
  struct Case {
    std::string yaml;
    std::string message;
  };
  const Case cases[] = {
      {"x: .inf\n", "error converting YAML to JSON: json: unsupported value: +Inf"},
      {"x: -.inf\n", "error converting YAML to JSON: json: unsupported value: -Inf"},
      {"x: .nan\n", "error converting YAML to JSON: json: unsupported value: NaN"},
      {"- 1\n- 2\n",
       "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value "
       "of type map[string]interface {}"},
      {"foo\n",
       "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go "
       "value of type map[string]interface {}"},
      {"Null: x\n",
       "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, "
       "value: <nil>"},
      {"? [a]\n: 1\n",
       "error converting YAML to JSON: yaml: invalid map key: []interface {}{\"a\"}"},
      {"a: !!int abc\n",
       "error converting YAML to JSON: yaml: cannot decode !!str `abc` as a !!int"},
      {"a: !!int 1.5\n",
       "error converting YAML to JSON: yaml: cannot decode !!float `1.5` as a !!int"},
      {"a: &a [*a]\n", "error converting YAML to JSON: yaml: anchor 'a' value contains itself"},
      {"a: [1\n", "error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"},
      {"a: 1\n  b: 2\n",
       "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this "
       "context"},
      {"a: *nope\n", "error converting YAML to JSON: yaml: unknown anchor 'nope' referenced"},
      {"a: !!timestamp nope\n",
       "error converting YAML to JSON: yaml: cannot decode !!str `nope` as a !!timestamp"},
      {"a: !!binary aGVsbG8\n",
       "error converting YAML to JSON: yaml: !!binary value contains invalid base64 data"},
      {"a:\n  <<: 1\n",
       "error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the "
       "value"},
      {"18446744073709551615: x\n",
       "error converting YAML to JSON: unsupported map key of type: uint64, key: "
       "0xffffffffffffffff, value: \"x\""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.yaml);
    auto value = parse_values_yaml(c.yaml, "values.yaml");
    REQUIRE_FALSE(value.ok());
    CHECK(value.error().code == Error::Code::kInvalidInput);
    CHECK(value.error().source == "values.yaml");
    INFO(value.error().message);
    CHECK(value.error().message.find(c.message) == 0);
  }
}

TEST_CASE("syntax errors read as helm's") {
  // What helm 3.17.3 printed for a chart with this values.yaml, after "Error: cannot load
  // values.yaml: error converting YAML to JSON: yaml: ". The line rule is go-yaml's (the line
  // before the problem for parser errors, none on line 0); only the first document counts.
  struct Case {
    std::string yaml;
    std::string message;  // empty: helm accepts it
  };
  const Case cases[] = {
      {"a:\n\tb: 1\n", "line 2: found character that cannot start any token"},
      {"a: \x01\n", "control characters are not allowed"},
      {"a: \xff\n", "invalid leading UTF-8 octet"},
      {"a: 'x\n", "line 2: found unexpected end of stream"},
      {"key: [a, b]]\n", "did not find expected key"},
      {"%YAML 2.0\n---\na: 1\n", "found incompatible YAML document"},
      {"- a\nb: c\n", "line 1: did not find expected '-' indicator"},
      {"a:\n  - b\n  c: d\n", "line 2: did not find expected '-' indicator"},
      {"a: b\nc\n", "line 3: could not find expected ':'"},
      {"x: @foo\n", "found character that cannot start any token"},
      {"a: `x`\n", "found character that cannot start any token"},
      {"a: \"\\q\"\n", "found unknown escape character"},
      {"a: [b, c]: d\n", "mapping values are not allowed in this context"},
      {"\n\n\na: [1,\n\nb: 2\n", "line 6: did not find expected ',' or ']'"},
      {"a:\n  b: 1\n c: 2\n", "line 2: did not find expected key"},
      {"--- [\n", "line 1: did not find expected node content"},
      {"a: |\n x\n y: 1\n", ""},
      {"---\na: 1\n---\nb: [\n", ""},
      {"a: 1\n...\nb: [\n", ""},
      {"a: 1\n--- b: [\n", ""},
      {"a: {b: 1, c}\n", ""},
      {"&a a: b\n*a : c\n", ""},
      {"? a\n", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.yaml);
    auto value = parse_values_yaml(c.yaml, "values.yaml");
    if (c.message.empty()) {
      CHECK(value.ok());
      continue;
    }
    REQUIRE_FALSE(value.ok());
    CHECK(value.error().message == "error converting YAML to JSON: yaml: " + c.message);
  }
}

TEST_CASE("nesting beyond 1000 levels is refused, not a crash") {
  auto deep = parse_yaml(std::string(100000, '['), "f");
  REQUIRE_FALSE(deep.ok());
  CHECK(deep.error().message == "error converting YAML to JSON: yaml: exceeded max depth of 1000");
  CHECK(parse_yaml(std::string(1000, '[') + std::string(1000, ']'), "f").ok());
  CHECK_FALSE(parse_yaml(std::string(1001, '[') + std::string(1001, ']'), "f").ok());
  // Aliases nest documents that are each within the bound.
  std::string yaml = "a: &a " + std::string(600, '[') + std::string(600, ']') +
                     "\nb: " + std::string(600, '[') + "*a" + std::string(600, ']') + "\n";
  auto aliased = parse_yaml(yaml, "f");
  REQUIRE_FALSE(aliased.ok());
  CHECK(aliased.error().message ==
        "error converting YAML to JSON: yaml: exceeded max depth of 1000");
}

TEST_CASE("an alias bomb stops at yaml.v2's excessive aliasing limit") {
  std::string yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char name = 'b'; name <= 'j'; ++name) {
    const char previous = static_cast<char>(name - 1);
    yaml += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) yaml += std::string(i ? ", *" : "*") + previous;
    yaml += "]\n";
  }
  auto value = parse_values_yaml(yaml, "bomb.yaml");
  REQUIRE_FALSE(value.ok());
  CHECK(value.error().message.find("excessive aliasing") != std::string::npos);
}

TEST_CASE("parse_yaml keeps any top-level kind") {
  CHECK(*parse_yaml("- 1\n- a\n", "f") == Value::list({1.0, "a"}));
  CHECK(*parse_yaml("7", "f") == Value(7.0));
  CHECK(parse_yaml("", "f")->is_null());
  CHECK(parse_yaml("~", "f")->is_null());
  CHECK(*parse_yaml("!!timestamp 2001-02-03", "f") == Value("2001-02-03"));
  CHECK_FALSE(parse_yaml("!!timestamp nope", "f").ok());
  CHECK(*parse_yaml("!!bool yes", "f") == Value(true));
  CHECK(*parse_yaml("!!null ''", "f") == Value());
  CHECK(*parse_yaml("-0x1F", "f") == Value(-31.0));
  CHECK(*parse_yaml("0x", "f") == Value("0x"));
  CHECK(*parse_yaml("1e-400", "f") == Value(0.0));
  CHECK(*parse_yaml("'<<'", "f") == Value("<<"));
  CHECK(*parse_yaml("{x: &v 1, z: *v}", "f") == Value::map({{"x", 1.0}, {"z", 1.0}}));
  CHECK(*parse_yaml("a: !!str", "f") == Value::map({{"a", ""}}));
}

}  // namespace chartmirror::charts::values
