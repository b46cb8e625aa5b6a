// strconv's quoting and unquoting, and fmt's %#U (go_strconv.h).
#include "charts/template/go_strconv.h"

namespace chartmirror::charts::tmpl::go {
namespace {

constexpr std::string_view kUpperHex = "0123456789ABCDEF";

char lower(char c) { return static_cast<char>(static_cast<unsigned char>(c) | 0x20U); }
bool is_decimal(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_decimal(c) || (lower(c) >= 'a' && lower(c) <= 'f'); }

int hex_value(char c) {
  if (is_decimal(c)) return c - '0';
  return lower(c) - 'a' + 10;
}

}  // namespace

std::string quote_prefix(std::string_view text, size_t max_runes) {
  size_t end = 0;
  for (size_t runes = 0; end < text.size() && runes < max_runes; ++runes) {
    end += static_cast<size_t>(decode_rune(text.substr(end)).width);
  }
  return quote(text.substr(0, end));
}

std::string format_unicode(char32_t rune) {
  std::string hex;
  for (char32_t u = rune; u != 0; u >>= 4U) hex.insert(hex.begin(), kUpperHex[u & 0xFU]);
  if (hex.size() < 4) hex.insert(0, 4 - hex.size(), '0');
  std::string out = "U+" + hex;
  if (rune <= kMaxRune && is_print(rune)) {
    out += " '";
    append_rune(out, rune);
    out += "'";
  }
  return out;
}

std::optional<UnquotedChar> unquote_char(std::string_view s, char quote) {
  if (s.empty()) return std::nullopt;
  const char c = s[0];
  if (c == quote && (quote == '\'' || quote == '"')) return std::nullopt;
  if (static_cast<unsigned char>(c) >= 0x80) {
    const DecodedRune decoded = decode_rune(s);
    return UnquotedChar{decoded.rune, true, s.substr(static_cast<size_t>(decoded.width))};
  }
  if (c != '\\') return UnquotedChar{static_cast<char32_t>(c), false, s.substr(1)};
  if (s.size() <= 1) return std::nullopt;
  const char escape = s[1];
  s.remove_prefix(2);
  UnquotedChar out;
  switch (escape) {
    case 'a':
      out.value = '\a';
      break;
    case 'b':
      out.value = '\b';
      break;
    case 'f':
      out.value = '\f';
      break;
    case 'n':
      out.value = '\n';
      break;
    case 'r':
      out.value = '\r';
      break;
    case 't':
      out.value = '\t';
      break;
    case 'v':
      out.value = '\v';
      break;
    case 'x':
    case 'u':
    case 'U': {
      const size_t n = escape == 'x' ? 2 : escape == 'u' ? 4 : 8;
      if (s.size() < n) return std::nullopt;
      char32_t v = 0;
      for (size_t j = 0; j < n; ++j) {
        if (!is_hex(s[j])) return std::nullopt;
        v = (v << 4U) | static_cast<char32_t>(hex_value(s[j]));
      }
      s.remove_prefix(n);
      out.value = v;
      if (escape != 'x') {
        if (!valid_rune(v)) return std::nullopt;
        out.multibyte = true;
      }
      break;
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      char32_t v = static_cast<char32_t>(escape - '0');
      if (s.size() < 2) return std::nullopt;
      for (size_t j = 0; j < 2; ++j) {
        if (s[j] < '0' || s[j] > '7') return std::nullopt;
        v = (v << 3U) | static_cast<char32_t>(s[j] - '0');
      }
      s.remove_prefix(2);
      if (v > 255) return std::nullopt;
      out.value = v;
      break;
    }
    case '\\':
      out.value = '\\';
      break;
    case '\'':
    case '"':
      if (escape != quote) return std::nullopt;
      out.value = static_cast<char32_t>(escape);
      break;
    default:
      return std::nullopt;
  }
  out.tail = s;
  return out;
}

Result<std::string, GoError> unquote(std::string_view in) {
  const GoError error{std::string(kInvalidSyntax)};
  if (in.size() < 2) return error;
  const char quote_char = in[0];
  const size_t close = in.find(quote_char, 1);
  if (close == std::string_view::npos) return error;
  if (quote_char == '`') {
    if (close != in.size() - 1) return error;
    std::string out;
    for (const char c : in.substr(1, close - 1)) {
      if (c != '\r') out += c;  // Go drops carriage returns from raw strings
    }
    return out;
  }
  if (quote_char != '"') return error;
  const std::string_view fast = in.substr(1, close - 1);
  if (close == in.size() - 1 && fast.find_first_of("\\\n") == std::string_view::npos &&
      valid_utf8(fast)) {
    return std::string(fast);
  }
  std::string out;
  std::string_view rest = in.substr(1);
  while (!rest.empty() && rest[0] != quote_char) {
    if (rest[0] == '\n') return error;
    const auto c = unquote_char(rest, quote_char);
    if (!c) return error;
    rest = c->tail;
    if (c->value < 0x80 || !c->multibyte) {
      out += static_cast<char>(c->value);
    } else {
      append_rune(out, c->value);
    }
  }
  if (rest.size() != 1) return error;  // the closing quote, and nothing after it
  return out;
}

}  // namespace chartmirror::charts::tmpl::go
