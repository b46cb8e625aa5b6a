// strconv's number parsing and fmt.Sscan of a complex number (go_strconv.h).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "charts/template/go_strconv.h"

namespace chartmirror::charts::tmpl::go {
namespace {

char lower(char c) { return static_cast<char>(static_cast<unsigned char>(c) | 0x20U); }
bool is_decimal(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_decimal(c) || (lower(c) >= 'a' && lower(c) <= 'f'); }

// strconv's underscoreOK: underscores only between digits, or between a base prefix and a
// digit.
bool underscore_ok(std::string_view s) {
  char saw = '^';  // '^' start, '0' digit or prefix, '_' underscore, '!' anything else
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' &&
      (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) == 'x';
  }
  for (; i < s.size(); ++i) {
    if (is_decimal(s[i]) || (hex && is_hex(s[i]))) {
      saw = '0';
      continue;
    }
    if (s[i] == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

enum class FloatStatus { kOk, kSyntax, kRange };

struct FloatResult {
  FloatStatus status = FloatStatus::kSyntax;
  double value = 0;
};

// The length of the longest case-insensitive common prefix of `s` and the lower-case `word`.
size_t common_prefix_ignore_case(std::string_view s, std::string_view word) {
  size_t n = 0;
  while (n < s.size() && n < word.size() && lower(s[n]) == word[n]) ++n;
  return n;
}

// strconv's special(): "inf", "infinity" (signed) and "nan", in any case, taking the whole text.
std::optional<double> special_float(std::string_view s) {
  if (s.empty()) return std::nullopt;
  double sign = 1;
  std::string_view rest = s;
  if (s[0] == '+' || s[0] == '-') {
    sign = s[0] == '-' ? -1 : 1;
    rest.remove_prefix(1);
  } else if (lower(s[0]) == 'n') {
    if (s.size() == 3 && common_prefix_ignore_case(s, "nan") == 3) {
      return std::numeric_limits<double>::quiet_NaN();
    }
    return std::nullopt;
  }
  const size_t n = common_prefix_ignore_case(rest, "infinity");
  if ((n == 3 || n == 8) && n == rest.size()) {
    return sign * std::numeric_limits<double>::infinity();
  }
  return std::nullopt;
}

// strconv.ParseFloat(s, 64), with Go's syntax (strconv's readFloat) checked here and the
// correctly rounded conversion left to std::from_chars.
FloatResult parse_float_detail(std::string_view s) {
  if (auto special = special_float(s)) return {FloatStatus::kOk, *special};
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    negative = s[i] == '-';
    ++i;
  }
  bool hex = false;
  if (i + 2 < s.size() && s[i] == '0' && lower(s[i + 1]) == 'x') {
    hex = true;
    i += 2;
  }
  std::string digits;  // mantissa without underscores, for from_chars
  bool underscores = false;
  bool saw_dot = false;
  bool saw_digits = false;
  // The position of the first significant digit relative to the point, in digits: only its
  // sign matters, to tell overflow from underflow when from_chars finds the value out of range.
  long magnitude = 0;
  bool significant = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '_') {
      underscores = true;
      continue;
    }
    if (c == '.') {
      if (saw_dot) break;
      saw_dot = true;
      digits += c;
      continue;
    }
    if (is_decimal(c) || (hex && is_hex(c))) {
      saw_digits = true;
      if (c != '0') significant = true;
      if (!saw_dot && significant) ++magnitude;
      if (saw_dot && !significant) --magnitude;
      digits += c;
      continue;
    }
    break;
  }
  if (!saw_digits) return {};
  long exponent = 0;
  const char exponent_char = hex ? 'p' : 'e';
  if (i < s.size() && lower(s[i]) == exponent_char) {
    ++i;
    if (i >= s.size()) return {};
    long exponent_sign = 1;
    if (s[i] == '+' || s[i] == '-') {
      exponent_sign = s[i] == '-' ? -1 : 1;
      ++i;
    }
    if (i >= s.size() || !is_decimal(s[i])) return {};
    for (; i < s.size() && (is_decimal(s[i]) || s[i] == '_'); ++i) {
      if (s[i] == '_') {
        underscores = true;
        continue;
      }
      if (exponent < 10000) exponent = exponent * 10 + (s[i] - '0');
    }
    exponent *= exponent_sign;
  } else if (hex) {
    return {};  // a hexadecimal mantissa needs a 'p' exponent
  }
  if (underscores && !underscore_ok(s.substr(0, i))) return {};
  if (i != s.size()) return {};

