// Compiles values.schema.json into Schema::Node trees (Schema::parse).
#include <cmath>
#include <map>
#include <set>

#include "charts/golang/quote.h"
#include "charts/values/json.h"
#include "charts/values/schema.h"
#include "charts/values/schema_node.h"

namespace chartmirror::charts::values {
namespace {

using Node = Schema::Node;

Value with_float_numbers(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kInt:
      return Value(static_cast<double>(value.as_int()));
    case Value::Kind::kList: {
      Value::List list;
      for (const auto& item : value.as_list()) list.push_back(with_float_numbers(item));
      return Value(std::move(list));
    }
    case Value::Kind::kMap: {
      Value::Map map;
      for (const auto& [key, item] : value.as_map()) map.emplace(key, with_float_numbers(item));
      return Value(std::move(map));
    }
    default:
      return value;
  }
}

// RFC 6901 escaping of one reference token.
std::string escape_token(const std::string& key) {
  std::string out;
  for (const char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string unescape_token(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

// %XX decoding of a URI fragment.
std::string percent_decode(std::string_view text) {
  std::string out;
  const auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

class Compiler {
 public:
  Compiler(const Value& document, Schema::Compiled& out, std::string_view source)
      : document_(document), out_(out), source_(source) {}

  Result<const Node*, Error> compile_root() {
    auto root = compile(document_, "");
    if (!root.ok()) return root;
    // $refs are resolved once every node they may name has been seen.
    while (!pending_refs_.empty()) {
      auto [node, ref] = pending_refs_.back();
      pending_refs_.pop_back();
      auto target = resolve(ref);
      if (!target.ok()) return target.error();
      node->ref = *target;
    }
    return root;
  }

 private:
  // The messages are gojsonschema's where it has one, as Helm prints them.
  Error invalid(const std::string& message) const {
    return Error{
        .code = Error::Code::kInvalidInput, .message = message, .source = std::string(source_)};
  }

  Result<const Node*, Error> resolve(const std::string& ref) {
    if (ref.empty() || ref[0] != '#') {
      return invalid("$ref " + go::quote(ref) +
                     " names another document; only references within values.schema.json are "
                     "supported");
    }
    const std::string pointer = percent_decode(ref.substr(1));
    if (const auto it = by_pointer_.find(pointer); it != by_pointer_.end()) return it->second;
    if (!pointer.empty() && pointer[0] != '/') {
      return invalid("$ref " + go::quote(ref) + " is not a JSON pointer");
    }
    const Value* target = &document_;
    std::size_t start = 1;
    while (start <= pointer.size() && !pointer.empty()) {
      const std::size_t slash = pointer.find('/', start);
      const std::string token = unescape_token(std::string_view(pointer).substr(
          start, slash == std::string::npos ? slash : slash - start));
      if (target->is_map()) {
        target = target->find(token);
      } else if (target->is_list()) {
        std::size_t index = 0;
        const bool numeric =
            !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
        if (numeric) index = std::stoul(token);
        target = numeric && index < target->as_list().size() ? &target->as_list()[index] : nullptr;
      } else {
        target = nullptr;
      }
      if (target == nullptr) {
        // gojsonpointer's words for a missing key.
        return invalid("Object has no key '" + token + "'");
      }
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    return compile(*target, pointer);
  }

  Result<const Node*, Error> compile(const Value& schema, const std::string& pointer) {
    if (const auto it = by_pointer_.find(pointer); it != by_pointer_.end()) return it->second;
    Node& node = out_.nodes.emplace_back();
    by_pointer_.emplace(pointer, &node);
    if (schema.is_bool()) {
      node.pass = schema.as_bool();
      return &node;
    }
    if (!schema.is_map()) return invalid("Expected: valid schema, given: Invalid JSON");
    auto status = fill(node, schema, pointer);
    if (!status.ok()) return status.error();
    return &node;
  }

  Result<const Node*, Error> child(const Value& schema, const std::string& pointer,
                                   const std::string& key) {
    return compile(schema, pointer + "/" + escape_token(key));
  }

  Status<Error> child_list(const Value& schema, const std::string& pointer, const char* key,
                           std::vector<const Node*>& out) {
    const Value* list = schema.find(key);
    if (list == nullptr) return Done{};
    if (!list->is_list() || list->size() == 0) {
      return invalid("Invalid type. Expected: array of schemas, given: " + std::string(key));
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto node = compile(list->as_list()[i], pointer + "/" + key + "/" + std::to_string(i));
      if (!node.ok()) return node.error();
      out.push_back(*node);
    }
    return Done{};
  }

  Status<Error> optional_child(const Value& schema, const std::string& pointer, const char* key,
                               const Node*& out) {
    const Value* value = schema.find(key);
    if (value == nullptr) return Done{};
    auto node = child(*value, pointer, key);
    if (!node.ok()) return node.error();
    out = *node;
    return Done{};
  }

  Status<Error> number(const Value& schema, const char* key, std::optional<double>& out) {
    const Value* value = schema.find(key);
    if (value == nullptr) return Done{};
    if (!value->is_number()) return invalid(std::string(key) + " must be of a number");
    out = value->as_number();
    return Done{};
  }

  Status<Error> count(const Value& schema, const char* key, std::optional<std::int64_t>& out) {
    const Value* value = schema.find(key);
    if (value == nullptr) return Done{};
    if (!value->is_number() || std::floor(value->as_number()) != value->as_number()) {
      return invalid(std::string(key) + " must be of an integer");
    }
    if (value->as_number() < 0)
      return invalid(std::string(key) + " must be greater than or equal to 0");
    out = static_cast<std::int64_t>(value->as_number());
    return Done{};
  }

  Result<std::regex, Error> regex(const std::string& pattern, const char* key) const {
    try {
      return std::regex(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
      // gojsonschema's words: "pattern must be a valid regex", and for patternProperties
      // "Invalid regex pattern 'P'".
      return invalid(std::string(key) == "pattern" ? "pattern must be a valid regex"
                                                   : "Invalid regex pattern '" + pattern + "'");
    }
  }

  Status<Error> fill(Node& node, const Value& schema, const std::string& pointer) {
    // definitions are compiled (and checked) whether referenced or not, as gojsonschema does.
    if (const Value* definitions = schema.find("definitions")) {
      if (!definitions->is_map())
        return invalid("Invalid type. Expected: array of schemas, given: definitions");
      for (const auto& [name, definition] : definitions->as_map()) {
        auto compiled = compile(definition, pointer + "/definitions/" + escape_token(name));
        if (!compiled.ok()) return compiled.error();
      }
    }
    if (const Value* ref = schema.find("$ref")) {
      if (!ref->is_string()) return invalid("Invalid type. Expected: string, given: $ref");
      pending_refs_.emplace_back(&node, ref->as_string());
      return Done{};  // the other keywords beside $ref are ignored
    }
    auto status = fill_types(node, schema);
    if (status.ok()) status = fill_object(node, schema, pointer);
    if (status.ok()) status = fill_array(node, schema, pointer);
    if (status.ok()) status = fill_scalar(node, schema);
    if (status.ok()) status = child_list(schema, pointer, "allOf", node.all_of);
    if (status.ok()) status = child_list(schema, pointer, "anyOf", node.any_of);
    if (status.ok()) status = child_list(schema, pointer, "oneOf", node.one_of);
    if (status.ok()) status = optional_child(schema, pointer, "not", node.not_schema);
    if (status.ok()) status = optional_child(schema, pointer, "if", node.if_schema);
    if (status.ok()) status = optional_child(schema, pointer, "then", node.then_schema);
    if (status.ok()) status = optional_child(schema, pointer, "else", node.else_schema);
    return status;
  }

  Status<Error> fill_types(Node& node, const Value& schema) {
    const Value* type = schema.find("type");
    if (type == nullptr) return Done{};
    static const std::set<std::string> kTypes = {"array", "boolean", "integer", "number",
                                                 "null",  "object",  "string"};
    const auto add = [&](const Value& name) -> Status<Error> {
      if (!name.is_string() || kTypes.count(name.as_string()) == 0) {
        return invalid("has a primitive type that is NOT VALID -- given: /" + format_go(name) +
                       "/ Expected valid values are:[array boolean integer number null object "
                       "string]");
      }
      for (const auto& existing : node.types) {
        if (existing == name.as_string()) {
          return invalid(name.as_string() + " type is duplicated");
        }
      }
      node.types.push_back(name.as_string());
      return Done{};
    };
    if (type->is_string()) return add(*type);
    if (!type->is_list())
      return invalid("Invalid type. Expected: string/array of strings, given: type");
    for (const auto& name : type->as_list()) {
      auto status = add(name);
      if (!status.ok()) return status;
    }
    return Done{};
  }

  Status<Error> fill_object(Node& node, const Value& schema, const std::string& pointer) {
    if (const Value* properties = schema.find("properties")) {
      if (!properties->is_map())
        return invalid("Invalid type. Expected: object, given: properties");
      for (const auto& [name, property] : properties->as_map()) {
        auto compiled = compile(property, pointer + "/properties/" + escape_token(name));
        if (!compiled.ok()) return compiled.error();
        node.properties.emplace_back(name, *compiled);
      }
    }
    if (const Value* required = schema.find("required")) {
      if (!required->is_list()) return invalid("required must be of an array");
      for (const auto& name : required->as_list()) {
        if (!name.is_string()) return invalid("required items must be string");
        for (const auto& existing : node.required) {
          if (existing == name.as_string()) return invalid("required items must be unique");
        }
        node.required.push_back(name.as_string());
      }
    }
    if (const Value* additional = schema.find("additionalProperties")) {
      if (additional->is_bool()) {
        node.additional_properties_allowed = additional->as_bool();
      } else {
        auto compiled = child(*additional, pointer, "additionalProperties");
        if (!compiled.ok()) return compiled.error();
        node.additional_properties = *compiled;
      }
    }
    if (const Value* patterns = schema.find("patternProperties")) {
      if (!patterns->is_map())
        return invalid("Invalid type. Expected: valid schema, given: patternProperties");
      for (const auto& [pattern, property] : patterns->as_map()) {
        auto re = regex(pattern, "patternProperties");
        if (!re.ok()) return re.error();
        auto compiled = compile(property, pointer + "/patternProperties/" + escape_token(pattern));
        if (!compiled.ok()) return compiled.error();
        node.pattern_properties.push_back({pattern, std::move(re).value(), *compiled});
      }
    }
    if (const Value* dependencies = schema.find("dependencies")) {
      if (!dependencies->is_map())
        return invalid("Invalid type. Expected: object, given: dependencies");
      for (const auto& [name, rule] : dependencies->as_map()) {
        Node::DependencyRule out{.property = name};
        if (rule.is_list()) {
          for (const auto& item : rule.as_list()) {
            if (!item.is_string())
              return invalid("Invalid type. Expected: string, given: dependency");
            out.required.push_back(item.as_string());
          }
        } else {
          auto compiled = compile(rule, pointer + "/dependencies/" + escape_token(name));
          if (!compiled.ok()) return compiled.error();
          out.schema = *compiled;
        }
        node.dependencies.push_back(std::move(out));
      }
    }
    auto status = optional_child(schema, pointer, "propertyNames", node.property_names);
    if (status.ok()) status = count(schema, "minProperties", node.min_properties);
    if (status.ok()) status = count(schema, "maxProperties", node.max_properties);
    if (status.ok() && node.min_properties && node.max_properties &&
        *node.min_properties > *node.max_properties) {
      return invalid("minProperties cannot be greater than maxProperties");
    }
    return status;
  }

  Status<Error> fill_array(Node& node, const Value& schema, const std::string& pointer) {
    if (const Value* items = schema.find("items")) {
      if (items->is_list()) {
        for (std::size_t i = 0; i < items->size(); ++i) {
          auto compiled = compile(items->as_list()[i], pointer + "/items/" + std::to_string(i));
          if (!compiled.ok()) return compiled.error();
          node.item_list.push_back(*compiled);
        }
      } else {
        auto compiled = child(*items, pointer, "items");
        if (!compiled.ok()) return compiled.error();
        node.items = *compiled;
      }
    }
    if (const Value* additional = schema.find("additionalItems")) {
      if (additional->is_bool()) {
        node.additional_items_allowed = additional->as_bool();
      } else {
        auto compiled = child(*additional, pointer, "additionalItems");
        if (!compiled.ok()) return compiled.error();
        node.additional_items = *compiled;
      }
    }
    if (const Value* unique = schema.find("uniqueItems")) {
      if (!unique->is_bool()) return invalid("uniqueItems must be of a boolean");
      node.unique_items = unique->as_bool();
    }
    auto status = optional_child(schema, pointer, "contains", node.contains);
    if (status.ok()) status = count(schema, "minItems", node.min_items);
    if (status.ok()) status = count(schema, "maxItems", node.max_items);
    return status;
  }

  Status<Error> fill_scalar(Node& node, const Value& schema) {
    if (const Value* values = schema.find("enum")) {
      if (!values->is_list()) return invalid("enum must be of type array");
      for (const auto& item : values->as_list()) {
        std::string json = json_without_number(item);
        for (const auto& existing : node.enum_json) {
          if (existing == json) return invalid("enum items must be unique");
        }
        node.enum_json.push_back(std::move(json));
      }
    }
    if (const Value* value = schema.find("const")) node.const_json = json_without_number(*value);

    auto status = number(schema, "minimum", node.minimum);
    if (status.ok()) status = number(schema, "maximum", node.maximum);
    if (status.ok()) status = number(schema, "multipleOf", node.multiple_of);
    if (!status.ok()) return status;
    if (node.multiple_of && *node.multiple_of <= 0) {
      return invalid("multipleOf must be strictly greater than 0");
    }
    // exclusiveMinimum/Maximum: a number (draft 6 on) or draft 4's boolean beside minimum.
    const auto exclusive = [&](const char* key, const std::optional<double>& bound,
                               std::optional<double>& out) -> Status<Error> {
      const Value* value = schema.find(key);
      if (value == nullptr) return Done{};
      if (value->is_bool()) {
        if (!bound)
          return invalid(std::string(key) + " cannot be used without " +
                         (std::string(key) == "exclusiveMinimum" ? "minimum" : "maximum"));
        if (value->as_bool()) out = bound;
        return Done{};
      }
      return number(schema, key, out);
    };
    status = exclusive("exclusiveMinimum", node.minimum, node.exclusive_minimum);
    if (status.ok()) status = exclusive("exclusiveMaximum", node.maximum, node.exclusive_maximum);
    if (status.ok()) status = count(schema, "minLength", node.min_length);
    if (status.ok()) status = count(schema, "maxLength", node.max_length);
    if (!status.ok()) return status;
    if (node.min_length && node.max_length && *node.min_length > *node.max_length) {
      return invalid("minLength cannot be greater than maxLength");
    }
    if (const Value* pattern = schema.find("pattern")) {
      if (!pattern->is_string()) return invalid("Invalid type. Expected: string, given: pattern");
      auto re = regex(pattern->as_string(), "pattern");
      if (!re.ok()) return re.error();
      node.pattern = std::move(re).value();
      node.pattern_text = pattern->as_string();
    }
    return Done{};  // `format` is accepted and not checked
  }

  const Value& document_;
  Schema::Compiled& out_;
  std::string_view source_;
  std::map<std::string, const Node*> by_pointer_;
  std::vector<std::pair<Node*, std::string>> pending_refs_;
};

}  // namespace

std::string json_without_number(const Value& value) {
  auto json = to_json(with_float_numbers(value));
  return json.ok() ? *json : std::string();
}

Result<Schema, Error> Schema::parse(std::string_view json, std::string_view source) {
  auto document = parse_json(json, source);
  if (!document.ok()) return document.error();
  auto compiled = std::make_shared<Compiled>();
  Compiler compiler(*document, *compiled, source);
  auto root = compiler.compile_root();
  if (!root.ok()) return root.error();
  compiled->root = *root;
  return Schema(std::move(compiled));
}

}  // namespace chartmirror::charts::values
