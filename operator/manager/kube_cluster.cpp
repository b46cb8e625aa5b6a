// operator/manager/kube_cluster.cpp — the Cluster port on the API server; see kube_cluster.h.
#include "operator/manager/kube_cluster.h"

#include <utility>

#include "controllers/spec.h"
#include "operator/kube/event.h"
#include "operator/kube/resource.h"
#include "support/base64.h"

namespace chartmirror::manager {
namespace {

using controllers::Error;
using nlohmann::json;

// A read that failed: kNotFound for a 404, kCluster otherwise. The API server's message names
// the object and the request, never a Secret's data.
Error read_error(const kube::Error& error, std::string_view kind, std::string_view ns,
                 std::string_view name) {
  if (error.code == kube::Error::Code::kNotFound) {
    return Error{
        Error::Code::kNotFound, "",
        std::string(kind) + " " + std::string(name) + " not found in namespace " + std::string(ns)};
  }
  return Error{Error::Code::kCluster, "",
               "reading " + std::string(kind) + " " + std::string(ns) + "/" + std::string(name) +
                   ": " + error.describe()};
}

// The string values of `object`'s `field`, base64-decoded when `encoded`; an error names the
// key only.
Result<Done, std::string> collect(const json& object, const char* field, bool encoded,
                                  std::map<std::string, std::string>& out) {
  const auto found = object.find(field);
  if (found == object.end() || !found->is_object()) return Done{};
  for (const auto& [key, value] : found->items()) {
    if (!value.is_string()) continue;
    if (!encoded) {
      out[key] = value.get<std::string>();
      continue;
    }
    auto decoded = base64_decode(value.get<std::string>());
    if (!decoded) return std::string(field) + "." + key + " is not base64";
    out[key] = std::move(*decoded);
  }
  return Done{};
}

}  // namespace

std::string status_patch(const json& status) {
  return json::array({{{"op", "add"}, {"path", "/status"}, {"value", status}}}).dump();
}

KubeCluster::KubeCluster(kube::Client& client, runtime::Log log, std::string uid,
                         std::string instance)
    : client_(client), log_(std::move(log)), uid_(std::move(uid)), instance_(std::move(instance)) {}

Result<controllers::SecretData, Error> KubeCluster::read_secret(std::string_view object_namespace,
                                                                std::string_view name) {
  auto object = client_.get(kube::resources::kSecrets, object_namespace, name);
  if (!object.ok()) return read_error(object.error(), "Secret", object_namespace, name);
  controllers::SecretData secret{.type = object->value("type", "Opaque")};
  auto data = collect(*object, "data", true, secret.data);
  if (data.ok()) data = collect(*object, "stringData", false, secret.data);
  if (!data.ok()) {
    return Error{
        Error::Code::kCluster, "",
        "Secret " + std::string(object_namespace) + "/" + std::string(name) + ": " + data.error()};
  }
  return secret;
}

Result<std::map<std::string, std::string>, Error> KubeCluster::read_config_map(
    std::string_view object_namespace, std::string_view name) {
  auto object = client_.get(kube::resources::kConfigMaps, object_namespace, name);
  if (!object.ok()) return read_error(object.error(), "ConfigMap", object_namespace, name);
  std::map<std::string, std::string> values;
  auto data = collect(*object, "data", false, values);
  if (data.ok()) data = collect(*object, "binaryData", true, values);
  if (!data.ok()) {
    return Error{Error::Code::kCluster, "",
                 "ConfigMap " + std::string(object_namespace) + "/" + std::string(name) + ": " +
                     data.error()};
  }
  return values;
}

Result<Done, Error> KubeCluster::patch_status(const controllers::ChartMirror& object,
                                              const json& status) {
  auto patched = client_.patch(kube::resources::kChartMirrors, object.namespace_, object.name,
                               kube::PatchType::kJson, status_patch(status),
                               kube::PatchOptions{.subresource = "status"});
  if (!patched.ok()) {
    const bool gone = patched.error().code == kube::Error::Code::kNotFound;
    return Error{gone ? Error::Code::kNotFound : Error::Code::kCluster, "",
                 "writing the status: " + patched.error().describe()};
  }
  return Done{};
}

void KubeCluster::emit_event(const controllers::ChartMirror& object,
                             const controllers::Event& event) {
  const kube::Event record{
      .involved = {.api_version = kube::resources::kChartMirrors.api_version(),
                   .kind = "ChartMirror",
                   .namespace_ = object.namespace_,
                   .name = object.name,
                   .uid = uid_},
      .type = event.type == controllers::Event::Type::kWarning ? "Warning" : "Normal",
      .reason = event.reason,
      .message = event.message,
      .instance = instance_};
  auto created = kube::create_event(client_, record);
  if (!created.ok()) {
    log_.warn("could not record an event",
              {{"reason", event.reason}, {"error", created.error().describe()}});
  }
}

}  // namespace chartmirror::manager
