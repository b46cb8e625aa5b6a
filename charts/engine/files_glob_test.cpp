// gobwas/glob with '/' as separator, as Helm's .Files.Glob compiles it; each case checked with
// helm v3.17.3's .Files.Glob over the same file names.
#include "charts/engine/files_glob.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace chartmirror::charts::engine {
namespace {

TEST_CASE("glob_match") {
  struct Case {
    std::string pattern;
    std::string name;
    bool match;
  };
  const std::vector<Case> cases = {
      {"files/*", "files/a.yaml", true},
      {"files/*", "files/sub/c.txt", false},
      {"files/**", "files/sub/c.txt", true},
      {"files/**.txt", "files/sub/c.txt", true},
      {"**.json", "dashboards/x.json", true},
      {"files/*.{yaml,txt}", "files/b.txt", true},
      {"files/*.{yaml,txt}", "files/b.json", false},
      {"files/?.txt", "files/b.txt", true},
      {"files/?.txt", "files/bb.txt", false},
      {"files/[ab].txt", "files/b.txt", true},
      {"files/[!ab].txt", "files/b.txt", false},
      {"files/[a-c].txt", "files/c.txt", true},
      {"files/\\*.txt", "files/*.txt", true},
      {"files/\\*.txt", "files/a.txt", false},
      {"config/{a,b/{c,d}}.conf", "config/b/d.conf", true},
      {"files/[ab", "anything", true},  // does not compile: Helm uses "**"
      {"files/{a,b", "files/a", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.pattern);
    CAPTURE(c.name);
    CHECK(glob_match(c.pattern, c.name) == c.match);
  }
}

}  // namespace
}  // namespace chartmirror::charts::engine
