//! The non-interactive subcommands: `path`, `check`, `report`, `export` and `import`. Each
//! prints its result, says what went wrong on stderr (escaped, one `fasett:` line, in the
//! chosen language), and gives the exit code of the contract: 0 fine, 1 could not run, 2 bad
//! data.

use std::io;
use std::path::Path;
use std::process::ExitCode;

use crate::i18n::Lang;
use crate::import::{self, ImportError};
use crate::store::{self, Store};
use crate::{export, report};

/// Exit code for data that is not valid (a broken or too new file).
const EXIT_BAD_DATA: u8 = 2;

/// `fasett path`: the data file in use.
pub(super) fn path(file: Option<&Path>, lang: Lang) -> ExitCode {
    match store::resolve_path(file) {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e.localized(lang), 1),
    }
}

/// The portfolio for reading commands: a missing file is an empty portfolio (so `export`
/// gives a CSV template with just the headers), a broken one exit 2.
fn load_for_reading(file: Option<&Path>, lang: Lang) -> Result<crate::model::Portfolio, ExitCode> {
    let path = store::resolve_path(file).map_err(|e| fail(&e.localized(lang), 1))?;
    match store::load(&path) {
        Ok(Some(p)) => Ok(p),
        Ok(None) => {
            eprintln!("fasett: {}", lang.tf("cli.empty_portfolio", &[("path", &path.display())]));
            Ok(crate::model::Portfolio::default())
        }
        Err(e) => Err(fail(&e.localized(lang), EXIT_BAD_DATA)),
    }
}

pub(super) fn write_stdout(bytes: &[u8], lang: Lang) -> ExitCode {
    use std::io::{IsTerminal, Write};
    let mut out = io::stdout().lock();
    // Exact bytes into files and pipes (an export must round-trip); on a terminal, control
    // characters from user text are shown, not obeyed.
    let shown;
    let bytes = if out.is_terminal() {
        shown = crate::text::multi_line(&String::from_utf8_lossy(bytes)).into_owned();
        shown.as_bytes()
    } else {
        bytes
    };
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(&lang.tf("cli.stdout_failed", &[("error", &e)]), 1),
    }
}

