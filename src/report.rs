//! Reporters for `carta check`: the same [`Report`] as text for people (with rustc-style
//! excerpts; colour is added here and stripped by `anstream` when stdout is not a
//! terminal or `NO_COLOR` is set), JSON (schema `schemas/check-report.v1.json`),
//! GitHub workflow annotations and SARIF 2.1.0.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};
use serde_json::{json, Value};

use crate::check::coverage::Coverage;
use crate::check::{Code, Diagnostic, Severity};
use crate::commands::check::Report;

pub const JSON_SCHEMA_VERSION: u32 = 1;

fn style(sev: Severity) -> Style {
    match sev {
        Severity::Error => AnsiColor::Red.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        _ => AnsiColor::Cyan.on_default().bold(),
    }
}

/// The output formats of `carta check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Github,
    Sarif,
}

/// The whole report in one string (what [`Stream`] writes piece by piece).
pub fn render(format: Format, report: &Report) -> String {
    let mut stream = Stream::new(format, &report.source_locale);
    let mut out = stream.begin();
    out.push_str(&stream.next(&fragment(format, &report.diagnostics)));
    out.push_str(&stream.end(&report.locales));
    out
}

/// The diagnostics of one locale in `format`: the piece [`Stream::next`] places. Pure,
/// so each locale's piece is made on the thread that checked it.
pub fn fragment(format: Format, diagnostics: &[Diagnostic]) -> String {
    match format {
        Format::Text => text_diagnostics(diagnostics),
        Format::Github => github_diagnostics(diagnostics),
        Format::Json | Format::Sarif => {
            let indent = item_indent(format);
            let item = if format == Format::Json {
                diagnostic_json
            } else {
                sarif_result
            };
            json_items(diagnostics.iter().map(item), indent)
        }
    }
}

/// A report written as it is made: `begin`, then `next` with each locale's
/// [`fragment`] in order, then `end` with the coverage table. The JSON and SARIF
/// documents are byte for byte what serializing the whole report at once gives.
pub struct Stream {
    format: Format,
    source_locale: String,
    /// Whether an item of the JSON array has been written (for the commas).
    items: bool,
}

impl Stream {
    pub fn new(format: Format, source_locale: &str) -> Stream {
        Stream {
            format,
            source_locale: source_locale.to_string(),
            items: false,
        }
    }

    pub fn begin(&self) -> String {
        match self.document(&[]) {
            Some(frame) => frame.prefix,
            None => String::new(),
        }
    }

    pub fn next(&mut self, fragment: &str) -> String {
        if fragment.is_empty() {
            return String::new();
        }
        match self.format {
            Format::Json | Format::Sarif => {
                let comma = if self.items { "," } else { "" };
                self.items = true;
                format!("{comma}{fragment}")
            }
            _ => fragment.to_string(),
        }
    }

    pub fn end(&self, locales: &[Coverage]) -> String {
        match self.format {
            Format::Text => text_summary(locales, &self.source_locale),
            Format::Github => github_summary(locales),
            _ => {
                let frame = self.document(locales).unwrap_or_default();
                if self.items {
                    format!("\n{}]{}", frame.closing_indent, frame.suffix)
                } else {
                    format!("]{}", frame.suffix)
                }
            }
        }
    }

    /// The JSON or SARIF document around its streamed array.
    fn document(&self, locales: &[Coverage]) -> Option<Frame> {
        let value = match self.format {
            Format::Json => json_document(&self.source_locale, locales, vec![json!(PLACEHOLDER)]),
            Format::Sarif => sarif_document(vec![json!(PLACEHOLDER)]),
            _ => return None,
        };
        Some(Frame::around_placeholder(
            &(serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"),
        ))
    }
}

const PLACEHOLDER: &str = "\u{0}carta: diagnostics go here\u{0}";

/// A pretty-printed JSON document split around the one-element array that holds
/// [`PLACEHOLDER`].
#[derive(Default)]
struct Frame {
    /// Up to and including the array's `[`.
    prefix: String,
    /// Indentation of the array's closing `]`.
    closing_indent: String,
    /// After the array's `]`.
    suffix: String,
}

impl Frame {
    fn around_placeholder(doc: &str) -> Frame {
        let marker = serde_json::to_string(PLACEHOLDER).unwrap_or_default();
        let at = doc.find(&marker).unwrap_or(doc.len());
        let open = doc[..at].rfind('[').unwrap_or(0);
        let close = at + doc[at..].find(']').unwrap_or(doc.len() - at);
        let line_start = doc[..close].rfind('\n').map_or(0, |i| i + 1);
        Frame {
            prefix: doc[..=open].to_string(),
            closing_indent: doc[line_start..close].to_string(),
            suffix: doc[close + 1..].to_string(),
        }
    }
}

/// The indentation of the streamed array's items in the document of `format`.
fn item_indent(format: Format) -> &'static str {
    static JSON: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    static SARIF: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let cell = if format == Format::Json {
        &JSON
    } else {
        &SARIF
    };
    cell.get_or_init(|| {
        let frame = Stream::new(format, "").document(&[]).unwrap_or_default();
        format!("{}  ", frame.closing_indent)
    })
}

