//! Generates a deterministic benchmark corpus for carta (see `bench/run.sh`).
//!
//! ```text
//! cargo run --release --example gen_corpus -- content --out DIR --messages M [--seed S] [--docs D]
//! carta -C DIR extract
//! cargo run --release --example gen_corpus -- locales --out DIR --locales N [--messages M] [--seed S]
//! ```
//!
//! Phase `content` writes `DIR/carta.toml`, `DIR/content/*.md` (D handouts, default M/100:
//! title, headings, paragraphs, numbered `**Title**: body` items, bullets, a quote, links,
//! emphasis, numbers) and a non-handout source file set `DIR/locales/en-US/app/**.ftl`
//! (Firefox-like nested files of ~200 messages: attributes, plural selects, terms and
//! term references, `$variables`, functions, message references, comments, group
//! comments), sized so that handouts + app files hold exactly M messages (terms count as
//! messages, as in carta). The handouts' source FTL is *not* written here: run the real
//! `carta extract` between the two phases, so the IDs are carta's own.
//!
//! Phase `locales` reads every source FTL (fluent-syntax) and writes N target locales
//! (real BCP 47 tags, see [`LOCALES`]), each file a mix per message of ~93% translated
//! (deterministic pseudo-translation into the locale's script that keeps placeables,
//! numbers, Markdown link targets and emphasis intact, adapts plural variants to the
//! locale's CLDR categories and follows its punctuation), 2.5% `# TODO` templates, 2.5%
//! absent, 1.5% outdated since the last sync (the `.ftl.sync` state records an older
//! source text), 0.5% under a `# carta-outdated` marker from an earlier sync, 0.5%
//! copied untranslated; plus ~1% obsolete messages in a `## carta: obsolete` section at
//! the end, a junk entry (syntax error) in one file of every 10th locale, and comments.
//! Beside each locale file it writes the `.ftl.sync` state `carta sync` would have
//! written. Work is spread over all cores (rayon), one (locale, file) pair per task, each
//! written as soon as it is made, so memory stays at a few source files' worth.
//!
//! Same arguments → same bytes: every random choice comes from a splitmix64 generator
//! seeded with the seed and the name of what is being generated, never from thread order.
//!
//! Locale files are assembled from carta's own pieces (`Catalog` spans and patterns,
//! `sync::template`, `sync::header`, `sync::marker_lines`, `State::render`), so the corpus
//! is in exactly the formats `carta sync` writes and follows them when they change.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use carta::catalog::{Catalog, EntryKind};
use fluent_syntax::ast;
use rayon::prelude::*;

// ------------------------------------------------------------------------------------
// Arguments

struct Args {
    phase: String,
    out: PathBuf,
    locales: usize,
    messages: Option<usize>,
    seed: u64,
    docs: Option<usize>,
}

fn usage() -> ! {
    eprintln!(
        "usage: gen_corpus content --out DIR --messages M [--seed S] [--docs D]\n       \
         gen_corpus locales --out DIR --locales N [--messages M] [--seed S]\n\n\
         Run `carta -C DIR extract` between the two phases."
    );
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut it = std::env::args().skip(1);
    let phase = it.next().unwrap_or_else(|| usage());
    if phase != "content" && phase != "locales" {
        usage();
    }
    let mut args = Args {
        phase,
        out: PathBuf::new(),
        locales: 0,
        messages: None,
        seed: 1,
        docs: None,
    };
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| usage());
        let num = || -> usize {
            value.replace(['_', ','], "").parse().unwrap_or_else(|_| {
                eprintln!("gen_corpus: {flag} wants a number, not `{value}`");
                std::process::exit(2)
            })
        };
        match flag.as_str() {
            "--out" => args.out = PathBuf::from(&value),
            "--locales" => args.locales = num(),
            "--messages" => args.messages = Some(num()),
            "--seed" => args.seed = num() as u64,
            "--docs" => args.docs = Some(num()),
            _ => usage(),
        }
    }
    if args.out.as_os_str().is_empty() {
        usage();
    }
    if args.phase == "content" && args.messages.is_none() {
        usage();
    }
    if args.phase == "locales" && (args.locales == 0 || args.locales > LOCALES.len()) {
        eprintln!("gen_corpus: --locales must be 1..={}", LOCALES.len());
        std::process::exit(2);
    }
    args
}

fn main() {
    let args = parse_args();
    let started = Instant::now();
    let result = match args.phase.as_str() {
        "content" => content_phase(&args),
        _ => locales_phase(&args),
    };
    if let Err(e) = result {
        eprintln!("gen_corpus: {e}");
        std::process::exit(1);
    }
    eprintln!(
        "gen_corpus {}: done in {:.2}s",
        args.phase,
        started.elapsed().as_secs_f64()
    );
}

type Res<T> = Result<T, String>;

fn write(path: &Path, text: &str) -> Res<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn remove_dir(path: &Path) -> Res<()> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

// ------------------------------------------------------------------------------------
// Deterministic randomness

/// splitmix64, seeded from the corpus seed and a name (FNV-1a of the name).
struct Rng(u64);

