#include "charts/version/semver.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace chartmirror::charts {
namespace {

struct Parsed {
  std::string input;
  uint64_t major;
  uint64_t minor;
  uint64_t patch;
  std::string prerelease;
  std::string metadata;
  std::string str;
};

void check_parsed(const Result<Version, Error>& version, const Parsed& want) {
  CAPTURE(want.input);
  REQUIRE(version.ok());
  CHECK(version->major() == want.major);
  CHECK(version->minor() == want.minor);
  CHECK(version->patch() == want.patch);
  CHECK(version->prerelease() == want.prerelease);
  CHECK(version->metadata() == want.metadata);
  CHECK(version->is_prerelease() == !want.prerelease.empty());
  CHECK(version->str() == want.str);
  CHECK(version->original() == want.input);
}

void check_rejected(const Result<Version, Error>& version, const std::string& input,
                    const std::string& expected) {
  CAPTURE(input);
  REQUIRE_FALSE(version.ok());
  CHECK(version.error().code == Error::Code::kInvalidInput);
  INFO(version.error().message);
  CHECK(version.error().message.find("\"" + input + "\"") != std::string::npos);
  CHECK(version.error().message.find(expected) != std::string::npos);
}

Version v(const std::string& text) { return Version::parse(text).value(); }

}  // namespace

TEST_CASE("versions are read the way Helm reads chart versions (Masterminds NewVersion)") {
  const Parsed cases[] = {
      {"1.2.3", 1, 2, 3, "", "", "1.2.3"},
      {"v1.2.3", 1, 2, 3, "", "", "1.2.3"},
      {"1.2", 1, 2, 0, "", "", "1.2.0"},
      {"v2", 2, 0, 0, "", "", "2.0.0"},
      {"0", 0, 0, 0, "", "", "0.0.0"},
      {"1.0.0-alpha", 1, 0, 0, "alpha", "", "1.0.0-alpha"},
      {"1.0.0-rc.1+build.5", 1, 0, 0, "rc.1", "build.5", "1.0.0-rc.1+build.5"},
      {"1.0.0+20130313144700", 1, 0, 0, "", "20130313144700", "1.0.0+20130313144700"},
      {"1.0.0-x-y-z.--", 1, 0, 0, "x-y-z.--", "", "1.0.0-x-y-z.--"},
      {"1.0.0-0A.is.legal", 1, 0, 0, "0A.is.legal", "", "1.0.0-0A.is.legal"},
      {"1.0.0+001", 1, 0, 0, "", "001", "1.0.0+001"},  // build identifiers may lead with 0
      {"1.2-beta", 1, 2, 0, "beta", "", "1.2.0-beta"},
      {"1-0", 1, 0, 0, "0", "", "1.0.0-0"},
      {"v1.2.3-beta.1+b", 1, 2, 3, "beta.1", "b", "1.2.3-beta.1+b"},
      {"01.02.03", 1, 2, 3, "", "", "1.2.3"},  // v3.3.0 coerces leading zeros
      {"1.2.3-a.b.c.10.d.5", 1, 2, 3, "a.b.c.10.d.5", "", "1.2.3-a.b.c.10.d.5"},
      {"18446744073709551615.0.0", 18446744073709551615ULL, 0, 0, "", "",
       "18446744073709551615.0.0"},
      {"1.0.0-99999999999999999999", 1, 0, 0, "99999999999999999999", "",
       "1.0.0-99999999999999999999"},
  };
  for (const auto& c : cases) check_parsed(Version::parse(c.input), c);
}

TEST_CASE("malformed versions are rejected with the reason") {
  const struct {
    std::string input;
    std::string expected;
  } cases[] = {
      {"", "expected v?MAJOR"},
      {"v", "expected v?MAJOR"},
      {"V1.2.3", "expected v?MAJOR"},
      {" 1.2.3", "expected v?MAJOR"},
      {"1.2.3 ", "expected v?MAJOR"},
      {"1.2.3.4", "expected v?MAJOR"},
      {"1.2.", "expected v?MAJOR"},
      {"1..2", "expected v?MAJOR"},
      {".1", "expected v?MAJOR"},
      {"a.b.c", "expected v?MAJOR"},
      {"1.x", "expected v?MAJOR"},
      {"1.2.3-", "expected v?MAJOR"},
      {"1.2.3+", "expected v?MAJOR"},
      {"1.2.3-a..b", "expected v?MAJOR"},
      {"1.2.3-a_b", "expected v?MAJOR"},
      {"1.2.3+a+b", "expected v?MAJOR"},
      {"1.2.3\n", "expected v?MAJOR"},
      {"1.0.0-01", "leading zero"},
      {"1.0.0-rc.01", "leading zero"},
      {"18446744073709551616.0.0", "does not fit in 64 bits"},
      {"1.99999999999999999999", "does not fit in 64 bits"},
  };
  for (const auto& c : cases) check_rejected(Version::parse(c.input), c.input, c.expected);
}

