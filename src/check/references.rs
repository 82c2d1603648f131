//! Reference rules: a message or term a translation refers to must exist, in the locale
//! or the source, unless the source makes that reference itself (then it is the source's
//! to fix, or the app provides it at run time; the source lint reports it once).

use fluent_syntax::ast;

use super::ast::{collect_refs, reference_id, walk_pattern};
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
            && !ctx.fallback_ids.contains(full.as_str())
            && !source_refs.contains(&(r, is_term))
        {
            let what = if is_term { "term" } else { "message" };
            out.push(d(Code::UnknownReference, offset_of(r), format!("{label} refers to the {what} `{full}`, which exists neither in this locale nor in the source")));
        }
    }
}

/// What a translated pattern reaches beyond itself, in any variant, as build reads it
/// (a part with any of these falls back there):
/// - an attribute its message or term does not have (`{ b.nope }`, `-t.gender`): E006;
/// - through a helper message of the locale's own, a variable the app does not pass
///   (`{ helper }` where `helper` uses `$bogus`): E005;
/// - a term of the locale's that prints a variable its call does not pass (terms see
///   only their arguments: `{ -t }` where `-t` prints `$leak` shows `{$leak}`): E005;
/// - `NUMBER()` or `DATETIME()` options the JavaScript runtimes' Intl refuses: E007.
#[allow(clippy::too_many_arguments)]
pub(super) fn check_reach(
    ctx: &Context,
    label: &Label,
    is_term: bool,
    passed: &[&str],
    pattern: &ast::Pattern<&str>,
    offset_of: &dyn Fn(&str) -> usize,
    d: &dyn Fn(Code, usize, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    let mut reported: Vec<String> = Vec::new();
    let mut once = |key: String| {
        let new = !reported.contains(&key);
        if new {
            reported.push(key);
        }
        new
    };
    // A missing attribute of an entry only the source has (whose syntax tree is gone
    // by now): from the source's facts.
    walk_pattern(pattern, &mut |e| {
        let (name, attr) = match e {
            ast::InlineExpression::MessageReference {
                id,
                attribute: Some(a),
            } => (id.name.to_string(), a.name),
            ast::InlineExpression::TermReference {
                id,
                attribute: Some(a),
                ..
            } => (format!("-{}", id.name), a.name),
            _ => return,
        };
        if ctx.locale_ids.entry(&name).is_none()
            && lacks_attribute(ctx, &name, attr)
            && once(format!("{name}.{attr}"))
        {
            out.push(d(
                Code::UnknownReference,
                offset_of(attr),
                format!(
                    "{label} refers to `{name}.{attr}`, but `{name}` has no attribute `{attr}`"
                ),
            ));
        }
    });
    let entry = |id: &str| ctx.locale_ids.entry(id);
    // (A term's own variables are its call's: a term translation is walked as a term.)
    let helper = |id: &str| !ctx.source_ids.contains(id);
    let function = |_: &str| true; // unknown functions: E007, when formatted
    let scope = super::ast::Scope {
        entry: &entry,
        helper: &helper,
        function: &function,
    };
    let passed_fn = |v: &str| is_term || passed.contains(&v);
    super::ast::reach(pattern, &passed_fn, &scope, &mut |f| {
        use super::ast::Unreachable as U;
        match f {
            U::Variable {
                name,
                via: Some(via),
            } if via.starts_with('-') => {
                if once(format!("{via}(${name})")) {
                    out.push(d(Code::UnknownVariable, offset_of(via.trim_start_matches('-')), format!("{label} uses `{via}`, which prints `${name}`, but no call on the way passes it (a term sees only its arguments): it would show `{{${name}}}`")));
                }
            }
            U::Variable {
                name,
                via: Some(via),
            } => {
                if once(format!("${name}")) {
                    out.push(d(Code::UnknownVariable, offset_of(&via), format!("{label} uses `${name}` through `{via}`, which the source never uses; the app will not pass it")));
                }
            }
            U::Reference {
                name,
                via: Some(via),
            } => {
                let exists = ctx.source_ids.contains(&name) || ctx.fallback_ids.contains(&name);
                if !exists && !name.ends_with("()") && once(format!("ref {name}")) {
                    out.push(d(Code::UnknownReference, offset_of(&via), format!("{label} uses `{via}`, which refers to `{name}`, which exists neither in this locale nor in the source")));
                }
            }
            U::Attribute { name, attribute } => {
                if once(format!("{name}.{attribute}")) {
                    out.push(d(Code::UnknownReference, offset_of(&attribute), format!("{label} refers to `{name}.{attribute}`, but `{name}` has no attribute `{attribute}`")));
                }
            }
            U::Refused(why) => {
                if once(why.clone()) {
                    out.push(d(
                        Code::Format,
                        offset_of(pattern_start(pattern)),
                        format!("{label}: {why}; build uses the fallback"),
                    ));
                }
            }
            // Direct ones: the variable and reference rules report them.
            U::Variable { via: None, .. } | U::Reference { via: None, .. } => {}
        }
    });
}

/// Where a pattern's text starts (its first text element), for a finding without a
/// better place.
fn pattern_start<'s>(p: &ast::Pattern<&'s str>) -> &'s str {
    p.elements
        .iter()
        .find_map(|e| match e {
            ast::PatternElement::TextElement { value } => Some(*value),
            _ => None,
        })
        .unwrap_or("")
}

/// Whether message or term `name` (the locale's, else the source's) exists and lacks
/// attribute `attr`.
fn lacks_attribute(ctx: &Context, name: &str, attr: &str) -> bool {
    match ctx.locale_ids.entry(name) {
        Some(ast::Entry::Message(m)) => !m.attributes.iter().any(|a| a.id.name == attr),
        Some(ast::Entry::Term(t)) => !t.attributes.iter().any(|a| a.id.name == attr),
        Some(_) => false,
        None => ctx
            .source_ids
            .get(name)
            .is_some_and(|m| !m.attributes().contains(&attr)),
    }
}
