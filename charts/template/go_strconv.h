// charts/template/go_strconv.h — the parts of Go's strconv and fmt that decide how template
// literals are read and how the parser words its errors.
//
// Each function names the Go function it mirrors. The template parser reads "..." and `...`
// with strconv.Unquote, 'x' with strconv.UnquoteChar, numbers with strconv.ParseUint /
// ParseInt / ParseFloat (base 0, 64 bits) and fmt.Sscan of a complex128, and quotes tokens in
// its errors with %q, %.10q and %#U.
#pragma once

#include <complex>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "charts/golang/quote.h"
#include "charts/golang/unicode.h"
#include "charts/golang/utf8.h"
#include "support/result.h"

namespace chartmirror::charts::tmpl::go {

// UTF-8, Unicode classes and strconv.Quote are charts/golang's; named here so that the
// template's Go layer (go::decode_rune, go::quote) reads as the Go it mirrors.
using charts::go::append_rune;
using charts::go::decode_last_rune;
using charts::go::decode_rune;
using charts::go::DecodedRune;
using charts::go::is_digit;
using charts::go::is_letter;
using charts::go::is_print;
using charts::go::is_space;
using charts::go::kMaxRune;
using charts::go::kRuneError;
using charts::go::quote;
using charts::go::valid_rune;
using charts::go::valid_utf8;
// fmt's %.Nq: the first `max_runes` runes of `text`, quoted.
[[nodiscard]] std::string quote_prefix(std::string_view text, size_t max_runes);
// fmt's %#U: "U+0023 '#'", or "U+0001" when the rune is not printable.
[[nodiscard]] std::string format_unicode(char32_t rune);

// strconv.ErrSyntax's text, the error of every malformed literal.
inline constexpr std::string_view kInvalidSyntax = "invalid syntax";

// An error of a Go library function, in Go's words.
struct GoError {
  std::string message;
};

// strconv.Unquote of a "..." or `...` literal (quotes included); the error is "invalid
// syntax". Raw strings lose their '\r' bytes, as Go's do.
[[nodiscard]] Result<std::string, GoError> unquote(std::string_view literal);

// strconv.UnquoteChar: the first character of an escaped string `text` in a literal quoted by
// `quote` ('\'', '"' or 0).
struct UnquotedChar {
  char32_t value = 0;
  bool multibyte = false;  // append as UTF-8; otherwise `value` is one byte (\xNN, \NNN)
  std::string_view tail;
};
[[nodiscard]] std::optional<UnquotedChar> unquote_char(std::string_view text, char quote);

// strconv.ParseUint(text, 0, 64) and strconv.ParseInt(text, 0, 64): empty when the text is
// not an integer of that type (bad syntax or out of range).
[[nodiscard]] std::optional<uint64_t> parse_uint(std::string_view text);
[[nodiscard]] std::optional<int64_t> parse_int(std::string_view text);

// strconv.ParseFloat(text, 64): decimal and hexadecimal (0x...p...) forms, '_' between digits,
// "inf"/"infinity"/"nan" in any case. Empty on bad syntax and on overflow (Go's ErrRange).
[[nodiscard]] std::optional<double> parse_float(std::string_view text);

// fmt.Sscan(text, &complex128): reads "N+Ni" (or "(N+Ni)") from the start of `text` and
// ignores what follows. The error is Go's text ("syntax error scanning complex number",
// `strconv.ParseFloat: parsing "x": invalid syntax`, ...).
[[nodiscard]] Result<std::complex<double>, GoError> scan_complex(std::string_view text);

}  // namespace chartmirror::charts::tmpl::go
