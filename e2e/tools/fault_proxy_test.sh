#!/usr/bin/env bash
# Tests e2e/tools/fault_proxy.py against a real Distribution registry (Debian docker-registry)
# on free loopback ports: an image pushed and pulled through the proxy by a retrying client
# arrives intact although faults of every kind were injected, skopeo pulls through 429s,
# faults follow the seed, max-per-path bounds them, and keep-alive and chunked bodies work.
#
# skopeo 1.9 is not the retrying client for the push: it retries 429 only for requests without
# a body, and neither `--retry-times` nor its client retries a 500 ("unexpected HTTP status")
# or a blob cut short ("unexpected EOF"). The push and the blob reads use curl in loops.
#
# Usage: fault_proxy_test.sh        (needs docker-registry, skopeo, curl, python3)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=e2e/support/common.sh
source "$here/../support/common.sh" # free_ports
proxy_py="$here/fault_proxy.py"
DOCKER_REGISTRY="${DOCKER_REGISTRY:-/usr/bin/docker-registry}"
SKOPEO="${SKOPEO:-/usr/bin/skopeo}"

work="$(mktemp -d)"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failures=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failures=$((failures + 1)); echo "FAIL $1"; }
# check NAME COMMAND... — passes when COMMAND succeeds.
check() {
  local name="$1"
  shift
  if "$@"; then ok "$name"; else bad "$name"; fi
}
die() {
  echo "fault proxy test: $1" >&2
  echo "fault proxy: $passed passed, $((failures + 1)) failed"
  exit 1
}

read -r reg_port p0 p1 p2 p3a p3b p4 < <(free_ports 7)

# wait_http NAME URL — until URL answers 200 (the process must stay alive meanwhile).
wait_http() {
  local name="$1" url="$2" pid="${pids[-1]}"
  for _ in $(seq 100); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" == 200 ]] && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$work/$name.log" >&2; die "$name exited"; }
    sleep 0.1
  done
  tail -n 20 "$work/$name.log" >&2
  die "$name not ready at $url"
}

cat >"$work/registry.yml" <<EOF
version: 0.1
log: {level: info, accesslog: {disabled: true}}
storage:
  filesystem: {rootdirectory: $work/registry}
  delete: {enabled: true}
http:
  addr: 127.0.0.1:$reg_port
  secret: $(python3 -c 'import secrets; print(secrets.token_hex(16))')
EOF
"$DOCKER_REGISTRY" serve "$work/registry.yml" </dev/null >"$work/registry.log" 2>&1 &
pids+=($!)
wait_http registry "http://127.0.0.1:$reg_port/v2/"

# start_proxy NAME PORT SEED SPEC
start_proxy() {
  python3 "$proxy_py" --listen "127.0.0.1:$2" --upstream "127.0.0.1:$reg_port" --seed "$3" \
    --faults "$4" </dev/null >/dev/null 2>"$work/$1.log" &
  pids+=($!)
  wait_http "$1" "http://127.0.0.1:$2/__faults"
}
start_proxy p0 "$p0" 0 ""
start_proxy p1 "$p1" 3 "close-mid-blob=0.4,status500=0.2,status429=0.2,retry-after=1,max-per-path=2"
start_proxy p2 "$p2" 1 "status429=0.5,retry-after=1"
start_proxy p3a "$p3a" 42 "close-mid-blob=0.3,status500=0.3,status429=0.3,retry-after=0"
start_proxy p3b "$p3b" 42 "close-mid-blob=0.3,status500=0.3,status429=0.3,retry-after=0"
start_proxy p4 "$p4" 0 "status500=1,max-per-path=2"

# --- a small image: two layers (256 KiB, 1 MiB of random bytes), a config, a manifest --------
mkdir -p "$work/image"
python3 - "$work/image" <<'PY' || die "could not make the test image"
import hashlib, json, os, random, sys
out = sys.argv[1]
rng = random.Random(5)
def blob(data):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    with open(os.path.join(out, digest), "wb") as f:
        f.write(data)
    return {"digest": digest, "size": len(data)}
layers = [blob(rng.randbytes(n)) for n in (256 * 1024, 1024 * 1024)]
config = blob(json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers",
              "diff_ids": [l["digest"] for l in layers]}}).encode())
manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", **config},
            "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", **l}
                       for l in layers]}
with open(os.path.join(out, "manifest.json"), "w") as f:
    json.dump(manifest, f)
