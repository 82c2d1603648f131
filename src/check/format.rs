//! The runtime rule: a locale's messages formatted with fluent-bundle as an app would,
//! after a static pre-pass that clears what cannot fail.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use fluent_syntax::ast;

use super::ast::{
    collect_refs, entry_patterns, has_dynamic_placeable, select_in_entry, unknown_functions,
    KNOWN_FUNCTIONS,
};
use super::plurals::plural_samples;
use super::{Code, Diagnostic};
use crate::catalog::{Catalog, EntryKind};
use crate::locale::Tag;

/// What the app formats a locale's messages with, as far as the source shows it.
pub struct Runtime<'a> {
    /// The variables each source message uses (formatting passes them all).
    pub vars: &'a HashMap<&'a str, Vec<&'a str>>,
    /// Functions the source calls beyond `NUMBER` and `DATETIME`: the app provides them
    /// (Firefox's `PLATFORM()`), so a translation may call them too.
    pub functions: &'a rustc_hash::FxHashSet<String>,
}

/// The functions a source calls beyond Fluent's own (see [`Runtime::functions`]).
pub fn source_functions<'c>(
    catalogs: impl IntoIterator<Item = &'c Catalog<'c>>,
) -> rustc_hash::FxHashSet<String> {
    catalogs
        .into_iter()
        .flat_map(|c| c.resource.body.iter().flat_map(unknown_functions))
        .map(str::to_string)
        .collect()
}

impl Runtime<'_> {
    fn provides(&self, function: &str) -> bool {
        KNOWN_FUNCTIONS.contains(&function) || self.functions.contains(function)
    }
}

/// Formats every message of a locale with fluent-bundle, as an app would, and reports
/// what the runtime reports (cycles, unknown functions, too many placeables). Missing
/// references are left to `unknown-reference`, which knows about the source.
pub fn format_check(
    tag: &Tag,
    files: &[(&Path, &Catalog)],
    runtime: &Runtime,
    out: &mut Vec<Diagnostic>,
) {
    format_check_with(tag, files, runtime, true, out)
}

/// The most placeables fluent-bundle resolves for one message before it gives up.
const MAX_PLACEABLES: usize = 100;

/// Where each message and term of a locale is defined (first definition wins, as in a
/// bundle): `(is_term, name)` → (file, entry).
type Definitions<'c> = rustc_hash::FxHashMap<(bool, &'c str), (usize, usize)>;

/// Decides, from the AST alone, which entries fluent-bundle can format without an error
/// carta reports. Those errors are: a cycle, a reference to a message without a value,
/// more than [`MAX_PLACEABLES`] placeables, and a function the runtime does not provide
/// (a missing default variant cannot parse). An entry is *clean* when it calls only
/// provided functions, every reference it makes (transitively) is to a clean entry or to
/// nothing (an unknown reference is not this check's finding), no message reference
/// without an attribute lands on a message without a value, and the placeables of all
/// its patterns and variants, with each reference counted as the whole entry it names,
/// are at most [`MAX_PLACEABLES`]: an upper bound of what the resolver counts.
struct StaticFormat<'f, 'c> {
    files: &'f [(&'f Path, &'f Catalog<'c>)],
    defs: Definitions<'c>,
    runtime: &'f Runtime<'f>,
    /// Per (file, entry): `Some(placeables)` when clean, `None` when not.
    memo: rustc_hash::FxHashMap<(usize, usize), Option<usize>>,
    /// Entries being measured (a reference back to one is a cycle).
    open: Vec<(usize, usize)>,
}

