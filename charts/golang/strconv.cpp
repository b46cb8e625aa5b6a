#include "charts/golang/strconv.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "charts/golang/quote.h"

namespace chartmirror::charts::go {
namespace {

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  const char letter = static_cast<char>(c | 0x20);
  if (letter >= 'a' && letter <= 'z') return letter - 'a' + 10;
  return -1;
}

bool is_decimal_digit(char c) { return c >= '0' && c <= '9'; }

char lower(char c) { return static_cast<char>(c | 0x20); }

// strconv's underscoreOK: each '_' of a base-0 literal stands between digits, or between the
// base prefix and a digit ("1_000", "0x_1F"; not "_1", "1_", "1__0").
bool underscores_ok(std::string_view s) {
  char saw = '^';  // the last thing seen: '^' the start, '0' a digit or prefix, '_', '!' other
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  bool hex = false;
  std::size_t i = 0;
  if (s.size() >= 2 && s[0] == '0' &&
      (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) == 'x';
  }
  for (; i < s.size(); ++i) {
    if (is_decimal_digit(s[i]) || (hex && lower(s[i]) >= 'a' && lower(s[i]) <= 'f')) {
      saw = '0';
    } else if (s[i] == '_') {
      if (saw != '0') return false;
      saw = '_';
    } else {
      if (saw == '_') return false;
      saw = '!';
    }
  }
  return saw != '_';
}

// The decimal float syntax parse_decimal_float accepts.
bool is_decimal_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  for (; i < s.size() && is_decimal_digit(s[i]); ++i) ++digits;
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && is_decimal_digit(s[i]); ++i) ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    for (; i < s.size() && is_decimal_digit(s[i]); ++i) ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return i == s.size();
}

}  // namespace

Result<std::uint64_t, NumError> parse_uint(std::string_view s, int base) {
  if (s.empty()) return NumError::kSyntax;
  const std::string_view whole = s;
  const bool base0 = base == 0;
  if (base0) {
    base = 10;
    if (s[0] == '0') {
      const char prefix = s.size() >= 3 ? lower(s[1]) : '\0';
      base = prefix == 'b' ? 2 : prefix == 'x' ? 16 : 8;
      s.remove_prefix(prefix == 'b' || prefix == 'o' || prefix == 'x' ? 2 : 1);
    }
  }
  std::uint64_t n = 0;
  const auto ubase = static_cast<std::uint64_t>(base);
  const std::uint64_t cutoff = std::numeric_limits<std::uint64_t>::max() / ubase + 1;
  bool underscores = false;
  for (const char c : s) {
    if (c == '_' && base0) {
      underscores = true;
      continue;
    }
    const int d = digit_value(c);
    if (d < 0 || d >= base) return NumError::kSyntax;
    if (n >= cutoff) return NumError::kRange;
    n *= ubase;
    const std::uint64_t next = n + static_cast<std::uint64_t>(d);
    if (next < n) return NumError::kRange;
    n = next;
  }
  if (underscores && !underscores_ok(whole)) return NumError::kSyntax;
  return n;
}

Result<std::int64_t, NumError> parse_int(std::string_view s, int base) {
  if (s.empty()) return NumError::kSyntax;
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  auto magnitude = parse_uint(s, base);
  if (!magnitude.ok()) return magnitude.error();
  constexpr std::uint64_t kCutoff = std::uint64_t{1} << 63U;
  if (!negative && *magnitude >= kCutoff) return NumError::kRange;
  if (negative && *magnitude > kCutoff) return NumError::kRange;
  if (negative) return static_cast<std::int64_t>(~*magnitude + 1);  // two's complement
  return static_cast<std::int64_t>(*magnitude);
}

std::string atoi_error(std::string_view s, NumError error) {
  return "strconv.Atoi: parsing " + quote(s) +
         (error == NumError::kSyntax ? ": invalid syntax" : ": value out of range");
}

std::optional<double> parse_decimal_float(std::string_view s) {
  if (!is_decimal_float(s)) return std::nullopt;
  const std::string text(s);
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  if (errno == ERANGE && std::isinf(value)) return std::nullopt;  // overflow; underflow is fine
  return value;
}

}  // namespace chartmirror::charts::go
