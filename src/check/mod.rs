//! `check`: every locale's files against the source → coverage + [`Diagnostic`]s.
//!
//! Findings are data: a broken translation is a diagnostic with a stable code, never an
//! `Err`. Each locale is checked on its own (in parallel, by the caller), each file
//! parsed once; coverage is counted in `coverage.rs`, readability in `readability.rs`.

//! Rule families, one file each: `syntax` (junk), `ids` (duplicates, obsolete), `shape`
//! (value, attributes), `variables`, `references`, `text` (identical, numbers, Markdown,
//! punctuation), `structure`, `invisible`, `plurals`, `glossary`, `memory` (pre-filled from
//! the translation memory), `format` (the runtime).
//! `file` runs them on one locale file; `ast` walks Fluent's AST for all of them.

pub mod ast;
pub mod coverage;
pub mod file;
pub mod format;
pub mod glossary;
mod ids;
pub mod invisible;
pub mod memory;
pub mod plurals;
pub mod readability;
mod references;
mod shape;
pub mod structure;
mod syntax;
mod text;
mod variables;

use std::path::PathBuf;

use serde::Serialize;

/// How much a finding matters. Ordered: `Error` is the most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
    Off,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "error" => Severity::Error,
            "warning" | "warn" => Severity::Warning,
            "note" | "info" => Severity::Note,
            "off" | "allow" => Severity::Off,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
            Severity::Off => "off",
        }
    }
}

macro_rules! codes {
    ($( $variant:ident = $code:literal, $name:literal, $sev:ident, $doc:literal; )*) => {
        /// Every check, with its stable code. The codes and names are part of the JSON
        /// and SARIF contract: never renumber, only add.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( #[doc = $doc] $variant, )* }

        impl Code {
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];
            pub fn code(self) -> &'static str { match self { $( Code::$variant => $code, )* } }
            pub fn name(self) -> &'static str { match self { $( Code::$variant => $name, )* } }
            pub fn default_severity(self) -> Severity { match self { $( Code::$variant => Severity::$sev, )* } }
            pub fn description(self) -> &'static str { match self { $( Code::$variant => $doc, )* } }
        }
    };
}

