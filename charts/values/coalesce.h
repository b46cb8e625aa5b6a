// charts/values/coalesce.h — Helm's coalescing of chart defaults and user values
// (chartutil.CoalesceValues, MergeValues, CoalesceTables, MergeTables of Helm 3.17).
//
// coalesce_values(chart, user) is the `.Values` a chart's templates see, before schema
// validation (ToRenderValues):
//   - user values win; where both sides hold a map the maps are merged, recursively; lists
//     and scalars are replaced whole. Where one side holds a map and the other does not, the
//     user's value is kept as it is (Helm logs a warning for most such conflicts).
//   - a null user value deletes the key it names from the chart's defaults (and a null that
//     meets no default stays null). Nulls inside a subchart's section are kept while the
//     parent merges that section and applied when the subchart's own defaults are merged.
//   - each subchart gets the parent's values under the subchart's name (its alias, if it has
//     one) as its user values, recursively; the parent's result contains the subcharts'
//     results under those names. A non-map there ("type mismatch on NAME: ...") is an error.
//   - `global`: before a subchart is coalesced its values receive the parent's globals; the
//     parent's win. Every subchart's values get a `global` map (possibly empty); the top
//     chart's do not unless it has one. Helm shares the maps nested two levels inside
//     `global` between parent and subcharts, so a subchart's default `global.a.b.c` shows in
//     the parent's `.Values.global.a.b` too; this is reproduced (see go_map.h).
// merge_chart_values is the same with nulls kept (chartutil.MergeValues), which Helm uses
// while processing dependencies.
//
// Warnings are Helm's log lines ("warning: skipped value for ...: Not a table."); they go to
// `warnings` when it is given and are dropped otherwise.
#pragma once

#include <string>
#include <vector>

#include "charts/error.h"
#include "charts/values/value.h"
#include "charts/values/values_tree.h"
#include "support/result.h"

namespace chartmirror::charts::values {

// `user_values` is a map or null. Reads `name`, `defaults` and `subcharts` of the tree.
[[nodiscard]] Result<Value, Error> coalesce_values(const ValuesTree& chart,
                                                   const Value& user_values,
                                                   std::vector<std::string>* warnings = nullptr);

[[nodiscard]] Result<Value, Error> merge_chart_values(const ValuesTree& chart,
                                                      const Value& user_values,
                                                      std::vector<std::string>* warnings = nullptr);

// chartutil.CoalesceTables: `src` merged under `dst` (dst wins; a null in dst deletes the
// key). Both are maps or null.
[[nodiscard]] Value coalesce_tables(const Value& dst, const Value& src,
                                    std::vector<std::string>* warnings = nullptr);

// chartutil.MergeTables: as coalesce_tables, with nulls in dst kept.
[[nodiscard]] Value merge_tables(const Value& dst, const Value& src,
                                 std::vector<std::string>* warnings = nullptr);

}  // namespace chartmirror::charts::values
