//! A small, safe XML reader for XLIFF files (quick-xml underneath): the document as a
//! tree of elements and text.
//!
//! No DTD is ever read: a document type declaration is refused outright, so no entity is
//! declared, expanded or fetched (billion laughs, external entities). Only the five
//! predefined entities and character references are resolved; any other `&name;` is an
//! error. Nesting deeper than [`MAX_DEPTH`] is refused. Errors give the line.

use quick_xml::events::Event;
use quick_xml::Reader;

/// Deeper than any XLIFF file needs; keeps recursion over the tree bounded.
pub const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Element {
    /// The local name (namespace prefix dropped).
    pub name: String,
    /// (qualified name, value).
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Node>,
    /// 1-based line of the start tag.
    pub line: usize,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }
}

/// `line: message` of an XML error.
pub type XmlError = (usize, String);

fn local(name: &str) -> String {
    match name.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => name.to_string(),
    }
}

/// Parses `text` into its root element.
pub fn parse(text: &str) -> Result<Element, XmlError> {
    parse_with(text, false)
}

/// [`parse`], accepting a document type declaration that only names an external DTD
/// (`<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, which CAT tools write in TMX files): it is never
/// read, and no entity can be declared without an internal subset (`[ … ]`), which is
/// still refused.
pub fn parse_with(text: &str, external_doctype: bool) -> Result<Element, XmlError> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.trim_text(false);
    config.check_end_names = true;
    config.expand_empty_elements = true;
    // Lines are counted incrementally: events come in file order, and recounting from
    // the start for each one made a 1 MB file take seconds.
    let counted = std::cell::Cell::new((0usize, 1usize));
    let line_of = |pos: u64| -> usize {
        let pos = (pos as usize).min(text.len());
        let (at, line) = counted.get();
        if pos < at {
            return 1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..pos]).count();
        }
        let line = line + memchr::memchr_iter(b'\n', &text.as_bytes()[at..pos]).count();
        counted.set((pos, line));
        line
    };
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let pos = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            (
                line_of(reader.error_position()),
                format!("not well-formed XML: {e}"),
            )
        })?;
        let push_text = |stack: &mut Vec<Element>, s: &str| -> Result<(), XmlError> {
            match stack.last_mut() {
                Some(parent) => {
                    if let Some(Node::Text(t)) = parent.children.last_mut() {
                        t.push_str(s);
                    } else {
                        parent.children.push(Node::Text(s.to_string()));
                    }
                    Ok(())
                }
                None if s.trim().is_empty() => Ok(()),
                None => Err((line_of(pos), "text outside the root element".into())),
            }
        };
        match event {
            Event::DocType(d) if external_doctype && !AsRef::<[u8]>::as_ref(&*d).contains(&b'[') && root.is_none() && stack.is_empty() => {}
            Event::DocType(_) => {
                return Err((
                    line_of(pos),
                    "a document type declaration (<!DOCTYPE …>) is not accepted: carta never reads DTDs or entity declarations".into(),
                ))
            }
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err((line_of(pos), format!("elements nested more than {MAX_DEPTH} deep")));
                }
                if root.is_some() {
                    return Err((line_of(pos), "more than one root element".into()));
                }
                let mut attributes = Vec::new();
                for a in e.attributes() {
                    let a = a.map_err(|err| (line_of(pos), format!("bad attribute: {err}")))?;
                    // Only the predefined entities and character references; any other
                    // `&name;` is an error (no DTD is ever read).
                    #[allow(deprecated)]
                    let value = a
                        .unescape_value()
                        .map_err(|err| (line_of(pos), format!("bad attribute value: {err}")))?;
                    attributes.push((
                        a.key.as_ref().to_string(),
                        value.into_owned(),
                    ));
                }
                stack.push(Element {
                    name: local(e.name().as_ref()),
                    attributes,
                    children: Vec::new(),
                    line: line_of(pos),
                });
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err((line_of(pos), "an end tag without a start tag".into()));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(done)),
                    None => root = Some(done),
                }
            }
            Event::Empty(_) => unreachable_empty()?,
            Event::Text(t) => push_text(&mut stack, &t.xml10_content())?,
            Event::CData(t) => {
                let s = t.into_inner().into_owned();
                push_text(&mut stack, &s.replace("\r\n", "\n"))?
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => match &*r.xml10_content() {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "apos" => '\'',
                        "quot" => '"',
                        other => {
                            return Err((
                                line_of(pos),
                                format!("entity `&{other};` is not allowed: carta resolves only the five predefined XML entities"),
                            ))
                        }
                    },
                    Err(e) => return Err((line_of(pos), format!("bad character reference: {e}"))),
                };
                let mut buf = [0u8; 4];
                push_text(&mut stack, c.encode_utf8(&mut buf))?
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err((
            line_of(text.len() as u64),
            "the document ends inside an element".into(),
        ));
    }
    root.ok_or((1, "no root element".into()))
}

/// `expand_empty_elements` turns `<a/>` into a start and an end event.
fn unreachable_empty() -> Result<(), XmlError> {
    Err((1, "internal: unexpected empty element event".into()))
}

#[cfg(test)]
mod tests {

    /// A `tuid` or `original` with a line break or tab is written as character
    /// references: raw, a reader's attribute-value normalization turns them into spaces.
    #[test]
    fn attribute_breaks_and_tabs_are_written_as_references() {
        let a = crate::exchange::xml_attr_escape("a\nb\tc\"d").unwrap();
        assert_eq!(a, "a&#10;b&#9;c&quot;d");
        let root = parse(&format!("<tu tuid=\"{a}\"/>")).unwrap();
        assert_eq!(root.attr("tuid"), Some("a\nb\tc\"d"));
    }
    use super::*;

    #[test]
    fn entities_are_never_declared_or_expanded() {
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><a>&lol2;</a>";
        assert!(parse(laughs).unwrap_err().1.contains("document type"));
        let external = "<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a/>";
        assert!(parse(external).is_err());
        // For TMX, a declaration naming a DTD is accepted and never read; an internal
        // subset (where entities are declared) is still refused, and so is any entity.
        assert!(parse_with(external, true).is_ok());
        assert!(parse_with(laughs, true).is_err());
        let xxe = "<!DOCTYPE a SYSTEM \"x.dtd\"><a>&xxe;</a>";
        assert!(parse_with(xxe, true).unwrap_err().1.contains("not allowed"));
        assert!(parse("<a>&nbsp;</a>")
            .unwrap_err()
            .1
            .contains("not allowed"));
        let ok = parse("<a x=\"1 &amp; 2\">&lt;b&gt; &#x41;<b/>c</a>").unwrap();
        assert_eq!(ok.attr("x"), Some("1 & 2"));
        assert!(matches!(&ok.children[0], Node::Text(t) if t == "<b> A"));
    }

    #[test]
    fn malformed_and_deep_documents_are_errors() {
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("<a>").is_err());
        assert!(parse("").is_err());
        assert!(parse("<a/><b/>").is_err());
        let deep = "<a>".repeat(100) + &"</a>".repeat(100);
        assert!(parse(&deep).unwrap_err().1.contains("nested"));
    }
}
