//! JSON outputs: a handout as structured data (`<doc>.json`) and every message as a flat
//! lookup (`messages.json`). Text is the formatted Fluent text with no isolation marks.

use serde_json::{json, Value};

use std::collections::BTreeMap;

use super::{icu, LocaleBundle};
use crate::content::{BlockKind, Document};

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// `messages.json` (schemas/messages.v1.json): `{"locale": …, "messages": {id: {…}}}`,
/// one entry per message of `messages.ftl`, as `visit` gives them (in ID order, read off
/// it: `visit` calls its argument with each until that returns false). A part that
/// needs no argument keeps its formatted text (`value`, `attributes.<name>`); a part
/// with variables has `null` there and its Fluent source in `pattern` /
/// `attribute_patterns.<name>`, and the message lists its `variables` with their kinds.
/// Serialized straight from the bundle into `w` without building a `Value` tree or a
/// string: at a million messages the tree was gigabytes. `helpers` are the locale's own
/// messages its translations use.
pub fn messages(
    w: &mut dyn std::io::Write,
    bundle: &LocaleBundle,
    helpers: &BTreeMap<String, super::Resolved>,
    visit: Visit,
) -> std::io::Result<()> {
    use serde::ser::{SerializeMap, Serializer};
    struct Texts<'a>(Vec<(&'a str, Option<&'a str>)>);
    impl serde::Serialize for Texts<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(self.0.len()))?;
            for (k, v) in &self.0 {
                map.serialize_entry(k, v)?;
            }
            map.end()
        }
    }
    struct Kinds<'a>(BTreeMap<&'a str, icu::Kind>);
    impl serde::Serialize for Kinds<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(self.0.len()))?;
            for (k, v) in &self.0 {
                map.serialize_entry(k, v.as_str())?;
            }
            map.end()
        }
    }
    struct Message<'a>(Option<&'a super::Resolved>, &'a icu::Message);
    impl serde::Serialize for Message<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let (resolved, c) = (self.0, self.1);
            let text = |attr: Option<&str>, part: &'_ icu::Converted| -> Option<&'_ str> {
                if !part.variables.is_empty() || part.runtime_formats {
                    return None;
                }
                let r = resolved?;
                match attr {
                    None => r.value.as_ref().map(|p| p.text.as_str()),
                    Some(a) => r.attributes.get(a).map(|p| p.text.as_str()),
                }
            };
            // A part is dynamic when it needs arguments, or (never expected) when carta
            // has no formatted text for it: then its pattern is all there is.
            let dynamic = |attr: Option<&str>, part: &icu::Converted| text(attr, part).is_none();
            let mut map = s.serialize_map(None)?;
            let attr_patterns: Vec<(&str, Option<&str>)> = c
                .attributes
                .iter()
                .filter(|(a, p)| dynamic(Some(a), p))
                .map(|(a, p)| (a.as_str(), Some(p.source.as_str())))
                .collect();
            if !attr_patterns.is_empty() {
                map.serialize_entry("attribute_patterns", &Texts(attr_patterns))?;
            }
            let attrs = c
                .attributes
                .iter()
                .map(|(a, p)| (a.as_str(), text(Some(a), p)))
                .collect();
            map.serialize_entry("attributes", &Texts(attrs))?;
            if let Some(v) = c.value.as_ref().filter(|v| dynamic(None, v)) {
                map.serialize_entry("pattern", &v.source)?;
            }
            map.serialize_entry("value", &c.value.as_ref().and_then(|v| text(None, v)))?;
            let mut kinds = BTreeMap::new();
            for part in c.value.iter().chain(c.attributes.values()) {
                for (name, kind) in &part.variables {
                    let k = kinds.entry(name.as_str()).or_insert(*kind);
                    *k = (*k).min(*kind); // a number anywhere is a number
                }
            }
            if !kinds.is_empty() {
                map.serialize_entry("variables", &Kinds(kinds))?;
            }
            // Published marked (`[publish]` `mark`): an app cannot show the handouts'
            // notice from the text alone, so it is told (outdated over unreviewed).
            let flag = resolved.and_then(|r| {
                r.value
                    .iter()
                    .chain(r.attributes.values())
                    .filter_map(|p| p.flag)
                    .max()
            });
            if let Some(flag) = flag {
                map.serialize_entry("status", flag.as_str())?;
            }
            map.end()
        }
    }
    struct Messages<'a, 'v>(
        &'a LocaleBundle,
        &'a BTreeMap<String, super::Resolved>,
        std::cell::RefCell<Visit<'v>>,
    );
    impl serde::Serialize for Messages<'_, '_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(None)?;
            let mut failed = None;
            (self.2.borrow_mut())(&mut |id, m| {
                let resolved = self.0.messages.get(id).or_else(|| self.1.get(id));
                match map.serialize_entry(id, &Message(resolved, m)) {
                    Ok(()) => true,
                    Err(e) => {
                        failed = Some(e);
                        false
                    }
                }
            });
            if let Some(e) = failed {
                return Err(e);
            }
            map.end()
        }
    }
    struct Document<'a, 'v>(&'a LocaleBundle, Messages<'a, 'v>);
    impl serde::Serialize for Document<'_, '_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(2))?;
            map.serialize_entry("locale", self.0.tag.as_str())?;
            map.serialize_entry("messages", &self.1)?;
            map.end()
        }
    }
    let doc = Document(
        bundle,
        Messages(bundle, helpers, std::cell::RefCell::new(visit)),
    );
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    w.write_all(b"\n")
}

