#include "operator/cli/template_command.h"

#include <optional>
#include <string>
#include <vector>

#include "charts/engine/manifests.h"
#include "charts/engine/render.h"
#include "charts/images/chart_values.h"
#include "operator/cli/chart_input.h"
#include "operator/cli/cli.h"
#include "operator/cli/flags.h"

namespace chartmirror::cli {
namespace {

struct Options {
  ChartInput input;
  std::string release_name;
  charts::engine::TemplateOutputOptions output;
  bool help = false;
};

std::string usage_text() {
  return "usage: chartmirror template NAME CHART [flags] [--include-crds] [--skip-tests] "
         "[--no-hooks]\n" +
         std::string(chart_flags_usage()) +
         "Renders the chart as `helm template NAME CHART` does and prints the manifests.\n";
}

int usage(std::ostream& err, const std::string& problem) {
  err << "chartmirror template: " << problem << "\n" << usage_text();
  return kExitUsage;
}

std::optional<std::string> parse_flags(std::span<const std::string_view> args, Options& options) {
  FlagSet flags;
  options.input.add_flags(flags);
  flags.add_bool("include-crds", &options.output.include_crds);
  flags.add_bool("skip-tests", &options.output.skip_tests);
  flags.add_bool("no-hooks", &options.output.disable_hooks);
  flags.add_bool("help", &options.help, 'h');
  auto positional = flags.parse(args);
  if (!positional.ok()) return positional.error();
  if (options.help) return std::nullopt;
  if (positional->size() != 2) {
    return "expected NAME and CHART, got " + std::to_string(positional->size()) + " argument" +
           (positional->size() == 1 ? "" : "s");
  }
  options.release_name = (*positional)[0];
  return options.input.finish((*positional)[1]);
}

}  // namespace

int run_template(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  Options options;
  if (auto problem = parse_flags(args, options)) return usage(err, *problem);
  options.input.sources.local_archive_digest = false;  // template prints no digest
  if (options.help) {
    out << usage_text();
    return kExitOk;
  }
  auto render = render_options(options.input, options.release_name);
  if (!render.ok()) return report_chart_error(err, "template", render.error());

  auto loaded = load_chart(options.input);
  if (!loaded.ok()) return report_chart_error(err, "template", loaded.error());
  const charts::Chart& chart = loaded->tree.chart;
  std::vector<std::string> warnings;
  auto values = charts::images::render_chart_values(chart, loaded->user_values, &warnings,
                                                    options.input.skip_schema_validation);
  if (!values.ok()) return report_chart_error(err, "template", values.error());
  for (const auto& warning : warnings) err << "chartmirror template: " << warning << "\n";
  auto rendered = charts::engine::render(chart, *values, *render);
  if (!rendered.ok()) return report_chart_error(err, "template", rendered.error());
  auto text = charts::engine::template_output(*rendered, chart.metadata(),
                                              render->capabilities.kube_version, options.output);
  if (!text.ok()) return report_chart_error(err, "template", text.error());
  out << *text;
  return kExitOk;
}

}  // namespace chartmirror::cli
