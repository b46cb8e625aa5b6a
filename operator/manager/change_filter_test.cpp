// Which informer notifications lead to a reconcile: new objects, generation changes and the
// reconcile-request annotation do; status writes and relists that change nothing else do not.
#include "operator/manager/change_filter.h"

#include <doctest/doctest.h>

namespace chartmirror::manager {
namespace {

using nlohmann::json;

json object(int generation, std::string_view resource_version, std::string_view requested = {}) {
  json metadata = {{"namespace", "ns"},
                   {"name", "m"},
                   {"generation", generation},
                   {"resourceVersion", resource_version}};
  if (!requested.empty()) metadata["annotations"] = {{kReconcileRequestAnnotation, requested}};
  return {{"metadata", metadata}, {"status", {{"observedGeneration", generation}}}};
}

TEST_CASE("only a changed trigger passes") {
  struct Step {
    const char* what;
    json object;
    bool reconcile;
  };
  const Step steps[] = {
      {"a new object", object(1, "10"), true},
      {"its own status write (new resourceVersion, same generation)", object(1, "11"), false},
      {"a relist with the same object", object(1, "11"), false},
      {"a spec change", object(2, "12"), true},
      {"the status for generation 2", object(2, "13"), false},
      {"a reconcile requested by annotation", object(2, "14", "1700000000"), true},
      {"the same annotation again", object(2, "15", "1700000000"), false},
      {"a new request", object(2, "16", "1700000060"), true},
      {"the annotation removed", object(2, "17"), true},
  };
  ChangeFilter filter;
  for (const Step& step : steps) {
    CAPTURE(step.what);
    CHECK(filter.changed("ns/m", step.object) == step.reconcile);
  }
}

TEST_CASE("a forgotten key (deleted object) counts as new again; keys are independent") {
  ChangeFilter filter;
  CHECK(filter.changed("ns/a", object(1, "1")));
  CHECK(filter.changed("ns/b", object(1, "2")));
  CHECK_FALSE(filter.changed("ns/a", object(1, "3")));
  filter.forget("ns/a");
  CHECK(filter.changed("ns/a", object(1, "4")));
  CHECK_FALSE(filter.changed("ns/b", object(1, "5")));
}

}  // namespace
}  // namespace chartmirror::manager
