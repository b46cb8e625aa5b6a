// charts/values/go_strconv.h — the parts of Go's strconv that decide Helm's value types.
//
// yaml.v2 resolves integers with strconv.ParseInt(s, 0, 64) and ParseUint(s, 0, 64), and
// `--set` with ParseInt(s, 10, 64); list indexes are read with Atoi. Their accepted syntax is
// part of Helm's behaviour, so it is reproduced here rather than approximated with strtoll.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "support/result.h"

namespace chartmirror::charts::values {

enum class NumError { kSyntax, kRange };

// strconv.ParseUint(s, base, 64). Base 0 reads the prefix: 0x/0X hex, 0o/0O octal, 0b/0B
// binary, a leading 0 octal, else decimal (a prefix needs a digit after it). No sign, no
// underscores (yaml.v2 removes them first).
[[nodiscard]] Result<std::uint64_t, NumError> parse_go_uint(std::string_view s, int base);

// strconv.ParseInt(s, base, 64): an optional + or - sign, then as parse_go_uint.
[[nodiscard]] Result<std::int64_t, NumError> parse_go_int(std::string_view s, int base);

// strconv.Atoi's error text for `s`: `strconv.Atoi: parsing "x": invalid syntax`.
[[nodiscard]] std::string atoi_error(std::string_view s, NumError error);

// strconv.ParseFloat(s, 64) for decimal syntax ([+-] digits [. digits] [e [+-] digits]):
// nullopt when the syntax is wrong or the value overflows float64 (Go's ErrRange); underflow
// rounds to zero without error, as in Go.
[[nodiscard]] std::optional<double> parse_go_float(std::string_view s);

}  // namespace chartmirror::charts::values
