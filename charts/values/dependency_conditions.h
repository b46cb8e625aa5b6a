// charts/values/dependency_conditions.h — which subcharts a release renders, and the values
// they export to their parents (chartutil.ProcessDependencies of Helm 3.17).
//
// For a chart with `dependencies` in Chart.yaml, recursively:
//   1. Subcharts: each dependency takes the first loaded subchart with its name whose version
//      satisfies its constraint, copied under the alias when it has one (one chart can be
//      used under several aliases). Loaded subcharts that no dependency claims are kept as
//      they are, before the claimed ones. A dependency with no matching subchart adds none.
//   2. Enabled: every dependency starts enabled. The chart's values are coalesced with the
//      values coming from above (the user's at the top). `tags`: if any of a dependency's
//      tags is true under the top-level `tags` map it is enabled, else if any is false it is
//      disabled. `condition`: the comma-separated paths (not trimmed after the comma) are
//      looked up in order, below the chart's own path; the first that holds a bool decides,
//      overriding tags. Non-bool values and missing paths are passed over (with a warning for
//      non-bool values).
//   3. Disabled subcharts and their dependency entries are dropped; the enabled subcharts are
//      processed the same way, with the parent's coalesced values and the path
//      "<parent path><subchart>." for their conditions.
//   4. import-values, bottom up: the chart's values merged with its subcharts' (nulls kept when
//      `merge`, else dropped) give each dependency's tables: the string form NAME imports the
//      child's `exports.NAME` into the parent's top level, the map form {child: PATH, parent:
//      PATH} the child's table PATH at the parent's PATH ("." is the top level). Imported
//      values are overridden by the parent's own values; the chart's defaults become this
//      merged result. A missing table is a warning, not an error.
// A chart whose `dependencies` list is empty is left as it is, subcharts included, as Helm
// leaves a chart whose list is nil.
//
// Not reproduced: Helm shares one Dependency object between the alias copies of a chart, so
// when a chart used under two aliases has aliased dependencies of its own, the second copy
// sees the first copy's renamed entries; here every copy is processed independently.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "charts/error.h"
#include "charts/values/value.h"
#include "charts/values/values_tree.h"
#include "support/result.h"

namespace chartmirror::charts::values {

// Whether `version` satisfies the semver `constraint` (chartutil.IsCompatibleRange: false for
// a constraint that does not parse, the empty one included).
using VersionMatcher =
    std::function<bool(const std::string& constraint, const std::string& version)>;

struct DependencyOptions {
  // true: ProcessDependenciesWithMerge, what `helm install` and `helm template` use; false:
  // ProcessDependencies.
  bool merge = true;
  // How versions are matched. Unset, every subchart matches every constraint; the chart
  // module passes the semver check.
  VersionMatcher version_matches;
  // Helm's warnings ("Warning: Condition path 'x' for chart y returned non-bool value").
  std::vector<std::string>* warnings = nullptr;
};

// The tree Helm renders for `chart` given the user's values (a map or null).
[[nodiscard]] Result<ValuesTree, Error> process_dependencies(ValuesTree chart,
                                                             const Value& user_values,
                                                             const DependencyOptions& options = {});

// chartutil.Values.PathValue: the value at a '.'-separated path whose last step is not a map;
// nullptr when there is none (Helm's ErrNoValue).
[[nodiscard]] const Value* path_value(const Value& values, const std::string& path);

}  // namespace chartmirror::charts::values
