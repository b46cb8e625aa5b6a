// charts/values/values_tree.h — the part of a chart that Helm's values processing reads.
//
// The chart model (charts/chart) is richer; it hands its charts to this module as a
// ValuesTree, so that coalescing, dependency conditions, import-values and schema validation
// are written once, against exactly what they use:
//   - what Chart.yaml says: the name, the version and the `dependencies` entries;
//   - values.yaml and values.schema.json;
//   - the subcharts as loaded from charts/, in Helm's order (chart.Dependencies()).
// process_dependencies (dependency_conditions.h) turns a tree as loaded into the tree Helm
// renders: disabled subcharts removed, aliased ones copied under their alias, imported values
// folded into the parents' defaults. coalesce_values and validate_values then read that tree.
#pragma once

#include <string>
#include <vector>

#include "charts/values/value.h"

namespace chartmirror::charts::values {

// One entry of Chart.yaml `dependencies` (chart.Dependency), the fields values processing
// reads.
struct Dependency {
  std::string name;
  std::string version;    // a semver constraint, matched against a subchart's version
  std::string alias;      // empty when there is none
  std::string condition;  // comma-separated value paths; the first that holds a bool decides
  std::vector<std::string> tags;
  // `import-values` as written: a list whose items are strings (exports.NAME of the child)
  // or maps {child: PATH, parent: PATH}. After process_dependencies both forms are written as
  // {child, parent} maps, as Helm rewrites them. Null when absent.
  Value import_values;
};

struct ValuesTree {
  // Chart.yaml `name`; after process_dependencies, the alias of an aliased subchart. This is
  // the key under which the parent's values address the subchart (`.Values.<name>`).
  std::string name;
  std::string version;  // Chart.yaml `version`
  Value defaults;       // values.yaml (a map, or null when the chart has none)
  std::string schema;   // values.schema.json as written; empty when the chart has none
  std::vector<Dependency> dependencies;
  std::vector<ValuesTree> subcharts;
  // Set by process_dependencies: the index in the input tree's `subcharts` of the loaded
  // chart this one was made from (several aliases can come from one chart). -1 where the
  // list was left as loaded (a chart without `dependencies`), or before processing.
  int origin = -1;
};

}  // namespace chartmirror::charts::values
