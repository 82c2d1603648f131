#!/usr/bin/env bash
# Usage: fuzz/run.sh [SECONDS] [TARGET...]. Runs each fuzz target (default: all six) for
# SECONDS (default 600), one after another (markdown: the safe Markdown writer; nesting: the
# nesting guard against fluent-syntax), and keeps
# the log of each run in fuzz/logs/. Needs cargo-fuzz (`cargo install cargo-fuzz`); the
# stable toolchain is told to accept the nightly-only sanitizer flags with RUSTC_BOOTSTRAP.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=${*:-extract sync check build_locale markdown nesting}
mkdir -p logs
for target in $targets; do
  mkdir -p "corpus/$target"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$secs" -rss_limit_mb=4096 -timeout=10 -print_final_stats=1 \
    > "logs/$target.log" 2>&1 || { echo "$target: FAILED, see fuzz/logs/$target.log"; exit 1; }
  echo "$target: $(grep -E '^stat::number_of_executed_units' "logs/$target.log" | awk '{print $2}') executions, $(grep -oE 'cov: [0-9]+' "logs/$target.log" | tail -1)"
done
