//! What `sync` remembers between runs: for each translated message of a locale file, the
//! source text it last saw. Stored beside the locale file as `<file>.ftl.sync`: UTF-8
//! text, one line per pattern (`id = text`, `id.attr = text`), messages sorted by ID and
//! separated by a blank line, so two translators' branches merge without conflict unless
//! they touched the same message, and a reviewer can read it.

use std::collections::BTreeMap;

/// Source patterns per message ID: `("", value)`, `(".attr", text)`.
pub type Patterns = Vec<(String, String)>;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    pub seen: BTreeMap<String, Patterns>,
    /// Review records (`carta review`) by message ID, as written after `id@reviewed = `
    /// (see [`crate::review::Record`]).
    pub reviews: BTreeMap<String, String>,
}

/// The extension added to a locale file's name.
pub const EXTENSION: &str = "sync";

/// The key suffix of a review record line: `id@reviewed = …`, written in the message's
/// block so that two branches reviewing different messages merge without conflict.
pub const REVIEW_KEY: &str = "@reviewed";

impl State {
    /// Parses a state file; an error gives the 1-based line and what is wrong.
    pub fn parse(text: &str) -> Result<State, (usize, String)> {
        let view = StateView::parse(text)?;
        let seen = view
            .lines
            .chunk_by(|a, b| a.id() == b.id())
            .map(|run| {
                let owned = run
                    .iter()
                    .map(|l| (l.key().to_string(), unescape(l.escaped())))
                    .collect();
                (run[0].id().to_string(), owned)
            })
            .collect();
        let reviews = view
            .reviews
            .iter()
            .map(|(id, r)| (id.to_string(), r.to_string()))
            .collect();
        Ok(State { seen, reviews })
    }

    pub fn render(&self, locale_file: &str) -> String {
        render(
            locale_file,
            self.seen.iter().map(|(id, p)| (id.as_str(), p.as_slice())),
            |id| self.reviews.get(id).map(String::as_str),
        )
    }
}

/// The text of a state file: `seen` must come sorted by ID, each ID once; `review` gives
/// the review record to write in a message's block, if it has one.
pub fn render<'p, 'r, K: AsRef<str> + 'p, T: AsRef<str> + 'p>(
    locale_file: &str,
    seen: impl IntoIterator<Item = (&'p str, &'p [(K, T)])> + Clone,
    review: impl Fn(&str) -> Option<&'r str>,
) -> String {
    let header = format!(
        "# carta sync state for {locale_file}: the source text each translated message last saw.\n\
         # Written by `carta sync` to notice outdated translations; commit it, do not edit it.\n"
    );
    // The exact length first: grown by doubling, a 50 MB state took 100 MB at once.
    let escaped_len = |t: &str| {
        t.len()
            + t.bytes()
                .filter(|b| matches!(b, b'\\' | b'\n' | b'\r'))
                .count()
    };
    let mut len = header.len();
    for (id, patterns) in seen.clone() {
        len += 1;
        for (key, text) in patterns {
            len += id.len() + key.as_ref().len() + 3 + escaped_len(text.as_ref()) + 1;
        }
        if let Some(record) = review(id) {
            len += id.len() + REVIEW_KEY.len() + 3 + escaped_len(record) + 1;
        }
    }
    let mut out = String::with_capacity(len);
    out.push_str(&header);
    for (id, patterns) in seen {
        out.push('\n');
        for (key, text) in patterns {
            out.push_str(id);
            out.push_str(key.as_ref());
            out.push_str(" = ");
            escape_into(text.as_ref(), &mut out);
            out.push('\n');
        }
        if let Some(record) = review(id) {
            out.push_str(id);
            out.push_str(REVIEW_KEY);
            out.push_str(" = ");
            escape_into(record, &mut out);
            out.push('\n');
        }
    }
    out
}

/// What a sync asks of the state it starts from: did the source text a message last saw
/// change, and what was it.
pub trait Seen {
    /// Whether `id` was recorded with text other than `current` (`false` when it was
    /// not recorded at all).
    fn changed<K: AsRef<str>, T: AsRef<str>>(&self, id: &str, current: &[(K, T)]) -> bool;
    /// The recorded text of `id`.
    fn patterns(&self, id: &str) -> Option<Patterns>;
    /// The review record of `id`, if one was written.
    fn review(&self, id: &str) -> Option<String>;
}

