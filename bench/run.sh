#!/usr/bin/env bash
# carta benchmark: one command, from build to bench/results.md.
#
#   bench/run.sh [--quick]
#
# 1. Builds carta and the examples (release) and snapshots the binaries into
#    bench/work/bin, so a rebuild by someone else mid-run cannot change what is measured.
# 2. Generates the corpora (locales × messages) 10×1,000, 100×1,000 and 100×10,000 under
#    bench/work/ with examples/gen_corpus.rs + the real `carta extract` (skipped when a
#    corpus with the same parameters and generator source is already there).
# 3. Measures each stage with /usr/bin/time -v (wall, user+sys CPU, peak RSS), median of
#    BENCH_REPEAT runs (default 3; compare-locales runs once on the largest corpus):
#      extract            `carta extract` on the corpus (source up to date: nothing to write)
#      extract (fresh)    `carta extract` on a copy with content/ only (writes every file)
#      sync --check       `carta sync --check` (reads and computes everything, writes nothing)
#      sync               `carta sync` on a fresh copy of the locales each run
#      check              `carta check --format json > /dev/null`
#      build              `carta build --out <tmp>`
#      parse floor        examples/parse_floor on locales/ (read + parse every .ftl, all cores)
#      write floor        examples/write_floor: replace the files `sync` writes with their own
#                         bytes, on a fresh copy, with sync's own write primitive (Staging)
#      compare-locales    Mozilla compare-locales (pinned, venv in bench/.venv) on the same
#                         tree, JSON report; killed after CL_TIMEOUT seconds (default 900)
# 4. Prints a Markdown table and writes it, with ratios and targets, to bench/results.md.
#
# --quick: only the 10×1,000 corpus (a smoke test, ~1 minute once built).
# --report: only rewrite bench/results.md from the last run's raw timings.
# Environment: BENCH_REPEAT (3), BENCH_SEED (1), CL_TIMEOUT (900), BENCH_CORPORA
# (override the list, e.g. "10x1000 20x5000"), BENCH_NO_BUILD=1 (use target/release as is).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
WORK="$HERE/work"
VENV="$HERE/.venv"
CL_VERSION=9.0.5
REPEAT="${BENCH_REPEAT:-3}"
SEED="${BENCH_SEED:-1}"
CL_TIMEOUT="${CL_TIMEOUT:-900}"

QUICK=0
REPORT_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    --report) REPORT_ONLY=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done
if [ -n "${BENCH_CORPORA:-}" ]; then
  CORPORA="$BENCH_CORPORA"
elif [ "$QUICK" = 1 ]; then
  CORPORA="10x1000"
else
  CORPORA="10x1000 100x1000 100x10000"
fi

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
RAW="$WORK/raw.tsv"       # corpus stage run wall cpu rss_kb exit
TMP="$WORK/tmp"
META="$WORK/meta"         # facts about the last run, for the report
if [ "$REPORT_ONLY" = 1 ]; then
  [ -s "$RAW" ] || { echo "run.sh: no $RAW: run the benchmark first" >&2; exit 2; }
  # shellcheck disable=SC1090
  . "$META/run.env"
else

# --- tools ------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  log "installing GNU time (Debian package 'time')"
  apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
command -v python3 >/dev/null || { echo "run.sh: needs python3" >&2; exit 2; }

if [ -z "${BENCH_NO_BUILD:-}" ]; then
  log "cargo build --release && cargo build --release --examples"
  (cd "$REPO" && cargo build --release --quiet && cargo build --release --examples --quiet) ||
    { echo "run.sh: the build failed" >&2; exit 2; }
fi
mkdir -p "$WORK/bin"
cp "$REPO/target/release/carta" "$REPO/target/release/examples/gen_corpus" \
  "$REPO/target/release/examples/parse_floor" "$REPO/target/release/examples/write_floor" \
  "$WORK/bin/"
CARTA="$WORK/bin/carta"
GEN="$WORK/bin/gen_corpus"
FLOOR="$WORK/bin/parse_floor"
WFLOOR="$WORK/bin/write_floor"

