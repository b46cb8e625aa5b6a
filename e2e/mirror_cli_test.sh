#!/usr/bin/env bash
# `chartmirror mirror -f` end to end: ChartMirror files (a file, then a directory with a
# ConfigMap for valuesFrom) reconciled once against the e2e environment — the corpus chart
# repository, the anonymous registry as the upstream images' mirror (registryMirrors; the
# images are synthetic, made with make_oci_layout.py at the chart's real paths) and the basic
# auth registry as the destination (credentials from the docker config). Then --dry-run,
# -o json/yaml, rewriteValues with helm template of the result, a second run that copies
# nothing, --kube-version, no progress line when stderr is no terminal (one when it is), and
# the exit codes and messages of bad input.
# Usage: mirror_cli_test.sh PATH/TO/chartmirror   (with CM_E2E_ENV set)
set -uo pipefail
bin="$1"
# shellcheck disable=SC1090
source "$CM_E2E_ENV"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=e2e/support/common.sh
source "$here/support/common.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
use_env_helm
skopeo_() { "$CM_SKOPEO" "$@" --tls-verify=false --authfile "$CM_DOCKER_CONFIG" 2>>"$work/skopeo.log"; }
absent() { ! skopeo_ inspect --raw "docker://$1" >/dev/null; }
mirror() { "$bin" mirror --registry-config "$CM_DOCKER_CONFIG" "$@"; }

anon="$CM_REGISTRY_ANONYMOUS"
basic="$CM_REGISTRY_BASIC"
run="mirror-cli-$$"

# The upstream images of kured 5.3.1 (ghcr.io/kubereboot/kured:1.14.1) and an extra image, in
# the pull-through mirror.
python3 "$here/tools/make_oci_layout.py" "$work/kured" 1.14.1 --platforms linux/amd64,linux/arm64 >/dev/null
python3 "$here/tools/make_oci_layout.py" "$work/busybox" 1.36 >/dev/null
"$bin" copy --plain-http "oci-layout:$work/kured:1.14.1" "$anon/$run/ghcr/kubereboot/kured:1.14.1" >/dev/null
"$bin" copy --plain-http "oci-layout:$work/busybox:1.36" "$anon/$run/dockerhub/library/busybox:1.36" >/dev/null

chart_mirror() {  # chart_mirror NAME DESTINATION_PATH [EXTRA SPEC LINES]
  cat <<YAML
apiVersion: chartmirror.io/v1alpha1
kind: ChartMirror
metadata: {name: $1, namespace: ci}
spec:
  source: {url: "$CM_CHART_REPO_URL"}
  charts:
    - name: kured
      version: "~5.3.0"
      valuesFrom: [{kind: ConfigMap, name: kured-values}]
  images:
    extra: ["busybox:1.36"]
  registryMirrors:
    - {registry: ghcr.io, mirror: "$anon/$run/ghcr", plainHTTP: true}
    - {registry: docker.io, mirror: "$anon/$run/dockerhub", plainHTTP: true}
  destination: {url: "oci://$basic/$run/$2", plainHTTP: true}
${3:-}
YAML
}
mkdir -p "$work/gitops"
chart_mirror kured one >"$work/gitops/kured.yaml"
cat >"$work/gitops/values.yaml" <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata: {name: kured-values, namespace: ci}
data:
  values.yaml: |
    configuration:
      period: 2h
YAML

echo "--- --dry-run copies nothing and says what is missing"
mirror -f "$work/gitops" --dry-run >"$work/dry.out" 2>"$work/dry.err"
check "--dry-run of a fresh mirror exits 1 (not mirrored yet)" test $? -eq 1
check "the table names the chart" grep -q 'kured' "$work/dry.out"
check "nothing reached the destination" absent "$basic/$run/one/kubereboot/kured:1.14.1"

echo "--- a directory of ChartMirror and ConfigMap files"
mirror -f "$work/gitops" >"$work/run1.out" 2>"$work/run1.err"
check "mirror -f DIR exits 0" test $? -eq 0
check "the table shows kured 5.3.1" grep -q 'kured.*5\.3\.1' "$work/run1.out"
check "the image is in the destination" skopeo_ inspect --raw "docker://$basic/$run/one/kubereboot/kured:1.14.1" >/dev/null
check "the extra image too" skopeo_ inspect --raw "docker://$basic/$run/one/library/busybox:1.36" >/dev/null
mkdir -p "$work/pulled"
"$CM_HELM" pull "oci://$basic/$run/one/charts/kured" --version 5.3.1 --plain-http \
  --registry-config "$CM_DOCKER_CONFIG" -d "$work/pulled" >/dev/null 2>&1
check "the chart is in the destination, its bytes unchanged" \
  cmp -s "$work/pulled/kured-5.3.1.tgz" "$CM_CHART_CORPUS/repo/kured-5.3.1.tgz"

