//! A Fluent file parsed once, with the original bytes of every entry.
//!
//! fluent-syntax gives an AST without spans, but every identifier, comment line and junk
//! it returns is a sub-slice of the input, so the byte offset of each entry can be
//! recovered from pointers (see FLUENT-NOTES). [`Catalog`] keeps the AST and, per entry,
//! the byte range it came from, so `sync` can move and keep entries byte for byte and
//! `check` can point at `file:line:col`.

use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::ops::Range;

use fluent_syntax::ast;
use fluent_syntax::parser::ParserError;

/// First comment line of an outdated marker written by `sync`.
pub const OUTDATED_PREFIX: &str = "carta-outdated";
/// First line of the group comment that opens the obsolete section.
pub const OBSOLETE_PREFIX: &str = "carta: obsolete";
/// First word of a template: a source message still to translate, commented out.
pub const TODO_PREFIX: &str = "TODO ";
/// First comment line of a translation-memory suggestion that sync writes above a
/// template (`# carta-suggestion [hash]: …`), followed by its lines (see
/// [`suggestion_block`]).
pub const SUGGESTION_PREFIX: &str = "carta-suggestion";
/// The comment line sync writes above a translation it pre-filled from the translation
/// memory (an exact match): it stays until a translator has checked it and deletes it.
pub const FROM_MEMORY_PREFIX: &str = "carta-from-memory:";

/// [`Catalog::patterns`] borrowing the file's text where it can (see
/// [`Catalog::borrowed_patterns`]).
pub type BorrowedPatterns<'a> = Box<[(Cow<'a, str>, Cow<'a, str>)]>;

/// A parsed FTL file that borrows its text.
pub struct Catalog<'a> {
    pub text: &'a str,
    pub resource: ast::Resource<&'a str>,
    /// One span per entry of `resource.body`.
    pub spans: Vec<Span>,
    pub errors: Vec<ParserError>,
    /// Message and term IDs (terms with their `-`) → index of their first definition.
    /// The IDs borrow the text.
    pub index: FxHashMap<Cow<'a, str>, usize>,
    /// Line ending used by the file (`"\r\n"` when it has any CRLF).
    pub eol: &'static str,
}

/// Where an entry sits in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// Start of the entry, including an attached comment.
    pub start: usize,
    /// Start of the message or term line itself (after its comment).
    pub body_start: usize,
    /// End of the entry's last non-blank line, including its line ending.
    pub end: usize,
    /// Start of the next entry (so `start..next` includes the blank lines after it).
    pub next: usize,
}

