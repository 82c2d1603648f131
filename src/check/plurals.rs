//! Plural rules: every CLDR category of the locale in each plural select.

use std::collections::HashSet;

use fluent_syntax::ast;

use super::ast::collect_selects;
use super::file::{Context, Label};
use super::{Code, Diagnostic};
use crate::locale::Tag;

pub(super) fn check_plurals(
    ctx: &Context,
    label: &Label,
    p: &ast::Pattern<&str>,
    offset: usize,
    d: &dyn Fn(Code, usize, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    const CLDR: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
    if ctx.plural_categories.is_empty() {
        return;
    }
    let mut selects = Vec::new();
    collect_selects(p, &mut selects);
    for variants in selects {
        let keys: HashSet<&str> = variants
            .iter()
            .filter_map(|v| match &v.key {
                ast::VariantKey::Identifier { name } => Some(*name),
                ast::VariantKey::NumberLiteral { .. } => None,
            })
            .collect();
        // `*[other]` alone is also how gender and other string selects end: a plural
        // select is one with another CLDR category among its keys.
        if !keys.iter().any(|k| CLDR.contains(k) && *k != "other") {
            continue;
        }
        let missing: Vec<&str> = ctx
            .plural_categories
            .iter()
            .copied()
            .filter(|c| !keys.contains(c))
            .collect();
        if !missing.is_empty() {
            out.push(d(
                Code::PluralCategories,
                offset,
                format!(
                    "{label}: the plural select lacks `[{}]` for {}",
                    missing.join("], ["),
                    ctx.tag
                ),
            ));
        }
    }
}

/// The CLDR cardinal categories a locale uses, found by asking its rules about samples.
pub fn plural_categories(tag: &Tag) -> Vec<&'static str> {
    plural_samples(tag).into_iter().map(|(c, _)| c).collect()
}

/// Each CLDR cardinal category of the locale with the first number that selects it
/// (integers first, then decimals), in CLDR order.
pub fn plural_samples(tag: &Tag) -> Vec<(&'static str, f64)> {
    use intl_pluralrules::PluralCategory;
    let Some(rules) = tag.plural_rules() else {
        return Vec::new();
    };
    let mut found: std::collections::BTreeMap<usize, f64> = std::collections::BTreeMap::new();
    let samples = (0..=200u64).map(|n| n.to_string()).chain(
        ["1000000", "0.5", "1.5", "2.5", "1.0", "10.0"]
            .iter()
            .map(|s| s.to_string()),
    );
    for s in samples {
        if let Ok(c) = rules.select(s.as_str()) {
            let index = match c {
                PluralCategory::ZERO => 0,
                PluralCategory::ONE => 1,
                PluralCategory::TWO => 2,
                PluralCategory::FEW => 3,
                PluralCategory::MANY => 4,
                PluralCategory::OTHER => 5,
            };
            found
                .entry(index)
                .or_insert_with(|| s.parse().unwrap_or(0.0));
        }
    }
    const NAMES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
    found.into_iter().map(|(i, n)| (NAMES[i], n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_categories_follow_cldr() {
        assert_eq!(
            plural_categories(&Tag::parse("en").unwrap()),
            vec!["one", "other"]
        );
        assert_eq!(
            plural_categories(&Tag::parse("ar").unwrap()),
            vec!["zero", "one", "two", "few", "many", "other"]
        );
        assert_eq!(plural_categories(&Tag::parse("zh").unwrap()), vec!["other"]);
    }

    /// Regression (found by an outside attack): CLDR's rules are by language, and a
    /// regional tag found none, so `en-GB` or `ar-EG` had no plural check at all (and
    /// `add-locale en-GB` was refused as unknown to CLDR).
    #[test]
    fn regional_tags_use_their_language_rules() {
        for (tag, categories) in [
            ("en-GB", vec!["one", "other"]),
            ("ar-EG", vec!["zero", "one", "two", "few", "many", "other"]),
            ("zh-Hant-TW", vec!["other"]),
            ("sr-Latn", vec!["one", "few", "other"]),
        ] {
            assert_eq!(
                plural_categories(&Tag::parse(tag).unwrap()),
                categories,
                "{tag}"
            );
        }
        assert_eq!(
            plural_categories(&Tag::parse("es-419").unwrap()),
            plural_categories(&Tag::parse("es").unwrap())
        );
        // pt-PT has rules of its own in CLDR (1.5 is `other` there, `one` in pt).
        assert_ne!(
            plural_samples(&Tag::parse("pt-PT").unwrap()),
            plural_samples(&Tag::parse("pt").unwrap())
        );
        assert!(plural_categories(&Tag::parse("klingon").unwrap()).is_empty());
    }
}