if ! { [ -x "$VENV/bin/compare-locales" ] &&
  "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('compare-locales') != '$CL_VERSION')" 2>/dev/null; }; then
  log "creating $VENV with compare-locales==$CL_VERSION"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "compare-locales==$CL_VERSION"
fi
CL="$VENV/bin/compare-locales"

# --- corpora ----------------------------------------------------------------------------
GEN_HASH="$(cat "$REPO/examples/gen_corpus.rs" | sha256sum | cut -c1-16)"

corpus_dir() { echo "$WORK/corpus-$1"; }

generate() { # NxM
  local n="${1%x*}" m="${1#*x}" dir
  dir="$(corpus_dir "$1")"
  local stamp="locales=$n messages=$m seed=$SEED generator=$GEN_HASH"
  if [ -f "$dir/.params" ] && [ "$(cat "$dir/.params")" = "$stamp" ]; then
    log "corpus $1: up to date ($dir)"
    return
  fi
  log "corpus $1: generating in $dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  "$GEN" content --out "$dir" --messages "$m" --seed "$SEED" >&2
  "$CARTA" -C "$dir" extract >/dev/null
  "$GEN" locales --out "$dir" --locales "$n" --messages "$m" --seed "$SEED" >&2
  # compare-locales' project file: every target locale, every .ftl (carta's *.ftl.sync
  # state files would otherwise be reported as obsolete files).
  local locales
  locales="$(cd "$dir/locales" && ls -d */ | tr -d / | grep -vx en-US | sed 's/.*/"&"/' | paste -sd, | sed 's/,/, /g')"
  printf '# compare-locales project for this corpus (bench/run.sh)\nbasepath = "."\nlocales = [%s]\n\n[[paths]]\nreference = "locales/en-US/**/*.ftl"\nl10n = "{l10n_base}/{locale}/**/*.ftl"\n' \
    "$locales" >"$dir/l10n.toml"
  echo "$stamp" >"$dir/.params"
}

# --- measuring --------------------------------------------------------------------------
rm -rf "$TMP" "$META"
mkdir -p "$TMP" "$META"
: >"$RAW"

# measure CORPUS STAGE RUNS PREP -- command...   (PREP: a function run before each run, or "-")
measure() {
  local corpus="$1" stage="$2" runs="$3" prep="$4"
  shift 5
  local r out wall user sys rss status t0 t1
  for r in $(seq 1 "$runs"); do
    [ "$prep" = "-" ] || "$prep"
    out="$TMP/time.txt"
    # Wall time from bash's microsecond clock (GNU time rounds to 10 ms); CPU time and
    # peak RSS from GNU time.
    t0="$EPOCHREALTIME"
    /usr/bin/time -v -o "$out" "$@" >/dev/null 2>"$TMP/stderr.txt" || true
    t1="$EPOCHREALTIME"
    wall="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
    user="$(sed -n 's/.*User time (seconds): //p' "$out")"
    sys="$(sed -n 's/.*System time (seconds): //p' "$out")"
    rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out")"
    status="$(sed -n 's/.*Exit status: //p' "$out")"
    status="${status:-signal}"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$corpus" "$stage" "$r" "$wall" \
      "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')" "$rss" "$status" >>"$RAW"
    log "  $corpus $stage run $r: ${wall} s wall, $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')s CPU, $((rss / 1024)) MB, exit $status"
    case "$status" in
      0|1|124) ;;
      *) log "  !! exit $status: $(head -c 400 "$TMP/stderr.txt")" ;;
    esac
  done
}

RUN="$TMP/project"
fresh_locales() { # a copy of the corpus whose locale files sync may rewrite
  rm -rf "$RUN"
  mkdir -p "$RUN"
  cp "$CUR/carta.toml" "$RUN/"
  cp -a "$CUR/locales" "$RUN/locales"
}
fresh_content() { # content only: extract writes every source file
  rm -rf "$RUN"
  mkdir -p "$RUN/locales/en-US"
  cp "$CUR/carta.toml" "$RUN/"
  cp -a "$CUR/content" "$RUN/content"
}
fresh_out() { rm -rf "$TMP/dist"; }

LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
for c in $CORPORA; do
  generate "$c"
done
for c in $CORPORA; do
  CUR="$(corpus_dir "$c")"
  n="${c%x*}"
  locales="$(cd "$CUR/locales" && ls -d */ | tr -d / | grep -vx en-US | tr '\n' ' ')"
  # Corpus facts: files and bytes (parse floor output), carta check totals (sanity).
  "$FLOOR" "$CUR/locales" >"$META/floor-$c.txt"
  "$CARTA" -C "$CUR" check --format json >"$META/check-$c.json" 2>/dev/null || true
  log "corpus $c: $(cat "$META/floor-$c.txt")"

  measure "$c" "extract" "$REPEAT" - -- "$CARTA" -C "$CUR" extract
  measure "$c" "extract (fresh)" "$REPEAT" fresh_content -- "$CARTA" -C "$RUN" extract
  measure "$c" "sync --check" "$REPEAT" - -- "$CARTA" -C "$CUR" sync --check
  measure "$c" "sync" "$REPEAT" fresh_locales -- "$CARTA" -C "$RUN" sync
  # The files that sync writes, rewritten with nothing else to do: sync's I/O floor.
  "$CARTA" -C "$CUR" sync --check | sed -n 's/^ *would change: //p' >"$META/sync-writes-$c.txt" || true
  measure "$c" "write floor" "$REPEAT" fresh_locales -- "$WFLOOR" "$RUN" "$META/sync-writes-$c.txt"
  measure "$c" "check" "$REPEAT" - -- "$CARTA" -C "$CUR" check --format json
  measure "$c" "build" "$REPEAT" fresh_out -- "$CARTA" -C "$CUR" build --out "$TMP/dist"
  measure "$c" "parse floor" "$REPEAT" - -- "$FLOOR" "$CUR/locales"
  cl_runs="$REPEAT"
  [ "$c" = "100x10000" ] && cl_runs=1
  # shellcheck disable=SC2086
  measure "$c" "compare-locales" "$cl_runs" - -- timeout "$CL_TIMEOUT" \
    "$CL" --return-zero --json "$TMP/cl-$c.json" "$CUR/l10n.toml" "$CUR/locales" $locales
  rm -rf "$RUN" "$TMP/dist"
done
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"
{
  printf 'CORPORA=%q\nLOAD_START=%q\nLOAD_END=%q\nCL_TIMEOUT=%q\nREPEAT=%q\n' \
    "$CORPORA" "$LOAD_START" "$LOAD_END" "$CL_TIMEOUT" "$REPEAT"
  printf 'CARTA_VERSION=%q\nCL_VERSION_TEXT=%q\nFD_LIMIT=%q\n' \
    "$("$CARTA" --version 2>&1 | head -n1)" "$("$CL" --version 2>&1 | tail -n1)" "$(ulimit -n)"
} >"$META/run.env"
# shellcheck disable=SC1090
. "$META/run.env"
fi # not --report

# --- report -----------------------------------------------------------------------------
python3 - "$RAW" "$HERE/results.md" "$META" "$CORPORA" "$LOAD_START" "$LOAD_END" "$CL_TIMEOUT" \
  "$CARTA_VERSION" "$CL_VERSION_TEXT" "$REPEAT" "$FD_LIMIT" <<'EOF'
import json, os, platform, re, statistics, sys, time
from collections import defaultdict

raw, out, tmp, corpora, load_start, load_end, cl_timeout, carta_v, cl_v, repeat, fd_limit = sys.argv[1:]
corpora = corpora.split()
runs = defaultdict(list)
for line in open(raw):
    c, stage, r, wall, cpu, rss, status = line.rstrip("\n").split("\t")
    runs[(c, stage)].append((float(wall or 0), float(cpu or 0), int(rss or 0), status))

