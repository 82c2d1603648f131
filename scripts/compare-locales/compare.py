#!/usr/bin/env python3
"""Compare `carta check` with Mozilla's compare-locales on one Fluent project.

Python 3.11+, standard library only. Two subcommands, both called by run.sh:

  compare.py prepare PROJECT OUT_TOML [LOCALE...]
      Writes an l10n.toml for compare-locales that describes PROJECT the way carta
      reads it, and prints two lines: the l10n base folder, then the locales
      (space-separated).

  compare.py compare PROJECT CL_JSON CARTA_JSON [LOCALE...]
      Prints a side-by-side table per locale and exits 0 when every row agrees or
      differs only as documented (docs/compare-locales.md, D1...), 1 otherwise.

Rows and how each tool's number is read:

  row               compare-locales                  carta (check --format json)
  missing           summary.missing                  summary.missing
  obsolete          summary.obsolete                 summary.obsolete
  errors (syntax)   errors "Unparsed content ..."    diagnostics check=syntax, severity=error
  errors (other)    every other error                every other diagnostic with severity=error
  errors (total)    summary.errors                   diagnostics with severity=error

A row's verdict:
  agree          the two numbers are equal
  known [Dn..]   they differ, and taking out the documented deliberate differences
                 (DOCS below, with the same ids in the doc) makes them equal
  DIFFER         anything else; [Bn?] names a suspected carta bug (BUGS below) that
                 accounts for the difference
"""

from __future__ import annotations

import json
import os
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# Keep the ids and wording in step with docs/compare-locales.md.
DOCS = {
    "D1": "fallback: carta counts a message translated in a fallback locale as translated "
    "(summary.via_fallback); compare-locales knows no fallbacks and counts it missing",
    "D2": "duplicate IDs: compare-locales reports one error per duplicated ID "
    "('x occurs N times'), carta one per extra definition (N-1)",
    "D3": "carta-only error checks (unknown-variable, unknown-reference, format): "
    "compare-locales has no such check for Fluent, or only warns",
    "D4": "message defined in another file than the source's: compare-locales counts it "
    "obsolete in that file; carta's obsolete means 'in no source file at all'",
    "D5": "missing file whose source defines an ID twice: compare-locales counts every "
    "definition as missing, carta each ID once",
    "D6": "carta.toml [check.severity] changes a check's severity: carta's error count "
    "follows it, compare-locales' severities are fixed",
    "D7": "syntax error in the source: compare-locales warns 'Parser error in en-US' in "
    "every locale; carta reports it once, in the source's own row",
    "D8": "UTF-8 byte order mark: carta strips it; compare-locales parses it as text, so "
    "the file's first entry is junk (and missing)",
    "D9": "broken attribute line: carta's parser (like the Fluent reference parser) keeps "
    "the message without that attribute; compare-locales' parser makes the whole "
    "message junk, so counts it missing",
    "D10": "an obsolete attribute defined twice: carta reports each definition, "
    "compare-locales each attribute name once",
    "D12": "junk recovery: after a syntax error found on the line after an entry (an "
    "unclosed `{` at the end of a line), carta parses like fluent-rs, the runtime it "
    "builds with, which swallows the next line into the junk; compare-locales, "
    "@fluent/bundle and the Fluent spec keep the next message. carta's check then agrees "
    "with what its fluent-rs build renders",
}

BUGS = {
    "B1": "carta reports an `attributes` error (E004) for a *term* whose attributes "
    "differ from the source; term attributes are private to each locale (e.g. "
    "`.gender`) and compare-locales does not compare them",
    "B2": "a syntax error detected on the line after an entry (an unclosed `{` at the "
    "end of a line) makes carta's parser swallow the next line, i.e. the next message, "
    "into the junk; compare-locales, @fluent/bundle and the Fluent spec keep it",
    "B3": "carta reports `unknown-variable` (E005) for a variable of a *term*; a term's "
    "variables are the parameters of its call sites (`-brand(case: \"gen\")`), "
    "never passed by the app, so the source term need not use them",
    "B6": "carta silently skips a locale folder whose name is not a canonical BCP 47 "
    "tag (pt_BR, zh-hans); compare-locales checks it",
}

