#!/usr/bin/env bash
# `chartmirror images` end to end: charts from the e2e environment's Helm repository (the
# shared corpus), from a local .tgz and directory, and from an OCI registry (pushed by helm);
# a dependency fetched from the repository; values flags; -o json; and the exit codes and
# messages of bad input. stdout must hold nothing but references.
# Usage: images_cli_test.sh PATH/TO/chartmirror   (with CM_E2E_ENV set)
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
repo="$CM_CHART_REPO_URL"
corpus="$CM_CHART_CORPUS/repo"
# Every line of a file is a fully qualified reference (REGISTRY/PATH:TAG or @DIGEST), sorted.
only_references() {
  [[ -s "$1" ]] &&
    ! grep -Evq '^[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+(:[A-Za-z0-9_.-]+)?(@sha256:[0-9a-f]{64})?$' "$1" &&
    sort -c "$1"
}
nginx_images="docker.io/bitnami/git:2.44.0-debian-12-r2
docker.io/bitnami/nginx-exporter:1.1.0-debian-12-r11
docker.io/bitnami/nginx:1.25.4-debian-12-r7"

echo "--- a chart from the HTTP repository"
"$bin" images nginx --repo "$repo" --version 16.0.3 >"$work/out1" 2>"$work/err1"
check "images from a repository exits 0" test $? -eq 0
check "the bitnami nginx images, exactly" test "$(cat "$work/out1")" = "$nginx_images"
check "stdout holds nothing but references" only_references "$work/out1"
check "stderr is empty" test ! -s "$work/err1"

echo "--- a local .tgz and a chart directory"
"$bin" images "$corpus/nginx-16.0.3.tgz" >"$work/out2" 2>/dev/null
check "a local .tgz exits 0" test $? -eq 0
check "a local .tgz gives the same images" test "$(cat "$work/out2")" = "$nginx_images"
mkdir -p "$work/dir" && tar -xzf "$corpus/redis-19.0.2.tgz" -C "$work/dir"
"$bin" images "$work/dir/redis" >"$work/out3" 2>/dev/null
check "a chart directory exits 0" test $? -eq 0
check "the redis images" test "$(wc -l <"$work/out3")" -eq 5
check "redis itself among them" grep -qx 'docker.io/bitnami/redis:7.2.4-debian-12-r9' "$work/out3"

echo "--- values flags change the output"
"$bin" images nginx --repo "$repo" --version 16.0.3 --set image.tag=x >"$work/out4" 2>/dev/null
check "--set image.tag=x exits 0" test $? -eq 0
check "--set image.tag=x gives nginx:x" grep -qx 'docker.io/bitnami/nginx:x' "$work/out4"
check "--set image.tag=x drops the default nginx" \
  test "$(grep -c 'bitnami/nginx:1.25' "$work/out4")" -eq 0
printf 'global:\n  imageRegistry: mirror.corp:5000\n' >"$work/values.yaml"
"$bin" images nginx --repo "$repo" --version 16.0.3 -f "$work/values.yaml" >"$work/out5" 2>/dev/null
check "-f with global.imageRegistry moves the image the release runs" \
  grep -qx 'mirror.corp:5000/bitnami/nginx:1.25.4-debian-12-r7' "$work/out5"
check "and its docker.io annotation is left out" \
  test "$(grep -c '^docker.io/bitnami/nginx:' "$work/out5")" -eq 0
check "the annotated images of switched-off components stay" \
  grep -qx 'docker.io/bitnami/git:2.44.0-debian-12-r2' "$work/out5"
"$bin" images nginx --repo "$repo" --version 16.0.3 --set metrics.enabled=true \
  --set metrics.image.tag=1.0.0 >"$work/out5b" 2>/dev/null
check "an enabled component's image, as rendered" \
  grep -qx 'docker.io/bitnami/nginx-exporter:1.0.0' "$work/out5b"
check "replaces the annotated one of the same repository" \
  test "$(grep -c 'nginx-exporter' "$work/out5b")" -eq 1
"$bin" images argo-cd --repo "$repo" --version 5.51.4 >"$work/argo-off" 2>/dev/null
"$bin" images argo-cd --repo "$repo" --version 5.51.4 --set redis-ha.enabled=true >"$work/argo-on" 2>/dev/null
check "a disabled subchart contributes nothing" test "$(grep -c haproxy "$work/argo-off")" -eq 0
check "enabled, its images appear" grep -qx 'docker.io/library/haproxy:2.6.9' "$work/argo-on"