impl Seen for State {
    fn changed<K: AsRef<str>, T: AsRef<str>>(&self, id: &str, current: &[(K, T)]) -> bool {
        self.seen.get(id).is_some_and(|seen| {
            seen.len() != current.len()
                || seen.iter().zip(current).any(|((k, t), (ck, ct))| {
                    k != ck.as_ref() || !same_but_wrapping(t, ct.as_ref())
                })
        })
    }
    fn patterns(&self, id: &str) -> Option<Patterns> {
        self.seen.get(id).cloned()
    }
    fn review(&self, id: &str) -> Option<String> {
        self.reviews.get(id).cloned()
    }
}

impl Seen for StateView<'_> {
    fn changed<K: AsRef<str>, T: AsRef<str>>(&self, id: &str, current: &[(K, T)]) -> bool {
        StateView::changed_texts(self, id, current)
    }
    fn patterns(&self, id: &str) -> Option<Patterns> {
        Some(
            self.run(id)?
                .iter()
                .map(|l| (l.key().to_string(), unescape(l.escaped())))
                .collect(),
        )
    }
    fn review(&self, id: &str) -> Option<String> {
        self.reviews.get(id).map(|r| unescape(r))
    }
}

/// A state file read without copying, for `check`, which only asks whether the text a
/// message last saw is still the source's.
///
/// At a million messages this is what check holds beside the file's text, so it is kept
/// small: one [`Line`] (24 bytes) per pattern line and a table of 4-byte line numbers to
/// find an ID's run (a map from borrowed IDs to ranges took ~70 MB more).
#[derive(Debug, Default)]
pub struct StateView<'a> {
    /// Every pattern line, grouped by ID in file order (sorted by ID only if the file
    /// was not, e.g. after a hand edit).
    lines: Vec<Line<'a>>,
    /// The first line of each ID's run, hashed by the ID.
    runs: hashbrown::HashTable<u32>,
    /// ID → its review record (escaped).
    reviews: rustc_hash::FxHashMap<&'a str, &'a str>,
}

/// One `id.attr = text` line of a state file, split where [`split_line`] splits it.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    line: &'a str,
    id_end: u32,
    key_end: u32,
}

impl<'a> Line<'a> {
    fn id(&self) -> &'a str {
        &self.line[..self.id_end as usize]
    }
    /// `""` for the value, `.attr` for an attribute.
    fn key(&self) -> &'a str {
        &self.line[self.id_end as usize..self.key_end as usize]
    }
    /// The text, still escaped.
    fn escaped(&self) -> &'a str {
        self.line.get(self.key_end as usize + 3..).unwrap_or("")
    }
}

fn id_hash(id: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(id)
}

