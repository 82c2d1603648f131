//! Fallback chains: for each locale, the locales a missing message is looked up in, in
//! order, ending with the source (`es-MX → es → en-US`). Explicit chains from
//! `carta.toml` win; otherwise fluent-langneg negotiates among the locales the project
//! has (with CLDR likely-subtags data, so `zh-CN` finds `zh-Hans`, not `zh-Hant`).

use std::collections::BTreeMap;

use fluent_langneg::{negotiate_languages, NegotiationStrategy};
use unic_langid::LanguageIdentifier;

use crate::locale::Tag;

/// The chain for every locale in `locales` (each chain starts with the locale itself).
pub fn chains(
    locales: &[Tag],
    source: &Tag,
    explicit: &BTreeMap<String, Vec<String>>,
) -> BTreeMap<Tag, Vec<Tag>> {
    let available: Vec<LanguageIdentifier> = locales
        .iter()
        .chain(std::iter::once(source))
        .map(|t| t.langid().clone())
        .collect();
    let mut out = BTreeMap::new();
    for tag in locales {
        let mut chain: Vec<Tag> = vec![tag.clone()];
        let configured = explicit.get(tag.as_str()).map(|list| {
            list.iter()
                .filter_map(|t| Tag::parse(t).ok())
                .collect::<Vec<_>>()
        });
        match configured {
            Some(list) => chain.extend(list),
            None => {
                let requested = [tag.langid().clone()];
                let negotiated = negotiate_languages(
                    &requested,
                    &available,
                    Some(source.langid()),
                    NegotiationStrategy::Filtering,
                );
                // Filtering also returns more specific and sibling variants (`es` matches
                // `es-MX`); a fallback must be more general, so keep only those.
                for id in negotiated
                    .into_iter()
                    .filter(|c| is_generalization(c, tag.langid()))
                {
                    if let Ok(t) = Tag::parse(&id.to_string()) {
                        chain.push(t);
                    }
                }
            }
        }
        chain.push(source.clone());
        let mut seen = std::collections::HashSet::new();
        chain.retain(|t| seen.insert(t.clone()));
        out.insert(tag.clone(), chain);
    }
    out
}

/// Whether `candidate` is a more general form of `tag`: same language, and each of its
/// script and region either absent or equal — or a script the tag leaves implicit
/// (`zh-CN` → `zh-Hans`, found through CLDR likely subtags).
fn is_generalization(candidate: &LanguageIdentifier, tag: &LanguageIdentifier) -> bool {
    if candidate.language != tag.language || candidate == tag {
        return false;
    }
    let region_ok = candidate.region.is_none() || candidate.region == tag.region;
    let script_ok = candidate.script.is_none()
        || candidate.script == tag.script
        || (tag.script.is_none() && candidate.region.is_none());
    // Never another script: `zh` is Simplified Chinese to a reader of `zh-Hant`, `sr`
    // Cyrillic to a reader of `sr-Latn` (likely subtags tell the implied script).
    let likely_script = |id: &LanguageIdentifier| {
        let mut id = id.clone();
        id.maximize();
        id.script
    };
    let same_script = likely_script(candidate) == likely_script(tag);
    region_ok && script_ok && same_script && candidate.variants().len() == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Tag {
        Tag::parse(s).unwrap()
    }

    #[test]
    fn regional_falls_back_to_language_then_source() {
        let locales = vec![t("es"), t("es-MX"), t("fr")];
        let c = chains(&locales, &t("en-US"), &BTreeMap::new());
        assert_eq!(c[&t("es-MX")], vec![t("es-MX"), t("es"), t("en-US")]);
        assert_eq!(c[&t("fr")], vec![t("fr"), t("en-US")]);
    }

    #[test]
    fn no_fallback_to_more_specific_or_sibling_variants() {
        let locales = vec![t("es"), t("es-MX"), t("es-AR"), t("zh-Hans"), t("zh-CN")];
        let c = chains(&locales, &t("en-US"), &BTreeMap::new());
        assert_eq!(c[&t("es")], vec![t("es"), t("en-US")]);
        assert_eq!(c[&t("es-AR")], vec![t("es-AR"), t("es"), t("en-US")]);
        assert_eq!(c[&t("zh-CN")], vec![t("zh-CN"), t("zh-Hans"), t("en-US")]);
    }

    #[test]
    fn no_fallback_to_another_script() {
        let locales = vec![
            t("zh"),
            t("zh-Hant"),
            t("zh-Hant-HK"),
            t("sr"),
            t("sr-Latn"),
        ];
        let c = chains(&locales, &t("en-US"), &BTreeMap::new());
        assert_eq!(c[&t("zh-Hant")], vec![t("zh-Hant"), t("en-US")]);
        assert_eq!(
            c[&t("zh-Hant-HK")],
            vec![t("zh-Hant-HK"), t("zh-Hant"), t("en-US")]
        );
        assert_eq!(c[&t("sr-Latn")], vec![t("sr-Latn"), t("en-US")]);
    }

    #[test]
    fn explicit_chain_wins() {
        let locales = vec![t("es"), t("gl")];
        let mut explicit = BTreeMap::new();
        explicit.insert("gl".to_string(), vec!["es".to_string()]);
        let c = chains(&locales, &t("en-US"), &explicit);
        assert_eq!(c[&t("gl")], vec![t("gl"), t("es"), t("en-US")]);
    }
}