impl<'f, 'c> StaticFormat<'f, 'c> {
    fn new(files: &'f [(&'f Path, &'f Catalog<'c>)], runtime: &'f Runtime<'f>) -> Self {
        let mut defs = Definitions::default();
        for (f, (_, catalog)) in files.iter().enumerate() {
            for (i, entry) in catalog.resource.body.iter().enumerate() {
                let key = match entry {
                    ast::Entry::Message(m) => (false, m.id.name),
                    ast::Entry::Term(t) => (true, t.id.name),
                    _ => continue,
                };
                defs.entry(key).or_insert((f, i));
            }
        }
        StaticFormat {
            files,
            defs,
            runtime,
            memo: Default::default(),
            open: Vec::new(),
        }
    }

    /// `Some(upper bound of placeables)` when the entry formats cleanly.
    fn cost(&mut self, at: (usize, usize)) -> Option<usize> {
        if let Some(&known) = self.memo.get(&at) {
            return known;
        }
        // A reference chain this deep is left to the runtime (which also stops at
        // MAX_PLACEABLES), and it keeps this recursion's depth bounded.
        if self.open.contains(&at) || self.open.len() > MAX_PLACEABLES {
            return None;
        }
        self.open.push(at);
        let files = self.files;
        let entry = &files[at.0].1.resource.body[at.1];
        let mut total = Some(0usize);
        for p in entry_patterns(entry) {
            total = match (total, self.pattern_cost(p)) {
                (Some(a), Some(b)) => Some(a + b).filter(|&n| n <= MAX_PLACEABLES),
                _ => None,
            };
        }
        self.open.pop();
        self.memo.insert(at, total);
        total
    }

    fn pattern_cost(&mut self, p: &ast::Pattern<&'c str>) -> Option<usize> {
        let mut n = 0usize;
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                n += 1 + self.expression_cost(expression)?;
                if n > MAX_PLACEABLES {
                    return None;
                }
            }
        }
        Some(n)
    }

    fn expression_cost(&mut self, e: &ast::Expression<&'c str>) -> Option<usize> {
        match e {
            ast::Expression::Inline(i) => self.inline_cost(i),
            ast::Expression::Select { selector, variants } => {
                let mut n = self.inline_cost(selector)?;
                for v in variants {
                    n += self.pattern_cost(&v.value)?;
                }
                Some(n)
            }
        }
    }

    fn inline_cost(&mut self, i: &ast::InlineExpression<&'c str>) -> Option<usize> {
        match i {
            ast::InlineExpression::StringLiteral { .. }
            | ast::InlineExpression::NumberLiteral { .. }
            | ast::InlineExpression::VariableReference { .. } => Some(0),
            ast::InlineExpression::Placeable { expression } => self.expression_cost(expression),
            ast::InlineExpression::FunctionReference { id, arguments } => {
                if !self.runtime.provides(id.name) {
                    return None;
                }
                let mut n = 0;
                for a in &arguments.positional {
                    n += self.inline_cost(a)?;
                }
                for a in &arguments.named {
                    n += self.inline_cost(&a.value)?;
                }
                Some(n)
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                let Some(&at) = self.defs.get(&(false, id.name)) else {
                    return Some(0);
                };
                let has_value = matches!(
                    &self.files[at.0].1.resource.body[at.1],
                    ast::Entry::Message(m) if m.value.is_some()
                );
                if attribute.is_none() && !has_value {
                    return None;
                }
                self.cost(at)
            }
            ast::InlineExpression::TermReference { id, arguments, .. } => {
                let mut n = 0;
                if let Some(arguments) = arguments {
                    for a in &arguments.positional {
                        n += self.inline_cost(a)?;
                    }
                    for a in &arguments.named {
                        n += self.inline_cost(&a.value)?;
                    }
                }
                match self.defs.get(&(true, id.name)) {
                    Some(&at) => Some(n + self.cost(at)?),
                    None => Some(n),
                }
            }
        }
    }
}

