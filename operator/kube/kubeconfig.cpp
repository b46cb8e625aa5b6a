#include "operator/kube/kubeconfig.h"

#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "support/base64.h"

namespace chartmirror::kube {
namespace {

class Reader {
 public:
  Reader(std::filesystem::path base_dir, std::string_view source)
      : base_dir_(std::move(base_dir)), source_(source) {}

  Error invalid(std::string message) const {
    return Error{
        .code = Error::Code::kInvalidConfig, .message = std::move(message), .source = source_};
  }

  // The mapping under `kind` (clusters, contexts, users) whose `name` is `name`.
  Result<YAML::Node, Error> named(const YAML::Node& root, const char* list, const char* field,
                                  const std::string& name) const {
    const YAML::Node items = root[list];
    if (items && items.IsSequence()) {
      for (const auto& item : items) {
        if (item["name"] && item["name"].IsScalar() && item["name"].Scalar() == name) {
          const YAML::Node body = item[field];
          if (!body || !body.IsMap()) {
            return invalid(std::string(list) + " entry '" + name + "' has no " + field);
          }
          return body;
        }
      }
    }
    return invalid(std::string("no ") + field + " named '" + name + "' in " + list);
  }

  // A secret or certificate given inline as base64 (`key-data`) or as a file (`key`).
  Result<std::string, Error> inline_or_file(const YAML::Node& node, const std::string& key,
                                            const std::string& where) const {
    const std::string data_key = key + "-data";
    if (const YAML::Node data = node[data_key]; data && data.IsScalar()) {
      auto decoded = base64_decode(data.Scalar());
      if (!decoded) return invalid(where + "." + data_key + " is not valid base64");
      return std::move(*decoded);
    }
    if (const YAML::Node file = node[key]; file && file.IsScalar()) {
      return read_file(file.Scalar(), where + "." + key);
    }
    return std::string();
  }

  [[nodiscard]] std::filesystem::path resolve(const std::string& name) const {
    std::filesystem::path path(name);
    return path.is_relative() ? base_dir_ / path : path;
  }

