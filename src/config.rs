//! `carta.toml` → [`Config`]. The file is optional: every field has a default, so a bare
//! `content/` + `locales/` tree works. Unknown keys are errors that name the key, the file
//! and the line, because a misspelt setting silently ignored is worse than no setting.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::locale::Tag;

pub const FILE_NAME: &str = "carta.toml";

/// The project configuration, with defaults filled in.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Config {
    /// The language the handouts are written in; its folder under `locales/` holds the
    /// extracted source messages.
    pub source_locale: String,
    pub content_dir: PathBuf,
    /// Whether `carta.toml` sets `content-dir` (then the folder must exist: a project
    /// without one is a pure Fluent project only when nobody asked for handouts).
    #[serde(skip)]
    pub content_dir_set: bool,
    /// The text of `carta.toml` (empty without one), to point at a key found wrong later.
    #[serde(skip)]
    pub text: String,
    pub locales_dir: PathBuf,
    pub out_dir: PathBuf,
    /// Target locales; when empty, every folder under `locales_dir` except the source.
    pub locales: Vec<String>,
    /// Explicit fallback chains (`"es-MX" = ["es"]`); the source locale always ends a chain.
    pub fallback: BTreeMap<String, Vec<String>>,
    pub check: CheckConfig,
}

/// `[check]`: severities and allow lists for `carta check`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct CheckConfig {
    /// Check code or name → `error`, `warning`, `note` or `off`.
    pub severity: BTreeMap<String, String>,
    /// Texts that may stay identical to the source (names, codes, units).
    pub allow_identical: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            source_locale: "en-US".into(),
            content_dir: "content".into(),
            content_dir_set: false,
            text: String::new(),
            locales_dir: "locales".into(),
            out_dir: "dist".into(),
            locales: Vec::new(),
            fallback: BTreeMap::new(),
            check: CheckConfig::default(),
        }
    }
}

