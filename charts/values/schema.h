// charts/values/schema.h — values.schema.json validation as Helm 3.17 does it.
//
// Helm 3.17 validates the coalesced values of every chart that has a values.schema.json
// with github.com/xeipuuv/gojsonschema v1.2.0 (pkg/chartutil/jsonschema.go), after
// `helm template/install` has coalesced them, and fails with
//   values don't meet the specifications of the schema(s) in the following chart(s):
//   NAME:
//   - FIELD: DESCRIPTION
// one block per chart, parents before their subcharts, FIELD being the dotted path of the
// offending value ("(root)" for the top, "image.tag", "list.1"). The descriptions here are
// gojsonschema's. Supported keywords (drafts 4, 6 and 7 mixed, as gojsonschema's default):
// type (a name or a list; an integer is any whole number), properties, required,
// additionalProperties, patternProperties, propertyNames, minProperties, maxProperties,
// dependencies, items (one schema or a list), additionalItems, contains, minItems, maxItems,
// uniqueItems, enum, const (compared as JSON with numbers as float64, so 1 equals 1.0),
// minimum, maximum, exclusiveMinimum, exclusiveMaximum (a number, or draft 4's boolean),
// multipleOf, minLength, maxLength (counting code points), pattern, allOf, anyOf (with the
// errors of the closest branch), oneOf, not, if/then/else, true/false schemas, and $ref to
// a JSON pointer within the same document ("#", "#/definitions/x", "#/$defs/x"); siblings of
// $ref are ignored, as in draft 7.
//
// Differences from gojsonschema, on purpose or by limitation:
//   - `format` is not checked (gojsonschema checks date-time, email, ipv4, uri, ... ).
//   - `pattern` and `patternProperties` use std::regex ECMAScript, not Go's RE2: the common
//     syntax agrees; RE2-only constructs ((?i), \z, (?P<n>...)) make the schema invalid here,
//     and '.' matches a byte, not a code point.
//   - numbers are compared as doubles, not as exact rationals (multipleOf is exact for
//     decimal numbers up to 18 significant digits).
//   - $ref to another document (a URL or a file) is an error; Helm would fetch it.
//   - where gojsonschema reports the errors of several properties in Go's random map order,
//     they are reported in key order.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "charts/error.h"
#include "charts/values/value.h"
#include "charts/values/values_tree.h"
#include "support/result.h"

namespace chartmirror::charts::values {

class Schema {
 public:
  // Compiles a schema; `source` names it in errors. An error here is one Helm reports too
  // (JSON syntax, a keyword of the wrong kind), though not always in its words.
  [[nodiscard]] static Result<Schema, Error> parse(std::string_view json, std::string_view source);

  // The violations of `values` (null is validated as an empty map, as Helm does), each as
  // "FIELD: DESCRIPTION"; empty when the values are valid.
  [[nodiscard]] std::vector<std::string> validate(const Value& values) const;

  // The compiled form, defined in schema_node.h (internal).
  struct Node;
  struct Compiled;

 private:
  explicit Schema(std::shared_ptr<const Compiled> compiled) : compiled_(std::move(compiled)) {}

  std::shared_ptr<const Compiled> compiled_;
};

// chartutil.ValidateAgainstSchema: `values` are the coalesced values of `chart` (its
// subcharts' under their names). Reads `name`, `schema` and `subcharts` of the tree.
[[nodiscard]] Status<Error> validate_values(const ValuesTree& chart, const Value& values);

}  // namespace chartmirror::charts::values
