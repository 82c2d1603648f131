//! A handout as a standalone, print-ready HTML page (and the language picker).
//!
//! Safety: translated text is inline Markdown rendered by pulldown-cmark with every raw
//! HTML event turned into escaped text, link targets limited to http(s), mailto, tel
//! and relative URLs, and images shown as their alt text (the page makes no external
//! requests). Fluent isolation marks are off; direction is set with `dir` on `<html>` and
//! on every fallback element, which also carries its own `lang` for screen readers.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag as MdTag, TagEnd};

use super::clinic::Clinic;
use super::{LocaleBundle, Part};
use crate::content::{BlockKind, Document};
use crate::front_matter::FrontMatter;
use crate::locale::Tag;

const CSS: &str = r#"
:root { color-scheme: light; --ink: #1b1f23; --muted: #57606a; --accent: #0b5e7a; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", "Noto Sans SC", system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); line-height: 1.55; }
body { margin: 0 auto; max-width: 46rem; padding: 2rem 1.25rem 3rem; font-size: 1.05rem; }
/* A word or code line longer than the measure breaks instead of running past the margin
   (on paper it was cut off, on the left of a right-to-left page). */
body { overflow-wrap: anywhere; }
h1 { font-size: 1.9rem; line-height: 1.2; color: var(--accent); margin: 0 0 1.25rem; }
h2 { font-size: 1.35rem; margin: 1.8rem 0 .6rem; color: var(--accent); }
h3, h4, h5, h6 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
p { margin: 0 0 .9rem; }
ol, ul { padding-inline-start: 1.6rem; margin: 0 0 1rem; }
/* Numbers are drawn inside each item's own box (not as outside markers, which a
   right-to-left page pushed past its margin: Arabic "10." was cut off on paper). */
ol { list-style: none; padding-inline-start: 0; }
ol > li { position: relative; padding-inline-start: 2.4em; }
ol > li::before { content: counter(list-item) "."; position: absolute; inset-inline-start: 0; width: 2em; text-align: end; font-variant-numeric: tabular-nums; color: var(--accent); font-weight: 600; }
li { margin: 0 0 .7rem; padding-inline-start: .2rem; }
li > p { margin: 0; }
.item-title { color: var(--accent); }
blockquote { margin: 1rem 0; padding: .2rem 1rem; border-inline-start: .25rem solid #d0d7de; color: var(--muted); }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; padding: .75rem; border-radius: .3rem; }
code { overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 0 0 1rem; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: .35rem .6rem; text-align: start; vertical-align: top; }
th { background: #f6f8fa; }
tr { break-inside: avoid; }
a { color: var(--accent); }
header.clinic { display: flex; flex-wrap: wrap; align-items: center; gap: .75rem; margin: 0 0 1.5rem; padding-bottom: .6rem; border-bottom: 2px solid var(--accent); }
.clinic-logo { max-height: 3.2rem; max-width: 12rem; }
.clinic-name { font-weight: 700; font-size: 1.15rem; color: var(--accent); min-width: 0; max-width: 100%; overflow-wrap: anywhere; }
footer { margin-top: 2.5rem; font-size: .8rem; color: var(--muted); border-top: 1px solid #d0d7de; padding-top: .5rem; }
footer p { margin: 0 0 .3rem; }
/* A contact item moves to the next line whole; one longer than the line breaks. */
.contact-item { display: inline-block; max-width: 100%; overflow-wrap: anywhere; }
.print-url { display: none; }
.fallback { background: #fff6d6; border-radius: .2rem; }
/* Passages published although outdated or unreviewed ([publish] mark): a border and a
   notice in words, so the mark survives black-and-white printing. */
.carta-outdated, .carta-unreviewed { background: #fde7e9; border-bottom: 2px dashed #a4262c; }
.carta-notice-block { margin: .2rem 0 .9rem; }
.carta-notice { display: inline-block; font-size: .9rem; font-weight: 600; color: #a4262c; border: 1px solid #a4262c; border-radius: .25rem; padding: .1rem .4rem; }
.carta-notice::before { content: "⚠ "; }
@media print {
  /* Fits both A4 (210 x 297 mm) and US Letter (216 x 279 mm): the printer's paper size,
     margins that leave a 170 mm measure on either. */
  @page { size: auto; margin: 18mm 20mm 20mm; }
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  /* A heading stays with what follows it; a block is not split; the footer never goes
     alone onto a page of its own (it takes the last block with it). */
  h1, h2, h3, h4, h5, h6 { break-after: avoid; break-inside: avoid; }
  li, blockquote, p { break-inside: avoid; }
  header.clinic { margin-bottom: 1rem; }
  footer { break-before: avoid; break-inside: avoid; margin-top: 1.5rem; }
  .carta-end { break-inside: avoid; }
  main > :last-child, main > :last-child > li:last-child { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  /* On paper a link shows where it goes. */
  .print-url { display: inline; overflow-wrap: anywhere; }
  .fallback { background: none; }
  .carta-outdated, .carta-unreviewed { background: none; border-bottom: 1.5pt dashed #000; }
  .carta-notice { color: #000; border-color: #000; }
}
"#;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// A link target that cannot run script: http(s), mailto, tel, fragments and relative
/// URLs pass; anything else (`javascript:`, `data:`, `vbscript:`) becomes `#`.
pub fn safe_url(url: &str) -> String {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    let lower = cleaned.to_ascii_lowercase();
    let scheme_end = lower.find(':');
    let path_start = lower.find(['/', '?', '#']).unwrap_or(lower.len());
    let allowed = match scheme_end {
        Some(i) if i < path_start => ["http", "https", "mailto", "tel"].contains(&&lower[..i]),
        _ => true,
    };
    if allowed {
        cleaned
    } else {
        "#".into()
    }
}

/// Inline Markdown → safe HTML. `block` keeps paragraph tags (for multi-paragraph text).
/// The text is first [`crate::safe_markdown::neutralize`]d: a line of it cannot open a
/// heading, list, quote, fence or HTML block, so a title stays one `<h1>`; without
/// `block`, paragraphs are joined with a space.
pub fn markdown(text: &str, block: bool) -> String {
    render_markdown(&crate::safe_markdown::neutralize(text), block)
}

/// Markdown → safe HTML, blocks included: for the author's verbatim blocks (code, rules).
fn render_markdown(text: &str, block: bool) -> String {
    let parser = Parser::new_ext(text, Options::empty());
    let mut events: Vec<Event> = Vec::new();
    let mut in_image = 0usize;
    let mut paragraphs = 0usize;
    // The link being written: its target and its text so far (to print the address
    // after it, unless the text is the address).
    let mut link: Option<(String, String)> = None;
    for event in parser {
        if let Some((_, text)) = link.as_mut() {
            if let Event::Text(t) | Event::Code(t) = &event {
                text.push_str(t);
            }
        }
        if matches!(event, Event::End(TagEnd::Link)) {
            if let Some((url, text)) = link.take() {
                events.push(event);
                if let Some(shown) = printed_address(&url, &text) {
                    events.push(Event::InlineHtml(CowStr::from(format!(
                        "<span class=\"print-url\"> <bdi dir=\"ltr\">({})</bdi></span>",
                        escape(&shown)
                    ))));
                }
                continue;
            }
        }
        if !block && matches!(event, Event::Start(MdTag::Paragraph)) {
            paragraphs += 1;
            if paragraphs > 1 {
                events.push(Event::Text(CowStr::Borrowed(" ")));
            }
            continue;
        }
        let event = match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(MdTag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let url = safe_url(&dest_url);
                link = Some((url.clone(), String::new()));
                Event::Start(MdTag::Link {
                    link_type,
                    dest_url: CowStr::from(url),
                    title,
                    id,
                })
            }
            Event::Start(MdTag::Image { .. }) => {
                in_image += 1;
                continue;
            }
            Event::End(TagEnd::Image) => {
                in_image = in_image.saturating_sub(1);
                continue;
            }
            Event::Start(MdTag::Paragraph) | Event::End(TagEnd::Paragraph) if !block => continue,
            other => other,
        };
        let _ = in_image;
        events.push(event);
    }
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out.trim_end().to_string()
}

/// What a printed page shows after a link's text: its address (without `mailto:` or
/// `tel:`), unless the text already is the address or the link only jumps within the
/// page.
fn printed_address(url: &str, text: &str) -> Option<String> {
    if url.starts_with('#') || url.is_empty() {
        return None;
    }
    let lower = url.to_ascii_lowercase();
    let shown = if lower.starts_with("mailto:") || lower.starts_with("tel:") {
        &url[url.find(':').map_or(0, |i| i + 1)..]
    } else {
        url
    };
    let bare = |s: &str| {
        let s = s.trim();
        let s = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .unwrap_or(s);
        s.trim_end_matches('/').to_ascii_lowercase()
    };
    (bare(shown) != bare(text)).then(|| shown.to_string())
}

/// Wraps a part's HTML in an element with its own `lang` (and `dir`) when it came from a
/// fallback locale. Text in another language is also highlighted on screen and titled
/// "not translated yet"; a regional fallback (es-MX showing es) is by design and only
/// carries its `lang`.
pub(super) fn part_html(
    bundle: &LocaleBundle,
    part: Option<&Part>,
    html: impl Fn(&str) -> String,
    element: &str,
) -> String {
    let Some(part) = part else {
        return String::new();
    };
    let mut inner = html(&part.text);
    if let Some(flag) = part.flag {
        // Marked text says why in an attribute too (the visible notice follows the block).
        inner = format!(
            "<{element} class=\"carta-{}\" data-carta-status=\"{}\" title=\"{}\">{inner}</{element}>",
            flag.as_str(),
            flag.as_str(),
            escape(&super::notices::notice(&bundle.strings, flag))
        );
    }
    if part.from == 0 {
        return inner;
    }
    let from = bundle.locale_of(part);
    let dir = if from.is_rtl() { "rtl" } else { "ltr" };
    let lang = escape(from.as_str());
    if bundle.is_foreign(from) {
        format!(
            "<{element} class=\"fallback\" lang=\"{lang}\" dir=\"{dir}\" title=\"{}\">{inner}</{element}>",
            escape(&bundle.strings.get(
                "carta-fallback-title",
                &[("language", bundle.strings.language(from).into())]
            ))
        )
    } else {
        format!("<{element} lang=\"{lang}\" dir=\"{dir}\">{inner}</{element}>")
    }
}

/// What a handout's page shows besides its text.
#[derive(Default)]
pub struct Page<'a> {
    pub clinic: Option<&'a Clinic>,
    pub meta: FrontMatter,
    /// Who signed off every translated passage of the page (`carta review`), and the
    /// latest date; `None` unless all of them are signed off.
    pub reviewed: Option<(Vec<String>, String)>,
    /// Set for the copy that is printed to PDF: the paper size (the HTML handout leaves
    /// it to the printer).
    pub paper: Option<crate::config::Paper>,
}

pub fn render(
    doc: &Document,
    ids: &[Option<String>],
    bundle: &LocaleBundle,
    page: &Page,
) -> String {
    let tag = &bundle.tag;
    let dir = if tag.is_rtl() { "rtl" } else { "ltr" };
    let title_text = doc
        .blocks
        .iter()
        .zip(ids)
        .find(|(b, _)| b.kind == BlockKind::Title)
        .and_then(|(_, id)| id.as_deref())
        .and_then(|id| bundle.part(id, None))
        // A marked title is marked in the tab and the printed page header too.
        .map(|p| match p.flag {
            Some(_) => format!("⚠ {}", plain(&p.text)),
            None => plain(&p.text),
        })
        .unwrap_or_else(|| doc.name.clone());
    let mut body = String::new();
    // Open lists: (ordered, depth).
    let mut lists: Vec<(bool, usize)> = Vec::new();
    let close_lists = |body: &mut String, lists: &mut Vec<(bool, usize)>, keep: usize| {
        while lists.len() > keep {
            let (ordered, _) = lists.pop().unwrap_or((false, 0));
            body.push_str(if ordered {
                "</li></ol>\n"
            } else {
                "</li></ul>\n"
            });
        }
    };
    let mut quote_open = 0usize;
    let mut last_top: Option<usize> = None;
    for (i, (block, id)) in doc.blocks.iter().zip(ids).enumerate() {
        if super::table::is_continuation(block) {
            continue;
        }
        let depth = block.quote_depth;
        if block.kind != BlockKind::Item {
            close_lists(&mut body, &mut lists, 0);
        }
        while quote_open > depth {
            body.push_str("</blockquote>\n");
            quote_open -= 1;
        }
        while quote_open < depth {
            body.push_str("<blockquote>\n");
            quote_open += 1;
        }
        // Where the last block starts, when it is not inside a list or quote.
        last_top = (block.kind != BlockKind::Item && depth == 0).then_some(body.len());
        let value = id.as_deref().and_then(|id| bundle.part(id, None));
        let inline = |t: &str| markdown(t, false);
        // The visible notice of a marked passage, in the handout's language, on screen
        // and on paper.
        let notice = id.as_deref().and_then(|id| bundle.flag(id)).map(|flag| {
            format!(
                "<span class=\"carta-notice carta-notice-{}\" role=\"note\">{}</span>",
                flag.as_str(),
                escape(&super::notices::notice(&bundle.strings, flag))
            )
        });
        let after = |body: &mut String| {
            if let Some(n) = &notice {
                body.push_str(&format!("<p class=\"carta-notice-block\">{n}</p>\n"));
            }
        };
        let id_attr = id
            .as_deref()
            .map(|i| format!(" id=\"{}\"", escape(i)))
            .unwrap_or_default();
        match block.kind {
            BlockKind::Title => {
                body.push_str(&format!(
                    "<h1{id_attr}>{}</h1>\n",
                    part_html(bundle, value, inline, "span")
                ));
                after(&mut body);
            }
            BlockKind::Heading(level) => {
                let level = level.clamp(2, 6);
                body.push_str(&format!(
                    "<h{level}{id_attr}>{}</h{level}>\n",
                    part_html(bundle, value, inline, "span")
                ));
                after(&mut body);
            }
            BlockKind::Paragraph => {
                body.push_str(&format!(
                    "<p{id_attr}>{}</p>\n",
                    part_html(bundle, value, inline, "span")
                ));
                after(&mut body);
            }
            BlockKind::Quote => {
                body.push_str(&format!(
                    "<blockquote{id_attr}>{}</blockquote>\n",
                    part_html(bundle, value, |t| markdown(t, true), "div")
                ));
                after(&mut body);
            }
            BlockKind::Item => {
                let list = block.list.clone().unwrap_or(crate::content::ListPos {
                    number: None,
                    depth: 0,
                    first: true,
                });
                let ordered = list.number.is_some();
                let level = list.depth + 1;
                if lists.len() > level {
                    close_lists(&mut body, &mut lists, level);
                }
                if lists.len() == level && list.first {
                    close_lists(&mut body, &mut lists, level - 1);
                }
                if lists.len() == level {
                    body.push_str("</li>\n");
                } else {
                    while lists.len() < level {
                        match (ordered, list.number) {
                            (true, Some(n)) if n != 1 => {
                                body.push_str(&format!("<ol start=\"{n}\">\n"))
                            }
                            (true, _) => body.push_str("<ol>\n"),
                            _ => body.push_str("<ul>\n"),
                        }
                        lists.push((ordered, lists.len() + 1));
                    }
                }
                let content = match &block.body {
                    Some(_) => {
                        let attr = id.as_deref().and_then(|id| bundle.part(id, Some("body")));
                        // A label the author wrote plainly stays plain; bold otherwise.
                        let (open, close) = match block.label {
                            crate::content::LabelStyle::Plain => {
                                ("<span class=\"item-title\">", "</span>")
                            }
                            _ => ("<strong class=\"item-title\">", "</strong>"),
                        };
                        format!(
                            "<p>{open}{}{close}{}{}</p>",
                            part_html(bundle, value, inline, "span"),
                            escape(super::markdown::separator(bundle)),
                            part_html(bundle, attr, inline, "span")
                        )
                    }
                    None => part_html(bundle, value, |t| markdown(t, true), "div"),
                };
                let notice = notice
                    .as_ref()
                    .map(|n| format!("<p class=\"carta-notice-block\">{n}</p>"))
                    .unwrap_or_default();
                body.push_str(&format!("<li{id_attr}>{content}{notice}"));
            }
            BlockKind::Cell => {
                body.push_str(&super::table::html(bundle, &doc.blocks[i..], &ids[i..]))
            }
            BlockKind::Verbatim => {
                body.push_str(&format!("{}\n", render_markdown(&block.text, true)))
            }
        }
    }
    close_lists(&mut body, &mut lists, 0);
    while quote_open > 0 {
        body.push_str("</blockquote>\n");
        quote_open -= 1;
    }
    let header = page.clinic.map(|c| c.header()).unwrap_or_default();
    let mut footer = format!("<footer>\n{}</footer>\n", footer(doc, ids, bundle, page));
    // On paper the footer never goes alone onto the last page: it and the last block
    // are one unbreakable box (`.carta-end`), when the last block is not in a list.
    if let Some(start) = last_top {
        body.insert_str(start, "<div class=\"carta-end\">\n");
        body.push_str(&footer);
        body.push_str("</div>\n");
        footer.clear();
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"carta\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<title>{title}</title>\n<style>{CSS}{page_css}</style>\n</head>\n<body>\n{header}<main>\n{body}</main>\n{footer}</body>\n</html>\n",
        lang = escape(tag.as_str()),
        title = escape(&title_text),
        page_css = page_css(bundle, page),
    )
}

/// The page's own CSS: the clinic's accent, and for print the running parts of every
/// page in the handout's language (the clinic's name at the top, "page x of y" at the
/// foot) and, for the PDF copy, the paper size.
fn page_css(bundle: &LocaleBundle, page: &Page) -> String {
    let mut css = String::new();
    if let Some(accent) = page.clinic.and_then(|c| c.accent.as_deref()) {
        // Checked by config as a CSS colour and written as `#rrggbb`.
        if accent.len() == 7
            && accent.starts_with('#')
            && accent[1..].bytes().all(|b| b.is_ascii_hexdigit())
        {
            css.push_str(&format!(":root {{ --accent: {accent}; }}\n"));
        }
    }
    // "Page x of y": the message formatted around two markers that become counters.
    const PAGE: &str = "\u{E000}";
    const PAGES: &str = "\u{E001}";
    let text = bundle.strings.get(
        "carta-page-number",
        &[("page", PAGE.into()), ("pages", PAGES.into())],
    );
    let mut content = Vec::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find(['\u{E000}', '\u{E001}']) {
        if i > 0 {
            content.push(super::clinic::css_string(&rest[..i]));
        }
        let marker = &rest[i..i + 3];
        content.push(
            if marker == PAGE {
                "counter(page)"
            } else {
                "counter(pages)"
            }
            .to_string(),
        );
        rest = &rest[i + 3..];
    }
    if !rest.is_empty() {
        content.push(super::clinic::css_string(rest));
    }
    let font = "font-family: \"Noto Sans\", \"Noto Sans Arabic\", \"Noto Sans CJK SC\", \"Noto Sans SC\", system-ui, sans-serif; font-size: 8pt; color: #57606a;";
    css.push_str(&format!(
        "@media print {{\n  @page {{ @bottom-center {{ content: {}; {font} }} }}\n",
        content.join(" ")
    ));
    if let Some(name) = page.clinic.and_then(|c| c.text.name.as_deref()) {
        let side = if bundle.tag.is_rtl() {
            "top-right"
        } else {
            "top-left"
        };
        // A page-margin box does not wrap (Chromium): a long name would run off the
        // paper, so the running head shows its first 48 characters (the first page's
        // header shows it whole).
        const RUNNING: usize = 48;
        let running: String = if name.chars().count() > RUNNING {
            name.chars().take(RUNNING - 1).collect::<String>() + "…"
        } else {
            name.to_string()
        };
        css.push_str(&format!(
            "  @page {{ @{side} {{ content: {}; {font} }} }}\n  @page :first {{ @{side} {{ content: none; }} }}\n",
            super::clinic::css_string(&running)
        ));
    }
    css.push_str("}\n");
    if let Some(paper) = page.paper {
        css.push_str(&format!(
            "@media print {{ @page {{ size: {}; }} }}\n",
            paper.css()
        ));
    }
    css
}

/// The footer: the clinic's contact details, the handout's metadata (front matter) in
/// the page's language and date format, who reviewed the translation, how many of this
/// page's passages are shown in another language, and the page's language.
fn footer(doc: &Document, ids: &[Option<String>], bundle: &LocaleBundle, page: &Page) -> String {
    let strings = &bundle.strings;
    let mut out = String::new();
    if let Some(clinic) = page.clinic {
        out.push_str(&clinic.contact(strings));
    }
    let mut meta = Vec::new();
    if let Some(date) = page.meta.reviewed {
        let date = super::dates::long_date(&bundle.tag, date);
        meta.push(escape(
            &strings.get("carta-content-reviewed", &[("date", date.into())]),
        ));
    }
    if let Some(version) = &page.meta.version {
        meta.push(escape(&strings.get(
            "carta-document-version",
            &[("version", version.clone().into())],
        )));
    }
    if let Some((from, audience)) = page.meta.audience_for(&bundle.chain) {
        // Text of another language than the page's carries its own `lang`.
        let text = strings.get("carta-audience", &[("audience", "\u{E000}".into())]);
        let value = match Tag::parse(&from) {
            Ok(t) if !from.is_empty() && bundle.is_foreign(&t) => format!(
                "<span lang=\"{}\" dir=\"{}\">{}</span>",
                escape(t.as_str()),
                if t.is_rtl() { "rtl" } else { "ltr" },
                escape(&audience)
            ),
            _ => escape(&audience),
        };
        meta.push(escape(&text).replace('\u{E000}', &value));
    }
    if !meta.is_empty() {
        out.push_str(&format!(
            "<p class=\"handout-meta\">{}</p>\n",
            meta.join(" · ")
        ));
    }
    if let Some((names, date)) = &page.reviewed {
        let date = crate::front_matter::parse(&format!("---\nreviewed: {date}\n---\n"))
            .ok()
            .and_then(|m| m.reviewed)
            .map(|d| super::dates::long_date(&bundle.tag, d))
            .unwrap_or_else(|| date.clone());
        out.push_str(&format!(
            "<p class=\"translation-reviewed\">{}</p>\n",
            escape(&strings.get(
                "carta-translation-reviewed",
                &[("names", names.join(", ").into()), ("date", date.into())]
            ))
        ));
    }
    // This page's passages shown in another language (not the whole locale's).
    let mut seen = std::collections::HashSet::new();
    let fell_back = doc
        .blocks
        .iter()
        .zip(ids)
        .filter(|(b, _)| b.is_translatable())
        .filter_map(|(_, id)| id.as_deref())
        .filter(|id| seen.insert(*id))
        .filter(|id| {
            bundle.messages.get(*id).is_some_and(|m| {
                m.value
                    .iter()
                    .chain(m.attributes.values())
                    .any(|p| p.from > 0 && bundle.is_foreign(bundle.locale_of(p)))
            })
        })
        .count();
    if fell_back > 0 {
        let language = bundle
            .chain
            .last()
            .map(|t| strings.language(t))
            .unwrap_or_default();
        out.push_str(&format!(
            "<p class=\"fallback-note\">{}</p>\n",
            escape(&strings.get(
                "carta-fallback-notice",
                &[("count", fell_back.into()), ("language", language.into())]
            ))
        ));
    }
    out.push_str(&format!(
        "<p class=\"language\">{} · {}</p>\n",
        escape(&bundle.tag.autonym()),
        escape(bundle.tag.as_str())
    ));
    out
}

/// Markdown → plain text (for `<title>`).
pub fn plain(text: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(text) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// `dist/index.html`: every locale by its own name, linking to each handout.
/// `strings` gives carta's words for a locale: the heading is in the source's language,
/// and every language's entry says "choose your language" in that language too.
pub fn index(
    locales: &[(Tag, Vec<(String, String)>)],
    source: &Tag,
    strings: &dyn Fn(&Tag) -> super::strings::Strings,
) -> String {
    let mut items = String::new();
    let own = strings(source);
    let mut prompts: Vec<String> = Vec::new();
    for (tag, docs) in locales {
        if tag != source {
            let prompt = strings(tag).text("carta-choose-language");
            let shown = format!(
                "<span lang=\"{}\" dir=\"{}\">{}</span>",
                escape(tag.as_str()),
                if tag.is_rtl() { "rtl" } else { "ltr" },
                escape(&prompt)
            );
            if !prompts.contains(&shown) && prompt != own.text("carta-choose-language") {
                prompts.push(shown);
            }
        }
        let dir = if tag.is_rtl() { "rtl" } else { "ltr" };
        let links: Vec<String> = docs
            .iter()
            .map(|(file, title)| {
                format!(
                    "<a href=\"{}/{}\" hreflang=\"{}\">{}</a>",
                    escape(&crate::fs::uri_segment(tag.as_str())),
                    escape(&crate::fs::uri_segment(file)),
                    escape(tag.as_str()),
                    escape(title)
                )
            })
            .collect();
        items.push_str(&format!(
            "<li lang=\"{}\" dir=\"{dir}\"><span class=\"name\">{}</span> <span class=\"tag\">{}</span><br>{}</li>\n",
            escape(tag.as_str()),
            escape(&tag.autonym()),
            escape(tag.as_str()),
            links.join(" · ")
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{src}\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{CSS}\nul.languages {{ list-style: none; padding: 0; }} ul.languages li {{ padding: .5rem 0; border-bottom: 1px solid #eaeef2; }} .name {{ font-weight: 600; font-size: 1.15rem; }} .tag {{ color: var(--muted); font-size: .85rem; }} .prompts {{ color: var(--muted); }}</style>\n</head>\n<body>\n<main>\n<h1>{choose}</h1>\n{prompts}<ul class=\"languages\">\n{items}</ul>\n</main>\n</body>\n</html>\n",
        src = escape(source.as_str()),
        title = escape(&format!(
            "{} · {}",
            own.text("carta-handouts"),
            own.text("carta-choose-language")
        )),
        choose = escape(&own.text("carta-choose-language")),
        prompts = if prompts.is_empty() {
            String::new()
        } else {
            format!("<p class=\"prompts\">{}</p>\n", prompts.join(" · "))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_text() {
        let html = markdown(
            "a <script>alert(1)</script> <img src=x onerror=alert(1)>",
            false,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn dangerous_links_are_neutralised() {
        assert_eq!(safe_url("javascript:alert(1)"), "#");
        assert_eq!(safe_url(" JaVa\tScRiPt:alert(1)"), "#");
        assert_eq!(safe_url("data:text/html,x"), "#");
        assert_eq!(safe_url("https://example.org/a"), "https://example.org/a");
        assert_eq!(safe_url("../x.html#y"), "../x.html#y");
        let html = markdown("[click](javascript:alert(1)) **b**", false);
        assert!(html.contains("href=\"#\""), "{html}");
        assert!(html.contains("<strong>b</strong>"));
    }

    /// Regression (issue 14, item 9): `faq#1.md` linked to `faq` and `what?.md` to `what`.
    #[test]
    fn index_links_are_percent_encoded() {
        let es: Tag = Tag::parse("es").unwrap();
        let docs = vec![
            ("faq#1.html".to_string(), "FAQ".to_string()),
            ("what?.html".to_string(), "What".to_string()),
            ("my file %41.html".to_string(), "Mine".to_string()),
            ("niño.html".to_string(), "Niño".to_string()),
        ];
        let strings = |t: &Tag| {
            super::super::strings::Strings::new(
                t,
                std::slice::from_ref(t),
                &Default::default(),
                None,
            )
        };
        let html = index(&[(es.clone(), docs)], &es, &strings);
        for href in [
            "href=\"es/faq%231.html\"",
            "href=\"es/what%3F.html\"",
            "href=\"es/my%20file%20%2541.html\"",
            "href=\"es/ni%C3%B1o.html\"",
        ] {
            assert!(html.contains(href), "{href} in {html}");
        }
    }

    #[test]
    fn images_become_alt_text() {
        let html = markdown("![a diagram](https://tracker.example/x.png)", false);
        assert_eq!(html, "a diagram");
    }
}