  Result<std::string, Error> read_file(const std::string& name, const std::string& where) const {
    const std::filesystem::path path = resolve(name);
    std::ifstream in(path, std::ios::binary);
    if (!in) return invalid(where + ": cannot read file " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  std::filesystem::path base_dir_;
  std::string source_;
};

std::string scalar(const YAML::Node& node, const char* key) {
  const YAML::Node value = node[key];
  return value && value.IsScalar() ? value.Scalar() : std::string();
}

// The scalars of a sequence (absent or null: none); nullopt when it is something else.
std::optional<std::vector<std::string>> scalars(const YAML::Node& node) {
  std::vector<std::string> values;
  if (!node || node.IsNull()) return values;
  if (!node.IsSequence()) return std::nullopt;
  for (const auto& item : node) {
    if (!item.IsScalar()) return std::nullopt;
    values.push_back(item.Scalar());
  }
  return values;
}

// A `users[].user.exec` entry, checked as clientcmd validates an ExecConfig.
Result<ExecConfig, Error> read_exec(const YAML::Node& exec, const std::string& user_name,
                                    const Reader& reader, ExecClusterInfo cluster) {
  const std::string where = "user '" + user_name + "': exec";
  if (!exec.IsMap()) return reader.invalid(where + " must be a mapping");
  ExecConfig config{.user = user_name,
                    .api_version = scalar(exec, "apiVersion"),
                    .command = scalar(exec, "command"),
                    .install_hint = scalar(exec, "installHint")};
  if (config.command.empty()) return reader.invalid(where + ".command is not set");
  // Like clientcmd: a command with a slash is a path from the kubeconfig's directory; a bare
  // name is looked up on PATH when the plugin runs.
  if (config.command.find('/') != std::string::npos) {
    config.command = reader.resolve(config.command).lexically_normal().string();
  }
  const bool v1 = config.api_version == "client.authentication.k8s.io/v1";
  if (!v1 && config.api_version != "client.authentication.k8s.io/v1beta1") {
    return reader.invalid(where + ".apiVersion must be client.authentication.k8s.io/v1 or " +
                          "client.authentication.k8s.io/v1beta1, not '" + config.api_version + "'");
  }
  auto args = scalars(exec["args"]);
  if (!args) return reader.invalid(where + ".args must be a list of strings");
  config.args = std::move(*args);
  if (const YAML::Node env = exec["env"]; env && !env.IsNull()) {
    if (!env.IsSequence()) return reader.invalid(where + ".env must be a list of {name, value}");
    for (const auto& entry : env) {
      const std::string name = entry.IsMap() ? scalar(entry, "name") : std::string();
      if (name.empty() || name.find('=') != std::string::npos) {
        return reader.invalid(where + ".env entries need a name (without '=')");
      }
      config.env.emplace_back(name, scalar(entry, "value"));
    }
  }
  // v1 makes the mode explicit; v1beta1 defaults it to IfAvailable. chartmirror has no
  // terminal, so Never and IfAvailable both mean "not interactive".
  const std::string mode = scalar(exec, "interactiveMode");
  if (mode == "Always") {
    return reader.invalid(where + " has interactiveMode Always, but chartmirror runs exec " +
                          "plugins without a terminal; use a plugin mode that needs no input");
  }
  if (mode.empty() ? v1 : (mode != "Never" && mode != "IfAvailable")) {
    return reader.invalid(where + ".interactiveMode must be Never or IfAvailable" +
                          (mode.empty() ? std::string(" (apiVersion v1 requires it)") : ""));
  }
  if (scalar(exec, "provideClusterInfo") == "true") config.cluster = std::move(cluster);
  return config;
}

Result<ClusterAccess, Error> read_access(const YAML::Node& root, const Reader& reader,
                                         std::string_view context_override) {
  std::string context_name(context_override);
  if (context_name.empty()) context_name = scalar(root, "current-context");
  if (context_name.empty()) {
    return reader.invalid("no current-context is set and no context was named");
  }
  auto context = reader.named(root, "contexts", "context", context_name);
  if (!context.ok()) return context.error();
  const std::string cluster_name = scalar(*context, "cluster");
  const std::string user_name = scalar(*context, "user");

  auto cluster = reader.named(root, "clusters", "cluster", cluster_name);
  if (!cluster.ok()) return cluster.error();

  ClusterAccess access;
  access.server = scalar(*cluster, "server");
  while (!access.server.empty() && access.server.back() == '/') access.server.pop_back();
  if (access.server.rfind("https://", 0) != 0 && access.server.rfind("http://", 0) != 0) {
    return reader.invalid("cluster '" + cluster_name + "' has no http(s) server URL");
  }
  access.namespace_ = scalar(*context, "namespace");
  if (access.namespace_.empty()) access.namespace_ = "default";
  access.tls.insecure_skip_verify = scalar(*cluster, "insecure-skip-tls-verify") == "true";
  auto ca = reader.inline_or_file(*cluster, "certificate-authority", "cluster " + cluster_name);
  if (!ca.ok()) return ca.error();
  access.tls.ca_pem = std::move(ca).value();

  if (user_name.empty()) return access;  // anonymous access is legal
  auto user = reader.named(root, "users", "user", user_name);
  if (!user.ok()) return user.error();
  if ((*user)["auth-provider"]) {
    return reader.invalid("user '" + user_name +
                          "' uses 'auth-provider', which chartmirror does not support; use a "
                          "token, a client certificate or an exec plugin");
  }
  const std::string where = "user " + user_name;
  auto cert = reader.inline_or_file(*user, "client-certificate", where);
  if (!cert.ok()) return cert.error();
  auto key = reader.inline_or_file(*user, "client-key", where);
  if (!key.ok()) return key.error();
  access.tls.client_cert_pem = std::move(cert).value();
  access.tls.client_key_pem = std::move(key).value();

  access.bearer_token = scalar(*user, "token");
  if (const std::string file = scalar(*user, "tokenFile");
      access.bearer_token.empty() && !file.empty()) {
    auto token = reader.read_file(file, where + ".tokenFile");
    if (!token.ok()) return token.error();
    access.bearer_token = std::move(token).value();
    access.token_file = reader.resolve(file);  // read again when it changes, as kubectl does
    while (!access.bearer_token.empty() &&
           (access.bearer_token.back() == '\n' || access.bearer_token.back() == '\r')) {
      access.bearer_token.pop_back();
    }
  }
  if (const YAML::Node exec = (*user)["exec"];
      exec && access.bearer_token.empty() && access.token_file.empty()) {
    auto config = read_exec(exec, user_name, reader,
                            {.server = access.server,
                             .tls_server_name = scalar(*cluster, "tls-server-name"),
                             .ca_pem = access.tls.ca_pem,
                             .insecure_skip_tls_verify = access.tls.insecure_skip_verify});
    if (!config.ok()) return config.error();
    access.exec = std::move(config).value();
  }
  access.username = scalar(*user, "username");
  access.password = scalar(*user, "password");
  return access;
}

}  // namespace

Result<ClusterAccess, Error> parse_kubeconfig(std::string_view yaml,
                                              const std::filesystem::path& base_dir,
                                              std::string_view source, std::string_view context) {
  const Reader reader(base_dir, source);
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    if (!root.IsMap()) return reader.invalid("a kubeconfig must be a YAML mapping");
    return read_access(root, reader, context);
  } catch (const YAML::Exception& e) {
    return reader.invalid("not valid YAML: " + e.msg + " (line " + std::to_string(e.mark.line + 1) +
                          ")");
  }
}

Result<ClusterAccess, Error> load_kubeconfig(const std::filesystem::path& path,
                                             std::string_view context) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error{.code = Error::Code::kInvalidConfig,
                 .message = "cannot read the kubeconfig file",
                 .source = path.string()};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_kubeconfig(text.str(), path.parent_path(), path.string(), context);
}

}  // namespace chartmirror::kube
