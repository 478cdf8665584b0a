//! The non-interactive subcommands: `path`, `check`, `report` and `export` (`import` has its
//! own file, `cli/import.rs`). Each
//! prints its result, says what went wrong on stderr (escaped, one `fasett:` line), and gives
//! the exit code of the contract: 0 fine, 1 could not run, 2 bad data.

use std::io;
use std::path::Path;
use std::process::ExitCode;

use crate::i18n::Lang;
use crate::store;
use crate::{export, report};

/// Exit code for data that is not valid (a broken or too new file).
pub(super) const EXIT_BAD_DATA: u8 = 2;

/// `fasett path`: the data file in use.
pub(super) fn path(file: Option<&Path>) -> ExitCode {
    match store::resolve_path(file) {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e.to_string(), 1),
    }
}

/// The portfolio for reading commands: a missing file is an empty portfolio (so `export`
/// gives a CSV template with just the headers), a broken one exit 2.
fn load_for_reading(file: Option<&Path>) -> Result<crate::model::Portfolio, ExitCode> {
    let path = store::resolve_path(file).map_err(|e| fail(&e.to_string(), 1))?;
    match store::load(&path) {
        Ok(Some(p)) => Ok(p),
        Ok(None) => {
            eprintln!("fasett: {} does not exist yet; using an empty portfolio.", path.display());
            Ok(crate::model::Portfolio::default())
        }
        Err(e) => Err(fail(&e.to_string(), EXIT_BAD_DATA)),
    }
}

pub(super) fn write_stdout(bytes: &[u8]) -> ExitCode {
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
        Err(e) => fail(&format!("could not write to standard output: {e}"), 1),
    }
}

/// `fasett report`: the summary on standard output.
pub(super) fn report(file: Option<&Path>, format: report::Format, lang: Lang) -> ExitCode {
    let portfolio = match load_for_reading(file) {
        Ok(p) => p,
        Err(code) => return code,
    };
    write_stdout(report::render(&portfolio, format, crate::dates::today(), lang).as_bytes())
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
    let portfolio = match load_for_reading(file) {
        Ok(p) => p,
        Err(code) => return code,
    };
    if portfolio.id.is_empty() && matches!(format, export::Format::Csv | export::Format::Xlsx) {
        eprintln!("fasett: {}", lang.t("export.no_identity"));
    }
    let rendered = match export::render(&portfolio, format, lang, delimiter, crate::dates::today()) {
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
        None => write_stdout(&rendered.bytes),
        Some(path) => match store::write_file(path, &rendered.bytes, store::Sharing::Shared) {
            Ok(_) => {
                let count = portfolio.initiatives.len();
                eprintln!("{}", lang.tn("export.written", count, &[("path", &path.display())]));
                ExitCode::SUCCESS
            }
            Err(e) => fail(&lang.tf("export.failed", &[("path", &path.display()), ("error", &e)]), 1),
        },
    }
}

/// Says what went wrong on stderr and gives `code`.
pub(super) fn fail(message: &str, code: u8) -> ExitCode {
    eprintln!("fasett: {}", crate::text::multi_line(message));
    ExitCode::from(code)
}

/// `fasett check`: exit 0 if the file is valid, 2 if not.
pub(super) fn check(file: Option<&Path>) -> ExitCode {
    let path = match store::resolve_path(file) {
        Ok(path) => path,
        Err(e) => return fail(&e.to_string(), 1),
    };
    match store::load(&path) {
        Ok(Some(p)) if !p.dangling_goal_links().is_empty() => {
            let links: Vec<String> = p
                .dangling_goal_links()
                .iter()
                .map(|(i, g)| {
                    format!("initiative #{i} is linked to goal #{g}, which the organisation does not have")
                })
                .collect();
            let goals: Vec<String> =
                p.organisation.goals.iter().map(|g| format!("#{} {}", g.id, g.title)).collect();
            let goals = if goals.is_empty() { "none".to_owned() } else { goals.join(", ") };
            fail(
                &format!(
                    "{}: {}.\nThe organisation's goals: {goals}. Link the initiatives to one of them, or add the goal.",
                    path.display(),
                    links.join("; ")
                ),
                EXIT_BAD_DATA,
            )
        }
        Ok(Some(p)) => {
            println!(
                "{}: valid — {} initiatives, {} checklist runs, {} actions.",
                crate::text::one_line(&path.display().to_string()),
                p.initiatives.len(),
                p.assessments.len(),
                p.actions.len()
            );
            ExitCode::SUCCESS
        }
        Ok(None) => {
            fail(&format!("{}: there is no file here, so there is nothing to check.", path.display()), 1)
        }
        Err(e) => fail(&e.to_string(), EXIT_BAD_DATA),
    }
}
