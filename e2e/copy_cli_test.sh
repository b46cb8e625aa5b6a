#!/usr/bin/env bash
# `chartmirror copy` end to end, against the real registries of the e2e environment and
# skopeo as the peer: digests identical both ways, a second copy moves nothing, platform
# filters, OCI layouts, copies through a fault-injecting proxy, and the exit codes of bad
# input. Usage: copy_cli_test.sh PATH/TO/chartmirror   (with CM_E2E_ENV set)
set -uo pipefail
bin="$1"
# shellcheck disable=SC1090
source "$CM_E2E_ENV"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=e2e/support/common.sh
source "$here/support/common.sh"
work="$(mktemp -d)"
proxy_pid=""
cleanup() {
  [[ -n "$proxy_pid" ]] && kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
skopeo_() { "$CM_SKOPEO" "$@" --tls-verify=false --authfile "$CM_DOCKER_CONFIG" 2>>"$work/skopeo.log"; }
digest_of() { skopeo_ inspect --raw "docker://$1" | sha256sum | cut -d' ' -f1; }
cm() { "$bin" copy --plain-http --registry-config "$CM_DOCKER_CONFIG" "$@"; }

anon="$CM_REGISTRY_ANONYMOUS"
token="$CM_REGISTRY_TOKEN"
basic="$CM_REGISTRY_BASIC"

# A two-platform OCI index, pushed by skopeo (the peer writes the source).
python3 "$here/tools/make_oci_layout.py" "$work/multi" v1 --platforms linux/amd64,linux/arm64/v8 >/dev/null
"$CM_SKOPEO" copy --quiet --all --dest-tls-verify=false "oci:$work/multi:v1" "docker://$anon/cli/multi:v1"
source_digest="$(digest_of "$anon/cli/multi:v1")"

echo "--- registry to registry (anonymous -> token auth), digest-exact"
cm "$anon/cli/multi:v1" "$token/cli/multi:v1" >"$work/out1" 2>"$work/err1"
check "copy exits 0" test $? -eq 0
check "the index digest is preserved" test "$(digest_of "$token/cli/multi:v1")" = "$source_digest"
check "one summary line on stdout" grep -q '^copied 1 of 1 images in .*: 4 blobs copied' "$work/out1"
skopeo_ copy --quiet --all "docker://$token/cli/multi:v1" "oci:$work/back:v1"
# index + 2 × (manifest, config, layer)
check "skopeo reads every platform back" test "$(find "$work/back/blobs/sha256" -type f | wc -l)" -eq 7

check "no progress display when stderr is not a terminal" test ! -s "$work/err1"

echo "--- a second copy moves nothing"
cm "$anon/cli/multi:v1" "$token/cli/multi:v1" >"$work/out2" 2>&1
check "second copy copies no blob" grep -q ': 0 blobs copied' "$work/out2"

echo "--- on a terminal, a progress line redrawn in place"
# script(1) gives the command a pseudo-terminal and records what it wrote there.
script -qfec "$(printf '%q ' "$bin" copy --plain-http --registry-config "$CM_DOCKER_CONFIG" \
  "$anon/cli/multi:v1" "$basic/cli/tty:v1")" /dev/null >"$work/tty" </dev/null
check "copy on a terminal exits 0" test $? -eq 0
check "the progress line counts images" grep -qF $'\r\033[Kcopying: 1/1 images' "$work/tty"
check "the progress line is erased before the summary" grep -qF $'\r\033[Kcopied 1 of 1 images' "$work/tty"

echo "--- one platform: the tag names that platform's manifest"
cm --platform linux/arm64 "$anon/cli/multi:v1" "$basic/cli/arm64:v1" >/dev/null 2>"$work/err3"
check "platform copy exits 0" test $? -eq 0
arm_digest="$(skopeo_ inspect --raw "docker://$anon/cli/multi:v1" | python3 -c 'import json,sys; print([m["digest"] for m in json.load(sys.stdin)["manifests"] if m["platform"]["architecture"]=="arm64"][0])')"
check "the arm64 manifest is tagged" test "sha256:$(digest_of "$basic/cli/arm64:v1")" = "$arm_digest"

echo "--- registry -> OCI layout -> registry (air gap), checked by skopeo"
cm "$anon/cli/multi:v1" "oci-layout:$work/airgap:v1" >/dev/null 2>"$work/err4"
check "copy to a layout exits 0" test $? -eq 0
check "skopeo reads the layout with the same digest" test \
  "$("$CM_SKOPEO" inspect --raw "oci:$work/airgap:v1" | sha256sum | cut -d' ' -f1)" = "$source_digest"
cm "oci-layout:$work/airgap:v1" "$basic/cli/from-layout:v1" >/dev/null 2>"$work/err5"
check "copy from a layout exits 0" test $? -eq 0
check "the layout's image lands digest-exact" test "$(digest_of "$basic/cli/from-layout:v1")" = "$source_digest"

echo "--- many pairs in one process"
for i in 1 2 3; do echo "$anon/cli/multi:v1 $token/cli/pairs-$i:v1"; done >"$work/pairs"
cm -f "$work/pairs" >"$work/out6" 2>&1
check "copy -f exits 0" test $? -eq 0
check "copy -f copies every pair" grep -q '^copied 3 of 3 images' "$work/out6"
check "pairs land digest-exact" test "$(digest_of "$token/cli/pairs-3:v1")" = "$source_digest"

echo "--- through a proxy that drops connections and answers 500 and 429"
proxy_port="$(free_ports 1)"
python3 "$here/tools/fault_proxy.py" --listen "127.0.0.1:$proxy_port" --upstream "$anon" --seed 7 \
  --faults close-mid-blob=0.5,status500=0.2,status429=0.2,retry-after=0,max-per-path=2 \
  2>"$work/proxy.log" &
proxy_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$proxy_port/__faults" >/dev/null && break; sleep 0.1; done
cm "127.0.0.1:$proxy_port/cli/multi:v1" "$basic/cli/faulty:v1" >"$work/out7" 2>&1
check "copy through faults exits 0" test $? -eq 0
check "the copy through faults is digest-exact" test "$(digest_of "$basic/cli/faulty:v1")" = "$source_digest"
check "faults were really injected" python3 -c "
import json, sys, urllib.request
report = json.load(urllib.request.urlopen('http://127.0.0.1:$proxy_port/__faults'))
sys.exit(0 if report['faults_total'] > 0 else 1)"

echo "--- bad input and failures"
"$bin" copy "Not/A:Ref" "$anon/x:1" >/dev/null 2>"$work/err8"
check "a malformed reference exits 2" test $? -eq 2
check "the error names the reference's problem" grep -q 'lowercase' "$work/err8"
"$bin" copy --plain-http "127.0.0.1:1/cli/x:1" "$anon/x:1" >/dev/null 2>"$work/err9"
check "an unreachable source exits 1" test $? -eq 1
check "the error names the host" grep -q '127.0.0.1:1' "$work/err9"
printf '{"auths": {"%s": {"username": "chartmirror-token", "password": "wrong-pw-123"}}}' "$token" >"$work/wrong.json"
"$bin" copy --plain-http --registry-config "$work/wrong.json" "$anon/cli/multi:v1" "$token/cli/denied:v1" >/dev/null 2>"$work/err10"
check "wrong credentials exit 1" test $? -eq 1
check "wrong credentials are reported as such" grep -q 'refused the credentials' "$work/err10"
check "the password never appears" test -z "$(grep -l 'wrong-pw-123' "$work/err10")"
"$bin" copy -f "$work/no-such-pairs" >/dev/null 2>&1
check "a missing pairs file exits 2" test $? -eq 2

finish "copy cli"