impl Span {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// What one entry is, as far as sync and check care.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryKind<'a> {
    Message(&'a str),
    Term(&'a str),
    /// A commented-out source message waiting for a translation (`# TODO id = ...`).
    Template(&'a str),
    Comment,
    GroupComment,
    ObsoleteHeader,
    ResourceComment,
    Junk,
}

/// fluent-syntax leaves every pattern's element list at the capacity it grew to (four
/// elements, 416 bytes, for a one-piece text): at a million messages that was 416 MB of
/// the AST of each file. Shrunk to fit, a plain message's pattern takes 104 bytes.
fn shrink(resource: &mut ast::Resource<&str>) {
    fn pattern(p: &mut ast::Pattern<&str>) {
        p.elements.shrink_to_fit();
        for e in &mut p.elements {
            if let ast::PatternElement::Placeable { expression } = e {
                expr(expression);
            }
        }
    }
    fn expr(e: &mut ast::Expression<&str>) {
        match e {
            ast::Expression::Select { variants, .. } => {
                variants.shrink_to_fit();
                for v in variants {
                    pattern(&mut v.value);
                }
            }
            ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
                expr(expression)
            }
            ast::Expression::Inline(_) => {}
        }
    }
    resource.body.shrink_to_fit();
    for entry in &mut resource.body {
        let (value, attributes) = match entry {
            ast::Entry::Message(m) => (m.value.as_mut(), &mut m.attributes),
            ast::Entry::Term(t) => (Some(&mut t.value), &mut t.attributes),
            _ => continue,
        };
        if let Some(v) = value {
            pattern(v);
        }
        attributes.shrink_to_fit();
        for a in attributes {
            pattern(&mut a.value);
        }
    }
}

/// About how much text fluent-syntax parses at a time (see [`parse_in_pieces`]).
const PIECE: usize = 256 * 1024;

/// fluent-syntax's parse of `text`, shrunk (see [`shrink`]), made piece by piece so
/// that the unshrunk patterns of one piece exist at a time, not of the whole file (at a
/// million messages they were 416 MB before the first shrink).
///
/// A piece ends before a line that starts with an ASCII letter and follows a line that
/// is not a comment (a comment right above a message belongs to it). A message must
/// start there: a pattern goes on only on indented lines, an attribute is indented, so
/// the line ends whatever came before, unless it is inside a placeable left open (`{`,
/// then `foo }` on the next line), which leaves the piece with a syntax error. So a
/// piece that parses without errors ended where the whole parse ends an entry, and
/// parses to the same entries; from the first piece with an error on, the rest of the
/// file is parsed in one go. Identifiers and junk borrow `text` either way; error
/// positions are moved to be of `text`.
fn parse_in_pieces(text: &str, piece: usize) -> (ast::Resource<&str>, Vec<ParserError>) {
    let parse = |from: usize, to: usize| {
        let (mut resource, mut errors) = match fluent_syntax::parser::parse(&text[from..to]) {
            Ok(r) => (r, Vec::new()),
            Err((r, e)) => (r, e),
        };
        shrink(&mut resource);
        for e in &mut errors {
            e.pos = e.pos.start + from..e.pos.end + from;
            e.slice = e.slice.take().map(|r| r.start + from..r.end + from);
        }
        (resource, errors)
    };
    let mut body = Vec::new();
    let mut start = 0;
    loop {
        let end = piece_end(text, start + piece);
        let (resource, errors) = parse(start, end);
        if errors.is_empty() || end == text.len() {
            body.extend(resource.body);
            if end == text.len() {
                body.shrink_to_fit();
                return (ast::Resource { body }, errors);
            }
            start = end;
            continue;
        }
        drop((resource, errors));
        let (rest, errors) = parse(start, text.len());
        body.extend(rest.body);
        body.shrink_to_fit();
        return (ast::Resource { body }, errors);
    }
}

/// The first line start after `from` where a piece may end (see [`parse_in_pieces`]);
/// the end of the text if there is none.
fn piece_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    if from >= bytes.len() {
        return bytes.len();
    }
    for nl in memchr::memchr_iter(b'\n', &bytes[from..]) {
        let at = from + nl;
        if !bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        if bytes.get(line_start) != Some(&b'#') {
            return at + 1;
        }
    }
    bytes.len()
}

impl<'a> Catalog<'a> {
    pub fn parse(text: &'a str) -> Catalog<'a> {
        // A CR at the very end of a file is a line ending to carta, as LF and CRLF are.
        // fluent-syntax reads `a = \r` at the end as a message with an empty value but
        // `a = \r\n` as junk, so the line would change meaning once sync ends the file
        // with a newline (found by the sync fuzzer: sync was not idempotent).
        // The catalog is of the text without them, so sync writes a line ending there.
        let text = text.trim_end_matches('\r');
        let (resource, errors) = parse_in_pieces(text, PIECE);
        let base = text.as_ptr() as usize;
        let offset_of = |s: &str| -> usize {
            let p = s.as_ptr() as usize;
            if p >= base && p <= base + text.len() {
                p - base
            } else {
                0
            }
        };
        let line_start = |pos: usize| text[..pos].rfind('\n').map_or(0, |i| i + 1);
        let mut starts = Vec::with_capacity(resource.body.len());
        let mut body_starts = Vec::with_capacity(resource.body.len());
        for entry in &resource.body {
            let (anchor, comment) = match entry {
                ast::Entry::Message(m) => (offset_of(m.id.name), m.comment.as_ref()),
                ast::Entry::Term(t) => (offset_of(t.id.name), t.comment.as_ref()),
                // A comment without lines is a bare `#` at the very end of the file (the
                // parser stops before recording its empty line).
                ast::Entry::Comment(c)
                | ast::Entry::GroupComment(c)
                | ast::Entry::ResourceComment(c) => {
                    (c.content.first().map_or(text.len(), |l| offset_of(l)), None)
                }
                ast::Entry::Junk { content } => (offset_of(content), None),
            };
            // Entries come in file order; clamping keeps the spans tiling the file even if
            // a pointer could not be placed.
            let previous = starts.last().copied().unwrap_or(0);
            let body_start = line_start(anchor).max(previous);
            let start = match comment.and_then(|c| c.content.first()) {
                Some(first) => line_start(offset_of(first)).max(previous),
                None => body_start,
            };
            starts.push(start);
            body_starts.push(body_start);
        }
        let mut spans = Vec::with_capacity(starts.len());
        for i in 0..starts.len() {
            let next = starts.get(i + 1).copied().unwrap_or(text.len());
            let start = starts[i];
            let chunk = &text[start..next];
            // Fluent's blank is spaces and line breaks: a tab is text (`a = \t` is a
            // message whose value is a tab), so it stays in the span; trimmed, sync wrote
            // `a =`, junk, and the next sync added a template (found by the sync fuzzer).
            let content_len = chunk.trim_end_matches(['\n', '\r', ' ']).len();
            // Include the line ending of the last content line.
            let mut end = start + content_len;
            if text[end..next].starts_with("\r\n") {
                end += 2;
            } else if text[end..next].starts_with('\n') {
                end += 1;
            }
            spans.push(Span {
                start,
                body_start: body_starts[i],
                end,
                next,
            });
        }
        let mut index =
            FxHashMap::with_capacity_and_hasher(resource.body.len(), Default::default());
        for (i, entry) in resource.body.iter().enumerate() {
            if let Some(id) = catalog_id(text, entry) {
                index.entry(id).or_insert(i);
            }
        }
        // The file's usual line ending: CRLF when most lines end so. (Not "any CRLF": a
        // stray CR before a newline carta adds would flip a LF file to CRLF next time.)
        let eol = if memchr::memchr(b'\r', text.as_bytes()).is_none() {
            "\n"
        } else {
            let crlf = memchr::memmem::find_iter(text.as_bytes(), b"\r\n").count();
            let lf = memchr::memchr_iter(b'\n', text.as_bytes()).count();
            if crlf * 2 > lf {
                "\r\n"
            } else {
                "\n"
            }
        };
        Catalog {
            text,
            resource,
            spans,
            errors,
            index,
            eol,
        }
    }

    /// The catalog without its AST: the text, spans, index and line ending stay (what
    /// locating an entry, its text and its template need), `resource` and `errors` are
    /// emptied. Sync keeps the source so while it syncs the locales (the AST of a
    /// million messages is ~200 MB) and parses the text again if an entry's parts are
    /// needed (see [`crate::sync::SourceAst`]).
    pub fn outline(mut self) -> Catalog<'a> {
        self.resource.body = Vec::new();
        self.errors = Vec::new();
        self
    }

    /// Bytes before the first entry (leading blank lines).
    pub fn prefix(&self) -> &'a str {
        &self.text[..self.spans.first().map_or(self.text.len(), |s| s.start)]
    }

