// charts/repo and charts/oci against the real corpus repository, real registries and the real
// helm 3.17.3: every chart of the corpus is fetched over HTTP (digest verified), pushed with
// chartmirror, and must come back identical through `helm pull`; `helm show chart` must say
// the same of both, and `helm template` render both alike; the manifest must be byte for byte
// the one `helm push` writes for the same archive and time; and chartmirror's OCI source must
// read what helm pushed.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>

#include <doctest/doctest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "charts/chart/archive.h"
#include "charts/oci/push.h"
#include "charts/repo/chart_source.h"
#include "charts/repo/oci_source.h"
#include "e2e/support/environment.h"
#include "support/rfc3339.h"
#include "support/subprocess.h"

namespace chartmirror::e2e {
namespace {

namespace fs = std::filesystem;
using charts::ChartArtifact;
using charts::OciReference;

struct Helm {
  std::vector<std::string> prefix;  // env HELM_*_HOME=... TZ=UTC helm

  static Helm from_environment() {
    const auto& env = Environment::get();
    const std::string home = env.at("CM_HELM_HOME");
    return Helm{{"env", "HELM_CONFIG_HOME=" + home + "/config",
                 "HELM_CACHE_HOME=" + home + "/cache", "HELM_DATA_HOME=" + home + "/data", "TZ=UTC",
                 env.at("CM_HELM")}};
  }

  struct Run {
    bool ok = false;
    std::string output;  // stdout, or what went wrong (stderr)
  };

  // Runs helm with `args`.
  [[nodiscard]] Run run(const std::vector<std::string>& args) const {
    std::vector<std::string> argv = prefix;
    argv.insert(argv.end(), args.begin(), args.end());
    auto result = run_process(argv, "", std::chrono::minutes(2), size_t{16} << 20);
    if (!result.ok()) return {false, result.error().message};
    if (result->exit_code != 0) return {false, result->err};
    return {true, result->out};
  }
};

// `helm template` output with the values charts draw at random on every render (passwords,
// generated keys and certificates, and the checksums of objects holding them) masked.
// charts.json's render_args (what a chart needs to render) by chart name.
std::map<std::string, std::vector<std::string>> corpus_render_args(const fs::path& corpus) {
  std::ifstream in(corpus / "charts.json");
  const auto charts = nlohmann::json::parse(in);
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& chart : charts) {
    if (chart.contains("render_args") && chart["render_args"].is_array()) {
      out[chart["name"].get<std::string>()] = chart["render_args"].get<std::vector<std::string>>();
    }
  }
  return out;
}

std::string last_line(const std::string& text) {
  const std::size_t end = text.find_last_not_of('\n');
  if (end == std::string::npos) return "";
  const std::size_t start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1,
                     end + 1 - (start == std::string::npos ? 0 : start + 1));
}

std::string without_random_values(const std::string& manifests) {
  static const std::regex kRandom(
      R"(^(\s*[A-Za-z0-9_./-]*(password|secret|token|key|htpasswd|crt|jwt|checksum)[A-Za-z0-9_./-]*: ).*)",
      std::regex::icase);
  std::istringstream in(manifests);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    out += std::regex_replace(line, kRandom, "$1MASKED") + "\n";
  }
  return out;
}

