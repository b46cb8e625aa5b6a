// Go's time.Duration (time/time.go, time/format.go): ParseDuration with its error texts,
// String and Round (sprig_time.h).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "charts/template/sprig_time.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

constexpr std::uint64_t kLimit = std::uint64_t{1} << 63U;

// leadingFraction: digits after the point as an integer and its scale; digits past what
// fits are consumed and ignored.
std::pair<std::uint64_t, double> leading_fraction(std::string_view& s) {
  std::uint64_t x = 0;
  double scale = 1;
  bool overflow = false;
  std::size_t i = 0;
  for (; digit_at(s, i); ++i) {
    if (overflow) continue;
    if (x > (kLimit - 1) / 10) {
      overflow = true;
      continue;
    }
    const std::uint64_t y = x * 10 + static_cast<std::uint64_t>(s[i] - '0');
    if (y > kLimit) {
      overflow = true;
      continue;
    }
    x = y;
    scale *= 10;
  }
  s.remove_prefix(i);
  return {x, scale};
}

std::uint64_t unit_nanos(std::string_view unit) {
  static constexpr std::array<std::pair<std::string_view, std::uint64_t>, 8> kUnits = {{
      {"ns", 1},
      {"us", 1000},
      {"µs", 1000},  // U+00B5
      {"μs", 1000},  // U+03BC
      {"ms", 1000000},
      {"s", 1000000000ULL},
      {"m", 60000000000ULL},
      {"h", 3600000000000ULL},
  }};
  for (const auto& [name, ns] : kUnits) {
    if (unit == name) return ns;
  }
  return 0;
}

}  // namespace

Result<std::int64_t, GoError> parse_duration(std::string_view s) {
  const std::string invalid = "time: invalid duration " + time_quote(s);
  const std::string_view orig = s;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return std::int64_t{0};
  if (s.empty()) return GoError{invalid};
  std::uint64_t total = 0;
  while (!s.empty()) {
    if (s[0] != '.' && !digit_at(s, 0)) return GoError{invalid};
    // leadingInt
    std::uint64_t v = 0;
    std::size_t i = 0;
    for (; digit_at(s, i); ++i) {
      if (v > kLimit / 10) return GoError{invalid};
      v = v * 10 + static_cast<std::uint64_t>(s[i] - '0');
      if (v > kLimit) return GoError{invalid};
    }
    const bool pre = i > 0;
    s.remove_prefix(i);
    bool post = false;
    std::uint64_t f = 0;
    double scale = 1;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      const std::size_t before = s.size();
      std::tie(f, scale) = leading_fraction(s);
      post = s.size() != before;
    }
    if (!pre && !post) return GoError{invalid};
    std::size_t u = 0;
    while (u < s.size() && s[u] != '.' && !digit_at(s, u)) ++u;
    if (u == 0) return GoError{"time: missing unit in duration " + time_quote(orig)};
    const std::string_view unit_name = s.substr(0, u);
    s.remove_prefix(u);
    const std::uint64_t unit = unit_nanos(unit_name);
    if (unit == 0) {
      return GoError{"time: unknown unit " + time_quote(unit_name) + " in duration " +
                     time_quote(orig)};
    }
    if (v > kLimit / unit) return GoError{invalid};
    v *= unit;
    if (f > 0) {
      v += static_cast<std::uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
      if (v > kLimit) return GoError{invalid};
    }
    total += v;
    if (total > kLimit) return GoError{invalid};
  }
  if (negative) return static_cast<std::int64_t>(-total);
  if (total > kLimit - 1) return GoError{invalid};
  return static_cast<std::int64_t>(total);
}

std::string duration_string(std::int64_t d) {
  auto u = static_cast<std::uint64_t>(d);
  const bool negative = d < 0;
  if (negative) u = -u;
  std::string out;
  // fmtFrac: `prec` fraction digits of u, trailing zeros and a bare point dropped.
  const auto frac = [&](int prec) {
    std::string digits;
    bool print = false;
    for (int i = 0; i < prec; ++i) {
      const auto digit = static_cast<char>('0' + u % 10);
      print = print || digit != '0';
      if (print) digits.insert(digits.begin(), digit);
      u /= 10;
    }
    if (print) out.insert(0, "." + digits);
  };
  if (u < 1000000000ULL) {
    if (u == 0) return "0s";
    std::string unit = "ns";
    int prec = 0;
    if (u >= 1000000ULL) {
      unit = "ms";
      prec = 6;
    } else if (u >= 1000ULL) {
      unit = "µs";
      prec = 3;
    }
    out = unit;
    frac(prec);
    out.insert(0, std::to_string(u));
  } else {
    out = "s";
    frac(9);
    out.insert(0, std::to_string(u % 60));
    u /= 60;
    if (u > 0) {
      out.insert(0, std::to_string(u % 60) + "m");
      u /= 60;
      if (u > 0) out.insert(0, std::to_string(u) + "h");
    }
  }
  if (negative) out.insert(0, "-");
  return out;
}

std::int64_t duration_round(std::int64_t d, std::int64_t m) {
  if (m <= 0) return d;
  // Go's int64 arithmetic wraps; the overflow checks below rely on that.
  const auto wrap = [](std::uint64_t v) { return static_cast<std::int64_t>(v); };
  const auto ud = static_cast<std::uint64_t>(d);
  const auto um = static_cast<std::uint64_t>(m);
  std::int64_t r = d % m;
  const auto less_than_half = [](std::int64_t x, std::int64_t y) {
    return static_cast<std::uint64_t>(x) + static_cast<std::uint64_t>(x) <
           static_cast<std::uint64_t>(y);
  };
  if (d < 0) {
    r = -r;
    if (less_than_half(r, m)) return d + r;
    if (const std::int64_t d1 = wrap(ud - um + static_cast<std::uint64_t>(r)); d1 < d) return d1;
    return INT64_MIN;
  }
  if (less_than_half(r, m)) return d - r;
  if (const std::int64_t d1 = wrap(ud + um - static_cast<std::uint64_t>(r)); d1 > d) return d1;
  return INT64_MAX;
}

}  // namespace chartmirror::charts::tmpl::sprig
