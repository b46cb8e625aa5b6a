// charts/golang/strconv.h — Go's strconv number parsing, whose accepted syntax decides the
// type of a value in Helm.
//
// go-yaml v2 types a plain scalar as an integer when strconv.ParseInt(s, 0, 64) (or ParseUint)
// accepts it, else as a float when ParseFloat does (so `010` is 8, `0x1F` 31, `1e3` a float);
// `--set` keeps a value as int64 when ParseInt(s, 10, 64) accepts it, and reads list indexes
// with strconv.Atoi, whose error text Helm prints. The syntax is reproduced here rather than
// approximated with strtoll.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "support/result.h"

namespace chartmirror::charts::go {

// strconv.ErrSyntax and strconv.ErrRange.
enum class NumError { kSyntax, kRange };

// strconv.ParseUint(s, base, 64). Base 0 reads the prefix: 0x/0X hex, 0o/0O octal, 0b/0B
// binary, a leading 0 octal, else decimal (a prefix needs a digit after it), and allows '_'
// between digits ("1_000", "0x_1F"; go-yaml removes them before it parses anyway). No sign.
[[nodiscard]] Result<std::uint64_t, NumError> parse_uint(std::string_view s, int base);

// strconv.ParseInt(s, base, 64): an optional '+' or '-', then as parse_uint.
[[nodiscard]] Result<std::int64_t, NumError> parse_int(std::string_view s, int base);

// strconv.Atoi's error text: `strconv.Atoi: parsing "x": invalid syntax` (or "value out of
// range").
[[nodiscard]] std::string atoi_error(std::string_view s, NumError error);

// strconv.ParseFloat(s, 64) for the decimal syntax, [+-] digits [. digits] [e [+-] digits]
// (".5" and "1." included): nullopt when the syntax is wrong or the value overflows float64
// (ErrRange); underflow rounds to zero without error, as in Go. Go's other forms (hex floats,
// "inf", "nan", '_' separators) are refused: go-yaml only passes ParseFloat text that cannot
// be one of them.
[[nodiscard]] std::optional<double> parse_decimal_float(std::string_view s);

}  // namespace chartmirror::charts::go
