//! Translated text as Markdown that can neither change a handout's structure nor run
//! script, wherever it is placed: `build` renders through it (the HTML renderer first
//! [`neutralize`]s the text, the Markdown renderer writes [`to_markdown`]), and `check`'s
//! `structure` warning reports what it neutralized ([`structures`]).
//!
//! A translation is inline Markdown: emphasis, code spans and links are the translator's
//! to move. What it must not do is open a block — a `#` heading inside a title, a fence
//! that swallows the rest of the page, a `<div>` HTML block, an indented code block, a
//! list, a quote, a table row, a link definition — or reach a renderer that allows raw
//! HTML with markup or a `javascript:` link. So a line start that would open a block is
//! backslash-escaped and the line's indentation dropped (the text stays inline, line
//! breaks and all), and the Markdown output is not the translator's bytes but the events
//! pulldown-cmark reads from them, written back with every literal character that could
//! mean something escaped: raw HTML and unmatched delimiters become text, links keep
//! only safe targets (the same policy as the HTML output), images become their alt text.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// Block structure a line of translated text would open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Structure {
    Heading,
    Quote,
    List,
    Rule,
    Fence,
    Html,
    Table,
    Definition,
    IndentedCode,
}

impl Structure {
    pub fn describe(self) -> &'static str {
        match self {
            Structure::Heading => "a heading (`#`)",
            Structure::Quote => "a block quote (`>`)",
            Structure::List => "a list item (`-`, `+`, `*`, `1.`)",
            Structure::Rule => "a horizontal rule or heading underline (`---`, `***`, `===`)",
            Structure::Fence => "a code block (three backticks or tildes)",
            Structure::Html => "a raw HTML block",
            Structure::Table => "a table row (`|`)",
            Structure::Definition => "a link definition (`[x]: …`)",
            Structure::IndentedCode => "an indented code block",
        }
    }
}

/// What `line` (no line ending) would open at the start of a line, and the byte offset
/// in `line` of the character a backslash in front of neutralizes (`None` for indented
/// code, which dropping the indentation neutralizes). `after_blank`: the line is the
/// first or follows a blank one (only there does indentation make code).
fn classify(line: &str, after_blank: bool) -> Option<(Option<usize>, Structure)> {
    let rest = line.trim_start_matches([' ', '\t']);
    let indent = line.len() - rest.len();
    let bytes = rest.as_bytes();
    let first = *bytes.first()?;
    let next_blank = bytes.get(1).is_none_or(|b| matches!(b, b' ' | b'\t'));
    let only = |c: u8| {
        rest.trim_end()
            .bytes()
            .all(|b| b == c || b == b' ' || b == b'\t')
    };
    let count = |c: u8| rest.bytes().filter(|&b| b == c).count();
    let found = match first {
        b'#' => Some((0, Structure::Heading)),
        b'>' => Some((0, Structure::Quote)),
        b'|' => Some((0, Structure::Table)),
        b'-' | b'+' | b'*'
            if next_blank && !(first != b'+' && only(first) && count(first) >= 3) =>
        {
            Some((0, Structure::List))
        }
        b'-' | b'=' if only(first) => Some((0, Structure::Rule)),
        b'*' | b'_' if only(first) && count(first) >= 3 => Some((0, Structure::Rule)),
        b'`' | b'~' if rest.starts_with(if first == b'`' { "```" } else { "~~~" }) => {
            Some((0, Structure::Fence))
        }
        b'<' if matches!(Parser::new(rest).next(), Some(Event::Start(Tag::HtmlBlock))) => {
            Some((0, Structure::Html))
        }
        b'[' if rest
            .find(']')
            .is_some_and(|close| rest[close + 1..].starts_with(':')) =>
        {
            Some((0, Structure::Definition))
        }
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            let after = bytes
                .get(digits + 1)
                .is_none_or(|b| matches!(b, b' ' | b'\t'));
            (digits <= 9 && matches!(bytes.get(digits), Some(b'.' | b')')) && after)
                .then_some((digits, Structure::List))
        }
        _ => None,
    };
    if let Some((at, structure)) = found {
        return Some((Some(indent + at), structure));
    }
    let columns: usize = line[..indent]
        .bytes()
        .map(|b| if b == b'\t' { 4 } else { 1 })
        .sum();
    (after_blank && columns >= 4).then_some((None, Structure::IndentedCode))
}

