#include "charts/oci/reference.h"

#include <doctest/doctest.h>

namespace chartmirror::charts {

TEST_CASE("OCI chart references: the host is always the first component") {
  struct Case {
    std::string text;
    OciReference expected;
    std::string_view chart;
  };
  const std::string digest =
      "sha256:4a98b93677255e12764306674dea2af16f3eecd483acfa1bc65fbd4da618b226";
  const Case cases[] = {
      {"oci://registry.example/charts/keda", {"registry.example", "charts/keda", "", ""}, "keda"},
      {"oci://harbor/keda", {"harbor", "keda", "", ""}, "keda"},  // no docker.io default
      {"oci://127.0.0.1:5000/a/b/keda:2.12.1",
       {"127.0.0.1:5000", "a/b/keda", "2.12.1", ""},
       "keda"},
      {"oci://localhost:5000/x:1.2.3+build.7", {"localhost:5000", "x", "1.2.3_build.7", ""}, "x"},
      {"registry.example/charts/cert-manager:v1.13.2",
       {"registry.example", "charts/cert-manager", "v1.13.2", ""},
       "cert-manager"},
      {"oci://r.example/c/keda@" + digest, {"r.example", "c/keda", "", digest}, "keda"},
      {"oci://r.example/c/keda:1.0.0@" + digest, {"r.example", "c/keda", "1.0.0", digest}, "keda"},
      {"oci://r.example/my_org/a.b__c--d", {"r.example", "my_org/a.b__c--d", "", ""}, "a.b__c--d"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto parsed = OciReference::parse(c.text);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().describe());
    CHECK(*parsed == c.expected);
    CHECK(parsed->chart_name() == c.chart);
    auto again = OciReference::parse(parsed->str());
    REQUIRE(again.ok());
    CHECK(*again == *parsed);
  }
}

TEST_CASE("malformed OCI chart references are refused, naming the part") {
  struct Case {
    std::string text;
    std::string_view expected;
  };
  const Case cases[] = {
      {"oci://registry.example", "expected oci://HOST/PATH/NAME"},
      {"oci:///charts/x", "host"},
      {"oci://r.example/Charts/x", "repository path"},
      {"oci://r.example/charts/x/", "repository path"},
      {"oci://r.example/charts/x:", "tag"},
      {"oci://r.example/charts/x:-1", "tag"},
      {"oci://r.example/charts/x@sha256:abc", "digest"},
      {"oci://r.exa mple/charts/x", "host"},
      {"oci://r.example/charts/-x", "repository path"},
      {"oci://r.example/charts/x___y", "repository path"},
      {"oci://r.example/charts//x", "repository path"},
      {"oci://r.example/charts/x.-y", "repository path"},
      {"oci://r.example/charts/x:" + std::string(129, 'a'), "tag"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto parsed = OciReference::parse(c.text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == Error::Code::kInvalidInput);
    CHECK(parsed.error().message.find(c.expected) != std::string::npos);
  }
}

TEST_CASE("tags write '+' as '_', and read it back") {
  CHECK(version_to_tag("1.2.3+build.7") == "1.2.3_build.7");
  CHECK(tag_to_version("1.2.3_build.7") == "1.2.3+build.7");
  CHECK(is_oci("oci://x/y"));
  CHECK_FALSE(is_oci("https://x/y"));
  auto parsed = OciReference::parse(
      "oci://r.example/c/keda:1.0.0@sha256:"
      "4a98b93677255e12764306674dea2af16f3eecd483acfa1bc65fbd4da618b226");
  REQUIRE(parsed.ok());
  CHECK(parsed->with_tag("2.0.0").str() == "oci://r.example/c/keda:2.0.0");
}

}  // namespace chartmirror::charts
