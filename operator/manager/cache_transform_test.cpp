#include "operator/manager/cache_transform.h"

#include <doctest/doctest.h>

namespace chartmirror::manager {
namespace {

using nlohmann::json;

TEST_CASE("the cache keeps what the controller reads and drops managedFields and last-applied") {
  json object = {{"apiVersion", "chartmirror.io/v1alpha1"},
                 {"kind", "ChartMirror"},
                 {"metadata",
                  {{"name", "a"},
                   {"namespace", "ns"},
                   {"uid", "u-1"},
                   {"generation", 3},
                   {"resourceVersion", "42"},
                   {"annotations",
                    {{"kubectl.kubernetes.io/last-applied-configuration", "{\"spec\":{}}"},
                     {"chartmirror.io/reconcile-requested-at", "now"}}},
                   {"managedFields", json::array({{{"manager", "kubectl"}}})}}},
                 {"spec", {{"interval", "1h"}}},
                 {"status", {{"observedGeneration", 2}}}};
  json expected = object;
  expected["metadata"].erase("managedFields");
  expected["metadata"]["annotations"].erase("kubectl.kubernetes.io/last-applied-configuration");
  trim_for_cache(object);
  CHECK(object == expected);

  json only_last_applied = {
      {"metadata",
       {{"annotations", {{"kubectl.kubernetes.io/last-applied-configuration", "{}"}}}}}};
  trim_for_cache(only_last_applied);
  CHECK(only_last_applied == json{{"metadata", json::object()}});

  json odd = {{"metadata", "not a map"}};
  trim_for_cache(odd);
  CHECK(odd == json{{"metadata", "not a map"}});
}

}  // namespace
}  // namespace chartmirror::manager
