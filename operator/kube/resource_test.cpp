#include "operator/kube/resource.h"

#include <doctest/doctest.h>

namespace chartmirror::kube {
namespace {

TEST_CASE("resource paths for core and group resources, namespaced or not") {
  struct Case {
    const ResourceType& type;
    std::string_view namespace_;
    std::string_view name;
    std::string_view subresource;
    std::string_view expected;
  };
  const Case cases[] = {
      {resources::kEvents, "platform", "", "", "/api/v1/namespaces/platform/events"},
      {resources::kEvents, "", "", "", "/api/v1/events"},  // every namespace
      {resources::kSecrets, "ns", "creds", "", "/api/v1/namespaces/ns/secrets/creds"},
      {resources::kNamespaces, "ignored", "platform", "", "/api/v1/namespaces/platform"},
      {resources::kChartMirrors, "platform", "", "",
       "/apis/chartmirror.io/v1alpha1/namespaces/platform/chartmirrors"},
      {resources::kChartMirrors, "platform", "monitoring", "status",
       "/apis/chartmirror.io/v1alpha1/namespaces/platform/chartmirrors/monitoring/status"},
      {resources::kChartMirrors, "", "", "", "/apis/chartmirror.io/v1alpha1/chartmirrors"},
      {resources::kLeases, "kube-system", "chartmirror", "",
       "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/chartmirror"},
      {resources::kCustomResourceDefinitions, "", "chartmirrors.chartmirror.io", "",
       "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/chartmirrors.chartmirror.io"},
      // A subresource needs an object.
      {resources::kChartMirrors, "a", "", "status",
       "/apis/chartmirror.io/v1alpha1/namespaces/a/"
       "chartmirrors"},
      // Names are escaped: a slash cannot reach another path.
      {resources::kSecrets, "ns", "a/b c", "", "/api/v1/namespaces/ns/secrets/a%2Fb%20c"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.expected);
    CHECK(resource_path(c.type, c.namespace_, c.name, c.subresource) == c.expected);
  }
}

TEST_CASE("apiVersion of core and group resources") {
  CHECK(resources::kEvents.api_version() == "v1");
  CHECK(resources::kLeases.api_version() == "coordination.k8s.io/v1");
  CHECK(resources::kChartMirrors.api_version() == "chartmirror.io/v1alpha1");
}

}  // namespace
}  // namespace chartmirror::kube
