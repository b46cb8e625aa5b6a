#include "charts/values/json.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "charts/golang/format_float.h"
#include "charts/golang/json_text.h"

namespace chartmirror::charts::values {
namespace {

Error invalid(std::string_view source, std::string message) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = std::move(message),
               .source = std::string(source)};
}

// encoding/json refuses documents nested deeper than 10000 ("exceeded max depth"); the
// conversion below recurses on the native stack, so the limit here is lower.
constexpr int kMaxDepth = 1000;

Result<Value, Error> from_nlohmann(const nlohmann::json& json, std::string_view source,
                                   int depth = 0) {
  if (depth > kMaxDepth) return invalid(source, "exceeded max depth");
  switch (json.type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return Value();
    case nlohmann::json::value_t::boolean:
      return Value(json.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return Value(static_cast<double>(json.get<std::int64_t>()));
    case nlohmann::json::value_t::number_unsigned:
      return Value(static_cast<double>(json.get<std::uint64_t>()));
    case nlohmann::json::value_t::number_float: {
      const double f = json.get<double>();
      if (!std::isfinite(f)) {
        return invalid(source, "json: cannot unmarshal number into Go value of type float64");
      }
      return Value(f);
    }
    case nlohmann::json::value_t::string:
      return Value(json.get<std::string>());
    case nlohmann::json::value_t::array: {
      Value::List list;
      list.reserve(json.size());
      for (const auto& item : json) {
        auto value = from_nlohmann(item, source, depth + 1);
        if (!value.ok()) return value.error();
        list.push_back(std::move(value).value());
      }
      return Value(std::move(list));
    }
    case nlohmann::json::value_t::object: {
      Value::Map map;
      for (const auto& [key, item] : json.items()) {
        auto value = from_nlohmann(item, source, depth + 1);
        if (!value.ok()) return value.error();
        map.insert_or_assign(key, std::move(value).value());
      }
      return Value(std::move(map));
    }
    case nlohmann::json::value_t::binary:
      break;
  }
  return invalid(source, "unsupported JSON value");
}

Status<Error> append_json(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      out += "null";
      break;
    case Value::Kind::kBool:
      out += value.as_bool() ? "true" : "false";
      break;
    case Value::Kind::kInt:
      out += std::to_string(value.as_int());
      break;
    case Value::Kind::kFloat:
      if (!std::isfinite(value.as_float())) {
        return Error{
            .code = Error::Code::kInvalidInput,
            .message = "json: unsupported value: " + go::format_float(value.as_float(), 'g')};
      }
      go::append_json_number(out, value.as_float());
      break;
    case Value::Kind::kString:
      go::append_json_string(out, value.as_string());
      break;
    case Value::Kind::kList: {
      out += '[';
      bool first = true;
      for (const auto& item : value.as_list()) {
        if (!first) out += ',';
        first = false;
        auto status = append_json(out, item);
        if (!status.ok()) return status;
      }
      out += ']';
      break;
    }
    case Value::Kind::kMap: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.as_map()) {
        if (!first) out += ',';
        first = false;
        go::append_json_string(out, key);
        out += ':';
        auto status = append_json(out, item);
        if (!status.ok()) return status;
      }
      out += '}';
      break;
    }
  }
  return Done{};
}

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

Result<Value, Error> parse_json(std::string_view text, std::string_view source) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return invalid(source, std::string("invalid JSON: ") + e.what());
  }
  return from_nlohmann(json, source);
}

Result<std::string, Error> to_json(const Value& value) {
  std::string out;
  auto status = append_json(out, value);
  if (!status.ok()) return status.error();
  return out;
}

std::size_t json_value_extent(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && is_json_space(text[i])) ++i;
  if (i == text.size()) return 0;
  int depth = 0;
  bool in_string = false;
  const auto scalar_end = [&](std::size_t k) {
    while (k < text.size() && !is_json_space(text[k]) && text[k] != ',' && text[k] != ']' &&
           text[k] != '}' && text[k] != '[' && text[k] != '{' && text[k] != '"') {
      ++k;
    }
    return k;
  };
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
        if (depth == 0) return i + 1;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      if (--depth <= 0) return depth == 0 ? i + 1 : 0;
    } else if (depth == 0) {
      return scalar_end(i);  // a number, true, false or null
    }
  }
  return 0;
}

}  // namespace chartmirror::charts::values
