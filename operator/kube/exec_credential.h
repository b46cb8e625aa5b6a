// operator/kube/exec_credential.h — credentials from a kubeconfig's exec plugin, the way
// client-go's exec authenticator (k8s.io/client-go/plugin/pkg/client/auth/exec) gets them.
//
// Managed clusters (EKS, GKE, AKS, OIDC set-ups) put no token in the kubeconfig; they name a
// program that prints one. The plugin is run without a terminal: stdin empty, the kubeconfig's
// `env` added to our environment, and KUBERNETES_EXEC_INFO holding an ExecCredential
// {apiVersion, kind, spec: {interactive: false, cluster?}}. Its stdout must be an
// ExecCredential of the same apiVersion whose status has a token, a client certificate and
// key, or both, and optionally an expirationTimestamp (RFC 3339).
//
// The credential is cached until that expiry or, without one, until a request with it is
// refused with 401 (expire()). One plugin run at a time: concurrent requests wait for it and
// share its answer. A plugin that does not finish within the timeout is killed.
//
// Secrets: no Error carries the token, the key or the plugin's stdout (which holds them);
// errors name the kubeconfig user and the command, the exit status, and the first lines of the
// plugin's stderr.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "operator/kube/error.h"
#include "support/result.h"

namespace chartmirror::kube {

// What spec.cluster tells a plugin when the kubeconfig sets provideClusterInfo.
struct ExecClusterInfo {
  std::string server;
  std::string tls_server_name;
  std::string ca_pem;  // sent base64-encoded as certificate-authority-data
  bool insecure_skip_tls_verify = false;
};

// A kubeconfig `users[].user.exec` entry, validated and with its command resolved.
struct ExecConfig {
  std::string user;         // the kubeconfig user's name, for errors
  std::string api_version;  // client.authentication.k8s.io/v1 or /v1beta1
  std::string command;      // an absolute path, or a name looked up on PATH
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;  // added to our environment
  std::string install_hint;                              // shown when the command is missing
  std::optional<ExecClusterInfo> cluster;                // set when provideClusterInfo is true
};

struct ExecCredential {
  std::string token;            // secret; "" when the plugin gave only a certificate
  std::string client_cert_pem;  // with client_key_pem, or both empty
  std::string client_key_pem;   // secret
  std::optional<std::chrono::system_clock::time_point> expiry;  // none: valid until a 401
};

struct ExecPluginOptions {
  std::chrono::milliseconds timeout = std::chrono::seconds(30);  // then the plugin is killed
  std::function<std::chrono::system_clock::time_point()> now;    // system_clock::now if empty
};

// The KUBERNETES_EXEC_INFO value handed to the plugin.
[[nodiscard]] std::string exec_info(const ExecConfig& config);

// The plugin's stdout as an ExecCredential of `api_version`; the error says what is wrong
// without quoting the text (it may hold a token).
[[nodiscard]] Result<ExecCredential, std::string> parse_exec_credential(
    std::string_view text, std::string_view api_version);

class ExecPlugin {
 public:
  explicit ExecPlugin(ExecConfig config, ExecPluginOptions options = {});

  // The cached credential while it is valid, else a fresh one from the plugin. Thread-safe.
  // Errors are kInvalidConfig with source "exec plugin of user 'U' (COMMAND)"; a plugin that
  // failed or timed out is retryable, one that printed no valid credential is not.
  [[nodiscard]] Result<ExecCredential, Error> credential();

  // A request carrying `token` was refused (401): the next credential() runs the plugin again,
  // unless it already ran since that token was handed out (so one refusal seen by many
  // concurrent requests costs one run).
  void expire(std::string_view token);

  [[nodiscard]] const ExecConfig& config() const { return config_; }

 private:
  Result<ExecCredential, Error> run();  // with mutex_ held
  [[nodiscard]] Error failure(std::string message, bool retryable) const;

  const ExecConfig config_;
  const ExecPluginOptions options_;
  std::mutex mutex_;
  std::optional<ExecCredential> cached_;  // guarded by mutex_
  std::string last_token_;                // guarded by mutex_; redacted from plugin stderr
};

}  // namespace chartmirror::kube