/// Visits messages in ID order (see [`messages`]).
pub type Visit<'v> = &'v mut dyn FnMut(&mut dyn FnMut(&str, &icu::Message) -> bool);

/// `messages.icu.json`: `{"id": "…", "id.attr": "…"}` in ICU MessageFormat, the messages
/// of `messages.ftl`, gathered part by part ([`IcuMessages::push`] in key order), as
/// `serde_json::to_writer_pretty` writes a map.
#[derive(Default)]
pub struct IcuMessages(Vec<u8>);

impl IcuMessages {
    pub fn push(&mut self, key: &str, icu: &str) {
        self.0.extend_from_slice(if self.0.is_empty() {
            b"{\n  "
        } else {
            b",\n  "
        });
        // Writing into a Vec cannot fail, nor can serializing a string.
        let _ = serde_json::to_writer(&mut self.0, key);
        self.0.extend_from_slice(b": ");
        let _ = serde_json::to_writer(&mut self.0, icu);
    }

    pub fn finish(mut self) -> Vec<u8> {
        if self.0.is_empty() {
            b"{}\n".to_vec()
        } else {
            self.0.extend_from_slice(b"\n}\n");
            self.0
        }
    }
}

/// `<doc>.json`: title, then sections (a heading and the blocks under it).
pub fn document(doc: &Document, ids: &[Option<String>], bundle: &LocaleBundle) -> String {
    let text_of = |id: &Option<String>, attr: Option<&str>| -> (Value, Value) {
        match id.as_deref().and_then(|id| bundle.part(id, attr)) {
            Some(p) => (
                Value::String(p.text.clone()),
                Value::String(bundle.locale_of(p).to_string()),
            ),
            None => (Value::Null, Value::Null),
        }
    };
    let mut title = Value::Null;
    let mut sections: Vec<Value> = Vec::new();
    let mut current = json!({ "heading": null, "blocks": [] });
    for (i, (block, id)) in doc.blocks.iter().zip(ids).enumerate() {
        if super::table::is_continuation(block) {
            continue;
        }
        let (text, locale) = text_of(id, None);
        // Published although outdated or unreviewed: says so, for apps to show too.
        let status = id
            .as_deref()
            .and_then(|id| bundle.flag(id))
            .map(|f| f.as_str());
        match block.kind {
            BlockKind::Title => {
                title = json!({ "id": id, "text": text, "locale": locale });
                if let Some(status) = status {
                    title["marked"] = json!(status);
                }
            }
            BlockKind::Heading(level) => {
                if current["heading"] != Value::Null
                    || current["blocks"].as_array().is_some_and(|b| !b.is_empty())
                {
                    sections.push(std::mem::replace(
                        &mut current,
                        json!({ "heading": null, "blocks": [] }),
                    ));
                }
                current["heading"] =
                    json!({ "id": id, "level": level, "text": text, "locale": locale });
                if let Some(status) = status {
                    current["heading"]["marked"] = json!(status);
                }
            }
            _ => {
                let value = match block.kind {
                    BlockKind::Paragraph => {
                        json!({ "type": "paragraph", "id": id, "text": text, "locale": locale })
                    }
                    BlockKind::Quote => {
                        json!({ "type": "quote", "id": id, "text": text, "locale": locale })
                    }
                    BlockKind::Item => {
                        let list = block.list.clone().unwrap_or(crate::content::ListPos {
                            number: None,
                            depth: 0,
                            first: true,
                        });
                        match &block.body {
                            Some(_) => {
                                let (body, body_locale) = text_of(id, Some("body"));
                                json!({ "type": "item", "id": id, "number": list.number, "depth": list.depth, "title": text, "body": body, "locale": locale, "body_locale": body_locale })
                            }
                            None => {
                                json!({ "type": "item", "id": id, "number": list.number, "depth": list.depth, "text": text, "locale": locale })
                            }
                        }
                    }
                    // A table's cells are marked one by one.
                    BlockKind::Cell => super::table::json(bundle, &doc.blocks[i..], &ids[i..]),
                    _ => json!({ "type": "verbatim", "markdown": block.text }),
                };
                let mut value = value;
                let status = status.filter(|_| block.kind != BlockKind::Cell);
                if let (Some(status), Some(obj)) = (status, value.as_object_mut()) {
                    obj.insert("marked".into(), json!(status));
                }
                if let Some(blocks) = current["blocks"].as_array_mut() {
                    blocks.push(value);
                }
            }
        }
    }
    sections.push(current);
    pretty(&json!({
        "document": doc.name,
        "locale": bundle.tag.as_str(),
        "dir": if bundle.tag.is_rtl() { "rtl" } else { "ltr" },
        "title": title,
        "sections": sections,
    }))
}
