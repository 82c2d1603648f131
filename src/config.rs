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
    pub publish: PublishConfig,
    /// Locale folders whose name is not their BCP 47 tag: folder name → tag (Mozilla's
    /// `ja-JP-mac` is built in as `ja-JP-macos`).
    pub locale_folders: BTreeMap<String, String>,
    /// The handout formats `build` writes: `html`, `md`, `json`, `pdf` (default: the
    /// first three; `--pdf` adds `pdf`).
    pub formats: Vec<String>,
    pub pdf: PdfConfig,
    /// `[clinic]`: who publishes the handouts, shown on every page.
    pub clinic: Option<ClinicConfig>,
}

/// The handout formats carta knows.
pub const FORMATS: [&str; 4] = ["html", "md", "json", "pdf"];

/// `[pdf]`: how `build` prints handouts.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct PdfConfig {
    pub paper: Paper,
    /// The Chromium-family browser to print with (default: the first of `chromium`,
    /// `chromium-browser`, `google-chrome`, `google-chrome-stable`, `msedge`,
    /// `microsoft-edge` on the PATH).
    pub browser: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// The CSS `@page` size.
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

/// `[clinic]` as written: the texts, the logo, the accent colour, and per-locale texts
/// (`[clinic.es]`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ClinicConfig {
    #[serde(flatten)]
    pub text: ClinicText,
    /// An image file of the project (PNG, JPEG, GIF or WebP, at most 256 KiB), embedded
    /// in every page.
    pub logo: Option<PathBuf>,
    /// A CSS colour for headings and rules; normalized to `#rrggbb` once checked.
    pub accent: Option<String>,
    /// `[clinic.<tag>]`: the texts in that locale (checked in [`Config::parse`]).
    #[serde(flatten)]
    pub locales: BTreeMap<String, toml::Value>,
    /// The checked per-locale texts, by canonical tag.
    #[serde(skip)]
    pub localized: BTreeMap<String, ClinicText>,
}

/// The texts of `[clinic]` (and of each `[clinic.<tag>]`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ClinicText {
    pub name: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
}

const CLINIC_TEXT_KEYS: [&str; 5] = ["name", "address", "phone", "website", "email"];

/// Folder names real projects use that are not BCP 47 tags, and the tag each stands for.
pub const KNOWN_FOLDERS: [(&str, &str); 1] = [("ja-JP-mac", "ja-JP-macos")];

/// `[publish]`: what `build` does with text that is not fit to print as it is.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct PublishConfig {
    /// A translation whose source changed since (default: `mark`).
    pub outdated: OutdatedPolicy,
    /// A current translation no second person signed off (default: `allow`).
    pub unreviewed: UnreviewedPolicy,
}

/// What `build` does with an outdated translation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutdatedPolicy {
    /// Use it, visibly marked on the page in the handout's language.
    #[default]
    Mark,
    /// Use the next locale of the fallback chain (the source in the end) instead.
    Fallback,
    /// Exit 1 naming each such message; write nothing.
    Fail,
}

/// What `build` does with an unreviewed translation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnreviewedPolicy {
    /// Publish it as it is.
    #[default]
    Allow,
    /// Use it, visibly marked on the page.
    Mark,
    /// Use the next locale of the fallback chain instead.
    Fallback,
    /// Exit 1 naming each such message; write nothing.
    Fail,
}

/// `[check]`: severities and allow lists for `carta check`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct CheckConfig {
    /// Check code or name → `error`, `warning`, `note` or `off`.
    pub severity: BTreeMap<String, String>,
    /// Texts that may stay identical to the source (names, codes, units).
    pub allow_identical: Vec<String>,
    /// The highest US school grade a handout may read at (`readability`, W015).
    pub max_grade: Option<f64>,
    /// How many grades harder than its source a translation may read before
    /// `harder-than-source` (W016) warns; default 2.
    pub harder_by: Option<f64>,
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
            publish: PublishConfig::default(),
            locale_folders: BTreeMap::new(),
            formats: vec!["html".into(), "md".into(), "json".into()],
            pdf: PdfConfig::default(),
            clinic: None,
        }
    }
}

