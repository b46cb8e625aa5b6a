#include "operator/cli/images_command.h"

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "charts/images/chart_values.h"
#include "charts/images/deployed_images.h"
#include "operator/cli/chart_input.h"
#include "operator/cli/cli.h"
#include "operator/cli/flags.h"

namespace chartmirror::cli {
namespace {

std::string usage_text() {
  return "usage: chartmirror images CHART [flags] [-o text|json]\n" +
         std::string(chart_flags_usage()) +
         "  --values-scan     also scan the values for images, Helmper's way (switched-off\n"
         "                    components included)\n"
         "Prints the images the chart deploys, one per line (-o json: with where each was "
         "found).\nThe chart is rendered as helm template renders it, and the images read from "
         "the\nmanifests, with those of its image annotations (images, artifacthub.io/images).\n";
}

struct Options {
  ChartInput input;
  std::string output = "text";
  bool values_scan = false;
  bool help = false;
};

int usage(std::ostream& err, const std::string& problem) {
  err << "chartmirror images: " << problem << "\n" << usage_text();
  return kExitUsage;
}

nlohmann::json origin_json(const charts::images::ImageOrigin& origin) {
  using charts::images::ImageOrigin;
  nlohmann::json out = {{"chart", origin.chart}, {"chartVersion", origin.chart_version}};
  if (origin.kind == ImageOrigin::Kind::kTemplate) {
    out = {{"kind", "template"},
           {"template", origin.template_file},
           {"apiVersion", origin.api_version},
           {"objectKind", origin.object_kind},
           {"name", origin.object_name},
           {"field", charts::images::format_path(origin.path)},
           {"match", charts::images::match_name(origin.match)}};
    if (!origin.object_namespace.empty()) out["namespace"] = origin.object_namespace;
    return out;
  }
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
                const std::vector<std::string>& warnings, bool values_scan) {
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
      {"discovery", values_scan ? nlohmann::json{"templates", "annotations", "values"}
                                : nlohmann::json{"templates", "annotations"}},
      {"charts", std::move(charts_json)},
      {"images", std::move(images)},
      {"warnings", warnings},
  };
  out << document.dump(2) << "\n";
}

// Reads the flags into `options`; a usage problem, or nothing.
std::optional<std::string> parse_flags(std::span<const std::string_view> args, Options& options) {
  FlagSet flags;
  options.input.add_flags(flags);
  flags.add_string("output", &options.output, 'o');
  flags.add_bool("values-scan", &options.values_scan);
  flags.add_bool("help", &options.help, 'h');
  auto positional = flags.parse(args);
  if (!positional.ok()) return positional.error();
  if (options.help) return std::nullopt;
  if (positional->size() != 1) {
    return positional->empty() ? std::string("expected CHART")
                               : "expected one CHART, got " + std::to_string(positional->size());
  }
  if (options.output != "text" && options.output != "json") {
    return "-o must be text or json, not '" + options.output + "'";
  }
  return options.input.finish((*positional)[0]);
}

}  // namespace

int run_images(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  Options options;
  if (auto problem = parse_flags(args, options)) return usage(err, *problem);
  if (options.help) {
    out << usage_text();
    return kExitOk;
  }
  auto loaded = load_chart(options.input);
  if (!loaded.ok()) return report_chart_error(err, "images", loaded.error());
  const charts::ResolvedTree& tree = loaded->tree;

  std::vector<std::string> warnings;
  auto rendered = charts::images::render_chart_values(tree.chart, loaded->user_values, &warnings,
                                                      options.input.skip_schema_validation);
  if (!rendered.ok()) return report_chart_error(err, "images", rendered.error());
  auto render = render_options(options.input, "release-name");
  if (!render.ok()) return report_chart_error(err, "images", render.error());
  auto discovery = charts::images::discover_deployed_images(
      tree.chart, *rendered, {.render = *render, .values_scan = options.values_scan});
  if (!discovery.ok()) return report_chart_error(err, "images", discovery.error());

  // Helm's own warnings say "warning:" or "Warning:" already; the scans' do not.
  for (const auto& warning : discovery->warnings) warnings.push_back("warning: " + warning);
  for (const auto& warning : warnings) err << "chartmirror images: " << warning << "\n";
  if (options.output == "json") {
    print_json(out, tree, loaded->fetched, *discovery, warnings, options.values_scan);
  } else {
    for (const auto& image : discovery->images) out << image.reference.str() << "\n";
  }
  return kExitOk;
}

}  // namespace chartmirror::cli