impl<'a> StateView<'a> {
    /// Parses like [`State::parse`], borrowing the text (values stay escaped).
    pub fn parse(text: &'a str) -> Result<StateView<'a>, (usize, String)> {
        // One blank line between messages: about half the lines hold a pattern.
        // Room for the lines that are not blank (a blank line between messages).
        let bytes = text.as_bytes();
        let breaks = memchr::memchr_iter(b'\n', bytes).count();
        let blank = memchr::memmem::find_iter(bytes, b"\n\n").count()
            + memchr::memmem::find_iter(bytes, b"\n\r\n").count();
        let mut lines: Vec<Line> = Vec::with_capacity(breaks.saturating_sub(blank) + 1);
        let mut reviews = rustc_hash::FxHashMap::default();
        let mut grouped = true;
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with("<<<<<<<")
                || line.starts_with(">>>>>>>")
                || line.starts_with("=======")
            {
                return Err((n + 1, "unresolved merge conflict".into()));
            }
            let Some((id, attr, escaped)) = split_line(line) else {
                return Err((n + 1, state_line_error(line)));
            };
            if attr == REVIEW_KEY {
                if reviews.insert(id, escaped).is_some() {
                    return Err((
                        n + 1,
                        format!("`{id}` has two review records (a merge kept both sides?): keep the one whose reviewer and date are right, delete the other"),
                    ));
                }
                continue;
            }
            if let Some(last) = lines.last() {
                grouped &= last.id() <= id;
            }
            let (Ok(id_end), Ok(key_end)) = (
                u32::try_from(id.len()),
                u32::try_from(id.len() + attr.len()),
            ) else {
                return Err((n + 1, "the line is too long (over 4 GB)".into()));
            };
            lines.push(Line {
                line,
                id_end,
                key_end,
            });
        }
        if !grouped {
            lines.sort_by_key(|l| l.id());
        }
        if u32::try_from(lines.len()).is_err() {
            return Err((1, "too many lines (over 4 billion)".into()));
        }
        let mut runs = hashbrown::HashTable::with_capacity(lines.len());
        let mut start = 0;
        while start < lines.len() {
            let id = lines[start].id();
            let mut end = start + 1;
            while end < lines.len() && lines[end].id() == id {
                end += 1;
            }
            if let Some(attr) = repeated_key(&lines[start..end]) {
                return Err(duplicate_error(text, id, attr));
            }
            // Lines are grouped by ID, so each ID starts one run.
            runs.insert_unique(id_hash(id), start as u32, |&s: &u32| {
                id_hash(lines[s as usize].id())
            });
            start = end;
        }
        runs.shrink_to_fit(|&s: &u32| id_hash(lines[s as usize].id()));
        Ok(StateView {
            lines,
            runs,
            reviews,
        })
    }

    /// The lines recorded for `id` (none when it was not recorded).
    fn run(&self, id: &str) -> Option<&[Line<'a>]> {
        let &start = self
            .runs
            .find(id_hash(id), |&s| self.lines[s as usize].id() == id)?;
        let start = start as usize;
        let len = self.lines[start..]
            .iter()
            .take_while(|l| l.id() == id)
            .count();
        Some(&self.lines[start..start + len])
    }

    /// Whether `id` was recorded with text other than `current` (`false` when it was
    /// not recorded at all: nothing to compare).
    pub fn changed(&self, id: &str, current: &Patterns) -> bool {
        self.changed_texts(id, current)
    }

    /// [`StateView::changed`] with the current `(key, text)` pairs held in any form
    /// (check borrows them from the source file).
    pub fn changed_texts<K: AsRef<str>, T: AsRef<str>>(
        &self,
        id: &str,
        current: &[(K, T)],
    ) -> bool {
        let Some(seen) = self.run(id) else {
            return false;
        };
        seen.len() != current.len()
            || seen.iter().zip(current).any(|(l, (ck, ct))| {
                let (e, ct) = (l.escaped(), ct.as_ref());
                l.key() != ck.as_ref()
                    || !(escaped_eq(e, ct)
                        || (e.contains("\\n") || ct.contains('\n'))
                            && same_but_wrapping(&unescape(e), ct))
            })
    }
}

/// A key (`""` for the value, `.attr`) that a message's run of lines has twice.
fn repeated_key<'a>(run: &[Line<'a>]) -> Option<&'a str> {
    if run.len() <= 8 {
        return run
            .iter()
            .enumerate()
            .find(|(n, l)| run[..*n].iter().any(|l2| l2.key() == l.key()))
            .map(|(_, l)| l.key());
    }
    let mut keys = rustc_hash::FxHashSet::default();
    run.iter().map(Line::key).find(|k| !keys.insert(*k))
}

/// The error for a key recorded twice (two sides of a merge both kept), at the line of
/// its second occurrence.
fn duplicate_error(text: &str, id: &str, attr: &str) -> (usize, String) {
    let mut seen = 0;
    let mut line_no = 1;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if split_line(line).is_some_and(|(i, a, _)| i == id && a == attr) {
            seen += 1;
            if seen == 2 {
                line_no = n + 1;
                break;
            }
        }
    }
    (
        line_no,
        format!(
            "`{id}{attr}` is recorded twice (a merge kept both sides?): keep one of its blocks and delete the other — if unsure, keep the older one, so that `carta sync` shows the translator what changed"
        ),
    )
}

