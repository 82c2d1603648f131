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
    catalogs: &[Catalog],
    whole: &[bool],
    id: &str,
    attr: Option<&str>,
    transform: Option<Transform>,
) -> Option<Option<String>> {
    let (f, i) = catalogs
        .iter()
        .enumerate()
        .find_map(|(f, c)| c.index.get(id).map(|&i| (f, i)))?;
    if whole[f] {
        return None;
    }
    let ast::Entry::Message(m) = &catalogs[f].resource.body[i] else {
        return None;
    };
    let pattern = match attr {
        None => m.value.as_ref(),
        Some(a) => m
            .attributes
            .iter()
            .find(|x| x.id.name == a)
            .map(|x| &x.value),
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
