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
                for id in negotiated {
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
    fn explicit_chain_wins() {
        let locales = vec![t("es"), t("gl")];
        let mut explicit = BTreeMap::new();
        explicit.insert("gl".to_string(), vec!["es".to_string()]);
        let c = chains(&locales, &t("en-US"), &explicit);
        assert_eq!(c[&t("gl")], vec![t("gl"), t("es"), t("en-US")]);
    }
}
