#include "charts/rewrite/rewrite_chart.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "charts/chart/archive.h"
#include "charts/chart/testing/chart_fixture.h"
#include "charts/images/chart_values.h"
#include "charts/images/discover.h"
#include "registry/oci/digest.h"

namespace chartmirror::charts::rewrite {
namespace {

constexpr std::string_view kMirror = "registry.example:5000/mirror";

// A parent with a string image and a {repository} map, and a bitnami-style subchart.
std::string source_archive() {
  const std::string sub = testing::make_tgz(testing::under(
      "sub", {{"Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\nappVersion: '7'\n"},
              {"values.yaml",
               "global:\n  imageRegistry: ''\n"
               "image:\n  registry: docker.io\n  repository: bitnami/redis\n  tag: ''\n"},
              {"templates/pod.yaml", "image: {{ .Values.image.repository }}\n"}}));
  return testing::make_tgz(testing::under(
      "parent",
      {{"Chart.yaml",
        "apiVersion: v2\nname: parent\nversion: 1.0.0\nappVersion: '2.0'\n"
        "annotations:\n  images: |\n    - name: nginx\n      image: docker.io/library/nginx:1.25\n"
        "dependencies:\n- name: sub\n  version: 0.1.0\n"},
       {"values.yaml",
        "# comment\nimage: nginx:1.25\nagentImage:\n  repository: quay.io/org/agent\n"
        "sidecars:\n- name: a\n  image: busybox:1.36\n"},
       {"templates/pod.yaml", "image: {{ .Values.image }}\n"},
       {"charts/sub-0.1.0.tgz", sub}}));
}

struct Setup {
  Chart chart;
  values::RenderValues rendered;
  images::Discovery discovery;
  std::vector<images::ImageDestination> destinations;
};

Setup setup(std::string_view archive) {
  auto chart = load_archive(archive, "parent.tgz");
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  auto rendered = images::render_chart_values(*chart, values::Value());
  REQUIRE_MESSAGE(rendered.ok(), rendered.error().describe());
  images::Discovery discovery = images::discover_images(*chart, *rendered);
  std::vector<registry::Reference> sources;
  for (const auto& image : discovery.images) sources.push_back(image.reference);
  auto destinations = images::image_destinations(sources, kMirror);
  REQUIRE_MESSAGE(destinations.ok(), destinations.error().describe());
  return Setup{*chart, std::move(rendered).value(), std::move(discovery),
               std::move(destinations).value()};
}

TEST_CASE("a rewritten chart's values name every image at its destination") {
  const std::string archive = source_archive();
  const Setup source = setup(archive);
  REQUIRE(source.discovery.images.size() == 4);

  auto result = rewrite_chart_archive(archive, source.rendered.values, source.discovery.images,
                                      source.destinations);
  REQUIRE_MESSAGE(result.ok(), result.error().describe());
  CHECK(result->rewritten == 4);
  CHECK(result->not_rewritten.empty());
  CHECK(result->digest == registry::oci::Digest::of(result->archive).str());

  // Discovered again in the rewritten chart: every image, now at its destination.
  const Setup again = setup(result->archive);
  std::vector<std::string> found;
  for (const auto& image : again.discovery.images) found.push_back(image.reference.str());
  CHECK(found == std::vector<std::string>{
                     "registry.example:5000/mirror/bitnami/redis:7",
                     "registry.example:5000/mirror/library/busybox:1.36",
                     "registry.example:5000/mirror/library/nginx:1.25",
                     "registry.example:5000/mirror/org/agent:2.0",
                 });

  // Chart.yaml: the source digest, the annotation's image at the mirror, the rest kept.
  const Metadata& metadata = again.chart.metadata();
  CHECK(metadata.annotations.at("chartmirror.io/rewritten-from") ==
        registry::oci::Digest::of(archive).str());
  CHECK(metadata.annotations.at("images") ==
        "- image: registry.example:5000/mirror/library/nginx:1.25\n  name: nginx\n");
  CHECK(metadata.dependencies == source.chart.metadata().dependencies);
  CHECK(metadata.app_version == "2.0");

  // The subchart is untouched: its values are overridden from the parent.
  REQUIRE(again.chart.dependencies().size() == 1);
  CHECK(again.chart.dependencies()[0].files() == source.chart.dependencies()[0].files());
  CHECK(again.chart.templates().size() == 1);
  CHECK(again.chart.values().starts_with("# Rewritten by chartmirror"));
  CHECK(again.chart.values().find("#   sub.image.registry: registry.example:5000/mirror\n") !=
        std::string_view::npos);
}

TEST_CASE("same input, same bytes; the time stamp is the caller's") {
  const std::string archive = source_archive();
  const Setup source = setup(archive);
  const auto rewrite = [&](const RewriteOptions& options) {
    auto result = rewrite_chart_archive(archive, source.rendered.values, source.discovery.images,
                                        source.destinations, options);
    REQUIRE_MESSAGE(result.ok(), result.error().describe());
    return std::move(result).value();
  };
  const RewrittenChart first = rewrite({});
  CHECK(rewrite({}).archive == first.archive);
  CHECK(rewrite({.mtime = 1700000000}).archive != first.archive);
  CHECK(rewrite({.mtime = 1700000000}).archive == rewrite({.mtime = 1700000000}).archive);
}

TEST_CASE("no image in the values: values.yaml keeps its bytes, Chart.yaml is still marked") {
  const std::string archive = testing::make_tgz(
      testing::under("plain", {{"Chart.yaml", "apiVersion: v2\nname: plain\nversion: 1.0.0\n"},
                               {"values.yaml", "# only a comment\nreplicas: 1\n"}}));
  const Setup source = setup(archive);
  CHECK(source.discovery.images.empty());
  auto result = rewrite_chart_archive(archive, source.rendered.values, {}, {});
  REQUIRE_MESSAGE(result.ok(), result.error().describe());
  auto chart = load_archive(result->archive, "rewritten");
  REQUIRE(chart.ok());
  CHECK(chart->values() == "# only a comment\nreplicas: 1\n");
  CHECK(chart->metadata().annotations.count("chartmirror.io/rewritten-from") == 1);
}

TEST_CASE("a v1 chart's dependencies stay in requirements.yaml") {
  const std::string sub = testing::make_tgz(
      testing::under("sub", {{"Chart.yaml", "apiVersion: v1\nname: sub\nversion: 0.1.0\n"}}));
  const std::string archive = testing::make_tgz(testing::under(
      "old", {{"Chart.yaml", "apiVersion: v1\nname: old\nversion: 1.0.0\n"},
              {"requirements.yaml", "dependencies:\n- name: sub\n  version: 0.1.0\n"},
              {"values.yaml", "image: nginx:1.25\n"},
              {"charts/sub-0.1.0.tgz", sub}}));
  const Setup source = setup(archive);
  auto result = rewrite_chart_archive(archive, source.rendered.values, source.discovery.images,
                                      source.destinations);
  REQUIRE_MESSAGE(result.ok(), result.error().describe());
  auto chart = load_archive(result->archive, "rewritten");
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  CHECK(chart->find("Chart.yaml")->find("dependencies") == std::string::npos);
  CHECK(chart->metadata().dependencies == source.chart.metadata().dependencies);
  CHECK(*chart->find("requirements.yaml") == *source.chart.find("requirements.yaml"));
}

TEST_CASE("bad input: a digest that is not sha256, an archive that does not load") {
  const std::string archive = source_archive();
  const Setup source = setup(archive);
  for (const std::string digest : {"", "sha256:abc", "md5:0123"}) {
    CAPTURE(digest);
    auto result = rewrite_chart(source.chart, digest, source.rendered.values,
                                source.discovery.images, source.destinations);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == Error::Code::kInvalidInput);
  }
  CHECK_FALSE(rewrite_chart_archive("not a tgz", values::Value(), {}, {}).ok());
}

}  // namespace
}  // namespace chartmirror::charts::rewrite
