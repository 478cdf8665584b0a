//! The non-interactive subcommands: `path`, `check`, `report` and `export` (`import` has its
//! own file, `cli/import.rs`). Each prints its result, says what went wrong on stderr
//! (escaped, one `fasett:` line, in the chosen language), and gives the exit code of the
//! contract: 0 fine, 1 could not run, 2 bad data.

use std::io;
use std::path::Path;
use std::process::ExitCode;

use crate::i18n::Lang;
use crate::import::{self, ImportError};
use crate::store::{self, Store};
use crate::{export, report};

/// Exit code for data that is not valid (a broken or too new file).
pub(super) const EXIT_BAD_DATA: u8 = 2;

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
/// gives a CSV template with just the headers), a broken one exit 2. It is kept until the
/// process ends: the system takes the memory back at once then, where freeing 10,000
/// initiatives allocation by allocation costs about a tenth of a report's time.
fn load_for_reading(file: Option<&Path>, lang: Lang) -> Result<&'static crate::model::Portfolio, ExitCode> {
    let path = store::resolve_path(file).map_err(|e| fail(&e.localized(lang), 1))?;
    let portfolio = match store::load(&path) {
        Ok(Some(p)) => p,
        Ok(None) => {
            eprintln!("fasett: {}", lang.tf("cli.empty_portfolio", &[("path", &path.display())]));
            crate::model::Portfolio::default()
        }
        Err(e) => return Err(fail(&e.localized(lang), EXIT_BAD_DATA)),
    };
    Ok(Box::leak(Box::new(portfolio)))
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

