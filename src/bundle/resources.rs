//! What of a locale's Fluent files goes into its fluent-bundle resources, and how a
//! message part that is plain text is formatted without them.
//!
//! A `FluentResource` holds a second AST beside carta's [`Catalog`] (fluent-bundle
//! parses its own copy of the text and cannot be handed carta's): about 600 bytes a
//! message, over a gigabyte for the source and one locale at a million messages. But a
//! pattern that is only text (most of any project: no placeable) formats to that text
//! (with the pseudo-locale's transform, if any) whatever the bundle holds, as
//! fluent-bundle's resolver does it. So a bundle is given only the entries that need
//! it: messages and terms with a placeable, and every entry they refer to, across the
//! locale's files. The parts that are text are read off the catalog. A file the catalog
//! may read otherwise than fluent-bundle (one with syntax errors, or with CRs at the
//! very end, which the catalog trims) goes into the bundle whole and is never read
//! off the catalog, as before.

use std::borrow::Cow;

use fluent_syntax::ast;

use crate::bundle::Transform;
use crate::catalog::Catalog;

/// Whether a pattern has no placeable.
fn is_plain(p: &ast::Pattern<&str>) -> bool {
    p.elements
        .iter()
        .all(|e| matches!(e, ast::PatternElement::TextElement { .. }))
}

/// Whether every pattern of entry `i` (value and attributes) is text.
fn entry_is_plain(c: &Catalog, i: usize) -> bool {
    let (value, attributes) = match &c.resource.body[i] {
        ast::Entry::Message(m) => (m.value.as_ref(), &m.attributes),
        ast::Entry::Term(t) => (Some(&t.value), &t.attributes),
        _ => return true,
    };
    value.is_none_or(is_plain) && attributes.iter().all(|a| is_plain(&a.value))
}

/// Whether fluent-bundle may read file `text` otherwise than its catalog does: then the
/// whole file goes into the bundle and none of it is read off the catalog.
pub fn whole(catalog: &Catalog, text: &str) -> bool {
    !catalog.errors.is_empty() || catalog.text.len() != text.len()
}

/// The text of each of a locale's files for its fluent-bundle resources: a file
/// [`whole`], else only its entries with a placeable and every entry they refer to
/// (its first definition in the locale, which is the one the bundle resolves), and
/// every definition of an ID defined more than once, each with its original bytes, in
/// file order. `texts[f]` is the text `catalogs[f]` was
/// parsed from.
pub fn bundle_texts<'t>(catalogs: &[Catalog], texts: &[&'t str]) -> Vec<Cow<'t, str>> {
    let whole: Vec<bool> = catalogs
        .iter()
        .zip(texts)
        .map(|(c, t)| whole(c, t))
        .collect();
    let mut keep: Vec<Vec<bool>> = catalogs
        .iter()
        .map(|c| vec![false; c.resource.body.len()])
        .collect();
    // Entries whose references must come along: (file, entry).
    let mut queue: Vec<(usize, usize)> = Vec::new();
    for (f, c) in catalogs.iter().enumerate() {
        for i in 0..c.resource.body.len() {
            if whole[f] {
                queue.push((f, i));
            } else if !entry_is_plain(c, i) {
                keep[f][i] = true;
                queue.push((f, i));
            } else if let Some(id) = c.entry_id(i) {
                // An ID defined twice in the file: both are kept (below, across files),
                // so the first definition still wins in whatever reads the kept text.
                if let Some(&first) = c.index.get(id.as_ref()).filter(|&&first| first != i) {
                    keep[f][i] = true;
                    keep[f][first] = true;
                    queue.extend([(f, i), (f, first)]);
                }
            }
        }
    }
    if catalogs.len() > 1 {
        let mut first: rustc_hash::FxHashMap<&str, (usize, usize)> = Default::default();
        for (f, c) in catalogs.iter().enumerate() {
            for (id, &i) in &c.index {
                match first.get(id.as_ref()) {
                    Some(&(g, j)) => {
                        for (h, k) in [(g, j), (f, i)] {
                            if !whole[h] && !keep[h][k] {
                                keep[h][k] = true;
                                queue.push((h, k));
                            }
                        }
                    }
                    None => {
                        first.insert(id.as_ref(), (f, i));
                    }
                }
            }
        }
    }
    while let Some((f, i)) = queue.pop() {
        for id in catalogs[f].references(i) {
            let first = catalogs
                .iter()
                .enumerate()
                .find_map(|(g, c)| c.index.get(id.as_str()).map(|&j| (g, j)));
            if let Some((g, j)) = first {
                if !whole[g] && !keep[g][j] {
                    keep[g][j] = true;
                    queue.push((g, j));
                }
            }
        }
    }
    catalogs
        .iter()
        .zip(texts)
        .enumerate()
        .map(|(f, (c, text))| {
            if whole[f] {
                return Cow::Borrowed(*text);
            }
            let mut out = String::new();
            for (i, span) in c.spans.iter().enumerate() {
                if keep[f][i] {
                    out.push_str(&c.text[span.start..span.next]);
                }
            }
            Cow::Owned(out)
        })
        .collect()
}

