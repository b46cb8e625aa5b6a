#!/usr/bin/env bash
# `make demo`: the operator against the real local environment (README).
#
# The environment (e2e/env) starts: kube-apiserver + etcd, Distribution registries, and the
# corpus served as a Helm repository. The upstream registries (quay.io, docker.io) are not
# reachable here, so the anonymous registry plays their pull-through cache: every image the
# charts deploy — found by `chartmirror images`, which renders them as helm does — is placed
# there as a small synthetic image at its real path, and the ChartMirror reaches it through
# spec.registryMirrors. The destination is the registry with basic auth, its credentials in a
# kubernetes.io/basic-auth Secret.
#
# Then: the CRD applied, `chartmirror operator` started, a ChartMirror for cert-manager and
# postgresql (with its subchart `common`) applied, `kubectl get chartmirrors` until Ready,
# what landed in the destination, and `helm template` of the rewritten chart pulled from it.
# Everything started is stopped again by PID, also on Ctrl-C or failure.
# Usage: e2e/demo.sh BUILD_DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="$(cd "$1" && pwd)"
bin="$build/operator/chartmirror"
env_dir="$build/demo-env"
work="$env_dir/demo"
operator_pid=""
# shellcheck source=e2e/support/common.sh
source "$here/support/common.sh"  # free_ports, kubectl_, stop_process

stop() {
  stop_process "$operator_pid"
  "$here/env/env.sh" down "$env_dir"
}
trap stop EXIT
"$here/env/env.sh" up "$env_dir"
# shellcheck disable=SC1091
source "$env_dir/env"
rm -rf "$work" && mkdir -p "$work"
step() { printf '\n== %s\n' "$*"; }

step "chartmirror"
"$bin" version

step "the upstream images, as a pull-through cache at $CM_REGISTRY_ANONYMOUS/upstream"
charts=(cert-manager-v1.13.2 postgresql-15.2.5)
for chart in "${charts[@]}"; do
  "$bin" images "$CM_CHART_CORPUS/repo/$chart.tgz" >>"$work/images.txt"
done
sort -u -o "$work/images.txt" "$work/images.txt"
while read -r image; do
  host="${image%%/*}" rest="${image#*/}"
  path="${rest%:*}" tag="${rest##*:}"
  case "$host" in
    quay.io) cache=quay ;;
    docker.io) cache=dockerhub ;;
    *) echo "demo: no pull-through cache for $host" >&2; exit 1 ;;
  esac
  layout="$work/layouts/$path"
  python3 "$here/tools/make_oci_layout.py" "$layout" "$tag" --seed "$image" \
    --platforms linux/amd64,linux/arm64 >/dev/null
  "$bin" copy --plain-http "oci-layout:$layout:$tag" \
    "$CM_REGISTRY_ANONYMOUS/upstream/$cache/$path:$tag" >/dev/null
  echo "  $image"
done <"$work/images.txt"

step "the ChartMirror CRD, a namespace, the destination's credentials"
kubectl_ apply -f "$root/crds/chartmirror.io_chartmirrors.yaml"
kubectl_ wait --for condition=established --timeout=60s crd/chartmirrors.chartmirror.io
kubectl_ create namespace demo --dry-run=client -o yaml | kubectl_ apply -f -
kubectl_ -n demo create secret generic destination-credentials \
  --type kubernetes.io/basic-auth --from-literal "username=$CM_REGISTRY_BASIC_USER" \
  --from-literal "password=$CM_REGISTRY_BASIC_PASSWORD" --dry-run=client -o yaml |
  kubectl_ apply -f -

step "chartmirror operator (log: $work/operator.log)"
read -r metrics_port health_port < <(free_ports 2)
metrics_addr="127.0.0.1:$metrics_port" health_addr="127.0.0.1:$health_port"
"$bin" operator --kubeconfig "$CM_KUBECONFIG" --namespace demo --workers 2 \
  --metrics-addr "$metrics_addr" --health-addr "$health_addr" >"$work/operator.log" 2>&1 &
operator_pid=$!
echo "  pid $operator_pid"

step "a ChartMirror: cert-manager and postgresql, images through registryMirrors, rewriteValues"
cat >"$work/chartmirror.yaml" <<YAML
apiVersion: chartmirror.io/v1alpha1
kind: ChartMirror
metadata:
  name: platform
  namespace: demo
spec:
  source:
    url: $CM_CHART_REPO_URL
  charts:
    - name: cert-manager
      version: v1.13.2
    - name: postgresql
      version: "15.2.x"
  registryMirrors:
    - {registry: quay.io, mirror: "$CM_REGISTRY_ANONYMOUS/upstream/quay", plainHTTP: true}
    - {registry: docker.io, mirror: "$CM_REGISTRY_ANONYMOUS/upstream/dockerhub", plainHTTP: true}
  destination:
    url: oci://$CM_REGISTRY_BASIC/mirror
    secretRef: {name: destination-credentials}
    plainHTTP: true
  rewriteValues: true
  interval: 10m
YAML
cat "$work/chartmirror.yaml"
kubectl_ apply -f "$work/chartmirror.yaml"

step "kubectl get chartmirrors, until Ready"
kubectl_ -n demo get chartmirrors
if ! kubectl_ -n demo wait --for condition=Ready --timeout=180s chartmirror/platform; then
  kubectl_ -n demo get chartmirror platform -o yaml
  tail -20 "$work/operator.log"
  exit 1
fi
kubectl_ -n demo get chartmirrors -o wide
kubectl_ -n demo get events --field-selector involvedObject.name=platform \
  -o custom-columns=TYPE:.type,REASON:.reason,MESSAGE:.message

step "what landed in the destination ($CM_REGISTRY_BASIC)"
catalog="$(curl -fsS -u "$CM_REGISTRY_BASIC_USER:$CM_REGISTRY_BASIC_PASSWORD" \
  "http://$CM_REGISTRY_BASIC/v2/_catalog?n=1000")"
python3 -c 'import json,sys; [print("  " + r) for r in json.loads(sys.argv[1])["repositories"] if r.startswith("mirror/")]' \
  "$catalog"

step "helm template of the rewritten cert-manager, pulled from the destination: the images it runs"
HELM_CACHE_HOME="$work/helm" HELM_CONFIG_HOME="$work/helm" HELM_DATA_HOME="$work/helm" \
  "$CM_HELM" template cert-manager "oci://$CM_REGISTRY_BASIC/mirror/charts/rewritten/cert-manager" \
  --version v1.13.2 --plain-http --registry-config "$CM_DOCKER_CONFIG" 2>/dev/null |
  grep -oE '(image: |solver-image=)"?[^" ]+' | tr -d '"' | sed 's/^/  /' | sort -u

step "the operator's metrics"
curl -fsS "http://$metrics_addr/metrics" | grep -E '^chartmirror_(reconcile_total|images|bytes)' || true

step "stopping the operator (SIGTERM)"
kill -TERM "$operator_pid"
wait "$operator_pid" && echo "  exited 0"
operator_pid=""
