// charts/images/manifest_scan.h — the images a rendered release deploys, read from the
// manifests `helm template` (or charts/template) prints.
//
// Rendering sees what the values scan cannot: tags built by helpers, registries from
// globals, images handed to operators as arguments. The stream is split as Helm splits it
// (manifest_stream.h); each document is read with values::parse_yaml. An empty or
// comment-only document is skipped; a document that does not parse fails the whole scan,
// naming its `# Source:` template; a document that is not a map is a warning.
// CustomResourceDefinitions are skipped: a schema describes images, it runs none (kyverno's
// CRDs quote "ghcr.io/kyverno/kyverno:latest" as an example).
//
// In every other object, a string is an image when:
//   1. kContainerImage — it is the `image` of an entry of `containers`, `initContainers` or
//      `ephemeralContainers` of the pod spec of a workload: Pod (spec), Deployment,
//      StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job
//      (spec.template.spec), CronJob (spec.jobTemplate.spec.template.spec). Kubernetes runs
//      what is written, so a short name counts and is normalized as the kubelet would:
//      "busybox:1.35" → docker.io/library/busybox:1.35, "nginx" → …/nginx:latest.
//   2. kImageField — it is any other field named `image` (kube-prometheus-stack's Prometheus
//      and Alertmanager spec.image, loki's GrafanaAgent spec.image), under the same rule.
//   An `image` string that is not a valid reference (empty, a glob, an unrendered template)
//   is a warning, not an image.
//   3. any other string — arguments, commands, env values, ConfigMap data, Secret data and
//      stringData (data base64-decoded; binaryData is not read), annotations — holds a FULL
//      reference by the rules of text_references.h: explicit tag or digest, a '/' in the name.
//   4. kRepositoryTag — the `data` (or `stringData`) of a ConfigMap or Secret has keys
//      "P.repository" and "P.tag" whose values make a full reference "REPOSITORY:TAG"
//      (trivy-operator's `trivy.repository` and `trivy.tag`: the scanner image it launches).
// A map under an `image` key ({registry, repository, tag} in a custom resource) is not read:
// no object of the shared corpus is written so (its CRDs' image fields are all strings).
//
// Each image is reported once per field (a field of several lines may name it more than
// once), in the order of the stream, with its origin (template, object, field path).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "charts/error.h"
#include "charts/images/found_image.h"
#include "charts/values/value.h"
#include "support/result.h"

namespace chartmirror::charts::images {

struct ManifestScan {
  std::vector<FoundImage> images;  // kTemplate origins, in the order of the stream
  std::vector<std::string> warnings;
};

// Where a parsed object came from, for the origins and warnings of scan_object.
struct ManifestSource {
  std::string template_file;  // the `# Source:` path
};

// One parsed Kubernetes object (a map); appends to `out`.
void scan_object(const values::Value& object, const ManifestSource& source, ManifestScan& out);

// Every document of a rendered release.
[[nodiscard]] Result<ManifestScan, Error> scan_manifests(std::string_view stream);

}  // namespace chartmirror::charts::images
