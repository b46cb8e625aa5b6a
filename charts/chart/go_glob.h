// charts/chart/go_glob.h — Go's path/filepath.Match, the glob language of .helmignore.
#pragma once

#include <string_view>

namespace chartmirror::charts::go {

// path/filepath.Match on Unix: '*' any run of non-'/' bytes, '?' one non-'/' code point,
// '[...]' a class ('^' negates, ranges, '\\' escapes), '\\' escapes a byte.
enum class MatchResult { kNoMatch, kMatch, kBadPattern };
[[nodiscard]] MatchResult match_glob(std::string_view pattern, std::string_view name);

}  // namespace chartmirror::charts::go
