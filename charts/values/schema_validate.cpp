// Validation against a compiled schema, in the order and words of gojsonschema v1.2.0
// (validation.go).
#include <cmath>
#include <map>

#include "charts/golang/format_float.h"
#include "charts/values/schema.h"
#include "charts/values/schema_node.h"

namespace chartmirror::charts::values {
namespace {

using Node = Schema::Node;

struct Issue {
  std::string field;
  std::string description;
};

// gojsonschema's Result: the errors, and a score that picks the "closest" failing branch of
// anyOf/oneOf/contains, whose errors are then reported.
struct Outcome {
  std::vector<Issue> issues;
  int score = 0;

  [[nodiscard]] bool valid() const { return issues.empty(); }
  void merge(Outcome&& other) {
    for (auto& issue : other.issues) issues.push_back(std::move(issue));
    score += other.score;
  }
};

// The JSON path of a value: "(root)" for the top, else the keys and indexes joined by '.'.
std::string field_of(const std::vector<std::string>& path) {
  if (path.empty()) return "(root)";
  std::string out;
  for (const auto& step : path) {
    if (!out.empty()) out += '.';
    out += step;
  }
  return out;
}

// A bound as gojsonschema prints it (a big.Float with %v: shortest 'g').
std::string number_text(double value) { return go::format_float(value, 'g'); }

std::size_t code_points(const std::string& text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++count;
  }
  return count;
}

bool is_whole(const Value& value) {
  return value.is_int() ||
         (std::isfinite(value.as_float()) && std::floor(value.as_float()) == value.as_float());
}

// The shortest decimal digits and exponent of |f|: f = digits × 10^exponent.
std::pair<std::string, int> decimal_parts(double f) {
  const std::string text = go::format_float(std::fabs(f), 'e');  // "d.ddde±XX"
  const std::size_t e = text.find('e');
  std::string digits;
  for (const char c : text.substr(0, e)) {
    if (c != '.') digits += c;
  }
  const int exponent = std::stoi(text.substr(e + 1)) - static_cast<int>(digits.size()) + 1;
  return {digits, exponent};
}

// Whether value / divisor is an integer, computed on the decimal forms the JSON had (so 0.3
// is a multiple of 0.1), falling back to fmod beyond 18 significant digits.
bool is_multiple(double value, double divisor) {
  if (value == 0) return true;
  auto [value_digits, value_exponent] = decimal_parts(value);
  auto [divisor_digits, divisor_exponent] = decimal_parts(divisor);
  const int common = std::min(value_exponent, divisor_exponent);
  value_digits.append(static_cast<std::size_t>(value_exponent - common), '0');
  divisor_digits.append(static_cast<std::size_t>(divisor_exponent - common), '0');
  constexpr std::size_t kMaxDivisorDigits = 18;  // r * 10 + 9 stays below 2^64
  if (divisor_digits.size() > kMaxDivisorDigits) {
    const double quotient = value / divisor;
    return std::floor(quotient) == quotient;
  }
  const std::uint64_t d = std::stoull(divisor_digits);
  std::uint64_t remainder = 0;
  for (const char c : value_digits) {
    remainder = (remainder * 10 + static_cast<std::uint64_t>(c - '0')) % d;
  }
  return remainder == 0;
}

// Not in gojsonschema, which recurses until the stack runs out: a schema that refers to
// itself without descending into the value ({"$ref": "#"}, {"allOf": [{"$ref": "#"}]})
// stops here with an error.
constexpr int kMaxDepth = 1000;

class Validator {
 public:
  void recurse(const Node& node, const Value& value, Outcome& out,
               std::vector<std::string>& path) const {
    if (depth_ > kMaxDepth) {
      add(out, path, "schema recursion deeper than " + std::to_string(kMaxDepth));
      return;
    }
    const DepthGuard guard(depth_);
    if (node.pass) {
      if (!*node.pass) add(out, path, "False always fails validation");
      return;
    }
    if (node.ref != nullptr) {
      recurse(*node.ref, value, out, path);
      return;
    }
    if (!type_allowed(node, value, out, path)) return;
    combinations(node, value, out, path);
    if (value.is_number()) numeric(node, value.as_number(), out, path);
    if (value.is_list()) array(node, value.as_list(), out, path);
    if (value.is_map()) object(node, value.as_map(), out, path);
    common(node, value, out, path);
    if (value.is_string()) string(node, value.as_string(), out, path);
    if (value.is_map()) {
      for (const auto& [name, schema] : node.properties) {
        const Value* property = value.find(name);
        if (property == nullptr) continue;
        path.push_back(name);
        recurse(*schema, *property, out, path);
        path.pop_back();
      }
    }
    ++out.score;
  }