/// Items of a pretty-printed array nested in a document, one per value, each on new
/// lines indented to the array's depth, separated by commas.
fn json_items(values: impl Iterator<Item = Value>, indent: &str) -> String {
    let mut out = String::new();
    for v in values {
        if !out.is_empty() {
            out.push(',');
        }
        for line in serde_json::to_string_pretty(&v).unwrap_or_default().lines() {
            out.push('\n');
            out.push_str(indent);
            out.push_str(line);
        }
    }
    out
}

/// `s` with every character that could act on a terminal or split a line shown as a
/// visible escape (`\u{1b}`): C0 controls but the tab, DEL, C1 controls, and the bidi
/// embeddings, overrides and isolates (which reorder what follows them on screen). Every
/// value from input that carta prints as text (paths, messages, excerpts, notes, errors)
/// goes through it, so input can neither send escape sequences nor start a line, and a
/// GitHub workflow command (a line starting with `::`) can only come from carta.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unprintable) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_unprintable(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn is_unprintable(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn text_diagnostics(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    let blue = AnsiColor::Blue.on_default().bold();
    let bold = Style::new().bold();
    for d in diagnostics {
        let s = style(d.severity);
        let _ = writeln!(
            out,
            "{s}{}[{}]{s:#}{bold}: {}{bold:#}",
            d.severity.as_str(),
            d.code.code(),
            printable(&d.message)
        );
        let _ = writeln!(
            out,
            "  {blue}-->{blue:#} {}:{}:{}",
            printable(&d.path.display().to_string()),
            d.line,
            d.column
        );
        if !d.excerpt.is_empty() {
            let num = d.line.to_string();
            let pad = " ".repeat(num.len());
            // The caret goes under the same character once the excerpt is escaped.
            let split = d
                .excerpt
                .char_indices()
                .nth(d.caret.saturating_sub(1))
                .map_or(d.excerpt.len(), |(i, _)| i);
            let caret_pad: String = printable(&d.excerpt[..split])
                .chars()
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{blue}{pad} |{blue:#}");
            let _ = writeln!(out, "{blue}{num} |{blue:#} {}", printable(&d.excerpt));
            let _ = writeln!(
                out,
                "{blue}{pad} |{blue:#} {caret_pad}{s}^{s:#} {}",
                d.code.name()
            );
        }
        out.push('\n');
    }
    out
}

