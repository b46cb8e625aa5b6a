#include "charts/template/sprig.h"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "charts/golang/quote.h"
#include "charts/golang/strconv.h"
#include "charts/template/go_fmt.h"
#include "charts/template/sprig_internal.h"

namespace chartmirror::charts::tmpl {
namespace sprig {

bool empty(const ExecValue& value) {
  if (value.is_nil()) return true;
  const values::Value& v = value.value();
  switch (v.kind()) {
    case values::Value::Kind::kNull:
      return true;
    case values::Value::Kind::kBool:
      return !v.as_bool();
    case values::Value::Kind::kInt:
      return v.as_int() == 0;
    case values::Value::Kind::kFloat:
      return v.as_float() == 0;
    case values::Value::Kind::kString:
      return v.as_string().empty();
    case values::Value::Kind::kList:
    case values::Value::Kind::kMap:
      return v.size() == 0;
  }
  return true;
}

std::string strval(const ExecValue& value) {
  if (value.value().is_string()) return value.value().as_string();
  if (value.is_nil()) return "<nil>";
  return go::sprint({value.unboxed()});
}

std::vector<std::string> strslice(const ExecValue& value) {
  std::vector<std::string> out;
  if (value.is_nil()) return out;
  if (!value.value().is_list()) {
    out.push_back(strval(value));
    return out;
  }
  for (const values::Value& item : value.value().as_list()) {
    if (!item.is_null()) out.push_back(strval(ExecValue(item)));
  }
  return out;
}

// Outputs beyond 64 MiB (the executor's default output limit) fail with Go's overflow text.
Result<std::string, GoError> repeat(const std::string& s, std::int64_t count) {
  if (count < 0) return GoError{"strings: negative Repeat count"};
  if (count > 0 && s.size() > (std::size_t{64} << 20U) / static_cast<std::size_t>(count)) {
    return GoError{"strings: Repeat output length overflow"};
  }
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) out += s;
  return out;
}

namespace {

// Go's int64(f) on amd64: truncation, and the "integer indefinite" minimum for NaN and values
// out of range.
std::int64_t truncate(double f) {
  constexpr double kLimit = 9223372036854775808.0;  // 2^63
  if (std::isnan(f) || f >= kLimit || f < -kLimit) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(f);
}

// cast's trimZeroDecimal: "1.00" → "1"; anything else unchanged.
std::string_view trim_zero_decimal(std::string_view s) {
  bool found_zero = false;
  for (std::size_t i = s.size(); i > 0; --i) {
    const char c = s[i - 1];
    if (c == '.') {
      if (found_zero) return s.substr(0, i - 1);
    } else if (c == '0') {
      found_zero = true;
    } else {
      return s;
    }
  }
  return s;
}

}  // namespace

std::int64_t to_int64(const ExecValue& value) {
  if (value.is_nil()) return 0;
  const values::Value& v = value.value();
  switch (v.kind()) {
    case values::Value::Kind::kBool:
      return v.as_bool() ? 1 : 0;
    case values::Value::Kind::kInt:
      return v.as_int();
    case values::Value::Kind::kFloat:
      return truncate(v.as_float());
    case values::Value::Kind::kString: {
      auto r = charts::go::parse_int(trim_zero_decimal(v.as_string()), 0);
      return r.ok() ? *r : 0;
    }
    default:
      return 0;
  }
}

Result<double, GoError> to_float64(const ExecValue& value) {
  if (value.is_nil()) return 0.0;
  const values::Value& v = value.value();
  switch (v.kind()) {
    case values::Value::Kind::kBool:
      return v.as_bool() ? 1.0 : 0.0;
    case values::Value::Kind::kInt:
      return static_cast<double>(v.as_int());
    case values::Value::Kind::kFloat:
      return v.as_float();
    case values::Value::Kind::kString: {
      const std::string& s = v.as_string();
      if (auto f = charts::go::parse_decimal_float(s)) return *f;
      // Go's other forms: inf, infinity, nan and hex floats, after an optional sign.
      std::string lower;
      for (const char c : s)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string_view body = lower;
      if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.remove_prefix(1);
      if (body == "inf" || body == "infinity" || body == "nan" || body.starts_with("0x")) {
        return GoError{"the float syntax of " + charts::go::quote(s) + " is not supported"};
      }
      return 0.0;
    }
    default:
      return 0.0;
  }
}

std::string kind_name(const ExecValue& value) {
  switch (value.kind()) {
    case ExecValue::Kind::kInvalid:
    case ExecValue::Kind::kNil:
      return "invalid";
    case ExecValue::Kind::kBool:
      return "bool";
    case ExecValue::Kind::kInt:
      return "int";
    case ExecValue::Kind::kInt64:
      return "int64";
    case ExecValue::Kind::kFloat64:
      return "float64";
    case ExecValue::Kind::kString:
      return "string";
    case ExecValue::Kind::kList:
      return "slice";
    case ExecValue::Kind::kMap:
      return "map";
  }
  return "invalid";
}

}  // namespace sprig

void add_sprig_functions(FunctionMap& functions, sprig::RsaKeyPool* rsa_2048_keys) {
  sprig::add_defaults(functions);
  sprig::add_strings(functions);
  sprig::add_lists(functions);
  sprig::add_math(functions);
  sprig::add_dicts(functions);
  sprig::add_encoding(functions);
  sprig::add_reflect(functions);
  sprig::add_dicts_mutate(functions);
  sprig::add_regex(functions);
  sprig::add_semver(functions);
  sprig::add_case(functions);
  sprig::add_paths(functions);
  sprig::add_random(functions);
  sprig::add_crypto(functions);
  sprig::add_certs(functions, rsa_2048_keys);
  sprig::add_float_math(functions);
  sprig::add_network(functions);
  sprig::add_url(functions);
  sprig::add_dates(functions);
}

}  // namespace chartmirror::charts::tmpl
