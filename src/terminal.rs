//! The interface in the terminal: opening the store and the app, setting the terminal up,
//! the event loop, and restoring the terminal however the session ends (a quit, a signal, a
//! terminal that went away). The signals and the panic hook are in [`crate::signals`].
//!
//! fasett owns the whole screen: it clears it when it starts, when it is continued after a
//! stop and on `Ctrl-L`, so nothing drawn before shows through, with or without an alternate
//! screen. It draws once per batch of input, and [`Output`] writes only what changed: nothing
//! at all while nothing changes.

mod output;

use std::io;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use color_eyre::eyre::{Result, WrapErr};
use ratatui::Terminal;
use ratatui::crossterm::{event, terminal as tty_mode};

use crate::app::{App, Options};
use crate::i18n::Lang;
use crate::signals::{self, Signals, Tty, Wait};
use crate::store::Store;
use crate::ui;
pub use output::Output;

/// The terminal fasett draws on.
type Screen = Terminal<Output<io::Stdout>>;

/// The alternate screen (where a terminal has one) and bracketed paste: a pasted text arrives
/// whole, so a line break in it cannot press Enter.
const MODES_ON: &str = "\x1b[?1049h\x1b[?2004h";
const MODES_OFF: &str = "\x1b[?2004l\x1b[?1049l";

/// Opens the data file at `path` in the interface and runs it until the session ends; the
/// exit code says how it ended (0 quit, 1 no or lost terminal, 128 + signal).
pub fn open_interface(path: &Path, lang: Lang, read_only: bool) -> Result<ExitCode> {
    let opened = Store::open(path, read_only).wrap_err_with(|| format!("opening {}", path.display()))?;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let options = Options { lang, no_color, first_run: !opened.existed, wait_for_saves: false };
    let mut app = App::new(opened.portfolio, Some(opened.store), &options);
    app.load_user_templates();
    app.offer_recovery();
    let signals = Signals::install().wrap_err("catching SIGHUP, SIGTERM and SIGINT")?;
    let tty = match Tty::open() {
        Ok(tty) => tty,
        Err(e) => return Ok(no_terminal(&e)),
    };
    let mut terminal = match enter() {
        Ok(terminal) => terminal,
        Err(e) => return Ok(no_terminal(&e)),
    };
    signals::install_panic_hook(lang);
    let end = event_loop(&mut terminal, &mut app, &signals, &tty);
    if matches!(end, End::Quit) {
        let _ = leave(&mut terminal);
        return Ok(ExitCode::SUCCESS);
    }
    // A signal or a lost terminal: save what is pending and keep the text being typed
    // first, then restore what can be restored (the terminal may be gone: errors ignored).
    let rescued = app.before_exit();
    let _ = leave(&mut terminal);
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

fn event_loop(terminal: &mut Screen, app: &mut App, signals: &Signals, tty: &Tty) -> End {
    let Ok(size) = terminal.size() else { return End::Gone };
    app.size = (size.width, size.height);
    loop {
        app.poll_saves();
        if terminal.draw(|frame| ui::draw(app, frame)).is_err() {
            return End::Gone;
        }
        if app.should_quit {
            return End::Quit;
        }
        if let Some(signal) = signals.take() {
            return End::Signal(signal);
        }
        if stops_and_continues(terminal, signals).is_err() {
            return End::Gone;
        }
        match tty.wait(wait_time(app)) {
            Wait::Idle => {
                app.idle_tick(Instant::now());
                work_while_idle(app, tty);
            }
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
                if app.take_redraw() && terminal.clear().is_err() {
                    return End::Gone;
                }
            }
        }
    }
}

/// How long to wait for input: while a save is under way, briefly, so that its outcome is
/// shown as soon as it is known.
fn wait_time(app: &App) -> Duration {
    if app.is_saving() { SAVE_POLL } else { signals::TICK }
}

/// How often the loop looks whether the save under way has ended.
const SAVE_POLL: Duration = Duration::from_millis(10);

/// Does the app's idle work a few milliseconds at a time, as long as no input comes.
fn work_while_idle(app: &mut App, tty: &Tty) {
    const SLICE: Duration = Duration::from_millis(2);
    while app.idle_work(Instant::now() + SLICE) && tty.wait(Duration::ZERO) == Wait::Idle {}
}

/// Takes the terminal: raw mode, the screen modes, and a cleared screen.
fn enter() -> io::Result<Screen> {
    tty_mode::enable_raw_mode()?;
    let mut terminal = Terminal::new(Output::new(io::stdout()))?;
    own_screen(&mut terminal)?;
    Ok(terminal)
}

/// Switches the screen modes on and clears the screen; the next frame draws everything.
fn own_screen(terminal: &mut Screen) -> io::Result<()> {
    terminal.backend_mut().raw(MODES_ON)?;
    terminal.clear()
}

/// Gives the terminal back as it was: default colours, the cursor shown, the screen modes
/// off, cooked mode.
fn leave(terminal: &mut Screen) -> io::Result<()> {
    terminal.backend_mut().finish()?;
    terminal.backend_mut().raw(MODES_OFF)?;
    tty_mode::disable_raw_mode()
}

/// SIGTSTP: hands the terminal back and stops until continued. After any stop (a SIGSTOP
/// too) the terminal is taken again, since it may show anything by now.
fn stops_and_continues(terminal: &mut Screen, signals: &Signals) -> io::Result<()> {
    if signals.take_suspend() {
        leave(terminal)?;
        signals::stop_self();
    }
    if signals.take_continued() {
        tty_mode::enable_raw_mode()?;
        own_screen(terminal)?;
    }
    Ok(())
}

/// Says that there is no usable terminal, and gives exit code 1.
fn no_terminal(e: &io::Error) -> ExitCode {
    let message = format!("fasett needs an interactive terminal ({e}).");
    eprintln!("fasett: {}", crate::text::multi_line(&message));
    ExitCode::from(1)
}
