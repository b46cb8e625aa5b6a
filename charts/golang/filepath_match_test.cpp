// Expectations are Go's (go1.23, the Go of helm v3.17.3): path/filepath.Match on Unix.
#include "charts/golang/filepath_match.h"

#include <string>

#include <doctest/doctest.h>

namespace chartmirror::charts::go {

TEST_CASE("globs match as filepath.Match does") {
  struct Glob {
    std::string pattern;
    std::string name;
    MatchResult expected;
  };
  const auto yes = MatchResult::kMatch;
  const auto no = MatchResult::kNoMatch;
  const auto bad = MatchResult::kBadPattern;
  const Glob cases[] = {
      {"*.txt", "a.txt", yes},
      {"*.txt", "a/b.txt", no},
      {"a/*.txt", "a/b.txt", yes},
      {"?", "/", no},
      {"[a-c]x", "bx", yes},
      {"[^a-c]x", "bx", no},
      {"[", "abc", bad},
      {"a\\", "a", bad},
      {"\\*", "*", yes},
      {"[]a]", "]", bad},
      {"[a-]", "a", bad},
      {"*x*", "axb", yes},
      {"a*b*c", "abxbc", yes},
      {"*", "", yes},
      {".?*", ".a", yes},
      {".?*", ".", no},
      {"templates/.?*", "templates/.x", yes},
      {"*/", "a/", yes},
      {"[\\]]", "]", yes},
      {"x*[", "abc", no},  // Go does not look at the rest of this pattern
      {"ab[", "abc", bad},
      {"[!a]", "b", no},
      {"\u00e9?", "\u00e9x", yes},
      {"a?b", "a\u00e9b", yes},
  };
  for (const auto& c : cases) {
    CAPTURE(c.pattern);
    CAPTURE(c.name);
    CHECK(match_glob(c.pattern, c.name) == c.expected);
  }
}

}  // namespace chartmirror::charts::go
