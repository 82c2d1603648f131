//! Walking Fluent's AST: the variables, references, selects, functions and literal text
//! of a pattern or entry. Every rule family reads messages through these.

use fluent_syntax::ast;

/// Every `$variable` in a pattern, in select variants and call arguments too.
pub fn collect_vars<'s>(p: &ast::Pattern<&'s str>, out: &mut Vec<&'s str>) {
    walk_pattern(p, &mut |e| {
        if let ast::InlineExpression::VariableReference { id } = e {
            out.push(id.name);
        }
    });
}

/// The variables a pattern prints when they are not given (as `{$y}`): interpolated or
/// passed to a function, in the pattern and in its selects' variants (any variant: a
/// call can choose one with a literal; a selector itself prints nothing, and a select
/// on a missing variable takes its default).
pub fn printed_vars<'s>(p: &ast::Pattern<&'s str>, out: &mut Vec<&'s str>) {
    use ast::{Expression, InlineExpression as E, PatternElement};
    fn inline<'s>(e: &E<&'s str>, out: &mut Vec<&'s str>) {
        match e {
            E::VariableReference { id } => out.push(id.name),
            E::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline(a, out);
                }
            }
            E::Placeable { expression } => expression_vars(expression, out),
            _ => {}
        }
    }
    fn expression_vars<'s>(e: &Expression<&'s str>, out: &mut Vec<&'s str>) {
        match e {
            Expression::Inline(i) => inline(i, out),
            Expression::Select { variants, .. } => {
                for v in variants {
                    printed_vars(&v.value, out);
                }
            }
        }
    }
    for e in &p.elements {
        if let PatternElement::Placeable { expression } = e {
            expression_vars(expression, out);
        }
    }
}

/// How a pattern uses a variable, where that says what the app must pass: a plural
/// selector or `NUMBER()` needs a number, `DATETIME()` a date, a select on other keys a
/// string. (Only interpolated, a variable takes anything.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarUse {
    Number,
    Date,
    Text,
}

impl VarUse {
    pub fn describe(self) -> &'static str {
        match self {
            VarUse::Number => "a number (a plural select or NUMBER())",
            VarUse::Date => "a date (DATETIME())",
            VarUse::Text => "a string (a select on its own keys)",
        }
    }
}

/// Each typed use of a variable in a pattern, in its variants too (a variable used two
/// ways is listed for each).
pub fn var_uses<'s>(p: &ast::Pattern<&'s str>, out: &mut Vec<(&'s str, VarUse)>) {
    const PLURAL: [&str; 5] = ["zero", "one", "two", "few", "many"];
    let var = |e: &ast::InlineExpression<&'s str>| match e {
        ast::InlineExpression::VariableReference { id } => Some(id.name),
        _ => None,
    };
    fn selects<'e, 's>(
        p: &'e ast::Pattern<&'s str>,
        out: &mut Vec<(
            &'e ast::InlineExpression<&'s str>,
            &'e [ast::Variant<&'s str>],
        )>,
    ) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                select_expr(expression, out);
            }
        }
    }
    fn select_expr<'e, 's>(
        e: &'e ast::Expression<&'s str>,
        out: &mut Vec<(
            &'e ast::InlineExpression<&'s str>,
            &'e [ast::Variant<&'s str>],
        )>,
    ) {
        match e {
            ast::Expression::Select { selector, variants } => {
                out.push((selector, variants));
                for v in variants {
                    selects(&v.value, out);
                }
            }
            ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
                select_expr(expression, out)
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    selects(p, &mut found);
    for (selector, variants) in found {
        let Some(name) = var(selector) else { continue };
        let numeric = variants.iter().any(|v| match &v.key {
            ast::VariantKey::NumberLiteral { .. } => true,
            ast::VariantKey::Identifier { name } => PLURAL.contains(name),
        });
        let only_other = variants
            .iter()
            .all(|v| matches!(&v.key, ast::VariantKey::Identifier { name } if *name == "other"));
        if numeric {
            out.push((name, VarUse::Number));
        } else if !only_other {
            out.push((name, VarUse::Text));
        }
    }
    walk_pattern(p, &mut |e| {
        if let ast::InlineExpression::FunctionReference { id, arguments } = e {
            let use_ = match id.name {
                "NUMBER" => VarUse::Number,
                "DATETIME" => VarUse::Date,
                _ => return,
            };
            if let Some(name) = arguments.positional.first().and_then(var) {
                out.push((name, use_));
            }
        }
    });
}

/// The catalog ID of a reference: terms carry their `-`.
pub(super) fn reference_id(name: &str, is_term: bool) -> String {
    if is_term {
        format!("-{name}")
    } else {
        name.to_string()
    }
}

pub(super) fn collect_refs<'s>(p: &ast::Pattern<&'s str>, out: &mut Vec<(&'s str, bool)>) {
    walk_pattern(p, &mut |e| match e {
        ast::InlineExpression::MessageReference { id, .. } => out.push((id.name, false)),
        ast::InlineExpression::TermReference { id, .. } => out.push((id.name, true)),
        _ => {}
    });
}

pub(super) fn collect_selects<'e, 's>(
    p: &'e ast::Pattern<&'s str>,
    out: &mut Vec<&'e [ast::Variant<&'s str>]>,
) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            collect_selects_expr(expression, out);
        }
    }
}

