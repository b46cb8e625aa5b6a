// Sprig's list functions (list.go). Sprig's non-must functions panic where the must ones
// return an error; text/template reports both as "error calling NAME: MESSAGE", so each pair
// shares one implementation.
//
// Divergences (see sprig.h): a Go int stored in a list reads back as int64, so `has`, `uniq`
// and `without`, which compare with reflect.DeepEqual, treat int and int64 alike (Go does
// not); rest and initial of an empty list return Go's nil slice, which toJson writes as
// "null" and this as "[]".
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>

#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;
using List = Value::List;

// A list argument: Go's nil-pointer panic for nil, `message` + " " + its kind for a value
// that is not a list.
Result<const List*, GoError> list_arg(const ExecValue& v, std::string_view message) {
  if (v.is_nil()) return GoError{std::string(kNilDereference)};
  if (!v.value().is_list()) return GoError{std::string(message) + " " + kind_name(v)};
  return &v.value().as_list();
}

bool in_list(const List& haystack, const Value& needle) {
  for (const Value& h : haystack) {
    if (h == needle) return true;
  }
  return false;
}

Value element(const ExecValue& v) { return v.is_nil() ? Value() : v.value(); }

// NAME and mustNAME.
void register_both(FunctionMap& m, const std::string& name, const Function& f) {
  m[name] = f;
  std::string must = "must" + name;
  must[4] = static_cast<char>(std::toupper(static_cast<unsigned char>(must[4])));
  m[must] = f;
}

}  // namespace