impl Rng {
    fn new(seed: u64, name: &str) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        for b in name.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        let mut r = Rng(h);
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// 0 → `a`, 25 → `z`, 26 → `ba`, …: a number as letters.
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn title_case(s: &str) -> String {
    const SMALL: &[&str] = &[
        "a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "with", "from", "your",
    ];
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && SMALL.contains(&w) {
                w.to_string()
            } else {
                cap(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

// ------------------------------------------------------------------------------------
// Phase 1: handouts (Markdown) and the app source files

const TOPICS: &[&str] = &[
    "knee osteoarthritis",
    "lower back pain",
    "rotator cuff repair",
    "ankle sprain",
    "neck pain",
    "hip replacement",
    "tennis elbow",
    "plantar fasciitis",
    "carpal tunnel syndrome",
    "concussion recovery",
    "pelvic floor health",
    "shoulder impingement",
    "sciatica",
    "posture at work",
    "fall prevention",
    "ACL reconstruction",
    "osteoporosis",
    "whiplash",
    "frozen shoulder",
    "balance training",
    "vertigo",
    "hamstring strain",
    "achilles tendinopathy",
    "scoliosis",
    "hand arthritis",
    "total knee replacement",
    "pregnancy back pain",
    "running injuries",
    "jaw pain",
    "dry needling",
];
const SUBJECTS: &[&str] = &[
    "regular exercise",
    "gentle stretching",
    "good posture",
    "a home exercise program",
    "manual therapy",
    "strength training",
    "ice and rest",
    "heat therapy",
    "walking",
    "aquatic therapy",
    "a balanced diet",
    "quality sleep",
    "dry needling",
    "joint mobilization",
];
const VERBS: &[&str] = &[
    "reduce",
    "relieve",
    "improve",
    "support",
    "strengthen",
    "protect",
    "restore",
    "loosen",
    "stabilize",
    "ease",
    "calm",
    "increase",
];
const OBJECTS: &[&str] = &[
    "stiffness in the joint",
    "muscle tension",
    "your range of motion",
    "blood flow to the area",
    "the muscles around the knee",
    "core stability",
    "your balance",
    "joint mobility",
    "nerve irritation",
    "everyday function",
    "pain during the night",
    "the load on your spine",
];
const PLACES: &[&str] = &[
    "over several weeks",
    "after each session",
    "during daily activities",
    "when done consistently",
    "with guidance from your therapist",
    "at home and at work",
    "in the first weeks of recovery",
    "as your strength returns",
];
const ADJECTIVES: &[&str] = &[
    "steady",
    "gradual",
    "noticeable",
    "significant",
    "lasting",
    "gentle",
    "safe",
    "effective",
    "simple",
    "targeted",
];
const SYMPTOMS: &[&str] = &[
    "sharp pain",
    "numbness",
    "tingling",
    "swelling",
    "dizziness",
    "mild soreness",
    "stiffness",
    "weakness",
    "a burning feeling",
    "clicking in the joint",
];
const TREATMENTS: &[&str] = &[
    "dry needling",
    "joint mobilization",
    "soft tissue massage",
    "therapeutic ultrasound",
    "kinesiology taping",
    "electrical stimulation",
    "cupping",
    "guided exercise",
    "heat packs",
    "balance training",
    "hydrotherapy",
    "postural training",
];
const ACTIVITIES: &[&str] = &[
    "running",
    "heavy lifting",
    "jumping",
    "long car rides",
    "contact sports",
    "deep squats",
    "sitting for long periods",
    "carrying heavy bags",
];
const EVENTS: &[&str] = &[
    "surgery",
    "your injury",
    "an injection",
    "a flare-up",
    "your first session",
];
const UNITS: &[&str] = &["days", "weeks", "sessions"];
const ITEM_NOUNS: &[&str] = &[
    "Relief",
    "Mobility",
    "Posture",
    "Strength",
    "Balance",
    "Sleep",
    "Recovery",
    "Healing",
    "Control",
    "Confidence",
    "Circulation",
    "Flexibility",
    "Endurance",
    "Function",
];
const HEADINGS: &[&str] = &[
    "What is {T}?",
    "Common Symptoms",
    "How Physical Therapy Helps",
    "{N} Tips for Managing {T}",
    "Exercises You Can Do at Home",
    "When to Call Your Therapist",
    "What to Expect at Your First Visit",
    "Frequently Asked Questions",
    "Daily Habits That Help",
    "Warning Signs",
    "Returning to Activity",
    "Before and After Treatment",
    "Pain Management Strategies",
    "Why Does {T} Happen?",
    "{N} Benefits of {X}",
    "Preparing for Your Appointment",
    "Life After {T}",
    "Is {X} Right for You?",
];
const TITLES: &[&str] = &[
    "Understanding {T}",
    "{T}: What You Need to Know",
    "Living Well with {T}",
    "Your Guide to {T}",
    "Recovering from {T}",
    "Exercises for {T}",
    "{T} and Its Treatment",
];

fn sentence(rng: &mut Rng) -> String {
    let n = rng.range(2, 12);
    let n2 = n + rng.range(1, 20);
    let mut s = match rng.below(14) {
        0 => format!(
            "{} can {} {} {}.",
            cap(rng.pick(SUBJECTS)),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(PLACES)
        ),
        1 => format!(
            "Most patients notice {} {} {} within {n} {}.",
            rng.pick(ADJECTIVES),
            "improvement in",
            rng.pick(OBJECTS),
            rng.pick(UNITS)
        ),
        2 => format!(
            "Try to repeat each exercise {n} times a day, holding every stretch for {} seconds.",
            n2 + 10
        ),
        3 => format!(
            "If you feel {} or {}, stop the exercise and tell your therapist!",
            rng.pick(SYMPTOMS),
            rng.pick(SYMPTOMS)
        ),
        4 => format!(
            "Your therapist may recommend {} to {} {}.",
            rng.pick(TREATMENTS),
            rng.pick(VERBS),
            rng.pick(OBJECTS)
        ),
        5 => format!(
            "{} is a {} way to {} {} and {} {}.",
            cap(rng.pick(TREATMENTS)),
            rng.pick(ADJECTIVES),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(VERBS),
            rng.pick(OBJECTS)
        ),
        6 => format!(
            "Did you know that {} can reduce {} by up to {} percent?",
            rng.pick(TREATMENTS),
            rng.pick(SYMPTOMS),
            n * 5
        ),
        7 => format!(
            "Keep a short diary of your {} and bring it to your next appointment.",
            rng.pick(SYMPTOMS)
        ),
        8 => format!(
            "Avoid {} for the first {n} {} after {}.",
            rng.pick(ACTIVITIES),
            rng.pick(UNITS),
            rng.pick(EVENTS)
        ),
        9 => format!(
            "It is normal to feel {} for {n} to {n2} days.",
            rng.pick(SYMPTOMS)
        ),
        10 => format!(
            "In a study of {} patients, {} helped {} out of {}.",
            n2 * 20,
            rng.pick(TREATMENTS),
            n2 * 15,
            n2 * 20
        ),
        11 => format!(
            "A {}-minute session once or twice a week is usually enough to {} {}.",
            n * 5 + 15,
            rng.pick(VERBS),
            rng.pick(OBJECTS)
        ),
        12 => format!(
            "Combine {} with {} to {} {} {}.",
            rng.pick(SUBJECTS),
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(PLACES)
        ),
        _ => format!(
            "Ask your therapist whether {} is safe for you, especially after {}.",
            rng.pick(ACTIVITIES),
            rng.pick(EVENTS)
        ),
    };
    // Emphasis on one phrase now and then.
    if rng.chance(0.18) {
        let words: Vec<&str> = s.trim_end_matches(['.', '!', '?']).split(' ').collect();
        if words.len() > 4 {
            let i = rng.range(1, words.len() - 2);
            let marker = if rng.chance(0.5) { "*" } else { "**" };
            let mut w: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            w[i] = format!("{marker}{}{marker}", w[i].trim_end_matches(','));
            let end = s.chars().last().unwrap_or('.');
            s = format!("{}{end}", w.join(" "));
        }
    }
    s
}

fn paragraph(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let mut p: Vec<String> = (0..rng.range(lo, hi)).map(|_| sentence(rng)).collect();
    if rng.chance(0.12) {
        let t = rng.pick(TREATMENTS);
        p.push(format!(
            "Read more in [our guide to {t}](https://www.example.org/guides/{}) before your visit.",
            slug(t)
        ));
    }
    p.join(" ")
}

/// One handout and the number of messages `carta extract` makes of it (one per
/// translatable block: title, heading, paragraph, list item, quote).
fn handout(rng: &mut Rng, topic: &str, target: usize) -> (String, usize) {
    let t = title_case(topic);
    let x = title_case(rng.pick(TREATMENTS));
    let fill = |s: &str, n: usize| {
        s.replace("{T}", &t)
            .replace("{X}", &x)
            .replace("{N}", &n.to_string())
    };
    let mut md = format!("# {}\n\n", fill(rng.pick(TITLES), 0));
    let mut blocks = 1;
    for _ in 0..rng.range(1, 2) {
        md.push_str(&paragraph(rng, 2, 4));
        md.push_str("\n\n");
        blocks += 1;
    }
    let mut quoted = false;
    let mut used_headings = HashSet::new();
    while blocks < target {
        let shape = rng.below(5);
        let items = rng.range(3, 10);
        let mut h = rng.below(HEADINGS.len());
        while !used_headings.insert(h) && used_headings.len() < HEADINGS.len() {
            h = rng.below(HEADINGS.len());
        }
        md.push_str(&format!("## {}\n\n", fill(HEADINGS[h], items)));
        blocks += 1;
        match shape {
            0 | 1 => {
                if rng.chance(0.5) {
                    md.push_str(&paragraph(rng, 1, 2));
                    md.push_str("\n\n");
                    blocks += 1;
                }
                for n in 1..=items {
                    let title = format!("{} {}", cap(rng.pick(ADJECTIVES)), rng.pick(ITEM_NOUNS));
                    md.push_str(&format!("{n}. **{title}**: {}\n", paragraph(rng, 1, 2)));
                    blocks += 1;
                }
                md.push('\n');
            }
            2 => {
                md.push_str(&paragraph(rng, 1, 3));
                md.push_str("\n\n");
                blocks += 1;
                for _ in 0..items.min(6) {
                    md.push_str(&format!("- {}\n", sentence(rng)));
                    blocks += 1;
                }
                md.push('\n');
            }
            3 if !quoted => {
                md.push_str(&paragraph(rng, 2, 4));
                md.push_str("\n\n");
                md.push_str(&format!("> {}\n\n", sentence(rng)));
                blocks += 2;
                quoted = true;
            }
            _ => {
                for _ in 0..rng.range(1, 3) {
                    md.push_str(&paragraph(rng, 2, 5));
                    md.push_str("\n\n");
                    blocks += 1;
                }
            }
        }
    }
    if !quoted {
        md.push_str(&format!("> {}\n\n", sentence(rng)));
        blocks += 1;
    }
    (md.trim_end().to_string() + "\n", blocks)
}

// App (UI) strings, Firefox-like.
const AREAS: &[&str] = &["browser", "toolkit", "devtools", "mobile", "services"];
const SUBS: &[&str] = &[
    "preferences",
    "menubar",
    "about",
    "downloads",
    "panels",
    "sidebar",
    "tabbrowser",
    "sync",
    "profiles",
    "printing",
    "addons",
    "search",
    "places",
    "screenshots",
    "translations",
];
const UI_NOUNS: &[&str] = &[
    "tab",
    "window",
    "bookmark",
    "download",
    "password",
    "profile",
    "account",
    "setting",
    "extension",
    "theme",
    "engine",
    "device",
    "file",
    "folder",
    "page",
    "site",
    "cookie",
    "certificate",
    "notification",
    "permission",
    "camera",
    "microphone",
    "update",
    "language",
    "font",
    "handout",
    "patient",
    "appointment",
    "therapist",
    "exercise",
];
const UI_VERBS: &[&str] = &[
    "Open", "Close", "Save", "Remove", "Show", "Hide", "Manage", "Clear", "Import", "Export",
    "Restore", "Block", "Allow", "Reload", "Print", "Share", "Copy", "Move", "Rename", "Sync",
];
const UI_ADJ: &[&str] = &[
    "new", "private", "recent", "all", "selected", "saved", "default", "custom", "blocked",
    "trusted",
];
const VARS: &[&str] = &["name", "url", "host", "user", "engine", "title", "filename"];
const TERMS: &[(&str, &str)] = &[
    ("brand-short-name", "Carta"),
    ("brand-full-name", "Carta Handouts"),
    ("brand-product-name", "Carta"),
    ("vendor-short-name", "Clinic"),
    ("sync-brand-name", "Carta Sync"),
];

/// `Remove` → `removed`, `Copy` → `copied`, `Block` → `blocked`.
fn past(verb: &str) -> String {
    let v = verb.to_lowercase();
    if let Some(stem) = v.strip_suffix('y') {
        format!("{stem}ied")
    } else if v.ends_with('e') {
        format!("{v}d")
    } else {
        format!("{v}ed")
    }
}

fn ui_sentence(rng: &mut Rng) -> String {
    let (v, a, n) = (rng.pick(UI_VERBS), rng.pick(UI_ADJ), rng.pick(UI_NOUNS));
    match rng.below(6) {
        0 => format!("{v} {a} {n}s"),
        1 => format!("{v} the {n} and all of its data"),
        2 => format!("Are you sure you want to {} this {n}?", v.to_lowercase()),
        3 => format!("Your {a} {n}s will appear here."),
        4 => format!("{v} {n}…"),
        _ => format!("This {n} can’t be {} right now. Try again later.", past(v)),
    }
}

/// One app source file with `count` messages; `terms`: whether term references may be used.
fn app_file(rng: &mut Rng, prefix: &str, sub: &str, count: usize, terms: bool) -> String {
    let mut out = String::from(
        "# This Source Code Form is subject to the terms of the Mozilla Public\n\
         # License, v. 2.0. If a copy of the MPL was not distributed with this\n\
         # file, You can obtain one at http://mozilla.org/MPL/2.0/.\n\n",
    );
    out.push_str(&format!("### Strings of the {sub} panel ({prefix}).\n\n"));
    let mut with_value: Vec<String> = Vec::new();
    let mut next_group = 0;
    for k in 0..count {
        if k == next_group {
            out.push_str(&format!(
                "## {} {}s\n\n",
                cap(rng.pick(UI_ADJ)),
                rng.pick(UI_NOUNS)
            ));
            next_group = k + rng.range(10, 40);
        }
        let (v, n) = (rng.pick(UI_VERBS), rng.pick(UI_NOUNS));
        let id = format!("{prefix}-{}-{n}-{k}", v.to_lowercase());
        let var = rng.pick(VARS);
        let term = |rng: &mut Rng| TERMS[rng.below(TERMS.len())].0;
        let kind = rng.below(100);
        let mut comment = String::new();
        let body = match kind {
            0..=24 => format!("{id} = {}\n", ui_sentence(rng)),
            25..=37 => {
                if rng.chance(0.6) {
                    comment =
                        format!("# Variables:\n#   ${var} (String) - The {var} of the {n}.\n");
                }
                format!("{id} = {v} “{{ ${var} }}” from your {n} list?\n")
            }
            38..=47 if terms => format!(
                "{id} = {{ -{} }} could not {} the {n}. Restart {{ -{} }} and try again.\n",
                term(rng),
                v.to_lowercase(),
                term(rng)
            ),
            48..=62 => {
                let label = format!("{v} {n}…");
                let key = label
                    .chars()
                    .find(|c| c.is_ascii_alphabetic())
                    .unwrap_or('A');
                format!("{id} =\n    .label = {label}\n    .accesskey = {key}\n")
            }
            63..=72 => {
                let attr = ["title", "aria-label", "placeholder", "tooltiptext"][rng.below(4)];
                format!(
                    "{id} = {}\n    .{attr} = {}\n",
                    ui_sentence(rng),
                    ui_sentence(rng)
                )
            }
            73..=84 => {
                comment = format!("# Variables:\n#   $count (Number) - Number of {n}s.\n");
                let a = rng.pick(UI_ADJ);
                format!(
                    "{id} =\n    {{ $count ->\n        [one] {{ $count }} {a} {n} will be {}\n       *[other] {{ $count }} {a} {n}s will be {}\n    }}\n",
                    past(v),
                    past(v)
                )
            }
            85..=89 => {
                if rng.chance(0.5) {
                    format!("{id} = {{ NUMBER($size, maximumFractionDigits: 1) }} MB of {{ $total }} MB used by {n}s\n")
                } else {
                    format!("{id} = Last {} on {{ DATETIME($date, month: \"long\", day: \"numeric\") }}\n", past(v))
                }
            }
            90..=93 if !with_value.is_empty() => {
                let target = &with_value[rng.below(with_value.len())];
                comment = "# Reuses the label above, followed by the number of items.\n".into();
                format!("{id} = {{ {target} }} ({{ $count }})\n")
            }
            94..=96 => format!(
                "{id} =\n    {}\n    {}\n",
                ui_sentence(rng),
                paragraph(rng, 1, 2).replace(['[', ']', '(', ')', '*'], "")
            ),
            _ => {
                comment = format!("# This is the {n} label in the {sub} panel; keep it short.\n");
                format!("{id} = {v} {n}\n")
            }
        };
        // Only plain values can be message-referenced without arguments.
        if !(25..97).contains(&kind) {
            with_value.push(id.clone());
        }
        out.push_str(&comment);
        out.push_str(&body);
        out.push('\n');
    }
    out.trim_end().to_string() + "\n"
}

fn content_phase(args: &Args) -> Res<()> {
    let m = args.messages.unwrap_or(0);
    let docs = args.docs.unwrap_or((m / 100).max(1));
    let out = &args.out;
    remove_dir(&out.join("content"))?;
    remove_dir(&out.join("locales/en-US/app"))?;
    let allow: Vec<String> = TERMS.iter().map(|(_, v)| format!("\"{v}\"")).collect();
    write(
        &out.join("carta.toml"),
        &format!(
            "# Benchmark corpus written by examples/gen_corpus.rs (seed {}).\n\
             source-locale = \"en-US\"\n\n[check]\n# Brand names stay in English.\nallow-identical = [{}]\n",
            args.seed,
            allow.join(", ")
        ),
    )?;

    // Handouts: ~25..55 blocks each (never more than M messages in all).
    let made: Vec<(String, String, usize)> = (0..docs)
        .into_par_iter()
        .map(|d| {
            let topic = TOPICS[d % TOPICS.len()];
            // Numbers leave message IDs (so "10 Benefits" can become "11"), so two handouts
            // told apart only by a number would share an ID prefix, which extract refuses:
            // the handout's number is also spelt in letters.
            let name = format!("{}-{:04}-{}", slug(topic), d + 1, letters(d));
            let mut rng = Rng::new(args.seed, &format!("doc/{name}"));
            let target = rng.range(25, 55);
            let (md, blocks) = handout(&mut rng, topic, target);
            (name, md, blocks)
        })
        .collect();
    let mut handout_messages = 0;
    for (name, md, blocks) in &made {
        write(&out.join("content").join(format!("{name}.md")), md)?;
        handout_messages += blocks;
    }
    if handout_messages > m {
        eprintln!(
            "gen_corpus: warning: {docs} handouts already make {handout_messages} messages (> {m}); no app files"
        );
    }

    // App files: the rest, ~200 messages per file, plus the brand terms.
    let rest = m.saturating_sub(handout_messages);
    let src = out.join("locales/en-US/app");
    let terms = rest >= 50;
    let mut files = 0;
    if terms {
        let mut brand = String::from(
            "## Brand names: never translated, only declined where a language needs it.\n\n",
        );
        for (id, value) in TERMS {
            brand.push_str(&format!("-{id} = {value}\n"));
        }
        write(&src.join("branding/brand.ftl"), &brand)?;
        files += 1;
    }
    let rest = rest - if terms { TERMS.len() } else { 0 };
    if rest > 0 {
        let nfiles = ((rest + 100) / 200).max(1);
        let sizes: Vec<usize> = (0..nfiles)
            .map(|i| rest / nfiles + usize::from(i < rest % nfiles))
            .collect();
        let texts: Vec<(PathBuf, String)> = sizes
            .par_iter()
            .enumerate()
            .map(|(i, &size)| {
                let area = AREAS[i % AREAS.len()];
                let sub = SUBS[(i / AREAS.len()) % SUBS.len()];
                let prefix = format!("{sub}-{}", i + 1);
                let mut rng = Rng::new(args.seed, &format!("app/{prefix}"));
                let text = app_file(&mut rng, &prefix, sub, size, terms);
                (
                    PathBuf::from(area).join(sub).join(format!("{prefix}.ftl")),
                    text,
                )
            })
            .collect();
        for (rel, text) in &texts {
            write(&src.join(rel), text)?;
        }
        files += nfiles;
    }
    println!(
        "content: {docs} handouts ({handout_messages} messages after `carta extract`), {files} app files ({} messages), {} messages in all",
        m.saturating_sub(handout_messages),
        handout_messages.max(m)
    );
    Ok(())
}

// ------------------------------------------------------------------------------------
// Phase 2: locales

/// 100 real BCP 47 tags (CLDR), the most common first.
const LOCALES: &[&str] = &[
    "es", "fr", "de", "it", "pt-BR", "ja", "zh-CN", "ru", "ar", "pl", //
    "nl", "sv", "tr", "ko", "uk", "cs", "hu", "el", "he", "hi", //
    "id", "vi", "th", "ro", "da", "fi", "nb", "sk", "bg", "hr", //
    "lt", "lv", "et", "sl", "sr", "ca", "eu", "gl", "fa", "bn", //
    "ta", "te", "mr", "gu", "kn", "ml", "pa", "ur", "ms", "fil", //
    "sw", "af", "am", "az", "be", "bs", "cy", "ga", "hy", "is", //
    "ka", "kk", "km", "ky", "lo", "mk", "mn", "my", "ne", "or", //
    "ps", "si", "sq", "uz", "zu", "xh", "yo", "ig", "ha", "so", //
    "es-MX", "es-AR", "pt-PT", "fr-CA", "en-GB", "zh-TW", "zh-HK", "de-CH", "it-CH",
    "nl-BE", //
    "sr-Latn", "ast", "br", "fy-NL", "gd", "oc", "rm", "sc", "lij", "ia",
];

/// How a locale writes: letters (a table or a code point range) and punctuation.
#[derive(Clone)]
struct Style {
    letters: Letters,
    punct: Punct,
    plurals: Vec<&'static str>,
}

#[derive(Clone)]
enum Letters {
    /// Latin with diacritics; the variant picks which.
    Latin(usize),
    /// `base + (i * step) % len` for letter i (a..z); `cased`: upper case exists.
    Range {
        base: u32,
        len: u32,
        step: u32,
        cased: bool,
    },
    Hangul,
}

#[derive(Clone, Copy, PartialEq)]
enum Punct {
    Plain,
    Spanish,
    French,
    Arabic,
    FullWidth,
}

fn style(tag: &str, index: usize) -> Style {
    let lang = tag.split('-').next().unwrap_or(tag);
    let script = tag.split('-').nth(1).unwrap_or("");
    let range = |base: u32, len: u32, step: u32| Letters::Range {
        base,
        len,
        step,
        cased: false,
    };
    let letters = match lang {
        "sr" if script == "Latn" => Letters::Latin(index),
        "ru" | "uk" | "bg" | "be" | "mk" | "sr" | "kk" | "ky" | "mn" => Letters::Range {
            base: 0x0430,
            len: 32,
            step: 1,
            cased: true,
        },
        "el" => Letters::Range {
            base: 0x03B1,
            len: 25,
            step: 1,
            cased: true,
        },
        "ar" | "fa" | "ur" | "ps" => range(0x0628, 19, 1),
        "he" => range(0x05D0, 27, 1),
        "hi" | "mr" | "ne" => range(0x0915, 37, 1),
        "bn" => range(0x0995, 20, 1),
        "pa" => range(0x0A15, 20, 1),
        "gu" => range(0x0A95, 20, 1),
        "or" => range(0x0B15, 20, 1),
        "ta" => range(0x0BAE, 12, 1),
        "te" => range(0x0C15, 20, 1),
        "kn" => range(0x0C95, 20, 1),
        "ml" => range(0x0D15, 20, 1),
        "si" => range(0x0D9A, 24, 1),
        "th" => range(0x0E01, 46, 1),
        "lo" => range(0x0E9A, 10, 1),
        "my" => range(0x1000, 33, 1),
        "km" => range(0x1780, 35, 1),
        "ka" => range(0x10D0, 33, 1),
        "hy" => Letters::Range {
            base: 0x0561,
            len: 38,
            step: 1,
            cased: true,
        },
        "am" => range(0x1200, 200, 8),
        "ko" => Letters::Hangul,
        "ja" => range(0x3041, 83, 3),
        "zh" => range(0x4E00, 20000, 97),
        _ => Letters::Latin(index),
    };
    let punct = match lang {
        "es" | "gl" | "ast" => Punct::Spanish,
        "fr" => Punct::French,
        "ar" | "fa" | "ur" | "ps" => Punct::Arabic,
        "zh" | "ja" => Punct::FullWidth,
        _ => Punct::Plain,
    };
    Style {
        letters,
        punct,
        plurals: carta::locale::Tag::parse(tag)
            .map(|t| carta::check::plurals::plural_categories(&t))
            .unwrap_or_default(),
    }
}

const LATIN: [[&str; 6]; 5] = [
    // a, e, i, o, u, and c/n/s replacements
    ["á", "é", "í", "ó", "ú", "ñ"],
    ["à", "è", "ì", "ò", "ù", "ç"],
    ["ä", "ë", "ï", "ö", "ü", "ß"],
    ["â", "ê", "î", "ô", "û", "š"],
    ["ã", "ę", "ı", "ø", "ů", "ł"],
];

fn map_letter(c: char, style: &Style, out: &mut String) {
    let upper = c.is_ascii_uppercase();
    let i = (c.to_ascii_lowercase() as u8 - b'a') as u32;
    match &style.letters {
        Letters::Latin(v) => {
            let t = &LATIN[v % LATIN.len()];
            let rep = match c.to_ascii_lowercase() {
                'a' => Some(t[0]),
                'e' => Some(t[1]),
                'i' => Some(t[2]),
                'o' => Some(t[3]),
                'u' => Some(t[4]),
                'y' => Some(["ý", "ÿ", "ŷ", "ȳ", "ỳ"][v % 5]),
                'n' if v % 2 == 0 => Some(t[5]),
                'c' if v % 2 == 1 => Some(t[5]),
                _ => None,
            };
            match rep {
                Some(r) if upper => out.extend(r.chars().flat_map(char::to_uppercase)),
                Some(r) => out.push_str(r),
                None => out.push(c),
            }
        }
        Letters::Range {
            base,
            len,
            step,
            cased,
        } => {
            let ch = char::from_u32(base + (i * step) % len).unwrap_or('?');
            if upper && *cased {
                out.extend(ch.to_uppercase());
            } else {
                out.push(ch);
            }
        }
        Letters::Hangul => {
            let code = 0xAC00 + (i % 19) * 588 + ((i * 7) % 21) * 28;
            out.push(char::from_u32(code).unwrap_or('?'));
        }
    }
}

/// Pseudo-translates one text element: letters into the locale's script, digits,
/// Markdown link targets, autolinks and code spans kept, punctuation per locale.
/// Returns the text and the opening marks (`¿`, `¡`) that belong before the text when
/// the sentence started in an earlier element of the pattern (`at_start`: this element
/// opens the pattern).
fn translate_text(text: &str, style: &Style, at_start: bool) -> (String, String) {
    let mut lead = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut sentence_start = 0usize; // byte index in `out`
    let mut i = 0;
    let copy_until = |out: &mut String, i: &mut usize, end: char| {
        while *i < chars.len() {
            out.push(chars[*i]);
            *i += 1;
            if chars[*i - 1] == end {
                break;
            }
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == ']' && chars.get(i + 1) == Some(&'(') {
            out.push_str("](");
            i += 2;
            copy_until(&mut out, &mut i, ')');
            continue;
        }
        if c == '<' && chars.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
            copy_until(&mut out, &mut i, '>');
            continue;
        }
        if c == '`' {
            out.push(c);
            i += 1;
            copy_until(&mut out, &mut i, '`');
            continue;
        }
        if c.is_ascii_alphabetic() {
            map_letter(c, style, &mut out);
            i += 1;
            continue;
        }
        let next_is_space = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        match (style.punct, c) {
            (Punct::Spanish, '?' | '!') => {
                let mark = if c == '?' { '¿' } else { '¡' };
                if sentence_start == 0 && !at_start {
                    lead.push(mark);
                } else {
                    out.insert(sentence_start, mark);
                }
                out.push(c);
            }
            (Punct::French, ':' | ';' | '?' | '!') => {
                let prev = out.chars().last();
                let time = c == ':' && prev.is_some_and(|p| p.is_ascii_digit());
                let url = c == ':' && chars.get(i + 1) == Some(&'/');
                if i > 0 && !time && !url {
                    if prev == Some(' ') {
                        out.pop();
                    }
                    if !matches!(prev, Some('\u{A0}' | '\u{202F}')) {
                        out.push('\u{A0}');
                    }
                }
                out.push(c);
            }
            (Punct::Arabic, '?') => out.push('؟'),
            (Punct::Arabic, ',') => out.push('،'),
            (Punct::FullWidth, ',') => out.push('，'),
            (Punct::FullWidth, '?') => out.push('？'),
            (Punct::FullWidth, '!') => out.push('！'),
            (Punct::FullWidth, ':') => out.push('：'),
            (Punct::FullWidth, ';') => out.push('；'),
            (Punct::FullWidth, '.')
                if next_is_space && !out.chars().last().is_some_and(|p| p.is_ascii_digit()) =>
            {
                out.push('。')
            }
            _ => out.push(c),
        }
        i += 1;
        if matches!(c, '.' | '?' | '!' | '\n') {
            // The next sentence starts after this mark and the spaces that follow it.
            while i < chars.len() && chars[i] == ' ' {
                out.push(' ');
                i += 1;
            }
            sentence_start = out.len();
        }
    }
    (out, lead)
}

// AST &str → String, translating text on the way (`None`: copied as it is).

fn own_id(id: &ast::Identifier<&str>) -> ast::Identifier<String> {
    ast::Identifier {
        name: id.name.to_string(),
    }
}

fn own_args(a: &ast::CallArguments<&str>, style: Option<&Style>) -> ast::CallArguments<String> {
    ast::CallArguments {
        positional: a.positional.iter().map(|e| own_inline(e, style)).collect(),
        named: a
            .named
            .iter()
            .map(|n| ast::NamedArgument {
                name: own_id(&n.name),
                value: own_inline(&n.value, style),
            })
            .collect(),
    }
}

fn own_inline(
    e: &ast::InlineExpression<&str>,
    style: Option<&Style>,
) -> ast::InlineExpression<String> {
    use ast::InlineExpression as I;
    match e {
        I::StringLiteral { value } => I::StringLiteral {
            value: value.to_string(),
        },
        I::NumberLiteral { value } => I::NumberLiteral {
            value: value.to_string(),
        },
        I::FunctionReference { id, arguments } => I::FunctionReference {
            id: own_id(id),
            arguments: own_args(arguments, style),
        },
        I::MessageReference { id, attribute } => I::MessageReference {
            id: own_id(id),
            attribute: attribute.as_ref().map(own_id),
        },
        I::TermReference {
            id,
            attribute,
            arguments,
        } => I::TermReference {
            id: own_id(id),
            attribute: attribute.as_ref().map(own_id),
            arguments: arguments.as_ref().map(|a| own_args(a, style)),
        },
        I::VariableReference { id } => I::VariableReference { id: own_id(id) },
        I::Placeable { expression } => I::Placeable {
            expression: Box::new(own_expr(expression, style)),
        },
    }
}

const CLDR: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn own_key(k: &ast::VariantKey<&str>) -> ast::VariantKey<String> {
    match k {
        ast::VariantKey::Identifier { name } => ast::VariantKey::Identifier {
            name: name.to_string(),
        },
        ast::VariantKey::NumberLiteral { value } => ast::VariantKey::NumberLiteral {
            value: value.to_string(),
        },
    }
}

fn own_expr(e: &ast::Expression<&str>, style: Option<&Style>) -> ast::Expression<String> {
    let (selector, variants) = match e {
        ast::Expression::Inline(i) => return ast::Expression::Inline(own_inline(i, style)),
        ast::Expression::Select { selector, variants } => (selector, variants),
    };
    let own_variant =
        |v: &ast::Variant<&str>, key: ast::VariantKey<String>, default: bool| ast::Variant {
            key,
            value: own_pattern(&v.value, style),
            default,
        };
    let plural = variants
        .iter()
        .any(|v| matches!(&v.key, ast::VariantKey::Identifier { name } if CLDR.contains(name)));
    let new_variants = match style {
        Some(style) if plural && !style.plurals.is_empty() => {
            // The locale's own categories, as a translator would write them.
            let fallback = variants
                .iter()
                .find(|v| v.default)
                .unwrap_or(&variants[variants.len() - 1]);
            let mut out: Vec<ast::Variant<String>> = variants
                .iter()
                .filter(|v| matches!(v.key, ast::VariantKey::NumberLiteral { .. }))
                .map(|v| own_variant(v, own_key(&v.key), false))
                .collect();
            for cat in &style.plurals {
                let src = variants
                    .iter()
                    .find(|v| matches!(&v.key, ast::VariantKey::Identifier { name } if name == cat))
                    .unwrap_or(fallback);
                out.push(own_variant(
                    src,
                    ast::VariantKey::Identifier {
                        name: cat.to_string(),
                    },
                    *cat == "other",
                ));
            }
            out
        }
        _ => variants
            .iter()
            .map(|v| own_variant(v, own_key(&v.key), v.default))
            .collect(),
    };
    ast::Expression::Select {
        selector: own_inline(selector, style),
        variants: new_variants,
    }
}

fn own_pattern(p: &ast::Pattern<&str>, style: Option<&Style>) -> ast::Pattern<String> {
    let mut lead = String::new();
    let mut elements: Vec<ast::PatternElement<String>> = p
        .elements
        .iter()
        .enumerate()
        .map(|(i, el)| match el {
            ast::PatternElement::TextElement { value } => ast::PatternElement::TextElement {
                value: match style {
                    Some(style) => {
                        let (text, marks) = translate_text(value, style, i == 0);
                        lead.push_str(&marks);
                        text
                    }
                    None => value.to_string(),
                },
            },
            ast::PatternElement::Placeable { expression } => ast::PatternElement::Placeable {
                expression: own_expr(expression, style),
            },
        })
        .collect();
    if !lead.is_empty() {
        match elements.first_mut() {
            Some(ast::PatternElement::TextElement { value }) => value.insert_str(0, &lead),
            _ => elements.insert(0, ast::PatternElement::TextElement { value: lead }),
        }
    }
    ast::Pattern { elements }
}

/// Serializes a copy of a source message or term (without its comment) under `id`,
/// translated into `style` (`None`: untranslated; terms, brand names, always are).
fn own_attrs(attrs: &[ast::Attribute<&str>], style: Option<&Style>) -> Vec<ast::Attribute<String>> {
    attrs
        .iter()
        .map(|a| ast::Attribute {
            id: own_id(&a.id),
            value: own_pattern(&a.value, style),
        })
        .collect()
}

fn translated_entry(entry: &ast::Entry<&str>, id: &str, style: Option<&Style>) -> String {
    let entry = match entry {
        ast::Entry::Message(m) => {
            let mut attributes = own_attrs(&m.attributes, style);
            // The access key: a letter of the translated label (not the English key, so
            // `identical` does not fire on every one of them).
            let english: String = m
                .attributes
                .iter()
                .filter(|a| a.id.name == "accesskey")
                .map(|a| carta::ftl::pattern_text(&a.value))
                .collect();
            let key = attributes
                .iter()
                .find(|a| a.id.name == "label")
                .and_then(|a| {
                    a.value.elements.iter().find_map(|el| match el {
                        ast::PatternElement::TextElement { value } => value
                            .chars()
                            .find(|c| c.is_alphabetic() && !english.contains(*c))
                            .or_else(|| value.chars().find(|c| c.is_alphabetic())),
                        _ => None,
                    })
                });
            if let (Some(key), Some(_)) = (key, style) {
                for a in attributes.iter_mut().filter(|a| a.id.name == "accesskey") {
                    a.value = ast::Pattern {
                        elements: vec![ast::PatternElement::TextElement {
                            value: key.to_string(),
                        }],
                    };
                }
            }
            ast::Entry::Message(ast::Message {
                id: ast::Identifier {
                    name: id.to_string(),
                },
                value: m.value.as_ref().map(|p| own_pattern(p, style)),
                attributes,
                comment: None,
            })
        }
        ast::Entry::Term(t) => ast::Entry::Term(ast::Term {
            id: ast::Identifier {
                name: id.trim_start_matches('-').to_string(),
            },
            value: own_pattern(&t.value, None),
            attributes: own_attrs(&t.attributes, None),
            comment: None,
        }),
        _ => unreachable!("only messages and terms are translated"),
    };
    fluent_syntax::serializer::serialize(&ast::Resource { body: vec![entry] })
}

type Patterns = carta::state::Patterns;

/// An older wording of a source text: one word fewer (or one more, when short).
fn older(text: &str, rng: &mut Rng) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() > 3 {
        let i = rng.range(1, words.len() - 2);
        words
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, w)| *w)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        format!("{text} now")
    }
}

/// A source entry, prepared once for every locale.
struct SrcEntry {
    kind: Kind,
    id: String,
    /// Source bytes of the entry (comment included), ending with its line ending.
    raw: String,
    /// The comment lines attached to a message (raw), if any.
    comment: String,
    patterns: Patterns,
    /// The `# TODO` template `carta sync` writes for it.
    template: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Message,
    Term,
    /// A second definition of an ID: left out of locale files.
    Duplicate,
    Comment,
    Group,
    Resource,
    Junk,
}

struct SrcFile {
    rel: PathBuf,
    text: String,
}

/// The entries of a source file as locale files need them, through carta's own parser
/// ([`Catalog`]) and its template, so the corpus is exactly what `carta sync` writes.
fn prepare(catalog: &Catalog) -> Vec<(SrcEntry, usize)> {
    let text = catalog.text;
    let mut seen = HashSet::new();
    (0..catalog.resource.body.len())
        .map(|i| {
            let span = &catalog.spans[i];
            let (kind, id) = match catalog.kind(i) {
                EntryKind::Message(id) => (Kind::Message, id.to_string()),
                EntryKind::Term(id) => (Kind::Term, format!("-{id}")),
                EntryKind::GroupComment | EntryKind::ObsoleteHeader => (Kind::Group, String::new()),
                EntryKind::ResourceComment => (Kind::Resource, String::new()),
                EntryKind::Junk => (Kind::Junk, String::new()),
                _ => (Kind::Comment, String::new()),
            };
            let kind = if matches!(kind, Kind::Message | Kind::Term) && !seen.insert(id.clone()) {
                Kind::Duplicate
            } else {
                kind
            };
            (
                SrcEntry {
                    kind,
                    id,
                    raw: text[span.start..span.end].to_string(),
                    comment: text[span.start..span.body_start].to_string(),
                    patterns: catalog.patterns(i),
                    template: carta::sync::template(catalog, i, "\n"),
                },
                i,
            )
        })
        .collect()
}

#[derive(Default, Clone)]
struct Stats {
    files: usize,
    bytes: usize,
    translated: usize,
    todo: usize,
    absent: usize,
    outdated_unsynced: usize,
    outdated_marked: usize,
    identical: usize,
    obsolete: usize,
    junk: usize,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.files += o.files;
        self.bytes += o.bytes;
        self.translated += o.translated;
        self.todo += o.todo;
        self.absent += o.absent;
        self.outdated_unsynced += o.outdated_unsynced;
        self.outdated_marked += o.outdated_marked;
        self.identical += o.identical;
        self.obsolete += o.obsolete;
        self.junk += o.junk;
    }
}

