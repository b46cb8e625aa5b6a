#include "charts/chart/go_yaml.h"

#include <cmath>
#include <optional>

#include "charts/golang/format_float.h"
#include "charts/golang/utf8.h"
#include "charts/golang/yaml_scalar.h"

namespace chartmirror::charts::go {
namespace {

using nlohmann::json;

// Bounds on the walk over a parsed document: aliases share nodes, so a small file can name a
// huge tree ("billion laughs"); go-yaml v2 refuses such documents too.
constexpr size_t kMaxVisits = 1'000'000;
constexpr int kMaxDepth = 1000;

bool equal_fold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view kind_name(const Shape& shape) {
  switch (shape.kind) {
    case Shape::Kind::kString:
      return "a string";
    case Shape::Kind::kBool:
      return "a bool";
    case Shape::Kind::kList:
      return "a list";
    case Shape::Kind::kMap:
      return "a map";
    case Shape::Kind::kStruct:
      return "a mapping";
    default:
      return "a value";
  }
}

std::string_view json_type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a bool";
    case json::value_t::array:
      return "a list";
    case json::value_t::object:
      return "a mapping";
    case json::value_t::null:
      return "null";
    default:
      return "a number";
  }
}

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string at(const std::string& path) { return path.empty() ? "" : path + ": "; }

// --- Scalars (go-yaml v2's resolve, as decoding into interface{} applies it) -----------------

constexpr int kFloat32Bits = 32;

// A scalar or null node's value; a !!binary scalar is decoded to its bytes. yaml-cpp reports
// an untagged null ("~", "null", nothing) as a Null node without its text.
Result<YamlScalar, std::string> resolve_scalar(const YAML::Node& node) {
  if (node.IsNull()) return YamlScalar{};
  auto resolved = resolve_yaml_scalar(node.Tag(), node.Scalar());
  if (!resolved.ok() || resolved->kind != YamlScalar::Kind::kBinary) return resolved;
  auto bytes = decode_yaml_binary(resolved->text);
  if (!bytes) return std::string("!!binary value contains invalid base64 data");
  return YamlScalar{.kind = YamlScalar::Kind::kString, .text = std::move(*bytes)};
}

// A non-null scalar as sigs.k8s.io/yaml writes it where a string is wanted
// (convertToJSONableObject): integers in decimal, floats as strconv.FormatFloat(v, 'g', -1, 32),
// bools as true/false.
std::string as_go_string(const YamlScalar& scalar) {
  switch (scalar.kind) {
    case YamlScalar::Kind::kBool:
      return scalar.boolean ? "true" : "false";
    case YamlScalar::Kind::kInt:
      return std::to_string(scalar.integer);
    case YamlScalar::Kind::kUint:
      return std::to_string(scalar.unsigned_integer);
    case YamlScalar::Kind::kFloat:
      return format_float(scalar.floating, 'g', kFloat32Bits);
    default:
      return scalar.text;
  }
}

json scalar_json(const YamlScalar& scalar) {
  switch (scalar.kind) {
    case YamlScalar::Kind::kNull:
      return json(nullptr);
    case YamlScalar::Kind::kBool:
      return json(scalar.boolean);
    case YamlScalar::Kind::kInt:
      return json(scalar.integer);
    case YamlScalar::Kind::kUint:
      return json(scalar.unsigned_integer);
    case YamlScalar::Kind::kFloat:
      return json(scalar.floating);
    default:
      return json(scalar.text);
  }
}

// --- YAML → JSON (sigs.k8s.io/yaml's convertToJSONableObject) ---------------------------------

class Converter {
 public:
  Result<json, std::string> convert(const YAML::Node& node, const Shape* shape,
                                    const std::string& path, int depth) {
    if (++visits_ > kMaxVisits || depth > kMaxDepth) {
      return at(path) + "the document is too large or too deeply nested once aliases expand";
    }
    switch (node.Type()) {
      case YAML::NodeType::Sequence:
        return convert_sequence(node, shape, path, depth);
      case YAML::NodeType::Map:
        return convert_map(node, shape, path, depth);
      case YAML::NodeType::Scalar:
      case YAML::NodeType::Null:
        return convert_scalar(node, shape, path);
      default:
        return json(nullptr);
    }
  }

 private:
  Result<json, std::string> convert_scalar(const YAML::Node& node, const Shape* shape,
                                           const std::string& path) {
    auto resolved = resolve_scalar(node);
    if (!resolved.ok()) return at(path) + resolved.error();
    const YamlScalar& scalar = resolved.value();
    if (scalar.kind == YamlScalar::Kind::kNull) return json(nullptr);
    // Numbers and bools bound for a string field become strings.
    if (shape != nullptr && shape->kind == Shape::Kind::kString) return json(as_go_string(scalar));
    if (scalar.kind == YamlScalar::Kind::kFloat && !std::isfinite(scalar.floating)) {
      return at(path) + "json: unsupported value: " + format_float(scalar.floating, 'g');
    }
    return scalar_json(scalar);
  }

