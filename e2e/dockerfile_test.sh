#!/usr/bin/env bash
# The Dockerfile cannot be built here (no Docker engine), so what can drift is checked against
# the binary and the build's own package list instead:
#   - two stages, the last one running as a numeric non-root user;
#   - the build stage installs every build package scripts/install-deps.sh installs;
#   - the runtime stage installs the Debian package of every shared library the binary needs
#     directly (readelf NEEDED → dpkg -S), apart from those every debian:12-slim has.
# Usage: dockerfile_test.sh PATH/TO/chartmirror
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bin="$1"
dockerfile="$root/Dockerfile"
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# In debian:12-slim already (apt itself needs them).
base=(libc6 libstdc++6 libgcc-s1 libcrypt1 zlib1g)

# The package names `apt-get install` lists in stage N (1-based) of the Dockerfile.
stage_packages() {
  awk -v want="$1" '
    /^FROM / { stage++ }
    stage == want && /apt-get install/ { on = 1; sub(/.*apt-get install/, "") }
    stage == want && on {
      for (i = 1; i <= NF; i++) {
        if ($i == "&&") { on = 0; break }
        if ($i ~ /^[a-z0-9][a-z0-9.+-]+$/) print $i
      }
    }' "$dockerfile" | sort -u
}

stages="$(grep -c '^FROM ' "$dockerfile")"
[[ "$stages" -ge 2 ]] || fail "Dockerfile has $stages stage(s); want a build and a runtime stage"
last_user="$(grep '^USER ' "$dockerfile" | tail -1 | awk '{print $2}')"
[[ "$last_user" =~ ^[1-9][0-9]*(:[1-9][0-9]*)?$ ]] ||
  fail "the runtime stage's USER is '$last_user'; want a numeric non-root uid"

build_packages="$(stage_packages 1)"
install_deps_build="$(sed -n '/^packages=(/,/^)/p' "$root/scripts/install-deps.sh" |
  sed -n '/# build/,/# code health/p' | grep -v '#' | tr ' ' '\n' | grep -E '^[a-z]' | sort -u)"
for p in $install_deps_build; do
  grep -qx "$p" <<<"$build_packages" || fail "build stage lacks $p (scripts/install-deps.sh builds with it)"
done

runtime_packages="$(stage_packages "$stages")"
checked=0
while read -r soname; do
  path="$(ldd "$bin" | awk -v so="$soname" '$1 == so { print $3 }')"
  [[ -n "$path" ]] || { fail "ldd cannot find $soname"; continue; }
  package="$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null)"
  package="${package%%:*}"
  [[ -n "$package" ]] || { fail "no Debian package owns $path ($soname)"; continue; }
  checked=$((checked + 1))
  # A sanitizer build's runtime (make test-asan) never goes into the image.
  [[ "$soname" =~ ^lib(a|ub|t|l|hwa)san\.so ]] && continue
  if ! printf '%s\n' "${base[@]}" | grep -qx "$package" && ! grep -qx "$package" <<<"$runtime_packages"; then
    fail "the runtime stage does not install $package, which provides $soname"
  fi
done < <(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
[[ $checked -gt 0 ]] || fail "found no shared libraries in $bin"

echo "dockerfile_test: $checked libraries checked, $failures failure(s)"
[[ $failures -eq 0 ]]
