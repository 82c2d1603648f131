//! TMX 1.4b: a locale's translation memory (every current translation with its source)
//! for CAT tools. Placeables are `<ph>` with their Fluent source, Markdown spans
//! `<bpt>`/`<ept>`. No creation dates, so an export is stable.

use std::fmt::Write as _;

use super::inline::Tok;
use super::xliff::BadChar;
use super::{xml_escape, Export};

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

/// The memory as TMX 1.4b.
pub fn write(export: &Export) -> Result<String, BadChar> {
    let esc = |s: &str| xml_escape(s).map_err(|c| (String::new(), c));
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
            let _ = writeln!(out, "    <tu tuid=\"{}\">", esc(&u.id)?);
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
    out.push_str("  </body>\n</tmx>\n");
    Ok(out)
}
