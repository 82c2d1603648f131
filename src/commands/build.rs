//! `carta build`: resolves every locale through its fallback chain (in parallel) and
//! writes `dist/`. All files are computed in memory first, then written atomically, so
//! a failure leaves the previous `dist/` files whole.

use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use fluent_bundle::resolver::errors::{ReferenceKind, ResolverError};
use fluent_bundle::{FluentBundle, FluentError, FluentResource};
use rayon::prelude::*;
use serde_json::{json, Value};

use super::extract::Extracted;
use crate::bundle::{self, LocaleBundle, Part, Resolved};
use crate::catalog::{Catalog, EntryKind};
use crate::error::{Error, Result};
use crate::fs::TextFile;
use crate::locale::Tag;
use crate::project::Project;

pub struct Options {
    pub locale: Option<Tag>,
    pub out: Option<PathBuf>,
    pub pseudo: bool,
}

pub struct LocaleSummary {
    pub tag: Tag,
    pub messages: usize,
    /// Messages with a part from another locale: (id, from).
    pub fell_back: Vec<(String, Tag)>,
    /// Of those, how many came from a locale of another language.
    pub foreign: usize,
    /// Each document's title in this locale, as plain text: (document name, title).
    pub titles: Vec<(String, String)>,
}

pub struct Report {
    pub out_dir: PathBuf,
    pub locales: Vec<LocaleSummary>,
    pub files_written: usize,
    pub files_unchanged: usize,
}

use crate::bundle::Transform;

/// One built locale: its summary, its files (relative to `dist/`), its manifest entry.
type Built = (LocaleSummary, Vec<(PathBuf, Vec<u8>)>, Value);

/// What remains of a built locale once its files are staged.
struct Staged {
    summary: LocaleSummary,
    manifest_entry: Value,
    /// (`<doc>.html`, localized title) for the language picker.
    titles: Vec<(String, String)>,
    files: usize,
    written: usize,
}

