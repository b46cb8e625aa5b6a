#include "charts/deps/dependency_resolver.h"

#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "charts/chart/archive.h"
#include "charts/chart/testing/chart_fixture.h"

namespace chartmirror::charts {
namespace {

using testing::make_tgz;
using testing::under;

std::string chart_yaml(const std::string& name, const std::string& version,
                       const std::string& dependencies = "") {
  return "apiVersion: v2\nname: " + name + "\nversion: " + version + "\n" +
         (dependencies.empty() ? "" : "dependencies:\n" + dependencies);
}

std::string archive(const std::string& name, const std::string& version,
                    const std::string& dependencies = "",
                    std::vector<std::pair<std::string, std::string>> extra = {}) {
  extra.emplace_back("Chart.yaml", chart_yaml(name, version, dependencies));
  return make_tgz(under(name, extra));
}

Chart load(const std::string& bytes, const std::string& source = "top.tgz") {
  auto chart = load_archive(bytes, source);
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  return std::move(chart).value();
}

// A repository of archives by "repo|name", the version asked recorded.
struct FakeRepositories {
  std::map<std::string, std::string> archives;
  std::vector<ChartRequest> asked;

  ChartFetcher fetcher() {
    return [this](const ChartRequest& request) -> Result<FetchedChart, Error> {
      asked.push_back(request);
      const auto found = archives.find(request.repo_url + "|" + request.chart);
      if (found == archives.end()) {
        return Error{.code = Error::Code::kNotFound,
                     .message = "chart \"" + request.chart + "\" version \"" + request.version +
                                "\" not found",
                     .source = request.repo_url};
      }
      return FetchedChart{.name = request.chart,
                          .source = request.repo_url + "/" + request.chart + ".tgz",
                          .archive = found->second,
                          .digest = "sha256:fake"};
    };
  }
};

std::vector<std::string> names(const ResolvedTree& tree) {
  std::vector<std::string> out;
  for (const auto& chart : tree.charts) out.push_back(chart.name + "@" + chart.version);
  return out;
}

}  // namespace

TEST_CASE("vendored subcharts are used as they are, and listed as charts to mirror") {
  const std::string sub = archive("redis", "19.0.2");
  const std::string top = make_tgz(
      under("app", {{"Chart.yaml", chart_yaml("app", "1.0.0",
                                              "  - name: redis\n    version: ~19.0\n"
                                              "    repository: https://charts.example/\n")},
                    {"charts/redis-19.0.2.tgz", sub}}));
  FakeRepositories repositories;
  auto tree = resolve_dependencies(load(top), FetchedChart{.source = "top.tgz"}, {},
                                   repositories.fetcher());
  REQUIRE_MESSAGE(tree.ok(), tree.error().describe());
  CHECK(repositories.asked.empty());
  CHECK(names(*tree) == std::vector<std::string>{"app@1.0.0", "redis@19.0.2"});
  CHECK(tree->charts[1].vendored);
  CHECK(tree->charts[1].path == std::vector<std::string>{"app@1.0.0"});
  CHECK(tree->chart.dependencies().size() == 1);
}

TEST_CASE("missing dependencies are fetched from their repository, recursively") {
  FakeRepositories repositories;
  repositories.archives["https://charts.example|db"] =
      archive("db", "2.1.0",
              "  - name: common\n    version: 1.x\n    repository: oci://r.example/charts\n");
  repositories.archives["oci://r.example/charts|common"] = archive("common", "1.4.0");
  const std::string top =
      archive("app", "1.0.0",
              "  - name: db\n    version: ^2.0.0\n    repository: https://charts.example\n");
  auto tree = resolve_dependencies(load(top), FetchedChart{.source = "top.tgz"}, {},
                                   repositories.fetcher());
  REQUIRE_MESSAGE(tree.ok(), tree.error().describe());
  REQUIRE(repositories.asked.size() == 2);
  CHECK(repositories.asked[0].chart == "db");
  CHECK(repositories.asked[0].repo_url == "https://charts.example");
  CHECK(repositories.asked[0].version == "^2.0.0");
  CHECK(repositories.asked[1].repo_url == "oci://r.example/charts");
  CHECK(names(*tree) == std::vector<std::string>{"app@1.0.0", "db@2.1.0", "common@1.4.0"});
  CHECK(tree->charts[2].path == std::vector<std::string>{"app@1.0.0", "db@2.1.0"});
  CHECK_FALSE(tree->charts[2].archive.empty());
  REQUIRE(tree->chart.dependencies().size() == 1);
  CHECK(tree->chart.dependencies()[0].dependencies().size() == 1);
}

TEST_CASE("file:// dependencies are read relative to the chart's directory") {
  testing::TempDir dir;
  testing::write_file(dir.path() / "app/Chart.yaml",
                      chart_yaml("app", "1.0.0", "  - name: lib\n    repository: file://../lib\n"));
  testing::write_file(dir.path() / "lib/Chart.yaml", chart_yaml("lib", "0.1.0"));
  auto chart = load_chart(dir.path() / "app");
  REQUIRE(chart.ok());
  FakeRepositories repositories;
  auto tree = resolve_dependencies(std::move(chart).value(), FetchedChart{.source = "app"},
                                   dir.path() / "app", repositories.fetcher());
  REQUIRE_MESSAGE(tree.ok(), tree.error().describe());
  CHECK(names(*tree) == std::vector<std::string>{"app@1.0.0", "lib@0.1.0"});

  SUBCASE("but not for a chart that came as an archive") {
    const std::string top =
        archive("app", "1.0.0", "  - name: lib\n    repository: file://../lib\n");
    auto refused = resolve_dependencies(load(top), FetchedChart{.source = "top.tgz"}, {},
                                        repositories.fetcher());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("not loaded from a directory") != std::string::npos);
  }
}

