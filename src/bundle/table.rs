//! GitHub-flavoured Markdown tables in the built handouts: HTML, Markdown and
//! `<doc>.json`. Each cell is a message of its own (see [`crate::content::BlockKind::Cell`]);
//! the cells of one table are consecutive blocks, row by row, so each renderer meets a
//! table at its first cell, renders all of it from there and skips the other cells
//! ([`is_continuation`]). A cell's text is inline Markdown like any block's, rendered
//! with the same safety (escaped HTML, safe links), marked the same way when it is
//! outdated or unreviewed, and wrapped with its own `lang` when it fell back.

use serde_json::{json, Value};

use super::LocaleBundle;
use crate::content::{Align, Block};
use crate::safe_markdown::{to_markdown, Mode};

/// A cell other than a table's first: already rendered with its table.
pub fn is_continuation(block: &Block) -> bool {
    block.cell.as_ref().is_some_and(|c| c.row + c.col > 0)
}

/// The cells of the table whose first cell is `blocks[0]` (with their IDs), as rows.
fn rows<'a>(
    blocks: &'a [Block],
    ids: &'a [Option<String>],
) -> Vec<Vec<(&'a Block, Option<&'a str>)>> {
    let Some(first) = blocks.first().and_then(|b| b.cell.as_ref()) else {
        return Vec::new();
    };
    let mut rows: Vec<Vec<(&Block, Option<&str>)>> = Vec::with_capacity(first.rows);
    for (block, id) in blocks.iter().zip(ids) {
        let Some(cell) = &block.cell else { break };
        if cell.table != first.table {
            break;
        }
        if cell.col == 0 {
            rows.push(Vec::with_capacity(cell.cols));
        }
        if let Some(row) = rows.last_mut() {
            row.push((block, id.as_deref()));
        }
    }
    rows
}

/// CSS `text-align` of a column: the author's left and right follow the page's direction
/// (`start`, `end`), so a right-to-left page mirrors the table as it mirrors the text.
fn css_align(align: Align) -> Option<&'static str> {
    match align {
        Align::None => None,
        Align::Left => Some("start"),
        Align::Center => Some("center"),
        Align::Right => Some("end"),
    }
}

/// The table starting at `blocks[0]` as HTML: a header row of `<th scope="col">`, body rows
/// of `<td>`, each cell with its message ID as `id`.
pub fn html(bundle: &LocaleBundle, blocks: &[Block], ids: &[Option<String>]) -> String {
    let rows = rows(blocks, ids);
    let mut out = String::from("<table>\n");
    for (r, row) in rows.iter().enumerate() {
        if r == 0 {
            out.push_str("<thead>\n");
        } else if r == 1 {
            out.push_str("<tbody>\n");
        }
        out.push_str("<tr>");
        for (block, id) in row {
            let (tag, scope) = if r == 0 {
                ("th", " scope=\"col\"")
            } else {
                ("td", "")
            };
            let id_attr = id
                .map(|i| format!(" id=\"{}\"", super::html::escape(i)))
                .unwrap_or_default();
            let align = block
                .cell
                .as_ref()
                .and_then(|c| css_align(c.align))
                .map(|a| format!(" style=\"text-align: {a}\""))
                .unwrap_or_default();
            let part = id.and_then(|id| bundle.part(id, None));
            let text =
                super::html::part_html(bundle, part, |t| super::html::markdown(t, false), "span");
            let notice = id
                .and_then(|id| bundle.flag(id))
                .map(|flag| {
                    format!(
                        " <span class=\"carta-notice carta-notice-{}\" role=\"note\">{}</span>",
                        flag.as_str(),
                        super::html::escape(&super::notices::notice(&bundle.strings, flag))
                    )
                })
                .unwrap_or_default();
            out.push_str(&format!(
                "<{tag}{scope}{id_attr}{align}>{text}{notice}</{tag}>"
            ));
        }
        out.push_str("</tr>\n");
        if r == 0 {
            out.push_str("</thead>\n");
        }
    }
    if rows.len() > 1 {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n");
    out
}

/// The table starting at `blocks[0]` as GitHub-flavoured Markdown: every cell on its
/// row's line, written by [`to_markdown`] in [`Mode::Cell`] so no text can end a cell or
/// open anything; a marked cell carries its notice inside the cell.
pub fn markdown(bundle: &LocaleBundle, blocks: &[Block], ids: &[Option<String>]) -> String {
    let mut out = String::new();
    for (r, row) in rows(blocks, ids).iter().enumerate() {
        let mut line = String::from("|");
        for (_, id) in row {
            let mut text = id
                .and_then(|id| bundle.part(id, None))
                .map(|p| to_markdown(&p.text, Mode::Cell))
                .unwrap_or_default();
            if let Some(flag) = id.and_then(|id| bundle.flag(id)) {
                let notice = super::notices::notice(&bundle.strings, flag);
                text = format!("{text} _(⚠ {})_", to_markdown(&notice, Mode::Cell));
            }
            if text.is_empty() {
                line.push_str(" |");
            } else {
                line.push(' ');
                line.push_str(&text);
                line.push_str(" |");
            }
        }
        out.push_str(&line);
        out.push('\n');
        if r == 0 {
            out.push('|');
            for (block, _) in row {
                let align = block.cell.as_ref().map(|c| c.align).unwrap_or_default();
                out.push_str(match align {
                    Align::None => " --- |",
                    Align::Left => " :--- |",
                    Align::Center => " :---: |",
                    Align::Right => " ---: |",
                });
            }
            out.push('\n');
        }
    }
    out
}

/// The table starting at `blocks[0]` as a block of `<doc>.json`:
/// `{"type": "table", "columns": [{"align": …}], "header": [cell…], "rows": [[cell…]…]}`,
/// where a cell is `{"id", "text", "locale"}` (and `"marked"` when published marked); an
/// empty cell has no message: `{"id": null, "text": "", "locale": null}`.
pub fn json(bundle: &LocaleBundle, blocks: &[Block], ids: &[Option<String>]) -> Value {
    let rows = rows(blocks, ids);
    let cell = |id: Option<&str>| -> Value {
        let Some(id) = id else {
            return json!({ "id": null, "text": "", "locale": null });
        };
        let mut v = match bundle.part(id, None) {
            Some(p) => {
                json!({ "id": id, "text": p.text, "locale": bundle.locale_of(p).as_str() })
            }
            None => json!({ "id": id, "text": null, "locale": null }),
        };
        if let Some(flag) = bundle.flag(id) {
            v["marked"] = json!(flag.as_str());
        }
        v
    };
    let columns: Vec<Value> = rows
        .first()
        .map(|header| {
            header
                .iter()
                .map(|(b, _)| {
                    let align = b.cell.as_ref().map(|c| c.align).unwrap_or_default();
                    json!({ "align": align.as_str() })
                })
                .collect()
        })
        .unwrap_or_default();
    let header: Vec<Value> = rows
        .first()
        .map(|r| r.iter().map(|(_, id)| cell(*id)).collect())
        .unwrap_or_default();
    let body: Vec<Value> = rows
        .iter()
        .skip(1)
        .map(|r| Value::Array(r.iter().map(|(_, id)| cell(*id)).collect()))
        .collect();
    json!({ "type": "table", "columns": columns, "header": header, "rows": body })
}