pub fn run(project: &Project, opts: &Options) -> Result<Report> {
    let sources = super::read_sources(project)?;
    let content_dir = project.content_dir();
    // A project without handouts is a pure Fluent project; but a `content-dir` that is
    // set (a typo) or is not a folder must not give a "successful" build without them.
    if !content_dir.is_dir() && (project.config.content_dir_set || content_dir.exists()) {
        return Err(Error::Input {
            path: project.show(&content_dir),
            message: if content_dir.exists() {
                "the content folder is not a folder (set `content-dir` in carta.toml)"
            } else {
                "the content folder does not exist (set `content-dir` in carta.toml)"
            }
            .into(),
        });
    }
    let docs: Vec<Extracted> = if content_dir.is_dir() {
        let docs = super::extract::load(project)?;
        let source_dir = project.locale_dir(&project.source);
        for e in &docs {
            let expected = crate::extract::render(&e.doc, &e.ids, &e.source_path);
            let path = source_dir.join(format!("{}.ftl", e.doc.name));
            let current = sources.iter().find(|(rel, _)| source_dir.join(rel) == path);
            if current.map(|(_, f)| f.text.as_str()) != Some(expected.as_str()) {
                return Err(Error::Input {
                    path: project.show(&path),
                    message: format!(
                        "is out of date with `{}`; run `carta extract` first",
                        e.source_path
                    ),
                });
            }
        }
        docs
    } else {
        Vec::new()
    };

    let (targets, _) = project.target_locales()?;
    let mut tags: Vec<Tag> = match &opts.locale {
        Some(t) => vec![t.clone()],
        None => std::iter::once(project.source.clone())
            .chain(targets.iter().cloned())
            .collect(),
    };
    let mut all = targets.clone();
    all.extend(tags.iter().filter(|t| **t != project.source).cloned());
    all.sort();
    all.dedup();
    let mut chains = crate::fallback::chains(&all, &project.source, &project.config.fallback);
    chains.insert(project.source.clone(), vec![project.source.clone()]);
    for t in &tags {
        if *t != project.source && !project.locale_dir(t).is_dir() {
            return Err(Error::Usage(format!(
                "unknown locale `{t}`: no folder `{}`",
                project.show(&project.locale_dir(t)).display()
            )));
        }
    }
    let mut transforms: HashMap<Tag, Transform> = HashMap::new();
    if opts.pseudo {
        for (tag, f) in bundle::pseudo_tags() {
            chains.insert(tag.clone(), vec![tag.clone(), project.source.clone()]);
            transforms.insert(tag.clone(), f);
            tags.push(tag);
        }
    }

    let out_dir = match &opts.out {
        Some(p) if p.is_absolute() => p.clone(),
        Some(p) => std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.clone()),
        None => project.out_dir(),
    };
    let source_catalogs: Vec<Catalog> = sources
        .iter()
        .map(|(_, f)| Catalog::parse(&f.text))
        .collect();
    let source_resources: Vec<FluentResource> = sources
        .iter()
        .map(|(_, f)| FluentResource::try_new(f.text.clone()).unwrap_or_else(|(r, _)| r))
        .collect();
    let source_rels: Vec<PathBuf> = sources.iter().map(|(rel, _)| rel.clone()).collect();
    let source = SourceLocale {
        tag: &project.source,
        rels: &source_rels,
        homes: &homes(&source_catalogs),
        catalogs: &source_catalogs,
        resources: &source_resources,
    };

    // Each locale is built and its files staged (written beside their targets) in its
    // own task, so only the locales being built are in memory; nothing replaces a file
    // of `dist/` until every locale has been built and staged.
    let staging = crate::fs::Staging::default();
    let built: Vec<Staged> = tags
        .par_iter()
        .map(|tag| -> Result<Staged> {
            let chain = &chains[tag];
            let transform = transforms.get(tag).copied();
            let mut texts: HashMap<Tag, Vec<(PathBuf, TextFile)>> = HashMap::new();
            for t in chain
                .iter()
                .filter(|t| **t != project.source && !transforms.contains_key(*t))
            {
                let dir = project.locale_dir(t);
                let mut files = Vec::new();
                for rel in project.ftl_files(&dir)? {
                    if let Some(f) = project.read(&dir.join(&rel))? {
                        files.push((rel, f));
                    }
                }
                texts.insert(t.clone(), files);
            }
            let (summary, locale_files, mut entry) =
                build_locale(tag, chain, &texts, &source, transform, &docs);
            let mut hashes = BTreeMap::new();
            let mut written = 0;
            for (rel, bytes) in &locale_files {
                hashes.insert(
                    rel.display().to_string().replace('\\', "/"),
                    format!("sha256:{}", bundle::sha256(bytes)),
                );
                written += usize::from(project.stage(&staging, &out_dir.join(rel), bytes)?);
            }
            entry["files"] = json!(hashes);
            let titles = summary
                .titles
                .iter()
                .map(|(doc, title)| (format!("{doc}.html"), title.clone()))
                .collect();
            Ok(Staged {
                summary,
                manifest_entry: entry,
                titles,
                files: locale_files.len(),
                written,
            })
        })
        .collect::<Result<_>>()?;

    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut manifest_locales = Vec::new();
    let mut index_entries = Vec::new();
    let mut summaries = Vec::new();
    let (mut total, mut written) = (0, 0);
    for b in built {
        manifest_locales.push(b.manifest_entry);
        index_entries.push((b.summary.tag.clone(), b.titles));
        summaries.push(b.summary);
        total += b.files;
        written += b.written;
    }
    let manifest = json!({
        "schema_version": 1,
        "generator": format!("carta {}", env!("CARGO_PKG_VERSION")),
        "source_locale": project.source.as_str(),
        "documents": docs.iter().map(|e| e.doc.name.clone()).collect::<Vec<_>>(),
        "locales": manifest_locales,
    });
    files.push((
        PathBuf::from("manifest.json"),
        (serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n").into_bytes(),
    ));
    if !docs.is_empty() {
        files.push((
            PathBuf::from("index.html"),
            bundle::html::index(&index_entries, &project.source).into_bytes(),
        ));
    }

    total += files.len();
    for (rel, bytes) in &files {
        written += usize::from(project.stage(&staging, &out_dir.join(rel), bytes)?);
    }
    project.commit(staging)?;
    let unchanged = total - written;
    Ok(Report {
        out_dir: project.show(&out_dir),
        locales: summaries,
        files_written: written,
        files_unchanged: unchanged,
    })
}