fn collect_selects_expr<'e, 's>(
    e: &'e ast::Expression<&'s str>,
    out: &mut Vec<&'e [ast::Variant<&'s str>]>,
) {
    if let ast::Expression::Select { variants, .. } = e {
        out.push(variants);
        for v in variants {
            collect_selects(&v.value, out);
        }
    }
}

pub fn walk_pattern<'s>(
    p: &ast::Pattern<&'s str>,
    f: &mut dyn FnMut(&ast::InlineExpression<&'s str>),
) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            walk_expression(expression, f);
        }
    }
}

fn walk_expression<'s>(
    e: &ast::Expression<&'s str>,
    f: &mut dyn FnMut(&ast::InlineExpression<&'s str>),
) {
    match e {
        ast::Expression::Inline(i) => walk_inline(i, f),
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, f);
            for v in variants {
                walk_pattern(&v.value, f);
            }
        }
    }
}

fn walk_inline<'s>(
    i: &ast::InlineExpression<&'s str>,
    f: &mut dyn FnMut(&ast::InlineExpression<&'s str>),
) {
    f(i);
    match i {
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                walk_inline(a, f);
            }
            for a in &arguments.named {
                walk_inline(&a.value, f);
            }
        }
        // A term's arguments are the caller's expressions (`{ -t(case: $c) }`).
        ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                walk_inline(a, f);
            }
            for a in &arguments.named {
                walk_inline(&a.value, f);
            }
        }
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, f),
        _ => {}
    }
}

/// The literal text of a pattern, all select variants included (for text checks).
/// Borrowed when the pattern is one piece of text, as most are.
pub fn plain_text<'s>(p: &ast::Pattern<&'s str>) -> std::borrow::Cow<'s, str> {
    if let [ast::PatternElement::TextElement { value }] = p.elements.as_slice() {
        return std::borrow::Cow::Borrowed(value);
    }
    let mut out = String::new();
    push_text(p, &mut out);
    std::borrow::Cow::Owned(out)
}

fn push_text(p: &ast::Pattern<&str>, out: &mut String) {
    for el in &p.elements {
        match el {
            ast::PatternElement::TextElement { value } => out.push_str(value),
            ast::PatternElement::Placeable { expression } => push_expr_text(expression, out),
        }
    }
}