with open(os.path.join(out, "blobs.txt"), "w") as f:
    for b in [config] + layers:
        print(b["digest"], file=f)
PY
mapfile -t blobs <"$work/image/blobs.txt"
manifest_digest="sha256:$(sha256sum "$work/image/manifest.json" | cut -d' ' -f1)"
repo=fault/test
oci_manifest=application/vnd.oci.image.manifest.v1+json

# --- a retrying client: curl in loops ------------------------------------------------------

# attempt ARGS... — one curl call; sets code (HTTP status, 000 when the transfer failed) and
# wait_s (Retry-After of a 429, else 0); the response headers go to $work/headers, the body to
# $out (default $work/body).
attempt() {
  code="$(curl -s -D "$work/headers" -o "${out:-$work/body}" -w '%{http_code}' "$@")" || code=000
  wait_s="$(sed -n 's/^[Rr]etry-[Aa]fter: *\([0-9]*\).*/\1/p' "$work/headers" | head -n 1)"
  wait_s="${wait_s:-0}"
}

# push_blob BASE DIGEST [chunked] — HEAD, else POST an upload and PUT the blob, from the start
# again after any failure; 20 tries at most.
push_blob() {
  local base="$1" digest="$2" chunked="${3:-}" location
  local -a te=()
  [[ -n "$chunked" ]] && te=(-H "Transfer-Encoding: chunked")
  for _ in $(seq 20); do
    attempt -I "$base/v2/$repo/blobs/$digest"
    [[ "$code" == 200 ]] && return 0
    if [[ "$code" == 404 ]]; then
      attempt -X POST "$base/v2/$repo/blobs/uploads/"
      if [[ "$code" == 202 ]]; then
        location="$(sed -n 's/^[Ll]ocation: *//p' "$work/headers" | tr -d '\r')"
        attempt -X PUT "${te[@]}" -H 'Content-Type: application/octet-stream' \
          --data-binary "@$work/image/$digest" "$location&digest=$digest"
        [[ "$code" == 201 ]] && return 0
      fi
    fi
    sleep "$wait_s"
  done
  return 1
}

put_manifest() {
  for _ in $(seq 20); do
    attempt -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' \
      --data-binary "@$work/image/manifest.json" "$1/v2/$repo/manifests/v1"
    [[ "$code" == 201 ]] && return 0
    sleep "$wait_s"
  done
  return 1
}

# fetch_blob BASE DIGEST OUT — GETs until the whole blob arrived with the right digest.
fetch_blob() {
  for _ in $(seq 20); do
    out="$3" attempt "$1/v2/$repo/blobs/$2"
    if [[ "$code" == 200 && "sha256:$(sha256sum "$3" | cut -d' ' -f1)" == "$2" ]]; then
      return 0
    fi
    sleep "$wait_s"
  done
  return 1
}

faults() { curl -s "http://127.0.0.1:$1/__faults"; }
# fault_count PORT KIND — how many faults of KIND the proxy on PORT injected.
fault_count() {
  faults "$1" | python3 -c "import json, sys; print(json.load(sys.stdin)['faults']['$2'])"
}

