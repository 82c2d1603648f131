//! Variable rules: a translation uses the source's `$variables`, all of them and no other.

use fluent_syntax::ast;

use super::ast::collect_vars;
use super::file::{Label, Pair};
use super::{Code, Diagnostic};

/// Variables of one translated pattern the source never uses (the app will not pass
/// them); every variable found is added to `used` for [`check_dropped`].
#[allow(clippy::too_many_arguments)]
pub(super) fn check_pattern<'s>(
    pair: &Pair,
    label: &Label,
    source_vars: &[&str],
    pattern: &ast::Pattern<&'s str>,
    used: &mut Vec<&'s str>,
    offset_of: &dyn Fn(&str) -> usize,
    d: &dyn Fn(Code, usize, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    let mut vars = Vec::new();
    collect_vars(pattern, &mut vars);
    let mut reported: Vec<&str> = Vec::new();
    for v in vars {
        used.push(v);
        // A term's variables are parameters from its call sites, not app variables.
        if !pair.is_term && source_vars.binary_search(&v).is_err() && !reported.contains(&v) {
            reported.push(v);
            out.push(d(
                Code::UnknownVariable,
                offset_of(v),
                format!(
                    "{label} uses `${v}`, which the source never uses; the app will not pass it"
                ),
            ));
        }
    }
}

/// Variables of the source the translation uses in none of its patterns.
pub(super) fn check_dropped(
    pair: &Pair,
    source_vars: &[&str],
    used: &[&str],
    d: &dyn Fn(Code, usize, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    if pair.is_term {
        return;
    }
    let id = pair.id;
    for v in source_vars.iter().filter(|v| !used.contains(v)) {
        out.push(d(
            Code::DroppedVariable,
            pair.offset,
            format!("`{id}` does not use `${v}` of the source"),
        ));
    }
}
