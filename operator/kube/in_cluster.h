// operator/kube/in_cluster.h — the API server and credentials of a pod, as client-go's
// rest.InClusterConfig finds them.
//
// The API server is https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT (an IPv6 host
// in brackets); the credentials are the files the kubelet mounts into the pod's
// service-account directory: `token` (re-read when it rotates: ClusterAccess::token_file),
// `ca.crt` (the only CA trusted), and `namespace` (the pod's namespace; "default" when the
// file is absent). The directory is a parameter so tests can stand in a temporary one.
#pragma once

#include <filesystem>
#include <string_view>

#include "operator/kube/error.h"
#include "operator/kube/kubeconfig.h"
#include "support/result.h"

namespace chartmirror::kube {

inline constexpr std::string_view kServiceAccountDir =
    "/var/run/secrets/kubernetes.io/serviceaccount";

// From explicit host and port (what the environment variables hold).
[[nodiscard]] Result<ClusterAccess, Error> in_cluster_access(
    std::string_view host, std::string_view port, const std::filesystem::path& service_account_dir);

// From $KUBERNETES_SERVICE_HOST and $KUBERNETES_SERVICE_PORT; kInvalidConfig saying that
// this process does not run in a pod when they are unset.
[[nodiscard]] Result<ClusterAccess, Error> load_in_cluster(
    const std::filesystem::path& service_account_dir = kServiceAccountDir);

}  // namespace chartmirror::kube
