// operator/kube/json_fields.h — reading fields of API objects that may be absent or of the
// wrong type (the API server's JSON is input like any other): "" or 0 instead of a throw.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace chartmirror::kube {

// object[key] when `object` is an object and that field is a string; "" otherwise.
[[nodiscard]] inline std::string string_at(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return {};
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// object[key] when it is an integer that fits an int; 0 otherwise.
[[nodiscard]] inline int int_at(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return 0;
  const auto found = object.find(key);
  return found != object.end() && found->is_number_integer() ? found->get<int>() : 0;
}

// object.metadata[key] as string_at reads it.
[[nodiscard]] inline std::string metadata_string(const nlohmann::json& object,
                                                 std::string_view key) {
  if (!object.is_object()) return {};
  const auto metadata = object.find("metadata");
  return metadata != object.end() ? string_at(*metadata, key) : std::string();
}

}  // namespace chartmirror::kube
