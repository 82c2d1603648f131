//! The review page for the person who signs translations off and does not use a
//! terminal: per locale, every message in document order with the source and the
//! translation side by side, its status and reviewer, the word diff of an outdated
//! one, `check`'s findings, and the glossary terms highlighted. Static HTML (no script),
//! printable, every text escaped.

use super::html::escape;
use crate::locale::Tag;
use crate::review::{Record, Status};

/// One row of the page.
pub struct Row {
    pub id: String,
    /// The handout it belongs to (`None`: a message of no handout).
    pub document: Option<String>,
    pub source: String,
    /// The translation as the translator wrote it (Fluent syntax), if there is one.
    pub translation: Option<String>,
    pub status: Status,
    /// The locale the translation comes from, when not this one (`es` for `es-MX`).
    pub from: Option<Tag>,
    pub record: Option<Record>,
    /// For an outdated translation: how the source changed (`[-old-]{+new+}`).
    pub diff: Option<String>,
    /// `check`'s findings on the message: (severity, text).
    pub findings: Vec<(String, String)>,
}

/// How hard a handout reads in the translation and in the source
/// ([`crate::readability`]), shown under its heading.
pub struct Legibility {
    pub document: String,
    pub translation: crate::readability::Readability,
    pub source: crate::readability::Readability,
}

/// `Fernández Huerta 53.3, grade 11.0`, or why there is no measure.
fn legibility(r: &crate::readability::Readability) -> String {
    match (r.formula, r.score, r.grade) {
        (Some(f), Some(s), Some(g)) => format!("{f} {s:.1}, grade {g:.1}"),
        _ => r.unavailable.unwrap_or("not available").to_string(),
    }
}

