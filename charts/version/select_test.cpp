#include "charts/version/select.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace chartmirror::charts {
namespace {

// Versions of one chart as an index might list them: unordered, one unreadable, two equal in
// precedence (1.2.3+build.5 and 1.2.3), one spelled with a 'v'.
const std::vector<std::string> kIndex = {
    "2.0.0",      "v2.1.0", "1.3.0-alpha", "1.2.10",        "1.2.3+build.5", "1.2.3",
    "1.0.1-rc.1", "1.0.0",  "0.9.0",       "not-a-version", "3.0.0-beta.2",  "3.0.0-beta.10",
};

// Tags of an OCI repository: '+' written '_', and tags Helm's tag listing skips.
const std::vector<std::string> kTags = {
    "2.0.0", "v2.1.0", "1.3.0-alpha", "1.2.10", "1.2.3_build.5", "1.2.3",
    "1.0.0", "01.0.0", "1.2",         "latest", "3.0.0-beta.2",  "1.2.4-",
};

struct Case {
  std::string asked;
  bool devel;
  std::string chosen;  // as listed; "" when nothing matches
};

void check_choices(const std::vector<std::string>& available, VersionSource source,
                   const std::initializer_list<Case>& cases) {
  for (const auto& c : cases) {
    CAPTURE(c.asked);
    CAPTURE(c.devel);
    auto selected = select_version(
        available, {.chart = "demo", .version = c.asked, .devel = c.devel, .source = source});
    if (c.chosen.empty()) {
      REQUIRE_FALSE(selected.ok());
      CHECK(selected.error().code == Error::Code::kNotFound);
      continue;
    }
    REQUIRE_MESSAGE(selected.ok(), (selected.ok() ? "" : selected.error().message));
    CHECK(available.at(selected->index) == c.chosen);
  }
}

}  // namespace

TEST_CASE("from an index, the version helm pull --repo would download") {
  check_choices(kIndex, VersionSource::kRepositoryIndex,
                {
                    {"", false, "v2.1.0"},  // newest without a prerelease
                    {"", true, "3.0.0-beta.10"},
                    {"*", false, "v2.1.0"},
                    {"2.1.0", false, "v2.1.0"},  // equal as versions
                    {"v2.1.0", false, "v2.1.0"},
                    {"0.9", false, "0.9.0"},
                    {"1.2.3", false, "1.2.3"},  // the exact spelling wins over 1.2.3+build.5
                    {"=1.2.3", false, "1.2.3+build.5"},  // equal: the first listed wins
                    {"1.2.3+build.5", false, "1.2.3+build.5"},
                    {"1.3.0-alpha", false, "1.3.0-alpha"},
                    {"1.0.1-rc.1", false, "1.0.1-rc.1"},
                    {"3.0.0-beta.2", false, "3.0.0-beta.2"},
                    {"^1.0.0", false, "1.2.10"},
                    {"^1", true, "1.2.10"},  // devel does nothing when a version is asked
                    {"~1.2.0", false, "1.2.10"},
                    {"1.2.x", false, "1.2.10"},
                    {"<1.0.0", false, "0.9.0"},
                    {"1 - 1.2.3", false, "1.2.3+build.5"},
                    {">2.0.0 || <0.5.0", false, "v2.1.0"},
                    {">=1.0.0-0", false, "3.0.0-beta.10"},
                    {">=1.0.0-0 <2.0.0", false, "1.2.10"},  // "<2.0.0" rejects prereleases
                    {"~1.3.0-0", false, "1.3.0-alpha"},
                    {"!=2.1.0", false, "3.0.0-beta.10"},  // "!=" admits prereleases
                    {"^3.0.0", false, ""},
                    {"1.2.7", false, ""},
                    {">=4", true, ""},
                });
}

TEST_CASE("from OCI tags, the version helm pull oci:// would download") {
  check_choices(kTags, VersionSource::kOciTags,
                {
                    {"", false, "2.0.0"},  // v2.1.0 is no strict version: not listed by helm
                    {"", true, "3.0.0-beta.2"},
                    {"v2.1.0", false, "v2.1.0"},  // a version asked is the tag itself
                    {"1.2", false, "1.2"},
                    {"1.2.3+build.5", false, "1.2.3_build.5"},
                    {"2.1.0", false, ""},  // no such tag
                    {"^1.0", false, "1.2.10"},
                    {"=1.2.3", false, "1.2.3_build.5"},
                    {">=1.2.4-0 <1.3.0-0", false, "1.2.10"},
                    {"~1.3.0-0", false, "1.3.0-alpha"},
                    {"<1", false, ""},  // 01.0.0 is skipped by helm's tag listing
                });
}

