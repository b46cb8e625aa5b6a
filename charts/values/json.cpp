#include "charts/values/json.h"

#include <cmath>

#include <nlohmann/json.hpp>

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

// Decodes one UTF-8 sequence at `text[i]`; returns its length and code point, or length 0
// for an invalid sequence (encoding/json then writes U+FFFD for one byte).
std::pair<std::size_t, char32_t> decode_utf8(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  std::size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 < 0x80) return {1, b0};
  if ((b0 & 0xe0) == 0xc0) {
    length = 2, cp = b0 & 0x1f, min = 0x80;
  } else if ((b0 & 0xf0) == 0xe0) {
    length = 3, cp = b0 & 0x0f, min = 0x800;
  } else if ((b0 & 0xf8) == 0xf0) {
    length = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return {0, 0};
  }
  if (i + length > text.size()) return {0, 0};
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return {0, 0};
    cp = (cp << 6) | (byte(i + k) & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return {0, 0};
  return {length, cp};
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 0xf];
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    const auto [length, cp] = decode_utf8(text, i);
    if (length == 0) {
      out += "\\ufffd";
      ++i;
      continue;
    }
    if (cp == 0x2028 || cp == 0x2029) {
      out += cp == 0x2028 ? "\\u2028" : "\\u2029";
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  out += '"';
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
            .message = "json: unsupported value: " + format_go_float(value.as_float(), 'g')};
      }
      out += format_json_float(value.as_float());
      break;
    case Value::Kind::kString:
      append_json_string(out, value.as_string());
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
        append_json_string(out, key);
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

std::string format_json_float(double f) {
  const double magnitude = std::fabs(f);
  constexpr double kSmall = 1e-6;
  constexpr double kLarge = 1e21;
  if (magnitude == 0 || (magnitude >= kSmall && magnitude < kLarge)) {
    return format_go_float(f, 'f');
  }
  std::string text = format_go_float(f, 'e');
  // encoding/json writes e-07 as e-7.
  const std::size_t n = text.size();
  if (n >= 4 && text[n - 4] == 'e' && text[n - 3] == '-' && text[n - 2] == '0') {
    text.erase(n - 2, 1);
  }
  return text;
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
