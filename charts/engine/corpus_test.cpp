// Every chart of the shared corpus rendered with its default values (charts.json's
// render_args where the chart refuses them), release "release" in namespace "default", and
// compared with `helm template release CHART.tgz --namespace default --kube-version 1.31.0`:
// the documents of both outputs parsed as YAML and compared as objects, in order; values
// that differ between two runs of helm (random passwords, generated certificates) are not
// compared. Prints per
// chart "equal" or "different" with the first difference. The same again with --include-crds.
// Asserted: at least kMinEqual charts render equal to helm (the level reached when this test was
// written; raise it as the engine improves).
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "charts/chart/archive.h"
#include "charts/chart/testing/chart_fixture.h"
#include "charts/engine/manifests.h"
#include "charts/engine/render.h"
#include "charts/images/chart_values.h"
#include "charts/values/set_parser.h"
#include "charts/values/yaml.h"
#include "support/subprocess.h"

namespace chartmirror::charts::engine {
namespace {

namespace fs = std::filesystem;

constexpr int kMinEqual = 31;  // every corpus chart
constexpr std::string_view kKubeVersion = "1.31.0";

struct Doc {
  std::string source;
  values::Value object;
  std::string text;
};

// The documents of `helm template` output: "# Source: PATH" then the YAML.
std::vector<Doc> documents(std::string_view output) {
  std::vector<Doc> out;
  for (std::string& text : split_manifests(output)) {
    Doc doc;
    std::string_view body = text;
    if (body.starts_with("# Source: ")) {
      const std::size_t end = body.find('\n');
      doc.source = std::string(body.substr(10, end == std::string_view::npos ? end : end - 10));
      body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    }
    auto parsed = values::parse_yaml(body, doc.source);
    doc.object = parsed.ok() ? *parsed : values::Value("unparsable: " + parsed.error().message);
    doc.text = std::string(body);
    out.push_back(std::move(doc));
  }
  return out;
}

// The path of the first difference between our value and helm's, or "" when equal. Where
// helm's two runs differ (randAlphaNum, genCA, ...), any value of ours is accepted.
std::string difference(const values::Value& ours, const values::Value& helm,
                       const values::Value& helm_again, const std::string& path) {
  if (!(helm == helm_again) || ours == helm) return "";
  if (ours.is_map() && helm.is_map() && helm_again.is_map()) {
    for (const auto& [key, item] : helm.as_map()) {
      std::string at = path;
      at += '.';
      at += key;
      const values::Value* mine = ours.find(key);
      if (mine == nullptr) return at + " missing";
      std::string d = difference(*mine, item, *helm_again.find(key), at);
      if (!d.empty()) return d;
    }
    for (const auto& entry : ours.as_map()) {
      if (helm.find(entry.first) == nullptr) return path + "." + entry.first + " extra";
    }
    return "";
  }
  if (ours.is_list() && helm.is_list() && ours.size() == helm.size()) {
    for (std::size_t i = 0; i < helm.size(); ++i) {
      std::string d = difference(ours.as_list()[i], helm.as_list()[i], helm_again.as_list()[i],
                                 path + "[" + std::to_string(i) + "]");
      if (!d.empty()) return d;
    }
    return "";
  }
  std::string mine = values::format_go(ours);
  std::string theirs = values::format_go(helm);
  if (mine.size() > 160) mine = mine.substr(0, 160) + "...";
  if (theirs.size() > 160) theirs = theirs.substr(0, 160) + "...";
  return path + ": ours `" + mine + "` helm `" + theirs + "`";
}

// The first difference between our documents and helm's, or "" when equal.
std::string compare(const std::vector<Doc>& ours, const std::vector<Doc>& helm,
                    const std::vector<Doc>& helm_again) {
  for (std::size_t i = 0; i < ours.size() && i < helm.size(); ++i) {
    if (ours[i].source != helm[i].source) {
      return "document " + std::to_string(i) + ": ours from " + ours[i].source + ", helm's from " +
             helm[i].source;
    }
    const values::Value& again = i < helm_again.size() ? helm_again[i].object : helm[i].object;
    std::string d = difference(ours[i].object, helm[i].object, again, "");
    if (!d.empty()) return "document " + std::to_string(i) + " (" + helm[i].source + ") " + d;
  }
  if (ours.size() != helm.size()) {
    return std::to_string(ours.size()) + " documents, helm " + std::to_string(helm.size());
  }
  return "";
}

struct Args {
  bool include_crds = false;
  values::Value user = values::Value(values::Value::Map{});
  std::vector<std::string> api_versions;
  std::vector<std::string> helm;
};

Args render_args(const nlohmann::json& entry) {
  Args args;
  const auto& list = entry["render_args"];
  if (!list.is_array()) return args;
  for (std::size_t i = 0; i + 1 < list.size(); ++i) {
    const std::string flag = list[i].get<std::string>();
    const std::string value = list[i + 1].get<std::string>();
    if (flag == "--set") {
      REQUIRE(values::parse_set_into(value, args.user, values::SetMode::kTyped).ok());
    } else if (flag == "--api-versions") {
      args.api_versions.push_back(value);
    } else {
      continue;
    }
    args.helm.push_back(flag);
    args.helm.push_back(value);
    ++i;
  }
  return args;
}

std::string ours(const fs::path& archive, const Args& args) {
  auto chart = load_archive_file(archive);
  if (!chart.ok()) return "Error: " + chart.error().describe();
  auto values = images::render_chart_values(*chart, args.user);
  if (!values.ok()) return "Error: " + values.error().describe();
  RenderOptions options;
  options.capabilities.kube_version = *parse_kube_version(kKubeVersion);
  for (const std::string& v : args.api_versions) options.capabilities.api_versions.push_back(v);
  auto rendered = render(*chart, *values, options);
  if (!rendered.ok()) return "Error: " + rendered.error().message;
  auto out = template_output(*rendered, chart->metadata(), options.capabilities.kube_version,
                             {.include_crds = args.include_crds});
  if (!out.ok()) return "Error: " + out.error().message;
  return *out;
}

std::string helm(const fs::path& archive, const Args& args) {
  std::vector<std::string> argv = {testing::helm_binary().string(),
                                   "template",
                                   "release",
                                   archive.string(),
                                   "--namespace",
                                   "default",
                                   "--kube-version",
                                   std::string(kKubeVersion)};
  argv.insert(argv.end(), args.helm.begin(), args.helm.end());
  if (args.include_crds) argv.emplace_back("--include-crds");
  auto run = run_process(argv, "", std::chrono::seconds(120), 256U << 20);
  REQUIRE_MESSAGE(run.ok(), run.error().message);
  if (run->exit_code != 0) return run->err;
  return run->out;
}

// The number of charts that render as helm renders them.
int compare_corpus(bool include_crds) {
  std::ifstream in(testing::corpus_dir() / "charts.json");
  REQUIRE(in);
  const nlohmann::json index = nlohmann::json::parse(in);
  int equal = 0;
  int total = 0;
  for (const auto& entry : index) {
    const std::string name = entry["name"].get<std::string>();
    const std::string version = entry["version"].get<std::string>();
    std::string file_name = name;
    file_name += "-" + version + ".tgz";
    const fs::path archive = testing::corpus_dir() / "repo" / file_name;
    Args args = render_args(entry);
    args.include_crds = include_crds;
    const std::string expected = helm(archive, args);
    const std::string expected_again = helm(archive, args);
    const std::string actual = ours(archive, args);
    ++total;
    std::string different;
    if (expected.starts_with("Error: ") || actual.starts_with("Error: ")) {
      const auto first_line = [](const std::string& s) { return s.substr(0, s.find('\n')); };
      if (first_line(expected) != first_line(actual)) {
        different = "ours: " + first_line(actual) + " | helm: " + first_line(expected);
      }
    } else {
      different = compare(documents(actual), documents(expected), documents(expected_again));
    }
    if (different.empty()) ++equal;
    std::cout << name << " " << version << ": "
              << (different.empty() ? "equal" : "different: " + different) << "\n";
  }
  std::cout << equal << " of " << total << " charts equal\n";
  return equal;
}

TEST_CASE("corpus charts render as helm template renders them") {
  CHECK(compare_corpus(/*include_crds=*/false) >= kMinEqual);
}

TEST_CASE("... and with --include-crds") {
  CHECK(compare_corpus(/*include_crds=*/true) >= kMinEqual);
}

}  // namespace
}  // namespace chartmirror::charts::engine
