//! Shape rules: a value where the source has one, and the source's attributes, no more.

use super::file::Pair;
use super::{Code, Diagnostic};

/// The value and attributes of a translation against the source's.
pub(super) fn check(
    pair: &Pair,
    offset_of: &dyn Fn(&str) -> usize,
    d: &dyn Fn(Code, usize, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    let (id, offset) = (pair.id, pair.offset);
    let t = pair.translation;
    match (pair.source_has_value, t.value.is_some()) {
        (true, false) => out.push(d(
            Code::ValueShape,
            offset,
            format!("`{id}` has no value, but the source has one"),
        )),
        (false, true) => out.push(d(
            Code::ValueShape,
            offset,
            format!("`{id}` has a value, but the source has none (only attributes)"),
        )),
        _ => {}
    }
    // A term's attributes are the locale's own grammar (`.gender`).
    if pair.is_term {
        return;
    }
    let s_attrs = pair.source_attributes;
    // (Sets when there are many: 40,000 attributes took seconds with lists.)
    let many = s_attrs.len().max(t.attributes.len()) > 16;
    let s_set: rustc_hash::FxHashSet<&str> = if many {
        s_attrs.iter().copied().collect()
    } else {
        Default::default()
    };
    let in_source = |name: &str| {
        if many {
            s_set.contains(name)
        } else {
            s_attrs.contains(&name)
        }
    };
    for a in t.attributes {
        if !in_source(a.id.name) {
            out.push(d(
                Code::Attributes,
                offset_of(a.id.name),
                format!(
                    "`{id}` has an attribute `.{}` the source does not have",
                    a.id.name
                ),
            ));
        }
    }
    let t_attrs: rustc_hash::FxHashSet<&str> = t.attributes.iter().map(|a| a.id.name).collect();
    for name in s_attrs.iter().filter(|n| !t_attrs.contains(*n)) {
        out.push(d(
            Code::Attributes,
            offset,
            format!("`{id}` lacks the attribute `.{name}` of the source: add a line `    .{name} = …` (indented) under `{id}` with its translation"),
        ));
    }
}
