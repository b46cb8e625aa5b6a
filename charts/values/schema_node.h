// charts/values/schema_node.h — a compiled values.schema.json (internal to charts/values).
//
// schema_compile.cpp builds it from the JSON document; schema.cpp validates against it. Nodes
// point at each other (for $ref, possibly in cycles) and are owned by Schema::Compiled.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "charts/values/schema.h"

namespace chartmirror::charts::values {

struct Schema::Node {
  struct PatternProperty {
    std::string pattern;
    std::regex regex;
    const Node* schema = nullptr;
  };
  struct DependencyRule {
    std::string property;
    std::vector<std::string> required;  // the array form
    const Node* schema = nullptr;       // the schema form
  };

  std::optional<bool> pass;  // the schemas `true` and `false`
  const Node* ref = nullptr;

  std::vector<std::string> types;

  // Objects.
  std::vector<std::pair<std::string, const Node*>> properties;
  std::vector<std::string> required;
  std::optional<bool> additional_properties_allowed;  // additionalProperties: true/false
  const Node* additional_properties = nullptr;        // additionalProperties: {schema}
  std::vector<PatternProperty> pattern_properties;
  const Node* property_names = nullptr;
  std::optional<std::int64_t> min_properties;
  std::optional<std::int64_t> max_properties;
  std::vector<DependencyRule> dependencies;

  // Arrays.
  const Node* items = nullptr;         // items: {schema}
  std::vector<const Node*> item_list;  // items: [schemas]
  std::optional<bool> additional_items_allowed;
  const Node* additional_items = nullptr;
  const Node* contains = nullptr;
  std::optional<std::int64_t> min_items;
  std::optional<std::int64_t> max_items;
  bool unique_items = false;

  // Any kind: as JSON with numbers written as float64 (gojsonschema compares so).
  std::vector<std::string> enum_json;
  std::optional<std::string> const_json;

  // Numbers.
  std::optional<double> minimum;
  std::optional<double> maximum;
  std::optional<double> exclusive_minimum;
  std::optional<double> exclusive_maximum;
  std::optional<double> multiple_of;

  // Strings.
  std::optional<std::int64_t> min_length;
  std::optional<std::int64_t> max_length;
  std::optional<std::regex> pattern;
  std::string pattern_text;

  // Combinations.
  std::vector<const Node*> all_of;
  std::vector<const Node*> any_of;
  std::vector<const Node*> one_of;
  const Node* not_schema = nullptr;
  const Node* if_schema = nullptr;
  const Node* then_schema = nullptr;
  const Node* else_schema = nullptr;
};

struct Schema::Compiled {
  std::deque<Node> nodes;  // a deque: nodes keep their addresses as more are added
  const Node* root = nullptr;
};

// A value as gojsonschema's marshalWithoutNumber writes it: JSON, numbers as float64.
[[nodiscard]] std::string json_without_number(const Value& value);

}  // namespace chartmirror::charts::values
