//! `readability` (W015) and `harder-than-source` (W016): how hard each handout reads, in
//! the source and in every translation, by the formula made for its language
//! ([`crate::readability`]).
//!
//! Patient-education guidelines ask for about a 6th–8th grade reading level, and studies
//! of paired handouts find translations reading harder than their sources. So with
//! `[check] max-grade = N` a document whose grade is above N is a warning — once against
//! the source file, and per locale for its translation — and a translation whose grade is
//! `harder-by` (default 2) grades or more above the source's, over the same messages, is a
//! warning too. Only the text a patient reads is counted: the values and attributes of the
//! document's messages (titles, headings, paragraphs, items, cells), not carta's own words
//! and not the source text a missing translation falls back to. A regional locale is
//! scored on the messages it translates itself (`es-MX`: its overrides).

use std::path::PathBuf;

use serde::Serialize;

use super::{Code, Diagnostic};
use crate::catalog::Catalog;
use crate::readability::{score, Counter, Counts, Readability};

/// `harder-by` when `carta.toml` does not set it.
pub const DEFAULT_HARDER_BY: f64 = 2.0;

/// A handout, as readability sees it: its name and its source file's messages.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The document name (`dry-needling`).
    pub name: String,
    /// Index of its source file among the source files.
    pub source: usize,
    /// Its source message IDs, in file order.
    pub ids: Vec<String>,
    /// The counts of each of those messages in the source (so a translation of some of
    /// them is compared with the source's same messages without counting them again).
    pub counts: Vec<Counts>,
    /// The source's measure over the whole document.
    pub score: Readability,
}

/// One document's measure in one locale, for the summary and the JSON report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocReadability {
    pub document: String,
    #[serde(flatten)]
    pub measure: Readability,
    /// Messages of the document the measure covers (translated here, for a locale).
    pub messages: usize,
    /// The source's grade on Flesch's table of reading ease over the same messages (for a
    /// translation): what its `ease_grade` is compared with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_ease_grade: Option<f64>,
}

/// The limits of `[check]`.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_grade: Option<f64>,
    pub harder_by: f64,
}

/// The counts of message `id`'s value and attributes, if `catalog` defines it.
fn message_counts(counter: &mut Counter, catalog: &Catalog, id: &str) -> Option<Counts> {
    let &i = catalog.index.get(id)?;
    if !matches!(catalog.kind(i), crate::catalog::EntryKind::Message(_)) {
        return None;
    }
    let mut counts = Counts::default();
    if !counter.measures() {
        return Some(counts);
    }
    let fluent_syntax::ast::Entry::Message(m) = &catalog.resource.body[i] else {
        return Some(counts);
    };
    // The text of each part, without its placeables (what a reader sees of a `{ $n }` is
    // the app's); most parts are one text element, counted in place.
    let mut joined = String::new();
    for pattern in m.value.iter().chain(m.attributes.iter().map(|a| &a.value)) {
        use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
        let text = match pattern.elements.as_slice() {
            [PatternElement::TextElement { value }] => value,
            elements => {
                joined.clear();
                for e in elements {
                    match e {
                        PatternElement::TextElement { value } => joined.push_str(value),
                        PatternElement::Placeable {
                            expression:
                                Expression::Inline(InlineExpression::StringLiteral { value }),
                        } => joined.push_str(&crate::ftl::unescape_literal(value)),
                        PatternElement::Placeable { .. } => joined.push(' '),
                    }
                }
                joined.as_str()
            }
        };
        counts.add(counter.count(text));
    }
    Some(counts)
}

