#include "charts/golang/utf8.h"

#include <cstdint>

namespace chartmirror::charts::go {
namespace {

constexpr char32_t kSurrogateMin = 0xD800;
constexpr char32_t kSurrogateMax = 0xDFFF;

// What a leading byte starts: the sequence's length (0: it cannot start one) and the range of
// the second byte (RFC 3629 table 3-7), which rules out overlong forms, surrogates and values
// past U+10FFFF. Later bytes are 0x80..0xBF.
struct LeadByte {
  std::size_t size;
  std::uint8_t second_lo;
  std::uint8_t second_hi;
};

LeadByte lead_byte(std::uint8_t b) {
  if (b >= 0xC2 && b <= 0xDF) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};
  if (b >= 0xE1 && b <= 0xEF) return {3, 0x80, 0xBF};
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b >= 0xF1 && b <= 0xF3) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};
}

bool is_continuation(std::uint8_t b) { return (b & 0xC0U) == 0x80; }

}  // namespace

DecodedRune decode_rune(std::string_view text) {
  if (text.empty()) return {kRuneError, 0};
  const auto b0 = static_cast<std::uint8_t>(text[0]);
  if (b0 < 0x80) return {b0, 1};
  const DecodedRune invalid{kRuneError, 1};
  const LeadByte lead = lead_byte(b0);
  if (lead.size == 0 || text.size() < lead.size) return invalid;
  const auto b1 = static_cast<std::uint8_t>(text[1]);
  if (b1 < lead.second_lo || b1 > lead.second_hi) return invalid;
  const unsigned lead_bits = lead.size == 2 ? 0x1FU : lead.size == 3 ? 0x0FU : 0x07U;
  char32_t rune = ((b0 & lead_bits) << 6U) | (b1 & 0x3FU);
  for (std::size_t i = 2; i < lead.size; ++i) {
    const auto b = static_cast<std::uint8_t>(text[i]);
    if (!is_continuation(b)) return invalid;
    rune = (rune << 6U) | (b & 0x3FU);
  }
  return {rune, lead.size};
}

DecodedRune decode_last_rune(std::string_view text) {
  if (text.empty()) return {kRuneError, 0};
  const std::size_t end = text.size();
  const auto last = static_cast<std::uint8_t>(text[end - 1]);
  if (last < 0x80) return {last, 1};
  // Step back to the byte that starts the rune: at most four bytes from the end.
  const std::size_t limit = end >= 4 ? end - 4 : 0;
  std::size_t start = end - 1;
  while (start > limit && is_continuation(static_cast<std::uint8_t>(text[start]))) --start;
  const DecodedRune decoded = decode_rune(text.substr(start));
  if (start + decoded.width != end) return {kRuneError, 1};
  return decoded;
}

bool valid_rune(char32_t rune) {
  return rune <= kMaxRune && (rune < kSurrogateMin || rune > kSurrogateMax);
}

bool valid_utf8(std::string_view text) {
  while (!text.empty()) {
    const DecodedRune decoded = decode_rune(text);
    if (decoded.rune == kRuneError && decoded.width == 1) return false;
    text.remove_prefix(decoded.width);
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

}  // namespace chartmirror::charts::go
