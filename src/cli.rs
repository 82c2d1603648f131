//! Command-line flags (clap derive). Only `main.rs` uses this.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "carta",
    version,
    about = "Localize patient-education handouts with Project Fluent",
    long_about = "Localize patient-education handouts with Project Fluent.\n\nPipeline: extract (Markdown -> source FTL) -> sync (locale files) -> check (coverage, quality) -> build (HTML, Markdown, JSON, FTL).\nExit codes: 0 success, 1 the check found what it was told to fail on, 2 carta could not run."
)]
pub struct Cli {
    /// Run on the project in DIR instead of the current folder.
    #[arg(
        short = 'C',
        long = "root",
        global = true,
        value_name = "DIR",
        default_value = "."
    )]
    pub root: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Turn every content/*.md into source Fluent messages (locales/<source>/<doc>.ftl).
    Extract {
        /// Write nothing; exit 1 and list the files when a source file is out of date.
        #[arg(long)]
        check: bool,
    },
    /// Bring every locale's files in line with the source: add templates, flag outdated translations, move obsolete ones.
    Sync {
        /// Only this locale.
        #[arg(long, value_name = "TAG")]
        locale: Option<String>,
        /// Write nothing; exit 1 when a locale file would change.
        #[arg(long)]
        check: bool,
        /// Delete obsolete translations instead of keeping them in the obsolete section.
        #[arg(long)]
        prune: bool,
    },
    /// Create the files of a new locale (a BCP 47 tag such as es, pt-BR, zh-Hans).
    AddLocale {
        /// The locale tag; written in canonical form (es_mx -> es-MX).
        tag: String,
        /// Add it even though carta has no CLDR data for it (no plural rules: plural
        /// checks and language negotiation will not work for it).
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) to stdout.
    Completions { shell: clap_complete::Shell },
    /// Report translation coverage and problems per locale.
    Check {
        /// Only this locale.
        #[arg(long, value_name = "TAG")]
        locale: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit 1 when a locale has less than N percent of its messages translated.
        #[arg(long, value_name = "N", value_parser = percent)]
        min_coverage: Option<f64>,
        /// `--deny warnings`: exit 1 on warnings too.
        #[arg(long, value_enum, value_name = "WHAT")]
        deny: Option<Deny>,
        /// Only the summary table (text format): no diagnostics.
        #[arg(long)]
        summary: bool,
    },
    /// List what awaits a second person's review in a locale, or sign translations off (--by).
    Review {
        /// The locale to review.
        #[arg(long, value_name = "TAG")]
        locale: String,
        /// Who signs off (their name as it should appear in the record); without it, list.
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// The date of the sign-off, YYYY-MM-DD (default: today, UTC).
        #[arg(long, value_name = "DATE", requires = "by")]
        date: Option<String>,
        /// Sign off every current translation of the locale.
        #[arg(long, requires = "by", conflicts_with = "ids")]
        all: bool,
        /// The message IDs to sign off.
        #[arg(value_name = "ID", requires = "by")]
        ids: Vec<String>,
    },
    /// Write one locale's messages for a CAT tool (XLIFF 2.0, XLIFF 1.2, PO) or its translation memory (TMX 1.4b).
    Export {
        /// The locale to export.
        #[arg(long, value_name = "TAG")]
        locale: String,
        #[arg(long, value_enum, default_value_t = ExportFormat::Xliff2)]
        format: ExportFormat,
        /// Only messages with these statuses (comma-separated): missing, outdated, unreviewed.
        #[arg(long, value_enum, value_delimiter = ',', value_name = "WHAT")]
        only: Vec<OnlyArg>,
        /// Write to FILE instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write the translations of a CAT tool's XLIFF or PO file into the locale's files.
    Import {
        /// The XLIFF 2.0, XLIFF 1.2 or PO file.
        file: PathBuf,
        /// The locale the file must be for (default: the file's target language).
        #[arg(long, value_name = "TAG")]
        locale: Option<String>,
    },
    /// Write dist/: per locale an HTML and a Markdown handout, the handout as JSON, messages.json and messages.ftl; plus index.html and manifest.json.
    Build {
        /// Only this locale.
        #[arg(long, value_name = "TAG")]
        locale: Option<String>,
        /// Output folder (default: `out-dir` of carta.toml, `dist`).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Also build the pseudo-locales en-XA (accented, longer) and ar-XB (mirrored, right to left).
        #[arg(long)]
        pseudo: bool,
        /// Exit 1 when any message fell back to a locale of another language.
        #[arg(long)]
        strict: bool,
        /// Also print every handout to `<doc>.pdf` with a headless Chromium (see `[pdf]`).
        #[arg(long)]
        pdf: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Github,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Xliff2,
    Xliff1,
    Po,
    Tmx,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OnlyArg {
    Missing,
    Outdated,
    Unreviewed,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Deny {
    Warnings,
}

/// A percentage for `--min-coverage`: a finite number from 0 to 100 (`NaN` would turn
/// the gate off, `101` could never pass).
fn percent(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && (0.0..=100.0).contains(&n) => Ok(n),
        _ => Err(format!("`{s}` is not a percentage from 0 to 100")),
    }
}