  Outcome sub(const Node& node, const Value& value, std::vector<std::string>& path) const {
    Outcome out;
    recurse(node, value, out, path);
    return out;
  }

 private:
  static void add(Outcome& out, const std::vector<std::string>& path, std::string description) {
    out.issues.push_back({field_of(path), std::move(description)});
    out.score -= 2;  // a net -1 with the +1 every check adds at its end
  }

  static bool type_allowed(const Node& node, const Value& value, Outcome& out,
                           const std::vector<std::string>& path) {
    if (node.types.empty()) return true;
    const auto has = [&](std::string_view type) {
      for (const auto& t : node.types) {
        if (t == type) return true;
      }
      return false;
    };
    std::string given;
    switch (value.kind()) {
      case Value::Kind::kNull:
        if (has("null")) return true;
        given = "null";
        break;
      case Value::Kind::kBool:
        if (has("boolean")) return true;
        given = "boolean";
        break;
      case Value::Kind::kInt:
      case Value::Kind::kFloat: {
        const bool whole = is_whole(value);
        if (has("number") || (whole && has("integer"))) return true;
        given = whole ? "integer" : "number";
        break;
      }
      case Value::Kind::kString:
        if (has("string")) return true;
        given = "string";
        break;
      case Value::Kind::kList:
        if (has("array")) return true;
        given = "array";
        break;
      case Value::Kind::kMap:
        if (has("object")) return true;
        given = "object";
        break;
    }
    std::string expected = node.types.front();
    if (node.types.size() > 1) {
      expected = "[";
      for (std::size_t i = 0; i < node.types.size(); ++i) {
        if (i != 0) expected += ',';
        expected += node.types[i];
      }
      expected += "]";
    }
    add(out, path, "Invalid type. Expected: " + expected + ", given: " + given);
    return false;
  }

  // gojsonschema's validateSchema: anyOf, oneOf, allOf, not, dependencies, if/then/else.
  void combinations(const Node& node, const Value& value, Outcome& out,
                    std::vector<std::string>& path) const {
    if (!node.any_of.empty()) {
      bool matched = false;
      std::optional<Outcome> best;
      for (const Node* schema : node.any_of) {
        Outcome attempt = sub(*schema, value, path);
        if (attempt.valid()) {
          matched = true;
          break;
        }
        if (!best || attempt.score > best->score) best = std::move(attempt);
      }
      if (!matched) {
        add(out, path, "Must validate at least one schema (anyOf)");
        if (best) out.merge(std::move(*best));
      }
    }
    if (!node.one_of.empty()) {
      int matched = 0;
      std::optional<Outcome> best;
      for (const Node* schema : node.one_of) {
        Outcome attempt = sub(*schema, value, path);
        if (attempt.valid()) {
          ++matched;
        } else if (matched == 0 && (!best || attempt.score > best->score)) {
          best = std::move(attempt);
        }
      }
      if (matched != 1) {
        add(out, path, "Must validate one and only one schema (oneOf)");
        if (matched == 0 && best) out.merge(std::move(*best));
      }
    }
    if (!node.all_of.empty()) {
      std::size_t matched = 0;
      for (const Node* schema : node.all_of) {
        Outcome attempt = sub(*schema, value, path);
        if (attempt.valid()) ++matched;
        out.merge(std::move(attempt));
      }
      if (matched != node.all_of.size()) add(out, path, "Must validate all the schemas (allOf)");
    }
    if (node.not_schema != nullptr && sub(*node.not_schema, value, path).valid()) {
      add(out, path, "Must not validate the schema (not)");
    }
    if (!node.dependencies.empty() && value.is_map()) {
      for (const auto& rule : node.dependencies) {
        if (value.find(rule.property) == nullptr) continue;
        for (const auto& needed : rule.required) {
          if (value.find(needed) == nullptr) add(out, path, "Has a dependency on " + needed);
        }
        if (rule.schema != nullptr) recurse(*rule.schema, value, out, path);
      }
    }
    if (node.if_schema != nullptr) {
      const bool condition = sub(*node.if_schema, value, path).valid();
      const Node* branch = condition ? node.then_schema : node.else_schema;
      if (branch != nullptr) {
        Outcome result = sub(*branch, value, path);
        if (!result.valid()) {
          add(out, path,
              condition ? R"(Must validate "then" as "if" was valid)"
                        : R"(Must validate "else" as "if" was not valid)");
          out.merge(std::move(result));
        }
      }
    }
    ++out.score;
  }

