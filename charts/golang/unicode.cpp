#include "charts/golang/unicode.h"

#include <algorithm>

#include "charts/golang/unicode_tables.h"
#include "charts/golang/utf8.h"

namespace chartmirror::charts::go {
namespace {

template <typename Table>
bool in_table(const Table& table, char32_t rune) {
  // The first range whose upper end is not below the rune.
  const auto it = std::lower_bound(table.begin(), table.end(), rune,
                                   [](const RuneRange& range, char32_t r) { return range.hi < r; });
  return it != table.end() && it->lo <= rune;
}

}  // namespace

bool is_letter(char32_t rune) {
  if (rune < 0x80) return (rune | 0x20U) >= 'a' && (rune | 0x20U) <= 'z';
  return in_table(kLetterRanges, rune);
}

bool is_digit(char32_t rune) {
  if (rune < 0x80) return rune >= '0' && rune <= '9';
  return in_table(kDigitRanges, rune);
}

bool is_print(char32_t rune) {
  if (rune < 0x80) return rune >= 0x20 && rune < 0x7F;
  return in_table(kPrintRanges, rune);
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

std::string_view trim_space(std::string_view text) {
  while (!text.empty()) {
    const DecodedRune first = decode_rune(text);
    // A bad byte decodes as U+FFFD, which is no space.
    if (!is_space(first.rune)) break;
    text.remove_prefix(first.width);
  }
  while (!text.empty()) {
    const DecodedRune last = decode_last_rune(text);
    if (!is_space(last.rune)) break;
    text.remove_suffix(last.width);
  }
  return text;
}

std::string sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const DecodedRune decoded = decode_rune(text);
    text.remove_prefix(decoded.width);
    if (is_space(decoded.rune)) {
      out += ' ';
    } else if (is_print(decoded.rune)) {
      append_rune(out, decoded.rune);
    }
  }
  return out;
}

}  // namespace chartmirror::charts::go