def med(c, stage):
    rs = runs.get((c, stage))
    if not rs:
        return None
    return {
        "wall": statistics.median(r[0] for r in rs),
        "cpu": statistics.median(r[1] for r in rs),
        "rss": statistics.median(r[2] for r in rs) / 1024,
        "n": len(rs),
        "timeout": any(r[3] == "124" for r in rs),
        "failed": any(r[3] not in ("0", "1", "124") for r in rs),
    }

def label(c):
    n, m = c.split("x")
    return f"{int(n)}×{int(m):,}"

def cpuinfo():
    model = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem = "?"
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return model, os.cpu_count(), mem

stages = ["extract", "extract (fresh)", "sync --check", "sync", "check", "build", "parse floor", "write floor", "compare-locales"]
lines = []
model, ncpu, mem = cpuinfo()
lines.append(f"Machine: {model}, {ncpu} logical CPUs, {mem} RAM, {platform.system()} {platform.release()}; "
             f"load average {load_start} at the start, {load_end} at the end (other jobs share the CPUs).")
lines.append(f"carta: `{carta_v}`; {cl_v}; median of {repeat} runs "
             f"(compare-locales: 1 run on 100×10,000, killed after {cl_timeout} s); warm page cache.")
lines.append("")
lines.append("| corpus | files / MB (locales) | stage | wall s | CPU s (user+sys) | CPU ÷ wall | peak RSS MB | wall ÷ floor |")
lines.append("|---|---|---|---:|---:|---:|---:|---:|")
for c in corpora:
    facts = open(os.path.join(tmp, f"floor-{c}.txt")).read()
    m = re.search(r"(\d+) files, \d+ bytes \(([\d.]+) MB\)", facts)
    size = f"{m.group(1)} / {m.group(2)}" if m else "?"
    floor = med(c, "parse floor")
    for s in stages:
        r = med(c, s)
        if r is None:
            continue
        wall = f"{r['wall']:.3f}" if r["wall"] < 1 else f"{r['wall']:.2f}"
        if r["timeout"]:
            wall = f"> {r['wall']:.0f} (timeout)"
        if r["failed"]:
            wall += " (failed)"
        ratio = f"{r['wall'] / floor['wall']:.1f}×" if floor and floor["wall"] > 0 else "–"
        par = f"{r['cpu'] / r['wall']:.2f}" if r["wall"] > 0 else "–"
        lines.append(f"| {label(c)} | {size} | {s} | {wall} | {r['cpu']:.2f} | {par} | {r['rss']:.0f} | {ratio} |")

def ratio(c, a, b, key="wall"):
    ra, rb = med(c, a), med(c, b)
    if not ra or not rb or rb[key] == 0:
        return None, ""
    v = ra[key] / rb[key]
    return v, (">" if ra.get("timeout") else "")

lines.append("")
lines.append("Ratios (wall; CPU in brackets):")
lines.append("")
lines.append("| corpus | check ÷ floor | sync ÷ floor | sync --check ÷ floor | sync ÷ (floor + write floor) | compare-locales ÷ check |")
lines.append("|---|---:|---:|---:|---:|---:|")
def both_floors(c):
    a, b = med(c, "parse floor"), med(c, "write floor")
    if not a or not b:
        return None
    return {"wall": a["wall"] + b["wall"], "cpu": a["cpu"] + b["cpu"]}
for c in corpora:
    cells = []
    for a, b in [("check", "parse floor"), ("sync", "parse floor"), ("sync --check", "parse floor"), ("compare-locales", "check")]:
        w, p = ratio(c, a, b)
        u, _ = ratio(c, a, b, "cpu")
        if w is None:
            cells.append("–")
        elif u is None:
            cells.append(f"{p}{w:.1f}× (–)")
        else:
            cells.append(f"{p}{w:.1f}× ({p}{u:.1f}×)")
    s, f = med(c, "sync"), both_floors(c)
    cells.insert(3, f"{s['wall'] / f['wall']:.1f}× ({s['cpu'] / f['cpu']:.1f}×)" if s and f and f["wall"] and f["cpu"] else "–")
    lines.append(f"| {label(c)} | " + " | ".join(cells) + " |")
