// charts/template/go_type.h — Go values with a named type and methods (Helm's .Files,
// .Capabilities, .Chart), as the executor's evalField sees them.
//
// A Go-typed value is a values::Value map that carries its type name under the reserved key
// kGoTypeKey; its other entries are its fields (a struct) or its elements (a map type such as
// Helm's engine.files). It is a plain map for everything else, so it survives `dict`, `set`,
// `deepCopy` and being passed to `include` inside a dict, as the Go value does — which is
// the reason for this encoding rather than a separate ExecValue kind: templates routinely
// carry `$` (holding .Files and .Capabilities) inside maps. The reserved key starts with a
// NUL byte, which no template or values file can write, and sorts first; range and len skip
// it.
//
// GoTypes, given to the executor in ExecOptions, says what each type name means: whether it
// is a struct (a missing field is Go's "can't evaluate field X in type T") or a map type
// (a missing key is the map's zero value), and its methods. evalField looks for a method
// first, then a field, as Go does. A method is a Function whose first argument is the
// receiver; its `params` exclude the receiver. A type with a method "String" prints through
// it ({{ .Capabilities.KubeVersion }} is "v1.32.0"), as fmt does for a Stringer.
//
// Not modelled: printing a Go-typed value without String (Go prints {field ...}) and %v of
// it show the reserved key; Sprig's encoders too (Helm's toYaml and toJson remove it:
// without_go_types).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "charts/template/executor.h"
#include "charts/values/value.h"

namespace chartmirror::charts::tmpl {

inline constexpr std::string_view kGoTypeKey{"\0go-type", 8};

struct GoType {
  enum class Kind {
    kStruct,  // fields by name; a missing one is an error
    kMap,     // a Go map type with methods: a missing key is the zero value (`zero`)
    kOpaque,  // no fields at all (a slice type with methods, such as chartutil.VersionSet)
  };
  Kind kind = Kind::kStruct;
  values::Value zero;  // kMap: the element's zero value
  FunctionMap methods;
};

// A Go-typed value: `fields` plus the type marker.
[[nodiscard]] values::Value make_go_value(std::string_view type, values::Value::Map fields);

// The type name of a Go-typed value; null for every other value.
[[nodiscard]] const std::string* go_type_of(const values::Value& value);

// Whether `key` is the reserved type key (range, len and keys skip it).
[[nodiscard]] inline bool is_go_type_key(std::string_view key) { return key == kGoTypeKey; }

// `value` with every type marker removed, for encoders (toYaml, toJson): a Go-typed value
// becomes the map of its fields. (Go would use the fields' json tags, and print a VersionSet
// as a list.)
[[nodiscard]] values::Value without_go_types(const values::Value& value);

}  // namespace chartmirror::charts::tmpl