    pub fn kind(&self, i: usize) -> EntryKind<'a> {
        match &self.resource.body[i] {
            ast::Entry::Message(m) => EntryKind::Message(m.id.name),
            ast::Entry::Term(t) => EntryKind::Term(t.id.name),
            // A comment with a template line in it, first or not: a note a translator
            // wrote above a template belongs to it.
            ast::Entry::Comment(c) => match c.content.iter().find_map(|l| template_id(l)) {
                Some(id) => EntryKind::Template(id),
                None => EntryKind::Comment,
            },
            ast::Entry::GroupComment(c) => {
                if c.content
                    .first()
                    .is_some_and(|l| l.starts_with(OBSOLETE_PREFIX))
                {
                    EntryKind::ObsoleteHeader
                } else {
                    EntryKind::GroupComment
                }
            }
            ast::Entry::ResourceComment(_) => EntryKind::ResourceComment,
            ast::Entry::Junk { .. } => EntryKind::Junk,
        }
    }

    /// The ID of a message (`id`) or term (`-id`) entry.
    pub fn entry_id(&self, i: usize) -> Option<Cow<'a, str>> {
        catalog_id(self.text, &self.resource.body[i])
    }

    /// The message or term text without its comment, line endings normalised: what a
    /// translator edits. Used to notice that an outdated translation was edited.
    pub fn body_text(&self, i: usize) -> String {
        let span = &self.spans[i];
        self.text[span.body_start..span.end]
            .replace("\r\n", "\n")
            .trim_end()
            .to_string()
    }

    /// The comment lines attached to message or term `i`.
    pub fn comment_lines(&self, i: usize) -> &[&'a str] {
        match &self.resource.body[i] {
            ast::Entry::Message(ast::Message {
                comment: Some(c), ..
            })
            | ast::Entry::Term(ast::Term {
                comment: Some(c), ..
            }) => &c.content,
            _ => &[],
        }
    }

    /// The outdated marker on entry `i`, if it has one: the hash of the translation it
    /// was written for, and the number of comment lines it takes.
    pub fn outdated_marker(&self, i: usize) -> Option<Marker> {
        let lines = self.comment_lines(i);
        let first = lines.first()?;
        let rest = first.strip_prefix(OUTDATED_PREFIX)?;
        let hash = rest
            .trim_start()
            .strip_prefix('[')
            .and_then(|r| r.split(']').next())
            .unwrap_or("")
            .to_string();
        let len = 1 + lines[1..].iter().take_while(|l| is_marker_line(l)).count();
        Some(Marker { hash, lines: len })
    }

    /// The text a template entry holds once uncommented: `# TODO ` taken off its template
    /// line, `# ` (or `#`) off every other line, LF line endings. For a template carta wrote, this is the
    /// source message it shows.
    pub fn uncommented(&self, i: usize) -> Option<String> {
        let ast::Entry::Comment(c) = &self.resource.body[i] else {
            return None;
        };
        let mut out = String::new();
        // A suggestion sync wrote (unedited) is not part of the template.
        let block = suggestion_block(&c.content).unwrap_or(0..0);
        for (n, line) in c.content.iter().enumerate() {
            if block.contains(&n) {
                continue;
            }
            // The parser has already taken `# ` off each line.
            let line = match line.strip_prefix(TODO_PREFIX) {
                Some(rest) if template_id(line).is_some() => rest,
                _ => line,
            };
            out.push_str(line.trim_end_matches('\r'));
            out.push('\n');
        }
        Some(out)
    }

    /// Message and term patterns as text, keyed `""` for the value and `.name` for each
    /// attribute, in file order. A term's attributes (`.gender`) belong to each locale and
    /// are not the source's text to translate: only its value counts.
    pub fn patterns(&self, i: usize) -> Vec<(String, String)> {
        static NONE: Vec<ast::Attribute<&str>> = Vec::new();
        let (value, attributes) = match &self.resource.body[i] {
            ast::Entry::Message(m) => (m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (Some(&t.value), &NONE),
            _ => return Vec::new(),
        };
        let mut out = Vec::with_capacity(attributes.len() + 1);
        if let Some(v) = value {
            out.push((String::new(), crate::ftl::pattern_text(v)));
        }
        for a in attributes {
            out.push((
                format!(".{}", a.id.name),
                crate::ftl::pattern_text(&a.value),
            ));
        }
        out
    }

    /// [`Catalog::patterns`] of entry `i`, borrowing what the text holds as written: the
    /// `.attr` keys and every text without placeables (owned copies were ~90 bytes a
    /// message).
    pub fn borrowed_patterns(&self, i: usize) -> BorrowedPatterns<'a> {
        let text_of = |p: &ast::Pattern<&'a str>| match p.elements.as_slice() {
            [ast::PatternElement::TextElement { value }] => Cow::Borrowed(*value),
            _ => Cow::Owned(crate::ftl::pattern_text(p)),
        };
        // `.name`: the name with the dot before it in the file.
        let key_of = |name: &'a str| {
            let start = (name.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
            match start
                .checked_sub(1)
                .and_then(|dot| self.text.get(dot..dot + 1 + name.len()))
            {
                Some(key) if key.starts_with('.') => Cow::Borrowed(key),
                _ => Cow::Owned(format!(".{name}")),
            }
        };
        match &self.resource.body[i] {
            ast::Entry::Message(m) => m
                .value
                .iter()
                .map(|v| (Cow::Borrowed(""), text_of(v)))
                .chain(
                    m.attributes
                        .iter()
                        .map(|a| (key_of(a.id.name), text_of(&a.value))),
                )
                .collect(),
            // A term's attributes are the locale's own, not text to translate.
            ast::Entry::Term(t) => Box::new([(Cow::Borrowed(""), text_of(&t.value))]),
            _ => Box::new([]),
        }
    }

    /// The message and term IDs entry `i` refers to (terms with their `-`), in its value,
    /// attributes, select variants and call arguments.
    pub fn references(&self, i: usize) -> Vec<String> {
        let (value, attributes) = match &self.resource.body[i] {
            ast::Entry::Message(m) => (m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (Some(&t.value), &t.attributes),
            _ => return Vec::new(),
        };
        let mut out = Vec::new();
        let mut visit = |e: &ast::InlineExpression<&str>| match e {
            ast::InlineExpression::MessageReference { id, .. } => out.push(id.name.to_string()),
            ast::InlineExpression::TermReference { id, .. } => out.push(format!("-{}", id.name)),
            _ => {}
        };
        for p in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
            crate::check::ast::walk_pattern(p, &mut visit);
        }
        out
    }

    /// The locale's own entries: terms and messages the source does not have that the
    /// locale's translations of source messages use, directly or through one another
    /// (`-clinic-name`, a helper message). They are not obsolete: sync keeps them where
    /// they are, `--prune` never deletes them, and build ships them with the messages
    /// that use them.
    pub fn private_entries(&self, in_source: impl Fn(&str) -> bool) -> FxHashSet<String> {
        private_across(&[self], in_source)
    }

    /// Byte offset where the identifier of entry `i` starts (for diagnostics).
    pub fn id_offset(&self, i: usize) -> usize {
        self.spans[i].body_start
    }
}