/// The handouts among the source files: `names` are the `content/*.md` stems, `rels` the
/// source files (`dry-needling.ftl`), `catalogs` their parsed text.
pub fn documents(
    language: &str,
    names: &[String],
    rels: &[PathBuf],
    catalogs: &[Catalog],
) -> Vec<Doc> {
    let mut docs = Vec::new();
    for name in names {
        let file = format!("{name}.ftl");
        let Some(source) = rels.iter().position(|r| r.as_os_str() == file.as_str()) else {
            continue;
        };
        let catalog = &catalogs[source];
        let ids: Vec<String> = (0..catalog.resource.body.len())
            .filter_map(|i| match catalog.kind(i) {
                crate::catalog::EntryKind::Message(id) => Some(id.to_string()),
                _ => None,
            })
            .collect();
        let mut counter = Counter::new(language);
        let counts: Vec<Counts> = ids
            .iter()
            .map(|id| message_counts(&mut counter, catalog, id).unwrap_or_default())
            .collect();
        let mut total = Counts::default();
        counts.iter().for_each(|c| total.add(*c));
        docs.push(Doc {
            name: name.clone(),
            source,
            ids,
            counts,
            score: score(language, total),
        });
    }
    docs
}

/// The source's row: every document's measure, and a warning per document above
/// `max-grade`, against its source file (`shown[d.source]`).
pub fn source(
    locale: &str,
    docs: &[Doc],
    catalogs: &[Catalog],
    shown: &[PathBuf],
    limits: Limits,
) -> (Vec<DocReadability>, Vec<Diagnostic>) {
    let mut rows = Vec::new();
    let mut diags = Vec::new();
    for doc in docs {
        let enough = doc.score.counts.words >= crate::readability::MIN_WORDS;
        if let (Some(max), Some(grade), true) = (limits.max_grade, doc.score.grade, enough) {
            if grade > max {
                let offset =
                    first_offset(&catalogs[doc.source], doc.ids.iter().map(String::as_str));
                diags.push(Diagnostic::new(
                    Code::Readability,
                    locale,
                    shown[doc.source].clone(),
                    offset,
                    None,
                    too_hard(&doc.name, &doc.score, max),
                ));
            }
        }
        rows.push(DocReadability {
            document: doc.name.clone(),
            measure: doc.score.clone(),
            messages: doc.ids.len(),
            source_ease_grade: None,
        });
    }
    (rows, diags)
}

/// A translation's rows and warnings: `files[d.source]` is the locale's file for document
/// `d` (when it has one) and the path shown for it.
pub fn locale(
    tag: &str,
    language: &str,
    source_language: &str,
    docs: &[Doc],
    files: &[Option<(&Catalog, PathBuf)>],
    limits: Limits,
) -> (Vec<DocReadability>, Vec<Diagnostic>) {
    let mut rows = Vec::new();
    let mut diags = Vec::new();
    let mut counter = Counter::new(language);
    for doc in docs {
        let Some(Some((catalog, shown))) = files.get(doc.source) else {
            continue;
        };
        // The translation, and the source over the same messages: a fair comparison for
        // a partial translation.
        let (mut own, mut same) = (Counts::default(), Counts::default());
        let mut found: Vec<&str> = Vec::new();
        for (id, source_counts) in doc.ids.iter().zip(&doc.counts) {
            if let Some(c) = message_counts(&mut counter, catalog, id) {
                own.add(c);
                same.add(*source_counts);
                found.push(id);
            }
        }
        if found.is_empty() {
            continue;
        }
        let score = score(language, own);
        let source_ease_grade = if found.len() == doc.ids.len() {
            doc.score.ease_grade
        } else {
            crate::readability::score(source_language, same).ease_grade
        };
        let offset = first_offset(catalog, found.iter().copied());
        // Too few words to judge (a locale that translated a title only): shown, not
        // warned about.
        let enough = score.counts.words >= crate::readability::MIN_WORDS;
        if let (Some(max), Some(grade), true) = (limits.max_grade, score.grade, enough) {
            if grade > max {
                diags.push(Diagnostic::new(
                    Code::Readability,
                    tag,
                    shown.clone(),
                    offset,
                    None,
                    too_hard(&doc.name, &score, max),
                ));
            }
        }
        if let (Some(grade), Some(source), true) = (score.ease_grade, source_ease_grade, enough) {
            if grade - source >= limits.harder_by {
                diags.push(Diagnostic::new(
                    Code::HarderThanSource,
                    tag,
                    shown.clone(),
                    offset,
                    None,
                    format!(
                        "the translation of `{}` reads at grade {grade:.1} ({}), {:.1} grades harder than its source (grade {source:.1}) over the same {} message(s), both from reading ease on Flesch's table: shorter sentences and everyday words bring it down",
                        doc.name,
                        score.formula.unwrap_or_default(),
                        grade - source,
                        found.len()
                    ),
                ));
            }
        }
        rows.push(DocReadability {
            document: doc.name.clone(),
            measure: score,
            messages: found.len(),
            source_ease_grade,
        });
    }
    (rows, diags)
}

