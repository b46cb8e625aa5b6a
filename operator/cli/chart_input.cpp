#include "operator/cli/chart_input.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>
#include <utility>

#include "charts/chart/archive.h"
#include "operator/cli/cli.h"

namespace chartmirror::cli {
namespace {

// The file a flag names, into `bytes`; a usage problem, or nothing.
std::optional<std::string> read_flag_file(const std::string& flag, const std::string& path,
                                          std::string& bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "--" + flag + " " + path + ": cannot read the file";
  std::ostringstream contents;
  contents << in.rdbuf();
  bytes = contents.str();
  return std::nullopt;
}

// Each --set, --set-string, --set-json and --set-literal on its own, so that an error names the
// argument (merge_values_files reports strvals' message alone, as helm does).
std::optional<charts::Error> check_set_arguments(const charts::values::ValuesOptions& values) {
  using charts::values::SetMode;
  for (const auto& [flag, arguments, mode] :
       {std::tuple{"--set", &values.values, SetMode::kTyped},
        std::tuple{"--set-string", &values.string_values, SetMode::kString},
        std::tuple{"--set-json", &values.json_values, SetMode::kJson},
        std::tuple{"--set-literal", &values.literal_values, SetMode::kLiteral}}) {
    for (const std::string& argument : *arguments) {
      charts::values::Value scratch;
      auto parsed = charts::values::parse_set_into(argument, scratch, mode);
      if (!parsed.ok()) {
        charts::Error error = parsed.error();
        error.message = std::string(flag) + " '" + argument + "': " + error.message;
        return error;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view chart_flags_usage() {
  return "  CHART: a chart directory or .tgz, oci://HOST/PATH/NAME, or a NAME with --repo\n"
         "  chart flags:      --repo URL, --version V, --devel\n"
         "  values flags:     -f/--values FILE, --set k=v, --set-string k=v, --set-json k=json,\n"
         "                    --set-file k=path, --set-literal k=v (each repeatable),\n"
         "                    --skip-schema-validation\n"
         "  rendering flags:  -n/--namespace NS, --kube-version V, -a/--api-versions G/V[/Kind]\n"
         "  repository flags: --username, --password, --pass-credentials, --ca-file FILE,\n"
         "                    --cert-file FILE, --key-file FILE, --insecure-skip-tls-verify\n"
         "  registry flags:   --registry-config FILE, --plain-http, --insecure\n";
}

void ChartInput::add_flags(FlagSet& flags) {
  flags.add_string("repo", &request.repo_url);
  flags.add_string("version", &request.version);
  flags.add_bool("devel", &request.devel);
  flags.add_strings("values", &values.value_files, 'f');
  flags.add_strings("set", &values.values);
  flags.add_strings("set-string", &values.string_values);
  flags.add_strings("set-json", &values.json_values);
  flags.add_strings("set-file", &values.file_values);
  flags.add_strings("set-literal", &values.literal_values);
  flags.add_bool("skip-schema-validation", &skip_schema_validation);
  flags.add_string("namespace", &namespace_, 'n');
  flags.add_string("kube-version", &kube_version);
  flags.add_strings("api-versions", &api_versions, 'a');
  flags.add_string("username", &sources.username);
  flags.add_string("password", &sources.password);
  flags.add_bool("pass-credentials", &sources.pass_credentials_all);
  flags.add_string("ca-file", &ca_file);
  flags.add_string("cert-file", &cert_file);
  flags.add_string("key-file", &key_file);
  flags.add_bool("insecure-skip-tls-verify", &insecure_repository);
  flags.add_string("registry-config", &sources.registry_config);
  flags.add_bool("plain-http", &sources.plain_http);
  flags.add_bool("insecure", &insecure_registry);
}

std::optional<std::string> ChartInput::finish(std::string chart) {
  request.chart = std::move(chart);
  if (namespace_.empty()) return std::string("--namespace must not be empty");
  if (cert_file.empty() != key_file.empty()) {
    return std::string("--cert-file and --key-file go together");
  }
  auto& tls = sources.tls;
  tls.insecure_skip_verify = insecure_registry || insecure_repository;
  for (const auto& [flag, path, target] :
       {std::tuple{"ca-file", &ca_file, &tls.ca_pem},
        std::tuple{"cert-file", &cert_file, &tls.client_cert_pem},
        std::tuple{"key-file", &key_file, &tls.client_key_pem}}) {
    if (path->empty()) continue;
    if (auto problem = read_flag_file(flag, *path, *target)) return problem;
  }
  return std::nullopt;
}

Result<charts::engine::RenderOptions, charts::Error> render_options(const ChartInput& input,
                                                                    std::string release_name) {
  charts::engine::RenderOptions options;
  options.release_name = std::move(release_name);
  options.release_namespace = input.namespace_;
  if (!input.kube_version.empty()) {
    auto kube_version = charts::engine::parse_kube_version(input.kube_version);
    if (!kube_version.ok()) {
      charts::Error error = kube_version.error();
      error.message = "--kube-version " + input.kube_version + ": " + error.message;
      return error;
    }
    options.capabilities.kube_version = std::move(kube_version).value();
  }
  for (const std::string& api_version : input.api_versions) {
    options.capabilities.api_versions.push_back(api_version);
  }
  return options;
}

Result<LoadedChart, charts::Error> load_chart(const ChartInput& input) {
  if (auto error = check_set_arguments(input.values)) return *error;
  auto user_values = charts::values::merge_values_files(input.values);
  if (!user_values.ok()) return user_values.error();

  charts::ChartSources sources(input.sources);
  auto fetched = sources.fetch(input.request);
  if (!fetched.ok()) return fetched.error();
  const bool directory = fetched->kind == charts::FetchedChart::Kind::kDirectory;
  auto loaded = directory ? charts::load_directory(fetched->path)
                          : charts::load_archive(fetched->archive, fetched->source);
  if (!loaded.ok()) return loaded.error();
  const std::filesystem::path chart_dir = directory ? fetched->path : std::filesystem::path();
  auto tree = charts::resolve_dependencies(
      std::move(loaded).value(), *fetched, chart_dir,
      [&sources](const charts::ChartRequest& request) { return sources.fetch(request); });
  if (!tree.ok()) return tree.error();
  return LoadedChart{.fetched = std::move(fetched).value(),
                     .tree = std::move(tree).value(),
                     .user_values = std::move(user_values).value()};
}

int report_chart_error(std::ostream& err, std::string_view command, const charts::Error& error) {
  err << "chartmirror " << command << ": " << error.describe() << "\n";
  const bool fetch_failed = error.code == charts::Error::Code::kTransport ||
                            error.code == charts::Error::Code::kIntegrity;
  return fetch_failed ? kExitFailed : kExitUsage;
}

}  // namespace chartmirror::cli