impl Config {
    /// Loads `<root>/carta.toml`, or the defaults when there is none.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(FILE_NAME);
        let shown = |e: Error| match e {
            Error::Read { source, .. } => Error::Read {
                path: FILE_NAME.into(),
                source,
            },
            Error::NotUtf8 {
                offset,
                line,
                column,
                what,
                ..
            } => Error::NotUtf8 {
                path: FILE_NAME.into(),
                offset,
                line,
                column,
                what,
            },
            Error::Utf16 { .. } => Error::Utf16 {
                path: FILE_NAME.into(),
            },
            other => other,
        };
        let Some(file) = crate::fs::read_text_if_exists(&path).map_err(shown)? else {
            // A link to a missing file is a mistake to report, not a project without one.
            if std::fs::symlink_metadata(&path).is_ok() {
                return Err(Error::Input {
                    path: FILE_NAME.into(),
                    message: "is a symbolic link to a file that does not exist".into(),
                });
            }
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
        for (folder, tag) in &config.locale_folders {
            Tag::parse(tag)
                .map_err(|e| (find(tag), format!("`locale-folders.\"{folder}\"`: {e}")))?;
            if folder.is_empty()
                || !folder
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err((
                    find(folder),
                    format!("`locale-folders`: `{folder}` is not a plain folder name"),
                ));
            }
        }
        for format in &config.formats {
            if !FORMATS.contains(&format.as_str()) {
                return Err((
                    find(format),
                    format!(
                        "`formats` has `{format}`; carta writes {}",
                        FORMATS.join(", ")
                    ),
                ));
            }
        }
        for (key, value, min) in [
            ("max-grade", config.check.max_grade, 0.0),
            ("harder-by", config.check.harder_by, f64::MIN_POSITIVE),
        ] {
            if let Some(v) = value.filter(|v| !(v.is_finite() && *v >= min && *v <= 30.0)) {
                return Err((
                    find(key),
                    format!(
                        "`check.{key}` must be a number of school grades from {} to 30, not {v}",
                        if min > 0.0 { "more than 0" } else { "0" }
                    ),
                ));
            }
        }
        if let Some(clinic) = config.clinic.as_mut() {
            check_clinic(clinic, text)?;
        }
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

