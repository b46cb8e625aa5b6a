// SplitManifests and the order `helm template` prints documents and hooks in; the expected
// outputs are what helm v3.17.3 printed for the same chart.
#include "charts/engine/manifests.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace chartmirror::charts::engine {
namespace {

TEST_CASE("split_manifests") {
  struct Case {
    std::string text;
    std::vector<std::string> docs;
  };
  const std::vector<Case> cases = {
      {"", {}},
      {"a: 1", {"a: 1"}},
      {"---\na: 1\n---\nb: 2\n", {"a: 1", "b: 2"}},
      {"a: 1\n  \n---  \n\n b: 2", {"a: 1", "b: 2"}},
      // "---" right after a separator's trailing space stays in the document.
      {"a: 1\n---\n\n---\nb: 2", {"a: 1", "---\nb: 2"}},
      {"a: 1\n--- # c\nb: 2", {"a: 1", "# c\nb: 2"}},
      {"a: |\n  x---y\n", {"a: |\n  x---y"}},
      {"a: 1\n----\nb", {"a: 1", "-\nb"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(split_manifests(c.text) == c.docs);
  }
}

constexpr std::string_view kAll = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
---
apiVersion: v1
kind: Service
metadata:
  name: svc
  annotations:
    note: plain
---

---
apiVersion: example.com/v1
kind: Zebra
metadata:
  name: z
--- # trailing comment
apiVersion: example.com/v1
kind: Alpha
metadata:
  name: a
---
apiVersion: batch/v1
kind: Job
metadata:
  name: hook2
  annotations:
    "helm.sh/hook": post-install
    "helm.sh/hook-weight": "-1"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: hook1
  annotations:
    "helm.sh/hook": pre-install,pre-upgrade
---
apiVersion: v1
kind: Pod
metadata:
  name: unknown-hook
  annotations:
    "helm.sh/hook": sometime
---
apiVersion: v1
kind: Pod
metadata:
  name: test
  annotations:
    "helm.sh/hook": test
)";

Rendered t4() {
  Rendered rendered;
  rendered.files = {
      {"t4/templates/all.yaml", std::string(kAll)},
      {"t4/templates/blank.yaml", "\n   \n"},
      {"t4/templates/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n"},
      {"t4/templates/NOTES.txt", "Thanks rel\n"}};
  rendered.crds = {{.path = "t4/crds/crd.yaml",
                    .content =
                        "apiVersion: apiextensions.k8s.io/v1\nkind: "
                        "CustomResourceDefinition\nmetadata:\n  name: zebras.example.com\n"}};
  return rendered;
}

Metadata metadata(std::string kube_version = "") {
  Metadata m;
  m.name = "t4";
  m.kube_version = std::move(kube_version);
  return m;
}

TEST_CASE("documents sorted by kind, hooks after, unknown hooks dropped") {
  auto out = template_output(t4(), metadata(), KubeVersion{});
  REQUIRE(out.ok());
  CHECK(*out == R"(---
# Source: t4/templates/ns.yaml
apiVersion: v1
kind: Namespace
metadata:
  name: n
---
# Source: t4/templates/all.yaml
apiVersion: v1
kind: Service
metadata:
  name: svc
  annotations:
    note: plain
---
# Source: t4/templates/all.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
---
# Source: t4/templates/all.yaml
# trailing comment
apiVersion: example.com/v1
kind: Alpha
metadata:
  name: a
---
# Source: t4/templates/all.yaml
---
apiVersion: example.com/v1
kind: Zebra
metadata:
  name: z
---
# Source: t4/templates/all.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: hook1
  annotations:
    "helm.sh/hook": pre-install,pre-upgrade
---
# Source: t4/templates/all.yaml
apiVersion: v1
kind: Pod
metadata:
  name: test
  annotations:
    "helm.sh/hook": test
---
# Source: t4/templates/all.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: hook2
  annotations:
    "helm.sh/hook": post-install
    "helm.sh/hook-weight": "-1"
)");
}

TEST_CASE("--include-crds --skip-tests") {
  auto out =
      template_output(t4(), metadata(), KubeVersion{}, {.include_crds = true, .skip_tests = true});
  REQUIRE(out.ok());
  CHECK(out->starts_with(R"(---
# Source: t4/crds/crd.yaml
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: zebras.example.com

---
# Source: t4/templates/ns.yaml
)"));
  CHECK(out->find("name: test\n") == std::string::npos);
}

TEST_CASE("kubeVersion and chart type") {
  auto refused = template_output(t4(), metadata(">=1.33.0-0"), KubeVersion{});
  REQUIRE(!refused.ok());
  CHECK(refused.error().message ==
        "chart requires kubeVersion: >=1.33.0-0 which is incompatible with Kubernetes v1.32.0");
  Metadata library = metadata();
  library.type = "library";
  auto library_out = template_output(t4(), library, KubeVersion{});
  REQUIRE(!library_out.ok());
  CHECK(library_out.error().message == "library charts are not installable");
}

}  // namespace
}  // namespace chartmirror::charts::engine

namespace chartmirror::charts::engine {
namespace {

// What helm 3.17.3 prints (after "Error: YAML parse error on e1/templates/a.yaml: ") for a
// template with this output.
TEST_CASE("documents helm cannot read") {
  struct Case {
    std::string output;
    std::string message;
  };
  const Case cases[] = {
      {"- x\n",
       "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value "
       "of type releaseutil.SimpleHead"},
      {"a: [\n", "error converting YAML to JSON: yaml: line 1: did not find expected node content"},
      {"kind: x\n  y: 1\n",
       "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this "
       "context"},
      {"a: .inf\n", "error converting YAML to JSON: json: unsupported value: +Inf"},
      {"a: *x\n", "error converting YAML to JSON: yaml: unknown anchor 'x' referenced"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.output);
    Rendered rendered;
    rendered.files = {{"e1/templates/a.yaml", c.output}};
    auto out = template_output(rendered, metadata(), KubeVersion{});
    REQUIRE(!out.ok());
    CHECK(out.error().message == "YAML parse error on e1/templates/a.yaml: " + c.message);
  }
}

}  // namespace
}  // namespace chartmirror::charts::engine
