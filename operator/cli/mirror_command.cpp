#include "operator/cli/mirror_command.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "charts/engine/helm_objects.h"
#include "charts/images/manifest_stream.h"
#include "charts/values/json.h"
#include "charts/values/yaml.h"
#include "charts/values/yaml_emit.h"
#include "controllers/cluster.h"
#include "controllers/reconciler.h"
#include "controllers/spec.h"
#include "operator/cli/cli.h"
#include "operator/cli/flags.h"
#include "operator/cli/progress_bar.h"
#include "support/base64.h"

namespace chartmirror::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Options {
  std::vector<std::string> files;
  bool dry_run = false;
  std::string output = "table";
  std::string registry_config;
  std::string kube_version;
};

int usage(std::ostream& err, const std::string& problem) {
  err << "chartmirror mirror: " << problem
      << "\nusage: chartmirror mirror -f FILE|DIR ... [--dry-run] [--kube-version V]\n"
         "                          [-o table|json|yaml] [--registry-config FILE]\n";
  return kExitUsage;
}

// The Cluster port over the documents of the files.
class FileCluster final : public controllers::Cluster {
 public:
  FileCluster(std::ostream& err, TerminalProgress& progress) : err_(err), progress_(progress) {}

  std::map<std::string, controllers::SecretData> secrets;
  std::map<std::string, std::map<std::string, std::string>> config_maps;

  Result<controllers::SecretData, controllers::Error> read_secret(
      std::string_view /*object_namespace*/, std::string_view name) override {
    const auto it = secrets.find(std::string(name));
    if (it != secrets.end()) return it->second;
    // Not among the files: the docker config's credentials apply (an empty docker config
    // adds none of its own).
    return controllers::SecretData{.type = "kubernetes.io/dockerconfigjson",
                                   .data = {{".dockerconfigjson", R"({"auths":{}})"}}};
  }
  Result<std::map<std::string, std::string>, controllers::Error> read_config_map(
      std::string_view /*object_namespace*/, std::string_view name) override {
    const auto it = config_maps.find(std::string(name));
    if (it == config_maps.end()) {
      return controllers::Error{controllers::Error::Code::kNotFound, "",
                                "no ConfigMap " + std::string(name) + " in the files"};
    }
    return it->second;
  }
  Result<Done, controllers::Error> patch_status(const controllers::ChartMirror& /*object*/,
                                                const json& /*status*/) override {
    return Done{};
  }
  void emit_event(const controllers::ChartMirror& object,
                  const controllers::Event& event) override {
    progress_.interrupt();
    err_ << "chartmirror mirror: " << object.name << ": "
         << (event.type == controllers::Event::Type::kWarning ? "warning: " : "") << event.reason
         << ": " << event.message << "\n";
  }

 private:
  std::ostream& err_;
  TerminalProgress& progress_;
};

Result<std::vector<fs::path>, std::string> expand(const std::vector<std::string>& arguments) {
  std::vector<fs::path> files;
  for (const std::string& argument : arguments) {
    std::error_code ec;
    if (fs::is_directory(argument, ec)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::directory_iterator(argument, ec)) {
        const auto ext = entry.path().extension();
        if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) {
          found.push_back(entry.path());
        }
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(argument, ec)) {
      files.emplace_back(argument);
    } else {
      return "-f " + argument + ": no such file or directory";
    }
  }
  if (files.empty()) return std::string("no YAML files in the paths given");
  return files;
}

// A document's JSON; kInvalidInput-like message on failure.
Result<json, std::string> document_json(std::string_view text, const std::string& source) {
  auto value = charts::values::parse_yaml(text, source);
  if (!value.ok()) return value.error().describe();
  auto encoded = charts::values::to_json(*value);
  if (!encoded.ok()) return encoded.error().describe();
  return json::parse(*encoded);
}

// A ConfigMap's data, or a Secret's (`base64`: data is encoded, as in the API).
Result<std::map<std::string, std::string>, std::string> string_map(const json& object,
                                                                   bool base64) {
  std::map<std::string, std::string> out;
  if (!object.is_object()) return out;
  for (const auto& [key, value] : object.items()) {
    if (!value.is_string()) continue;
    if (!base64) {
      out[key] = value.get<std::string>();
      continue;
    }
    auto decoded = base64_decode(value.get<std::string>());
    if (!decoded) return "data." + key + " is not base64";
    out[key] = std::move(*decoded);
  }
  return out;
}

Result<Done, std::string> read_files(const std::vector<fs::path>& files, FileCluster& cluster,
                                     std::vector<controllers::ChartMirror>& mirrors) {
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return file.string() + ": cannot read the file";
    std::stringstream text;
    text << in.rdbuf();
    for (const auto& document : charts::images::split_manifests(text.str())) {
      auto object = document_json(document.text, file.string());
      if (!object.ok()) return object.error();
      if (!object->is_object()) continue;
      const std::string kind = object->value("kind", "");
      const std::string name = object->value("metadata", json::object()).value("name", "");
      if (kind == "ConfigMap") {
        auto data = string_map(object->value("data", json::object()), false);
        cluster.config_maps[name] = std::move(data).value();
      } else if (kind == "Secret") {
        auto data = string_map(object->value("data", json::object()), true);
        if (!data.ok()) return file.string() + ": Secret " + name + ": " + data.error();
        auto plain = string_map(object->value("stringData", json::object()), false);
        controllers::SecretData secret{.type = object->value("type", "Opaque"),
                                       .data = std::move(data).value()};
        for (auto& [key, value] : plain.value()) secret.data[key] = std::move(value);
        cluster.secrets[name] = std::move(secret);
      } else if (kind == "ChartMirror") {
        auto mirror = controllers::chart_mirror_from_json(*object);
        if (!mirror.ok()) return file.string() + ": " + mirror.error().describe();
        mirrors.push_back(std::move(mirror).value());
      }
    }
  }
  if (mirrors.empty()) return std::string("the files hold no ChartMirror");
  return Done{};
}

