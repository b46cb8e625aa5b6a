// charts/values/go_map.h — Go's map[string]interface{} with reference semantics, for the
// algorithms of Helm's chartutil whose results depend on maps being shared.
//
// Internal to charts/values: coalesce.cpp and dependency_conditions.cpp run Helm's algorithms
// on this representation, then hand out plain Values. In Helm, coalesceGlobals gives each
// subchart a shallow copy of every map in the parent's `global`, so the maps one level deeper
// are the same Go maps in the parent and in every subchart, and a subchart's default globals
// merged into them appear in the parent's and its siblings' `.Values.global` too
// (helm 3.17.3 shows this); processImportValues shares the child's tables with the parent in
// the same way. A GoValue holds a map by shared pointer, as Go holds it; every other kind by
// value (coalescing never changes a list in place, so lists need no identity).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "charts/values/value.h"

namespace chartmirror::charts::values::detail {

struct GoMap;
using GoMapPtr = std::shared_ptr<GoMap>;

struct GoValue {
  GoMapPtr map;  // set for a map
  Value other;   // every other kind

  [[nodiscard]] bool is_map() const { return map != nullptr; }
  [[nodiscard]] bool is_nil() const { return map == nullptr && other.is_null(); }
};

struct GoMap {
  std::map<std::string, GoValue, std::less<>> entries;
};

// A deep copy with fresh maps (copystructure.Copy). A null Value gives an empty map; a Value
// of another kind than map is a programming error.
[[nodiscard]] GoMapPtr to_go_map(const Value& map);
[[nodiscard]] GoValue to_go(const Value& value);

// Back to Values; maps reached twice are copied twice.
[[nodiscard]] Value to_value(const GoMap& map);
[[nodiscard]] Value to_value(const GoValue& value);

// chartutil.Values.Table: the map at a '.'-separated path; nullptr when a step is missing or
// not a map. The empty name is "" as a key, as strings.Split gives it.
[[nodiscard]] GoMapPtr table(const GoMapPtr& root, const std::string& name);

}  // namespace chartmirror::charts::values::detail