  Result<json, std::string> convert_sequence(const YAML::Node& node, const Shape* shape,
                                             const std::string& path, int depth) {
    const Shape* element =
        shape != nullptr && shape->kind == Shape::Kind::kList ? shape->element : nullptr;
    json out = json::array();
    size_t index = 0;
    for (const auto& item : node) {
      auto converted =
          convert(item, element, path + "[" + std::to_string(index++) + "]", depth + 1);
      if (!converted.ok()) return converted.error();
      out.push_back(std::move(converted).value());
    }
    return out;
  }

  Result<json, std::string> convert_map(const YAML::Node& node, const Shape* shape,
                                        const std::string& path, int depth) {
    json out = json::object();
    for (const auto& item : node) {
      const YAML::Node& key = item.first;
      if (key.IsScalar() && key.Tag() == "?" && key.Scalar() == "<<") {
        if (auto merged = merge(item.second, shape, path, depth); !merged.ok()) {
          return merged.error();
        } else {
          for (auto& [name, value] : merged->items()) out[name] = std::move(value);
        }
        continue;
      }
      auto name = key_string(key, path);
      if (!name.ok()) return name.error().message;
      const Shape* value_shape = nullptr;
      if (shape != nullptr && shape->kind == Shape::Kind::kStruct) {
        const Field* field = find_field(*shape, name.value());
        value_shape = field != nullptr ? field->shape : nullptr;
      } else if (shape != nullptr && shape->kind == Shape::Kind::kMap) {
        value_shape = shape->element;
      }
      auto value = convert(item.second, value_shape, join(path, name.value()), depth + 1);
      if (!value.ok()) return value.error();
      out[name.value()] = std::move(value).value();  // a repeated key: the last one wins
    }
    return out;
  }

  // `<<: *base` or `<<: [*a, *b]`: the keys of the named mappings, the first one winning.
  Result<json, std::string> merge(const YAML::Node& value, const Shape* shape,
                                  const std::string& path, int depth) {
    if (value.IsMap()) return convert_map(value, shape, path, depth + 1);
    if (!value.IsSequence()) return at(path) + "map merge requires map or sequence of maps";
    json out = json::object();
    for (size_t i = value.size(); i-- > 0;) {
      if (!value[i].IsMap()) return at(path) + "map merge requires map or sequence of maps";
      auto part = convert_map(value[i], shape, path, depth + 1);
      if (!part.ok()) return part.error();
      for (auto& [name, item] : part->items()) out[name] = std::move(item);
    }
    return out;
  }

  struct KeyError {
    std::string message;
  };

  static Result<std::string, KeyError> key_string(const YAML::Node& key, const std::string& path) {
    if (!key.IsScalar() && !key.IsNull()) {
      return KeyError{at(path) + "unsupported map key: not a scalar"};
    }
    auto resolved = resolve_scalar(key);
    if (!resolved.ok()) return KeyError{at(path) + resolved.error()};
    const YamlScalar& scalar = resolved.value();
    if (scalar.kind == YamlScalar::Kind::kNull) {
      return KeyError{at(path) + "unsupported map key: null"};
    }
    // convertToJSONableObject has no case for uint64, what go-yaml makes of an integer key
    // beyond int64.
    if (scalar.kind == YamlScalar::Kind::kUint) {
      return KeyError{at(path) + "unsupported map key of type: uint64"};
    }
    std::string text = as_go_string(scalar);
    // go-yaml's spelling of the floats Go cannot parse back.
    if (scalar.kind == YamlScalar::Kind::kFloat) {
      if (text == "+Inf") return std::string(".inf");
      if (text == "-Inf") return std::string("-.inf");
      if (text == "NaN") return std::string(".nan");
    }
    return text;
  }

  size_t visits_ = 0;
};

// --- JSON → Go value (encoding/json's Unmarshal) -----------------------------------------------

json as_any(const json& value) {
  if (value.is_number()) return json(value.get<double>());  // interface{} holds float64
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value) out.push_back(as_any(item));
    return out;
  }
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [key, item] : value.items()) out[key] = as_any(item);
    return out;
  }
  return value;
}

// What a null element of a list or map is decoded as: the zero value of its type.
json zero_value(const Shape& shape) {
  switch (shape.kind) {
    case Shape::Kind::kString:
      return json("");
    case Shape::Kind::kBool:
      return json(false);
    case Shape::Kind::kList:
      return json::array();
    default:
      return json(nullptr);  // nil map, nil pointer, nil interface
  }
}

