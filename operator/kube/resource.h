// operator/kube/resource.h — which API resource a request is about, and its URL path.
//
// The API server's paths (Kubernetes API concepts, "Resource URIs"):
//   core group:  /api/v1[/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE]]
//   other groups: /apis/GROUP/VERSION[/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE]]
// A namespaced resource with an empty namespace addresses every namespace (list, watch).
// Names are percent-encoded; the API server's validation keeps them to DNS characters anyway.
#pragma once

#include <string>
#include <string_view>

namespace chartmirror::kube {

struct ResourceType {
  std::string group;     // "" for the core group
  std::string version;   // "v1", "v1alpha1"
  std::string resource;  // the plural, lower case: "events", "chartmirrors"
  bool namespaced = true;

  // "group/version", or "version" for the core group: an object's apiVersion.
  [[nodiscard]] std::string api_version() const;
};

// The resources chartmirror uses.
namespace resources {
inline const ResourceType kChartMirrors{"chartmirror.io", "v1alpha1", "chartmirrors", true};
inline const ResourceType kEvents{"", "v1", "events", true};
inline const ResourceType kLeases{"coordination.k8s.io", "v1", "leases", true};
inline const ResourceType kSecrets{"", "v1", "secrets", true};
inline const ResourceType kConfigMaps{"", "v1", "configmaps", true};
inline const ResourceType kNamespaces{"", "v1", "namespaces", false};
inline const ResourceType kCustomResourceDefinitions{"apiextensions.k8s.io", "v1",
                                                     "customresourcedefinitions", false};
}  // namespace resources

// The path of a collection (name empty) or an object; `subresource` ("status") only with a
// name. The namespace is ignored for cluster-scoped resources.
[[nodiscard]] std::string resource_path(const ResourceType& type, std::string_view ns,
                                        std::string_view name = {},
                                        std::string_view subresource = {});

}  // namespace chartmirror::kube
