#!/usr/bin/env bash
# System programs the test suite needs: redis-server (Redis scale-out tests) and chromium with a
# font (the GraphiQL browser test and its screenshot). Installs the missing ones with apt-get on
# Debian when possible; otherwise says how, and the tests that need them fail naming the same
# command. Idempotent: with everything present it does nothing.
set -euo pipefail

missing=()
if ! command -v redis-server >/dev/null 2>&1; then
  missing+=(redis-server)
fi
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  missing+=(chromium fonts-liberation)
fi
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [[ " ${missing[*]} " == *" redis-server "* ]]; then
    # Debian's package may start a system instance; the tests start their own on free ports.
    command -v service >/dev/null 2>&1 && service redis-server stop >/dev/null 2>&1 || true
  fi
else
  echo "setup: missing ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
fi
