#include "charts/images/annotations.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "charts/chart/archive.h"
#include "charts/chart/testing/chart_fixture.h"
#include "charts/images/chart_values.h"

namespace chartmirror::charts::images {
namespace {

using testing::make_tgz;
using testing::under;

std::string chart_yaml(const std::string& name, const std::string& annotation,
                       const std::string& extra = "") {
  std::string text = "apiVersion: v2\nname: " + name + "\nversion: 1.0.0\n" + extra;
  if (!annotation.empty()) text += "annotations:\n  artifacthub.io/images: |\n" + annotation;
  return text;
}

Chart load(const std::string& bytes) {
  auto chart = load_archive(bytes, "test.tgz");
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  return std::move(chart).value();
}

std::vector<std::string> references(const AnnotationScan& scanned) {
  std::vector<std::string> out;
  for (const auto& image : scanned.images) out.push_back(image.reference.str());
  return out;
}

TEST_CASE("artifacthub.io/images lists images by name") {
  const Chart chart = load(make_tgz(under(
      "nginx", {{"Chart.yaml", chart_yaml("nginx",
                                          "    - name: git\n"
                                          "      image: docker.io/bitnami/git:2.44.0-debian-12-r2\n"
                                          "    - name: nginx\n"
                                          "      image: bitnami/nginx:1.25.4\n"
                                          "      whitelisted: true\n")}})));
  AnnotationScan scanned;
  scan_chart_annotations(chart, scanned);
  CHECK(scanned.warnings.empty());
  CHECK(references(scanned) == std::vector<std::string>{"docker.io/bitnami/git:2.44.0-debian-12-r2",
                                                        "docker.io/bitnami/nginx:1.25.4"});
  REQUIRE(scanned.images.size() == 2);
  CHECK(scanned.images[0].origin.kind == ImageOrigin::Kind::kAnnotation);
  CHECK(scanned.images[0].origin.annotation_name == "git");
  CHECK(scanned.images[0].origin.chart == "nginx");
  CHECK(scanned.images[0].origin.chart_version == "1.0.0");
}

TEST_CASE("bitnami's `images` annotation is read too, after artifacthub.io/images") {
  const Chart chart =
      load(make_tgz(under("redis", {{"Chart.yaml",
                                     "apiVersion: v2\nname: redis\nversion: 19.0.2\nannotations:\n"
                                     "  images: |\n"
                                     "    - name: redis\n"
                                     "      image: docker.io/bitnami/redis:7.2.4-debian-12-r9\n"
                                     "  artifacthub.io/images: |\n"
                                     "    - name: kubectl\n"
                                     "      image: docker.io/bitnami/kubectl:1.29.2-debian-12-r3\n"
                                     "  category: Database\n"}})));
  AnnotationScan scanned;
  scan_chart_annotations(chart, scanned);
  CHECK(scanned.warnings.empty());
  CHECK(references(scanned) ==
        std::vector<std::string>{"docker.io/bitnami/kubectl:1.29.2-debian-12-r3",
                                 "docker.io/bitnami/redis:7.2.4-debian-12-r9"});
  REQUIRE(scanned.images.size() == 2);
  CHECK(scanned.images[0].origin.annotation == "artifacthub.io/images");
  CHECK(scanned.images[1].origin.annotation == "images");
  CHECK(scanned.images[1].origin.annotation_name == "redis");
}

TEST_CASE("a faulty annotation gives warnings, never a failure") {
  struct Case {
    const char* annotation;
    std::vector<std::string> images;
    std::string warning;  // a part of the one warning
  };
  const std::vector<Case> cases = {
      {"    name: x\n", {}, "not a list of {name, image} items"},
      {"    - [unclosed\n", {}, "yaml: line"},
      {"    - name: a\n    - name: b\n      image: a/b:1\n",
       {"docker.io/a/b:1"},
       "item 1: no image"},
      {"    - name: a\n      image: 'Not A Ref'\n", {}, "item 1: \"Not A Ref\" is not an image"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.annotation);
    const Chart chart = load(make_tgz(under("x", {{"Chart.yaml", chart_yaml("x", c.annotation)}})));
    AnnotationScan scanned;
    scan_chart_annotations(chart, scanned);
    CHECK(references(scanned) == c.images);
    REQUIRE(scanned.warnings.size() == 1);
    CHECK(scanned.warnings[0].starts_with("chart x, annotation artifacthub.io/images"));
    CHECK(scanned.warnings[0].find(c.warning) != std::string::npos);
  }
}

TEST_CASE("the annotations of rendering subcharts count, a disabled one's do not") {
  const std::string kept = make_tgz(
      under("kept",
            {{"Chart.yaml", chart_yaml("kept", "    - {name: a, image: 'quay.io/a/kept:1'}\n")}}));
  const std::string gone = make_tgz(
      under("gone",
            {{"Chart.yaml", chart_yaml("gone", "    - {name: a, image: 'quay.io/a/gone:1'}\n")}}));
  const Chart chart = load(make_tgz(under(
      "top",
      {{"Chart.yaml", chart_yaml("top", "    - {name: a, image: 'quay.io/a/top:1'}\n",
                                 "dependencies:\n- {name: kept, version: 1.0.0}\n"
                                 "- {name: gone, version: 1.0.0, condition: gone.enabled}\n")},
       {"values.yaml", "gone: {enabled: false}\n"},
       {"charts/kept-1.0.0.tgz", kept},
       {"charts/gone-1.0.0.tgz", gone}})));
  auto rendered = render_chart_values(chart, values::Value());
  REQUIRE_MESSAGE(rendered.ok(), rendered.error().describe());
  const AnnotationScan scanned = scan_annotations(chart, *rendered);
  CHECK(scanned.warnings.empty());
  CHECK(references(scanned) == std::vector<std::string>{"quay.io/a/top:1", "quay.io/a/kept:1"});
  REQUIRE(scanned.images.size() == 2);
  CHECK(scanned.images[1].origin.chart == "kept");
}

}  // namespace
}  // namespace chartmirror::charts::images
