#!/usr/bin/env bash
# Export → import round trips on a generated 100-locale corpus (examples/gen_corpus:
# selects, terms, functions, attributes, Markdown, outdated and template entries, junk):
# every locale in XLIFF 2.0, XLIFF 1.2 and PO, imported unchanged, must change no byte;
# every PO export must pass `msgfmt --check` and every XLIFF export `xmllint`.
#
#   scripts/exchange-corpus.sh [LOCALES] [MESSAGES]     (default 100 1000)
#
# Exit: 0 all round trips are byte-identical, 1 one is not, 2 a tool could not run.
set -euo pipefail
LOCALES="${1:-100}"
MESSAGES="${2:-1000}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
cargo build --locked --quiet --example gen_corpus || exit 2
cargo build --locked --quiet || exit 2
CARTA="$REPO/target/debug/carta"
GEN="$REPO/target/debug/examples/gen_corpus"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$GEN" content --out "$WORK/p" --messages "$MESSAGES" >/dev/null 2>&1
"$CARTA" -C "$WORK/p" extract >/dev/null
"$GEN" locales --out "$WORK/p" --locales "$LOCALES" --messages "$MESSAGES" >/dev/null 2>&1
snap() { (cd "$WORK/p" && find locales -type f -print0 | sort -z | xargs -0 sha256sum); }
before="$(snap)"
mkdir -p "$WORK/x"
n=0
for dir in "$WORK"/p/locales/*/; do
  tag="$(basename "$dir")"
  [ "$tag" = en-US ] && continue
  for format in xliff2 xliff1 po; do
    file="$WORK/x/$tag.$format"
    "$CARTA" -C "$WORK/p" export --locale "$tag" --format "$format" -o "$file" 2>/dev/null
    if [ "$format" = po ]; then
      msgfmt --check -o /dev/null "$file" || { echo "msgfmt --check rejects the $tag export" >&2; exit 1; }
    else
      xmllint --noout --nonet "$file" || { echo "xmllint rejects the $tag $format export" >&2; exit 1; }
    fi
    out="$("$CARTA" -C "$WORK/p" import "$file")" || { echo "$out"; echo "import of the unchanged $tag $format export failed" >&2; exit 1; }
    case "$out" in *" 0 imported, 0 confirmed"*) ;; *) echo "$out" | tail -3; echo "the unchanged $tag $format export imported something" >&2; exit 1 ;; esac
    n=$((n + 1))
  done
done
[ "$(snap)" = "$before" ] || { echo "a round trip changed a byte" >&2; exit 1; }
echo "$n unchanged round trips ($LOCALES locales x 3 formats, $MESSAGES source messages): no byte changed"
