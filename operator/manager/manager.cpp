// operator/manager/manager.cpp — the operator process; see manager.h.
#include "operator/manager/manager.h"

#include <atomic>
#include <cstdlib>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include <unistd.h>

#include "controllers/reconciler.h"
#include "operator/kube/resource.h"
#include "operator/manager/cache_transform.h"
#include "operator/manager/chart_mirror_controller.h"
#include "operator/manager/kube_cluster.h"
#include "operator/manager/reconcile_metrics.h"
#include "operator/runtime/clock.h"
#include "operator/runtime/health.h"
#include "operator/runtime/http_server.h"
#include "operator/runtime/informer.h"
#include "operator/runtime/leader_election.h"
#include "operator/runtime/metrics.h"
#include "operator/runtime/shutdown_signal.h"
#include "operator/runtime/sleeper.h"
#include "operator/runtime/work_queue.h"

namespace chartmirror::manager {
namespace {

using nlohmann::json;

constexpr std::chrono::seconds kInformerErrorCheck{5};

// The servers of /metrics and of the probes: one when both addresses are the same.
struct Servers {
  std::unique_ptr<runtime::HttpServer> metrics;
  std::unique_ptr<runtime::HttpServer> health;  // null when metrics serves the probes too

  void start() {
    metrics->start();
    if (health) health->start();
  }
  void stop() {
    if (health) health->stop();
    metrics->stop();
  }
};

Result<Servers, std::string> listen(const ManagerOptions& options) {
  Servers servers;
  auto metrics = runtime::HttpServer::listen(options.metrics_addr);
  if (!metrics.ok()) return "--metrics-addr: " + metrics.error().message;
  servers.metrics = std::move(metrics).value();
  if (options.health_addr != options.metrics_addr) {
    auto health = runtime::HttpServer::listen(options.health_addr);
    if (!health.ok()) return "--health-addr: " + health.error().message;
    servers.health = std::move(health).value();
  }
  return servers;
}

std::string uid_of(const json& object) {
  const auto metadata = object.find("metadata");
  if (metadata == object.end() || !metadata->is_object()) return {};
  return metadata->value("uid", "");
}

}  // namespace

std::string default_identity() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  const std::string name = host[0] != '\0' ? host : "chartmirror";
  return name + "_" + std::to_string(getpid());
}

Result<std::string, kube::Error> server_version(kube::Client& client) {
  auto version = client.request("GET", "/version");
  if (!version.ok()) return version.error();
  const std::string git_version = version->is_object() ? version->value("gitVersion", "") : "";
  if (git_version.empty()) {
    return kube::Error{.code = kube::Error::Code::kInvalidResponse,
                       .message = "the API server's /version has no gitVersion",
                       .source = "GET /version"};
  }
  return git_version;
}