/// [`format_check`], with the static pre-pass switchable so a test can show that it
/// never changes what is reported.
fn format_check_with(
    tag: &Tag,
    files: &[(&Path, &Catalog)],
    runtime: &Runtime,
    skip_clean: bool,
    out: &mut Vec<Diagnostic>,
) {
    let source_vars = runtime.vars;
    use fluent_bundle::resolver::errors::{ReferenceKind, ResolverError};
    use fluent_bundle::{FluentArgs, FluentBundle, FluentError, FluentResource, FluentValue};

    // Only a message with a placeable that is not a literal can fail to format, and of
    // those only the ones the static pre-pass cannot clear go to the runtime. The bundle
    // gets just those and, transitively, the messages and terms they reference, so the
    // runtime parses a fraction of the locale (usually nothing) instead of all of it.
    let mut dynamic: Vec<(usize, usize)> = Vec::new();
    for (f, (_, catalog)) in files.iter().enumerate() {
        for &i in catalog.index.values() {
            if matches!(catalog.kind(i), EntryKind::Message(_))
                && has_dynamic_placeable(&catalog.resource.body[i])
            {
                dynamic.push((f, i));
            }
        }
    }
    if dynamic.is_empty() {
        return;
    }
    dynamic.sort();
    let mut statically = StaticFormat::new(files, runtime);
    let to_format: HashSet<(usize, usize)> = dynamic
        .iter()
        .copied()
        .filter(|&at| !skip_clean || statically.cost(at).is_none())
        .collect();
    let bundle = (!to_format.is_empty()).then(|| {
        let mut needed: HashSet<(usize, usize)> = to_format.clone();
        let mut queue: Vec<(usize, usize)> = to_format.iter().copied().collect();
        while let Some((f, i)) = queue.pop() {
            let mut refs = Vec::new();
            for p in entry_patterns(&files[f].1.resource.body[i]) {
                collect_refs(p, &mut refs);
            }
            for (r, is_term) in refs {
                if let Some(&at) = statically.defs.get(&(is_term, r)) {
                    if needed.insert(at) {
                        queue.push(at);
                    }
                }
            }
        }
        let mut needed: Vec<(usize, usize)> = needed.into_iter().collect();
        needed.sort();
        let mut text = String::new();
        for (f, i) in needed {
            text.push_str(&files[f].1.body_text(i));
            text.push_str("\n\n");
        }
        let mut bundle = FluentBundle::new(vec![tag.langid().clone()]);
        bundle.set_use_isolating(false);
        let _ = bundle.add_builtins();
        let resource = FluentResource::try_new(text).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
        bundle
    });
    // One number per plural category of the locale reaches every plural variant.
    let mut select_samples: Vec<f64> = plural_samples(tag).into_iter().map(|(_, n)| n).collect();
    if select_samples.is_empty() {
        select_samples = vec![0.0, 1.0, 2.0, 3.0, 5.0, 11.0, 100.0, 1.5];
    }
    for (f, i) in dynamic {
        let (path, catalog) = files[f];
        let EntryKind::Message(id) = catalog.kind(i) else {
            continue;
        };
        // Functions are checked in the AST, which sees every variant.
        let entry = &catalog.resource.body[i];
        // Each reason once per message (the AST pass and several samples can find it).
        let mut seen = HashSet::new();
        let mut report = |key: &str, why: String, out: &mut Vec<Diagnostic>| {
            if seen.insert(why.clone()) {
                out.push(Diagnostic::new(
                    Code::Format,
                    tag.as_str(),
                    path.to_path_buf(),
                    catalog.id_offset(i),
                    Some(id),
                    format!("`{id}{key}` fails to format in fluent-bundle: {why}"),
                ));
            }
        };
        for name in unknown_functions(entry) {
            if !runtime.provides(name) {
                report("", format!("unknown function `{name}()`"), out);
            }
        }
        let Some(bundle) = bundle.as_ref().filter(|_| to_format.contains(&(f, i))) else {
            continue;
        };
        let Some(message) = bundle.get_message(id) else {
            continue;
        };
        // Select expressions are formatted with several values, so the variants a
        // single value would skip are resolved too.
        let has_select = select_in_entry(entry);
        let samples: &[f64] = if has_select { &select_samples } else { &[3.0] };
        let patterns: Vec<(String, &fluent_syntax::ast::Pattern<&str>)> = message
            .value()
            .into_iter()
            .map(|p| (String::new(), p))
            .chain(
                message
                    .attributes()
                    .map(|a| (format!(".{}", a.id()), a.value())),
            )
            .collect();
        for (key, pattern) in patterns {
            for sample in samples
                .iter()
                .map(|n| Some(FluentValue::from(*n)))
                .chain(has_select.then_some(Some(FluentValue::from("other"))))
            {
                let mut args = FluentArgs::new();
                for v in source_vars.get(id).into_iter().flatten() {
                    args.set(*v, sample.clone().unwrap_or(FluentValue::from(3)));
                }
                let mut errors = Vec::new();
                let _ = crate::bundle::format_pattern(bundle, pattern, Some(&args), &mut errors);
                for e in errors {
                    let FluentError::ResolverError(r) = &e else {
                        continue;
                    };
                    let why = match r {
                        ResolverError::Reference(ReferenceKind::Function { id }) => {
                            if runtime.provides(id) {
                                continue;
                            }
                            format!("unknown function `{id}()`")
                        }
                        ResolverError::Reference(_) => continue,
                        ResolverError::Cyclic => {
                            "a cyclic reference (the message refers back to itself)".to_string()
                        }
                        ResolverError::TooManyPlaceables => {
                            "more than 100 placeables in one message".to_string()
                        }
                        ResolverError::MissingDefault => {
                            "a select expression without a default variant".to_string()
                        }
                        ResolverError::NoValue(what) => {
                            format!("a reference to `{what}`, which has no value")
                        }
                    };
                    report(&key, why, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashSet;

    /// The static pre-pass of `format_check` only skips messages the runtime would
    /// format without a reported error: with and without it, the findings are the same.
    fn same_with_and_without_pre_pass(ftl: &str) -> Vec<String> {
        let catalog = Catalog::parse(ftl);
        let tag = Tag::parse("en-US").unwrap();
        let vars: HashMap<&str, Vec<&str>> = ["a", "b", "c"]
            .iter()
            .map(|&id| (id, vec!["x", "n"]))
            .collect();
        let functions: FxHashSet<String> = ["PLATFORM".to_string()].into_iter().collect();
        let runtime = Runtime {
            vars: &vars,
            functions: &functions,
        };
        let files = [(Path::new("x.ftl"), &catalog)];
        let render = |skip| {
            let mut out = Vec::new();
            format_check_with(&tag, &files, &runtime, skip, &mut out);
            out.iter()
                .map(|d| format!("{:?}@{}: {}", d.code, d.offset, d.message))
                .collect::<Vec<_>>()
        };
        let (fast, full) = (render(true), render(false));
        assert_eq!(fast, full, "for\n{ftl}");
        full
    }

    #[test]
    fn pre_pass_keeps_every_runtime_finding() {
        let many = "{ $x }".repeat(30);
        let cases = [
            "a = { b }\nb = { a }\n".to_string(),
            "a = { -t }\n-t = { -u }\n-u = { -t }\n".to_string(),
            "a = { b }\nb =\n    .label = L\n".to_string(),
            "a = { b.label }\nb =\n    .label = { $x }\n".to_string(),
            format!("a = {{ -t }} {{ -t }} {{ -t }} {{ -t }}\n-t = {many}\n"),
            format!("a = {{ -t }} {{ -t }} {{ -t }}\n-t = {many}\n"),
            "a = { -t }\n-t = { FOO() }\n".to_string(),
            "a = { PLATFORM() } { DATETIME($x) } { NUMBER($n, minimumFractionDigits: 2) }\n"
                .to_string(),
            "a = { $n ->\n    [one] { b }\n   *[other] { c }\n}\nb = { a }\nc = C\n".to_string(),
            "a = { NUMBER({ b }) }\nb = { a }\n".to_string(),
            "a = { { { b } } }\nb = { $x }\n".to_string(),
            "a = { missing } { -missing }\n".to_string(),
            // fluent-bundle panics on this one (projectfluent/fluent-rs#242).
            format!("a = {{ {{ b }} }} {{ {{ b }} }} {{ {{ b }} }} {{ {{ b }} }}\nb = {many}\n"),
        ];
        let found: Vec<Vec<String>> = cases
            .iter()
            .map(|c| same_with_and_without_pre_pass(c))
            .collect();
        // The cases above do reach the runtime's findings (the comparison is not vacuous).
        assert!(
            found[0].iter().any(|d| d.contains("cyclic")),
            "{:?}",
            found[0]
        );
        assert!(
            found[2].iter().any(|d| d.contains("no value")),
            "{:?}",
            found[2]
        );
        assert!(
            found[4].iter().any(|d| d.contains("100 placeables")),
            "{:?}",
            found[4]
        );
        assert!(found[5].is_empty(), "{:?}", found[5]);
        assert!(
            found[6].iter().any(|d| d.contains("FOO()")),
            "{:?}",
            found[6]
        );
        assert!(found[7].is_empty(), "{:?}", found[7]);
        assert!(
            found[12].iter().any(|d| d.contains("100 placeables")),
            "{:?}",
            found[12]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        #[test]
        fn pre_pass_never_changes_findings(
            entries in proptest::collection::vec(
                (0usize..5, proptest::option::of(proptest::collection::vec(0usize..12, 0..5)), proptest::collection::vec(proptest::collection::vec(0usize..12, 1..4), 0..2)),
                1..7,
            )
        ) {
            const IDS: [&str; 5] = ["a", "b", "c", "-t", "-u"];
            let element = |k: usize| -> String {
                match k {
                    0 => "text ".into(),
                    1 => "{ $x } ".into(),
                    2 => "{ a } ".into(),
                    3 => "{ b.label } ".into(),
                    4 => "{ -t } ".into(),
                    5 => "{ -u.attr } ".into(),
                    6 => "{ NUMBER($n) } ".into(),
                    7 => "{ FOO() } ".into(),
                    8 => "{ $n ->\n    [one] { c }\n   *[other] { -t(case: \"x\") }\n} ".into(),
                    9 => "{ { b } } ".into(),
                    10 => "{ $x }".repeat(26),
                    _ => "{ PLATFORM() } ".into(),
                }
            };
            let mut ftl = String::new();
            for (id, value, attrs) in &entries {
                let id = IDS[*id];
                // A term needs a value; a message needs a value or an attribute.
                let value = match value {
                    Some(v) => Some(v.clone()),
                    None if id.starts_with('-') || attrs.is_empty() => Some(vec![0]),
                    None => None,
                };
                ftl.push_str(id);
                ftl.push_str(" =");
                if let Some(v) = value {
                    ftl.push(' ');
                    ftl.push_str(&v.iter().map(|&k| element(k)).collect::<String>());
                    if v.is_empty() { ftl.push('x'); }
                }
                ftl.push('\n');
                for (n, a) in attrs.iter().enumerate() {
                    let name = ["label", "attr"][n % 2];
                    ftl.push_str(&format!("    .{name} = {}\n", a.iter().map(|&k| element(k)).collect::<String>()));
                }
            }
            same_with_and_without_pre_pass(&ftl);
        }
    }
}
