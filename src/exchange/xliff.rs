//! XLIFF 2.0 and XLIFF 1.2: one `<file>` per locale file, one unit per pattern.
//!
//! Inline content: a placeable is a `<ph>` (2.0: its Fluent source in `<originalData>`,
//! `canDelete="no"`; 1.2: the source as the `<ph>`'s native code), a Markdown span a
//! `<pc>` (2.0) or `<bpt>`/`<ept>` (1.2), select syntax a `<ph>` too. States:
//!
//! | carta | XLIFF 2.0 `<segment state>` | XLIFF 1.2 `<target state>` |
//! |---|---|---|
//! | missing, template | `initial`, no target | no target |
//! | outdated | `initial` + `subState="carta:outdated"` | `needs-review-translation` |
//! | translated | `translated` | `translated` |
//! | reviewed | `final` | `signed-off` |
//!
//! On import, a target the file marks as a draft (2.0 `initial`; 1.2 `new`, `needs-*`)
//! is not written; any other target (2.0 `translated`, `reviewed`, `final`, or no state)
//! is. A review is never imported: a sign-off is `carta review` by a named person.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::inline::{is_syntax, Tok};
use super::xml::{Element, Node};
use super::{xml_escape, Export, InUnit, Incoming, Unit};
use crate::review::Status;

pub const XLIFF2_NS: &str = "urn:oasis:names:tc:xliff:document:2.0";
pub const XLIFF1_NS: &str = "urn:oasis:names:tc:xliff:document:1.2";

/// A character XML cannot hold, in unit `id`.
pub type BadChar = (String, char);

fn esc(id: &str, s: &str) -> Result<String, BadChar> {
    xml_escape(s).map_err(|c| (id.to_string(), c))
}

/// XLIFF 2.0 text: characters XML 1.0 cannot hold go as `<cp hex="…"/>`.
fn esc2(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let mut b = [0u8; 4];
        match xml_escape(c.encode_utf8(&mut b)) {
            Ok(e) => out.push_str(&e),
            Err(_) => {
                let _ = write!(out, "<cp hex=\"{:04X}\"/>", c as u32);
            }
        }
    }
    out
}

fn state2(status: Status) -> (&'static str, Option<&'static str>) {
    match status {
        Status::Missing | Status::Template => ("initial", None),
        Status::Outdated => ("initial", Some("carta:outdated")),
        Status::Translated => ("translated", None),
        Status::Reviewed => ("final", None),
    }
}

/// Inline content of one side of a 2.0 unit; `data` gathers `<originalData>`.
fn inline2(toks: &[Tok], data: &mut Vec<String>, ids: &mut Vec<(String, String)>) -> String {
    let mut out = String::new();
    let data_id = |d: &str, data: &mut Vec<String>| -> String {
        let n = match data.iter().position(|x| x == d) {
            Some(n) => n,
            None => {
                data.push(d.to_string());
                data.len() - 1
            }
        };
        format!("d{}", n + 1)
    };
    // Element IDs: the n-th code with the same data on both sides shares its ID.
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut next_id = |key: String, ids: &mut Vec<(String, String)>| -> String {
        let k = used.entry(key.clone()).or_insert(0);
        let nth = *k;
        *k += 1;
        let matching: Vec<&(String, String)> = ids.iter().filter(|(kk, _)| *kk == key).collect();
        if let Some((_, id)) = matching.get(nth) {
            return id.clone();
        }
        let id = (ids.len() + 1).to_string();
        ids.push((key, id.clone()));
        id
    };
    for t in toks {
        match t {
            Tok::Text(s) => out.push_str(&esc2(s)),
            Tok::Ph(d) | Tok::Syn(d) => {
                let dr = data_id(d, data);
                let id = next_id(format!("ph {d}"), ids);
                let _ = write!(out, "<ph id=\"{id}\" dataRef=\"{dr}\" canDelete=\"no\"/>");
            }
            Tok::Open(s, e) => {
                let ds = data_id(s, data);
                let de = data_id(e, data);
                let id = next_id(format!("pc {s} {e}"), ids);
                let _ = write!(
                    out,
                    "<pc id=\"{id}\" dataRefStart=\"{ds}\" dataRefEnd=\"{de}\">"
                );
            }
            Tok::Close => out.push_str("</pc>"),
        }
    }
    out
}