/// Part `attr` (`None`: the value) of message `id` as the locale's bundle would format
/// it, when its first definition is read off the catalogs (not in a [`whole`] file) and
/// the part is plain text: `Some(None)` when that message has no such part, `None`
/// when the bundle must format it. `whole[f]` says [`whole`] of `catalogs[f]`.
pub fn plain_part(
    catalogs: &crate::catalog::Files,
    whole: &[bool],
    id: &str,
    attr: Option<&str>,
    transform: Option<Transform>,
) -> Option<Option<String>> {
    let (f, i) = catalogs.find(id)?;
    if whole[f] {
        return None;
    }
    let ast::Entry::Message(m) = &catalogs.catalogs[f].resource.body[i] else {
        return None;
    };
    let pattern = match attr {
        None => m.value.as_ref(),
        Some(a) => catalogs.attribute(f, i, a).map(|x| &x.value),
    };
    let Some(pattern) = pattern else {
        return Some(None);
    };
    if !is_plain(pattern) {
        return None;
    }
    // fluent-bundle writes each text element, through the transform if there is one.
    let mut text = String::new();
    for e in &pattern.elements {
        if let ast::PatternElement::TextElement { value } = e {
            match transform {
                Some(t) => text.push_str(&t(value)),
                None => text.push_str(value),
            }
        }
    }
    Some(Some(text))
}

