#include "charts/template/exec_value.h"

#include "charts/template/go_type.h"

namespace chartmirror::charts::tmpl {

using values::Value;

ExecValue::Kind ExecValue::kind() const {
  switch (value_.kind()) {
    case Value::Kind::kNull:
      return boxed_ ? Kind::kNil : Kind::kInvalid;
    case Value::Kind::kBool:
      return Kind::kBool;
    case Value::Kind::kInt:
      return go_int_ ? Kind::kInt : Kind::kInt64;
    case Value::Kind::kFloat:
      return Kind::kFloat64;
    case Value::Kind::kString:
      return Kind::kString;
    case Value::Kind::kList:
      return Kind::kList;
    case Value::Kind::kMap:
      return Kind::kMap;
  }
  return Kind::kInvalid;
}

ExecValue ExecValue::unboxed() const {
  ExecValue out = *this;
  out.boxed_ = false;
  return out;
}

std::string ExecValue::type_name(bool static_type) const {
  if (static_type && boxed_) return "interface {}";
  switch (kind()) {
    case Kind::kInvalid:
    case Kind::kNil:
      return "<nil>";
    case Kind::kInt:
      return "int";
    case Kind::kMap:
      if (const std::string* type = go_type_of(value_)) return *type;
      return values::go_type_name(value_);
    default:
      return values::go_type_name(value_);
  }
}

bool is_true(const ExecValue& value) {
  const Value& v = value.value();
  switch (v.kind()) {
    case Value::Kind::kNull:
      return false;
    case Value::Kind::kBool:
      return v.as_bool();
    case Value::Kind::kInt:
      return v.as_int() != 0;
    case Value::Kind::kFloat:
      return v.as_float() != 0;
    case Value::Kind::kString:
      return !v.as_string().empty();
    case Value::Kind::kList:
      return v.size() > 0;
    case Value::Kind::kMap:
      // A struct is always true; a Go map type counts its elements, not its marker.
      if (go_type_of(v) != nullptr) return v.size() > 1;
      return v.size() > 0;
  }
  return false;
}

}  // namespace chartmirror::charts::tmpl
