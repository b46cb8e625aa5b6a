#include "charts/images/discover.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "charts/chart/archive.h"
#include "charts/chart/testing/chart_fixture.h"
#include "charts/images/chart_values.h"
#include "charts/values/yaml.h"

namespace chartmirror::charts::images {
namespace {

using testing::make_tgz;
using testing::under;

// A bitnami-like chart: images in values and in its `images` annotation, and one image (a
// template-built one) only in the annotation.
Chart bitnami_like() {
  auto chart = load_archive(
      make_tgz(
          under("app", {{"Chart.yaml",
                         "apiVersion: v2\nname: app\nversion: 1.0.0\nannotations:\n  images: |\n"
                         "    - {name: app, image: 'docker.io/bitnami/app:1.0.0'}\n"
                         "    - {name: helper, image: 'docker.io/bitnami/helper:2'}\n"
                         "    - {name: app, image: 'docker.io/bitnami/app:1.0.0'}\n"},
                        {"values.yaml",
                         "global: {imageRegistry: ''}\n"
                         "image: {registry: docker.io, repository: bitnami/app, tag: 1.0.0}\n"}})),
      "app.tgz");
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  return std::move(chart).value();
}

Discovery discover(const Chart& chart, const std::string& user_values) {
  auto user = values::parse_values_yaml(user_values, "user");
  REQUIRE(user.ok());
  auto rendered = render_chart_values(chart, *user);
  REQUIRE_MESSAGE(rendered.ok(), rendered.error().describe());
  return discover_images(chart, *rendered);
}

std::vector<std::string> references(const Discovery& discovery) {
  std::vector<std::string> out;
  for (const auto& image : discovery.images) out.push_back(image.reference.str());
  return out;
}

TEST_CASE("values and annotations agree: one image, both origins") {
  const Discovery discovery = discover(bitnami_like(), "");
  CHECK(discovery.warnings.empty());
  CHECK(references(discovery) ==
        std::vector<std::string>{"docker.io/bitnami/app:1.0.0", "docker.io/bitnami/helper:2"});
  REQUIRE(discovery.images.size() == 2);
  const auto& origins = discovery.images[0].origins;
  REQUIRE(origins.size() == 3);
  CHECK(origins[0].kind == ImageOrigin::Kind::kValues);
  CHECK(format_path(origins[0].path) == "image");
  CHECK(origins[1].kind == ImageOrigin::Kind::kAnnotation);
  CHECK(origins[1].annotation == "images");
  CHECK(discovery.images[1].origins.size() == 1);
}

TEST_CASE("values that change an annotated image replace it") {
  CHECK(references(discover(bitnami_like(), "image: {tag: 1.1.0}")) ==
        std::vector<std::string>{"docker.io/bitnami/app:1.1.0", "docker.io/bitnami/helper:2"});
  // The global registry moves what the values hold; the annotation-only image stays as
  // annotated: only rendering knows whether its template honours the global.
  CHECK(references(discover(bitnami_like(), "global: {imageRegistry: mirror.corp}")) ==
        std::vector<std::string>{"docker.io/bitnami/helper:2", "mirror.corp/bitnami/app:1.0.0"});
}

}  // namespace
}  // namespace chartmirror::charts::images
