// charts/golang/unicode.h — Go's unicode classes (Unicode 15.0.0, the version of Go 1.21 to
// 1.26; helm v3.17.3 is built with Go 1.23), and the string functions Helm builds on them.
//
// Helm depends on them in three places: Chart.yaml strings are cleaned by sanitizeString
// (IsSpace, IsPrint), .helmignore lines are trimmed with strings.TrimSpace, and Go's template
// language lexes identifiers with IsLetter/IsDigit and escapes what is not IsPrint in `%q`,
// `js` and `html`. The classes are exact: unassigned code points are not printable, as in Go.
#pragma once

#include <string>
#include <string_view>

namespace chartmirror::charts::go {

// unicode.IsLetter (category L) and unicode.IsDigit (Nd).
[[nodiscard]] bool is_letter(char32_t rune);
[[nodiscard]] bool is_digit(char32_t rune);

// unicode.IsPrint (L, M, N, P, S and U+0020; the same set as strconv.IsPrint).
[[nodiscard]] bool is_print(char32_t rune);

// unicode.IsSpace: '\t' '\n' '\v' '\f' '\r' ' ' U+0085 U+00A0 and the Z category.
[[nodiscard]] bool is_space(char32_t rune);

// strings.TrimSpace: `text` without the leading and trailing runes that are is_space.
[[nodiscard]] std::string_view trim_space(std::string_view text);

// Helm's sanitizeString (pkg/chart/metadata.go), a strings.Map over the runes: each space
// becomes ' ', each unprintable rune is dropped, and each byte of invalid UTF-8 becomes U+FFFD
// (which is printable).
[[nodiscard]] std::string sanitize(std::string_view text);

}  // namespace chartmirror::charts::go