/// Every block structure `text` would open, in order of first appearance, each once.
pub fn structures(text: &str) -> Vec<Structure> {
    let mut out = Vec::new();
    let mut after_blank = true;
    let text = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    for line in text.split(['\n', '\r']) {
        if let Some((_, s)) = classify(line, after_blank) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        after_blank = line.trim().is_empty();
    }
    out
}

/// `text` with every line's indentation dropped and every line start that would open a
/// block backslash-escaped, so pulldown-cmark reads only paragraphs of inline Markdown.
pub fn neutralize(text: &str) -> std::borrow::Cow<'_, str> {
    // CommonMark ends a line at CR, LF or CRLF: judge lines as pulldown-cmark will see them
    // (a fence after a lone CR was a fence; found by the `markdown` fuzzer).
    if text.contains('\r') {
        let lf = text.replace("\r\n", "\n").replace('\r', "\n");
        return std::borrow::Cow::Owned(neutralize(&lf).into_owned());
    }
    let needs = text
        .split('\n')
        .enumerate()
        .any(|(i, l)| l.starts_with([' ', '\t']) || classify(l, i == 0).is_some());
    if !needs {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start_matches([' ', '\t']);
        match classify(trimmed, false) {
            Some((Some(at), _)) => {
                out.push_str(&trimmed[..at]);
                out.push('\\');
                out.push_str(&trimmed[at..]);
            }
            _ => out.push_str(trimmed),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Where a translation is placed in the Markdown output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A heading line: everything on one line, a trailing `#` and any `}` escaped.
    Heading,
    /// One line (a titled item's title or body).
    Line,
    /// A paragraph, quote or item: line breaks and paragraphs kept (the caller prefixes
    /// each line with the block's `> ` or indentation).
    Blocks,
    /// A table cell: one line, like [`Mode::Line`], and no `|` that could end the cell —
    /// not even in a code span or a link, where GitHub's table syntax still splits on it.
    Cell,
}

/// A translation's inline Markdown written back safely for `mode` (see the module doc).
pub fn to_markdown(text: &str, mode: Mode) -> String {
    let text = neutralize(text);
    let mut w = Writer {
        out: String::with_capacity(text.len() + 8),
        pending: String::new(),
        line_start: true,
        mode,
    };
    // Open links: their destination and title, written at the link's end.
    let mut links: Vec<Option<(String, String)>> = Vec::new();
    let mut image = 0usize;
    let mut autolink = 0usize;
    let mut paragraphs = 0usize;
    for event in Parser::new_ext(&text, Options::empty()) {
        match event {
            Event::Text(t) | Event::Code(t) if image > 0 => w.text(&t),
            _ if autolink > 0 => {
                if matches!(event, Event::End(TagEnd::Link)) {
                    autolink -= 1;
                }
            }
            Event::Start(Tag::Image { .. }) => image += 1,
            Event::End(TagEnd::Image) => image = image.saturating_sub(1),
            _ if image > 0 => {}
            Event::Text(t) => w.text(&t),
            Event::Code(t) => w.code(&t),
            Event::Html(t) | Event::InlineHtml(t) => {
                for (i, line) in t.trim_end_matches('\n').split('\n').enumerate() {
                    if i > 0 {
                        w.soft_break();
                    }
                    w.text(line);
                }
            }
            Event::SoftBreak => w.soft_break(),
            Event::HardBreak => {
                if mode == Mode::Blocks {
                    w.raw("\\");
                }
                w.soft_break();
            }
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => w.raw("*"),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => w.raw("**"),
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                dest_url,
                ..
            }) => {
                let url = dest_url.to_string();
                let cell_safe = mode != Mode::Cell || !url.contains('|');
                if crate::bundle::html::safe_url(&url) == url
                    && !url.contains(['<', '>'])
                    && cell_safe
                {
                    w.raw(&format!("<{url}>"));
                } else {
                    w.text(&url);
                }
                autolink += 1;
            }
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                w.open_link();
                links.push(Some((dest_url.to_string(), title.to_string())));
            }
            Event::End(TagEnd::Link) => {
                if let Some(Some((dest, title))) = links.pop() {
                    w.raw("](");
                    let dest = destination(&dest);
                    w.raw(&if mode == Mode::Cell {
                        dest.replace('|', "%7C")
                    } else {
                        dest
                    });
                    if !title.is_empty() {
                        w.raw(" \"");
                        let title: String = title
                            .chars()
                            .map(|c| if c.is_control() { ' ' } else { c })
                            .collect();
                        let title = title
                            .replace('\\', "\\\\")
                            .replace('"', "\\\"")
                            .replace('`', "\\`");
                        w.raw(&if mode == Mode::Cell {
                            title.replace('|', "\\|")
                        } else {
                            title
                        });
                        w.raw("\"");
                    }
                    w.raw(")");
                }
            }
            // Neutralized text has only paragraphs; any other block is separated the same.
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::List(_)
                | Tag::Item,
            )
            | Event::Rule => {
                if paragraphs > 0 && !(w.out.is_empty() && w.pending.is_empty()) {
                    w.paragraph_break();
                }
                paragraphs += 1;
            }
            _ => {}
        }
    }
    let mut out = w.finish().trim_end().to_string();
    if mode == Mode::Heading && out.ends_with('#') && !out.ends_with("\\#") {
        out.insert(out.len() - 1, '\\');
    }
    if mode == Mode::Heading {
        unescape_plain_heading_attributes(&mut out);
    }
    // Defence in depth: the writer has been wrong before (each case found by the fuzzer
    // is a regression test), so what it wrote is read back as a permissive renderer reads
    // it; anything but inline text falls back to text with every ASCII punctuation mark
    // escaped, which CommonMark reads as literal characters (formatting is lost, never
    // safety).
    if reads_as_inline(&out, mode) {
        out
    } else {
        all_escaped(&text, mode)
    }
}