/// `fasett report`: the summary on standard output, or to `--output` through the one writer
/// as a shared file.
pub(super) fn report(
    file: Option<&Path>,
    format: report::Format,
    output: Option<&Path>,
    options: report::Options,
    lang: Lang,
) -> ExitCode {
    let portfolio = match load_for_reading(file, lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let text = report::render(portfolio, format, crate::dates::today(), lang, options);
    match output {
        None => write_stdout(text.as_bytes(), lang),
        Some(path) => match store::write_file(path, text.as_bytes(), store::Sharing::Shared) {
            Ok(_) => {
                eprintln!("{}", lang.tf("report.written", &[("path", &path.display())]));
                ExitCode::SUCCESS
            }
            Err(e) => fail(
                &lang.tf("export.failed", &[("path", &path.display()), ("error", &e.localized(lang))]),
                1,
            ),
        },
    }
}

/// `fasett export`: every initiative to standard output, or to `--output` through the one
/// writer as a shared file.
pub(super) fn export(
    file: Option<&Path>,
    format: export::Format,
    output: Option<&Path>,
    delimiter: u8,
    with_proposers: bool,
    lang: Lang,
) -> ExitCode {
    let loaded = match load_for_reading(file, lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let portfolio = if with_proposers {
        std::borrow::Cow::Borrowed(loaded)
    } else {
        crate::ideas::without_proposers(loaded)
    };
    let portfolio = portfolio.as_ref();
    if portfolio.id.is_empty() && matches!(format, export::Format::Csv | export::Format::Xlsx) {
        eprintln!("fasett: {}", lang.t("export.no_identity"));
    }
    let rendered = match export::render(portfolio, format, lang, delimiter, crate::dates::today()) {
        Ok(rendered) => rendered,
        Err(e) => return fail(&e, 1),
    };
    for note in &rendered.notes {
        eprintln!("fasett: {}", crate::text::one_line(note));
    }
    match output {
        None if format == export::Format::Xlsx && std::io::IsTerminal::is_terminal(&io::stdout()) => {
            fail(lang.t("export.xlsx_terminal"), 1)
        }
        None => write_stdout(&rendered.bytes, lang),
        Some(path) => {
            if let Err(e) = store::write_file(path, &rendered.bytes, store::Sharing::Shared) {
                return fail(
                    &lang.tf("export.failed", &[("path", &path.display()), ("error", &e.localized(lang))]),
                    1,
                );
            }
            let what = export::contents(portfolio, lang);
            eprintln!("{}", lang.tf("export.written", &[("what", &what), ("path", &path.display())]));
            if format == export::Format::Csv {
                // Benefits and measurements are tables of their own, beside the initiatives.
                for (table, bytes) in export::csv_tables(portfolio, lang, delimiter) {
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

/// The data file opened for an import: refused when it cannot be written (unless only a
/// dry run is asked for), as the contract says.
fn open_for_import(
    file: Option<&Path>,
    dry_run: bool,
    read_only: bool,
    lang: Lang,
) -> Result<(crate::model::Portfolio, Store, std::path::PathBuf), ExitCode> {
    if read_only && !dry_run {
        return Err(fail(lang.t("import.read_only"), 1));
    }
    let path = store::resolve_path(file).map_err(|e| fail(&e.localized(lang), 1))?;
    let opened = Store::open(&path, dry_run).map_err(|e| fail(&e.localized(lang), 1))?;
    refuse_unwritable(opened.store.access(), &path, dry_run, lang)?;
    Ok((opened.portfolio, opened.store, path))
}

/// Refuses a file to import into that could not be read (bad data) or that another session
/// holds (unless only a dry run is asked for), saying why.
pub(super) fn refuse_unwritable(
    access: &store::Access,
    path: &Path,
    dry_run: bool,
    lang: Lang,
) -> Result<(), ExitCode> {
    let file_is = |reason: &store::ReadOnlyReason| {
        lang.tf("store.file_is", &[("path", &path.display()), ("reason", &reason.localized(lang))])
    };
    match access {
        store::Access::ReadOnly(
            reason @ (store::ReadOnlyReason::LoadFailed(_) | store::ReadOnlyReason::NewerSchema(_)),
        ) => Err(fail(&file_is(reason), EXIT_BAD_DATA)),
        store::Access::ReadOnly(reason @ store::ReadOnlyReason::LockedBy(_)) if !dry_run => {
            Err(fail(&file_is(reason), 1))
        }
        _ => Ok(()),
    }
}

/// A file that could not be imported: its notes, every problem, and that nothing changed.
fn refused(problems: &[import::Problem], notes: &[String], csv: &Path, path: &Path, lang: Lang) -> ExitCode {
    for note in notes {
        eprintln!("fasett: {note}");
    }
    let mut message = format!("{}:", lang.tn("import.problems", problems.len(), &[("file", &csv.display())]));
    for p in problems {
        message.push_str("\n  ");
        message.push_str(&p.localized(lang));
    }
    message.push('\n');
    message.push_str(&lang.tf("import.nothing_imported", &[("path", &path.display())]));
    fail(&message, EXIT_BAD_DATA)
}

/// What `fasett import --checklist` was asked.
pub(super) struct SurveyArgs<'a> {
    pub template: &'a str,
    pub scope: Option<&'a str>,
    pub date: Option<&'a str>,
    pub keep_names: bool,
}

/// `fasett import FILE --checklist ID`: one checklist run from a survey export, or nothing.
pub(super) fn import_survey(
    file: Option<&Path>,
    csv: &Path,
    args: &SurveyArgs<'_>,
    dry_run: bool,
    read_only: bool,
    lang: Lang,
) -> ExitCode {
    let (mut portfolio, mut store, path) = match open_for_import(file, dry_run, read_only, lang) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let catalog = crate::templates::user_dir().map_or_else(crate::templates::Catalog::bundled, |dir| {
        crate::templates::Catalog::with_user_dir(&dir)
    });
    let template = match import::survey::find_template(&catalog, &portfolio, args.template) {
        Ok(t) => t,
        Err(known) => {
            let message =
                lang.tf("survey.unknown_template", &[("id", &args.template), ("ids", &known.join(", "))]);
            return fail(&message, EXIT_BAD_DATA);
        }
    };
    let today = crate::dates::today();
    let date = match args.date.map(|text| (text, crate::dates::parse(text, today))) {
        None => today,
        Some((_, Ok(Some(date)))) => date,
        Some((text, _)) => return fail(&lang.tf("survey.bad_date", &[("value", &text)]), EXIT_BAD_DATA),
    };
    let options = import::survey::Options {
        scope: args.scope.map_or_else(|| import::survey::default_scope(&portfolio, lang), str::to_owned),
        date,
        keep_names: args.keep_names,
    };
    let survey = match import::read_survey(csv, &template, &options, lang) {
        Ok(survey) => survey,
        Err(e @ ImportError::Io { .. }) => return fail(&e.to_string(), 1),
        Err(ImportError::Bad { problems, notes }) => return refused(&problems, &notes, csv, &path, lang),
    };
    for remark in survey.remarks(lang, "--keep-names") {
        eprintln!("fasett: {}", crate::text::one_line(&remark));
    }
    let what: [(&str, &dyn std::fmt::Display); 5] = [
        ("template", &template.name.get(lang.code())),
        ("scope", &options.scope),
        ("date", &date),
        ("count", &survey.respondents()),
        ("path", &path.display()),
    ];
    if dry_run {
        let mut text = lang.tf("survey.dry_run", &what);
        for line in import::survey::matching(&survey, &template, lang) {
            text.push_str("\n  ");
            text.push_str(&line);
        }
        text.push('\n');
        return write_stdout(text.as_bytes(), lang);
    }
    let (change, id) = import::survey::into_change(&mut portfolio, &survey, &template);
    change.apply(&mut portfolio);
    if let Err(e) = store.save(&portfolio) {
        return fail(&e.localized(lang), 1);
    }
    let mut done = what.to_vec();
    done.push(("id", &id));
    println!("{}", lang.tf("survey.done", &done));
    ExitCode::SUCCESS
}

/// Says what went wrong on stderr and gives `code`.
pub(super) fn fail(message: &str, code: u8) -> ExitCode {
    eprintln!("fasett: {}", crate::text::multi_line(message));
    ExitCode::from(code)
}

/// `fasett check`: exit 0 if the file is valid, 2 if not or while a merge's conflicts wait
/// to be resolved (each named). A file of an older schema version is valid too; what its
/// first save will change is said on stderr, with warnings about benefits.
pub(super) fn check(file: Option<&Path>, lang: Lang) -> ExitCode {
    let path = match store::resolve_path(file) {
        Ok(path) => path,
        Err(e) => return fail(&e.localized(lang), 1),
    };
    match store::load_versioned(&path) {
        Ok(Some((p, _))) if !p.conflicts.is_empty() => {
            let shown = crate::text::one_line(&path.display().to_string()).into_owned();
            let mut message = lang.tf("check.conflicts", &[("path", &shown), ("count", &p.conflicts.len())]);
            for line in crate::merge::conflict_lines(&p, lang) {
                message.push_str("\n  ");
                message.push_str(&line);
            }
            fail(&message, EXIT_BAD_DATA)
        }
        Ok(Some((p, _))) if !p.dangling_goal_links().is_empty() => {
            let dangling = p.dangling_goal_links();
            let links: Vec<String> = dangling.iter().map(|(i, g)| format!("#{i} → #{g}")).collect();
            let goals: Vec<String> =
                p.organisation.goals.iter().map(|g| format!("#{} {}", g.id, g.title)).collect();
            let goals =
                if goals.is_empty() { lang.t("import.no_goals").to_owned() } else { goals.join(", ") };
            let shown = crate::text::one_line(&path.display().to_string()).into_owned();
            let links = links.join(", ");
            let message = lang.tn(
                "check.dangling_goals",
                dangling.len(),
                &[("path", &shown), ("links", &links), ("goals", &crate::text::one_line(&goals))],
            );
            fail(&message, EXIT_BAD_DATA)
        }
        Ok(Some((p, migrated_from))) => {
            println!(
                "{}",
                lang.tf(
                    "check.valid",
                    &[
                        ("path", &crate::text::one_line(&path.display().to_string())),
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
