#!/usr/bin/env bash
# The operator benchmark (bench/README.md, "Operator"; issue 6): `chartmirror operator`
# against the real local environment (e2e/env: kube-apiserver + etcd, Distribution registries,
# the corpus Helm repository).
#
#   CHARTMIRROR=build/operator/chartmirror bench/operator.sh
#
# Environment:
#   OBJECTS=200     ChartMirrors for the start-up measurement
#   WORKERS=4       the operator's --workers
#   LATENCY_RUNS=5  apply → Ready measurements of each kind
#
# What it measures, all in one run:
#   1. Start-up: OBJECTS ChartMirrors for kured (one image), all already mirrored (a
#      `chartmirror mirror -f` filled the destination first), applied before the operator
#      starts. Time from the operator's start until every one is Ready with observedGeneration
#      current; the operator's CPU time meanwhile; the API server's requests and the
#      registries' requests (Distribution's access logs) during it, per reconcile, by verb.
#   2. Idle: 20 s later, the operator's RSS (VmRSS) and its peak (VmHWM), watching OBJECTS
#      objects.
#   3. apply → Ready: a new ChartMirror whose image the destination lacks (one copy), and one
#      whose destination has it already; from just before `kubectl apply` until a watch
#      (ready_watch.py) sees it Ready.
# Progress goes to stderr, the markdown tables to stdout. Every process is stopped by PID.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

OBJECTS="${OBJECTS:-200}"
WORKERS="${WORKERS:-4}"
LATENCY_RUNS="${LATENCY_RUNS:-5}"
CHARTMIRROR="${CHARTMIRROR:?set CHARTMIRROR to the chartmirror binary}"
[[ -x "$CHARTMIRROR" ]] || { echo "bench/operator.sh: $CHARTMIRROR is not executable" >&2; exit 2; }
bin="$(cd "$(dirname "$CHARTMIRROR")" && pwd)/$(basename "$CHARTMIRROR")"