class ScratchDir {
 public:
  ScratchDir() : path_(fs::temp_directory_path() / ("e2e-chart-oci-" + std::to_string(getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ScratchDir(ScratchDir&&) = delete;
  ScratchDir& operator=(ScratchDir&&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Registries over plain HTTP, with the credentials of `registry_config` ("": none at all).
std::shared_ptr<charts::OciRegistries> registries(const std::string& registry_config = "") {
  charts::OciRegistryOptions options{.plain_http = true, .registry_config = registry_config};
  if (registry_config.empty()) options.docker_config = registry::auth::DockerConfig();
  auto created = charts::OciRegistries::create(std::move(options));
  REQUIRE_MESSAGE(created.ok(), created.error().describe());
  return std::move(created).value();
}

// The manifest a tag names, as stored.
std::string stored_manifest(charts::OciRegistries& oci, const OciReference& reference) {
  auto repository = oci.repository(reference);
  REQUIRE(repository.ok());
  auto descriptor = (*repository)->resolve(reference.tag);
  REQUIRE_MESSAGE(descriptor.ok(), descriptor.error().describe());
  auto bytes = (*repository)->fetch_manifest(*descriptor);
  REQUIRE_MESSAGE(bytes.ok(), bytes.error().describe());
  return std::move(bytes).value();
}

struct Outcome {
  std::string chart;
  bool fetched = false;           // from the HTTP repository, digest verified, = the corpus file
  bool pushed = false;            // with charts/oci
  bool same_manifest = false;     // = helm push's manifest for the same archive and time
  bool pulled_identical = false;  // helm pull gives back the source bytes
  bool same_show_chart = false;   // helm show chart: pushed copy = source archive
  bool same_template = false;     // helm template: pushed copy = source archive
  bool template_renders = false;  // helm template succeeds with the default values
  bool read_helm_push = false;    // our OCI source reads helm's push, bytes identical
};

std::string yes(bool value) { return value ? "yes" : "NO"; }

}  // namespace

TEST_CASE("every corpus chart: HTTP repository → chartmirror push → helm pull, identical") {
  const auto& env = Environment::get();
  const std::string registry = env.at("CM_REGISTRY_ANONYMOUS");
  const fs::path corpus = fs::path(env.at("CM_CHART_CORPUS")) / "repo";
  const Helm helm = Helm::from_environment();
  auto render_args = corpus_render_args(env.at("CM_CHART_CORPUS"));
  const ScratchDir scratch;
  const auto oci = registries();

  // The chart list comes from the index itself, through the same repository code.
  auto repository = charts::ChartRepository::open(env.at("CM_CHART_REPO_URL"), {});
  REQUIRE_MESSAGE(repository.ok(), repository.error().describe());
  charts::ChartSources sources({});

  std::vector<Outcome> outcomes;
  for (const std::string& name : repository->index().chart_names()) {
    for (const auto& entry : repository->index().versions(name)) {
      Outcome& outcome = outcomes.emplace_back();
      outcome.chart = name + " " + entry.version;
      CAPTURE(outcome.chart);

      // 1. From the HTTP repository, through the entry point.
      auto fetched = sources.fetch(
          {.chart = name, .repo_url = env.at("CM_CHART_REPO_URL"), .version = entry.version});
      REQUIRE_MESSAGE(fetched.ok(), fetched.error().describe());
      const fs::path source_file = corpus / fs::path(entry.urls.front()).filename();
      outcome.fetched = fetched->archive == read_file(source_file) &&
                        fetched->digest == "sha256:" + entry.digest && !fetched->created.empty();
      CHECK(outcome.fetched);

      // 2. The config blob from the chart model, and the push.
      auto chart = charts::load_archive(fetched->archive, fetched->source);
      REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
      const std::string config = chart->metadata().to_json();
      const ChartArtifact artifact{
          .archive = fetched->archive, .config_json = config, .created = fetched->created};
      const OciReference ours{registry, "e2e-charts/" + name, "", ""};
      auto pushed = charts::push_chart(*oci, ours.str(), artifact);
      REQUIRE_MESSAGE(pushed.ok(), pushed.error().describe());
      // Again: the tag names that manifest already, so nothing changes.
      auto again = charts::push_chart(*oci, ours.str(), artifact);
      REQUIRE_MESSAGE(again.ok(), again.error().describe());
      outcome.pushed = pushed->chart.digest.str() == fetched->digest &&
                       again->descriptor.digest == pushed->descriptor.digest;
      CHECK(outcome.pushed);

      // 3. helm push of the same archive, with the same time as the file's mtime.
      const fs::path helm_dir = scratch.path() / ("helm-" + name + "-" + entry.version);
      fs::create_directories(helm_dir);
      const fs::path archive_copy = helm_dir / source_file.filename();
      write_file(archive_copy, fetched->archive);
      const auto created = parse_rfc3339(fetched->created);
      REQUIRE(created.has_value());
      fs::last_write_time(archive_copy, std::chrono::file_clock::from_sys(*created));
      const Helm::Run helm_push =
          helm.run({"push", archive_copy.string(), "oci://" + registry + "/e2e-helm-charts",
                    "--plain-http"});
      REQUIRE_MESSAGE(helm_push.ok, helm_push.output);
      const OciReference theirs{registry, "e2e-helm-charts/" + name, pushed->tag, ""};
      const std::string helm_manifest = stored_manifest(*oci, theirs);
      outcome.same_manifest = stored_manifest(*oci, ours.with_tag(pushed->tag)) == helm_manifest &&
                              helm_manifest == pushed->bytes;
      CHECK_MESSAGE(outcome.same_manifest,
                    "ours:  " << pushed->bytes << "\nhelm's: " << helm_manifest);

      // 4. helm pull of our push gives back the source bytes.
      const fs::path pull_dir = helm_dir / "pulled";
      fs::create_directories(pull_dir);
      const Helm::Run pull = helm.run({"pull", ours.str(), "--version", entry.version,
                                       "--plain-http", "-d", pull_dir.string()});
      REQUIRE_MESSAGE(pull.ok, pull.output);
      std::string pulled_bytes;
      for (const auto& file : fs::directory_iterator(pull_dir))
        pulled_bytes = read_file(file.path());
      outcome.pulled_identical = pulled_bytes == fetched->archive;
      CHECK(outcome.pulled_identical);

      // 5. helm show chart says the same of the pushed copy and of the source.
      const Helm::Run shown =
          helm.run({"show", "chart", ours.str(), "--version", entry.version, "--plain-http"});
      REQUIRE_MESSAGE(shown.ok, shown.output);
      const Helm::Run shown_source = helm.run({"show", "chart", source_file.string()});
      REQUIRE_MESSAGE(shown_source.ok, shown_source.output);
      outcome.same_show_chart = shown.output == shown_source.output;
      CHECK(outcome.same_show_chart);

      // 5b. helm template renders the pushed copy as it renders the source (both fail alike
      // where helm refuses the chart: a library chart, values a chart requires).
      std::vector<std::string> template_args = {"template",  "release",     ours.str(),
                                                "--version", entry.version, "--plain-http"};
      std::vector<std::string> source_args = {"template", "release", source_file.string()};
      for (const std::string& arg : render_args[name]) {
        template_args.push_back(arg);
        source_args.push_back(arg);
      }
      const Helm::Run templated = helm.run(template_args);
      const Helm::Run templated_source = helm.run(source_args);
      // A failure is compared by its last line: helm says "Pulled: ..." first for oci://.
      outcome.same_template =
          templated.ok == templated_source.ok &&
          (templated.ok ? without_random_values(templated.output) ==
                              without_random_values(templated_source.output)
                        : last_line(templated.output) == last_line(templated_source.output));
      outcome.template_renders = templated.ok;
      CHECK_MESSAGE(outcome.same_template, templated.output.substr(0, 300)
                                               << "\nsource: "
                                               << templated_source.output.substr(0, 300));

      // 6. Our OCI source reads what helm pushed.
      auto read_back =
          charts::fetch_oci_chart(*oci, theirs.with_tag(""), {.version = entry.version});
      REQUIRE_MESSAGE(read_back.ok(), read_back.error().describe());
      outcome.read_helm_push =
          read_back->archive == fetched->archive && read_back->version == entry.version &&
          read_back->created == fetched->created && read_back->digest == fetched->digest;
      CHECK(outcome.read_helm_push);
    }
  }
  CHECK(outcomes.size() == 31);

  std::cout << "\nchart | fetched+verified | pushed | manifest = helm push | pulled identical | "
               "show chart same | template same (renders) | helm push read back\n";
  for (const auto& o : outcomes) {
    std::cout << o.chart << " | " << yes(o.fetched) << " | " << yes(o.pushed) << " | "
              << yes(o.same_manifest) << " | " << yes(o.pulled_identical) << " | "
              << yes(o.same_show_chart) << " | " << yes(o.same_template) << " ("
              << (o.template_renders ? "renders" : "helm refuses") << ") | "
              << yes(o.read_helm_push) << "\n";
  }
}

TEST_CASE("charts go to and come from registries with basic and token auth, and a .prov") {
  const auto& env = Environment::get();
  const auto oci = registries(env.at("CM_DOCKER_CONFIG"));
  const fs::path corpus = fs::path(env.at("CM_CHART_CORPUS")) / "repo";
  const std::string archive = read_file(corpus / "keda-2.12.1.tgz");
  auto chart = charts::load_archive(archive, "keda-2.12.1.tgz");
  REQUIRE(chart.ok());
  const std::string config = chart->metadata().to_json();
  const std::string provenance = "-----BEGIN PGP SIGNED MESSAGE-----\nnot checked by push\n";
  const ChartArtifact artifact{.archive = archive,
                               .config_json = config,
                               .provenance = provenance,
                               .created = "2023-11-20T10:00:00Z"};
  for (const char* key : {"CM_REGISTRY_BASIC", "CM_REGISTRY_TOKEN"}) {
    CAPTURE(key);
    const std::string base = "oci://" + env.at(key) + "/e2e-auth/keda";
    auto pushed = charts::push_chart(*oci, base, artifact);
    REQUIRE_MESSAGE(pushed.ok(), pushed.error().describe());
    auto reference = OciReference::parse(base);
    REQUIRE(reference.ok());
    auto fetched = charts::fetch_oci_chart(*oci, *reference, {});
    REQUIRE_MESSAGE(fetched.ok(), fetched.error().describe());
    CHECK(fetched->version == "2.12.1");
    CHECK(fetched->archive == archive);
    CHECK(fetched->provenance == provenance);
    CHECK(fetched->created == "2023-11-20T10:00:00Z");

    // Without credentials the registry says no, and the error says where.
    auto anonymous = charts::fetch_oci_chart(*registries(), *reference, {});
    REQUIRE_FALSE(anonymous.ok());
    CHECK(anonymous.error().source.find(env.at(key)) != std::string::npos);
  }
}

}  // namespace chartmirror::e2e
