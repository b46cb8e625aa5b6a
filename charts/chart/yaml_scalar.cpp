#include "charts/chart/yaml_scalar.h"

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string_view>

#include "charts/chart/go_text.h"
#include "support/base64.h"

namespace chartmirror::charts::go {
namespace {

constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";

// strconv.ParseUint(text, 0, 64) without a sign: 0x, 0o and 0b prefixes (with at least one
// digit after them), a leading 0 for octal.
std::optional<std::uint64_t> parse_go_uint(std::string_view text) {
  if (text.empty()) return std::nullopt;
  unsigned base = 10;
  if (text[0] == '0') {
    const char prefix = text.size() >= 3 ? static_cast<char>(text[1] | 0x20) : '\0';
    base = prefix == 'b' ? 2 : prefix == 'o' ? 8 : prefix == 'x' ? 16 : 8;
    text.remove_prefix(base == 8 && prefix != 'o' ? 1 : 2);
  }
  std::uint64_t value = 0;
  for (const char c : text) {
    unsigned digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<unsigned>(c - '0');
    } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
      digit = static_cast<unsigned>((c | 0x20) - 'a' + 10);
    } else {
      return std::nullopt;
    }
    if (digit >= base) return std::nullopt;
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / base) return std::nullopt;
    value = value * base + digit;
  }
  return value;
}

// strconv.ParseInt(text, 0, 64).
std::optional<std::int64_t> parse_go_int(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  const auto magnitude = parse_go_uint(text);
  if (!magnitude) return std::nullopt;
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 63;
  if (negative) {
    if (*magnitude > kLimit) return std::nullopt;
    return *magnitude == kLimit ? std::numeric_limits<std::int64_t>::min()
                                : -static_cast<std::int64_t>(*magnitude);
  }
  if (*magnitude >= kLimit) return std::nullopt;
  return static_cast<std::int64_t>(*magnitude);
}

size_t count_digits(std::string_view text, size_t i) {
  size_t n = 0;
  while (i + n < text.size() && text[i + n] >= '0' && text[i + n] <= '9') ++n;
  return n;
}

// go-yaml's yamlStyleFloat: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool is_yaml_float(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  if (i < text.size() && text[i] == '.') {
    const size_t digits = count_digits(text, i + 1);
    if (digits == 0) return false;
    i += 1 + digits;
  } else {
    const size_t digits = count_digits(text, i);
    if (digits == 0) return false;
    i += digits;
    if (i < text.size() && text[i] == '.') i += 1 + count_digits(text, i + 1);
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const size_t digits = count_digits(text, i);
    if (digits == 0) return false;
    i += digits;
  }
  return i == text.size();
}

// strconv.ParseFloat of a string is_yaml_float accepts; out of range is a failure.
std::optional<double> parse_float(const std::string& text) {
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || std::isinf(value)) return std::nullopt;
  return value;
}

// go-yaml's table of words: booleans (YAML 1.1), nulls, NaN and infinities.
std::optional<Scalar> lookup_word(std::string_view text) {
  enum class Kind { kFalse, kTrue, kNull, kNaN, kInfinity, kMinusInfinity };
  struct Word {
    std::string_view text;
    Kind kind;
  };
  static constexpr std::array<Word, 38> kWords = {{
      {"y", Kind::kTrue},
      {"Y", Kind::kTrue},
      {"yes", Kind::kTrue},
      {"Yes", Kind::kTrue},
      {"YES", Kind::kTrue},
      {"true", Kind::kTrue},
      {"True", Kind::kTrue},
      {"TRUE", Kind::kTrue},
      {"on", Kind::kTrue},
      {"On", Kind::kTrue},
      {"ON", Kind::kTrue},
      {"n", Kind::kFalse},
      {"N", Kind::kFalse},
      {"no", Kind::kFalse},
      {"No", Kind::kFalse},
      {"NO", Kind::kFalse},
      {"false", Kind::kFalse},
      {"False", Kind::kFalse},
      {"FALSE", Kind::kFalse},
      {"off", Kind::kFalse},
      {"Off", Kind::kFalse},
      {"OFF", Kind::kFalse},
      {"~", Kind::kNull},
      {"null", Kind::kNull},
      {"Null", Kind::kNull},
      {"NULL", Kind::kNull},
      {".nan", Kind::kNaN},
      {".NaN", Kind::kNaN},
      {".NAN", Kind::kNaN},
      {".inf", Kind::kInfinity},
      {".Inf", Kind::kInfinity},
      {".INF", Kind::kInfinity},
      {"+.inf", Kind::kInfinity},
      {"+.Inf", Kind::kInfinity},
      {"+.INF", Kind::kInfinity},
      {"-.inf", Kind::kMinusInfinity},
      {"-.Inf", Kind::kMinusInfinity},
      {"-.INF", Kind::kMinusInfinity},
  }};
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  for (const auto& word : kWords) {
    if (word.text != text) continue;
    switch (word.kind) {
      case Kind::kFalse:
        return Scalar(false);
      case Kind::kTrue:
        return Scalar(true);
      case Kind::kNull:
        return Scalar(Null{});
      case Kind::kNaN:
        return Scalar(std::numeric_limits<double>::quiet_NaN());
      case Kind::kInfinity:
        return Scalar(kInfinity);
      case Kind::kMinusInfinity:
        return Scalar(-kInfinity);
    }
  }
  return std::nullopt;
}

