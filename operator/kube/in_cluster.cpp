#include "operator/kube/in_cluster.h"

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "operator/kube/bearer_token.h"

namespace chartmirror::kube {
namespace {

Error invalid(std::string message, std::string source) {
  return Error{.code = Error::Code::kInvalidConfig,
               .message = std::move(message),
               .source = std::move(source)};
}

std::optional<std::string> read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

Result<ClusterAccess, Error> in_cluster_access(std::string_view host, std::string_view port,
                                               const std::filesystem::path& service_account_dir) {
  if (host.empty() || port.empty()) {
    return invalid(
        "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set: not running in a "
        "pod; give a kubeconfig instead",
        "in-cluster config");
  }
  if (!all_digits(port)) {
    return invalid("KUBERNETES_SERVICE_PORT is not a port number", "in-cluster config");
  }
  ClusterAccess access;
  const bool ipv6 = host.find(':') != std::string_view::npos;
  access.server = "https://" + (ipv6 ? "[" + std::string(host) + "]" : std::string(host)) + ":" +
                  std::string(port);

  // The token must be readable now: a pod without one is misconfigured
  // (automountServiceAccountToken: false), and saying so at start-up beats 401s later.
  access.token_file = service_account_dir / "token";
  auto token = BearerToken::from_file(access.token_file);
  if (auto first = token.current(); !first.ok()) return first.error();

  const auto ca_file = service_account_dir / "ca.crt";
  auto ca = read_text(ca_file);
  if (!ca || ca->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
    return invalid("cannot read a PEM certificate from the service account's CA file",
                   ca_file.string());
  }
  access.tls.ca_pem = std::move(*ca);

  access.namespace_ = "default";
  if (auto ns = read_text(service_account_dir / "namespace")) {
    while (!ns->empty() && (ns->back() == '\n' || ns->back() == ' ')) ns->pop_back();
    if (!ns->empty()) access.namespace_ = std::move(*ns);
  }
  return access;
}

Result<ClusterAccess, Error> load_in_cluster(const std::filesystem::path& service_account_dir) {
  const char* host = std::getenv("KUBERNETES_SERVICE_HOST");  // NOLINT(concurrency-mt-unsafe)
  const char* port = std::getenv("KUBERNETES_SERVICE_PORT");  // NOLINT(concurrency-mt-unsafe)
  return in_cluster_access(host != nullptr ? host : "", port != nullptr ? port : "",
                           service_account_dir);
}

}  // namespace chartmirror::kube
