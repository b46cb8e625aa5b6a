#include "charts/template/unicode.h"

#include <algorithm>
#include <cstdint>

#include "charts/template/unicode_tables.h"

namespace chartmirror::charts::tmpl::go {
namespace {

constexpr char32_t kSurrogateMin = 0xD800;
constexpr char32_t kSurrogateMax = 0xDFFF;

// The valid range of the second byte of a multi-byte sequence, by its first byte (RFC 3629
// table 3-7): this rules out overlong forms, surrogates and values past U+10FFFF.
struct LeadByte {
  int size;  // 0: the byte cannot start a sequence
  uint8_t second_lo;
  uint8_t second_hi;
};

LeadByte lead_byte(uint8_t b) {
  if (b >= 0xC2 && b <= 0xDF) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};
  if (b >= 0xE1 && b <= 0xEF) return {3, 0x80, 0xBF};
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b >= 0xF1 && b <= 0xF3) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};
}

template <typename Table>
bool in_table(const Table& table, char32_t rune) {
  // The first range whose upper end is not below the rune.
  const auto it = std::lower_bound(table.begin(), table.end(), rune,
                                   [](const RuneRange& range, char32_t r) { return range.hi < r; });
  return it != table.end() && it->lo <= rune;
}

}  // namespace

DecodedRune decode_rune(std::string_view text) {
  if (text.empty()) return {kRuneError, 0};
  const auto b0 = static_cast<uint8_t>(text[0]);
  if (b0 < 0x80) return {b0, 1};
  const LeadByte lead = lead_byte(b0);
  if (lead.size == 0 || text.size() < static_cast<size_t>(lead.size)) return {kRuneError, 1};
  const auto b1 = static_cast<uint8_t>(text[1]);
  if (b1 < lead.second_lo || b1 > lead.second_hi) return {kRuneError, 1};
  char32_t rune = 0;
  switch (lead.size) {
    case 2:
      rune = b0 & 0x1FU;
      break;
    case 3:
      rune = b0 & 0x0FU;
      break;
    default:
      rune = b0 & 0x07U;
      break;
  }
  rune = (rune << 6U) | (b1 & 0x3FU);
  for (int i = 2; i < lead.size; ++i) {
    const auto b = static_cast<uint8_t>(text[static_cast<size_t>(i)]);
    if (b < 0x80 || b > 0xBF) return {kRuneError, 1};
    rune = (rune << 6U) | (b & 0x3FU);
  }
  return {rune, lead.size};
}

DecodedRune decode_last_rune(std::string_view text) {
  if (text.empty()) return {kRuneError, 0};
  const size_t end = text.size();
  const auto last = static_cast<uint8_t>(text[end - 1]);
  if (last < 0x80) return {last, 1};
  // Look back for the byte that starts the rune, at most 4 bytes from the end.
  const size_t limit = end >= 4 ? end - 4 : 0;
  size_t start = end - 1;
  while (start > limit && (static_cast<uint8_t>(text[start]) & 0xC0U) == 0x80) --start;
  const DecodedRune decoded = decode_rune(text.substr(start));
  if (start + static_cast<size_t>(decoded.width) != end) return {kRuneError, 1};
  return decoded;
}

bool valid_rune(char32_t rune) {
  return rune <= kMaxRune && (rune < kSurrogateMin || rune > kSurrogateMax);
}

bool valid_utf8(std::string_view text) {
  while (!text.empty()) {
    const DecodedRune decoded = decode_rune(text);
    if (decoded.rune == kRuneError && decoded.width == 1) return false;
    text.remove_prefix(static_cast<size_t>(decoded.width));
  }
  return true;
}

void append_rune(std::string& out, char32_t rune) {
  if (!valid_rune(rune)) rune = kRuneError;
  if (rune < 0x80) {
    out += static_cast<char>(rune);
  } else if (rune < 0x800) {
    out += static_cast<char>(0xC0U | (rune >> 6U));
    out += static_cast<char>(0x80U | (rune & 0x3FU));
  } else if (rune < 0x10000) {
    out += static_cast<char>(0xE0U | (rune >> 12U));
    out += static_cast<char>(0x80U | ((rune >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (rune & 0x3FU));
  } else {
    out += static_cast<char>(0xF0U | (rune >> 18U));
    out += static_cast<char>(0x80U | ((rune >> 12U) & 0x3FU));
    out += static_cast<char>(0x80U | ((rune >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (rune & 0x3FU));
  }
}

bool is_letter(char32_t rune) {
  if (rune < 0x80) return (rune | 0x20U) >= 'a' && (rune | 0x20U) <= 'z';
  return in_table(kLetterRanges, rune);
}

bool is_digit(char32_t rune) {
  if (rune < 0x80) return rune >= '0' && rune <= '9';
  return in_table(kDigitRanges, rune);
}

bool is_print(char32_t rune) { return in_table(kPrintRanges, rune); }

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

}  // namespace chartmirror::charts::tmpl::go