TEST_CASE("a malformed version asked is kInvalidInput naming chart and constraint") {
  const struct {
    std::vector<std::string> available;
    VersionSource source;
    std::string asked;
  } cases[] = {
      {kIndex, VersionSource::kRepositoryIndex, ">= 1.2 <"},
      {kIndex, VersionSource::kRepositoryIndex, "latest"},
      {kIndex, VersionSource::kRepositoryIndex, "not-a-version"},  // listed, but unreadable
      {kTags, VersionSource::kOciTags, "latest"},
      {kTags, VersionSource::kOciTags, "1.2.4-"},
      {{}, VersionSource::kRepositoryIndex, "~>"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.asked);
    auto selected = select_version(
        c.available,
        {.chart = "demo", .version = c.asked, .source = c.source, .location = "https://x/"});
    REQUIRE_FALSE(selected.ok());
    CHECK(selected.error().code == Error::Code::kInvalidInput);
    CHECK(selected.error().source == "https://x/");
    INFO(selected.error().message);
    CHECK(selected.error().message.starts_with("chart \"demo\": invalid version constraint \"" +
                                               c.asked + "\""));
  }
}

TEST_CASE("when nothing matches, the error lists the nearest versions, newest first") {
  const struct {
    std::vector<std::string> available;
    VersionSource source;
    std::string asked;
    std::string message;
  } cases[] = {
      {kIndex, VersionSource::kRepositoryIndex, "1.2.7",
       "chart \"demo\" version \"1.2.7\" not found; nearest available: 1.3.0-alpha, 1.2.10, "
       "1.2.3+build.5, 1.2.3, 1.0.1-rc.1 (11 available)"},
      {kIndex, VersionSource::kRepositoryIndex, "^3.0.0",
       "chart \"demo\" version \"^3.0.0\" not found; nearest available: 3.0.0-beta.10, "
       "3.0.0-beta.2, v2.1.0, 2.0.0, 1.3.0-alpha (11 available)"},
      {kIndex, VersionSource::kRepositoryIndex, "<0.1",
       "chart \"demo\" version \"<0.1\" not found; nearest available: 1.2.3+build.5, 1.2.3, "
       "1.0.1-rc.1, 1.0.0, 0.9.0 (11 available)"},
      {kIndex, VersionSource::kRepositoryIndex, ">9 || <0.1",
       "nearest available: 3.0.0-beta.10, 3.0.0-beta.2, v2.1.0, 2.0.0, 1.3.0-alpha"},
      {kTags, VersionSource::kOciTags, "2.1.0",
       "chart \"demo\" version \"2.1.0\" not found; nearest available: 3.0.0-beta.2, 2.0.0, "
       "1.3.0-alpha, 1.2.10, 1.2.3_build.5 (7 available)"},
      {{"1.0.0", "2.0.0"},
       VersionSource::kRepositoryIndex,
       "3",
       "chart \"demo\" version \"3\" not found; nearest available: 2.0.0, 1.0.0 (2 available)"},
      {{"0.2.0-beta", "0.1.0-alpha"},
       VersionSource::kRepositoryIndex,
       "",
       "chart \"demo\" has no stable version, only prereleases; newest: 0.2.0-beta, 0.1.0-alpha "
       "(2 available); ask for one of them or allow development versions"},
      {{}, VersionSource::kRepositoryIndex, "", "chart \"demo\" has no versions"},
      {{"latest", "main"},
       VersionSource::kOciTags,
       "",
       "chart \"demo\" has no versions that Helm can read (2 listed, e.g. \"latest\")"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.asked);
    auto selected = select_version(
        c.available,
        {.chart = "demo", .version = c.asked, .source = c.source, .location = "oci://r/demo"});
    REQUIRE_FALSE(selected.ok());
    CHECK(selected.error().code == Error::Code::kNotFound);
    CHECK(selected.error().source == "oci://r/demo");
    INFO(selected.error().message);
    CHECK(selected.error().message.find(c.message) != std::string::npos);
  }
}

TEST_CASE("the chosen version comes parsed") {
  auto selected = select_version(kIndex, {.chart = "demo"});
  REQUIRE(selected.ok());
  CHECK(selected->version.str() == "2.1.0");
  CHECK(selected->version.original() == "v2.1.0");
  selected = select_version(
      kTags, {.chart = "demo", .version = "1.2.3+build.5", .source = VersionSource::kOciTags});
  REQUIRE(selected.ok());
  CHECK(selected->version.metadata() == "build.5");
}

}  // namespace chartmirror::charts
