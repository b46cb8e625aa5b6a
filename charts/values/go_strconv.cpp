#include "charts/values/go_strconv.h"

#include <cmath>
#include <cstdlib>
#include <limits>

#include "charts/values/value.h"

namespace chartmirror::charts::values {
namespace {

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  const char lower = static_cast<char>(c | 0x20);
  if (lower >= 'a' && lower <= 'z') return lower - 'a' + 10;
  return -1;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Decimal float syntax strconv.ParseFloat accepts (without Go's hex floats, "inf" and "nan",
// and underscores, which only come with a base prefix).
bool is_decimal_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return i == s.size();
}

}  // namespace

Result<std::uint64_t, NumError> parse_go_uint(std::string_view s, int base) {
  if (s.empty()) return NumError::kSyntax;
  if (base == 0) {
    base = 10;
    if (s[0] == '0') {
      const char prefix = s.size() >= 3 ? static_cast<char>(s[1] | 0x20) : '\0';
      if (prefix == 'b') {
        base = 2, s.remove_prefix(2);
      } else if (prefix == 'o') {
        base = 8, s.remove_prefix(2);
      } else if (prefix == 'x') {
        base = 16, s.remove_prefix(2);
      } else {
        base = 8, s.remove_prefix(1);
      }
    }
  }
  std::uint64_t n = 0;
  const auto ubase = static_cast<std::uint64_t>(base);
  const std::uint64_t cutoff = std::numeric_limits<std::uint64_t>::max() / ubase + 1;
  for (const char c : s) {
    const int d = digit_value(c);
    if (d < 0 || d >= base) return NumError::kSyntax;
    if (n >= cutoff) return NumError::kRange;
    n *= ubase;
    const std::uint64_t next = n + static_cast<std::uint64_t>(d);
    if (next < n) return NumError::kRange;
    n = next;
  }
  return n;
}

Result<std::int64_t, NumError> parse_go_int(std::string_view s, int base) {
  if (s.empty()) return NumError::kSyntax;
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  auto magnitude = parse_go_uint(s, base);
  if (!magnitude.ok()) return magnitude.error();
  constexpr std::uint64_t kCutoff = std::uint64_t{1} << 63U;
  if (!negative && *magnitude >= kCutoff) return NumError::kRange;
  if (negative && *magnitude > kCutoff) return NumError::kRange;
  if (negative) return static_cast<std::int64_t>(~*magnitude + 1);  // two's complement
  return static_cast<std::int64_t>(*magnitude);
}

std::string atoi_error(std::string_view s, NumError error) {
  return "strconv.Atoi: parsing " + quote_go(s) +
         (error == NumError::kSyntax ? ": invalid syntax" : ": value out of range");
}

std::optional<double> parse_go_float(std::string_view s) {
  if (!is_decimal_float(s)) return std::nullopt;
  const std::string text(s);
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  if (errno == ERANGE && std::isinf(value)) return std::nullopt;  // overflow; underflow is fine
  return value;
}

}  // namespace chartmirror::charts::values
