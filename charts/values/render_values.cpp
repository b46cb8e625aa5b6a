#include "charts/values/render_values.h"

#include "charts/values/coalesce.h"
#include "charts/values/schema.h"

namespace chartmirror::charts::values {

Result<RenderValues, Error> render_values(ValuesTree chart, const Value& user_values,
                                          const RenderValuesOptions& options) {
  auto processed = process_dependencies(std::move(chart), user_values, options.dependencies);
  if (!processed.ok()) return processed.error();
  auto values = coalesce_values(*processed, user_values, options.dependencies.warnings);
  if (!values.ok()) return values.error();
  if (!options.skip_schema_validation) {
    auto valid = validate_values(*processed, *values);
    if (!valid.ok()) return valid.error();
  }
  return RenderValues{.chart = std::move(processed).value(), .values = std::move(values).value()};
}

}  // namespace chartmirror::charts::values
