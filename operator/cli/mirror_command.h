// operator/cli/mirror_command.h — `chartmirror mirror`: the reconciler over ChartMirror files,
// once, without a cluster (DESIGN.md: "the way CI pipelines use Helmper today").
//
//   chartmirror mirror -f FILE|DIR ... [--dry-run] [--kube-version V] [-o table|json|yaml]
//                      [--registry-config FILE]
//
// Every YAML document of the files (a DIR: its *.yaml and *.yml files, sorted) that is a
// ChartMirror is reconciled with controllers::reconcile, in file order; ConfigMaps and Secrets
// among the documents are what valuesFrom and secretRef name (the namespace is ignored: a file
// set is one namespace). A secretRef naming no Secret of the files takes its credentials from
// the docker config (--registry-config, else $DOCKER_CONFIG/config.json or
// ~/.docker/config.json), as every other registry does. `--dry-run` copies and pushes
// nothing and reports what is missing from the destination. `--kube-version` is the Kubernetes
// version charts render for (.Capabilities.KubeVersion) where a ChartMirror's
// spec.capabilities.kubeVersion names none, as `template --kube-version`; one that does not
// parse is bad usage.
//
// Output: `-o table` (the default) one row per chart — mirror, chart, version, images of the
// chart, and the mirror's Ready reason; `-o json` / `-o yaml` a list of {name, namespace,
// status} with the status each ChartMirror would get. Events go to stderr; so does, when stderr
// is a terminal, a progress line per ChartMirror while its images copy (progress_bar.h).
// Exit: 0 every ChartMirror Ready; 1 a sync failed (or, with --dry-run, something is not
// mirrored yet); 2 bad usage, or a file or ChartMirror that is invalid.
#pragma once

#include <ostream>
#include <span>
#include <string_view>

namespace chartmirror::cli {

[[nodiscard]] int run_mirror(std::span<const std::string_view> args, std::ostream& out,
                             std::ostream& err);

}  // namespace chartmirror::cli
