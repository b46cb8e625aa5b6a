#include "charts/images/manifest_scan.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace chartmirror::charts::images {
namespace {

// "REFERENCE KIND/NAME PATH MATCH\n" per image found.
std::string images(const std::string& stream) {
  auto scanned = scan_manifests(stream);
  REQUIRE_MESSAGE(scanned.ok(), scanned.error().describe());
  std::string out;
  for (const FoundImage& image : scanned->images) {
    out += image.reference.str() + " " + image.origin.object_kind + "/" + image.origin.object_name +
           " " + format_path(image.origin.path) + " " + match_name(image.origin.match) + "\n";
  }
  return out;
}

std::vector<std::string> warnings(const std::string& stream) {
  auto scanned = scan_manifests(stream);
  REQUIRE_MESSAGE(scanned.ok(), scanned.error().describe());
  return scanned->warnings;
}

TEST_CASE("container images of every workload kind, short names normalized") {
  const std::string stream = R"(---
# Source: demo/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: prod}
spec:
  template:
    spec:
      initContainers:
        - {name: init, image: "busybox:1.35"}
      containers:
        - name: web
          image: nginx
          args: ["--config=/etc/x.yaml", "--sidecar-image=quay.io/a/sidecar:v2", "apps/v1"]
          env:
            - {name: RUNNER, value: "hashicorp/vault:1.16.1"}
            - {name: ADDR, value: "localhost:8080"}
        - name: second
          image: registry.k8s.io/x/y:v1@sha256:4981767b787c69126e190e33aee93d5a076639083c21f0e7c29596a519c64a2e
---
# Source: demo/templates/cronjob.yaml
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: job, image: "bitnami/kubectl:1.28.4"}]
---
# Source: demo/templates/pod.yaml
apiVersion: v1
kind: Pod
metadata: {name: test}
spec:
  ephemeralContainers: [{name: debug, image: "docker.io/busybox:1.36.1"}]
)";
  // Map keys in sorted order (args, env, image), as parse_yaml keeps them.
  CHECK(images(stream) ==
        "quay.io/a/sidecar:v2 Deployment/web spec.template.spec.containers[0].args[1] "
        "flag-value\n"
        "docker.io/hashicorp/vault:1.16.1 Deployment/web "
        "spec.template.spec.containers[0].env[0].value string\n"
        "docker.io/library/nginx:latest Deployment/web spec.template.spec.containers[0].image "
        "container-image\n"
        "registry.k8s.io/x/y:v1@sha256:"
        "4981767b787c69126e190e33aee93d5a076639083c21f0e7c29596a519c64a2e Deployment/web "
        "spec.template.spec.containers[1].image container-image\n"
        "docker.io/library/busybox:1.35 Deployment/web "
        "spec.template.spec.initContainers[0].image container-image\n"
        "docker.io/bitnami/kubectl:1.28.4 CronJob/nightly "
        "spec.jobTemplate.spec.template.spec.containers[0].image container-image\n"
        "docker.io/library/busybox:1.36.1 Pod/test spec.ephemeralContainers[0].image "
        "container-image\n");
}

TEST_CASE("the origin names the template, the object and the field") {
  auto scanned = scan_manifests(
      "---\n# Source: kps/templates/prometheus/prometheus.yaml\n"
      "apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\n"
      "metadata:\n  name: kps-prometheus\n  namespace: default\n"
      "spec:\n  image: \"quay.io/prometheus/prometheus:v2.54.1\"\n");
  REQUIRE(scanned.ok());
  REQUIRE(scanned->images.size() == 1);
  const ImageOrigin& origin = scanned->images[0].origin;
  CHECK(origin.kind == ImageOrigin::Kind::kTemplate);
  CHECK(origin.template_file == "kps/templates/prometheus/prometheus.yaml");
  CHECK(origin.api_version == "monitoring.coreos.com/v1");
  CHECK(origin.object_kind == "Prometheus");
  CHECK(origin.object_namespace == "default");
  CHECK(origin.object_name == "kps-prometheus");
  CHECK(format_path(origin.path) == "spec.image");
  CHECK(origin.match == TemplateMatch::kImageField);
  CHECK(scanned->images[0].reference.str() == "quay.io/prometheus/prometheus:v2.54.1");
}

