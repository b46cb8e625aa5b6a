// toYaml of real values, checked by the real helm (v3.17.3, `make tools`): for every chart of
// the corpus, a throwaway chart holding that chart's values.yaml as its own and one template,
// `{{ toYaml .Values }}`, renders with `helm template` to exactly what to_yaml writes for the
// values as parse_values_yaml reads them. The template writes the YAML base64-encoded in a
// comment, so that helm does not try to read it as a manifest.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "charts/chart/archive.h"
#include "charts/chart/testing/chart_fixture.h"
#include "charts/values/yaml.h"
#include "charts/values/yaml_emit.h"
#include "support/base64.h"
#include "support/subprocess.h"

namespace chartmirror::charts::values {
namespace {

namespace fs = std::filesystem;

constexpr size_t kOutputLimit = size_t{64} << 20;
constexpr std::string_view kMarker = "# toYaml ";

std::vector<fs::path> corpus_archives() {
  std::vector<fs::path> archives;
  for (const auto& entry : fs::directory_iterator(testing::corpus_dir() / "repo")) {
    if (entry.path().extension() == ".tgz") archives.push_back(entry.path());
  }
  std::sort(archives.begin(), archives.end());
  return archives;
}

// What helm's toYaml writes for a chart whose values.yaml is `values_yaml`.
std::string helm_to_yaml(std::string_view values_yaml, const fs::path& dir) {
  testing::write_file(dir / "Chart.yaml", "apiVersion: v2\nname: wrapper\nversion: 0.1.0\n");
  testing::write_file(dir / "values.yaml", values_yaml);
  testing::write_file(dir / "templates/t.yaml",
                      std::string(kMarker) + "{{ toYaml .Values | b64enc }}\n");
  const fs::path binary = testing::helm_binary();
  REQUIRE_MESSAGE(fs::exists(binary), binary.string() << " is missing: run `make tools`");
  auto result = run_process({binary.string(), "template", dir.string()}, "",
                            std::chrono::seconds(120), kOutputLimit);
  REQUIRE_MESSAGE(result.ok(), result.error().message);
  REQUIRE_MESSAGE(result->exit_code == 0, result->err);
  const std::string& out = result->out;
  const size_t at = out.find(kMarker);
  REQUIRE(at != std::string::npos);
  const size_t start = at + kMarker.size();
  const size_t end = std::min(out.find('\n', start), out.size());
  auto decoded = base64_decode(std::string_view(out).substr(start, end - start));
  REQUIRE(decoded.has_value());
  return *decoded;
}

TEST_CASE("toYaml of every corpus chart's values is byte for byte helm's") {
  const auto archives = corpus_archives();
  REQUIRE(archives.size() == 31);
  int identical = 0;
  for (const fs::path& archive : archives) {
    CAPTURE(archive.filename().string());
    auto chart = load_archive_file(archive);
    REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
    const std::string_view values_yaml = chart->values();
    auto values = parse_values_yaml(values_yaml, "values.yaml");
    REQUIRE_MESSAGE(values.ok(), values.error().describe());
    const std::string ours = to_yaml(values.value());
    CHECK(!ours.empty());
    const testing::TempDir dir;
    const std::string helms = helm_to_yaml(values_yaml, dir.path());
    CHECK(ours == helms);
    if (ours == helms) ++identical;
  }
  MESSAGE(identical << "/" << archives.size() << " byte-identical");
}

}  // namespace
}  // namespace chartmirror::charts::values