CARTA_ONLY_ERRORS = ("unknown-variable", "unknown-reference", "format")
STRUCTURE_CHECKS = ("value-shape", "attributes")
# Checks that are errors by default (src/check/mod.rs); any other check at error
# severity was raised by carta.toml.
DEFAULT_ERROR_CHECKS = {"syntax", "duplicate-id", *STRUCTURE_CHECKS, *CARTA_ONLY_ERRORS}

ID_LINE = re.compile(r"^(-?[A-Za-z][A-Za-z0-9_-]*)[ \t]*=", re.M)
JUNK_MSG = re.compile(
    r'^Unparsed content "(.*)" from line (\d+) column (\d+) to line (\d+) column (\d+)$',
    re.S,
)
DUP_MSG = re.compile(r"^(\S+) occurs (\d+) times$")
STRUCT_MSG = re.compile(
    r"^(Missing value|Obsolete value|Missing attribute: \S+|Obsolete attribute: \S+)"
    r" at line \d+, column \d+ for (\S+)$"
)
LACKS_ATTR = re.compile(r"lacks the attribute `\.")


# ---------------------------------------------------------------------------------------
# The project, as carta reads it (src/config.rs, src/project.rs).


@dataclass
class Layout:
    root: Path
    source: str
    locales_dir: Path
    config_locales: list[str]

    def locale_dir(self, tag: str) -> Path:
        return self.locales_dir / tag


def read_layout(project: Path) -> Layout:
    cfg = {}
    path = project / "carta.toml"
    if path.is_file():
        with open(path, "rb") as fh:
            cfg = tomllib.load(fh)
    return Layout(
        root=project,
        source=cfg.get("source-locale", "en-US"),
        locales_dir=(project / cfg.get("locales-dir", "locales")).resolve(),
        config_locales=list(cfg.get("locales", [])),
    )


def target_locales(layout: Layout, given: list[str]) -> list[str]:
    """The locales given, else carta.toml's `locales`, else every folder of the locales
    folder (hidden ones aside) other than the source."""
    if given:
        tags = given
    elif layout.config_locales:
        tags = layout.config_locales
    else:
        tags = [
            p.name
            for p in layout.locales_dir.iterdir()
            if p.is_dir() and not p.name.startswith(".")
        ]
    return sorted(t for t in set(tags) if t != layout.source)


def cmd_prepare(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: compare.py prepare PROJECT OUT_TOML [LOCALE...]", file=sys.stderr)
        return 2
    project = Path(argv[0]).resolve()
    layout = read_layout(project)
    if not layout.locale_dir(layout.source).is_dir():
        print(f"compare.py: no source folder {layout.locale_dir(layout.source)}", file=sys.stderr)
        return 2
    locales = target_locales(layout, argv[2:])
    rel = os.path.relpath(layout.locales_dir, project).replace(os.sep, "/")
    q = json.dumps  # a JSON string is a valid TOML basic string
    text = "\n".join(
        [
            f"# Generated by scripts/compare-locales/compare.py for {project}",
            f"basepath = {q(str(project))}",
            "locales = [" + ", ".join(q(t) for t in locales) + "]",
            "",
            "[[paths]]",
            # *.ftl only, as carta reads: its other files (*.ftl.sync, glossary.toml,
            # NOTES.md) would otherwise all be obsolete files for compare-locales.
            f"reference = {q(f'{rel}/{layout.source}/**/*.ftl')}",
            'l10n = "{l10n_base}/{locale}/**/*.ftl"',
            "",
        ]
    )
    Path(argv[1]).write_text(text, encoding="utf-8")
    print(layout.locales_dir)
    print(" ".join(locales))
    return 0


# ---------------------------------------------------------------------------------------
# Reading both tools' output.


def flatten_details(node, prefix=""):
    """compare-locales' details tree (path segments merged on common prefixes) into
    {"<locale>/<file>": [items]}."""
    if isinstance(node, list):
        return {prefix: node}
    out = {}
    for key, sub in node.items():
        out.update(flatten_details(sub, f"{prefix}/{key}" if prefix else key))
    return out


@dataclass
class Junk:
    file: str
    content: str
    first: int  # line numbers, 1-based
    last: int


@dataclass
class ClLocale:
    summary: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)  # file (in the locale folder) -> items

    def items(self, kind):
        for f, items in self.files.items():
            for it in items:
                if kind in it:
                    yield f, it[kind]

    def errors(self):
        return [m for _, m in self.items("error")]

    def junks(self) -> list[Junk]:
        out = []
        for f, m in self.items("error"):
            j = JUNK_MSG.match(m)
            if j:
                out.append(Junk(f, j.group(1), int(j.group(2)), int(j.group(4))))
        return out


