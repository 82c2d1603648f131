#!/usr/bin/env bash
# translate-toolkit (PyPI) as an independent reader of carta's exports.
#
#   scripts/translate-toolkit/run.sh
#
# Creates (once) scripts/translate-toolkit/.venv with translate-toolkit pinned below, then
# on a temporary copy of the shipped project (check.py):
#   1. every locale exported as XLIFF 2.0, XLIFF 1.2, PO and TMX loads in translate-toolkit,
#      and each unit's source equals the source text carta built into
#      dist/en-US/messages.json (for XLIFF 2, whose <pc>/<ph> codes translate-toolkit
#      drops from the plain text, without the Markdown delimiters);
#   2. for a new locale (`carta add-locale de`), targets set through translate-toolkit's
#      API in each format import with `carta import`, and `carta check` then reports
#      none of those messages as missing.
# Exit: 0 all agree, 1 a check failed, 2 a tool could not run.
# Environment: CARTA=path to the carta binary (default target/debug/carta).
set -euo pipefail

TTK_VERSION=3.20.4

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
VENV="$HERE/.venv"
CARTA="${CARTA:-$REPO/target/debug/carta}"
case "$CARTA" in /*) ;; *) CARTA="$REPO/$CARTA" ;; esac
[ -x "$CARTA" ] || { echo "run.sh: no carta binary at $CARTA (cargo build first)" >&2; exit 2; }

if ! "$VENV/bin/python" -c "import translate, sys; from importlib.metadata import version; sys.exit(version('translate-toolkit') != '$TTK_VERSION')" 2>/dev/null; then
  python3 -m venv "$VENV" || { echo "run.sh: cannot create a venv (install python3-venv)" >&2; exit 2; }
  "$VENV/bin/pip" install --quiet "translate-toolkit==$TTK_VERSION" || { echo "run.sh: cannot install translate-toolkit $TTK_VERSION from PyPI" >&2; exit 2; }
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/project"
cp -r "$REPO/content" "$REPO/locales" "$REPO/carta.toml" "$WORK/project/"
"$VENV/bin/python" "$HERE/check.py" "$CARTA" "$WORK/project" "$WORK"
