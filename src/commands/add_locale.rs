//! `carta add-locale TAG`: a new locale folder with a template file per source file,
//! registered in `carta.toml` when the file lists `locales`. Both happen as one step: a
//! failure registers nothing and leaves nothing created.

use std::path::{Path, PathBuf};

use crate::config::{self, FILE_NAME};
use crate::error::{Error, Result};
use crate::fs::Expect;
use crate::locale::Tag;
use crate::project::Project;

pub struct Report {
    pub tag: Tag,
    pub created: Vec<PathBuf>,
    pub added_to_config: bool,
}

/// The new bytes of `carta.toml`, and the old ones to put back if the locale's files
/// cannot be written.
struct ConfigEdit {
    /// The file written: `carta.toml`, or the file it links to inside the project.
    path: PathBuf,
    /// What the file must still be when it is replaced.
    expect: Expect,
    new: Vec<u8>,
}

pub fn run(project: &Project, input: &str, force: bool) -> Result<Report> {
    let tag = Tag::parse(input).map_err(Error::Usage)?;
    // A well-formed tag CLDR knows nothing about (`klingon`) is most likely a mistake.
    let cldr = tag.plural_rules().is_some();
    if !cldr && !force {
        return Err(Error::Usage(format!(
            "`{tag}` is a well-formed tag, but CLDR has no data for its language `{}`: plural rules, plural checks and language negotiation would not work for it. Check the tag (a language code from ISO 639, such as `es`, `pt-BR` or `zh-Hans`), or add it anyway with `--force`",
            tag.langid().language
        )));
    }
    if tag == project.source {
        return Err(Error::Usage(format!("`{tag}` is the source locale")));
    }
    let dir = project.locale_dir(&tag);
    let existing = project.ftl_files(&dir)?;
    if !existing.is_empty() {
        return Err(Error::Usage(format!(
            "locale `{tag}` already exists in `{}`; run `carta sync --locale {tag}` to update it",
            project.show(&dir).display()
        )));
    }
    // Everything that can refuse (carta.toml, the source files) runs before anything is
    // written, and the new files and the carta.toml edit are one step: staged, then put
    // in place together, with every replacement undone if one fails (see `fs::Staging`),
    // and carta.toml replaced only if nobody saved it meanwhile.
    let edit = config_edit(project, &tag)?;
    let staging = project.staging(&[]);
    // Sparse like sync: a regional locale (`es-MX` over `es`) gets templates only for
    // what its fallback does not translate, so the next sync has none to take back.
    let reports = super::sync::stage_locales(
        project,
        std::slice::from_ref(&tag),
        Some(&staging),
        false,
        true,
    )?;
    let mut staged: Vec<PathBuf> = reports.into_iter().flat_map(|r| r.changed).collect();
    // A glossary to fill, so `check` can hold key terms to one translation.
    let glossary = dir.join("glossary.toml");
    if !glossary.exists() {
        let text = format!(
            "# Glossary for {tag}: English term (lower case, as in the handouts) = required translation.\n\
             # `carta check` warns when a message's English contains the term but its translation\n\
             # contains none of the listed forms (matching ignores case). List every form you use.\n\
             [terms]\n\
             # \"dry needling\" = \"…\"\n\
             # \"trigger point\" = [\"… (singular)\", \"… (plural)\"]\n"
        );
        project.stage_changed(&staging, &glossary, text.as_bytes(), Expect::Absent)?;
        staged.push(project.show(&glossary));
    }
    let created: Vec<PathBuf> = staged
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "ftl" || e == "toml"))
        .cloned()
        .collect();
    if let Some(edit) = &edit {
        project.stage_changed(&staging, &edit.path, &edit.new, edit.expect.clone())?;
    }
    project.commit(staging).map_err(|e| match e {
        Error::Input { path, message } if message.contains("someone else") => Error::Input {
            path,
            message: "changed while `carta add-locale` ran; nothing was created, run it again"
                .into(),
        },
        other => other,
    })?;
    Ok(Report {
        tag,
        created,
        added_to_config: edit.is_some(),
    })
}

/// What `carta.toml` becomes with `tag` registered, or `None` when it stays as it is
/// (no file, no `locales` list, an empty one, or the tag already listed).
fn config_edit(project: &Project, tag: &Tag) -> Result<Option<ConfigEdit>> {
    if project.config.locales.is_empty() {
        return Ok(None);
    }
    let shown = PathBuf::from(FILE_NAME);
    let refuse = |message: String| Error::Input {
        path: shown.clone(),
        message,
    };
    let path = write_target(project, &project.root.join(FILE_NAME))?;
    let file = crate::fs::read_text(&path).map_err(|e| project.relativize(e))?;
    let Some(text) = config::with_locale_added(&file.text, tag)
        .map_err(|m| refuse(format!("{m}; add `{tag}` to `locales` by hand")))?
    else {
        return Ok(None);
    };
    // Replacing the file through a rename would succeed, but a read-only carta.toml is
    // one its owner does not want changed.
    let readonly = std::fs::metadata(&path).is_ok_and(|m| m.permissions().readonly());
    if readonly {
        return Err(refuse(format!(
            "is read-only; make it writable, or add `{tag}` to `locales` by hand and run `carta sync --locale {tag}`"
        )));
    }
    let mut new = Vec::with_capacity(text.len() + 3);
    if file.bom {
        new.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
    }
    new.extend_from_slice(text.as_bytes());
    Ok(Some(ConfigEdit {
        path,
        expect: file.expect(),
        new,
    }))
}

/// The file to write for `path`: itself, or the file it links to when that is inside the
/// project (so the link stays a link). A link leading outside is refused.
fn write_target(project: &Project, path: &Path) -> Result<PathBuf> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(path.to_path_buf());
    }
    let target = path.canonicalize().map_err(|source| Error::Read {
        path: project.show(path),
        source,
    })?;
    let root = project
        .root
        .canonicalize()
        .unwrap_or_else(|_| project.root.clone());
    if !target.starts_with(&root) {
        return Err(Error::Input {
            path: project.show(path),
            message:
                "is a symbolic link to a file outside the project; refusing to write through it"
                    .into(),
        });
    }
    Ok(target)
}
