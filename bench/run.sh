#!/usr/bin/env bash
# The copy benchmark (bench/README.md): copies the workloads of bench/make_workload.py from one
# CNCF Distribution registry to another on loopback, with skopeo and (when $CHARTMIRROR names a
# binary) chartmirror, in the same run, and prints a markdown table on stdout.
#
#   bench/run.sh [W|S|all]          default all
#
# Environment:
#   RUNS=3                runs of every measurement; the table shows the median (min–max)
#   CHARTMIRROR=PATH      also measure chartmirror (see "chartmirror hook" below)
#   CHARTMIRROR_FLAGS=""  extra flags for every chartmirror copy
#   BENCH_CACHE=DIR       where the workload layouts are kept (default ~/.cache/chartmirror/bench)
#   BENCH_SEED=1          workload seed
#   KEEP_WORK=1           keep the temporary directory (registry storage, logs) afterwards
#
# Progress and logs go to stderr; only the results go to stdout. Every process this script
# starts is recorded by PID and stopped by PID when it exits, also on failure or Ctrl-C.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=e2e/env/versions.sh
source "$root/e2e/env/versions.sh" # DOCKER_REGISTRY, SKOPEO, CHARTMIRROR_CACHE
# shellcheck source=e2e/support/common.sh
source "$root/e2e/support/common.sh" # free_ports

RUNS="${RUNS:-3}"
BENCH_CACHE="${BENCH_CACHE:-$CHARTMIRROR_CACHE/bench}"
BENCH_SEED="${BENCH_SEED:-1}"
CHARTMIRROR="${CHARTMIRROR:-}"
read -r -a cm_flags <<<"${CHARTMIRROR_FLAGS:-}"
TIME=/usr/bin/time

case "${1:-all}" in
  W | S) workloads=("$1") ;;
  all) workloads=(W S) ;;
  *)
    echo "usage: bench/run.sh [W|S|all]   (env: RUNS, CHARTMIRROR, BENCH_CACHE, KEEP_WORK)" >&2
    exit 2
    ;;
esac

log() { echo "bench: $*" >&2; }
fail() {
  echo "bench: $*" >&2
  exit 1
}

[[ -x "$DOCKER_REGISTRY" ]] || fail "$DOCKER_REGISTRY is missing (Debian package docker-registry)"
[[ -x "$SKOPEO" ]] || fail "$SKOPEO is missing (Debian package skopeo)"
if [[ ! -x "$TIME" ]]; then
  log "installing GNU time (apt-get install -y time)"
  apt-get install -y time >&2 || fail "$TIME is missing; apt-get install -y time"
fi
if [[ -n "$CHARTMIRROR" && ! -x "$CHARTMIRROR" ]]; then
  fail "CHARTMIRROR=$CHARTMIRROR is not an executable"
fi
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a positive number, not '$RUNS'"

work="$(mktemp -d "${TMPDIR:-/tmp}/chartmirror-bench.XXXXXX")"
mkdir -p "$work/logs" "$work/pids"

# --- processes: recorded by PID, stopped by PID -----------------------------------------------

stop() { # stop NAME — SIGTERM, then SIGKILL after 5 s, the process recorded as NAME
  local file="$work/pids/$1.pid" pid
  [[ -f "$file" ]] || return 0
  pid="$(cat "$file")"
  if kill -TERM "$pid" 2>/dev/null; then
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  rm -f "$file"
}

