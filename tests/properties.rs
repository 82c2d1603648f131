//! Property tests (proptest) for the invariants translators rely on: sync never drops a
//! translation, a comment or junk, and is idempotent (also with a translation memory
//! pre-filling and suggesting); extract gives unique valid IDs,
//! valid Fluent, and is idempotent.

use std::collections::HashSet;

use carta::catalog::Catalog;
use carta::state::State;
use carta::sync::{self, Options};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "pain",
        "dolor",
        "{x}",
        "*star",
        "[b]",
        ".dot",
        "niño",
        "干针",
        "الألم",
        "10",
        "a}b",
        "--",
        "#tag",
    ]);
    prop::collection::vec(words, 1..6).prop_map(|w| w.join(" "))
}

#[derive(Debug, Clone)]
struct Msg {
    id: String,
    value: String,
    body: Option<String>,
}

fn messages(prefix: &'static str, max: usize) -> impl Strategy<Value = Vec<Msg>> {
    prop::collection::vec((0..12usize, text(), prop::option::of(text())), 0..max).prop_map(
        move |v| {
            let mut seen = HashSet::new();
            v.into_iter()
                .filter(|(n, _, _)| seen.insert(*n))
                .map(|(n, value, body)| Msg {
                    id: format!("{prefix}{n}"),
                    value,
                    body,
                })
                .collect()
        },
    )
}

