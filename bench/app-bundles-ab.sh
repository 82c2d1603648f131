#!/usr/bin/env bash
# Usage: bench/app-bundles-ab.sh CORPUS [RUNS]
# What the app bundles of issue 19 (messages.icu.json, the pattern/variables of
# messages.json, messages.d.ts, messages.schema.json) add to `carta build`, measured as an
# A/B of the merge that added them against its first parent: 405c8bb (before) and 66843a0
# (after) differ in those bundles and their tests only. Both are built in release mode in
# temporary git worktrees (bench/work/ab-*), then `carta build --out <tmp>` runs on CORPUS
# (a folder written by bench/run.sh, e.g. bench/work/corpus-100x1000) RUNS times each
# (default 9), alternating, and the medians of user CPU, system CPU and peak RSS are
# printed. With AB_CALLGRIND=1 it also counts instructions with valgrind's callgrind (one
# thread; deterministic, unlike CPU time on a shared machine; ~2 min per run on 100x1,000),
# and prints them with and without SHA-256 (valgrind hides the CPU's SHA instructions, so
# the manifest's hashing runs in software there and weighs far more than it does natively).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=$(cd "$1" && pwd)
RUNS=${2:-9}
WORK=$REPO/bench/work/ab
mkdir -p "$WORK"
for side in before:405c8bb after:66843a0; do
  name=${side%%:*} commit=${side#*:}
  tree=$REPO/bench/work/ab-$name
  [ -d "$tree" ] || git -C "$REPO" worktree add -q --detach "$tree" "$commit"
  (cd "$tree" && cargo build --release --bin carta >&2)
  cp "$tree/target/release/carta" "$WORK/$name"
done
for r in $(seq 1 "$RUNS"); do
  for name in before after; do
    rm -rf "$WORK/out"
    (cd "$CORPUS" && /usr/bin/time -f '%U %S %M' -o "$WORK/time-$name-$r" "$WORK/$name" build --out "$WORK/out" >/dev/null 2>&1)
  done
done
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "| binary | user s (median of $RUNS) | sys s | peak RSS MB |"
echo "|---|---:|---:|---:|"
for name in before after; do
  user=$(for r in $(seq 1 "$RUNS"); do awk '{print $1}' "$WORK/time-$name-$r"; done | median)
  sys=$(for r in $(seq 1 "$RUNS"); do awk '{print $2}' "$WORK/time-$name-$r"; done | median)
  rss=$(for r in $(seq 1 "$RUNS"); do awk '{print int($3 / 1024)}' "$WORK/time-$name-$r"; done | median)
  echo "| $name | $user | $sys | $rss |"
done
if [ "${AB_CALLGRIND:-0}" = 1 ]; then
  echo
  echo "| binary | instructions | without SHA-256 |"
  echo "|---|---:|---:|"
  for name in before after; do
    rm -rf "$WORK/out"
    (cd "$CORPUS" && RAYON_NUM_THREADS=1 valgrind --tool=callgrind \
      --callgrind-out-file="$WORK/callgrind.$name" "$WORK/$name" build --out "$WORK/out" >/dev/null 2>&1)
    total=$(grep -E '^totals:' "$WORK/callgrind.$name" | awk '{print $2}')
    sha=$(callgrind_annotate --inclusive=yes "$WORK/callgrind.$name" 2>/dev/null \
      | grep -E 'sha256\.rs:sha2::sha256::compress256 \[' | head -1 | awk '{gsub(",", "", $1); print $1}')
    echo "| $name | $total | $(( total - ${sha:-0} )) |"
  done
fi
