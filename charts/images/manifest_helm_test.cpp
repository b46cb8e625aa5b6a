// The images in what `helm template` (v3.17.3, `make tools`) prints for every chart of the
// shared corpus (repo/index.yaml, with charts.json's render_args where a chart refuses its
// defaults), and for a few charts with other values that switch components on or off, against
// the golden lists in testdata/manifests/NAME.txt: each image, sorted, with every place the
// manifests name it, then the scan's warnings.
//
// The golden files were written by this scan and then checked by hand against helm's output
// (every `image` and every string naming a registry host accounted for). To write them again:
// CHARTMIRROR_UPDATE_GOLDEN=1 charts_images_helm_test, then read the diff.
//
// Rendering is one function (Renderer: a case's archive and helm flags in, the printed stream
// out); charts/engine's renderer runs the same cases in place of helm's. The golden text holds
// each image's origins (template path, object, field), so chartmirror must print what helm
// prints where images are concerned.
//
// --include-crds is not passed: with it, every corpus chart gives the same images (CRDs are
// schemas, and the scan skips CustomResourceDefinitions).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "charts/chart/archive.h"
#include "charts/chart/testing/chart_fixture.h"
#include "charts/engine/manifests.h"
#include "charts/engine/render.h"
#include "charts/images/chart_values.h"
#include "charts/images/manifest_scan.h"
#include "charts/images/manifest_stream.h"
#include "charts/values/set_parser.h"
#include "charts/values/yaml.h"
#include "support/subprocess.h"