fn too_hard(name: &str, score: &Readability, max: f64) -> String {
    format!(
        "`{name}` reads at grade {:.1} ({}: reading ease {:.1}), above `max-grade = {max}`: shorter sentences and shorter, everyday words bring it down",
        score.grade.unwrap_or_default(),
        score.formula.unwrap_or_default(),
        score.score.unwrap_or_default(),
    )
}

/// Where a document's warning points: its first message.
fn first_offset<'i>(catalog: &Catalog, ids: impl IntoIterator<Item = &'i str>) -> usize {
    ids.into_iter()
        .filter_map(|id| catalog.index.get(id))
        .map(|&i| catalog.id_offset(i))
        .min()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "doc-title = Care\ndoc-text = You can rest. Drink water.\n";

    fn limits(max: f64) -> Limits {
        Limits {
            max_grade: Some(max),
            harder_by: DEFAULT_HARDER_BY,
        }
    }

    #[test]
    fn source_and_translation_rows_and_warnings() {
        let catalogs = [Catalog::parse(SOURCE)];
        let docs = documents("en", &["doc".into()], &["doc.ftl".into()], &catalogs);
        assert_eq!(docs.len(), 1);
        let shown = [PathBuf::from("locales/en-US/doc.ftl")];
        let (rows, diags) = source("en-US", &docs, &catalogs, &shown, limits(8.0));
        assert_eq!(rows[0].messages, 2);
        assert!(diags.is_empty(), "{diags:?}");
        // A translation with one long, many-syllabled sentence.
        let sentence = "La rehabilitación musculoesquelética interdisciplinaria proporciona numerosísimas oportunidades terapéuticas extraordinariamente individualizadas y coordinadas";
        // Too short to judge: shown, not warned about.
        let short_text = format!("doc-text = {sentence}.\n");
        let short = Catalog::parse(&short_text);
        let files = [Some((&short, PathBuf::from("locales/es/doc.ftl")))];
        let (rows, diags) = locale("es", "es", "en", &docs, &files, limits(8.0));
        assert!(rows[0].measure.grade.is_some());
        assert!(diags.is_empty(), "{diags:?}");
        let es_text = format!("doc-text = {}.\n", [sentence; 4].join(" "));
        let es = Catalog::parse(&es_text);
        let files = [Some((&es, PathBuf::from("locales/es/doc.ftl")))];
        let (rows, diags) = locale("es", "es", "en", &docs, &files, limits(8.0));
        assert_eq!(rows[0].messages, 1);
        let codes: Vec<&str> = diags.iter().map(|d| d.code.name()).collect();
        assert_eq!(
            codes,
            vec!["readability", "harder-than-source"],
            "{diags:?}"
        );
        assert!(
            diags[0].message.starts_with("`doc` reads at grade "),
            "{}",
            diags[0].message
        );
        assert_eq!(diags[0].offset, 0);
        // No limit set: no `readability` warning, the comparison stays.
        let none = Limits {
            max_grade: None,
            harder_by: DEFAULT_HARDER_BY,
        };
        let (_, diags) = locale("es", "es", "en", &docs, &files, none);
        assert_eq!(diags.len(), 1);
        // A language without a measure: a row that says so, no warning.
        let (rows, diags) = locale("ar", "ar", "en", &docs, &files, limits(8.0));
        assert!(rows[0].measure.unavailable.is_some() && diags.is_empty());
    }
}