impl Config {
    /// Loads `<root>/carta.toml`, or the defaults when there is none.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(FILE_NAME);
        let Some(file) = crate::fs::read_text_if_exists(&path)? else {
            return Ok(Config::default());
        };
        let config = Self::parse(&file.text).map_err(|(offset, message)| {
            let (line, column) = offset.map_or((1, 1), |o| crate::fs::line_col(&file.text, o));
            Error::Config {
                path: PathBuf::from(FILE_NAME),
                line,
                column,
                message,
            }
        })?;
        Ok(config)
    }

    /// Parses and validates the TOML text; errors carry a byte offset when known.
    pub fn parse(text: &str) -> std::result::Result<Config, (Option<usize>, String)> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().replace('\n', " ");
            (e.span().map(|s| s.start), message)
        })?;
        config.text = text.to_string();
        config.content_dir_set = toml::from_str::<toml::Table>(text)
            .is_ok_and(|table| table.contains_key("content-dir"));
        let find = |needle: &str| text.find(needle);
        Tag::parse(&config.source_locale)
            .map_err(|e| (find(&config.source_locale), format!("`source-locale`: {e}")))?;
        for tag in config.locales.iter().chain(config.fallback.keys()) {
            Tag::parse(tag).map_err(|e| (find(tag), format!("`locales`: {e}")))?;
        }
        for chain in config.fallback.values() {
            for tag in chain {
                Tag::parse(tag).map_err(|e| (find(tag), format!("`fallback`: {e}")))?;
            }
        }
        Self::check_fallback(&config, text)?;
        for (key, value) in &config.check.severity {
            if crate::check::Severity::parse(value).is_none() {
                return Err((
                    find(value),
                    format!("`check.severity.{key}` must be `error`, `warning`, `note` or `off`, not `{value}`"),
                ));
            }
            if !crate::check::Code::is_known(key) {
                return Err((
                    find(key),
                    format!("`check.severity` has unknown check `{key}`"),
                ));
            }
        }
        Ok(config)
    }

    /// `[fallback]` on its own: no chain for the source, no chain reaching back to its
    /// own locale (directly or through another chain), the source only last.
    fn check_fallback(
        config: &Config,
        text: &str,
    ) -> std::result::Result<(), (Option<usize>, String)> {
        let canonical = |t: &str| {
            Tag::parse(t)
                .map(|t| t.as_str().to_string())
                .unwrap_or_default()
        };
        let source = canonical(&config.source_locale);
        let at = |needle: &str| fallback_offset(text, needle);
        let chains: BTreeMap<String, Vec<String>> = config
            .fallback
            .iter()
            .map(|(k, v)| (canonical(k), v.iter().map(|t| canonical(t)).collect()))
            .collect();
        for key in config.fallback.keys() {
            let tag = canonical(key);
            if tag == source {
                return Err((
                    at(key),
                    format!(
                        "`[fallback]`: `{key}` is the source locale, which falls back to nothing"
                    ),
                ));
            }
            let list: &Vec<String> = &chains[&tag];
            if let Some(i) = list.iter().position(|t| *t == source) {
                if i + 1 != list.len() {
                    return Err((at(key), format!("`[fallback]`: in the chain of `{key}`, the source locale `{source}` must come last (it ends every chain)")));
                }
            }
        }
        if let Some(cycle) = find_cycle(&chains) {
            return Err((
                at(&cycle[0]),
                format!(
                    "`[fallback]` has a cycle: {}",
                    cycle
                        .iter()
                        .map(|t| format!("`{t}`"))
                        .collect::<Vec<_>>()
                        .join(" → ")
                ),
            ));
        }
        Ok(())
    }

    /// Checks `[fallback]` against the project's locales: every locale it names must be
    /// one of them or the source. The error points at the key in `carta.toml`.
    pub fn check_fallback_locales(&self, locales: &[Tag], source: &Tag) -> Result<()> {
        for (key, chain) in &self.fallback {
            for name in std::iter::once(key).chain(chain) {
                let known = Tag::parse(name).is_ok_and(|t| t == *source || locales.contains(&t));
                if !known {
                    let (line, column) = fallback_offset(&self.text, key)
                        .map_or((1, 1), |o| crate::fs::line_col(&self.text, o));
                    let list: Vec<&str> = locales.iter().map(Tag::as_str).collect();
                    return Err(Error::Config {
                        path: PathBuf::from(FILE_NAME),
                        line,
                        column,
                        message: format!(
                            "`[fallback]` names `{name}`, which is not a locale of this project (the source `{source}`, or one of: {})",
                            if list.is_empty() { "none".to_string() } else { list.join(", ") }
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// Writes the locale list back after `add-locale`, keeping the rest of the file: the
    /// `locales = [...]` line is replaced in place so comments and layout survive.
    pub fn add_locale_to_file(root: &Path, tag: &str) -> Result<()> {
        let path = root.join(FILE_NAME);
        let Some(file) = crate::fs::read_text_if_exists(&path)? else {
            return Ok(());
        };
        let mut doc: toml::Table = toml::from_str(&file.text).map_err(|e| Error::Input {
            path: PathBuf::from(FILE_NAME),
            message: e.message().to_string(),
        })?;
        let Some(toml::Value::Array(list)) = doc.get_mut("locales") else {
            return Ok(());
        };
        if list.iter().any(|v| v.as_str() == Some(tag)) {
            return Ok(());
        }
        list.push(toml::Value::String(tag.to_string()));
        let mut tags: Vec<String> = list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        tags.sort();
        let new_line = format!(
            "locales = [{}]",
            tags.iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(", ")
        );
        // Replace the (possibly multi-line) `locales = [ ... ]` assignment textually.
        let text = &file.text;
        let start = text
            .lines()
            .scan(0usize, |pos, line| {
                let here = *pos;
                *pos += line.len() + 1;
                Some((here, line))
            })
            .find(|(_, line)| line.trim_start().starts_with("locales") && line.contains('='))
            .map(|(pos, _)| pos);
        let Some(start) = start else { return Ok(()) };
        let end = text[start..]
            .find(']')
            .map_or(text.len(), |i| start + i + 1);
        let updated = format!("{}{}{}", &text[..start], new_line, &text[end..]);
        crate::fs::write_text(&path, &updated, file.bom)?;
        Ok(())
    }
}

/// A cycle of the fallback chains (a locale whose chain leads back to it, through the
/// chains of the locales in it), as the path around it. One depth-first walk over every
/// chain, without recursion: `carta.toml` is input, and a chain of a hundred thousand
/// locales must not overflow the stack or take quadratic time.
fn find_cycle(chains: &BTreeMap<String, Vec<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Open,
        Done,
    }
    let mut state: HashMap<&str, State> = HashMap::new();
    for start in chains.keys() {
        if state.contains_key(start.as_str()) {
            continue;
        }
        state.insert(start, State::Open);
        let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
        while let Some((node, i)) = stack.last_mut() {
            let node: &str = node;
            let Some(next) = chains.get(node).and_then(|c| c.get(*i)) else {
                state.insert(node, State::Done);
                stack.pop();
                continue;
            };
            *i += 1;
            match state.get(next.as_str()) {
                Some(State::Open) => {
                    let from = stack.iter().position(|(n, _)| *n == next)?;
                    let mut cycle: Vec<String> =
                        stack[from..].iter().map(|(n, _)| n.to_string()).collect();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Some(State::Done) => {}
                None => {
                    state.insert(next, State::Open);
                    stack.push((next, 0));
                }
            }
        }
    }
    None
}

/// Byte offset of the `[fallback]` key `key` in the config text (quoted or bare), or of
/// the table header.
fn fallback_offset(text: &str, key: &str) -> Option<usize> {
    let table = text.find("[fallback]")?;
    let rest = &text[table..];
    rest.find(&format!("\"{key}\""))
        .or_else(|| rest.find(&format!("'{key}'")))
        .or_else(|| rest.find(key))
        .map(|i| table + i)
        .or(Some(table))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_named() {
        let (_, message) = Config::parse("source-locale = \"en\"\ncolour = 1\n").unwrap_err();
        assert!(message.contains("colour"), "{message}");
    }

    #[test]
    fn wrong_type_is_reported() {
        let (offset, message) = Config::parse("locales = \"es\"\n").unwrap_err();
        assert!(offset.is_some());
        assert!(
            message.contains("sequence") || message.contains("array"),
            "{message}"
        );
    }

    /// Regression (issue 14): `[fallback]` was not validated.
    #[test]
    fn fallback_chains_are_validated() {
        let err = |text: &str| Config::parse(text).unwrap_err().1;
        let e = err("[fallback]\n\"es-MX\" = [\"es\"]\n\"es\" = [\"es-MX\"]\n");
        assert!(e.contains("cycle: `es` → `es-MX` → `es`"), "{e}");
        let e = err("[fallback]\n\"es\" = [\"es\"]\n");
        assert!(e.contains("cycle: `es` → `es`"), "{e}");
        let e = err("[fallback]\n\"es-MX\" = [\"en-US\", \"es\"]\n");
        assert!(e.contains("must come last"), "{e}");
        let e = err("[fallback]\n\"en-US\" = [\"es\"]\n");
        assert!(e.contains("is the source locale"), "{e}");
        assert!(
            Config::parse("[fallback]\n\"es-MX\" = [\"es\", \"en-US\"]\n\"es-AR\" = []\n").is_ok()
        );
        // A long chain of chains: no recursion, no quadratic walk.
        let mut long = String::from("[fallback]\n");
        for i in 0..20_000 {
            long.push_str(&format!("\"x-{i:05}\" = [\"x-{:05}\"]\n", i + 1));
        }
        let long = long.replace("x-", "en-a");
        let e = err(&(long.clone() + "\"en-a20000\" = [\"en-a00000\"]\n"));
        assert!(
            e.contains("has a cycle: `en-a00000` → `en-a00001`"),
            "{}",
            &e[..200.min(e.len())]
        );
        assert!(Config::parse(&long).is_ok());
        let c = Config::parse("[fallback]\n\"es-MX\" = [\"es-ES\"]\n").unwrap();
        let tags: Vec<Tag> = ["es", "es-MX"]
            .iter()
            .map(|t| Tag::parse(t).unwrap())
            .collect();
        let e = c
            .check_fallback_locales(&tags, &Tag::parse("en-US").unwrap())
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("carta.toml:2:1: `[fallback]` names `es-ES`"),
            "{e}"
        );
    }

    #[test]
    fn defaults_without_file() {
        let c = Config::parse("").unwrap();
        assert_eq!(c.source_locale, "en-US");
        assert_eq!(c.locales_dir, PathBuf::from("locales"));
    }
}