/// Whether `md`, written for `mode`, is inline text to pulldown-cmark with every
/// extension and raw HTML on: no block, raw HTML, image or link to a `javascript:`,
/// `data:` or `vbscript:` address; written after `## `, one heading without attributes.
pub fn reads_as_inline(md: &str, mode: Mode) -> bool {
    fn inline_only(md: &str, heading: bool) -> bool {
        use pulldown_cmark::{Event, Options, Parser, Tag};
        let mut headings = 0;
        for event in Parser::new_ext(md, Options::all()) {
            match event {
                Event::Start(Tag::Link { dest_url, .. }) if unsafe_scheme(&dest_url) => {
                    return false
                }
                Event::Start(
                    Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Paragraph
                    | Tag::Link { .. },
                ) => {}
                Event::Start(Tag::Heading { attrs, .. }) if heading && attrs.is_empty() => {
                    headings += 1
                }
                Event::Start(_) | Event::Rule | Event::Html(_) | Event::InlineHtml(_) => {
                    return false
                }
                _ => {}
            }
        }
        !heading || headings == 1
    }
    inline_only(md, false) && (mode != Mode::Heading || inline_only(&format!("## {md}"), true))
}

/// Whether a browser would open `url` with a scheme that runs code or embeds data
/// (`##data:…` is a fragment and `javascriptd','x'` a relative path: neither is).
pub fn unsafe_scheme(url: &str) -> bool {
    let url: String = url
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme = url
        .find(':')
        .filter(|&i| !url[..i].contains(['/', '?', '#']))
        .map(|i| &url[..i]);
    matches!(scheme, Some("javascript" | "data" | "vbscript"))
}

