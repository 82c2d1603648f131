//! `build`: resolved messages per locale → the files of `dist/`.
//!
//! Resolution is per message part (value, each attribute): the first locale of the
//! fallback chain whose bundle formats that part without error wins, so a half-finished
//! Spanish handout shows Spanish where it can and English (marked with its own `lang`)
//! where it must. Renderers (`html`, `markdown`, `json`) take the resolved parts and the
//! handout's structure and return bytes; the command writes them.

pub mod clinic;
pub mod dates;
pub mod html;
pub mod icu;
pub mod intl;
pub mod json;
pub mod markdown;
pub mod merge;
pub mod notices;
pub mod pdf;
pub mod resources;
pub mod review_page;
pub mod strings;
pub mod table;
pub mod types;

use std::borrow::Borrow;
use std::cell::Cell;
use std::collections::BTreeMap;

use fluent_bundle::resolver::errors::ResolverError;
use fluent_bundle::{FluentArgs, FluentBundle, FluentError, FluentResource};

use crate::locale::Tag;

thread_local! {
    /// Set while [`format_pattern`] runs, so the panic hook stays quiet about a panic it
    /// catches.
    static FORMATTING: Cell<bool> = const { Cell::new(false) };
}

/// Formats a pattern with fluent-bundle, which panics (`unreachable!()`,
/// projectfluent/fluent-rs#242) when a message resolves more than 100 placeables and the
/// placeable it stops at is a literal or a nested placeable (`{ { -term } }`). A
/// translation must not crash carta: the panic is caught and counts as the
/// `TooManyPlaceables` error it comes from, and `None` is returned.
pub fn format_pattern<R: Borrow<FluentResource>>(
    bundle: &FluentBundle<R>,
    pattern: &fluent_syntax::ast::Pattern<&str>,
    args: Option<&FluentArgs>,
    errors: &mut Vec<FluentError>,
) -> Option<String> {
    static QUIET_HOOK: std::sync::Once = std::sync::Once::new();
    QUIET_HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !FORMATTING.with(Cell::get) {
                default(info);
            }
        }));
    });
    FORMATTING.with(|f| f.set(true));
    let text = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        bundle.format_pattern(pattern, args, errors).into_owned()
    }));
    FORMATTING.with(|f| f.set(false));
    match text {
        Ok(text) => Some(text),
        Err(_) => {
            errors.push(FluentError::ResolverError(ResolverError::TooManyPlaceables));
            None
        }
    }
}

/// One resolved message part: its text and the locale it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub text: String,
    /// Index into the chain of the locale that provided the text.
    pub from: usize,
    /// Published although not fit to print as it is: shown with a notice.
    pub flag: Option<Flag>,
}

/// Why a published passage is marked on the page (`[publish]` policy `mark`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Flag {
    /// Unreviewed (no second person signed it off).
    Unreviewed,
    /// Outdated (the source changed since it was translated).
    Outdated,
}

impl Flag {
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Outdated => "outdated",
            Flag::Unreviewed => "unreviewed",
        }
    }
}

/// A message resolved through the fallback chain.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolved {
    pub value: Option<Part>,
    pub attributes: BTreeMap<String, Part>,
}

impl Resolved {
    /// Whether any part came from a locale other than the first of the chain.
    pub fn fell_back(&self) -> Option<usize> {
        self.value
            .iter()
            .chain(self.attributes.values())
            .map(|p| p.from)
            .filter(|&f| f > 0)
            .max()
    }
}

/// Everything the renderers need about one built locale.
pub struct LocaleBundle {
    pub tag: Tag,
    /// The fallback chain, starting with `tag`, ending with the source locale.
    pub chain: Vec<Tag>,
    pub pseudo: bool,
    /// Source message IDs (no terms) → resolved text.
    pub messages: BTreeMap<String, Resolved>,
    /// carta's own words on this locale's pages.
    pub strings: strings::Strings,
}

impl LocaleBundle {
    pub fn part(&self, id: &str, attribute: Option<&str>) -> Option<&Part> {
        let m = self.messages.get(id)?;
        match attribute {
            None => m.value.as_ref(),
            Some(a) => m.attributes.get(a),
        }
    }

    /// The mark of message `id` on the page: the most serious flag of its parts.
    pub fn flag(&self, id: &str) -> Option<Flag> {
        let m = self.messages.get(id)?;
        m.value
            .iter()
            .chain(m.attributes.values())
            .filter_map(|p| p.flag)
            .max()
    }

    pub fn locale_of(&self, part: &Part) -> &Tag {
        &self.chain[part.from.min(self.chain.len() - 1)]
    }

    /// Messages that fell back, with the locale they came from.
    pub fn fallbacks(&self) -> Vec<(&str, &Tag)> {
        self.messages
            .iter()
            .filter_map(|(id, m)| m.fell_back().map(|f| (id.as_str(), &self.chain[f])))
            .collect()
    }

    /// Whether a fallback locale has another language than the bundle (what `--strict`
    /// fails on: `es-MX` taking a message from `es` is by design, from `en-US` is not).
    pub fn is_foreign(&self, from: &Tag) -> bool {
        from.langid().language != self.tag.langid().language || (self.pseudo && from != &self.tag)
    }
}

/// The two pseudo-locales of `--pseudo`.
/// A text transform for a pseudo-locale (a plain `fn`, as fluent-bundle requires).
pub type Transform = fn(&str) -> std::borrow::Cow<str>;

pub fn pseudo_tags() -> [(Tag, Transform); 2] {
    fn accented(s: &str) -> std::borrow::Cow<'_, str> {
        fluent_pseudo::transform(s, false, true)
    }
    fn mirrored(s: &str) -> std::borrow::Cow<'_, str> {
        fluent_pseudo::transform(s, true, false)
    }
    [
        (Tag::parse("en-XA").expect("valid tag"), accented),
        (Tag::parse("ar-XB").expect("valid tag"), mirrored),
    ]
}

/// Lower-case hex SHA-256 of some bytes, for the manifest.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes).into())
}

/// Lower-case hex of a SHA-256 digest.
pub fn hex(hash: &[u8; 32]) -> String {
    hash.iter().map(|b| format!("{b:02x}")).collect()
}
