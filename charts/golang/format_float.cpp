#include "charts/golang/format_float.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace chartmirror::charts::go {
namespace {

constexpr int kFloat32Bits = 32;

// The shortest decimal digits of a finite, non-zero |f| and the position of the decimal point
// relative to them: |f| = 0.DIGITS × 10^point (strconv's decimalSlice nd and dp).
struct Decimal {
  std::string digits;
  int point = 0;
};

template <typename Float>
Decimal shortest_decimal(Float f) {
  std::array<char, 64> buffer{};
  // std::to_chars without a precision writes the shortest digits that round-trip in Float.
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), std::fabs(f),
                                    std::chars_format::scientific);
  const std::string_view text(buffer.data(), result.ptr);
  const std::size_t e = text.find('e');
  Decimal d;
  for (const char c : text.substr(0, e)) {
    if (c != '.') d.digits += c;
  }
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
  int exponent = 0;
  const std::string_view exponent_text = text.substr(e + 1);
  const std::size_t skip = exponent_text.starts_with('+') ? 1 : 0;
  std::from_chars(exponent_text.data() + skip, exponent_text.data() + exponent_text.size(),
                  exponent);
  d.point = exponent + 1;
  return d;
}

// d.ddde±XX, at least two exponent digits.
std::string format_e(const Decimal& d) {
  std::string out(1, d.digits[0]);
  if (d.digits.size() > 1) out += "." + d.digits.substr(1);
  const int exponent = d.point - 1;
  out += exponent < 0 ? "e-" : "e+";
  const int magnitude = std::abs(exponent);
  if (magnitude < 10) out += '0';
  out += std::to_string(magnitude);
  return out;
}

// The digits with the decimal point where `point` puts it, padded with zeros.
std::string format_f(const Decimal& d) {
  const int count = static_cast<int>(d.digits.size());
  if (d.point <= 0) return "0." + std::string(static_cast<std::size_t>(-d.point), '0') + d.digits;
  if (d.point >= count)
    return d.digits + std::string(static_cast<std::size_t>(d.point - count), '0');
  return d.digits.substr(0, static_cast<std::size_t>(d.point)) + "." +
         d.digits.substr(static_cast<std::size_t>(d.point));
}

}  // namespace

std::string format_float(double f, char fmt, int bit_size) {
  const bool single = bit_size == kFloat32Bits;
  if (single) f = static_cast<float>(f);
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  const std::string sign = std::signbit(f) ? "-" : "";
  if (f == 0) return sign + (fmt == 'e' ? "0e+00" : "0");
  const Decimal d = single ? shortest_decimal(static_cast<float>(f)) : shortest_decimal(f);
  if (fmt == 'e') return sign + format_e(d);
  if (fmt == 'f') return sign + format_f(d);
  // 'g' with the shortest precision: %e when the exponent is < -4 or >= 6 (strconv's eprec).
  constexpr int kShortestExponentLimit = 6;
  const int exponent = d.point - 1;
  if (exponent < -4 || exponent >= kShortestExponentLimit) return sign + format_e(d);
  return sign + format_f(d);
}

}  // namespace chartmirror::charts::go
