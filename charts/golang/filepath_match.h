// charts/golang/filepath_match.h — Go's path/filepath.Match (on Unix), the glob language of
// .helmignore.
//
// Helm decides which chart files a .helmignore rule drops with filepath.Match, so what a
// pattern matches, and which patterns are malformed (helm refuses a .helmignore holding one),
// must be Go's.
#pragma once

#include <string_view>

namespace chartmirror::charts::go {

// filepath.Match(pattern, name): '*' is any run of non-'/' bytes, '?' one non-'/' rune,
// '[...]' a class ('^' negates; ranges lo-hi; '\\' escapes), '\\' escapes the next byte.
// kBadPattern is filepath.ErrBadPattern. As in Go, a malformed pattern is mostly reported even
// when the name stops matching before the fault, but not always: Match("x*[", "abc") is a plain
// no match.
enum class MatchResult { kNoMatch, kMatch, kBadPattern };
[[nodiscard]] MatchResult match_glob(std::string_view pattern, std::string_view name);

}  // namespace chartmirror::charts::go
