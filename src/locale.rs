//! Locale tags: BCP 47 via unic-langid, canonicalised (`es_mx` → `es-MX`), and refused
//! unless the canonical form is plain `[A-Za-z0-9-]`, because a tag becomes a folder name
//! and unic-langid accepts some path-like input (`en-1/..`).

use std::fmt;

use unic_langid::LanguageIdentifier;

/// A validated, canonical locale tag that is safe to use as a path component.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tag {
    canonical: String,
    langid: LanguageIdentifier,
}

impl Tag {
    /// CLDR's cardinal plural rules for the locale: intl_pluralrules knows them by
    /// language (`en`, `pt-PT`, …), so a regional tag (`en-GB`, `es-419`, `fr-CA`) falls
    /// back to its language and script, then its language. `None`: CLDR has no rules for
    /// the language (`klingon`).
    pub fn plural_rules(&self) -> Option<intl_pluralrules::PluralRules> {
        use intl_pluralrules::{PluralRuleType, PluralRules};
        let full = self.langid().clone();
        let mut script = unic_langid::LanguageIdentifier::default();
        script.language = full.language;
        script.script = full.script;
        let mut language = unic_langid::LanguageIdentifier::default();
        language.language = full.language;
        [full, script, language]
            .into_iter()
            .find_map(|l| PluralRules::create(l, PluralRuleType::CARDINAL).ok())
    }

    pub fn parse(input: &str) -> Result<Tag, String> {
        if input.is_empty() {
            return Err("a locale tag cannot be empty".into());
        }
        let bad = |why: &str| format!("`{input}` is not a valid locale tag: {why}");
        if !input
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(bad("only letters, digits, `-` and `_` are allowed"));
        }
        let langid: LanguageIdentifier = input
            .parse()
            .map_err(|e| bad(&format!("{e}").to_lowercase()))?;
        let canonical = langid.to_string();
        if canonical.is_empty()
            || !canonical
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
            || canonical == "und"
        {
            return Err(bad("not a BCP 47 language tag"));
        }
        // The tag becomes a folder name, and Windows cannot create (or check out) a file
        // or folder with one of its device names, in any case.
        let lower = canonical.to_ascii_lowercase();
        let device = matches!(lower.as_str(), "con" | "prn" | "aux" | "nul")
            || (lower.len() == 4
                && (lower.starts_with("com") || lower.starts_with("lpt"))
                && matches!(lower.as_bytes()[3], b'1'..=b'9'));
        if device {
            return Err(bad(
                "it is a reserved device name on Windows, so its folder could not be checked out there",
            ));
        }
        Ok(Tag { canonical, langid })
    }

    pub fn as_str(&self) -> &str {
        &self.canonical
    }

    pub fn langid(&self) -> &LanguageIdentifier {
        &self.langid
    }

    /// Whether the script is written right to left (Arabic, Hebrew, Persian, Urdu, …).
    pub fn is_rtl(&self) -> bool {
        if let Some(script) = self.langid.script {
            return matches!(
                script.as_str(),
                "Arab" | "Hebr" | "Syrc" | "Thaa" | "Nkoo" | "Adlm" | "Rohg"
            );
        }
        matches!(
            self.langid.language.as_str(),
            "ar" | "he" | "fa" | "ur" | "ps" | "sd" | "ug" | "yi" | "ckb" | "dv"
        )
    }

    /// The language's own name for itself, for the language picker.
    pub fn autonym(&self) -> String {
        let lang = self.langid.language.as_str();
        let region = self.langid.region.map(|r| r.as_str().to_string());
        let script = self.langid.script.map(|s| s.as_str().to_string());
        let base = match lang {
            "en" => "English",
            "es" => "Español",
            "fr" => "Français",
            "pt" => "Português",
            "de" => "Deutsch",
            "it" => "Italiano",
            "zh" => "中文",
            "vi" => "Tiếng Việt",
            "ar" => "العربية",
            "ru" => "Русский",
            "ja" => "日本語",
            "ko" => "한국어",
            "hi" => "हिन्दी",
            "tl" | "fil" => "Filipino",
            "ht" => "Kreyòl ayisyen",
            "pl" => "Polski",
            "uk" => "Українська",
            "fa" => "فارسی",
            "he" => "עברית",
            "so" => "Soomaali",
            "sw" => "Kiswahili",
            "nl" => "Nederlands",
            "tr" => "Türkçe",
            _ => return self.canonical.clone(),
        };
        let qualifier = match (lang, script.as_deref(), region.as_deref()) {
            ("zh", Some("Hans"), _) => Some("简体"),
            ("zh", Some("Hant"), _) => Some("繁體"),
            ("es", _, Some("MX")) => Some("México"),
            ("es", _, Some("US")) => Some("Estados Unidos"),
            ("pt", _, Some("BR")) => Some("Brasil"),
            ("pt", _, Some("PT")) => Some("Portugal"),
            ("fr", _, Some("CA")) => Some("Canada"),
            ("en", _, Some("US")) => Some("US"),
            ("en", _, Some("GB")) => Some("UK"),
            ("en", _, Some("XA")) => Some("pseudo-accented"),
            ("ar", _, Some("XB")) => Some("pseudo-RTL"),
            _ => None,
        };
        match qualifier {
            Some(q) if lang == "zh" => format!("{base}（{q}）"),
            Some(q) => format!("{base} ({q})"),
            None if region.is_some() || script.is_some() => {
                format!("{base} ({})", self.canonical)
            }
            None => base.to_string(),
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonicalises() {
        assert_eq!(Tag::parse("es_mx").unwrap().as_str(), "es-MX");
        assert_eq!(Tag::parse("ZH-hans").unwrap().as_str(), "zh-Hans");
    }

    #[test]
    fn refuses_path_like_tags() {
        assert!(Tag::parse("../x").is_err());
        assert!(Tag::parse("en-1/..").is_err());
        assert!(Tag::parse("").is_err());
        assert!(Tag::parse("en US").is_err());
    }

    /// Regression (issue 14): `locales/con` made the repository un-checkoutable on Windows.
    #[test]
    fn refuses_windows_device_names() {
        for name in ["con", "NUL", "Aux", "prn", "com1", "LPT9"] {
            let e = Tag::parse(name).unwrap_err();
            assert!(e.contains(&format!("`{name}`")), "{e}");
        }
        assert!(Tag::parse("con-US").is_ok());
        assert!(Tag::parse("nl").is_ok());
    }

    #[test]
    fn rtl() {
        assert!(Tag::parse("ar").unwrap().is_rtl());
        assert!(Tag::parse("ar-XB").unwrap().is_rtl());
        assert!(!Tag::parse("es").unwrap().is_rtl());
    }
}
