#!/usr/bin/env bash
# The real local environment of the e2e tests, on free loopback ports:
#   etcd + kube-apiserver (static bearer token, TLS from a CA made here, a kubeconfig),
#   three CNCF Distribution registries (anonymous, htpasswd basic auth, token auth with
#   e2e/env/token_issuer.py), and a static Helm repository serving the shared chart corpus.
#
#   env.sh up DIR     start everything; write DIR/env (CM_* variables) for tests and people
#   env.sh down DIR   stop every process recorded under DIR/pids, by PID
#   env.sh restart-kube-apiserver DIR   stop the API server and start it again, same port
#
# `up` fails naming the component and the reason, and then stops whatever it had started.
# Every process is recorded in DIR/pids/NAME.pid before anything waits on it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=e2e/env/versions.sh
source "$here/versions.sh"
# shellcheck source=e2e/support/common.sh
source "$here/../support/common.sh"  # free_ports

CORPUS="${CHARTMIRROR_CORPUS:-$root/../shared/corpus}"

usage() {
  echo "usage: env.sh up|down|restart-kube-apiserver DIR" >&2
  exit 2
}

fail() {
  echo "e2e env: $1: $2" >&2
  exit 1
}

# --- processes -----------------------------------------------------------------------------

# start NAME COMMAND... — runs COMMAND in the background, logging to DIR/logs/NAME.log, and
# records its PID with the binary's name. Its stdio must not be ours: ctest waits until the
# pipes it gave a test are closed.
start() {
  local name="$1"
  shift
  "$@" </dev/null >"$dir/logs/$name.log" 2>&1 &
  echo "$! $(basename "$1")" >"$dir/pids/$name.pid"
}

pid_of() { cut -d' ' -f1 "$dir/pids/$1.pid"; }

