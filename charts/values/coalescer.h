// charts/values/coalescer.h — Helm's coalescing on Go-like shared maps (internal).
//
// The public entry points are in coalesce.h; dependency_conditions.cpp also runs the
// algorithm on maps it keeps sharing (import-values).
#pragma once

#include <string>
#include <vector>

#include "charts/error.h"
#include "charts/values/go_map.h"
#include "charts/values/values_tree.h"
#include "support/result.h"

namespace chartmirror::charts::values::detail {

class Coalescer {
 public:
  explicit Coalescer(std::vector<std::string>* warnings) : warnings_(warnings) {}

  // chartutil.coalesce: the chart's defaults and its subcharts' into `dest`, in place.
  [[nodiscard]] Status<Error> coalesce(const ValuesTree& chart, GoMap& dest,
                                       const std::string& prefix, bool merge);

  // chartutil.coalesceTablesFullKey: `src` under `dst`, in place; entries of `src` that `dst`
  // lacks are shared, not copied, as in Go.
  void coalesce_tables(GoMap& dst, const GoMap& src, const std::string& prefix, bool merge);

  void warn(std::string line) const {
    if (warnings_ != nullptr) warnings_->push_back(std::move(line));
  }

 private:
  void coalesce_own_values(const ValuesTree& chart, GoMap& values, const std::string& prefix,
                           bool merge);
  [[nodiscard]] Status<Error> coalesce_subcharts(const ValuesTree& chart, GoMap& dest,
                                                 const std::string& prefix, bool merge);
  void coalesce_globals(GoMap& dest, const GoMap& src, const std::string& prefix);

  std::vector<std::string>* warnings_;
};

// The deep copy of `values` (a map or null) that CoalesceValues / MergeValues start from,
// coalesced with `chart`.
[[nodiscard]] Result<GoMapPtr, Error> coalesce_go(const ValuesTree& chart, const Value& values,
                                                  bool merge, std::vector<std::string>* warnings);

}  // namespace chartmirror::charts::values::detail
