// Every chart of the shared corpus, loaded, its default values computed as Helm would render
// it (charts.json's render_args where the chart refuses its defaults), then scanned. Printed
// per chart: images found by the values scan, images annotated (`images`, `artifacthub.io/images`),
// and how many of those the scan found. Asserted: nothing found is malformed, and every image a
// bitnami chart annotates is found by the values scan alone.
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "charts/chart/archive.h"
#include "charts/chart/testing/chart_fixture.h"
#include "charts/images/annotations.h"
#include "charts/images/chart_values.h"
#include "charts/images/discover.h"
#include "charts/images/values_scan.h"
#include "charts/values/set_parser.h"

namespace chartmirror::charts::images {
namespace {

namespace fs = std::filesystem;

nlohmann::json corpus_index() {
  std::ifstream in(testing::corpus_dir() / "charts.json");
  REQUIRE(in);
  return nlohmann::json::parse(in);
}

// The --set arguments of charts.json's render_args, as user values.
values::Value user_values(const nlohmann::json& entry) {
  values::Value user = values::Value(values::Value::Map{});
  const auto& args = entry["render_args"];
  if (!args.is_array()) return user;
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] != "--set") continue;
    const auto status =
        values::parse_set_into(args[i + 1].get<std::string>(), user, values::SetMode::kTyped);
    REQUIRE(status.ok());
  }
  return user;
}

std::set<std::string> strings(const std::vector<FoundImage>& images) {
  std::set<std::string> out;
  for (const auto& image : images) out.insert(image.reference.str());
  return out;
}

TEST_CASE("the values scan over the corpus") {
  const nlohmann::json index = corpus_index();
  REQUIRE(index.size() >= 30);
  size_t bitnami_checked = 0;
  for (const auto& entry : index) {
    const std::string name = entry["name"].get<std::string>();
    const std::string version = entry["version"].get<std::string>();
    CAPTURE(name);
    CAPTURE(version);
    std::string file_name = name;
    file_name += "-" + version + ".tgz";
    const fs::path archive = testing::corpus_dir() / "repo" / file_name;
    auto chart = load_archive_file(archive);
    REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
    auto rendered = render_chart_values(*chart, user_values(entry));
    REQUIRE_MESSAGE(rendered.ok(), rendered.error().describe());

    const ValuesScan scanned = scan_values(*chart, *rendered);
    const AnnotationScan annotated = scan_annotations(*chart, *rendered);
    const Discovery discovery = discover_images(*chart, *rendered);
    CHECK(annotated.warnings.empty());

    // Nothing malformed: each reference is fully qualified and reads back to itself.
    for (const auto& image : discovery.images) {
      const std::string text = image.reference.str();
      auto again = registry::Reference::parse(text);
      REQUIRE_MESSAGE(again.ok(), text);
      CHECK(*again == image.reference);
      CHECK((!image.reference.tag().empty() || !image.reference.digest().empty()));
      CHECK(text.starts_with(image.reference.registry() + "/"));
      CHECK_FALSE(image.origins.empty());
    }

    const std::set<std::string> found = strings(scanned.images);
    std::set<std::string> listed;
    if (entry["images_annotation"].is_array()) {
      for (const auto& image : entry["images_annotation"]) listed.insert(image.get<std::string>());
    }
    // The annotation as this module reads it says what charts.json says it says.
    const std::set<std::string> from_annotation = strings(annotated.images);
    for (const auto& image : listed) CHECK(from_annotation.count(image) == 1);

    size_t overlap = 0;
    for (const auto& image : from_annotation) overlap += found.count(image);
    std::ostringstream summary;
    summary << name << " " << version << ": values scan " << found.size() << " (at "
            << scanned.images.size() << " paths), annotated " << from_annotation.size()
            << ", overlap " << overlap << ", total " << discovery.images.size();
    std::string report = summary.str();
    for (const auto& image : discovery.images) report += "\n  " + image.reference.str();
    for (const auto& warning : discovery.warnings) report += "\n  warning: " + warning;
    MESSAGE(report);

    if (name == "nginx" || name == "redis" || name == "postgresql") {
      ++bitnami_checked;
      CHECK(!listed.empty());
      for (const auto& image : listed) {
        CAPTURE(image);
        CHECK(found.count(image) == 1);
      }
    }
  }
  CHECK(bitnami_checked == 3);
}

TEST_CASE("corpus charts, images the scan must see and must not") {
  const auto scan = [](const std::string& archive, const values::Value& user) {
    auto chart = load_archive_file(testing::corpus_dir() / "repo" / archive);
    REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
    auto rendered = render_chart_values(*chart, user);
    REQUIRE_MESSAGE(rendered.ok(), rendered.error().describe());
    return strings(scan_values(*chart, *rendered).images);
  };
  const values::Value none;

  // An empty tag is the appVersion: cert-manager's images are {repository} maps.
  const auto cert_manager = scan("cert-manager-v1.13.2.tgz", none);
  CHECK(cert_manager.count("quay.io/jetstack/cert-manager-controller:v1.13.2") == 1);

  // argo-cd's redis-ha subchart is disabled by default: none of its images.
  const auto argo = scan("argo-cd-5.51.4.tgz", none);
  CHECK(std::none_of(argo.begin(), argo.end(), [](const std::string& image) {
    return image.find("haproxy") != std::string::npos;
  }));
  values::Value ha;
  REQUIRE(values::parse_set_into("redis-ha.enabled=true", ha, values::SetMode::kTyped).ok());
  const auto argo_ha = scan("argo-cd-5.51.4.tgz", ha);
  CHECK(argo_ha.count("docker.io/library/haproxy:2.6.9") == 1);

  // bitnami's global.imageRegistry moves every image of the chart and of its common library.
  values::Value mirror;
  REQUIRE(values::parse_set_into("global.imageRegistry=mirror.corp:5000", mirror,
                                 values::SetMode::kTyped)
              .ok());
  const auto nginx = scan("nginx-16.0.3.tgz", mirror);
  CHECK(nginx.count("mirror.corp:5000/bitnami/nginx:1.25.4-debian-12-r7") == 1);
  CHECK(std::none_of(nginx.begin(), nginx.end(),
                     [](const std::string& image) { return image.starts_with("docker.io/"); }));
}

}  // namespace
}  // namespace chartmirror::charts::images
