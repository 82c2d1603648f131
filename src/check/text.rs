//! Text rules: identical to the source, numbers, Markdown (links, emphasis, code,
//! structure), invisible characters and punctuation per language.

use std::collections::BTreeSet;

use super::file::{Context, Derived, Label};
use super::{Code, Diagnostic};

pub(super) fn check_text(
    ctx: &Context,
    label: &Label,
    source: &Derived,
    t: &str,
    offset: usize,
    d: &dyn Fn(Code, usize, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    let s = source.plain.as_ref();
    if !ctx.same_language
        && super::invisible::without_invisible(s) == super::invisible::without_invisible(t)
        && s.chars().any(char::is_alphabetic)
        && !ctx
            .allow_identical
            .iter()
            .any(|a| a.eq_ignore_ascii_case(s.trim()))
    {
        out.push(d(Code::Identical, offset, format!("{label} is identical to the source text (add it to `check.allow-identical` in carta.toml if that is intended)")));
    }
    let marks = source.marks();
    let s_numbers = numbers(s);
    let t_digits = if s_numbers.is_empty() {
        std::borrow::Cow::Borrowed("")
    } else {
        normalize_digits(t)
    };
    let t_numbers = numbers(&t_digits);
    // (A set when there are many: a text of 40,000 numbers took seconds with a list.)
    let t_set: rustc_hash::FxHashSet<&str> = if t_numbers.len() > 16 {
        t_numbers.iter().copied().collect()
    } else {
        Default::default()
    };
    let has = |n: &str| {
        if t_set.is_empty() {
            t_numbers.contains(&n)
        } else {
            t_set.contains(n)
        }
    };
    let mut missing_numbers: Vec<&str> = s_numbers.into_iter().filter(|n| !has(n)).collect();
    missing_numbers.dedup();
    for n in missing_numbers {
        out.push(d(
            Code::Numbers,
            offset,
            format!("{label}: the number {n} of the source is missing from the translation"),
        ));
    }
    let (s_md, t_md) = (&marks.md, markdown_shape(t));
    for link in s_md.links.difference(&t_md.links) {
        out.push(d(
            Code::Markdown,
            offset,
            format!("{label}: the link target `{link}` of the source is missing"),
        ));
    }
    for link in t_md.links.difference(&s_md.links) {
        out.push(d(
            Code::Markdown,
            offset,
            format!("{label}: the link target `{link}` is not in the source"),
        ));
    }
    for (what, a, b) in [
        ("strong emphasis", s_md.strong, t_md.strong),
        ("emphasis", s_md.emphasis, t_md.emphasis),
        ("code spans", s_md.code, t_md.code),
    ] {
        if a != b {
            out.push(d(
                Code::Markdown,
                offset,
                format!("{label}: the source has {a} {what}, the translation {b}"),
            ));
        }
    }
    super::structure::check(label, &marks.structures, t, offset, d, out);
    // A character reference (`&#x202E;`, `&ZeroWidthSpace;`) is the character itself
    // once a Markdown renderer (and carta's build) has read the text: judged as read.
    let (s_read, t_read) = (as_rendered(s), as_rendered(t));
    super::invisible::check(label, ctx.tag.is_rtl(), &s_read, &t_read, offset, d, out);
    check_punctuation(ctx, label, t, offset, d, out);
}

fn check_punctuation(
    ctx: &Context,
    label: &Label,
    t: &str,
    offset: usize,
    d: &dyn Fn(Code, usize, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    let lang = ctx.tag.langid().language.as_str();
    let count = |c: char| t.chars().filter(|&x| x == c).count();
    match lang {
        "es" | "gl" | "ast" => {
            if count('?') > count('¿') {
                out.push(d(
                    Code::Punctuation,
                    offset,
                    format!("{label}: a Spanish question needs an opening `¿`"),
                ));
            }
            if count('!') > count('¡') {
                out.push(d(
                    Code::Punctuation,
                    offset,
                    format!("{label}: a Spanish exclamation needs an opening `¡`"),
                ));
            }
        }
        "ar" | "fa" | "ur" if t.contains('?') => {
            out.push(d(
                Code::Punctuation,
                offset,
                format!("{label}: use the Arabic question mark `؟`, not `?`"),
            ));
        }
        "zh" | "ja" => {
            let chars: Vec<char> = t.chars().collect();
            for w in chars.windows(2) {
                if super::coverage::count_words(&w[0].to_string()) == 1
                    && !w[0].is_ascii()
                    && matches!(w[1], ',' | '?' | '!' | ':' | ';')
                {
                    out.push(d(Code::Punctuation, offset, format!("{label}: use full-width punctuation (`，？！：；`) after {} text, not `{}`", if lang == "zh" { "Chinese" } else { "Japanese" }, w[1])));
                    break;
                }
            }
        }
        "fr" => {
            let chars: Vec<char> = t.chars().collect();
            for (i, &c) in chars.iter().enumerate() {
                if !matches!(c, ':' | ';' | '?' | '!') || i == 0 {
                    continue;
                }
                let before = chars[i - 1];
                let url = c == ':' && chars.get(i + 1) == Some(&'/');
                let time = c == ':' && before.is_ascii_digit();
                if !url && !time && before != '\u{00A0}' && before != '\u{202F}' {
                    out.push(d(Code::FrenchSpacing, offset, format!("{label}: French typography puts a no-break space (U+00A0 or U+202F) before `{c}`")));
                    break;
                }
            }
        }
        _ => {}
    }
}

pub(super) fn normalize_digits(s: &str) -> std::borrow::Cow<'_, str> {
    // Only Arabic-Indic and full-width digits need mapping; most text has none.
    if !s
        .contains(|c: char| matches!(c as u32, 0x0660..=0x0669 | 0x06F0..=0x06F9 | 0xFF10..=0xFF19))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| match c as u32 {
            0x0660..=0x0669 => char::from(b'0' + (c as u32 - 0x0660) as u8),
            0x06F0..=0x06F9 => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            0xFF10..=0xFF19 => char::from(b'0' + (c as u32 - 0xFF10) as u8),
            _ => c,
        })
        .collect::<String>()
        .into()
}