  // const and enum, compared as JSON with float64 numbers.
  static void common(const Node& node, const Value& value, Outcome& out,
                     const std::vector<std::string>& path) {
    if (node.const_json || !node.enum_json.empty()) {
      const std::string json = json_without_number(value);
      if (node.const_json && json != *node.const_json) {
        add(out, path, field_of(path) + " does not match: " + *node.const_json);
      }
      if (!node.enum_json.empty()) {
        bool found = false;
        std::string allowed;
        for (const auto& item : node.enum_json) {
          found = found || item == json;
          if (!allowed.empty()) allowed += ", ";
          allowed += item;
        }
        if (!found) add(out, path, field_of(path) + " must be one of the following: " + allowed);
      }
    }
    ++out.score;
  }

  static void numeric(const Node& node, double value, Outcome& out,
                      const std::vector<std::string>& path) {
    if (node.multiple_of && !is_multiple(value, *node.multiple_of)) {
      add(out, path, "Must be a multiple of " + number_text(*node.multiple_of));
    }
    if (node.maximum && value > *node.maximum) {
      add(out, path, "Must be less than or equal to " + number_text(*node.maximum));
    }
    if (node.exclusive_maximum && value >= *node.exclusive_maximum) {
      add(out, path, "Must be less than " + number_text(*node.exclusive_maximum));
    }
    if (node.minimum && value < *node.minimum) {
      add(out, path, "Must be greater than or equal to " + number_text(*node.minimum));
    }
    if (node.exclusive_minimum && value <= *node.exclusive_minimum) {
      add(out, path, "Must be greater than " + number_text(*node.exclusive_minimum));
    }
    ++out.score;
  }

  static void string(const Node& node, const std::string& value, Outcome& out,
                     const std::vector<std::string>& path) {
    const auto length = static_cast<std::int64_t>(code_points(value));
    if (node.min_length && length < *node.min_length) {
      add(out, path,
          "String length must be greater than or equal to " + std::to_string(*node.min_length));
    }
    if (node.max_length && length > *node.max_length) {
      add(out, path,
          "String length must be less than or equal to " + std::to_string(*node.max_length));
    }
    if (node.pattern && !std::regex_search(value, *node.pattern)) {
      add(out, path, "Does not match pattern '" + node.pattern_text + "'");
    }
    ++out.score;
  }

