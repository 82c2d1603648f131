//! carta's own words on a published page — notices, the footer, "page x of y", the
//! language picker, the clinic's labels — as Fluent messages, shipped for every language
//! carta knows (`src/bundle/strings/<tag>.ftl`, compiled into the binary) with English
//! as the fallback. A project changes any of them for a locale in
//! `locales/<tag>/carta.ftl` ([`OVERRIDE_FILE`]), which is not one of the locale's
//! handout translations: sync, check, export and build leave it out of those.
//!
//! Lookup for a locale with chain `es-MX → es → en-US`: the project's `es-MX/carta.ftl`,
//! then `es/carta.ftl`, then carta's Spanish, then the source folder's `carta.ftl`, then
//! carta's English.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::error::{Error, Result};
use crate::locale::Tag;

/// The file of a locale folder that overrides carta's words for that locale.
pub const OVERRIDE_FILE: &str = "carta.ftl";

/// carta's shipped strings: (tag, text).
const BUILT_IN: [(&str, &str); 7] = [
    ("en", include_str!("strings/en.ftl")),
    ("es", include_str!("strings/es.ftl")),
    ("fr", include_str!("strings/fr.ftl")),
    ("pt", include_str!("strings/pt.ftl")),
    ("vi", include_str!("strings/vi.ftl")),
    ("zh-Hans", include_str!("strings/zh-Hans.ftl")),
    ("ar", include_str!("strings/ar.ftl")),
];

/// Every message carta uses, with the variables it passes to it.
pub const MESSAGES: [(&str, &[&str]); 17] = [
    ("carta-notice-outdated", &[]),
    ("carta-notice-unreviewed", &[]),
    ("carta-fallback-title", &["language"]),
    ("carta-fallback-notice", &["count", "language"]),
    ("carta-language", &["code", "name"]),
    ("carta-page-number", &["page", "pages"]),
    ("carta-content-reviewed", &["date"]),
    ("carta-document-version", &["version"]),
    ("carta-audience", &["audience"]),
    ("carta-translation-reviewed", &["names", "date"]),
    ("carta-choose-language", &[]),
    ("carta-handouts", &[]),
    ("carta-clinic-phone", &[]),
    ("carta-clinic-email", &[]),
    ("carta-clinic-website", &[]),
    ("carta-clinic-address", &[]),
    ("carta-clinic-name", &[]),
];

/// The languages carta ships its words in.
pub fn built_in_languages() -> Vec<&'static str> {
    BUILT_IN.iter().map(|(t, _)| *t).collect()
}

/// The project's `carta.ftl` files, by locale, already validated.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    texts: BTreeMap<Tag, String>,
}

impl Overrides {
    /// Adds a locale's `carta.ftl` (`shown` is its path as errors name it): refused with
    /// the file, line and column when it does not parse, defines a message carta does not
    /// use, or uses a variable carta does not pass.
    pub fn add(&mut self, tag: &Tag, shown: &Path, text: &str) -> Result<()> {
        validate(shown, text)?;
        self.texts.insert(tag.clone(), text.to_string());
        Ok(())
    }

    pub fn get(&self, tag: &Tag) -> Option<&str> {
        self.texts.get(tag).map(String::as_str)
    }
}

fn config_error(shown: &Path, text: &str, offset: usize, message: String) -> Error {
    let (line, column) = crate::fs::line_col(text, offset);
    Error::Config {
        path: PathBuf::from(shown),
        line,
        column,
        message,
    }
}

