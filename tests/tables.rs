//! GitHub-flavoured Markdown tables end to end (issue 17, item 5): extracted cell by cell,
//! synced and checked like any message, and built as real tables in HTML, Markdown and
//! `<doc>.json`, with fallback, outdated marking and hostile cell text handled as for
//! every other block.

mod common;

use common::*;

const DOC: &str = "# After Your Visit\n\n## Your First Days\n\n| When | What to do | Avoid |\n| :--- | :---: | ---: |\n| First day | Drink water and rest | Hard exercise |\n| Days 2–3 | Gentle walks | |\n";

const ID: &str = "visit-your-first-days";

fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("content")).unwrap();
    std::fs::create_dir_all(tmp.path().join("locales/en-US")).unwrap();
    write(tmp.path().join("content/visit.md"), DOC);
    carta_ok(tmp.path(), &["extract"], 0);
    carta_ok(tmp.path(), &["add-locale", "es"], 0);
    // Every cell translated but one (it falls back to English); one cell hostile.
    write(
        tmp.path().join("locales/es/visit.ftl"),
        &format!(
            "visit-title = Después de su visita\n\
             {ID}-heading = Sus primeros días\n\
             {ID}-column-when = Cuándo\n\
             {ID}-column-what-to-do = Qué hacer\n\
             {ID}-column-avoid = Evitar\n\
             {ID}-row-first-day = El primer día\n\
             {ID}-first-day-what-to-do = Beba agua | descanse <script>alert(1)</script> `a|b`\n\
             {ID}-first-day-avoid = Ejercicio intenso\n\
             {ID}-row-days = Días 2–3\n"
        ),
    );
    carta_ok(tmp.path(), &["sync"], 0);
    tmp
}

#[test]
fn cells_are_messages_that_check_and_sync_know() {
    let tmp = project();
    let source = read(tmp.path().join("locales/en-US/visit.ftl"));
    assert!(
        source.contains(&format!(
            "# Table row 2 of 2, column 2 of 3.\n{ID}-days-what-to-do = Gentle walks\n"
        )),
        "{source}"
    );
    // The untranslated cell is missing like any message, and sync gave it a template.
    let report = json(&carta_ok(
        tmp.path(),
        &["check", "--locale", "es", "--format", "json"],
        0,
    ));
    let missing: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["check"] == "missing")
        .map(|d| d["message_id"].as_str().unwrap())
        .collect();
    assert_eq!(missing, vec![format!("{ID}-days-what-to-do")]);
    let es = read(tmp.path().join("locales/es/visit.ftl"));
    assert!(
        es.contains(&format!("# TODO {ID}-days-what-to-do = Gentle walks")),
        "{es}"
    );
}

#[test]
fn tables_are_built_as_tables_in_every_format() {
    let tmp = project();
    carta_ok(tmp.path(), &["build"], 0);
    let html = read(tmp.path().join("dist/es/visit.html"));
    assert_eq!(html.matches("<table>").count(), 1, "{html}");
    assert!(html.contains(&format!(
        "<th scope=\"col\" id=\"{ID}-column-when\" style=\"text-align: start\">Cuándo</th>"
    )));
    assert!(html.contains(&format!(
        "<th scope=\"col\" id=\"{ID}-column-avoid\" style=\"text-align: end\">Evitar</th>"
    )));
    // Escaped and inert; the missing cell falls back with its own lang; the empty cell is empty.
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(
        html.contains(&format!("<td id=\"{ID}-days-what-to-do\" style=\"text-align: center\"><span class=\"fallback\" lang=\"en-US\" dir=\"ltr\"")),
        "{html}"
    );
    assert!(
        html.contains("<td style=\"text-align: end\"></td></tr>"),
        "{html}"
    );
    assert_eq!(html.matches("<tr>").count(), 3);

    // Markdown: three columns on every row, whatever the cell says.
    let md = read(tmp.path().join("dist/es/visit.md"));
    assert!(
        md.contains("| Cuándo | Qué hacer | Evitar |\n| :--- | :---: | ---: |\n"),
        "{md}"
    );
    assert!(
        md.contains("| El primer día | Beba agua \\| descanse \\<script>alert(1)\\</script> `a\\|b` | Ejercicio intenso |"),
        "{md}"
    );
    assert!(md.contains("| Días 2–3 | Gentle walks | |\n"), "{md}");
    let mut cells = 0;
    for event in pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::all()) {
        match event {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::TableCell) => cells += 1,
            pulldown_cmark::Event::Html(h) | pulldown_cmark::Event::InlineHtml(h) => {
                panic!("raw HTML {h} in {md}")
            }
            _ => {}
        }
    }
    assert_eq!(cells, 9, "{md}");
    // The source locale's Markdown is the source.
    assert!(
        read(tmp.path().join("dist/en-US/visit.md")).ends_with(&DOC[DOC.find("| When").unwrap()..])
    );

    // JSON: the structure, each cell with its text and the locale it came from.
    let doc = json(&read(tmp.path().join("dist/es/visit.json")));
    let table = &doc["sections"][0]["blocks"][0];
    assert_eq!(table["type"], "table");
    assert_eq!(
        table["columns"],
        serde_json::json!([{"align": "left"}, {"align": "center"}, {"align": "right"}])
    );
    assert_eq!(table["header"][1]["text"], "Qué hacer");
    assert_eq!(table["header"][1]["id"], format!("{ID}-column-what-to-do"));
    assert_eq!(table["rows"][1][1]["text"], "Gentle walks");
    assert_eq!(table["rows"][1][1]["locale"], "en-US");
    assert_eq!(
        table["rows"][1][2],
        serde_json::json!({"id": null, "text": "", "locale": null})
    );
    assert_eq!(table["rows"].as_array().unwrap().len(), 2);
}

/// A cell whose English changed is outdated in the locale, and published marked (the
/// default `[publish] outdated = "mark"`) inside its cell, in every format.
#[test]
fn an_outdated_cell_is_marked_in_its_cell() {
    let tmp = project();
    let md = tmp.path().join("content/visit.md");
    write(
        &md,
        &read(&md).replace("Hard exercise", "Hard exercise and saunas"),
    );
    carta_ok(tmp.path(), &["extract"], 0);
    let out = carta_ok(tmp.path(), &["sync"], 0);
    assert!(out.contains("outdated 1"), "{out}");
    let es = read(tmp.path().join("locales/es/visit.ftl"));
    assert!(es.contains("# carta-outdated"), "{es}");
    assert!(es.contains("was: Hard exercise\n"), "{es}");
    carta_ok(tmp.path(), &["build"], 0);
    let html = read(tmp.path().join("dist/es/visit.html"));
    let cell = html
        .split(&format!("<td id=\"{ID}-first-day-avoid\""))
        .nth(1)
        .and_then(|rest| rest.split("</td>").next())
        .unwrap();
    assert!(cell.contains("data-carta-status=\"outdated\""), "{cell}");
    assert!(
        cell.contains("class=\"carta-notice carta-notice-outdated\""),
        "{cell}"
    );
    let md = read(tmp.path().join("dist/es/visit.md"));
    assert!(md.contains("| Ejercicio intenso _(⚠ "), "{md}");
    let doc = json(&read(tmp.path().join("dist/es/visit.json")));
    let table = &doc["sections"][0]["blocks"][0];
    assert_eq!(table["rows"][0][2]["marked"], "outdated");
    assert!(table.get("marked").is_none());
}
