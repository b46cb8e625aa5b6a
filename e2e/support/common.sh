# e2e/support/common.sh — what the shell e2e tests share. Source it after $CM_E2E_ENV.
#   check NAME COMMAND...   run COMMAND; count it passed, or print "FAIL NAME" and count it failed
#   finish TEST             print TEST's tally; fails when any check failed (the script's status)
#   use_env_helm            point helm at the environment's config, cache and data (its logins)
#   kubectl_ ARGS...        kubectl on the environment's cluster, its cache under $work, in
#                           namespace $kubectl_namespace when the script sets one
#   stop_process PID [SIGNAL]   send SIGNAL (TERM) to PID if it still runs, and reap it
#   free_ports N            N distinct loopback ports that nothing listens on right now
#   eventually SECONDS COMMAND...   poll COMMAND (every $poll s, 0.25) until it succeeds
passed=0
failed=0

check() {
  local name="$1"
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    echo "FAIL $name"
    failed=$((failed + 1))
  fi
}

finish() {
  echo "$1: $passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}

use_env_helm() {
  export HELM_CACHE_HOME="$CM_HELM_HOME/cache" HELM_CONFIG_HOME="$CM_HELM_HOME/config"
  export HELM_DATA_HOME="$CM_HELM_HOME/data"
}

kubectl_() {
  # shellcheck disable=SC2086  # the namespace option is two words or none
  "$CM_KUBECTL" --kubeconfig "$CM_KUBECONFIG" --cache-dir "$work/kube-cache" \
    ${kubectl_namespace:+--namespace "$kubectl_namespace"} "$@"
}

stop_process() {
  [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null || return 0
  kill "-${2:-TERM}" "$1" 2>/dev/null
  wait "$1" 2>/dev/null
  return 0
}

# free_ports N — N distinct loopback ports that nothing listens on right now. They come from
# below the kernel's ephemeral range: a port the kernel handed out and took back (bind to 0)
# can be reused at once for another test's outgoing connection before our server binds it.
free_ports() {
  python3 - "$1" <<'PY'
import random, socket, sys
low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
candidates = list(range(10000, max(low, 10001)))
random.shuffle(candidates)
socks = []
for port in candidates:
    if len(socks) == int(sys.argv[1]):
        break
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
        socks.append(s)
    except OSError:
        s.close()
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}

poll=0.25
eventually() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep "$poll"
  done
}
