#include "charts/values/yaml.h"

#include <cmath>
#include <vector>

#include "charts/golang/format_float.h"
#include "charts/golang/quote.h"
#include "charts/golang/yaml_scalar.h"
#include "charts/values/yaml_graph.h"

namespace chartmirror::charts::values {
namespace {

Error invalid(std::string_view source, std::string message) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = std::move(message),
               .source = std::string(source)};
}

constexpr int kFloat32Bits = 32;

// The prefixes Helm's error chain puts in front of the two stages that can fail.
constexpr std::string_view kYamlStage = "error converting YAML to JSON: ";
constexpr std::string_view kJsonStage = "error unmarshaling JSON: while decoding JSON: ";

using yaml::RawNode;

std::string hex(std::uint64_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string digits;
  do {
    digits.insert(digits.begin(), kDigits[n % 16]);
    n /= 16;
  } while (n != 0);
  return "0x" + digits;
}

// A decoded value as Go's `%#v` shows it inside yaml.v2's and sigs.k8s.io/yaml's messages
// (`[]interface {}{"a"}`); `yaml_types` names maps as yaml.v2 holds them.
std::string go_syntax(const Value& value, bool yaml_types = false) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      return "interface {}(nil)";
    case Value::Kind::kString:
      return go::quote(value.as_string());
    case Value::Kind::kList: {
      std::string out = "[]interface {}{";
      bool first = true;
      for (const auto& item : value.as_list()) {
        if (!first) out += ", ";
        first = false;
        out += go_syntax(item, yaml_types);
      }
      return out + "}";
    }
    case Value::Kind::kMap: {
      std::string out = yaml_types ? "map[interface {}]interface {}{" : "map[string]interface {}{";
      bool first = true;
      for (const auto& [key, item] : value.as_map()) {
        if (!first) out += ", ";
        first = false;
        out += go::quote(key) + ":" + go_syntax(item, yaml_types);
      }
      return out + "}";
    }
    default:
      return format_go(value);
  }
}

// yaml.v2's guard against alias bombs (decode.go allowedAliasRatio): beyond 100 aliased
// decodes and 1000 decodes in all, aliased decodes may be 99% of the work for small documents,
// falling to 10% for documents of four million decodes.
double allowed_alias_ratio(long decode_count) {
  constexpr long kRangeLow = 400000;
  constexpr long kRangeHigh = 4000000;
  if (decode_count <= kRangeLow) return 0.99;
  if (decode_count >= kRangeHigh) return 0.10;
  return 0.99 - 0.89 * (static_cast<double>(decode_count - kRangeLow) /
                        static_cast<double>(kRangeHigh - kRangeLow));
}

// Turns the node graph into Values the way yaml.v2 decodes into interface{} and the JSON
// round trip of sigs.k8s.io/yaml then converts the result.
class Decoder {
 public:
  Decoder(const std::vector<RawNode>& nodes, std::string_view source)
      : nodes_(nodes), source_(source), expanding_(nodes.size(), false) {}

  Result<Value, Error> decode(std::size_t index) {
    // Aliases can nest documents that are each within yaml_graph.cpp's depth bound.
    constexpr int kMaxDepth = 1000;
    if (depth_ >= kMaxDepth) return yaml_error("exceeded max depth of 1000");
    ++depth_;
    auto value = decode_node(nodes_[index]);
    --depth_;
    return value;
  }

 private:
  Result<Value, Error> decode_node(const RawNode& node) {
    auto counted = count();
    if (!counted.ok()) return counted.error();
    switch (node.kind) {
      case RawNode::Kind::kAlias:
        return decode_alias(node);
      case RawNode::Kind::kScalar:
        return decode_scalar(node);
      case RawNode::Kind::kSequence: {
        Value::List list;
        list.reserve(node.children.size());
        for (const std::size_t child : node.children) {
          auto item = decode(child);
          if (!item.ok()) return item.error();
          list.push_back(std::move(item).value());
        }
        return Value(std::move(list));
      }
      case RawNode::Kind::kMapping: {
        Value::Map map;
        auto status = decode_mapping_into(node, map);
        if (!status.ok()) return status.error();
        return Value(std::move(map));
      }
    }
    return Value();
  }

