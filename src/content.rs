//! Markdown handout → [`Document`]: the translatable blocks of one `content/<doc>.md`, in
//! order, each with its inline Markdown kept as text (emphasis, links and code stay in the
//! message, so translators can move them). Structure (heading levels, list numbering,
//! quotes) is recorded beside the text so `build` can put a translated handout back
//! together. Parsing is CommonMark, by pulldown-cmark; this module only walks its events.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// One handout, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The document name: the file stem (`dry-needling`).
    pub name: String,
    pub blocks: Vec<Block>,
}

/// What kind of block a piece of text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The first `#` heading of the document.
    Title,
    Heading(u8),
    Paragraph,
    /// A list item; `body` is set when it is shaped `**Title**: body`.
    Item,
    Quote,
    /// One cell of a GitHub-flavoured Markdown table (header or body); `cell` says where.
    /// An empty cell is structure, not text: it has no message.
    Cell,
    /// Not translated: code blocks, raw HTML blocks, thematic breaks. Kept as source.
    Verbatim,
}

/// How a table column is aligned (the delimiter row's colons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    None,
    Left,
    Center,
    Right,
}

impl Align {
    /// The name used in `<doc>.json` (`null` for none).
    pub fn as_str(self) -> Option<&'static str> {
        match self {
            Align::None => None,
            Align::Left => Some("left"),
            Align::Center => Some("center"),
            Align::Right => Some("right"),
        }
    }
}

/// Where a table cell sits. The cells of one table are consecutive blocks, row by row
/// (row 0 is the header), every row with `cols` cells, so a renderer reads a whole table
/// off the block of its first cell.
#[derive(Debug, Clone, PartialEq)]
pub struct CellPos {
    /// Which table of the document (0 for the first).
    pub table: usize,
    pub row: usize,
    pub col: usize,
    /// Rows of the table, the header included.
    pub rows: usize,
    pub cols: usize,
    /// The alignment of this cell's column.
    pub align: Align,
}

/// How the label of a titled list item is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LabelStyle {
    /// `**Title**: body`
    #[default]
    Strong,
    /// `**Title:** body`
    StrongColonInside,
    /// `Title: body`
    Plain,
}

/// Where a list item sits in its list.
#[derive(Debug, Clone, PartialEq)]
pub struct ListPos {
    /// `Some(n)` for an ordered item numbered `n`.
    pub number: Option<u64>,
    /// Nesting depth, 0 for a top-level list.
    pub depth: usize,
    /// Whether this item starts a new list (so renderers open one).
    pub first: bool,
}

/// One block of a handout.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// The block's inline Markdown (for a titled item: the title).
    pub text: String,
    /// For a titled list item: the text after the colon.
    pub body: Option<String>,
    /// How a titled item's label was written, so the Markdown comes back the same.
    pub label: LabelStyle,
    /// The text of the nearest heading above the block.
    pub section: Option<String>,
    pub list: Option<ListPos>,
    /// How many block quotes this block sits in.
    pub quote_depth: usize,
    /// For a table cell: its place in the table.
    pub cell: Option<CellPos>,
    /// Byte offset of the block in the Markdown source, for error messages.
    pub offset: usize,
}

impl Block {
    pub fn is_translatable(&self) -> bool {
        match self.kind {
            BlockKind::Verbatim => false,
            BlockKind::Cell => !self.text.is_empty(),
            _ => true,
        }
    }
}

enum Frame {
    Quote {
        paras: Vec<String>,
        offset: usize,
    },
    List {
        next: Option<u64>,
        first: bool,
    },
    Item {
        paras: Vec<String>,
        offset: usize,
        list: ListPos,
    },
    Heading {
        level: u8,
        offset: usize,
    },
    Paragraph,
    /// A code or HTML block: its text events are not translatable text.
    Verbatim,
    Table {
        aligns: Vec<Align>,
        /// Index of its first cell in `blocks`.
        start: usize,
        index: usize,
        row: usize,
        col: usize,
    },
    Cell {
        offset: usize,
    },
    Other,
}

