//! The interface in the terminal: opening the store and the app, setting the terminal up,
//! the event loop, and restoring the terminal however the session ends (a quit, a signal, a
//! terminal that went away). The signals and the panic hook are in [`crate::signals`].

use std::io;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};

use crate::action::Action;
use crate::app::{App, Options};
use crate::i18n::Lang;
use crate::signals::{self, Signals, Tty, Wait};
use crate::store::Store;
use crate::ui;

/// Opens the data file at `path` in the interface and runs it until the session ends; the
/// exit code says how it ended (0 quit, 1 could not start or lost the terminal, 128 + signal).
/// Why it could not start is said on stderr in `lang`.
pub fn open_interface(path: &Path, lang: Lang, read_only: bool) -> ExitCode {
    let opened = match Store::open(path, read_only) {
        Ok(opened) => opened,
        Err(e) => return refuse(&e.localized(lang)),
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let options = Options { lang, no_color, first_run: !opened.existed };
    let mut app = App::new(opened.portfolio, Some(opened.store), &options);
    app.load_user_templates();
    app.offer_recovery();
    let signals = match Signals::install() {
        Ok(signals) => signals,
        Err(e) => return refuse(&lang.tf("cli.signals_failed", &[("error", &e)])),
    };
    let tty = match Tty::open() {
        Ok(tty) => tty,
        Err(e) => return refuse(&lang.tf("cli.no_terminal", &[("error", &e)])),
    };
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(e) => return refuse(&lang.tf("cli.no_terminal", &[("error", &e)])),
    };
    signals::install_panic_hook(lang);
    // Bracketed paste: a pasted text arrives whole, so a line break in it cannot press Enter.
    let _ = ratatui::crossterm::execute!(io::stdout(), event::EnableBracketedPaste);
    let end = event_loop(&mut terminal, &mut app, &signals, &tty);
    if matches!(end, End::Quit) {
        let _ = ratatui::crossterm::execute!(io::stdout(), event::DisableBracketedPaste);
        ratatui::restore();
        return ExitCode::SUCCESS;
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
    ExitCode::from(code)
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

/// How long to wait for more input after a single event before handling it: a person never
/// presses two keys this close together, a paste's bytes always come closer. crossterm waits
/// in whole milliseconds and spins through the rest, hence a little over one.
const KEY_GAP: Duration = Duration::from_micros(1_100);
/// Once input comes faster than anyone types (a paste without bracketed paste), how long to
/// wait for the rest of it: a terminal or an SSH connection may deliver it in pieces.
const BURST_GAP: Duration = Duration::from_millis(20);

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, signals: &Signals, tty: &Tty) -> End {
    loop {
        // The size is read on every turn, not only from resize events: the frame is laid out
        // for the terminal as it is, even before crossterm hands the resize on.
        let Ok(size) = terminal.size() else { return End::Gone };
        if app.size != (size.width, size.height) {
            app.update(Action::Resize(size.width, size.height));
        }
        if terminal.draw(|frame| ui::draw(app, frame)).is_err() {
            return End::Gone;
        }
        if app.should_quit {
            return End::Quit;
        }
        if let Some(signal) = signals.take() {
            return End::Signal(signal);
        }
        let batch = match tty.wait(signals::TICK) {
            Wait::Gone => return End::Gone,
            Wait::Ready => read_batch(),
            // A signal that interrupted the wait ends the session before anything is read.
            Wait::Idle if signals.caught() => continue,
            // Nothing new on the terminal, but crossterm may hold events it read earlier (or a
            // resize, which interrupts the wait): those are handled now, not at the next key.
            Wait::Idle => match event::poll(KEY_GAP) {
                Ok(true) => read_batch(),
                Ok(false) => Some(Vec::new()),
                Err(_) => None,
            },
        };
        let Some(batch) = batch else { return End::Gone };
        if batch.is_empty() {
            app.idle_tick(Instant::now());
        } else {
            crate::input::handle_batch(app, &batch);
            app.track_draft(Instant::now());
        }
    }
}

/// Everything the terminal sent in one go, in order: the first event, then each that follows
/// within [`KEY_GAP`] of the last (within [`BURST_GAP`] once it is clearly a burst), so that a
/// paste is handled whole. `None` when the terminal failed.
fn read_batch() -> Option<Vec<Event>> {
    let mut batch = Vec::new();
    loop {
        let event = event::read().ok()?;
        signals::test_panic(&event);
        batch.push(event);
        let gap = if batch.len() > 1 { BURST_GAP } else { KEY_GAP };
        if !event::poll(gap).ok()? {
            return Some(batch);
        }
    }
}

/// Says why the interface could not start (no usable terminal, an unusable path), and gives
/// exit code 1.
fn refuse(message: &str) -> ExitCode {
    eprintln!("fasett: {}", crate::text::multi_line(message));
    ExitCode::from(1)
}
