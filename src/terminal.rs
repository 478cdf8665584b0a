//! The interface in the terminal: opening the store and the app, setting the terminal up,
//! the event loop, and restoring the terminal however the session ends (a quit, a signal, a
//! terminal that went away). The signals and the panic hook are in [`crate::signals`]; what
//! the terminal can show is read in `terminal/capabilities.rs`.
//!
//! fasett owns the whole screen: it clears it when it starts, when it is continued after a
//! stop and on `Ctrl-L`, so nothing drawn before shows through, with or without an alternate
//! screen. It draws once per batch of input, and [`Output`] writes only what changed: nothing
//! at all while nothing changes.

mod capabilities;
mod output;

use std::io;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::terminal as tty_mode;

use crate::action::Action;
use crate::app::{App, Options};
use crate::i18n::Lang;
use crate::signals::{self, Signals, Tty, Wait};
use crate::store::{Access, Store};
use crate::ui;
pub use output::Output;

/// The terminal fasett draws on.
type Screen = Terminal<Output<io::Stdout>>;

/// The alternate screen (where a terminal has one) and bracketed paste: a pasted text arrives
/// whole, so a line break in it cannot press Enter.
const MODES_ON: &str = "\x1b[?1049h\x1b[?2004h";
const MODES_OFF: &str = "\x1b[?2004l\x1b[?1049l";

