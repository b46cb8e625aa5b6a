#include "charts/chart/archive.h"

#include <doctest/doctest.h>

#include "charts/chart/testing/chart_fixture.h"

namespace chartmirror::charts {
namespace {

using testing::make_tgz;
using testing::TarEntry;
using testing::under;

const std::string kChartYaml = "apiVersion: v2\nname: demo\nversion: 1.2.3\n";

std::string chart_yaml(std::string_view name, std::string_view extra = "") {
  return "apiVersion: v2\nname: " + std::string(name) + "\nversion: 0.1.0\n" + std::string(extra);
}

Error load_error(const std::string& bytes, const LoadLimits& limits = {}) {
  auto chart = load_archive(bytes, "demo.tgz", limits);
  REQUIRE_FALSE(chart.ok());
  CHECK(chart.error().source == "demo.tgz");
  return chart.error();
}

void check_refused(const std::vector<TarEntry>& entries, std::string_view expected,
                   Error::Code code = Error::Code::kInvalidInput) {
  const Error error = load_error(make_tgz(entries));
  INFO(error.describe());
  CHECK(error.code == code);
  CHECK(error.message.find(expected) != std::string::npos);
}

}  // namespace

TEST_CASE("a chart archive loads with its files and its subcharts, as Helm loads it") {
  const std::string common = make_tgz(under(
      "common", {{"Chart.yaml", chart_yaml("common")}, {"templates/_helpers.tpl", "{{/* x */}}"}}));
  const std::string redis = make_tgz(
      under("redis", {{"Chart.yaml", chart_yaml("redis")}, {"charts/common-0.1.0.tgz", common}}));
  std::vector<TarEntry> entries =
      under("demo", {{"Chart.yaml", kChartYaml},
                     {"values.yaml", "\xEF\xBB\xBFreplicas: 1\n"},
                     {"values.schema.json", "{}"},
                     {"Chart.lock", "digest: x\n"},
                     {"templates/deployment.yaml", "kind: Deployment\n"},
                     {"templates/NOTES.txt", "notes"},
                     {"crds/crd.yaml", "kind: CustomResourceDefinition\n"},
                     {"README.md", "# demo"},
                     {"charts/redis-0.1.0.tgz", redis},
                     {"charts/redis-0.1.0.tgz.prov", "signature"},
                     {"charts/crds/Chart.yaml", chart_yaml("crds")},
                     {"charts/crds/templates/x.yaml", "x"},
                     {"charts/.gitkeep", ""},
                     {"charts/_skipped/Chart.yaml", "not: loaded"}});
  entries.insert(entries.begin(), TarEntry{.name = "demo/", .type = TarEntry::Type::kDirectory});

  auto chart = load_archive(make_tgz(entries), "demo-1.2.3.tgz");
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  CHECK(chart->name() == "demo");
  CHECK(chart->version() == "1.2.3");
  CHECK(chart->source() == "demo-1.2.3.tgz");
  CHECK(chart->values() == "replicas: 1\n");  // the byte-order mark is gone
  CHECK(chart->schema() == "{}");
  CHECK(chart->lock() == "digest: x\n");
  CHECK(chart->metadata().raw == kChartYaml);
  REQUIRE(chart->templates().size() == 2);
  CHECK(chart->templates()[0]->first == "templates/NOTES.txt");
  std::vector<std::string> others;
  for (const auto* file : chart->other_files()) others.push_back(file->first);
  CHECK(others ==
        std::vector<std::string>{"README.md", "charts/redis-0.1.0.tgz.prov", "crds/crd.yaml"});
  CHECK(chart->find("charts/redis-0.1.0.tgz") == nullptr);
  CHECK(chart->find("missing") == nullptr);

  REQUIRE(chart->dependencies().size() == 2);
  const Chart& crds = chart->dependencies()[0];
  CHECK(crds.name() == "crds");
  CHECK(crds.source() == "charts/crds");
  CHECK(crds.find("templates/x.yaml") != nullptr);
  const Chart& redis_chart = chart->dependencies()[1];
  CHECK(redis_chart.source() == "charts/redis-0.1.0.tgz");
  REQUIRE(redis_chart.dependencies().size() == 1);
  CHECK(redis_chart.dependencies()[0].name() == "common");
  CHECK(redis_chart.dependencies()[0].source() == "charts/common-0.1.0.tgz");
}

TEST_CASE("a v1 chart takes its dependencies from requirements.yaml and keeps the file") {
  const std::string requirements =
      "dependencies:\n- name: mysql\n  version: 1.x.x\n  repository: https://example.com\n";
  auto chart = load_archive(make_tgz(under("old", {{"Chart.yaml", "name: old\nversion: 1.0.0\n"},
                                                   {"requirements.yaml", requirements},
                                                   {"requirements.lock", "dependencies: []\n"}})),
                            "old.tgz");
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  CHECK(chart->metadata().api_version == "v1");
  REQUIRE(chart->metadata().dependencies.size() == 1);
  CHECK(chart->metadata().dependencies[0].name == "mysql");
  CHECK(chart->lock() == "dependencies: []\n");
  std::vector<std::string> others;
  for (const auto* file : chart->other_files()) others.push_back(file->first);
  CHECK(others == std::vector<std::string>{"requirements.lock", "requirements.yaml"});
}

TEST_CASE("entries that would escape the chart are refused, naming the entry") {
  const TarEntry chart{.name = "demo/Chart.yaml", .data = kChartYaml};
  check_refused({{.name = "../evil", .data = "x"}}, "'../evil': is not under a named top-level");
  check_refused({chart, {.name = "demo/../../evil", .data = "x"}},
                "'demo/../../evil': refers to the parent directory");
  check_refused({{.name = "/abs/Chart.yaml", .data = kChartYaml}},
                "'/abs/Chart.yaml': is an absolute path");
  check_refused({chart, {.name = "demo//etc/passwd", .data = "x"}},
                "'demo//etc/passwd': is an absolute path");
  check_refused({chart, {.name = "demo/c:/windows", .data = "x"}}, "is a Windows drive path");
  check_refused({chart, {.name = "demo\\..\\..\\evil", .data = "x"}},
                "refers to the parent directory");
  check_refused({{.name = "Chart.yaml", .data = kChartYaml}},
                "'Chart.yaml': Chart.yaml is not inside the chart's directory");
  check_refused({chart, {.name = "README.md", .data = "x"}},
                "'README.md': is not inside the chart's directory");
  check_refused({chart, {.name = "other/values.yaml", .data = "x"}},
                "'other/values.yaml': is not under the chart's directory 'demo/'");
  check_refused({chart, {.name = "demo/./Chart.yaml", .data = kChartYaml}},
                "the archive holds 'Chart.yaml' more than once");
  check_refused({chart, {.name = "demo/.", .data = "x"}}, "is not a file inside the chart's");
}

TEST_CASE("links and special files are refused: a chart archive holds regular files") {
  const TarEntry chart{.name = "demo/Chart.yaml", .data = kChartYaml};
  check_refused(
      {chart,
       {.name = "demo/values.yaml", .type = TarEntry::Type::kSymlink, .link = "/etc/passwd"}},
      "'demo/values.yaml': is a symbolic link (to '/etc/passwd')");
  check_refused(
      {chart,
       {.name = "demo/values.yaml", .type = TarEntry::Type::kHardlink, .link = "demo/Chart.yaml"}},
      "'demo/values.yaml': is a hard link (to 'demo/Chart.yaml')");
  check_refused({chart, {.name = "demo/pipe", .type = TarEntry::Type::kFifo}},
                "'demo/pipe': is not a regular file");
}

TEST_CASE("archives that are not charts are refused") {
  CHECK(load_error("").message.find("not a chart archive") != std::string::npos);
  CHECK(load_error(make_tgz(under("demo", {{"Chart.yaml", kChartYaml}}), false))
            .message.find("gzip-compressed tar") != std::string::npos);
  const std::string good = make_tgz(under("demo", {{"Chart.yaml", kChartYaml}}));
  CHECK(load_error(good.substr(0, good.size() / 2)).code == Error::Code::kInvalidInput);
  CHECK(load_error(make_tgz({{.name = "demo/", .type = TarEntry::Type::kDirectory}})).message ==
        "no files in chart archive");
  CHECK(load_error(make_tgz(under("demo", {{"values.yaml", ""}}))).message ==
        "Chart.yaml file is missing");
  CHECK(load_error(make_tgz(under("demo", {{"Chart.yaml", kChartYaml}, {"values.yaml", "- a\n"}})))
            .message ==
        "cannot load values.yaml: error unmarshaling JSON: while decoding JSON: json: cannot "
        "unmarshal array into Go value of type map[string]interface {}");
  CHECK(
      load_error(make_tgz(under("demo", {{"Chart.yaml", kChartYaml}, {"values.yaml", "a: .nan"}})))
          .message ==
      "cannot load values.yaml: error converting YAML to JSON: json: unsupported value: NaN");
}

TEST_CASE("a subchart's error says where the subchart is") {
  const std::string broken =
      make_tgz(under("sub", {{"Chart.yaml", "apiVersion: v2\nname: sub\n"}}));
  const Error error = load_error(
      make_tgz(under("demo", {{"Chart.yaml", kChartYaml}, {"charts/sub-1.0.0.tgz", broken}})));
  CHECK(error.message == "charts/sub-1.0.0.tgz: Chart.yaml: chart.metadata.version is required");
  CHECK(error.describe() ==
        "demo.tgz: charts/sub-1.0.0.tgz: Chart.yaml: chart.metadata.version is required");

  // Helm reads a plain file in charts/ as a chart without Chart.yaml.
  CHECK(load_error(make_tgz(under("demo", {{"Chart.yaml", kChartYaml}, {"charts/README.md", "x"}})))
            .message == "charts/README.md: Chart.yaml file is missing");

  const std::string escaping = make_tgz({{.name = "sub/../../x", .data = "x"}});
  CHECK(load_error(
            make_tgz(under("demo", {{"Chart.yaml", kChartYaml}, {"charts/sub.tgz", escaping}})))
            .message == "charts/sub.tgz: 'sub/../../x': refers to the parent directory");
}

TEST_CASE("limits: too many entries, too large a file, too deep a nesting") {
  std::vector<std::pair<std::string, std::string>> files = {{"Chart.yaml", kChartYaml}};
  for (int i = 0; i < 10; ++i) files.emplace_back("templates/t" + std::to_string(i), "x");
  const Error entries = load_error(make_tgz(under("demo", files)), {.max_entries = 5});
  CHECK(entries.code == Error::Code::kTooLarge);
  CHECK(entries.message == "the chart has more than 5 entries");

  // Refused from its header, before any of it is read.
  const Error file = load_error(make_tgz({{.name = "demo/Chart.yaml", .data = kChartYaml},
                                          {.name = "demo/big", .zeros = (5 << 20) + 1}}));
  CHECK(file.code == Error::Code::kTooLarge);
  CHECK(file.message == "'demo/big': larger than the maximum file size of 5242880 bytes");

  std::string nested = make_tgz(under("c3", {{"Chart.yaml", chart_yaml("c3")}}));
  for (const std::string name : {"c2", "c1"}) {
    nested = make_tgz(under(name, {{"Chart.yaml", chart_yaml(name)}, {"charts/x.tgz", nested}}));
  }
  const std::string top =
      make_tgz(under("demo", {{"Chart.yaml", kChartYaml}, {"charts/x.tgz", nested}}));
  CHECK(load_archive(top, "demo.tgz", {.max_depth = 3}).ok());
  const Error deep = load_error(top, {.max_depth = 2});
  CHECK(deep.code == Error::Code::kTooLarge);
  CHECK(deep.message ==
        "charts/x.tgz: charts/x.tgz: charts/x.tgz: subcharts nest more than 2 levels deep");
}

TEST_CASE("a gzip bomb is refused while it is read, before it fills memory") {
  // 21 files of 5 MiB of zeros: each within the file limit, 105 MiB together, 100 KiB packed.
  std::vector<TarEntry> entries = {{.name = "demo/Chart.yaml", .data = kChartYaml}};
  for (int i = 0; i < 21; ++i) {
    entries.push_back({.name = "demo/zeros/" + std::to_string(i), .zeros = 5 << 20});
  }
  const std::string bomb = make_tgz(entries);
  CHECK(bomb.size() < 200 * 1024);
  const Error error = load_error(bomb);
  CHECK(error.code == Error::Code::kTooLarge);
  CHECK(error.message == "'demo/zeros/19': the chart unpacks to more than 104857600 bytes");

  // Nested archives draw on the same budget as their parent.
  const std::string inner = make_tgz(
      {{.name = "sub/Chart.yaml", .data = chart_yaml("sub")}, {.name = "sub/z", .zeros = 3 << 20}});
  const std::string outer =
      make_tgz(under("demo", {{"Chart.yaml", kChartYaml}, {"charts/sub.tgz", inner}}));
  CHECK(load_archive(outer, "demo.tgz", {.max_total_size = 4 << 20}).ok());
  const Error nested = load_error(outer, {.max_total_size = 3 << 20});
  CHECK(nested.code == Error::Code::kTooLarge);
  CHECK(nested.message.starts_with("charts/sub.tgz: 'sub/z': the chart unpacks to more than"));
}

TEST_CASE("an archive file: found, read, and told apart from a YAML file") {
  testing::TempDir dir;
  testing::write_file(dir.path() / "demo.tgz",
                      make_tgz(under("demo", {{"Chart.yaml", kChartYaml}})));
  testing::write_file(dir.path() / "values.yaml", "a: 1\n");
  auto chart = load_archive_file(dir.path() / "demo.tgz");
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  CHECK(chart->source() == (dir.path() / "demo.tgz").string());
  auto loaded = load_chart(dir.path() / "demo.tgz");
  CHECK(loaded.ok());

  auto missing = load_archive_file(dir.path() / "missing.tgz");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == Error::Code::kNotFound);
  auto yaml = load_archive_file(dir.path() / "values.yaml");
  REQUIRE_FALSE(yaml.ok());
  CHECK(yaml.error().message == "seems to be a YAML file, but a chart archive (.tgz) is expected");
  auto large = load_archive_file(dir.path() / "demo.tgz", {.max_total_size = 10});
  REQUIRE_FALSE(large.ok());
  CHECK(large.error().code == Error::Code::kTooLarge);
}

}  // namespace chartmirror::charts
