#include "charts/images/chart_values.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "charts/chart/archive.h"
#include "charts/chart/testing/chart_fixture.h"
#include "charts/values/yaml.h"

namespace chartmirror::charts::images {
namespace {

using testing::make_tgz;
using testing::under;
using values::Value;

Chart load(const std::string& bytes) {
  auto chart = load_archive(bytes, "test.tgz");
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  return std::move(chart).value();
}

Value yaml(const std::string& text) {
  auto parsed = values::parse_values_yaml(text, "test");
  REQUIRE(parsed.ok());
  return std::move(parsed).value();
}

std::string subchart(const std::string& name, const std::string& version,
                     const std::string& values) {
  return make_tgz(
      under(name, {{"Chart.yaml", "apiVersion: v2\nname: " + name + "\nversion: " + version + "\n"},
                   {"values.yaml", values}}));
}

TEST_CASE("a chart as charts/values sees it") {
  const Chart chart = load(make_tgz(
      under("top", {{"Chart.yaml",
                     "apiVersion: v2\nname: top\nversion: 1.2.3\ndependencies:\n"
                     "- {name: lib, version: ^1.0.0, alias: l, condition: l.on, tags: [a, b],\n"
                     "   import-values: [data, {child: x.y, parent: z}]}\n"},
                    {"values.yaml", "a: 1\n"},
                    {"values.schema.json", "{\"type\": \"object\"}"},
                    {"charts/lib-1.0.0.tgz", subchart("lib", "1.0.0", "b: 2\n")}})));
  auto tree = to_values_tree(chart);
  REQUIRE_MESSAGE(tree.ok(), tree.error().describe());
  CHECK(tree->name == "top");
  CHECK(tree->version == "1.2.3");
  CHECK(tree->defaults == yaml("a: 1"));
  CHECK(tree->schema == "{\"type\": \"object\"}");
  REQUIRE(tree->dependencies.size() == 1);
  const values::Dependency& dependency = tree->dependencies[0];
  CHECK(dependency.name == "lib");
  CHECK(dependency.version == "^1.0.0");
  CHECK(dependency.alias == "l");
  CHECK(dependency.condition == "l.on");
  CHECK(dependency.tags == std::vector<std::string>{"a", "b"});
  CHECK(dependency.import_values ==
        Value::list({"data", Value::map({{"child", "x.y"}, {"parent", "z"}})}));
  REQUIRE(tree->subcharts.size() == 1);
  CHECK(tree->subcharts[0].name == "lib");
  CHECK(tree->subcharts[0].defaults == yaml("b: 2"));
}

TEST_CASE("render_chart_values: conditions, aliases, versions, imports, user values") {
  const Chart chart = load(make_tgz(under(
      "top",
      {{"Chart.yaml",
        "apiVersion: v2\nname: top\nversion: 1.0.0\ndependencies:\n"
        "- {name: a, version: 1.x, alias: first}\n"
        "- {name: a, version: 1.x, alias: second, condition: second.enabled}\n"
        "- {name: b, version: '>=2.0.0', import-values: [data]}\n"},
       {"values.yaml", "first: {v: top}\nsecond: {enabled: false}\n"},
       {"charts/a-1.0.0.tgz", subchart("a", "1.0.0", "v: a\n")},
       {"charts/b-2.1.0.tgz", subchart("b", "2.1.0", "exports: {data: {imported: yes}}\n")}})));
  std::vector<std::string> warnings;
  auto rendered = render_chart_values(chart, yaml("first: {u: user}"), &warnings);
  REQUIRE_MESSAGE(rendered.ok(), rendered.error().describe());
  CHECK(rendered->values.find_path("first.v")->as_string() == "top");
  CHECK(rendered->values.find_path("first.u")->as_string() == "user");
  CHECK(rendered->values.find_path("imported")->as_bool());
  CHECK(rendered->values.find("second")->find("v") == nullptr);  // not rendered: not coalesced

  std::vector<std::string> visited;
  for_each_rendered_chart(chart, *rendered, [&](const RenderedChart& rendering) {
    std::string section;
    for (const auto& step : rendering.section) section += "/" + step;
    visited.push_back(rendering.chart.name() + "@" + rendering.chart.version() + " " +
                      rendering.tree.name + " " + section);
    if (rendering.tree.name == "first") {
      CHECK(rendering.values.find("v")->as_string() == "top");
    }
  });
  CHECK(visited ==
        std::vector<std::string>{"top@1.0.0 top ", "a@1.0.0 first /first", "b@2.1.0 b /b"});

  auto enabled = render_chart_values(chart, yaml("second: {enabled: true}"));
  REQUIRE(enabled.ok());
  size_t charts = 0;
  for_each_rendered_chart(chart, *enabled, [&](const RenderedChart&) { ++charts; });
  CHECK(charts == 4);
}

TEST_CASE("a dependency whose constraint the vendored version misses leaves it unclaimed") {
  // Helm keeps an unclaimed subchart as loaded, under its own name, and adds none for the
  // dependency: the semver check decides which.
  const Chart chart =
      load(make_tgz(under("top", {{"Chart.yaml",
                                   "apiVersion: v2\nname: top\nversion: 1.0.0\ndependencies:\n"
                                   "- {name: a, version: ^2.0.0, alias: renamed}\n"},
                                  {"charts/a-1.0.0.tgz", subchart("a", "1.0.0", "v: 1\n")}})));
  auto rendered = render_chart_values(chart, Value());
  REQUIRE_MESSAGE(rendered.ok(), rendered.error().describe());
  REQUIRE(rendered->chart.subcharts.size() == 1);
  CHECK(rendered->chart.subcharts[0].name == "a");
}

TEST_CASE("user values that break the schema are an error naming the chart") {
  const Chart chart = load(make_tgz(
      under("top", {{"Chart.yaml", "apiVersion: v2\nname: top\nversion: 1.0.0\n"},
                    {"values.schema.json",
                     R"({"type": "object", "properties": {"replicas": {"type": "integer"}}})"}})));
  auto rendered = render_chart_values(chart, yaml("replicas: many"));
  REQUIRE_FALSE(rendered.ok());
  CHECK(rendered.error().code == Error::Code::kInvalidInput);
  CHECK(rendered.error().describe().find("top") != std::string::npos);
  auto skipped = render_chart_values(chart, yaml("replicas: many"), nullptr, true);
  CHECK(skipped.ok());
}

}  // namespace
}  // namespace chartmirror::charts::images