/// `id = text`, `-term = text` or `id.attr = text` (`text` may be empty, `id =`) →
/// `(id, ".attr" or "", text)`, in one pass over the key's bytes.
fn split_line(line: &str) -> Option<(&str, &str, &str)> {
    let bytes = line.as_bytes();
    let ident = |from: usize| from + crate::ftl::identifier_len(&line[from..]);
    let id_start = usize::from(bytes.first() == Some(&b'-'));
    let id_end = ident(id_start);
    if id_end == id_start {
        return None;
    }
    let mut key_end = id_end;
    if bytes.get(id_end) == Some(&b'.') {
        key_end = ident(id_end + 1);
        if key_end == id_end + 1 {
            return None;
        }
    } else if line[id_end..].starts_with(REVIEW_KEY) {
        key_end = id_end + REVIEW_KEY.len();
    }
    let rest = &line[key_end..];
    let escaped = match rest.strip_prefix(" = ") {
        Some(escaped) => escaped,
        None if rest == " =" => "",
        None => return None,
    };
    Some((&line[..id_end], &line[id_end..key_end], escaped))
}

/// Why a line is not `id = text`.
fn state_line_error(line: &str) -> String {
    match line.split_once(" =") {
        Some((key, _)) => {
            let id = key.split('.').next().unwrap_or(key);
            format!("`{id}` is not a message ID")
        }
        None => "expected `id = text`".into(),
    }
}

/// `escaped` is `raw` as the state file writes it (`\\`, `\n`, `\r` escaped), without allocating.
/// Whether two source texts differ at most in where their lines wrap: a line break (not
/// a Markdown hard break, which ends a line with `\`) and the spaces around it count as
/// one space, as in a Markdown paragraph. Re-wrapping a source paragraph (or the change
/// in `extract` that joined soft line breaks) outdates no translation.
pub fn same_but_wrapping(a: &str, b: &str) -> bool {
    a == b || (a.contains('\n') || b.contains('\n')) && unwrapped(a) == unwrapped(b)
}