/// The runs of ASCII digits in `s` (bytes: a UTF-8 continuation byte is never a digit).
pub(super) fn numbers(s: &str) -> Vec<&str> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            out.push(&s[start..i]);
        } else {
            i += 1;
        }
    }
    out
}

#[derive(Default)]
pub(super) struct MarkdownShape {
    pub(super) links: BTreeSet<String>,
    strong: usize,
    emphasis: usize,
    code: usize,
}

impl MarkdownShape {
    pub(super) fn is_empty(&self) -> bool {
        self.links.is_empty() && self.strong == 0 && self.emphasis == 0 && self.code == 0
    }
}

pub(super) fn markdown_shape(text: &str) -> MarkdownShape {
    use pulldown_cmark::{Event, Parser, Tag as MdTag};
    let mut shape = MarkdownShape::default();
    if !text
        .bytes()
        .any(|b| matches!(b, b'*' | b'_' | b'[' | b'`' | b'<'))
    {
        return shape;
    }
    for event in Parser::new(text) {
        match event {
            Event::Start(MdTag::Link { dest_url, .. })
            | Event::Start(MdTag::Image { dest_url, .. }) => {
                shape.links.insert(dest_url.to_string());
            }
            Event::Start(MdTag::Strong) => shape.strong += 1,
            Event::Start(MdTag::Emphasis) => shape.emphasis += 1,
            Event::Code(_) => shape.code += 1,
            _ => {}
        }
    }
    shape
}

/// The text a Markdown renderer shows for `text`: character references decoded (the rest
/// as written, which is all of it for text without `&`).
pub(super) fn as_rendered(text: &str) -> std::borrow::Cow<'_, str> {
    use pulldown_cmark::{Event, Parser};
    if !text.contains('&') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for event in Parser::new(text) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_references_are_read_as_their_characters() {
        assert_eq!(
            as_rendered("Tome &#x202E;10 mg&#8203;"),
            "Tome \u{202E}10 mg\u{200B}"
        );
        assert_eq!(as_rendered("a &ZeroWidthSpace;b"), "a \u{200B}b");
        assert_eq!(as_rendered("no references"), "no references");
    }

    #[test]
    fn digits_are_normalised() {
        assert_eq!(numbers(&normalize_digits("١٠ فوائد")), vec!["10"]);
    }
}