/// Builds one locale in memory from Fluent texts: `locale` falls back to `source`.
/// Returns the files of `dist/<tag>/` (relative paths). The entry point for fuzzing.
pub fn build_texts(
    tag: &Tag,
    source_tag: &Tag,
    source: &[String],
    locale: &[String],
    docs: &[Extracted],
) -> Vec<(PathBuf, Vec<u8>)> {
    // File n of the locale translates file n of the source.
    let rel = |n: usize| PathBuf::from(format!("{n}.ftl"));
    let to_files = |texts: &[String]| -> Vec<(PathBuf, TextFile)> {
        texts
            .iter()
            .enumerate()
            .map(|(n, t)| {
                let file = TextFile {
                    text: t.clone(),
                    bom: false,
                };
                (rel(n), file)
            })
            .collect()
    };
    let mut texts = HashMap::new();
    texts.insert(tag.clone(), to_files(locale));
    let catalogs: Vec<Catalog> = source.iter().map(|t| Catalog::parse(t)).collect();
    let resources: Vec<FluentResource> = source
        .iter()
        .map(|t| FluentResource::try_new(t.clone()).unwrap_or_else(|(r, _)| r))
        .collect();
    let rels: Vec<PathBuf> = (0..source.len()).map(rel).collect();
    let source = SourceLocale {
        tag: source_tag,
        rels: &rels,
        homes: &homes(&catalogs),
        catalogs: &catalogs,
        resources: &resources,
    };
    let chain = [tag.clone(), source_tag.clone()];
    build_locale(tag, &chain, &texts, &source, None, docs).1
}

/// The source locale, parsed once and shared by every locale's build (a Fluent bundle
/// can hold borrowed resources).
struct SourceLocale<'a, 's> {
    tag: &'a Tag,
    /// The source files' paths, relative to the source folder.
    rels: &'a [PathBuf],
    /// Message ID → the source file that defines it.
    homes: &'a FxHashMap<&'s str, usize>,
    catalogs: &'a [Catalog<'s>],
    resources: &'a [FluentResource],
}

/// Message ID → the (first) source file that defines it.
fn homes<'s>(catalogs: &[Catalog<'s>]) -> FxHashMap<&'s str, usize> {
    let mut homes = FxHashMap::default();
    for (f, c) in catalogs.iter().enumerate() {
        for i in 0..c.resource.body.len() {
            if let EntryKind::Message(id) = c.kind(i) {
                homes.entry(id).or_insert(f);
            }
        }
    }
    homes
}

/// A locale file's text without the messages the source defines in another file: `check`
/// reports those as missing where the source has them (and sync moves them to the
/// obsolete section), so build does not use them either and falls back instead. Terms
/// and messages the source does not have stay. Borrowed when nothing is dropped.
fn without_strays<'t>(
    rel: &Path,
    text: &'t str,
    source: &SourceLocale,
) -> std::borrow::Cow<'t, str> {
    let home = source.rels.iter().position(|r| r == rel);
    let elsewhere = |id: &str| source.homes.get(id).is_some_and(|&f| Some(f) != home);
    // A message starts at column 0 with its ID, so a file none of whose lines starts
    // with a stray ID needs no parse here (the usual case).
    let suspect = text.lines().any(|line| {
        let end = crate::ftl::identifier_len(line);
        end > 0 && elsewhere(&line[..end])
    });
    if !suspect {
        return std::borrow::Cow::Borrowed(text);
    }
    let catalog = Catalog::parse(text);
    let stray = |i: usize| matches!(catalog.kind(i), EntryKind::Message(id) if elsewhere(id));
    if !(0..catalog.spans.len()).any(stray) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut kept = catalog.prefix().to_string();
    for (i, span) in catalog.spans.iter().enumerate() {
        if !stray(i) {
            kept.push_str(&text[span.start..span.next]);
        }
    }
    std::borrow::Cow::Owned(kept)
}