/// Parses one handout. Never fails: any text is valid CommonMark.
pub fn parse(name: &str, source: &str) -> Document {
    // YAML front matter is metadata, not text: blanked out, offsets kept.
    let masked = crate::front_matter::mask(source);
    let source: &str = &masked;
    let mut blocks: Vec<Block> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut inline: Option<Range<usize>> = None;
    let mut section: Option<String> = None;
    let mut inline_depth = 0usize;

    // How many quotes and lists are open, kept as the stack changes (counting them on the
    // stack at every event made deep nesting quadratic).
    let mut quotes = 0usize;
    let mut lists = 0usize;
    // Whether a title or any translatable block exists yet (a `#` heading is the title only
    // before them; scanning the blocks per heading was quadratic in headings).
    let mut has_title = false;
    let mut has_translatable = false;
    let mut seen = 0usize;

    // Moves the pending inline run into the innermost frame that collects text.
    fn flush(
        inline: &mut Option<Range<usize>>,
        stack: &mut [Frame],
        source: &str,
        depth: usize,
    ) -> Option<String> {
        let range = inline.take()?;
        let text = clean_inline(&source[range], depth);
        if text.is_empty() {
            return None;
        }
        for frame in stack.iter_mut().rev() {
            match frame {
                Frame::Item { paras, .. } | Frame::Quote { paras, .. } => {
                    paras.push(text);
                    return None;
                }
                Frame::Heading { .. } | Frame::Cell { .. } => return Some(text),
                _ => {}
            }
        }
        Some(text)
    }

    let mut tables = 0usize;
    // GitHub-flavoured tables: each cell is a block of its own (see `BlockKind::Cell`).
    for (event, range) in Parser::new_ext(source, Options::ENABLE_TABLES).into_offset_iter() {
        let depth = quotes;
        match event {
            Event::Start(tag) if inline_depth > 0 || is_inline(&tag) => {
                inline_depth += 1;
                extend(&mut inline, range);
            }
            Event::End(tag) if inline_depth > 0 && is_inline_end(&tag) => {
                inline_depth -= 1;
            }
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::TaskListMarker(_) => {
                if inline_depth == 0 && !matches!(stack.last(), Some(Frame::Verbatim)) {
                    extend(&mut inline, range);
                }
            }
            Event::Start(tag) => {
                // A block starts: text collected so far belongs to the enclosing block.
                if let Some(text) = flush(&mut inline, &mut stack, source, depth) {
                    blocks.push(plain_block(
                        BlockKind::Paragraph,
                        text,
                        &section,
                        depth,
                        range.start,
                    ));
                }
                let frame = match tag {
                    Tag::BlockQuote(_) => Frame::Quote {
                        paras: Vec::new(),
                        offset: range.start,
                    },
                    Tag::List(start) => Frame::List {
                        next: start,
                        first: true,
                    },
                    Tag::Item => {
                        let list_depth = lists.saturating_sub(1);
                        let (number, first) = match stack.last_mut() {
                            Some(Frame::List { next, first }) => {
                                let n = *next;
                                if let Some(v) = next.as_mut() {
                                    *v += 1;
                                }
                                let was_first = *first;
                                *first = false;
                                (n, was_first)
                            }
                            _ => (None, true),
                        };
                        Frame::Item {
                            paras: Vec::new(),
                            offset: range.start,
                            list: ListPos {
                                number,
                                depth: list_depth,
                                first,
                            },
                        }
                    }
                    Tag::Heading { level, .. } => Frame::Heading {
                        level: heading_level(level),
                        offset: range.start,
                    },
                    Tag::Paragraph => Frame::Paragraph,
                    Tag::Table(aligns) => {
                        tables += 1;
                        Frame::Table {
                            aligns: aligns.iter().map(|a| align(*a)).collect(),
                            start: blocks.len(),
                            index: tables - 1,
                            row: 0,
                            col: 0,
                        }
                    }
                    Tag::TableCell => Frame::Cell {
                        offset: range.start,
                    },
                    Tag::CodeBlock(_) | Tag::HtmlBlock => {
                        blocks.push(Block {
                            kind: BlockKind::Verbatim,
                            text: source[range.clone()].trim_end().to_string(),
                            body: None,
                            label: LabelStyle::Strong,
                            section: section.clone(),
                            list: None,
                            quote_depth: depth,
                            cell: None,
                            offset: range.start,
                        });
                        Frame::Verbatim
                    }
                    _ => Frame::Other,
                };
                // An item's own text comes before its nested lists: emit the item block
                // as soon as a nested list starts, so document order is kept.
                if matches!(frame, Frame::List { .. } | Frame::Table { .. }) {
                    if let Some(Frame::Item { .. }) = stack.last() {
                        emit_item(&mut stack, &mut blocks, &section, depth, false);
                    }
                }
                match frame {
                    Frame::Quote { .. } => quotes += 1,
                    Frame::List { .. } => lists += 1,
                    _ => {}
                }
                stack.push(frame);
            }
            Event::End(end) => {
                let text = flush(&mut inline, &mut stack, source, depth);
                let popped = stack.pop();
                match popped {
                    Some(Frame::Quote { .. }) => quotes -= 1,
                    Some(Frame::List { .. }) => lists -= 1,
                    _ => {}
                }
                match popped {
                    Some(Frame::Heading { level, offset }) => {
                        let text = text.unwrap_or_default();
                        if text.is_empty() {
                            // An empty heading (`##`) has nothing to translate: keep it
                            // as structure, like a thematic break.
                            blocks.push(Block {
                                kind: BlockKind::Verbatim,
                                text: "#".repeat(level as usize),
                                body: None,
                                label: LabelStyle::Strong,
                                section: section.clone(),
                                list: None,
                                quote_depth: depth,
                                cell: None,
                                offset,
                            });
                            continue;
                        }
                        // Only the blocks added since the last heading are looked at.
                        has_translatable |= blocks[seen..].iter().any(|b| b.is_translatable());
                        seen = blocks.len();
                        let kind = if level == 1 && !has_title && !has_translatable {
                            has_title = true;
                            BlockKind::Title
                        } else {
                            BlockKind::Heading(level)
                        };
                        if kind != BlockKind::Title {
                            section = Some(text.clone());
                        }
                        blocks.push(Block {
                            kind,
                            text,
                            body: None,
                            label: LabelStyle::Strong,
                            section: section.clone(),
                            list: None,
                            quote_depth: depth,
                            cell: None,
                            offset,
                        });
                    }
                    Some(frame @ Frame::Item { .. }) => {
                        stack.push(frame);
                        emit_item(&mut stack, &mut blocks, &section, depth, true);
                    }
                    Some(Frame::Quote { paras, offset }) => {
                        if !paras.is_empty() {
                            blocks.push(plain_block(
                                BlockKind::Quote,
                                paras.join("\n\n"),
                                &section,
                                depth.saturating_sub(1),
                                offset,
                            ));
                        }
                    }
                    Some(Frame::Cell { offset }) => {
                        let Some(Frame::Table {
                            aligns,
                            index,
                            row,
                            col,
                            ..
                        }) = stack
                            .iter_mut()
                            .rev()
                            .find(|f| matches!(f, Frame::Table { .. }))
                        else {
                            continue;
                        };
                        blocks.push(Block {
                            kind: BlockKind::Cell,
                            // GitHub reads `\|` as a literal `|` before the cell's inline
                            // Markdown, code spans included; the text alone means the same
                            // with a plain `|` (the Markdown output escapes it again).
                            text: text.unwrap_or_default().replace("\\|", "|"),
                            body: None,
                            label: LabelStyle::Strong,
                            section: section.clone(),
                            list: None,
                            quote_depth: depth,
                            cell: Some(CellPos {
                                table: *index,
                                row: *row,
                                col: *col,
                                rows: 0,
                                cols: aligns.len(),
                                align: aligns.get(*col).copied().unwrap_or_default(),
                            }),
                            offset,
                        });
                        *col += 1;
                    }
                    Some(Frame::Table { start, .. }) => {
                        // Now the number of rows is known.
                        let rows = blocks[start..]
                            .iter()
                            .filter_map(|b| b.cell.as_ref())
                            .map(|c| c.row + 1)
                            .max()
                            .unwrap_or(0);
                        for b in &mut blocks[start..] {
                            if let Some(c) = b.cell.as_mut() {
                                c.rows = rows;
                            }
                        }
                    }
                    Some(Frame::Paragraph)
                    | Some(Frame::Other)
                    | Some(Frame::Verbatim)
                    | Some(Frame::List { .. })
                    | None => {
                        if let Some(text) = text {
                            blocks.push(plain_block(
                                BlockKind::Paragraph,
                                text,
                                &section,
                                depth,
                                range.start,
                            ));
                        }
                    }
                }
                if matches!(end, TagEnd::TableHead | TagEnd::TableRow) {
                    if let Some(Frame::Table { row, col, .. }) = stack.last_mut() {
                        *row += 1;
                        *col = 0;
                    }
                }
            }
            Event::Rule => {
                let _ = flush(&mut inline, &mut stack, source, depth);
                blocks.push(Block {
                    kind: BlockKind::Verbatim,
                    text: "---".into(),
                    body: None,
                    label: LabelStyle::Strong,
                    section: section.clone(),
                    list: None,
                    quote_depth: depth,
                    cell: None,
                    offset: range.start,
                });
            }
            Event::Html(_) => {}
        }
    }
    Document {
        name: name.to_string(),
        blocks,
    }
}

