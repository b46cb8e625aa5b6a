#!/usr/bin/env bash
# What a cluster admin installs, against the real kube-apiserver of the e2e environment:
# the ChartMirror CRD (crds/), its samples (crds/samples/) and the operator's Helm chart
# (deploy/chartmirror/). helm lint and template; the CRD, every sample and the rendered chart
# accepted by `kubectl apply --dry-run=server`; invalid ChartMirrors refused with the schema's
# or the CEL rule's message; the status subresource and the printer columns; short name and
# category. Everything it creates is deleted at the end, by name. The API server runs no
# controller-manager: Deployments are accepted but never run, and a deleted namespace stays
# Terminating, so nothing here waits for either.
# Usage: deploy_test.sh   (with CM_E2E_ENV set)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck disable=SC1090
source "$CM_E2E_ENV"

crd="$root/crds/chartmirror.io_chartmirrors.yaml"
chart="$root/deploy/chartmirror"
crd_name=chartmirrors.chartmirror.io
work="$(mktemp -d)"
ns="chartmirror-deploy-e2e-$$"
export HELM_CACHE_HOME="$work/helm/cache" HELM_CONFIG_HOME="$work/helm/config"
export HELM_DATA_HOME="$work/helm/data"

# A discovery cache of our own: the CRD's resources are new to it.
kubectl_() { "$CM_KUBECTL" --kubeconfig "$CM_KUBECONFIG" --cache-dir "$work/kube-cache" "$@"; }
helm_() { "$CM_HELM" "$@"; }