  std::string normalized = digits;
  normalized += hex ? 'p' : 'e';
  normalized += std::to_string(exponent);
  double value = 0;
  const auto format = hex ? std::chars_format::hex : std::chars_format::general;
  const auto [end, ec] =
      std::from_chars(normalized.data(), normalized.data() + normalized.size(), value, format);
  if (ec == std::errc::result_out_of_range) {
    const long scale = hex ? 4 * magnitude + exponent : magnitude + exponent;
    if (significant && scale > 0) return {FloatStatus::kRange, 0};
    value = 0;  // underflow: Go rounds to zero without an error
  } else if (ec != std::errc() || end != normalized.data() + normalized.size()) {
    return {};
  }
  return {FloatStatus::kOk, negative ? -value : value};
}

GoError num_error(std::string_view function, std::string_view text, std::string_view reason) {
  std::string out = "strconv.";
  out += function;
  out += ": parsing ";
  out += quote(text);
  out += ": ";
  out += reason;
  return {out};
}

// fmt's ss.convertFloat: ParseFloat, plus fmt's own "1.5p3" (a decimal mantissa with a binary
// exponent).
Result<double, GoError> convert_float(std::string_view str) {
  const size_t p = str.find('p');
  const bool has_x = str.find_first_of("xX") != std::string_view::npos;
  if (p != std::string_view::npos && !has_x) {
    const FloatResult mantissa = parse_float_detail(str.substr(0, p));
    if (mantissa.status != FloatStatus::kOk) {
      return num_error(
          "ParseFloat", str,
          mantissa.status == FloatStatus::kRange ? "value out of range" : kInvalidSyntax);
    }
    // strconv.Atoi: an optional sign and decimal digits.
    std::string_view exponent_text = str.substr(p + 1);
    if (!exponent_text.empty() && exponent_text[0] == '+') exponent_text.remove_prefix(1);
    const char* last = exponent_text.data() + exponent_text.size();
    int64_t exponent = 0;
    const auto [end, ec] = std::from_chars(exponent_text.data(), last, exponent);
    if (exponent_text.empty() || (exponent_text[0] == '-' && str[p + 1] == '+') ||
        (ec != std::errc() && ec != std::errc::result_out_of_range) || end != last) {
      return num_error("Atoi", str, kInvalidSyntax);
    }
    if (ec != std::errc()) return num_error("Atoi", str, "value out of range");
    const auto clamped = static_cast<int>(std::clamp<int64_t>(exponent, -100000, 100000));
    return std::ldexp(mantissa.value, clamped);
  }
  const FloatResult result = parse_float_detail(str);
  if (result.status == FloatStatus::kOk) return result.value;
  return num_error("ParseFloat", str,
                   result.status == FloatStatus::kRange ? "value out of range" : kInvalidSyntax);
}

// fmt's scanning state over a string: accept() takes one character of a set into the token.
class ComplexScanner {
 public:
  explicit ComplexScanner(std::string_view text) : text_(text) {}

  bool accept(std::string_view set) {
    if (pos_ < text_.size() && set.find(text_[pos_]) != std::string_view::npos) {
      token_ += text_[pos_++];
      return true;
    }
    return false;
  }

