#!/usr/bin/env bash
# Installs the Debian packages the test suite uses when they are missing:
# chromium (browser end-to-end test) and docker-compose (compose file check).
set -u
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing ${missing[*]}: install them to run every test (the tests that need them will fail)." >&2
  exit 0
fi
echo "Installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
  apt-get update -q >/dev/null 2>&1
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}