fn text_summary(locales: &[Coverage], source_locale: &str) -> String {
    let mut out = String::new();
    let bold = Style::new().bold();
    let header = [
        "locale", "messages", "", "fallback", "words", "missing", "outdated", "reviewed",
        "obsolete", "errors", "warnings", "notes",
    ];
    let mut rows: Vec<[String; 12]> = Vec::new();
    for c in locales {
        rows.push([
            printable(&c.locale).into_owned(),
            format!("{}/{}", c.translated, c.total),
            format!("{:.1}%", c.percent()),
            c.via_fallback.to_string(),
            format!("{:.1}%", c.words_percent()),
            c.missing.to_string(),
            c.outdated.to_string(),
            c.reviewed.to_string(),
            c.obsolete.to_string(),
            c.errors.to_string(),
            c.warnings.to_string(),
            c.notes.to_string(),
        ]);
    }
    let mut widths = header.map(str::len);
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == 0 {
                    format!("{c:<w$}", w = widths[i])
                } else {
                    format!("{c:>w$}", w = widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let _ = writeln!(out, "{bold}{}{bold:#}", line(&header.map(String::from)));
    for r in &rows {
        let _ = writeln!(out, "{}", line(r));
    }
    out.push_str(&readability_table(locales));
    let errors: usize = locales.iter().map(|c| c.errors).sum();
    let warnings: usize = locales.iter().map(|c| c.warnings).sum();
    let _ = writeln!(
        out,
        "\n{} locale(s) checked against {source_locale}: {errors} error(s), {warnings} warning(s)",
        locales.len(),
    );
    out
}

/// The readability of every handout per locale (nothing for a project without handouts):
/// the formula, its score, the grade, the words counted, and for a translation the
/// source's grade over the same messages.
fn readability_table(locales: &[Coverage]) -> String {
    let header = [
        "readability",
        "document",
        "formula",
        "score",
        "grade",
        "words",
        "vs source",
    ];
    let dash = || "-".to_string();
    let mut rows: Vec<[String; 7]> = Vec::new();
    for c in locales {
        for r in &c.readability {
            let m = &r.measure;
            rows.push([
                printable(&c.locale).into_owned(),
                printable(&r.document).into_owned(),
                m.formula.unwrap_or("not available").to_string(),
                m.score.map_or_else(dash, |s| format!("{s:.1}")),
                m.grade.map_or_else(dash, |g| format!("{g:.1}")),
                // Nothing is counted in a language without a measure.
                match m.unavailable {
                    Some(_) if m.counts.words == 0 => dash(),
                    _ => m.counts.words.to_string(),
                },
                // The translation and the source on one scale (Flesch's table).
                match (m.ease_grade, r.source_ease_grade) {
                    (Some(t), Some(s)) => format!("{:+.1}", t - s),
                    _ => String::new(),
                },
            ]);
        }
    }
    if rows.is_empty() {
        return String::new();
    }
    let mut widths = header.map(|h| h.chars().count());
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = widths[i].saturating_sub(c.chars().count());
                if i < 3 {
                    format!("{c}{}", " ".repeat(pad))
                } else {
                    format!("{}{c}", " ".repeat(pad))
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let bold = Style::new().bold();
    let mut out = String::new();
    let _ = writeln!(out, "\n{bold}{}{bold:#}", line(&header.map(String::from)));
    for r in &rows {
        let _ = writeln!(out, "{}", line(r));
    }
    out
}

fn diagnostic_json(d: &Diagnostic) -> Value {
    json!({
        "code": d.code.code(),
        "check": d.code.name(),
        "severity": d.severity.as_str(),
        "locale": d.locale,
        "file": d.path.display().to_string().replace('\\', "/"),
        "line": d.line,
        "column": d.column,
        "message_id": d.message_id,
        "message": d.message,
    })
}

fn json_document(source_locale: &str, locales: &[Coverage], diagnostics: Vec<Value>) -> Value {
    let summary: Vec<Value> = locales
        .iter()
        .map(|c| {
            let mut entry = json!({
                "locale": c.locale,
                "messages": c.total,
                "translated": c.translated,
                "via_fallback": c.via_fallback,
                "coverage": round1(c.percent()),
                "words": c.words_total,
                "words_translated": c.words_translated,
                "words_coverage": round1(c.words_percent()),
                "missing": c.missing,
                "outdated": c.outdated,
                "reviewed": c.reviewed,
                "obsolete": c.obsolete,
                "errors": c.errors,
                "warnings": c.warnings,
                "notes": c.notes,
            });
            if !c.readability.is_empty() {
                entry["readability"] = json!(c.readability);
            }
            entry
        })
        .collect();
    json!({
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": { "name": "carta", "version": env!("CARGO_PKG_VERSION") },
        "source_locale": source_locale,
        "summary": summary,
        "diagnostics": diagnostics,
    })
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
fn github_diagnostics(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            _ => "notice",
        };
        let _ = writeln!(
            out,
            "::{level} file={},line={},col={},title={}::{}",
            gh_property(&printable(&d.path.display().to_string())),
            d.line,
            d.column,
            gh_property(&format!("carta {} {}", d.code.code(), d.code.name())),
            gh_data(&printable(&d.message))
        );
    }
    out
}

fn github_summary(locales: &[Coverage]) -> String {
    let mut out = String::new();
    for c in locales {
        let _ = writeln!(
            out,
            "{}: {}/{} messages ({:.1}%), {} error(s), {} warning(s)",
            printable(&c.locale),
            c.translated,
            c.total,
            c.percent(),
            c.errors,
            c.warnings
        );
    }
    out
}

/// A workflow command's message, escaped per GitHub's rules (`%`, CR, LF); the
/// reporters pass it through [`printable`] first, so no other control reaches the log.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: as [`gh_data`], plus `:` and `,`.
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// SARIF 2.1.0, one run, every check as a rule.
fn sarif_document(results: Vec<Value>) -> Value {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.code(),
                "name": c.name(),
                "shortDescription": { "text": c.description() },
                "defaultConfiguration": { "level": sarif_level(c.default_severity()) },
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "carta",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://projectfluent.org/",
                "rules": rules,
            }},
            "results": results,
        }],
    })
}