/// One locale file and its state file.
fn locale_file(
    seed: u64,
    tag: &str,
    style: &Style,
    junk_here: bool,
    src: &SrcFile,
    resource: &ast::Resource<&str>,
    entries: &[(SrcEntry, usize)],
) -> (String, String, Stats) {
    let rel = src.rel.display().to_string().replace('\\', "/");
    let mut rng = Rng::new(seed, &format!("{tag}/{rel}"));
    let mut st = Stats {
        files: 1,
        ..Stats::default()
    };
    let mut pieces: Vec<String> = Vec::with_capacity(entries.len() + 8);
    let mut state = carta::state::State::default();
    let mut obsolete: Vec<String> = Vec::new();
    let source_ids: HashSet<&str> = entries.iter().map(|(e, _)| e.id.as_str()).collect();
    for (e, i) in entries {
        let entry = &resource.body[*i];
        match e.kind {
            Kind::Resource => {
                let first = e.raw.lines().next().unwrap_or("");
                match first.strip_prefix("### Source: ") {
                    Some(label) => pieces.push(carta::sync::header(tag, label, "\n")),
                    None => pieces.push(e.raw.clone()),
                }
            }
            Kind::Comment | Kind::Group => pieces.push(e.raw.clone()),
            Kind::Junk | Kind::Duplicate => {}
            Kind::Term => {
                pieces.push(format!(
                    "{}{}",
                    e.comment,
                    translated_entry(entry, &e.id, None)
                ));
                state.seen.insert(e.id.clone(), e.patterns.clone());
                st.translated += 1;
            }
            Kind::Message => {
                let r = rng.unit();
                if r < 0.025 {
                    st.absent += 1;
                    continue;
                }
                if r < 0.05 {
                    pieces.push(e.template.clone());
                    st.todo += 1;
                    continue;
                }
                st.translated += 1;
                let identical = (0.070..0.075).contains(&r);
                let text = if identical {
                    st.identical += 1;
                    translated_entry(entry, &e.id, None)
                } else {
                    translated_entry(entry, &e.id, Some(style))
                };
                let mut piece = String::new();
                if !e.comment.is_empty() {
                    piece.push_str(&e.comment);
                } else if rng.chance(0.01) {
                    piece.push_str("# Translator: checked against the printed handout.\n");
                }
                let mut recorded = e.patterns.clone();
                if (0.05..0.065).contains(&r) {
                    // Outdated since the last sync: the state remembers an older source.
                    if let Some(p) = recorded.first_mut() {
                        p.1 = older(&p.1, &mut rng);
                    }
                    st.outdated_unsynced += 1;
                } else if (0.065..0.070).contains(&r) {
                    // Outdated and already marked by an earlier sync (marker above it).
                    let mut old = e.patterns.clone();
                    if let Some(p) = old.first_mut() {
                        p.1 = older(&p.1, &mut rng);
                    }
                    let hash = carta::catalog::text_hash(text.trim_end());
                    piece = format!(
                        "{}{piece}",
                        carta::sync::marker_lines(&old, &e.patterns, &hash, "\n")
                    );
                    st.outdated_marked += 1;
                }
                piece.push_str(&text);
                pieces.push(piece);
                state.seen.insert(e.id.clone(), recorded);
                if !identical && rng.chance(0.01) {
                    // A translation of a message the source has since removed.
                    let mut n = 2;
                    let mut old_id = format!("{}-old", e.id);
                    while source_ids.contains(old_id.as_str()) {
                        old_id = format!("{}-old{n}", e.id);
                        n += 1;
                    }
                    obsolete.push(translated_entry(entry, &old_id, Some(style)));
                }
            }
        }
    }
    if junk_here {
        let at = rng.range(1, pieces.len().max(1));
        let junk = match rng.below(3) {
            0 => "broken-entry = { $unclosed\n".to_string(),
            1 => "This line was pasted without an identifier.\n".to_string(),
            _ => "-broken-term =\n".to_string(),
        };
        pieces.insert(at.min(pieces.len()), junk);
        st.junk += 1;
    }
    if !obsolete.is_empty() {
        st.obsolete += obsolete.len();
        pieces.push(carta::sync::obsolete_header_text("\n"));
        pieces.extend(obsolete);
    }
    let text = pieces.join("\n");
    let state = state.render(&format!("locales/{tag}/{rel}"));
    st.bytes += text.len();
    (text, state, st)
}

