// Sprig's float arithmetic (functions.go): addf add1f subf mulf divf, which compute in
// github.com/shopspring/decimal v1.4.0 and return the float64 nearest the decimal result.
//
// Each argument goes through cast.ToFloat64 and then decimal.NewFromFloat, the shortest
// decimal that reads back as that float (0.1 is exactly 1/10, so `addf 0.1 0.2` is 0.3).
// Sums, differences and products are exact; a quotient is rounded half away from zero to 16
// places after the point (decimal.DivisionPrecision: `divf 1e-20 1` is 0). The result is the
// nearest float64 of the exact decimal, +Inf past the range. Exact decimals are OpenSSL
// BIGNUMs scaled by a power of ten.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include <openssl/bn.h>

#include "charts/golang/format_float.h"
#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"
#include "charts/template/sprig_openssl.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

using Bn = ossl::Bignum;

constexpr int kDivisionPrecision = 16;

// value * 10^exp.
struct Decimal {
  Bn value;
  std::int64_t exp = 0;
};

BN_CTX* context() {
  thread_local const ossl::BignumContext kCtx(BN_CTX_new());
  return kCtx.get();
}

Bn power_of_ten(std::int64_t n) {
  Bn ten(BN_new());
  Bn exponent(BN_new());
  Bn out(BN_new());
  BN_set_word(ten.get(), 10);
  BN_set_word(exponent.get(), static_cast<BN_ULONG>(n));
  BN_exp(out.get(), ten.get(), exponent.get(), context());
  return out;
}

// Multiplies by 10^n (n >= 0).
void scale(BIGNUM* b, std::int64_t n) {
  if (n > 0) BN_mul(b, b, power_of_ten(n).get(), context());
}

// decimal.NewFromFloat: the shortest round-tripping decimal of a finite float.
Decimal from_float(double f) {
  const std::string text = go::format_float(f, 'e', 64);  // "-1.2345e-07"
  const std::size_t e = text.find('e');
  std::string digits;
  for (const char c : std::string_view(text).substr(0, e)) {
    if (c != '.') digits += c;
  }
  const std::size_t point = text.find('.');
  const auto fraction_digits =
      point == std::string::npos || point > e ? 0 : static_cast<std::int64_t>(e - point - 1);
  BIGNUM* value = nullptr;
  BN_dec2bn(&value, digits.c_str());
  return {Bn(value), std::strtoll(text.c_str() + e + 1, nullptr, 10) - fraction_digits};
}

// a and b at a's exponent lowered to the smaller of the two, for addition.
void align(Decimal& a, Decimal& b) {
  if (a.exp > b.exp) {
    scale(a.value.get(), a.exp - b.exp);
    a.exp = b.exp;
  } else if (b.exp > a.exp) {
    scale(b.value.get(), b.exp - a.exp);
    b.exp = a.exp;
  }
}

enum class Op { kAdd, kSub, kMul, kDiv };

Result<Decimal, GoError> apply(Decimal a, Decimal b, Op op) {
  Decimal out{Bn(BN_new()), 0};
  switch (op) {
    case Op::kAdd:
    case Op::kSub:
      align(a, b);
      if (op == Op::kAdd) {
        BN_add(out.value.get(), a.value.get(), b.value.get());
      } else {
        BN_sub(out.value.get(), a.value.get(), b.value.get());
      }
      out.exp = a.exp;
      return out;
    case Op::kMul:
      BN_mul(out.value.get(), a.value.get(), b.value.get(), context());
      out.exp = a.exp + b.exp;
      return out;
    case Op::kDiv:
      break;
  }
  if (BN_is_zero(b.value.get())) return GoError{"decimal division by 0"};
  // q = a / b * 10^16, rounded half away from zero; the result is q * 10^-16.
  const std::int64_t k = a.exp - b.exp + kDivisionPrecision;
  if (k >= 0) {
    scale(a.value.get(), k);
  } else {
    scale(b.value.get(), -k);
  }
  Bn remainder(BN_new());
  BN_div(out.value.get(), remainder.get(), a.value.get(), b.value.get(), context());
  Bn twice(BN_new());
  BN_lshift1(twice.get(), remainder.get());
  BN_set_negative(twice.get(), 0);
  const bool b_negative = BN_is_negative(b.value.get()) != 0;
  BN_set_negative(b.value.get(), 0);
  if (!BN_is_zero(remainder.get()) && BN_cmp(twice.get(), b.value.get()) >= 0) {
    const bool negative = (BN_is_negative(a.value.get()) != 0) != b_negative;
    if (negative) {
      BN_sub_word(out.value.get(), 1);
    } else {
      BN_add_word(out.value.get(), 1);
    }
  }
  out.exp = -kDivisionPrecision;
  return out;
}

// Decimal.Float64: the nearest float64 (glibc's strtod rounds correctly).
double to_double(const Decimal& d) {
  char* digits = BN_bn2dec(d.value.get());
  const std::string text = std::string(digits) + "e" + std::to_string(d.exp);
  OPENSSL_free(digits);
  return std::strtod(text.c_str(), nullptr);
}

Result<Decimal, GoError> decimal_arg(const ExecValue& v) {
  auto f = to_float64(v);
  if (!f.ok()) return f.error();
  if (!std::isfinite(*f))
    return GoError{"Cannot create a Decimal from " + go::format_float(*f, 'g')};
  return from_float(*f);
}

// execDecimalOp(first, rest, op).
FunctionResult fold(const ExecValue& first, const Args& rest, std::size_t from, Op op) {
  auto acc = decimal_arg(first);
  if (!acc.ok()) return acc.error().message;
  for (std::size_t i = from; i < rest.size(); ++i) {
    auto x = decimal_arg(rest[i]);
    if (!x.ok()) return x.error().message;
    auto next = apply(std::move(*acc), std::move(*x), op);
    if (!next.ok()) return next.error().message;
    acc = std::move(next);
  }
  return ExecValue(Value(to_double(*acc)));
}

}  // namespace

void add_float_math(FunctionMap& m) {
  using P = ParamType;
  m["add1f"] = fixed({P::kAny}, [](CallContext&, Args& a) {
    const Args one{ExecValue::go_int(1)};
    return fold(a[0], one, 0, Op::kAdd);
  });
  m["addf"] = variadic(
      {}, [](CallContext&, Args& a) { return fold(ExecValue(Value(0.0)), a, 0, Op::kAdd); });
  m["subf"] = variadic({P::kAny}, [](CallContext&, Args& a) { return fold(a[0], a, 1, Op::kSub); });
  m["mulf"] = variadic({P::kAny}, [](CallContext&, Args& a) { return fold(a[0], a, 1, Op::kMul); });
  m["divf"] = variadic({P::kAny}, [](CallContext&, Args& a) { return fold(a[0], a, 1, Op::kDiv); });
}

}  // namespace chartmirror::charts::tmpl::sprig