int run_operator(kube::Client& client, const ManagerOptions& options, const runtime::Log& log) {
  const std::string identity = options.identity.empty() ? default_identity() : options.identity;
  controllers::ReconcileOptions reconcile_options;
  reconcile_options.kube_version = options.kube_version;
  if (reconcile_options.kube_version.empty()) {
    auto version = server_version(client);
    if (!version.ok()) {
      log.error("cannot read the API server's version", {{"error", version.error().describe()}});
      return 1;
    }
    reconcile_options.kube_version = std::move(version).value();
  }
  auto signal = runtime::ShutdownSignal::install();
  if (!signal.ok()) {
    log.error("cannot install the signal handlers", {{"error", signal.error()}});
    return 1;
  }
  auto servers = listen(options);
  if (!servers.ok()) {
    log.error("cannot listen", {{"error", servers.error()}});
    return 1;
  }

  runtime::MetricsRegistry registry;
  ReconcileMetrics metrics(registry);
  const runtime::SteadyClock clock;
  runtime::WorkQueue queue(clock);
  registry.on_collect([&] { metrics.set_queue_depth(queue.length()); });

  std::unique_ptr<runtime::Informer> informer;
  ChartMirrorController controller(
      queue,
      [&informer](const std::string& key) -> std::optional<json> { return informer->get(key); },
      [&](const controllers::ChartMirror& object, const json& raw) {
        KubeCluster cluster(client, log.for_object(object.namespace_, object.name), uid_of(raw),
                            identity);
        return controllers::reconcile(object, cluster, reconcile_options);
      },
      metrics, log);
  runtime::StoppableSleeper informer_sleeper;
  informer = std::make_unique<runtime::Informer>(
      client, kube::resources::kChartMirrors,
      runtime::InformerOptions{.namespace_ = options.namespace_, .transform = trim_for_cache},
      controller.handlers(), informer_sleeper);

  runtime::HealthChecks liveness;
  runtime::HealthChecks readiness;
  liveness.add("ping", [] { return std::string(); });
  readiness.add("informer-synced", [&informer] {
    if (informer->has_synced()) return std::string();
    const std::string error = informer->last_error();
    return "the ChartMirror cache has not synced yet" + (error.empty() ? "" : ": " + error);
  });
  runtime::serve_metrics(*servers->metrics, registry);
  runtime::serve_health(servers->health ? *servers->health : *servers->metrics, liveness,
                        readiness);
  servers->start();

  log.info("operator starting",
           {{"namespace", options.namespace_.empty() ? "*" : options.namespace_},
            {"workers", options.workers},
            {"kubeVersion", reconcile_options.kube_version},
            {"metricsAddr", options.metrics_addr},
            {"healthAddr", options.health_addr},
            {"leaderElect", options.leader_elect},
            {"identity", identity}});
  std::thread informer_thread([&informer] { informer->run(); });
  // The informer retries on its own; what made it retry (no CRD, no RBAC, the API server
  // gone) is logged once per new error, every few seconds at most.
  runtime::StoppableSleeper reporter_sleeper;
  std::thread reporter([&] {
    std::string reported;
    while (reporter_sleeper.sleep_for(kInformerErrorCheck)) {
      std::string error = informer->last_error();
      if (error.empty() || error == reported) continue;
      log.warn("the ChartMirror informer could not list or watch; retrying", {{"error", error}});
      reported = std::move(error);
    }
  });

  std::atomic<bool> lost{false};
  runtime::StoppableSleeper elector_sleeper;
  std::unique_ptr<runtime::LeaderElector> elector;
  std::thread elector_thread;
  if (options.leader_elect) {
    const std::string lease_namespace = options.leader_election_namespace.empty()
                                            ? client.default_namespace()
                                            : options.leader_election_namespace;
    elector = std::make_unique<runtime::LeaderElector>(
        client, clock, elector_sleeper,
        runtime::LeaderElectionOptions{.namespace_ = lease_namespace,
                                       .name = options.leader_election_name,
                                       .identity = identity},
        runtime::LeaderCallbacks{
            // By value: the elector thread outlives this block's lease_namespace.
            .on_started_leading =
                [&, lease = lease_namespace + "/" + options.leader_election_name] {
                  log.info("leading: starting the workers", {{"lease", lease}});
                  controller.start(options.workers);
                },
            .on_lost =
                [&] {
                  lost = true;
                  (*signal)->interrupt();
                }});
    elector_thread = std::thread([&elector] { (void)elector->run(); });
  } else {
    controller.start(options.workers);
  }

  const int signal_number = (*signal)->wait();
  if (lost) {
    // Another replica may already be reconciling: stop at once, whatever is in flight.
    log.error("leader election lost: exiting");
    std::_Exit(1);
  }
  log.info("shutting down", {{"signal", signal_number}});
  informer->stop();
  reporter_sleeper.stop();
  queue.shut_down();
  const auto deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
  if (!controller.wait(deadline)) {
    log.error(
        "a reconcile is still running after the grace period: exiting without releasing "
        "the lease",
        {{"graceSeconds", options.shutdown_grace.count()}});
    std::_Exit(1);
  }
  if (elector) {
    elector->stop();  // releases the Lease: nothing reconciles any more
    elector_thread.join();
  }
  informer_thread.join();
  reporter.join();
  servers->stop();
  log.info("stopped");
  return 0;
}

}  // namespace chartmirror::manager
