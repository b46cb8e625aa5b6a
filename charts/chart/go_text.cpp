#include "charts/chart/go_text.h"

#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

namespace chartmirror::charts::go {
namespace {

constexpr std::string_view kHexDigits = "0123456789abcdef";

struct RuneRange {
  char32_t first;
  char32_t last;
};

// Unicode 15.0 (Go 1.21 and later) format characters, category Cf.
constexpr std::array<RuneRange, 21> kFormatRanges = {{
    {0x00AD, 0x00AD},   {0x0600, 0x0605},   {0x061C, 0x061C},   {0x06DD, 0x06DD},
    {0x070F, 0x070F},   {0x0890, 0x0891},   {0x08E2, 0x08E2},   {0x180E, 0x180E},
    {0x200B, 0x200F},   {0x202A, 0x202E},   {0x2060, 0x2064},   {0x2066, 0x206F},
    {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
    {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001},
    {0xE0020, 0xE007F},
}};

// Private use, category Co.
constexpr std::array<RuneRange, 3> kPrivateUseRanges = {{
    {0xE000, 0xF8FF},
    {0xF0000, 0xFFFFD},
    {0x100000, 0x10FFFD},
}};

template <size_t N>
bool in_ranges(const std::array<RuneRange, N>& ranges, char32_t rune) {
  for (const auto& range : ranges) {
    if (rune >= range.first && rune <= range.last) return true;
  }
  return false;
}

bool is_continuation(unsigned char byte, unsigned char low = 0x80, unsigned char high = 0xBF) {
  return byte >= low && byte <= high;
}

// Parses the output of std::to_chars(..., scientific): "-1.25e+03" into its digits, its
// decimal exponent and its sign.
struct Decimal {
  bool negative = false;
  std::string digits;  // without leading zeros; "0" for zero
  int exponent = 0;    // of the first digit
};

Decimal parse_scientific(std::string_view text) {
  Decimal decimal;
  if (text.starts_with('-')) {
    decimal.negative = true;
    text.remove_prefix(1);
  }
  const size_t e = text.find('e');
  for (const char c : text.substr(0, e)) {
    if (c != '.') decimal.digits += c;
  }
  const std::string_view exponent = text.substr(e + 1);
  const size_t skip = exponent.starts_with('+') ? 1 : 0;
  std::from_chars(exponent.data() + skip, exponent.data() + exponent.size(), decimal.exponent);
  return decimal;
}

// d.ddde±XX, the exponent with at least two digits (`padded`) or as few as it needs.
std::string format_exponent(const Decimal& decimal, bool padded) {
  std::string out = decimal.negative ? "-" : "";
  out += decimal.digits[0];
  if (decimal.digits.size() > 1) out += "." + decimal.digits.substr(1);
  out += decimal.exponent < 0 ? "e-" : "e+";
  const int magnitude = std::abs(decimal.exponent);
  if (padded && magnitude < 10) out += '0';
  out += std::to_string(magnitude);
  return out;
}

// The digits with the decimal point where the exponent puts it, padded with zeros.
std::string format_fixed(const Decimal& decimal) {
  std::string out = decimal.negative ? "-" : "";
  const std::string& digits = decimal.digits;
  if (digits == "0") return out + "0";
  const int count = static_cast<int>(digits.size());
  const int point = decimal.exponent + 1;  // digits before the decimal point
  if (point <= 0) {
    out += "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (point >= count) {
    out += digits + std::string(static_cast<size_t>(point - count), '0');
  } else {
    out += digits.substr(0, static_cast<size_t>(point)) + "." +
           digits.substr(static_cast<size_t>(point));
  }
  return out;
}

}  // namespace

Rune decode_rune(std::string_view text) {
  if (text.empty()) return {kRuneError, 0};
  const auto b0 = static_cast<unsigned char>(text[0]);
  if (b0 < 0x80) return {b0, 1};
  const Rune invalid{kRuneError, 1};
  auto at = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (text.size() < 2 || !is_continuation(at(1))) return invalid;
    return {static_cast<char32_t>(((b0 & 0x1Fu) << 6) | (at(1) & 0x3Fu)), 2};
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    const unsigned char low = b0 == 0xE0 ? 0xA0 : 0x80;   // no overlong forms
    const unsigned char high = b0 == 0xED ? 0x9F : 0xBF;  // no surrogates
    if (text.size() < 3 || !is_continuation(at(1), low, high) || !is_continuation(at(2))) {
      return invalid;
    }
    return {static_cast<char32_t>(((b0 & 0x0Fu) << 12) | ((at(1) & 0x3Fu) << 6) | (at(2) & 0x3Fu)),
            3};
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    const unsigned char low = b0 == 0xF0 ? 0x90 : 0x80;   // no overlong forms
    const unsigned char high = b0 == 0xF4 ? 0x8F : 0xBF;  // nothing past U+10FFFF
    if (text.size() < 4 || !is_continuation(at(1), low, high) || !is_continuation(at(2)) ||
        !is_continuation(at(3))) {
      return invalid;
    }
    return {static_cast<char32_t>(((b0 & 0x07u) << 18) | ((at(1) & 0x3Fu) << 12) |
                                  ((at(2) & 0x3Fu) << 6) | (at(3) & 0x3Fu)),
            4};
  }
  return invalid;
}

void append_rune(std::string& out, char32_t rune) {
  if (rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF)) rune = kRuneError;
  if (rune < 0x80) {
    out += static_cast<char>(rune);
  } else if (rune < 0x800) {
    out += static_cast<char>(0xC0 | (rune >> 6));
    out += static_cast<char>(0x80 | (rune & 0x3F));
  } else if (rune < 0x10000) {
    out += static_cast<char>(0xE0 | (rune >> 12));
    out += static_cast<char>(0x80 | ((rune >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (rune & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (rune >> 18));
    out += static_cast<char>(0x80 | ((rune >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((rune >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (rune & 0x3F));
  }
}

bool is_space(char32_t rune) {
  switch (rune) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return rune >= 0x2000 && rune <= 0x200A;
  }
}

bool is_print(char32_t rune) {
  if (rune == ' ') return true;
  if (rune < 0x20 || (rune >= 0x7F && rune <= 0xA0)) return false;  // controls, NBSP
  if (rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF)) return false;
  // The other separators (Zs, Zl, Zp) are all spaces.
  if (rune != ' ' && is_space(rune)) return false;
  return !in_ranges(kFormatRanges, rune) && !in_ranges(kPrivateUseRanges, rune);
}

std::string sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const Rune rune = decode_rune(text);
    text.remove_prefix(rune.width);
    if (is_space(rune.value)) {
      out += ' ';
    } else if (is_print(rune.value)) {
      append_rune(out, rune.value);
    }
  }
  return out;
}

std::string_view trim_space(std::string_view text) {
  while (!text.empty()) {
    const Rune rune = decode_rune(text);
    if (!is_space(rune.value)) break;
    text.remove_prefix(rune.width);
  }
  while (!text.empty()) {
    // Find the last rune: step back over continuation bytes (at most three).
    size_t start = text.size() - 1;
    while (start > 0 && text.size() - start < 4 &&
           is_continuation(static_cast<unsigned char>(text[start]))) {
      --start;
    }
    // A last rune that is not whole is invalid UTF-8, which is no space.
    const Rune rune = decode_rune(text.substr(start));
    if (rune.width != text.size() - start || !is_space(rune.value)) break;
    text.remove_suffix(text.size() - start);
  }
  return text;
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  while (!text.empty()) {
    const auto byte = static_cast<unsigned char>(text[0]);
    if (byte < 0x80) {
      text.remove_prefix(1);
      switch (byte) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '<':
        case '>':
        case '&':
          out += "\\u00";
          out += kHexDigits[byte >> 4];
          out += kHexDigits[byte & 0xF];
          break;
        default:
          if (byte < 0x20) {
            out += "\\u00";
            out += kHexDigits[byte >> 4];
            out += kHexDigits[byte & 0xF];
          } else {
            out += static_cast<char>(byte);
          }
      }
      continue;
    }
    const Rune rune = decode_rune(text);
    if (rune.value == kRuneError && rune.width == 1) {
      out += "\\ufffd";
    } else if (rune.value == 0x2028 || rune.value == 0x2029) {
      out += rune.value == 0x2028 ? "\\u2028" : "\\u2029";
    } else {
      out.append(text.substr(0, rune.width));
    }
    text.remove_prefix(rune.width);
  }
  out += '"';
}

void append_json_number(std::string& out, double value) {
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                    std::chars_format::scientific);
  const Decimal decimal = parse_scientific(std::string_view(buffer.data(), result.ptr));
  const double magnitude = std::fabs(value);
  if (magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)) {
    // Go writes a negative exponent with as few digits as it needs: 1e-7, not 1e-07.
    out += format_exponent(decimal, false);
  } else {
    out += format_fixed(decimal);
  }
}

