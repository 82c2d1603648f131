//! A handout back as Markdown, in the locale's words, with the source's structure.
//! Translated text is inline Markdown; raw HTML in it is escaped (`\<`) so a translation
//! cannot smuggle markup into a Markdown pipeline that allows HTML.

use super::LocaleBundle;
use crate::content::{BlockKind, Document, LabelStyle};

pub fn render(doc: &Document, ids: &[Option<String>], bundle: &LocaleBundle) -> String {
    let mut out = String::new();
    let mut prev_item = false;
    // Width of the list marker at each depth: nested content is indented under its
    // parent's text (2 columns under `- `, 3 under `1. `, 4 under `10. `).
    let mut marker_widths: Vec<usize> = Vec::new();
    for (block, id) in doc.blocks.iter().zip(ids) {
        let quote = "> ".repeat(block.quote_depth);
        let is_item = block.kind == BlockKind::Item;
        let same_list =
            is_item && prev_item && !block.list.as_ref().is_some_and(|l| l.first && l.depth == 0);
        if !out.is_empty() && !same_list {
            out.push_str(quote.trim_end());
            out.push('\n');
        }
        prev_item = is_item;
        let text = |attr: Option<&str>| -> String {
            match id {
                Some(id) => bundle
                    .part(id, attr)
                    .map(|p| safe(&p.text))
                    .unwrap_or_default(),
                None => String::new(),
            }
        };
        let body = match block.kind {
            BlockKind::Title => format!("# {}", text(None)),
            BlockKind::Heading(level) => format!("{} {}", "#".repeat(level as usize), text(None)),
            BlockKind::Paragraph => text(None),
            BlockKind::Quote => text(None)
                .lines()
                .map(|l| {
                    if l.is_empty() {
                        ">".to_string()
                    } else {
                        format!("> {l}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
            BlockKind::Item => {
                let list = block.list.clone().unwrap_or(crate::content::ListPos {
                    number: None,
                    depth: 0,
                    first: true,
                });
                let marker = match list.number {
                    Some(n) => format!("{n}. "),
                    None => "- ".to_string(),
                };
                marker_widths.truncate(list.depth);
                let indent = " ".repeat(marker_widths.iter().sum());
                marker_widths.push(marker.len());
                let content = match &block.body {
                    Some(_) => {
                        let (title, sep, body) =
                            (text(None), separator(bundle), text(Some("body")));
                        match block.label {
                            LabelStyle::Strong => format!("**{title}**{sep}{body}"),
                            LabelStyle::StrongColonInside => {
                                format!("**{title}{}** {body}", sep.trim_end())
                            }
                            LabelStyle::Plain => format!("{title}{sep}{body}"),
                        }
                    }
                    None => text(None),
                };
                let cont_indent = format!("{indent}{}", " ".repeat(marker.len()));
                let mut lines = content.lines();
                let mut s = format!("{indent}{marker}{}", lines.next().unwrap_or(""));
                for l in lines {
                    s.push('\n');
                    if !l.is_empty() {
                        s.push_str(&cont_indent);
                        s.push_str(l);
                    }
                }
                s
            }
            BlockKind::Verbatim => block.text.clone(),
        };
        // A marked passage carries its notice, in the handout's language, at its end.
        let body = match id.as_deref().and_then(|id| bundle.flag(id)) {
            Some(flag) if block.kind != BlockKind::Verbatim => format!(
                "{} _(⚠ {})_",
                body.trim_end(),
                super::notices::notice(&bundle.tag, flag)
            ),
            _ => body,
        };
        for line in body.lines() {
            out.push_str(&quote);
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// What goes between a list item's title and its body in this locale.
pub fn separator(bundle: &LocaleBundle) -> &'static str {
    match bundle.tag.langid().language.as_str() {
        "fr" => "\u{00A0}: ",
        "zh" | "ja" => "：",
        _ => ": ",
    }
}

/// Escapes the `<` of raw HTML in translated text (as `\<`), so a translation cannot
/// smuggle markup into a Markdown pipeline that allows HTML. Autolinks
/// (`<https://…>`) and everything else are left as written.
fn safe(text: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    if !text.contains('<') {
        return text.to_string();
    }
    let html: Vec<std::ops::Range<usize>> = Parser::new_ext(text, Options::empty())
        .into_offset_iter()
        .filter(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
        .map(|(_, r)| r)
        .collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        if c == '<' && html.iter().any(|r| r.contains(&i)) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn raw_html_is_escaped_autolinks_are_not() {
        assert_eq!(safe("a <script>x</script> b"), "a \\<script>x\\</script> b");
        assert_eq!(
            safe("see <https://example.org>"),
            "see <https://example.org>"
        );
        assert_eq!(
            safe("<img src=x onerror=alert(1)>"),
            "\\<img src=x onerror=alert(1)>"
        );
        assert_eq!(safe("1 < 2"), "1 < 2");
    }
}