fn push_expr_text(e: &ast::Expression<&str>, out: &mut String) {
    match e {
        ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
            out.push_str(&crate::ftl::unescape_literal(value))
        }
        // A number written as a literal placeable (`{ 10 }`) is shown as that number.
        ast::Expression::Inline(ast::InlineExpression::NumberLiteral { value }) => {
            out.push_str(value)
        }
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            push_expr_text(expression, out)
        }
        ast::Expression::Inline(_) => out.push(' '),
        ast::Expression::Select { variants, .. } => {
            for v in variants {
                out.push(' ');
                push_text(&v.value, out);
            }
        }
    }
}

/// Whether an entry has a placeable that is not a string or number literal (only those
/// can fail to format).
pub(super) fn has_dynamic_placeable(entry: &ast::Entry<&str>) -> bool {
    entry_patterns(entry).iter().any(|p| {
        p.elements.iter().any(|e| {
            matches!(e, ast::PatternElement::Placeable { expression }
                if !matches!(expression, ast::Expression::Inline(ast::InlineExpression::StringLiteral { .. } | ast::InlineExpression::NumberLiteral { .. })))
        })
    })
}

/// Functions Fluent runtimes provide: fluent-rs has `NUMBER`, @fluent/bundle also
/// `DATETIME`.
pub(super) const KNOWN_FUNCTIONS: &[&str] = &["NUMBER", "DATETIME"];

pub(crate) fn entry_patterns<'e, 's>(
    entry: &'e ast::Entry<&'s str>,
) -> Vec<&'e ast::Pattern<&'s str>> {
    match entry {
        ast::Entry::Message(m) => m
            .value
            .iter()
            .chain(m.attributes.iter().map(|a| &a.value))
            .collect(),
        ast::Entry::Term(t) => std::iter::once(&t.value)
            .chain(t.attributes.iter().map(|a| &a.value))
            .collect(),
        _ => Vec::new(),
    }
}

pub(super) fn select_in_entry(entry: &ast::Entry<&str>) -> bool {
    entry_patterns(entry).into_iter().any(|p| {
        let mut selects = Vec::new();
        collect_selects(p, &mut selects);
        !selects.is_empty()
    })
}

/// The functions an entry calls that no Fluent runtime provides by itself.
pub(super) fn unknown_functions<'s>(entry: &ast::Entry<&'s str>) -> Vec<&'s str> {
    let mut out = Vec::new();
    for p in entry_patterns(entry) {
        walk_pattern(p, &mut |e| {
            if let ast::InlineExpression::FunctionReference { id, .. } = e {
                if !KNOWN_FUNCTIONS.contains(&id.name) {
                    out.push(id.name);
                }
            }
        });
    }
    out
}

/// What a part reaches that no runtime can format as meant, found by [`reach`].
#[derive(Debug, Clone, PartialEq)]
pub enum Unreachable {
    /// A `$variable` the app does not pass (`via` the helper message it is in), or one
    /// a term prints that its call does not pass (`via` the term).
    Variable { name: String, via: Option<String> },
    /// A message or term that does not exist (`via` as above).
    Reference { name: String, via: Option<String> },
    /// An attribute its message or term lacks.
    Attribute { name: String, attribute: String },
    /// Options the JavaScript runtimes' Intl refuses.
    Refused(String),
}

/// How [`reach`] sees the locale: its entries (first definitions; a term with its `-`),
/// and whether a message is a helper of the locale's own (not the source's).
pub struct Scope<'a, 's> {
    pub entry: &'a dyn Fn(&str) -> Option<&'a ast::Entry<&'s str>>,
    pub helper: &'a dyn Fn(&str) -> bool,
    /// Whether a function exists (the builtins, the app's).
    pub function: &'a dyn Fn(&str) -> bool,
}

/// A pattern [`reach`] goes into: with the term call's arguments (None: the app's), and
/// the helper or term it came through.
type Reached<'a, 's> = (
    &'a ast::Pattern<&'s str>,
    Option<Vec<&'s str>>,
    Option<String>,
);