void add_lists(FunctionMap& m) {
  using P = ParamType;
  // list returns its arguments as a []interface{}; nil and missing values become nil
  // elements, and a Go int element reads back as int64 (see exec_value.h).
  m["list"] = variadic({}, [](CallContext&, Args& a) -> FunctionResult {
    List out;
    out.reserve(a.size());
    for (const ExecValue& v : a) out.push_back(element(v));
    return ExecValue(Value(std::move(out)));
  });
  m["tuple"] = m["list"];
  const Function push = fixed({P::kAny, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    auto list = list_arg(a[0], "Cannot push on type");
    if (!list.ok()) return list.error().message;
    List out = **list;
    out.push_back(element(a[1]));
    return ExecValue(Value(std::move(out)));
  });
  register_both(m, "append", push);
  register_both(m, "push", push);
  register_both(m, "prepend",
                fixed({P::kAny, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
                  auto list = list_arg(a[0], "Cannot prepend on type");
                  if (!list.ok()) return list.error().message;
                  List out;
                  out.reserve((*list)->size() + 1);
                  out.push_back(element(a[1]));
                  out.insert(out.end(), (*list)->begin(), (*list)->end());
                  return ExecValue(Value(std::move(out)));
                }));
  register_both(m, "chunk", fixed({P::kInt, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
                  auto list = list_arg(a[1], "Cannot chunk type");
                  if (!list.ok()) return list.error().message;
                  const std::int64_t size = a[0].value().as_int();
                  const List& items = **list;
                  // Go computes the chunk count in float64; a size below 1 makes a negative
                  // length.
                  if (size <= 0) return std::string("runtime error: makeslice: len out of range");
                  List out;
                  for (std::size_t i = 0; i < items.size(); i += static_cast<std::size_t>(size)) {
                    const std::size_t end =
                        std::min(items.size(), i + static_cast<std::size_t>(size));
                    out.emplace_back(List(items.begin() + static_cast<std::ptrdiff_t>(i),
                                          items.begin() + static_cast<std::ptrdiff_t>(end)));
                  }
                  return ExecValue(Value(std::move(out)));
                }));
  register_both(m, "first", fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
                  auto list = list_arg(a[0], "Cannot find first on type");
                  if (!list.ok()) return list.error().message;
                  if ((*list)->empty()) return ExecValue::boxed(Value());
                  return ExecValue::boxed((*list)->front());
                }));
  register_both(m, "last", fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
                  auto list = list_arg(a[0], "Cannot find last on type");
                  if (!list.ok()) return list.error().message;
                  if ((*list)->empty()) return ExecValue::boxed(Value());
                  return ExecValue::boxed((*list)->back());
                }));
  register_both(m, "rest", fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
                  auto list = list_arg(a[0], "Cannot find rest on type");
                  if (!list.ok()) return list.error().message;
                  if ((*list)->empty()) return ExecValue(Value(List{}));
                  return ExecValue(Value(List((*list)->begin() + 1, (*list)->end())));
                }));
  register_both(m, "initial", fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
                  auto list = list_arg(a[0], "Cannot find initial on type");
                  if (!list.ok()) return list.error().message;
                  if ((*list)->empty()) return ExecValue(Value(List{}));
                  return ExecValue(Value(List((*list)->begin(), (*list)->end() - 1)));
                }));
  register_both(m, "reverse", fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
                  auto list = list_arg(a[0], "Cannot find reverse on type");
                  if (!list.ok()) return list.error().message;
                  return ExecValue(Value(List((*list)->rbegin(), (*list)->rend())));
                }));
  register_both(m, "compact", fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
                  auto list = list_arg(a[0], "Cannot compact on type");
                  if (!list.ok()) return list.error().message;
                  List out;
                  for (const Value& v : **list) {
                    if (!empty(ExecValue::boxed(v))) out.push_back(v);
                  }
                  return ExecValue(Value(std::move(out)));
                }));
  register_both(m, "uniq", fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
                  auto list = list_arg(a[0], "Cannot find uniq on type");
                  if (!list.ok()) return list.error().message;
                  List out;
                  for (const Value& v : **list) {
                    if (!in_list(out, v)) out.push_back(v);
                  }
                  return ExecValue(Value(std::move(out)));
                }));
  register_both(m, "without", variadic({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
                  auto list = list_arg(a[0], "Cannot find without on type");
                  if (!list.ok()) return list.error().message;
                  List omit;
                  for (std::size_t i = 1; i < a.size(); ++i) omit.push_back(element(a[i]));
                  List out;
                  for (const Value& v : **list) {
                    if (!in_list(omit, v)) out.push_back(v);
                  }
                  return ExecValue(Value(std::move(out)));
                }));
  register_both(m, "has", fixed({P::kAny, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
                  if (a[1].is_nil()) return ExecValue(Value(false));
                  auto list = list_arg(a[1], "Cannot find has on type");
                  if (!list.ok()) return list.error().message;
                  return ExecValue(Value(in_list(**list, element(a[0]))));
                }));
  // Sprig's slice replaces text/template's builtin of that name in Helm.
  register_both(m, "slice", variadic({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
                  auto list = list_arg(a[0], "list should be type of slice or array but");
                  if (!list.ok()) return list.error().message;
                  const List& items = **list;
                  if (items.empty()) return ExecValue::boxed(Value());
                  const auto size = static_cast<std::int64_t>(items.size());
                  const std::int64_t start = a.size() > 1 ? to_int64(a[1]) : 0;
                  const std::int64_t end = a.size() > 2 ? to_int64(a[2]) : size;
                  if (start < 0 || end < start || end > size) {
                    return std::string("reflect.Value.Slice: slice index out of bounds");
                  }
                  return ExecValue::boxed(Value(List(items.begin() + start, items.begin() + end)));
                }));
  m["concat"] = variadic({}, [](CallContext&, Args& a) -> FunctionResult {
    List out;
    for (const ExecValue& v : a) {
      if (v.is_nil()) return std::string(kNilDereference);
      if (!v.value().is_list()) return "Cannot concat type " + kind_name(v) + " as list";
      const List& items = v.value().as_list();
      out.insert(out.end(), items.begin(), items.end());
    }
    return ExecValue::boxed(Value(std::move(out)));
  });
}

}  // namespace chartmirror::charts::tmpl::sprig
