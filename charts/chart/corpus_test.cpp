// Every chart of the shared corpus (31 real charts, subcharts vendored as .tgz under charts/,
// nested) loads; its name and version are the index's, its subcharts those charts.json lists,
// its config blob what `helm push` wrote (testdata/config/, from testdata/helm_push_config.sh),
// and it packages deterministically and loads back unchanged.
#include <algorithm>
#include <map>
#include <set>

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include "charts/chart/archive.h"
#include "charts/chart/package.h"
#include "charts/chart/testing/chart_fixture.h"

namespace chartmirror::charts {
namespace {

namespace fs = std::filesystem;

const fs::path kTestdata = CHARTMIRROR_CHART_TESTDATA;

std::vector<fs::path> corpus_archives() {
  std::vector<fs::path> archives;
  for (const auto& entry : fs::directory_iterator(testing::corpus_dir() / "repo")) {
    if (entry.path().extension() == ".tgz") archives.push_back(entry.path());
  }
  std::sort(archives.begin(), archives.end());
  return archives;
}

// index.yaml: archive file name → "name@version" of its entry. (Read here with yaml-cpp rather
// than charts/repo, so that this test depends on nothing but the module it tests.)
std::map<std::string, std::string> index_entries(const fs::path& index) {
  std::map<std::string, std::string> out;
  const YAML::Node root = YAML::LoadFile(index.string());
  for (const auto& chart : root["entries"]) {
    for (const auto& entry : chart.second) {
      const std::string url = entry["urls"][0].as<std::string>();
      out[fs::path(url).filename().string()] =
          entry["name"].as<std::string>() + "@" + entry["version"].as<std::string>();
    }
  }
  return out;
}

// "name@version" of each subchart, sorted.
std::vector<std::string> subcharts(const Chart& chart) {
  std::vector<std::string> out;
  for (const Chart& dependency : chart.dependencies()) {
    out.push_back(dependency.name() + "@" + dependency.version());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every chart of the tree vendors each dependency its Chart.yaml declares, and nothing else.
size_t check_vendored(const Chart& chart) {
  CAPTURE(chart.source());
  std::set<std::string> declared;
  for (const Dependency& dependency : chart.metadata().dependencies) {
    declared.insert(dependency.name);
  }
  std::set<std::string> loaded;
  size_t total = chart.dependencies().size();
  for (const Chart& dependency : chart.dependencies()) {
    loaded.insert(dependency.name());
    total += check_vendored(dependency);
  }
  CHECK(loaded == declared);
  return total;
}

void check_same(const Chart& a, const Chart& b) {
  CHECK(a.files() == b.files());
  CHECK(a.metadata() == b.metadata());
  REQUIRE(a.dependencies().size() == b.dependencies().size());
  for (size_t i = 0; i < a.dependencies().size(); ++i) {
    check_same(a.dependencies()[i], b.dependencies()[i]);
  }
}

}  // namespace

TEST_CASE("every chart of the corpus loads as Helm loads it") {
  const fs::path corpus = testing::corpus_dir();
  const auto index = index_entries(corpus / "repo/index.yaml");
  const auto listed = nlohmann::json::parse(testing::read_file(corpus / "charts.json"));

  const auto archives = corpus_archives();
  CHECK(archives.size() == 31);
  size_t nested_total = 0;
  size_t direct_total = 0;
  for (const fs::path& archive : archives) {
    const std::string file = archive.filename().string();
    CAPTURE(file);
    auto chart = load_archive_file(archive);
    REQUIRE_MESSAGE(chart.ok(), chart.error().describe());

    // The index lists the archive under the chart's name and version.
    const auto indexed = index.find(file);
    REQUIRE(indexed != index.end());
    CHECK(indexed->second == chart->name() + "@" + chart->version());

    // charts.json lists the chart's direct subcharts.
    std::vector<std::string> expected;
    bool found = false;
    for (const auto& item : listed) {
      if (item.at("name") != chart->name() || item.at("version") != chart->version()) continue;
      found = true;
      expected = item.at("dependencies").get<std::vector<std::string>>();
      CHECK(item.at("type") == (chart->metadata().is_library() ? "library" : "application"));
    }
    CHECK(found);
    std::sort(expected.begin(), expected.end());
    CHECK(subcharts(chart.value()) == expected);
    direct_total += expected.size();
    nested_total += check_vendored(chart.value());

    CHECK(chart->metadata().to_json() ==
          testing::read_file(kTestdata / "config" / (archive.stem().string() + ".json")));

    auto packaged = package_chart(chart.value());
    REQUIRE_MESSAGE(packaged.ok(), packaged.error().describe());
    CHECK(packaged.value() == package_chart(chart.value()).value());
    auto reloaded = load_archive(packaged.value(), file);
    REQUIRE_MESSAGE(reloaded.ok(), reloaded.error().describe());
    check_same(chart.value(), reloaded.value());
  }
  // Below the direct subcharts only oauth2-proxy's redis-19.5.0 vendors one (common-2.19.3).
  CHECK(direct_total == 22);
  CHECK(nested_total == direct_total + 1);
}

}  // namespace chartmirror::charts
