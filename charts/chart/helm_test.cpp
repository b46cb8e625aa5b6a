// Packages written by package_chart, checked by the real helm (v3.17.3, `make tools`): every
// corpus chart, loaded and packaged again, renders with `helm template` exactly as the
// original archive does and lints as it does; a chart read from a directory and one built in
// code are accepted too.
#include <algorithm>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "charts/chart/archive.h"
#include "charts/chart/package.h"
#include "charts/chart/testing/chart_fixture.h"
#include "support/subprocess.h"

namespace chartmirror::charts {
namespace {

namespace fs = std::filesystem;

ProcessOutput helm(std::vector<std::string> args) { return testing::run_helm(std::move(args)); }

// `helm template` arguments a chart needs to render offline (charts.json render_args).
std::vector<std::string> render_args(const nlohmann::json& listed, const Chart& chart) {
  for (const auto& item : listed) {
    if (item.at("name") != chart.name() || item.at("version") != chart.version()) continue;
    if (item.at("render_args").is_array()) return item.at("render_args");
  }
  return {};
}

std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  for (size_t start = 0; start < text.size();) {
    const size_t end = std::min(text.find('\n', start), text.size());
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Our rendering equals the original's, except where the chart renders differently on each run
// (random passwords and certificates): lines that differ between two renderings of the
// original are not compared.
void check_same_rendering(std::string_view ours, std::string_view first, std::string_view second) {
  if (first == second) {
    CHECK(ours == first);
    return;
  }
  const auto a = lines(first);
  const auto b = lines(second);
  const auto mine = lines(ours);
  REQUIRE(a.size() == b.size());
  REQUIRE(mine.size() == a.size());
  size_t compared = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) continue;
    ++compared;
    CAPTURE(i);
    CHECK(mine[i] == a[i]);
  }
  CHECK(compared > a.size() / 2);
}

fs::path write_package(const Chart& chart, const fs::path& dir) {
  auto bytes = package_chart(chart);
  REQUIRE_MESSAGE(bytes.ok(), bytes.error().describe());
  fs::path path = dir / package_file_name(chart);
  testing::write_file(path, bytes.value());
  return path;
}

}  // namespace

TEST_CASE("helm renders and lints every corpus chart we package as it does the original") {
  const fs::path corpus = testing::corpus_dir();
  const auto listed = nlohmann::json::parse(testing::read_file(corpus / "charts.json"));
  testing::TempDir tmp;
  size_t charts = 0;
  for (const auto& entry : fs::directory_iterator(corpus / "repo")) {
    if (entry.path().extension() != ".tgz") continue;
    CAPTURE(entry.path().filename().string());
    auto chart = load_archive_file(entry.path());
    REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
    const fs::path ours = write_package(chart.value(), tmp.path());
    ++charts;

    const ProcessOutput original_lint = helm({"lint", entry.path().string()});
    const ProcessOutput our_lint = helm({"lint", ours.string()});
    INFO(our_lint.out << our_lint.err);
    CHECK(our_lint.exit_code == original_lint.exit_code);

    if (chart->metadata().is_library()) continue;  // helm template refuses library charts
    std::vector<std::string> args = {"template", "x"};
    const std::vector<std::string> extra = render_args(listed, chart.value());
    auto render = [&](const fs::path& archive) {
      std::vector<std::string> command = args;
      command.push_back(archive.string());
      command.insert(command.end(), extra.begin(), extra.end());
      return helm(command);
    };
    const ProcessOutput original = render(entry.path());
    REQUIRE_MESSAGE(original.exit_code == 0, original.err);
    const ProcessOutput again = render(entry.path());
    const ProcessOutput rendered = render(ours);
    INFO(rendered.err);
    CHECK(rendered.exit_code == 0);
    check_same_rendering(rendered.out, original.out, again.out);
  }
  CHECK(charts == 31);
}

TEST_CASE("helm accepts a chart read from a directory, and one built in code") {
  testing::TempDir tmp;
  const fs::path dir = tmp.path() / "web";
  testing::write_file(dir / "Chart.yaml",
                      "apiVersion: v2\nname: web\nversion: 0.1.0\nicon: https://example.com/i.png\n"
                      "dependencies:\n- name: db\n  version: 1.0.0\n  condition: db.enabled\n");
  testing::write_file(dir / "values.yaml", "image: nginx:1.25\ndb:\n  enabled: true\n");
  testing::write_file(dir / "templates/pod.yaml",
                      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n"
                      "spec:\n  containers:\n  - name: web\n    image: {{ .Values.image }}\n");
  testing::write_file(dir / "charts/db/Chart.yaml", "apiVersion: v2\nname: db\nversion: 1.0.0\n");
  testing::write_file(dir / "charts/db/templates/cm.yaml",
                      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\n");
  auto chart = load_directory(dir);
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  const fs::path ours = write_package(chart.value(), tmp.path());
  CHECK(helm({"lint", ours.string()}).exit_code == 0);
  const ProcessOutput from_directory = helm({"template", "x", dir.string()});
  const ProcessOutput from_package = helm({"template", "x", ours.string()});
  REQUIRE(from_directory.exit_code == 0);
  CHECK(from_package.exit_code == 0);
  CHECK(from_package.out == from_directory.out);
  CHECK(from_package.out.find("kind: ConfigMap") != std::string::npos);

  FileMap files;
  files["Chart.yaml"] = "apiVersion: v2\nname: built\nversion: 1.0.0\nicon: https://x.io/i.png\n";
  files["templates/cm.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: built\n";
  auto built = Chart::from_files(std::move(files), "code");
  REQUIRE(built.ok());
  const fs::path built_package = write_package(built.value(), tmp.path());
  CHECK(helm({"lint", built_package.string()}).exit_code == 0);
  const ProcessOutput rendered = helm({"template", "x", built_package.string()});
  CHECK(rendered.exit_code == 0);
  CHECK(rendered.out.find("name: built") != std::string::npos);
}

}  // namespace chartmirror::charts
