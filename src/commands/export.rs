//! `carta export`: one locale's messages as a file for CAT tools (XLIFF 2.0, XLIFF 1.2,
//! PO) or its translation memory (TMX 1.4b). See [`crate::exchange`].

use std::path::PathBuf;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::exchange::{self, Export, FileUnits};
use crate::locale::Tag;
use crate::project::Project;
use crate::review::Status;
use crate::state::State;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xliff2,
    Xliff1,
    Po,
    Tmx,
}

/// Which messages `--only` keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    /// No translation yet (or only a template).
    Missing,
    Outdated,
    /// Translated and current, not signed off.
    Unreviewed,
}

pub struct Options {
    pub locale: Tag,
    pub format: Format,
    /// Empty: every message.
    pub only: Vec<Only>,
}

pub struct Report {
    pub text: String,
    pub units: usize,
    pub files: usize,
}

fn keep(only: &[Only], status: Status) -> bool {
    only.is_empty()
        || only.iter().any(|o| match o {
            Only::Missing => matches!(status, Status::Missing | Status::Template),
            Only::Outdated => status == Status::Outdated,
            Only::Unreviewed => status == Status::Translated,
        })
}

/// The locale's units, file by file, in source order.
pub fn collect(project: &Project, tag: &Tag) -> Result<Export> {
    if *tag == project.source {
        return Err(Error::Usage(format!(
            "`{tag}` is the source locale: export a locale that translates it"
        )));
    }
    let dir = project.locale_dir(tag);
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "unknown locale `{tag}`: no folder `{}` (create it with `carta add-locale {tag}`)",
            project.show(&dir).display()
        )));
    }
    let source_dir = project.locale_dir(&project.source);
    let mut files = Vec::new();
    for (rel, source) in super::read_sources(project)? {
        let catalog = Catalog::parse(&source.text);
        let document = super::source_label(project, &rel, &catalog);
        let path = dir.join(&rel);
        let locale = project.read(&path)?;
        let state_path = super::sync::state_path(&path);
        let state = match project.read(&state_path)? {
            Some(t) => State::parse(&t.text).map_err(|(line, message)| Error::Config {
                path: project.show(&state_path),
                line,
                column: 1,
                message,
            })?,
            None => State::default(),
        };
        let locale_catalog = locale.as_ref().map(|t| Catalog::parse(&t.text));
        let slash = |p: PathBuf| p.display().to_string().replace('\\', "/");
        let units = exchange::units(
            &catalog,
            &slash(project.show(&source_dir.join(&rel))),
            &document,
            locale_catalog.as_ref(),
            &state,
        );
        files.push(FileUnits {
            original: slash(project.show(&path)),
            units,
        });
    }
    Ok(Export {
        source_lang: project.source.to_string(),
        target_lang: tag.to_string(),
        files,
    })
}

/// Refuses an output file that is carta's or its users': `carta.toml`, or a file inside
/// the locales, content or output folder (the translators', the author's, the published
/// site's). A link is judged by where it points. `-o` must never replace one of them.
pub fn check_output(project: &Project, output: &std::path::Path) -> Result<()> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Ok(parent) = parent.canonicalize() else {
        return Err(Error::Usage(format!(
            "-o `{}`: its folder does not exist",
            output.display()
        )));
    };
    if output.is_dir() {
        return Err(Error::Usage(format!(
            "-o `{}` is a folder; name the file to write",
            output.display()
        )));
    }
    // Where the file really is: through a link, and before it exists.
    let target = output.canonicalize().unwrap_or_else(|_| {
        output
            .file_name()
            .map_or_else(|| parent.clone(), |name| parent.join(name))
    });
    let refuse = |what: String| {
        Err(Error::Usage(format!(
            "-o `{}` is {what}, which carta does not overwrite; write the export elsewhere",
            output.display()
        )))
    };
    use crate::dist::resolve;
    if target == resolve(&project.root.join(crate::config::FILE_NAME)) {
        return refuse(format!("the project's `{}`", crate::config::FILE_NAME));
    }
    for dir in [
        project.locales_dir(),
        project.content_dir(),
        project.out_dir(),
    ] {
        let dir = resolve(&dir);
        if target.starts_with(&dir) {
            return refuse(format!("inside `{}`", project.show(&dir).display()));
        }
    }
    Ok(())
}

pub fn run(project: &Project, opts: &Options) -> Result<Report> {
    let mut export = collect(project, &opts.locale)?;
    if opts.format == Format::Tmx {
        // The memory is what is translated: current translations only.
        for f in &mut export.files {
            f.units
                .retain(|u| u.target.is_some() && u.status >= Status::Translated);
        }
    } else {
        for f in &mut export.files {
            f.units.retain(|u| keep(&opts.only, u.status));
        }
    }
    export.files.retain(|f| !f.units.is_empty());
    // The memory also holds what was imported into it (`carta import x.tmx`).
    let imported = if opts.format == Format::Tmx {
        super::sync::read_memory(project, &opts.locale)?
    } else {
        Vec::new()
    };
    let units = export.files.iter().map(|f| f.units.len()).sum::<usize>() + imported.len();
    let files = export.files.len();
    if units == 0 {
        return Ok(Report {
            text: String::new(),
            units,
            files,
        });
    }
    let bad = |(id, c): (String, char)| {
        Error::Usage(format!(
            "`{id}` holds the character U+{:04X}, which XML 1.0 cannot carry; export it as XLIFF 2 (`<cp>`) or PO",
            c as u32
        ))
    };
    let text = match opts.format {
        Format::Xliff2 => exchange::xliff::write2(&export),
        Format::Xliff1 => exchange::xliff::write1(&export).map_err(bad)?,
        Format::Po => exchange::po::write(&export),
        Format::Tmx => exchange::tmx::write(&export, &imported).map_err(bad)?,
    };
    Ok(Report { text, units, files })
}