/// `fasett report`: the summary on standard output.
pub(super) fn report(file: Option<&Path>, format: report::Format, lang: Lang) -> ExitCode {
    let portfolio = match load_for_reading(file, lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    write_stdout(report::render(&portfolio, format, crate::dates::today(), lang).as_bytes(), lang)
}

/// `fasett export`: every initiative to standard output, or to `--output` through the one
/// writer as a shared file.
pub(super) fn export(
    file: Option<&Path>,
    format: export::Format,
    output: Option<&Path>,
    delimiter: u8,
    lang: Lang,
) -> ExitCode {
    let portfolio = match load_for_reading(file, lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let bytes = export::render(&portfolio, format, lang, delimiter, crate::dates::today());
    match output {
        None => write_stdout(&bytes, lang),
        Some(path) => {
            if let Err(e) = store::write_file(path, &bytes, store::Sharing::Shared) {
                return fail(
                    &lang.tf("export.failed", &[("path", &path.display()), ("error", &e.localized(lang))]),
                    1,
                );
            }
            let count = portfolio.initiatives.len();
            eprintln!("{}", lang.tn("export.written", count, &[("path", &path.display())]));
            if format == export::Format::Csv {
                // Benefits and measurements are tables of their own, beside the initiatives.
                for (table, bytes) in export::csv_tables(&portfolio, lang, delimiter) {
                    let beside = table.beside(path);
                    if let Err(e) = store::write_file(&beside, &bytes, store::Sharing::Shared) {
                        return fail(
                            &lang.tf(
                                "export.failed",
                                &[("path", &beside.display()), ("error", &e.localized(lang))],
                            ),
                            1,
                        );
                    }
                    eprintln!("{}", lang.tf("export.written_table", &[("path", &beside.display())]));
                }
            }
            ExitCode::SUCCESS
        }
    }
}

/// `fasett import`: all rows or none, saved through the store.
pub(super) fn import(
    file: Option<&Path>,
    csv: &Path,
    dry_run: bool,
    read_only: bool,
    lang: Lang,
) -> ExitCode {
    if read_only && !dry_run {
        return fail(lang.t("import.read_only"), 1);
    }
    let path = match store::resolve_path(file) {
        Ok(path) => path,
        Err(e) => return fail(&e.localized(lang), 1),
    };
    let opened = match Store::open(&path, dry_run) {
        Ok(opened) => opened,
        Err(e) => return fail(&e.localized(lang), 1),
    };
    let refused = |reason: &store::ReadOnlyReason| {
        lang.tf("store.file_is", &[("path", &path.display()), ("reason", &reason.localized(lang))])
    };
    match opened.store.access() {
        store::Access::ReadOnly(
            reason @ (store::ReadOnlyReason::LoadFailed(_) | store::ReadOnlyReason::NewerSchema(_)),
        ) => {
            return fail(&refused(reason), EXIT_BAD_DATA);
        }
        store::Access::ReadOnly(reason @ store::ReadOnlyReason::LockedBy(_)) if !dry_run => {
            return fail(&refused(reason), 1);
        }
        _ => {}
    }
    let (mut portfolio, mut store) = (opened.portfolio, opened.store);
    let today = crate::dates::today();
    let parsed = match import::read(csv, &portfolio, lang, today) {
        Ok(parsed) => parsed,
        Err(e @ ImportError::Io { .. }) => return fail(&e.to_string(), 1),
        Err(ImportError::Bad { problems, notes }) => {
            for note in &notes {
                eprintln!("fasett: {note}");
            }
            let mut message =
                format!("{}:", lang.tn("import.problems", problems.len(), &[("file", &csv.display())]));
            for p in &problems {
                message.push_str("\n  ");
                message.push_str(&p.localized(lang));
            }
            message.push('\n');
            message.push_str(&lang.tf("import.nothing_imported", &[("path", &path.display())]));
            return fail(&message, EXIT_BAD_DATA);
        }
    };
    for note in &parsed.notes {
        eprintln!("fasett: {note}");
    }
    if !parsed.ignored.is_empty() {
        eprintln!("fasett: {}", lang.tf("import.ignored", &[("columns", &parsed.ignored.join(", "))]));
    }
    let count = parsed.initiatives.len();
    if count == 0 {
        println!("{}", lang.t("import.none"));
        return ExitCode::SUCCESS;
    }
    if dry_run {
        let mut text = lang.tn("import.dry_run", count, &[("path", &path.display())]);
        for i in &parsed.initiatives {
            let facet = lang.t(&format!("facet.{}", i.facet.key()));
            let stage = lang.t(&format!("stage.{}", i.stage.key()));
            text.push_str("\n  + ");
            text.push_str(&crate::text::one_line(&i.title));
            for part in [" (", facet, ", ", stage, ")"] {
                text.push_str(part);
            }
        }
        text.push('\n');
        return write_stdout(text.as_bytes(), lang);
    }
    let change = import::into_change(&mut portfolio, parsed.initiatives);
    change.apply(&mut portfolio);
    if let Err(e) = store.save(&portfolio) {
        return fail(&e.localized(lang), 1);
    }
    let ids: Vec<_> = match &change {
        crate::history::Change::Batch(changes) => {
            changes.iter().filter_map(crate::history::Change::initiative_id).collect()
        }
        _ => Vec::new(),
    };
    let first = ids.first().map(|i| format!("#{i}")).unwrap_or_default();
    let last = ids.last().map(|i| format!("#{i}")).unwrap_or_default();
    println!(
        "{}",
        lang.tn("import.done", count, &[("path", &path.display()), ("first", &first), ("last", &last)])
    );
    ExitCode::SUCCESS
}

/// Says what went wrong on stderr and gives `code`.
pub(super) fn fail(message: &str, code: u8) -> ExitCode {
    eprintln!("fasett: {}", crate::text::multi_line(message));
    ExitCode::from(code)
}

/// `fasett check`: exit 0 if the file is valid, 2 if not or while a merge's conflicts wait
/// to be resolved (each named). A valid file may still come with notes on stderr: the
/// migration its first save will make, and warnings about benefits.
pub(super) fn check(file: Option<&Path>, lang: Lang) -> ExitCode {
    let path = match store::resolve_path(file) {
        Ok(path) => path,
        Err(e) => return fail(&e.localized(lang), 1),
    };
    match store::load_versioned(&path) {
        Ok(Some((p, _))) if !p.conflicts.is_empty() => {
            let shown = crate::text::one_line(&path.display().to_string()).into_owned();
            let mut message = lang.tf("check.conflicts", &[("path", &shown), ("count", &p.conflicts.len())]);
            for line in crate::merge::conflict_lines(&p) {
                message.push_str("\n  ");
                message.push_str(&line);
            }
            fail(&message, EXIT_BAD_DATA)
        }
        Ok(Some((p, migrated_from))) => {
            let shown = path.display().to_string();
            println!(
                "{}",
                lang.tf(
                    "check.valid",
                    &[
                        ("path", &crate::text::one_line(&shown)),
                        ("initiatives", &lang.tn("count.initiatives", p.initiatives.len(), &[])),
                        ("runs", &lang.tn("count.runs", p.assessments.len(), &[])),
                        ("actions", &lang.tn("count.actions", p.actions.len(), &[])),
                    ]
                )
            );
            if let Some(from) = migrated_from {
                let backups = store::backups_dir_for(&path);
                let mut text = lang.tf(
                    "check.migrate",
                    &[
                        ("from", &from),
                        ("to", &crate::model::SCHEMA_VERSION),
                        ("backups", &backups.display()),
                    ],
                );
                for step in store::migration_steps(from) {
                    text.push_str("\n  - ");
                    text.push_str(lang.t(step));
                }
                eprintln!("fasett: {}", crate::text::multi_line(&text));
            }
            for found in crate::benefits::warnings(&p, crate::dates::today()) {
                eprintln!("fasett: {}", crate::text::one_line(&found.text(lang)));
            }
            ExitCode::SUCCESS
        }
        Ok(None) => fail(&lang.tf("check.no_file", &[("path", &path.display())]), 1),
        Err(e) => fail(&e.localized(lang), EXIT_BAD_DATA),
    }
}
