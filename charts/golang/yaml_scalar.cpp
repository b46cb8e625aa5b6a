#include "charts/golang/yaml_scalar.h"

#include <array>
#include <cmath>
#include <limits>

#include "charts/golang/strconv.h"
#include "support/base64.h"

namespace chartmirror::charts::go {
namespace {

constexpr std::string_view kLongTagPrefix = "tag:yaml.org,2002:";

enum class Tag { kImplicit, kStr, kBool, kInt, kFloat, kNull, kTimestamp, kBinary, kOther };

Tag classify(std::string_view tag) {
  if (tag == "?") return Tag::kImplicit;
  if (tag.substr(0, kLongTagPrefix.size()) != kLongTagPrefix) return Tag::kOther;
  const std::string_view name = tag.substr(kLongTagPrefix.size());
  if (name == "str") return Tag::kStr;
  if (name == "bool") return Tag::kBool;
  if (name == "int") return Tag::kInt;
  if (name == "float") return Tag::kFloat;
  if (name == "null") return Tag::kNull;
  if (name == "timestamp") return Tag::kTimestamp;
  if (name == "binary") return Tag::kBinary;
  return Tag::kOther;
}

std::string short_tag(Tag tag) {
  switch (tag) {
    case Tag::kStr:
      return "!!str";
    case Tag::kBool:
      return "!!bool";
    case Tag::kInt:
      return "!!int";
    case Tag::kFloat:
      return "!!float";
    case Tag::kNull:
      return "!!null";
    case Tag::kTimestamp:
      return "!!timestamp";
    case Tag::kBinary:
      return "!!binary";
    default:
      return "";
  }
}

YamlScalar string_scalar(std::string_view text) {
  return YamlScalar{.kind = YamlScalar::Kind::kString, .text = std::string(text)};
}
YamlScalar bool_scalar(bool b) { return YamlScalar{.kind = YamlScalar::Kind::kBool, .boolean = b}; }
YamlScalar float_scalar(double f) {
  return YamlScalar{.kind = YamlScalar::Kind::kFloat, .floating = f};
}

// yaml.v2's resolve table: the spellings it maps to booleans, null and the special floats.
std::optional<YamlScalar> lookup_special(std::string_view in) {
  static constexpr std::array kTrue = {"y",    "Y",    "yes", "Yes", "YES", "true",
                                       "True", "TRUE", "on",  "On",  "ON"};
  static constexpr std::array kFalse = {"n",     "N",     "no",  "No",  "NO", "false",
                                        "False", "FALSE", "off", "Off", "OFF"};
  static constexpr std::array kNull = {"", "~", "null", "Null", "NULL"};
  for (const std::string_view s : kTrue) {
    if (in == s) return bool_scalar(true);
  }
  for (const std::string_view s : kFalse) {
    if (in == s) return bool_scalar(false);
  }
  for (const std::string_view s : kNull) {
    if (in == s) return YamlScalar{};
  }
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (in == ".nan" || in == ".NaN" || in == ".NAN") {
    return float_scalar(std::numeric_limits<double>::quiet_NaN());
  }
  if (in == ".inf" || in == ".Inf" || in == ".INF" || in == "+.inf" || in == "+.Inf" ||
      in == "+.INF") {
    return float_scalar(kInf);
  }
  if (in == "-.inf" || in == "-.Inf" || in == "-.INF") return float_scalar(-kInf);
  return std::nullopt;
}

// The first character decides which resolutions are tried (resolve.go's resolveTable).
char hint_of(std::string_view in) {
  if (in.empty()) return 'N';
  const char c = in[0];
  if (c == '+' || c == '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if (std::string_view("yYnNtTfFoO~").find(c) != std::string_view::npos) return 'M';
  if (c == '.') return '.';
  return 0;
}

// Reads 1 or 2 digits (Go's time layouts "1", "2", "15", "4", "5") into `out`.
bool read_small(std::string_view s, std::size_t& i, int& out, bool exactly_two = false) {
  const auto digit = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  if (!digit(i)) return false;
  out = s[i++] - '0';
  if (digit(i)) {
    out = out * 10 + (s[i++] - '0');
  } else if (exactly_two) {
    return false;
  }
  return true;
}

int days_in_month(int year, int month) {
  static constexpr std::array kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// The timestamp layouts yaml.v2 tries with time.Parse: 2006-1-2, then "2006-1-2 15:4:5.999"
// without zone, and 2006-1-2T15:4:5.999Z07:00 (T or t) with one.
bool is_timestamp(std::string_view s) {
  if (s.size() < 5) return false;
  for (std::size_t k = 0; k < 4; ++k) {
    if (s[k] < '0' || s[k] > '9') return false;
  }
  if (s[4] != '-') return false;
  const int year = std::stoi(std::string(s.substr(0, 4)));
  std::size_t i = 5;
  int month = 0;
  int day = 0;
  if (!read_small(s, i, month) || i >= s.size() || s[i++] != '-' || !read_small(s, i, day)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;
  if (i == s.size()) return true;
  const char separator = s[i++];
  if (separator != 'T' && separator != 't' && separator != ' ') return false;
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!read_small(s, i, hour) || i >= s.size() || s[i++] != ':' || !read_small(s, i, minute) ||
      i >= s.size() || s[i++] != ':' || !read_small(s, i, second)) {
    return false;
  }
  constexpr int kHours = 24;
  constexpr int kMinutes = 60;
  if (hour >= kHours || minute >= kMinutes || second >= kMinutes) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  }
  if (separator == ' ') return i == s.size();
  if (i < s.size() && s[i] == 'Z') return i + 1 == s.size();
  if (i >= s.size() || (s[i] != '+' && s[i] != '-')) return false;
  ++i;
  int zone_hours = 0;
  int zone_minutes = 0;
  return read_small(s, i, zone_hours, true) && i < s.size() && s[i++] == ':' &&
         read_small(s, i, zone_minutes, true) && i == s.size();
}

// Numbers: yaml.v2 removes '_' and tries ParseInt(s, 0, 64), ParseUint(s, 0, 64), then a
// float in YAML's float syntax.
std::optional<YamlScalar> resolve_number(std::string_view in) {
  std::string plain;
  for (const char c : in) {
    if (c != '_') plain += c;
  }
  if (auto i = parse_int(plain, 0); i.ok()) {
    return YamlScalar{.kind = YamlScalar::Kind::kInt, .integer = *i};
  }
  if (auto u = parse_uint(plain, 0); u.ok()) {
    return YamlScalar{.kind = YamlScalar::Kind::kUint, .unsigned_integer = *u};
  }
  if (auto f = parse_decimal_float(plain)) return float_scalar(*f);
  return std::nullopt;
}

}  // namespace

Result<YamlScalar, std::string> resolve_yaml_scalar(std::string_view tag, std::string_view value) {
  const Tag wanted = classify(tag);
  if (wanted == Tag::kBinary)
    return YamlScalar{.kind = YamlScalar::Kind::kBinary, .text = std::string(value)};
  // Quoted scalars, the non-specific "!" and unknown tags are strings as written.
  if (tag == "!" || wanted == Tag::kOther) return string_scalar(value);

  Tag resolved = Tag::kStr;
  YamlScalar out = string_scalar(value);
  const char hint = hint_of(value);
  if (hint != 0 && wanted != Tag::kStr) {
    if (auto special = lookup_special(value)) {
      out = *special;
      resolved = out.kind == YamlScalar::Kind::kBool   ? Tag::kBool
                 : out.kind == YamlScalar::Kind::kNull ? Tag::kNull
                                                       : Tag::kFloat;
    } else if (hint == '.') {
      if (auto f = parse_decimal_float(value)) out = float_scalar(*f), resolved = Tag::kFloat;
    } else if (hint == 'D' || hint == 'S') {
      if ((wanted == Tag::kImplicit || wanted == Tag::kTimestamp) && is_timestamp(value)) {
        resolved = Tag::kTimestamp;  // decoded into interface{}, a timestamp stays a string
      } else if (auto number = resolve_number(value)) {
        out = *number;
        resolved = out.kind == YamlScalar::Kind::kFloat ? Tag::kFloat : Tag::kInt;
      }
    }
  }

  if (wanted == Tag::kImplicit || wanted == resolved || wanted == Tag::kStr) return out;
  if (wanted == Tag::kFloat && resolved == Tag::kInt && out.kind == YamlScalar::Kind::kInt) {
    return float_scalar(static_cast<double>(out.integer));
  }
  return "cannot decode " + short_tag(resolved) + " `" + std::string(value) + "` as a " +
         short_tag(wanted);
}

std::optional<std::string> decode_yaml_binary(std::string_view text) {
  // base64_decode also accepts unpadded text; StdEncoding does not.
  std::size_t length = 0;
  for (const char c : text) {
    if (c != '\n' && c != '\r') ++length;
  }
  if (length % 4 != 0) return std::nullopt;
  return base64_decode(text);
}

}  // namespace chartmirror::charts::go
