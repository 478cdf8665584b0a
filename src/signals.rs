//! Ending well when the session ends badly: SIGHUP (a dropped SSH connection, a closed
//! terminal), SIGTERM and SIGINT; a terminal that went away; and panics.
//!
//! The terminal loop waits for input with a short [`Tty::wait`] instead of blocking, so it
//! notices a caught signal within [`TICK`] and a hung-up terminal at once. crossterm itself
//! spins when its terminal reads end-of-file, so the loop asks crossterm for input only after
//! `poll(2)` has said the terminal is readable and not hung up. A watchdog thread covers the
//! tiny window that leaves: if a signal is not picked up by the loop within
//! [`WATCHDOG_GRACE`], it writes the recovery file itself and exits.
//!
//! Being stopped is not the end: SIGTSTP hands the terminal back before stopping, and
//! SIGCONT (after any stop, also a SIGSTOP fasett could not see coming) takes the whole screen
//! again, since the shell or another program may have drawn over it meanwhile.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::os::fd::{AsFd, BorrowedFd};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use rustix::event::{PollFd, PollFlags, Timespec};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGSTOP, SIGTERM, SIGTSTP};
use signal_hook::flag;

use crate::i18n::Lang;
use crate::recovery;
use crate::text::one_line;
use crate::threads;

/// How long the loop waits for input before an idle tick (signals are noticed this fast).
pub const TICK: Duration = Duration::from_millis(250);
/// How long the watchdog gives the loop to take up a signal before acting itself.
pub const WATCHDOG_GRACE: Duration = Duration::from_millis(1200);

/// The signals that end a session, caught so that it can end well.
#[derive(Debug)]
pub struct Signals {
    caught: Arc<AtomicUsize>,
    taken_up: Arc<AtomicBool>,
    /// SIGTSTP came: hand the terminal back and stop.
    suspend: Arc<AtomicBool>,
    /// SIGCONT came: fasett was stopped, and the screen may show anything now.
    continued: Arc<AtomicBool>,
}

impl Signals {
    /// Catches SIGHUP, SIGTERM and SIGINT. The first one is only noted (the loop ends the
    /// session); a second one while the first is handled ends the process at once.
    pub fn install() -> io::Result<Self> {
        let caught = Arc::new(AtomicUsize::new(0));
        let once = Arc::new(AtomicBool::new(false));
        for signal in [SIGHUP, SIGTERM, SIGINT] {
            // Registered first, so it sees the flag as the previous signal left it.
            flag::register_conditional_shutdown(signal, 128 + signal, Arc::clone(&once))?;
            flag::register(signal, Arc::clone(&once))?;
            flag::register_usize(signal, Arc::clone(&caught), signal as usize)?;
        }
        let suspend = Arc::new(AtomicBool::new(false));
        let continued = Arc::new(AtomicBool::new(false));
        flag::register(SIGTSTP, Arc::clone(&suspend))?;
        flag::register(SIGCONT, Arc::clone(&continued))?;
        let signals = Signals { caught, taken_up: Arc::new(AtomicBool::new(false)), suspend, continued };
        signals.start_watchdog();
        Ok(signals)
    }

    /// Whether SIGTSTP asked fasett to stop (since the last call).
    pub fn take_suspend(&self) -> bool {
        self.suspend.swap(false, Ordering::SeqCst)
    }

    /// Whether fasett was continued after a stop (since the last call).
    pub fn take_continued(&self) -> bool {
        self.continued.swap(false, Ordering::SeqCst)
    }

    /// Whether a signal was caught (without taking it up).
    pub fn caught(&self) -> bool {
        self.caught.load(Ordering::SeqCst) != 0
    }

    /// The signal caught, if any; the loop calls this to take it up.
    pub fn take(&self) -> Option<i32> {
        let signal = self.caught.load(Ordering::SeqCst);
        if signal == 0 {
            return None;
        }
        self.taken_up.store(true, Ordering::SeqCst);
        i32::try_from(signal).ok()
    }

    fn start_watchdog(&self) {
        let caught = Arc::clone(&self.caught);
        let taken_up = Arc::clone(&self.taken_up);
        let spawned = std::thread::Builder::new().name("fasett-watchdog".into()).spawn(move || {
            loop {
                std::thread::sleep(TICK);
                let signal = caught.load(Ordering::SeqCst);
                if signal == 0 {
                    continue;
                }
                std::thread::sleep(WATCHDOG_GRACE);
                if taken_up.load(Ordering::SeqCst) {
                    return;
                }
                // The loop is stuck (in crossterm, on a terminal that went away): keep the
                // text being typed and go. A save under way may be cut short: the file
                // stays whole, as after any kill.
                let _ = recovery::rescue();
                let _ = ratatui::try_restore();
                std::process::exit(128 + i32::try_from(signal).unwrap_or(0));
            }
        });
        // Without the watchdog the loop still handles signals; only the backstop is missing.
        drop(spawned);
    }
}

