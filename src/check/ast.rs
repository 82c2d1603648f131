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
