#!/usr/bin/env bash
# Runs every test of carta: the Rust unit, CLI and property tests, plus the real
# consumers (Node's @fluent/bundle and headless Chromium), which the Rust tests call.
# Installs what those consumers need first, so it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "test.sh: installing Debian's chromium for the HTML tests" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-core fonts-noto-cjk >/dev/null
fi
if [ -f tests/node/package-lock.json ] && [ ! -d tests/node/node_modules ]; then
  echo "test.sh: installing the Node test dependencies from package-lock.json" >&2
  (cd tests/node && npm ci --no-audit --no-fund --silent)
fi
cargo test --locked "$@"