// What go-yaml v2 makes of an untagged plain scalar. Timestamps are left out: decoded into
// interface{} they stay the string they were written as.
Scalar resolve_plain(const std::string& text) {
  if (text.empty()) return Null{};
  const char first = text[0];
  const bool sign = first == '+' || first == '-';
  const bool digit = first >= '0' && first <= '9';
  const bool word = std::string_view("yYnNtTfFoO~").find(first) != std::string_view::npos;
  if (!sign && !digit && !word && first != '.') return text;
  if (auto found = lookup_word(text)) return *found;
  if (first == '.') {
    if (is_yaml_float(text)) {
      if (auto value = parse_float(text)) return *value;
    }
    return text;
  }
  if (sign || digit) {
    std::string plain;
    for (const char c : text) {
      if (c != '_') plain += c;
    }
    if (auto value = parse_go_int(plain)) return *value;
    if (!sign) {
      if (auto value = parse_go_uint(plain)) return *value;
    }
    if (is_yaml_float(plain)) {
      if (auto value = parse_float(plain)) return *value;
    }
  }
  return text;
}

const char* scalar_type_name(const Scalar& scalar) {
  if (std::holds_alternative<Null>(scalar)) return "!!null";
  if (std::holds_alternative<bool>(scalar)) return "!!bool";
  if (std::holds_alternative<double>(scalar)) return "!!float";
  if (std::holds_alternative<std::string>(scalar)) return "!!str";
  return "!!int";
}

}  // namespace

std::optional<std::string> as_go_string(const Scalar& scalar) {
  if (const auto* text = std::get_if<std::string>(&scalar)) return *text;
  if (const auto* flag = std::get_if<bool>(&scalar)) return *flag ? "true" : "false";
  if (const auto* number = std::get_if<std::int64_t>(&scalar)) return std::to_string(*number);
  if (const auto* number = std::get_if<std::uint64_t>(&scalar)) return std::to_string(*number);
  if (const auto* number = std::get_if<double>(&scalar)) return format_float32(*number);
  return std::nullopt;
}

// A scalar node: its tag decides how it is read. "?" is an untagged plain scalar, "!" a quoted
// or block one (always a string); an explicit standard tag must agree with what the text is.
Result<Scalar, std::string> resolve_scalar(const YAML::Node& node) {
  if (node.IsNull()) return Scalar(Null{});
  const std::string& tag = node.Tag();
  const std::string& text = node.Scalar();
  if (tag == "!") return Scalar(text);
  if (tag == "?" || tag.empty()) return resolve_plain(text);
  if (!tag.starts_with(kTagPrefix)) return Scalar(text);  // go-yaml keeps unknown tags' text
  const std::string_view type = std::string_view(tag).substr(kTagPrefix.size());
  if (type == "str") return Scalar(text);
  if (type == "binary") {
    std::string compact;
    for (const char c : text) {
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') compact += c;
    }
    if (auto decoded = base64_decode(compact)) return Scalar(std::move(*decoded));
    return "!!binary value `" + text + "` is not base64";
  }
  Scalar resolved = resolve_plain(text);
  if (const auto* integer = std::get_if<std::int64_t>(&resolved); integer && type == "float") {
    return Scalar(static_cast<double>(*integer));
  }
  const std::string name = "!!" + std::string(type);
  if (name == scalar_type_name(resolved)) return resolved;
  return "cannot decode " + std::string(scalar_type_name(resolved)) + " `" + text + "` as a " +
         name;
}

}  // namespace chartmirror::charts::go
