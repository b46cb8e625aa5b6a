// operator/kube/error.h — the one error type of the Kubernetes API client.
//
// An Error names the request (method and URL; never a token) and, when the API server
// answered, its HTTP status and its own Status object's reason and message
// ("chartmirrors.chartmirror.io \"x\" not found"). The codes a caller branches on are few and
// explicit: kNotFound, kConflict (optimistic concurrency lost, or the name is taken), kGone
// (a watch's resourceVersion is too old: relist), kCancelled.
#pragma once

#include <string>

namespace chartmirror::kube {

struct Error {
  enum class Code {
    kInvalidConfig,    // a kubeconfig or in-cluster setting is missing or malformed
    kTransport,        // the API server could not be reached, or the connection broke
    kHttpStatus,       // the API server answered with a status no other code covers
    kNotFound,         // 404: no such object (or no such resource type)
    kConflict,         // 409: a stale resourceVersion, or an object of that name exists
    kGone,             // 410: the resourceVersion is too old; list again, then watch
    kInvalidResponse,  // the API server's answer is not the JSON it should be
    kCancelled,        // the caller cancelled the operation (a watch at shutdown)
  };

  Code code = Code::kInvalidConfig;
  std::string message;     // what went wrong and what to do about it
  std::string source;      // the kubeconfig path, or "METHOD URL" of the request
  int http_status = 0;     // 0 when there was no HTTP answer
  std::string reason;      // the API server's Status reason ("NotFound", "AlreadyExists", ...)
  bool retryable = false;  // a transport failure, 429 or 5xx: the same request may succeed later

  // One line for logs and CLI output: "source: HTTP status: message".
  [[nodiscard]] std::string describe() const;
};

}  // namespace chartmirror::kube
