//! A handout back as Markdown, in the locale's words, with the source's structure.
//! Translated text is inline Markdown; raw HTML in it is escaped (`\<`) so a translation
//! cannot smuggle markup into a Markdown pipeline that allows HTML.

use super::LocaleBundle;
use crate::content::{BlockKind, Document};

pub fn render(doc: &Document, ids: &[Option<String>], bundle: &LocaleBundle) -> String {
    let mut out = String::new();
    let mut prev_item = false;
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
                let indent = "   ".repeat(list.depth);
                let content = match &block.body {
                    Some(_) => format!(
                        "**{}**{}{}",
                        text(None),
                        separator(bundle),
                        text(Some("body"))
                    ),
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

/// Escapes `<` so translated text cannot become raw HTML.
fn safe(text: &str) -> String {
    text.replace('<', "\\<")
}
