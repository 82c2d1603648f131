#!/usr/bin/env bash
# Runs every test of carta: the Rust unit, CLI and property tests, plus the real
# consumers (Node's @fluent/bundle and headless Chromium), which the Rust tests call.
# Installs what those consumers need first, so it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

# What the browser, print, font and CAT-exchange checks need, from Debian, whenever any is missing
# (not only on a machine without Chromium): Chromium, poppler's pdftotext, and Noto fonts
# for Arabic and Chinese (without them those scripts render as empty boxes).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
# xmllint checks carta's XLIFF and TMX exports, msgfmt --check its PO exports.
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=ar 2>/dev/null)" ]; then missing+=(fonts-noto-core fontconfig); fi
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then missing+=(fonts-noto-cjk fontconfig); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing from Debian: ${missing[*]}" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  # Wait for another apt run to finish instead of failing at once.
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  # --reinstall: a font package can be installed with its files removed by hand (then
  # fc-list finds nothing, and a plain install would do nothing).
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install --reinstall -y -qq "${missing[@]}" >/dev/null
fi
if [ -f tests/node/package-lock.json ] && [ ! -d tests/node/node_modules ]; then
  echo "test.sh: installing the Node test dependencies from package-lock.json" >&2
  (cd tests/node && npm ci --no-audit --no-fund --silent)
fi
cargo test --locked "$@"

# compare-locales (Mozilla's checker, from PyPI, in a venv) on the same trees as carta:
# every count agrees, or differs for a documented reason (docs/compare-locales.md).
if [ $# -eq 0 ]; then
  cargo build --locked --quiet
  for tree in . scripts/compare-locales/fixtures/*/; do
    CARTA=target/debug/carta bash scripts/compare-locales/run.sh "$tree" > /tmp/carta-compare-locales.log 2>&1 || {
      cat /tmp/carta-compare-locales.log; echo "compare-locales disagrees with carta on $tree" >&2; exit 1; }
    echo "compare-locales vs carta on $tree: $(tail -1 /tmp/carta-compare-locales.log)"
  done
  # translate-toolkit (PyPI, in a venv) reads every export and writes targets carta imports.
  CARTA=target/debug/carta bash scripts/translate-toolkit/run.sh > /tmp/carta-translate-toolkit.log 2>&1 || {
    cat /tmp/carta-translate-toolkit.log; echo "translate-toolkit disagrees with carta's exports" >&2; exit 1; }
  echo "translate-toolkit vs carta: $(head -1 /tmp/carta-translate-toolkit.log)"
  # export → import round trips on a generated 100-locale corpus change no byte.
  bash scripts/exchange-corpus.sh 100 1000
fi