/// `text` with every ASCII punctuation mark backslash-escaped (each is then a literal
/// character in CommonMark), line breaks kept only in [`Mode::Blocks`] and no line
/// starting with spaces.
fn all_escaped(text: &str, mode: Mode) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for (i, line) in text.split(['\n', '\r']).enumerate() {
        if i > 0 {
            match mode {
                Mode::Blocks => out.push('\n'),
                // One space for a run of line breaks, none at the start: a run of CRs
                // became leading spaces that indented the line into code (found by the
                // markdown fuzzer).
                _ if !out.is_empty() && !out.ends_with(' ') => out.push(' '),
                _ => {}
            }
        }
        // Control characters go first: as spaces they could indent a line into code.
        let line: String = line.chars().filter(|c| !c.is_control()).collect();
        for c in line.trim_start().chars() {
            if c.is_ascii_punctuation() {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.trim_end().to_string()
}

/// Every `}` of a heading is escaped (so the text can set no attribute), except the one
/// closing a trailing block of only `#id` and `.class` (`## When to Call Us {#call}`):
/// ids and classes run nothing, and the author's anchors survive the round trip.
fn unescape_plain_heading_attributes(out: &mut String) {
    let Some(body) = out.strip_suffix("\\}") else {
        return;
    };
    let Some(open) = body.rfind('{') else { return };
    let plain = body[open + 1..].split_whitespace().all(|token| {
        let name = token.strip_prefix(['#', '.']).unwrap_or("");
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    });
    if plain && !body[open + 1..].trim().is_empty() {
        let len = out.len();
        out.replace_range(len - 2..len, "}");
    }
}

/// A link destination as Markdown: the safe target (see [`crate::bundle::html::safe_url`],
/// which also drops whitespace and control characters) with the characters that could
/// end or re-open it escaped.
fn destination(url: &str) -> String {
    let safe = crate::bundle::html::safe_url(url);
    let mut out = String::with_capacity(safe.len());
    for c in safe.chars() {
        // A backtick is percent-encoded: code spans bind tighter than links, so a `` ` ``
        // in a destination could open a span that swallows the link's end and lets later
        // text form a link of its own (found by the `markdown` fuzzer: a `data:` link).
        if c == '`' {
            out.push_str("%60");
            continue;
        }
        if matches!(c, '\\' | '(' | ')' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    if out.is_empty() {
        out.push_str("<>");
    }
    out
}

/// Writes the Markdown. Literal text is gathered first (pulldown-cmark splits it at
/// escapes and entities) so a line start is judged on the whole text that follows it.
struct Writer {
    out: String,
    /// Literal text not yet written.
    pending: String,
    line_start: bool,
    mode: Mode,
}

impl Writer {
    fn text(&mut self, t: &str) {
        self.pending.push_str(t);
    }

    fn raw(&mut self, s: &str) {
        self.flush();
        self.out.push_str(s);
        self.line_start = false;
    }

    /// A real link's `[`: a literal `!` just before it would make the link an image
    /// (an outside attack loaded one from a translation's `\![x](https://…)`).
    fn open_link(&mut self) {
        self.flush();
        if self.out.ends_with('!') && !self.out.ends_with("\\!") {
            self.out.pop();
            self.out.push_str("\\!");
        }
        self.out.push('[');
        self.line_start = false;
    }

    fn finish(mut self) -> String {
        self.flush();
        self.out
    }

    fn soft_break(&mut self) {
        self.flush();
        if self.mode == Mode::Blocks {
            self.out.push('\n');
            self.line_start = true;
        } else if !self.out.ends_with(' ') {
            self.out.push(' ');
        }
    }

    fn paragraph_break(&mut self) {
        self.flush();
        if self.mode == Mode::Blocks {
            self.out.push_str("\n\n");
            self.line_start = true;
        } else if !self.out.ends_with(' ') {
            self.out.push(' ');
        }
    }

    /// Literal text: every character that could start inline Markdown is escaped, and at
    /// a line start also those that could start a block.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        let mut t = pending.as_str();
        if self.line_start {
            t = t.trim_start_matches([' ', '\t', '\r', '\n']);
            if t.is_empty() {
                return;
            }
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && matches!(t.as_bytes().get(digits), Some(b'.' | b')')) {
                self.out.push_str(&t[..digits]);
                self.out.push('\\');
                t = &t[digits..];
            } else if t.starts_with(['#', '>', '-', '+', '=', ':', '[']) {
                // A block marker: `:` opens a definition in renderers with definition
                // lists, and a literal `[` could open a link or footnote definition whose
                // `]:` comes lines later (both found by the `markdown` fuzzer). The `[` of
                // a real link is not literal text and is not escaped.
                self.out.push('\\');
            }
            self.line_start = false;
        }
        let mut prev = self.out.chars().next_back();
        let mut chars = t.chars().peekable();
        while let Some(c) = chars.next() {
            let next = chars.peek().copied();
            match c {
                // `$` opens math in renderers with that extension, and math takes
                // precedence over a code span: `$` around a code span's backtick let its
                // `<` out of the span (found by the `markdown` fuzzer).
                '\\' | '`' | '*' | '<' | '|' | '~' | '$' => {
                    self.out.push('\\');
                    self.out.push(c);
                }
                // `_` between letters cannot emphasize (snake_case stays as written).
                '_' if !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric)) =>
                {
                    self.out.push_str("\\_");
                }
                // A heading's trailing `{#id .class key=value}` would set its attributes
                // in renderers with that extension (pulldown-cmark's, for one); an
                // escaped `}` ends no attribute block (an escaped `{` still opens one).
                '}' if self.mode == Mode::Heading => self.out.push_str("\\}"),
                // `[^` opens a footnote (a definition when its `]:` follows): after a real
                // link's `[` at a line start the `[` is not escaped, so the `^` is (found
                // by the `markdown` fuzzer: a link's text starting with `^` in a heading).
                '^' if prev == Some('[') => self.out.push_str("\\^"),
                // `![` opens an image: a literal `!` before a literal `[` stays literal.
                '!' if next == Some('[') => self.out.push_str("\\!"),
                // Without `](` no link can form (and the output has no link definitions
                // for `[text][label]` to use), so brackets stay as written elsewhere.
                ']' if next == Some('(') => self.out.push_str("\\]"),
                '&' if next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#') => {
                    self.out.push_str("\\&");
                }
                // A text event never holds a line break; a stray one must not start a line.
                '\n' | '\r' => self.out.push(' '),
                c => self.out.push(c),
            }
            prev = Some(c);
        }
    }

    fn code(&mut self, t: &str) {
        let longest = t.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest + 1);
        let pad = t.starts_with('`')
            || t.ends_with('`')
            || (t.starts_with(' ') && t.ends_with(' ') && !t.trim().is_empty());
        let pad = if pad { " " } else { "" };
        let mut body = t.replace(['\n', '\r'], " ");
        if self.mode == Mode::Cell {
            // GitHub's tables split cells before reading code spans; `\|` is a literal
            // `|` there, even in code.
            body = body.replace('|', "\\|");
        }
        self.raw(&format!("{fence}{pad}{body}{pad}{fence}"));
    }
}