echo "--- a second run copies nothing; -o json and -o yaml give the status"
mirror -f "$work/gitops" -o json >"$work/run2.json" 2>"$work/run2.err"
check "the second run exits 0" test $? -eq 0
check "-o json: Ready, 2 images mirrored, nothing failed" python3 - "$work/run2.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert len(doc) == 1 and doc[0]["name"] == "kured" and doc[0]["namespace"] == "ci", doc
status = doc[0]["status"]
ready = [c for c in status["conditions"] if c["type"] == "Ready"][0]
assert ready["status"] == "True" and ready["reason"] == "Mirrored", ready
assert status["images"]["mirrored"] == 2 and status["images"]["failed"] == 0, status["images"]
assert status["charts"][0]["version"] == "5.3.1", status["charts"]
PY
check "no progress line when stderr is not a terminal" test "$(cat "$work/run1.err" "$work/run2.err" | tr -cd '\r' | wc -c)" -eq 0
mirror -f "$work/gitops/kured.yaml" -f "$work/gitops/values.yaml" -o yaml >"$work/run3.yaml" 2>/dev/null
check "-o yaml parses, with the conditions" python3 -c '
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
assert doc[0]["status"]["conditions"], doc' "$work/run3.yaml"

echo "--- --kube-version: what charts render for; -o json unchanged"
mirror -f "$work/gitops" --kube-version 1.29.3 -o json >"$work/kube.json" 2>"$work/kube.err"
check "--kube-version 1.29.3 exits 0" test $? -eq 0
check "-o json with --kube-version: the same status" python3 - "$work/kube.json" "$work/run2.json" <<'PY'
import json, sys
doc, before = (json.load(open(p)) for p in sys.argv[1:])
status = doc[0]["status"]
ready = [c for c in status["conditions"] if c["type"] == "Ready"][0]
assert ready["status"] == "True" and ready["reason"] == "Mirrored", ready
assert status["images"] == before[0]["status"]["images"], status["images"]
assert status["charts"] == before[0]["status"]["charts"], status["charts"]
PY

echo "--- on a terminal, a progress line per ChartMirror on stderr, stdout as it was"
chart_mirror kured-tty four >"$work/tty.yaml"
# script(1) gives the command a terminal; stderr alone goes through it, stdout to a file.
script -qec "$(printf '%q ' "$bin" mirror --registry-config "$CM_DOCKER_CONFIG" -f "$work/tty.yaml" \
  -f "$work/gitops/values.yaml")>$(printf '%q' "$work/tty.out")" /dev/null >"$work/tty.term" 2>&1
check "mirror on a terminal exits 0" test $? -eq 0
check "the progress line: 2/2 images" grep -q 'kured-tty \[#*\] 2/2 images, ' "$work/tty.term"
check "stdout holds the table only" diff <(sed 's/^kured-tty /kured     /' "$work/tty.out") "$work/run1.out"

echo "--- rewriteValues: helm template of the rewritten chart pulls only from the destination"
chart_mirror kured-rewritten two "  rewriteValues: true" >"$work/rewrite.yaml"
mirror -f "$work/rewrite.yaml" -f "$work/gitops/values.yaml" >"$work/rw.out" 2>"$work/rw.err"
check "a rewriteValues mirror exits 0" test $? -eq 0
"$CM_HELM" template r "oci://$basic/$run/two/charts/rewritten/kured" --version 5.3.1 \
  --plain-http --registry-config "$CM_DOCKER_CONFIG" >"$work/rewritten.yaml" 2>"$work/rw-helm.err"
check "helm template renders the rewritten chart" test $? -eq 0
check "its image is the destination's" \
  grep -q "image: \"$basic/$run/two/kubereboot/kured:1.14.1\"" "$work/rewritten.yaml"
check "nothing points at ghcr.io" test "$(grep -c 'ghcr.io' "$work/rewritten.yaml")" -eq 0

echo "--- a missing image: exit 1, the table and stderr say which"
chart_mirror kured-broken three "" | sed 's/busybox:1.36/busybox:0.0-missing/' >"$work/broken.yaml"
mirror -f "$work/broken.yaml" -f "$work/gitops/values.yaml" >"$work/broken.out" 2>"$work/broken.err"
check "a failed image exits 1" test $? -eq 1
check "the failure names the image" grep -q 'busybox:0.0-missing' "$work/broken.out" "$work/broken.err"

echo "--- bad input exits 2 and says what and why"
expect_error() {  # expect_error NAME CODE PATTERN -- ARGS...
  local name="$1" code="$2" pattern="$3"
  shift 4
  "$bin" mirror "$@" >"$work/bad.out" 2>"$work/bad.err"
  local actual=$?
  check "$name exits $code" test "$actual" -eq "$code"
  check "$name says '$pattern'" grep -q -- "$pattern" "$work/bad.err" "$work/bad.out"
}
expect_error "no -f" 2 '-f' --
expect_error "a file that is not there" 2 "$work/none.yaml" -- -f "$work/none.yaml"
sed 's/^spec:/spec:\n  interval: banana/' "$work/gitops/kured.yaml" >"$work/invalid.yaml"
expect_error "an invalid interval" 2 'spec.interval' -- -f "$work/invalid.yaml"
expect_error "a --kube-version that does not parse" 2 '--kube-version banana' \
  -- -f "$work/gitops" --kube-version banana
sed 's/version: "~5.3.0"/version: ">>>"/' "$work/gitops/kured.yaml" >"$work/badversion.yaml"
expect_error "a version constraint that does not parse" 1 'kured >>>' \
  -- -f "$work/badversion.yaml" -f "$work/gitops/values.yaml"
printf 'kind: ChartMirror\napiVersion: chartmirror.io/v1alpha1\nmetadata: {name: x}\nspec: [\n' \
  >"$work/notyaml.yaml"
expect_error "a file that is not YAML" 2 "$work/notyaml.yaml" -- -f "$work/notyaml.yaml"

finish "mirror cli"