Result<std::optional<json>, std::string> decode(const json& value, const Shape& shape,
                                                const std::string& path) {
  auto mismatch = [&]() -> std::string {
    return at(path) + "cannot unmarshal " + std::string(json_type_name(value)) + " into " +
           std::string(kind_name(shape));
  };
  switch (shape.kind) {
    case Shape::Kind::kAny:
      return std::optional<json>(as_any(value));
    case Shape::Kind::kString:
      if (value.is_null()) return std::optional<json>();
      if (!value.is_string()) return mismatch();
      return std::optional<json>(value);
    case Shape::Kind::kBool:
      if (value.is_null()) return std::optional<json>();
      if (!value.is_boolean()) return mismatch();
      return std::optional<json>(value);
    case Shape::Kind::kList: {
      if (value.is_null()) return std::optional<json>(json::array());
      if (!value.is_array()) return mismatch();
      json out = json::array();
      for (size_t i = 0; i < value.size(); ++i) {
        if (value[i].is_null()) {
          out.push_back(zero_value(*shape.element));
          continue;
        }
        auto item = decode(value[i], *shape.element, path + "[" + std::to_string(i) + "]");
        if (!item.ok()) return item.error();
        out.push_back(item.value() ? std::move(*item.value()) : zero_value(*shape.element));
      }
      return std::optional<json>(std::move(out));
    }
    case Shape::Kind::kMap: {
      if (value.is_null()) return std::optional<json>(json(nullptr));
      if (!value.is_object()) return mismatch();
      json out = json::object();
      for (const auto& [key, item] : value.items()) {
        if (item.is_null()) {
          out[key] = zero_value(*shape.element);
          continue;
        }
        auto decoded = decode(item, *shape.element, join(path, key));
        if (!decoded.ok()) return decoded.error();
        out[key] = decoded.value() ? std::move(*decoded.value()) : zero_value(*shape.element);
      }
      return std::optional<json>(std::move(out));
    }
    case Shape::Kind::kStruct: {
      if (value.is_null()) return std::optional<json>();
      if (!value.is_object()) return mismatch();
      json out = json::object();
      // Keys in JSON order (sorted, as json.Marshal wrote them): of two keys that differ only
      // in case, the later one wins.
      for (const auto& [key, item] : value.items()) {
        const Field* field = find_field(shape, key);
        if (field == nullptr) continue;
        auto decoded = decode(item, *field->shape, join(path, field->name));
        if (!decoded.ok()) return decoded.error();
        if (!decoded.value()) continue;
        json update = json::object();
        update[std::string(field->name)] = std::move(*decoded.value());
        merge_go_struct(out, update, shape);
      }
      return std::optional<json>(std::move(out));
    }
  }
  return mismatch();
}

// go-yaml's reader accepts only YAML's printable characters, in valid UTF-8.
std::optional<std::string> check_characters(std::string_view text) {
  size_t line = 1;
  while (!text.empty()) {
    const DecodedRune rune = decode_rune(text);
    if (rune.rune == kRuneError && rune.width == 1) {
      return "invalid UTF-8 (line " + std::to_string(line) + ")";
    }
    const char32_t c = rune.rune;
    const bool printable = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0x7E) ||
                           c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) ||
                           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    if (!printable) return "control characters are not allowed (line " + std::to_string(line) + ")";
    if (c == '\n') ++line;
    text.remove_prefix(rune.width);
  }
  return std::nullopt;
}

}  // namespace

Result<YAML::Node, std::string> parse_yaml(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (auto problem = check_characters(text)) return "not valid YAML: " + *problem;
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return "not valid YAML: " + e.msg + " (line " + std::to_string(e.mark.line + 1) + ")";
  }
}

const Field* find_field(const Shape& shape, std::string_view key) {
  for (const auto& field : shape.fields) {
    if (field.name == key) return &field;
  }
  for (const auto& field : shape.fields) {
    if (equal_fold(field.name, key)) return &field;
  }
  return nullptr;
}

Result<json, std::string> to_go_json(const YAML::Node& node, const Shape& shape) {
  Converter converter;
  return converter.convert(node, &shape, "", 0);
}

Result<json, std::string> decode_go_json(const json& value, const Shape& shape) {
  auto decoded = decode(value, shape, "");
  if (!decoded.ok()) return decoded.error();
  return decoded.value() ? std::move(*decoded.value()) : json(nullptr);
}

void merge_go_struct(json& base, const json& update, const Shape& shape) {
  if (!update.is_object()) return;
  if (!base.is_object()) {
    base = update;
    return;
  }
  for (const auto& [key, value] : update.items()) {
    const Field* field = find_field(shape, key);
    json& target = base[key];
    if (field != nullptr && field->shape->kind == Shape::Kind::kMap && target.is_object() &&
        value.is_object()) {
      for (const auto& [name, item] : value.items()) target[name] = item;
    } else {
      target = value;
    }
  }
}

}  // namespace chartmirror::charts::go
