#include "operator/cli/images_command.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "operator/cli/cli.h"

namespace chartmirror::cli {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

Outcome images(std::vector<std::string_view> args) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = run_images(args, out, err);
  return {code, out.str(), err.str()};
}

// A chart directory with one image in its values and one in its annotation, removed after.
class ChartDir {
 public:
  ChartDir()
      : path_(fs::temp_directory_path() /
              ("images-cli-" + std::to_string(std::random_device()()))) {
    fs::create_directories(path_ / "templates");
    write("Chart.yaml",
          "apiVersion: v2\nname: demo\nversion: 1.0.0\nappVersion: '2.1'\nannotations:\n"
          "  images: |\n    - {name: helper, image: 'quay.io/demo/helper:3'}\n");
    write("values.yaml", "image: {repository: ghcr.io/demo/app, tag: ''}\nsidecar: false\n");
    write("templates/pod.yaml",
          "apiVersion: v1\nkind: Pod\nmetadata: {name: {{ .Release.Name }}}\nspec:\n"
          "  containers:\n"
          "    - name: app\n"
          "      image: {{ .Values.image.repository }}:{{ .Values.image.tag | default "
          ".Chart.AppVersion }}\n"
          "{{- if .Values.sidecar }}\n"
          "    - {name: sidecar, image: 'docker.io/demo/sidecar:1'}\n"
          "{{- end }}\n");
  }
  ChartDir(const ChartDir&) = delete;
  ChartDir& operator=(const ChartDir&) = delete;
  ChartDir(ChartDir&&) = delete;
  ChartDir& operator=(ChartDir&&) = delete;
  ~ChartDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
  }
  [[nodiscard]] std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

TEST_CASE("images of a chart directory: rendered, references on stdout, nothing on stderr") {
  const ChartDir chart;
  const auto result = images({chart.path()});
  CHECK(result.code == kExitOk);
  CHECK(result.out == "ghcr.io/demo/app:2.1\nquay.io/demo/helper:3\n");
  CHECK(result.err.empty());

  const auto sidecar = images({chart.path(), "--set", "sidecar=true"});
  CHECK(sidecar.out == "docker.io/demo/sidecar:1\nghcr.io/demo/app:2.1\nquay.io/demo/helper:3\n");

  const auto set = images({chart.path(), "--set", "image.tag=9", "--set-string", "x=1"});
  CHECK(set.code == kExitOk);
  CHECK(set.out == "ghcr.io/demo/app:9\nquay.io/demo/helper:3\n");

  chart.write("more.yaml", "image: {repository: ghcr.io/demo/other}\n");
  const std::string more = chart.path() + "/more.yaml";
  const auto file = images({chart.path(), "-f", more});
  CHECK(file.out == "ghcr.io/demo/other:2.1\nquay.io/demo/helper:3\n");
}

TEST_CASE("-o json: each image with where it was found") {
  const ChartDir chart;
  const auto result = images({chart.path(), "-o", "json"});
  REQUIRE(result.code == kExitOk);
  const auto document = nlohmann::json::parse(result.out);
  CHECK(document["chart"]["name"] == "demo");
  CHECK(document["chart"]["version"] == "1.0.0");
  REQUIRE(document["images"].size() == 2);
  const auto& app = document["images"][0];
  CHECK(app["image"] == "ghcr.io/demo/app:2.1");
  CHECK(app["registry"] == "ghcr.io");
  CHECK(app["repository"] == "demo/app");
  CHECK(app["tag"] == "2.1");
  REQUIRE(app["origins"].size() == 1);
  const auto& rendered = app["origins"][0];
  CHECK(rendered["kind"] == "template");
  CHECK(rendered["template"] == "demo/templates/pod.yaml");
  CHECK(rendered["objectKind"] == "Pod");
  CHECK(rendered["name"] == "release-name");
  CHECK(rendered["field"] == "spec.containers[0].image");
  CHECK(rendered["match"] == "container-image");
  const auto& helper = document["images"][1]["origins"][0];
  CHECK(helper["kind"] == "annotation");
  CHECK(helper["annotation"] == "images");
  CHECK(helper["name"] == "helper");
  CHECK(document["discovery"] == nlohmann::json::array({"templates", "annotations"}));

  const auto scanned = images({chart.path(), "-o", "json", "--values-scan"});
  const auto with_values = nlohmann::json::parse(scanned.out);
  CHECK(with_values["discovery"] == nlohmann::json::array({"templates", "annotations", "values"}));
  REQUIRE(with_values["images"][0]["origins"].size() == 2);
  const auto& origin = with_values["images"][0]["origins"][1];
  CHECK(origin["kind"] == "values");
  CHECK(origin["chart"] == "demo");
  CHECK(origin["path"] == "image");
  CHECK(origin["pathSteps"] == nlohmann::json::array({"image"}));
  CHECK(origin["shape"] == "repository-map");
  CHECK(origin["tagFromAppVersion"] == true);
}

