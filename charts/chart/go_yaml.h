// charts/chart/go_yaml.h — how Helm reads a YAML file into a Go struct, step by step.
//
// Helm reads Chart.yaml with sigs.k8s.io/yaml: go-yaml v2 parses the YAML (YAML 1.1 scalars:
// `yes` is true, `010` is 8, `1.10` is the float 1.1), the result is written as JSON, and
// encoding/json decodes that JSON into the struct. Two rules of that path decide what a chart
// means, and both are kept here:
//   - a number or bool bound for a string field becomes a string on the way (`appVersion: 1.10`
//     is "1.1", `version: 010` is "8", `name: yes` is "true");
//   - keys match fields case-insensitively, an exact match first (`AppVersion:` sets appVersion).
// Anything JSON cannot hold fails, even in fields Helm ignores: NaN or infinite numbers, null
// map keys.
//
// The two steps: to_go_json does the YAML → JSON conversion (given the shape of the target so
// it can coerce), decode_go_json the JSON → struct decoding, producing the struct as a JSON
// object with each field under its declared name.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include "support/result.h"

namespace chartmirror::charts::go {

struct Field;

// The type of the Go value a YAML value is decoded into, as far as decoding depends on it.
struct Shape {
  enum class Kind {
    kAny,     // interface{}: any JSON value, numbers as float64
    kString,  // string
    kBool,    // bool
    kList,    // []T: `element` is T
    kMap,     // map[string]T: `element` is T
    kStruct,  // a struct (through a pointer: a list element may be null): `fields`
  };
  Kind kind = Kind::kAny;
  const Shape* element = nullptr;
  std::span<const Field> fields;
};

struct Field {
  std::string_view name;  // the JSON name of the field's tag
  const Shape* shape;
};

// The first YAML document of `text`, as go-yaml v2 would read it: text that is not UTF-8 or
// holds characters YAML does not allow (controls other than tab, LF, CR) is refused, as go-yaml
// refuses it. The error says why and where ("not valid YAML: ... (line 3)").
[[nodiscard]] Result<YAML::Node, std::string> parse_yaml(std::string_view text);

// The field a key sets: the exact name, else the first whose name equals it ignoring ASCII
// case; null when there is none.
[[nodiscard]] const Field* find_field(const Shape& shape, std::string_view key);

// sigs.k8s.io/yaml's YAMLToJSON of `node`, when it is decoded into `shape`. The error says
// what cannot be converted and where ("annotations.x: ...").
[[nodiscard]] Result<nlohmann::json, std::string> to_go_json(const YAML::Node& node,
                                                             const Shape& shape);

// encoding/json's Unmarshal of `value` into a fresh value of `shape`: a struct is an object
// holding the fields that were set, under their declared names; a null that leaves a field
// unchanged leaves it out; a null that resets a list or map is an empty array or null. A value
// of the wrong type fails, naming the field: "keywords: cannot unmarshal string into []string".
// The result is null when `value` sets nothing.
[[nodiscard]] Result<nlohmann::json, std::string> decode_go_json(const nlohmann::json& value,
                                                                 const Shape& shape);

// Sets the fields `update` sets over `base` (both results of decode_go_json for `shape`), as
// decoding a second document into the same Go struct does: maps are merged key by key,
// everything else is replaced.
void merge_go_struct(nlohmann::json& base, const nlohmann::json& update, const Shape& shape);

}  // namespace chartmirror::charts::go