#[cfg(test)]
mod tests {

    /// The fallback is inline text for any input, in every mode.
    #[test]
    fn the_escaped_fallback_is_always_inline() {
        for text in [
            "# h\n- a\n> q\n```\n<script>x</script>\n[a](javascript:x) ![i](data:x)",
            "1. one\n    indented\n| a | b |\n|---|---|\n[^f]: note\n$$x$$ {#id key=v}",
            "a\\\n  b ~~s~~ <https://x.example> &#x3c;b&#x3e; ``` ` `` ",
            "x\n\u{0}\u{0}\u{0}\u{0}    code?\n\t\u{1}lr",
        ] {
            for mode in [Mode::Heading, Mode::Line, Mode::Blocks, Mode::Cell] {
                let md = all_escaped(text, mode);
                assert!(reads_as_inline(&md, mode), "{mode:?}: {md:?}");
            }
        }
    }

    /// Regression (outside attack): `\![x](url)` in a translation, or `![` around a
    /// literal bracket, came out as `![x](url)`: an image loaded from any address.
    #[test]
    fn an_escaped_bang_before_a_link_stays_escaped() {
        for mode in [Mode::Line, Mode::Heading, Mode::Blocks, Mode::Cell] {
            for text in [
                "2 \\![pastillas](https://evil.example/p.png)",
                "[#![i](](https://evil.example/pixel.png)",
                "Dosis [![x](](https://evil.example/h.png)",
            ] {
                let md = to_markdown(text, mode);
                let images = pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::all())
                    .filter(|e| {
                        matches!(
                            e,
                            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Image { .. })
                        )
                    })
                    .count();
                assert_eq!(images, 0, "{mode:?}: {md:?} from {text:?}");
            }
        }
    }
    use super::*;

    /// The block-level events pulldown-cmark (every extension on, raw HTML allowed) reads
    /// from `md`, and whether any raw HTML or unsafe link came through.
    fn blocks(md: &str) -> Vec<String> {
        let mut out = Vec::new();
        for event in Parser::new_ext(md, Options::all()) {
            match event {
                Event::Start(tag) => {
                    let name = format!("{tag:?}");
                    if !matches!(
                        tag,
                        Tag::Emphasis | Tag::Strong | Tag::Link { .. } | Tag::Paragraph
                    ) {
                        out.push(name);
                    }
                    if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &tag {
                        let lower = dest_url.to_ascii_lowercase();
                        assert!(
                            !["javascript:", "data:", "vbscript:"]
                                .iter()
                                .any(|s| lower.contains(s)),
                            "unsafe link {dest_url} in {md:?}"
                        );
                    }
                }
                Event::Html(h) | Event::InlineHtml(h) => out.push(format!("Html({h})")),
                Event::Rule => out.push("Rule".into()),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn block_starts_are_found_and_neutralized() {
        let text =
            "# h\n> q\n- l\n1. n\n2) m\n---\n===\n***\n```\n~~~\n<div>\n| t |\n[x]: /u\n\n    code";
        assert_eq!(
            structures(text),
            vec![
                Structure::Heading,
                Structure::Quote,
                Structure::List,
                Structure::Rule,
                Structure::Fence,
                Structure::Html,
                Structure::Table,
                Structure::Definition,
                Structure::IndentedCode,
            ]
        );
        for mode in [Mode::Heading, Mode::Line, Mode::Blocks] {
            assert_eq!(
                blocks(&to_markdown(text, mode)),
                Vec::<String>::new(),
                "{mode:?}"
            );
        }
        // Plain text and inline Markdown are left alone.
        assert!(structures("**Bold** start\n*em* and `code`\n-5 °C\n10 benefits").is_empty());
        assert_eq!(neutralize("**Bold** text"), "**Bold** text");
    }

    /// A cell's text cannot end the cell: `|` is escaped in text, code spans, link titles,
    /// and percent-encoded in link targets.
    #[test]
    fn cell_text_keeps_its_pipes_inside_the_cell() {
        assert_eq!(
            to_markdown("a | b `x|y` [l](https://e.org/a|b \"t|u\")", Mode::Cell),
            "a \\| b `x\\|y` [l](https://e.org/a%7Cb \"t\\|u\")"
        );
        assert_eq!(to_markdown("one\ntwo", Mode::Cell), "one two");
    }

    #[test]
    fn inline_markdown_survives() {
        assert_eq!(
            to_markdown(
                "**Pain Relief**, *soft* `a*b` [site](https://example.org \"t\")",
                Mode::Line
            ),
            "**Pain Relief**, *soft* `a*b` [site](https://example.org \"t\")"
        );
        assert_eq!(
            to_markdown("see <https://example.org>", Mode::Line),
            "see <https://example.org>"
        );
        assert_eq!(to_markdown("a\nb\n\nc", Mode::Blocks), "a\nb\n\nc");
        assert_eq!(to_markdown("a\nb\n\nc", Mode::Line), "a b c");
        assert_eq!(to_markdown("Learn C #", Mode::Heading), "Learn C \\#");
        assert_eq!(
            to_markdown("Call Us {#call .x}", Mode::Heading),
            "Call Us {#call .x}"
        );
        assert_eq!(
            to_markdown("Call {onclick=alert(1)}", Mode::Heading),
            "Call {onclick=alert(1)\\}"
        );
    }

    #[test]
    fn hostile_text_is_inert() {
        let cases = [
            "<img src=x onerror=alert(1)>",
            "a <script>alert(1)</script>",
            "[x](javascript:alert(1)) [y](data:text/html,z) [z]( VbScRiPt:x)",
            "<javascript:alert(1)>",
            "`unclosed code",
            "**unclosed strong",
            "title\n```\n<img src=x onerror=alert(1)>\n```",
            "title\n    <img src=x onerror=alert(1)>",
            "[a][r]\n\n[r]: javascript:alert(1)",
            "&lt;img src=x onerror=alert(1)&gt;",
            "![alt <b>x</b>](javascript:alert(1))",
            "a\n<div onclick=alert(1)>\nb",
            "x\n=\ny\n-",
        ];
        for case in cases {
            for mode in [Mode::Heading, Mode::Line, Mode::Blocks] {
                let md = to_markdown(case, mode);
                assert_eq!(
                    blocks(&md),
                    Vec::<String>::new(),
                    "{case:?} {mode:?} → {md:?}"
                );
                // Each part is closed in itself: appended text is not swallowed.
                let joined = format!("**{md}**: tail `x`");
                assert!(
                    !blocks(&joined).iter().any(|b| b.starts_with("Html")),
                    "{joined:?}"
                );
            }
        }
    }

    proptest::proptest! {
        /// Whatever the translation, the Markdown written for it opens no block, holds no
        /// raw HTML and links nowhere unsafe, in every mode.
        #[test]
        fn any_text_stays_inline(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", " ", "\n", "\n\n", "    ", "\t", "#", ">", "-", "+", "*", "_", "=", "1.", "2)",
                "`", "```", "~~~", "<", ">", "<div>", "<img src=x onerror=y>", "</p>", "<!--", "|",
                "[", "]", "(", ")", "]:", "javascript:x", "data:y", "&lt;", "&amp;", "\\", "!", "\"",
                "<https://e.org>", "<javascript:x>", "**", "é", "{", "}", "{#x .c k=v}", ":", "[^0]",
                "\r", "\r\n", "\0", "$", "$$", "~~",
            ]), 0..40)
        ) {
            let text: String = parts.concat();
            // In a table cell: the table keeps its two rows of two cells, and nothing else
            // opens (a `|` in the text, a code span or a link cannot split the cell).
            let md = format!("| h | i |\n| --- | --- |\n| {} | z |\n", to_markdown(&text, Mode::Cell));
            let mut cells = 0;
            let mut other = Vec::new();
            for event in Parser::new_ext(&md, Options::all()) {
                match event {
                    Event::Start(Tag::TableCell) => cells += 1,
                    Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::Emphasis | Tag::Strong | Tag::Link { .. } | Tag::Strikethrough) => {}
                    Event::Start(tag) => other.push(format!("{tag:?}")),
                    Event::Html(h) | Event::InlineHtml(h) => other.push(format!("Html({h})")),
                    _ => {}
                }
            }
            proptest::prop_assert!(cells == 4 && other.is_empty(), "{:?} → {:?}: {} cells, {:?}", text, md, cells, other);
            for mode in [Mode::Heading, Mode::Line, Mode::Blocks] {
                let md = to_markdown(&text, mode);
                let found = blocks(&md);
                proptest::prop_assert!(found.is_empty(), "{:?} {:?} → {:?}: {:?}", text, mode, md, found);
            }
            // As a heading: one heading, without attributes other than ids and classes.
            let md = format!("## {}", to_markdown(&text, Mode::Heading));
            let headings: Vec<String> = Parser::new_ext(&md, Options::all())
                .filter_map(|e| match e {
                    Event::Start(Tag::Heading { attrs, .. }) => Some(format!("{attrs:?}")),
                    _ => None,
                })
                .collect();
            proptest::prop_assert!(
                headings.len() <= 1 && headings.iter().all(|h| h == "[]"),
                "{:?} → {:?}: {:?}", text, md, headings
            );
        }
    }
}
