#include "charts/values/schema.h"

#include <algorithm>

#include <doctest/doctest.h>

#include "charts/values/set_parser.h"
#include "charts/values/yaml.h"

namespace chartmirror::charts::values {
namespace {

Value yaml(std::string_view text) { return *parse_values_yaml(text, "values.yaml"); }

using Lines = std::vector<std::string>;

// The lines joined, so that a failed CHECK shows them.
std::string joined(const Lines& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

std::string violations(std::string_view schema, std::string_view values) {
  auto compiled = Schema::parse(schema, "values.schema.json");
  REQUIRE_MESSAGE(compiled.ok(), compiled.error().message);
  return joined(compiled->validate(yaml(values)));
}

}  // namespace

TEST_CASE("each keyword reports what gojsonschema reports") {
  struct Case {
    std::string keyword;
    std::string schema;
    std::string values;
    Lines expected;
  };
  const Case cases[] = {
      {"type",
       R"({"properties": {"a": {"type": "string"}}})",
       "a: 1",
       {"a: Invalid type. Expected: string, given: integer"}},
      {"type number",
       R"({"properties": {"a": {"type": "integer"}}})",
       "a: 1.5",
       {"a: Invalid type. Expected: integer, given: number"}},
      {"type whole float is integer",
       R"({"properties": {"a": {"type": "integer"}}})",
       "a: 2.0",
       {}},
      {"type list",
       R"({"properties": {"a": {"type": ["string", "null"]}}})",
       "a: [1]",
       {"a: Invalid type. Expected: [string,null], given: array"}},
      {"type null",
       R"({"properties": {"a": {"type": "object"}}})",
       "a: null",
       {"a: Invalid type. Expected: object, given: null"}},
      {"type boolean",
       R"({"type": "object", "properties": {"a": {"type": "boolean"}}})",
       "a: 'yes'",
       {"a: Invalid type. Expected: boolean, given: string"}},
      {"required", R"({"required": ["a", "b"]})", "a: 1", {"(root): b is required"}},
      {"required nested",
       R"({"properties": {"x": {"required": ["b"]}}})",
       "x: {}",
       {"x: b is required"}},
      {"properties",
       R"({"properties": {"a": {"properties": {"b": {"maximum": 1}}}}})",
       "a: {b: 2}",
       {"a.b: Must be less than or equal to 1"}},
      {"additionalProperties false",
       R"({"properties": {"a": {}}, "additionalProperties": false})",
       "a: 1\nb: 2\nc: 3",
       {"(root): Additional property b is not allowed",
        "(root): Additional property c is not allowed"}},
      {"additionalProperties schema",
       R"({"additionalProperties": {"type": "string"}})",
       "a: x\nb: 2",
       {"b: Invalid type. Expected: string, given: integer"}},
      {"patternProperties",
       R"({"patternProperties": {"^x-": {"type": "string"}},
                               "additionalProperties": false})",
       "x-a: 1\nz: 2",
       {"x-a: Invalid type. Expected: string, given: integer",
        "(root): Additional property z is not allowed"}},
      {"propertyNames",
       R"({"propertyNames": {"maxLength": 2}})",
       "ab: 1\nabc: 2",
       {"(root): Property name of \"abc\" does not match",
        "(root): String length must be less than or equal to 2"}},
      {"minProperties",
       R"({"minProperties": 2})",
       "a: 1",
       {"(root): Must have at least 2 properties"}},
      {"maxProperties",
       R"({"maxProperties": 1})",
       "a: 1\nb: 2",
       {"(root): Must have at most 1 properties"}},
      {"dependencies",
       R"({"dependencies": {"a": ["b"], "c": {"required": ["d"]}}})",
       "a: 1\nc: 1",
       {"(root): Has a dependency on b", "(root): d is required"}},
      {"items",
       R"({"properties": {"l": {"items": {"type": "integer"}}}})",
       "l: [1, x, 2.5]",
       {"l.1: Invalid type. Expected: integer, given: string",
        "l.2: Invalid type. Expected: integer, given: number"}},
      {"items list",
       R"({"properties": {"l": {"items": [{"type": "string"}],
                          "additionalItems": false}}})",
       "l: [1, 2]",
       {"l.0: Invalid type. Expected: string, given: integer",
        "l: No additional items allowed on array"}},
      {"contains",
       R"({"properties": {"l": {"contains": {"const": 3}}}})",
       "l: [1, 2]",
       {"l: At least one of the items must match", "l.0: l.0 does not match: 3"}},
      {"minItems",
       R"({"properties": {"l": {"minItems": 2}}})",
       "l: [1]",
       {"l: Array must have at least 2 items"}},
      {"maxItems",
       R"({"properties": {"l": {"maxItems": 1}}})",
       "l: [1, 2]",
       {"l: Array must have at most 1 items"}},
      {"uniqueItems",
       R"({"properties": {"l": {"uniqueItems": true}}})",
       "l: [1, 1.0, {a: 1}, {a: 1}, 1]",
       {"l: array items[0,1] must be unique", "l: array items[2,3] must be unique",
        "l: array items[1,4] must be unique"}},
      {"enum",
       R"({"properties": {"e": {"enum": ["x", "<y>", 1, null]}}})",
       "e: z",
       {R"(e: e must be one of the following: "x", "\u003cy\u003e", 1, null)"}},
      {"enum match",
       R"({"properties": {"e": {"enum": [1, {"a": [true]}]}}})",
       "e: {a: [true]}",
       {}},
      {"const",
       R"({"properties": {"c": {"const": {"a": 1}}}})",
       "c: x",
       {R"(c: c does not match: {"a":1})"}},
      {"minimum",
       R"({"properties": {"num": {"minimum": 3}}})",
       "num: 2",
       {"num: Must be greater than or equal to 3"}},
      {"maximum",
       R"({"properties": {"num": {"maximum": 4.5}}})",
       "num: 5",
       {"num: Must be less than or equal to 4.5"}},
      {"exclusiveMinimum",
       R"({"properties": {"num": {"exclusiveMinimum": 3}}})",
       "num: 3",
       {"num: Must be greater than 3"}},
      {"exclusiveMaximum",
       R"({"properties": {"num": {"exclusiveMaximum": 1000000}}})",
       "num: 1000000",
       {"num: Must be less than 1e+06"}},
      {"exclusiveMinimum draft 4",
       R"({"properties": {"num": {"minimum": 3, "exclusiveMinimum": true}}})",
       "num: 3",
       {"num: Must be greater than 3"}},
      {"multipleOf",
       R"({"properties": {"k": {"multipleOf": 0.1}, "m": {"multipleOf": 0.1}}})",
       "k: 0.3\nm: 0.35",
       {"m: Must be a multiple of 0.1"}},
      {"minimum ignores strings", R"({"properties": {"num": {"minimum": 3}}})", "num: '1'", {}},
      {"minLength",
       R"({"properties": {"s": {"minLength": 3}}})",
       "s: é1",
       {"s: String length must be greater than or equal to 3"}},
      {"maxLength",
       R"({"properties": {"s": {"maxLength": 2}}})",
       "s: éèà",
       {"s: String length must be less than or equal to 2"}},
      {"pattern",
       R"({"properties": {"s": {"pattern": "^a+$"}, "t": {"pattern": "b"}}})",
       "s: b\nt: abc",
       {"s: Does not match pattern '^a+$'"}},
      {"format is not checked", R"({"properties": {"s": {"format": "email"}}})", "s: nope", {}},
      {"allOf",
       R"({"allOf": [{"required": ["a"]}, {"required": ["b"]}]})",
       "a: 1",
       {"(root): b is required", "(root): Must validate all the schemas (allOf)"}},
      {"anyOf",
       R"({"properties": {"o": {"anyOf": [{"type": "string"},
                                                  {"type": "integer", "minimum": 10}]}}})",
       "o: 3",
       {"o: Must validate at least one schema (anyOf)", "o: Must be greater than or equal to 10"}},
      {"oneOf none",
       R"({"properties": {"o": {"oneOf": [{"type": "string"}, {"minimum": 10}]}}})",
       "o: 3",
       {"o: Must validate one and only one schema (oneOf)",
        "o: Must be greater than or equal to 10"}},
      {"oneOf two",
       R"({"properties": {"o": {"oneOf": [{"type": "integer"}, {"minimum": 1}]}}})",
       "o: 3",
       {"o: Must validate one and only one schema (oneOf)"}},
      {"not",
       R"({"properties": {"o": {"not": {"type": "string"}}}})",
       "o: x",
       {"o: Must not validate the schema (not)"}},
      {"if then",
       R"({"if": {"required": ["tls"]}, "then": {"required": ["cert"]},
                      "else": {"required": ["plain"]}})",
       "tls: true",
       {R"((root): Must validate "then" as "if" was valid)", "(root): cert is required"}},
      {"if else",
       R"({"if": {"required": ["tls"]}, "then": {"required": ["cert"]},
                      "else": {"required": ["plain"]}})",
       "x: 1",
       {R"((root): Must validate "else" as "if" was not valid)", "(root): plain is required"}},
      {"false schema",
       R"({"properties": {"gone": false}})",
       "gone: 1",
       {"gone: False always fails validation"}},
      {"true schema", "true", "a: 1", {}},
      {"$ref definitions",
       R"({"definitions": {"port": {"type": "integer", "maximum": 65535}},
                               "properties": {"p": {"$ref": "#/definitions/port",
                                                    "type": "string"}}})",
       "p: 70000",
       {"p: Must be less than or equal to 65535"}},
      {"$ref $defs",
       R"({"$defs": {"s": {"type": "string"}},
                         "properties": {"a": {"$ref": "#/$defs/s"}}})",
       "a: 1",
       {"a: Invalid type. Expected: string, given: integer"}},
      {"$ref recursive",
       R"({"properties": {"name": {"type": "string"},
                                            "child": {"$ref": "#"}}})",
       "child: {child: {name: 1}}",
       {"child.child.name: Invalid type. Expected: string, given: integer"}},
      {"$ref escaped",
       R"({"definitions": {"a/b~": {"type": "string"}},
                           "properties": {"v": {"$ref": "#/definitions/a~1b~0"}}})",
       "v: 1",
       {"v: Invalid type. Expected: string, given: integer"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.keyword);
    CHECK(violations(c.schema, c.values) == joined(c.expected));
  }
}