/// [`Catalog::private_entries`] across all the files of a locale: a term one file defines
/// may be used by the translations of another (Fluent resolves it across the bundle).
pub fn private_across(
    catalogs: &[&Catalog],
    in_source: impl Fn(&str) -> bool,
) -> FxHashSet<String> {
    let mut private = FxHashSet::default();
    if catalogs
        .iter()
        .all(|c| c.index.keys().all(|id| in_source(id)))
    {
        return private; // the usual case: nothing of its own to look for
    }
    let mut queue: Vec<(usize, usize)> = Vec::new();
    for (f, c) in catalogs.iter().enumerate() {
        queue.extend(
            c.index
                .iter()
                .filter(|(id, _)| in_source(id))
                .map(|(_, &i)| (f, i)),
        );
    }
    while let Some((f, i)) = queue.pop() {
        for id in catalogs[f].references(i) {
            if in_source(&id) || private.contains(&id) {
                continue;
            }
            let defined = catalogs
                .iter()
                .enumerate()
                .find_map(|(g, c)| c.index.get(id.as_str()).map(|&j| (g, j)));
            if let Some(at) = defined {
                private.insert(id);
                queue.push(at);
            }
        }
    }
    private
}

/// An outdated marker found above a message.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub hash: String,
    pub lines: usize,
}

/// The ID of a message (`id`) or term (`-id`), borrowed from `text` where the parser's
/// slice of the name sits in it (always, for a term the `-` is the byte before).
fn catalog_id<'a>(text: &'a str, entry: &ast::Entry<&'a str>) -> Option<Cow<'a, str>> {
    match entry {
        ast::Entry::Message(m) => Some(Cow::Borrowed(m.id.name)),
        ast::Entry::Term(t) => {
            let name = t.id.name;
            let start = (name.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
            let end = start.wrapping_add(name.len());
            match start
                .checked_sub(1)
                .and_then(|dash| text.get(dash..end).map(|s| (dash, s)))
            {
                Some((_, with_dash)) if with_dash.starts_with('-') => {
                    Some(Cow::Borrowed(with_dash))
                }
                _ => Some(Cow::Owned(format!("-{name}"))),
            }
        }
        _ => None,
    }
}

/// `TODO some-id = ...` → `some-id`, with any spacing Fluent allows around `=`
/// (`TODO id=…`, `TODO id  = …`): templates are recognised by their ID, not their text.
pub fn template_id(line: &str) -> Option<&str> {
    let rest = line.strip_prefix(TODO_PREFIX)?;
    let dash = usize::from(rest.starts_with('-'));
    let len = crate::ftl::identifier_len(&rest[dash..]);
    if len == 0 {
        return None;
    }
    let (id, after) = rest.split_at(dash + len);
    after
        .trim_start_matches([' ', '\t'])
        .starts_with('=')
        .then_some(id)
}

/// Whether a comment line (without its `# `) is one sync writes under an outdated marker:
/// `  value was: …`, `  .attr now: …`, `  .attr diff: …`. Only these are the marker's;
/// anything else, indented or not (a translator's `#   ojo: …`), is the translator's.
pub(crate) fn is_marker_line(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("  ") else {
        return false;
    };
    const KEYS: [&str; 3] = ["was:", "now:", "diff:"];
    if KEYS.iter().any(|k| rest.starts_with(k)) {
        return true; // written without a label by early versions
    }
    let label_len = if rest.starts_with("value ") {
        "value".len()
    } else if let Some(attr) = rest.strip_prefix('.') {
        let n = crate::ftl::identifier_len(attr);
        if n == 0 {
            return false;
        }
        1 + n
    } else {
        return false;
    };
    let after = &rest[label_len..];
    KEYS.iter()
        .any(|k| after.strip_prefix(' ').is_some_and(|a| a.starts_with(k)))
}

/// The lines of `lines` (comment lines without their `# `) that are a translation-memory
/// suggestion sync wrote and nobody edited since: a `carta-suggestion [hash]: …` line,
/// then its `  value 86% like …` / `  value diff: …` lines, whose text hashes to `hash`.
/// A suggestion a translator changed (typed into it, added a line to it) is theirs: it
/// is not recognised, so the template around it is theirs too and is kept as it is.
pub fn suggestion_block(lines: &[&str]) -> Option<Range<usize>> {
    let start = lines.iter().position(|l| {
        l.strip_prefix(SUGGESTION_PREFIX)
            .is_some_and(|r| r.starts_with(" ["))
    })?;
    let header = lines[start].trim_end_matches('\r');
    let hash = header[SUGGESTION_PREFIX.len() + 2..].split(']').next()?;
    let len = lines[start + 1..]
        .iter()
        .take_while(|l| is_suggestion_line(l.trim_end_matches('\r')))
        .count();
    if len == 0 {
        return None;
    }
    let body: Vec<&str> = lines[start + 1..start + 1 + len]
        .iter()
        .map(|l| l.trim_end_matches('\r'))
        .collect();
    (text_hash(&body.join("\n")) == hash).then_some(start..start + 1 + len)
}

/// `  value 86% like …`, `  .body 100% like …` or `  value diff: …`.
pub(crate) fn is_suggestion_line(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("  ") else {
        return false;
    };
    let after = if let Some(r) = rest.strip_prefix("value ") {
        r
    } else if let Some(attr) = rest.strip_prefix('.') {
        let n = crate::ftl::identifier_len(attr);
        match attr[n..].strip_prefix(' ') {
            Some(r) if n > 0 => r,
            _ => return false,
        }
    } else {
        return false;
    };
    if after.starts_with("diff: ") {
        return true;
    }
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && after[digits..].starts_with("% like ")
}

/// How deep placeables may nest. Fluent's parsers and resolvers recurse per level, so
/// absurd nesting (`{{{{…}}}}` ten thousand deep) would overflow the stack; no real
/// message comes near this.
pub const MAX_NESTING: usize = 64;

/// The byte offset of a `\u`/`\U` escape that fluent-syntax 0.12 cannot parse without
/// panicking: fewer hex digits than the escape needs, then a non-ASCII character (its
/// error message slices the text one byte past the digits, inside that character; found
/// by the `nesting` fuzzer: `{"\Uƽ"}` in any file made check, sync and build exit 101).
/// Conservative: looked for everywhere, not only in string literals.
pub fn panicking_escape(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'\\', bytes).find(|&i| {
        let need = match bytes.get(i + 1) {
            Some(b'u') => 4,
            Some(b'U') => 6,
            _ => return false,
        };
        let digits = bytes[i + 2..]
            .iter()
            .take(need)
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        digits < need && bytes.get(i + 2 + digits).is_some_and(|&b| b >= 0x80)
    })
}