/// Stops this process as SIGTSTP would have without a handler; returns when continued.
pub fn stop_self() {
    let _ = signal_hook::low_level::raise(SIGSTOP);
}

/// The name of a signal, for messages.
pub fn name(signal: i32) -> &'static str {
    match signal {
        SIGHUP => "SIGHUP (hang-up)",
        SIGTERM => "SIGTERM",
        SIGINT => "SIGINT",
        _ => "a signal",
    }
}

/// What [`Tty::wait`] saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Input is waiting.
    Ready,
    /// Nothing came within the timeout (or a signal interrupted the wait).
    Idle,
    /// The terminal hung up or failed: no input will ever come.
    Gone,
}

/// The terminal crossterm reads from: standard input if it is one, else `/dev/tty`.
pub struct Tty {
    stdin: io::Stdin,
    dev_tty: Option<File>,
}

impl Tty {
    pub fn open() -> io::Result<Self> {
        let dev_tty = if io::stdin().is_terminal() { None } else { Some(File::open("/dev/tty")?) };
        Ok(Self { stdin: io::stdin(), dev_tty })
    }

    fn fd(&self) -> BorrowedFd<'_> {
        match &self.dev_tty {
            Some(file) => file.as_fd(),
            None => self.stdin.as_fd(),
        }
    }

    /// Waits up to `timeout` for input.
    pub fn wait(&self, timeout: Duration) -> Wait {
        let fd = self.fd();
        let mut fds = [PollFd::from_borrowed_fd(fd, PollFlags::IN)];
        let timeout = Timespec {
            tv_sec: i64::try_from(timeout.as_secs()).unwrap_or(i64::MAX),
            tv_nsec: i64::from(timeout.subsec_nanos()),
        };
        match rustix::event::poll(&mut fds, Some(&timeout)) {
            Ok(0) | Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => Wait::Idle,
            Ok(_) => {
                let seen = fds[0].revents();
                if seen.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                    Wait::Gone
                } else if seen.contains(PollFlags::IN) {
                    Wait::Ready
                } else {
                    Wait::Idle
                }
            }
            Err(_) => Wait::Gone,
        }
    }
}

/// Writes lines to standard error, ignoring failure (it may be the terminal that went away)
/// and making each harmless for a terminal.
pub fn tell(lines: &[String]) {
    let mut err = io::stderr().lock();
    for line in lines {
        let _ = writeln!(err, "{}", one_line(line));
    }
}

/// After color-eyre's and ratatui's hooks: keeps the text being typed, restores the terminal
/// and says in plain words what happened, then lets the earlier hooks report the bug.
///
/// Only for a panic on the interface's own thread. A background thread's panic is caught
/// where it happens (the saving thread reports a failed save, and the data stays in memory)
/// or carried on to the interface's thread ([`threads::resume`]); giving the terminal back for it,
/// or writing a report over the screen, would leave the interface drawing on a terminal no
/// longer set up for it.
pub fn install_panic_hook(lang: Lang) {
    let previous = std::panic::take_hook();
    threads::hooked();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some("main") {
            threads::keep_report(info);
            return;
        }
        let rescued: Option<PathBuf> = recovery::rescue();
        let _ = ratatui::crossterm::execute!(io::stdout(), ratatui::crossterm::event::DisableBracketedPaste);
        let _ = ratatui::try_restore();
        // The report of the bug first, the plain words last, where they are seen.
        previous(info);
        let mut lines = vec![String::new(), lang.t("signal.panic").to_owned()];
        if let Some(path) = rescued {
            lines.push(lang.tf("signal.recovery", &[("path", &path.display())]));
        }
        tell(&lines);
    }));
}

/// Debug builds only: F12 panics when `FASETT_TEST_PANIC` is set, and F11 on a background
/// thread, so tests can prove the panic paths on the real binary.
pub fn test_panic(event: &ratatui::crossterm::event::Event) {
    use ratatui::crossterm::event::{Event, KeyCode};
    if cfg!(debug_assertions)
        && std::env::var_os("FASETT_TEST_PANIC").is_some()
        && matches!(event, Event::Key(k) if k.code == KeyCode::F(12))
    {
        panic!("forced by FASETT_TEST_PANIC (F12)");
    }
    // F11: the same on a background thread, carried on as the search index's would be.
    if cfg!(debug_assertions)
        && std::env::var_os("FASETT_TEST_PANIC").is_some()
        && matches!(event, Event::Key(k) if k.code == KeyCode::F(11))
        && let Err(panic) = std::thread::spawn(|| panic!("forced by FASETT_TEST_PANIC (F11)")).join()
    {
        threads::resume(panic)
    }
}
