#!/usr/bin/env bash
# The command-line contract of the built binary (DESIGN.md): exit codes, and output on the
# right stream. Usage: cli_test.sh PATH/TO/chartmirror
set -uo pipefail
bin="$1"
failures=0
passed=0

# expect NAME CODE STREAM PATTERN -- ARGS... : exit CODE, and PATTERN on STREAM (out|err),
# and nothing on the other stream.
expect() {
  local name="$1" code="$2" stream="$3" pattern="$4"
  shift 5
  local out err actual
  out="$(mktemp)" err="$(mktemp)"
  "$bin" "$@" >"$out" 2>"$err"
  actual=$?
  local want_file="$out" other_file="$err"
  [[ "$stream" == err ]] && want_file="$err" other_file="$out"
  if [[ $actual -ne $code ]]; then
    echo "FAIL $name: exit $actual, want $code"; failures=$((failures + 1))
  elif ! grep -q -- "$pattern" "$want_file"; then
    echo "FAIL $name: std$stream lacks '$pattern':"; cat "$want_file"; failures=$((failures + 1))
  elif [[ -s "$other_file" ]]; then
    echo "FAIL $name: unexpected output on the other stream:"; cat "$other_file"
    failures=$((failures + 1))
  else
    passed=$((passed + 1))
  fi
  rm -f "$out" "$err"
}

expect version 0 out '^chartmirror [0-9]\+\.[0-9]\+\.[0-9]\+ (commit ' -- version
expect help 0 out '^Usage:' -- --help
expect no-command 2 err 'no command given' --
expect unknown-command 2 err "unknown command 'frobnicate'" -- frobnicate
expect version-extra-arg 2 err "takes no arguments" -- version now
expect operator-bad-workers 2 err "workers must be a number" -- operator --workers none
expect operator-unknown-flag 2 err "unknown flag '--frobnicate'" -- operator --frobnicate
expect operator-bad-kube-version 2 err "kube-version 'banana' is not a version" -- operator --kube-version banana
expect operator-bad-address 2 err "metrics-addr" -- operator --metrics-addr nowhere

echo "cli: $passed passed, $failures failed"
[[ $failures -eq 0 ]]
