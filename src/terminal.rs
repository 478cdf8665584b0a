//! The interface in the terminal: opening the store and the app, setting the terminal up,
//! the event loop, and restoring the terminal however the session ends (a quit, a signal, a
//! terminal that went away). The signals and the panic hook are in [`crate::signals`]; what
//! the terminal can show is read in `terminal/capabilities.rs`.

mod capabilities;

use std::io;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use color_eyre::eyre::{Result, WrapErr};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event;

use crate::app::{App, Options};
use crate::i18n::Lang;
use crate::signals::{self, Signals, Tty, Wait};
use crate::store::Store;
use crate::ui;

/// Opens the data file at `path` in the interface and runs it until the session ends; the
/// exit code says how it ended (0 quit, 1 no or lost terminal, 128 + signal).
pub fn open_interface(path: &Path, lang: Lang, read_only: bool) -> Result<ExitCode> {
    let var = |name: &str| std::env::var(name).ok();
    let ascii = capabilities::ascii(var);
    if capabilities::is_dumb(var("TERM").as_deref()) {
        return Ok(dumb_terminal(lang, ascii));
    }
    let opened = Store::open(path, read_only).wrap_err_with(|| format!("opening {}", path.display()))?;
    let colors_off = crate::config::path().is_some_and(|p| crate::config::Config::load(&p).colors_off());
    let options = Options {
        lang,
        no_color: colors_off,
        no_color_env: capabilities::no_color(var),
        ascii,
        first_run: !opened.existed,
    };
    let mut app = App::new(opened.portfolio, Some(opened.store), &options);
    app.load_user_templates();
    app.offer_recovery();
    let signals = Signals::install().wrap_err("catching SIGHUP, SIGTERM and SIGINT")?;
    let tty = match Tty::open() {
        Ok(tty) => tty,
        Err(e) => return Ok(no_terminal(&e)),
    };
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(e) => return Ok(no_terminal(&e)),
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
            Wait::Ready => {
                let mut batch = Vec::new();
                loop {
                    let Ok(event) = event::read() else { return End::Gone };
                    signals::test_panic(&event);
                    batch.push(event);
                    match event::poll(Duration::ZERO) {
                        Ok(true) => {}
                        Ok(false) => break,
                        Err(_) => return End::Gone,
                    }
                }
                crate::input::handle_batch(app, &batch);
                app.track_draft(Instant::now());
            }
        }
    }
}

/// Says, in the user's language, that a terminal without cursor movement cannot show the
/// interface, and gives exit code 1; the terminal is never touched.
fn dumb_terminal(lang: Lang, ascii: bool) -> ExitCode {
    let message = lang.tf("terminal.dumb", &[("term", &"dumb")]);
    let message = if ascii { message.chars().map(ui::theme::ascii_char).collect() } else { message };
    eprintln!("{message}");
    ExitCode::from(1)
}

/// Says that there is no usable terminal, and gives exit code 1.
fn no_terminal(e: &io::Error) -> ExitCode {
    let message = format!("fasett needs an interactive terminal ({e}).");
    eprintln!("fasett: {}", crate::text::multi_line(&message));
    ExitCode::from(1)
}
