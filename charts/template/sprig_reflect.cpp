// Sprig's reflection functions (reflect.go, functions.go): typeOf typeIs typeIsLike kindOf
// kindIs deepEqual. Type names are ExecValue's Go types (see sprig.h for the []string and
// map[string]string results that print as []interface {} and map[string]interface {}); Helm's
// named types (.Values is a chartutil.Values) are not known here.
#include <string>

#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

// fmt's %T of an interface{} argument: "<nil>" for nil.
std::string type_of(const ExecValue& v) { return v.is_nil() ? "<nil>" : v.unboxed().type_name(); }

}  // namespace

void add_reflect(FunctionMap& m) {
  using P = ParamType;
  m["typeOf"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(type_of(a[0])));
  });
  m["typeIs"] = fixed({P::kString, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(a[0].value().as_string() == type_of(a[1])));
  });
  m["typeIsLike"] = fixed({P::kString, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    const std::string& target = a[0].value().as_string();
    const std::string type = type_of(a[1]);
    return ExecValue(Value(target == type || "*" + target == type));
  });
  m["kindOf"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(kind_name(a[0])));
  });
  m["kindIs"] = fixed({P::kString, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(a[0].value().as_string() == kind_name(a[1])));
  });
  // reflect.DeepEqual: the Go types must match (int, int64 and float64 differ); inside lists
  // and maps a Go int reads as int64 (exec_value.h).
  m["deepEqual"] = fixed({P::kAny, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    if (a[0].is_nil() || a[1].is_nil()) return ExecValue(Value(a[0].is_nil() && a[1].is_nil()));
    const bool same = a[0].kind() == a[1].kind() && a[0].value() == a[1].value();
    return ExecValue(Value(same));
  });
}

}  // namespace chartmirror::charts::tmpl::sprig
