//! TMX 1.4b: a locale's translation memory (every current translation with its source)
//! for CAT tools. Placeables are `<ph>` with their Fluent source, Markdown spans
//! `<bpt>`/`<ept>`. No creation dates, so an export is stable.

use std::fmt::Write as _;

use super::inline::Tok;
use super::xliff::BadChar;
use super::{xml_attr_escape, xml_escape, Export};

fn seg(id: &str, toks: &[Tok]) -> Result<String, BadChar> {
    let esc = |s: &str| xml_escape(s).map_err(|c| (id.to_string(), c));
    let mut out = String::new();
    let mut n = 0;
    let mut open: Vec<(usize, &str)> = Vec::new();
    for t in toks {
        match t {
            Tok::Text(s) => out.push_str(&esc(s)?),
            Tok::Ph(d) | Tok::Syn(d) => {
                n += 1;
                let _ = write!(out, "<ph x=\"{n}\">{}</ph>", esc(d)?);
            }
            Tok::Open(s, e) => {
                n += 1;
                let _ = write!(out, "<bpt i=\"{n}\">{}</bpt>", esc(s)?);
                open.push((n, e));
            }
            Tok::Close => {
                if let Some((i, e)) = open.pop() {
                    let _ = write!(out, "<ept i=\"{i}\">{}</ept>", esc(e)?);
                }
            }
        }
    }
    Ok(out)
}

/// The memory as TMX 1.4b: the export's current translations, then the units imported
/// into the locale's memory (`imported`).
pub fn write(export: &Export, imported: &[Stored]) -> Result<String, BadChar> {
    let esc = |s: &str| xml_escape(s).map_err(|c| (String::new(), c));
    let attr = |s: &str| xml_attr_escape(s).map_err(|c| (String::new(), c));
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<tmx version=\"1.4\">\n");
    let _ = writeln!(
        out,
        "  <header creationtool=\"carta\" creationtoolversion=\"{}\" segtype=\"block\" o-tmf=\"carta-fluent\" adminlang=\"en\" srclang=\"{}\" datatype=\"plaintext\"/>",
        env!("CARGO_PKG_VERSION"),
        esc(&export.source_lang)?
    );
    out.push_str("  <body>\n");
    for f in &export.files {
        for u in &f.units {
            let Some(target) = &u.target else { continue };
            let _ = writeln!(out, "    <tu tuid=\"{}\">", attr(&u.id)?);
            let _ = writeln!(
                out,
                "      <prop type=\"x-carta-file\">{}</prop>",
                esc(&f.original)?
            );
            let _ = writeln!(
                out,
                "      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>",
                esc(&export.source_lang)?,
                seg(&u.id, &u.source)?
            );
            let _ = writeln!(
                out,
                "      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>",
                esc(&export.target_lang)?,
                seg(&u.id, target)?
            );
            out.push_str("    </tu>\n");
        }
    }
    out.push_str(&stored_units(
        &export.source_lang,
        &export.target_lang,
        imported,
    )?);
    out.push_str("  </body>\n</tmx>\n");
    Ok(out)
}

/// One translation unit of a TMX file: its `tuid` (if any), line, and each language
/// variant's segment as inline tokens.
#[derive(Debug, Clone)]
pub struct TmxUnit {
    pub tuid: Option<String>,
    pub line: usize,
    /// (`xml:lang`, the segment).
    pub variants: Vec<(String, Vec<Tok>)>,
    /// `<prop type="x-carta-from">`: the file carta imported it from.
    pub from: Option<String>,
}

/// A TMX document: the header's `srclang` and the units.
#[derive(Debug, Clone)]
pub struct Tmx {
    pub srclang: Option<String>,
    pub units: Vec<TmxUnit>,
}

