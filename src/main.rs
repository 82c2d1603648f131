//! The `carta` binary: parse flags, run one command, print, exit 0 / 1 / 2.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use carta::commands;
use carta::error::{Error, Result};
use carta::locale::Tag;
use carta::project::Project;
use carta::report::printable;
use cli::{Cli, Command, Format};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("carta: error: {}", printable(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

/// A path as printed: control characters escaped (see [`printable`]).
fn shown(path: &std::path::Path) -> String {
    printable(&path.display().to_string()).into_owned()
}

fn tag(input: Option<String>) -> Result<Option<Tag>> {
    input
        .map(|t| Tag::parse(&t).map_err(Error::Usage))
        .transpose()
}

fn run(cli: Cli) -> Result<u8> {
    if let Command::Completions { shell } = cli.command {
        use clap::CommandFactory;
        let mut cmd = Cli::command();
        // Into memory first: clap_complete panics when it cannot write (a closed pipe,
        // a full disk).
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut cmd, "carta", &mut script);
        let mut out = Checked::new(std::io::stdout());
        let _ = out.write_all(&script);
        out.finish()?;
        return Ok(0);
    }
    let project = Project::open(&cli.root)?;
    if !matches!(
        cli.command,
        Command::Extract { .. } | Command::AddLocale { .. }
    ) {
        // Folders under locales/ that are not canonical tags are skipped: say so.
        if let Ok((_, notes)) = project.target_locales() {
            for note in notes {
                eprintln!("carta: note: {}", printable(&note));
            }
        }
    }
    // What commands print goes through `Checked`: a write that fails (a full disk, a
    // closed file) makes the run fail with exit 2 once the command is done, instead of
    // passing unseen; a closed pipe (`carta export | head`) just ends the output.
    let mut out = Checked::new(anstream::stdout());
    let code = (|| match cli.command {
        Command::Extract { check } => {
            let report = commands::extract::run(&project, check)?;
            for path in report.changed.iter().chain(&report.removed) {
                let verb = match (check, report.removed.contains(path)) {
                    (true, _) => "out of date",
                    (false, true) => "removed",
                    (false, false) => "wrote",
                };
                let _ = writeln!(out, "{verb}: {}", shown(path));
            }
            let stale = !report.changed.is_empty() || !report.removed.is_empty();
            let _ = writeln!(
                out,
                "{} document(s), {} message(s){}",
                report.documents,
                report.messages,
                if stale && check {
                    "; run `carta extract` to update"
                } else if stale {
                    ""
                } else {
                    "; up to date"
                }
            );
            Ok(u8::from(check && stale))
        }
        Command::Sync {
            locale,
            check,
            prune,
        } => {
            let opts = commands::sync::Options {
                locale: tag(locale)?,
                check,
                prune,
            };
            let reports = commands::sync::run(&project, &opts)?;
            let mut changed = false;
            let mut skipped = 0;
            for r in &reports {
                if let Some(why) = &r.skipped {
                    skipped += 1;
                    eprintln!(
                        "carta: error: {}: not synced (nothing of it written): {why}",
                        r.tag
                    );
                    continue;
                }
                let s = &r.stats;
                let _ = writeln!(
                    out,
                    "{:<8} added {}, outdated {}, obsoleted {}, unchanged {}{}{}{}{}{}{}",
                    r.tag,
                    s.added,
                    s.outdated,
                    s.obsoleted,
                    s.unchanged,
                    if s.still_outdated > 0 {
                        format!("; {} still outdated", s.still_outdated)
                    } else {
                        String::new()
                    },
                    if s.pruned > 0 {
                        format!(", pruned {}", s.pruned)
                    } else {
                        String::new()
                    },
                    if s.untranslated > 0 {
                        format!("; {} still untranslated", s.untranslated)
                    } else {
                        String::new()
                    },
                    match (s.from_memory, s.suggested) {
                        (0, 0) => String::new(),
                        (n, 0) => format!("; {n} pre-filled from the translation memory, to review"),
                        (0, m) => format!("; {m} template(s) with a suggestion from the translation memory"),
                        (n, m) => format!("; {n} pre-filled from the translation memory, to review; {m} template(s) with a suggestion from it"),
                    },
                    if s.junk > 0 {
                        format!(
                            "; {} unparseable entr{} kept as is (see `carta check`)",
                            s.junk,
                            if s.junk == 1 { "y" } else { "ies" }
                        )
                    } else {
                        String::new()
                    },
                    if s.edited_templates > 0 {
                        format!(
                            "; {} template(s) edited by hand kept as they are (a translation in one? remove `# TODO `)",
                            s.edited_templates
                        )
                    } else {
                        String::new()
                    },
                );
                for f in &r.obsolete_files {
                    let _ = writeln!(
                        out,
                        "         obsolete file (not in the source): {}",
                        shown(f)
                    );
                }
                for f in &r.changed {
                    changed = true;
                    if check {
                        let _ = writeln!(out, "         would change: {}", shown(f));
                    }
                }
            }
            if reports.is_empty() {
                let _ = writeln!(
                    out,
                    "no target locales; create one with `carta add-locale TAG`"
                );
            }
            if skipped > 0 {
                eprintln!("carta: {skipped} locale(s) could not be synced; the others were");
                return Ok(2);
            }
            Ok(u8::from(check && changed))
        }
        Command::Completions { .. } => Ok(0),
        Command::AddLocale { tag, force } => {
            let report = commands::add_locale::run(&project, &tag, force)?;
            for f in &report.created {
                let _ = writeln!(out, "created: {}", shown(f));
            }
            if report.added_to_config {
                let _ = writeln!(out, "added `{}` to carta.toml", report.tag);
            }
            let _ = writeln!(
                out,
                "next: translate the `# TODO` entries, then run `carta check --locale {}`",
                report.tag
            );
            Ok(0)
        }
        Command::Review {
            locale,
            by,
            date,
            all,
            ids,
        } => {
            let Some(locale) = tag(Some(locale))? else {
                return Ok(2);
            };
            if by.is_some() && !all && ids.is_empty() {
                return Err(Error::Usage(
                    "`--by` needs the message IDs to sign off, or `--all`".into(),
                ));
            }
            let opts = commands::review::Options {
                locale,
                by: by.clone(),
                date,
                ids,
                all,
            };
            let report = commands::review::run(&project, &opts)?;
            let count =
                |s: carta::review::Status| report.entries.iter().filter(|e| e.status == s).count();
            use carta::review::Status;
            if by.is_none() {
                for e in report
                    .entries
                    .iter()
                    .filter(|e| e.status == Status::Translated)
                {
                    let _ = writeln!(
                        out,
                        "awaiting review: {} ({}:{})",
                        e.id,
                        e.file.display(),
                        e.line
                    );
                }
            }
            for id in &report.recorded {
                let _ = writeln!(out, "reviewed: {id}");
            }
            for (id, why) in &report.refused {
                let _ = writeln!(out, "refused: {id}: {why}");
            }
            let _ = writeln!(
                out,
                "{}: {} reviewed, {} awaiting review, {} outdated, {} not translated",
                report.tag,
                count(Status::Reviewed),
                count(Status::Translated),
                count(Status::Outdated),
                count(Status::Missing) + count(Status::Template)
            );
            Ok(u8::from(!report.refused.is_empty()))
        }
        Command::Export {
            locale,
            format,
            only,
            output,
        } => {
            use carta::commands::export::{Format as F, Only};
            let Some(locale) = tag(Some(locale))? else {
                return Ok(2);
            };
            let opts = commands::export::Options {
                locale,
                format: match format {
                    cli::ExportFormat::Xliff2 => F::Xliff2,
                    cli::ExportFormat::Xliff1 => F::Xliff1,
                    cli::ExportFormat::Po => F::Po,
                    cli::ExportFormat::Tmx => F::Tmx,
                },
                only: only
                    .iter()
                    .map(|o| match o {
                        cli::OnlyArg::Missing => Only::Missing,
                        cli::OnlyArg::Outdated => Only::Outdated,
                        cli::OnlyArg::Unreviewed => Only::Unreviewed,
                    })
                    .collect(),
            };
            if let Some(path) = &output {
                commands::export::check_output(&project, path)?;
            }
            let report = commands::export::run(&project, &opts)?;
            if report.units == 0 {
                eprintln!("carta: note: nothing to export (no message matches); no file written");
                return Ok(0);
            }
            match output {
                Some(path) => {
                    carta::fs::write_atomic(&path, report.text.as_bytes())?;
                    eprintln!(
                        "wrote: {} ({} unit(s) from {} file(s))",
                        shown(&path),
                        report.units,
                        report.files
                    );
                }
                None => {
                    let _ = out.write_all(report.text.as_bytes());
                }
            }
            Ok(0)
        }
        Command::Import { file, locale } => {
            let opts = commands::import::Options {
                file,
                locale: tag(locale)?,
            };
            let report = commands::import::run(&project, &opts)?;
            for id in &report.imported {
                let _ = writeln!(out, "imported: {}", printable(id));
            }
            for id in &report.confirmed {
                let _ = writeln!(out, "confirmed (no longer outdated): {}", printable(id));
            }
            for (id, line, why) in &report.refused {
                let _ = writeln!(
                    out,
                    "refused: {}:{line}: {}: {}",
                    shown(&opts.file),
                    printable(id),
                    printable(why)
                );
            }
            for f in &report.written {
                let _ = writeln!(out, "wrote: {}", shown(f));
            }
            if let Some(m) = &report.memory {
                let _ = writeln!(
                    out,
                    "{}: translation memory: {} unit(s) added, {} already there, {} refused; `carta sync --locale {}` offers them",
                    report.tag,
                    m.added,
                    m.known,
                    report.refused.len(),
                    report.tag
                );
                return Ok(u8::from(!report.refused.is_empty()));
            }
            let _ = writeln!(
                out,
                "{}: {} imported, {} confirmed, {} unchanged, {} skipped (no target or a draft), {} refused",
                report.tag,
                report.imported.len(),
                report.confirmed.len(),
                report.unchanged,
                report.skipped,
                report.refused.len()
            );
            Ok(u8::from(!report.refused.is_empty()))
        }
        Command::Build {
            locale,
            out: dir,
            pseudo,
            strict,
            pdf,
        } => {
            let opts = commands::build::Options {
                locale: tag(locale)?,
                out: dir,
                pseudo,
                strict,
                pdf,
            };
            let report = commands::build::run(&project, &opts)?;
            let policy = &project.config.publish;
            let review_required = policy.unreviewed != carta::config::UnreviewedPolicy::Allow;
            let policy_failed = report.locales.iter().any(|l| !l.failed.is_empty());
            if report.blocked && !policy_failed {
                // --strict failed: say why below, with the same lines as a build that
                // wrote; nothing was written.
                eprintln!("carta: --strict: nothing was written");
            }
            if report.blocked && policy_failed {
                for l in &report.locales {
                    for (id, why, from) in &l.failed {
                        eprintln!(
                            "carta: {}: `{id}` is {} in {from} and [publish] {} = \"fail\"",
                            l.tag,
                            why.as_str(),
                            why.as_str()
                        );
                    }
                }
                eprintln!("carta: build failed by the publishing policy of carta.toml; nothing was written");
                return Ok(1);
            }
            // Whatever was published marked or withheld: one line per locale, so nobody
            // ships it unaware.
            let mut unsafe_count = 0;
            for l in &report.locales {
                let count = |list: &[(String, carta::bundle::Flag, Tag)], f| {
                    list.iter().filter(|(_, why, _)| *why == f).count()
                };
                let (mo, mu) = (
                    count(&l.marked, carta::bundle::Flag::Outdated),
                    count(&l.marked, carta::bundle::Flag::Unreviewed),
                );
                let (wo, wu) = (
                    count(&l.withheld, carta::bundle::Flag::Outdated),
                    count(&l.withheld, carta::bundle::Flag::Unreviewed),
                );
                let said: Vec<String> = [
                    (mo, "outdated passage(s) published marked on the page"),
                    (mu, "unreviewed passage(s) published marked on the page"),
                    (wo, "outdated passage(s) replaced by the fallback text"),
                    (wu, "unreviewed passage(s) replaced by the fallback text"),
                ]
                .iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| format!("{n} {what}"))
                .collect();
                if !said.is_empty() {
                    eprintln!(
                        "carta: {}: {} (listed in {}/manifest.json)",
                        l.tag,
                        said.join(", "),
                        report.out_dir.display()
                    );
                }
                if !l.unformattable.is_empty() {
                    let sample: Vec<String> = l
                        .unformattable
                        .iter()
                        .take(3)
                        .map(|k| format!("`{}`", printable(k)))
                        .collect();
                    eprintln!(
                        "carta: {}: {} message part(s) no locale formats, left out of every bundle ({}{}; run `carta check`)",
                        l.tag,
                        l.unformattable.len(),
                        sample.join(", "),
                        if l.unformattable.len() > 3 { ", …" } else { "" }
                    );
                }
                if l.icu_issues > 0 {
                    eprintln!(
                        "carta: {}: {} message part(s) messages.icu.json cannot say exactly as Fluent does (listed in {}/manifest.json, `icu_issues`)",
                        l.tag,
                        l.icu_issues,
                        report.out_dir.display()
                    );
                }
                unsafe_count += mo + wo;
                if review_required {
                    unsafe_count += mu + wu;
                }
            }
            if std::env::var_os("CARTA_TIMINGS").is_some() {
                let app: f64 = report
                    .locales
                    .iter()
                    .map(|l| l.app_bundles.as_secs_f64())
                    .sum();
                let all: f64 = report
                    .locales
                    .iter()
                    .map(|l| l.total_time.as_secs_f64())
                    .sum();
                eprintln!(
                    "carta: timings: locales {all:.2} s (summed over threads), of which app bundles {app:.2} s ({:.1}%)",
                    if all > 0.0 { app * 100.0 / all } else { 0.0 }
                );
            }
            let mut foreign = 0;
            for l in &report.locales {
                foreign += l.foreign;
                let _ = writeln!(
                    out,
                    "{:<8} {} messages, {} from a fallback locale{}",
                    l.tag,
                    l.messages,
                    l.fell_back.len(),
                    if l.foreign > 0 {
                        format!(" ({} in another language)", l.foreign)
                    } else {
                        String::new()
                    }
                );
                if strict {
                    for (id, from) in &l.fell_back {
                        let _ = writeln!(out, "         {id} <- {from}");
                    }
                }
            }
            let _ = writeln!(
                out,
                "wrote {} file(s) to {} ({} unchanged{})",
                report.files_written,
                shown(&report.out_dir),
                report.files_unchanged,
                if report.files_removed > 0 {
                    format!(", {} no longer built removed", report.files_removed)
                } else {
                    String::new()
                }
            );
            if !report.skipped.is_empty() {
                for (tag, why) in &report.skipped {
                    eprintln!(
                        "carta: error: {tag}: not built (its previous output is kept): {why}"
                    );
                }
                eprintln!(
                    "carta: {} locale(s) could not be built; the others were",
                    report.skipped.len()
                );
                return Ok(2);
            }
            if strict && foreign > 0 {
                eprintln!("carta: --strict: {foreign} message(s) fell back to another language");
                return Ok(1);
            }
            if strict && unsafe_count > 0 {
                eprintln!(
                    "carta: --strict: {unsafe_count} outdated{} message(s) in the build",
                    if review_required {
                        " or unreviewed"
                    } else {
                        ""
                    }
                );
                return Ok(1);
            }
            Ok(0)
        }
        Command::Check {
            locale,
            format,
            min_coverage,
            deny,
            summary,
        } => {
            let format = match format {
                Format::Text => carta::report::Format::Text,
                Format::Json => carta::report::Format::Json,
                Format::Github => carta::report::Format::Github,
                Format::Sarif => carta::report::Format::Sarif,
            };
            // The report is written as each locale is checked (a hundred locales' worth
            // of diagnostics never sits in memory), through a buffer: anstream strips
            // colour per write. The machine formats have no colour to strip.
            let sink: Box<dyn Write> = match format {
                carta::report::Format::Text => Box::new(anstream::stdout().lock()),
                _ => Box::new(std::io::stdout().lock()),
            };
            let mut out = std::io::BufWriter::with_capacity(1 << 16, sink);
            let mut stream = carta::report::Stream::new(format, project.source.as_str());
            // A closed pipe (`carta check | head`) just ends the output; the exit code
            // still tells the result.
            let write = |out: &mut std::io::BufWriter<_>, text: &str| -> Result<()> {
                match out.write_all(text.as_bytes()) {
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                        Err(Error::Usage(format!("cannot write the report: {e}")))
                    }
                    _ => Ok(()),
                }
            };
            write(&mut out, &stream.begin())?;
            let (_, locales) = commands::check::run_streaming(
                &project,
                &commands::check::Options {
                    locale: tag(locale)?,
                },
                |_, diags| {
                    // `--summary`: the table only (the counts still include everything).
                    if summary {
                        carta::report::fragment(format, &[])
                    } else {
                        carta::report::fragment(format, &diags)
                    }
                },
                |piece| {
                    let piece = stream.next(&piece);
                    write(&mut out, &piece)
                },
            )?;
            write(&mut out, &stream.end(&locales))?;
            match out.flush() {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    return Err(Error::Usage(format!("cannot write the report: {e}")))
                }
                _ => {}
            }
            let errors = locales.iter().any(|c| c.errors > 0);
            let warnings = locales.iter().any(|c| c.warnings > 0);
            let mut fail = errors || (deny.is_some() && warnings);
            if let Some(min) = min_coverage {
                for c in &locales {
                    if c.percent() + 1e-9 < min {
                        fail = true;
                        eprintln!(
                            "carta: {} is {:.1}% translated, below --min-coverage {min}",
                            c.locale,
                            c.percent()
                        );
                    }
                }
            }
            Ok(u8::from(fail))
        }
    })();
    out.finish()?;
    code
}

