#include "charts/golang/json_text.h"

#include <cmath>

#include "charts/golang/format_float.h"
#include "charts/golang/utf8.h"

namespace chartmirror::charts::go {
namespace {

constexpr std::string_view kLowerHex = "0123456789abcdef";

void append_ascii(std::string& out, unsigned char c) {
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
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
    default:
      break;
  }
  if (c < 0x20 || c == '<' || c == '>' || c == '&') {
    out += "\\u00";
    out += kLowerHex[c >> 4U];
    out += kLowerHex[c & 0xFU];
  } else {
    out += static_cast<char>(c);
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  while (!text.empty()) {
    const auto c = static_cast<unsigned char>(text[0]);
    if (c < 0x80) {
      append_ascii(out, c);
      text.remove_prefix(1);
      continue;
    }
    const DecodedRune decoded = decode_rune(text);
    if (decoded.rune == kRuneError && decoded.width == 1) {
      out += "\\ufffd";
    } else if (decoded.rune == 0x2028 || decoded.rune == 0x2029) {
      out += decoded.rune == 0x2028 ? "\\u2028" : "\\u2029";
    } else {
      out.append(text.substr(0, decoded.width));
    }
    text.remove_prefix(decoded.width);
  }
  out += '"';
}

void append_json_number(std::string& out, double value) {
  constexpr double kSmall = 1e-6;
  constexpr double kLarge = 1e21;
  const double magnitude = std::fabs(value);
  if (magnitude == 0 || (magnitude >= kSmall && magnitude < kLarge)) {
    out += format_float(value, 'f');
    return;
  }
  std::string text = format_float(value, 'e');
  // encoding/json cleans e-07 up to e-7.
  const std::size_t n = text.size();
  if (n >= 4 && text[n - 4] == 'e' && text[n - 3] == '-' && text[n - 2] == '0') {
    text.erase(n - 2, 1);
  }
  out += text;
}

}  // namespace chartmirror::charts::go
