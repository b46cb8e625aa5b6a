// charts/values/render_values.h — the values `helm template` and `helm install` render with.
//
// Helm 3.17's order (pkg/action/install.go): the user's values (merge_values_files) →
// ProcessDependenciesWithMerge (process_dependencies) → CoalesceValues (coalesce_values) →
// schema validation of every chart (validate_values) → `.Values`. This is that order in one
// call; the template engine adds `.Release`, `.Chart` and `.Capabilities` beside the result.
#pragma once

#include <string>
#include <vector>

#include "charts/error.h"
#include "charts/values/dependency_conditions.h"
#include "charts/values/value.h"
#include "charts/values/values_tree.h"
#include "support/result.h"

namespace chartmirror::charts::values {

struct RenderValuesOptions {
  DependencyOptions dependencies;       // merge stays true for install/template
  bool skip_schema_validation = false;  // --skip-schema-validation
};

struct RenderValues {
  ValuesTree chart;  // the charts that render: disabled subcharts gone, aliases applied
  Value values;      // `.Values` of the top chart; a subchart's are under its name
};

// The warnings of coalescing go where options.dependencies.warnings points.
[[nodiscard]] Result<RenderValues, Error> render_values(ValuesTree chart, const Value& user_values,
                                                        const RenderValuesOptions& options = {});

}  // namespace chartmirror::charts::values