  Status<Error> count() {
    ++decode_count_;
    if (alias_depth_ > 0) ++alias_count_;
    constexpr long kMinAliases = 100;
    constexpr long kMinDecodes = 1000;
    if (alias_count_ > kMinAliases && decode_count_ > kMinDecodes &&
        static_cast<double>(alias_count_) / static_cast<double>(decode_count_) >
            allowed_alias_ratio(decode_count_)) {
      return yaml_error("document contains excessive aliasing");
    }
    return Done{};
  }

  Error yaml_error(const std::string& message) const {
    return invalid(source_, std::string(kYamlStage) + "yaml: " + message);
  }

  // Follows an alias, refusing one that is being expanded already.
  Result<Value, Error> decode_alias(const RawNode& alias) {
    if (expanding_[alias.target]) {
      return yaml_error("anchor '" + nodes_[alias.target].anchor + "' value contains itself");
    }
    expanding_[alias.target] = true;
    ++alias_depth_;
    auto value = decode(alias.target);
    --alias_depth_;
    expanding_[alias.target] = false;
    return value;
  }

  // The node an alias stands for (aliases of aliases cannot occur: an alias names an anchor,
  // and an anchor is on a node that is not an alias).
  const RawNode& resolved(const RawNode& node) const {
    return node.kind == RawNode::Kind::kAlias ? nodes_[node.target] : node;
  }

  Result<Value, Error> decode_scalar(const RawNode& node) {
    auto scalar = go::resolve_yaml_scalar(node.tag, node.value);
    if (!scalar.ok()) return yaml_error(scalar.error());
    return to_json_value(*scalar);
  }

  Result<Value, Error> to_json_value(const go::YamlScalar& scalar) const {
    switch (scalar.kind) {
      case go::YamlScalar::Kind::kNull:
        return Value();
      case go::YamlScalar::Kind::kBool:
        return Value(scalar.boolean);
      case go::YamlScalar::Kind::kInt:
        return Value(static_cast<double>(scalar.integer));
      case go::YamlScalar::Kind::kUint:
        return Value(static_cast<double>(scalar.unsigned_integer));
      case go::YamlScalar::Kind::kFloat:
        if (!std::isfinite(scalar.floating)) {
          // json.Marshal of the decoded document fails.
          return invalid(source_, std::string(kYamlStage) + "json: unsupported value: " +
                                      go::format_float(scalar.floating, 'g'));
        }
        return Value(scalar.floating);
      case go::YamlScalar::Kind::kString:
        return Value(scalar.text);
      case go::YamlScalar::Kind::kBinary: {
        auto bytes = go::decode_yaml_binary(scalar.text);
        if (!bytes) return yaml_error("!!binary value contains invalid base64 data");
        return Value(std::move(*bytes));
      }
    }
    return Value();
  }

  static bool is_merge_key(const RawNode& node) {
    return node.kind == RawNode::Kind::kScalar && node.value == "<<" &&
           (node.tag == "?" || node.tag == "tag:yaml.org,2002:merge");
  }

  Status<Error> decode_mapping_into(const RawNode& node, Value::Map& out) {
    for (std::size_t i = 0; i + 1 < node.children.size(); i += 2) {
      const RawNode& key_node = nodes_[node.children[i]];
      const std::size_t value_index = node.children[i + 1];
      if (is_merge_key(key_node)) {
        auto status = merge_into(value_index, out);
        if (!status.ok()) return status;
        continue;
      }
      auto key = decode_key(node.children[i], value_index);
      if (!key.ok()) return key.error();
      auto value = decode(value_index);
      if (!value.ok()) return value.error();
      out.insert_or_assign(std::move(key).value(), std::move(value).value());
    }
    return Done{};
  }

  // `<<: VALUE`: a map, an alias of a map, or a list of those (earlier ones win).
  Status<Error> merge_into(std::size_t index, Value::Map& out) {
    const RawNode& node = nodes_[index];
    const auto want_map = [&] {
      return yaml_error("map merge requires map or sequence of maps as the value");
    };
    const auto merge_one = [&](std::size_t item) -> Status<Error> {
      const RawNode& n = nodes_[item];
      if (resolved(n).kind != RawNode::Kind::kMapping) return want_map();
      auto counted = count();
      if (!counted.ok()) return counted;
      if (n.kind != RawNode::Kind::kAlias) return decode_mapping_into(n, out);
      if (expanding_[n.target]) {
        return yaml_error("anchor '" + nodes_[n.target].anchor + "' value contains itself");
      }
      expanding_[n.target] = true;
      ++alias_depth_;
      auto counted_target = count();
      auto status =
          counted_target.ok() ? decode_mapping_into(nodes_[n.target], out) : counted_target;
      --alias_depth_;
      expanding_[n.target] = false;
      return status;
    };
    if (node.kind == RawNode::Kind::kMapping || node.kind == RawNode::Kind::kAlias) {
      return merge_one(index);
    }
    if (node.kind != RawNode::Kind::kSequence) return want_map();
    for (auto it = node.children.rbegin(); it != node.children.rend(); ++it) {
      auto status = merge_one(*it);
      if (!status.ok()) return status;
    }
    return Done{};
  }

