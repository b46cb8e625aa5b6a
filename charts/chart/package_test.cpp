#include "charts/chart/package.h"

#include <archive_entry.h>
#include <doctest/doctest.h>

#include "charts/chart/archive.h"
#include "charts/chart/testing/chart_fixture.h"

namespace chartmirror::charts {
namespace {

using testing::make_tgz;
using testing::under;

std::string chart_yaml(std::string_view name, std::string_view version = "0.1.0") {
  return "apiVersion: v2\nname: " + std::string(name) + "\nversion: " + std::string(version) + "\n";
}

Chart demo_chart() {
  const std::string redis = make_tgz(
      under("redis", {{"Chart.yaml", chart_yaml("redis")}, {"values.yaml", "port: 6379\n"}}));
  auto chart = load_archive(
      make_tgz(under("demo", {{"README.md", "# demo"},
                              {"templates/svc.yaml", "kind: Service\n"},
                              {"values.schema.json", "{\"type\": \"object\"}"},
                              {"charts/redis-0.1.0.tgz", redis},
                              {"values.yaml", "replicas: 1\n"},
                              {"templates/deploy.yaml", "kind: Deployment\n"},
                              {"Chart.lock", "dependencies: []\n"},
                              {"charts/crds/Chart.yaml", chart_yaml("crds")},
                              {"Chart.yaml", "# kept as written\n" + chart_yaml("demo", "1.0.0")},
                              {".helmignore", "*.bak\n"}})),
      "demo.tgz");
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  return std::move(chart).value();
}

std::vector<std::string> names(const std::vector<testing::ReadEntry>& entries) {
  std::vector<std::string> out;
  out.reserve(entries.size());
  for (const auto& entry : entries) out.push_back(entry.name);
  return out;
}

// Two charts hold the same files and subcharts, in the same places.
void check_same(const Chart& a, const Chart& b) {
  CHECK(a.files() == b.files());
  CHECK(a.metadata() == b.metadata());
  CHECK(a.source() == b.source());
  REQUIRE(a.dependencies().size() == b.dependencies().size());
  for (size_t i = 0; i < a.dependencies().size(); ++i) {
    check_same(a.dependencies()[i], b.dependencies()[i]);
  }
}

}  // namespace

TEST_CASE("packaging is deterministic and in helm package's order") {
  const Chart chart = demo_chart();
  auto first = package_chart(chart);
  REQUIRE_MESSAGE(first.ok(), first.error().describe());
  auto second = package_chart(demo_chart());
  REQUIRE(second.ok());
  CHECK(first.value() == second.value());
  CHECK(package_file_name(chart) == "demo-1.0.0.tgz");

  const auto entries = testing::read_tgz_entries(first.value());
  CHECK(names(entries) ==
        std::vector<std::string>{"demo/Chart.yaml", "demo/Chart.lock", "demo/values.yaml",
                                 "demo/values.schema.json", "demo/templates/deploy.yaml",
                                 "demo/templates/svc.yaml", "demo/.helmignore", "demo/README.md",
                                 "demo/charts/crds/Chart.yaml", "demo/charts/redis-0.1.0.tgz"});
  for (const auto& entry : entries) {
    CAPTURE(entry.name);
    CHECK(entry.type == AE_IFREG);
    CHECK(entry.perm == 0644);
    CHECK(entry.mtime == 0);
    CHECK(entry.uid == 0);
    CHECK(entry.gid == 0);
    CHECK(entry.uname.empty());
    CHECK(entry.gname.empty());
  }
  CHECK(entries[0].data == "# kept as written\n" + chart_yaml("demo", "1.0.0"));
  // The subchart archive is packaged the same way.
  const auto redis = testing::read_tgz_entries(entries.back().data);
  CHECK(names(redis) == std::vector<std::string>{"redis/Chart.yaml", "redis/values.yaml"});

  // gzip: no modification time, no flags (no file name, no comment).
  const std::string& bytes = first.value();
  REQUIRE(bytes.size() > 10);
  CHECK(bytes.substr(0, 3) == "\x1F\x8B\x08");
  CHECK(bytes[3] == '\0');
  CHECK(bytes.substr(4, 4) == std::string(4, '\0'));
}

TEST_CASE("a packaged chart loads back as the chart it was") {
  const Chart chart = demo_chart();
  auto bytes = package_chart(chart);
  REQUIRE(bytes.ok());
  auto loaded = load_archive(bytes.value(), "demo.tgz");
  REQUIRE_MESSAGE(loaded.ok(), loaded.error().describe());
  check_same(chart, loaded.value());
}

TEST_CASE("the modification time is the caller's") {
  const Chart chart = demo_chart();
  constexpr std::int64_t kTime = 1700000000;
  auto bytes = package_chart(chart, {.mtime = kTime});
  REQUIRE(bytes.ok());
  for (const auto& entry : testing::read_tgz_entries(bytes.value())) CHECK(entry.mtime == kTime);
  CHECK(bytes.value() != package_chart(chart).value());
}

TEST_CASE("a changed file is packaged; invalid content is refused") {
  Chart chart = demo_chart();
  REQUIRE(chart.set_file("values.yaml", "replicas: 3\n").ok());
  auto bytes = package_chart(chart);
  REQUIRE(bytes.ok());
  auto loaded = load_archive(bytes.value(), "demo.tgz");
  REQUIRE(loaded.ok());
  CHECK(loaded->values() == "replicas: 3\n");
  CHECK(loaded->default_values() == values::Value::map({{"replicas", 3.0}}));
  CHECK(chart.default_values() == values::Value::map({{"replicas", 3.0}}));

  CHECK_FALSE(chart.set_file("values.yaml", "- not a map\n").ok());
  CHECK(chart.values() == "replicas: 3\n");
  CHECK(chart.default_values() == values::Value::map({{"replicas", 3.0}}));
  CHECK_FALSE(chart.set_file("../escape", "x").ok());
  CHECK_FALSE(chart.set_file("charts/x.tgz", "x").ok());
  const auto renamed = chart.set_file("Chart.yaml", chart_yaml("renamed", "2.0.0"));
  REQUIRE(renamed.ok());
  CHECK(chart.name() == "renamed");
  CHECK(package_file_name(chart) == "renamed-2.0.0.tgz");
  const auto broken = chart.set_file("Chart.yaml", "name: x\n");
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().message == "Chart.yaml: chart.metadata.version is required");
  CHECK(chart.name() == "renamed");

  REQUIRE(chart.set_file("values.schema.json", "{not json").ok());
  auto refused = package_chart(chart);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == "values.schema.json is not valid JSON");
}

}  // namespace chartmirror::charts
