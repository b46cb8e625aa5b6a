// charts/golang/unicode_tables.h — the generated tables behind unicode.h (internal to
// charts/golang; unicode_tables.cpp says how they are made).
#pragma once

#include <array>

namespace chartmirror::charts::go {

// An inclusive range of code points.
struct RuneRange {
  char32_t lo;
  char32_t hi;
};

// Sorted, disjoint and not adjacent.
extern const std::array<RuneRange, 659> kLetterRanges;  // unicode.IsLetter
extern const std::array<RuneRange, 64> kDigitRanges;    // unicode.IsDigit
extern const std::array<RuneRange, 711> kPrintRanges;   // unicode.IsPrint, strconv.IsPrint

}  // namespace chartmirror::charts::go