  // fmt's ss.floatToken.
  std::string float_token() {
    token_.clear();
    if (accept("nN") && accept("aA") && accept("nN")) return token_;
    accept("+-");
    if (accept("iI") && accept("nN") && accept("fF")) return token_;
    std::string_view digits = "0123456789_";
    std::string_view exponent = "eEpP";
    if (accept("0") && accept("xX")) {
      digits = "0123456789aAbBcCdDeEfF_";
      exponent = "pP";
    }
    while (accept(digits)) {
    }
    if (accept(".")) {
      while (accept(digits)) {
      }
    }
    if (accept(exponent)) {
      accept("+-");
      while (accept("0123456789_")) {
      }
    }
    return token_;
  }

  void clear_token() { token_.clear(); }
  [[nodiscard]] const std::string& token() const { return token_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  std::string token_;
};

}  // namespace

std::optional<uint64_t> parse_uint(std::string_view s) {
  if (s.empty()) return std::nullopt;
  const std::string_view original = s;
  unsigned base = 10;
  if (s[0] == '0') {
    if (s.size() >= 3 && lower(s[1]) == 'b') {
      base = 2;
      s.remove_prefix(2);
    } else if (s.size() >= 3 && lower(s[1]) == 'o') {
      base = 8;
      s.remove_prefix(2);
    } else if (s.size() >= 3 && lower(s[1]) == 'x') {
      base = 16;
      s.remove_prefix(2);
    } else {
      base = 8;
      s.remove_prefix(1);
    }
  }
  bool underscores = false;
  uint64_t n = 0;
  for (const char c : s) {
    unsigned digit = 0;
    if (c == '_') {
      underscores = true;
      continue;
    }
    if (is_decimal(c)) {
      digit = static_cast<unsigned>(c - '0');
    } else if (lower(c) >= 'a' && lower(c) <= 'z') {
      digit = static_cast<unsigned>(lower(c) - 'a' + 10);
    } else {
      return std::nullopt;
    }
    if (digit >= base) return std::nullopt;
    if (n > (std::numeric_limits<uint64_t>::max() - digit) / base) return std::nullopt;
    n = n * base + digit;
  }
  if (underscores && !underscore_ok(original)) return std::nullopt;
  return n;
}

std::optional<int64_t> parse_int(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  const auto magnitude = parse_uint(s);
  if (!magnitude) return std::nullopt;
  constexpr uint64_t kCutoff = uint64_t{1} << 63U;
  if (!negative && *magnitude >= kCutoff) return std::nullopt;
  if (negative && *magnitude > kCutoff) return std::nullopt;
  if (negative) return static_cast<int64_t>(0 - *magnitude);  // two's complement, -2^63 too
  return static_cast<int64_t>(*magnitude);
}

std::optional<double> parse_float(std::string_view text) {
  const FloatResult result = parse_float_detail(text);
  if (result.status != FloatStatus::kOk) return std::nullopt;
  return result.value;
}

Result<std::complex<double>, GoError> scan_complex(std::string_view text) {
  const GoError syntax_error{"syntax error scanning complex number"};
  // Sscan skips leading space first; at the end of input it reports io.EOF.
  while (!text.empty() &&
         (text[0] == ' ' || text[0] == '\t' || text[0] == '\r' || text[0] == '\n')) {
    text.remove_prefix(1);
  }
  if (text.empty()) return GoError{"EOF"};
  ComplexScanner scanner(text);
  const bool parens = scanner.accept("(");
  const std::string real = scanner.float_token();
  scanner.clear_token();
  if (!scanner.accept("+-")) return syntax_error;
  const std::string imaginary_sign = scanner.token();
  const std::string imaginary = imaginary_sign + scanner.float_token();
  if (!scanner.accept("i")) return syntax_error;
  if (parens && !scanner.accept(")")) return syntax_error;
  auto re = convert_float(real);
  if (!re) return re.error();
  auto im = convert_float(imaginary);
  if (!im) return im.error();
  return std::complex<double>(*re, *im);
}

}  // namespace chartmirror::charts::tmpl::go