    /// Checks `[fallback]` against the project's locales: every locale a chain falls back
    /// to must be one of them or the source. (A chain may be set for a locale the project
    /// does not have yet: `add-locale` adds it, and the chain applies from then on.) The
    /// error points at the key in `carta.toml`.
    pub fn check_fallback_locales(&self, locales: &[Tag], source: &Tag) -> Result<()> {
        for (key, chain) in &self.fallback {
            for name in chain {
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
}

/// `[clinic]`: every text one line without invisible characters, a website that is
/// http(s), an e-mail address that is one, a phone number of digits and the usual
/// punctuation, a CSS colour for the accent, and only locale tags besides those keys.
fn check_clinic(
    clinic: &mut ClinicConfig,
    text: &str,
) -> std::result::Result<(), (Option<usize>, String)> {
    let find = |needle: &str| text.find(needle);
    let check_text = |t: &ClinicText,
                      section: &str|
     -> std::result::Result<(), (Option<usize>, String)> {
        let fields = [
            ("name", &t.name),
            ("address", &t.address),
            ("phone", &t.phone),
            ("website", &t.website),
            ("email", &t.email),
        ];
        for (key, value) in fields {
            let Some(value) = value else { continue };
            let at = find(value.as_str());
            let bad = |why: &str| Err((at, format!("`{section}.{key}` {why}")));
            let max = if key == "address" { 300 } else { 200 };
            if value.trim().is_empty() || value.chars().count() > max {
                return bad(&format!("must have 1 to {max} characters"));
            }
            if let Some(c) = value.chars().find(|&c| {
                crate::bundle::clinic::forbidden_char(c) && !(key == "address" && c == '\n')
            }) {
                return bad(&format!(
                    "contains the invisible or control character U+{:04X}",
                    c as u32
                ));
            }
            match key {
                "website" => {
                    let lower = value.to_ascii_lowercase();
                    if !(lower.starts_with("https://") || lower.starts_with("http://"))
                        || value.chars().any(char::is_whitespace)
                    {
                        return bad(
                            "must be an http(s) address without spaces (`https://example.org`)",
                        );
                    }
                }
                "email" => {
                    let ok = value.split_once('@').is_some_and(|(user, host)| {
                        !user.is_empty()
                            && host.contains('.')
                            && !host.starts_with('.')
                            && !host.ends_with('.')
                    }) && !value
                        .chars()
                        .any(|c| c.is_whitespace() || "<>()[]\\,;:\"'?#&".contains(c))
                        && value.matches('@').count() == 1;
                    if !ok {
                        return bad("is not an e-mail address (`front-desk@example.org`)");
                    }
                }
                "phone" => {
                    let ok = value.chars().any(|c| c.is_ascii_digit())
                        && value
                            .chars()
                            .all(|c| c.is_ascii_digit() || " +-().".contains(c));
                    if !ok {
                        return bad("must be digits, spaces and + - ( ) . only (`+1 555 0100`)");
                    }
                }
                _ => {}
            }
        }
        Ok(())
    };
    check_text(&clinic.text, "clinic")?;
    if let Some(accent) = &clinic.accent {
        let parsed = csscolorparser::parse(accent).map_err(|_| {
            (
                find(accent.as_str()),
                format!("`clinic.accent` is not a CSS colour: `{accent}` (write e.g. `#0b5e7a` or `teal`)"),
            )
        })?;
        let [r, g, b, _] = parsed.to_rgba8();
        clinic.accent = Some(format!("#{r:02x}{g:02x}{b:02x}"));
    }
    for (key, value) in std::mem::take(&mut clinic.locales) {
        let at = find(&format!("clinic.{key}")).or_else(|| find(key.as_str()));
        let tag = Tag::parse(&key).map_err(|_| {
            (
                at,
                format!("`[clinic]` has unknown key `{key}`: it knows {}, logo, accent, and `[clinic.<locale>]` tables of texts", CLINIC_TEXT_KEYS.join(", ")),
            )
        })?;
        let texts: ClinicText = value.try_into().map_err(|e: toml::de::Error| {
            (at, format!("`[clinic.{key}]`: {}", e.message().trim()))
        })?;
        check_text(&texts, &format!("clinic.{key}"))?;
        clinic.localized.insert(tag.as_str().to_string(), texts);
    }
    Ok(())
}

impl ClinicConfig {
    /// The clinic's texts for a locale with this fallback chain: each field from the
    /// first locale of the chain that sets it in `[clinic.<tag>]`, else `[clinic]`.
    pub fn text_for(&self, chain: &[Tag]) -> ClinicText {
        let pick = |f: fn(&ClinicText) -> &Option<String>| {
            chain
                .iter()
                .find_map(|t| self.localized.get(t.as_str()).and_then(|c| f(c).clone()))
                .or_else(|| f(&self.text).clone())
        };
        ClinicText {
            name: pick(|c| &c.name),
            address: pick(|c| &c.address),
            phone: pick(|c| &c.phone),
            website: pick(|c| &c.website),
            email: pick(|c| &c.email),
        }
    }
}

/// `carta.toml`'s text (without its byte order mark) with `tag` appended to its `locales`
/// list, or `None` when there is nothing to add it to: no `locales` key, an empty list
/// (which means every folder, so adding one tag would drop the others), or a list that
/// already has the tag.
///
/// toml_edit finds where the list's last value sits, and the new value is inserted there
/// as text: every other byte of the file stays as it was. (Re-rendering toml_edit's
/// document would turn CRLF into LF everywhere and put the new value on the line of the
/// last one, before that value's comment.) The inserted text follows the list: on the
/// last value's line when the list is on one line, else on a line of its own with the
/// last value's indentation and the file's line ending, after that value's comma and
/// comment.
pub fn with_locale_added(text: &str, tag: &Tag) -> std::result::Result<Option<String>, String> {
    let doc = toml_edit::ImDocument::parse(text).map_err(|e| e.message().trim().to_string())?;
    let Some(item) = doc.as_table().get("locales") else {
        return Ok(None);
    };
    let Some(list) = item.as_array() else {
        return Err("`locales` is not a list".into());
    };
    let mut listed = Vec::new();
    for value in list.iter() {
        let Some(s) = value.as_str() else {
            return Err("`locales` has a value that is not a string".into());
        };
        if Tag::parse(s).is_ok_and(|t| t == *tag) {
            return Ok(None);
        }
        listed.push(s.to_string());
    }
    if listed.is_empty() {
        return Ok(None);
    }
    let spans: Vec<std::ops::Range<usize>> = list.iter().filter_map(|v| v.span()).collect();
    let (Some(last), true) = (spans.last().cloned(), spans.len() == listed.len()) else {
        return Err("cannot find where the `locales` list ends".into());
    };
    let bytes = text.as_bytes();
    let quote = if bytes[last.start] == b'\'' {
        '\''
    } else {
        '"'
    };
    let value = format!("{quote}{tag}{quote}");
    // Between the value before the last one (or the `[`) and the last one: a line break
    // there means one value per line.
    let before_start = match spans.len() {
        1 => text[..last.start].rfind('[').map_or(last.start, |i| i + 1),
        n => spans[n - 2].end,
    };
    let before = &text[before_start..last.start];
    let (comma, newline) = scan_after_value(bytes, last.end);
    let updated = match before.rfind('\n') {
        None => format!("{}, {value}{}", &text[..last.end], &text[last.end..]),
        Some(nl) => {
            let indent = &before[nl + 1..];
            let eol = line_ending(text, newline);
            let line = format!("{eol}{indent}{value}");
            match (comma, newline) {
                // `"fr",  # French⏎` → the new value on the next line, with a comma too.
                (Some(_), Some(n)) => format!("{}{line},{}", &text[..n], &text[n..]),
                (Some(c), None) => format!("{}{line},{}", &text[..=c], &text[c + 1..]),
                // `"fr"  # French⏎` → `"fr",  # French⏎    "pt-PT"`.
                (None, Some(n)) => format!(
                    "{},{}{line}{}",
                    &text[..last.end],
                    &text[last.end..n],
                    &text[n..]
                ),
                (None, None) => format!("{},{line}{}", &text[..last.end], &text[last.end..]),
            }
        }
    };
    // The edit must parse to the same settings with one more locale.
    listed.push(tag.to_string());
    match Config::parse(&updated) {
        Ok(config) if config.locales == listed => Ok(Some(updated)),
        _ => Err("cannot add the locale to `locales` without changing the rest of the file".into()),
    }
}

/// After a list value ending at `from`: the offset of the comma that follows it, and of
/// the first line break after the value (and after the comma, if any) before the `]`.
/// Comments are skipped, so a `]` or `,` inside one is not taken for the list's.
fn scan_after_value(bytes: &[u8], from: usize) -> (Option<usize>, Option<usize>) {
    let (mut comma, mut newline) = (None, None);
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && !matches!(bytes[i], b'\r' | b'\n') {
                    i += 1;
                }
                continue;
            }
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                newline.get_or_insert(i);
                i += 1;
            }
            b'\n' => {
                newline.get_or_insert(i);
            }
            b',' if comma.is_none() => {
                comma = Some(i);
                newline = None;
            }
            b' ' | b'\t' => {}
            _ => break,
        }
        i += 1;
    }
    (comma, newline)
}

