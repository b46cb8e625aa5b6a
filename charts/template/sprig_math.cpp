// Sprig's integer and float math (functions.go, numeric.go) except the decimal-based float
// operations (addf add1f subf mulf divf), which are absent. Arguments are converted with
// spf13/cast (to_int64, to_float64 in sprig_internal.h); integer arithmetic wraps as Go's.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

std::int64_t wrap(std::uint64_t v) { return static_cast<std::int64_t>(v); }
std::uint64_t bits(std::int64_t v) { return static_cast<std::uint64_t>(v); }

ExecValue int64_result(std::int64_t v) { return ExecValue(Value(v)); }

constexpr std::string_view kDivideByZero = "runtime error: integer divide by zero";

// math.Max and math.Min, with their rules for infinities, NaN and signed zeros.
double go_max(double x, double y) {
  if (std::isinf(x) && x > 0) return x;
  if (std::isinf(y) && y > 0) return y;
  if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0 && x == y) return std::signbit(x) ? y : x;
  return x > y ? x : y;
}
double go_min(double x, double y) {
  if (std::isinf(x) && x < 0) return x;
  if (std::isinf(y) && y < 0) return y;
  if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0 && x == y) return std::signbit(x) ? x : y;
  return x < y ? x : y;
}

// maxf/minf: the first argument folded with `f` over the rest.
FunctionResult fold_float(const Args& a, double (*f)(double, double)) {
  auto acc = to_float64(a[0]);
  if (!acc.ok()) return acc.error().message;
  double out = *acc;
  for (std::size_t i = 1; i < a.size(); ++i) {
    auto v = to_float64(a[i]);
    if (!v.ok()) return v.error().message;
    out = f(out, *v);
  }
  return ExecValue(Value(out));
}

// 10^places exactly as Go's math.Pow(10, places) gives it, for |places| <= 22 (where both
// 10^k and the division 1/10^k are correctly rounded); other places are refused.
Result<double, GoError> pow10(std::int64_t places) {
  if (places < -22 || places > 22) return GoError{"round: places beyond ±22 are not supported"};
  double p = 1;
  for (std::int64_t i = 0; i < (places < 0 ? -places : places); ++i) p *= 10;
  return places < 0 ? 1 / p : p;
}

// Sprig's round(a, places, roundOn = .5): the fraction of a*10^places decides ceil or floor
// (so -2.5 rounds to -3, and roundOn moves the threshold).
FunctionResult round(const Args& a) {
  auto val = to_float64(a[0]);
  if (!val.ok()) return val.error().message;
  double round_on = .5;
  if (a.size() > 2) {
    // A ...float64 parameter: numbers only (the executor passes variadic arguments untyped).
    const ExecValue::Kind kind = a[2].kind();
    if (kind != ExecValue::Kind::kFloat64 && kind != ExecValue::Kind::kInt) {
      return "round: wrong type for value; expected float64; got " + a[2].type_name();
    }
    round_on = a[2].value().as_number();
  }
  auto pow = pow10(a[1].value().as_int());
  if (!pow.ok()) return pow.error().message;
  const double digit = *pow * *val;
  double whole = 0;
  const double frac =
      std::isinf(digit) ? std::numeric_limits<double>::quiet_NaN() : std::modf(digit, &whole);
  const double rounded = frac >= round_on ? std::ceil(digit) : std::floor(digit);
  return ExecValue(Value(rounded / *pow));
}

}  // namespace

void add_math(FunctionMap& m) {
  using P = ParamType;
  m["add1"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    return int64_result(wrap(bits(to_int64(a[0])) + 1));
  });
  m["add"] = variadic({}, [](CallContext&, Args& a) -> FunctionResult {
    std::uint64_t sum = 0;
    for (const ExecValue& v : a) sum += bits(to_int64(v));
    return int64_result(wrap(sum));
  });
  m["sub"] = fixed({P::kAny, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    return int64_result(wrap(bits(to_int64(a[0])) - bits(to_int64(a[1]))));
  });
  m["div"] = fixed({P::kAny, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    const std::int64_t x = to_int64(a[0]);
    const std::int64_t y = to_int64(a[1]);
    if (y == 0) return std::string(kDivideByZero);
    if (y == -1) return int64_result(wrap(0 - bits(x)));
    return int64_result(x / y);
  });
  m["mod"] = fixed({P::kAny, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    const std::int64_t x = to_int64(a[0]);
    const std::int64_t y = to_int64(a[1]);
    if (y == 0) return std::string(kDivideByZero);
    if (y == -1) return int64_result(0);
    return int64_result(x % y);
  });
  m["mul"] = variadic({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    std::uint64_t product = bits(to_int64(a[0]));
    for (std::size_t i = 1; i < a.size(); ++i) product *= bits(to_int64(a[i]));
    return int64_result(wrap(product));
  });
  const Function max = variadic({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    std::int64_t out = to_int64(a[0]);
    for (std::size_t i = 1; i < a.size(); ++i) out = std::max(out, to_int64(a[i]));
    return int64_result(out);
  });
  m["max"] = max;
  m["biggest"] = max;
  m["min"] = variadic({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    std::int64_t out = to_int64(a[0]);
    for (std::size_t i = 1; i < a.size(); ++i) out = std::min(out, to_int64(a[i]));
    return int64_result(out);
  });
  m["maxf"] = variadic({P::kAny}, [](CallContext&, Args& a) { return fold_float(a, go_max); });
  m["minf"] = variadic({P::kAny}, [](CallContext&, Args& a) { return fold_float(a, go_min); });
  m["floor"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    auto v = to_float64(a[0]);
    if (!v.ok()) return v.error().message;
    return ExecValue(Value(std::floor(*v)));
  });
  m["ceil"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    auto v = to_float64(a[0]);
    if (!v.ok()) return v.error().message;
    return ExecValue(Value(std::ceil(*v)));
  });
  m["round"] = variadic({P::kAny, P::kInt}, [](CallContext&, Args& a) { return round(a); });
}

}  // namespace chartmirror::charts::tmpl::sprig
