//! [`Document`]s → the source catalog: one Fluent message per translatable block, with
//! readable IDs that stay put.
//!
//! Stability comes from matching, not from hashing the text: the previous source file
//! (`locales/<source>/<doc>.ftl`) is read back and every block looks for the message it
//! was last time — same text, then same title or same body, then the most similar text,
//! then the same slot between two blocks that did match. Only blocks that match nothing
//! get a fresh ID, built from the document name and the block's text or nearest heading.
//! So rewording, inserting, deleting and reordering never rename the other blocks.
//! Table cells are the exception: they match by row and column only, never by text
//! (see `match_tables`), so a translation cannot follow "1 pill" to another drug's row.

use std::collections::{HashMap, HashSet};

use crate::catalog::Catalog;
use crate::content::{BlockKind, Document};

/// A message of the previous source file, as matching sees it.
#[derive(Debug, Clone)]
pub struct Previous {
    pub id: String,
    pub value: String,
    pub body: Option<String>,
    /// For a table cell: where it sat, from the comment `render` writes above it.
    pub cell: Option<OldCell>,
}

/// Where a previous message sat in its table, as `render`'s comment says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OldCell {
    pub row: usize,
    pub col: usize,
    pub cols: usize,
}

/// Reads `Table header, column 2 of 3.` or `Table row 1 of 4, column 2 of 3.`.
fn old_cell(comment: &[&str]) -> Option<OldCell> {
    let num = |s: &str| s.trim().parse::<usize>().ok();
    comment.iter().find_map(|line| {
        let line = line.trim().strip_suffix('.')?;
        if let Some(rest) = line.strip_prefix("Table header, column ") {
            let (col, cols) = rest.split_once(" of ")?;
            let (col, cols) = (num(col)?, num(cols)?);
            (col >= 1 && col <= cols).then(|| OldCell {
                row: 0,
                col: col - 1,
                cols,
            })
        } else {
            let rest = line.strip_prefix("Table row ")?;
            let (row, rest) = rest.split_once(" of ")?;
            let (_, rest) = rest.split_once(", column ")?;
            let (col, cols) = rest.split_once(" of ")?;
            let (row, col, cols) = (num(row)?, num(col)?, num(cols)?);
            (row >= 1 && col >= 1 && col <= cols).then(|| OldCell {
                row,
                col: col - 1,
                cols,
            })
        }
    })
}

/// Reads the messages of a previous source file (ignores anything else in it).
pub fn previous_messages(catalog: &Catalog) -> Vec<Previous> {
    let mut out = Vec::new();
    for i in 0..catalog.resource.body.len() {
        if let crate::catalog::EntryKind::Message(id) = catalog.kind(i) {
            let patterns = catalog.patterns(i);
            let value = patterns
                .iter()
                .find(|(k, _)| k.is_empty())
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            let body = patterns
                .iter()
                .find(|(k, _)| k == ".body")
                .map(|(_, v)| v.clone());
            out.push(Previous {
                id: id.to_string(),
                value,
                body,
                cell: old_cell(catalog.comment_lines(i)),
            });
        }
    }
    out
}

/// Assigns an ID to every translatable block of every document (`None` for verbatim
/// blocks). `previous[d]` holds document `d`'s previous messages. IDs are unique across
/// all documents; documents are processed in the order given (callers sort them).
///
/// Every document first keeps the IDs its blocks had; only then do the other blocks get
/// fresh IDs, none of which any document kept. So a document that appears (and sorts
/// first) cannot take an ID another document already has: adding a document renames
/// nothing.
pub fn assign_ids(docs: &[Document], previous: &[Vec<Previous>]) -> Vec<Vec<Option<String>>> {
    assign_ids_avoiding(docs, previous, &HashSet::new())
}

/// [`assign_ids`], where no fresh ID is one of `reserved` (the IDs of source files the
/// author wrote by hand).
pub fn assign_ids_avoiding(
    docs: &[Document],
    previous: &[Vec<Previous>],
    reserved: &HashSet<String>,
) -> Vec<Vec<Option<String>>> {
    let mut used: HashSet<String> = HashSet::new();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    let mut result: Vec<Vec<Option<String>>> = Vec::with_capacity(docs.len());
    for (doc, prev) in docs.iter().zip(previous) {
        let ids: Vec<Option<String>> = match_blocks(doc, prev, &used)
            .into_iter()
            .map(|m| m.map(|pi| prev[pi].id.clone()))
            .collect();
        used.extend(ids.iter().flatten().cloned());
        result.push(ids);
    }
    used.extend(reserved.iter().cloned());
    for (doc, ids) in docs.iter().zip(&mut result) {
        let prefix = doc_prefix(&doc.name);
        for (bi, block) in doc.blocks.iter().enumerate() {
            if block.is_translatable() && ids[bi].is_none() {
                let stem = match &block.cell {
                    Some(cell) => cell_stem(doc, bi, cell),
                    None => fresh_stem(block),
                };
                let base = format!("{prefix}-{stem}");
                let id = unique(&base, &used, &mut next_suffix);
                used.insert(id.clone());
                ids[bi] = Some(id);
            }
        }
    }
    result
}

