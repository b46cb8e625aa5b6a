#include "registry/oci/descriptor.h"

#include <string>

#include <doctest/doctest.h>

namespace chartmirror::registry::oci {
namespace {

Platform platform(std::string_view text) {
  auto parsed = Platform::parse(text);
  REQUIRE(parsed.ok());
  return std::move(parsed).value();
}

}  // namespace

TEST_CASE("platforms parse as os/architecture[/variant] and print as written") {
  struct Case {
    std::string_view text;
    std::string_view os;
    std::string_view architecture;
    std::string_view variant;
  };
  const Case cases[] = {
      {"linux/amd64", "linux", "amd64", ""},   {"linux/arm64/v8", "linux", "arm64", "v8"},
      {"linux/arm/v7", "linux", "arm", "v7"},  {"windows/amd64", "windows", "amd64", ""},
      {"Linux/x86_64", "Linux", "x86_64", ""}, {"linux/ppc64le", "linux", "ppc64le", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const Platform parsed = platform(c.text);
    CHECK(parsed.os == c.os);
    CHECK(parsed.architecture == c.architecture);
    CHECK(parsed.variant == c.variant);
    CHECK(parsed.os_version.empty());
    CHECK(parsed.str() == c.text);
  }
}

TEST_CASE("a malformed platform is refused with the expected form") {
  struct Case {
    std::string_view text;
    std::string_view expected;
  };
  const Case cases[] = {
      {"", "a part is empty"},
      {"linux", "the architecture is missing"},
      {"linux/", "a part is empty"},
      {"/amd64", "a part is empty"},
      {"linux//v8", "a part is empty"},
      {"linux/arm64/", "a part is empty"},
      {"linux/arm64/v8/extra", "too many parts"},
      {"linux/amd 64", "only letters, digits"},
      {"linux/amd64,linux/arm64", "only letters, digits"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto parsed = Platform::parse(c.text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == Error::Code::kInvalidInput);
    CHECK(parsed.error().operation == "parse platform");
    CHECK(parsed.error().message.find(c.expected) != std::string::npos);
    CHECK(parsed.error().message.find("os/architecture[/variant]") != std::string::npos);
  }
}

TEST_CASE("normalisation gives each platform one spelling") {
  struct Case {
    std::string_view text;
    std::string_view normalized;
  };
  const Case cases[] = {
      {"linux/amd64", "linux/amd64"},       {"linux/x86_64", "linux/amd64"},
      {"linux/x86-64", "linux/amd64"},      {"linux/amd64/v1", "linux/amd64"},
      {"linux/amd64/v3", "linux/amd64/v3"}, {"linux/aarch64", "linux/arm64"},
      {"linux/arm64/v8", "linux/arm64"},    {"linux/arm64/8", "linux/arm64"},
      {"linux/arm64/v9", "linux/arm64/v9"}, {"linux/arm", "linux/arm/v7"},
      {"linux/arm/7", "linux/arm/v7"},      {"linux/arm/v6", "linux/arm/v6"},
      {"linux/armhf", "linux/arm/v7"},      {"linux/armel", "linux/arm/v6"},
      {"linux/i386", "linux/386"},          {"LINUX/AMD64", "linux/amd64"},
      {"macos/arm64", "darwin/arm64"},      {"windows/amd64", "windows/amd64"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(platform(c.text).normalized().str() == c.normalized);
  }
  Platform windows{.os = "windows",
                   .architecture = "amd64",
                   .os_version = "10.0.17763.5458",
                   .os_features = {"win32k"}};
  CHECK(windows.normalized() == windows);
}

TEST_CASE("a platform filter matches index entries as containerd would") {
  struct Case {
    std::string_view filter;
    std::string_view candidate;
    bool matches;
  };
  const Case cases[] = {
      {"linux/amd64", "linux/amd64", true},
      {"linux/amd64", "linux/arm64", false},
      {"linux/amd64", "windows/amd64", false},
      {"linux/amd64", "linux/x86_64", true},
      {"linux/amd64/v1", "linux/amd64", true},
      {"linux/amd64", "linux/amd64/v3", true},  // no variant in the filter: any variant
      {"linux/amd64/v3", "linux/amd64", false},
      {"linux/arm64", "linux/arm64/v8", true},
      {"linux/arm64", "linux/arm64", true},
      {"linux/arm64/v8", "linux/arm64", true},  // v8 is arm64's default
      {"linux/arm64/v8", "linux/aarch64/8", true},
      {"linux/arm64/v8", "linux/arm64/v9", false},
      {"linux/arm/v7", "linux/arm", true},  // v7 is arm's default
      {"linux/arm/v7", "linux/arm/v6", false},
      {"linux/arm", "linux/arm/v6", true},
      {"linux/arm", "linux/arm/v7", true},
      {"linux/armhf", "linux/arm/v7", true},
      {"linux/armhf", "linux/arm/v6", false},
      {"linux/armel", "linux/arm/v6", true},
      {"linux/arm", "linux/arm64", false},
      {"Linux/AMD64", "linux/amd64", true},
  };
  for (const auto& c : cases) {
    CAPTURE(c.filter);
    CAPTURE(c.candidate);
    CHECK(platform(c.filter).matches(platform(c.candidate)) == c.matches);
  }

  const Platform server2019{.os = "windows", .architecture = "amd64", .os_version = "10.0.17763"};
  const Platform server2022{.os = "windows", .architecture = "amd64", .os_version = "10.0.20348"};
  CHECK(platform("windows/amd64").matches(server2019));
  CHECK(server2019.matches(server2019));
  CHECK_FALSE(server2019.matches(server2022));
}

}  // namespace chartmirror::registry::oci