  void array(const Node& node, const Value::List& items, Outcome& out,
             std::vector<std::string>& path) const {
    const auto each = [&](const Node& schema, std::size_t i) {
      path.push_back(std::to_string(i));
      out.merge(sub(schema, items[i], path));
      path.pop_back();
    };
    if (node.items != nullptr) {
      for (std::size_t i = 0; i < items.size(); ++i) each(*node.items, i);
    } else if (!node.item_list.empty()) {
      const std::size_t paired = std::min(items.size(), node.item_list.size());
      for (std::size_t i = 0; i < paired; ++i) each(*node.item_list[i], i);
      if (node.item_list.size() < items.size()) {
        if (node.additional_items_allowed == false) {
          add(out, path, "No additional items allowed on array");
        } else if (node.additional_items != nullptr) {
          for (std::size_t i = paired; i < items.size(); ++i) each(*node.additional_items, i);
        }
      }
    }
    const auto count = static_cast<std::int64_t>(items.size());
    if (node.min_items && count < *node.min_items) {
      add(out, path, "Array must have at least " + std::to_string(*node.min_items) + " items");
    }
    if (node.max_items && count > *node.max_items) {
      add(out, path, "Array must have at most " + std::to_string(*node.max_items) + " items");
    }
    if (node.unique_items) {
      std::map<std::string, std::size_t> seen;
      for (std::size_t j = 0; j < items.size(); ++j) {
        std::string json = json_without_number(items[j]);
        if (const auto it = seen.find(json); it != seen.end()) {
          add(out, path,
              "array items[" + std::to_string(it->second) + "," + std::to_string(j) +
                  "] must be unique");
        }
        seen.insert_or_assign(std::move(json), j);
      }
    }
    if (node.contains != nullptr) {
      bool matched = false;
      std::optional<Outcome> best;
      for (std::size_t i = 0; i < items.size() && !matched; ++i) {
        path.push_back(std::to_string(i));
        Outcome attempt = sub(*node.contains, items[i], path);
        path.pop_back();
        matched = attempt.valid();
        if (!matched && (!best || attempt.score > best->score)) best = std::move(attempt);
      }
      if (!matched) {
        add(out, path, "At least one of the items must match");
        if (best) out.merge(std::move(*best));
      }
    }
    ++out.score;
  }

  void object(const Node& node, const Value::Map& entries, Outcome& out,
              std::vector<std::string>& path) const {
    const auto count = static_cast<std::int64_t>(entries.size());
    if (node.min_properties && count < *node.min_properties) {
      add(out, path, "Must have at least " + std::to_string(*node.min_properties) + " properties");
    }
    if (node.max_properties && count > *node.max_properties) {
      add(out, path, "Must have at most " + std::to_string(*node.max_properties) + " properties");
    }
    for (const auto& name : node.required) {
      if (entries.count(name) != 0) {
        ++out.score;
      } else {
        add(out, path, name + " is required");
      }
    }
    for (const auto& [key, value] : entries) {
      bool described = false;
      for (const auto& property : node.properties) {
        if (property.first == key) described = true;
      }
      const bool by_pattern = pattern_properties(node, key, value, out, path);
      if (described || by_pattern) continue;
      if (node.additional_properties_allowed == false) {
        add(out, path, "Additional property " + key + " is not allowed");
      } else if (node.additional_properties != nullptr) {
        path.push_back(key);
        out.merge(sub(*node.additional_properties, value, path));
        path.pop_back();
      }
    }
    if (node.property_names != nullptr) {
      for (const auto& [key, value] : entries) {
        Outcome names = sub(*node.property_names, Value(key), path);
        if (!names.valid()) {
          add(out, path, "Property name of \"" + key + "\" does not match");
          out.merge(std::move(names));
        }
      }
    }
    ++out.score;
  }

  // Counts the nesting of recurse() for as long as it lives.
  class DepthGuard {
   public:
    explicit DepthGuard(int& depth) : depth_(depth) { ++depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
    ~DepthGuard() { --depth_; }

   private:
    int& depth_;
  };

  bool pattern_properties(const Node& node, const std::string& key, const Value& value,
                          Outcome& out, std::vector<std::string>& path) const {
    bool matched = false;
    for (const auto& property : node.pattern_properties) {
      if (!std::regex_search(key, property.regex)) continue;
      matched = true;
      path.push_back(key);
      out.merge(sub(*property.schema, value, path));
      path.pop_back();
    }
    if (matched) ++out.score;
    return matched;
  }

  mutable int depth_ = 0;
};

}  // namespace

std::vector<std::string> Schema::validate(const Value& values) const {
  std::vector<std::string> path;
  const Validator validator;
  const Outcome outcome =
      validator.sub(*compiled_->root, values.is_null() ? Value(Value::Map{}) : values, path);
  std::vector<std::string> lines;
  lines.reserve(outcome.issues.size());
  for (const auto& issue : outcome.issues) lines.push_back(issue.field + ": " + issue.description);
  return lines;
}

}  // namespace chartmirror::charts::values
