//! Reporters for `carta check`: the same [`Report`] as text for people (with rustc-style
//! excerpts; colour is added here and stripped by `anstream` when stdout is not a
//! terminal or `NO_COLOR` is set), JSON (schema `schemas/check-report.v1.json`),
//! GitHub workflow annotations and SARIF 2.1.0.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};
use serde_json::{json, Value};

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

pub fn text(report: &Report) -> String {
    let mut out = String::new();
    let blue = AnsiColor::Blue.on_default().bold();
    let bold = Style::new().bold();
    for d in &report.diagnostics {
        let s = style(d.severity);
        let _ = writeln!(
            out,
            "{s}{}[{}]{s:#}{bold}: {}{bold:#}",
            d.severity.as_str(),
            d.code.code(),
            d.message
        );
        let _ = writeln!(
            out,
            "  {blue}-->{blue:#} {}:{}:{}",
            d.path.display(),
            d.line,
            d.column
        );
        if !d.excerpt.is_empty() {
            let num = d.line.to_string();
            let pad = " ".repeat(num.len());
            let caret_pad: String = d
                .excerpt
                .chars()
                .take(d.caret.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{blue}{pad} |{blue:#}");
            let _ = writeln!(out, "{blue}{num} |{blue:#} {}", d.excerpt);
            let _ = writeln!(
                out,
                "{blue}{pad} |{blue:#} {caret_pad}{s}^{s:#} {}",
                d.code.name()
            );
        }
        out.push('\n');
    }
    let header = [
        "locale", "messages", "", "fallback", "words", "missing", "outdated", "obsolete", "errors",
        "warnings", "notes",
    ];
    let mut rows: Vec<[String; 11]> = Vec::new();
    for c in &report.locales {
        rows.push([
            c.locale.clone(),
            format!("{}/{}", c.translated, c.total),
            format!("{:.1}%", c.percent()),
            c.via_fallback.to_string(),
            format!("{:.1}%", c.words_percent()),
            c.missing.to_string(),
            c.outdated.to_string(),
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
    let errors: usize = report.locales.iter().map(|c| c.errors).sum();
    let warnings: usize = report.locales.iter().map(|c| c.warnings).sum();
    let _ = writeln!(
        out,
        "\n{} locale(s) checked against {}: {errors} error(s), {warnings} warning(s)",
        report.locales.len(),
        report.source_locale
    );
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

pub fn json(report: &Report) -> String {
    let summary: Vec<Value> = report
        .locales
        .iter()
        .map(|c| {
            json!({
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
                "obsolete": c.obsolete,
                "errors": c.errors,
                "warnings": c.warnings,
                "notes": c.notes,
            })
        })
        .collect();
    let value = json!({
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": { "name": "carta", "version": env!("CARGO_PKG_VERSION") },
        "source_locale": report.source_locale,
        "summary": summary,
        "diagnostics": report.diagnostics.iter().map(diagnostic_json).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
pub fn github(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            _ => "notice",
        };
        let _ = writeln!(
            out,
            "::{level} file={},line={},col={},title={}::{}",
            gh_property(&d.path.display().to_string()),
            d.line,
            d.column,
            gh_property(&format!("carta {} {}", d.code.code(), d.code.name())),
            gh_data(&d.message)
        );
    }
    for c in &report.locales {
        let _ = writeln!(
            out,
            "{}: {}/{} messages ({:.1}%), {} error(s), {} warning(s)",
            c.locale,
            c.translated,
            c.total,
            c.percent(),
            c.errors,
            c.warnings
        );
    }
    out
}

fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// SARIF 2.1.0, one run, every check as a rule.
pub fn sarif(report: &Report) -> String {
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
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let index = Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0);
            json!({
                "ruleId": d.code.code(),
                "ruleIndex": index,
                "level": sarif_level(d.severity),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": d.path.display().to_string().replace('\\', "/") },
                        "region": { "startLine": d.line.max(1), "startColumn": d.column.max(1) },
                    }
                }],
                "properties": { "locale": d.locale, "messageId": d.message_id },
            })
        })
        .collect();
    let value = json!({
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
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
        Severity::Off => "none",
    }
}