/// The byte offset where `text` nests deeper than [`MAX_NESTING`], if it does.
pub fn too_deep(text: &str) -> Option<usize> {
    too_deep_at(text, MAX_NESTING)
}

/// What the innermost open construct of [`too_deep_at`] is: what a `"`, `(`, `->` and
/// `}` mean depends on it, exactly as in fluent-syntax's parser.
#[derive(Clone, Copy, PartialEq)]
enum Frame {
    /// Inside `{ … }`, before any `->`: an expression (`"` opens a string literal).
    Placeable,
    /// After `->`: the variants of a select, whose values are text (`"` and `(` are text).
    Select,
    /// Inside the `( … )` of a call: expressions again.
    Call,
}

/// The nesting guard, measured the way fluent-syntax recurses: one level per placeable,
/// per call's argument list and per select, **across lines** — a placeable may continue
/// on a line that starts with a letter (`{ F(` then `F({ F(` on the next line), so the
/// depth is not reset there. It is reset only where the parser itself must start afresh:
/// at a line `id =` or `-id =` (inside any open construct that line is a syntax error, so
/// the parser unwinds and resumes at an entry start at or after it) and at a comment line
/// (`#` in column 0, skipped whole). String literals count only where they are string
/// literals (in an expression; in a variant's text `"` is text), so a quote cannot hide
/// the braces after it. The scan is linear: outside placeables it jumps from `{` to `{`.
pub(crate) fn too_deep_at(text: &str, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut in_string = false;
    let mut line_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if stack.is_empty() {
            // Outside placeables only a `{` matters (and whether its line is a comment).
            let next = i + memchr::memchr(b'{', &bytes[i..])?;
            if let Some(nl) = memchr::memrchr(b'\n', &bytes[i..next]) {
                line_start = i + nl + 1;
            }
            i = next;
            if bytes[line_start] == b'#' {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n + 1);
                line_start = i;
                continue;
            }
        } else if i == line_start {
            if bytes[i] == b'#' {
                stack.clear();
                in_string = false;
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n + 1);
                line_start = i;
                continue;
            }
            if starts_entry(&bytes[i..]) {
                stack.clear();
                in_string = false;
                continue;
            }
        }
        let b = bytes[i];
        if b == b'\n' {
            line_start = i + 1;
            // A string literal cannot span lines: the parser stops there with an error.
            in_string = false;
        } else if in_string {
            match b {
                // An escape: skip the escaped byte, unless it is the line's end.
                b'\\' if bytes.get(i + 1).is_some_and(|&n| n != b'\n') => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            let top = stack.last().copied();
            match b {
                b'{' => stack.push(Frame::Placeable),
                b'(' if matches!(top, Some(Frame::Placeable | Frame::Call)) => {
                    stack.push(Frame::Call)
                }
                b')' if top == Some(Frame::Call) => {
                    stack.pop();
                }
                b'}' => {
                    // Closes the innermost placeable or select (and any call left open in it).
                    while let Some(f) = stack.pop() {
                        if f != Frame::Call {
                            break;
                        }
                    }
                }
                b'"' if matches!(top, Some(Frame::Placeable | Frame::Call)) => in_string = true,
                b'-' if top == Some(Frame::Placeable) && bytes.get(i + 1) == Some(&b'>') => {
                    *stack.last_mut().expect("a frame is open") = Frame::Select;
                    i += 1;
                }
                _ => {}
            }
            if stack.len() > limit {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// Whether a line starts a message or term: `id =` or `-id =` in column 0 (spaces only
/// before the `=`, as fluent-syntax requires).
fn starts_entry(line: &[u8]) -> bool {
    let line = line.strip_prefix(b"-").unwrap_or(line);
    if !line.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let id = line
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .unwrap_or(line.len());
    line[id..].iter().find(|&&b| b != b' ') == Some(&b'=')
}

/// How deep fluent-syntax nested what it parsed: one level per placeable, per call's
/// arguments, and the select's variants share their placeable's level.
pub(crate) fn ast_depth(resource: &ast::Resource<&str>) -> usize {
    fn pattern(p: &ast::Pattern<&str>) -> usize {
        p.elements
            .iter()
            .map(|e| match e {
                ast::PatternElement::Placeable { expression } => 1 + expr(expression),
                ast::PatternElement::TextElement { .. } => 0,
            })
            .max()
            .unwrap_or(0)
    }
    fn expr(e: &ast::Expression<&str>) -> usize {
        match e {
            ast::Expression::Inline(i) => inline(i),
            ast::Expression::Select { selector, variants } => variants
                .iter()
                .map(|v| pattern(&v.value))
                .chain([inline(selector)])
                .max()
                .unwrap_or(0),
        }
    }
    fn args(a: &ast::CallArguments<&str>) -> usize {
        1 + a
            .positional
            .iter()
            .chain(a.named.iter().map(|n| &n.value))
            .map(inline)
            .max()
            .unwrap_or(0)
    }
    fn inline(i: &ast::InlineExpression<&str>) -> usize {
        match i {
            ast::InlineExpression::FunctionReference { arguments, .. } => args(arguments),
            ast::InlineExpression::TermReference {
                arguments: Some(a), ..
            } => args(a),
            ast::InlineExpression::Placeable { expression } => 1 + expr(expression),
            _ => 0,
        }
    }
    resource
        .body
        .iter()
        .map(|entry| match entry {
            ast::Entry::Message(m) => m
                .value
                .iter()
                .chain(m.attributes.iter().map(|a| &a.value))
                .map(pattern)
                .max()
                .unwrap_or(0),
            ast::Entry::Term(t) => std::iter::once(&t.value)
                .chain(t.attributes.iter().map(|a| &a.value))
                .map(pattern)
                .max()
                .unwrap_or(0),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

/// A short, stable hash of a translation's text.
pub fn text_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

/// A locale's catalogs (its files, in the order their definitions win) with one map from
/// each ID to its first definition when there are many files, so that a lookup does not
/// ask every file's index in turn: build took time proportional to messages × files
/// (200,000 messages in 2,000 files: 23 s).
pub struct Files<'c, 'a> {
    pub catalogs: &'c [Catalog<'a>],
    merged: Option<FxHashMap<&'c str, (u32, u32)>>,
    /// For a message with many attributes, each attribute's position by name (a search
    /// per attribute was quadratic: 40,000 attributes took seconds).
    attributes: FxHashMap<(u32, u32), FxHashMap<&'c str, u32>>,
}

impl<'c, 'a> Files<'c, 'a> {
    pub fn new(catalogs: &'c [Catalog<'a>]) -> Files<'c, 'a> {
        const FEW: usize = 4;
        let merged = (catalogs.len() > FEW).then(|| {
            let mut map = FxHashMap::default();
            map.reserve(catalogs.iter().map(|c| c.index.len()).sum());
            for (f, c) in catalogs.iter().enumerate() {
                for (id, &i) in &c.index {
                    map.entry(id.as_ref()).or_insert((f as u32, i as u32));
                }
            }
            map
        });
        const MANY: usize = 16;
        let mut attributes = FxHashMap::default();
        for (f, c) in catalogs.iter().enumerate() {
            for (i, e) in c.resource.body.iter().enumerate() {
                if let ast::Entry::Message(m) = e {
                    if m.attributes.len() > MANY {
                        let mut by_name = FxHashMap::default();
                        for (n, a) in m.attributes.iter().enumerate() {
                            by_name.entry(a.id.name).or_insert(n as u32);
                        }
                        attributes.insert((f as u32, i as u32), by_name);
                    }
                }
            }
        }
        Files {
            catalogs,
            merged,
            attributes,
        }
    }

    /// Attribute `name` of message entry `i` of catalog `f` (its first definition).
    pub fn attribute(&self, f: usize, i: usize, name: &str) -> Option<&'c ast::Attribute<&'a str>> {
        let ast::Entry::Message(m) = self.catalogs.get(f)?.resource.body.get(i)? else {
            return None;
        };
        match self.attributes.get(&(f as u32, i as u32)) {
            Some(by_name) => m.attributes.get(*by_name.get(name)? as usize),
            None => m.attributes.iter().find(|a| a.id.name == name),
        }
    }

    /// The first definition of a message or term (`-name`): its catalog's number and
    /// entry.
    pub fn find(&self, id: &str) -> Option<(usize, usize)> {
        match &self.merged {
            Some(map) => map.get(id).map(|&(f, i)| (f as usize, i as usize)),
            None => self
                .catalogs
                .iter()
                .enumerate()
                .find_map(|(f, c)| c.index.get(id).map(|&i| (f, i))),
        }
    }

    /// The catalog and entry of the first definition.
    pub fn get(&self, id: &str) -> Option<(&'c Catalog<'a>, usize)> {
        self.find(id).map(|(f, i)| (&self.catalogs[f], i))
    }

    pub fn contains(&self, id: &str) -> bool {
        self.find(id).is_some()
    }
}

#[cfg(test)]
mod tests {

    /// Regression (nesting fuzzer): fluent-syntax panics on `\U` then a non-ASCII
    /// character; the guard finds it, and only it.
    #[test]
    fn escapes_fluent_syntax_cannot_parse_are_found() {
        assert_eq!(panicking_escape("a = {\"\\Uƽ\"}\n"), Some(6));
        assert_eq!(panicking_escape("a = {\"\\u00é\"}\n"), Some(6));
        assert_eq!(
            panicking_escape("a = {\"\\u00E9\"} {\"\\U01F600\"}\n"),
            None
        );
        assert_eq!(panicking_escape("a = {\"\\uZ\"} C:\\Users\\ñ\n"), None);
    }
    use super::*;

    /// Parsed in pieces (here cut at every place one may be cut), a text gives what one
    /// parse of it gives: entries, comments attached or not, junk and error positions.
    #[test]
    fn pieces_parse_like_the_whole() {
        fn whole(text: &str) -> (ast::Resource<&str>, Vec<ParserError>) {
            let (mut r, e) = match fluent_syntax::parser::parse(text) {
                Ok(r) => (r, Vec::new()),
                Err((r, e)) => (r, e),
            };
            shrink(&mut r);
            (r, e)
        }
        let mut texts: Vec<String> = [
            "a = A\n\nb = B\n",
            "# note\na = A\n\n# alone\n\nb = B\n\n## Group\n\nc = C",
            "a = {\n\nfoo }\n\nb = B\n",
            "a = { $n ->\n    [one] x\n   *[other] y\n}\n\nb = B\n\nbroken = {\n\nc = C\n",
            "a =\n    one\n\n    two\n\nb = B\n    .attr = X\n\n\n\nc = C\n",
            "a = A\r\n\r\nb = B\r\n\r\n-term = T\r\n\r\nc = { -term }\r\n",
            "junk here\n\na = A\n\nb =\n\nc = C\n",
            "a = A\n\n.attr = X\n\nb = B\n",
            "a = { \"{\" }\n\nb = B\n\n\n",
            "\n\n\na = A\n\nb",
            "a = A\nb = B\n# c\nc = C\n-term = T\nd = {\nfoo }\ne = E\n# end",
            "a = A\n    .attr = { $x ->\n        [one] x\n       *[other] y\n    }\nb = B\nc = {\n$x}\nd = D\n",
            "a =\n    multi\n    line\nb = B\n  \nc = C\n## G\nd = D\n### R\ne = E\n",
            "a = A\n# c\n\nb = B\n#\nc = C\nbad line\nd = D\n",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // And every Fluent file of the fixtures, examples and fuzz regressions.
        for dir in ["tests", "examples", "locales", "fuzz/regressions"] {
            for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
                if e.path().extension().is_some_and(|x| x == "ftl") {
                    if let Ok(t) = std::fs::read_to_string(e.path()) {
                        texts.push(t);
                    }
                }
            }
        }
        assert!(texts.len() > 20);
        for text in &texts {
            let text = text.trim_end_matches('\r');
            // What fluent-syntax cannot parse (callers refuse it first).
            if panicking_escape(text).is_some() || too_deep(text).is_some() {
                continue;
            }
            let (r1, e1) = whole(text);
            for piece in [0, 1, 7, 64] {
                let (r2, e2) = parse_in_pieces(text, piece);
                assert_eq!(r1, r2, "{text:?} in pieces of {piece}");
                assert_eq!(e1, e2, "{text:?} in pieces of {piece}");
            }
        }
    }

    #[test]
    fn spans_cover_entries_and_comments() {
        let text = "### Res\n\n# note\nhello = Hi\n    .body = B\n\n\n# TODO bye = Bye\n\nbroken = {\n\n## Group\n";
        let c = Catalog::parse(text);
        let kinds: Vec<_> = (0..c.spans.len()).map(|i| c.kind(i)).collect();
        assert_eq!(
            kinds,
            vec![
                EntryKind::ResourceComment,
                EntryKind::Message("hello"),
                EntryKind::Template("bye"),
                EntryKind::Junk,
                EntryKind::GroupComment
            ]
        );
        assert_eq!(
            &text[c.spans[1].range()],
            "# note\nhello = Hi\n    .body = B\n"
        );
        assert_eq!(c.body_text(1), "hello = Hi\n    .body = B");
        assert_eq!(&text[c.spans[3].range()], "broken = {\n");
        // Spans tile the file.
        let mut rebuilt = c.prefix().to_string();
        for s in &c.spans {
            rebuilt.push_str(&text[s.start..s.next]);
        }
        assert_eq!(rebuilt, text);
    }

    #[test]
    fn crlf_is_detected_and_kept_in_spans() {
        let text = "a = A\r\n\r\nb = B\r\n";
        let c = Catalog::parse(text);
        assert_eq!(c.eol, "\r\n");
        assert_eq!(&text[c.spans[0].range()], "a = A\r\n");
        assert_eq!(c.body_text(1), "b = B");
    }

    /// Regression (fuzz/regressions/sync/bare-comment-at-eof.ftl): a `##` on the last line
    /// without a newline is a comment with no lines; its span was placed at offset 0.
    #[test]
    fn bare_comment_at_end_of_file() {
        let text = "a = A\n\n##";
        let c = Catalog::parse(text);
        assert_eq!(c.spans.len(), 2);
        assert_eq!(&text[c.spans[1].start..c.spans[1].next], "##");
        let mut rebuilt = c.prefix().to_string();
        for s in &c.spans {
            rebuilt.push_str(&text[s.start..s.next]);
        }
        assert_eq!(rebuilt, text);
    }

    /// Regression (fuzz/regressions/sync/lone-cr-at-eof.ftl): a file ending in a lone CR
    /// became CRLF-looking after sync added a newline, and the next sync switched every
    /// template to CRLF.
    /// Regression (fuzz/regressions/sync/cr-after-equals-at-eof.ftl): `a = \r` at the end
    /// of a file was a message for fluent-syntax, `a = \r\n` junk.
    #[test]
    fn a_cr_at_the_end_is_a_line_ending() {
        for text in ["a = \r", "a = \r\r", "a = \n"] {
            assert_eq!(Catalog::parse(text).kind(0), EntryKind::Junk, "{text:?}");
        }
        let c = Catalog::parse("a = b\r");
        assert_eq!(c.kind(0), EntryKind::Message("a"));
        assert_eq!(c.body_text(0), "a = b");
        assert_eq!(c.text, "a = b");
    }

    #[test]
    fn line_ending_follows_the_majority() {
        assert_eq!(Catalog::parse("a = A\nb = B\r\nc = C\n").eol, "\n");
        assert_eq!(Catalog::parse("a = A\r\nb = B\r\nc = C\n").eol, "\r\n");
    }

    const FRAGMENTS: &[&str] = &[
        "a = ",
        "b =",
        "-t = ",
        "\n",
        "\n    ",
        "\n\n",
        "{ ",
        " }",
        "}",
        "F(",
        "F\n(",
        ")",
        ", ",
        "\"",
        "\"x\"",
        "\"\\\"",
        "\\",
        "$x",
        "$x ->\n",
        " ->",
        "\n    *[o] ",
        "\n    [a] ",
        "\"{\"",
        "# c {",
        "\n# ",
        "{\"}\"}",
        "-t",
        "-t(",
        "1",
        "x: 1",
        "(",
        "text ",
        "=",
    ];

    /// Valid Fluent patterns nested in every way the grammar allows (placeables, calls,
    /// selects, string literals holding braces, text holding quotes and parentheses,
    /// continuation lines starting with a letter).
    fn nested_pattern() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just("$x".to_string()),
            Just("\"s{\\\"\"".to_string()),
            Just("1".to_string()),
            Just("-t".to_string()),
        ];
        let expr = leaf.prop_recursive(8, 64, 3, |inner| {
            let sep = prop_oneof![Just(" "), Just("\n"), Just("\n    ")];
            prop_oneof![
                (inner.clone(), sep.clone()).prop_map(|(e, s)| format!("{{{s}{e}{s}}}")),
                (inner.clone(), sep.clone()).prop_map(|(e, s)| format!("F({s}{e}{s})")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("F({a}, {b}, x: 1)")),
                (inner.clone(), sep).prop_map(|(e, s)| format!("-t({s}{e})")),
                inner.prop_map(|e| format!("{{ $x ->\n    *[o] t\" (t -> {{ {e} }}\n}}")),
            ]
        });
        proptest::collection::vec(expr, 1..3)
            .prop_map(|es| es.iter().map(|e| format!("a {{ {e} }} \"")).collect())
    }

    fn check_guard(text: &str, limit: usize) -> Result<(), proptest::test_runner::TestCaseError> {
        if too_deep_at(text, limit).is_none() {
            let resource = match fluent_syntax::parser::parse(text) {
                Ok(r) | Err((r, _)) => r,
            };
            let depth = ast_depth(&resource);
            proptest::prop_assert!(depth <= limit, "depth {depth} > {limit} in {text:?}");
        }
        Ok(())
    }

    proptest::proptest! {
        /// Soundness of the guard: whatever it lets through, fluent-syntax nests no deeper
        /// than the limit (tried with small limits, where generated input reaches them).
        #[test]
        fn nesting_guard_bounds_what_the_parser_nests(
            parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..80),
            limit in 1usize..4,
        ) {
            check_guard(&parts.concat(), limit)?;
        }

        #[test]
        fn nesting_guard_bounds_valid_nesting(
            noise in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..6),
            pattern in nested_pattern(),
            limit in 1usize..6,
        ) {
            let text = format!("{}\nm = {pattern}\n", noise.concat());
            check_guard(&text, limit)?;
            // The same without the noise must parse; otherwise the case tests little.
            let clean = format!("m = {pattern}\n");
            proptest::prop_assert!(fluent_syntax::parser::parse(clean.as_str()).is_ok(), "{clean}");
        }
    }

    #[test]
    fn nesting_guard() {
        assert_eq!(too_deep("a = { { $x } }\nb = {\"{{{{{{\"}\n"), None);
        let deep = format!("a = {}{}", "{ ".repeat(100), "} ".repeat(100));
        assert_eq!(too_deep(&deep), Some(4 + 2 * 64));
    }

    /// Regression (issue 14, item 1): continuation lines that start with a letter reset the
    /// old line-based count, and fluent-syntax recursed ~10,000 deep (stack overflow).
    #[test]
    fn nesting_is_measured_across_lines() {
        let text = format!(
            "m = {{ F({}\"x\"{}) }}\n",
            "\nF({ F(".repeat(5000),
            ") })".repeat(5000)
        );
        assert!(too_deep(&text).is_some());
        // A quote in a variant's text is text, not a string literal hiding the braces.
        let text = format!(
            "m = {{ $x ->\n    *[a] \" {}{}\n}}\n",
            "{ ".repeat(5000),
            "}".repeat(5000)
        );
        assert!(too_deep(&text).is_some());
    }

    /// Braces that fluent-syntax never nests do not count: comment lines, and unclosed
    /// placeables of earlier (broken) entries.
    #[test]
    fn nesting_guard_ignores_comments_and_earlier_entries() {
        assert_eq!(too_deep(&format!("# {}\nm = M\n", "{".repeat(200))), None);
        assert_eq!(too_deep(&"m = { F(\n".repeat(200)), None);
        assert_eq!(too_deep(&"-t = {\n    x\n".repeat(200)), None);
        let shipped = include_str!("../locales/es/dry-needling.ftl");
        assert_eq!(too_deep(shipped), None);
    }

    #[test]
    fn marker_is_read() {
        let text =
            "# carta-outdated [abcd1234]: changed\n#   was: x\n#   now: y\n#   .body was: a\n#   ojo: my note\nm = M\n";
        let c = Catalog::parse(text);
        assert_eq!(
            c.outdated_marker(0),
            Some(Marker {
                hash: "abcd1234".into(),
                lines: 4
            })
        );
    }

    /// Lookups answer alike whether they ask each file's index (a few files) or the
    /// merged map (many): the first file's definition wins.
    #[test]
    fn files_find_the_first_definition_however_many_there_are() {
        let texts: Vec<String> = (0..7)
            .map(|f| format!("shared = S{f}\nonly-{f} = O\n-term-{f} = T\n"))
            .collect();
        let catalogs: Vec<Catalog> = texts.iter().map(|t| Catalog::parse(t)).collect();
        for n in [1, 3, 7] {
            let files = Files::new(&catalogs[..n]);
            assert_eq!(files.merged.is_some(), n > 4);
            assert_eq!(files.find("shared"), Some((0, 0)));
            for f in 0..7 {
                assert_eq!(files.find(&format!("only-{f}")), (f < n).then_some((f, 1)));
                assert_eq!(files.contains(&format!("-term-{f}")), f < n);
            }
            assert!(!files.contains("missing") && !files.contains("term-0"));
        }
    }
}
