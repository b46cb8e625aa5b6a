// Expectations are Go's (go1.23, the Go of helm v3.17.3): path.Clean and path.Base.
#include "charts/golang/path.h"

#include <string>
#include <utility>

#include <doctest/doctest.h>

namespace chartmirror::charts::go {

TEST_CASE("clean_path is path.Clean") {
  const std::pair<std::string, std::string> cases[] = {
      {"", "."},
      {".", "."},
      {"a/b/../c", "a/c"},
      {"../a", "../a"},
      {"a/../..", ".."},
      {"/../a", "/a"},
      {"a//b/./c/", "a/b/c"},
      {"./a", "a"},
      {"a/..", "."},
      {"/", "/"},
      {"//a", "/a"},
      {"/a/..", "/"},
      {"../../a/..", "../.."},
      {"..a/.b", "..a/.b"},
      {"a/b/c/../../d", "a/d"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.first);
    CHECK(clean_path(c.first) == c.second);
  }
}

TEST_CASE("base_name is path.Base") {
  const std::pair<std::string, std::string> cases[] = {
      {"", "."},  {"a", "a"},   {"a/b", "b"}, {"a/b/", "b"},
      {"/", "/"}, {"///", "/"}, {"a//", "a"}, {"/a", "a"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.first);
    CHECK(base_name(c.first) == c.second);
  }
}

}  // namespace chartmirror::charts::go
