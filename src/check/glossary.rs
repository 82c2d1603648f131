//! `locales/<tag>/glossary.toml`: source term → required target term(s), used by the
//! `glossary` check so key medical terms are translated the same way everywhere.
//!
//! ```toml
//! [terms]
//! "dry needling" = "punción seca"
//! "trigger point" = ["punto gatillo", "puntos gatillo"]
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glossary {
    /// Lower-cased source term → lower-cased accepted target forms.
    pub terms: Vec<(String, Vec<String>)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    terms: BTreeMap<String, OneOrMany>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl Glossary {
    /// Parses the file; an error carries a byte offset when toml gives one.
    pub fn parse(text: &str) -> Result<Glossary, (Option<usize>, String)> {
        let file: File = toml::from_str(text).map_err(|e| {
            (
                e.span().map(|s| s.start),
                e.message().trim().replace('\n', " "),
            )
        })?;
        let mut terms = Vec::new();
        for (term, targets) in file.terms {
            let targets = match targets {
                OneOrMany::One(t) => vec![t],
                OneOrMany::Many(ts) => ts,
            };
            if term.trim().is_empty()
                || targets.iter().any(|t| t.trim().is_empty())
                || targets.is_empty()
            {
                return Err((
                    text.find(&term),
                    format!("glossary term `{term}` needs a non-empty translation"),
                ));
            }
            terms.push((
                term.to_lowercase(),
                targets.into_iter().map(|t| t.to_lowercase()).collect(),
            ));
        }
        Ok(Glossary { terms })
    }

    /// Terms whose source form occurs in `source` but none of whose targets occur in
    /// `translation`: (source term, the accepted targets).
    pub fn unmet<'g>(&'g self, source: &str, translation: &str) -> Vec<(&'g str, &'g [String])> {
        let source = source.to_lowercase();
        let translation = translation.to_lowercase();
        self.terms
            .iter()
            .filter(|(term, targets)| {
                source.contains(term.as_str())
                    && !targets.iter().any(|t| translation.contains(t.as_str()))
            })
            .map(|(term, targets)| (term.as_str(), targets.as_slice()))
            .collect()
    }
}

/// The `glossary` rule: each glossary term the source texts of a message use must be
/// translated with one of the glossary's target forms.
pub(super) fn check(
    glossary: &Glossary,
    pair: &super::file::Pair,
    source: &str,
    translation: &str,
    d: &dyn Fn(super::Code, usize, String) -> super::Diagnostic,
    out: &mut Vec<super::Diagnostic>,
) {
    let id = pair.id;
    for (term, targets) in glossary.unmet(source, translation) {
        let wanted = targets
            .iter()
            .map(|t| format!("“{t}”"))
            .collect::<Vec<_>>()
            .join(" or ");
        out.push(d(
            super::Code::Glossary,
            pair.offset,
            format!("`{id}`: the source says “{term}”; the glossary asks for {wanted}"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_unmet_terms() {
        let g = Glossary::parse("[terms]\n\"trigger point\" = [\"punto gatillo\", \"puntos gatillo\"]\n\"dry needling\" = \"punción seca\"\n").unwrap();
        assert!(g
            .unmet("Trigger points hurt", "Los puntos gatillo duelen")
            .is_empty());
        let unmet = g.unmet("Dry needling helps", "La acupuntura ayuda");
        assert_eq!(unmet.len(), 1);
        assert_eq!(unmet[0].0, "dry needling");
    }

    #[test]
    fn rejects_unknown_keys() {
        assert!(Glossary::parse("[term]\n").is_err());
    }
}
