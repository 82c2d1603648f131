"""translate-toolkit reads carta's exports; targets it sets import into carta.

Called by run.sh: check.py CARTA PROJECT WORKDIR. Prints one line per check; exit 1 on
the first disagreement, with what differed.
"""

import json
import os
import re
import subprocess
import sys

from translate.storage import po, tmx, xliff, xliff2

CARTA, PROJECT, WORK = sys.argv[1:4]
FORMATS = {
    "xliff2": (xliff2.Xliff2File, "xlf"),
    "xliff1": (xliff.xlifffile, "xlf"),
    "po": (po.pofile, "po"),
    "tmx": (tmx.tmxfile, "tmx"),
}


def carta(*args, code=0):
    r = subprocess.run([CARTA, "-C", PROJECT, *args], capture_output=True, text=True)
    if r.returncode != code:
        sys.exit(f"carta {' '.join(args)} exited {r.returncode}:\n{r.stdout}\n{r.stderr}")
    return r.stdout


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def unit_id(u, fmt):
    if fmt == "po":
        return u.getcontext()
    uid = u.getid()
    return uid.split("\x04")[-1]


def load(fmt, path):
    cls = FORMATS[fmt][0]
    with open(path, "rb") as f:
        return cls.parsestring(f.read())


def no_markdown(text):
    text = re.sub(r"\]\([^)\s]*\)", "", text)
    return re.sub(r"\*\*|\*|`|\[", "", text)


carta("build", "--locale", "en-US")
with open(os.path.join(PROJECT, "dist", "en-US", "messages.json"), encoding="utf-8") as f:
    messages = json.load(f)["messages"]
sources = {}
for mid, m in messages.items():
    if m.get("value") is not None:
        sources[mid] = m["value"]
    for attr, text in (m.get("attributes") or {}).items():
        sources[f"{mid}.{attr}"] = text

locales = sorted(
    d for d in os.listdir(os.path.join(PROJECT, "locales"))
    if os.path.isdir(os.path.join(PROJECT, "locales", d)) and d != "en-US"
)
checked = 0
for tag in locales:
    for fmt, (_, ext) in FORMATS.items():
        path = os.path.join(WORK, f"{tag}.{fmt}.{ext}")
        carta("export", "--locale", tag, "--format", fmt, "-o", path)
        store = load(fmt, path)
        units = [u for u in store.units if not u.isheader()]
        if not units:
            fail(f"{tag} {fmt}: translate-toolkit read no units")
        for u in units:
            uid = unit_id(u, fmt)
            if uid not in sources:
                fail(f"{tag} {fmt}: unit {uid!r} is not a source message")
            want = sources[uid]
            got = str(u.source)
            if fmt == "xliff2":
                want = no_markdown(want)
            if got != want:
                fail(f"{tag} {fmt}: unit {uid}: translate-toolkit reads source {got!r}, carta's is {want!r}")
            checked += 1
print(f"translate-toolkit read {checked} units of {len(locales)} locales x {len(FORMATS)} formats; every source agrees")

carta("add-locale", "de")
for fmt in ["xliff2", "xliff1", "po"]:
    ext = FORMATS[fmt][1]
    path = os.path.join(WORK, f"de.{fmt}.{ext}")
    carta("export", "--locale", "de", "--format", fmt, "--only", "missing", "-o", path)
    store = load(fmt, path)
    done = []
    for u in store.units:
        if u.isheader():
            continue
        uid = unit_id(u, fmt)
        src = str(u.source)
        # XLIFF carries codes as elements, which a plain-string target would drop: only
        # plain units there. PO text is Fluent syntax, so every unit can be set.
        if fmt != "po" and no_markdown(src) != src:
            continue
        if fmt == "po":
            u.target = f"[{fmt}] {src}"
            u.markfuzzy(False)
        else:
            u.settarget(f"[{fmt}] {src}")
            u.marktranslated()
        done.append(uid)
        if len(done) == 4:
            break
    with open(path, "wb") as f:
        store.serialize(f)
    # Before the import, check reports each of them as missing (so the check after it
    # can fail).
    before = json.loads(carta("check", "--locale", "de", "--format", "json"))
    missing = {d["message_id"] for d in before["diagnostics"] if d.get("code") == "W001"}
    for uid in done:
        if uid.split(".")[0] not in missing:
            fail(f"de {fmt}: {uid} is not reported missing before the import")
    out = carta("import", path)
    for uid in done:
        if f"imported: {uid}\n" not in out:
            fail(f"de {fmt}: {uid} was set through translate-toolkit but not imported:\n{out}")
    check = carta("check", "--locale", "de", "--format", "json")
    report = json.loads(check)
    for d in report.get("diagnostics", []):
        mid = d.get("message_id")
        if mid and any(uid == mid or uid.startswith(mid + ".") for uid in done):
            if d.get("severity") == "error" or d.get("code") in ("W001", "W002"):
                fail(f"de {fmt}: after import, check reports {d.get('code')} for {mid}: {d.get('message')}")
    print(f"de {fmt}: {len(done)} target(s) set through translate-toolkit imported; check is clean for them")