/// Reads a TMX document (any version 1.x) already parsed as XML.
pub fn read(root: &super::xml::Element) -> Result<Tmx, (usize, String)> {
    if root.name != "tmx" {
        return Err((
            root.line,
            format!("the root element is <{}>, not <tmx>", root.name),
        ));
    }
    let srclang = root
        .child("header")
        .and_then(|h| h.attr("srclang"))
        .map(str::to_string);
    let body = root
        .child("body")
        .ok_or((root.line, "a TMX file needs a <body>".to_string()))?;
    let mut units = Vec::new();
    for tu in body.elements().filter(|e| e.name == "tu") {
        let mut variants = Vec::new();
        for tuv in tu.elements().filter(|e| e.name == "tuv") {
            let lang = tuv
                .attr("xml:lang")
                .or_else(|| tuv.attr("lang"))
                .ok_or((tuv.line, "a <tuv> without `xml:lang`".to_string()))?;
            let seg = tuv
                .child("seg")
                .ok_or((tuv.line, "a <tuv> without <seg>".to_string()))?;
            let mut toks = Vec::new();
            seg_tokens(seg, &mut toks);
            variants.push((lang.to_string(), toks));
        }
        let from = tu
            .elements()
            .find(|e| e.name == "prop" && e.attr("type") == Some("x-carta-from"))
            .map(text_of);
        units.push(TmxUnit {
            tuid: tu.attr("tuid").map(str::to_string),
            line: tu.line,
            variants,
            from,
        });
    }
    Ok(Tmx { srclang, units })
}

/// All the text inside an element.
fn text_of(e: &super::xml::Element) -> String {
    let mut out = String::new();
    for n in &e.children {
        match n {
            super::xml::Node::Text(t) => out.push_str(t),
            super::xml::Node::Element(c) => out.push_str(&text_of(c)),
        }
    }
    out
}

/// A segment's content as tokens: text; a `<ph>` holding a Fluent placeable (what carta
/// writes) as that placeable, or select syntax; any other inline code's content
/// (Markdown delimiters in carta's files, a native code in another tool's) as text.
fn seg_tokens(e: &super::xml::Element, out: &mut Vec<Tok>) {
    let text = |out: &mut Vec<Tok>, s: &str| match out.last_mut() {
        Some(Tok::Text(t)) => t.push_str(s),
        _ => out.push(Tok::Text(s.to_string())),
    };
    for n in &e.children {
        match n {
            super::xml::Node::Text(t) => text(out, t),
            super::xml::Node::Element(c) => match c.name.as_str() {
                "ph" => {
                    let d = text_of(c);
                    if super::inline::is_syntax(&d) {
                        out.push(Tok::Syn(d));
                    } else if d.starts_with('{') && d.ends_with('}') {
                        out.push(Tok::Ph(d));
                    } else {
                        text(out, &d);
                    }
                }
                "hi" | "sub" => seg_tokens(c, out),
                _ => text(out, &text_of(c)),
            },
        }
    }
}

/// One entry of a locale's stored memory (`locales/<tag>/memory.tmx`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub tuid: Option<String>,
    /// The source text (plain).
    pub source: String,
    /// The translation, as Fluent pattern source.
    pub target: String,
    /// The file it was imported from.
    pub from: Option<String>,
}

/// The stored memory of a locale as TMX 1.4b: the source as plain text, the translation
/// with its placeables as `<ph>`.
pub fn write_stored(
    source_lang: &str,
    target_lang: &str,
    entries: &[Stored],
) -> Result<String, BadChar> {
    let esc = |s: &str| xml_escape(s).map_err(|c| (String::new(), c));
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<!-- The translation memory of this locale, imported with `carta import FILE.tmx`.\n",
    );
    out.push_str(
        "     `carta sync` offers its translations for messages still to translate. -->\n",
    );
    out.push_str("<tmx version=\"1.4\">\n");
    let _ = writeln!(
        out,
        "  <header creationtool=\"carta\" creationtoolversion=\"{}\" segtype=\"block\" o-tmf=\"carta-memory\" adminlang=\"en\" srclang=\"{}\" datatype=\"plaintext\"/>",
        env!("CARGO_PKG_VERSION"),
        esc(source_lang)?
    );
    out.push_str("  <body>\n");
    out.push_str(&stored_units(source_lang, target_lang, entries)?);
    out.push_str("  </body>\n</tmx>\n");
    Ok(out)
}