fn locales_phase(args: &Args) -> Res<()> {
    let root = args.out.join("locales");
    let source_dir = root.join("en-US");
    if !source_dir.is_dir() {
        return Err(format!(
            "{}: no source folder; run the content phase and `carta extract` first",
            source_dir.display()
        ));
    }
    let mut sources = Vec::new();
    for entry in walkdir::WalkDir::new(&source_dir).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "ftl") && entry.file_type().is_file() {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let rel = path
                .strip_prefix(&source_dir)
                .map_err(|e| e.to_string())?
                .to_path_buf();
            sources.push(SrcFile { rel, text });
        }
    }
    let catalogs: Vec<Catalog> = sources
        .par_iter()
        .map(|s| Catalog::parse(s.text.as_str()))
        .collect();
    let entries: Vec<Vec<(SrcEntry, usize)>> = catalogs.iter().map(prepare).collect();
    let messages: usize = entries
        .iter()
        .flatten()
        .filter(|(e, _)| matches!(e.kind, Kind::Message | Kind::Term))
        .count();
    if let Some(m) = args.messages {
        if m != messages {
            eprintln!("gen_corpus: warning: the source has {messages} messages, not {m}");
        }
    }

    let tags = &LOCALES[..args.locales];
    for tag in tags {
        remove_dir(&root.join(tag))?;
    }
    let styles: Vec<Style> = tags.iter().enumerate().map(|(i, t)| style(t, i)).collect();
    let tasks: Vec<(usize, usize)> = (0..tags.len())
        .flat_map(|t| (0..sources.len()).map(move |f| (t, f)))
        .collect();
    let total = tasks
        .par_iter()
        .map(|&(t, f)| -> Res<Stats> {
            let tag = tags[t];
            // One file of every 10th locale gets a syntax error.
            let junk_here = t % 10 == 4
                && Rng::new(args.seed, &format!("junk/{tag}")).below(sources.len()) == f;
            let (text, state, st) = locale_file(
                args.seed,
                tag,
                &styles[t],
                junk_here,
                &sources[f],
                &catalogs[f].resource,
                &entries[f],
            );
            let path = root.join(tag).join(&sources[f].rel);
            write(&path, &text)?;
            let mut state_path = path.into_os_string();
            state_path.push(".sync");
            write(Path::new(&state_path), &state)?;
            Ok(st)
        })
        .try_reduce(Stats::default, |mut a, b| {
            a.add(&b);
            Ok(a)
        })?;
    let per = |n: usize| 100.0 * n as f64 / (messages * tags.len()).max(1) as f64;
    println!(
        "locales: {} locales × {} files, {messages} source messages per locale, {:.1} MB of locale FTL\n  \
         translated {:.1}% (identical copies {:.1}%), TODO {:.1}%, absent {:.1}%, outdated {:.1}% (+ {:.1}% marked), \
         obsolete {} ({:.1}%), junk entries {}",
        tags.len(),
        sources.len(),
        total.bytes as f64 / 1e6,
        per(total.translated),
        per(total.identical),
        per(total.todo),
        per(total.absent),
        per(total.outdated_unsynced),
        per(total.outdated_marked),
        total.obsolete,
        per(total.obsolete),
        total.junk
    );
    Ok(())
}
