#!/usr/bin/env bash
# make_golden.sh — how the golden manifests here were made: helm 3.17.3 pushed each archive to
# a throwaway Distribution registry, with the archive's modification time set (helm stamps it
# as org.opencontainers.image.created) and TZ=UTC; the manifest and config blob were saved.
#   keda-2.12.1 (created 2023-11-20T10:00:00Z), also with keda-2.12.1.tgz.prov beside it;
#   argo-cd-5.51.4, cert-manager-v1.13.2 (2023-11-20T18:49:41Z), from ../../../shared/corpus;
#   tricky-1.2.3+build.7 (2024-02-29T23:59:59Z): `helm package` of a chart whose Chart.yaml is
#   tricky-Chart.yaml (blank fields, annotations that replace helm's, characters Go escapes).
# Usage: make_golden.sh OUTDIR NAME-VERSION.tgz CREATED [repository]
set -euo pipefail
out="$1" archive="$2" created="$3" repository="${4:-golden}"
helm="${HELM:-${CHARTMIRROR_CACHE:-$HOME/.cache/chartmirror}/bin/helm-v3.17.3}"
work="$(mktemp -d)"
registry_pid=""
cleanup() {
  [[ -n "$registry_pid" ]] && kill "$registry_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
printf 'version: 0.1\nlog: {level: error}\nstorage: {filesystem: {rootdirectory: %s}}\nhttp: {addr: 127.0.0.1:%s}\n' \
  "$work/storage" "$port" >"$work/registry.yml"
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
export HELM_CONFIG_HOME="$work/helm" HELM_CACHE_HOME="$work/helm" HELM_DATA_HOME="$work/helm" TZ=UTC
cp "$archive" "$work/"
[[ -f "$archive.prov" ]] && cp "$archive.prov" "$work/"
base="$(basename "$archive" .tgz)"
touch -d "$created" "$work/$base.tgz"
ref="$("$helm" push "$work/$base.tgz" "oci://127.0.0.1:$port/$repository" --plain-http 2>&1 |
  sed -n 's/^Pushed: //p')"
path="${ref#*/}"
manifest="$(curl -sf -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
  "http://127.0.0.1:$port/v2/${path%:*}/manifests/${ref##*:}")"
printf '%s' "$manifest" >"$out/$base.manifest.json"
config="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["config"]["digest"])' <<<"$manifest")"
curl -sf "http://127.0.0.1:$port/v2/${path%:*}/blobs/$config" >"$out/$base.config.json"