/// Turns the item on top of the stack into a block. When `pop` is false the item stays
/// open (a nested list follows) but its text has been used.
fn emit_item(
    stack: &mut Vec<Frame>,
    blocks: &mut Vec<Block>,
    section: &Option<String>,
    depth: usize,
    pop: bool,
) {
    let frame = if pop {
        stack.pop()
    } else {
        stack.last_mut().map(|f| std::mem::replace(f, Frame::Other))
    };
    let Some(Frame::Item {
        paras,
        offset,
        list,
    }) = frame
    else {
        return;
    };
    if !pop {
        // Keep a placeholder item frame (already emitted) so nesting depth stays right.
        if let Some(top) = stack.last_mut() {
            *top = Frame::Item {
                paras: Vec::new(),
                offset,
                list: ListPos {
                    number: None,
                    depth: list.depth,
                    first: false,
                },
            };
        }
    }
    if paras.is_empty() {
        return;
    }
    let joined = paras.join("\n\n");
    let (text, body, label) = match split_titled(&joined) {
        Some((title, body, label)) => (title, Some(body), label),
        None => (joined, None, LabelStyle::Strong),
    };
    blocks.push(Block {
        kind: BlockKind::Item,
        text,
        body,
        label,
        section: section.clone(),
        list: Some(list),
        quote_depth: depth,
        cell: None,
        offset,
    });
}