fn sarif_result(d: &Diagnostic) -> Value {
    let index = Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0);
    json!({
        "ruleId": d.code.code(),
        "ruleIndex": index,
        "level": sarif_level(d.severity),
        "message": { "text": d.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": crate::fs::uri_path(&d.path) },
                "region": { "startLine": d.line.max(1), "startColumn": d.column.max(1) },
            }
        }],
        "properties": { "locale": d.locale, "messageId": d.message_id },
    })
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
        Severity::Off => "none",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coverage(locale: &str) -> Coverage {
        Coverage {
            locale: locale.into(),
            total: 3,
            translated: 2,
            ..Coverage::default()
        }
    }

    fn diagnostic(locale: &str, id: &str) -> Diagnostic {
        let mut d = Diagnostic::new(
            Code::Missing,
            locale,
            format!("locales/{locale}/a.ftl").into(),
            0,
            Some(id),
            "a \"quoted\" message\twith a tab".into(),
        );
        d.line = 3;
        d.column = 1;
        d
    }

    /// Regression (issue 14, item 9): SARIF `uri` is a URI reference, not a file name.
    #[test]
    fn sarif_uri_is_percent_encoded() {
        let mut d = diagnostic("es", "a");
        d.path = "locales/es/my file #1 %41.ftl".into();
        assert_eq!(
            sarif_result(&d)["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "locales/es/my%20file%20%231%20%2541.ftl"
        );
    }

    /// Regression (issue 14, items 6 and 7).
    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(printable("plain\ttab"), "plain\ttab");
        assert_eq!(
            printable("a\u{1b}[31m\r\n::x\u{7f}\u{9b}\u{202e}"),
            "a\\u{1b}[31m\\u{d}\\u{a}::x\\u{7f}\\u{9b}\\u{202e}"
        );
        let mut d = diagnostic("es", "a");
        d.message = "x\n::stop-commands::t\r%".into();
        d.path = "locales/es/a,b:c.ftl".into();
        let line = github_diagnostics(&[d]);
        assert_eq!(
            line,
            "::warning file=locales/es/a%2Cb%3Ac.ftl,line=3,col=1,title=carta W001 missing::x\\u{a}::stop-commands::t\\u{d}%25\n"
        );
    }

    /// Streamed JSON and SARIF are exactly the documents serialized in one piece, with
    /// and without diagnostics, and locales without any in between.
    #[test]
    fn streamed_documents_equal_whole_ones() {
        let locales = [coverage("es"), coverage("fr"), coverage("vi")];
        let per_locale = [
            vec![diagnostic("es", "a"), diagnostic("es", "b")],
            vec![],
            vec![diagnostic("vi", "c")],
        ];
        for diagnostics in [per_locale.clone(), [vec![], vec![], vec![]]] {
            let all: Vec<Diagnostic> = diagnostics.iter().flatten().cloned().collect();
            for format in [Format::Json, Format::Sarif] {
                let mut stream = Stream::new(format, "en-US");
                let mut streamed = stream.begin();
                for piece in &diagnostics {
                    streamed.push_str(&stream.next(&fragment(format, piece)));
                }
                streamed.push_str(&stream.end(&locales));
                let whole = match format {
                    Format::Json => {
                        json_document("en-US", &locales, all.iter().map(diagnostic_json).collect())
                    }
                    _ => sarif_document(all.iter().map(sarif_result).collect()),
                };
                let whole = serde_json::to_string_pretty(&whole).unwrap() + "\n";
                assert_eq!(streamed, whole, "{format:?}");
            }
        }
    }
}
