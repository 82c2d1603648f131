//! The handout a clinic prints (issue 17): `carta build --pdf` with the machine's real
//! Chromium, read back with poppler (`pdftotext`, `pdffonts`, `pdfinfo`, `pdftoppm`);
//! the clinic's brand, the front matter, carta's own words in the handout's language,
//! `locales/<tag>/carta.ftl`. Screenshots of es, ar and zh-Hans on screen and printed
//! are kept in `target/test-artifacts/print/`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

const LOCALES: [&str; 8] = ["en-US", "es", "es-MX", "fr", "pt-BR", "vi", "zh-Hans", "ar"];

fn artifacts() -> PathBuf {
    let dir = repo().join("target/test-artifacts/print");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|_| {
            panic!("{tool} (poppler-utils) is required: run `bash scripts/test.sh`")
        });
    assert!(
        out.status.success(),
        "{tool} {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn pdftotext(pdf: &Path, page: Option<usize>) -> String {
    match page {
        None => poppler("pdftotext", &["-enc", "UTF-8"], pdf),
        Some(n) => {
            let n = n.to_string();
            poppler("pdftotext", &["-enc", "UTF-8", "-f", &n, "-l", &n], pdf)
        }
    }
}

fn pages(pdf: &Path) -> usize {
    let info = poppler("pdfinfo", &[], pdf);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// Text as compared with a PDF's: no whitespace (lines wrap anywhere, CJK has none), no
/// bidi marks (pdftotext adds them around right-to-left runs), and an Arabic lam before
/// an alef written after it (the lam–alef ligature's glyph maps back to both letters in
/// that order; a vowel mark is dropped).
fn norm(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        // Arabic vowel marks too: poppler puts a shadda before the letter it sits on.
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{064B}'..='\u{065F}' | '\u{0670}'))
        .collect();
    let alef = |c: char| matches!(c, 'ا' | 'أ' | 'إ' | 'آ');
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match (chars[i], chars.get(i + 1).copied()) {
            ('ل', Some(a)) if alef(a) => {
                out.push(a);
                out.push('ل');
                i += 2;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// The plain text of a message of a built locale (its `messages.json`).
fn plain_messages(dist: &Path, tag: &str) -> BTreeMap<String, String> {
    let messages = json(&read(dist.join(tag).join("messages.json")));
    let mut out = BTreeMap::new();
    for (id, m) in messages["messages"].as_object().unwrap() {
        if let Some(v) = m["value"].as_str() {
            out.insert(id.clone(), v.replace("**", "").replace('*', ""));
        }
    }
    out
}

fn screenshot(page: &Path, shot: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let _ = std::fs::remove_file(shot);
    headless(profile.path())
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=900,2100")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        std::fs::metadata(shot).unwrap().len() > 10_000,
        "{}",
        shot.display()
    );
}

/// The static words of carta's English messages (the text between placeables, of every
/// variant), each at least 4 characters.
fn carta_english_words() -> Vec<String> {
    let en = read(repo().join("src/bundle/strings/en.ftl"));
    let mut out = Vec::new();
    for line in en.lines() {
        let line = line.trim_start();
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        // `id = text`, or a variant `[key] text` / `*[key] text`.
        let text = if let Some((_, text)) = line.split_once(" = ") {
            text
        } else if line.starts_with('[') || line.starts_with("*[") {
            line.split_once(']').map_or("", |(_, rest)| rest)
        } else {
            line
        };
        let mut rest = text;
        while !rest.is_empty() {
            let (segment, after) = match rest.find('{') {
                Some(i) => (
                    &rest[..i],
                    rest[i..].find('}').map_or("", |j| &rest[i + j + 1..]),
                ),
                None => (rest, ""),
            };
            let segment = segment.trim().trim_end_matches([':', '.', ',']).trim();
            if segment.chars().count() >= 4 {
                out.push(segment.to_string());
            }
            rest = after;
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Regression (issue 17): every shipped locale printed to PDF, with its words, its fonts
/// embedded, Arabic right to left, no page holding only the footer, the clinic on it, no
/// word of carta's own in English on a page in another language; byte-identical twice.
#[test]
fn build_pdf_prints_every_shipped_locale() {
    let tmp = shipped_project();
    let root = tmp.path();
    let out = carta(root, &["build", "--pdf"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dist = root.join("dist");
    let manifest = json(&read(dist.join("manifest.json")));
    let english = carta_english_words();
    assert!(
        english.iter().any(|w| w == "Content reviewed on"),
        "{english:?}"
    );
    let shots = artifacts();
    for tag in LOCALES {
        let pdf = dist.join(tag).join("dry-needling.pdf");
        assert!(pdf.exists(), "{tag}: no PDF");
        // Recorded in the manifest like every output.
        let entry = manifest["locales"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["tag"] == tag)
            .unwrap();
        let hash = entry["files"][format!("{tag}/dry-needling.pdf")]
            .as_str()
            .unwrap();
        assert!(hash.starts_with("sha256:"), "{tag}: {hash}");
        let text = pdftotext(&pdf, None);
        let flat = norm(&text);
        let messages = plain_messages(&dist, tag);
        let title = &messages["dry-needling-title"];
        assert!(
            flat.contains(&norm(title)),
            "{tag}: title {title} not in\n{text}"
        );
        let benefits: Vec<&String> = messages
            .iter()
            .filter(|(id, _)| id.starts_with("dry-needling-benefit-"))
            .map(|(_, v)| v)
            .collect();
        assert_eq!(benefits.len(), 10, "{tag}");
        for b in &benefits {
            assert!(flat.contains(&norm(b)), "{tag}: benefit {b} not in\n{text}");
        }
        // Fonts: some, every one embedded.
        let fonts = poppler("pdffonts", &[], &pdf);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{tag}: no font\n{fonts}");
        for row in &rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let emb = cols[cols.len() - 5];
            assert_eq!(emb, "yes", "{tag}: a font is not embedded: {row}");
        }
        // Paper: A4 by default; the dates are the handout's `reviewed` date.
        let info = poppler("pdfinfo", &[], &pdf);
        assert!(info.contains("(A4)"), "{tag}: {info}");
        assert!(info.contains("Nov  1 00:00:00 2026"), "{tag}: {info}");
        // No page holds only the footer: the last one has the last benefit too.
        let n = pages(&pdf);
        assert!(n <= 3, "{tag}: {n} pages");
        let last = norm(&pdftotext(&pdf, Some(n)));
        assert!(
            last.contains(&norm(benefits.last().unwrap()))
                || last.contains(&norm(
                    &messages["dry-needling-benefit-customized-treatment"]
                )),
            "{tag}: the last page has only the footer:\n{}",
            pdftotext(&pdf, Some(n))
        );
        // The clinic, its phone number and the front matter's date in the page's language.
        assert!(flat.contains("+1555-555-0100"), "{tag}: no phone\n{text}");
        assert!(
            flat.contains("riverside-pt.example"),
            "{tag}: no website\n{text}"
        );
        // No English word of carta's own on a page in another language (on paper and in
        // the HTML, attributes included).
        if !tag.starts_with("en") {
            let lang = if tag == "es-MX" {
                "es"
            } else if tag == "pt-BR" {
                "pt"
            } else {
                tag
            };
            let own = read(repo().join(format!("src/bundle/strings/{lang}.ftl")));
            let html = read(dist.join(tag).join("dry-needling.html"));
            let body = &html[html.find("<body>").unwrap()..];
            for word in &english {
                if own.contains(word.as_str()) {
                    continue; // the same word in this language ("Version" in French)
                }
                assert!(
                    !text.contains(word.as_str()),
                    "{tag}: carta's English `{word}` printed:\n{text}"
                );
                assert!(
                    !body.contains(word.as_str()),
                    "{tag}: carta's English `{word}` in the page"
                );
            }
            assert!(
                !html.contains("English"),
                "{tag}: a language named in English"
            );
        }
        // A fully translated page says nothing about untranslated text.
        let html = read(dist.join(tag).join("dry-needling.html"));
        assert!(!html.contains("fallback-note"), "{tag}: {html}");
        assert!(!html.contains("class=\"fallback\""), "{tag}");
    }
    // Arabic is right to left: the title's first word is to the right of its last, and
    // its lines end at the right margin.
    let ar = dist.join("ar/dry-needling.pdf");
    let words = bbox_words(&ar);
    // poppler gives a right-to-left word's letters in visual order.
    let find = |text: &str| {
        let reversed: String = text.chars().rev().collect();
        words
            .iter()
            .find(|w| w.text == text || w.text == reversed)
            .unwrap_or_else(|| panic!("{text} not among {:?}", &words[..words.len().min(30)]))
    };
    let first = find("الوخز");
    let last = find("وفوائده");
    assert!(
        first.x_min > last.x_max,
        "Arabic title left to right: {first:?} {last:?}"
    );
    let es_words = bbox_words(&dist.join("es/dry-needling.pdf"));
    let es_first = es_words.iter().find(|w| w.text == "Punción").unwrap();
    let es_last = es_words.iter().find(|w| w.text == "beneficios").unwrap();
    assert!(
        es_first.x_max < es_last.x_min,
        "Spanish title right to left"
    );
    // Screenshots, on screen and printed.
    for tag in ["es", "ar", "zh-Hans"] {
        screenshot(
            &dist.join(tag).join("dry-needling.html"),
            &shots.join(format!("{tag}-screen.png")),
        );
        let prefix = shots.join(format!("{tag}-print"));
        let out = Command::new("pdftoppm")
            .args(["-r", "70", "-png"])
            .arg(dist.join(tag).join("dry-needling.pdf"))
            .arg(&prefix)
            .output()
            .expect("pdftoppm (poppler-utils)");
        assert!(out.status.success());
        assert!(shots.join(format!("{tag}-print-1.png")).exists());
    }
    // Deterministic: a second build into another folder gives the same bytes.
    let again = tempfile::tempdir().unwrap();
    let other = again.path().join("dist2");
    let out = carta(root, &["build", "--pdf", "--out", other.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for tag in LOCALES {
        let rel = format!("{tag}/dry-needling.pdf");
        assert!(
            std::fs::read(dist.join(&rel)).unwrap() == std::fs::read(other.join(&rel)).unwrap(),
            "{rel} differs between two builds"
        );
    }
}

#[derive(Debug)]
struct Word {
    text: String,
    x_min: f64,
    x_max: f64,
    y_min: f64,
}

/// Every word poppler finds on the PDF's pages, with its box (points).
fn bbox_words(pdf: &Path) -> Vec<Word> {
    let html = poppler("pdftotext", &["-bbox"], pdf);
    let attr = |line: &str, name: &str| -> f64 {
        let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[at..at + line[at..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|l| {
            let text = &l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()];
            Word {
                text: text
                    .chars()
                    .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'))
                    .collect(),
                x_min: attr(l, "xMin"),
                x_max: attr(l, "xMax"),
                y_min: attr(l, "yMin"),
            }
        })
        .collect()
}

fn page_width(pdf: &Path) -> f64 {
    let info = poppler("pdfinfo", &[], pdf);
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap();
    size.split_whitespace().next().unwrap().parse().unwrap()
}

/// Regression (issue 17): in Arabic the list number "10." was cut off at the right
/// margin. Every number of the printed list lies inside the page's text area (20 mm
/// margins) — measured on the PDF Chromium printed, where poppler reports each word's
/// box — and so does the bullet of a nested list. A printed page also shows each
/// link's address, and US Letter is used when configured.
#[test]
fn printed_numbers_stay_inside_the_page_and_links_show_their_address() {
    let tmp = shipped_project();
    let root = tmp.path();
    // A link in the Spanish and Arabic translations of the first paragraph.
    for (tag, link) in [
        ("es", " [Llame a la clínica](tel:+15555550100) o visite [nuestra web](https://clinic.example/agujas)."),
        ("ar", " [اتصل بالعيادة](tel:+15555550100) أو زر [موقعنا](https://clinic.example/agujas)."),
    ] {
        let path = root.join(format!("locales/{tag}/dry-needling.ftl"));
        let text = read(&path);
        let start = text.find("dry-needling-what-is-dry-needling-text = ").unwrap();
        let end = start + text[start..].find('\n').unwrap();
        write(&path, &format!("{}{link}{}", &text[..end], &text[end..]));
    }
    let toml = root.join("carta.toml");
    write(
        &toml,
        &read(&toml).replace(
            "\n[fallback]\n",
            "\nformats = [\"html\", \"pdf\"]\n\n[pdf]\npaper = \"letter\"\n\n[fallback]\n",
        ),
    );
    let out = carta(root, &["build"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dist = root.join("dist");
    // formats: no Markdown or JSON handout, a PDF without --pdf.
    assert!(!dist.join("es/dry-needling.md").exists());
    assert!(dist.join("es/dry-needling.pdf").exists());
    for tag in ["es", "ar"] {
        let pdf = dist.join(tag).join("dry-needling.pdf");
        let info = poppler("pdfinfo", &[], &pdf);
        assert!(info.contains("(letter)"), "{tag}: {info}");
        let text = norm(&pdftotext(&pdf, None));
        // (poppler reads the parentheses of a right-to-left line mirrored: `)(`.)
        let (open, close) = if tag == "ar" {
            (")(", ".(")
        } else {
            ("(", ")")
        };
        assert!(
            text.contains(&format!("{open}+15555550100")),
            "{tag}: the phone link's number is not printed:\n{text}"
        );
        assert!(
            text.contains(&format!("{close}https://clinic.example/agujas"))
                || text.contains("(https://clinic.example/agujas)"),
            "{tag}: the link's address is not printed:\n{text}"
        );
        std::fs::copy(&pdf, artifacts().join(format!("{tag}-links.pdf"))).unwrap();
        let out = Command::new("pdftoppm")
            .args(["-r", "80", "-png", "-f", "1", "-l", "1"])
            .arg(&pdf)
            .arg(artifacts().join(format!("{tag}-links-print")))
            .output()
            .unwrap();
        assert!(out.status.success());
        // On screen the address is not repeated (it is the link).
        let html = read(dist.join(tag).join("dry-needling.html"));
        assert!(html.contains(".print-url { display: none; }"));
    }
    let ar = dist.join("ar/dry-needling.pdf");
    let width = page_width(&ar);
    let margin = 20.0 / 25.4 * 72.0;
    let words = bbox_words(&ar);
    let numbers: Vec<&Word> = words
        .iter()
        .filter(|w| {
            let t = w.text.trim_matches('.');
            !t.is_empty()
                && t.chars().all(|c| c.is_ascii_digit())
                && w.text.contains('.')
                && t.parse::<u32>().is_ok_and(|n| (1..=10).contains(&n))
        })
        .collect();
    let ten: Vec<&&Word> = numbers
        .iter()
        .filter(|w| w.text.trim_matches('.') == "10")
        .collect();
    assert!(
        !ten.is_empty(),
        "no \"10.\" marker in the Arabic PDF: {numbers:?}"
    );
    for w in &numbers {
        assert!(
            w.x_min >= margin - 1.0 && w.x_max <= width - margin + 1.0,
            "the Arabic list number {:?} is outside the text area ({margin:.1}..{:.1} of {width}): {w:?}",
            w.text,
            width - margin
        );
    }
    // Right to left: the numbers are at the right edge of the text.
    assert!(ten[0].x_min > width / 2.0, "{:?}", ten[0]);
    let _ = ten[0].y_min;
}

/// Regression (issue 17): the footer of a fully translated Arabic page said, in English,
/// "15 passage(s) not yet translated are shown in English (US)" — it counted the whole
/// locale. Now it counts the page's own passages, in the page's language.
#[test]
fn the_fallback_notice_counts_the_pages_own_passages_in_its_language() {
    let tmp = shipped_project();
    let root = tmp.path();
    write(
        root.join("content/aftercare.md"),
        "# After Your Visit\n\nDrink water and rest.\n\nCall us if the soreness lasts more than two days.\n",
    );
    carta_ok(root, &["extract"], 0);
    carta_ok(root, &["sync"], 0);
    let out = carta(root, &["build"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dist = root.join("dist");
    let full = read(dist.join("ar/dry-needling.html"));
    assert!(!full.contains("fallback-note"), "{full}");
    let partial = read(dist.join("ar/aftercare.html"));
    // Three passages: title and two paragraphs, Arabic "few" plural.
    assert!(
        partial.contains("<p class=\"fallback-note\">لم تُترجم 3 مقاطع من هذه النشرة بعد، وتُعرض باللغة الإنجليزية.</p>"),
        "{partial}"
    );
    let es = read(dist.join("es/aftercare.html"));
    assert!(
        es.contains(
            "3 fragmentos de este folleto aún no están traducidos y se muestran en inglés."
        ),
        "{es}"
    );
    assert!(
        es.contains("title=\"Aún no traducido: se muestra en inglés\""),
        "{es}"
    );
    let zh = read(dist.join("zh-Hans/aftercare.html"));
    assert!(
        zh.contains("本资料有 3 段内容尚未翻译，以英语显示。"),
        "{zh}"
    );
    // The language picker asks in every language.
    let index = read(dist.join("index.html"));
    for prompt in [
        "Choose your language",
        "Elija su idioma",
        "اختر لغتك",
        "请选择您的语言",
    ] {
        assert!(index.contains(prompt), "{prompt}: {index}");
    }
}

/// `locales/<tag>/carta.ftl` changes carta's words for that locale; it is not one of the
/// locale's translations (sync adds nothing for it, check reports nothing about it, the
/// source folder's is no source file) and a broken one is refused naming its line.
#[test]
fn carta_ftl_overrides_carta_words_and_is_no_translation() {
    let tmp = shipped_project();
    let root = tmp.path();
    write(
        root.join("locales/es/carta.ftl"),
        "# Our clinic's wording.\ncarta-page-number = Hoja { $page } de { $pages }\ncarta-clinic-phone = Tel.\n",
    );
    write(
        root.join("locales/en-US/carta.ftl"),
        "carta-clinic-phone = Call us\n",
    );
    // sync changes nothing (no template for carta's words in any locale, no obsolete file)
    carta_ok(root, &["sync", "--check"], 0);
    assert!(!root.join("locales/fr/carta.ftl").exists());
    let check = carta_ok(root, &["check", "--format", "json"], 0);
    assert!(!check.contains("carta.ftl"), "{check}");
    let report = json(&check);
    let es_row = report["summary"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["locale"] == "es")
        .unwrap()
        .clone();
    let shipped = shipped_project();
    let plain = json(&carta_ok(shipped.path(), &["check", "--format", "json"], 0));
    let plain_es = plain["summary"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["locale"] == "es")
        .unwrap()
        .clone();
    assert_eq!(
        es_row["messages"], plain_es["messages"],
        "carta.ftl counted as messages"
    );
    let export = carta_ok(root, &["export", "--locale", "es", "--format", "po"], 0);
    assert!(
        !export.contains("carta-clinic-phone"),
        "exported carta's words"
    );
    carta_ok(root, &["build"], 0);
    let es = read(root.join("dist/es/dry-needling.html"));
    assert!(
        es.contains("content: \"Hoja \" counter(page) \" de \" counter(pages)"),
        "{es}"
    );
    assert!(
        es.contains("<span class=\"contact-item\">Tel.: <a href=\"tel:+15555550100\">"),
        "{es}"
    );
    let en = read(root.join("dist/en-US/dry-needling.html"));
    assert!(en.contains("Call us: <a href"), "{en}");
    let fr = read(root.join("dist/fr/dry-needling.html"));
    assert!(
        fr.contains("Téléphone\u{a0}: <a href") || fr.contains("Téléphone: <a href"),
        "{fr}"
    );
    // A broken override: exit 2, naming the file and line; nothing written.
    for (text, expect) in [
        (
            "\ncarta-clinic-phone = { $number\n",
            "locales/es/carta.ftl:3:",
        ),
        (
            "carta-clinik-phone = x\n",
            "locales/es/carta.ftl:1:1: `carta-clinik-phone` is not one of carta's messages",
        ),
        (
            "carta-page-number = { $seite }\n",
            "locales/es/carta.ftl:1:1: `carta-page-number` cannot be formatted",
        ),
    ] {
        write(root.join("locales/es/carta.ftl"), text);
        let before = snapshot(&root.join("dist"));
        let out = carta(root, &["build"]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expect), "{stderr}");
        assert_eq!(
            before,
            snapshot(&root.join("dist")),
            "a refused build wrote"
        );
    }
    // A handout named like carta's file is refused.
    write(root.join("content/carta.md"), "# Carta\n\nText.\n");
    let out = carta(root, &["extract"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("content/carta.md"));
}

/// Front matter: not extracted (IDs unchanged), shown in the footer in the page's
/// language and date format; a wrong key or date is refused naming the line.
#[test]
fn front_matter_is_metadata_shown_in_the_pages_language() {
    let tmp = shipped_project();
    let root = tmp.path();
    let source = read(root.join("locales/en-US/dry-needling.ftl"));
    carta_ok(root, &["extract", "--check"], 0);
    carta_ok(root, &["build"], 0);
    assert_eq!(read(root.join("locales/en-US/dry-needling.ftl")), source);
    assert!(!source.contains("reviewed"), "front matter extracted");
    for (tag, expect) in [
        ("en-US", "Content reviewed on November 1, 2026 · Version 1.0 · For: Patients and their families"),
        ("es", "Contenido revisado el 1 de noviembre de 2026 · Versión 1.0 · Dirigido a: Pacientes y sus familiares"),
        ("es-MX", "Contenido revisado el 1 de noviembre de 2026 · Versión 1.0 · Dirigido a: Pacientes y sus familiares"),
        ("fr", "Contenu révisé le 1 novembre 2026 · Version 1.0 · Public visé\u{a0}: Patients et leur famille"),
        ("zh-Hans", "内容审核日期：2026年11月1日 · 版本：1.0 · 适用对象：患者及其家属"),
        ("ar", "تاريخ مراجعة المحتوى: 1 نوفمبر 2026 · الإصدار 1.0 · الفئة المستهدفة: المرضى وذووهم"),
    ] {
        let html = read(root.join(format!("dist/{tag}/dry-needling.html")));
        assert!(html.contains(&format!("<p class=\"handout-meta\">{expect}</p>")), "{tag}: {html}");
    }
    // A page every passage of which is signed off says who reviewed it, and when.
    assert!(!read(root.join("dist/es/dry-needling.html")).contains("translation-reviewed"));
    carta_ok(
        root,
        &[
            "review",
            "--locale",
            "es",
            "--by",
            "Ana Ruiz",
            "--all",
            "--date",
            "2026-11-20",
        ],
        0,
    );
    carta_ok(root, &["build"], 0);
    let es = read(root.join("dist/es/dry-needling.html"));
    assert!(
        es.contains("<p class=\"translation-reviewed\">Traducción revisada por Ana Ruiz el 20 de noviembre de 2026</p>"),
        "{es}"
    );
    // es-MX's own four messages are not reviewed: no such line.
    assert!(!read(root.join("dist/es-MX/dry-needling.html")).contains("translation-reviewed"));
    let md = root.join("content/dry-needling.md");
    let text = read(&md);
    for (bad, expect) in [
        (
            "reviewed: 2026-11-01",
            "content/dry-needling.md:2:1: front matter: unknown key `reviewd`",
        ),
        (
            "reviewed: 2026-02-30",
            "content/dry-needling.md:2:1: front matter: `reviewed` must be a real date",
        ),
    ] {
        let broken = if expect.contains("reviewd") {
            text.replace(bad, "reviewd: 2026-11-01")
        } else {
            text.replace("reviewed: 2026-11-01", bad)
        };
        write(&md, &broken);
        let out = carta(root, &["build"]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expect), "{stderr}");
    }
}

/// Hostile text in every field of the clinic and the front matter stays text: no
/// element, no script, no second style rule escapes its string; a logo that is not an
/// image, or too big, and a missing browser are refused with exit 2 and nothing written.
#[test]
fn hostile_clinic_and_front_matter_stay_inert() {
    let tmp = shipped_project();
    let root = tmp.path();
    let toml = root.join("carta.toml");
    let hostile = r#"</style><script>document.documentElement.setAttribute('data-pwned','1')</script>\"; } body { display: none } @page { @top-left { content: \"x"#;
    let text = read(&toml)
        .replace(
            "name = \"Riverside Physical Therapy (example clinic)\"",
            &format!("name = \"{hostile}\""),
        )
        .replace(
            "address = \"100 Example Street, Springfield\"",
            "address = \"<img src=x onerror=\\\"document.documentElement.setAttribute('data-pwned','2')\\\">\"",
        );
    write(&toml, &text);
    let md = root.join("content/dry-needling.md");
    write(
        &md,
        &read(&md).replace("version: \"1.0\"", "version: \"<svg onload=alert(1)>\""),
    );
    let own = root.join("locales/en-US/carta.ftl");
    write(
        &own,
        "carta-clinic-phone = <b onmouseover=alert(1)>Tel</b>\n",
    );
    let out = carta(root, &["build", "--pdf", "--locale", "en-US"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = root.join("dist/en-US/dry-needling.html");
    let dom = dump_dom(&page);
    assert!(!dom.contains("data-pwned=\""), "script ran: {dom}");
    assert!(!dom.contains("<script"), "{dom}");
    assert!(!dom.contains("<img src=\"x\""), "{dom}");
    assert!(!dom.contains("<svg"), "{dom}");
    assert!(!dom.contains("<b onmouseover"), "{dom}");
    assert_eq!(dom.matches("<style>").count(), 1, "a second style element");
    assert!(
        dom.contains("&lt;svg onload=alert(1)&gt;"),
        "the version shows as text"
    );
    assert!(
        dom.contains("&lt;b onmouseover=alert(1)&gt;Tel&lt;/b&gt;"),
        "the label shows as text"
    );
    let html = read(&page);
    let style = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
    assert!(
        !style.contains("display: none }"),
        "the name broke out of its CSS string: {style}"
    );
    assert!(
        style.contains("@top-left { content: \"\\3c \\2f style\\3e \\3c script\\3e document"),
        "{style}"
    );
    // On paper the name is text too (the header, and the running header of later pages).
    let printed = pdftotext(&root.join("dist/en-US/dry-needling.pdf"), None);
    assert!(
        norm(&printed).contains(&norm("</style><script>document")),
        "{printed}"
    );
    // Wrong files and no browser: exit 2, nothing written.
    let before = snapshot(&root.join("dist"));
    let clean = read(&toml);
    for (logo, bytes, expect) in [
        (
            "content/logo.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".to_vec(),
            "not a PNG, JPEG, GIF or WebP",
        ),
        (
            "content/logo.png",
            [b"\x89PNG\r\n\x1a\n".as_slice(), &vec![0u8; 300 * 1024]].concat(),
            "at most 256 KiB",
        ),
    ] {
        std::fs::write(root.join(logo), bytes).unwrap();
        write(
            &toml,
            &clean.replace(
                "logo = \"content/clinic-logo.png\"",
                &format!("logo = \"{logo}\""),
            ),
        );
        let out = carta(root, &["build"]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(logo) && stderr.contains(expect), "{stderr}");
    }
    write(
        &toml,
        &clean.replace(
            "logo = \"content/clinic-logo.png\"",
            "logo = \"../outside.png\"",
        ),
    );
    assert_eq!(carta(root, &["build"]).status.code(), Some(2));
    write(&toml, &clean);
    let out = Command::new(env!("CARGO_BIN_EXE_carta"))
        .arg("-C")
        .arg(root)
        .args(["build", "--pdf"])
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("install Chromium"), "{stderr}");
    write(
        &toml,
        &format!("{clean}\n[pdf]\nbrowser = \"/nonexistent/chrome\"\n"),
    );
    let out = carta(root, &["build", "--pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/chrome"));
    assert_eq!(
        before,
        snapshot(&root.join("dist")),
        "a refused build wrote"
    );
}

/// Writes an executable shell script.
fn script(path: &Path, body: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    write(path, &format!("#!/bin/sh\n{body}"));
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A project without [clinic] whose `[pdf] browser` is `browser`.
fn with_browser(root: &Path, browser: &str) {
    let toml = root.join("carta.toml");
    let text = read(&toml);
    let text = &text[..text.find("[clinic]").unwrap()];
    write(&toml, &format!("{text}\n[pdf]\nbrowser = \"{browser}\"\n"));
}

#[test]
fn a_browser_leaving_a_child_behind_does_not_hang_the_build_and_the_child_goes() {
    let tmp = shipped_project();
    let root = tmp.path();
    let pids = root.join("pids");
    // Exits at once, leaving a grandchild that holds the browser's stdout and stderr.
    script(
        &root.join("fake-browser.sh"),
        &format!("(sleep 300 & echo $! >> '{}')\nexit 0\n", pids.display()),
    );
    with_browser(root, "./fake-browser.sh");
    let started = std::time::Instant::now();
    let out = carta_within(root, &["build", "--pdf", "--locale", "es"], 60);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("printed no PDF"), "{stderr}");
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    std::thread::sleep(std::time::Duration::from_millis(200));
    for pid in read(&pids).lines() {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // Gone, or a zombie waiting for its (re)parent.
        assert!(
            stat.is_empty() || stat.contains(") Z "),
            "the browser's child {pid} is still running: {stat}"
        );
    }
    assert!(!root.join("dist/es/dry-needling.pdf").exists());
}

#[test]
fn a_browser_that_writes_a_lot_to_stderr_prints_in_its_time() {
    let tmp = shipped_project();
    let root = tmp.path();
    // 4 MB of log lines on stderr (a pipe holds 64 KB) before the real print.
    script(
        &root.join("tools/chatty.sh"),
        &format!(
            "yes 'a log line the browser writes' | head -c 4000000 >&2\nexec '{}' \"$@\"\n",
            chromium().display()
        ),
    );
    with_browser(root, "tools/chatty.sh");
    let started = std::time::Instant::now();
    // The test runs in the repository: the relative browser path is the project's.
    let out = carta_within(root, &["build", "--pdf", "--locale", "es"], 100);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(started.elapsed().as_secs() < 90, "{:?}", started.elapsed());
    assert!(read_bytes(&root.join("dist/es/dry-needling.pdf")).starts_with(b"%PDF-"));
}

fn read_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// fix17 items 8 and 9: a 200-character word, a 250-character code line and a clinic
/// name of 200 W's break at the margin instead of being cut off (left-to-right and
/// right-to-left) or shrinking the whole printed page.
#[test]
fn long_words_code_lines_and_clinic_names_break_inside_the_page() {
    let tmp = shipped_project();
    let root = tmp.path();
    let word: String = (0..200).map(|i| (b'a' + (i % 26) as u8) as char).collect();
    let code: String = (0..250).map(|i| (b'A' + (i % 26) as u8) as char).collect();
    let md = root.join("content/dry-needling.md");
    write(
        &md,
        &format!("{}\nA long word: {word}\n\n```\n{code}\n```\n", read(&md)),
    );
    let toml = root.join("carta.toml");
    write(
        &toml,
        &read(&toml).replace(
            "name = \"Riverside Physical Therapy (example clinic)\"",
            &format!("name = \"{}\"", "W".repeat(200)),
        ),
    );
    // Arabic's name comes from [clinic.ar].
    write(
        &toml,
        &read(&toml).replace(
            "name = \"مركز ريفرسايد للعلاج الطبيعي (عيادة افتراضية)\"",
            &format!("name = \"{}\"", "W".repeat(200)),
        ),
    );
    carta_ok(root, &["extract"], 0);
    carta_ok(root, &["build", "--pdf", "--locale", "en-US"], 0);
    carta_ok(root, &["build", "--pdf", "--locale", "ar"], 0);
    let margin = 20.0 / 25.4 * 72.0;
    for tag in ["en-US", "ar"] {
        let pdf = root.join(format!("dist/{tag}/dry-needling.pdf"));
        let text: String = pdftotext(&pdf, None)
            .chars()
            // (poppler wraps right-to-left lines' runs in bidi controls.)
            .filter(|c| {
                !c.is_whitespace()
                    && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}')
            })
            .collect();
        assert!(text.contains(&word), "{tag}: the long word is cut: {text}");
        assert!(text.contains(&code), "{tag}: the code line is cut: {text}");
        assert!(
            text.contains(&"W".repeat(200)),
            "{tag}: the clinic name is cut"
        );
        let width = page_width(&pdf);
        let words = bbox_words(&pdf);
        for w in &words {
            assert!(
                w.x_min >= margin - 2.0 && w.x_max <= width - margin + 2.0,
                "{tag}: {w:?} is outside the text area (page {width} pt)"
            );
        }
        // Not shrunk: the text still spans the measure.
        let left = words.iter().map(|w| w.x_min).fold(f64::MAX, f64::min);
        let right = words.iter().map(|w| w.x_max).fold(0.0, f64::max);
        assert!(
            right - left > 0.9 * (width - 2.0 * margin),
            "{tag}: the page is shrunk: text spans {left}..{right} of {width}"
        );
    }
}

/// fix17 item 7: the footer never goes alone onto the last printed page, and is never
/// split: for final paragraphs of several lengths, the last page has handout text above
/// the footer, and the footer's lines are on one page.
#[test]
fn the_footer_goes_with_the_last_block_and_is_not_split() {
    let tmp = shipped_project();
    let root = tmp.path();
    // As in the reproduction: no [clinic] (the footer is the metadata only).
    let toml = root.join("carta.toml");
    let text = read(&toml);
    write(&toml, &text[..text.find("[clinic]").unwrap()]);
    let phrase = "lorem ipsum dolor sit amet consectetur ";
    // (30: the footer's last line went alone; 32: the whole footer; 20: it fits.)
    for n in [20, 30, 32] {
        let mut md = String::from(
            "---\nreviewed: 2026-11-01\nversion: \"1.0\"\naudience: Patients\n---\n# Generated handout\n\n",
        );
        for s in 1..=9 {
            md.push_str(&format!(
                "## Section {s}\n\n{}\n\n",
                phrase.repeat(12).trim()
            ));
        }
        md.push_str(&format!("Final {}\n", phrase.repeat(n * 2).trim()));
        write(root.join("content/dry-needling.md"), &md);
        carta_ok(root, &["extract"], 0);
        carta_ok(root, &["build", "--pdf", "--locale", "en-US"], 0);
        let pdf = root.join("dist/en-US/dry-needling.pdf");
        let last = pages(&pdf);
        let text = pdftotext(&pdf, Some(last));
        // The footer: the metadata, then the page's language.
        let footer_at = text
            .find("Content reviewed")
            .unwrap_or_else(|| panic!("n={n}: the footer does not start on the last page: {text}"));
        assert!(
            text[footer_at..].contains("Version 1.0") && text[footer_at..].contains("en-US"),
            "n={n}: the footer is split: {text}"
        );
        assert!(
            text[..footer_at].contains("lorem"),
            "n={n}: the footer is alone on page {last}: {text}"
        );
    }
}

/// fix17 item 13: a "browser" that writes something that only starts like a PDF is
/// refused, not shipped as a handout.
#[test]
fn a_file_that_only_starts_like_a_pdf_is_refused() {
    let tmp = shipped_project();
    let root = tmp.path();
    script(
        &root.join("fake.sh"),
        "for a in \"$@\"; do case \"$a\" in --print-to-pdf=*) printf '%%PDF-1.4\\n<script>\\n%%%%EOF\\n' > \"${a#--print-to-pdf=}\";; esac; done\n",
    );
    with_browser(root, "./fake.sh");
    let out = carta_within(root, &["build", "--pdf", "--locale", "es"], 60);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("printed no PDF"), "{stderr}");
    assert!(!root.join("dist/es/dry-needling.pdf").exists());
}