/// Walks a part as a runtime formats it, in every variant, into the locale's helper
/// messages (with the caller's variables) and terms (with only their call's named
/// arguments, and the messages they refer to with those), and reports what it cannot
/// format as meant: a variable the app (`passed`) or the term call does not give, a
/// reference to nothing, a missing attribute, options Intl refuses. Each helper or term
/// is entered once per set of arguments, and at most 10,000 patterns in all.
pub fn reach<'a, 's>(
    pattern: &'a ast::Pattern<&'s str>,
    passed: &dyn Fn(&str) -> bool,
    scope: &Scope<'a, 's>,
    found: &mut dyn FnMut(Unreachable),
) {
    const MAX_PATTERNS: usize = 10_000;
    // (pattern, the term call's arguments or None for the app's, what it came through)
    let mut queue: Vec<Reached<'a, 's>> = vec![(pattern, None, None)];
    let mut seen: std::collections::HashSet<(String, Option<Vec<&'s str>>)> = Default::default();
    let mut visited = 0;
    while let Some((p, given, via)) = queue.pop() {
        visited += 1;
        if visited > MAX_PATTERNS {
            return;
        }
        if let Some(given) = &given {
            let mut printed = Vec::new();
            printed_vars(p, &mut printed);
            for v in printed {
                if !given.contains(&v) {
                    found(Unreachable::Variable {
                        name: v.to_string(),
                        via: via.clone(),
                    });
                }
            }
        }
        let mut more: Vec<Reached<'a, 's>> = Vec::new();
        walk_pattern(p, &mut |e| match e {
            ast::InlineExpression::VariableReference { id }
                if given.is_none() && !passed(id.name) =>
            {
                found(Unreachable::Variable {
                    name: id.name.to_string(),
                    via: via.clone(),
                });
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                let Some(entry) = (scope.entry)(id.name) else {
                    found(Unreachable::Reference {
                        name: id.name.to_string(),
                        via: via.clone(),
                    });
                    return;
                };
                let ast::Entry::Message(m) = entry else {
                    return;
                };
                let part = match attribute {
                    None => m.value.as_ref(),
                    Some(a) => {
                        let p = m
                            .attributes
                            .iter()
                            .find(|x| x.id.name == a.name)
                            .map(|x| &x.value);
                        if p.is_none() {
                            found(Unreachable::Attribute {
                                name: id.name.to_string(),
                                attribute: a.name.to_string(),
                            });
                        }
                        p
                    }
                };
                // The locale's helper, or any message inside a term (it sees the term's
                // arguments only).
                if let Some(part) = part {
                    if ((scope.helper)(id.name) || given.is_some())
                        && seen.insert((id.name.to_string(), given.clone()))
                    {
                        more.push((part, given.clone(), Some(id.name.to_string())));
                    }
                }
            }
            ast::InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                let name = format!("-{}", id.name);
                let Some(entry) = (scope.entry)(&name) else {
                    found(Unreachable::Reference {
                        name,
                        via: via.clone(),
                    });
                    return;
                };
                let ast::Entry::Term(t) = entry else { return };
                if let Some(a) = attribute {
                    if !t.attributes.iter().any(|x| x.id.name == a.name) {
                        found(Unreachable::Attribute {
                            name: name.clone(),
                            attribute: a.name.to_string(),
                        });
                    }
                }
                let mut args: Vec<&'s str> = arguments
                    .iter()
                    .flat_map(|a| a.named.iter().map(|n| n.name.name))
                    .collect();
                args.sort_unstable();
                if seen.insert((name.clone(), Some(args.clone()))) {
                    more.push((&t.value, Some(args), Some(name)));
                }
            }
            ast::InlineExpression::FunctionReference { id, arguments } => {
                if !(scope.function)(id.name) {
                    found(Unreachable::Reference {
                        name: format!("{}()", id.name),
                        via: via.clone(),
                    });
                }
                if let Some(why) = crate::bundle::intl::refusal(id.name, arguments) {
                    found(Unreachable::Refused(why));
                }
            }
            _ => {}
        });
        queue.append(&mut more);
    }
}