/// Whether message `id` is defined in a file read off the catalogs (the bundle has the
/// others whole).
pub fn has_message(catalogs: &[Catalog], whole: &[bool], id: &str) -> bool {
    !id.starts_with('-')
        && catalogs
            .iter()
            .zip(whole)
            .any(|(c, &w)| !w && c.index.contains_key(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::{FluentBundle, FluentResource};

    /// Every part of every message of `files` as a bundle of the whole files formats
    /// it, and as build formats it now (plain parts off the catalogs, the rest from a
    /// bundle of the kept entries).
    fn both(files: &[&str], transform: Option<Transform>) -> (Vec<String>, Vec<String>) {
        let catalogs: Vec<Catalog> = files.iter().map(|t| Catalog::parse(t)).collect();
        let whole: Vec<bool> = catalogs
            .iter()
            .zip(files)
            .map(|(c, t)| super::whole(c, t))
            .collect();
        let kept: Vec<FluentResource> = bundle_texts(&catalogs, files)
            .into_iter()
            .map(|t| FluentResource::try_new(t.into_owned()).unwrap_or_else(|(r, _)| r))
            .collect();
        let full: Vec<FluentResource> = files
            .iter()
            .map(|t| FluentResource::try_new(t.to_string()).unwrap_or_else(|(r, _)| r))
            .collect();
        fn bundle(
            resources: &[FluentResource],
            transform: Option<Transform>,
        ) -> FluentBundle<&FluentResource> {
            let mut b = FluentBundle::new(vec!["en-US".parse().unwrap()]);
            b.set_use_isolating(false);
            b.set_transform(transform);
            for r in resources {
                let _ = b.add_resource(r);
            }
            b
        }
        let (full_bundle, kept_bundle) = (bundle(&full, transform), bundle(&kept, transform));
        let format = |b: &FluentBundle<&FluentResource>, id: &str, attr: Option<&str>| {
            let m = b.get_message(id)?;
            let p = match attr {
                None => m.value()?,
                Some(a) => m.get_attribute(a)?.value(),
            };
            let mut errors = Vec::new();
            let text = b.format_pattern(p, None, &mut errors).into_owned();
            Some(format!("{text} ({} errors)", errors.len()))
        };
        let mut parts = Vec::new();
        for c in &catalogs {
            for i in 0..c.resource.body.len() {
                if let fluent_syntax::ast::Entry::Message(m) = &c.resource.body[i] {
                    parts.push((m.id.name, None));
                    for a in &m.attributes {
                        parts.push((m.id.name, Some(a.id.name)));
                    }
                    parts.push((m.id.name, Some("absent")));
                }
            }
        }
        let mut expected = Vec::new();
        let mut got = Vec::new();
        let files = crate::catalog::Files::new(&catalogs);
        for (id, attr) in parts {
            expected.push(format!(
                "{id} {attr:?}: {:?}",
                format(&full_bundle, id, attr)
            ));
            let now = match plain_part(&files, &whole, id, attr, transform) {
                Some(text) => text.map(|t| format!("{t} (0 errors)")),
                None => format(&kept_bundle, id, attr),
            };
            got.push(format!("{id} {attr:?}: {now:?}"));
        }
        (expected, got)
    }

    // Guards the plain-text shortcut: every part formats as a bundle of the whole files
    // formats it (references across files, duplicates, terms, selects, multi-line text,
    // a pseudo-locale's transform, a file with junk or a CR at its very end).
    #[test]
    fn plain_parts_and_the_kept_entries_format_as_the_whole_files() {
        fn accented(s: &str) -> Cow<'_, str> {
            fluent_pseudo::transform(s, false, true)
        }
        let cases: Vec<Vec<&str>> = vec![
            vec!["-brand = Clinic\nhello = Hello { -brand }\nplain = Plain\nref = See { plain } and { other }\nsel = { $n ->\n    [one] one\n   *[other] many { $n }\n}\nmulti = One\n    two\n\n    three\n    .title = <b>&amp;\nvalueless =\n    .a = A\n", "other = Other { plain }\ndup = { -brand } late\nplain = Shadowed { -brand }\n"],
            vec!["dup = First\ndup = Second { $x }\nuses = { dup }\n"],
            vec!["a = { b }\nb = B\n", "b = Late { $x }\nc = C\r"],
            vec!["ok = Fine\nbroken = {\nnext = { ok }!\n"],
            vec!["# comment\n## group\n### resource\nm = Text\n    # not a comment\n"],
        ];
        for files in &cases {
            for transform in [None, Some(accented as Transform)] {
                let (expected, got) = both(files, transform);
                assert_eq!(got, expected, "{files:?}");
            }
        }
        // Only what needs the bundle is in it.
        let files = ["-t = T\nx = X\ny = { -t } { z }\nz = Z\nw = W\n"];
        let catalogs: Vec<Catalog> = files.iter().map(|t| Catalog::parse(t)).collect();
        assert_eq!(
            bundle_texts(&catalogs, &files),
            vec![Cow::<str>::Owned(
                "-t = T\ny = { -t } { z }\nz = Z\n".into()
            )]
        );
    }
}
