//! JSON outputs: a handout as structured data (`<doc>.json`) and every message as a flat
//! lookup (`messages.json`). Text is the formatted Fluent text with no isolation marks.

use serde_json::{json, Map, Value};

use super::LocaleBundle;
use crate::content::{BlockKind, Document};

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// `messages.json`: `{"locale": …, "messages": {id: {"value": …, "attributes": {…}}}}`;
/// `helpers` are the locale's own messages its translations use (they are in
/// `messages.ftl` too, so both list the same messages).
pub fn messages(
    bundle: &LocaleBundle,
    helpers: &std::collections::BTreeMap<String, super::Resolved>,
) -> String {
    let mut messages = Map::new();
    for (id, m) in bundle.messages.iter().chain(helpers) {
        let attributes: Map<String, Value> = m
            .attributes
            .iter()
            .map(|(k, p)| (k.clone(), Value::String(p.text.clone())))
            .collect();
        messages.insert(
            id.clone(),
            json!({
                "value": m.value.as_ref().map(|p| p.text.clone()),
                "attributes": attributes,
            }),
        );
    }
    pretty(&json!({ "locale": bundle.tag.as_str(), "messages": messages }))
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