crd_created=false
ns_created=false
release="cm-e2e-$$"
installed=false
cleanup() {
  if $installed; then
    helm_ uninstall "$release" -n "$ns" --kubeconfig "$CM_KUBECONFIG" >/dev/null 2>&1
  fi
  if $ns_created; then
    kubectl_ delete chartmirrors --all -n "$ns" --ignore-not-found >/dev/null 2>&1
    kubectl_ delete configmap prometheus-values -n "$ns" --ignore-not-found >/dev/null 2>&1
    kubectl_ delete namespace "$ns" --wait=false >/dev/null 2>&1
  fi
  # Only a CRD this test created; it holds ctest's RESOURCE_LOCK chartmirror_crd meanwhile.
  if $crd_created; then
    kubectl_ delete crd "$crd_name" --timeout=60s >/dev/null 2>&1 ||
      echo "cleanup: could not delete $crd_name" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Results go to files, not variables: many checks run at the end of a pipeline (a subshell).
touch "$work/passed" "$work/failed"
step() { echo "--- $*"; }
ok() { echo >>"$work/passed"; }
bad() {
  echo "FAIL $1"
  [[ -s "$work/out" ]] && sed 's/^/    /' "$work/out" | head -n 30
  echo "$1" >>"$work/failed"
}
# check NAME COMMAND...: the command succeeds (its output is shown if not).
check() {
  local name="$1"
  shift
  if "$@" >"$work/out" 2>&1; then ok; else bad "$name"; fi
}
# accepted NAME < YAML: the API server accepts the objects (server-side dry run), no warning.
accepted() {
  if kubectl_ apply --dry-run=server -n "$ns" -f - >"$work/out" 2>&1 &&
    ! grep -q '^Warning' "$work/out"; then ok; else bad "$1"; fi
}
# rejected NAME PATTERN < YAML: the API server refuses the objects, with an error matching the
# extended regular expression PATTERN.
rejected() {
  if kubectl_ apply --dry-run=server -n "$ns" -f - >"$work/out" 2>&1; then
    bad "$1: accepted"
  elif grep -qE -- "$2" "$work/out"; then
    ok
  else
    bad "$1: the error does not say /$2/"
  fi
}
# chartmirror SPEC-LINE...: a ChartMirror named "invalid" with these lines (flow YAML) as spec.
chartmirror() {
  printf 'apiVersion: chartmirror.io/v1alpha1\nkind: ChartMirror\nmetadata: {name: invalid}\nspec:\n'
  local line
  for line in "$@"; do [[ -n "$line" ]] && printf '  %s\n' "$line"; done
}

step "one CRD: the chart's crds/ holds the same bytes as crds/"
check "deploy/chartmirror/crds/ is a copy of crds/" \
  cmp "$crd" "$chart/crds/chartmirror.io_chartmirrors.yaml"

step "helm lint --strict"
check "lint, cluster-wide" helm_ lint --strict "$chart"
check "lint, one namespace" helm_ lint --strict "$chart" --set watchNamespace=team-a
check "lint, two replicas" helm_ lint --strict "$chart" --set replicaCount=2

step "helm template renders, and values.schema.json refuses what cannot work"
check "template, cluster-wide" helm_ template cm "$chart" --namespace "$ns" --include-crds \
  --output-dir "$work/cluster-wide"
helm_ template cm "$chart" --namespace "$ns" >"$work/cluster-wide.yaml" 2>"$work/out" ||
  bad "template, cluster-wide, to one file"
helm_ template cm "$chart" --namespace "$ns" --set watchNamespace="$ns" \
  >"$work/one-namespace.yaml" 2>"$work/out" || bad "template, one namespace, to one file"
kinds() { sed -n 's/^kind: //p' "$1" | sort | uniq -c | awk '{print $2 ":" $1}' | paste -sd' '; }
args_of() { sed -n '/^ *args:$/,/^ *env:$/p' "$1" | sed -n 's/^ *- //p' | paste -sd' '; }
check "cluster-wide: the objects expected" test "$(kinds "$work/cluster-wide.yaml")" = \
  "ClusterRole:3 ClusterRoleBinding:1 Deployment:1 Role:1 RoleBinding:1 Service:1 ServiceAccount:1"
check "one namespace: the operator's rules in a Role, not a ClusterRole" test \
  "$(kinds "$work/one-namespace.yaml")" = \
  "ClusterRole:2 Deployment:1 Role:2 RoleBinding:2 Service:1 ServiceAccount:1"
# helm writes "---" and "# Source: ..." before the file, and an empty line after it.
check "the CRD is rendered with --include-crds" cmp <(cat "$crd" && echo) \
  <(tail -n +3 "$work/cluster-wide/chartmirror/crds/chartmirror.io_chartmirrors.yaml")
app_version="$(sed -n 's/^appVersion: "\(.*\)"$/\1/p' "$chart/Chart.yaml")"
check "the image defaults to the appVersion" \
  grep -qx "          image: \"ghcr.io/chartmirror/chartmirror:$app_version\"" "$work/cluster-wide.yaml"
check "the operator's command line" test "$(args_of "$work/cluster-wide.yaml")" = \
  "operator --workers=4 --metrics-addr=:8080 --health-addr=:8081 --leader-elect"
check "with --namespace when watchNamespace is set" test "$(args_of "$work/one-namespace.yaml")" = \
  "operator --workers=4 --metrics-addr=:8080 --health-addr=:8081 --leader-elect --namespace=$ns"
check "probes on /healthz and /readyz" bash -c \
  "grep -qF 'path: /healthz' '$work/cluster-wide.yaml' && grep -qF 'path: /readyz' '$work/cluster-wide.yaml'"
if helm_ template cm "$chart" --set replicaCount=2 --set leaderElection.enabled=false \
  >"$work/out" 2>&1; then
  bad "two replicas without leader election are refused"
elif grep -q 'leaderElection.enabled' "$work/out"; then ok; else
  bad "two replicas without leader election are refused, naming leaderElection.enabled"
fi
if helm_ template cm "$chart" --set wokers=2 >"$work/out" 2>&1; then
  bad "a misspelt value is refused"
elif grep -q 'Additional property wokers is not allowed' "$work/out"; then ok; else
  bad "a misspelt value is refused, naming it"
fi

step "helm package keeps the CRD (crds/ is a real directory, not a link)"
check "package" helm_ package "$chart" --destination "$work/package"
check "the package holds the CRD, byte for byte" cmp "$crd" \
  <(tar -xzOf "$work/package/chartmirror-$(sed -n 's/^version: //p' "$chart/Chart.yaml").tgz" \
    chartmirror/crds/chartmirror.io_chartmirrors.yaml)

step "the CRD against the API server"
if kubectl_ apply --dry-run=server -f "$crd" >"$work/out" 2>&1 && ! grep -q '^Warning' "$work/out"
then ok; else bad "apply --dry-run=server, no warning"; fi
kubectl_ get crd "$crd_name" >/dev/null 2>&1 || crd_created=true
check "apply" kubectl_ apply -f "$crd"
check "Established" kubectl_ wait --for=condition=Established "crd/$crd_name" --timeout=60s
check "structural (no NonStructuralSchema condition)" bash -c \
  "! '$CM_KUBECTL' --kubeconfig '$CM_KUBECONFIG' get crd '$crd_name' \
     -o jsonpath='{.status.conditions[*].type}' | grep -q NonStructuralSchema"

step "a test namespace that warns on anything short of Pod Security 'restricted'"
check "create namespace $ns" kubectl_ create namespace "$ns"
ns_created=true
check "label it" kubectl_ label namespace "$ns" pod-security.kubernetes.io/warn=restricted \
  pod-security.kubernetes.io/enforce=restricted

step "the rendered operator chart, server-side dry run"
accepted "cluster-wide chart" <"$work/cluster-wide.yaml"
accepted "one-namespace chart" <"$work/one-namespace.yaml"
helm_ template cm "$chart" --namespace "$ns" --set securityContext.allowPrivilegeEscalation=true |
  kubectl_ apply --dry-run=server -f - >"$work/violation" 2>&1
check "(the check sees a Pod Security violation when there is one)" \
  grep -q 'would violate PodSecurity "restricted' "$work/violation"

step "helm install for real, and uninstall (the Deployment is accepted; nothing runs it)"
helm_ install "$release" "$chart" -n "$ns" --kubeconfig "$CM_KUBECONFIG" --dry-run=server \
  >"$work/dry-install" 2>&1
check "install --dry-run=server: the server meets kubeVersion, NOTES render" \
  grep -q '^  kubectl get chartmirrors -A' "$work/dry-install"
check "install" helm_ install "$release" "$chart" -n "$ns" --kubeconfig "$CM_KUBECONFIG"
installed=true
full="$release-chartmirror"
check "the operator's objects are there" kubectl_ get -n "$ns" "deployment/$full" \
  "serviceaccount/$full" "service/$full-metrics" "role/$full-leader-election" \
  "rolebinding/$full-leader-election" "clusterrole/$full" "clusterrolebinding/$full" \
  "clusterrole/$full-edit" "clusterrole/$full-view"
check "the Deployment asks for the operator's image and flags" test \
  "$(kubectl_ get -n "$ns" "deployment/$full" -o jsonpath='{.spec.template.spec.containers[0].args}')" = \
  '["operator","--workers=4","--metrics-addr=:8080","--health-addr=:8081","--leader-elect"]'
check "uninstall" helm_ uninstall "$release" -n "$ns" --kubeconfig "$CM_KUBECONFIG"
installed=false
check "nothing of the release is left, the CRD stays" bash -c \
  "! '$CM_KUBECTL' --kubeconfig '$CM_KUBECONFIG' get clusterrole '$full' >/dev/null 2>&1 &&
   ! '$CM_KUBECTL' --kubeconfig '$CM_KUBECONFIG' get -n '$ns' deployment '$full' >/dev/null 2>&1 &&
   '$CM_KUBECTL' --kubeconfig '$CM_KUBECONFIG' get crd '$crd_name' >/dev/null"

step "every sample, server-side dry run"
for sample in "$root"/crds/samples/*.yaml; do
  name="sample $(basename "$sample")"
  accepted "$name" <"$sample"
done
check "defaults: interval 1h" test "$(kubectl_ apply --dry-run=server -n "$ns" -o jsonpath='{.spec.interval}' \
  -f "$root/crds/samples/ingress-nginx-suspended.yaml")" = 1h
check "defaults: valuesFrom key values.yaml" test "$(chartmirror \
  'source: {url: "https://charts.example"}' \
  'charts: [{name: app, valuesFrom: [{kind: Secret, name: app-values}]}]' \
  'destination: {url: "oci://registry.example/mirror"}' |
  kubectl_ apply --dry-run=server -n "$ns" -o jsonpath='{.spec.charts[0].valuesFrom[0].key}' -f -)" = values.yaml

step "invalid ChartMirrors are refused, with a message that says why"
src='source: {url: "https://charts.example/stable"}'
charts='charts: [{name: prometheus, version: ">=25.0.0 <26.0.0"}]'
dst='destination: {url: "oci://registry.example:5000/mirror"}'
chartmirror "$src" "$charts" "$dst" | accepted "(the base of the invalid ones is valid)"
chartmirror "source: {plainHTTP: false}" "$charts" "$dst" |
  rejected "source without url" 'spec\.source\.url: Required value'
chartmirror "$src" "$dst" | rejected "no charts" 'spec\.charts: Required value'
chartmirror "$src" "charts: []" "$dst" | rejected "empty charts" 'spec\.charts in body should have at least 1 items'
chartmirror "$src" "charts: [{version: 1.0.0}]" "$dst" |
  rejected "chart without name" 'spec\.charts\[0\]\.name: Required value'
chartmirror 'source: {url: "ftp://charts.example/stable"}' "$charts" "$dst" |
  rejected "ftp:// source" 'spec\.source\.url in body should match'
chartmirror 'source: {url: "charts.example/stable"}' "$charts" "$dst" |
  rejected "source without scheme" 'spec\.source\.url in body should match'
chartmirror "$src" "$charts" 'destination: {url: "https://registry.example/mirror"}' |
  rejected "https:// destination" 'spec\.destination\.url in body should match'
chartmirror "$src" "$charts" 'destination: {url: "oci://registry.example/Mirror"}' |
  rejected "uppercase destination path" 'spec\.destination\.url in body should match'
chartmirror "$src" "charts: [{name: Prometheus}]" "$dst" |
  rejected "uppercase chart name" 'spec\.charts\[0\]\.name in body should match'
chartmirror "$src" "$charts" "$dst" "interval: 1 hour" |
  rejected "interval not a Go duration" 'spec\.interval: Invalid value: "1 hour": spec\.interval in body should match'
chartmirror "$src" "$charts" "$dst" 'interval: "10"' |
  rejected "interval without unit" 'spec\.interval in body should match'
chartmirror "$src" "$charts" "$dst" "interval: 500ms" |
  rejected "interval under 1s (CEL)" 'spec\.interval: .*interval must be at least 1s'
chartmirror 'source: {url: "https://charts.example", plainHTTP: true}' "$charts" "$dst" |
  rejected "plainHTTP on an https:// source (CEL)" \
    'spec\.source\.plainHTTP: .*plainHTTP applies to oci:// sources only'
chartmirror 'source: {url: "http://charts.example", insecureSkipTLSVerify: true}' "$charts" "$dst" |
  rejected "TLS option on an http:// source (CEL)" 'spec\.source: .*need TLS'
chartmirror "$src" "$charts" \
  'destination: {url: "oci://r.example/m", plainHTTP: true, certSecretRef: {name: ca}}' |
  rejected "certSecretRef with a plain-HTTP destination (CEL)" 'spec\.destination: .*need TLS'
chartmirror "$src" "$charts" "$dst" \
  'registryMirrors: [{registry: docker.io, mirror: "cache.example/hub", plainHTTP: true, insecureSkipTLSVerify: true}]' |
  rejected "insecureSkipTLSVerify with a plain-HTTP mirror (CEL)" 'spec\.registryMirrors\[0\]: .*need TLS'
chartmirror 'source: {url: "oci://registry.example:5000/mirror"}' "$charts" "$dst" |
  rejected "destination = source (CEL)" 'spec\.destination\.url: .*destination\.url must differ from source\.url'
chartmirror "$src" "charts: [{name: app}, {name: app, version: 2.0.0}]" "$dst" |
  rejected "a chart twice" 'spec\.charts\[1\]: Duplicate value'
chartmirror "$src" "$dst" \
  'charts: [{name: app, valuesFrom: [{kind: Deployment, name: app}]}]' |
  rejected "valuesFrom of an unsupported kind" \
    'spec\.charts\[0\]\.valuesFrom\[0\]\.kind: Unsupported value: "Deployment"'
chartmirror "$src" "$dst" 'charts: [{name: app, valuesFrom: [{kind: ConfigMap}]}]' |
  rejected "valuesFrom without name" 'spec\.charts\[0\]\.valuesFrom\[0\]\.name: Required value'
chartmirror "$src" "$charts" "$dst" 'images: {platforms: [amd64]}' |
  rejected "platform without os" 'spec\.images\.platforms\[0\] in body should match'
chartmirror "$src" "$charts" "$dst" 'registryMirrors: [{registry: docker.io}]' |
  rejected "registry mirror without mirror" 'spec\.registryMirrors\[0\]\.mirror: Required value'
chartmirror "$src" "$charts" "$dst" 'suspend: "yes"' |
  rejected "suspend not a boolean" 'spec\.suspend: Invalid value: "string"'
chartmirror "$src" "$charts" "$dst" "mirrorEverything: true" |
  rejected "an unknown field" 'unknown field "spec\.mirrorEverything"'

step "ChartMirrors for real: kubectl get, the short name, the category, the status"
for sample in "$root"/crds/samples/*.yaml; do
  check "create $(basename "$sample")" kubectl_ apply -n "$ns" -f "$sample"
done
names=(bitnami-data cert-manager ingress-nginx prometheus)
check "kubectl get chartmirrors" test \
  "$(kubectl_ get chartmirrors -n "$ns" -o name | paste -sd' ')" = \
  "$(printf 'chartmirror.chartmirror.io/%s\n' "${names[@]}" | paste -sd' ')"
check "kubectl get cmir" test \
  "$(kubectl_ get cmir -n "$ns" --no-headers | awk '{print $1}' | paste -sd' ')" = "${names[*]}"
check "kubectl get all includes them" grep -qx 'chartmirror.chartmirror.io/prometheus' \
  <(kubectl_ get all -n "$ns" -o name)
check "the columns" grep -qE '^NAME +READY +CHARTS +IMAGES +LAST SYNC +AGE$' \
  <(kubectl_ get cmir -n "$ns")
check "the wide columns" grep -qE '^NAME +READY +CHARTS +IMAGES +LAST SYNC +AGE +SUSPENDED +MESSAGE$' \
  <(kubectl_ get cmir -n "$ns" -o wide)

digest="sha256:$(printf 'a%.0s' {1..64})"
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
status='{"status": {"observedGeneration": 1, "lastSyncTime": "'"$now"'",
  "conditions": [
    {"type": "Ready", "status": "True", "reason": "Mirrored", "message": "1 chart, 6 images",
     "observedGeneration": 1, "lastTransitionTime": "'"$now"'"},
    {"type": "Reconciling", "status": "False", "reason": "Mirrored", "message": "",
     "observedGeneration": 1, "lastTransitionTime": "'"$now"'"},
    {"type": "Stalled", "status": "False", "reason": "Mirrored", "message": "",
     "observedGeneration": 1, "lastTransitionTime": "'"$now"'"}],
  "summary": {"charts": "1/1", "images": "6/6"},
  "charts": [{"name": "prometheus", "version": "25.8.0",
    "source": "https://prometheus-community.github.io/helm-charts/prometheus-25.8.0.tgz",
    "destination": "oci://registry.corp.example:5000/mirror/charts/prometheus:25.8.0",
    "digest": "'"$digest"'", "images": 6,
    "rewritten": {"destination": "oci://registry.corp.example:5000/mirror/charts/prometheus:25.8.0-mirror", "digest": "'"$digest"'"}}],
  "images": {"total": 6, "mirrored": 6, "skipped": 1, "failed": 0},
  "failures": []}}'
check "a full status through the status subresource" kubectl_ patch chartmirror prometheus -n "$ns" \
  --subresource=status --type=merge -p "$status"
check "the columns show it" grep -qE '^prometheus +True +1/1 +6/6 +[0-9][0-9smhd]* +[0-9][0-9smhd]*$' \
  <(kubectl_ get cmir prometheus -n "$ns" --no-headers)
check "the Ready message at -o wide" grep -qE '^prometheus +True .* 1 chart, 6 images$' \
  <(kubectl_ get cmir prometheus -n "$ns" --no-headers -o wide)
check "a suspended one says so at -o wide" grep -qE '^ingress-nginx .* true +$' \
  <(kubectl_ get cmir ingress-nginx -n "$ns" --no-headers -o wide)
check "status does not bump the generation" test \
  "$(kubectl_ get cmir prometheus -n "$ns" -o jsonpath='{.metadata.generation}')" = 1
check "a spec change does" kubectl_ patch cmir prometheus -n "$ns" --type=merge -p '{"spec": {"interval": "2h"}}'
check "generation 2, status kept" test \
  "$(kubectl_ get cmir prometheus -n "$ns" -o jsonpath='{.metadata.generation} {.status.observedGeneration}')" = "2 1"
too_many="$(printf '{"ref": "docker.io/library/x:%d", "reason": "NotFound"},' {1..21})"
if kubectl_ patch cmir prometheus -n "$ns" --subresource=status --type=merge \
  -p "{\"status\": {\"failures\": [${too_many%,}]}}" >"$work/out" 2>&1; then
  bad "more than 20 failures are refused"
elif grep -q 'status.failures: Too many: 21: must have at most 20 items' "$work/out"; then ok; else
  bad "more than 20 failures are refused, saying so"
fi
if kubectl_ patch cmir prometheus -n "$ns" --subresource=status --type=merge \
  -p '{"status": {"conditions": [{"type": "Ready", "status": "Maybe", "reason": "X", "message": "", "lastTransitionTime": "'"$now"'"}]}}' \
  >"$work/out" 2>&1; then
  bad "a condition status other than True, False, Unknown is refused"
elif grep -q 'Unsupported value: "Maybe"' "$work/out"; then ok; else
  bad "a condition status other than True, False, Unknown is refused, saying so"
fi

passed="$(wc -l <"$work/passed")"
failed="$(wc -l <"$work/failed")"
echo "deploy: $passed passed, $failed failed"
((passed > 0 && failed == 0))
