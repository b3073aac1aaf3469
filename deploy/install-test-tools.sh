#!/usr/bin/env bash
# Installs the Debian packages the test suite uses when they are missing:
# chromium (browser end-to-end test) and docker-compose (compose file check);
# says when kubectl is missing (Kubernetes manifests check).
set -u
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
# kubectl (its built-in kustomize renders deploy/kubernetes for
# tests/deploy/test_kubernetes.py) has no usable Debian package: bookworm's
# kubernetes-client is 1.20, too old for the overlays. Say so; the tests skip
# without it, and fail under CI=true.
if ! command -v kubectl >/dev/null 2>&1; then
  echo "Missing kubectl (1.27 or later): tests/deploy/test_kubernetes.py cannot render the Kubernetes manifests (it fails under CI=true). Install it from the Kubernetes project's packages." >&2
fi
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
