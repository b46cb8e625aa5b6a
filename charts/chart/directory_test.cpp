#include <doctest/doctest.h>
#include <sys/stat.h>

#include "charts/chart/archive.h"
#include "charts/chart/testing/chart_fixture.h"

namespace chartmirror::charts {
namespace {

namespace fs = std::filesystem;
using testing::write_file;

const std::string kChartYaml = "apiVersion: v2\nname: demo\nversion: 1.2.3\n";

std::vector<std::string> paths(const Chart& chart) {
  std::vector<std::string> out;
  for (const auto& [path, data] : chart.files()) out.push_back(path);
  return out;
}

}  // namespace

TEST_CASE("a chart directory loads as helm package reads it: .helmignore, links followed") {
  testing::TempDir tmp;
  const fs::path dir = tmp.path() / "demo";
  write_file(dir / "Chart.yaml", kChartYaml);
  write_file(dir / "values.yaml", "\xEF\xBB\xBFreplicas: 1\n");
  write_file(dir / ".helmignore", "# editor files\n*.bak\nsecret/\n");
  write_file(dir / "x.bak", "ignored");
  write_file(dir / "secret/key", "ignored with its directory");
  write_file(dir / "templates/a.yaml", "a");
  write_file(dir / "templates/.hidden", "ignored by Helm's default rule");
  write_file(dir / "templates/sub/.kept", "the default rule is for templates/ itself");
  write_file(dir / "charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
  write_file(dir / "charts/sub/.helmignore", "*\n");  // a subchart's own rules do not apply
  write_file(dir / "charts/.gitkeep", "");
  write_file(tmp.path() / "outside/file.yaml", "linked file");
  write_file(tmp.path() / "outside/dir/inner.txt", "linked directory");
  fs::create_symlink(tmp.path() / "outside/file.yaml", dir / "linked.yaml");
  fs::create_symlink(tmp.path() / "outside/dir", dir / "linkdir");

  auto chart = load_directory(dir);
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  CHECK(chart->source() == dir.string());
  CHECK(paths(*chart) == std::vector<std::string>{".helmignore", "Chart.yaml", "linkdir/inner.txt",
                                                  "linked.yaml", "templates/a.yaml",
                                                  "templates/sub/.kept", "values.yaml"});
  CHECK(chart->values() == "replicas: 1\n");
  CHECK(*chart->find("linked.yaml") == "linked file");
  REQUIRE(chart->dependencies().size() == 1);
  CHECK(chart->dependencies()[0].source() == "charts/sub");
  CHECK(paths(chart->dependencies()[0]) == std::vector<std::string>{".helmignore", "Chart.yaml"});

  auto same = load_chart(dir);
  REQUIRE(same.ok());
  CHECK(paths(*same) == paths(*chart));
}

TEST_CASE("a chart directory with a link cycle, a dangling link or a FIFO is refused") {
  testing::TempDir tmp;
  const fs::path dir = tmp.path() / "demo";
  write_file(dir / "Chart.yaml", kChartYaml);

  fs::create_symlink(dir, dir / "loop");
  auto loop = load_directory(dir);
  REQUIRE_FALSE(loop.ok());
  CHECK(loop.error().message.starts_with("loop: a symbolic link leads back into"));
  fs::remove(dir / "loop");

  fs::create_symlink(dir / "missing", dir / "dangling");
  auto dangling = load_directory(dir);
  REQUIRE_FALSE(dangling.ok());
  CHECK(dangling.error().message == "dangling: a symbolic link that leads nowhere");
  fs::remove(dir / "dangling");

  REQUIRE(::mkfifo((dir / "pipe").c_str(), 0600) == 0);
  auto fifo = load_directory(dir);
  REQUIRE_FALSE(fifo.ok());
  CHECK(fifo.error().message == "pipe: cannot load irregular file (a device, FIFO or socket)");
  // What .helmignore leaves out is not looked at.
  write_file(dir / ".helmignore", "pipe\n");
  CHECK(load_directory(dir).ok());
}

TEST_CASE("a chart directory is held to the same limits") {
  testing::TempDir tmp;
  const fs::path dir = tmp.path() / "demo";
  write_file(dir / "Chart.yaml", kChartYaml);
  write_file(dir / "big.txt", std::string(2048, 'x'));
  auto big = load_directory(dir, {.max_file_size = 1024});
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().code == Error::Code::kTooLarge);
  CHECK(big.error().message == "big.txt: larger than the maximum file size of 1024 bytes");
  auto total = load_directory(dir, {.max_total_size = 2048});
  REQUIRE_FALSE(total.ok());
  CHECK(total.error().code == Error::Code::kTooLarge);

  auto missing = load_directory(tmp.path() / "missing");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == Error::Code::kNotFound);
  write_file(dir / ".helmignore", "ok\n**/x\n");
  auto bad_rules = load_directory(dir);
  REQUIRE_FALSE(bad_rules.ok());
  CHECK(bad_rules.error().message ==
        ".helmignore: line 2: double-star (**) syntax is not supported");
}

}  // namespace chartmirror::charts
