#include "charts/rewrite/chart_yaml.h"

#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "charts/chart/archive.h"
#include "charts/chart/testing/chart_fixture.h"
#include "charts/images/annotations.h"

namespace chartmirror::charts::rewrite {
namespace {

namespace fs = std::filesystem;

const std::string kDigest =
    "sha256:4981767b787c69126e190e33aee93d5a076639083c21f0e7c29596a519c64a2e";

registry::Reference ref(const std::string& text) {
  auto parsed = registry::Reference::parse(text);
  REQUIRE_MESSAGE(parsed.ok(), text);
  return std::move(parsed).value();
}

// Charts `helm package` wrote: their Chart.yaml is what Helm marshals from the metadata, so
// writing the metadata again must give the same bytes — nothing Helm knows is lost.
TEST_CASE("Chart.yaml is written as helm package writes it: corpus charts keep their bytes") {
  size_t charts = 0;
  for (const auto& entry : fs::directory_iterator(testing::corpus_dir() / "repo")) {
    if (entry.path().extension() != ".tgz") continue;
    CAPTURE(entry.path().filename().string());
    auto chart = load_archive_file(entry.path());
    REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
    auto text = chart_yaml(chart->metadata());
    REQUIRE_MESSAGE(text.ok(), text.error().describe());
    CHECK(*text == chart->metadata().raw);
    auto again = Metadata::parse(*text, "again");
    REQUIRE(again.ok());
    Metadata want = chart->metadata();
    want.raw = *text;
    CHECK(*again == want);
    ++charts;
  }
  CHECK(charts >= 30);
}

TEST_CASE("the annotations: rewritten-from, and image lists pointing at the destinations") {
  auto chart = load_archive_file(testing::corpus_dir() / "repo" / "redis-19.0.2.tgz");
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  DestinationIndex index;
  index.emplace("docker.io/bitnami/redis:7.2.4-debian-12-r9",
                ref("registry.example:5000/mirror/bitnami/redis:7.2.4-debian-12-r9"));
  index.emplace("docker.io/bitnami/kubectl:1.29.2-debian-12-r3",
                ref("registry.example:5000/mirror/bitnami/kubectl:1.29.2-debian-12-r3"));
  const Metadata rewritten = rewrite_metadata(chart->metadata(), index, kDigest);
  CHECK(rewritten.annotations.at("chartmirror.io/rewritten-from") == kDigest);
  CHECK(rewritten.annotations.at("images") ==
        "- image: registry.example:5000/mirror/bitnami/kubectl:1.29.2-debian-12-r3\n"
        "  name: kubectl\n"
        "- image: docker.io/bitnami/os-shell:12-debian-12-r16\n"
        "  name: os-shell\n"
        "- image: registry.example:5000/mirror/bitnami/redis:7.2.4-debian-12-r9\n"
        "  name: redis\n"
        "- image: docker.io/bitnami/redis-exporter:1.58.0-debian-12-r4\n"
        "  name: redis-exporter\n"
        "- image: docker.io/bitnami/redis-sentinel:7.2.4-debian-12-r7\n"
        "  name: redis-sentinel\n");
  CHECK(rewritten.annotations.at("licenses") == "Apache-2.0");
  CHECK(rewritten.annotations.size() == chart->metadata().annotations.size() + 1);

  // Written and read back: the same metadata, and the annotation still a list of images.
  auto text = chart_yaml(rewritten);
  REQUIRE(text.ok());
  auto again = Metadata::parse(*text, "again");
  REQUIRE_MESSAGE(again.ok(), again.error().describe());
  CHECK(again->annotations == rewritten.annotations);
  CHECK(again->dependencies == chart->metadata().dependencies);
  CHECK(again->version == "19.0.2");

  // An annotation that is not a list stays as it is.
  Metadata odd = chart->metadata();
  odd.annotations["images"] = "not: [a list";
  CHECK(rewrite_metadata(odd, index, kDigest).annotations.at("images") == "not: [a list");
}

}  // namespace
}  // namespace chartmirror::charts::rewrite
