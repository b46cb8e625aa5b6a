#include "charts/golang/quote.h"

#include "charts/golang/unicode.h"
#include "charts/golang/utf8.h"

namespace chartmirror::charts::go {
namespace {

constexpr std::string_view kLowerHex = "0123456789abcdef";

// `\x` or `\u` or `\U` and the low `digits` hex digits of `value`.
void append_hex_escape(std::string& out, std::string_view prefix, char32_t value, int digits) {
  out += prefix;
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
    out += kLowerHex[(value >> static_cast<unsigned>(shift)) & 0xFU];
  }
}

// strconv.appendEscapedRune for a double-quoted literal.
void append_escaped_rune(std::string& out, char32_t rune) {
  if (rune == '"' || rune == '\\') {
    out += '\\';
    out += static_cast<char>(rune);
    return;
  }
  if (is_print(rune)) {
    append_rune(out, rune);
    return;
  }
  switch (rune) {
    case '\a':
      out += "\\a";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\v':
      out += "\\v";
      return;
    default:
      break;
  }
  if (rune < ' ' || rune == 0x7F) {
    append_hex_escape(out, "\\x", rune, 2);
  } else if (rune < 0x10000) {
    append_hex_escape(out, "\\u", rune, 4);
  } else {
    append_hex_escape(out, "\\U", rune, 8);
  }
}

}  // namespace

std::string quote(std::string_view text) {
  std::string out = "\"";
  while (!text.empty()) {
    const DecodedRune decoded = decode_rune(text);
    if (decoded.rune == kRuneError && decoded.width == 1) {
      append_hex_escape(out, "\\x", static_cast<unsigned char>(text[0]), 2);
    } else {
      append_escaped_rune(out, decoded.rune);
    }
    text.remove_prefix(decoded.width);
  }
  out += '"';
  return out;
}

}  // namespace chartmirror::charts::go
