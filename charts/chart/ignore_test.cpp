// The expected sets below are what Helm's pkg/ignore (v3.17.3) decides for the same rules and
// paths, Helm's default rule added, as a Go program running that package printed them.
#include "charts/chart/ignore.h"

#include <doctest/doctest.h>

namespace chartmirror::charts {
namespace {

struct Path {
  std::string path;
  bool directory;
};

const Path kPaths[] = {
    {"a.txt", false},
    {"sub/b.txt", false},
    {"docs", true},
    {"docs", false},
    {"sub/docs", true},
    {"top.txt", false},
    {"sub/top.txt", false},
    {"a/x.md", false},
    {"b/a/x.md", false},
    {"keep.txt", false},
    {"other.txt", false},
    {"x.bak", false},
    {"important.bak", false},
    {"values.yaml", false},
    {"templates", true},
    {"dir", true},
    {"dir", false},
    {"foo", true},
    {"x/foo", false},
    {".git", true},
    {".helmignore", false},
    {"templates/.hidden", false},
    {"templates/.x/y", false},
    {"templates/sub/.hidden", false},
    {"a.orig", false},
};

// The paths the rules ignore, a directory written with a trailing '/'.
std::string ignored(std::string_view text) {
  auto rules = IgnoreRules::parse(text);
  REQUIRE_MESSAGE(rules.ok(), rules.error());
  rules->add_defaults();
  std::string out;
  for (const auto& [path, directory] : kPaths) {
    if (!rules->ignored(path, directory)) continue;
    if (!out.empty()) out += ' ';
    out += path + (directory ? "/" : "");
  }
  return out;
}

}  // namespace

TEST_CASE(".helmignore rules decide as Helm's pkg/ignore does") {
  const std::pair<std::string, std::string> cases[] = {
      {"*.txt\n", "a.txt sub/b.txt top.txt sub/top.txt keep.txt other.txt templates/.hidden"},
      {"# comment\n\n  docs/  \n", "docs/ sub/docs/ templates/.hidden"},
      {"/top.txt\n", "top.txt templates/.hidden"},
      {"a/*.md\n", "a/x.md templates/.hidden"},
      {"foo\n", "foo/ x/foo templates/.hidden"},
      {".git\n.*\n", ".git/ .helmignore templates/.hidden templates/sub/.hidden"},
      {"\xEF\xBB\xBF*.orig\r\n", "templates/.hidden a.orig"},
      // A negated rule ignores every path it does not match, and defers on those it does.
      {"!keep.txt\n",
       "a.txt sub/b.txt docs/ docs sub/docs/ top.txt sub/top.txt a/x.md b/a/x.md other.txt x.bak "
       "important.bak values.yaml templates/ dir/ dir foo/ x/foo .git/ .helmignore "
       "templates/.hidden templates/.x/y templates/sub/.hidden a.orig"},
      {"!dir/\n",
       "a.txt sub/b.txt docs/ docs sub/docs/ top.txt sub/top.txt a/x.md b/a/x.md keep.txt "
       "other.txt x.bak important.bak values.yaml templates/ dir foo/ x/foo .git/ .helmignore "
       "templates/.hidden templates/.x/y templates/sub/.hidden a.orig"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.first);
    CHECK(ignored(c.first) == c.second);
  }
}

TEST_CASE("the chart's root is never ignored") {
  auto rules = IgnoreRules::parse("*\n");
  REQUIRE(rules.ok());
  CHECK_FALSE(rules->ignored("", true));
  CHECK_FALSE(rules->ignored(".", true));
  CHECK(rules->ignored("x", false));
}

TEST_CASE("bad .helmignore rules are errors naming the line") {
  const std::pair<std::string, std::string> cases[] = {
      {"ok\n**/x\n", "line 2: double-star (**) syntax is not supported"},
      {"[\n", "line 1: syntax error in pattern \"[\""},
      {"a\\\n", "line 1: syntax error in pattern \"a\\\""},
      {std::string(70000, 'x'), "line 1: line too long"},
  };
  for (const auto& [text, expected] : cases) {
    auto rules = IgnoreRules::parse(text);
    REQUIRE_FALSE(rules.ok());
    CHECK(rules.error() == expected);
  }
}

}  // namespace chartmirror::charts
