#!/usr/bin/env bash
# Compares `carta check` with Mozilla's compare-locales on one Fluent project.
#
#   scripts/compare-locales/run.sh <project-dir> [locale...]
#
# Creates (once) scripts/compare-locales/.venv with compare-locales pinned below,
# writes a temporary l10n.toml describing the project (source locale and locales
# folder from <project-dir>/carta.toml when present, else en-US and locales/),
# runs both tools, and prints a table per locale (see compare.py and
# docs/compare-locales.md).
#
# Exit: 0 every count agrees or differs only as documented, 1 some count DIFFERs,
#       2 a tool could not run.
# Environment:
#   CARTA=path        carta binary (default: target/release/carta, else
#                     target/debug/carta, whichever first has `check --format`)
#   CL_KEEP=dir       keep the raw outputs (l10n.toml, compare-locales text + JSON,
#                     carta JSON) in dir
#   CL_VERBOSE=1      also print compare-locales' own report
set -euo pipefail

CL_VERSION=9.0.5

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
VENV="$HERE/.venv"

if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
  exit 2
fi
if [ ! -d "$1" ]; then
  echo "run.sh: no such project folder: $1" >&2
  exit 2
fi
PROJECT="$(cd "$1" && pwd)"
shift

# --- compare-locales, pinned, in its own venv -----------------------------------------
have_cl() {
  [ -x "$VENV/bin/compare-locales" ] &&
    "$VENV/bin/python" - "$CL_VERSION" <<'EOF' 2>/dev/null
import importlib.metadata as m, sys
sys.exit(m.version("compare-locales") != sys.argv[1] or sys.version_info < (3, 11))
EOF
}
if ! have_cl; then
  PY="${PYTHON:-python3}"
  if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "run.sh: needs Python 3.11 or newer (set PYTHON=...)" >&2
    exit 2
  fi
  echo "run.sh: creating $VENV with compare-locales==$CL_VERSION" >&2
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "compare-locales==$CL_VERSION" >&2
fi
PY="$VENV/bin/python"

# --- carta ------------------------------------------------------------------------------
# $CARTA, else target/release/carta, else target/debug/carta; a binary whose `check`
# has no `--format` (a stale or placeholder build) is passed over.
usable() { [ -x "$1" ] && "$1" check --help 2>/dev/null | grep -q -- '--format'; }
if [ -n "${CARTA:-}" ]; then
  if ! usable "$CARTA"; then
    echo "run.sh: CARTA=$CARTA is not a carta binary with \`check --format\`" >&2
    exit 2
  fi
  CARTA_BIN="$CARTA"
else
  CARTA_BIN=""
  for c in "$REPO/target/release/carta" "$REPO/target/debug/carta"; do
    if usable "$c"; then
      CARTA_BIN="$c"
      break
    elif [ -e "$c" ]; then
      echo "run.sh: note: skipping $c: its \`check\` has no --format (stale build?)" >&2
    fi
  done
  if [ -z "$CARTA_BIN" ]; then
    echo "run.sh: no usable carta binary: build it (cargo build) or set CARTA=" >&2
    exit 2
  fi
  if [ "$CARTA_BIN" = "$REPO/target/release/carta" ] && [ "$REPO/target/debug/carta" -nt "$CARTA_BIN" ]; then
    echo "run.sh: note: target/debug/carta is newer than target/release/carta; set CARTA= to use it" >&2
  fi
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# --- l10n.toml --------------------------------------------------------------------------
{ read -r L10N_BASE; read -r LOCALES_LINE; } < <("$PY" "$HERE/compare.py" prepare "$PROJECT" "$TMP/l10n.toml" "$@") || {
  echo "run.sh: could not describe $PROJECT for compare-locales" >&2
  exit 2
}
read -r -a LOCALES <<<"$LOCALES_LINE"
if [ ${#LOCALES[@]} -eq 0 ]; then
  echo "run.sh: no target locale in $PROJECT" >&2
  exit 2
fi
echo "project:         $PROJECT"
echo "locales:         ${LOCALES[*]}"
echo "compare-locales: $("$VENV/bin/compare-locales" --version 2>&1 | tail -n1)"
echo "carta:           $CARTA_BIN ($("$CARTA_BIN" --version 2>&1 | head -n1))"
echo

# --- run both tools ---------------------------------------------------------------------
set +e
"$VENV/bin/compare-locales" --return-zero --json "$TMP/cl.json" \
  "$TMP/l10n.toml" "$L10N_BASE" "${LOCALES[@]}" >"$TMP/cl.txt" 2>"$TMP/cl.err"
rc=$?
set -e
if [ $rc -ne 0 ] || [ ! -s "$TMP/cl.json" ]; then
  echo "run.sh: compare-locales failed (exit $rc):" >&2
  cat "$TMP/cl.txt" "$TMP/cl.err" >&2
  exit 2
fi

set +e
"$CARTA_BIN" check -C "$PROJECT" --format json >"$TMP/carta.json" 2>"$TMP/carta.err"
rc=$?
set -e
if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
  echo "run.sh: carta check failed (exit $rc):" >&2
  cat "$TMP/carta.err" >&2
  exit 2
fi

if [ -n "${CL_VERBOSE:-}" ]; then
  echo "--- compare-locales report"
  cat "$TMP/cl.txt"
  echo "---"
  echo
fi
if [ -n "${CL_KEEP:-}" ]; then
  mkdir -p "$CL_KEEP"
  cp "$TMP/l10n.toml" "$TMP/cl.json" "$TMP/cl.txt" "$TMP/carta.json" "$CL_KEEP/"
fi

# --- compare ----------------------------------------------------------------------------
set +e
"$PY" "$HERE/compare.py" compare "$PROJECT" "$TMP/cl.json" "$TMP/carta.json" "${LOCALES[@]}"
rc=$?
set -e
exit $rc