cleanup() {
  local status=$? file
  for file in "$work"/pids/*.pid; do
    [[ -e "$file" ]] && stop "$(basename "$file" .pid)"
  done
  if [[ -n "${KEEP_WORK:-}" ]]; then
    log "kept $work"
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

read -r src_port dst_port < <(free_ports 2)
SRC="127.0.0.1:$src_port"
DST="127.0.0.1:$dst_port"

# A registry as e2e/env/env.sh configures it (filesystem storage, plain HTTP, loopback), but
# with the access log on: one line per request, which is how requests are counted.
registry_config() { # registry_config NAME PORT
  cat >"$work/registry-$1.yml" <<EOF
version: 0.1
log: {level: info, accesslog: {disabled: false}}
storage:
  filesystem: {rootdirectory: $work/registry-$1}
  delete: {enabled: true}
http:
  addr: 127.0.0.1:$2
  secret: $(openssl rand -hex 16)
EOF
}

start_registry() { # start_registry NAME PORT
  "$DOCKER_REGISTRY" serve "$work/registry-$1.yml" </dev/null >>"$work/logs/registry-$1.log" 2>&1 &
  echo $! >"$work/pids/registry-$1.pid"
  for _ in $(seq 150); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/v2/")" == 200 ]] && return 0
    kill -0 "$(cat "$work/pids/registry-$1.pid")" 2>/dev/null || break
    sleep 0.1
  done
  tail -n 20 "$work/logs/registry-$1.log" >&2
  fail "registry-$1 did not start on 127.0.0.1:$2"
}

wipe_destination() {
  stop registry-dst
  rm -rf "$work/registry-dst"
  start_registry dst "$dst_port"
}

# --- measuring -------------------------------------------------------------------------------

# Wall time on CLOCK_MONOTONIC (this VM's wall clock has been seen to jump); user+sys CPU and
# peak RSS of the command and everything it waited for from GNU time.
measure_py='
import subprocess, sys, time
t0 = time.monotonic()
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as f:
    print(f"{time.monotonic() - t0:.4f}", file=f)
sys.exit(code)'

registry_cpu_ms() { # user+sys CPU of a registry so far, ms
  local stat
  stat="$(cat "/proc/$(cat "$work/pids/registry-$1.pid")/stat")"
  stat="${stat##*) }" # fields after "(comm)": state is field 3
  read -r -a f <<<"$stat"
  echo $(((f[11] + f[12]) * 1000 / $(getconf CLK_TCK)))
}

# requests_since NAME LINE — requests in the access log of registry NAME after line LINE, by
# method: "GET=3 HEAD=5". Access log lines look like `... "GET /v2/ HTTP/1.1" 200 ...`.
requests_since() {
  tail -n "+$(($2 + 1))" "$work/logs/registry-$1.log" |
    grep -aoE '"(GET|HEAD|POST|PUT|PATCH|DELETE) /' | tr -d '"/ ' | sort | uniq -c |
    awk '{printf "%s%s=%s", (NR > 1 ? " " : ""), $2, $1}'
}
log_lines() { wc -l <"$work/logs/registry-$1.log"; }

# measure WORKLOAD LABEL RUN COMMAND... — runs COMMAND once, appends a row to results.tsv.
measure() {
  local workload="$1" label="$2" run="$3"
  shift 3
  local out="$work/logs/$workload-$label-$run.log"
  local dst_cpu src_cpu dst_lines src_lines
  dst_cpu="$(registry_cpu_ms dst)" src_cpu="$(registry_cpu_ms src)"
  dst_lines="$(log_lines dst)" src_lines="$(log_lines src)"
  if ! python3 -c "$measure_py" "$work/wall" "$TIME" -f '%U %S %M' -o "$work/time" "$@" \
    >"$out" 2>&1; then
    tail -n 30 "$out" >&2
    fail "$workload $label run $run failed: $* (log: $out)"
  fi
  sleep 0.3 # let the registries write the access log lines of the last responses
  local wall user sys rss
  wall="$(cat "$work/wall")"
  read -r user sys rss < <(tail -n 1 "$work/time")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$workload" "$label" "$run" "$wall" \
    "$user" "$sys" "$rss" "$(($(registry_cpu_ms dst) - dst_cpu))" \
    "$(($(registry_cpu_ms src) - src_cpu))" "$(requests_since dst "$dst_lines")" \
    "$(requests_since src "$src_lines")" >>"$work/results.tsv"
  log "$workload $label run $run: ${wall}s"
}

# bash -c "$per_image" per-image PAIRS PREFIX COMMAND... — runs COMMAND PREFIX+SRC PREFIX+DST,
# one process per line of PAIRS, stopping at the first failure.
# shellcheck disable=SC2016 # expanded by that bash
per_image='pairs="$1" prefix="$2"; shift 2
while read -r s d; do "$@" "$prefix$s" "$prefix$d" || exit 1; done <"$pairs"'

# verify WORKLOAD — every tag is at the destination with the digest it has at the source.
verify() {
  python3 - "$SRC" "$DST" "${tags[@]}" <<'PY' || fail "$1: the destination is not a copy"
import http.client, sys
src, dst, tags = sys.argv[1], sys.argv[2], sys.argv[3:]
accept = ", ".join(["application/vnd.oci.image.index.v1+json",
                    "application/vnd.oci.image.manifest.v1+json",
                    "application/vnd.docker.distribution.manifest.list.v2+json",
                    "application/vnd.docker.distribution.manifest.v2+json"])
conns = {r: http.client.HTTPConnection(r, timeout=30) for r in (src, dst)}
def digest(registry, tag):
    conns[registry].request("HEAD", f"/v2/bench/{tag}/manifests/latest", headers={"Accept": accept})
    response = conns[registry].getresponse()
    response.read()
    return response.getheader("Docker-Content-Digest") if response.status == 200 else None
bad = [t for t in tags if digest(dst, t) != digest(src, t) or digest(src, t) is None]
if bad:
    sys.exit(f"bench: not copied, or copied with another digest: {', '.join(bad)}")
PY
}

# --- workloads and the source registry -------------------------------------------------------

registry_config src "$src_port"
registry_config dst "$dst_port"
start_registry src "$src_port"
start_registry dst "$dst_port"
: >"$work/results.tsv"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
if (($(cut -d. -f1 /proc/loadavg) >= $(nproc))); then
  log "load average $load_before on $(nproc) CPUs: other work is running, expect noisy numbers"
fi

for workload in "${workloads[@]}"; do
  layout="$(python3 "$here/make_workload.py" --cache "$BENCH_CACHE" --seed "$BENCH_SEED" \
    "$workload")"
  mapfile -t tags < <(python3 -c 'import json, sys
print("\n".join(i["tag"] for i in json.load(open(sys.argv[1]))["images"]))' \
    "$layout/bench-summary.json")
  log "$workload: seeding $SRC with ${#tags[@]} images from $layout"
  for tag in "${tags[@]}"; do
    "$SKOPEO" copy --all --preserve-digests --dest-tls-verify=false \
      "oci:$layout:$tag" "docker://$SRC/bench/$tag:latest" >>"$work/logs/seed.log" 2>&1 ||
      fail "seeding $tag failed (log: $work/logs/seed.log)"
  done

  # The copy lists every tool reads: PAIRS ("SRC DST" per line) and a skopeo sync YAML.
  pairs="$work/$workload.pairs"
  sync_yaml="$work/$workload-sync.yaml"
  printf '%s:\n  tls-verify: false\n  images:\n' "$SRC" >"$sync_yaml"
  : >"$pairs"
  for tag in "${tags[@]}"; do
    echo "$SRC/bench/$tag:latest $DST/bench/$tag:latest" >>"$pairs"
    echo "    bench/$tag: [latest]" >>"$sync_yaml"
  done
  skopeo_copy=("$SKOPEO" copy --all --src-tls-verify=false --dest-tls-verify=false)
  skopeo_sync=("$SKOPEO" sync --all --src yaml --dest docker --dest-tls-verify=false
    "$sync_yaml" "$DST/bench")

  for run in $(seq "$RUNS"); do
    wipe_destination
    measure "$workload" skopeo-copy "$run" \
      bash -c "$per_image" per-image "$pairs" docker:// "${skopeo_copy[@]}"
    verify "$workload"

    wipe_destination
    measure "$workload" skopeo-sync "$run" "${skopeo_sync[@]}"
    verify "$workload"
    measure "$workload" skopeo-sync-noop "$run" "${skopeo_sync[@]}"

    # ==== chartmirror hook ====================================================================
    # With CHARTMIRROR=PATH/TO/chartmirror the same copies are made with chartmirror, in the
    # same run and against the same registries, and the final table shows chartmirror/skopeo.
    #   cm-copy-f       chartmirror copy -f PAIRS --plain-http     (one process, all images)
    #   cm-copy-f-noop  the same again, everything present         (requests counted)
    #   cm-copy         chartmirror copy --plain-http SRC DST      (one process per image)
    if [[ -n "$CHARTMIRROR" ]]; then
      wipe_destination
      measure "$workload" cm-copy-f "$run" \
        "$CHARTMIRROR" copy -f "$pairs" --plain-http "${cm_flags[@]}"
      verify "$workload"
      measure "$workload" cm-copy-f-noop "$run" \
        "$CHARTMIRROR" copy -f "$pairs" --plain-http "${cm_flags[@]}"

      wipe_destination
      measure "$workload" cm-copy "$run" \
        bash -c "$per_image" per-image "$pairs" "" "$CHARTMIRROR" copy --plain-http "${cm_flags[@]}"
      verify "$workload"
    fi
    # ==== end of chartmirror hook =============================================================
  done
  cp "$layout/bench-summary.json" "$work/$workload-summary.json"
done

# --- the report ------------------------------------------------------------------------------

python3 - "$work" "$RUNS" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" \
  "$("$SKOPEO" --version)" "$("$DOCKER_REGISTRY" --version)" \
  "$([[ -n "$CHARTMIRROR" ]] && "$CHARTMIRROR" version 2>/dev/null | head -n 1)" \
  "${workloads[@]}" <<'PY'
import collections, datetime, json, os, statistics, sys

work, runs, load_before, load_after, skopeo, registry, chartmirror = sys.argv[1:8]
workloads = sys.argv[8:]
MiB = 1024 * 1024
LABELS = {
    "skopeo-copy": "`skopeo copy --all`, one process per image",
    "skopeo-sync": "`skopeo sync --all --src yaml --dest docker`, one process",
    "skopeo-sync-noop": "same sync again, everything present (no-op)",
    "cm-copy-f": "`chartmirror copy -f PAIRS`, one process",
    "cm-copy-f-noop": "same copy again, everything present (no-op)",
    "cm-copy": "`chartmirror copy SRC DST`, one process per image",
}
NOOP = {"skopeo-sync-noop", "cm-copy-f-noop"}
# chartmirror against the skopeo measurement that does the same job.
PAIRS = [("cm-copy-f", "skopeo-sync"), ("cm-copy", "skopeo-copy"),
         ("cm-copy-f-noop", "skopeo-sync-noop")]

rows = collections.defaultdict(list)
with open(os.path.join(work, "results.tsv")) as f:
    for line in f:
        w, label, run, wall, user, sys_, rss, dcpu, scpu, dreq, sreq = line.rstrip("\n").split("\t")
        rows[(w, label)].append({
            "wall": float(wall), "cpu_ms": (float(user) + float(sys_)) * 1000,
            "rss": int(rss) / 1024, "dst_cpu": int(dcpu), "src_cpu": int(scpu),
            "dst_req": dict(kv.split("=") for kv in dreq.split()),
            "src_req": dict(kv.split("=") for kv in sreq.split())})

def med(values):
    return statistics.median(values)

def spread(values, fmt):
    if len(values) == 1:
        return fmt(values[0])
    return f"{fmt(med(values))} ({fmt(min(values))}–{fmt(max(values))})"

def rate(v):
    return f"{v:.0f}" if v >= 10 else f"{v:.2f}"

def requests(samples, key):
    methods = sorted({m for s in samples for m in s[key]})
    counts = {m: med([int(s[key].get(m, 0)) for s in samples]) for m in methods}
    total = sum(counts.values())
    return f"{total:g}: " + " ".join(f"{m} {c:g}" for m, c in counts.items()) if total else "0"

summary_of = {}
print(f"## Copy benchmark, {datetime.date.today()}\n")
measured = any(label.startswith("cm-") for _, label in rows)
if not chartmirror:
    chartmirror = "chartmirror (no version)" if measured else "chartmirror not measured"
print(f"{skopeo}; {registry}; {chartmirror}; "
      f"{os.cpu_count()} CPUs; load average {load_before} before, {load_after} after. "
      f"Median of {runs} run(s) (min–max); destination wiped before every copy that is not "
      "a no-op.\n")
for w in workloads:
    with open(os.path.join(work, f"{w}-summary.json")) as f:
        summary = summary_of[w] = json.load(f)
    images, mib = len(summary["images"]), summary["blob_bytes"] / MiB
    print(f"### Workload {w}: {images} images, {summary['blobs']} blobs, {mib:.1f} MiB\n")
    print("| measurement | wall s | MiB/s | ms/image | CPU s: client / dst / src "
          "| CPU ms/MiB: client / dst / src | peak RSS MiB | dst requests | src requests |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, title in LABELS.items():
        samples = rows.get((w, label))
        if not samples:
            continue
        walls = [s["wall"] for s in samples]
        cpu = [med([s[k] for s in samples]) for k in ("cpu_ms", "dst_cpu", "src_cpu")]
        print("| " + " | ".join([
            title,
            spread(walls, lambda v: f"{v:.2f}"),
            "—" if label in NOOP else spread([mib / v for v in walls], rate),
            f"{med(walls) * 1000 / images:.0f}",
            " / ".join(f"{v / 1000:.2f}" for v in cpu),
            "—" if label in NOOP else " / ".join(f"{v / mib:.1f}" for v in cpu),
            f"{max(s['rss'] for s in samples):.0f}",
            requests(samples, "dst_req"),
            requests(samples, "src_req"),
        ]) + " |")
    print()

if measured:
    print("### chartmirror / skopeo (below 1: chartmirror needs less)\n")
    print("| workload | chartmirror | skopeo | wall | client CPU | peak RSS | dst registry CPU "
          "| dst requests |")
    print("|---|---|---|---|---|---|---|---|")
    for w in workloads:
        for cm, sk in PAIRS:
            a, b = rows.get((w, cm)), rows.get((w, sk))
            if not a or not b:
                continue
            def ratio(key, agg=med):
                x, y = agg([s[key] for s in a]), agg([s[key] for s in b])
                return f"{x / y:.2f}" if y else "—"
            req = lambda samples: med([sum(int(v) for v in s["dst_req"].values())
                                       for s in samples])
            print(f"| {w} | {cm} | {sk} | {ratio('wall')} | {ratio('cpu_ms')} "
                  f"| {ratio('rss', max)} | {ratio('dst_cpu')} "
                  f"| {req(a) / req(b) if req(b) else float('nan'):.2f} |")
    print()
PY
