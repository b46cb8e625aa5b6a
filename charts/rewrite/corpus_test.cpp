// Every chart of the shared corpus rewritten to registry.example:5000/mirror and checked by
// the real helm (v3.17.3, `make tools`): the rewritten archive passes `helm lint` and
// `helm template` (the library chart `common` only lint: helm refuses to template it), and
// no image the values scan found is still rendered from its source: each one the templates
// print is at its destination. Printed per chart: images rewritten, images left and why, and
// the images helm prints that are not at the mirror (built by templates, not values: the
// known limit until a rendering-based rewrite).
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "charts/chart/archive.h"
#include "charts/chart/testing/chart_fixture.h"
#include "charts/images/chart_values.h"
#include "charts/images/discover.h"
#include "charts/rewrite/rewrite_chart.h"
#include "charts/values/set_parser.h"
#include "support/subprocess.h"

namespace chartmirror::charts::rewrite {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMirror = "registry.example:5000/mirror";

ProcessOutput helm(std::vector<std::string> args) { return testing::run_helm(std::move(args)); }

std::vector<std::string> render_args(const nlohmann::json& entry) {
  if (!entry["render_args"].is_array()) return {};
  return entry["render_args"].get<std::vector<std::string>>();
}

values::Value user_values(const std::vector<std::string>& args) {
  values::Value user = values::Value(values::Value::Map{});
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] != "--set") continue;
    REQUIRE(values::parse_set_into(args[i + 1], user, values::SetMode::kTyped).ok());
  }
  return user;
}

// The render arguments without the --set of a key the rewrite now sets in values.yaml (the
// user's value would override the rewrite: the chart is meant to be installed without it).
std::vector<std::string> without_rewritten(const std::vector<std::string>& args,
                                           const std::vector<ValueOverride>& overrides) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--set" && i + 1 < args.size()) {
      const std::string key = args[i + 1].substr(0, args[i + 1].find('='));
      const bool rewritten = std::any_of(overrides.begin(), overrides.end(), [&](const auto& o) {
        return images::format_path(o.path) == key;
      });
      if (rewritten) {
        ++i;
        continue;
      }
    }
    out.push_back(args[i]);
  }
  return out;
}

// Every image reference `helm template` prints in an `image:` field, normalized.
std::set<std::string> rendered_images(const std::string& manifests) {
  static const std::regex kImageLine(R"re(^\s*(?:- )?image:\s*["']?([^"'\s]+)["']?\s*$)re");
  std::set<std::string> out;
  std::istringstream in(manifests);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch match;
    if (!std::regex_match(line, match, kImageLine)) continue;
    auto reference = registry::Reference::parse(match[1].str());
    out.insert(reference.ok() ? reference->str() : match[1].str());
  }
  return out;
}

// The manifests without CustomResourceDefinitions, whose descriptions give example images
// (ghcr.io/kyverno/kyverno:latest) that nothing deploys.
std::string without_crds(const std::string& manifests) {
  std::string out;
  for (std::size_t start = 0; start < manifests.size();) {
    std::size_t end = manifests.find("\n---", start);
    end = end == std::string::npos ? manifests.size() : end + 1;
    const std::string_view document = std::string_view(manifests).substr(start, end - start);
    if (document.find("\nkind: CustomResourceDefinition\n") == std::string_view::npos) {
      out += document;
    }
    start = end;
  }
  return out;
}

// Whether `image` is printed anywhere in the manifests (arguments, config files) from its
// source, with any tag: its name, or on docker.io its short forms with a tag or digest
// ("goharbor/harbor-core:v2", "busybox:1.36", "docker.io/traefik"), where the text around is not
// more of a name (the mirror's "registry.example:5000/mirror/goharbor/harbor-core", another image's
// "...-db").
bool printed_anywhere(const std::string& manifests, const registry::Reference& image) {
  // The name alone, or a short form with a tag or digest after it ("traefik" alone is a word).
  std::vector<std::pair<std::string, bool>> names = {{image.name(), false}};
  if (image.registry() == "docker.io") {
    names.emplace_back(image.repository(), true);
    if (image.repository().starts_with("library/")) {
      names.emplace_back("docker.io/" + image.repository().substr(8), false);
      names.emplace_back(image.repository().substr(8), true);
    }
  }
  const auto name_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.' ||
           c == '/';
  };
  for (const auto& [name, needs_tag] : names) {
    for (std::size_t at = manifests.find(name); at != std::string::npos;
         at = manifests.find(name, at + 1)) {
      if (at != 0 && name_char(manifests[at - 1])) continue;
      const std::size_t after = at + name.size();
      const char next = after < manifests.size() ? manifests[after] : '\n';
      if (name_char(next) || (needs_tag && next != ':' && next != '@')) continue;
      return true;
    }
  }
  return false;
}

