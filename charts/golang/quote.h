// charts/golang/quote.h — Go's strconv.Quote, which is fmt's %q of a string.
//
// Helm and the Go libraries under it quote names in their messages with %q: `--set` errors
// (`key "a" has no value`), strconv.Atoi's error, coalescing warnings, values.schema.json
// $ref errors, and the template parser's errors. Matching those messages means quoting the
// way Go does, escapes and all.
#pragma once

#include <string>
#include <string_view>

namespace chartmirror::charts::go {

// strconv.Quote: `text` as a double-quoted Go string literal. '"' and '\\' are escaped;
// printable runes (unicode.IsPrint) are kept, others written as \a \b \f \n \r \t \v, \xNN
// (ASCII controls and DEL), \uNNNN or \UNNNNNNNN; each byte of invalid UTF-8 is \xNN.
[[nodiscard]] std::string quote(std::string_view text);

}  // namespace chartmirror::charts::go