/// Opens the data file at `path` in the interface and runs it until the session ends; the
/// exit code says how it ended (0 quit, 1 could not start or lost the terminal, 128 + signal).
/// Why it could not start is said on stderr in `lang`.
pub fn open_interface(path: &Path, lang: Lang, read_only: bool) -> ExitCode {
    let var = |name: &str| std::env::var(name).ok();
    let ascii = capabilities::ascii(var);
    if capabilities::is_dumb(var("TERM").as_deref()) {
        return dumb_terminal(lang, ascii);
    }
    // What the first frame needs whatever the file holds is made ready on the other core
    // while this one locks and reads the file: the system's time zone (jiff looks through the
    // time zone database, 0.7 ms) and the language's catalog (0.3 ms). Without a thread to
    // be had, the first to ask for them makes them ready.
    let _ = std::thread::Builder::new().name("warm-up".into()).spawn(move || {
        let _ = jiff::tz::TimeZone::system();
        lang.preload();
    });
    let colors_off = crate::config::path().is_some_and(|p| crate::config::Config::load(&p).colors_off());
    let options = Options {
        lang,
        no_color: colors_off,
        no_color_env: capabilities::no_color(var),
        ascii,
        first_run: false,
        wait_for_saves: false,
        drawn_only: false,
    };
    // Ready before the file is read, for a first frame drawn while it is; that there is no
    // terminal is said after a path that cannot be a data file is.
    let signals = Signals::install();
    let tty = Tty::open();
    signals::install_panic_hook(lang);
    let mut previewed = None;
    let opened = Store::open_previewing(path, read_only, |access, bytes| {
        if signals.is_ok() && tty.is_ok() {
            previewed = first_look(access, bytes, path, &options);
        }
    });
    let opened = match opened {
        Ok(opened) => opened,
        Err(e) => {
            if let Some(mut terminal) = previewed {
                let _ = leave(&mut terminal);
            }
            return refuse(&e.localized(lang));
        }
    };
    let signals = match signals {
        Ok(signals) => signals,
        Err(e) => return refuse(&lang.tf("cli.signals_failed", &[("error", &e)])),
    };
    let tty = match tty {
        Ok(tty) => tty,
        Err(e) => return refuse(&lang.tf("cli.no_terminal", &[("error", &e)])),
    };
    let options = Options { first_run: !opened.existed, ..options };
    let mut app = App::new(opened.portfolio, Some(opened.store), &options);
    app.load_user_templates();
    app.offer_recovery();
    let mut terminal = match previewed.map_or_else(enter, Ok) {
        Ok(terminal) => terminal,
        Err(e) => return refuse(&lang.tf("cli.no_terminal", &[("error", &e)])),
    };
    let end = event_loop(&mut terminal, &mut app, &signals, &tty);
    if matches!(end, End::Quit) {
        let _ = leave(&mut terminal);
        return ExitCode::SUCCESS;
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

fn event_loop(terminal: &mut Screen, app: &mut App, signals: &Signals, tty: &Tty) -> End {
    loop {
        // Before the terminal is touched: a stopped fasett asked to close (continued, then
        // hung up) saves and leaves even if its terminal no longer takes any output.
        if let Some(signal) = signals.take() {
            return End::Signal(signal);
        }
        // A stop and a continue interrupt the wait: the screen is taken again before drawing.
        if stops_and_continues(terminal, signals).is_err() {
            return End::Gone;
        }
        app.poll_saves();
        if draw(terminal, app).is_err() {
            return End::Gone;
        }
        // Typed text reaches the recovery file after its frame, never before it.
        app.write_draft_if_due(Instant::now());
        if app.should_quit {
            return End::Quit;
        }
        if let Some(signal) = signals.take() {
            return End::Signal(signal);
        }
        let batch = match tty.wait(wait_time(app)) {
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
            work_while_idle(app, tty, signals);
        } else {
            crate::input::handle_batch(app, &batch);
            app.track_draft(Instant::now());
            if app.take_redraw() && terminal.clear().is_err() {
                return End::Gone;
            }
        }
    }
}

/// Draws the app's frame for the terminal as it is. The size is read every time, not only
/// from resize events: the frame is laid out for the terminal as it is, even before crossterm
/// hands the resize on.
fn draw(terminal: &mut Screen, app: &mut App) -> io::Result<()> {
    let size = terminal.size()?;
    if app.size != (size.width, size.height) {
        app.update(Action::Resize(size.width, size.height));
    }
    terminal.draw(|frame| ui::draw(app, frame)).map(|_| ())
}

/// The first frame of a large file, drawn from a [`crate::store::glance`] at it before the
/// whole file is parsed on another thread: the same frame the whole file gives, sooner. Only
/// for a session that will be able to write and has no draft to offer (those first frames
/// say so, and the glance cannot); the taken terminal, when one was drawn.
fn first_look(access: &Access, bytes: &[u8], path: &Path, options: &Options) -> Option<Screen> {
    if access.is_read_only() || crate::recovery::path_for(path).exists() {
        return None;
    }
    let mut app =
        App::new(crate::store::glance(bytes)?, None, &Options { drawn_only: true, ..options.clone() });
    app.load_user_templates();
    let mut terminal = enter().ok()?;
    if draw(&mut terminal, &mut app).is_err() {
        let _ = leave(&mut terminal);
        return None;
    }
    Some(terminal)
}

/// How long to wait for input: while a save is under way or a takeover waits for the lock,
/// briefly, so that the outcome is shown as soon as it is known.
fn wait_time(app: &App) -> Duration {
    if app.is_saving() || app.is_taking_over() { SAVE_POLL } else { signals::TICK }
}

/// How often the loop looks whether the save under way (or the takeover) has ended.
const SAVE_POLL: Duration = Duration::from_millis(10);

/// Does the app's idle work a few milliseconds at a time, as long as nothing else wants the
/// loop: no input (new on the terminal, or already read by crossterm) and no signal.
fn work_while_idle(app: &mut App, tty: &Tty, signals: &Signals) {
    const SLICE: Duration = Duration::from_millis(2);
    let quiet = || {
        tty.wait(Duration::ZERO) == Wait::Idle
            && !signals.caught()
            && matches!(event::poll(Duration::ZERO), Ok(false))
    };
    while app.idle_work(Instant::now() + SLICE) && quiet() {}
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

/// Says, in the user's language, that a terminal without cursor movement cannot show the
/// interface, and gives exit code 1; the terminal is never touched.
fn dumb_terminal(lang: Lang, ascii: bool) -> ExitCode {
    let message = lang.tf("terminal.dumb", &[("term", &"dumb")]);
    let message = if ascii { message.chars().map(ui::theme::ascii_char).collect() } else { message };
    eprintln!("{message}");
    ExitCode::from(1)
}

/// Says why the interface could not start (no usable terminal, an unusable path), and gives
/// exit code 1.
fn refuse(message: &str) -> ExitCode {
    eprintln!("fasett: {}", crate::text::multi_line(message));
    ExitCode::from(1)
}