/// The line ending at `at` (a line break found by [`scan_after_value`]), or else the
/// file's first one; `\n` for a file of one line.
fn line_ending(text: &str, at: Option<usize>) -> &'static str {
    let at = at.or_else(|| text.find('\n').map(|i| i.saturating_sub(1)));
    match at {
        Some(i) if text.as_bytes().get(i) == Some(&b'\r') => "\r\n",
        _ => "\n",
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

    fn add(text: &str, tag: &str) -> Option<String> {
        let tag = Tag::parse(tag).unwrap();
        let updated = with_locale_added(text, &tag).unwrap();
        if let Some(u) = &updated {
            let before = Config::parse(text).unwrap().locales;
            let after = Config::parse(u).unwrap().locales;
            assert_eq!(after[..after.len() - 1], before[..]);
            assert_eq!(after.last().map(String::as_str), Some(tag.as_str()));
        }
        updated
    }

    #[test]
    fn a_locale_is_added_where_the_list_ends_and_nothing_else_changes() {
        let cases: &[(&str, &str)] = &[
            // The README's layout: keys that start with `locales` come first.
            (
                "locales-dir = \"locales\"\nout-dir = \"dist\"\nlocales = [\"es\", \"fr\"]    # default\n",
                "locales-dir = \"locales\"\nout-dir = \"dist\"\nlocales = [\"es\", \"fr\", \"pt-PT\"]    # default\n",
            ),
            (
                "# Configuración — clínica\r\nlocales = [\"es\"]  # español\r\nout-dir = \"dist\"\r\n",
                "# Configuración — clínica\r\nlocales = [\"es\", \"pt-PT\"]  # español\r\nout-dir = \"dist\"\r\n",
            ),
            (
                "locales = [\r\n  \"es\",  # Spanish ] not the end\r\n  \"fr\",\r\n]\r\n",
                "locales = [\r\n  \"es\",  # Spanish ] not the end\r\n  \"fr\",\r\n  \"pt-PT\",\r\n]\r\n",
            ),
            (
                "locales = [\n    \"es\",\n    \"fr\"  # French, [Québec]\n]  # [end]\n",
                "locales = [\n    \"es\",\n    \"fr\",  # French, [Québec]\n    \"pt-PT\"\n]  # [end]\n",
            ),
            (
                "locales = [\r\n  \"es\"  # Español\r\n]\r\n",
                "locales = [\r\n  \"es\",  # Español\r\n  \"pt-PT\"\r\n]\r\n",
            ),
            (
                "locales = [\n    # Europe\n    \"es\",\n    # to come\n]\n",
                "locales = [\n    # Europe\n    \"es\",\n    \"pt-PT\",\n    # to come\n]\n",
            ),
            (
                "locales = [\n\t\"es\",\n\t\"fr\"]\n",
                "locales = [\n\t\"es\",\n\t\"fr\",\n\t\"pt-PT\"]\n",
            ),
            ("\"locales\" = ['es']", "\"locales\" = ['es', 'pt-PT']"),
            ("'locales'=[\"es\",]", "'locales'=[\"es\", \"pt-PT\",]"),
            (
                "locales = [ # see [docs]\n \"\"\"es\"\"\" ]\n",
                "locales = [ # see [docs]\n \"\"\"es\"\"\",\n \"pt-PT\" ]\n",
            ),
            (
                "locales = [\"es\", \"fr\" # c\n]\n[fallback]\n\"es-MX\" = [\"es\"]\n",
                "locales = [\"es\", \"fr\", \"pt-PT\" # c\n]\n[fallback]\n\"es-MX\" = [\"es\"]\n",
            ),
            (
                "locales = [\"es\" # a comment\n, ]\n",
                "locales = [\"es\", \"pt-PT\" # a comment\n, ]\n",
            ),
            (
                "fallback = { \"es-MX\" = [\"es\"] }\nlocales = [ \"es\" ]\ncheck.severity.identical = \"off\"\n",
                "fallback = { \"es-MX\" = [\"es\"] }\nlocales = [ \"es\", \"pt-PT\" ]\ncheck.severity.identical = \"off\"\n",
            ),
        ];
        for (before, after) in cases {
            assert_eq!(add(before, "pt_pt").as_deref(), Some(*after), "{before:?}");
        }
    }

    #[test]
    fn no_list_an_empty_list_or_a_listed_tag_leave_the_file_alone() {
        assert_eq!(add("source-locale = \"en-US\"\n", "fr"), None);
        assert_eq!(add("locales = []\n", "fr"), None);
        assert_eq!(add("locales = [\"es\", \"pt_pt\"]\n", "pt-PT"), None);
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

    #[test]
    fn clinic_is_checked_and_localized() {
        let c = Config::parse(
            "formats = [\"html\", \"pdf\"]\n[pdf]\npaper = \"letter\"\n[clinic]\nname = \"Clinic\"\nphone = \"+1 (555) 0100\"\nwebsite = \"https://example.org\"\nemail = \"a@example.org\"\naccent = \"teal\"\n[clinic.es]\nname = \"Clínica\"\n",
        )
        .unwrap();
        let clinic = c.clinic.unwrap();
        assert_eq!(clinic.accent.as_deref(), Some("#008080"));
        assert_eq!(c.pdf.paper, Paper::Letter);
        let es = clinic.text_for(&[Tag::parse("es-MX").unwrap(), Tag::parse("es").unwrap()]);
        assert_eq!(es.name.as_deref(), Some("Clínica"));
        assert_eq!(es.phone.as_deref(), Some("+1 (555) 0100"));
        let err = |t: &str| Config::parse(t).unwrap_err().1;
        assert!(err("[clinic]\nnmae = \"x\"\n").contains("unknown key `nmae`"));
        assert!(err("[clinic]\naccent = \"red;}body{display:none\"\n").contains("not a CSS colour"));
        assert!(err("[clinic]\nwebsite = \"javascript:alert(1)\"\n").contains("http(s)"));
        assert!(err("[clinic]\nemail = \"a@b.org?cc=x\"\n").contains("e-mail"));
        assert!(err("[clinic]\nphone = \"call <b>\"\n").contains("digits"));
        assert!(err("[clinic]\nname = \"a\u{202e}b\"\n").contains("U+202E"));
        // One rule with carta.ftl (fix17 item 11): every default-ignorable but ZWNJ/ZWJ.
        for c in [
            '\u{00AD}',
            '\u{034F}',
            '\u{180E}',
            '\u{115F}',
            '\u{3164}',
            '\u{FFF9}',
            '\u{E0041}',
            '\u{1D173}',
            '\u{2028}',
            '\u{2029}',
        ] {
            let e = err(&format!("[clinic]\nname = \"a{c}b\"\n"));
            assert!(e.contains(&format!("U+{:04X}", c as u32)), "{e}");
        }
        Config::parse("[clinic]\nname = \"کلینیک می\u{200C}خواهم 👩\u{200D}⚕\u{FE0F}\"\n").unwrap();
        assert!(err("[clinic.es]\nname = 3\n").contains("clinic.es"));
        assert!(err("[clinic.es]\nlogo = \"x\"\n").contains("clinic.es"));
        assert!(err("formats = [\"docx\"]\n").contains("docx"));
        assert!(err("[pdf]\npaper = \"a5\"\n").contains("a5"));
    }
}