TEST_CASE("what the scans cannot use is a warning on stderr, and in -o json") {
  const ChartDir chart;
  const auto text = images({chart.path(), "--set", "image.repository=Bad/Repo", "--values-scan"});
  CHECK(text.code == kExitOk);
  CHECK(text.out == "quay.io/demo/helper:3\n");
  CHECK(text.err.find("chartmirror images: warning: chart demo, values image: \"Bad/Repo:2.1\" "
                      "is not an image reference") != std::string::npos);
  CHECK(text.err.find("Bad/Repo:2.1") != text.err.rfind("Bad/Repo:2.1"));  // rendered: once more
  const auto json = images({chart.path(), "--set", "image.repository=Bad/Repo", "-o", "json"});
  const auto document = nlohmann::json::parse(json.out);
  REQUIRE(document["warnings"].size() == 1);
  CHECK(document["warnings"][0].get<std::string>().find("Bad/Repo:2.1") != std::string::npos);
}

TEST_CASE("a chart that does not render is bad input, naming the template") {
  const ChartDir chart;
  chart.write("templates/broken.yaml", "{{ fail \"no way\" }}\n");
  const auto result = images({chart.path()});
  CHECK(result.code == kExitUsage);
  CHECK(result.out.empty());
  CHECK(result.err.find("demo/templates/broken.yaml") != std::string::npos);
  CHECK(result.err.find("no way") != std::string::npos);
}

TEST_CASE("bad usage and bad input exit 2, naming the problem, with nothing on stdout") {
  const ChartDir chart;
  const std::string dir = chart.path();
  struct Case {
    std::vector<std::string_view> args;
    std::string_view problem;
  };
  const std::vector<Case> cases = {
      {{}, "expected CHART"},
      {{"a", "b"}, "expected one CHART, got 2"},
      {{dir, "-o", "yaml"}, "-o must be text or json, not 'yaml'"},
      {{dir, "--frobnicate"}, "unknown flag '--frobnicate'"},
      {{dir, "--cert-file", "c.pem"}, "--cert-file and --key-file go together"},
      {{dir, "--ca-file", "/no/such/ca.pem"}, "--ca-file /no/such/ca.pem: cannot read the file"},
      {{dir, "--set", "a[0"}, "--set 'a[0': error parsing index"},
      {{dir, "--set-json", "a={"}, "--set-json 'a={'"},
      {{dir, "-f", "/no/such/values.yaml"}, "open /no/such/values.yaml"},
      {{"./no-such-chart"}, "path \"./no-such-chart\" not found"},
      {{"nginx"}, "give the repository's URL (--repo)"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.problem);
    const auto result = images(c.args);
    CHECK(result.code == kExitUsage);
    CHECK(result.out.empty());
    CHECK(result.err.find(c.problem) != std::string::npos);
  }
}

TEST_CASE("--help prints the usage on stdout") {
  const auto result = images({"--help"});
  CHECK(result.code == kExitOk);
  CHECK(result.out.starts_with("usage: chartmirror images CHART"));
  CHECK(result.err.empty());
}

TEST_CASE("the dispatcher knows the command") {
  std::ostringstream out;
  std::ostringstream err;
  const std::vector<std::string_view> args = {"images"};
  CHECK(run(args, out, err) == kExitUsage);
  CHECK(err.str().find("chartmirror images: expected CHART") != std::string::npos);
  const std::vector<std::string_view> help = {"help"};
  std::ostringstream usage;
  CHECK(run(help, usage, err) == kExitOk);
  CHECK(usage.str().find("  images ") != std::string::npos);
}

}  // namespace
}  // namespace chartmirror::cli
