#include "controllers/chart_loading.h"

#include <utility>

#include "charts/chart/archive.h"
#include "charts/images/chart_values.h"
#include "charts/images/deployed_images.h"
#include "charts/values/json.h"
#include "charts/values/set_parser.h"
#include "charts/values/yaml.h"

namespace chartmirror::controllers {
namespace {

Failure chart_failure(const ChartSpec& chart, std::string ref, std::string reason,
                      std::string message) {
  return Failure{.ref = std::move(ref),
                 .chart = chart.name,
                 .reason = std::move(reason),
                 .message = std::move(message)};
}

// The YAML text valuesFrom[i] names.
Result<std::string, Failure> read_values_source(const ChartSpec& chart, const ValuesFrom& from,
                                                Cluster& cluster,
                                                std::string_view object_namespace) {
  const std::string what = from.kind + " " + from.name;
  const auto missing = [&](const std::string& message) {
    return chart_failure(chart, what, "ValuesNotFound", message);
  };
  std::map<std::string, std::string> data;
  if (from.kind == "Secret") {
    auto secret = cluster.read_secret(object_namespace, from.name);
    if (!secret.ok()) return missing(what + ": " + secret.error().message);
    data = std::move(secret->data);
  } else {
    auto config_map = cluster.read_config_map(object_namespace, from.name);
    if (!config_map.ok()) return missing(what + ": " + config_map.error().message);
    data = std::move(config_map).value();
  }
  const auto it = data.find(from.key);
  if (it == data.end()) return missing(what + " has no key " + from.key);
  return std::move(it->second);
}

// valuesFrom in order, then the inline values: what helm's -f files would give.
Result<charts::values::Value, Failure> user_values(const ChartSpec& chart, Cluster& cluster,
                                                   std::string_view object_namespace) {
  charts::values::Value merged = charts::values::Value::Map{};
  for (const ValuesFrom& from : chart.values_from) {
    auto text = read_values_source(chart, from, cluster, object_namespace);
    if (!text.ok()) return text.error();
    const std::string source = from.kind + " " + from.name + " key " + from.key;
    auto values = charts::values::parse_values_yaml(*text, source);
    if (!values.ok()) {
      // The error quotes the YAML parser, not the values: a Secret's content stays out.
      return chart_failure(chart, source, "ValuesInvalid", values.error().describe());
    }
    merged = charts::values::merge_maps(merged, *values);
  }
  if (!chart.values_json.empty()) {
    auto values = charts::values::parse_json(chart.values_json, "spec values");
    if (!values.ok()) {
      return chart_failure(chart, chart.name, "ValuesInvalid", values.error().describe());
    }
    merged = charts::values::merge_maps(merged, *values);
  }
  return merged;
}

const char* fetch_reason(const charts::Error& error) {
  switch (error.code) {
    case charts::Error::Code::kNotFound:
      return "ChartNotFound";
    case charts::Error::Code::kTransport:
    case charts::Error::Code::kIntegrity:
      return "ChartFetchFailed";
    default:
      return "ChartInvalid";
  }
}

// What `helm template` renders with: its default release name, the ChartMirror's namespace,
// and spec.capabilities over helm's defaults.
Result<charts::engine::RenderOptions, charts::Error> render_options(
    const CapabilitiesSpec& capabilities, std::string_view object_namespace,
    std::string_view default_kube_version) {
  charts::engine::RenderOptions options;
  options.release_name = "release-name";
  options.release_namespace = std::string(object_namespace);
  const std::string_view wanted =
      capabilities.kube_version.empty() ? default_kube_version : capabilities.kube_version;
  if (!wanted.empty()) {
    auto kube_version = charts::engine::parse_kube_version(wanted);
    if (!kube_version.ok()) return kube_version.error();
    options.capabilities.kube_version = std::move(kube_version).value();
  }
  for (const std::string& api_version : capabilities.api_versions) {
    options.capabilities.api_versions.push_back(api_version);
  }
  return options;
}

}  // namespace

Result<LoadedChart, Failure> load_chart(const ChartSpec& chart, const ChartMirrorSpec& spec,
                                        charts::ChartSources& sources, Cluster& cluster,
                                        std::string_view object_namespace,
                                        std::string_view default_kube_version) {
  auto values = user_values(chart, cluster, object_namespace);
  if (!values.ok()) return values.error();
  auto render = render_options(spec.capabilities, object_namespace, default_kube_version);
  if (!render.ok()) {
    return chart_failure(chart, "spec.capabilities.kubeVersion", "ChartRenderFailed",
                         render.error().describe());
  }
  const SourceSpec& source = spec.source;

  const charts::ChartRequest request{
      .chart = chart.name, .repo_url = source.url, .version = chart.version};
  const std::string ref =
      source.url + " " + chart.name + (chart.version.empty() ? std::string() : " " + chart.version);
  auto fetched = sources.fetch(request);
  if (!fetched.ok()) {
    return chart_failure(chart, ref, fetch_reason(fetched.error()), fetched.error().describe());
  }
  auto loaded = charts::load_archive(fetched->archive, fetched->source);
  if (!loaded.ok()) {
    return chart_failure(chart, fetched->source, "ChartInvalid", loaded.error().describe());
  }
  auto tree = charts::resolve_dependencies(
      std::move(loaded).value(), *fetched, {},
      [&sources](const charts::ChartRequest& dependency) { return sources.fetch(dependency); });
  if (!tree.ok()) {
    return chart_failure(chart, fetched->source, fetch_reason(tree.error()),
                         "dependencies: " + tree.error().describe());
  }

  LoadedChart out{.fetched = std::move(fetched).value(), .tree = std::move(tree).value()};
  auto rendered =
      charts::images::render_chart_values(out.tree.chart, *values, &out.warnings, false);
  if (!rendered.ok()) {
    return chart_failure(chart, out.fetched.source, "ValuesInvalid", rendered.error().describe());
  }
  auto discovery =
      charts::images::discover_deployed_images(out.tree.chart, *rendered, {.render = *render});
  if (!discovery.ok()) {
    return chart_failure(chart, out.fetched.source, "ChartRenderFailed",
                         discovery.error().describe());
  }
  for (auto& warning : discovery->warnings) out.warnings.push_back(std::move(warning));
  for (auto& image : discovery->images) out.images.push_back(std::move(image.reference));
  return out;
}

}  // namespace chartmirror::controllers
