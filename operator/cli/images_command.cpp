#include "operator/cli/images_command.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <tuple>
#include <variant>

#include <nlohmann/json.hpp>

#include "charts/chart/archive.h"
#include "charts/deps/dependency_resolver.h"
#include "charts/images/chart_values.h"
#include "charts/images/discover.h"
#include "charts/repo/chart_source.h"
#include "charts/values/set_parser.h"
#include "operator/cli/cli.h"
#include "operator/cli/flags.h"

namespace chartmirror::cli {
namespace {

constexpr std::string_view kUsage =
    "usage: chartmirror images CHART [--repo URL] [--version V] [--devel]\n"
    "         [-f values.yaml]... [--set k=v]... [--set-string k=v]... [--set-json k=json]...\n"
    "         [--set-file k=path]... [--set-literal k=v]... [--skip-schema-validation]\n"
    "         [-o text|json]\n"
    "  CHART: a chart directory or .tgz, oci://HOST/PATH/NAME, or a NAME with --repo\n"
    "  repository flags: --username, --password, --pass-credentials, --ca-file FILE,\n"
    "                    --cert-file FILE, --key-file FILE, --insecure-skip-tls-verify\n"
    "  registry flags:   --registry-config FILE, --plain-http, --insecure\n"
    "Prints the images the chart deploys, one per line (-o json: with where each was found).\n"
    "Images come from the chart's values and its image annotations (images,\n"
    "artifacthub.io/images);"
    " templates are not rendered yet, so images they build may be missing.\n";

constexpr std::string_view kHeader =
    "chartmirror images: images found by scanning the chart's values and its image "
    "annotations, not by rendering its templates: some may be missing\n";

struct Options {
  charts::ChartRequest request;
  charts::ChartSourceOptions sources;
  charts::values::ValuesOptions values;
  bool skip_schema_validation = false;
  std::string output = "text";
  std::string ca_file;
  std::string cert_file;
  std::string key_file;
  bool insecure_registry = false;
  bool insecure_repository = false;
  bool help = false;
};

int usage(std::ostream& err, const std::string& problem) {
  err << "chartmirror images: " << problem << "\n" << kUsage;
  return kExitUsage;
}

// 1 when fetching failed (the repository or the bytes it sent), 2 when the input was bad.
int fail(std::ostream& err, const charts::Error& error) {
  err << "chartmirror images: " << error.describe() << "\n";
  const bool fetch_failed = error.code == charts::Error::Code::kTransport ||
                            error.code == charts::Error::Code::kIntegrity;
  return fetch_failed ? kExitFailed : kExitUsage;
}

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

nlohmann::json origin_json(const charts::images::ImageOrigin& origin) {
  using charts::images::ImageOrigin;
  nlohmann::json out = {{"chart", origin.chart}, {"chartVersion", origin.chart_version}};
  if (origin.kind == ImageOrigin::Kind::kAnnotation) {
    out["kind"] = "annotation";
    out["annotation"] = origin.annotation;
    out["name"] = origin.annotation_name;
    return out;
  }
  out["kind"] = "values";
  out["path"] = charts::images::format_path(origin.path);
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& step : origin.path) {
    std::visit([&](const auto& value) { steps.push_back(value); }, step);
  }
  out["pathSteps"] = std::move(steps);
  out["shape"] = charts::images::shape_name(origin.shape);
  out["tagFromAppVersion"] = origin.tag_from_app_version;
  if (!origin.global_registry.empty()) out["globalRegistry"] = origin.global_registry;
  return out;
}

void print_json(std::ostream& out, const charts::ResolvedTree& tree,
                const charts::FetchedChart& fetched, const charts::images::Discovery& discovery,
                const std::vector<std::string>& warnings) {
  nlohmann::json charts_json = nlohmann::json::array();
  for (const auto& chart : tree.charts) {
    charts_json.push_back({{"name", chart.name},
                           {"version", chart.version},
                           {"source", chart.source},
                           {"vendored", chart.vendored}});
  }
  nlohmann::json images = nlohmann::json::array();
  for (const auto& image : discovery.images) {
    nlohmann::json origins = nlohmann::json::array();
    for (const auto& origin : image.origins) origins.push_back(origin_json(origin));
    images.push_back({{"image", image.reference.str()},
                      {"registry", image.reference.registry()},
                      {"repository", image.reference.repository()},
                      {"tag", image.reference.tag()},
                      {"digest", image.reference.digest()},
                      {"origins", std::move(origins)}});
  }
  const nlohmann::json document = {
      {"chart",
       {{"name", tree.chart.name()},
        {"version", tree.chart.version()},
        {"source", fetched.source},
        {"digest", fetched.digest}}},
      {"discovery", {"values", "annotations"}},
      {"charts", std::move(charts_json)},
      {"images", std::move(images)},
      {"warnings", warnings},
  };
  out << document.dump(2) << "\n";
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

// Reads the flags into `options`; a usage problem, or nothing.
std::optional<std::string> parse_flags(std::span<const std::string_view> args, Options& options,
                                       std::string& chart) {
  FlagSet flags;
  flags.add_string("repo", &options.request.repo_url);
  flags.add_string("version", &options.request.version);
  flags.add_bool("devel", &options.request.devel);
  flags.add_strings("values", &options.values.value_files, 'f');
  flags.add_strings("set", &options.values.values);
  flags.add_strings("set-string", &options.values.string_values);
  flags.add_strings("set-json", &options.values.json_values);
  flags.add_strings("set-file", &options.values.file_values);
  flags.add_strings("set-literal", &options.values.literal_values);
  flags.add_bool("skip-schema-validation", &options.skip_schema_validation);
  flags.add_string("output", &options.output, 'o');
  flags.add_string("username", &options.sources.username);
  flags.add_string("password", &options.sources.password);
  flags.add_bool("pass-credentials", &options.sources.pass_credentials_all);
  flags.add_string("ca-file", &options.ca_file);
  flags.add_string("cert-file", &options.cert_file);
  flags.add_string("key-file", &options.key_file);
  flags.add_bool("insecure-skip-tls-verify", &options.insecure_repository);
  flags.add_string("registry-config", &options.sources.registry_config);
  flags.add_bool("plain-http", &options.sources.plain_http);
  flags.add_bool("insecure", &options.insecure_registry);
  flags.add_bool("help", &options.help, 'h');
  auto positional = flags.parse(args);
  if (!positional.ok()) return positional.error();
  if (options.help) return std::nullopt;
  if (positional->size() != 1) {
    return positional->empty() ? std::string("expected CHART")
                               : "expected one CHART, got " + std::to_string(positional->size());
  }
  chart = (*positional)[0];
  if (options.output != "text" && options.output != "json") {
    return "-o must be text or json, not '" + options.output + "'";
  }
  if (options.cert_file.empty() != options.key_file.empty()) {
    return "--cert-file and --key-file go together";
  }
  auto& tls = options.sources.tls;
  tls.insecure_skip_verify = options.insecure_registry || options.insecure_repository;
  for (const auto& [flag, path, target] :
       {std::tuple{"ca-file", &options.ca_file, &tls.ca_pem},
        std::tuple{"cert-file", &options.cert_file, &tls.client_cert_pem},
        std::tuple{"key-file", &options.key_file, &tls.client_key_pem}}) {
    if (path->empty()) continue;
    if (auto problem = read_flag_file(flag, *path, *target)) return problem;
  }
  return std::nullopt;
}

}  // namespace

int run_images(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  Options options;
  std::string chart_arg;
  if (auto problem = parse_flags(args, options, chart_arg)) return usage(err, *problem);
  if (options.help) {
    out << kUsage;
    return kExitOk;
  }
  options.request.chart = chart_arg;

  // The values first: a typo in --set should not wait for a download.
  if (auto error = check_set_arguments(options.values)) return fail(err, *error);
  auto user_values = charts::values::merge_values_files(options.values);
  if (!user_values.ok()) return fail(err, user_values.error());

  charts::ChartSources sources(options.sources);
  auto fetched = sources.fetch(options.request);
  if (!fetched.ok()) return fail(err, fetched.error());
  auto loaded = fetched->kind == charts::FetchedChart::Kind::kDirectory
                    ? charts::load_directory(fetched->path)
                    : charts::load_archive(fetched->archive, fetched->source);
  if (!loaded.ok()) return fail(err, loaded.error());
  const std::filesystem::path chart_dir = fetched->kind == charts::FetchedChart::Kind::kDirectory
                                              ? fetched->path
                                              : std::filesystem::path();
  auto tree = charts::resolve_dependencies(
      std::move(loaded).value(), *fetched, chart_dir,
      [&sources](const charts::ChartRequest& request) { return sources.fetch(request); });
  if (!tree.ok()) return fail(err, tree.error());

  std::vector<std::string> warnings;
  auto rendered = charts::images::render_chart_values(tree->chart, *user_values, &warnings,
                                                      options.skip_schema_validation);
  if (!rendered.ok()) return fail(err, rendered.error());
  charts::images::Discovery discovery = charts::images::discover_images(tree->chart, *rendered);

  // Helm's own warnings say "warning:" or "Warning:" already; the scan's do not.
  for (const auto& warning : discovery.warnings) warnings.push_back("warning: " + warning);
  err << kHeader;
  for (const auto& warning : warnings) err << "chartmirror images: " << warning << "\n";
  if (options.output == "json") {
    print_json(out, *tree, *fetched, discovery, warnings);
  } else {
    for (const auto& image : discovery.images) out << image.reference.str() << "\n";
  }
  return kExitOk;
}

}  // namespace chartmirror::cli
