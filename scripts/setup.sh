#!/usr/bin/env bash
# System programs the test suite needs: redis-server (Redis scale-out tests). Installs them with
# apt-get on Debian when missing and possible; otherwise says how, and the tests that need them
# fail naming the same command.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing redis-server with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq redis-server >/dev/null
  # Debian's package may start a system instance; the tests start their own on free ports.
  command -v service >/dev/null 2>&1 && service redis-server stop >/dev/null 2>&1 || true
else
  echo "setup: redis-server is missing; install it with: sudo apt-get install -y redis-server" >&2
fi
