//! `carta add-locale TAG`: a new locale folder with a template file per source file.

use std::path::PathBuf;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::locale::Tag;
use crate::project::Project;

pub struct Report {
    pub tag: Tag,
    pub created: Vec<PathBuf>,
    pub added_to_config: bool,
}

pub fn run(project: &Project, input: &str) -> Result<Report> {
    let tag = Tag::parse(input).map_err(Error::Usage)?;
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
    let reports =
        super::sync::sync_locales(project, std::slice::from_ref(&tag), false, false, false)?;
    let mut created: Vec<PathBuf> = reports
        .into_iter()
        .flat_map(|r| r.changed)
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
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
        project.write(&glossary, &text, false)?;
        created.push(project.show(&glossary));
    }
    let listed = !project.config.locales.is_empty();
    if listed {
        Config::add_locale_to_file(&project.root, tag.as_str())?;
    }
    Ok(Report {
        tag,
        created,
        added_to_config: listed,
    })
}