/// Files `carta build` writes beside the handouts in `dist/<tag>/`, which no handout's
/// `<doc>.html`, `<doc>.md` or `<doc>.json` may be (compared ignoring ASCII case, as a
/// case-insensitive file system would).
const LOCALE_OUTPUTS: [&str; 2] = ["messages.json", "messages.ftl"];

/// Why two handouts (by index) cannot be extracted together, or one alone.
#[derive(Debug, PartialEq, Eq)]
pub enum NameClash {
    /// Both have this name once their file names are converted to UTF-8.
    SameName(usize, usize),
    /// Both would give IDs starting with this prefix (`dry-needling.md`, `dry_needling.md`).
    SamePrefix(usize, usize, String),
    /// This handout's output would be this file build writes for the locale.
    LocaleOutput(usize, &'static str),
}

/// The first clash among documents named `names` (file stems, in processing order).
/// Refusing is what keeps IDs stable: otherwise the document that sorts first would take
/// the other's IDs, and the other's translations would become obsolete.
pub fn name_clash(names: &[String]) -> Option<NameClash> {
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    let mut by_prefix: HashMap<String, usize> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        for ext in ["html", "md", "json"] {
            let output = format!("{name}.{ext}");
            if let Some(&taken) = LOCALE_OUTPUTS
                .iter()
                .find(|o| o.eq_ignore_ascii_case(&output))
            {
                return Some(NameClash::LocaleOutput(i, taken));
            }
        }
        if let Some(&j) = by_name.get(name.as_str()) {
            return Some(NameClash::SameName(j, i));
        }
        by_name.insert(name, i);
        let prefix = doc_prefix(name);
        if let Some(&j) = by_prefix.get(&prefix) {
            return Some(NameClash::SamePrefix(j, i, prefix));
        }
        by_prefix.insert(prefix, i);
    }
    None
}

