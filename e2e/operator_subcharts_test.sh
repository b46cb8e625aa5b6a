#!/usr/bin/env bash
# `chartmirror operator` on a real corpus chart with subcharts (issue 6): prometheus 25.8.0,
# whose images come from the chart and four subcharts (alertmanager, kube-state-metrics,
# prometheus-node-exporter, prometheus-pushgateway), mirrored with rewriteValues: true.
# Its upstream images are synthetic, placed at their real paths in the anonymous registry
# acting as the quay.io and registry.k8s.io caches (registryMirrors); which images those are
# comes from `chartmirror images`, which renders the chart as helm does. Checked: Ready with
# the right counts in the status, every image in the destination, and `helm template` of the
# rewritten chart pulled from the destination references only images under the destination,
# each of which exists there (skopeo inspect).
# Usage: operator_subcharts_test.sh PATH/TO/chartmirror   (with CM_E2E_ENV set)
set -uo pipefail
bin="$1"
# shellcheck disable=SC1090
source "$CM_E2E_ENV"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=e2e/support/common.sh
source "$here/support/common.sh"
work="$(mktemp -d)"
run="operator-subcharts-$$"
ns="$run"
operator_pid=""
crd_created=false
cleanup() {
  stop_process "$operator_pid" KILL
  kubectl_ delete chartmirrors --all -n "$ns" --ignore-not-found >/dev/null 2>&1
  kubectl_ delete namespace "$ns" --wait=false --ignore-not-found >/dev/null 2>&1
  if $crd_created; then
    kubectl_ delete crd chartmirrors.chartmirror.io --timeout=60s >/dev/null 2>&1
  fi
  rm -rf "$work"
}
trap cleanup EXIT
use_env_helm
skopeo_() { "$CM_SKOPEO" "$@" --tls-verify=false --authfile "$CM_DOCKER_CONFIG" 2>>"$work/skopeo.log"; }
present() { skopeo_ inspect --raw "docker://$1" >/dev/null; }
anon="$CM_REGISTRY_ANONYMOUS"
basic="$CM_REGISTRY_BASIC"

echo "--- the chart's upstream images, synthetic, in the caches"
"$bin" images "$CM_CHART_CORPUS/repo/prometheus-25.8.0.tgz" >"$work/images.txt"
check "chartmirror images finds images in the chart and its subcharts" \
  test "$(wc -l <"$work/images.txt")" -ge 5
while read -r image; do
  host="${image%%/*}" rest="${image#*/}"
  layout="$work/layouts/${rest%:*}"
  python3 "$here/tools/make_oci_layout.py" "$layout" "${rest##*:}" --seed "$image" >/dev/null
  "$bin" copy --plain-http "oci-layout:$layout:${rest##*:}" "$anon/$run/$host/$rest" >/dev/null ||
    echo "FAIL could not place $image"
done <"$work/images.txt"

echo "--- the CRD, a namespace, the destination's Secret, the operator, the ChartMirror"
if ! kubectl_ get crd chartmirrors.chartmirror.io >/dev/null 2>&1; then
  kubectl_ apply -f "$root/crds/chartmirror.io_chartmirrors.yaml" >/dev/null && crd_created=true
  kubectl_ wait --for condition=established --timeout=60s crd/chartmirrors.chartmirror.io >/dev/null
fi
kubectl_ create namespace "$ns" >/dev/null
kubectl_ -n "$ns" create secret generic destination-credentials \
  --type kubernetes.io/basic-auth --from-literal "username=$CM_REGISTRY_BASIC_USER" \
  --from-literal "password=$CM_REGISTRY_BASIC_PASSWORD" >/dev/null
read -r metrics_port health_port < <(free_ports 2)
"$bin" operator --kubeconfig "$CM_KUBECONFIG" --namespace "$ns" \
  --metrics-addr "127.0.0.1:$metrics_port" --health-addr "127.0.0.1:$health_port" \
  >"$work/operator.log" 2>&1 &
operator_pid=$!
kubectl_ apply -f - >/dev/null <<YAML
apiVersion: chartmirror.io/v1alpha1
kind: ChartMirror
metadata: {name: prometheus, namespace: $ns}
spec:
  source: {url: "$CM_CHART_REPO_URL"}
  charts: [{name: prometheus, version: 25.8.0}]
  registryMirrors:
    - {registry: quay.io, mirror: "$anon/$run/quay.io", plainHTTP: true}
    - {registry: registry.k8s.io, mirror: "$anon/$run/registry.k8s.io", plainHTTP: true}
    - {registry: docker.io, mirror: "$anon/$run/docker.io", plainHTTP: true}
  destination: {url: "oci://$basic/$run", secretRef: {name: destination-credentials}, plainHTTP: true}
  rewriteValues: true
  interval: 1h
YAML
check "it becomes Ready" kubectl_ -n "$ns" wait --for condition=Ready --timeout=240s chartmirror/prometheus
kubectl_ -n "$ns" get chartmirror prometheus -o json >"$work/object.json"
check "the status counts every image as mirrored, none failed" python3 - "$work/object.json" "$(wc -l <"$work/images.txt")" <<'PY'
import json, sys
status = json.load(open(sys.argv[1]))["status"]
want = int(sys.argv[2])
assert status["images"]["mirrored"] == want and status["images"]["failed"] == 0, status["images"]
assert status["charts"][0]["name"] == "prometheus" and status["charts"][0]["version"] == "25.8.0", status["charts"]
PY
while read -r image; do
  check "$image is in the destination" present "$basic/$run/${image#*/}"
done <"$work/images.txt"

echo "--- helm template of the rewritten chart, from the destination"
"$CM_HELM" template r "oci://$basic/$run/charts/rewritten/prometheus" --version 25.8.0 \
  --plain-http --registry-config "$CM_DOCKER_CONFIG" >"$work/rewritten.yaml" 2>"$work/helm.err"
check "helm template renders it" test $? -eq 0
sed -n 's/^ *image: *"\{0,1\}\([^" ]*\)"\{0,1\} *$/\1/p' "$work/rewritten.yaml" | sort -u >"$work/printed.txt"
check "it prints images" test -s "$work/printed.txt"
check "every printed image is under the destination" \
  test "$(grep -cv "^$basic/$run/" "$work/printed.txt")" -eq 0
while read -r image; do
  check "$image exists in the destination" present "$image"
done <"$work/printed.txt"
check "the subcharts' images are among them (kube-state-metrics, node-exporter)" \
  grep -q "kube-state-metrics" "$work/printed.txt"

if ! finish operator_subcharts_test; then
  echo "--- operator log (last 30 lines)"
  tail -30 "$work/operator.log"
  exit 1
fi
