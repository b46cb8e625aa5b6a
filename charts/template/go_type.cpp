#include "charts/template/go_type.h"

#include <utility>

namespace chartmirror::charts::tmpl {

values::Value make_go_value(std::string_view type, values::Value::Map fields) {
  fields.insert_or_assign(std::string(kGoTypeKey), values::Value(type));
  return values::Value(std::move(fields));
}

namespace {

bool has_go_types(const values::Value& value) {
  if (value.is_list()) {
    for (const values::Value& item : value.as_list()) {
      if (has_go_types(item)) return true;
    }
  } else if (value.is_map()) {
    for (const auto& [key, item] : value.as_map()) {
      if (is_go_type_key(key) || has_go_types(item)) return true;
    }
  }
  return false;
}

values::Value stripped(const values::Value& value) {
  if (value.is_list()) {
    values::Value::List out;
    out.reserve(value.size());
    for (const values::Value& item : value.as_list()) out.push_back(stripped(item));
    return values::Value(std::move(out));
  }
  if (value.is_map()) {
    values::Value::Map out;
    for (const auto& [key, item] : value.as_map()) {
      if (!is_go_type_key(key)) out.emplace(key, stripped(item));
    }
    return values::Value(std::move(out));
  }
  return value;
}

}  // namespace

values::Value without_go_types(const values::Value& value) {
  return has_go_types(value) ? stripped(value) : value;
}

const std::string* go_type_of(const values::Value& value) {
  if (!value.is_map()) return nullptr;
  const values::Value* type = value.find(kGoTypeKey);
  if (type == nullptr || !type->is_string()) return nullptr;
  return &type->as_string();
}

}  // namespace chartmirror::charts::tmpl
