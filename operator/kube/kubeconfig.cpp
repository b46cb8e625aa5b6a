#include "operator/kube/kubeconfig.h"

#include <fstream>
#include <optional>
#include <sstream>

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
  for (const char* unsupported : {"exec", "auth-provider"}) {
    if ((*user)[unsupported]) {
      return reader.invalid("user '" + user_name + "' uses '" + unsupported +
                            "', which chartmirror does not support yet; use a token or a "
                            "client certificate");
    }
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
