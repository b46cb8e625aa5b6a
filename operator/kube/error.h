// operator/kube/error.h — the one error type of the Kubernetes API client.
#pragma once

#include <string>

namespace chartmirror::kube {

struct Error {
  enum class Code {
    kInvalidConfig,  // a kubeconfig or in-cluster setting is missing or malformed
    kTransport,      // the API server could not be reached
    kHttpStatus,     // the API server answered with an unexpected status
  };

  Code code = Code::kInvalidConfig;
  std::string message;  // what went wrong and what to do about it
  std::string source;   // the kubeconfig path or request URL the error concerns
  int http_status = 0;  // 0 when there was no HTTP answer

  // One line for logs and CLI output: "source: message".
  [[nodiscard]] std::string describe() const;
};

}  // namespace chartmirror::kube
