// operator/cli/operator_command.cpp — see operator_command.h.
#include "operator/cli/operator_command.h"

#include <charconv>
#include <cstdlib>
#include <string>
#include <utility>

#include "charts/engine/helm_objects.h"
#include "operator/cli/cli.h"
#include "operator/cli/flags.h"
#include "operator/kube/client.h"
#include "operator/kube/in_cluster.h"
#include "operator/kube/kubeconfig.h"
#include "operator/manager/manager.h"
#include "operator/runtime/http_server.h"
#include "operator/runtime/json_log.h"

namespace chartmirror::cli {
namespace {

constexpr int kMaxWorkers = 64;

struct Options {
  std::string kubeconfig;
  std::string workers = "1";
  std::string log_level = "info";
  manager::ManagerOptions manager;
};

int usage(std::ostream& err, const std::string& problem) {
  err << "chartmirror operator: " << problem
      << "\nusage: chartmirror operator [--kubeconfig F] [--namespace NS] [--workers N]"
         " [--leader-elect]\n"
         "                            [--leader-election-namespace NS] [--metrics-addr :8080]"
         " [--health-addr :8081]\n"
         "                            [--kube-version V] [--log-level debug|info|warn|error]\n";
  return kExitUsage;
}

// The kubeconfig to read: the flag, else $KUBECONFIG's first path; "" for in-cluster.
std::string kubeconfig_path(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("KUBECONFIG");
  if (env == nullptr) return {};
  const std::string paths = env;
  return paths.substr(0, paths.find(':'));
}

Result<spdlog::level::level_enum, std::string> log_level(const std::string& name) {
  if (name == "debug") return spdlog::level::debug;
  if (name == "info") return spdlog::level::info;
  if (name == "warn") return spdlog::level::warn;
  if (name == "error") return spdlog::level::err;
  return "--log-level must be debug, info, warn or error, not '" + name + "'";
}

}  // namespace

int run_operator(std::span<const std::string_view> args, std::ostream& /*out*/, std::ostream& err) {
  Options options;
  FlagSet flags;
  flags.add_string("kubeconfig", &options.kubeconfig);
  flags.add_string("namespace", &options.manager.namespace_, 'n');
  flags.add_string("workers", &options.workers);
  flags.add_bool("leader-elect", &options.manager.leader_elect);
  flags.add_string("leader-election-namespace", &options.manager.leader_election_namespace);
  flags.add_string("metrics-addr", &options.manager.metrics_addr);
  flags.add_string("health-addr", &options.manager.health_addr);
  flags.add_string("kube-version", &options.manager.kube_version);
  flags.add_string("log-level", &options.log_level);
  auto positional = flags.parse(args);
  if (!positional.ok()) return usage(err, positional.error());
  if (!positional->empty()) return usage(err, "unexpected argument '" + (*positional)[0] + "'");

  const std::string& workers = options.workers;
  const auto parsed =
      std::from_chars(workers.data(), workers.data() + workers.size(), options.manager.workers);
  if (parsed.ec != std::errc() || parsed.ptr != workers.data() + workers.size() ||
      options.manager.workers < 1 || options.manager.workers > kMaxWorkers) {
    return usage(err, "--workers must be a number from 1 to " + std::to_string(kMaxWorkers) +
                          ", not '" + workers + "'");
  }
  const auto level = log_level(options.log_level);
  if (!level.ok()) return usage(err, level.error());
  if (!options.manager.kube_version.empty()) {
    auto version = charts::engine::parse_kube_version(options.manager.kube_version);
    if (!version.ok()) {
      return usage(err, "--kube-version '" + options.manager.kube_version +
                            "' is not a version: " + version.error().message);
    }
  }
  for (const auto& [flag, address] : {std::pair{"--metrics-addr", &options.manager.metrics_addr},
                                      std::pair{"--health-addr", &options.manager.health_addr}}) {
    auto parsed_address = runtime::parse_listen_address(*address);
    if (!parsed_address.ok()) {
      return usage(err, std::string(flag) + ": " + parsed_address.error().message);
    }
  }

  const std::string path = kubeconfig_path(options.kubeconfig);
  auto access = path.empty() ? kube::load_in_cluster() : kube::load_kubeconfig(path);
  if (!access.ok()) {
    return usage(err, (path.empty() ? std::string("no --kubeconfig and no $KUBECONFIG: ")
                                    : "--kubeconfig: ") +
                          access.error().describe());
  }
  auto client = kube::Client::create(std::move(access).value());
  if (!client.ok()) {
    err << "chartmirror operator: " << client.error().describe() << "\n";
    return kExitFailed;
  }

  auto logger = runtime::make_json_logger("chartmirror");
  logger->set_level(*level);
  const runtime::Log log(logger);
  return manager::run_operator(**client, options.manager, log) == 0 ? kExitOk : kExitFailed;
}

}  // namespace chartmirror::cli