TEST_CASE("a schema that refers to itself without descending stops with an error") {
  auto schema = Schema::parse(R"({"allOf": [{"$ref": "#"}]})", "s");
  REQUIRE(schema.ok());
  const auto lines = schema->validate(yaml("a: 1"));
  REQUIRE_FALSE(lines.empty());
  CHECK(lines.front() == "(root): schema recursion deeper than 1000");
}

TEST_CASE("a null document validates as an empty map") {
  auto schema = Schema::parse(R"({"type": "object", "required": ["a"]})", "s");
  REQUIRE(schema.ok());
  CHECK(schema->validate(Value()) == Lines{"(root): a is required"});
}

TEST_CASE("invalid schemas are refused") {
  const char* const bad[] = {
      "{",
      R"({"type": "text"})",
      R"({"type": ["string", "string"]})",
      R"({"properties": []})",
      R"({"required": "a"})",
      R"({"pattern": "("})",
      R"({"minLength": -1})",
      R"({"multipleOf": 0})",
      R"({"enum": [1, 1.0]})",
      R"({"$ref": "https://example.com/schema.json"})",
      R"({"$ref": "#/definitions/missing"})",
      R"({"exclusiveMinimum": true})",
      R"({"items": 3})",
  };
  for (const char* schema : bad) {
    CAPTURE(schema);
    auto parsed = Schema::parse(schema, "values.schema.json");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == Error::Code::kInvalidInput);
    CHECK(parsed.error().source == "values.schema.json");
  }
}

TEST_CASE("schema errors Helm reports read as Helm's") {
  // helm 3.17.3 printed these after "NAME:\n" for each values.schema.json.
  struct Case {
    std::string schema;
    std::string message;
  };
  const Case cases[] = {
      {R"({"type": "text"})",
       "has a primitive type that is NOT VALID -- given: /text/ Expected valid values "
       "are:[array boolean integer number null object string]"},
      {R"({"pattern": "("})", "pattern must be a valid regex"},
      {R"({"$ref": "#/definitions/missing"})", "Object has no key 'definitions'"},
      {R"({"minProperties": 2, "maxProperties": 0})",
       "minProperties cannot be greater than maxProperties"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.schema);
    const ValuesTree tree{.name = "s2", .schema = c.schema};
    auto status = validate_values(tree, yaml("a: 1"));
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().message ==
          "values don't meet the specifications of the schema(s) in the following chart(s):\n"
          "s2:\n" +
              c.message);
  }
}

TEST_CASE("validate_values reports every chart of the tree in Helm's format") {
  // helm 3.17.3, chart "s" with this schema and --set
  // 'a=1,e=z,n=1,m=5.05,arr={1,1.5,1},p=b,o=3,c=x,zz=1', printed these lines (the property
  // lines in Go's map order; here they come in key order).
  const std::string schema =
      R"({"type":"object","properties":{"a":{"type":"string"},"e":{"enum":["x","<y>",1]},)"
      R"("n":{"type":["string","null"],"minimum":3},"m":{"minimum":3,"maximum":4.5,)"
      R"("multipleOf":0.1},"arr":{"items":{"type":"integer"},"uniqueItems":true,"minItems":5},)"
      R"("p":{"pattern":"^a+$","minLength":3},"o":{"anyOf":[{"type":"string"},{"type":)"
      R"("integer","minimum":10}]},"c":{"const":{"a":1}}},"required":["b"],)"
      R"("additionalProperties":false})";
  Value values;
  REQUIRE(
      parse_set_into("a=1,e=z,n=1,m=5.05,arr={1,1.5,1},p=b,o=3,c=x,zz=1", values, SetMode::kTyped)
          .ok());
  const ValuesTree sub{.name = "sub", .schema = R"({"required": ["must"]})"};
  const ValuesTree other{.name = "other"};
  const ValuesTree tree{.name = "s", .schema = schema, .subcharts = {sub, other}};
  auto status = validate_values(tree, values);
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().message ==
        "values don't meet the specifications of the schema(s) in the following chart(s):\n"
        "s:\n"
        "- (root): b is required\n"
        "- (root): Additional property zz is not allowed\n"
        "- a: Invalid type. Expected: string, given: integer\n"
        "- arr.1: Invalid type. Expected: integer, given: string\n"
        "- arr: Array must have at least 5 items\n"
        "- arr: array items[0,2] must be unique\n"
        "- c: c does not match: {\"a\":1}\n"
        "- e: e must be one of the following: \"x\", \"\\u003cy\\u003e\", 1\n"
        "- n: Invalid type. Expected: [string,null], given: integer\n"
        "- o: Must validate at least one schema (anyOf)\n"
        "- o: Must be greater than or equal to 10\n"
        "- p: String length must be greater than or equal to 3\n"
        "- p: Does not match pattern '^a+$'\n"
        "sub:\n"
        "- (root): must is required\n");

  // Valid values, and a chart without a schema, pass.
  const ValuesTree lenient{.name = "s", .subcharts = {other}};
  CHECK(validate_values(lenient, values).ok());
  // A schema that does not compile is reported under its chart.
  const ValuesTree broken{.name = "b", .schema = "{"};
  auto broken_status = validate_values(broken, Value());
  REQUIRE_FALSE(broken_status.ok());
  CHECK(broken_status.error().message.find("following chart(s):\nb:\n") != std::string::npos);
}

}  // namespace chartmirror::charts::values
