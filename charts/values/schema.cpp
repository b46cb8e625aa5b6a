// chartutil.ValidateAgainstSchema: Helm's report over a chart tree.
#include "charts/values/schema.h"

namespace chartmirror::charts::values {
namespace {

void validate_tree(const ValuesTree& chart, const Value& values, std::string& report) {
  if (!chart.schema.empty()) {
    auto schema = Schema::parse(chart.schema, chart.name + "/values.schema.json");
    if (!schema.ok()) {
      report += chart.name + ":\n" + schema.error().message;
    } else if (const auto issues = schema->validate(values); !issues.empty()) {
      report += chart.name + ":\n";
      for (const auto& issue : issues) report += "- " + issue + "\n";
    }
  }
  for (const auto& sub : chart.subcharts) {
    const Value* section = values.find(sub.name);
    validate_tree(sub, section != nullptr ? *section : Value(Value::Map{}), report);
  }
}

}  // namespace

Status<Error> validate_values(const ValuesTree& chart, const Value& values) {
  std::string report;
  validate_tree(chart, values, report);
  if (report.empty()) return Done{};
  return Error{.code = Error::Code::kInvalidInput,
               .message =
                   "values don't meet the specifications of the schema(s) in the "
                   "following chart(s):\n" +
                   report};
}

}  // namespace chartmirror::charts::values
