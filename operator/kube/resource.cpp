#include "operator/kube/resource.h"

#include "registry/transport/url.h"

namespace chartmirror::kube {

using registry::transport::percent_encode;

std::string ResourceType::api_version() const {
  return group.empty() ? version : group + "/" + version;
}

std::string resource_path(const ResourceType& type, std::string_view ns, std::string_view name,
                          std::string_view subresource) {
  std::string path =
      type.group.empty() ? "/api/" + type.version : "/apis/" + type.group + "/" + type.version;
  if (type.namespaced && !ns.empty()) {
    path += "/namespaces/" + percent_encode(ns);
  }
  path += "/" + type.resource;
  if (!name.empty()) {
    path += "/" + percent_encode(name);
    if (!subresource.empty()) path += "/" + std::string(subresource);
  }
  return path;
}

}  // namespace chartmirror::kube
