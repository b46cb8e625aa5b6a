#include "operator/cli/cli.h"

#include "operator/cli/build_info.h"
#include "operator/cli/copy_command.h"
#include "operator/cli/images_command.h"
#include "operator/cli/mirror_command.h"
#include "operator/cli/operator_command.h"
#include "operator/cli/template_command.h"

namespace chartmirror::cli {
namespace {

constexpr std::string_view kUsage =
    R"(chartmirror mirrors Helm charts and every image they deploy into an OCI registry.

Usage:
  chartmirror <command> [flags]

Commands:
  copy        copy images between registries and OCI layout directories, digest-exact
  images      list the images a chart deploys (rendered as helm template does)
  template    render a chart as helm template does
  mirror      reconcile ChartMirror files once (-f FILE|DIR, --dry-run, -o table|json|yaml)
  operator    run the ChartMirror operator against a cluster (--kubeconfig, --namespace, ...)
  version     print the version of chartmirror
  help        print this text

Exit codes: 0 done, 1 failed, 2 bad usage or bad input.
)";

int usage_error(std::ostream& err, std::string_view problem) {
  err << "chartmirror: " << problem << "\n\n" << kUsage;
  return kExitUsage;
}

int version(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  if (!args.empty()) {
    return usage_error(err, "'version' takes no arguments, got '" + std::string(args[0]) + "'");
  }
  out << "chartmirror " << kVersion << " (commit " << kGitCommit << ")\n";
  return kExitOk;
}

}  // namespace

int run(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  if (args.empty()) return usage_error(err, "no command given");
  const std::string_view command = args[0];
  const auto rest = args.subspan(1);
  if (command == "version" || command == "--version") return version(rest, out, err);
  if (command == "copy") return run_copy(rest, out, err);
  if (command == "images") return run_images(rest, out, err);
  if (command == "template") return run_template(rest, out, err);
  if (command == "mirror") return run_mirror(rest, out, err);
  if (command == "operator") return run_operator(rest, out, err);
  if (command == "help" || command == "--help" || command == "-h") {
    out << kUsage;
    return kExitOk;
  }
  return usage_error(err, "unknown command '" + std::string(command) + "'");
}

}  // namespace chartmirror::cli
