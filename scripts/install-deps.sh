#!/usr/bin/env bash
# Installs the Debian packages chartmirror builds and tests with; does nothing when all are
# present, so `make` stays fast the second time.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config
  libcpprest-dev libyaml-cpp-dev nlohmann-json3-dev libssl-dev libarchive-dev libspdlog-dev
  doctest-dev libre2-dev libyaml-dev
  # code health
  clang-format clang-tidy
  # the real peers of the tests (DESIGN.md)
  docker-registry etcd-server skopeo apache2-utils openssl curl python3
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
echo "install-deps: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