fn notes2(u: &Unit, out: &mut String) {
    out.push_str("      <notes>\n");
    for (cat, text) in &u.notes {
        let _ = writeln!(
            out,
            "        <note category=\"{cat}\">{}</note>",
            esc2(text)
        );
    }
    let _ = writeln!(
        out,
        "        <note category=\"location\">{}:{}</note>",
        esc2(&u.reference.0),
        u.reference.1
    );
    out.push_str("      </notes>\n");
}

/// The export as XLIFF 2.0.
pub fn write2(export: &Export) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(
        out,
        "<xliff xmlns=\"{XLIFF2_NS}\" version=\"2.0\" srcLang=\"{}\" trgLang=\"{}\">",
        esc2(&export.source_lang),
        esc2(&export.target_lang)
    );
    for (n, f) in export.files.iter().enumerate() {
        let _ = writeln!(
            out,
            "  <file id=\"f{}\" original=\"{}\">",
            n + 1,
            esc2(&f.original)
                .replace('\n', "&#10;")
                .replace('\t', "&#9;")
        );
        for u in &f.units {
            let _ = writeln!(out, "    <unit id=\"{}\" name=\"{}\">", u.id, u.id);
            notes2(u, &mut out);
            let mut data = Vec::new();
            let mut ids = Vec::new();
            let source = inline2(&u.source, &mut data, &mut ids);
            let target = u.target.as_ref().map(|t| inline2(t, &mut data, &mut ids));
            if !data.is_empty() {
                out.push_str("      <originalData>\n");
                for (i, d) in data.iter().enumerate() {
                    let _ = writeln!(out, "        <data id=\"d{}\">{}</data>", i + 1, esc2(d));
                }
                out.push_str("      </originalData>\n");
            }
            let (state, sub) = if u.from_memory && u.status == Status::Translated {
                ("initial", Some("carta:from-memory"))
            } else {
                state2(u.status)
            };
            let sub = sub
                .map(|s| format!(" subState=\"{s}\""))
                .unwrap_or_default();
            let _ = writeln!(out, "      <segment state=\"{state}\"{sub}>");
            let _ = writeln!(
                out,
                "        <source xml:space=\"preserve\">{source}</source>"
            );
            if let Some(t) = target {
                let _ = writeln!(out, "        <target xml:space=\"preserve\">{t}</target>");
            }
            out.push_str("      </segment>\n    </unit>\n");
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</xliff>\n");
    out
}

fn state1(status: Status) -> &'static str {
    match status {
        Status::Missing | Status::Template => "needs-translation",
        Status::Outdated => "needs-review-translation",
        Status::Translated => "translated",
        Status::Reviewed => "signed-off",
    }
}

fn inline1(id: &str, toks: &[Tok]) -> Result<String, BadChar> {
    let mut out = String::new();
    let mut n = 0;
    let mut open: Vec<usize> = Vec::new();
    let mut ends: Vec<&str> = Vec::new();
    for t in toks {
        match t {
            Tok::Text(s) => out.push_str(&esc(id, s)?),
            Tok::Ph(d) | Tok::Syn(d) => {
                n += 1;
                let ctype = if is_syntax(d) {
                    "x-fluent-select"
                } else {
                    "x-fluent-placeable"
                };
                let _ = write!(out, "<ph id=\"{n}\" ctype=\"{ctype}\">{}</ph>", esc(id, d)?);
            }
            Tok::Open(s, e) => {
                n += 1;
                let ctype = match s.as_str() {
                    "**" | "__" => "bold",
                    "*" | "_" => "italic",
                    "[" => "link",
                    _ => "x-code",
                };
                let _ = write!(
                    out,
                    "<bpt id=\"{n}\" ctype=\"{ctype}\">{}</bpt>",
                    esc(id, s)?
                );
                open.push(n);
                ends.push(e);
            }
            Tok::Close => {
                let (Some(k), Some(e)) = (open.pop(), ends.pop()) else {
                    continue;
                };
                let _ = write!(out, "<ept id=\"{k}\">{}</ept>", esc(id, e)?);
            }
        }
    }
    Ok(out)
}

