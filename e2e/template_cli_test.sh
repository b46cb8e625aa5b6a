#!/usr/bin/env bash
# `chartmirror template` end to end, against the real helm on the same input: charts from the
# e2e environment's Helm repository and from local files, with the rendering flags helm has
# (--namespace, --kube-version, --api-versions, --set, -f, --include-crds, --no-hooks,
# --skip-tests). The output must be helm's, byte for byte. Charts whose templates draw random
# passwords or certificates (cilium, grafana, harbor, nginx, postgresql, redis) are compared
# with those values masked. Then the exit codes and messages of bad input.
# Usage: template_cli_test.sh PATH/TO/chartmirror   (with CM_E2E_ENV set)
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

# Values that differ between any two renders: random strings and generated keys, and the
# checksums of the objects holding them.
mask() {
  sed -E -e 's/^(\s*[A-Za-z0-9_.-]*(password|secret|token|key|htpasswd|crt|jwt)[A-Za-z0-9_.-]*: ).*/\1MASKED/I' \
    -e 's/^(\s*checksum\/[A-Za-z0-9_.-]+: ).*/\1MASKED/' "$1"
}

# same_as_helm NAME ARGS...: `template ARGS` prints what helm prints, and both exit 0.
same_as_helm() {
  local name="$1"
  shift
  "$CM_HELM" template "$@" >"$work/helm.out" 2>"$work/helm.err"
  local helm_code=$?
  "$bin" template "$@" >"$work/cm.out" 2>"$work/cm.err"
  local code=$?
  check "$name: helm renders it" test "$helm_code" -eq 0
  check "$name: exits 0" test "$code" -eq 0
  if ! check "$name: helm's output" cmp -s <(mask "$work/helm.out") <(mask "$work/cm.out"); then
    diff <(mask "$work/helm.out") <(mask "$work/cm.out") | head -10
    head -5 "$work/cm.err"
  fi
}

echo "--- charts from the HTTP repository, default values"
for chart in cert-manager:v1.13.2 ingress-nginx:4.8.3 kube-prometheus-stack:63.1.0 \
  argo-cd:5.51.4 loki:5.38.0 redis:19.0.2 postgresql:15.2.5; do
  same_as_helm "$chart" release "${chart%%:*}" --repo "$repo" --version "${chart#*:}" \
    --kube-version 1.31.0
done

echo "--- every corpus chart from its .tgz"
for tgz in "$corpus"/*.tgz; do
  name="$(basename "$tgz" .tgz)"
  case "$name" in
  common-* | kubescape-operator-* | opentelemetry-collector-*) continue ;;  # helm refuses them
  esac
  same_as_helm "$name" rel "$tgz" --namespace apps --kube-version 1.30.2
done

echo "--- the rendering flags"
kps="$corpus/kube-prometheus-stack-63.1.0.tgz"
same_as_helm "--namespace and another release name" monitoring "$kps" -n observability
same_as_helm "--api-versions" r "$kps" --api-versions monitoring.coreos.com/v1 \
  --api-versions policy/v1beta1/PodSecurityPolicy
same_as_helm "--include-crds" r "$corpus/cert-manager-v1.13.2.tgz" --include-crds \
  --set installCRDs=false
same_as_helm "--no-hooks" r "$corpus/kyverno-3.1.1.tgz" --no-hooks
same_as_helm "--skip-tests" r "$corpus/grafana-7.0.9.tgz" --skip-tests
printf 'grafana:\n  enabled: false\nthanosRuler:\n  enabled: true\n' >"$work/values.yaml"
same_as_helm "-f and --set" r "$kps" -f "$work/values.yaml" --set prometheus.enabled=false \
  --set-string alertmanager.alertmanagerSpec.replicas=3
same_as_helm "an old --kube-version" r "$corpus/ingress-nginx-4.8.3.tgz" --kube-version 1.21.0

echo "--- bad input exits 2 and says what and why"
expect_error() {  # expect_error NAME CODE PATTERN -- ARGS...
  local name="$1" code="$2" pattern="$3"
  shift 4
  "$bin" template "$@" >"$work/bad.out" 2>"$work/bad.err"
  local actual=$?
  check "$name exits $code" test "$actual" -eq "$code"
  check "$name says '$pattern'" grep -q -- "$pattern" "$work/bad.err"
  check "$name prints nothing on stdout" test ! -s "$work/bad.out"
}
mkdir -p "$work/broken/templates"
printf 'apiVersion: v2\nname: broken\nversion: 0.1.0\n' >"$work/broken/Chart.yaml"
printf 'a: {{ .Values.x | nosuchfunction }}\n' >"$work/broken/templates/cm.yaml"
expect_error "an unknown function" 2 \
  'parse error at (broken/templates/cm.yaml:1): function "nosuchfunction" not defined' \
  -- r "$work/broken"
printf 'a: {{ required "x is required" .Values.x }}\n' >"$work/broken/templates/cm.yaml"
expect_error "required" 2 'execution error at (broken/templates/cm.yaml:1:6): x is required' \
  -- r "$work/broken"
printf '{{ define "loop" }}{{ include "loop" . }}{{ end }}{{ include "loop" . }}\n' \
  >"$work/broken/templates/cm.yaml"
expect_error "endless include" 2 'nested reference name: loop' -- r "$work/broken"
printf 'a: b\n  c: d: e\n' >"$work/broken/templates/cm.yaml"
expect_error "a template that makes no YAML" 2 'YAML parse error on broken/templates/cm.yaml' \
  -- r "$work/broken"
expect_error "a library chart" 2 'library charts are not installable' -- r "$corpus/common-2.19.1.tgz"
expect_error "a kubeVersion the chart refuses" 2 'incompatible with Kubernetes v1.10.0' \
  -- r "$corpus/kube-prometheus-stack-63.1.0.tgz" --kube-version 1.10.0
expect_error "a bad --kube-version" 2 '--kube-version banana: invalid version' -- r "$work/broken" --kube-version banana
expect_error "no CHART" 2 'expected NAME and CHART' -- r

finish "template cli"
