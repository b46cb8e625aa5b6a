#include "charts/images/chart_values.h"

#include <utility>

#include "charts/values/json.h"
#include "charts/version/constraint.h"
#include "charts/version/semver.h"

namespace chartmirror::charts::images {
namespace {

// chartutil.IsCompatibleRange: false for a constraint or a version that does not parse.
bool version_matches(const std::string& constraint, const std::string& version) {
  auto parsed_constraint = Constraint::parse(constraint);
  if (!parsed_constraint.ok()) return false;
  auto parsed_version = Version::parse(version);
  if (!parsed_version.ok()) return false;
  return parsed_constraint->check(*parsed_version);
}

// One import-values item as Helm holds it (a string or a {child, parent} map) as a Value.
Result<values::Value, Error> to_value(const nlohmann::json& item, const std::string& source) {
  return values::parse_json(item.dump(), source);
}

Result<values::Dependency, Error> to_dependency(const Dependency& dependency,
                                                const std::string& source) {
  values::Dependency out{.name = dependency.name,
                         .version = dependency.version,
                         .alias = dependency.alias,
                         .condition = dependency.condition,
                         .tags = dependency.tags,
                         .import_values = {}};
  if (!dependency.import_values.empty()) {
    values::Value::List items;
    for (const auto& item : dependency.import_values) {
      auto value = to_value(item, source);
      if (!value.ok()) return value.error();
      items.push_back(std::move(value).value());
    }
    out.import_values = values::Value(std::move(items));
  }
  return out;
}

void visit_tree(const Chart& chart, const values::ValuesTree& tree,
                std::vector<std::string>& section, const values::Value& values,
                const std::function<void(const RenderedChart&)>& visit) {
  visit(RenderedChart{.chart = chart, .tree = tree, .section = section, .values = values});
  static const values::Value kNone;
  for (std::size_t i = 0; i < tree.subcharts.size(); ++i) {
    const values::ValuesTree& subtree = tree.subcharts[i];
    // process_dependencies records which loaded subchart each rendered one is; -1 where it
    // left the list as loaded, so positions match.
    const std::size_t loaded = subtree.origin >= 0 ? static_cast<std::size_t>(subtree.origin) : i;
    if (loaded >= chart.dependencies().size()) continue;  // not from this chart: cannot happen
    const values::Value* subvalues = values.find(subtree.name);
    section.push_back(subtree.name);
    visit_tree(chart.dependencies()[loaded], subtree, section,
               subvalues != nullptr ? *subvalues : kNone, visit);
    section.pop_back();
  }
}

}  // namespace

Result<values::ValuesTree, Error> to_values_tree(const Chart& chart) {
  values::ValuesTree tree{.name = chart.name(),
                          .version = chart.version(),
                          .defaults = {},
                          .schema = std::string(chart.schema()),
                          .dependencies = {},
                          .subcharts = {},
                          .origin = -1};
  const std::string source = chart.source().empty() ? chart.name() : chart.source();
  // Decoded when the chart was loaded; a chart without values.yaml has no defaults at all.
  if (!chart.values().empty()) tree.defaults = chart.default_values();
  for (const auto& dependency : chart.metadata().dependencies) {
    auto converted = to_dependency(dependency, source + ": Chart.yaml");
    if (!converted.ok()) return converted.error();
    tree.dependencies.push_back(std::move(converted).value());
  }
  for (const Chart& subchart : chart.dependencies()) {
    auto subtree = to_values_tree(subchart);
    if (!subtree.ok()) return subtree.error();
    tree.subcharts.push_back(std::move(subtree).value());
  }
  return tree;
}

Result<values::RenderValues, Error> render_chart_values(const Chart& chart,
                                                        const values::Value& user_values,
                                                        std::vector<std::string>* warnings,
                                                        bool skip_schema_validation) {
  auto tree = to_values_tree(chart);
  if (!tree.ok()) return tree.error();
  values::RenderValuesOptions options;
  options.dependencies.version_matches = version_matches;
  options.dependencies.warnings = warnings;
  options.skip_schema_validation = skip_schema_validation;
  return values::render_values(std::move(tree).value(), user_values, options);
}

void for_each_rendered_chart(const Chart& chart, const values::RenderValues& rendered,
                             const std::function<void(const RenderedChart&)>& visit) {
  std::vector<std::string> section;
  visit_tree(chart, rendered.chart, section, rendered.values, visit);
}

}  // namespace chartmirror::charts::images
