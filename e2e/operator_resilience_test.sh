#!/usr/bin/env bash
# `chartmirror operator` when things go wrong (issue 6), in an environment of its own (it
# restarts the API server, which would disturb the tests sharing ctest's environment):
#   1. the operator killed with SIGKILL in the middle of a copy and started again converges to
#      Ready, and the destination never holds a partial image: the tag is absent until the copy
#      is complete, and afterwards every blob is there and verifies (skopeo copy checks each
#      digest);
#   2. the API server restarted: the operator's watch resumes, and a later change of the spec
#      is reconciled (observedGeneration follows).
# e2e/operator_test.sh covers the rest: Ready, version changes, invalid specs, passwords, an
# image deleted from the destination, leader election.
# The chart is kured 5.3.1 from the corpus repository; its image (ghcr.io/kubereboot/kured:
# 1.14.1) is synthetic, in the anonymous registry as the upstream cache (registryMirrors) — a
# small one for 2, a large one (2 × 96 MiB layers) for 1, so the copy lasts long
# enough to be interrupted.
# Usage: operator_resilience_test.sh PATH/TO/chartmirror
set -uo pipefail
bin="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=e2e/support/common.sh
source "$here/support/common.sh"
work="$(mktemp -d)"
env_dir="$work/env"
operator_pid=""
stop_operator() {  # stop_operator [SIGNAL]
  stop_process "$operator_pid" "${1:-TERM}"
  operator_pid=""
}
cleanup() {
  stop_operator KILL
  "$here/env/env.sh" down "$env_dir" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

"$here/env/env.sh" up "$env_dir" 2>"$work/env-up.log" || { cat "$work/env-up.log"; exit 1; }
# shellcheck disable=SC1091
source "$env_dir/env"
ns=resilience
kubectl_namespace="$ns"  # for kubectl_
skopeo_() { "$CM_SKOPEO" "$@" 2>>"$work/skopeo.log"; }
present() { skopeo_ inspect --tls-verify=false --authfile "$CM_DOCKER_CONFIG" --raw "docker://$1" >/dev/null; }
absent() { ! present "$1"; }
basic="$CM_REGISTRY_BASIC"
start_operator() {
  local metrics_port health_port
  read -r metrics_port health_port < <(free_ports 2)
  "$bin" operator --kubeconfig "$CM_KUBECONFIG" --namespace "$ns" \
    --metrics-addr "127.0.0.1:$metrics_port" --health-addr "127.0.0.1:$health_port" \
    >>"$work/operator.log" 2>&1 &
  operator_pid=$!
}
ready() {  # ready NAME — Ready=True for the current generation
  kubectl_ get chartmirror "$1" -o json | python3 -c '
import json, sys
o = json.load(sys.stdin)
s = o.get("status") or {}
c = [c for c in s.get("conditions", []) if c["type"] == "Ready"]
sys.exit(0 if c and c[0]["status"] == "True" and s.get("observedGeneration") == o["metadata"]["generation"] else 1)'
}
chart_mirror() {  # chart_mirror NAME UPSTREAM DESTINATION_PATH INTERVAL
  cat <<YAML
apiVersion: chartmirror.io/v1alpha1
kind: ChartMirror
metadata: {name: $1, namespace: $ns}
spec:
  source: {url: "$CM_CHART_REPO_URL"}
  charts: [{name: kured, version: 5.3.1}]
  registryMirrors: [{registry: ghcr.io, mirror: "$CM_REGISTRY_ANONYMOUS/$2/ghcr", plainHTTP: true}]
  destination: {url: "oci://$basic/$3", secretRef: {name: destination-credentials}, plainHTTP: true}
  interval: $4
YAML
}

python3 "$here/tools/make_oci_layout.py" "$work/small" 1.14.1 >/dev/null
"$bin" copy --plain-http "oci-layout:$work/small:1.14.1" \
  "$CM_REGISTRY_ANONYMOUS/small/ghcr/kubereboot/kured:1.14.1" >/dev/null
python3 "$here/tools/make_oci_layout.py" "$work/large" 1.14.1 --layer-kib 98304 \
  --platforms linux/amd64,linux/arm64 >/dev/null
"$bin" copy --plain-http "oci-layout:$work/large:1.14.1" \
  "$CM_REGISTRY_ANONYMOUS/large/ghcr/kubereboot/kured:1.14.1" >/dev/null
"$CM_KUBECTL" --kubeconfig "$CM_KUBECONFIG" apply -f "$root/crds/chartmirror.io_chartmirrors.yaml" >/dev/null
"$CM_KUBECTL" --kubeconfig "$CM_KUBECONFIG" wait --for condition=established --timeout=60s \
  crd/chartmirrors.chartmirror.io >/dev/null
"$CM_KUBECTL" --kubeconfig "$CM_KUBECONFIG" create namespace "$ns" >/dev/null
kubectl_ create secret generic destination-credentials --type kubernetes.io/basic-auth \
  --from-literal "username=$CM_REGISTRY_BASIC_USER" \
  --from-literal "password=$CM_REGISTRY_BASIC_PASSWORD" >/dev/null
start_operator

echo "--- 1. SIGKILL in the middle of a copy, then a restart, converges"
chart_mirror killed large killed 1h | kubectl_ apply -f - >/dev/null
uploads="$env_dir/registry-basic/docker/registry/v2/repositories/killed"
upload_started() { find "$uploads" -path '*/_uploads/*/data' -size +0 2>/dev/null | grep -q .; }
if poll=0.02 check "a blob upload to the destination starts" eventually 60 upload_started; then
  stop_operator KILL
  check "the tag is absent after the kill (no partial image)" \
    absent "$basic/killed/kubereboot/kured:1.14.1"
  start_operator
  check "the restarted operator makes it Ready" eventually 180 ready killed
  check "the destination's image is complete: skopeo copies it, verifying every blob" \
    skopeo_ copy --all --src-tls-verify=false --src-authfile "$CM_DOCKER_CONFIG" \
    "docker://$basic/killed/kubereboot/kured:1.14.1" "oci:$work/verify:copy" >/dev/null
  source_digest="$(skopeo_ inspect --tls-verify=false --raw \
    "docker://$CM_REGISTRY_ANONYMOUS/large/ghcr/kubereboot/kured:1.14.1" | sha256sum | cut -d' ' -f1)"
  destination_digest="$(skopeo_ inspect --tls-verify=false --authfile "$CM_DOCKER_CONFIG" --raw \
    "docker://$basic/killed/kubereboot/kured:1.14.1" | sha256sum | cut -d' ' -f1)"
  check "its index is the source's, byte for byte" test "$source_digest" = "$destination_digest"
else
  tail -20 "$work/operator.log"
fi

echo "--- 2. the API server restarted: the watch resumes"
chart_mirror watched small watched 1h | kubectl_ apply -f - >/dev/null
check "a third ChartMirror becomes Ready" eventually 60 ready watched
python3 "$here/tools/make_oci_layout.py" "$work/busybox" 1.36 >/dev/null
"$bin" copy --plain-http "oci-layout:$work/busybox:1.36" \
  "$CM_REGISTRY_ANONYMOUS/small/dockerhub/library/busybox:1.36" >/dev/null
"$here/env/env.sh" restart-kube-apiserver "$env_dir" 2>>"$work/env-up.log"
check "the operator outlives the API server's restart" kill -0 "$operator_pid"
kubectl_ patch chartmirror watched --type merge \
  -p '{"spec":{"images":{"extra":["busybox:1.36"]},"registryMirrors":[{"registry":"ghcr.io","mirror":"'"$CM_REGISTRY_ANONYMOUS"'/small/ghcr","plainHTTP":true},{"registry":"docker.io","mirror":"'"$CM_REGISTRY_ANONYMOUS"'/small/dockerhub","plainHTTP":true}]}}' >/dev/null
check "the change made after the restart is reconciled (observedGeneration 2, Ready)" \
  eventually 90 ready watched
check "and its new image is in the destination" present "$basic/watched/library/busybox:1.36"

stop_operator TERM
if ! finish operator_resilience_test; then
  echo "--- operator log (last 40 lines)"
  tail -40 "$work/operator.log"
  exit 1
fi