fn render(msgs: &[Msg]) -> String {
    msgs.iter()
        .map(|m| {
            let attrs: Vec<(&str, &str)> =
                m.body.as_deref().map(|b| ("body", b)).into_iter().collect();
            carta::ftl::message(&m.id, Some(&m.value), &attrs, "\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A translator's file: some translations (of source IDs and of IDs that left the
/// source), with comments, blank lines, junk, maybe CRLF.
fn locale_file() -> impl Strategy<Value = (String, Vec<String>)> {
    (
        messages("m", 10),
        prop::collection::vec((0..4usize, any::<bool>(), 1..3usize), 10),
        any::<bool>(),
    )
        .prop_map(|(msgs, decorations, crlf)| {
            let mut out = String::new();
            let mut kept = Vec::new();
            for (i, m) in msgs.iter().enumerate() {
                let (kind, comment, blanks) = decorations[i % decorations.len()];
                if kind == 0 {
                    let junk = format!("junk line {i} without equals\n");
                    kept.push(junk.trim_end().to_string());
                    out.push_str(&junk);
                    out.push('\n');
                }
                if comment {
                    let c = format!("# translator note {i}\n");
                    kept.push(c.trim_end().to_string());
                    out.push_str(&c);
                }
                let attrs: Vec<(&str, &str)> =
                    m.body.as_deref().map(|b| ("body", b)).into_iter().collect();
                let entry = carta::ftl::message(&m.id, Some(&m.value), &attrs, "\n");
                kept.push(entry.trim_end().to_string());
                out.push_str(&entry);
                out.push_str(&"\n".repeat(blanks));
            }
            if crlf {
                out = out.replace('\n', "\r\n");
                kept = kept.into_iter().map(|k| k.replace('\n', "\r\n")).collect();
            }
            (out, kept)
        })
}

fn run(source: &str, locale: &str, state: &State, prune: bool) -> sync::Synced {
    let covered = rustc_hash::FxHashSet::default();
    let opts = Options {
        tag: "es",
        source_label: "x",
        prune,
        covered: &covered,
        keep: &covered,
        elsewhere: &covered,
        memory: None,
    };
    sync::sync(
        &Catalog::parse(source),
        &Catalog::parse(locale),
        state,
        &opts,
    )
}

/// [`run`] with a translation memory of (source text, Fluent target) pairs — targets that
/// may not be valid Fluent (`{x}`, `a}b`), as an imported TMX could hold.
fn run_with_memory(
    source: &str,
    locale: &str,
    state: &State,
    pairs: &[(String, String)],
) -> sync::Synced {
    use carta::memory::{Entry, Kind, Memory, Target};
    use std::borrow::Cow;
    let mut memory = Memory::new();
    for (n, (s, t)) in pairs.iter().enumerate() {
        memory.push(Entry {
            source: Cow::Borrowed(s.as_str()),
            target: Target::Fluent(t.clone()),
            file: Cow::Borrowed("locales/es/memory.tmx"),
            unit: Cow::Owned(format!("u{n}")),
            kind: Kind::Imported,
        });
    }
    let covered = rustc_hash::FxHashSet::default();
    let opts = Options {
        tag: "es",
        source_label: "x",
        prune: false,
        covered: &covered,
        keep: &covered,
        elsewhere: &covered,
        memory: Some(&memory),
    };
    sync::sync(
        &Catalog::parse(source),
        &Catalog::parse(locale),
        state,
        &opts,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// With a translation memory (pre-fills and suggestions written, hostile targets
    /// among them): still nothing the translator wrote is lost, and sync is idempotent.
    #[test]
    fn sync_with_a_memory_keeps_every_byte_and_is_idempotent(
        source in messages("m", 12),
        (locale, kept) in locale_file(),
        picks in prop::collection::vec((0..12usize, 0..3u8, text(), text()), 0..12),
    ) {
        // Memory sources: a source message's text (exact), the same with a word more
        // (similar), or any text.
        let pairs: Vec<(String, String)> = picks
            .iter()
            .map(|(n, how, s, t)| {
                let m = source.get(n % source.len().max(1));
                let src = match (how, m) {
                    (0, Some(m)) => m.value.clone(),
                    (1, Some(m)) => format!("{} pain", m.value),
                    _ => s.clone(),
                };
                (src, t.clone())
            })
            .collect();
        let source = render(&source);
        let synced = run_with_memory(&source, &locale, &State::default(), &pairs);
        for piece in &kept {
            prop_assert!(synced.text.contains(piece.as_str()), "lost {piece:?}\n--- in\n{locale}\n--- out\n{}", synced.text);
        }
        let again = run_with_memory(&source, &synced.text, &synced.state, &pairs);
        prop_assert_eq!(&again.text, &synced.text);
        prop_assert_eq!(&again.state, &synced.state);
        let before = Catalog::parse(&locale).errors.len();
        prop_assert!(Catalog::parse(&synced.text).errors.len() <= before, "{}", synced.text);
        // The memory changes (emptied): carta's suggestions go, translations stay.
        let without = run_with_memory(&source, &synced.text, &synced.state, &[]);
        prop_assert!(!without.text.contains("carta-suggestion"), "{}", without.text);
        for piece in &kept {
            prop_assert!(without.text.contains(piece.as_str()));
        }
    }

    #[test]
    fn sync_keeps_every_byte_the_translator_wrote(
        source in messages("m", 12),
        (locale, kept) in locale_file(),
        earlier in messages("m", 12),
    ) {
        let source = render(&source);
        // A state as an earlier sync could have left it, so outdated markers get written.
        let state = run(&render(&earlier), &locale, &State::default(), false).state;
        let synced = run(&source, &locale, &state, false);
        for piece in &kept {
            prop_assert!(synced.text.contains(piece.as_str()), "lost {piece:?}\n--- in\n{locale}\n--- out\n{}", synced.text);
        }
        // Idempotent: a second sync with the state the first wrote changes nothing.
        let again = run(&source, &synced.text, &synced.state, false);
        prop_assert_eq!(&again.text, &synced.text);
        prop_assert_eq!(&again.state, &synced.state);
        // The result is still a Fluent file with no more junk than the translator's.
        let before = Catalog::parse(&locale).errors.len();
        prop_assert!(Catalog::parse(&synced.text).errors.len() <= before);
    }

    #[test]
    fn unchanged_source_leaves_the_file_byte_identical((locale, _) in locale_file()) {
        // Every message of the file is in the source: nothing to add, move or mark.
        let catalog = Catalog::parse(&locale);
        let ids: Vec<String> = catalog.index.keys().map(|k| k.to_string()).collect();
        let mut source = String::new();
        for id in &ids {
            let i = catalog.index[id.as_str()];
            source.push_str(&catalog.body_text(i));
            source.push_str("\n\n");
        }
        let first = run(&source, &locale, &State::default(), false);
        prop_assert_eq!(&first.text, &locale);
        let second = run(&source, &first.text, &first.state, false);
        prop_assert_eq!(&second.text, &locale);
    }

    #[test]
    fn extract_ids_are_unique_valid_and_stable(blocks in prop::collection::vec((0..5usize, text(), text()), 1..25)) {
        let mut md = String::from("# Handout\n\n");
        for (kind, a, b) in &blocks {
            let a = a.replace(['#', '*', '[', ']', '{', '}', '.', '-'], "");
            let a = if a.trim().is_empty() { "word".to_string() } else { a };
            match kind {
                0 => md.push_str(&format!("## {a}\n\n")),
                1 => md.push_str(&format!("{a} {b}\n\n")),
                2 => md.push_str(&format!("1. **{a}**: {b}\n\n")),
                3 => md.push_str(&format!("- {b}\n\n")),
                _ => md.push_str(&format!("> {b}\n\n")),
            }
        }
        let doc = carta::content::parse("hand-out", &md);
        let ids = carta::extract::assign_ids(std::slice::from_ref(&doc), &[vec![]]).remove(0);
        let flat: Vec<&String> = ids.iter().flatten().collect();
        let unique: HashSet<&&String> = flat.iter().collect();
        prop_assert_eq!(unique.len(), flat.len());
        for id in &flat {
            prop_assert!(carta::ftl::is_identifier(id), "{id}");
        }
        let ftl = carta::extract::render(&doc, &ids, "content/hand-out.md");
        let catalog = Catalog::parse(&ftl);
        prop_assert!(catalog.errors.is_empty(), "{ftl}");
        // Text survives the trip through Fluent.
        let previous = carta::extract::previous_messages(&catalog);
        let texts: Vec<&str> = doc.blocks.iter().filter(|b| b.is_translatable()).map(|b| b.text.as_str()).collect();
        for (p, t) in previous.iter().zip(&texts) {
            prop_assert_eq!(p.value.as_str(), *t);
        }
        // Running extract again on its own output changes nothing.
        let again = carta::extract::assign_ids(std::slice::from_ref(&doc), &[previous]).remove(0);
        prop_assert_eq!(carta::extract::render(&doc, &again, "content/hand-out.md"), ftl);
    }
}

/// A message written in one of the spacings real Fluent trees use (`id=value`,
/// `id  = value`, `id =value`, attributes indented 1–8 spaces, `.attr=value`).
fn styled(m: &Msg, style: usize) -> String {
    let eq = ["=", " = ", "  = ", " =", " =  "][style % 5];
    let mut out = format!("{}{eq}{}\n", m.id, carta::ftl::escape_line(&m.value));
    if let Some(body) = &m.body {
        let indent = " ".repeat(1 + style % 8);
        let aeq = if style.is_multiple_of(2) { "=" } else { " = " };
        out.push_str(&format!(
            "{indent}.body{aeq}{}\n",
            carta::ftl::escape_line(body)
        ));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    // Guards issue 13.1, 13.2 and 13.15: on sources in every spacing style, sync twice
    // equals sync once, and templates a translator typed into, notes beside templates
    // and the locale's own terms survive, `--prune` included.
    #[test]
    fn sync_is_idempotent_and_keeps_edited_templates_on_any_spacing(
        source in messages("m", 12),
        styles in prop::collection::vec(0..40usize, 12),
        edits in prop::collection::vec(0..4usize, 12),
        prune in any::<bool>(),
    ) {
        let source_text: String = source
            .iter()
            .enumerate()
            .map(|(i, m)| styled(m, styles[i]) + "\n")
            .collect();
        let src = Catalog::parse(&source_text);
        prop_assume!(src.errors.is_empty());
        // The file add-locale would write, then a translator's edits.
        let start = {
            let covered = rustc_hash::FxHashSet::default();
            let opts = Options { tag: "es", source_label: "x", prune: false, covered: &covered, keep: &covered, elsewhere: &covered, memory: None };
            sync::new_file(&src, &opts)
        };
        let mut locale = start.text.clone();
        let mut kept: Vec<String> = Vec::new();
        for (i, m) in source.iter().enumerate() {
            let line = src
                .index
                .get(m.id.as_str())
                .map(|&e| sync::template(&src, e, "\n"))
                .unwrap_or_default();
            let first = line.lines().next().unwrap_or_default().to_string();
            match edits[i] {
                // A translation typed under `# TODO `.
                1 => {
                    let typed = format!("# TODO {} = traducción {i}", m.id);
                    locale = locale.replacen(&first, &typed, 1);
                    kept.push(typed);
                }
                // A note beside a template.
                2 => {
                    let note = format!("{first}\n# nota {i}");
                    locale = locale.replacen(&first, &note, 1);
                    kept.push(note);
                }
                // Translated, using the locale's own term.
                3 => {
                    let body = m.body.as_ref().map(|_| "    .body = cuerpo\n").unwrap_or("");
                    let translated = format!("-own-{i} = Propio\n\n{} = con {{ -own-{i} }}\n{body}", m.id);
                    let template: String = line.clone();
                    locale = locale.replacen(&template, &translated, 1);
                    kept.push(format!("-own-{i} = Propio"));
                }
                _ => {}
            }
        }
        let state = start.state.clone();
        let once = run(&source_text, &locale, &state, prune);
        for piece in &kept {
            prop_assert!(once.text.contains(piece.as_str()), "lost {piece:?}\n--- in\n{locale}\n--- out\n{}", once.text);
        }
        let twice = run(&source_text, &once.text, &once.state, prune);
        prop_assert_eq!(&twice.text, &once.text, "sync twice differs from sync once");
        for m in &source {
            let templates = once.text.lines().filter(|l| carta::catalog::template_id(l.trim_start_matches("# ")) == Some(m.id.as_str())).count();
            prop_assert!(templates <= 1, "{} has {} templates\n{}", m.id, templates, once.text);
        }
    }
}
