#include "charts/images/destination.h"

#include <algorithm>
#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace chartmirror::charts::images {
namespace {

const std::string kDigest =
    "sha256:4981767b787c69126e190e33aee93d5a076639083c21f0e7c29596a519c64a2e";

std::vector<registry::Reference> refs(const std::vector<std::string>& texts) {
  std::vector<registry::Reference> out;
  for (const auto& text : texts) {
    auto parsed = registry::Reference::parse(text);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().describe());
    out.push_back(std::move(parsed).value());
  }
  return out;
}

// "source -> destination" lines.
std::vector<std::string> mapped(const std::vector<std::string>& sources,
                                const std::string& destination) {
  auto result = image_destinations(refs(sources), destination);
  REQUIRE_MESSAGE(result.ok(), result.error().describe());
  std::vector<std::string> out;
  for (const auto& entry : *result) {
    out.push_back(entry.source.str() + " -> " + entry.destination.str());
  }
  return out;
}

TEST_CASE("an image keeps its path, tag and digest under the destination") {
  CHECK(mapped({"nginx:1.25", "quay.io/prometheus/prometheus:v2.48.0",
                "ghcr.io/spiffe/spire-agent:1.6.3@" + kDigest, "registry.k8s.io/pause@" + kDigest},
               "registry.corp:5000/mirror") ==
        std::vector<std::string>{
            "docker.io/library/nginx:1.25 -> registry.corp:5000/mirror/library/nginx:1.25",
            "ghcr.io/spiffe/spire-agent:1.6.3@" + kDigest +
                " -> registry.corp:5000/mirror/spiffe/spire-agent:1.6.3@" + kDigest,
            "quay.io/prometheus/prometheus:v2.48.0 -> "
            "registry.corp:5000/mirror/prometheus/prometheus:v2.48.0",
            "registry.k8s.io/pause@" + kDigest + " -> registry.corp:5000/mirror/pause@" + kDigest,
        });
}

TEST_CASE("the destination may be written oci://, with a trailing slash, or without a path") {
  for (const char* destination : {"oci://registry.corp:5000/mirror", "registry.corp:5000/mirror/",
                                  "oci://registry.corp:5000/mirror//"}) {
    CAPTURE(destination);
    CHECK(mapped({"a/b:1"}, destination) ==
          std::vector<std::string>{"docker.io/a/b:1 -> registry.corp:5000/mirror/a/b:1"});
  }
  CHECK(mapped({"quay.io/a/b:1"}, "localhost:5000") ==
        std::vector<std::string>{"quay.io/a/b:1 -> localhost:5000/a/b:1"});
}

TEST_CASE("two registries on one path: every image of that path takes its registry") {
  const std::vector<std::string> sources = {
      "docker.io/bitnami/kubectl:1.29", "public.ecr.aws/bitnami/kubectl:1.28",
      "docker.io/bitnami/kubectl:1.30", "docker.io/bitnami/redis:7",
      "localhost:5000/bitnami/redis:7", "quay.io/other/thing:1"};
  const std::vector<std::string> want = {
      "docker.io/bitnami/kubectl:1.29 -> mirror.corp/m/docker.io/bitnami/kubectl:1.29",
      "docker.io/bitnami/kubectl:1.30 -> mirror.corp/m/docker.io/bitnami/kubectl:1.30",
      "docker.io/bitnami/redis:7 -> mirror.corp/m/docker.io/bitnami/redis:7",
      "localhost:5000/bitnami/redis:7 -> mirror.corp/m/localhost_5000/bitnami/redis:7",
      "public.ecr.aws/bitnami/kubectl:1.28 -> mirror.corp/m/public.ecr.aws/bitnami/kubectl:1.28",
      "quay.io/other/thing:1 -> mirror.corp/m/other/thing:1",
  };
  CHECK(mapped(sources, "mirror.corp/m") == want);
  // The order of the input does not matter, nor do duplicates.
  std::vector<std::string> shuffled(sources.rbegin(), sources.rend());
  shuffled.push_back(sources[0]);
  CHECK(mapped(shuffled, "mirror.corp/m") == want);

  auto result = image_destinations(refs(sources), "mirror.corp/m");
  REQUIRE(result.ok());
  CHECK((*result)[0].registry_prefixed);
  CHECK_FALSE((*result)[5].registry_prefixed);
}

