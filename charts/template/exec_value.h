// charts/template/exec_value.h — the value a template works on: Go's reflect.Value, reduced to
// the kinds Helm's templates meet.
//
// Mapping (Go → ExecValue):
//   reflect.Value{} (invalid: a missing map key, the result of a nil pipeline) → invalid()
//   nil interface{} (a null in a list or map, the literal nil as an argument)   → boxed null
//   bool, string, float64, []interface{}, map[string]interface{}               → values::Value
//   int64 (values from --set)                                                  → kInt64
//   int (number literals, len, range indexes)                                  → kInt
// "Boxed" marks a value still typed interface{}: an element read from a list or a map that no
// pipeline has unwrapped yet (Go's evalPipeline calls Elem() on interface results). It decides
// two things Go prints differently: `.a.b` with `a: null` fails with "nil pointer evaluating
// interface {}.b" while a missing `a` yields no value, and errors about a boxed value name the
// type "interface {}". Go int and int64 print alike with %v; they differ in %T and in bad-verb
// texts (%!s(int=1) vs %!s(int64=1)). Elements stored into lists keep only values::Value, so a
// Go int put into a list reads back as int64 (not met by the builtins of text/template).
// Not modelled: uint and complex kinds (number literals never yield them; `index "ab" 0` gives
// a Go uint8, here an int), pointers and functions. Structs and Go map types with methods are
// maps tagged with their type (go_type.h); type_name() gives that type.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "charts/values/value.h"

namespace chartmirror::charts::tmpl {

class ExecValue {
 public:
  enum class Kind { kInvalid, kNil, kBool, kInt, kInt64, kFloat64, kString, kList, kMap };

  ExecValue() = default;  // invalid
  // A concrete value; a null values::Value is invalid (an unwrapped nil interface).
  ExecValue(values::Value value) : value_(std::move(value)) {}  // NOLINT: implicit on purpose

  [[nodiscard]] static ExecValue invalid() { return {}; }
  // Go's int (not int64).
  [[nodiscard]] static ExecValue go_int(std::int64_t i) {
    ExecValue v{values::Value(i)};
    v.go_int_ = true;
    return v;
  }
  // The value as an element of an interface{}-typed container (see above).
  [[nodiscard]] static ExecValue boxed(values::Value value) {
    ExecValue v{std::move(value)};
    v.boxed_ = true;
    return v;
  }

  [[nodiscard]] Kind kind() const;
  [[nodiscard]] bool is_valid() const { return boxed_ || !value_.is_null(); }
  // Invalid, or a nil interface.
  [[nodiscard]] bool is_nil() const { return value_.is_null(); }
  [[nodiscard]] bool is_boxed() const { return boxed_; }
  [[nodiscard]] bool is_integer() const { return value_.is_int(); }
  [[nodiscard]] const values::Value& value() const { return value_; }

  // Go's evalPipeline unwrapping: an interface{} becomes its content, nil becomes invalid.
  [[nodiscard]] ExecValue unboxed() const;

  // The Go type name, as %T and fmt's bad-verb texts print it: "int", "int64", "float64",
  // "string", "bool", "[]interface {}", "map[string]interface {}"; "interface {}" for a boxed
  // value when `static_type` (the type reflect.Value.Type() reports); "<nil>" when invalid.
  [[nodiscard]] std::string type_name(bool static_type = false) const;

 private:
  values::Value value_;
  bool go_int_ = false;
  bool boxed_ = false;
};

// Go's template truth (exec.go isTrue): false, 0, nil, "" and empty lists and maps are false.
[[nodiscard]] bool is_true(const ExecValue& value);

}  // namespace chartmirror::charts::tmpl