std::string read_docker_config(const std::string& path) {
  fs::path file = path;
  if (file.empty()) {
    const char* dir = std::getenv("DOCKER_CONFIG");
    const char* home = std::getenv("HOME");
    file = dir != nullptr ? fs::path(dir) / "config.json"
                          : fs::path(home != nullptr ? home : "") / ".docker" / "config.json";
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string ready_reason(const json& status) {
  for (const json& condition : status.value("conditions", json::array())) {
    if (condition.value("type", "") == "Ready") return condition.value("reason", "");
  }
  return "";
}

void print_table(std::ostream& out, const std::vector<controllers::ChartMirror>& mirrors,
                 const std::vector<json>& statuses) {
  out << std::left << std::setw(24) << "MIRROR" << std::setw(28) << "CHART" << std::setw(14)
      << "VERSION" << std::setw(8) << "IMAGES"
      << "READY\n";
  for (size_t i = 0; i < mirrors.size(); ++i) {
    const json& status = statuses[i];
    const std::string reason = ready_reason(status);
    const json charts = status.value("charts", json::array());
    if (charts.empty()) {
      out << std::setw(24) << mirrors[i].name << std::setw(28) << "-" << std::setw(14) << "-"
          << std::setw(8) << "-" << reason << "\n";
    }
    for (const json& chart : charts) {
      out << std::setw(24) << mirrors[i].name << std::setw(28) << chart.value("name", "")
          << std::setw(14) << chart.value("version", "-") << std::setw(8)
          << chart.value("images", 0) << reason << "\n";
    }
  }
}

}  // namespace

int run_mirror(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  Options options;
  FlagSet flags;
  flags.add_strings("file", &options.files, 'f');
  flags.add_bool("dry-run", &options.dry_run);
  flags.add_string("output", &options.output, 'o');
  flags.add_string("registry-config", &options.registry_config);
  flags.add_string("kube-version", &options.kube_version);
  auto positional = flags.parse(args);
  if (!positional.ok()) return usage(err, positional.error());
  if (!positional->empty()) return usage(err, "unexpected argument " + (*positional)[0]);
  if (options.files.empty()) return usage(err, "expected -f FILE|DIR");
  if (options.output != "table" && options.output != "json" && options.output != "yaml") {
    return usage(err, "-o must be table, json or yaml, not '" + options.output + "'");
  }
  if (!options.kube_version.empty()) {
    // As `template --kube-version`: what .Capabilities.KubeVersion must parse as.
    auto kube_version = charts::engine::parse_kube_version(options.kube_version);
    if (!kube_version.ok()) {
      return usage(err,
                   "--kube-version " + options.kube_version + ": " + kube_version.error().message);
    }
  }
  auto files = expand(options.files);
  if (!files.ok()) return usage(err, files.error());
  // A progress line per ChartMirror, only on a terminal (and never on stdout).
  TerminalProgress progress(err, &err == &std::cerr && isatty(STDERR_FILENO) == 1);
  FileCluster cluster(err, progress);
  std::vector<controllers::ChartMirror> mirrors;
  if (auto read = read_files(*files, cluster, mirrors); !read.ok()) return usage(err, read.error());

  controllers::ReconcileOptions reconcile_options;
  reconcile_options.dry_run = options.dry_run;
  reconcile_options.docker_config_json = read_docker_config(options.registry_config);
  reconcile_options.kube_version = options.kube_version;
  reconcile_options.on_progress = [&progress](const controllers::Progress& now) {
    progress.update(now);
  };
  std::vector<json> statuses;
  bool all_ready = true;
  bool any_invalid = false;
  for (const controllers::ChartMirror& mirror : mirrors) {
    progress.start(mirror.name);
    auto outcome = controllers::reconcile(mirror, cluster, reconcile_options);
    progress.interrupt();
    if (!outcome.ok()) {
      err << "chartmirror mirror: " << mirror.name << ": " << outcome.error().describe() << "\n";
      statuses.push_back(json::object());
      all_ready = false;
      continue;
    }
    const std::string reason = ready_reason(outcome->status);
    all_ready = all_ready && reason == "Mirrored";
    any_invalid = any_invalid || reason == "InvalidSpec";
    statuses.push_back(outcome->status);
  }

  if (options.output == "table") {
    print_table(out, mirrors, statuses);
  } else {
    json list = json::array();
    for (size_t i = 0; i < mirrors.size(); ++i) {
      list.push_back({{"name", mirrors[i].name},
                      {"namespace", mirrors[i].namespace_},
                      {"status", statuses[i]}});
    }
    if (options.output == "json") {
      out << list.dump(2) << "\n";
    } else {
      auto value = charts::values::parse_json(list.dump(), "status");
      if (value.ok()) {
        const std::string yaml = charts::values::to_yaml(*value);
        out << yaml << (yaml.ends_with('\n') ? "" : "\n");
      }
    }
  }
  if (any_invalid) return kExitUsage;
  return all_ready ? kExitOk : kExitFailed;
}

}  // namespace chartmirror::cli