std::string name_of(const std::string& reference) {
  auto parsed = registry::Reference::parse(reference);
  return parsed.ok() ? parsed->name() : reference;
}

// Rewrites one corpus chart rendered with `args` (helm template flags), checks it with helm,
// and returns its summary line.
std::string check_rewrite(const std::string& name, const std::string& version,
                          const std::vector<std::string>& args, const fs::path& dir) {
  const fs::path source = testing::corpus_dir() / "repo" / (name + "-" + version + ".tgz");
  const std::string bytes = testing::read_file(source);
  auto chart = load_archive(bytes, source.string());
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  auto rendered = images::render_chart_values(*chart, user_values(args));
  REQUIRE_MESSAGE(rendered.ok(), rendered.error().describe());
  const images::Discovery discovery = images::discover_images(*chart, *rendered);
  std::vector<registry::Reference> sources;
  for (const auto& image : discovery.images) sources.push_back(image.reference);
  auto destinations = images::image_destinations(sources, kMirror);
  REQUIRE_MESSAGE(destinations.ok(), destinations.error().describe());

  auto result = rewrite_chart_archive(bytes, rendered->values, discovery.images, *destinations);
  REQUIRE_MESSAGE(result.ok(), result.error().describe());
  const fs::path archive = dir / (name + "-" + version + ".tgz");
  testing::write_file(archive, result->archive);

  const std::vector<std::string> install_args = without_rewritten(args, result->overrides);
  std::vector<std::string> lint = {"lint", archive.string()};
  for (std::size_t i = 0; i + 1 < install_args.size(); ++i) {
    if (install_args[i] == "--set") lint.insert(lint.end(), {"--set", install_args[i + 1]});
  }
  const ProcessOutput linted = helm(lint);
  CHECK_MESSAGE(linted.exit_code == 0, linted.out << linted.err);

  std::string line = name + " " + version + ": " + std::to_string(result->rewritten) + " / " +
                     std::to_string(result->not_rewritten.size()) + " / lint " +
                     (linted.exit_code == 0 ? "ok" : "FAILED");
  for (const auto& left : result->not_rewritten) {
    line += "\n    left " + left.reference.str() + ": " + left.reason;
  }
  if (chart->metadata().is_library()) return line + " / template n/a (library)";
  std::vector<std::string> templ = {"template", "release", archive.string()};
  templ.insert(templ.end(), install_args.begin(), install_args.end());
  const ProcessOutput templated = helm(templ);
  CHECK_MESSAGE(templated.exit_code == 0, templated.err);
  const std::string deployed = without_crds(templated.out);
  line += std::string(" / template ") + (templated.exit_code == 0 ? "ok" : "FAILED");

  // Images the values name: neither their source names nor their source references may be
  // printed any more.
  // The same search finds them in the source chart's rendering: the check can fail.
  std::vector<std::string> original = {"template", "release", source.string()};
  original.insert(original.end(), args.begin(), args.end());
  const ProcessOutput source_templated = helm(original);
  REQUIRE(source_templated.exit_code == 0);
  std::set<std::string> rewritten_names;
  std::set<std::string> left;
  std::size_t found_in_source = 0;
  for (const auto& image : result->not_rewritten) left.insert(image.reference.str());
  for (const auto& image : discovery.images) {
    if (left.count(image.reference.str()) != 0) continue;
    rewritten_names.insert(image.reference.name());
    CHECK_MESSAGE(!printed_anywhere(deployed, image.reference),
                  image.reference.str() << " is in the values and still printed as it was");
    found_in_source += printed_anywhere(without_crds(source_templated.out), image.reference);
  }
  if (!rewritten_names.empty()) CHECK(found_in_source > 0);
  std::set<std::string> mirrored;
  for (const auto& entry : *destinations) mirrored.insert(entry.destination.str());
  std::size_t elsewhere = 0;
  std::size_t at_mirror = 0;
  std::string elsewhere_list;
  for (const std::string& image : rendered_images(templated.out)) {
    if (image.starts_with(std::string(kMirror) + "/")) {
      ++at_mirror;
      // The rewrite keeps the template's tag; the copy has the tag discovery guessed.
      if (mirrored.count(image) == 0) elsewhere_list += "\n    not mirrored with this tag " + image;
      continue;
    }
    ++elsewhere;
    elsewhere_list += "\n    printed " + image;
    CHECK_MESSAGE(rewritten_names.count(name_of(image)) == 0,
                  image << " is named in the values and still printed from its source");
  }
  return line + " / " + std::to_string(at_mirror) + " / " + std::to_string(elsewhere) +
         elsewhere_list;
}

