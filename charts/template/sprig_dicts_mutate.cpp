// Sprig's dict functions that change the map they are given (dict.go): set unset merge
// mergeOverwrite mustMerge mustMergeOverwrite.
//
// A Go map is a reference: `$_ := set $d "k" 1` changes the map $d names, and
// `set .Values.a "x" 1` is visible through `.Values.a.x` afterwards. These functions work
// through values::Value::shared_map(), which changes the map every copy of the Value holds.
//
// merge and mergeOverwrite are dario.cat/mergo v1.0.1's Merge (WithOverride for the second)
// of each source into the destination in turn, on map[string]interface{} values, which
// reduces to this, for each key K of a source (S = src[K], D = dst[K] when present):
//   - S nil: with override dst[K] becomes nil; otherwise nothing happens;
//   - S a map and D a map: S is merged into D's map, in place (D may be shared: merging into
//     `dict "m" .Values.emap` fills .Values.emap);
//   - D present and not empty (Sprig's empty: "", 0, false, nil, empty list or map), and S a
//     map with D a map, or S a list without override: nothing more;
//   - otherwise dst[K] = S when overriding, when D is absent or when D is empty. S is then
//     shared, not copied: a later set on dst[K] is seen through the source too.
// (Checked against helm: mergo's code reaches this by other paths, and its versions differ.)
// The result is the destination itself (a new map when it is Go's nil map).
//
// Divergences: `set nil "k" 1` returns a new map (Go panics: "assignment to entry in nil map"),
// and `unset nil "k"` an empty map (Go: a nil map, which toJson writes as null), because the
// executor passes Go's nil map as an empty one. A change that would make a map contain itself
// (`set $d "self" $d`) is refused: Go makes the cycle, and overflows its stack when the map is
// printed; here every walk over a value (printing, toJson, deepCopy) assumes a tree.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

constexpr std::string_view kMapType = "map[string]interface {}";

// Whether `value` holds, at any depth, the map `target` (by identity).
bool reaches(const Value& value, const Value::Map* target) {
  if (value.is_map()) {
    if (&value.shared_map() == target) return true;
    for (const auto& entry : value.as_map()) {
      if (reaches(entry.second, target)) return true;
    }
  } else if (value.is_list()) {
    for (const Value& item : value.as_list()) {
      if (reaches(item, target)) return true;
    }
  }
  return false;
}

// The error of a change, none when it was made.
using Failure = std::optional<std::string>;

Failure store(Value::Map& dst, const std::string& key, const Value& value,
              std::string_view function) {
  if (reaches(value, &dst)) {
    return std::string(function) + " would make a map contain itself, which is not supported";
  }
  dst.insert_or_assign(key, value);
  return std::nullopt;
}

bool empty_value(const Value& v) { return empty(ExecValue(v)); }

// mergo's deepMerge of two maps; see the header comment.
Failure merge_into(Value::Map& dst, const Value::Map& src, bool overwrite,
                   std::string_view function) {
  // The source's entries as they are now: merging a map into itself must not iterate over
  // entries it adds.
  const std::vector<std::pair<std::string, Value>> entries(src.begin(), src.end());
  for (const auto& [key, s] : entries) {
    if (s.is_null()) {
      if (overwrite) dst.insert_or_assign(key, Value());
      continue;
    }
    const auto it = dst.find(key);
    const bool present = it != dst.end();
    if (s.is_map() && present && it->second.is_map()) {
      Failure failed = merge_into(it->second.shared_map(), s.as_map(), overwrite, function);
      if (failed) return failed;
    }
    const bool dst_empty = !present || empty_value(it->second);
    if (!dst_empty && (s.is_list() || (s.is_map() && it->second.is_map()))) {
      if (!overwrite || s.is_map()) continue;
    }
    if (overwrite || dst_empty) {
      Failure failed = store(dst, key, s, function);
      if (failed) return failed;
    }
  }
  return std::nullopt;
}

// The map a `map[string]interface{}` variadic argument holds; nil is Go's nil map.
Result<Value, GoError> source_arg(const ExecValue& v) {
  if (v.is_nil()) return Value(Value::Map{});
  if (!v.value().is_map()) {
    return GoError{"wrong type for value; expected " + std::string(kMapType) + "; got " +
                   v.type_name()};
  }
  return v.value();
}

// `name` must outlive the function (a string literal).
Function merger(bool overwrite, std::string_view name) {
  return variadic({ParamType::kMap}, [overwrite, name](CallContext&, Args& a) -> FunctionResult {
    // Go's nil map destination becomes a new map, which is what the executor passes for it.
    const Value dst = a[0].value().is_map() ? a[0].value() : Value(Value::Map{});
    for (std::size_t i = 1; i < a.size(); ++i) {
      auto src = source_arg(a[i]);
      if (!src.ok()) return src.error().message;
      Failure failed = merge_into(dst.shared_map(), src->as_map(), overwrite, name);
      if (failed) return *failed;
    }
    return ExecValue(dst);
  });
}

}  // namespace

void add_dicts_mutate(FunctionMap& m) {
  using P = ParamType;
  // The executor passes Go's nil map (the literal nil) as a new empty map, so `set nil "k" 1`
  // returns a map where Go panics "assignment to entry in nil map".
  m["set"] = fixed({P::kMap, P::kString, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    const Value& dict = a[0].value();
    const Value value = a[2].is_nil() ? Value() : a[2].value();
    Failure failed = store(dict.shared_map(), a[1].value().as_string(), value, "set");
    if (failed) return *failed;
    return ExecValue(dict);
  });
  m["unset"] = fixed({P::kMap, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    const Value& dict = a[0].value();
    dict.shared_map().erase(a[1].value().as_string());
    return ExecValue(dict);
  });
  m["merge"] = merger(false, "merge");
  m["mustMerge"] = merger(false, "mustMerge");
  m["mergeOverwrite"] = merger(true, "mergeOverwrite");
  m["mustMergeOverwrite"] = merger(true, "mustMergeOverwrite");
}

}  // namespace chartmirror::charts::tmpl::sprig
