#!/usr/bin/env bash
# `make demo`: start the real local environment, show what chartmirror's code does against it
# today (the foundation's thin slice), and stop everything again, also on Ctrl-C or failure.
# Usage: e2e/demo.sh BUILD_DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="$(cd "$1" && pwd)"
env_dir="$build/demo-env"

trap '"$here/env/env.sh" down "$env_dir"' EXIT
"$here/env/env.sh" up "$env_dir"
# shellcheck disable=SC1091
source "$env_dir/env"

echo
echo "== chartmirror"
"$build/operator/chartmirror" version
echo
echo "== the environment (endpoints in $env_dir/env)"
echo "kube-apiserver       $CM_KUBE_API_URL   ($("$CM_KUBECTL" --kubeconfig "$CM_KUBECONFIG" version -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["serverVersion"]["gitVersion"])'))"
echo "registry, anonymous  $CM_REGISTRY_ANONYMOUS"
echo "registry, basic auth $CM_REGISTRY_BASIC"
echo "registry, token auth $CM_REGISTRY_TOKEN   (issuer $CM_TOKEN_ISSUER_URL)"
echo "helm repository      $CM_CHART_REPO_URL   ($(grep -c '\.tgz$' "$CM_CHART_CORPUS/repo/index.yaml") chart versions)"
echo
echo "== chartmirror's code against it (e2e/slice_test.cpp)"
CM_E2E_ENV="$env_dir/env" "$build/e2e/e2e_slice_test" --list-test-cases --no-version |
  grep -v -E '^(=|\[doctest\])' | sed 's/^/  /'
CM_E2E_ENV="$env_dir/env" "$build/e2e/e2e_slice_test" --no-version