// $CHARTMIRROR_REWRITE_OUT keeps the rewritten archives for a look.
fs::path output_dir(const testing::TempDir& dir) {
  const char* keep = std::getenv("CHARTMIRROR_REWRITE_OUT");
  return keep != nullptr ? fs::path(keep) : dir.path();
}

constexpr std::string_view kSummaryHeader =
    "chart: rewritten / left (why) / lint / template / printed at the mirror / elsewhere";

TEST_CASE("every corpus chart, rewritten, lints and renders with its images at the mirror") {
  std::ifstream in(testing::corpus_dir() / "charts.json");
  REQUIRE(in);
  const nlohmann::json index = nlohmann::json::parse(in);
  REQUIRE(index.size() >= 30);
  testing::TempDir dir;
  std::string summary(kSummaryHeader);
  for (const auto& entry : index) {
    const std::string name = entry["name"].get<std::string>();
    const std::string version = entry["version"].get<std::string>();
    CAPTURE(name);
    CAPTURE(version);
    summary += "\n  " + check_rewrite(name, version, render_args(entry), output_dir(dir));
  }
  MESSAGE(summary);
}

// A global registry the user set (global.imageRegistry, global.image.registry) wins over every
// image's own registry in these charts' templates: the rewrite sets the global key itself.
TEST_CASE("charts rendered with a global registry: the global key is rewritten") {
  struct Case {
    const char* name;
    const char* version;
    const char* set;
  };
  testing::TempDir dir;
  std::string summary(kSummaryHeader);
  for (const Case& c : std::vector<Case>{
           {"nginx", "16.0.3", "global.imageRegistry=my.corp:5000"},
           {"redis", "19.0.2", "global.imageRegistry=my.corp:5000"},
           {"postgresql", "15.2.5", "global.imageRegistry=my.corp:5000"},
           {"oauth2-proxy", "7.7.1", "global.imageRegistry=my.corp:5000"},
           {"kube-prometheus-stack", "63.1.0", "global.imageRegistry=my.corp:5000"},
           {"grafana", "7.0.9", "global.imageRegistry=my.corp:5000"},
           {"trivy-operator", "0.19.0", "global.image.registry=my.corp:5000"},
           {"kyverno", "3.1.1", "global.image.registry=my.corp:5000"},
           {"loki", "5.38.0", "global.image.registry=my.corp:5000"},
       }) {
    CAPTURE(c.name);
    summary += "\n  " + check_rewrite(c.name, c.version, {"--set", c.set}, output_dir(dir));
  }
  MESSAGE(summary);
}

TEST_CASE("a rewritten apiVersion v1 chart with requirements.yaml lints") {
  const std::string sub = testing::make_tgz(
      testing::under("sub", {{"Chart.yaml", "apiVersion: v1\nname: sub\nversion: 0.1.0\n"}}));
  const std::string source = testing::make_tgz(testing::under(
      "old",
      {{"Chart.yaml", "apiVersion: v1\nname: old\nversion: 1.0.0\nicon: https://x.example/x.svg\n"},
       {"requirements.yaml", "dependencies:\n- name: sub\n  version: 0.1.0\n"},
       {"values.yaml", "image: nginx:1.25\n"},
       {"templates/pod.yaml", "image: {{ .Values.image }}\n"},
       {"charts/sub-0.1.0.tgz", sub}}));
  auto chart = load_archive(source, "old.tgz");
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  auto rendered = images::render_chart_values(*chart, values::Value());
  REQUIRE_MESSAGE(rendered.ok(), rendered.error().describe());
  const images::Discovery discovery = images::discover_images(*chart, *rendered);
  REQUIRE(discovery.images.size() == 1);
  auto destinations = images::image_destinations({discovery.images[0].reference}, kMirror);
  REQUIRE(destinations.ok());
  auto result = rewrite_chart_archive(source, rendered->values, discovery.images, *destinations);
  REQUIRE_MESSAGE(result.ok(), result.error().describe());
  testing::TempDir dir;
  const fs::path archive = dir.path() / "old-1.0.0.tgz";
  testing::write_file(archive, result->archive);
  const ProcessOutput linted = helm({"lint", archive.string()});
  CHECK_MESSAGE(linted.exit_code == 0, linted.out << linted.err);
  const ProcessOutput templated = helm({"template", "r", archive.string()});
  CHECK(templated.out.find("image: registry.example:5000/mirror/library/nginx:1.25") !=
        std::string::npos);
}

}  // namespace
}  // namespace chartmirror::charts::rewrite