/// For each block, the index of the previous message it continues, if any.
fn match_blocks(doc: &Document, prev: &[Previous], taken: &HashSet<String>) -> Vec<Option<usize>> {
    let n = doc.blocks.len();
    let mut matched: Vec<Option<usize>> = vec![None; n];
    let mut prev_used: Vec<bool> = prev.iter().map(|p| taken.contains(&p.id)).collect();
    // A previous ID defined twice in the old file is only reused once.
    let mut seen = HashSet::new();
    for (i, p) in prev.iter().enumerate() {
        if !seen.insert(p.id.as_str()) {
            prev_used[i] = true;
        }
    }
    // 0. table cells, by their row and column only (see `match_tables`). Cells and the
    //    previous cells never take part in the text passes below: a cell's text says
    //    nothing about which drug or dose it is.
    match_tables(doc, prev, &mut matched, &mut prev_used);
    for (p, used) in prev_used.iter_mut().enumerate() {
        *used |= prev[p].cell.is_some();
    }
    let blocks: Vec<usize> = (0..n)
        .filter(|&i| doc.blocks[i].is_translatable() && doc.blocks[i].cell.is_none())
        .collect();

    let same_shape = |b: usize, p: usize| doc.blocks[b].body.is_some() == prev[p].body.is_some();
    let pass = |matched: &mut Vec<Option<usize>>,
                prev_used: &mut Vec<bool>,
                key_b: &dyn Fn(usize) -> Option<String>,
                key_p: &dyn Fn(usize) -> Option<String>| {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for p in (0..prev.len()).rev() {
            if !prev_used[p] {
                if let Some(k) = key_p(p) {
                    by_key.entry(k).or_default().push(p);
                }
            }
        }
        for &b in &blocks {
            if matched[b].is_some() {
                continue;
            }
            let Some(k) = key_b(b) else { continue };
            if let Some(list) = by_key.get_mut(&k) {
                while let Some(p) = list.pop() {
                    if !prev_used[p] && same_shape(b, p) {
                        matched[b] = Some(p);
                        prev_used[p] = true;
                        break;
                    }
                }
            }
        }
    };
    // 1. identical text; 2. same title (body reworded); 3. same body (title reworded).
    let block_full = |b: usize| {
        let bl = &doc.blocks[b];
        Some(format!(
            "{}\u{0}{}",
            bl.text,
            bl.body.as_deref().unwrap_or("")
        ))
    };
    let prev_full = |p: usize| {
        Some(format!(
            "{}\u{0}{}",
            prev[p].value,
            prev[p].body.as_deref().unwrap_or("")
        ))
    };
    pass(&mut matched, &mut prev_used, &block_full, &prev_full);
    let block_title = |b: usize| {
        doc.blocks[b]
            .body
            .as_ref()
            .map(|_| doc.blocks[b].text.clone())
    };
    let prev_title = |p: usize| prev[p].body.as_ref().map(|_| prev[p].value.clone());
    pass(&mut matched, &mut prev_used, &block_title, &prev_title);
    let block_body = |b: usize| doc.blocks[b].body.clone();
    let prev_body = |p: usize| prev[p].body.clone();
    pass(&mut matched, &mut prev_used, &block_body, &prev_body);

    // 4. most similar text (word overlap), best pairs first, above a threshold. Bounded so
    //    a huge rewrite stays linear-ish: only a few hundred candidates are compared.
    let open_b: Vec<usize> = blocks
        .iter()
        .copied()
        .filter(|&b| matched[b].is_none())
        .collect();
    let open_p: Vec<usize> = (0..prev.len()).filter(|&p| !prev_used[p]).collect();
    if !open_b.is_empty() && !open_p.is_empty() && open_b.len() * open_p.len() <= 250_000 {
        let words_b: Vec<Vec<u64>> = open_b
            .iter()
            .map(|&b| {
                words(&format!(
                    "{} {}",
                    doc.blocks[b].text,
                    doc.blocks[b].body.as_deref().unwrap_or("")
                ))
            })
            .collect();
        let words_p: Vec<Vec<u64>> = open_p
            .iter()
            .map(|&p| {
                words(&format!(
                    "{} {}",
                    prev[p].value,
                    prev[p].body.as_deref().unwrap_or("")
                ))
            })
            .collect();
        let mut pairs = Vec::new();
        for (i, &b) in open_b.iter().enumerate() {
            for (j, &p) in open_p.iter().enumerate() {
                if !same_shape(b, p) {
                    continue;
                }
                let score = dice(&words_b[i], &words_p[j]);
                if score >= 0.5 {
                    pairs.push((score, i, j));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (_, i, j) in pairs {
            let (b, p) = (open_b[i], open_p[j]);
            if matched[b].is_none() && !prev_used[p] {
                matched[b] = Some(p);
                prev_used[p] = true;
            }
        }
    }

    // 5. the same slot: between two matched neighbours, k unmatched blocks face k unmatched
    //    previous messages of the same shapes → a rewrite in place, keep the IDs.
    let mut gap_b: Vec<usize> = Vec::new();
    let mut last_anchor: Option<usize> = None;
    let flush_gap = |gap_b: &mut Vec<usize>,
                     lo: Option<usize>,
                     hi: Option<usize>,
                     matched: &mut Vec<Option<usize>>,
                     prev_used: &mut Vec<bool>| {
        if gap_b.is_empty() {
            return;
        }
        let lo_p = lo.map_or(0, |p| p + 1);
        let hi_p = hi.unwrap_or(prev.len());
        if lo_p <= hi_p {
            let gap_p: Vec<usize> = (lo_p..hi_p).filter(|&p| !prev_used[p]).collect();
            if gap_p.len() == gap_b.len()
                && gap_b.iter().zip(&gap_p).all(|(&b, &p)| same_shape(b, p))
            {
                for (&b, &p) in gap_b.iter().zip(&gap_p) {
                    matched[b] = Some(p);
                    prev_used[p] = true;
                }
            }
        }
        gap_b.clear();
    };
    for &b in &blocks {
        match matched[b] {
            Some(p) => {
                flush_gap(
                    &mut gap_b,
                    last_anchor,
                    Some(p),
                    &mut matched,
                    &mut prev_used,
                );
                last_anchor = Some(p);
            }
            None => gap_b.push(b),
        }
    }
    flush_gap(&mut gap_b, last_anchor, None, &mut matched, &mut prev_used);
    matched
}

/// One table's cells by (row, column): block indices for the document, message indices
/// for the previous file.
struct Grid {
    cells: HashMap<(usize, usize), usize>,
    rows: usize,
    cols: usize,
}

/// Matches the cells of every table to the previous cells by position. A new table is
/// paired with the previous table sharing the most cell texts (then the remaining ones in
/// order). Within a pair, a row is the same row when it has the same label (first cell,
/// the k-th occurrence with the k-th), else when it sits where an unmatched previous row
/// sat and still shares something with it (a similar label, or a cell equal to the one in
/// the same matched column); columns alike with headers. A row whose label and cells
/// all changed is a different row (another drug), so its cells are new, its label too.
/// A cell is the previous cell of its row and column, edited or not; any other cell is new.
fn match_tables(
    doc: &Document,
    prev: &[Previous],
    matched: &mut [Option<usize>],
    prev_used: &mut [bool],
) {
    // The document's tables.
    let mut new_tables: Vec<Grid> = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        let Some(c) = &block.cell else { continue };
        while new_tables.len() <= c.table {
            new_tables.push(Grid {
                cells: HashMap::new(),
                rows: 0,
                cols: 0,
            });
        }
        let t = &mut new_tables[c.table];
        t.cells.insert((c.row, c.col), b);
        t.rows = t.rows.max(c.row + 1);
        t.cols = t.cols.max(c.col + 1);
    }
    // The previous file's tables: runs of consecutive cell messages in reading order.
    let mut old_tables: Vec<Grid> = Vec::new();
    let mut last: Option<OldCell> = None;
    for (p, m) in prev.iter().enumerate() {
        let Some(c) = m.cell else {
            last = None;
            continue;
        };
        let continues = last.is_some_and(|l| l.cols == c.cols && (l.row, l.col) < (c.row, c.col));
        if !continues {
            old_tables.push(Grid {
                cells: HashMap::new(),
                rows: 0,
                cols: 0,
            });
        }
        let t = old_tables.last_mut().expect("pushed above");
        t.cells.insert((c.row, c.col), p);
        t.rows = t.rows.max(c.row.saturating_add(1));
        t.cols = t.cols.max(c.col.saturating_add(1));
        last = Some(c);
    }
    if new_tables.is_empty() || old_tables.is_empty() {
        return;
    }
    // Pair tables: most shared cell texts first, then the rest in order. Shared as
    // multisets: a text twice in an old table and once in a new one is one shared cell
    // (counted twice, a second table repeating a cell took the first table's IDs, and the
    // next extract swapped them back; found by the extract fuzzer).
    let counts = |texts: &mut dyn Iterator<Item = &str>| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for t in texts.filter(|s| !s.is_empty()) {
            *m.entry(t.to_string()).or_default() += 1;
        }
        m
    };
    let old_counts: Vec<HashMap<String, usize>> = old_tables
        .iter()
        .map(|u| counts(&mut u.cells.values().map(|&p| prev[p].value.as_str())))
        .collect();
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (ti, t) in new_tables.iter().enumerate() {
        let texts = counts(&mut t.cells.values().map(|&b| doc.blocks[b].text.as_str()));
        for (ui, old) in old_counts.iter().enumerate() {
            let score: usize = texts
                .iter()
                .map(|(text, n)| (*n).min(old.get(text).copied().unwrap_or(0)))
                .sum();
            if score > 0 {
                pairs.push((score, ti, ui));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut new_pair: Vec<Option<usize>> = vec![None; new_tables.len()];
    let mut old_paired = vec![false; old_tables.len()];
    for (_, ti, ui) in pairs {
        if new_pair[ti].is_none() && !old_paired[ui] {
            new_pair[ti] = Some(ui);
            old_paired[ui] = true;
        }
    }
    let mut rest = (0..old_tables.len()).filter(|&u| !old_paired[u]);
    for pair in new_pair.iter_mut().filter(|p| p.is_none()) {
        *pair = rest.next();
    }
    for (t, u) in new_tables.iter().zip(&new_pair) {
        let Some(u) = u else { continue };
        match_table(doc, prev, t, &old_tables[*u], matched, prev_used);
    }
}

/// [`match_tables`] for one pair of tables.
fn match_table(
    doc: &Document,
    prev: &[Previous],
    new: &Grid,
    old: &Grid,
    matched: &mut [Option<usize>],
    prev_used: &mut [bool],
) {
    let new_text = |r: usize, c: usize| {
        new.cells
            .get(&(r, c))
            .map_or("", |&b| doc.blocks[b].text.as_str())
    };
    let old_text = |r: usize, c: usize| {
        old.cells
            .get(&(r, c))
            .map_or("", |&p| prev[p].value.as_str())
    };
    // row_map[new row] = old row; col_map[new column] = old column.
    let mut row_map: Vec<Option<usize>> = vec![None; new.rows];
    let mut col_map: Vec<Option<usize>> = vec![None; new.cols];
    // Sets, not vectors: the previous file's positions come from its comments, which a
    // damaged file may give as any number.
    let mut old_row_taken: HashSet<usize> = HashSet::new();
    let mut old_col_taken: HashSet<usize> = HashSet::new();
    if new.rows > 0 && old.rows > 0 {
        row_map[0] = Some(0);
        old_row_taken.insert(0);
    }
    let mut old_keys: Vec<(usize, usize)> = old.cells.keys().copied().collect();
    old_keys.sort_unstable();
    // Same label / same header: the k-th occurrence with the k-th.
    // (Look-ups by text, so a table of thousands of rows is not quadratic.)
    let mut by_label: HashMap<&str, std::collections::VecDeque<usize>> = HashMap::new();
    for &(o, _) in old_keys.iter().filter(|&&(r, c)| r >= 1 && c == 0) {
        let label = old_text(o, 0);
        if !label.is_empty() {
            by_label.entry(label).or_default().push_back(o);
        }
    }
    for (r, slot) in row_map.iter_mut().enumerate().skip(1) {
        if let Some(o) = by_label.get_mut(new_text(r, 0)).and_then(|q| q.pop_front()) {
            *slot = Some(o);
            old_row_taken.insert(o);
        }
    }
    let mut by_header: HashMap<&str, std::collections::VecDeque<usize>> = HashMap::new();
    for &(_, o) in old_keys.iter().filter(|&&(r, _)| r == 0) {
        let header = old_text(0, o);
        if !header.is_empty() {
            by_header.entry(header).or_default().push_back(o);
        }
    }
    for (c, slot) in col_map.iter_mut().enumerate() {
        if let Some(o) = by_header
            .get_mut(new_text(0, c))
            .and_then(|q| q.pop_front())
        {
            *slot = Some(o);
            old_col_taken.insert(o);
        }
    }
    // Same position, when something is still the same.
    let similar = |a: &str, b: &str| {
        let (wa, wb) = (words(a), words(b));
        !wa.is_empty() && !wb.is_empty() && dice(&wa, &wb) >= 0.5
    };
    loop {
        let mut changed = false;
        let limit = new.cols.min(old.cols);
        for (c, slot) in col_map.iter_mut().enumerate().take(limit) {
            if slot.is_some() || old_col_taken.contains(&c) {
                continue;
            }
            let evidence = similar(new_text(0, c), old_text(0, c))
                || row_map.iter().enumerate().skip(1).any(|(r, m)| {
                    m.is_some_and(|o| {
                        let t = new_text(r, c);
                        !t.is_empty() && t == old_text(o, c)
                    })
                });
            if evidence {
                *slot = Some(c);
                old_col_taken.insert(c);
                changed = true;
            }
        }
        let limit = new.rows.min(old.rows);
        for (r, slot) in row_map.iter_mut().enumerate().take(limit).skip(1) {
            if slot.is_some() || old_row_taken.contains(&r) {
                continue;
            }
            let evidence = similar(new_text(r, 0), old_text(r, 0))
                || col_map.iter().enumerate().any(|(c, m)| {
                    m.is_some_and(|o| {
                        let t = new_text(r, c);
                        !t.is_empty() && t == old_text(r, o)
                    })
                });
            if evidence {
                *slot = Some(r);
                old_row_taken.insert(r);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (&(r, c), &b) in &new.cells {
        if !doc.blocks[b].is_translatable() {
            continue;
        }
        let (Some(or), Some(oc)) = (row_map[r], col_map[c]) else {
            continue;
        };
        if let Some(&p) = old.cells.get(&(or, oc)) {
            if !prev_used[p] {
                matched[b] = Some(p);
                prev_used[p] = true;
            }
        }
    }
}

/// How many distinct words of a block the similarity pass compares. The pass compares up
/// to 250,000 pairs; comparing every word of long paragraphs made it quadratic in their
/// length as well (499 paragraphs of 2,000 words: 20 s). A reworded paragraph still
/// shares most of its first 64 distinct words with what it was.
const SIMILARITY_WORDS: usize = 64;

/// The first [`SIMILARITY_WORDS`] distinct words of `text`, lowercased and hashed, sorted.
fn words(text: &str) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let mut out: Vec<u64> = Vec::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        let mut h = rustc_hash::FxHasher::default();
        for c in w.chars().flat_map(char::to_lowercase) {
            c.hash(&mut h);
        }
        let h = h.finish();
        if !out.contains(&h) {
            out.push(h);
            if out.len() == SIMILARITY_WORDS {
                break;
            }
        }
    }
    out.sort_unstable();
    out
}

/// Dice's coefficient of two sorted word lists.
fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// The document part of every ID: the slugged file name, starting with a letter.
pub fn doc_prefix(name: &str) -> String {
    let slug = slug(name, 8);
    if slug.is_empty() {
        "doc".into()
    } else if slug.starts_with(|c: char| c.is_ascii_alphabetic()) {
        slug
    } else {
        format!("doc-{slug}")
    }
}

/// The readable part of a new ID, from the block's kind and its text or heading.
fn fresh_stem(block: &crate::content::Block) -> String {
    let section = block
        .section
        .as_deref()
        .map(|s| slug(s, 6))
        .filter(|s| !s.is_empty());
    let section = section.unwrap_or_else(|| "intro".into());
    match block.kind {
        BlockKind::Title => "title".into(),
        BlockKind::Heading(_) => {
            let s = slug(&block.text, 6);
            if s.is_empty() {
                "heading".into()
            } else {
                format!("{s}-heading")
            }
        }
        BlockKind::Paragraph => format!("{section}-text"),
        BlockKind::Quote => format!("{section}-quote"),
        BlockKind::Item if block.body.is_some() => {
            let noun = block
                .section
                .as_deref()
                .and_then(item_noun)
                .unwrap_or_else(|| "item".into());
            let t = slug(&block.text, 6);
            if t.is_empty() {
                noun
            } else {
                format!("{noun}-{t}")
            }
        }
        BlockKind::Item => {
            let t = slug(&block.text, 4);
            if t.is_empty() {
                format!("{section}-item")
            } else {
                format!("item-{t}")
            }
        }
        BlockKind::Cell => format!("{section}-cell"),
        BlockKind::Verbatim => "verbatim".into(),
    }
}

/// The readable part of a new ID for the table cell at block `bi`: the section, then the
/// column's header text for a header cell (`…-column-when`), the row's first cell for a
/// cell of the first column (`…-row-first-day`), and both for any other cell
/// (`…-first-day-what-to-do`); a header or row label without letters is its position
/// (`c2`, `r3`). Like every ID, it is only made once: later edits of the header or the row
/// keep the IDs (extract matches cells to the messages they were).
fn cell_stem(doc: &Document, bi: usize, cell: &crate::content::CellPos) -> String {
    let section = doc.blocks[bi]
        .section
        .as_deref()
        .map(|s| slug(s, 4))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "table".into());
    // The table's cells are consecutive blocks, row by row.
    let start = bi - (cell.row * cell.cols + cell.col);
    let text_at = |row: usize, col: usize| {
        doc.blocks
            .get(start + row * cell.cols + col)
            .map(|b| b.text.as_str())
            .unwrap_or("")
    };
    let column = Some(slug(text_at(0, cell.col), 3))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("c{}", cell.col + 1));
    let row = Some(slug(text_at(cell.row, 0), 3))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("r{}", cell.row));
    match (cell.row, cell.col) {
        (0, _) => format!("{section}-column-{column}"),
        (_, 0) => format!("{section}-row-{row}"),
        _ => format!("{section}-{row}-{column}"),
    }
}

/// What the items of a list are called, from the heading above it: the first plural
/// noun, made singular ("10 Benefits of Dry Needling" → `benefit`, "Side Effects" →
/// `effect`). A heuristic for readability only; IDs never depend on it after creation.
fn item_noun(heading: &str) -> Option<String> {
    let s = slug(heading, 12);
    s.split('-')
        .find(|w| {
            w.len() >= 4
                && w.ends_with('s')
                && !w.ends_with("ss")
                && !w.ends_with("us")
                && !w.ends_with("is")
        })
        .map(|w| w[..w.len() - 1].to_string())
}

const TRAILING_STOPWORDS: &[&str] = &[
    "a", "an", "and", "the", "of", "to", "in", "for", "or", "with", "on", "y", "de", "la", "el",
    "et", "le",
];

/// ASCII kebab-case from any text (transliterated: `¿Qué es?` → `que-es`), at most
/// `max_words` words, without number-only words (so "10 Benefits" survives becoming
/// "11 Benefits") and without a dangling stopword at the end.
pub fn slug(text: &str, max_words: usize) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut words: Vec<&str> = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .take(max_words)
        .collect();
    while words.len() > 1 && words.last().is_some_and(|w| TRAILING_STOPWORDS.contains(w)) {
        words.pop();
    }
    words.join("-")
}

/// `base`, or `base-2`, `base-3` … the first not in `used`. `next` remembers per base
/// where the search stopped: `used` only grows, so a suffix passed once stays taken, and
/// 20,000 blocks sharing a stem cost 20,000 look-ups, not 200 million.
fn unique(base: &str, used: &HashSet<String>, next: &mut HashMap<String, usize>) -> String {
    if !used.contains(base) {
        return base.to_string();
    }
    let n = next.entry(base.to_string()).or_insert(2);
    loop {
        let id = format!("{base}-{n}");
        *n += 1;
        if !used.contains(&id) {
            return id;
        }
    }
}

/// Writes the source FTL of one document.
pub fn render(doc: &Document, ids: &[Option<String>], source_path: &str) -> String {
    let mut out = String::new();
    out.push_str(&format!("### Source: {source_path}\n"));
    out.push_str("### Generated by `carta extract`: edit the Markdown, then run `carta extract`; do not edit this file.\n");
    for (block, id) in doc.blocks.iter().zip(ids) {
        let Some(id) = id else { continue };
        if let BlockKind::Heading(_) = block.kind {
            out.push('\n');
            for line in block.text.lines() {
                out.push_str("## ");
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push('\n');
        if let Some(cell) = &block.cell {
            // Where the cell sits, for translators (a cell is a few words out of context).
            if cell.row == 0 {
                out.push_str(&format!(
                    "# Table header, column {} of {}.\n",
                    cell.col + 1,
                    cell.cols
                ));
            } else {
                out.push_str(&format!(
                    "# Table row {} of {}, column {} of {}.\n",
                    cell.row,
                    cell.rows - 1,
                    cell.col + 1,
                    cell.cols
                ));
            }
        }
        let attrs: Vec<(&str, &str)> = block
            .body
            .as_deref()
            .map(|b| ("body", b))
            .into_iter()
            .collect();
        out.push_str(&crate::ftl::message(id, Some(&block.text), &attrs, "\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse;

    const DOC: &str = "# Care Guide\n\n## What is it?\n\nIntro text here.\n\n## 3 Benefits of Care\n\n1. **Pain Relief**: Less pain for you.\n2. **Better Sleep**: You sleep more deeply.\n3. **More Energy**: You feel active again.\n";

    fn ids_for(markdown: &str, previous: &str) -> Vec<String> {
        let doc = parse("care", markdown);
        let prev = previous_messages(&Catalog::parse(previous));
        assign_ids(&[doc], &[prev])
            .remove(0)
            .into_iter()
            .flatten()
            .collect()
    }

    fn first_run(markdown: &str) -> String {
        let doc = parse("care", markdown);
        let ids = assign_ids(std::slice::from_ref(&doc), &[vec![]]).remove(0);
        render(&doc, &ids, "content/care.md")
    }

    // Regression: a new document that sorted first took the IDs another one already had
    // (`care.md`'s heading "Guide: what is it?" is `care-guide-what-is-it-heading`), and
    // `care-guide.md`'s messages were renamed.
    #[test]
    fn a_new_document_takes_no_id_another_document_has() {
        let existing = parse("care-guide", "# Care\n\n## What is it?\n\nText.\n");
        let ids = assign_ids(std::slice::from_ref(&existing), &[vec![]]).remove(0);
        let prev = previous_messages(&Catalog::parse(&render(&existing, &ids, "x")));
        let new = parse("care", "# Care\n\n## Guide: what is it?\n\nOther text.\n");
        let all = assign_ids(&[new, existing], &[vec![], prev]);
        assert_eq!(all[1], ids, "the existing document keeps every ID");
        assert!(all[0].contains(&Some("care-guide-what-is-it-heading-2".into())));
    }

    #[test]
    fn handouts_whose_names_clash_are_found() {
        let clash = |v: &[&str]| name_clash(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        use NameClash::*;
        let prefix = |a, b, p: &str| Some(SamePrefix(a, b, p.to_string()));
        assert_eq!(
            clash(&["dry-needling", "dry_needling"]),
            prefix(0, 1, "dry-needling")
        );
        assert_eq!(
            clash(&["Care Guide", "x", "care-guide"]),
            prefix(0, 2, "care-guide")
        );
        assert_eq!(clash(&["2024", "2025"]), prefix(0, 1, "doc"));
        assert_eq!(clash(&["\u{FFFD}", "\u{FFFD}"]), Some(SameName(0, 1)));
        assert_eq!(
            clash(&["a", "Messages"]),
            Some(LocaleOutput(1, "messages.json"))
        );
        assert_eq!(clash(&["index", "messages-2", "dry-needling", "dry"]), None);
    }

    #[test]
    fn readable_ids() {
        let ids = ids_for(DOC, "");
        assert_eq!(
            ids,
            vec![
                "care-title",
                "care-what-is-it-heading",
                "care-what-is-it-text",
                "care-benefits-of-care-heading",
                "care-benefit-pain-relief",
                "care-benefit-better-sleep",
                "care-benefit-more-energy",
            ]
        );
    }

    #[test]
    fn rewording_keeps_ids() {
        let before = first_run(DOC);
        let reworded = DOC
            .replace("Less pain for you.", "Much less pain, most days.")
            .replace("Better Sleep", "Deeper Sleep")
            .replace(
                "Intro text here.",
                "A wholly new introduction, nothing shared.",
            )
            .replace("What is it?", "About this treatment");
        assert_eq!(ids_for(&reworded, &before), ids_for(DOC, ""));
    }

    #[test]
    fn insert_delete_and_swap_rename_nothing() {
        let before = first_run(DOC);
        let inserted = DOC.replace(
            "2. **Better",
            "2. **Calmer Mind**: Less worry.\n3. **Better",
        );
        let ids = ids_for(&inserted, &before);
        assert_eq!(ids.len(), 8);
        assert!(ids.contains(&"care-benefit-calmer-mind".to_string()));
        for old in ids_for(DOC, "") {
            assert!(ids.contains(&old), "{old} kept");
        }
        let swapped = DOC
            .replace(
                "1. **Pain Relief**: Less pain for you.",
                "1. **More Energy**: You feel active again.",
            )
            .replacen(
                "3. **More Energy**: You feel active again.",
                "3. **Pain Relief**: Less pain for you.",
                1,
            );
        let ids = ids_for(&swapped, &before);
        assert_eq!(ids[4], "care-benefit-more-energy");
        assert_eq!(ids[6], "care-benefit-pain-relief");
        let deleted = DOC.replace("2. **Better Sleep**: You sleep more deeply.\n", "");
        let ids = ids_for(&deleted, &before);
        assert!(!ids.contains(&"care-benefit-better-sleep".to_string()));
        assert!(ids.contains(&"care-benefit-more-energy".to_string()));
    }

    const TABLE: &str = "## After Treatment\n\n| When | What to do |\n| --- | --- |\n| First day | Rest |\n| 2 | Walk |\n";

    #[test]
    fn table_cells_get_readable_ids() {
        assert_eq!(
            ids_for(TABLE, ""),
            vec![
                "care-after-treatment-heading",
                "care-after-treatment-column-when",
                "care-after-treatment-column-what-to-do",
                "care-after-treatment-row-first-day",
                "care-after-treatment-first-day-what-to-do",
                "care-after-treatment-row-r2",
                "care-after-treatment-r2-what-to-do",
            ]
        );
        let ftl = first_run(TABLE);
        assert!(
            ftl.contains("\n# Table row 1 of 2, column 2 of 2.\ncare-after-treatment-first-day-what-to-do = Rest\n"),
            "{ftl}"
        );
        assert!(fluent_syntax::parser::parse(ftl.as_str()).is_ok(), "{ftl}");
    }

    /// Editing a cell, its column's header or its row's label renames nothing; neither
    /// does a new row.
    #[test]
    fn table_ids_survive_edits_and_new_rows() {
        let before = first_run(TABLE);
        let edited = TABLE
            .replace("| When |", "| Day |")
            .replace(
                "| First day | Rest |",
                "| First day | Rest and drink water |",
            )
            .replace("| 2 | Walk |", "| 2 | Walk |\n| 3 | Swim |");
        let ids = ids_for(&edited, &before);
        let old = ids_for(TABLE, "");
        assert_eq!(&ids[..old.len()], &old[..], "{ids:?}");
        assert_eq!(ids.len(), old.len() + 2);
    }

    #[test]
    fn cell_positions_are_read_back_from_the_comments() {
        let cell = |row, col, cols| Some(OldCell { row, col, cols });
        assert_eq!(old_cell(&["Table header, column 2 of 3."]), cell(0, 1, 3));
        assert_eq!(
            old_cell(&["Table row 4 of 9, column 1 of 2."]),
            cell(4, 0, 2)
        );
        for bad in [
            "Table header, column 0 of 3.",
            "Table header, column 4 of 3.",
            "Table row 0 of 2, column 1 of 2.",
            "Table row 1 of 2, column 1 of 99999999999999999999999.",
            "Table row -1 of 2, column 1 of 2.",
            "Table row 1 of 2.",
            "Some other comment",
        ] {
            assert_eq!(old_cell(&[bad]), None, "{bad}");
        }
    }

    /// A damaged source file may claim any position: no huge allocation, no panic, and the
    /// real cells still match.
    #[test]
    fn absurd_cell_positions_in_the_previous_file_are_harmless() {
        let before = first_run(TABLE).replace(
            "# Table row 2 of 2, column 2 of 2.",
            "# Table row 18446744073709551615 of 2, column 2 of 18446744073709551615.",
        );
        let ids = ids_for(TABLE, &before);
        assert_eq!(ids.len(), 7);
        assert_eq!(ids[4], "care-after-treatment-first-day-what-to-do");
    }

    /// A table inserted above another is a new table: the old one keeps its IDs.
    #[test]
    fn a_new_table_above_renames_nothing() {
        let before = first_run(TABLE);
        let two = format!("## Before\n\n| Step | Rest |\n| --- | --- |\n| 1 | Walk |\n\n{TABLE}");
        let ids = ids_for(&two, &before);
        for old in ids_for(TABLE, "") {
            assert!(ids.contains(&old), "{old} kept: {ids:?}");
        }
        assert_eq!(ids.len(), 5 + 7, "{ids:?}");
    }

    /// Rows without a label and rows sharing one keep their places: by position, the
    /// k-th "Aspirin" with the k-th; an edit there keeps every ID.
    #[test]
    fn unlabelled_and_repeated_rows_keep_their_places() {
        let table = "## Doses\n\n| Drug | Dose |\n| --- | --- |\n| Aspirin | 100 mg |\n| Aspirin | 300 mg |\n|  | ask us |\n|  | call us |\n";
        let before = first_run(table);
        let old = ids_for(table, "");
        let edited = table
            .replace("300 mg", "325 mg")
            .replace("call us", "phone us");
        assert_eq!(ids_for(&edited, &before), old);
        // Swapped, the two Aspirin rows stay where they were (their text is edited).
        let swapped = table
            .replace("100 mg", "x")
            .replace("300 mg", "100 mg")
            .replace("| x |", "| 300 mg |");
        assert_eq!(ids_for(&swapped, &before), old);
    }

    #[test]
    fn duplicate_text_gets_distinct_ids() {
        let md = "Same words.\n\nSame words.\n";
        let ids = ids_for(md, "");
        assert_eq!(ids, vec!["care-intro-text", "care-intro-text-2"]);
        let again = ids_for(md, &first_run(md));
        assert_eq!(again, ids);
    }

    #[test]
    fn non_english_headings_give_ascii_ids() {
        let ids = ids_for("## ¿Qué es la punción seca?\n\nTexto.\n\n## 10 beneficios\n\n1. **Alivio**: menos dolor.\n", "");
        assert_eq!(
            ids,
            vec![
                "care-que-es-la-puncion-seca-heading",
                "care-que-es-la-puncion-seca-text",
                "care-beneficios-heading",
                "care-beneficio-alivio",
            ]
        );
        assert!(ids.iter().all(|id| crate::ftl::is_identifier(id)));
    }

    #[test]
    fn output_is_valid_fluent() {
        let md = "# T\n\nBraces {x} and *emphasis* and [link](https://e.org).\n\n> quote\n> more\n\n- item one\n- item two\n";
        let ftl = first_run(md);
        assert!(fluent_syntax::parser::parse(ftl.as_str()).is_ok(), "{ftl}");
    }
}
