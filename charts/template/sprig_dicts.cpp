// Sprig's dict functions (dict.go) that do not change their argument: dict get hasKey pluck
// keys values pick omit dig deepCopy mustDeepCopy. The ones that do (set unset merge
// mergeOverwrite mustMerge mustMergeOverwrite), with Go's map reference semantics, are in
// sprig_dicts_mutate.cpp.
//
// Maps read here are shared, not copied, as Go shares them: `get`, `pick` and `dict` return
// maps that a later `set` changes for every holder. deepCopy is the way out, as in Go.
//
// Go iterates maps in random order, so Go's keys and values return their elements in an
// unspecified order (charts sort them: `keys $m | sortAlpha`); here they come in key order,
// one of Go's possible orders.
#include <string>
#include <string_view>
#include <vector>

#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

const Value::Map kEmptyMap;

// A map[string]interface{} argument of a variadic tail, which the executor passes untyped:
// nil is Go's nil map (empty); any other non-map is refused with Go's evalArg text.
Result<const Value::Map*, GoError> map_arg(const ExecValue& v) {
  if (v.is_nil()) return &kEmptyMap;
  if (!v.value().is_map()) {
    return GoError{"wrong type for value; expected map[string]interface {}; got " + v.type_name()};
  }
  return &v.value().as_map();
}

// A string argument of a variadic tail (Go's ...string).
Result<std::string, GoError> string_arg(const ExecValue& v) {
  if (!v.value().is_string() || v.is_nil()) {
    return GoError{"wrong type for value; expected string; got " + v.type_name()};
  }
  return v.value().as_string();
}

const Value::Map& map_param(const ExecValue& v) {
  return v.value().is_map() ? v.value().as_map() : kEmptyMap;
}

// A Go type assertion x.(T) that failed: "interface conversion: interface {} is T2, not T".
std::string conversion_panic(const ExecValue& v, std::string_view want) {
  const std::string got = v.is_nil() ? "nil" : v.unboxed().type_name();
  return "interface conversion: interface {} is " + got + ", not " + std::string(want);
}

constexpr std::string_view kMapType = "map[string]interface {}";

FunctionResult dig(const Args& a) {
  if (a.size() < 3) return std::string("dig needs at least three arguments");
  const ExecValue& last = a.back();
  if (last.is_nil() || !last.value().is_map()) return conversion_panic(last, kMapType);
  std::vector<std::string> keys;
  for (std::size_t i = 0; i + 2 < a.size(); ++i) {
    if (a[i].is_nil() || !a[i].value().is_string()) return conversion_panic(a[i], "string");
    keys.push_back(a[i].value().as_string());
  }
  const Value* dict = &last.value();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const Value* step = dict->find(keys[i]);
    if (step == nullptr)
      return a[a.size() - 2].is_nil() ? ExecValue::boxed(Value()) : a[a.size() - 2];
    if (i + 1 == keys.size()) return ExecValue::boxed(*step);
    if (!step->is_map()) return conversion_panic(ExecValue::boxed(*step), kMapType);
    dict = step;
  }
  return ExecValue::boxed(Value());
}

}  // namespace

void add_dicts(FunctionMap& m) {
  using P = ParamType;
  m["dict"] = variadic({}, [](CallContext&, Args& a) -> FunctionResult {
    Value::Map out;
    for (std::size_t i = 0; i < a.size(); i += 2) {
      const std::string key = strval(a[i]);
      if (i + 1 >= a.size()) {
        out[key] = Value("");
      } else {
        out[key] = a[i + 1].is_nil() ? Value() : a[i + 1].value();
      }
    }
    return ExecValue(Value(std::move(out)));
  });
  m["get"] = fixed({P::kMap, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    const Value* v = a[0].value().is_map() ? a[0].value().find(a[1].value().as_string()) : nullptr;
    if (v == nullptr) return ExecValue(Value(""));
    return ExecValue::boxed(*v);
  });
  m["hasKey"] = fixed({P::kMap, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(map_param(a[0]).contains(a[1].value().as_string())));
  });
  m["pluck"] = variadic({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    Value::List out;
    const std::string& key = a[0].value().as_string();
    for (std::size_t i = 1; i < a.size(); ++i) {
      auto dict = map_arg(a[i]);
      if (!dict.ok()) return dict.error().message;
      const auto it = (*dict)->find(key);
      if (it != (*dict)->end()) out.push_back(it->second);
    }
    return ExecValue(Value(std::move(out)));
  });
  // keys returns a []string: see sprig.h.
  m["keys"] = variadic({}, [](CallContext&, Args& a) -> FunctionResult {
    Value::List out;
    for (const ExecValue& v : a) {
      auto dict = map_arg(v);
      if (!dict.ok()) return dict.error().message;
      for (const auto& entry : **dict) out.emplace_back(entry.first);
    }
    return ExecValue(Value(std::move(out)));
  });
  m["values"] = fixed({P::kMap}, [](CallContext&, Args& a) -> FunctionResult {
    Value::List out;
    for (const auto& entry : map_param(a[0])) out.push_back(entry.second);
    return ExecValue(Value(std::move(out)));
  });
  m["pick"] = variadic({P::kMap}, [](CallContext&, Args& a) -> FunctionResult {
    const Value::Map& dict = map_param(a[0]);
    Value::Map out;
    for (std::size_t i = 1; i < a.size(); ++i) {
      auto key = string_arg(a[i]);
      if (!key.ok()) return key.error().message;
      const auto it = dict.find(*key);
      if (it != dict.end()) out[*key] = it->second;
    }
    return ExecValue(Value(std::move(out)));
  });
  m["omit"] = variadic({P::kMap}, [](CallContext&, Args& a) -> FunctionResult {
    Value::Map out = map_param(a[0]);
    for (std::size_t i = 1; i < a.size(); ++i) {
      auto key = string_arg(a[i]);
      if (!key.ok()) return key.error().message;
      out.erase(*key);
    }
    return ExecValue(Value(std::move(out)));
  });
  m["dig"] = variadic({}, [](CallContext&, Args& a) { return dig(a); });
  // copystructure.Copy, which panics on nil.
  const Function deep_copy = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    if (a[0].is_nil()) return std::string("reflect: call of reflect.Value.Type on zero Value");
    const Value& v = a[0].value();
    if (!v.is_list() && !v.is_map()) return a[0];
    return a[0].is_boxed() ? ExecValue::boxed(v.deep_copy()) : ExecValue(v.deep_copy());
  });
  m["deepCopy"] = deep_copy;
  m["mustDeepCopy"] = deep_copy;
}

}  // namespace chartmirror::charts::tmpl::sprig