/// The export as XLIFF 1.2; a character XML 1.0 cannot hold is an error naming its unit.
pub fn write1(export: &Export) -> Result<String, BadChar> {
    let mut out = String::new();
    let _ = writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(out, "<xliff xmlns=\"{XLIFF1_NS}\" version=\"1.2\">");
    for f in &export.files {
        let _ = writeln!(
            out,
            "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"plaintext\">",
            super::xml_attr_escape(&f.original).map_err(|c| (String::new(), c))?,
            esc("", &export.source_lang)?,
            esc("", &export.target_lang)?
        );
        out.push_str("    <body>\n");
        for u in &f.units {
            let _ = writeln!(
                out,
                "      <trans-unit id=\"{}\" resname=\"{}\" xml:space=\"preserve\">",
                u.id, u.id
            );
            let _ = writeln!(
                out,
                "        <source>{}</source>",
                inline1(&u.id, &u.source)?
            );
            if let Some(t) = &u.target {
                let _ = writeln!(
                    out,
                    "        <target state=\"{}\">{}</target>",
                    if u.from_memory && u.status == Status::Translated {
                        "needs-review-translation"
                    } else {
                        state1(u.status)
                    },
                    inline1(&u.id, t)?
                );
            }
            for (cat, text) in &u.notes {
                let _ = writeln!(
                    out,
                    "        <note from=\"carta-{cat}\">{}</note>",
                    esc(&u.id, text)?
                );
            }
            let _ = writeln!(
                out,
                "        <note from=\"carta-location\">{}:{}</note>",
                esc(&u.id, &u.reference.0)?,
                u.reference.1
            );
            out.push_str("      </trans-unit>\n");
        }
        out.push_str("    </body>\n  </file>\n");
    }
    out.push_str("</xliff>\n");
    Ok(out)
}

/// Reads an XLIFF 2.0 or 1.2 document.
pub fn read(root: &Element) -> Result<Incoming, (usize, String)> {
    if root.name != "xliff" {
        return Err((
            root.line,
            format!("the root element is `<{}>`, not `<xliff>`", root.name),
        ));
    }
    match root.attr("version") {
        Some(v) if v.starts_with("2.") => read2(root),
        Some("1.2") => read1(root),
        Some(v) => Err((
            root.line,
            format!("XLIFF version `{v}` is not supported (2.x or 1.2)"),
        )),
        None => Err((root.line, "the `<xliff>` element has no `version`".into())),
    }
}

fn text_of(e: &Element) -> String {
    let mut s = String::new();
    for n in &e.children {
        match n {
            Node::Text(t) => s.push_str(t),
            Node::Element(c) => s.push_str(&text_of(c)),
        }
    }
    s
}

fn read2(root: &Element) -> Result<Incoming, (usize, String)> {
    let mut incoming = Incoming {
        source_lang: root.attr("srcLang").map(String::from),
        target_lang: root.attr("trgLang").map(String::from),
        units: Vec::new(),
    };
    fn units<'e>(e: &'e Element, out: &mut Vec<&'e Element>) {
        for c in e.elements() {
            match c.name.as_str() {
                "unit" => out.push(c),
                "group" | "file" => units(c, out),
                _ => {}
            }
        }
    }
    let mut list = Vec::new();
    units(root, &mut list);
    for u in list {
        let Some(id) = u.attr("id") else {
            return Err((u.line, "a `<unit>` without an `id`".into()));
        };
        let data: HashMap<&str, String> = u
            .child("originalData")
            .map(|od| {
                od.elements()
                    .filter(|d| d.name == "data")
                    .filter_map(|d| d.attr("id").map(|i| (i, text_of(d))))
                    .collect()
            })
            .unwrap_or_default();
        let (target, draft) = unit_target2(u, &data);
        let (target, codes) = split_side(target);
        incoming.units.push(InUnit {
            id: id.to_string(),
            line: u.line,
            source: unit_source2(u, &data),
            target,
            codes,
            draft,
        });
    }
    Ok(incoming)
}

