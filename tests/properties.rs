//! Property tests (proptest) for the invariants translators rely on: sync never drops a
//! translation, a comment or junk, and is idempotent; extract gives unique valid IDs,
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
