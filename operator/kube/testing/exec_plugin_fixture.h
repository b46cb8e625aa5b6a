// operator/kube/testing/exec_plugin_fixture.h — exec credential plugins for tests: small shell
// scripts written to a temporary directory, run for real by ExecPlugin.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "operator/kube/exec_credential.h"

namespace chartmirror::kube::testing {

// Writes an executable shell script `name` with `body` into `dir`; its path.
inline std::string write_plugin(const std::filesystem::path& dir, const std::string& name,
                                const std::string& body) {
  const auto path = dir / name;
  std::ofstream(path) << "#!/bin/sh\n" << body;
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  return path.string();
}

// A v1 plugin for kubeconfig user "alice" that counts its runs in DIR/runs and prints the
// token "tok-N" on run N, with `status_extra` appended to the status object (e.g.
// `,"expirationTimestamp":"..."`). It also leaves its KUBERNETES_EXEC_INFO in DIR/info and
// its arguments, one a line, in DIR/args.
inline ExecConfig counting_plugin(const std::filesystem::path& dir,
                                  const std::string& status_extra = "") {
  const std::string script = write_plugin(dir, "plugin.sh",
                                          R"(
n=$(( $(cat "$DIR/runs" 2>/dev/null || echo 0) + 1 ))
echo $n > "$DIR/runs"
printf '%s' "$KUBERNETES_EXEC_INFO" > "$DIR/info"
printf '%s\n' "$@" > "$DIR/args"
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
                                          R"("status":{"token":"tok-%s")" +
                                              status_extra + R"(}}' $n
)");
  return ExecConfig{.user = "alice",
                    .api_version = "client.authentication.k8s.io/v1",
                    .command = script,
                    .args = {"get-token", "--cluster", "dev cluster"},
                    .env = {{"DIR", dir.string()}}};
}

// How often the counting plugin in `dir` ran.
inline int plugin_runs(const std::filesystem::path& dir) {
  std::ifstream in(dir / "runs");
  int runs = 0;
  in >> runs;
  return runs;
}

}  // namespace chartmirror::kube::testing
