// operator/kube/kubeconfig.h — where the API server is and how to authenticate to it, read
// from a kubeconfig file the way kubectl reads it.
//
// The chosen context (the file's current-context unless another is named) selects a cluster
// and a user. File references (`certificate-authority`, `client-certificate`, `tokenFile`, ...)
// are relative to the kubeconfig's own directory and are read now; `*-data` fields are base64.
// A `tokenFile` is also kept as ClusterAccess::token_file, so the client re-reads it when it
// changes, as client-go does.
// An `exec` credential plugin (exec_credential.h) is validated as client-go's clientcmd does
// (command, apiVersion v1 or v1beta1, env entries with names, interactiveMode required by v1)
// and kept as ClusterAccess::exec; the client runs it. A command with a slash is a path,
// relative to the kubeconfig's directory; one without is looked up on PATH. chartmirror never
// runs a plugin interactively, so interactiveMode Always is an error naming the user. A token
// or tokenFile given beside `exec` wins, as in client-go. auth-provider entries (the retired
// in-tree gcp/azure/oidc providers) are rejected by name rather than ignored.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "operator/kube/error.h"
#include "operator/kube/exec_credential.h"
#include "registry/transport/client_config.h"
#include "support/result.h"

namespace chartmirror::kube {

struct ClusterAccess {
  std::string server;      // https://host:port, no trailing slash
  std::string namespace_;  // the context's namespace, "default" when unset
  registry::transport::TlsOptions tls;
  std::string bearer_token;  // secret: never log it
  // When set, the bearer token is read from this file, and read again whenever the file
  // changes (in-cluster service-account tokens rotate); `bearer_token` is then unused.
  std::filesystem::path token_file;
  std::string username;  // basic auth, with password; secret: never log them
  std::string password;
  // The exec credential plugin that gives the token (or client certificate) when the user has
  // no token of its own.
  std::optional<ExecConfig> exec;
};

// Reads the kubeconfig at `path`, using `context` or, when empty, the current-context.
[[nodiscard]] Result<ClusterAccess, Error> load_kubeconfig(const std::filesystem::path& path,
                                                           std::string_view context = {});

// Parses kubeconfig text; relative file references resolve against `base_dir`.
[[nodiscard]] Result<ClusterAccess, Error> parse_kubeconfig(std::string_view yaml,
                                                            const std::filesystem::path& base_dir,
                                                            std::string_view source,
                                                            std::string_view context = {});

}  // namespace chartmirror::kube