# alive PIDFILE — the recorded process still runs the recorded binary (guards PID reuse).
alive() {
  local pid bin
  read -r pid bin <"$1"
  [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$bin"
}

# wait_ready NAME SECONDS CHECK... — polls CHECK until it succeeds; fails if the process dies
# or time runs out, showing the end of its log.
wait_ready() {
  local name="$1" seconds="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  local pid
  pid="$(pid_of "$name")"
  until "$@" >/dev/null 2>&1; do
    # kill -0, not alive: until the child has exec'd, its cmdline is this script's, and under
    # load the first check can come before that.
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 15 "$dir/logs/$name.log" >&2 || true
      fail "$name" "exited during start-up (log: $dir/logs/$name.log)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 15 "$dir/logs/$name.log" >&2 || true
      fail "$name" "not ready after ${seconds}s (log: $dir/logs/$name.log)"
    fi
    sleep 0.2
  done
}

# stop PIDFILE — SIGTERM to the recorded process, SIGKILL after 5 s; the file is removed.
stop() {
  local file="$1" pid
  if alive "$file"; then
    pid="$(cut -d' ' -f1 "$file")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
      alive "$file" || break
      sleep 0.1
    done
    if alive "$file"; then
      echo "e2e env: $(basename "$file" .pid): did not stop on SIGTERM; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}

down() {
  [[ -d "$dir/pids" ]] || return 0
  local file
  for file in "$dir"/pids/*.pid; do
    [[ -e "$file" ]] || continue
    stop "$file"
  done
}

# --- ports ---------------------------------------------------------------------------------


# port_free NAME PORT — fails naming NAME when another process took PORT meanwhile.
port_free() {
  python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' \
    "$2" 2>/dev/null || fail "$1" "port 127.0.0.1:$2 is already in use"
}

# --- components ----------------------------------------------------------------------------

need() {
  [[ -x "$2" ]] || fail "$1" "binary $2 is missing; run e2e/env/install-tools.sh (make tools)"
}

make_certificates() {
  local c="$dir/certs"
  mkdir -p "$c"
  openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj /CN=chartmirror-e2e-ca \
    -keyout "$c/ca.key" -out "$c/ca.crt" 2>/dev/null || fail certificates "openssl CA failed"
  openssl req -newkey rsa:2048 -nodes -subj /CN=kube-apiserver \
    -keyout "$c/apiserver.key" -out "$c/apiserver.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n' \
    >"$c/apiserver.ext"
  openssl x509 -req -in "$c/apiserver.csr" -CA "$c/ca.crt" -CAkey "$c/ca.key" \
    -CAcreateserial -days 7 -extfile "$c/apiserver.ext" -out "$c/apiserver.crt" 2>/dev/null ||
    fail certificates "openssl could not sign the API server certificate"
  openssl genrsa -out "$c/service-account.key" 2048 2>/dev/null
  openssl rsa -in "$c/service-account.key" -pubout -out "$c/service-account.pub" 2>/dev/null
  # The token issuer signs registry tokens; Distribution trusts exactly this certificate.
  openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj /CN=chartmirror-e2e-token-issuer \
    -keyout "$c/token-issuer.key" -out "$c/token-issuer.crt" 2>/dev/null ||
    fail certificates "openssl token issuer certificate failed"
}

start_kubernetes() {
  need etcd "$ETCD"
  need kube-apiserver "$KUBE_APISERVER"
  port_free etcd "$etcd_port"
  port_free etcd "$etcd_peer_port"
  start etcd "$ETCD" --name e2e --data-dir "$dir/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" \
    --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" \
    --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
    --initial-cluster "e2e=http://127.0.0.1:$etcd_peer_port"
  wait_ready etcd 30 curl -sf "http://127.0.0.1:$etcd_port/health"

  kube_token="$(openssl rand -hex 24)"
  printf '%s,chartmirror-e2e-admin,chartmirror-e2e-admin,"system:masters"\n' "$kube_token" \
    >"$dir/certs/tokens.csv"
  port_free kube-apiserver "$kube_port"
  # No endpoint reconciler: the "kubernetes" Service may not point at a loopback address, and
  # nothing in the tests reaches the API server through that Service.
  local command=("$KUBE_APISERVER"
    --etcd-servers "http://127.0.0.1:$etcd_port"
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$kube_port"
    --tls-cert-file "$dir/certs/apiserver.crt" --tls-private-key-file "$dir/certs/apiserver.key"
    --client-ca-file "$dir/certs/ca.crt"
    --token-auth-file "$dir/certs/tokens.csv" --authorization-mode RBAC
    --service-account-issuer https://kubernetes.default.svc
    --service-account-key-file "$dir/certs/service-account.pub"
    --service-account-signing-key-file "$dir/certs/service-account.key"
    --service-cluster-ip-range 10.0.0.0/24
    --endpoint-reconciler-type none
    --cert-dir "$dir/certs/apiserver-generated"
    --profiling=false)
  # Kept, with its readiness check, for `env.sh restart-kube-apiserver`.
  printf '%q ' "${command[@]}" >"$dir/kube-apiserver.command"
  printf '%q ' curl -sf --cacert "$dir/certs/ca.crt" -H "Authorization: Bearer $kube_token" \
    "https://127.0.0.1:$kube_port/readyz" >"$dir/kube-apiserver.ready"
  start kube-apiserver "${command[@]}"
  wait_ready_recorded

  cat >"$dir/kubeconfig" <<EOF_KUBECONFIG
apiVersion: v1
kind: Config
current-context: e2e
clusters:
- name: e2e
  cluster:
    server: https://127.0.0.1:$kube_port
    certificate-authority-data: $(base64 -w0 "$dir/certs/ca.crt")
contexts:
- name: e2e
  context: {cluster: e2e, user: e2e-admin, namespace: default}
users:
- name: e2e-admin
  user:
    token: $kube_token
EOF_KUBECONFIG
  chmod 600 "$dir/kubeconfig"
}

wait_ready_recorded() {
  local check
  eval "check=($(cat "$dir/kube-apiserver.ready"))"  # written with printf %q
  wait_ready kube-apiserver 120 "${check[@]}"
}

# The API server stopped and started again on the same port and etcd (the e2e test of a watch
# that must resume); everything else keeps running.
restart_kube_apiserver() {
  local command
  [[ -f "$dir/kube-apiserver.command" ]] || fail kube-apiserver "not started in $dir"
  eval "command=($(cat "$dir/kube-apiserver.command"))"  # written with printf %q
  stop "$dir/pids/kube-apiserver.pid"
  start kube-apiserver "${command[@]}"
  wait_ready_recorded
}

# registry_config NAME PORT [AUTH-YAML] — a Distribution config with filesystem storage.
# CM_REGISTRY_ACCESS_LOG=1 logs every request (bench/operator.sh counts them).
registry_config() {
  local access_log_disabled=true
  [[ "${CM_REGISTRY_ACCESS_LOG:-}" == 1 ]] && access_log_disabled=false
  local name="$1" port="$2" auth="${3:-}"
  cat >"$dir/registry-$name.yml" <<EOF_REGISTRY
version: 0.1
log: {level: info, accesslog: {disabled: $access_log_disabled}}
storage:
  filesystem: {rootdirectory: $dir/registry-$name}
  delete: {enabled: true}
http:
  addr: 127.0.0.1:$port
  secret: $(openssl rand -hex 16)
$auth
EOF_REGISTRY
}

start_registry() {
  local name="$1" port="$2"
  port_free "registry-$name" "$port"
  start "registry-$name" "$DOCKER_REGISTRY" serve "$dir/registry-$name.yml"
  # Any HTTP answer from /v2/ (200, or 401 with auth) means the registry is serving.
  wait_ready "registry-$name" 30 bash -c \
    "[[ \$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port/v2/) =~ ^(200|401)$ ]]"
}

start_registries() {
  need docker-registry "$DOCKER_REGISTRY"
  command -v htpasswd >/dev/null || fail registry-basic "htpasswd is missing (apache2-utils)"
  basic_user=chartmirror-basic
  basic_password="$(openssl rand -hex 12)"
  token_user=chartmirror-token
  token_password="$(openssl rand -hex 12)"

  registry_config anonymous "$registry_anonymous_port"
  start_registry anonymous "$registry_anonymous_port"

  htpasswd -Bbn "$basic_user" "$basic_password" >"$dir/certs/htpasswd" 2>/dev/null
  registry_config basic "$registry_basic_port" "auth:
  htpasswd: {realm: chartmirror-e2e, path: $dir/certs/htpasswd}"
  start_registry basic "$registry_basic_port"

  printf '%s:%s\n' "$token_user" "$token_password" >"$dir/certs/token-users.txt"
  port_free token-issuer "$token_issuer_port"
  start token-issuer python3 "$here/token_issuer.py" \
    --listen "127.0.0.1:$token_issuer_port" \
    --key "$dir/certs/token-issuer.key" --cert "$dir/certs/token-issuer.crt" \
    --issuer chartmirror-e2e-issuer --service chartmirror-e2e-registry \
    --users "$dir/certs/token-users.txt"
  wait_ready token-issuer 30 curl -sf "http://127.0.0.1:$token_issuer_port/healthz"
  registry_config token "$registry_token_port" "auth:
  token:
    realm: http://127.0.0.1:$token_issuer_port/token
    service: chartmirror-e2e-registry
    issuer: chartmirror-e2e-issuer
    rootcertbundle: $dir/certs/token-issuer.crt"
  start_registry token "$registry_token_port"

  cat >"$dir/docker-config.json" <<EOF_DOCKER
{
  "auths": {
    "127.0.0.1:$registry_basic_port": {"auth": "$(printf '%s:%s' "$basic_user" "$basic_password" | base64 -w0)"},
    "127.0.0.1:$registry_token_port": {"auth": "$(printf '%s:%s' "$token_user" "$token_password" | base64 -w0)"}
  }
}
EOF_DOCKER
  chmod 600 "$dir/docker-config.json"
}

start_chart_repository() {
  [[ -f "$CORPUS/repo/index.yaml" ]] ||
    fail chart-repository "no chart corpus at $CORPUS/repo (set CHARTMIRROR_CORPUS)"
  port_free chart-repository "$chart_repo_port"
  start chart-repository python3 -m http.server --bind 127.0.0.1 \
    --directory "$CORPUS/repo" "$chart_repo_port"
  wait_ready chart-repository 30 curl -sf "http://127.0.0.1:$chart_repo_port/index.yaml"
}

write_env_file() {
  cat >"$dir/env.partial" <<EOF_ENV
CM_E2E_DIR=$dir
CM_KUBECONFIG=$dir/kubeconfig
CM_KUBE_API_URL=https://127.0.0.1:$kube_port
CM_REGISTRY_ANONYMOUS=127.0.0.1:$registry_anonymous_port
CM_REGISTRY_BASIC=127.0.0.1:$registry_basic_port
CM_REGISTRY_BASIC_USER=$basic_user
CM_REGISTRY_BASIC_PASSWORD=$basic_password
CM_REGISTRY_TOKEN=127.0.0.1:$registry_token_port
CM_REGISTRY_TOKEN_USER=$token_user
CM_REGISTRY_TOKEN_PASSWORD=$token_password
CM_TOKEN_ISSUER_URL=http://127.0.0.1:$token_issuer_port/token
CM_DOCKER_CONFIG=$dir/docker-config.json
CM_CHART_REPO_URL=http://127.0.0.1:$chart_repo_port
CM_CHART_CORPUS=$CORPUS
CM_HELM=$HELM
CM_HELM_HOME=$dir/helm
CM_KUBECTL=$KUBECTL
CM_SKOPEO=$SKOPEO
EOF_ENV
  mv "$dir/env.partial" "$dir/env"
}

up() {
  down  # whatever an interrupted earlier run left behind in this directory
  rm -rf "$dir/etcd" "$dir"/registry-* "$dir/certs" "$dir/env" "$dir/helm"
  mkdir -p "$dir/pids" "$dir/logs" "$dir/helm"
  trap 'status=$?; if ((status != 0)); then down; fi' EXIT
  need helm "$HELM"
  need kubectl "$KUBECTL"
  need skopeo "$SKOPEO"

  read -r etcd_port etcd_peer_port kube_port registry_anonymous_port registry_basic_port \
    registry_token_port token_issuer_port chart_repo_port < <(free_ports 8)
  make_certificates
  start_registries
  start_chart_repository
  start_kubernetes
  write_env_file
  echo "e2e env: up in ${SECONDS}s; variables in $dir/env" >&2
}

[[ $# -eq 2 ]] || usage
mkdir -p "$2"
dir="$(cd "$2" && pwd)"
case "$1" in
  up) up ;;
  down) down && echo "e2e env: down ($dir)" >&2 ;;
  restart-kube-apiserver) restart_kube_apiserver && echo "e2e env: kube-apiserver restarted" >&2 ;;
  *) usage ;;
esac