TEST_CASE("ConfigMaps and Secrets: embedded text, repository and tag keys, base64 data") {
  const std::string stream = R"(---
# Source: demo/templates/configmap.yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: config}
data:
  config.yaml: |-
    kind: DaemonSet
    spec:
      containers:
        - image: "quay.io/kubescape/host-scanner:v1.0.66"
  node.collector.imageRef: "ghcr.io/aquasecurity/node-collector:0.0.9"
  trivy.repository: "ghcr.io/aquasecurity/trivy"
  trivy.tag: "0.47.0"
  trivy.dbRepository: "ghcr.io/aquasecurity/trivy-db"
  sidecar-istio-proxy-image: "cilium/istio_proxy"
---
# Source: demo/templates/secret.yaml
apiVersion: v1
kind: Secret
metadata: {name: secret}
data:
  a: "YS9iOjE="
  job.yaml: "eDogMQppbWFnZTogcXVheS5pby9zL3Q6Mwo="
  scanner.repository: "Z2hjci5pby9hcXVhc2VjdXJpdHkvdHJpdnk="
  scanner.tag: "MC40Ny4w"
  broken: "not base64!"
stringData:
  runner: "quay.io/s/u:4"
)";
  CHECK(images(stream) ==
        "quay.io/kubescape/host-scanner:v1.0.66 ConfigMap/config data.config\\.yaml "
        "text-line\n"
        "ghcr.io/aquasecurity/node-collector:0.0.9 ConfigMap/config "
        "data.node\\.collector\\.imageRef string\n"
        "ghcr.io/aquasecurity/trivy:0.47.0 ConfigMap/config data.trivy\\.repository "
        "repository-tag\n"
        "docker.io/a/b:1 Secret/secret data.a string\n"
        "quay.io/s/t:3 Secret/secret data.job\\.yaml text-line\n"
        "quay.io/s/u:4 Secret/secret stringData.runner string\n"
        "ghcr.io/aquasecurity/trivy:0.47.0 Secret/secret data.scanner\\.repository "
        "repository-tag\n");
}

TEST_CASE("CRDs are skipped; what is not an image is a warning or an error") {
  const std::string crd = R"(---
# Source: demo/templates/crd.yaml
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: things.example.com}
spec:
  versions:
    - schema:
        openAPIV3Schema:
          properties:
            image: {type: string, default: "quay.io/a/b:1"}
            example: {description: "quay.io/c/d:2"}
)";
  CHECK(images(crd) == "");
  CHECK(warnings(crd).empty());

  const std::string bad = R"(---
# Source: demo/templates/pod.yaml
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: a, image: ""}, {name: b, image: "{{ .Values.image }}"}]
---
# Source: demo/templates/empty.yaml
# nothing rendered
---
# Source: demo/templates/text.yaml
just a string
)";
  CHECK(images(bad) == "");
  const auto found = warnings(bad);
  REQUIRE(found.size() == 3);
  CHECK(found[0].starts_with(
      "demo/templates/pod.yaml: Pod p: spec.containers[0].image: image \"\" is not"));
  CHECK(
      found[1].starts_with("demo/templates/pod.yaml: Pod p: spec.containers[1].image: image "
                           "\"{{ .Values.image }}\" is not"));
  CHECK(found[2] ==
        "demo/templates/text.yaml: a rendered document that is not an object "
        "(string), skipped");

  auto broken = scan_manifests("---\n# Source: demo/templates/x.yaml\na: [b\n");
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().source == "demo/templates/x.yaml");
  CHECK(broken.error().message.starts_with("rendered manifest does not parse as YAML"));
}

TEST_CASE("one field naming one image twice reports it once") {
  CHECK(images("kind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: |\n    x: quay.io/a/b:1\n"
               "    y: quay.io/a/b:1\n  b: quay.io/a/b:1\n") ==
        "quay.io/a/b:1 ConfigMap/c data.a text-line\n"
        "quay.io/a/b:1 ConfigMap/c data.b string\n");
}

}  // namespace
}  // namespace chartmirror::charts::images
