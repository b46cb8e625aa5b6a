#include "charts/version/constraint.h"

#include <string>

#include <doctest/doctest.h>

namespace chartmirror::charts {
namespace {

struct Case {
  std::string constraint;
  std::string version;
  bool satisfied;
};

void check_cases(const std::initializer_list<Case>& cases) {
  for (const auto& c : cases) {
    CAPTURE(c.constraint);
    CAPTURE(c.version);
    auto constraint = Constraint::parse(c.constraint);
    REQUIRE_MESSAGE(constraint.ok(), (constraint.ok() ? "" : constraint.error().message));
    auto version = Version::parse(c.version);
    REQUIRE(version.ok());
    CHECK(constraint->check(*version) == c.satisfied);
  }
}

}  // namespace

TEST_CASE("comparison operators") {
  check_cases({
      {"=2.0.0", "2.0.0", true},  {"=2.0.0", "2.0.0+build", true},  // build metadata is ignored
      {"=2.0.0", "2.0.1", false}, {"2.0.0", "2.0.0", true},        {"2.0.0", "1.9.9", false},
      {"= 2.0.0", "2.0.0", true}, {"!=4.1.0", "4.1.0", false},     {"!=4.1.0", "4.1.1", true},
      {">1.2.3", "1.2.4", true},  {">1.2.3", "1.2.3", false},      {">1.2.3", "1.2.3+b", false},
      {"<1.2.3", "1.2.2", true},  {"<1.2.3", "1.2.3", false},      {">=1.2.3", "1.2.3", true},
      {"=>1.2.3", "1.2.3", true}, {">=1.2.3", "1.2.2", false},     {"<=1.2.3", "1.2.3", true},
      {"=<1.2.3", "1.2.3", true}, {"<=1.2.3", "1.2.4", false},     {">= 1.2.3", "2.0.0", true},
      {"v1.2.3", "1.2.3", true},  {">=v1.2", "1.2.0", true},       {"=v2", "2.5.0", true},
  });
}

TEST_CASE("omitted numbers and x, X, * are wildcards") {
  check_cases({
      {"2.0", "2.0.0", true},
      {"2.0", "2.0.9", true},
      {"2.0", "2.1.0", false},
      {"=2", "2.9.0", true},
      {"2", "3.0.0", false},
      {"2.*", "2.1.1", true},
      {"2.x", "3.4.5", false},
      {"2.1.X", "2.1.7", true},
      {"2.1.x", "2.2.0", false},
      {"1.x.3", "1.4.0", true},  // numbers after a wildcard do not count
      {"*", "0.0.0", true},
      {"*", "4.5.6", true},
      {"x", "1.0.0", true},
      {"X.1", "7.0.0", true},
      {"!=4.1", "4.1.0", false},
      {"!=4.1", "4.1.9", false},
      {"!=4.1", "4.2.0", true},
      {"!=4.x", "4.0.1", false},
      {"!=4.x", "5.0.0", true},
      // > and <= with wildcards: ">1.1" is ">=1.2.0", ">11" is ">=12.0.0", "<=1" is "<2.0.0".
      {">1.1", "1.1.9", false},
      {">1.1", "1.2.0", true},
      {">11", "11.9.0", false},
      {">11", "12.0.0", true},
      {"<=1", "1.9.9", true},
      {"<=1", "2.0.0", false},
      {"<=1.1", "1.1.9", true},
      {"<=1.1", "1.2.0", false},
      {"<1.1", "1.0.9", true},
      {"<1.1", "1.1.0", false},
      {">=1.1", "1.1.0", true},
      {"<=*", "0.0.7", true},  // v3.3.0: "<=*" is "<=0.0.x"
      {"<=*", "0.1.0", false},
      {">*", "0.0.0", false},
      {">*", "0.0.1", true},
  });
}

TEST_CASE("tilde: the same minor, or the same major when the minor is a wildcard") {
  check_cases({
      {"~1.2.3", "1.2.3", true},
      {"~1.2.3", "1.2.9", true},
      {"~1.2.3", "1.2.2", false},
      {"~1.2.3", "1.3.0", false},
      {"~>1.2.3", "1.2.4", true},
      {"~1.2", "1.2.0", true},
      {"~1.2", "1.3.0", false},
      {"~1", "1.9.0", true},
      {"~1", "2.0.0", false},
      {"~1.x", "1.5.0", true},
      {"~0.2.3", "0.2.5", true},
      {"~0.2.3", "0.3.0", false},
      {"~0.0.0", "9.9.9", true},
      {"~*", "9.9.9", true},
      {"~0", "0.9.0", true},
      {"~0", "1.0.0", false},
      {"~1.2.3-beta.2", "1.2.3-beta.4", true},
      {"~1.2.3-beta.2", "1.2.4-beta.2", true},  // unlike npm: any prerelease in range
      {"~1.2.3-beta.2", "1.3.0-beta.2", false},
  });
}

TEST_CASE("caret: the same major; for 0.y the same minor, for 0.0.z the same patch") {
  check_cases({
      {"^1.2.3", "1.2.3", true},
      {"^1.2.3", "1.8.9", true},
      {"^1.2.3", "1.2.2", false},
      {"^1.2.3", "2.0.0", false},
      {"^1.2", "1.2.0", true},
      {"^1", "1.8.9", true},
      {"^1", "2.0.0", false},
      {"^1.x", "1.0.0", true},
      {"^0.2.3", "0.2.5", true},
      {"^0.2.3", "0.3.0", false},
      {"^0.2", "0.2.9", true},
      {"^0.2", "0.3.0", false},
      {"^0.0.3", "0.0.3", true},
      {"^0.0.3", "0.0.4", false},
      {"^0.0", "0.0.9", true},
      {"^0.0", "0.1.0", false},
      {"^0", "0.9.0", true},
      {"^0", "1.0.0", false},
      {"^*", "0.0.0", true},
      {"^*", "0.0.1", false},  // v3.3.0 reads "^*" as "^0.0.0", not "any"
      {"^1.2.0-alpha.0", "1.2.1-alpha.1", true},
      {"^1.2.0-alpha.2", "1.2.0-alpha.1", false},
      {"^0.2.3-beta.2", "0.2.4-beta.2", true},
  });
}

TEST_CASE("hyphen ranges are inclusive at both ends") {
  check_cases({
      {"1.2 - 1.4.5", "1.2.0", true},
      {"1.2 - 1.4.5", "1.4.5", true},
      {"1.2 - 1.4.5", "1.4.6", false},
      {"1.2 - 1.4.5", "1.1.9", false},
      {"1.2.3 - 2", "2.9.0", true},  // "<= 2" is "< 3"
      {"1.2.3 - 2", "3.0.0", false},
      {"v1 - v2.1", "2.1.9", true},
      {"1.0.0   -   2.0.0", "1.5.0", true},
      {"1 - 2 || 5 - 6", "5.5.0", true},
      {"1 - 2 || 5 - 6", "3.0.0", false},
      {">=1.0.0, 1.2 - 1.3", "1.3.5", true},
      {"1,2 - 3", "1.0.0", false},  // "1, >= 2, <= 3"
  });
}

TEST_CASE("spaces and commas join comparisons, || separates alternatives") {
  check_cases({
      {">=1.2.3 <2.0.0", "1.5.0", true},
      {">=1.2.3 <2.0.0", "2.0.0", false},
      {">=1.2.3, <2.0.0", "1.2.3", true},
      {">=1.2.3,<2.0.0", "1.2.2", false},
      {"  >= 1.2.3  ,  < 2.0.0  ", "1.9.9", true},
      {">=55.0.0 <56.0.0", "55.3.1", true},
      {">1 <3 !=2.5.0", "2.5.0", false},
      {">1 <3 !=2.5.0", "2.5.1", true},
      {"<1 || >=3", "0.5.0", true},
      {"<1 || >=3", "2.0.0", false},
      {"<1||>=3", "3.0.0", true},
      {"1.x || 3.x || 5.x", "5.1.0", true},
      {"1.x || 3.x || 5.x", "4.1.0", false},
  });
}

TEST_CASE("a prerelease satisfies only comparisons whose version has a prerelease") {
  check_cases({
      {"*", "1.2.3-alpha.1", false},
      {"*-0", "1.2.3-alpha.1", true},
      {">0", "0.0.1-alpha", false},
      {">0.0.0-0", "0.0.0-alpha", true},
      {">0.0.0-0", "9.0.0-rc.1", true},
      {">0.0.0-0", "0.0.0-0", false},
      {">=1.2.3-0", "1.2.3-alpha", true},
      {">=1.2.3", "1.2.4-alpha", false},
      {"<2.0.0", "1.0.0-rc.1", false},
      {"<2.0.0-0", "1.0.0-rc.1", true},
      {"^1.2.0", "1.2.1-alpha.1", false},
      {"~1.2.3", "1.2.4-beta", false},
      {"1.2.3-rc.1", "1.2.3-rc.1", true},
      {"1.2.3-rc.1", "1.2.3-rc.2", false},
      {"1.2.x-0", "1.2.5-rc.1", true},
      {"!=4.1", "5.1.0-alpha.1", false},
      {"!=4.1-alpha", "4.1.0", true},
      {"!=4.1-alpha", "4.1.0-beta", true},
      {"!=4.1-alpha", "4.1.0-alpha", false},
      // "!=" without a wildcard does not apply the rule, so it admits prereleases.
      {"!=1.2.3", "1.2.4-rc.1", true},
      // The rule is per comparison in v3.3.0: "<2.0.0" has no prerelease, so no prerelease
      // satisfies the whole, although ">=1.0.0-0" alone would admit it.
      {">=1.0.0-0 <2.0.0", "1.5.0-beta", false},
      {">=1.0.0-0 <2.0.0-0", "1.5.0-beta", true},
      {">=1.0.0-0", "1.5.0-beta", true},
      {">=1.0.0-0 || <2.0.0", "1.5.0-beta", true},
  });
}

TEST_CASE("malformed constraints are kInvalidInput and quote the constraint") {
  const std::string cases[] = {
      "",
      "   ",
      "abc",
      ">",
      ">=",
      "==1.2.3",
      "=>=1",
      "> =1",
      "~ >1",
      "1.2.3.4",
      "1.2.3-",
      "1.2.3 -1.2.4",
      ">1.0<2.0",
      "1.2.3,,1.2.4",
      "1.2.3, ,1.2.4",
      "1 ||",
      "|| 1",
      "1 | 2",
      "1 - 2||3 - 4",       // "2||3" is read as one version before the "||" split
      ">=1.0.0 1.2 - 1.3",  // the range takes the space: ">=1.0.0>= 1.2, <= 1.3 "
      "1.2.3-01",
      "1x",
      "1.x1",
      "18446744073709551616",
      "V1.2.3",
      "1.2.3\x0b",  // vertical tab is no space to Go's regexp
      std::string(1025, '1'),
  };
  for (const auto& text : cases) {
    CAPTURE(text);
    auto constraint = Constraint::parse(text);
    REQUIRE_FALSE(constraint.ok());
    CHECK(constraint.error().code == Error::Code::kInvalidInput);
    INFO(constraint.error().message);
    CHECK(constraint.error().message.starts_with("invalid version constraint \"" +
                                                 text.substr(0, 40)));
  }
  auto error = Constraint::parse(">=1.0 || =>").error();
  CHECK(error.message.find("cannot read \" =>\"") != std::string::npos);
  error = Constraint::parse("=>x1").error();
  CHECK(error.message.find("\"x1\" is not a version") != std::string::npos);
  error = Constraint::parse(">=1.0.0-01").error();
  CHECK(error.message.find("\"1.0.0-01\" is not a version") != std::string::npos);
}

TEST_CASE("accepted oddities, as Helm accepts them") {
  check_cases({
      {"x.|", "1.0.0", true},  // '|' is a number character to Masterminds; after x it is ignored
      {"1 - 2 || 3 - 4", "3.5.0", true},
      {"~>1.2", "1.2.9", true},
      {">=1.2.3+build", "1.2.3", true},
  });
}

TEST_CASE("the anchor is the version of the first comparison") {
  const struct {
    std::string constraint;
    std::string anchor;  // "" for none
  } cases[] = {
      {"^1.2", "1.2.0"},
      {">=55.0.0 <56.0.0", "55.0.0"},
      {"1.2 - 1.4", "1.2.0"},
      {"~1.2.3-rc.1 || 3", "1.2.3-rc.1"},
      {"v2.1.x", "2.1.0"},
      {"*", ""},
      {"x.1", ""},
      {">*-0", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.constraint);
    auto constraint = Constraint::parse(c.constraint);
    REQUIRE(constraint.ok());
    CHECK(constraint->text() == c.constraint);
    const auto anchor = constraint->anchor();
    CHECK(anchor.has_value() == !c.anchor.empty());
    if (anchor) CHECK(anchor->str() == c.anchor);
  }
}

}  // namespace chartmirror::charts
