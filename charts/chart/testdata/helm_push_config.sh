#!/usr/bin/env bash
# helm_push_config.sh OUTDIR CHART.tgz|CHART-DIR... — what `helm push` writes as the OCI config
# blob of each chart: pushes it with the real helm to a throwaway local Distribution registry
# and saves the config blob as OUTDIR/X.json for X.tgz (a directory X is archived as it is,
# Chart.yaml untouched, first). The expected to_json() outputs under testdata/ were made so:
#   helm_push_config.sh testdata/config ../shared/corpus/repo/*.tgz
#   helm_push_config.sh testdata/metadata testdata/metadata/*/
set -euo pipefail
out="$1"
shift
helm="${HELM:-${CHARTMIRROR_CACHE:-$HOME/.cache/chartmirror}/bin/helm-v3.17.3}"
work="$(mktemp -d)"
registry_pid=""
cleanup() {
  [[ -n "$registry_pid" ]] && kill "$registry_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cat >"$work/registry.yml" <<EOF_REGISTRY
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/storage}}
http: {addr: 127.0.0.1:$port}
EOF_REGISTRY
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break
  sleep 0.1
done

export HELM_CONFIG_HOME="$work/helm/config" HELM_CACHE_HOME="$work/helm/cache"
export HELM_DATA_HOME="$work/helm/data"
mkdir -p "$out"
for chart in "$@"; do
  chart="${chart%/}"
  base="$(basename "$chart" .tgz)"
  if [[ -d "$chart" ]]; then
    tar -czf "$work/$base.tgz" -C "$(dirname "$chart")" "$base"
    chart="$work/$base.tgz"
  fi
  pushed="$("$helm" push "$chart" "oci://127.0.0.1:$port/charts" --plain-http 2>&1)"
  ref="$(sed -n 's/^Pushed: //p' <<<"$pushed")"
  [[ -n "$ref" ]] || { echo "helm push $chart: $pushed" >&2; exit 1; }
  repo="${ref#*/}"
  repo="${repo%:*}"
  tag="${ref##*:}"
  manifest="$(curl -sf -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    "http://127.0.0.1:$port/v2/$repo/manifests/$tag")"
  digest="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["config"]["digest"])' \
    <<<"$manifest")"
  curl -sf "http://127.0.0.1:$port/v2/$repo/blobs/$digest" >"$out/$base.json"
  echo "$base"
done
