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

// ---------------------------------------------------------------------------------------
// A cell keeps its identity by position (same row label, else same row position; same
// header, else same column position), never by its text: otherwise a translation or a
// sign-off follows the text to another drug's row or another time's column.

/// A project with `content/s.md` = `markdown`, extracted, `es` translated by `es`
/// (`id = text` lines, written as is) and synced.
fn table_project(markdown: &str, es: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("content")).unwrap();
    std::fs::create_dir_all(tmp.path().join("locales/en-US")).unwrap();
    write(tmp.path().join("content/s.md"), markdown);
    carta_ok(tmp.path(), &["extract"], 0);
    carta_ok(tmp.path(), &["add-locale", "es"], 0);
    write(tmp.path().join("locales/es/s.ftl"), es);
    carta_ok(tmp.path(), &["sync"], 0);
    tmp
}

/// Replaces the handout, then extract, sync and build; returns the sync output.
fn change_to(tmp: &tempfile::TempDir, markdown: &str) -> String {
    write(tmp.path().join("content/s.md"), markdown);
    carta_ok(tmp.path(), &["extract"], 0);
    let out = carta_ok(tmp.path(), &["sync"], 0);
    carta_ok(tmp.path(), &["build", "--locale", "es"], 0);
    out
}

/// The es table as built (`dist/es/s.json`): every row (header first) as
/// `(id, text, marked)` cells.
fn built_cells(tmp: &tempfile::TempDir) -> Vec<Vec<(String, String, String)>> {
    let doc = json(&read(tmp.path().join("dist/es/s.json")));
    let table = &doc["sections"][0]["blocks"][0];
    assert_eq!(table["type"], "table", "{doc}");
    let row = |r: &serde_json::Value| -> Vec<(String, String, String)> {
        r.as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["id"].as_str().unwrap_or("").to_string(),
                    c["text"].as_str().unwrap_or("").to_string(),
                    c["marked"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let mut out = vec![row(&table["header"])];
    out.extend(table["rows"].as_array().unwrap().iter().map(row));
    out
}

/// The message IDs of the source file, in order.
fn source_ids(tmp: &tempfile::TempDir) -> Vec<String> {
    read(tmp.path().join("locales/en-US/s.ftl"))
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains(" = "))
        .map(|l| l.split(" = ").next().unwrap().to_string())
        .collect()
}

const MEDS: &str =
    "# S\n\n## Meds\n\n| Drug | With food |\n|---|---|\n| Aspirin | yes |\n| Ibuprofen | yes |\n";
const MEDS_ES: &str = "s-title = S\ns-meds-heading = Medicamentos\ns-meds-column-drug = Medicamento\n\
s-meds-column-with-food = Con comida\ns-meds-row-aspirin = Aspirina\ns-meds-row-ibuprofen = Ibuprofeno\n\
s-meds-aspirin-with-food = sí (aspirina)\ns-meds-ibuprofen-with-food = sí (ibuprofeno)\n";

#[test]
fn swapping_rows_moves_their_translations_with_them() {
    let tmp = table_project(MEDS, MEDS_ES);
    let out = change_to(
        &tmp,
        "# S\n\n## Meds\n\n| Drug | With food |\n|---|---|\n| Ibuprofen | yes |\n| Aspirin | yes |\n",
    );
    assert!(out.contains("outdated 0"), "{out}");
    let cells = built_cells(&tmp);
    assert_eq!(cells[1][0].0, "s-meds-row-ibuprofen");
    assert_eq!(cells[1][0].1, "Ibuprofeno");
    assert_eq!(cells[1][1].0, "s-meds-ibuprofen-with-food");
    assert_eq!(cells[1][1].1, "sí (ibuprofeno)");
    assert_eq!(cells[2][1].0, "s-meds-aspirin-with-food");
    assert_eq!(cells[2][1].1, "sí (aspirina)");
}

const DOSES: &str = "# S\n\n## Doses\n\n| Drug | Morning | Evening |\n|---|---|---|\n| Aspirin | 1 pill | 1 pill |\n| Ibuprofen | 3 pills | none |\n";
const DOSES_ES: &str = "s-title = S\ns-doses-heading = Dosis\ns-doses-column-drug = Medicamento\n\
s-doses-column-morning = Mañana\ns-doses-column-evening = Noche\ns-doses-row-aspirin = Aspirina\n\
s-doses-row-ibuprofen = Ibuprofeno\ns-doses-aspirin-morning = 1 pastilla (mañana)\n\
s-doses-aspirin-evening = 1 pastilla (noche)\ns-doses-ibuprofen-morning = 3 pastillas\n\
s-doses-ibuprofen-evening = ninguna\n";

#[test]
fn swapping_columns_moves_their_translations_with_them() {
    let tmp = table_project(DOSES, DOSES_ES);
    let out = change_to(
        &tmp,
        "# S\n\n## Doses\n\n| Drug | Evening | Morning |\n|---|---|---|\n| Aspirin | 1 pill | 1 pill |\n| Ibuprofen | none | 3 pills |\n",
    );
    assert!(out.contains("outdated 0"), "{out}");
    let cells = built_cells(&tmp);
    assert_eq!(cells[0][1].1, "Noche");
    assert_eq!(cells[1][1].0, "s-doses-aspirin-evening");
    assert_eq!(cells[1][1].1, "1 pastilla (noche)");
    assert_eq!(cells[0][2].1, "Mañana");
    assert_eq!(cells[1][2].1, "1 pastilla (mañana)");
    assert_eq!(cells[2][1].1, "ninguna");
    assert_eq!(cells[2][2].1, "3 pastillas");
}

#[test]
fn a_cell_edited_to_another_cells_text_keeps_its_id_and_is_outdated() {
    let tmp = table_project(DOSES, DOSES_ES);
    let out = change_to(
        &tmp,
        "# S\n\n## Doses\n\n| Drug | Morning | Evening |\n|---|---|---|\n| Aspirin | 3 pills | 1 pill |\n| Ibuprofen | 3 pills | none |\n",
    );
    assert!(out.contains("outdated 1"), "{out}");
    let ids = source_ids(&tmp);
    assert!(!ids.iter().any(|id| id.ends_with("-2")), "{ids:?}");
    let cells = built_cells(&tmp);
    assert_eq!(
        cells[1][1],
        (
            "s-doses-aspirin-morning".into(),
            "1 pastilla (mañana)".into(),
            "outdated".into()
        )
    );
    assert_eq!(
        cells[2][1],
        (
            "s-doses-ibuprofen-morning".into(),
            "3 pastillas".into(),
            String::new()
        )
    );
}

#[test]
fn an_inserted_row_is_new_and_renames_nothing() {
    let week = "# S\n\n## Week\n\n| Week | Walk | Stretch |\n|---|---|---|\n| 1 | 10 min | yes |\n| 2 | 15 min | yes |\n| 3 | 20 min | no |\n";
    let tmp = table_project(
        week,
        "s-title = S\ns-week-heading = Semana\ns-week-r3-stretch = no (semana 3)\ns-week-r1-walk = 10 min (semana 1)\n",
    );
    let before = source_ids(&tmp);
    assert!(
        before.contains(&"s-week-r3-stretch".to_string()),
        "{before:?}"
    );
    change_to(
        &tmp,
        "# S\n\n## Week\n\n| Week | Walk | Stretch |\n|---|---|---|\n| 0 | 5 min | no |\n| 1 | 10 min | yes |\n| 2 | 15 min | yes |\n| 3 | 20 min | no |\n",
    );
    let after = source_ids(&tmp);
    for id in &before {
        assert!(after.contains(id), "{id} lost: {after:?}");
    }
    let cells = built_cells(&tmp);
    // The new row's cells are new messages. The one whose English another cell has is
    // only pre-filled from the translation memory, flagged for a translator to check
    // (README, Translation memory), not silently the old cell.
    let fresh = &cells[1][2].0;
    assert!(!before.contains(fresh), "{cells:?}");
    let es = read(tmp.path().join("locales/es/s.ftl"));
    let entry = es.split(&format!("\n{fresh} = ")).next().unwrap();
    assert!(
        entry
            .trim_end()
            .rsplit('\n')
            .next()
            .unwrap()
            .starts_with("# carta-from-memory"),
        "{es}"
    );
    assert_eq!(cells[1][1].1, "5 min");
    assert_eq!(cells[4][2].0, "s-week-r3-stretch");
    assert_eq!(cells[4][2].1, "no (semana 3)");
    assert_eq!(cells[2][1].0, "s-week-r1-walk");
    assert_eq!(cells[2][1].1, "10 min (semana 1)");
}

#[test]
fn flipped_values_reach_the_reviewer() {
    let flags = "# S\n\n## Meds\n\n| Drug | With food |\n|---|---|\n| Aspirin | yes |\n| Ibuprofen | no |\n";
    let tmp = table_project(
        flags,
        "s-title = S\ns-meds-heading = Medicamentos\ns-meds-column-drug = Medicamento\n\
         s-meds-column-with-food = Con comida\ns-meds-row-aspirin = Aspirina\ns-meds-row-ibuprofen = Ibuprofeno\n\
         s-meds-aspirin-with-food = sí\ns-meds-ibuprofen-with-food = no\n",
    );
    carta_ok(
        tmp.path(),
        &["review", "--locale", "es", "--by", "Ana Ruiz", "--all"],
        0,
    );
    change_to(
        &tmp,
        "# S\n\n## Meds\n\n| Drug | With food |\n|---|---|\n| Aspirin | no |\n| Ibuprofen | yes |\n",
    );
    let out = carta_ok(tmp.path(), &["review", "--locale", "es"], 0);
    assert!(out.contains("6 reviewed"), "{out}");
    assert!(out.contains("2 outdated"), "{out}");
    let cells = built_cells(&tmp);
    assert_eq!(cells[1][1].0, "s-meds-aspirin-with-food");
    assert_eq!(cells[1][1].2, "outdated");
    assert_eq!(cells[2][1].0, "s-meds-ibuprofen-with-food");
    assert_eq!(cells[2][1].2, "outdated");
}

#[test]
fn a_replaced_row_is_a_new_row() {
    let tmp = table_project(DOSES, DOSES_ES);
    change_to(
        &tmp,
        "# S\n\n## Doses\n\n| Drug | Morning | Evening |\n|---|---|---|\n| Aspirin | 1 pill | 1 pill |\n| Naproxen | 1 tablet | 2 tablets |\n",
    );
    let ids = source_ids(&tmp);
    for old in [
        "s-doses-row-ibuprofen",
        "s-doses-ibuprofen-morning",
        "s-doses-ibuprofen-evening",
    ] {
        assert!(!ids.contains(&old.to_string()), "{old} kept: {ids:?}");
    }
    let cells = built_cells(&tmp);
    let row: Vec<&str> = cells[2].iter().map(|c| c.1.as_str()).collect();
    assert_eq!(row, ["Naproxen", "1 tablet", "2 tablets"]);
    assert_eq!(cells[2][1].0, "s-doses-naproxen-morning");
    // Aspirin's row is untouched.
    assert_eq!(cells[1][1].1, "1 pastilla (mañana)");
    assert_eq!(cells[1][1].2, "");
}

#[test]
fn an_edited_header_or_label_keeps_its_place_and_is_outdated() {
    let tmp = table_project(DOSES, DOSES_ES);
    let out = change_to(
        &tmp,
        "# S\n\n## Doses\n\n| Drug | At breakfast | Evening |\n|---|---|---|\n| Aspirin 100 mg | 1 pill | 1 pill |\n| Ibuprofen | 3 pills | none |\n",
    );
    assert!(out.contains("outdated 2"), "{out}");
    let cells = built_cells(&tmp);
    assert_eq!(cells[0][1].0, "s-doses-column-morning");
    assert_eq!(cells[0][1].2, "outdated");
    assert_eq!(cells[1][0].0, "s-doses-row-aspirin");
    assert_eq!(cells[1][0].2, "outdated");
    assert_eq!(cells[1][1].0, "s-doses-aspirin-morning");
    assert_eq!(cells[1][1].1, "1 pastilla (mañana)");
    assert_eq!(cells[1][1].2, "");
}