fn build_locale(
    tag: &Tag,
    chain: &[Tag],
    texts: &HashMap<Tag, Vec<(PathBuf, TextFile)>>,
    source_locale: &SourceLocale,
    transform: Option<Transform>,
    docs: &[Extracted],
) -> Built {
    let source = source_locale.tag;
    let source_catalogs = source_locale.catalogs;
    // One bundle and one set of catalogs per chain locale; the source's are shared (a
    // pseudo-locale is the source with a transform).
    let is_source = |t: &Tag| t == source || (transform.is_some() && t == tag);
    let kept: Vec<Vec<std::borrow::Cow<str>>> = chain
        .iter()
        .map(|t| {
            let files = match texts.get(t) {
                Some(files) if !is_source(t) => files.as_slice(),
                _ => &[],
            };
            files
                .iter()
                .map(|(rel, f)| without_strays(rel, &f.text, source_locale))
                .collect::<Vec<_>>()
        })
        .collect();
    let own: Vec<(Vec<FluentResource>, Vec<Catalog>)> = kept
        .iter()
        .map(|texts| {
            let resources = texts
                .iter()
                .map(|t| FluentResource::try_new(t.to_string()).unwrap_or_else(|(r, _)| r))
                .collect();
            let catalogs = texts.iter().map(|t| Catalog::parse(t)).collect();
            (resources, catalogs)
        })
        .collect();
    let mut bundles: Vec<FluentBundle<&FluentResource>> = Vec::new();
    let mut catalogs: Vec<&[Catalog]> = Vec::new();
    for (k, t) in chain.iter().enumerate() {
        let mut b = FluentBundle::new(vec![t.langid().clone()]);
        b.set_use_isolating(false);
        let _ = b.add_builtins();
        if k == 0 {
            b.set_transform(transform);
        }
        let (resources, cats) = if is_source(t) {
            (source_locale.resources, source_catalogs)
        } else {
            (own[k].0.as_slice(), own[k].1.as_slice())
        };
        for r in resources {
            let _ = b.add_resource(r);
        }
        bundles.push(b);
        catalogs.push(cats);
    }

    let format = |k: usize, id: &str, attr: Option<&str>| -> Option<String> {
        let msg = bundles[k].get_message(id)?;
        let pattern = match attr {
            None => msg.value()?,
            Some(a) => msg.get_attribute(a)?.value(),
        };
        let mut errors = Vec::new();
        let text = bundle::format_pattern(&bundles[k], pattern, None, &mut errors)?;
        let fatal = errors.iter().any(|e| {
            !matches!(
                e,
                FluentError::ResolverError(ResolverError::Reference(
                    ReferenceKind::Variable { .. }
                ))
            )
        });
        (!fatal).then_some(text)
    };

    let mut messages: BTreeMap<String, Resolved> = BTreeMap::new();
    let mut order: Vec<(String, usize, usize)> = Vec::new(); // (id, source file, entry)
    for (fi, sc) in source_catalogs.iter().enumerate() {
        for i in 0..sc.resource.body.len() {
            let Some(id) = sc.entry_id(i) else { continue };
            if sc.index.get(id.as_ref()) != Some(&i) {
                continue;
            }
            let id = id.into_owned();
            order.push((id.clone(), fi, i));
            let EntryKind::Message(_) = sc.kind(i) else {
                continue;
            };
            let parts = sc.patterns(i);
            let mut resolved = Resolved::default();
            for (key, _) in parts {
                let attr = key.strip_prefix('.');
                let found = (0..chain.len())
                    .find_map(|k| format(k, &id, attr).map(|text| Part { text, from: k }));
                if let Some(part) = found {
                    match attr {
                        None => resolved.value = Some(part),
                        Some(a) => {
                            resolved.attributes.insert(a.to_string(), part);
                        }
                    }
                }
            }
            messages.insert(id, resolved);
        }
    }
    let lb = LocaleBundle {
        tag: tag.clone(),
        chain: chain.to_vec(),
        pseudo: transform.is_some(),
        messages,
    };

    // messages.ftl: each source entry from the locale that provided it, verbatim when
    // one locale provided every part, synthesized from the formatted text otherwise.
    let mut ftl = format!("### carta build: {tag} (fallback: {}).\n### Every source message, each from the first locale of the chain that has it.\n\n", chain.iter().map(Tag::as_str).collect::<Vec<_>>().join(" → "));
    let find = |k: usize, id: &str| -> Option<String> {
        catalogs[k].iter().find_map(|c| {
            let &i = c.index.get(id)?;
            matches!(c.kind(i), EntryKind::Message(_) | EntryKind::Term(_)).then(|| c.body_text(i))
        })
    };
    let mut emitted = std::collections::HashSet::new();
    for (id, fi, i) in &order {
        let entry = if let Some(m) = lb.messages.get(id) {
            let froms: std::collections::BTreeSet<usize> = m
                .value
                .iter()
                .chain(m.attributes.values())
                .map(|p| p.from)
                .collect();
            let verbatim = (froms.len() == 1 && !lb.pseudo)
                .then(|| froms.first().copied())
                .flatten()
                .and_then(|k| find(k, id));
            match verbatim {
                Some(text) => text,
                None => {
                    let attrs: Vec<(&str, &str)> = m
                        .attributes
                        .iter()
                        .map(|(k, p)| (k.as_str(), p.text.as_str()))
                        .collect();
                    crate::ftl::message(id, m.value.as_ref().map(|p| p.text.as_str()), &attrs, "\n")
                        .trim_end()
                        .to_string()
                }
            }
        } else {
            // A term: from the first chain locale that defines it.
            (0..chain.len())
                .find_map(|k| find(k, id))
                .unwrap_or_else(|| source_catalogs[*fi].body_text(*i))
        };
        if lb
            .messages
            .get(id)
            .is_some_and(|m| m.value.is_none() && m.attributes.is_empty())
        {
            continue;
        }
        emitted.insert(id.clone());
        ftl.push_str(&entry);
        ftl.push_str("\n\n");
    }
    // Terms only the translations define (referenced by them).
    let mut extra_terms: BTreeMap<String, String> = BTreeMap::new();
    for locale_catalogs in catalogs.iter().copied() {
        for c in locale_catalogs {
            for i in 0..c.resource.body.len() {
                if let EntryKind::Term(_) = c.kind(i) {
                    let id = c.entry_id(i).unwrap_or_default();
                    if !emitted.contains(id.as_ref()) && c.index.get(id.as_ref()) == Some(&i) {
                        extra_terms
                            .entry(id.into_owned())
                            .or_insert_with(|| c.body_text(i));
                    }
                }
            }
        }
    }
    for (_, text) in extra_terms {
        ftl.push_str(&text);
        ftl.push_str("\n\n");
    }
    let ftl = ftl.trim_end().to_string() + "\n";

    let titles = docs
        .iter()
        .map(|e| {
            let title = e
                .doc
                .blocks
                .iter()
                .zip(&e.ids)
                .find(|(b, _)| b.kind == crate::content::BlockKind::Title)
                .and_then(|(_, id)| lb.part(id.as_deref()?, None))
                .map(|p| bundle::html::plain(&p.text))
                .unwrap_or_else(|| e.doc.name.clone());
            (e.doc.name.clone(), title)
        })
        .collect();
    let dir = PathBuf::from(tag.as_str());
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for e in docs {
        files.push((
            dir.join(format!("{}.html", e.doc.name)),
            bundle::html::render(&e.doc, &e.ids, &lb).into_bytes(),
        ));
        files.push((
            dir.join(format!("{}.md", e.doc.name)),
            bundle::markdown::render(&e.doc, &e.ids, &lb).into_bytes(),
        ));
        files.push((
            dir.join(format!("{}.json", e.doc.name)),
            bundle::json::document(&e.doc, &e.ids, &lb).into_bytes(),
        ));
    }
    files.push((
        dir.join("messages.json"),
        bundle::json::messages(&lb).into_bytes(),
    ));
    files.push((dir.join("messages.ftl"), ftl.into_bytes()));

    let fell_back: Vec<(String, Tag)> = lb
        .fallbacks()
        .into_iter()
        .map(|(id, t)| (id.to_string(), t.clone()))
        .collect();
    let foreign = fell_back.iter().filter(|(_, t)| lb.is_foreign(t)).count();
    let total = lb.messages.len();
    let own = total - fell_back.len();
    let entry = json!({
        "tag": tag.as_str(),
        "name": tag.autonym(),
        "dir": if tag.is_rtl() { "rtl" } else { "ltr" },
        "pseudo": lb.pseudo,
        "fallback": chain.iter().map(Tag::as_str).collect::<Vec<_>>(),
        "messages": total,
        "translated": own,
        "coverage": if total == 0 { 100.0 } else { ((own as f64 * 1000.0 / total as f64).round()) / 10.0 },
        "fell_back": fell_back.iter().map(|(id, t)| json!({ "id": id, "from": t.as_str() })).collect::<Vec<_>>(),
    });
    (
        LocaleSummary {
            tag: tag.clone(),
            messages: total,
            fell_back,
            foreign,
            titles,
        },
        files,
        entry,
    )
}