codes! {
    Syntax = "E001", "syntax", Error, "Fluent syntax error: the entry cannot be parsed and is ignored by every Fluent runtime.";
    DuplicateId = "E002", "duplicate-id", Error, "The same message ID is defined twice in a locale; runtimes keep only one.";
    ValueShape = "E003", "value-shape", Error, "The translation has a value where the source has none, or the reverse.";
    Attributes = "E004", "attributes", Error, "The translation lacks an attribute of the source, or has one the source does not.";
    UnknownVariable = "E005", "unknown-variable", Error, "A `$variable` the source message never uses (directly, through a helper message of the locale's, or printed by a term whose call does not pass it); the app will not pass it.";
    UnknownReference = "E006", "unknown-reference", Error, "A reference to a message or term that exists neither in the locale nor in the source, or to an attribute it lacks.";
    Format = "E007", "format", Error, "fluent-bundle reports an error when formatting the message (cycle, unknown function, too many placeables), or the JavaScript runtimes' Intl refuses a NUMBER or DATETIME option.";
    Unreadable = "E008", "unreadable", Error, "The file cannot be read or decoded (not UTF-8, permission, nesting too deep), so none of its messages count.";
    VariableKind = "E009", "variable-kind", Error, "The translation uses a `$variable` as another kind than the source does (a plural or NUMBER() where the source selects on its own keys or has a date, DATETIME() where it has a number): the app's types would ask every locale for the translation's kind.";
    Missing = "W001", "missing", Warning, "A source message has no translation (it falls back to another locale).";
    Outdated = "W002", "outdated", Warning, "The source text changed after this was translated.";
    Obsolete = "W003", "obsolete", Warning, "A translation whose message is no longer in the source.";
    Identical = "W004", "identical", Warning, "The translation is identical to the source text.";
    DroppedVariable = "W005", "dropped-variable", Warning, "A `$variable` of the source does not appear in the translation.";
    Numbers = "W006", "numbers", Warning, "A number of the source text is missing from the translation.";
    Markdown = "W007", "markdown", Warning, "Markdown link targets or emphasis differ from the source.";
    PluralCategories = "W008", "plural-categories", Warning, "A plural select lacks variants for some of the locale's CLDR plural categories.";
    Punctuation = "W009", "punctuation", Warning, "Punctuation the locale requires is missing (e.g. Spanish `¿…?`, `¡…!`).";
    Glossary = "W010", "glossary", Warning, "A glossary term of the source appears, but the required translation of it does not.";
    MissingFile = "W011", "missing-file", Warning, "A source file has no counterpart in the locale.";
    ObsoleteFile = "W012", "obsolete-file", Warning, "A locale file has no counterpart in the source.";
    Structure = "W013", "structure", Warning, "A line of the translation would open block structure the source text does not have (a heading, list, quote, fence, HTML block…); it is shown inline.";
    InvisibleCharacters = "W014", "invisible-characters", Warning, "The translation has an invisible character its source lacks: a bidi override, embedding, isolate or mark (which can reorder what readers see) or a zero-width character.";
    Readability = "W015", "readability", Warning, "A handout reads above `[check] max-grade` (by the formula for its language: Flesch–Kincaid, Fernández Huerta, Kandel–Moles, Flesch for Portuguese); reported once against the source and per locale for its translation.";
    HarderThanSource = "W016", "harder-than-source", Warning, "A translation reads `[check] harder-by` grades (default 2) or more above its source over the same messages.";
    FrenchSpacing = "N001", "french-spacing", Note, "French typography puts a no-break space before `:` `;` `?` `!`.";
    SourceReference = "N003", "source-reference", Note, "The source refers to a message or term no source file defines (provided by the app at run time, or a mistake in the source); reported once, against the source.";
    Unreviewed = "N002", "unreviewed", Note, "Current translations no second person has signed off yet (`carta review`), counted per file.";
    FromMemory = "N004", "from-memory", Note, "A translation `carta sync` pre-filled from the translation memory (the same source text elsewhere in the locale) that a translator has not checked yet.";
}

impl Code {
    /// Finds a check by code (`W004`) or name (`identical`).
    pub fn find(key: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.code().eq_ignore_ascii_case(key) || c.name() == key)
    }

    pub fn is_known(key: &str) -> bool {
        Code::find(key).is_some()
    }
}

/// One finding. `offset` is a byte offset into `path`; line, column and the source line
/// are filled in at the edge, where the file text is at hand.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub locale: String,
    /// The file, relative to the project root.
    pub path: PathBuf,
    pub offset: usize,
    pub line: usize,
    pub column: usize,
    /// The source line the diagnostic points at (for the caret display); a long line is
    /// cut to a window around the column, marked with `…`.
    pub excerpt: String,
    /// 1-based character position of the caret in `excerpt`.
    pub caret: usize,
    pub message_id: Option<String>,
    pub message: String,
}

impl Diagnostic {
    /// Sets the excerpt from the whole line, keeping at most about 120 characters.
    pub fn set_excerpt(&mut self, line: &str, column: usize) {
        const BEFORE: usize = 40;
        const WIDTH: usize = 120;
        let chars = line.chars().count();
        if chars <= WIDTH {
            self.excerpt = line.to_string();
            self.caret = column;
            return;
        }
        let start = column
            .saturating_sub(BEFORE + 1)
            .min(chars.saturating_sub(WIDTH));
        let window: String = line.chars().skip(start).take(WIDTH).collect();
        let lead = if start > 0 { "…" } else { "" };
        let tail = if start + WIDTH < chars { "…" } else { "" };
        self.excerpt = format!("{lead}{window}{tail}");
        self.caret = column - start + lead.chars().count();
    }