  // A key becomes a string the way sigs.k8s.io/yaml's convertToJSONableObject writes it.
  Result<std::string, Error> decode_key(std::size_t index, std::size_t value_index) {
    auto counted = count();
    if (!counted.ok()) return counted.error();
    const RawNode& node = resolved(nodes_[index]);
    if (node.kind == RawNode::Kind::kSequence || node.kind == RawNode::Kind::kMapping) {
      auto value = decode(index);
      return yaml_error("invalid map key: " +
                        (value.ok() ? go_syntax(*value, true) : std::string("{...}")));
    }
    auto scalar = go::resolve_yaml_scalar(node.tag, node.value);
    if (!scalar.ok()) return yaml_error(scalar.error());
    switch (scalar->kind) {
      case go::YamlScalar::Kind::kNull:
        return null_key_error();
      case go::YamlScalar::Kind::kBool:
        return std::string(scalar->boolean ? "true" : "false");
      case go::YamlScalar::Kind::kInt:
        return std::to_string(scalar->integer);
      case go::YamlScalar::Kind::kUint: {
        auto value = decode(value_index);
        return invalid(source_,
                       std::string(kYamlStage) + "unsupported map key of type: uint64, key: " +
                           hex(scalar->unsigned_integer) +
                           ", value: " + (value.ok() ? go_syntax(*value) : std::string("?")));
      }
      case go::YamlScalar::Kind::kFloat:
        return format_float32_key(scalar->floating);
      case go::YamlScalar::Kind::kString:
        return scalar->text;
      case go::YamlScalar::Kind::kBinary: {
        auto bytes = go::decode_yaml_binary(scalar->text);
        if (!bytes) return yaml_error("!!binary value contains invalid base64 data");
        return std::move(*bytes);
      }
    }
    return std::string();
  }

  Error null_key_error() const {
    return invalid(source_, std::string(kYamlStage) +
                                "unsupported map key of type: %!s(<nil>), key: <nil>, value: "
                                "<nil>");
  }

  // strconv.FormatFloat(key, 'g', -1, 32), with YAML's names for the infinities and NaN
  // (sigs.k8s.io/yaml renames the text, so a float64 beyond float32's range is ".inf" too).
  static std::string format_float32_key(double key) {
    std::string text = go::format_float(key, 'g', kFloat32Bits);
    if (text == "+Inf") return ".inf";
    if (text == "-Inf") return "-.inf";
    if (text == "NaN") return ".nan";
    return text;
  }

  const std::vector<RawNode>& nodes_;
  std::string_view source_;
  std::vector<bool> expanding_;
  long decode_count_ = 0;
  long alias_count_ = 0;
  int alias_depth_ = 0;
  int depth_ = 0;
};

// Go's name for a JSON value's type in "cannot unmarshal X into Go value of type ...".
std::string json_type_name(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kBool:
      return "bool";
    case Value::Kind::kInt:
    case Value::Kind::kFloat:
      return "number";
    case Value::Kind::kString:
      return "string";
    case Value::Kind::kList:
      return "array";
    default:
      return "object";
  }
}

}  // namespace

Result<Value, Error> parse_yaml(std::string_view text, std::string_view source) {
  auto graph = yaml::read_first_document(text);
  if (!graph.ok()) return invalid(source, std::string(kYamlStage) + "yaml: " + graph.error());
  if (!graph->root) return Value();
  Decoder decoder(graph->nodes, source);
  return decoder.decode(*graph->root);
}

Result<Value, Error> parse_values_yaml(std::string_view text, std::string_view source) {
  auto value = parse_yaml(text, source);
  if (!value.ok()) return value;
  if (value->is_null()) return Value(Value::Map{});
  if (!value->is_map()) {
    return invalid(source, std::string(kJsonStage) + "json: cannot unmarshal " +
                               json_type_name(*value) +
                               " into Go value of type map[string]interface {}");
  }
  return value;
}

}  // namespace chartmirror::charts::values
