# e2e/support/common.sh — what the shell e2e tests share. Source it after $CM_E2E_ENV.
#   check NAME COMMAND...   run COMMAND; count it passed, or print "FAIL NAME" and count it failed
#   finish TEST             print TEST's tally; fails when any check failed (the script's status)
#   use_env_helm            point helm at the environment's config, cache and data (its logins)
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
