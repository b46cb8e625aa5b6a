#include "operator/kube/exec_credential.h"

#include <nlohmann/json.hpp>

#include "operator/kube/json_fields.h"
#include "support/base64.h"
#include "support/rfc3339.h"
#include "support/subprocess.h"

namespace chartmirror::kube {
namespace {

constexpr size_t kStderrLines = 5;  // of a failed plugin's stderr, in the error
constexpr size_t kStderrChars = 1000;

// The first lines of `text`, trimmed, with `secret` (the last token) blotted out.
std::string excerpt(std::string text, const std::string& secret) {
  if (!secret.empty()) {
    for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), "<redacted>");
    }
  }
  size_t cut = std::string::npos;
  for (size_t line = 0, from = 0; line < kStderrLines; ++line, from = cut + 1) {
    cut = text.find('\n', from);
    if (cut == std::string::npos) break;
  }
  if (cut != std::string::npos) text.resize(cut);
  if (text.size() > kStderrChars) text.resize(kStderrChars);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

}  // namespace

std::string exec_info(const ExecConfig& config) {
  nlohmann::json spec{{"interactive", false}};
  if (config.cluster) {
    nlohmann::json cluster{{"server", config.cluster->server}};
    if (!config.cluster->tls_server_name.empty()) {
      cluster["tls-server-name"] = config.cluster->tls_server_name;
    }
    if (config.cluster->insecure_skip_tls_verify) cluster["insecure-skip-tls-verify"] = true;
    if (!config.cluster->ca_pem.empty()) {
      cluster["certificate-authority-data"] = base64_encode(config.cluster->ca_pem);
    }
    spec["cluster"] = std::move(cluster);
  }
  return nlohmann::json{
      {"apiVersion", config.api_version}, {"kind", "ExecCredential"}, {"spec", std::move(spec)}}
      .dump();
}

Result<ExecCredential, std::string> parse_exec_credential(std::string_view text,
                                                          std::string_view api_version) {
  const nlohmann::json answer = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (answer.is_discarded() || !answer.is_object()) {
    return std::string("the plugin did not print an ExecCredential JSON object");
  }
  if (const std::string version = string_at(answer, "apiVersion"); version != api_version) {
    return "the plugin answered apiVersion '" + version + "'; the kubeconfig asks for '" +
           std::string(api_version) + "'";
  }
  if (string_at(answer, "kind") != "ExecCredential") {
    return std::string("the plugin's answer is not of kind ExecCredential");
  }
  const auto status = answer.find("status");
  if (status == answer.end() || !status->is_object()) {
    return std::string("the plugin's ExecCredential has no status");
  }
  ExecCredential credential{.token = string_at(*status, "token"),
                            .client_cert_pem = string_at(*status, "clientCertificateData"),
                            .client_key_pem = string_at(*status, "clientKeyData")};
  if (credential.client_cert_pem.empty() != credential.client_key_pem.empty()) {
    return std::string("the plugin returned a client certificate or key, not both");
  }
  if (credential.token.empty() && credential.client_cert_pem.empty()) {
    return std::string("the plugin returned neither a token nor a client certificate and key");
  }
  if (const auto expiry = status->find("expirationTimestamp");
      expiry != status->end() && !expiry->is_null()) {
    const auto time =
        expiry->is_string() ? parse_rfc3339(expiry->get_ref<const std::string&>()) : std::nullopt;
    if (!time) return std::string("the plugin's expirationTimestamp is not an RFC 3339 time");
    credential.expiry = *time;
  }
  return credential;
}

ExecPlugin::ExecPlugin(ExecConfig config, ExecPluginOptions options)
    : config_(std::move(config)), options_(std::move(options)) {}

Result<ExecCredential, Error> ExecPlugin::credential() {
  const std::lock_guard lock(mutex_);
  const auto now = options_.now ? options_.now() : std::chrono::system_clock::now();
  if (cached_ && (!cached_->expiry || now < *cached_->expiry)) return *cached_;
  cached_.reset();
  auto fresh = run();
  if (!fresh.ok()) return fresh.error();
  cached_ = *fresh;
  last_token_ = fresh->token;
  return std::move(fresh).value();
}

void ExecPlugin::expire(std::string_view token) {
  const std::lock_guard lock(mutex_);
  if (cached_ && cached_->token == token) cached_.reset();
}

Error ExecPlugin::failure(std::string message, bool retryable) const {
  return Error{.code = Error::Code::kInvalidConfig,
               .message = std::move(message),
               .source = "exec plugin of user '" + config_.user + "' (" + config_.command + ")",
               .retryable = retryable};
}

Result<ExecCredential, Error> ExecPlugin::run() {
  std::vector<std::string> argv{config_.command};
  argv.insert(argv.end(), config_.args.begin(), config_.args.end());
  std::vector<std::string> environment;
  environment.reserve(config_.env.size() + 1);
  for (const auto& [name, value] : config_.env) {
    environment.push_back(name);
    environment.back().append("=").append(value);
  }
  environment.push_back("KUBERNETES_EXEC_INFO=" + exec_info(config_));

  auto ran = run_process(argv, "", options_.timeout, size_t{1} << 20U, environment);
  if (!ran.ok()) {
    std::string message = ran.error().message;
    if (!config_.install_hint.empty()) message += "; " + config_.install_hint;
    return failure(std::move(message), /*retryable=*/true);
  }
  if (ran->exit_code != 0) {
    const std::string err = excerpt(ran->err, last_token_);
    return failure("exited with status " + std::to_string(ran->exit_code) +
                       (err.empty() ? std::string(", nothing on stderr") : ": " + err),
                   /*retryable=*/true);
  }
  auto parsed = parse_exec_credential(ran->out, config_.api_version);
  if (!parsed.ok()) return failure(parsed.error(), /*retryable=*/false);
  return std::move(parsed).value();
}

}  // namespace chartmirror::kube
