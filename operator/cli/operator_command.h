// operator/cli/operator_command.h — `chartmirror operator`: the ChartMirror operator
// (operator/manager/manager.h) with its flags.
//
//   chartmirror operator [--kubeconfig F] [--namespace NS] [--workers N] [--leader-elect]
//                        [--leader-election-namespace NS] [--metrics-addr :8080]
//                        [--health-addr :8081] [--kube-version V] [--log-level L]
//
// The API server: --kubeconfig, else $KUBECONFIG (its first path when it lists several), else
// the pod's in-cluster config. --namespace: the one namespace to watch ("" or absent: every
// namespace). --workers: reconciles at once, 1–64 (default 1). --leader-elect: work only while
// holding the Lease `chartmirror-operator` in --leader-election-namespace (default: the
// kubeconfig context's namespace, or the pod's). --kube-version: the Kubernetes version charts
// render for when a ChartMirror names none (default: the API server's). --log-level: debug,
// info (default), warn or error; logs are JSON lines on stderr.
// Exit: 0 after SIGTERM/SIGINT and a graceful shutdown; 1 a failure (the API server
// unreachable at start, an address in use, leadership lost); 2 bad usage (naming the flag),
// or no kubeconfig to be found.
#pragma once

#include <ostream>
#include <span>
#include <string_view>

namespace chartmirror::cli {

[[nodiscard]] int run_operator(std::span<const std::string_view> args, std::ostream& out,
                               std::ostream& err);

}  // namespace chartmirror::cli
