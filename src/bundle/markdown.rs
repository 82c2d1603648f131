//! A handout back as Markdown, in the locale's words, with the source's structure.
//! Translated text goes through [`crate::safe_markdown::to_markdown`]: it stays inline
//! Markdown in its block (a title stays one heading line, a paragraph cannot open a
//! list, fence or HTML block), raw HTML is escaped text and links keep only safe targets,
//! so the file is inert in a Markdown renderer that allows raw HTML.

use super::LocaleBundle;
use crate::content::{BlockKind, Document, LabelStyle};
use crate::safe_markdown::{to_markdown, Mode};

pub fn render(doc: &Document, ids: &[Option<String>], bundle: &LocaleBundle) -> String {
    let mut out = String::new();
    let mut prev_item = false;
    // Width of the list marker at each depth: nested content is indented under its
    // parent's text (2 columns under `- `, 3 under `1. `, 4 under `10. `).
    let mut marker_widths: Vec<usize> = Vec::new();
    for (i, (block, id)) in doc.blocks.iter().zip(ids).enumerate() {
        if super::table::is_continuation(block) {
            continue;
        }
        let quote = "> ".repeat(block.quote_depth);
        let is_item = block.kind == BlockKind::Item;
        let same_list =
            is_item && prev_item && !block.list.as_ref().is_some_and(|l| l.first && l.depth == 0);
        if !out.is_empty() && !same_list {
            out.push_str(quote.trim_end());
            out.push('\n');
        }
        prev_item = is_item;
        let text = |attr: Option<&str>, mode: Mode| -> String {
            match id {
                Some(id) => bundle
                    .part(id, attr)
                    .map(|p| to_markdown(&p.text, mode))
                    .unwrap_or_default(),
                None => String::new(),
            }
        };
        let body = match block.kind {
            BlockKind::Title => format!("# {}", text(None, Mode::Heading)),
            BlockKind::Heading(level) => format!(
                "{} {}",
                "#".repeat(level as usize),
                text(None, Mode::Heading)
            ),
            BlockKind::Paragraph => text(None, Mode::Blocks),
            BlockKind::Quote => text(None, Mode::Blocks)
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
                        let (title, sep, body) = (
                            text(None, Mode::Line),
                            separator(bundle),
                            text(Some("body"), Mode::Line),
                        );
                        match block.label {
                            LabelStyle::Strong => format!("**{title}**{sep}{body}"),
                            LabelStyle::StrongColonInside => {
                                format!("**{title}{}** {body}", sep.trim_end())
                            }
                            LabelStyle::Plain => format!("{title}{sep}{body}"),
                        }
                    }
                    None => text(None, Mode::Blocks),
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
            BlockKind::Cell => super::table::markdown(bundle, &doc.blocks[i..], &ids[i..]),
            BlockKind::Verbatim => block.text.clone(),
        };
        // A marked passage carries its notice, in the handout's language, at its end.
        let body = match id.as_deref().and_then(|id| bundle.flag(id)) {
            Some(flag) if !matches!(block.kind, BlockKind::Verbatim | BlockKind::Cell) => format!(
                "{} _(⚠ {})_",
                body.trim_end(),
                super::notices::notice(&bundle.strings, flag)
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