std::string format_float32(double value) {
  const auto single = static_cast<float>(value);
  if (std::isnan(single)) return "NaN";
  if (std::isinf(single)) return single > 0 ? "+Inf" : "-Inf";
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), single,
                                    std::chars_format::scientific);
  const Decimal decimal = parse_scientific(std::string_view(buffer.data(), result.ptr));
  // For the shortest form Go picks %e when the exponent is below -4 or at least 6.
  if (decimal.digits != "0" && (decimal.exponent < -4 || decimal.exponent >= 6)) {
    return format_exponent(decimal, true);
  }
  return format_fixed(decimal);
}

std::string_view base_name(std::string_view path) {
  if (path.empty()) return ".";
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (path == "/") return path;
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string clean_path(std::string_view path) {
  if (path.empty()) return ".";
  const bool rooted = path[0] == '/';
  std::string out;
  size_t read = 0;
  size_t dotdot = 0;  // where out may no longer be backtracked
  if (rooted) {
    out = "/";
    read = 1;
    dotdot = 1;
  }
  const size_t n = path.size();
  while (read < n) {
    const bool empty = path[read] == '/';
    const bool dot = path[read] == '.' && (read + 1 == n || path[read + 1] == '/');
    if (empty || dot) {
      ++read;  // an empty element or ".": nothing to add
    } else if (path[read] == '.' && path[read + 1] == '.' &&
               (read + 2 == n || path[read + 2] == '/')) {
      read += 2;
      if (out.size() > dotdot) {
        out.pop_back();
        while (out.size() > dotdot && out.back() != '/') out.pop_back();
        if (out.size() > dotdot && out.back() == '/') out.pop_back();
      } else if (!rooted) {
        if (!out.empty()) out += '/';
        out += "..";
        dotdot = out.size();
      }
    } else {
      if ((rooted && out.size() != 1) || (!rooted && !out.empty())) out += '/';
      for (; read < n && path[read] != '/'; ++read) out += path[read];
    }
  }
  return out.empty() ? "." : out;
}

}  // namespace chartmirror::charts::go