/// The `<tu>` elements of stored memory entries.
fn stored_units(
    source_lang: &str,
    target_lang: &str,
    entries: &[Stored],
) -> Result<String, BadChar> {
    let esc = |s: &str| xml_escape(s).map_err(|c| (String::new(), c));
    let attr = |s: &str| xml_attr_escape(s).map_err(|c| (String::new(), c));
    let mut out = String::new();
    for e in entries {
        match &e.tuid {
            Some(t) => {
                let _ = writeln!(out, "    <tu tuid=\"{}\">", attr(t)?);
            }
            None => out.push_str("    <tu>\n"),
        }
        if let Some(from) = &e.from {
            let _ = writeln!(
                out,
                "      <prop type=\"x-carta-from\">{}</prop>",
                esc(from)?
            );
        }
        let id = e.tuid.clone().unwrap_or_default();
        let target = super::parse_pattern(&e.target).map_err(|_| (id.clone(), '{'))?;
        let _ = writeln!(
            out,
            "      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>",
            esc(source_lang)?,
            xml_escape(&e.source).map_err(|c| (id.clone(), c))?
        );
        let _ = writeln!(
            out,
            "      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>",
            esc(target_lang)?,
            seg(&id, &target)?
        );
        out.push_str("    </tu>\n");
    }
    Ok(out)
}

/// The entries of a stored memory file written by [`write_stored`] (or any TMX file):
/// for each unit, the variant in `source` and the one in `target` (language tags
/// compared as [`same_language`] does), translations that are not valid Fluent left out.
pub fn stored_entries(
    tmx: &Tmx,
    source: &crate::locale::Tag,
    target: &crate::locale::Tag,
) -> (Vec<Stored>, Vec<(String, usize, String)>) {
    let mut out = Vec::new();
    let mut refused = Vec::new();
    for u in &tmx.units {
        let pick = |tag: &crate::locale::Tag| {
            u.variants
                .iter()
                .filter(|(l, _)| same_language(l, tag))
                .min_by_key(|(l, _)| crate::locale::Tag::parse(l).ok().as_ref() != Some(tag))
                .map(|(_, t)| t)
        };
        let (Some(s), Some(t)) = (pick(source), pick(target)) else {
            continue;
        };
        let source_text = super::inline::plain(s);
        if source_text.len() > super::MAX_UNIT_BYTES {
            refused.push((
                unit_name(u),
                u.line,
                format!(
                    "the source is {} KB; carta takes at most {} KB per unit",
                    source_text.len() / 1024,
                    super::MAX_UNIT_BYTES / 1024
                ),
            ));
            continue;
        }
        // A blank translation is no translation: never stored, never pre-filled.
        if source_text.trim().is_empty() || super::inline::plain(t).trim().is_empty() {
            refused.push((
                unit_name(u),
                u.line,
                "the source or the translation is blank".into(),
            ));
            continue;
        }
        let Some(fluent) = super::inline::to_fluent(t) else {
            refused.push((unit_name(u), u.line, "unbalanced inline codes".into()));
            continue;
        };
        if let Err(why) = super::parse_pattern(&fluent) {
            refused.push((unit_name(u), u.line, why));
            continue;
        }
        out.push(Stored {
            tuid: u.tuid.clone(),
            source: source_text,
            target: fluent,
            from: u.from.clone(),
        });
    }
    (out, refused)
}

fn unit_name(u: &TmxUnit) -> String {
    u.tuid.clone().unwrap_or_else(|| "<tu>".into())
}

/// Whether a TMX language tag stands for `tag`: the same tag, or one that is the other
/// with subtags added (`es-ES` for `es`, `en` for `en-US`: CAT tools differ in how they
/// write them) — never a sibling (`pt-PT` is not `pt-BR`, `zh-Hant` not `zh-Hans`).
pub fn same_language(lang: &str, tag: &crate::locale::Tag) -> bool {
    let Ok(t) = crate::locale::Tag::parse(lang) else {
        return false;
    };
    let (a, b) = (t.as_str(), tag.as_str());
    a == b
        || a.strip_prefix(b).is_some_and(|r| r.starts_with('-'))
        || b.strip_prefix(a).is_some_and(|r| r.starts_with('-'))
}
