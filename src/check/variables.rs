//! Variable rules: a translation uses the source's `$variables`, all of them and no other.

use fluent_syntax::ast;

use super::ast::{collect_vars, VarUse};
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

/// A variable the translation uses as another kind than the source does (a plural where
/// the source selects on its own keys, a number where it has a date): the types the app
/// gets are the union over the locales, so they would ask every locale for the
/// translation's kind, and the source's own use could no longer be served.
pub(super) fn check_kinds(
    id: &str,
    source: &[(&str, VarUse)],
    translation: &[(&str, VarUse)],
    offset_of: &dyn Fn(&str) -> usize,
    d: &dyn Fn(Code, usize, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    let mut reported: Vec<&str> = Vec::new();
    for &(name, t_use) in translation {
        let s_uses: Vec<VarUse> = source
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, u)| *u)
            .collect();
        let Some(&s_use) = s_uses.first() else {
            continue;
        };
        if s_uses.contains(&t_use) || reported.contains(&name) {
            continue;
        }
        reported.push(name);
        out.push(d(
            Code::VariableKind,
            offset_of(name),
            format!(
                "`{id}` uses `${name}` as {}, where the source uses it as {}: the app's types (messages.d.ts) would ask every locale for the translation's kind",
                t_use.describe(),
                s_use.describe()
            ),
        ));
    }
}
