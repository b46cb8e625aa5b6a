// charts/images/chart_values.h — a loaded chart's values as Helm renders them, and the charts
// that render.
//
// charts/values works on a ValuesTree (values_tree.h): what Chart.yaml says about
// dependencies, values.yaml, values.schema.json and the subcharts. to_values_tree builds that
// tree from the chart model, subcharts in chart.dependencies() order, dependency versions
// matched with Helm's semver check (chartutil.IsCompatibleRange, charts/version).
// render_chart_values runs charts/values' render_values over it: dependency conditions and
// tags, aliases, import-values, coalescing with the user's values, schema validation.
//
// The processed tree says which subcharts render and under which names, but not which loaded
// Chart each one is (two aliases can share one); for_each_rendered_chart walks the processed
// tree and the chart model together, so that image discovery can read both a chart's values
// and its Chart.yaml (appVersion, annotations).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "charts/chart/chart.h"
#include "charts/error.h"
#include "charts/values/render_values.h"
#include "charts/values/value.h"
#include "charts/values/values_tree.h"
#include "support/result.h"

namespace chartmirror::charts::images {

// `chart` and its subcharts, recursively; values.yaml as the loader decoded it
// (Chart::default_values). Errors: import-values that do not convert (kInvalidInput).
[[nodiscard]] Result<values::ValuesTree, Error> to_values_tree(const Chart& chart);

// `.Values` for rendering `chart` with `user_values` (a map or null: the merged -f and --set),
// and the tree of the charts that render. Warnings of dependency processing and coalescing go
// to `warnings` when given.
[[nodiscard]] Result<values::RenderValues, Error> render_chart_values(
    const Chart& chart, const values::Value& user_values,
    std::vector<std::string>* warnings = nullptr, bool skip_schema_validation = false);

// One chart that renders, as for_each_rendered_chart visits it.
struct RenderedChart {
  const Chart& chart;              // the loaded chart (Chart.yaml, files)
  const values::ValuesTree& tree;  // its processed node: name (alias), defaults, subcharts
  // The keys that lead from the top chart's `.Values` to this chart's: {} for the top chart,
  // {"redis"} for a subchart, {"loki", "minio"} for a subchart's subchart.
  std::vector<std::string> section;
  const values::Value& values;  // this chart's `.Values` (the section of the top's values)
};

// Visits the top chart, then each rendering subchart depth first, in the processed tree's
// order. `rendered` must come from render_chart_values(chart, ...).
void for_each_rendered_chart(const Chart& chart, const values::RenderValues& rendered,
                             const std::function<void(const RenderedChart&)>& visit);

}  // namespace chartmirror::charts::images
