// operator/manager/manager.h — the operator process: everything that `chartmirror operator`
// runs, wired together, from start to exit.
//
//   start   the Kubernetes version charts render for (--kube-version, else the API server's
//           /version gitVersion, read once); SIGTERM/SIGINT handlers; /metrics and
//           /healthz + /readyz (one server when both flags name the same address); the
//           ChartMirror informer (namespace, or every namespace).
//   work    the controller's workers (chart_mirror_controller.h) start at once, or, with leader
//           election, only once this replica holds the Lease. The informer runs either way,
//           so a standby replica has a warm cache and is ready (/readyz) too.
//   health  /healthz is ok while the process lives; /readyz fails until the informer's first
//           list is complete.
//   stop    on SIGTERM/SIGINT: stop the informer, shut the queue down, let each running
//           reconcile finish (up to shutdown_grace), release the Lease, stop the servers: 0.
//           When a reconcile outlasts the grace, exit 1 without releasing the Lease (the
//           successor waits for it to expire rather than reconcile beside a live copy).
//           Leadership lost: exit 1 at once — another replica may be reconciling already.
// Startup failures (API server unreachable for /version, an address in use) return 1 with a
// log line saying what.
#pragma once

#include <chrono>
#include <string>

#include "operator/kube/client.h"
#include "operator/runtime/json_log.h"

namespace chartmirror::manager {

struct ManagerOptions {
  std::string namespace_;  // "" for every namespace
  int workers = 1;
  std::string metrics_addr = ":8080";
  std::string health_addr = ":8081";
  bool leader_elect = false;
  std::string leader_election_namespace;  // "" for the client's default namespace
  std::string leader_election_name = "chartmirror-operator";
  std::string identity;                     // "" for hostname_pid
  std::string kube_version;                 // "" for the API server's
  std::chrono::seconds shutdown_grace{25};  // below Kubernetes' default 30 s grace period
};

// "HOSTNAME_PID": unique per replica (the hostname is the pod's name).
[[nodiscard]] std::string default_identity();

// The API server's gitVersion ("v1.31.4"), from GET /version.
[[nodiscard]] Result<std::string, kube::Error> server_version(kube::Client& client);

// Runs the operator until a signal (0) or a failure (1).
[[nodiscard]] int run_operator(kube::Client& client, const ManagerOptions& options,
                               const runtime::Log& log);

}  // namespace chartmirror::manager
