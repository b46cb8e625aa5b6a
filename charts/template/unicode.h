// charts/template/unicode.h — the UTF-8 and Unicode behaviour of Go that the template lexer
// depends on: how bytes decode to runes (invalid UTF-8 included), and which runes are letters,
// digits, printable or space in Go's `unicode` package.
#pragma once

#include <string>
#include <string_view>

namespace chartmirror::charts::tmpl::go {

// utf8.RuneError, what invalid UTF-8 decodes to.
inline constexpr char32_t kRuneError = 0xFFFD;
inline constexpr char32_t kMaxRune = 0x10FFFF;

struct DecodedRune {
  char32_t rune = 0;
  int width = 0;  // bytes; 0 only for empty input
};

// utf8.DecodeRuneInString: the first rune of `text`. Invalid or truncated UTF-8, surrogates and
// overlong forms decode as kRuneError with width 1; empty input as kRuneError with width 0.
[[nodiscard]] DecodedRune decode_rune(std::string_view text);
// utf8.DecodeLastRuneInString: the last rune of `text`, with the same rules.
[[nodiscard]] DecodedRune decode_last_rune(std::string_view text);
// utf8.ValidRune: a Unicode scalar value (not a surrogate, at most U+10FFFF).
[[nodiscard]] bool valid_rune(char32_t rune);
// utf8.ValidString.
[[nodiscard]] bool valid_utf8(std::string_view text);
// utf8.AppendRune: the UTF-8 of `rune`, or of kRuneError for an invalid rune.
void append_rune(std::string& out, char32_t rune);

// unicode.IsLetter (category L), unicode.IsDigit (Nd), unicode.IsPrint (L, M, N, P, S and
// U+0020; the same set as strconv.IsPrint) and unicode.IsSpace, for Unicode 15.0.0.
[[nodiscard]] bool is_letter(char32_t rune);
[[nodiscard]] bool is_digit(char32_t rune);
[[nodiscard]] bool is_print(char32_t rune);
[[nodiscard]] bool is_space(char32_t rune);

}  // namespace chartmirror::charts::tmpl::go