namespace chartmirror::charts::images {
namespace {

namespace fs = std::filesystem;

constexpr size_t kOutputLimit = size_t{256} << 20;

struct RenderCase {
  std::string golden;             // testdata/manifests/<golden>.txt
  std::string archive;            // under the corpus's repo/
  std::vector<std::string> args;  // after `template release ARCHIVE` and the common flags
};

// The flags every case renders with: hooks are printed; CRDs are not (--include-crds adds
// only schemas, and the scan skips CustomResourceDefinitions).
const std::vector<std::string> kCommonArgs = {"--namespace", "default", "--kube-version", "1.31.0"};

struct Rendered {
  bool ok = false;
  std::string stream;  // what `helm template` prints
  std::string error;
};

// Renders a case as `helm template release ARCHIVE ...` would.
using Renderer = std::function<Rendered(const RenderCase&)>;

Rendered helm_template(const RenderCase& c) {
  const fs::path binary = testing::helm_binary();
  REQUIRE_MESSAGE(fs::exists(binary), binary.string() << " is missing: run `make tools`");
  std::vector<std::string> argv = {binary.string(), "template", "release",
                                   (testing::corpus_dir() / "repo" / c.archive).string()};
  argv.insert(argv.end(), kCommonArgs.begin(), kCommonArgs.end());
  argv.insert(argv.end(), c.args.begin(), c.args.end());
  auto result = run_process(argv, "", std::chrono::seconds(300), kOutputLimit);
  REQUIRE_MESSAGE(result.ok(), result.error().message);
  if (result->exit_code != 0) return Rendered{.ok = false, .stream = {}, .error = result->err};
  return Rendered{.ok = true, .stream = std::move(result->out), .error = {}};
}

// charts.json's render_args, by "NAME-VERSION".
std::map<std::string, std::vector<std::string>> render_args() {
  auto index =
      values::parse_yaml(testing::read_file(testing::corpus_dir() / "charts.json"), "charts.json");
  REQUIRE_MESSAGE(index.ok(), index.error().describe());
  std::map<std::string, std::vector<std::string>> out;
  for (const values::Value& entry : index->as_list()) {
    const values::Value* args = entry.find("render_args");
    if (args == nullptr || !args->is_list()) continue;
    std::vector<std::string>& into =
        out[entry.find("name")->as_string() + "-" + entry.find("version")->as_string()];
    for (const values::Value& arg : args->as_list()) into.push_back(arg.as_string());
  }
  return out;
}

// Every chart version of repo/index.yaml, with its render_args.
std::vector<RenderCase> corpus_cases() {
  auto index = values::parse_yaml(testing::read_file(testing::corpus_dir() / "repo/index.yaml"),
                                  "index.yaml");
  REQUIRE_MESSAGE(index.ok(), index.error().describe());
  const auto args = render_args();
  std::vector<RenderCase> out;
  for (const auto& [name, versions] : index->find("entries")->as_map()) {
    for (const values::Value& version : versions.as_list()) {
      const std::string stem = name + "-" + version.find("version")->as_string();
      const auto found = args.find(stem);
      out.push_back(
          RenderCase{.golden = stem,
                     .archive = stem + ".tgz",
                     .args = found == args.end() ? std::vector<std::string>{} : found->second});
    }
  }
  return out;
}

// Charts whose images change with their values: a subchart or component on or off.
const std::vector<RenderCase> kValuesCases = {
    // redis-ha instead of the chart's own redis: haproxy, redis and its exporter images.
    {"argo-cd-5.51.4.redis-ha", "argo-cd-5.51.4.tgz", {"--set", "redis-ha.enabled=true"}},
    // No grafana subchart (its images go); a ThanosRuler custom resource (its spec.image).
    {"kube-prometheus-stack-63.1.0.thanos-ruler",
     "kube-prometheus-stack-63.1.0.tgz",
     {"--set", "grafana.enabled=false", "--set", "thanosRuler.enabled=true"}},
    // The minio subchart on: minio and its mc client.
    {"loki-5.38.0.minio", "loki-5.38.0.tgz", {"--set", "minio.enabled=true"}},
    // Sentinel and the metrics exporter: two more containers in the StatefulSet.
    {"redis-19.0.2.sentinel-metrics",
     "redis-19.0.2.tgz",
     {"--set", "sentinel.enabled=true", "--set", "metrics.enabled=true"}},
};

std::string describe(const ImageOrigin& origin) {
  std::string object = origin.object_kind + " ";
  if (!origin.object_namespace.empty()) object += origin.object_namespace + "/";
  object += origin.object_name;
  return "    " + origin.template_file + "  " + object + "  " + format_path(origin.path) + "  " +
         match_name(origin.match);
}

// The golden text of one scan.
std::string golden_text(const RenderCase& c, const ManifestScan& scan) {
  std::string out = "# helm template release " + c.archive;
  for (const auto& arg : kCommonArgs) out += " " + arg;
  for (const auto& arg : c.args) out += " " + arg;
  const std::vector<DiscoveredImage> grouped = group_images(scan.images);
  out += "\n# " + std::to_string(grouped.size()) + " images\n";
  for (const DiscoveredImage& image : grouped) {
    out += image.reference.str() + "\n";
    for (const ImageOrigin& origin : image.origins) out += describe(origin) + "\n";
  }
  for (const std::string& warning : scan.warnings) out += "warning: " + warning + "\n";
  return out;
}

fs::path golden_path(const RenderCase& c) {
  return fs::path(CHARTMIRROR_IMAGES_TESTDATA) / "manifests" / (c.golden + ".txt");
}

void check_case(const RenderCase& c, const Renderer& render) {
  CAPTURE(c.golden);
  auto chart = load_archive_file(testing::corpus_dir() / "repo" / c.archive);
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  const Rendered rendered = render(c);
  if (chart->metadata().is_library()) {
    CHECK_FALSE(rendered.ok);  // "library charts are not installable"
    return;
  }
  REQUIRE_MESSAGE(rendered.ok, rendered.error);
  auto scanned = scan_manifests(rendered.stream);
  REQUIRE_MESSAGE(scanned.ok(), scanned.error().describe());
  const std::string text = golden_text(c, *scanned);
  const fs::path path = golden_path(c);
  if (std::getenv("CHARTMIRROR_UPDATE_GOLDEN") != nullptr) {
    testing::write_file(path, text);
    return;
  }
  REQUIRE_MESSAGE(fs::exists(path), path.string() << " is missing");
  CHECK(text == testing::read_file(path));
}

void check_all(const Renderer& render) {
  const auto cases = corpus_cases();
  CHECK(cases.size() == 31);
  for (const RenderCase& c : cases) check_case(c, render);
  for (const RenderCase& c : kValuesCases) check_case(c, render);
}

// The same case rendered by charts/engine in this process: the chart loaded from its archive
// (the corpus vendors every dependency), --set and --api-versions read as helm reads them.
Rendered chartmirror_template(const RenderCase& c) {
  auto chart = load_archive_file(testing::corpus_dir() / "repo" / c.archive);
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  values::Value user_values = values::Value::Map{};
  engine::RenderOptions options;
  options.release_name = "release";
  auto kube_version = engine::parse_kube_version("1.31.0");
  REQUIRE(kube_version.ok());
  options.capabilities.kube_version = *kube_version;
  for (std::size_t i = 0; i + 1 < c.args.size(); i += 2) {
    if (c.args[i] == "--set") {
      auto parsed = values::parse_set_into(c.args[i + 1], user_values, values::SetMode::kTyped);
      REQUIRE_MESSAGE(parsed.ok(), parsed.error().describe());
    } else {
      REQUIRE_MESSAGE(c.args[i] == "--api-versions", "unexpected flag " << c.args[i]);
      options.capabilities.api_versions.push_back(c.args[i + 1]);
    }
  }
  auto values = render_chart_values(*chart, user_values);
  if (!values.ok()) return Rendered{.ok = false, .stream = {}, .error = values.error().describe()};
  auto rendered = engine::render(*chart, *values, options);
  if (!rendered.ok()) {
    return Rendered{.ok = false, .stream = {}, .error = rendered.error().describe()};
  }
  auto stream =
      engine::template_output(*rendered, chart->metadata(), options.capabilities.kube_version);
  if (!stream.ok()) return Rendered{.ok = false, .stream = {}, .error = stream.error().describe()};
  return Rendered{.ok = true, .stream = std::move(stream).value(), .error = {}};
}

TEST_CASE("the images in helm's rendering of every corpus chart are the golden ones") {
  check_all(helm_template);
}

// The measure: the same extraction applied to chartmirror's rendering gives, for every
// chart and every values case, exactly what it gives on helm's (the golden files, origins
// included).
TEST_CASE("the images in chartmirror's rendering of every corpus chart are the golden ones") {
  check_all(chartmirror_template);
}

// helm splits a template's output into documents (and prints each after "---\n# Source: ");
// split_manifests must find the same documents in the same text. Sorted on both sides: helm
// orders documents by kind.
TEST_CASE("split_manifests finds the documents helm finds") {
  const std::string content =
      "kind: A  \n\n---   \nkind: B\n--- # comment\nkind: C\n---\n---\nkind: D\n"
      "e: |\n  ---\n  x---y\n---\n\n\n---\nkind: E\n";
  const testing::TempDir dir;
  testing::write_file(dir.path() / "Chart.yaml", "apiVersion: v2\nname: split\nversion: 0.1.0\n");
  testing::write_file(dir.path() / "templates/a.yaml", content);
  const fs::path binary = testing::helm_binary();
  REQUIRE_MESSAGE(fs::exists(binary), binary.string() << " is missing: run `make tools`");
  auto result = run_process({binary.string(), "template", "x", dir.path().string()}, "",
                            std::chrono::seconds(120), kOutputLimit);
  REQUIRE_MESSAGE(result.ok(), result.error().message);
  REQUIRE_MESSAGE(result->exit_code == 0, result->err);

  const std::string marker = "---\n# Source: split/templates/a.yaml\n";
  std::vector<std::string> helms;
  for (size_t at = result->out.find(marker); at != std::string::npos;) {
    const size_t start = at + marker.size();
    at = result->out.find(marker, start);
    std::string document = result->out.substr(start, at == std::string::npos ? at : at - start);
    while (!document.empty() && document.back() == '\n') document.pop_back();
    helms.push_back(document);
  }
  std::vector<std::string> ours;
  for (const ManifestDocument& document : split_manifests(content)) ours.push_back(document.text);
  std::sort(helms.begin(), helms.end());
  std::sort(ours.begin(), ours.end());
  CHECK(helms.size() == 5);
  CHECK(ours == helms);
}

// What the golden files must hold whatever else changes: the images operators launch.
TEST_CASE("images handed to operators as arguments and in ConfigMaps are found") {
  const std::map<std::string, std::vector<std::string>> must = {
      {"kube-prometheus-stack-63.1.0",
       {"quay.io/prometheus-operator/prometheus-config-reloader:v0.76.1",
        "quay.io/thanos/thanos:v0.36.1", "quay.io/prometheus/prometheus:v2.54.1",
        "quay.io/prometheus/alertmanager:v0.27.0"}},
      {"cert-manager-v1.13.2", {"quay.io/jetstack/cert-manager-acmesolver:v1.13.2"}},
      {"trivy-operator-0.19.0",
       {"ghcr.io/aquasecurity/node-collector:0.0.9", "ghcr.io/aquasecurity/trivy:0.47.0"}},
      {"kubescape-operator-1.16.3",
       {"quay.io/kubescape/host-scanner:v1.0.66", "quay.io/kubescape/http-request:v0.0.14"}},
      {"vault-0.28.0", {"docker.io/hashicorp/vault:1.16.1"}},
  };
  for (const auto& entry : must) {
    const std::string& stem = entry.first;
    CAPTURE(stem);
    const std::string golden =
        testing::read_file(fs::path(CHARTMIRROR_IMAGES_TESTDATA) / "manifests" / (stem + ".txt"));
    for (const std::string& image : entry.second) {
      CAPTURE(image);
      CHECK(golden.find("\n" + image + "\n") != std::string::npos);
    }
  }
}

}  // namespace
}  // namespace chartmirror::charts::images
