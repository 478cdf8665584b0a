//! The command line (design.md "Command line", a contract) and the terminal loop.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use color_eyre::eyre::{Result, WrapErr};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event;

use crate::app::{App, Options};
use crate::demo;
use crate::export;
use crate::i18n::Lang;
use crate::import::{self, ImportError};
use crate::report;
use crate::signals::{self, Signals, Tty, Wait};
use crate::store::{self, Store};
use crate::ui;

pub use crate::demo::SAMPLE;

/// Exit code for data that is not valid (a broken or too new file).
const EXIT_BAD_DATA: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "fasett",
    version,
    about = "Keep a municipality's innovation portfolio in view: initiatives on the four-facet grid, \
             culture checklists and their action plans.",
    after_help = "The data file is --file PATH, else $FASETT_FILE, else portfolio.json in the user data \
                  directory (see `fasett path`). Every edit is saved at once.\n\
                  Exit codes: 0 fine, 1 could not run (no terminal, unusable path), 2 the data file or the \
                  imported CSV is not valid."
)]
pub struct Cli {
    /// The portfolio file to use.
    #[arg(long, global = true, value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// Interface language [default: `FASETT_LANG`, `LC_ALL`, `LANG`, else en].
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Open without writing anything.
    #[arg(long, global = true)]
    pub read_only: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a scratch copy of the bundled sample portfolio (your own file is not touched).
    Demo,
    /// Print the data file in use.
    Path,
    /// Check that the data file is valid: exit 0 if it is, 2 if not (the reason on stderr).
    Check,
    /// Print a summary for a memo: balance, stages, gaps, follow-ups, checklists, actions.
    Report {
        /// Markdown (readable as plain text) or JSON (shape in docs/report-json.md).
        #[arg(long, value_enum, default_value = "markdown")]
        format: report::Format,
    },
    /// Export every initiative: CSV for spreadsheets, the portfolio JSON, or Markdown.
    Export {
        #[arg(long, value_enum, default_value = "csv")]
        format: export::Format,
        /// Write to this file (atomically) instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// CSV field separator: ';' for Excel in Nordic locales, ',' elsewhere, or 'tab'.
        #[arg(long, default_value = ";", value_parser = export::parse_delimiter)]
        delimiter: u8,
    },
    /// Add initiatives from a spreadsheet export (CSV); all rows or none.
    Import {
        /// The CSV file (`;`, `,` or tab; UTF-8 or Windows-1252; English or Nordic headers).
        #[arg(value_name = "FILE.csv")]
        csv: PathBuf,
        /// Check the file and show what would be imported, without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
}

pub fn parse() -> Cli {
    Cli::parse()
}

/// Runs what the command line asked for.
pub fn run(cli: &Cli) -> Result<ExitCode> {
    let remembered = crate::config::path().and_then(|p| crate::config::Config::load(&p).lang());
    let lang = Lang::resolve(cli.lang, remembered, |var| std::env::var(var).ok());
    match cli.command {
        None => {
            let path = match store::resolve_path(cli.file.as_deref()) {
                Ok(path) => path,
                Err(e) => return Ok(fail(&e.to_string(), 1)),
            };
            open_interface(&path, lang, cli.read_only)
        }
        Some(Command::Demo) => {
            let path = match demo::path() {
                Ok(path) => path,
                Err(e) => return Ok(fail(&e.to_string(), 1)),
            };
            demo::prepare(&path, cli.read_only)?;
            open_interface(&path, lang, cli.read_only)
        }
        Some(Command::Path) => match store::resolve_path(cli.file.as_deref()) {
            Ok(path) => {
                println!("{}", path.display());
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => Ok(fail(&e.to_string(), 1)),
        },
        Some(Command::Check) => Ok(check(cli.file.as_deref())),
        Some(Command::Report { format }) => Ok(report_command(cli.file.as_deref(), format, lang)),
        Some(Command::Export { format, ref output, delimiter }) => {
            Ok(export_command(cli.file.as_deref(), format, output.as_deref(), delimiter, lang))
        }
        Some(Command::Import { ref csv, dry_run }) => {
            Ok(import_command(cli.file.as_deref(), csv, dry_run, cli.read_only, lang))
        }
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

fn write_stdout(bytes: &[u8]) -> ExitCode {
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

fn report_command(file: Option<&Path>, format: report::Format, lang: Lang) -> ExitCode {
    let portfolio = match load_for_reading(file) {
        Ok(p) => p,
        Err(code) => return code,
    };
    write_stdout(report::render(&portfolio, format, crate::dates::today(), lang).as_bytes())
}

fn export_command(
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
    let bytes = export::render(&portfolio, format, lang, delimiter, crate::dates::today());
    match output {
        None => write_stdout(&bytes),
        Some(path) => match store::write_file(path, &bytes, store::Sharing::Shared) {
            Ok(_) => {
                let count = portfolio.initiatives.len();
                eprintln!("{}", lang.tf("export.written", &[("count", &count), ("path", &path.display())]));
                ExitCode::SUCCESS
            }
            Err(e) => fail(&lang.tf("export.failed", &[("path", &path.display()), ("error", &e)]), 1),
        },
    }
}

fn import_command(file: Option<&Path>, csv: &Path, dry_run: bool, read_only: bool, lang: Lang) -> ExitCode {
    if read_only && !dry_run {
        return fail(lang.t("import.read_only"), 1);
    }
    let path = match store::resolve_path(file) {
        Ok(path) => path,
        Err(e) => return fail(&e.to_string(), 1),
    };
    let opened = match Store::open(&path, dry_run) {
        Ok(opened) => opened,
        Err(e) => return fail(&e.to_string(), 1),
    };
    match opened.store.access() {
        store::Access::ReadOnly(
            reason @ (store::ReadOnlyReason::LoadFailed(_) | store::ReadOnlyReason::NewerSchema(_)),
        ) => {
            return fail(&format!("{}: the file is {reason}", path.display()), EXIT_BAD_DATA);
        }
        store::Access::ReadOnly(reason @ store::ReadOnlyReason::LockedBy(_)) if !dry_run => {
            return fail(&format!("{}: the file is {reason}", path.display()), 1);
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
            let mut message = format!(
                "{}:",
                lang.tf("import.problems", &[("count", &problems.len()), ("file", &csv.display())])
            );
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
        let mut text = lang.tf("import.dry_run", &[("count", &count), ("path", &path.display())]);
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
        return write_stdout(text.as_bytes());
    }
    let change = import::into_change(&mut portfolio, parsed.initiatives);
    change.apply(&mut portfolio);
    if let Err(e) = store.save(&portfolio) {
        return fail(&e.to_string(), 1);
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
        lang.tf(
            "import.done",
            &[("count", &count), ("path", &path.display()), ("first", &first), ("last", &last)]
        )
    );
    ExitCode::SUCCESS
}

fn fail(message: &str, code: u8) -> ExitCode {
    eprintln!("fasett: {}", crate::text::multi_line(message));
    ExitCode::from(code)
}

fn check(file: Option<&Path>) -> ExitCode {
    let path = match store::resolve_path(file) {
        Ok(path) => path,
        Err(e) => return fail(&e.to_string(), 1),
    };
    match store::load(&path) {
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

fn open_interface(path: &Path, lang: Lang, read_only: bool) -> Result<ExitCode> {
    let opened = Store::open(path, read_only).wrap_err_with(|| format!("opening {}", path.display()))?;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let options = Options { lang, no_color, first_run: !opened.existed };
    let mut app = App::new(opened.portfolio, Some(opened.store), &options);
    app.load_user_templates();
    app.offer_recovery();
    let signals = Signals::install().wrap_err("catching SIGHUP, SIGTERM and SIGINT")?;
    let tty = match Tty::open() {
        Ok(tty) => tty,
        Err(e) => return Ok(fail(&format!("fasett needs an interactive terminal ({e})."), 1)),
    };
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(e) => return Ok(fail(&format!("fasett needs an interactive terminal ({e})."), 1)),
    };
    signals::install_panic_hook(lang);
    // Bracketed paste: a pasted text arrives whole, so a line break in it cannot press Enter.
    let _ = ratatui::crossterm::execute!(io::stdout(), event::EnableBracketedPaste);
    let end = event_loop(&mut terminal, &mut app, &signals, &tty);
    if matches!(end, End::Quit) {
        let _ = ratatui::crossterm::execute!(io::stdout(), event::DisableBracketedPaste);
        ratatui::restore();
        return Ok(ExitCode::SUCCESS);
    }
    // A signal or a lost terminal: save what is pending and keep the text being typed
    // first, then restore what can be restored (the terminal may be gone: errors ignored).
    let rescued = app.before_exit();
    let _ = ratatui::crossterm::execute!(io::stdout(), event::DisableBracketedPaste);
    let _ = ratatui::try_restore();
    // Dropping a terminal that went away prints (and so panics) from ratatui's Drop.
    std::mem::forget(terminal);
    let mut lines = Vec::new();
    let code = match end {
        End::Signal(signal) => {
            let file = app.path().map(|p| p.display().to_string()).unwrap_or_default();
            lines.push(lang.tf("signal.stopped", &[("signal", &signals::name(signal)), ("path", &file)]));
            128 + u8::try_from(signal).unwrap_or(0)
        }
        End::Quit | End::Gone => {
            lines.push(lang.t("signal.terminal_gone").to_owned());
            1
        }
    };
    if app.unsaved {
        let why = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
        lines.push(lang.tf("signal.unsaved", &[("error", &why)]));
    }
    if let Some(path) = rescued {
        lines.push(lang.tf("signal.recovery", &[("path", &path.display())]));
    }
    signals::tell(&lines);
    Ok(ExitCode::from(code))
}

/// Why the terminal loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// The user quit.
    Quit,
    /// A signal asked us to stop.
    Signal(i32),
    /// The terminal hung up or stopped working.
    Gone,
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, signals: &Signals, tty: &Tty) -> End {
    let Ok(size) = terminal.size() else { return End::Gone };
    app.size = (size.width, size.height);
    loop {
        if terminal.draw(|frame| ui::draw(app, frame)).is_err() {
            return End::Gone;
        }
        if app.should_quit {
            return End::Quit;
        }
        if let Some(signal) = signals.take() {
            return End::Signal(signal);
        }
        match tty.wait(signals::TICK) {
            Wait::Idle => app.idle_tick(Instant::now()),
            Wait::Gone => return End::Gone,
            // Everything crossterm has now, then draw once.
            Wait::Ready => loop {
                let Ok(event) = event::read() else { return End::Gone };
                signals::test_panic(&event);
                app.handle_event(&event);
                app.track_draft(Instant::now());
                if app.should_quit || signals.take().is_some() {
                    break;
                }
                match event::poll(Duration::ZERO) {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(_) => return End::Gone,
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_options_go_before_or_after_the_subcommand() {
        let a = Cli::try_parse_from(["fasett", "--file", "p.json", "check"]).expect("parses");
        let b = Cli::try_parse_from(["fasett", "check", "--file", "p.json"]).expect("parses");
        assert_eq!(a.file, b.file);
        let c = Cli::try_parse_from(["fasett", "demo", "--lang", "sv", "--read-only"]).expect("parses");
        assert_eq!(c.lang, Some(Lang::Sv));
        assert!(c.read_only);
        assert!(Cli::try_parse_from(["fasett", "--lang", "de"]).is_err());
    }

    #[test]
    fn exchange_subcommands_follow_the_contract() {
        let cli = Cli::try_parse_from(["fasett", "report", "--format", "json", "--file", "p.json"])
            .expect("parses");
        assert!(matches!(cli.command, Some(Command::Report { format: report::Format::Json })));
        assert_eq!(cli.file.as_deref(), Some(Path::new("p.json")));
        let cli = Cli::try_parse_from([
            "fasett",
            "export",
            "--format",
            "csv",
            "--output",
            "x.csv",
            "--delimiter",
            ",",
        ])
        .expect("parses");
        assert!(matches!(cli.command, Some(Command::Export { delimiter: b',', .. })));
        let cli = Cli::try_parse_from(["fasett", "--file", "p.json", "import", "in.csv", "--dry-run"])
            .expect("parses");
        assert!(matches!(cli.command, Some(Command::Import { dry_run: true, .. })));
        assert_eq!(cli.file.as_deref(), Some(Path::new("p.json")), "--file stays the portfolio");
        assert!(Cli::try_parse_from(["fasett", "export", "--format", "pdf"]).is_err());
        assert!(Cli::try_parse_from(["fasett", "export", "--delimiter", "\""]).is_err());
    }

    #[test]
    fn the_sample_is_a_valid_portfolio() {
        let parsed = store::parse(SAMPLE.as_bytes(), Path::new("sample.json"));
        assert!(parsed.is_ok(), "{:?}", parsed.err().map(|e| e.to_string()));
    }
}
