//! Reference rules: a message or term a translation refers to must exist, in the locale
//! or the source, unless the source makes that reference itself (then it is the source's
//! to fix, or the app provides it at run time; the source lint reports it once).

use fluent_syntax::ast;

use super::ast::{collect_refs, reference_id};
use super::file::{Context, Label};
use super::{Code, Diagnostic};

/// References of one translated pattern to nothing.
pub(super) fn check_pattern(
    ctx: &Context,
    label: &Label,
    source_refs: &[(&str, bool)],
    pattern: &ast::Pattern<&str>,
    offset_of: &dyn Fn(&str) -> usize,
    d: &dyn Fn(Code, usize, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    let mut refs = Vec::new();
    collect_refs(pattern, &mut refs);
    for (r, is_term) in refs {
        let full = reference_id(r, is_term);
        if !ctx.locale_ids.contains_key(full.as_str())
            && !ctx.source_ids.contains(full.as_str())
            && !source_refs.contains(&(r, is_term))
        {
            let what = if is_term { "term" } else { "message" };
            out.push(d(Code::UnknownReference, offset_of(r), format!("{label} refers to the {what} `{full}`, which exists neither in this locale nor in the source")));
        }
    }
}