const CSS: &str = r#"
* { box-sizing: border-box; }
html { font-family: "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", system-ui, sans-serif; color: #1b1f23; line-height: 1.45; }
body { margin: 0 auto; max-width: 70rem; padding: 1.5rem; font-size: .95rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; } h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
.counts { margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #d0d7de; padding: .4rem .5rem; vertical-align: top; text-align: start; overflow-wrap: anywhere; }
th { background: #f6f8fa; }
col.id { width: 16%; } col.text { width: 30%; } col.status { width: 24%; }
.id { font-family: ui-monospace, monospace; font-size: .8rem; }
.status { font-weight: 600; }
.s-reviewed { color: #1a7f37; } .s-translated { color: #9a6700; } .s-outdated, .s-missing, .s-template { color: #a4262c; }
mark { background: #fff3b0; }
ins { background: #dafbe1; text-decoration: none; } del { background: #ffebe9; }
.finding { display: block; font-size: .85rem; color: #a4262c; }
.sign { display: inline-block; min-width: 12rem; border-bottom: 1px solid #57606a; }
@media print { body { max-width: none; padding: 0; font-size: 9.5pt; } tr { break-inside: avoid; } th { background: none; } }
"#;

/// `text` escaped, with each of `terms` (case-insensitive) wrapped in `<mark>`.
fn highlight(text: &str, terms: &[String]) -> String {
    let lower = text.to_lowercase();
    // Byte ranges of matches in `text` (lower-casing can change lengths: only use the
    // ranges where it did not).
    let mut spans: Vec<(usize, usize)> = Vec::new();
    if lower.len() == text.len() {
        for term in terms.iter().filter(|t| !t.trim().is_empty()) {
            let t = term.to_lowercase();
            let mut from = 0;
            while let Some(at) = lower[from..].find(&t) {
                let start = from + at;
                let end = start + t.len();
                if text.is_char_boundary(start) && text.is_char_boundary(end) {
                    spans.push((start, end));
                }
                from = end.max(start + 1);
                while !lower.is_char_boundary(from) {
                    from += 1;
                }
            }
        }
    }
    spans.sort();
    let mut out = String::new();
    let mut at = 0;
    for (start, end) in spans {
        if start < at {
            continue;
        }
        out.push_str(&escape(&text[at..start]));
        out.push_str("<mark>");
        out.push_str(&escape(&text[start..end]));
        out.push_str("</mark>");
        at = end;
    }
    out.push_str(&escape(&text[at..]));
    out
}

/// `[-old-]{+new+}` → `<del>old</del><ins>new</ins>`, the rest escaped.
fn diff_html(diff: &str) -> String {
    let mut out = String::new();
    let mut rest = diff;
    loop {
        let del = rest.find("[-");
        let ins = rest.find("{+");
        let (at, open, close, tag) = match (del, ins) {
            (Some(d), Some(i)) if d < i => (d, "[-", "-]", "del"),
            (Some(d), None) => (d, "[-", "-]", "del"),
            (_, Some(i)) => (i, "{+", "+}", "ins"),
            (None, None) => break,
        };
        let Some(len) = rest[at + 2..].find(close) else {
            break;
        };
        out.push_str(&escape(&rest[..at]));
        out.push_str(&format!(
            "<{tag}>{}</{tag}>",
            escape(&rest[at + 2..at + 2 + len])
        ));
        rest = &rest[at + 2 + len + 2..];
        let _ = open;
    }
    out.push_str(&escape(rest));
    out
}

/// How many rows of a review page have each status: reviewed, awaiting review
/// (translated), outdated, not translated (missing or a template).
pub fn counts(statuses: impl Iterator<Item = Status>) -> [usize; 4] {
    let mut n = [0; 4];
    for s in statuses {
        match s {
            Status::Reviewed => n[0] += 1,
            Status::Translated => n[1] += 1,
            Status::Outdated => n[2] += 1,
            Status::Missing | Status::Template => n[3] += 1,
        }
    }
    n
}

/// The review page of one locale, written into `w` row by row as `rows` yields them
/// (at a million messages the page is hundreds of megabytes: it is never held whole).
/// `counts` are the rows' [`counts`], shown above them.
pub fn write(
    w: &mut dyn std::io::Write,
    tag: &Tag,
    source: &Tag,
    counts: [usize; 4],
    rows: impl Iterator<Item = Row>,
    glossary: &[(String, Vec<String>)],
    readability: &[Legibility],
) -> std::io::Result<()> {
    let source_terms: Vec<String> = glossary.iter().map(|(s, _)| s.clone()).collect();
    let target_terms: Vec<String> = glossary.iter().flat_map(|(_, t)| t.clone()).collect();
    let dir = if tag.is_rtl() { "rtl" } else { "ltr" };
    let [reviewed, translated, outdated, missing] = counts;
    write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Review: {name} ({tag})</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>Review: <span lang=\"{tag}\" dir=\"{dir}\">{name}</span> ({tag})</h1>\n<p class=\"counts\">{reviewed} reviewed · {translated} awaiting review · {outdated} outdated · {missing} not translated. Sign-offs are recorded with <code>carta review --locale {tag} --by \"Name\" ID…</code>; a sign-off holds only while the source and the translation stay exactly as reviewed.</p>\n",
        name = escape(&tag.autonym()),
        tag = escape(tag.as_str()),
    )?;
    let mut document: Option<Option<String>> = None;
    // One row's HTML, reused from row to row.
    let mut out = String::new();
    for row in rows {
        out.clear();
        if document.as_ref() != Some(&row.document) {
            if document.is_some() {
                out.push_str("</tbody></table>\n");
            }
            out.push_str(&format!(
                "<h2>{}</h2>\n",
                escape(row.document.as_deref().unwrap_or("Other messages"))
            ));
            if let Some(r) = readability
                .iter()
                .find(|r| Some(&r.document) == row.document.as_ref())
            {
                // Between the document's heading and its table.
                out.push_str(&format!(
                    "<p class=\"readability\">Readability of the translation ({tg}): {} · of the source ({src}): {}</p>\n",
                    escape(&legibility(&r.translation)),
                    escape(&legibility(&r.source)),
                    tg = escape(tag.as_str()),
                    src = escape(source.as_str()),
                ));
            }
            out.push_str(&format!(
                "<table>\n<colgroup><col class=\"id\"><col class=\"text\"><col class=\"text\"><col class=\"status\"></colgroup>\n<thead><tr><th>Message</th><th lang=\"{src}\">Source ({src})</th><th>Translation ({tg})</th><th>Status</th></tr></thead>\n<tbody>\n",
                src = escape(source.as_str()),
                tg = escape(tag.as_str()),
            ));
            document = Some(row.document.clone());
        }
        let translation = match &row.translation {
            Some(t) => {
                let lang = row.from.as_ref().unwrap_or(tag);
                let rtl = if lang.is_rtl() { "rtl" } else { "ltr" };
                format!(
                    "<div lang=\"{}\" dir=\"{rtl}\">{}</div>",
                    escape(lang.as_str()),
                    highlight(t, &target_terms).replace('\n', "<br>")
                )
            }
            None => "<em>not translated</em>".to_string(),
        };
        let mut status = format!(
            "<span class=\"status s-{s}\">{s}</span>",
            s = row.status.as_str()
        );
        if let Some(from) = &row.from {
            status.push_str(&format!(" (from {})", escape(from.as_str())));
        }
        match &row.record {
            Some(r) => status.push_str(&format!("<br>by {} on {}", escape(&r.by), escape(&r.date))),
            None if row.translation.is_some() => {
                status.push_str("<br>Reviewed by: <span class=\"sign\">&nbsp;</span>")
            }
            None => {}
        }
        if let Some(diff) = &row.diff {
            status.push_str(&format!(
                "<br>source change: <span lang=\"{}\">{}</span>",
                escape(source.as_str()),
                diff_html(diff)
            ));
        }
        for (severity, text) in &row.findings {
            status.push_str(&format!(
                "<span class=\"finding\">{}: {}</span>",
                escape(severity),
                escape(text)
            ));
        }
        out.push_str(&format!(
            "<tr id=\"{id}\"><td class=\"id\" dir=\"ltr\">{id}</td><td lang=\"{src}\" dir=\"ltr\">{source_text}</td><td>{translation}</td><td dir=\"ltr\">{status}</td></tr>\n",
            id = escape(&row.id),
            src = escape(source.as_str()),
            source_text = highlight(&row.source, &source_terms).replace('\n', "<br>"),
        ));
        w.write_all(out.as_bytes())?;
    }
    if document.is_some() {
        w.write_all(b"</tbody></table>\n")?;
    }
    w.write_all(b"</body>\n</html>\n")
}

/// `dist/review/index.html`: every locale with its counts.
pub fn index(locales: &[(Tag, [usize; 4])]) -> String {
    let mut items = String::new();
    for (tag, [reviewed, translated, outdated, missing]) in locales {
        let dir = if tag.is_rtl() { "rtl" } else { "ltr" };
        items.push_str(&format!(
            "<tr><td><a href=\"{href}.html\" lang=\"{t}\" dir=\"{dir}\">{name}</a> ({t})</td><td>{reviewed}</td><td>{translated}</td><td>{outdated}</td><td>{missing}</td></tr>\n",
            href = crate::bundle::html::escape(&percent(tag.as_str())),
            t = escape(tag.as_str()),
            name = escape(&tag.autonym()),
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Review: every language</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>Review: every language</h1>\n<table>\n<thead><tr><th>Language</th><th>Reviewed</th><th>Awaiting review</th><th>Outdated</th><th>Not translated</th></tr></thead>\n<tbody>\n{items}</tbody></table>\n</body>\n</html>\n"
    )
}

/// A tag as a URL path segment (tags are `[A-Za-z0-9-]`, so nothing to encode; kept as
/// the one place that would).
fn percent(tag: &str) -> String {
    tag.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_and_diff_escape_everything() {
        assert_eq!(
            highlight("Dry needling <b>", &["dry needling".into()]),
            "<mark>Dry needling</mark> &lt;b&gt;"
        );
        assert_eq!(
            diff_html("a [-<x>-]{+y&+} b"),
            "a <del>&lt;x&gt;</del><ins>y&amp;</ins> b"
        );
        assert_eq!(diff_html("unclosed [-x"), "unclosed [-x");
    }
}