/// A 2.0 unit's target as Fluent source and its inline codes, and whether it is a
/// draft. A unit a CAT tool split into several segments (sentence segmentation) is
/// joined back in document order, `<ignorable>` whitespace between them included; it has
/// a target only when every segment has one.
type Side = Result<Option<(String, Vec<Tok>)>, String>;

fn unit_target2(u: &Element, data: &HashMap<&str, String>) -> (Side, bool) {
    unit_side2(u, data, "target")
}

/// The unit's source as the file has it (`None`: a segment without `<source>`).
fn unit_source2(u: &Element, data: &HashMap<&str, String>) -> Option<String> {
    match unit_side2(u, data, "source").0 {
        Ok(Some((s, _))) => Some(s),
        _ => None,
    }
}

fn unit_side2(u: &Element, data: &HashMap<&str, String>, which: &str) -> (Side, bool) {
    let mut toks = Vec::new();
    let mut draft = false;
    let mut segments = 0;
    for part in u.elements() {
        let side = match part.name.as_str() {
            "segment" => {
                segments += 1;
                draft |= part.attr("state") == Some("initial");
                match part.child(which) {
                    Some(t) => t,
                    None => return (Ok(None), draft),
                }
            }
            "ignorable" => match part.child(which).or_else(|| part.child("source")) {
                Some(t) => t,
                None => continue,
            },
            _ => continue,
        };
        if let Err(why) = walk2(side, data, &mut toks) {
            return (Err(why), draft);
        }
    }
    if segments == 0 {
        return (Err("the unit has no `<segment>`".to_string()), draft);
    }
    let target = super::inline::to_fluent(&toks)
        .map(|f| Some((f, codes(&toks))))
        .ok_or_else(|| "unbalanced inline codes".to_string());
    (target, draft)
}

/// The inline codes (placeholders, Markdown spans) of `toks`, whose data the file holds.
fn codes(toks: &[Tok]) -> Vec<Tok> {
    toks.iter()
        .filter(|t| !matches!(t, Tok::Text(_) | Tok::Close))
        .cloned()
        .collect()
}

fn walk2(e: &Element, data: &HashMap<&str, String>, toks: &mut Vec<Tok>) -> Result<(), String> {
    let get = |attr: &str, el: &Element| -> Result<String, String> {
        let r = el
            .attr(attr)
            .ok_or_else(|| format!("a `<{}>` without `{attr}` (line {})", el.name, el.line))?;
        data.get(r).cloned().ok_or_else(|| {
            format!(
                "`{attr}=\"{r}\"` names no `<data>` of the unit (line {})",
                el.line
            )
        })
    };
    for n in &e.children {
        match n {
            Node::Text(s) => toks.push(Tok::Text(s.clone())),
            Node::Element(c) => match c.name.as_str() {
                "ph" => {
                    let d = get("dataRef", c)?;
                    toks.push(if is_syntax(&d) { Tok::Syn(d) } else { Tok::Ph(d) });
                }
                "pc" => {
                    toks.push(Tok::Open(get("dataRefStart", c)?, get("dataRefEnd", c)?));
                    walk2(c, data, toks)?;
                    toks.push(Tok::Close);
                }
                "mrk" => walk2(c, data, toks)?,
                "cp" => {
                    let c = c
                        .attr("hex")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                        .ok_or_else(|| format!("a `<cp>` without a valid `hex` (line {})", c.line))?;
                    toks.push(Tok::Text(c.to_string()));
                }
                other => {
                    return Err(format!(
                        "inline element `<{other}>` (line {}) is not one carta wrote; keep the tags of the source",
                        c.line
                    ))
                }
            },
        }
    }
    Ok(())
}