log() { echo "bench: $*" >&2; }
# shellcheck source=e2e/support/common.sh
source "$root/e2e/support/common.sh"  # free_ports, kubectl_, stop_process
work="$(mktemp -d "${TMPDIR:-/tmp}/chartmirror-operator-bench.XXXXXX")"
env_dir="$work/env"
operator_pid=""
watch_pid=""
cleanup() {
  [[ -z "$watch_pid" ]] || kill -TERM "$watch_pid" 2>/dev/null || true
  stop_process "$operator_pid"
  "$root/e2e/env/env.sh" down "$env_dir" >/dev/null 2>&1 || true
  [[ -n "${KEEP_WORK:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT

CM_REGISTRY_ACCESS_LOG=1 "$root/e2e/env/env.sh" up "$env_dir" >&2
# shellcheck disable=SC1091
source "$env_dir/env"
now() { date +%s.%N; }
calc() { awk "BEGIN { print $* }"; }

log "kured's image in the upstream cache, the CRD, a namespace and the destination's Secret"
python3 "$root/e2e/tools/make_oci_layout.py" "$work/kured" 1.14.1 >/dev/null
"$bin" copy --plain-http "oci-layout:$work/kured:1.14.1" \
  "$CM_REGISTRY_ANONYMOUS/upstream/ghcr/kubereboot/kured:1.14.1" >/dev/null
kubectl_ apply -f "$root/crds/chartmirror.io_chartmirrors.yaml" >/dev/null
kubectl_ wait --for condition=established --timeout=60s crd/chartmirrors.chartmirror.io >/dev/null
kubectl_ create namespace bench >/dev/null
kubectl_ -n bench create secret generic destination-credentials \
  --type kubernetes.io/basic-auth --from-literal "username=$CM_REGISTRY_BASIC_USER" \
  --from-literal "password=$CM_REGISTRY_BASIC_PASSWORD" >/dev/null

chart_mirror() {  # chart_mirror NAME DESTINATION_PATH
  cat <<YAML
apiVersion: chartmirror.io/v1alpha1
kind: ChartMirror
metadata: {name: $1, namespace: bench}
spec:
  source: {url: "$CM_CHART_REPO_URL"}
  charts: [{name: kured, version: 5.3.1}]
  registryMirrors: [{registry: ghcr.io, mirror: "$CM_REGISTRY_ANONYMOUS/upstream/ghcr", plainHTTP: true}]
  destination: {url: "oci://$CM_REGISTRY_BASIC/$2", secretRef: {name: destination-credentials}, plainHTTP: true}
  interval: 1h
---
YAML
}

log "the destination filled once by chartmirror mirror -f"
chart_mirror primer mirrored >"$work/primer.yaml"
"$bin" mirror --registry-config "$CM_DOCKER_CONFIG" -f "$work/primer.yaml" >/dev/null

log "$OBJECTS ChartMirrors, all for what the destination has"
for i in $(seq -w 1 "$OBJECTS"); do chart_mirror "mirrored-$i" mirrored; done >"$work/objects.yaml"
kubectl_ apply -f "$work/objects.yaml" >/dev/null

api_requests() {  # verb resource count, of the API server's own counter
  kubectl_ get --raw /metrics | python3 -c '
import re, sys, collections
counts = collections.Counter()
for line in sys.stdin:
    if not line.startswith("apiserver_request_total{"):
        continue
    labels = dict(re.findall(r"(\w+)=\"([^\"]*)\"", line))
    counts[(labels.get("verb"), labels.get("resource") + ("/" + labels["subresource"] if labels.get("subresource") else ""))] += float(line.rsplit(" ", 1)[1])
for (verb, resource), n in sorted(counts.items()):
    print(verb, resource, int(n))'
}
registry_requests() {  # "METHOD count" over every registry's access log
  cat "$env_dir"/logs/registry-*.log | grep -oE '"(GET|HEAD|PUT|POST|PATCH|DELETE) /v2/' |
    tr -d '"' | awk '{print $1}' | sort | uniq -c | awk '{print $2, $1}'
}
cpu_seconds() {  # utime + stime of a PID
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"
}
ready_count() {
  kubectl_ -n bench get chartmirrors -o json | python3 -c '
import json, sys
n = 0
for o in json.load(sys.stdin)["items"]:
    s = o.get("status") or {}
    ready = [c for c in s.get("conditions", []) if c["type"] == "Ready"]
    if ready and ready[0]["status"] == "True" and s.get("observedGeneration") == o["metadata"]["generation"] and o["metadata"]["name"].startswith("mirrored-"):
        n += 1
print(n)'
}

api_requests >"$work/api-before.txt"
registry_requests >"$work/registry-before.txt"
read -r metrics_port health_port < <(free_ports 2)
metrics_addr="127.0.0.1:$metrics_port"
health_addr="127.0.0.1:$health_port"
log "operator start (--workers $WORKERS)"
start="$(now)"
"$bin" operator --kubeconfig "$CM_KUBECONFIG" --namespace bench --workers "$WORKERS" \
  --metrics-addr "$metrics_addr" --health-addr "$health_addr" >"$work/operator.log" 2>&1 &
operator_pid=$!
polls=0
while true; do
  kill -0 "$operator_pid" 2>/dev/null || { tail -20 "$work/operator.log" >&2; exit 1; }
  ready="$(ready_count)"
  polls=$((polls + 1))
  [[ "$ready" -ge "$OBJECTS" ]] && break
  sleep 0.2
done
all_ready="$(now)"
cpu="$(cpu_seconds "$operator_pid")"
api_requests >"$work/api-after.txt"
registry_requests >"$work/registry-after.txt"
log "all $OBJECTS Ready"

per_reconcile() {  # per_reconcile BEFORE AFTER KEYFIELDS — "key: delta/OBJECTS" lines
  python3 - "$1" "$2" "$3" "$OBJECTS" "$polls" <<'PY'
import sys
before_file, after_file, fields, objects, polls = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
def read(path):
    out = {}
    for line in open(path):
        parts = line.split()
        if parts:
            out[" ".join(parts[:fields])] = int(parts[-1])
    return out
before, after = read(before_file), read(after_file)
for key in sorted(after):
    delta = after[key] - before.get(key, 0)
    if key == "LIST chartmirrors":
        delta -= polls  # this script's own polling
    if key.endswith("metrics") or delta <= 0:
        continue
    print(f"{key}: {delta} ({delta / objects:.2f} per reconcile)")
PY
}

sleep 20
rss_kib="$(awk '/^VmRSS/ {print $2}' "/proc/$operator_pid/status")"
hwm_kib="$(awk '/^VmHWM/ {print $2}' "/proc/$operator_pid/status")"

log "apply → Ready"
# A watch of our own timestamps the moment each object turns Ready; the clock starts just
# before `kubectl apply`, so its own start-up (~0.1 s) is included.
python3 "$here/ready_watch.py" "$CM_KUBECTL" "$CM_KUBECONFIG" bench >"$work/ready.log" &
watch_pid=$!
sleep 2
latency() {  # latency NAME DESTINATION_PATH — seconds from kubectl apply until Ready
  chart_mirror "$1" "$2" >"$work/$1.yaml"
  local t0 deadline=$((SECONDS + 120))
  t0="$(now)"
  kubectl_ apply -f "$work/$1.yaml" >/dev/null
  until grep -q " $1\$" "$work/ready.log"; do
    ((SECONDS < deadline)) || { echo "bench: $1 not Ready in 120 s" >&2; exit 1; }
    sleep 0.05
  done
  calc "$(awk -v n="$1" '$2 == n {print $1}' "$work/ready.log") - $t0"
}
median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
for i in $(seq 1 "$LATENCY_RUNS"); do latency "fresh-$i" "fresh-$i"; done >"$work/fresh.txt"
for i in $(seq 1 "$LATENCY_RUNS"); do latency "present-$i" mirrored; done >"$work/present.txt"
kill -TERM "$watch_pid" 2>/dev/null
wait "$watch_pid" 2>/dev/null || true
watch_pid=""

kill -TERM "$operator_pid"
wait "$operator_pid" && shutdown="exit 0" || shutdown="exit $?"
operator_pid=""

cat <<EOF
### Operator: $OBJECTS ChartMirrors already mirrored (kured, one image), --workers $WORKERS

| measure | value |
|---|---|
| operator start → all $OBJECTS Ready | $(printf '%.2f' "$(calc "$all_ready - $start")") s |
| operator CPU time meanwhile | ${cpu} s ($(printf '%.1f' "$(calc "$cpu * 1000 / $OBJECTS")") ms per reconcile) |
| idle RSS 20 s later, watching $((OBJECTS + 1)) objects | $((rss_kib / 1024)) MiB (peak $((hwm_kib / 1024)) MiB) |
| apply → Ready, image copied (median of $LATENCY_RUNS; min–max) | $(printf '%.2f' "$(median <"$work/fresh.txt")") s ($(sort -g "$work/fresh.txt" | head -1 | xargs printf '%.2f')–$(sort -g "$work/fresh.txt" | tail -1 | xargs printf '%.2f')) |
| apply → Ready, image present (median of $LATENCY_RUNS; min–max) | $(printf '%.2f' "$(median <"$work/present.txt")") s ($(sort -g "$work/present.txt" | head -1 | xargs printf '%.2f')–$(sort -g "$work/present.txt" | tail -1 | xargs printf '%.2f')) |
| SIGTERM | $shutdown |

API server requests during start-up (verb resource: total, per reconcile):
\`\`\`
$(per_reconcile "$work/api-before.txt" "$work/api-after.txt" 2)
\`\`\`
Registry requests during start-up (all registries: destination, upstream cache):
\`\`\`
$(per_reconcile "$work/registry-before.txt" "$work/registry-after.txt" 1)
\`\`\`
EOF