TEST_CASE("dependencies that cannot be resolved are errors naming the chart and the cause") {
  FakeRepositories repositories;
  struct Case {
    const char* dependencies;
    const char* expected;
  };
  const Case cases[] = {
      {"  - name: db\n    version: 1.0.0\n",
       "it is not vendored under charts/ and names no repository"},
      {"  - name: db\n    repository: \"@stable\"\n", "helm's repositories.yaml"},
      {"  - name: db\n    repository: alias:stable\n", "helm's repositories.yaml"},
      {"  - name: db\n    repository: ftp://x\n", "is not an http(s)://, oci:// or file:// URL"},
      {"  - name: db\n    version: 9.x\n    repository: https://nowhere\n",
       "chart \"db\" version \"9.x\" not found"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.dependencies);
    auto tree = resolve_dependencies(load(archive("app", "1.0.0", c.dependencies)),
                                     FetchedChart{.source = "top.tgz"}, {}, repositories.fetcher());
    REQUIRE_FALSE(tree.ok());
    CHECK(tree.error().message.starts_with("dependency \"db\" of chart app@1.0.0: "));
    CHECK(tree.error().message.find(c.expected) != std::string::npos);
  }
}

TEST_CASE("a repository that serves another chart under the name is refused") {
  FakeRepositories repositories;
  repositories.archives["https://charts.example|db"] = archive("other", "1.0.0");
  auto tree = resolve_dependencies(
      load(archive("app", "1.0.0", "  - name: db\n    repository: https://charts.example\n")),
      FetchedChart{.source = "top.tgz"}, {}, repositories.fetcher());
  REQUIRE_FALSE(tree.ok());
  CHECK(tree.error().message.find("holds chart \"other\"") != std::string::npos);
}

TEST_CASE("a dependency cycle is an error naming the chain") {
  FakeRepositories repositories;
  repositories.archives["https://r|b"] =
      archive("b", "1.0.0", "  - name: a\n    repository: https://r\n");
  repositories.archives["https://r|a"] =
      archive("a", "1.0.0", "  - name: b\n    repository: https://r\n");
  auto tree = resolve_dependencies(load(repositories.archives["https://r|a"]),
                                   FetchedChart{.source = "a.tgz"}, {}, repositories.fetcher());
  REQUIRE_FALSE(tree.ok());
  CHECK(tree.error().message == "dependency cycle: a@1.0.0 -> b@1.0.0 -> a@1.0.0");
}

}  // namespace chartmirror::charts