fn read1(root: &Element) -> Result<Incoming, (usize, String)> {
    let mut incoming = Incoming::default();
    for file in root.elements().filter(|e| e.name == "file") {
        let src = file.attr("source-language").map(String::from);
        let trg = file.attr("target-language").map(String::from);
        for (mine, theirs) in [
            (&mut incoming.source_lang, src),
            (&mut incoming.target_lang, trg),
        ] {
            match (mine.as_ref(), theirs) {
                (Some(a), Some(b)) if *a != b => {
                    return Err((
                        file.line,
                        format!(
                            "the files of the document are for different languages (`{a}`, `{b}`)"
                        ),
                    ))
                }
                (None, Some(b)) => *mine = Some(b),
                _ => {}
            }
        }
        fn units<'e>(e: &'e Element, out: &mut Vec<&'e Element>) {
            for c in e.elements() {
                match c.name.as_str() {
                    "trans-unit" => out.push(c),
                    "group" | "body" => units(c, out),
                    _ => {}
                }
            }
        }
        let mut list = Vec::new();
        units(file, &mut list);
        for u in list {
            let Some(id) = u.attr("id") else {
                return Err((u.line, "a `<trans-unit>` without an `id`".into()));
            };
            let (target, draft) = match u.child("target") {
                None => (Ok(None), false),
                Some(t) => {
                    let state = t.attr("state").unwrap_or("translated");
                    let draft = state == "new" || state.starts_with("needs-");
                    (inline_in1(t).map(Some), draft)
                }
            };
            let (target, codes) = split_side(target);
            let source = u
                .child("source")
                .and_then(|s| inline_in1(s).ok())
                .map(|(f, _)| f);
            incoming.units.push(InUnit {
                id: id.to_string(),
                line: u.line,
                source,
                target,
                codes,
                draft,
            });
        }
    }
    Ok(incoming)
}

fn inline_in1(t: &Element) -> Result<(String, Vec<Tok>), String> {
    let mut toks = Vec::new();
    walk1(t, &mut toks)?;
    super::inline::to_fluent(&toks)
        .map(|f| (f, codes(&toks)))
        .ok_or_else(|| "unbalanced `<bpt>`/`<ept>`".to_string())
}

/// A target and its codes as [`InUnit`] holds them.
fn split_side(side: Side) -> (Result<Option<String>, String>, Vec<Tok>) {
    match side {
        Ok(Some((f, codes))) => (Ok(Some(f)), codes),
        Ok(None) => (Ok(None), Vec::new()),
        Err(why) => (Err(why), Vec::new()),
    }
}

fn walk1(e: &Element, toks: &mut Vec<Tok>) -> Result<(), String> {
    let mut open: Vec<(String, String)> = Vec::new();
    for n in &e.children {
        match n {
            Node::Text(s) => toks.push(Tok::Text(s.clone())),
            Node::Element(c) => match c.name.as_str() {
                "ph" => {
                    let d = text_of(c);
                    toks.push(if is_syntax(&d) { Tok::Syn(d) } else { Tok::Ph(d) });
                }
                "bpt" => {
                    // The closing delimiter is the matching `<ept>`'s: look ahead.
                    let id = c.attr("id").unwrap_or("").to_string();
                    let end = e
                        .elements()
                        .find(|x| x.name == "ept" && x.attr("id") == Some(id.as_str()))
                        .map(text_of)
                        .ok_or_else(|| format!("`<bpt id=\"{id}\">` (line {}) has no `<ept>`", c.line))?;
                    toks.push(Tok::Open(text_of(c), end));
                    open.push((id, String::new()));
                }
                "ept" => {
                    let id = c.attr("id").unwrap_or("");
                    match open.pop() {
                        Some((o, _)) if o == id => toks.push(Tok::Close),
                        _ => return Err(format!("`<ept id=\"{id}\">` (line {}) does not close the innermost `<bpt>`", c.line)),
                    }
                }
                "mrk" | "g" => {
                    if c.name == "g" {
                        return Err(format!("`<g>` (line {}) is not one carta wrote; keep the tags of the source", c.line));
                    }
                    walk1(c, toks)?
                }
                other => {
                    return Err(format!(
                        "inline element `<{other}>` (line {}) is not one carta wrote; keep the tags of the source",
                        c.line
                    ))
                }
            },
        }
    }
    if let Some((id, _)) = open.first() {
        return Err(format!("`<bpt id=\"{id}\">` is not closed"));
    }
    Ok(())
}