TEST_CASE("strict versions are read the way Helm reads OCI tags (StrictNewVersion)") {
  const Parsed accepted[] = {
      {"1.2.3", 1, 2, 3, "", "", "1.2.3"},
      {"0.0.0", 0, 0, 0, "", "", "0.0.0"},
      {"1.2.3-rc.1+b.2", 1, 2, 3, "rc.1", "b.2", "1.2.3-rc.1+b.2"},
      {"1.2.3-a-b", 1, 2, 3, "a-b", "", "1.2.3-a-b"},
      // v3.3.0 lets empty prerelease and build through; the canonical form then drops them.
      {"1.2.3-", 1, 2, 3, "", "", "1.2.3"},
      {"1.2.3+", 1, 2, 3, "", "", "1.2.3"},
      {"1.2.3-a..b", 1, 2, 3, "a..b", "", "1.2.3-a..b"},
  };
  for (const auto& c : accepted) check_parsed(Version::parse_strict(c.input), c);

  const struct {
    std::string input;
    std::string expected;
  } rejected[] = {
      {"", "empty"},
      {"v1.2.3", "expected MAJOR.MINOR.PATCH"},
      {"1.2", "expected MAJOR.MINOR.PATCH"},
      {"1", "expected MAJOR.MINOR.PATCH"},
      {"1..3", "expected MAJOR.MINOR.PATCH"},
      {"1.2.3.4", "expected MAJOR.MINOR.PATCH"},
      {"1.2-rc.3", "expected MAJOR.MINOR.PATCH"},
      {"01.2.3", "leading zero"},
      {"1.02.3", "leading zero"},
      {"1.2.03", "leading zero"},
      {"1.2.3-01", "leading zero"},
      {"1.2.3-a_b", "prerelease"},
      {"1.2.3+a_b", "build metadata"},
      {"1.2.3+a+b", "build metadata"},
      {"1.2.18446744073709551616", "does not fit in 64 bits"},
  };
  for (const auto& c : rejected)
    check_rejected(Version::parse_strict(c.input), c.input, c.expected);
}

TEST_CASE("versions are ordered by SemVer precedence") {
  // Each one is lower than the next (SemVer 2.0 §11, and Masterminds on long numbers).
  const std::vector<std::string> ascending = {
      "0.0.0-0",
      "0.0.0",
      "0.0.1",
      "0.1.0",
      "1.0.0-0",
      "1.0.0-1",
      "1.0.0-2",
      "1.0.0-10",
      "1.0.0-18446744073709551615",
      "1.0.0-99999999999999999999",  // too long for a number: compared as text, after numbers
      "1.0.0-A",
      "1.0.0-Z",
      "1.0.0-a",
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0",
      "1.0.1",
      "1.2.0",
      "1.10.0",
      "2.0.0",
      "10.0.0",
  };
  for (size_t i = 0; i + 1 < ascending.size(); ++i) {
    CAPTURE(ascending[i]);
    CAPTURE(ascending[i + 1]);
    const Version lower = v(ascending[i]);
    const Version higher = v(ascending[i + 1]);
    CHECK(Version::compare(lower, higher) < 0);
    CHECK(Version::compare(higher, lower) > 0);
    CHECK(lower < higher);
    CHECK(lower != higher);
  }
}

TEST_CASE("equal precedence ignores build metadata and spelling") {
  const struct {
    std::string a;
    std::string b;
  } equal[] = {
      {"1.0.0", "1.0.0+build"},
      {"1.0.0+a", "1.0.0+b"},
      {"v1.0.0", "1.0.0"},
      {"1.2", "1.2.0"},
      {"1", "v1.0.0"},
      {"01.2.3", "1.2.3"},
      {"1.0.0-rc.1+x", "1.0.0-rc.1"},
  };
  for (const auto& c : equal) {
    CAPTURE(c.a);
    CAPTURE(c.b);
    CHECK(Version::compare(v(c.a), v(c.b)) == 0);
    CHECK(v(c.a) == v(c.b));
    CHECK((v(c.a) <=> v(c.b)) == std::weak_ordering::equivalent);
  }
  CHECK(v("v1.2").original() == "v1.2");
  CHECK(v("v1.2").str() == "1.2.0");
}

TEST_CASE("prerelease strings compare identifier by identifier") {
  CHECK(compare_prerelease("", "") == 0);
  CHECK(compare_prerelease("", "a") < 0);  // fewer identifiers are lower
  CHECK(compare_prerelease("a", "") > 0);
  CHECK(compare_prerelease("a.b", "a") > 0);
  CHECK(compare_prerelease("2", "10") < 0);
  CHECK(compare_prerelease("10", "a") < 0);
  CHECK(compare_prerelease("rc.1", "rc.1") == 0);
}

}  // namespace chartmirror::charts
