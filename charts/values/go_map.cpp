#include "charts/values/go_map.h"

namespace chartmirror::charts::values::detail {

GoMapPtr to_go_map(const Value& map) {
  auto out = std::make_shared<GoMap>();
  if (map.is_null()) return out;
  for (const auto& [key, value] : map.as_map()) out->entries.emplace(key, to_go(value));
  return out;
}

GoValue to_go(const Value& value) {
  if (value.is_map()) return GoValue{.map = to_go_map(value)};
  return GoValue{.other = value};
}

Value to_value(const GoMap& map) {
  Value::Map out;
  for (const auto& [key, value] : map.entries) out.emplace(key, to_value(value));
  return Value(std::move(out));
}

Value to_value(const GoValue& value) { return value.is_map() ? to_value(*value.map) : value.other; }

GoMapPtr table(const GoMapPtr& root, const std::string& name) {
  GoMapPtr current = root;
  for (const auto& key : split_path(name)) {
    const auto it = current->entries.find(key);
    if (it == current->entries.end() || !it->second.is_map()) return nullptr;
    current = it->second.map;
  }
  return current;
}

}  // namespace chartmirror::charts::values::detail
