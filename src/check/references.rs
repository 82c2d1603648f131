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
    walk_pattern(pattern, &mut |e| match e {
        ast::InlineExpression::MessageReference { id, attribute } => {
            let name = id.name;
            if let Some(a) = attribute {
                if lacks_attribute(ctx, name, a.name) && once(format!("{name}.{}", a.name)) {
                    out.push(d(
                        Code::UnknownReference,
                        offset_of(a.name),
                        format!(
                            "{label} refers to `{name}.{}`, but `{name}` has no attribute `{}`",
                            a.name, a.name
                        ),
                    ));
                }
            }
            if is_term || ctx.source_ids.contains(name) {
                return;
            }
            for (var, through) in helper_vars(ctx, name) {
                if !passed.contains(&var) && once(format!("${var}")) {
                    out.push(d(Code::UnknownVariable, offset_of(name), format!("{label} uses `${var}` through `{through}`, which the source never uses; the app will not pass it")));
                }
            }
        }
        ast::InlineExpression::TermReference {
            id,
            attribute,
            arguments,
        } => {
            let name = format!("-{}", id.name);
            if let Some(a) = attribute {
                if lacks_attribute(ctx, &name, a.name) && once(format!("{name}.{}", a.name)) {
                    out.push(d(
                        Code::UnknownReference,
                        offset_of(a.name),
                        format!(
                            "{label} refers to `{name}.{}`, but `{name}` has no attribute `{}`",
                            a.name, a.name
                        ),
                    ));
                }
            }
            let Some(ast::Entry::Term(t)) = ctx.locale_ids.entry(&name) else {
                return;
            };
            let given: Vec<&str> = arguments
                .iter()
                .flat_map(|a| a.named.iter().map(|n| n.name.name))
                .collect();
            let mut printed = Vec::new();
            super::ast::printed_vars(&t.value, &mut printed);
            for var in printed {
                if !given.contains(&var) && once(format!("{name}(${var})")) {
                    out.push(d(Code::UnknownVariable, offset_of(id.name), format!("{label} uses `{name}`, which prints `${var}`, but the call does not pass it (a term sees only its arguments): it would show `{{${var}}}`")));
                }
            }
        }
        ast::InlineExpression::FunctionReference { id, arguments } => {
            if let Some(why) = crate::bundle::intl::refusal(id.name, arguments) {
                if once(why.clone()) {
                    out.push(d(Code::Format, offset_of(id.name), format!("{label}: {why}; the JavaScript runtimes refuse it (@fluent/bundle prints the bare value, intl-messageformat throws), so build uses the fallback")));
                }
            }
        }
        _ => {}
    });
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

/// The variables a helper message of the locale's own uses, through the helpers it
/// refers to as well, each with the helper that uses it.
fn helper_vars<'a>(ctx: &Context<'a>, name: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut out = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let mut queue = vec![name];
    while let Some(h) = queue.pop() {
        if seen.contains(&h) || ctx.source_ids.contains(h) {
            continue;
        }
        seen.push(h);
        let Some(ast::Entry::Message(m)) = ctx.locale_ids.entry(h) else {
            continue;
        };
        for p in m.value.iter().chain(m.attributes.iter().map(|a| &a.value)) {
            walk_pattern(p, &mut |e| match e {
                ast::InlineExpression::VariableReference { id } => out.push((id.name, h)),
                ast::InlineExpression::MessageReference { id, .. } => queue.push(id.name),
                _ => {}
            });
        }
    }
    out
}