echo "--- -o json parses and says where each image was found"
"$bin" images redis --repo "$repo" --version 19.0.2 -o json >"$work/json" 2>/dev/null
check "-o json exits 0" test $? -eq 0
check "-o json is one JSON document with the images and their origins" python3 - "$work/json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["chart"]["name"] == "redis" and doc["chart"]["version"] == "19.0.2", doc["chart"]
images = {i["image"]: i for i in doc["images"]}
redis = images["docker.io/bitnami/redis:7.2.4-debian-12-r9"]
kinds = {(o["kind"], o.get("template"), o.get("annotation")) for o in redis["origins"]}
assert ("template", "redis/templates/master/application.yaml", None) in kinds, kinds
assert ("annotation", None, "images") in kinds, kinds
field = [o for o in redis["origins"] if o["kind"] == "template"][0]
assert field["objectKind"] == "StatefulSet" and field["match"] == "container-image", field
assert field["field"] == "spec.template.spec.containers[0].image", field
assert [c["name"] for c in doc["charts"]] == ["redis", "common"], doc["charts"]
EOF

echo "--- a dependency fetched from the repository, its images under its name"
mkdir -p "$work/parent/templates"
cat >"$work/parent/Chart.yaml" <<EOF
apiVersion: v2
name: parent
version: 1.0.0
appVersion: "2.0"
dependencies:
  - name: nginx
    version: 16.0.3
    repository: $repo
EOF
printf 'image:\n  repository: quay.io/example/parent\n' >"$work/parent/values.yaml"
cat >"$work/parent/templates/pod.yaml" <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: parent}
spec:
  containers:
    - name: parent
      image: "{{ .Values.image.repository }}:{{ .Chart.AppVersion }}"
EOF
"$bin" images "$work/parent" -o json >"$work/dep.json" 2>"$work/dep.err"
check "a chart with a fetched dependency exits 0" test $? -eq 0
check "its own image and the dependency's, with their paths" python3 - "$work/dep.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
paths = {i["image"]: [o.get("template") for o in i["origins"]] for i in doc["images"]}
assert "parent/templates/pod.yaml" in paths["quay.io/example/parent:2.0"], paths
assert "parent/charts/nginx/templates/deployment.yaml" in paths["docker.io/bitnami/nginx:1.25.4-debian-12-r7"], paths
EOF

echo "--- a chart in an OCI registry (pushed by helm), with the registry flags"
"$CM_HELM" push "$corpus/nginx-16.0.3.tgz" "oci://$CM_REGISTRY_ANONYMOUS/images-cli" --plain-http >/dev/null 2>&1
check "helm pushed the chart" test $? -eq 0
"$bin" images "oci://$CM_REGISTRY_ANONYMOUS/images-cli/nginx" --version 16.0.3 --plain-http \
  --registry-config "$CM_DOCKER_CONFIG" >"$work/out6" 2>"$work/err6"
check "images from oci:// exits 0" test $? -eq 0
check "the same images from the registry" test "$(cat "$work/out6")" = "$nginx_images"

echo "--- bad input exits 2 and says what and why"
expect_error() {  # expect_error NAME CODE PATTERN -- ARGS...
  local name="$1" code="$2" pattern="$3"
  shift 4
  "$bin" images "$@" >"$work/bad.out" 2>"$work/bad.err"
  local actual=$?
  check "$name exits $code" test "$actual" -eq "$code"
  check "$name says '$pattern'" grep -q -- "$pattern" "$work/bad.err"
  check "$name prints nothing on stdout" test ! -s "$work/bad.out"
}
expect_error "a missing version" 2 'chart "nginx" version "16.0.9" not found; nearest available: 16.0.3' \
  -- nginx --repo "$repo" --version 16.0.9
expect_error "a missing chart" 2 'chart "ngnix" not found in the repository; nearest names: nginx' \
  -- ngnix --repo "$repo"
printf 'image: [unclosed\n' >"$work/bad.yaml"
expect_error "a values file that does not parse" 2 "$work/bad.yaml.*yaml: line" \
  -- nginx --repo "$repo" --version 16.0.3 -f "$work/bad.yaml"
expect_error "a values file that is not there" 2 "open $work/none.yaml: No such file" \
  -- nginx --repo "$repo" -f "$work/none.yaml"
expect_error "a bad --set" 2 "--set 'image.tag\[0': error parsing index" \
  -- nginx --repo "$repo" --version 16.0.3 --set 'image.tag[0'
expect_error "a chart name without --repo" 2 'give the repository' -- nginx
expect_error "a local chart that is not there" 2 'path "./no-such.tgz" not found' -- ./no-such.tgz
expect_error "no CHART" 2 'expected CHART' --
expect_error "an unknown output" 2 "-o must be text or json" -- nginx --repo "$repo" -o yaml
expect_error "an unreachable repository" 1 '127.0.0.1:1' -- nginx --repo http://127.0.0.1:1

finish "images cli"