    pub fn new(
        code: Code,
        locale: &str,
        path: PathBuf,
        offset: usize,
        id: Option<&str>,
        message: String,
    ) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.default_severity(),
            locale: locale.to_string(),
            path,
            offset,
            line: 0,
            column: 0,
            excerpt: String::new(),
            caret: 0,
            message_id: id.map(str::to_string),
            message,
        }
    }
}

/// Checks one locale file against one source file, in memory: every rule, including
/// fluent-bundle formatting. The entry point for fuzzing and for embedding carta;
/// `carta check` does the same per file with the project around it.
pub fn check_texts(
    tag: &crate::locale::Tag,
    source: &str,
    locale: &str,
) -> (coverage::Coverage, Vec<Diagnostic>) {
    use std::collections::HashMap;
    let source = crate::catalog::Catalog::parse(source);
    let locale = crate::catalog::Catalog::parse(locale);
    let facts = [file::SourceFacts::new(&source)];
    let source_ids = file::SourceIds::new(&facts);
    let locale_ids = file::LocaleIds::new([(&locale, std::path::Path::new(""))]);
    let mut source_vars: HashMap<&str, Vec<&str>> = HashMap::new();
    for (id, &i) in &source.index {
        if let fluent_syntax::ast::Entry::Message(m) = &source.resource.body[i] {
            let mut vars = Vec::new();
            for p in m.value.iter().chain(m.attributes.iter().map(|a| &a.value)) {
                ast::collect_vars(p, &mut vars);
            }
            source_vars.insert(id.as_ref(), vars);
        }
    }
    let none = rustc_hash::FxHashSet::default();
    let categories = plurals::plural_categories(tag);
    let private = locale.private_entries(|id| source_ids.contains(id));
    let ctx = file::Context {
        tag,
        same_language: false,
        source_ids: &source_ids,
        locale_ids: &locale_ids,
        fallback_ids: &none,
        private: &private,
        glossary: None,
        allow_identical: &[],
        plural_categories: &categories,
    };
    let path = PathBuf::from("locale.ftl");
    let mut cov = coverage::Coverage::default();
    let mut out = Vec::new();
    file::check_file(
        &ctx,
        &facts[0],
        Some(&locale),
        &crate::state::StateView::default(),
        &path,
        &mut cov,
        &mut out,
    );
    let functions = format::source_functions([&source]);
    let runtime = format::Runtime {
        vars: &source_vars,
        functions: &functions,
    };
    format::format_check(tag, &[(path.as_path(), &locale)], &runtime, &mut out);
    (cov, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let mut d = Diagnostic::new(Code::Syntax, "es", "x.ftl".into(), 0, None, String::new());
        let line = format!("{}X{}", "a".repeat(1000), "b".repeat(1000));
        d.set_excerpt(&line, 1001);
        assert!(d.excerpt.chars().count() <= 122);
        assert_eq!(d.excerpt.chars().nth(d.caret - 1), Some('X'));
        d.set_excerpt("short", 3);
        assert_eq!((d.excerpt.as_str(), d.caret), ("short", 3));
    }

    // A variable the source reaches through a message reference is the app's to pass:
    // a translation that writes it out is right (it was a false E005, exit 1); one the
    // source never reaches is still E005.
    #[test]
    fn a_variable_reached_through_a_reference_is_passed() {
        let tag = crate::locale::Tag::parse("de").unwrap();
        let source = "helper = for { $x }\nm = Hello { helper }\nn = Plain { helper }\n";
        let (_, found) = check_texts(&tag, source, "m = Hallo { $x }\nn = Einfach { $y }\n");
        let e005: Vec<&str> = found
            .iter()
            .filter(|d| d.code == Code::UnknownVariable)
            .filter_map(|d| d.message_id.as_deref())
            .collect();
        assert_eq!(e005, ["n"], "{found:?}");
    }

    #[test]
    fn codes_are_unique_and_findable() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.code()) && seen.insert(c.name()));
            assert_eq!(Code::find(c.code()), Some(*c));
            assert_eq!(Code::find(c.name()), Some(*c));
        }
    }
}
