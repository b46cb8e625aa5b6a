#!/usr/bin/env bash
# The reference clients work against the e2e environment as later tests will use them:
# kubectl against the API server, helm against the chart repository and an OCI registry,
# skopeo against the token-auth registry. Proves the environment, not chartmirror.
set -euo pipefail
# shellcheck disable=SC1090
source "$CM_E2E_ENV"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HELM_CACHE_HOME="$CM_HELM_HOME/cache" HELM_CONFIG_HOME="$CM_HELM_HOME/config"
export HELM_DATA_HOME="$CM_HELM_HOME/data"

step() { echo "--- $*"; }

step "kubectl reads namespaces with the kubeconfig"
"$CM_KUBECTL" --kubeconfig "$CM_KUBECONFIG" get namespace default -o name | grep -qx namespace/default

step "kubectl applies and reads back a ConfigMap (etcd is written)"
"$CM_KUBECTL" --kubeconfig "$CM_KUBECONFIG" create configmap e2e-probe-$$ --from-literal=k=v >/dev/null
[[ "$("$CM_KUBECTL" --kubeconfig "$CM_KUBECONFIG" get configmap e2e-probe-$$ -o jsonpath='{.data.k}')" == v ]]
"$CM_KUBECTL" --kubeconfig "$CM_KUBECONFIG" delete configmap e2e-probe-$$ >/dev/null

step "helm finds the corpus charts in the repository and pulls one"
"$CM_HELM" repo add e2e-corpus "$CM_CHART_REPO_URL" --force-update >/dev/null
"$CM_HELM" search repo e2e-corpus/keda --versions | grep -q '2.11.2'
"$CM_HELM" pull e2e-corpus/kured --version 5.3.1 --destination "$work"
cmp "$work/kured-5.3.1.tgz" "$CM_CHART_CORPUS/repo/kured-5.3.1.tgz"

step "helm pushes the chart to the anonymous registry and pulls it back byte for byte"
"$CM_HELM" push "$work/kured-5.3.1.tgz" "oci://$CM_REGISTRY_ANONYMOUS/charts" --plain-http 2>&1 |
  grep -q '^Digest: sha256:'
mkdir "$work/pulled"
"$CM_HELM" pull "oci://$CM_REGISTRY_ANONYMOUS/charts/kured" --version 5.3.1 --plain-http \
  --destination "$work/pulled" 2>/dev/null
cmp "$work/kured-5.3.1.tgz" "$work/pulled/kured-5.3.1.tgz"

step "skopeo copies an image into the token-auth registry with the docker config, not without"
python3 "$(dirname "${BASH_SOURCE[0]}")/tools/make_oci_layout.py" "$work/image" latest >/dev/null
if "$CM_SKOPEO" copy --quiet --dest-tls-verify=false --dest-no-creds oci:"$work/image":latest \
    "docker://$CM_REGISTRY_TOKEN/e2e/hello:1" 2>/dev/null; then
  echo "an anonymous push to the token-auth registry succeeded" >&2
  exit 1
fi
"$CM_SKOPEO" copy --quiet --dest-tls-verify=false --authfile "$CM_DOCKER_CONFIG" \
  oci:"$work/image":latest "docker://$CM_REGISTRY_TOKEN/e2e/hello:1"
"$CM_SKOPEO" inspect --tls-verify=false --authfile "$CM_DOCKER_CONFIG" \
  "docker://$CM_REGISTRY_TOKEN/e2e/hello:1" | grep -q '"Digest": "sha256:'

echo "env tools: 5 passed, 0 failed"
