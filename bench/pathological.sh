#!/usr/bin/env bash
# Usage: bench/pathological.sh CARTA [CARTA...]
# Times the pathological inputs of issue 14 (bench/pathological.py) with each carta binary
# given (e.g. the one before the fix and the one after), in the same run, next to their
# baselines: an 8 MB clean file for the junk case, pulldown-cmark's own parse
# (examples/markdown_floor) for the Markdown cases. Prints one Markdown table row per case
# and binary: wall seconds and peak RSS (GNU time), each command killed after
# PATHO_TIMEOUT seconds (default 300). Env: PATHO_WORK (default bench/work/pathological),
# PATHO_MESSAGES (default 0: skip the 1M-message case; set e.g. 1000000).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${PATHO_WORK:-$REPO/bench/work/pathological}
TIMEOUT=${PATHO_TIMEOUT:-300}
MESSAGES=${PATHO_MESSAGES:-0}
FLOOR=$REPO/target/release/examples/markdown_floor
[ -x "$FLOOR" ] || (cd "$REPO" && cargo build --release --example markdown_floor >&2)
rm -rf "$WORK/in" && mkdir -p "$WORK/in"
python3 "$REPO/bench/pathological.py" "$WORK/in" --messages "$MESSAGES"

# measure LABEL CASE-DIR PREP COMMAND...: runs COMMAND in a fresh copy of CASE-DIR, after
# the unmeasured PREP (`-`: none; `extract`: run `COMMAND[0] extract` first; `reword`: that,
# then swap in the reworded handout).
measure() {
  local label=$1 case=$2 prep=$3; shift 3
  local run=$WORK/run
  rm -rf "$run" && cp -r "$WORK/in/$case" "$run"
  case $prep in
    extract) (cd "$run" && timeout "$TIMEOUT" "$1" extract >/dev/null) ;;
    reword) (cd "$run" && timeout "$TIMEOUT" "$1" extract >/dev/null && mv reworded.md content/long.md) ;;
  esac
  local t0 t1 status=0
  t0=$(date +%s.%N)
  (cd "$run" && timeout "$TIMEOUT" /usr/bin/time -f '%M' -o "$WORK/rss" "$@" >/dev/null 2>"$WORK/err") || status=$?
  t1=$(date +%s.%N)
  local wall rss
  wall=$(awk "BEGIN { printf \"%.3f\", $t1 - $t0 }")
  rss=$(( $(tail -1 "$WORK/rss" 2>/dev/null | grep -E '^[0-9]+$' || echo 0) / 1024 ))
  if [ "$status" = 124 ]; then wall=">$TIMEOUT"; fi
  echo "| $case | $label | $wall | $rss MB | $status |"
}

echo "| case | command | wall s | peak RSS | exit |"
echo "|---|---|---:|---:|---:|"
for bin in "$@"; do
  name=$(basename "$bin")
  measure "baseline: $name check, clean 8 MB" clean - "$bin" check --format json
  measure "$name check" junk - "$bin" check --format json
  measure "$name check" junk-lines - "$bin" check --format json
  measure "baseline: markdown_floor" quotes - "$FLOOR" content/deep.md
  measure "$name extract" quotes - "$bin" extract
  measure "$name build" quotes extract "$bin" build
  measure "baseline: markdown_floor" items - "$FLOOR" content/deep.md
  measure "$name extract" items - "$bin" extract
  measure "$name build" items extract "$bin" build
  measure "$name extract" heading - "$bin" extract
  measure "$name extract" long reword "$bin" extract
  if [ "$MESSAGES" != 0 ]; then
    measure "$name build" messages - "$bin" build
    measure "$name check" messages - "$bin" check --format json
    measure "$name sync" messages - "$bin" sync
  fi
done