TEST_CASE("images under charts/ never share the charts' names") {
  CHECK(mapped({"quay.io/charts/nginx:1"}, "mirror.corp") ==
        std::vector<std::string>{"quay.io/charts/nginx:1 -> mirror.corp/quay.io/charts/nginx:1"});
  CHECK(mapped({"quay.io/chartsx/nginx:1"}, "mirror.corp") ==
        std::vector<std::string>{"quay.io/chartsx/nginx:1 -> mirror.corp/chartsx/nginx:1"});
}

TEST_CASE("hosts that differ only in case would meet: an error") {
  auto result = image_destinations(refs({"Registry.io/a/b:1", "registry.io/a/b:2"}), "mirror.corp");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == Error::Code::kInvalidInput);
  CHECK(
      result.error().message ==
      "Registry.io/a/b and registry.io/a/b would both be mirrored to mirror.corp/registry.io/a/b");
}

TEST_CASE("bad destinations") {
  struct Case {
    const char* destination;
    const char* message;
  };
  for (const Case& c : std::vector<Case>{
           {"", "must start with a registry host"},
           {"mirror", "must start with a registry host"},
           {"mirror/path", "must start with a registry host"},
           {"https://registry.corp/mirror", "no other scheme"},
           {"registry.corp/Mirror", "not a registry and path"},
           {"registry.corp:99999/m", "not a registry and path"},
       }) {
    CAPTURE(c.destination);
    auto images = image_destinations(refs({"a/b:1"}), c.destination);
    REQUIRE_FALSE(images.ok());
    CHECK(images.error().code == Error::Code::kInvalidInput);
    CHECK(images.error().source == c.destination);
    CHECK(images.error().message.find(c.message) != std::string::npos);
    CHECK_FALSE(chart_destination(c.destination, "nginx", "1.0.0").ok());
  }
}

TEST_CASE("charts go to <destination>/charts/<name>:<version>, '+' written '_'") {
  struct Case {
    const char* name;
    const char* version;
    const char* want;
  };
  for (const Case& c : std::vector<Case>{
           {"nginx", "16.0.3", "registry.corp:5000/mirror/charts/nginx:16.0.3"},
           {"cert-manager", "v1.13.2", "registry.corp:5000/mirror/charts/cert-manager:v1.13.2"},
           {"tricky", "1.2.3+build.7", "registry.corp:5000/mirror/charts/tricky:1.2.3_build.7"},
       }) {
    auto reference = chart_destination("oci://registry.corp:5000/mirror", c.name, c.version);
    REQUIRE_MESSAGE(reference.ok(), reference.error().describe());
    CHECK(reference->str() == c.want);
  }
  auto upper = chart_destination("registry.corp", "MyChart", "1.0.0");
  REQUIRE_FALSE(upper.ok());
  CHECK(upper.error().message.find("chart MyChart 1.0.0 makes no valid reference") == 0);
  CHECK_FALSE(chart_destination("registry.corp", "", "1.0.0").ok());
}

TEST_CASE("a rewritten chart goes to <destination>/charts/rewritten/<name>:<version>") {
  struct Case {
    const char* name;
    const char* version;
    const char* want;
  };
  for (const Case& c : std::vector<Case>{
           {"nginx", "16.0.3", "registry.corp:5000/mirror/charts/rewritten/nginx:16.0.3"},
           {"tricky", "1.2.3+build.7",
            "registry.corp:5000/mirror/charts/rewritten/tricky:1.2.3_build.7"},
       }) {
    auto reference =
        rewritten_chart_destination("oci://registry.corp:5000/mirror/", c.name, c.version);
    REQUIRE_MESSAGE(reference.ok(), reference.error().describe());
    CHECK(reference->str() == c.want);
    // Beside the unchanged chart, never over it; the basename is still the chart's name.
    auto unchanged = chart_destination("oci://registry.corp:5000/mirror/", c.name, c.version);
    REQUIRE(unchanged.ok());
    CHECK(unchanged->name() != reference->name());
    CHECK(reference->repository().ends_with("/" + std::string(c.name)));
  }
  // An image whose path starts with charts/rewritten cannot land there either.
  CHECK(mapped({"docker.io/charts/rewritten/nginx:1"}, "registry.corp/m") ==
        std::vector<std::string>{"docker.io/charts/rewritten/nginx:1 -> "
                                 "registry.corp/m/docker.io/charts/rewritten/nginx:1"});
  CHECK_FALSE(rewritten_chart_destination("registry.corp", "MyChart", "1.0.0").ok());
  CHECK_FALSE(rewritten_chart_destination("no-host", "nginx", "1.0.0").ok());
}

}  // namespace
}  // namespace chartmirror::charts::images
