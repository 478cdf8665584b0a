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
use crate::i18n::Lang;
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
                  Exit codes: 0 fine, 1 could not run (no terminal, unusable path), 2 the data file is not valid."
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
    }
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
    fn the_sample_is_a_valid_portfolio() {
        let parsed = store::parse(SAMPLE.as_bytes(), Path::new("sample.json"));
        assert!(parsed.is_ok(), "{:?}", parsed.err().map(|e| e.to_string()));
    }
}