/// A writer that remembers its first failure instead of returning it, so the many
/// `writeln!`s of a command need no error handling of their own; [`Checked::finish`]
/// reports it. A closed pipe is not a failure: the reader wanted no more.
struct Checked<W: Write> {
    inner: W,
    error: Option<std::io::Error>,
    closed: bool,
}

impl<W: Write> Checked<W> {
    fn new(inner: W) -> Self {
        Checked {
            inner,
            error: None,
            closed: false,
        }
    }

    fn note(&mut self, e: std::io::Error) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            self.closed = true;
        } else if self.error.is_none() {
            self.error = Some(e);
        }
    }

    /// Flushes, and returns the first write error, if any.
    fn finish(&mut self) -> Result<()> {
        if self.error.is_none() && !self.closed {
            if let Err(e) = self.inner.flush() {
                self.note(e);
            }
        }
        match self.error.take() {
            Some(e) => Err(Error::Usage(format!(
                "cannot write to standard output: {e}"
            ))),
            None => Ok(()),
        }
    }
}

impl<W: Write> Write for Checked<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.error.is_none() && !self.closed {
            if let Err(e) = self.inner.write_all(buf) {
                self.note(e);
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.error.is_none() && !self.closed {
            if let Err(e) = self.inner.flush() {
                self.note(e);
            }
        }
        Ok(())
    }
}

/// mimalloc instead of the system allocator: check, sync and build allocate millions of
/// small AST nodes per large file from two threads; glibc's per-thread arenas kept the
/// freed ones as fragmentation (RSS ~25% above the live heap at a million messages).
/// (`RUSTFLAGS="--cfg carta_system_alloc"` builds with the system allocator, for heaptrack.)
#[cfg(not(carta_system_alloc))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
