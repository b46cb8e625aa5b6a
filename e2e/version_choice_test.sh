#!/usr/bin/env bash
# The chart version chartmirror chooses (charts/version select_version, reading index.yaml with
# charts/repo), compared with the one `helm pull --repo` downloads, for a table of version
# requests against a real Helm HTTP repository: charts packaged with `helm package --version`,
# indexed with `helm repo index`, served by python3 on a free loopback port.
# Usage: version_choice_test.sh PATH/TO/charts_select_version
#        (helm: $CM_HELM, else the pinned one of e2e/env/versions.sh; needs python3)
set -uo pipefail
select_bin="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=e2e/env/versions.sh
source "$here/env/versions.sh"
# shellcheck source=e2e/support/common.sh
source "$here/support/common.sh" # free_ports
helm="${CM_HELM:-$HELM}"
[[ -x "$helm" ]] || { echo "version_choice_test: no helm at $helm (run e2e/env/install-tools.sh)" >&2; exit 1; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export HELM_CACHE_HOME="$work/helm/cache" HELM_CONFIG_HOME="$work/helm/config"
export HELM_DATA_HOME="$work/helm/data"

# demo: releases, prereleases, a 'v' spelling and two versions of equal precedence (eleven
# in all: Go sorts up to twelve by insertion, so helm keeps index order for the tie too).
# edge: prereleases only.
demo_versions=(0.9.0 1.0.0 1.0.1-rc.1 1.2.3 1.2.3+build.5 1.2.10 1.3.0-alpha 2.0.0 v2.1.0
               3.0.0-beta.2 3.0.0-beta.10)
edge_versions=(0.1.0-alpha 0.2.0-beta.1)
mkdir -p "$work/repo"
package() {  # package CHART VERSION...
  local chart="$1"
  shift
  mkdir -p "$work/src/$chart/templates"
  printf 'apiVersion: v2\nname: %s\nversion: 0.0.0\n' "$chart" >"$work/src/$chart/Chart.yaml"
  local version
  for version in "$@"; do
    "$helm" package "$work/src/$chart" --version "$version" -d "$work/repo" >/dev/null ||
      { echo "version_choice_test: helm package $chart $version failed" >&2; exit 1; }
  done
}
package demo "${demo_versions[@]}"
package edge "${edge_versions[@]}"
"$helm" repo index "$work/repo" || { echo "version_choice_test: helm repo index failed" >&2; exit 1; }

port="$(free_ports 1)"
python3 -m http.server --bind 127.0.0.1 --directory "$work/repo" "$port" >"$work/http.log" 2>&1 &
server_pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

passed=0
failed=0
n=0
# compare CHART VERSION [--devel]: helm pull and charts_select_version agree on the version,
# or both find none. Our failures must say why: exit 1 and a message naming the chart.
compare() {
  local chart="$1" version="$2" devel="${3:-}"
  local flags=()
  [[ -n "$devel" ]] && flags=("$devel")
  n=$((n + 1))
  local dest="$work/pull-$n"
  mkdir -p "$dest"
  local helm_choice ours
  if "$helm" pull "$chart" --repo "$url" --version "$version" "${flags[@]}" -d "$dest" 2>"$dest.helm-err"; then
    helm_choice="$(cd "$dest" && ls)"
    helm_choice="${helm_choice#"$chart"-}"
    helm_choice="${helm_choice%.tgz}"
  else
    helm_choice="(none)"
  fi
  ours="$("$select_bin" --chart "$chart" --index "$work/repo/index.yaml" --version "$version" \
    "${flags[@]}" 2>"$dest.err")"
  local status=$?
  if ((status == 1)); then
    ours="(none)"
    if ! grep -q "\"$chart\"" "$dest.err"; then
      ours="(error without the chart's name: $(cat "$dest.err"))"
    fi
  elif ((status != 0)); then
    ours="(exit $status: $(cat "$dest.err"))"
  fi
  local line
  line="$(printf '%-5s %-20s %-10s helm: %-15s chartmirror: %s' "$chart" "'$version'" "$devel" \
    "$helm_choice" "$ours")"
  if [[ "$helm_choice" == "$ours" ]]; then
    passed=$((passed + 1))
    echo "ok   $line"
  else
    failed=$((failed + 1))
    echo "FAIL $line"
    sed 's/^/     helm: /' "$dest.helm-err"
  fi
}

compare demo ""
compare demo "" --devel
compare demo "*"
compare demo "*-0"
compare demo "2.1.0"
compare demo "v2.1.0"
compare demo "v1"
compare demo "0.9"
compare demo "1.2.3"
compare demo "=1.2.3"
compare demo "1.2.3+build.5"
compare demo "1.3.0-alpha"
compare demo "3.0.0-beta.2"
compare demo "^1.0.0"
compare demo "^1" --devel
compare demo "^0.9"
compare demo "~1.2.0"
compare demo "~>1.2"
compare demo "1.2.x"
compare demo "1.x"
compare demo "<1.0.0"
compare demo ">1.2"
compare demo "<=1"
compare demo ">=1.0.0 <2.0.0"
compare demo ">=1.0.0, <2.0.0"
compare demo "=>1.2.3 =<1.2.10"
compare demo "1 - 1.2.3"
compare demo "1.2 - 1.4.5"
compare demo ">2.0.0 || <0.5.0"
compare demo ">=1.0.0-0"
compare demo ">=1.0.0-0 <2.0.0"
compare demo "~1.3.0-0"
compare demo "!=2.1.0"
compare demo "!=2.x"
compare demo "^3.0.0"
compare demo "^3.0.0-0"
compare demo "1.2.7"
compare demo ">= 1.2 <"
compare demo "latest"
compare edge ""
compare edge "" --devel
compare edge ">=0.1.0-0"
compare edge "0.1.0-alpha"
compare nosuch ""

# A miss names the request and lists the nearest versions, newest first.
"$select_bin" --chart demo --index "$work/repo/index.yaml" --version 1.2.7 >/dev/null 2>"$work/miss.err"
if grep -q 'chart "demo" version "1.2.7" not found; nearest available: 1.3.0-alpha, 1.2.10, 1.2.3+build.5, 1.2.3, 1.0.1-rc.1 (11 available)' "$work/miss.err"; then
  passed=$((passed + 1))
  echo "ok   a miss lists the nearest versions"
else
  failed=$((failed + 1))
  echo "FAIL a miss lists the nearest versions: $(cat "$work/miss.err")"
fi

echo "version_choice_test: $passed passed, $failed failed"
((failed == 0))