small, big = med("10x1000", "check"), med("100x1000", "check")
if small and big:
    lines.append("")
    lines.append(f"Peak memory of check, 100 vs 10 locales at 1,000 messages: {big['rss']:.0f} MB ÷ {small['rss']:.0f} MB = {big['rss'] / small['rss']:.2f}×.")

# Targets
lines.append("")
lines.append("Targets:")
lines.append("")
def verdict(ok):
    return "met" if ok else "**missed**"
L = "100x10000"
w, _ = ratio(L, "check", "parse floor")
if w is not None:
    lines.append(f"- check ≤ 1.5× the parse floor on 100×10,000: {w:.1f}× — {verdict(w <= 1.5)}")
w, p = ratio(L, "compare-locales", "check")
if w is not None:
    lines.append(f"- check ≥ 50× faster than compare-locales on 100×10,000: {p}{w:.0f}× — {verdict(w >= 50)}")
if small and big:
    g = big["rss"] / small["rss"]
    lines.append(f"- check peak memory 100 locales ≤ 1.5× 10 locales (1,000 messages): {g:.2f}× — {verdict(g <= 1.5)}")
for c in corpora:
    w, _ = ratio(c, "sync", "parse floor")
    if w is not None:
        wf = med(c, "write floor")
        extra = ""
        if wf:
            files = sum(1 for l in open(os.path.join(tmp, f"sync-writes-{c}.txt")) if l.strip())
            extra = (f" (it writes {files:,} files; replacing just those files with sync's own write primitive, "
                     f"the write floor, takes {wf['wall']:.2f} s = {wf['wall'] / med(c, 'parse floor')['wall']:.1f}× the parse floor by itself; "
                     f"sync --check, everything but the writes: {ratio(c, 'sync --check', 'parse floor')[0]:.1f}×)")
        lines.append(f"- sync ≤ 3× the parse floor on {label(c)}: {w:.1f}× — {verdict(w <= 3)}{extra}")
for c in corpora:
    b = med(c, "build")
    if not b:
        continue
    if b["failed"]:
        lines.append(f"- build in seconds ({label(c)}): **failed** (exit 2, see below) after {b['wall']:.1f} s wall, {b['cpu']:.1f} s CPU, {b['rss']:.0f} MB")
    else:
        lines.append(f"- build in seconds, not minutes ({label(c)}): {b['wall']:.1f} s — {verdict(b['wall'] < 60)}")
failed = sorted({(c, s) for (c, s), rs in runs.items() if any(r[3] not in ("0", "1", "124") for r in rs)})
if failed:
    lines.append("")
    lines.append("Failed runs (exit status ≥ 2): " + ", ".join(f"{s} on {label(c)}" for c, s in failed) +
                 f". The open-file limit was {fd_limit}; run.sh's log (stderr) has the error messages.")

# Sanity: what carta check sees in each corpus.
lines.append("")
lines.append("Corpus sanity (`carta check` totals over all locales): ")
lines.append("")
lines.append("| corpus | locales | messages/locale | missing | outdated | obsolete | errors | warnings |")
lines.append("|---|---:|---:|---:|---:|---:|---:|---:|")
for c in corpora:
    try:
        d = json.load(open(os.path.join(tmp, f"check-{c}.json")))
        s = d["summary"]
        tot = lambda k: sum(x[k] for x in s)
        lines.append(f"| {label(c)} | {len(s)} | {s[0]['messages']:,} | {tot('missing'):,} | {tot('outdated'):,} | {tot('obsolete'):,} | {tot('errors'):,} | {tot('warnings'):,} |")
    except Exception as e:  # noqa
        lines.append(f"| {label(c)} | ? | ? | ? | ? | ? | ? | ({e}) |")

text = "\n".join(lines) + "\n"
header = (f"# carta benchmark results\n\nWritten by `bench/run.sh` on {time.strftime('%Y-%m-%d %H:%M %Z')}. "
          "See BENCHMARKS.md for what the stages are and what limits them.\n\n")
open(out, "w").write(header + text)
print(text)
EOF
log "wrote $HERE/results.md"