# --- through the proxy with every kind of fault ----------------------------------------------
base="http://127.0.0.1:$p1"
pushed=0
for i in "${!blobs[@]}"; do
  # The last blob goes up with a chunked request body.
  chunked=""
  ((i == ${#blobs[@]} - 1)) && chunked=yes
  push_blob "$base" "${blobs[$i]}" "$chunked" && pushed=$((pushed + 1))
done
check "push: ${#blobs[@]} blobs through the faults" test "$pushed" -eq "${#blobs[@]}"
check "push: manifest through the faults" put_manifest "$base"

fetched=0
for digest in "${blobs[@]}"; do
  fetch_blob "$base" "$digest" "$work/fetched" && fetched=$((fetched + 1))
done
check "pull: ${#blobs[@]} blobs through the faults, digests verified" \
  test "$fetched" -eq "${#blobs[@]}"

for kind in status500 status429 close-mid-blob; do
  n="$(fault_count "$p1" "$kind")"
  check "/__faults: $kind injected ($n)" test "${n:-0}" -gt 0
done
check "log: one line per request, fault kinds named, no query strings" \
  bash -c "grep -q 'fault=close-mid-blob' '$work/p1.log' &&
    grep -q 'PUT /v2/$repo/manifests/v1 201' '$work/p1.log' && ! grep -q '?' '$work/p1.log'"

# --- what the registry stored, read directly ---------------------------------------------------
direct="http://127.0.0.1:$reg_port"
stored=0
for digest in "${blobs[@]}"; do
  curl -sf -o "$work/direct" "$direct/v2/$repo/blobs/$digest" &&
    [[ "sha256:$(sha256sum "$work/direct" | cut -d' ' -f1)" == "$digest" ]] &&
    stored=$((stored + 1))
done
check "registry: every stored blob has its digest" test "$stored" -eq "${#blobs[@]}"
got="$(curl -s -o /dev/null -D - -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
  "$direct/v2/$repo/manifests/v1" | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: *//p' | tr -d '\r')"
check "registry: the tag points at the pushed manifest" test "$got" == "$manifest_digest"

# --- a real client: skopeo pulls through 429s with Retry-After --------------------------------
if "$SKOPEO" copy --retry-times 3 --src-tls-verify=false --preserve-digests \
  --dest-oci-accept-uncompressed-layers "docker://127.0.0.1:$p2/$repo:v1" "oci:$work/pulled:v1" \
  >"$work/skopeo.log" 2>&1; then
  ok "skopeo: pulls through status429 faults"
else
  cat "$work/skopeo.log"
  bad "skopeo: pulls through status429 faults"
fi
n="$(fault_count "$p2" status429)"
check "skopeo: 429s were injected ($n)" test "${n:-0}" -gt 0
check "skopeo: the pulled manifest is the pushed one" \
  test -f "$work/pulled/blobs/sha256/${manifest_digest#sha256:}"

# --- determinism: the same requests against two proxies with the same seed -------------------
# outcomes PORT — the status (000 for a cut body) of a fixed sequence of requests.
outcomes() {
  local url
  for _ in 1 2 3 4 5 6; do
    for url in "/v2/" "/v2/$repo/blobs/${blobs[2]}" "/v2/$repo/manifests/v1"; do
      curl -s -o /dev/null -w '%{http_code} ' -H "Accept: $oci_manifest" \
        "http://127.0.0.1:$1$url" || printf 'cut '
    done
  done
}
a="$(outcomes "$p3a")"
b="$(outcomes "$p3b")"
check "seed: same seed, same faults [$a]" test "$a" == "$b"
check "seed: the sequence holds faults of every kind" \
  bash -c "[[ '$a' == *500* && '$a' == *429* && '$a' == *cut* ]]"

# --- max-per-path: after 2 faults on one method+path the next request passes -----------------
seq6="$(for _ in 1 2 3 4 5 6; do
  curl -s -o /dev/null -w '%{http_code} ' "http://127.0.0.1:$p4/v2/"
done)"
check "max-per-path=2 with status500=1: [$seq6]" test "$seq6" == "500 500 200 500 500 200 "
heads="$(curl -s -o /dev/null -o /dev/null -w '%{http_code} ' -I "http://127.0.0.1:$p4/v2/" \
  "http://127.0.0.1:$p4/v2/$repo/manifests/v1")"
check "max-per-path counts per method+path: [$heads]" test "$heads" == "500 500 "

# --- keep-alive on the client side ----------------------------------------------------------
conns="$(curl -s -o /dev/null -o /dev/null -o /dev/null -w "%{num_connects} " \
  -H "Accept: $oci_manifest" \
  "http://127.0.0.1:$p0/v2/" "http://127.0.0.1:$p0/v2/$repo/blobs/${blobs[1]}" \
  "http://127.0.0.1:$p0/v2/$repo/manifests/v1")"
check "keep-alive: three requests, one connection [$conns]" test "$conns" == "1 0 0 "
conns="$(curl -s -o /dev/null -o /dev/null -w '%{num_connects} ' \
  "http://127.0.0.1:$p4/v2/$repo/tags/list" "http://127.0.0.1:$p4/v2/$repo/tags/list")"
check "keep-alive: kept after an injected 500 [$conns]" test "$conns" == "1 0 "
range="$(curl -s -r 0-99 "http://127.0.0.1:$p0/v2/$repo/blobs/${blobs[1]}" | wc -c)"
check "a range request passes through (100 bytes: $range)" test "$range" -eq 100

echo "fault proxy: $passed passed, $failures failed"
[[ $failures -eq 0 ]]
