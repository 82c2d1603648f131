//! JSON outputs: a handout as structured data (`<doc>.json`) and every message as a flat
//! lookup (`messages.json`). Text is the formatted Fluent text with no isolation marks.

use serde_json::{json, Value};

use super::LocaleBundle;
use crate::content::{BlockKind, Document};

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// `messages.json`: `{"locale": …, "messages": {id: {"value": …, "attributes": {…}}}}`.
/// Serialized straight from the bundle (pretty, as `serde_json::to_string_pretty` of the
/// same document would be) without building a `Value` tree: at a million messages the
/// tree was gigabytes. `helpers` are the locale's own messages its translations use (they
/// are in `messages.ftl` too, so both list the same messages).
pub fn messages(
    bundle: &LocaleBundle,
    helpers: &std::collections::BTreeMap<String, super::Resolved>,
) -> String {
    use serde::ser::{SerializeMap, Serializer};
    struct Attributes<'a>(&'a std::collections::BTreeMap<String, super::Part>);
    impl serde::Serialize for Attributes<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(self.0.len()))?;
            for (k, p) in self.0 {
                map.serialize_entry(k, &p.text)?;
            }
            map.end()
        }
    }
    struct Message<'a>(&'a super::Resolved);
    impl serde::Serialize for Message<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(2))?;
            map.serialize_entry("attributes", &Attributes(&self.0.attributes))?;
            map.serialize_entry("value", &self.0.value.as_ref().map(|p| p.text.as_str()))?;
            map.end()
        }
    }
    struct Messages<'a>(Vec<(&'a String, &'a super::Resolved)>);
    impl serde::Serialize for Messages<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(self.0.len()))?;
            for (id, m) in &self.0 {
                map.serialize_entry(id, &Message(m))?;
            }
            map.end()
        }
    }
    struct Document<'a>(&'a LocaleBundle, Messages<'a>);
    impl serde::Serialize for Document<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(2))?;
            map.serialize_entry("locale", self.0.tag.as_str())?;
            map.serialize_entry("messages", &self.1)?;
            map.end()
        }
    }
    // Sorted by ID, as a map would be: the source's messages and the helpers interleave.
    let mut all: Vec<(&String, &super::Resolved)> = bundle.messages.iter().chain(helpers).collect();
    if !helpers.is_empty() {
        all.sort_by(|a, b| a.0.cmp(b.0));
    }
    let bundle = Document(bundle, Messages(all));
    let mut out = serde_json::to_string_pretty(&bundle).unwrap_or_default();
    out.push('\n');
    out
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
    for (block, id) in doc.blocks.iter().zip(ids) {
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
                    _ => json!({ "type": "verbatim", "markdown": block.text }),
                };
                let mut value = value;
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