def read_cl(path: Path) -> dict[str, ClLocale]:
    out: dict[str, ClLocale] = {}
    for observer in json.loads(path.read_text(encoding="utf-8")):
        for loc, summ in observer.get("summary", {}).items():
            out.setdefault(loc, ClLocale()).summary = summ
        for full, items in flatten_details(observer.get("details", {})).items():
            loc, _, rel = full.partition("/")
            out.setdefault(loc, ClLocale()).files.setdefault(rel, []).extend(items)
    return out


def read_carta(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    summary = {s["locale"]: s for s in data.get("summary", [])}
    diags: dict[str, list] = {}
    for d in data.get("diagnostics", []):
        diags.setdefault(d["locale"], []).append(d)
    return summary, diags


def ids_in(path: Path) -> list[str]:
    """Top-level message and term IDs of an FTL file, in order, duplicates kept. A line
    scan, not a Fluent parser: used only to explain differences, never to count."""
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return []
    return ID_LINE.findall(text)


def file_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return []


# ---------------------------------------------------------------------------------------
# The comparison.


@dataclass
class Row:
    name: str
    cl: int | None
    carta: int | None
    # (tag, change to compare-locales' number, change to carta's number, note)
    adjust: list[tuple[str, int, int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    verdict: str = ""

    def add(self, tag: str, d_cl: int, d_carta: int, note: str):
        self.adjust.append((tag, d_cl, d_carta, note))

    def judge(self):
        if self.cl is None or self.carta is None:
            self.verdict = "DIFFER"
            return
        tags = sorted({a[0] for a in self.adjust if a[1] or a[2]}, key=lambda t: (t[0], int(t[1:])))
        if self.cl == self.carta:
            self.verdict = "agree"
            return
        cl = self.cl + sum(a[1] for a in self.adjust)
        ca = self.carta + sum(a[2] for a in self.adjust)
        docs = [t for t in tags if t.startswith("D")]
        bugs = [t for t in tags if t.startswith("B")]
        if cl == ca and not bugs:
            self.verdict = "known [" + " ".join(docs) + "]"
            return
        marks = docs + [b + "?" for b in bugs]
        self.verdict = "DIFFER" + (" [" + " ".join(marks) + "]" if marks else "")
        if cl != ca:
            self.notes.append(
                f"unexplained: compare-locales {cl} vs carta {ca}"
                + (" once the differences above are taken out" if self.adjust else "")
            )

    def lines(self):
        for tag, d_cl, d_ca, note in self.adjust:
            if d_cl or d_ca or note:
                yield f"{tag}: {note}"
        yield from self.notes


def compare_locale(layout: Layout, loc: str, cl: ClLocale | None, summ: dict | None,
                   diags: list, src_ids: dict[str, list[str]]) -> list[Row]:
    # compare-locales lists a locale once it compared a file for it: nothing at all means
    # there was nothing to compare, i.e. zero everywhere.
    cl = cl or ClLocale()
    have_carta = summ is not None
    summ = summ or {}
    loc_dir = layout.locale_dir(loc)
    prefix = os.path.relpath(loc_dir, layout.root).replace(os.sep, "/") + "/"

    # A missing message points at the source's definition (same file name there).
    src_prefix = os.path.relpath(layout.locale_dir(layout.source), layout.root).replace(os.sep, "/") + "/"

    def rel(d):  # carta's path (relative to the project) -> file in the locale folder
        f = d.get("file") or ""
        for p in (prefix, src_prefix):
            if f.startswith(p):
                return f[len(p):]
        return f

    all_src = {i for ids in src_ids.values() for i in ids}
    junks = cl.junks()
    errs = [d for d in diags if d["severity"] == "error"]
    syntax = [d for d in diags if d["check"] == "syntax"]
    cl_missing = {(f, i) for f, i in cl.items("missingEntity")}
    carta_missing = {(rel(d), d["message_id"]) for d in diags if d["check"] == "missing"}
    lines_of = {}

    def line(f, n):
        if f not in lines_of:
            lines_of[f] = file_lines(loc_dir / f)
        ls = lines_of[f]
        return ls[n - 1] if 0 < n <= len(ls) else ""

    # Entries carta's parser swallowed (B2): a syntax error reported past the first
    # column of a line that starts an entry, which compare-locales did not junk from
    # that line on its own, or junked together with an entry before it.
    swallowed = []  # (file, line, id)
    for d in syntax:
        f, n, col = rel(d), d.get("line") or 0, d.get("column") or 0
        m = ID_LINE.match(line(f, n))
        if not m or col <= 1:
            continue
        own = [j for j in junks if j.file == f and j.first == n]
        earlier = [j for j in junks if j.file == f and j.first < n <= j.last]
        if earlier:
            continue  # compare-locales' junk spans both lines as well
        # the junk right before line n (blank lines aside) that carta reports nowhere
        prev = [j for j in junks if j.file == f and j.last < n
                and all(not line(f, k).strip() for k in range(j.last + 1, n))
                and not any(j.first <= (s.get("line") or 0) <= j.last for s in syntax if rel(s) == f)]
        if not own or prev:
            swallowed.append((f, n, m.group(1), bool(own)))

    # Messages carta keeps without a broken attribute line (D9): compare-locales junks
    # the whole message and counts it missing; carta's syntax error sits in the same junk.
    salvaged = []  # (file, id)
    for j in junks:
        if j.last <= j.first:
            continue
        m = ID_LINE.match(j.content.lstrip("\ufeff"))
        if not m or (j.file, m.group(1)) not in cl_missing:
            continue
        if (j.file, m.group(1)) in carta_missing:
            continue
        if any(rel(d) == j.file and j.first < (d.get("line") or 0) <= j.last for d in syntax):
            salvaged.append((j.file, m.group(1)))
    bom_junks = [j for j in junks if j.content.startswith("\ufeff")]

    rows = []

    # ---- missing
    r = Row("missing", cl.summary.get("missing", 0), summ.get("missing") if have_carta else None)
    via = summ.get("via_fallback", 0)
    if via:
        r.add("D1", 0, via, f"{via} message(s) translated via fallback: carta's missing + via_fallback")
    for f, _ in cl.items("missingFile"):
        ids = src_ids.get(f, [])
        extra = len(ids) - len(set(ids))
        if extra:
            r.add("D5", -extra, 0, f"{f} is missing and its source defines {extra} ID(s) more than once")
    for j in bom_junks:
        m = ID_LINE.match(j.content.lstrip("\ufeff"))
        if m and (j.file, m.group(1)) in cl_missing:
            r.add("D8", -1, 0, f"{j.file} starts with a BOM: `{m.group(1)}` is junk for compare-locales")
    for f, i in salvaged:
        r.add("D9", -1, 0, f"`{i}` in {f} has a broken attribute line")
    for f, n, i, _ in swallowed:
        if (f, i) in carta_missing and (f, i) not in cl_missing:
            r.add("D12", 0, -1, f"`{i}` ({f}:{n}) swallowed by the junk before it")
    only_cl = sorted(i for f, i in cl_missing - carta_missing if not any(f == s[0] and i == s[1] for s in salvaged))
    only_ca = sorted(i for f, i in carta_missing - cl_missing if not any(f == s[0] and i == s[2] for s in swallowed))
    if (only_cl or only_ca) and any(d["check"] == "missing" for d in diags) and not via:
        r.notes.append(f"IDs missing only for compare-locales: {only_cl or '-'}; only for carta: {only_ca or '-'}")
    rows.append(r)

    # ---- obsolete
    r = Row("obsolete", cl.summary.get("obsolete", 0), summ.get("obsolete") if have_carta else None)
    cl_obsolete = {i for _, i in cl.items("obsoleteEntity")}
    for f, i in cl.items("obsoleteEntity"):
        if i in all_src:
            r.add("D4", -1, 0, f"`{i}` in {f} is defined by another source file")
    for d in diags:
        if d["check"] == "obsolete" and d["message_id"] in all_src and d["message_id"] not in cl_obsolete:
            r.add("D12", 0, -1, f"`{d['message_id']}` is in the source, but carta's parser swallowed its source definition")
    rows.append(r)

    # ---- errors (syntax)
    cl_syntax = len(junks)
    ca_syntax = sum(1 for d in errs if d["check"] == "syntax")
    r = Row("errors (syntax)", cl_syntax, ca_syntax if have_carta else None)
    lowered = sum(1 for d in syntax if d["severity"] != "error")
    if lowered:
        r.add("D6", 0, lowered, f"carta.toml lowers {lowered} syntax diagnostic(s) below error")
    for j in bom_junks:
        r.add("D8", -1, 0, f"{j.file}: the BOM makes line 1 junk")
    for f, n, i, own in swallowed:
        if own:
            r.add("D12", -1, 0, f"{f}:{n} (`{i}`): compare-locales' own junk, merged by carta into the one before it")
    src_junk = sum(1 for _, w in cl.items("warning") if w.startswith("Parser error in"))
    if src_junk:
        r.add("D7", 0, 0, f"compare-locales warns 'Parser error in {layout.source}' x{src_junk}: the source has junk")
    rows.append(r)

    # ---- errors (other)
    cl_err = cl.errors()
    cl_other = len(cl_err) - cl_syntax
    ca_other = len(errs) - ca_syntax
    r = Row("errors (other)", cl_other, ca_other if have_carta else None)
    by_check = Counter(d["check"] for d in errs)
    dups = [m for m in map(DUP_MSG.match, cl_err) if m]
    extra_defs = sum(int(m.group(2)) - 1 for m in dups)
    if extra_defs != len(dups):
        r.add("D2", extra_defs - len(dups), 0,
              f"{len(dups)} duplicated ID(s) = {extra_defs} extra definition(s), carta's unit")
    term_vars = [d for d in errs if d["check"] == "unknown-variable"
                 and (d.get("message_id") or "").startswith("-")]
    for d in term_vars:
        r.add("B3", 0, -1, f"{d['file']}:{d['line']} {d['message']}")
    only = {c: by_check[c] - (len(term_vars) if c == "unknown-variable" else 0)
            for c in CARTA_ONLY_ERRORS}
    only = {c: n for c, n in only.items() if n}
    if only:
        r.add("D3", 0, -sum(only.values()), ", ".join(f"{c} x{n}" for c, n in only.items()))
    raised = {c: n for c, n in by_check.items() if c not in DEFAULT_ERROR_CHECKS}
    if raised:
        r.add("D6", 0, -sum(raised.values()),
              "carta.toml raises to error: " + ", ".join(f"{c} x{n}" for c, n in sorted(raised.items())))
    low = Counter(d["check"] for d in diags if d["severity"] != "error"
                  and d["check"] in ("duplicate-id", *STRUCTURE_CHECKS))
    if low:
        r.add("D6", 0, sum(low.values()),
              "carta.toml lowers below error: " + ", ".join(f"{c} x{n}" for c, n in sorted(low.items())))
    struct = [d for d in errs if d["check"] in STRUCTURE_CHECKS]
    terms = [d for d in struct if (d.get("message_id") or "").startswith("-")]
    for d in terms:
        r.add("B1", 0, -1, f"{d['file']}:{d['line']} {d['message']}")
    salvaged_ids = {(f, i) for f, i in salvaged}
    for d in struct:
        if (rel(d), d.get("message_id")) in salvaged_ids and LACKS_ATTR.search(d["message"]):
            r.add("D9", 0, -1, f"{d['file']}:{d['line']} {d['message']} (the broken attribute)")
    seen = Counter((d.get("file"), d.get("message_id"), d["message"]) for d in struct
                   if not (d.get("message_id") or "").startswith("-"))
    twice = sum(n - 1 for n in seen.values() if n > 1)
    if twice:
        r.add("D10", 0, -twice, f"{twice} repeated attribute error(s)")
    rows.append(r)

    # ---- errors (total): the sum of the two rows above
    r = Row("errors (total)", cl.summary.get("errors", 0), len(errs) if have_carta else None)
    for sub in rows[-2:]:
        r.adjust.extend((t, a, b, "") for t, a, b, _ in sub.adjust)
    rows.append(r)

    for row in rows:
        row.judge()
    if not have_carta:
        hint = ""
        if loc_dir.is_dir():
            hint = " (its folder exists: is the name a canonical BCP 47 tag? see B6)"
            rows[0].verdict = "DIFFER [B6?]"
        rows[0].notes.append("carta has no result for this locale" + hint)
    return rows


def fmt(n):
    return "-" if n is None else str(n)


def cmd_compare(argv: list[str]) -> int:
    if len(argv) < 3:
        print("usage: compare.py compare PROJECT CL_JSON CARTA_JSON [LOCALE...]", file=sys.stderr)
        return 2
    project = Path(argv[0]).resolve()
    layout = read_layout(project)
    try:
        cl = read_cl(Path(argv[1]))
    except (OSError, ValueError) as e:
        print(f"compare.py: cannot read compare-locales' JSON {argv[1]}: {e}", file=sys.stderr)
        return 2
    try:
        carta_summary, carta_diags = read_carta(Path(argv[2]))
    except (OSError, ValueError, KeyError) as e:
        print(f"compare.py: cannot read carta's JSON {argv[2]}: {e}", file=sys.stderr)
        return 2
    locales = argv[3:] or sorted(set(cl) | set(carta_summary))
    src_dir = layout.locale_dir(layout.source)
    src_ids = {p.relative_to(src_dir).as_posix(): ids_in(p) for p in sorted(src_dir.rglob("*.ftl"))}

    tally = Counter()
    tags = set()
    for loc in locales:
        rows = compare_locale(layout, loc, cl.get(loc), carta_summary.get(loc),
                              carta_diags.get(loc, []), src_ids)
        print(f"== {loc}")
        print(f"  {'':16} {'compare-locales':>15} {'carta':>6}  verdict")
        for r in rows:
            print(f"  {r.name:16} {fmt(r.cl):>15} {fmt(r.carta):>6}  {r.verdict}")
            kind = r.verdict.split()[0]
            tally[kind] += 1
            tags.update(re.findall(r"[DB]\d+", r.verdict))
        for r in rows[:-1]:  # the total's notes repeat the rows above
            for note in r.lines():
                print(f"    {r.name}: {note}")
        print()
    for t in sorted(tags, key=lambda t: (t[0] == "B", int(t[1:]))):
        if t.startswith("D"):
            print(f"{t}: {DOCS[t]}")
        else:
            print(f"{t} (suspected carta bug): {BUGS[t]}")
    if tags:
        print()
    print(f"{len(locales)} locale(s): {tally['agree']} row(s) agree, "
          f"{tally['known']} differ as documented, {tally['DIFFER']} DIFFER")
    return 1 if tally["DIFFER"] else 0


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("prepare", "compare"):
        print(__doc__, file=sys.stderr)
        return 2
    return (cmd_prepare if sys.argv[1] == "prepare" else cmd_compare)(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