fn plain_block(
    kind: BlockKind,
    text: String,
    section: &Option<String>,
    depth: usize,
    offset: usize,
) -> Block {
    Block {
        kind,
        text,
        body: None,
        label: LabelStyle::Strong,
        section: section.clone(),
        list: None,
        quote_depth: depth,
        cell: None,
        offset,
    }
}

fn extend(inline: &mut Option<Range<usize>>, range: Range<usize>) {
    *inline = Some(match inline.take() {
        Some(r) => r.start.min(range.start)..r.end.max(range.end),
        None => range,
    });
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

fn align(a: pulldown_cmark::Alignment) -> Align {
    match a {
        pulldown_cmark::Alignment::None => Align::None,
        pulldown_cmark::Alignment::Left => Align::Left,
        pulldown_cmark::Alignment::Center => Align::Center,
        pulldown_cmark::Alignment::Right => Align::Right,
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The source of an inline run without the container markup of continuation lines
/// (indentation, `>` of block quotes), trailing spaces, and with a two-space hard break
/// written as the equivalent backslash break so it survives in a Fluent value.
fn clean_inline(raw: &str, quote_depth: usize) -> String {
    let lines: Vec<&str> = raw.split('\n').collect();
    let last = lines.len() - 1;
    let mut out = String::with_capacity(raw.len());
    for (i, line) in lines.iter().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut l: &str = if i == 0 { line } else { line.trim_start() };
        if i > 0 {
            for _ in 0..quote_depth {
                match l.strip_prefix('>') {
                    Some(rest) => l = rest.trim_start(),
                    None => break,
                }
            }
        }
        let trimmed = l.trim_end();
        out.push_str(trimmed);
        if i < last {
            // A hard break (two trailing spaces, or a backslash) stays a line break; a
            // soft break is a space in Markdown, so the paragraph becomes one line and
            // needs no escape where a wrapped line started with `*`, `[` or `.`.
            if l.len() - trimmed.len() >= 2 && l.ends_with("  ") {
                out.push_str("\\\n");
            } else if trimmed.ends_with('\\') {
                out.push('\n');
            } else {
                out.push(' ');
            }
        }
    }
    out.trim().to_string()
}

/// Splits a list item shaped `**Title**: body`, `**Title:** body` or `Title: body`.
pub fn split_titled(text: &str) -> Option<(String, String, LabelStyle)> {
    for (open, close) in [("**", "**"), ("__", "__")] {
        if let Some(rest) = text.strip_prefix(open) {
            let end = rest.find(close)?;
            let inner = &rest[..end];
            let after = &rest[end + close.len()..];
            let (title, body, style) = if let Some(t) =
                inner.strip_suffix(':').or_else(|| inner.strip_suffix('：'))
            {
                (t, after, LabelStyle::StrongColonInside)
            } else if let Some(b) = after.strip_prefix(':').or_else(|| after.strip_prefix('：')) {
                (inner, b, LabelStyle::Strong)
            } else {
                return None;
            };
            let (title, body) = (title.trim(), body.trim());
            if title.is_empty() || body.is_empty() || title.contains('\n') {
                return None;
            }
            return Some((title.to_string(), body.to_string(), style));
        }
    }
    // Plain `Title: body`: a short label without Markdown or URLs before the colon.
    let (colon, width) = text
        .char_indices()
        .find(|&(_, c)| c == ':' || c == '：')
        .map(|(i, c)| (i, c.len_utf8()))?;
    let title = text[..colon].trim();
    let body = text[colon + width..].trim();
    let words = title.split_whitespace().count();
    let plain = !title.contains(|c: char| "*_[]()<>`#\n{}".contains(c));
    let starts_like_label = title
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()));
    if plain
        && starts_like_label
        && (1..=8).contains(&words)
        && title.chars().count() <= 60
        && !body.is_empty()
        && !body.starts_with("//")
        && text[colon + width..].starts_with(char::is_whitespace)
    {
        return Some((title.to_string(), body.to_string(), LabelStyle::Plain));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(doc: &Document) -> Vec<(BlockKind, &str, Option<&str>)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str(), b.body.as_deref()))
            .collect()
    }

    #[test]
    fn title_headings_paragraphs_and_titled_items() {
        let doc = parse(
            "d",
            "# Title\n\n## Intro\n\nSome *text* with [a link](https://x.org).\n\n1. **Pain Relief**: It helps.\n2. **Range:** Moves more.\n",
        );
        assert_eq!(
            kinds(&doc),
            vec![
                (BlockKind::Title, "Title", None),
                (BlockKind::Heading(2), "Intro", None),
                (
                    BlockKind::Paragraph,
                    "Some *text* with [a link](https://x.org).",
                    None
                ),
                (BlockKind::Item, "Pain Relief", Some("It helps.")),
                (BlockKind::Item, "Range", Some("Moves more.")),
            ]
        );
        assert_eq!(doc.blocks[3].list.as_ref().unwrap().number, Some(1));
        assert_eq!(doc.blocks[4].list.as_ref().unwrap().number, Some(2));
        assert_eq!(doc.blocks[3].section.as_deref(), Some("Intro"));
    }

    #[test]
    fn quotes_nested_lists_and_code() {
        let doc = parse(
            "d",
            "> Quoted line one\n> continues here.\n>\n> Second para.\n\n- outer\n  - inner\n- Note: plain label\n\n```\ncode {x}\n```\n",
        );
        assert_eq!(
            kinds(&doc),
            vec![
                (
                    BlockKind::Quote,
                    "Quoted line one continues here.\n\nSecond para.",
                    None
                ),
                (BlockKind::Item, "outer", None),
                (BlockKind::Item, "inner", None),
                (BlockKind::Item, "Note", Some("plain label")),
                (BlockKind::Verbatim, "```\ncode {x}\n```", None),
            ]
        );
        assert_eq!(doc.blocks[2].list.as_ref().unwrap().depth, 1);
    }

    #[test]
    fn labels_need_a_short_plain_title() {
        assert_eq!(split_titled("see https://example.org for more"), None);
        assert_eq!(split_titled("lowercase: not a label"), None);
        assert_eq!(
            split_titled("**Dolor**: alivio"),
            Some(("Dolor".into(), "alivio".into(), LabelStyle::Strong))
        );
        assert_eq!(split_titled("[link](x): y"), None);
    }

    /// Regression (fuzz/regressions/extract/empty-heading.md): an empty heading gave a
    /// message without a value, which is not valid Fluent.
    #[test]
    fn empty_headings_are_structure() {
        let doc = parse("d", "# T\n\n##\n\nText.\n\n#\n");
        assert_eq!(kinds(&doc)[1], (BlockKind::Verbatim, "##", None));
        assert!(doc
            .blocks
            .iter()
            .filter(|b| b.is_translatable())
            .all(|b| !b.text.is_empty()));
    }

    #[test]
    fn table_cells_are_blocks_in_row_order() {
        let doc = parse(
            "d",
            "## Care\n\n| When | What `a\\|b` |\n| :-- | --: |\n| Day 1 | Rest |\n| Day 2 |\n\nAfter.\n",
        );
        let cells: Vec<(&str, usize, usize, Align)> = doc
            .blocks
            .iter()
            .filter_map(|b| {
                b.cell
                    .as_ref()
                    .map(|c| (b.text.as_str(), c.row, c.col, c.align))
            })
            .collect();
        assert_eq!(
            cells,
            vec![
                ("When", 0, 0, Align::Left),
                ("What `a|b`", 0, 1, Align::Right),
                ("Day 1", 1, 0, Align::Left),
                ("Rest", 1, 1, Align::Right),
                ("Day 2", 2, 0, Align::Left),
                ("", 2, 1, Align::Right),
            ]
        );
        assert!(doc
            .blocks
            .iter()
            .filter_map(|b| b.cell.as_ref())
            .all(|c| c.rows == 3 && c.cols == 2));
        assert!(
            !doc.blocks[6].is_translatable(),
            "an empty cell has no message"
        );
        assert_eq!(doc.blocks[7].text, "After.");
        assert_eq!(doc.blocks[7].kind, BlockKind::Paragraph);
    }

    #[test]
    fn hard_breaks_survive() {
        let doc = parse("d", "Line one  \nline two\n");
        assert_eq!(doc.blocks[0].text, "Line one\\\nline two");
    }
}
