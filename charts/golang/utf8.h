// charts/golang/utf8.h — Go's unicode/utf8: how bytes become runes.
//
// Every Go string Helm handles is bytes that are decoded rune by rune when it matters, and
// invalid UTF-8 is not an error there but one U+FFFD per bad byte. That decides what Helm
// writes for a Chart.yaml with stray Latin-1 bytes (sanitizeString), what encoding/json
// escapes (\ufffd), how %q quotes (\xNN), where a glob's '?' ends and where the template lexer
// splits its input. Each function names the one it mirrors.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace chartmirror::charts::go {

// utf8.RuneError (U+FFFD), what invalid UTF-8 decodes as; utf8.MaxRune.
inline constexpr char32_t kRuneError = 0xFFFD;
inline constexpr char32_t kMaxRune = 0x10FFFF;

struct DecodedRune {
  char32_t rune = 0;
  std::size_t width = 0;  // bytes; 0 only for empty input
};

// utf8.DecodeRuneInString: the first rune of `text`. Invalid UTF-8 (overlong forms, encoded
// surrogates, truncated sequences, values past U+10FFFF) decodes as kRuneError of width 1;
// empty input as kRuneError of width 0. `rune == kRuneError && width == 1` is how Go code
// tells a bad byte from a real U+FFFD.
[[nodiscard]] DecodedRune decode_rune(std::string_view text);

// utf8.DecodeLastRuneInString: the last rune of `text`, with the same rules.
[[nodiscard]] DecodedRune decode_last_rune(std::string_view text);

// utf8.ValidRune: a Unicode scalar value (at most U+10FFFF, not a surrogate).
[[nodiscard]] bool valid_rune(char32_t rune);

// utf8.ValidString.
[[nodiscard]] bool valid_utf8(std::string_view text);

// utf8.AppendRune: the UTF-8 of `rune`, or of kRuneError when it is not a valid rune.
void append_rune(std::string& out, char32_t rune);

}  // namespace chartmirror::charts::go