fn validate(shown: &Path, text: &str) -> Result<()> {
    use fluent_syntax::ast::Entry;
    // Words printed on every page: no character that reorders or hides what is around it.
    // (The same rule as `[clinic]`: [`super::clinic::forbidden_char`].)
    if let Some((i, c)) = text
        .char_indices()
        .find(|&(_, c)| super::clinic::forbidden_char(c) && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(config_error(
            shown,
            text,
            i,
            format!(
                "contains the invisible or control character U+{:04X}; carta's words may not",
                c as u32
            ),
        ));
    }
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(r) => r,
        Err((_, errors)) => {
            let e = &errors[0];
            return Err(config_error(
                shown,
                text,
                e.pos.start,
                format!("carta's words for this locale do not parse: {}", e.kind),
            ));
        }
    };
    // Each message on its own, with the arguments carta passes to it.
    for entry in &resource.body {
        let Entry::Message(m) = entry else { continue };
        let id = m.id.name;
        let offset = text
            .match_indices(id)
            .map(|(i, _)| i)
            .find(|&i| {
                (i == 0 || text.as_bytes()[i - 1] == b'\n')
                    && matches!(text.as_bytes().get(i + id.len()), Some(b' ' | b'='))
            })
            .unwrap_or(0);
        let Some((_, vars)) = MESSAGES.iter().find(|(known, _)| *known == id) else {
            return Err(config_error(
                shown,
                text,
                offset,
                format!(
                    "`{id}` is not one of carta's messages; they are: {}",
                    MESSAGES.map(|(k, _)| k).join(", ")
                ),
            ));
        };
        let mut bundle = FluentBundle::new(vec![LanguageIdentifier::default()]);
        bundle.set_use_isolating(false);
        let _ = bundle
            .add_resource(FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r));
        let args = sample_args(vars);
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return Err(config_error(
                shown,
                text,
                offset,
                format!("`{id}` has no value"),
            ));
        };
        let mut errors = Vec::new();
        let value = super::format_pattern(&bundle, pattern, Some(&args), &mut errors);
        if let Some(e) = errors.first() {
            let can = if vars.is_empty() {
                "no variable".to_string()
            } else {
                vars.iter()
                    .map(|v| format!("`${v}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Err(config_error(
                shown,
                text,
                offset,
                format!("`{id}` cannot be formatted ({e}); carta passes it {can}"),
            ));
        }
        let value = value.unwrap_or_default();
        // What a string literal's escapes (`{"\u202E"}`) or a term put in the value is
        // held to the same rule as the text, and the clinic's words to [clinic]'s length.
        // (A value written on several lines has line breaks.)
        if let Some(c) = value
            .chars()
            .find(|&c| super::clinic::forbidden_char(c) && c != '\n')
        {
            return Err(config_error(
                shown,
                text,
                offset,
                format!("`{id}` gives the invisible or control character U+{:04X} (from an escape or a term); carta's words may not", c as u32),
            ));
        }
        // The words that tell a patient a passage is outdated, unreviewed or in another
        // language may not be blank (a `{""}` left only "⚠" on the page).
        if matches!(
            id,
            "carta-notice-outdated"
                | "carta-notice-unreviewed"
                | "carta-fallback-title"
                | "carta-fallback-notice"
        ) && !value.chars().any(|c| c.is_alphanumeric())
        {
            return Err(config_error(
                shown,
                text,
                offset,
                format!("`{id}` tells readers a passage is not fit to print as it is: it must say so in words (it is blank)"),
            ));
        }
        if let Some(key) = id.strip_prefix("carta-clinic-") {
            let max = if key == "address" { 300 } else { 200 };
            let n = value.chars().count();
            // The name and address are the clinic's (per locale); the others are labels.
            let needed = matches!(key, "name" | "address");
            if (needed && value.trim().is_empty()) || n > max {
                return Err(config_error(
                    shown,
                    text,
                    offset,
                    format!(
                        "`{id}` must have {} to {max} characters (as `[clinic] {key}`); it has {n}",
                        u8::from(needed)
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn sample_args(vars: &[&str]) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    for v in vars {
        match *v {
            "count" | "page" | "pages" => args.set(v.to_string(), FluentValue::from(2)),
            _ => args.set(v.to_string(), FluentValue::from("x")),
        }
    }
    args
}

/// carta's words for one locale.
pub struct Strings {
    /// The locale whose page this is.
    pub tag: Tag,
    /// Bundles in lookup order.
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl Strings {
    /// carta's words for `tag`, whose fallback chain is `chain` (starting with `tag`,
    /// ending with the source locale), with the project's `overrides`. A pseudo-locale's
    /// `transform` applies to them too.
    pub fn new(
        tag: &Tag,
        chain: &[Tag],
        overrides: &Overrides,
        transform: Option<super::Transform>,
    ) -> Strings {
        let mut bundles = Vec::new();
        let mut push = |lang: &LanguageIdentifier, text: &str| {
            let mut b = FluentBundle::new(vec![lang.clone()]);
            b.set_use_isolating(false);
            b.set_transform(transform);
            let _ = b
                .add_resource(FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r));
            bundles.push(b);
        };
        let source = chain.last().unwrap_or(tag);
        // Language by language in chain order: the project's words for each locale of that
        // language (most specific first), then carta's.
        let mut languages_done = std::collections::HashSet::new();
        for t in chain.iter().filter(|t| *t != source || *t == tag) {
            let language = t.langid().language;
            if !languages_done.insert(language) {
                continue;
            }
            for same in chain
                .iter()
                .filter(|c| c.langid().language == language && (*c != source || *c == tag))
            {
                if let Some(text) = overrides.get(same) {
                    push(same.langid(), text);
                }
            }
            // Carta's words in this language (pseudo-locales: in the source's).
            let lookup = if transform.is_some() { source } else { t };
            if let Some((lang, text)) = built_in(lookup) {
                push(&lang, text);
            }
        }
        if source != tag {
            if let Some(text) = overrides.get(source) {
                push(source.langid(), text);
            }
        }
        let en: LanguageIdentifier = "en".parse().unwrap_or_default();
        push(&en, BUILT_IN[0].1);
        Strings {
            tag: tag.clone(),
            bundles,
        }
    }

    /// Message `id` with `args`, from the first bundle that formats it without error
    /// (its ID when none does, which the tests rule out for carta's own messages).
    pub fn get(&self, id: &str, args: &[(&str, FluentValue)]) -> String {
        self.find(id, args).unwrap_or_else(|| id.to_string())
    }

    /// Message `id` when some bundle has it (the clinic's name and address are only in a
    /// project's `carta.ftl`).
    pub fn find(&self, id: &str, args: &[(&str, FluentValue)]) -> Option<String> {
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(k.to_string(), v.clone());
        }
        for b in &self.bundles {
            let Some(pattern) = b.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            if let Some(text) = super::format_pattern(b, pattern, Some(&fargs), &mut errors) {
                if errors.is_empty() {
                    return Some(text);
                }
            }
        }
        None
    }

    /// `id` without arguments.
    pub fn text(&self, id: &str) -> String {
        self.get(id, &[])
    }

    /// The name of `of`'s language in this locale's language.
    pub fn language(&self, of: &Tag) -> String {
        self.get(
            "carta-language",
            &[
                (
                    "code",
                    FluentValue::from(of.langid().language.as_str().to_string()),
                ),
                ("name", FluentValue::from(of.autonym())),
            ],
        )
    }
}

/// carta's built-in words for `tag`'s language, negotiated (`pt-BR` → `pt`, `zh-CN` →
/// `zh-Hans`); `None` when carta does not ship that language.
fn built_in(tag: &Tag) -> Option<(LanguageIdentifier, &'static str)> {
    use fluent_langneg::{negotiate_languages, NegotiationStrategy};
    let available: Vec<LanguageIdentifier> = BUILT_IN
        .iter()
        .filter_map(|(t, _)| t.parse().ok())
        .collect();
    let found = negotiate_languages(
        &[tag.langid().clone()],
        &available,
        None,
        NegotiationStrategy::Filtering,
    );
    let first = found.first()?;
    let i = available.iter().position(|a| a == *first)?;
    Some((available[i].clone(), BUILT_IN[i].1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> Tag {
        Tag::parse(s).unwrap()
    }

    /// Every shipped language has every message, each formats with carta's arguments,
    /// and none has a message carta does not use.
    #[test]
    fn every_language_has_every_message() {
        for (lang, text) in BUILT_IN {
            validate(Path::new(lang), text).unwrap_or_else(|e| panic!("{lang}: {e}"));
            let resource = fluent_syntax::parser::parse(text).unwrap();
            let ids: Vec<&str> = resource
                .body
                .iter()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name),
                    _ => None,
                })
                .collect();
            for (id, _) in MESSAGES {
                // Name and address labels are for overrides only (no label is printed).
                if matches!(id, "carta-clinic-name" | "carta-clinic-address") {
                    continue;
                }
                assert!(ids.contains(&id), "{lang} lacks {id}");
            }
        }
    }

    #[test]
    fn negotiated_and_overridden() {
        let chain = [tag("pt-BR"), tag("en-US")];
        let s = Strings::new(&chain[0], &chain, &Overrides::default(), None);
        assert_eq!(s.text("carta-choose-language"), "Escolha seu idioma");
        assert_eq!(s.language(&tag("en-US")), "inglês");
        let zh = [tag("zh-Hans"), tag("en-US")];
        let s = Strings::new(&zh[0], &zh, &Overrides::default(), None);
        assert_eq!(s.text("carta-clinic-phone"), "电话");
        // Klingon: English.
        let tlh = [tag("de"), tag("en-US")];
        let s = Strings::new(&tlh[0], &tlh, &Overrides::default(), None);
        assert_eq!(s.text("carta-clinic-phone"), "Phone");
        let mut o = Overrides::default();
        o.add(
            &tag("es"),
            Path::new("x.ftl"),
            "carta-clinic-phone = Tel.\n",
        )
        .unwrap();
        let es = [tag("es-MX"), tag("es"), tag("en-US")];
        let s = Strings::new(&es[0], &es, &o, None);
        assert_eq!(s.text("carta-clinic-phone"), "Tel.");
        assert_eq!(s.text("carta-clinic-website"), "Sitio web");
        let n = s.get(
            "carta-fallback-notice",
            &[
                ("count", FluentValue::from(3)),
                ("language", "inglés".into()),
            ],
        );
        assert_eq!(
            n,
            "3 fragmentos de este folleto aún no están traducidos y se muestran en inglés."
        );
        let ar = [tag("ar"), tag("en-US")];
        let s = Strings::new(&ar[0], &ar, &o, None);
        let two = s.get(
            "carta-fallback-notice",
            &[("count", FluentValue::from(2)), ("language", "x".into())],
        );
        assert!(two.contains("مقطعان"), "{two}");
    }

    #[test]
    fn overrides_are_validated() {
        let mut o = Overrides::default();
        let err = |text: &str| {
            Overrides::default()
                .add(&tag("es"), Path::new("locales/es/carta.ftl"), text)
                .unwrap_err()
                .to_string()
        };
        assert!(err("carta-phone = x\n")
            .contains("locales/es/carta.ftl:1:1: `carta-phone` is not one of carta's messages"));
        assert!(err("carta-clinic-phone = { $who }\n").contains("cannot be formatted"));
        assert!(err("carta-clinic-phone = a\u{202E}b\n")
            .contains("1:23: contains the invisible or control character U+202E"));
        // Escapes in string literals are held to the same rule, and the clinic's name
        // to [clinic]'s length (fix17 items 4, 9, 11).
        let e = err("carta-clinic-name = A{\"\\u202E\"}B\n");
        assert!(
            e.contains("1:1: `carta-clinic-name` gives the invisible or control character U+202E"),
            "{e}"
        );
        let e = err("\ncarta-clinic-name = {\"\"}\n");
        assert!(
            e.contains("2:1: `carta-clinic-name` must have 1 to 200 characters"),
            "{e}"
        );
        // (Third attack: a blank notice left only "⚠" beside outdated text.)
        for blank in ["{\"\"}", "{\" \"}", "⚠ …"] {
            assert!(
                err(&format!("carta-notice-outdated = {blank}\n")).contains("must say so in words"),
                "{blank}"
            );
        }
        let e = err(&format!("carta-clinic-name = {}\n", "W".repeat(201)));
        assert!(e.contains("it has 201"), "{e}");
        assert!(err("carta-clinic-phone = a{\"\\U0E0041\"}\n").contains("U+E0041"));
        assert!(err("carta-clinic-phone = a\u{2028}b\n").contains("U+2028"));
        assert!(err("carta-clinic-phone = a\u{00AD}b\n").contains("U+00AD"));
        // ZWNJ (Persian) and ZWJ (emoji) are letters' business, not hiding.
        Overrides::default()
            .add(
                &tag("es"),
                Path::new("x"),
                "carta-clinic-name = می\u{200C}خواهم 👩\u{200D}⚕\u{FE0F}\n",
            )
            .unwrap();
        Overrides::default()
            .add(
                &tag("es"),
                Path::new("x"),
                &format!("carta-clinic-name = {}\n", "W".repeat(200)),
            )
            .unwrap();
        let e = err("\n\ncarta-clinic-phone = {\n");
        assert!(
            e.contains("locales/es/carta.ftl:4:1: carta's words for this locale do not parse"),
            "{e}"
        );
        assert!(o
            .add(&tag("es"), Path::new("x"), "-brand = X\ncarta-clinic-name = { -brand }\ncarta-page-number = { $page }/{ $pages }\n")
            .is_ok());
    }
}