/// The text with each soft line break and the spaces around it as one space.
pub fn unwrapped(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\n') {
        return std::borrow::Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        let hard = line.ends_with('\\');
        let line = if i > 0 { line.trim_start() } else { line };
        if i + 1 < lines.len() && !hard {
            out.push_str(line.trim_end());
            out.push(' ');
        } else {
            out.push_str(line);
            if i + 1 < lines.len() {
                out.push('\n');
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

fn escaped_eq(escaped: &str, raw: &str) -> bool {
    if !escaped.contains('\\') {
        return escaped == raw;
    }
    let mut raw = raw.chars();
    let mut esc = escaped.chars();
    while let Some(c) = esc.next() {
        let expected = if c == '\\' {
            match esc.next() {
                Some('n') => '\n',
                Some('r') => '\r',
                Some(other) => other,
                None => '\\',
            }
        } else {
            c
        };
        if raw.next() != Some(expected) {
            return false;
        }
    }
    raw.next().is_none()
}

fn escape_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(i) = rest.find(['\\', '\n', '\r']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'\\' => "\\\\",
            b'\n' => "\\n",
            _ => "\\r",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

fn unescape(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrapping_is_not_a_change() {
        assert!(same_but_wrapping("a b", "a b"));
        assert!(same_but_wrapping("a\nb", "a b"));
        assert!(same_but_wrapping("a  \n  b c", "a b c"));
        // A hard break is kept.
        assert!(!same_but_wrapping("a\\\nb", "a b"));
        assert!(same_but_wrapping("a\\\nb", "a\\\nb"));
        assert!(!same_but_wrapping("a\nb", "a c"));
        assert!(!same_but_wrapping("ab", "a b"));
    }

    use super::*;

    #[test]
    fn roundtrip() {
        let mut s = State::default();
        s.seen
            .insert("b".into(), vec![("".into(), "two\nlines \\ ok".into())]);
        s.seen.insert(
            "a".into(),
            vec![("".into(), "A".into()), (".body".into(), "".into())],
        );
        let text = s.render("es/x.ftl");
        assert_eq!(State::parse(&text).unwrap(), s);
        assert!(text.find("\na = A").unwrap() < text.find("\nb = ").unwrap());
    }

    #[test]
    fn view_compares_like_the_owned_state() {
        let mut s = State::default();
        s.seen.insert(
            "a".into(),
            vec![("".into(), "x\\y\nz".into()), (".body".into(), "b".into())],
        );
        let text = s.render("f");
        let view = StateView::parse(&text).unwrap();
        let same = s.seen["a"].clone();
        assert!(!view.changed("a", &same));
        let mut other = same.clone();
        other[1].1 = "c".into();
        assert!(view.changed("a", &other));
        assert!(!view.changed("missing", &other));
    }

    /// A hand-edited file whose lines are not grouped by ID reads as if they were.
    #[test]
    fn view_groups_lines_of_an_unsorted_file() {
        let text = "b = x\na = y\nb.attr = z\n";
        let view = StateView::parse(text).unwrap();
        let b = vec![
            ("".to_string(), "x".to_string()),
            (".attr".into(), "z".into()),
        ];
        assert!(!view.changed("b", &b));
        assert!(!view.changed("a", &vec![("".to_string(), "y".to_string())]));
        assert!(view.changed("a", &vec![("".to_string(), "z".to_string())]));
        assert_eq!(State::parse(text).unwrap().seen["b"], b);
    }

    #[test]
    fn lines_split_into_id_attribute_and_text() {
        assert_eq!(split_line("a = x = y"), Some(("a", "", "x = y")));
        assert_eq!(
            split_line("-brand.gender = masculine"),
            Some(("-brand", ".gender", "masculine"))
        );
        assert_eq!(split_line("a-b_c.label ="), Some(("a-b_c", ".label", "")));
        assert_eq!(
            split_line("a =  two spaces"),
            Some(("a", "", " two spaces"))
        );
        for bad in [
            "= x",
            "1a = x",
            "a.= x",
            "a x = y",
            "a=x",
            "a.b.c = x",
            "- = x",
            "a",
        ] {
            assert_eq!(split_line(bad), None, "{bad}");
        }
        assert_eq!(
            State::parse("\n1a = x\n").unwrap_err(),
            (2, "`1a` is not a message ID".into())
        );
        assert_eq!(
            State::parse("a\n").unwrap_err(),
            (1, "expected `id = text`".into())
        );
    }

    /// Lines hand-shuffled, CRLF, attributes, escapes and a review record: every
    /// message's run is found (the table of line numbers), none invented, and a key
    /// recorded twice is still refused.
    #[test]
    fn view_finds_every_run_of_a_shuffled_file() {
        // Blocks of lines in reverse order, two swapped (a message's own lines in order).
        let mut blocks = Vec::new();
        for i in 0..2000 {
            let mut block = format!("m{i} = text {i} \\n<script>");
            if i % 3 == 0 {
                block.push_str(&format!("\r\nm{i}.title = title {i}"));
            }
            blocks.push(block);
        }
        blocks.push("m5@reviewed = Ana, 2026-12-01 (source ab, translation cd)".into());
        blocks.reverse();
        blocks.swap(1, 1500);
        let text = blocks.join("\r\n");
        let lines: Vec<&str> = text.lines().collect();
        let view = StateView::parse(&text).unwrap();
        for i in 0..2000 {
            let mut current = vec![("".to_string(), format!("text {i} \n<script>"))];
            if i % 3 == 0 {
                current.push((".title".into(), format!("title {i}")));
            }
            assert!(!view.changed(&format!("m{i}"), &current), "m{i}");
            current[0].1.push('!');
            assert!(view.changed(&format!("m{i}"), &current), "m{i}");
        }
        assert!(!view.changed("m2000", &vec![("".to_string(), "x".to_string())]));
        assert!(view.review("m5").is_some() && view.review("m6").is_none());
        let twice = format!("{text}\r\nm7 = again\r\n");
        let (line, message) = StateView::parse(&twice).unwrap_err();
        assert_eq!(line, lines.len() + 1);
        assert!(message.contains("`m7` is recorded twice"), "{message}");
    }

    #[test]
    fn conflict_markers_are_errors() {
        assert_eq!(State::parse("a = x\n<<<<<<< HEAD\n").unwrap_err().0, 2);
    }
}
