//! The real `fasett` binary in an isolated environment: as a plain process ([`Sandbox::command`])
//! or in a pseudo-terminal read through a vt100 screen ([`Sandbox::spawn`]).
//!
//! Shared by the integration tests with `#[path = "../common/pty.rs"] mod pty;`. Every test crate
//! uses a different part of it, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

pub use portable_pty::ExitStatus;

/// Generous: these detect a hang, they do not measure speed.
pub const TIMEOUT: Duration = Duration::from_secs(10);

const POLL: Duration = Duration::from_millis(10);

/// A throw-away home for one test: HOME and the XDG directories live in a temporary directory,
/// and the binary sees only the variables set here (no `FASETT_FILE`, `FASETT_LANG`, `LC_ALL`
/// or `NO_COLOR` leaks in from the developer's shell).
pub struct Sandbox {
    dir: TempDir,
    vars: Vec<(OsString, Option<OsString>)>,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    pub fn new() -> Self {
        let dir = tempfile::Builder::new().prefix("fasett-e2e-").tempdir().expect("a temporary directory");
        for sub in ["home", "data", "config"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("sandbox directories");
        }
        Self { dir, vars: Vec::new() }
    }

    /// The sandbox's root; also the working directory of the binary.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn home(&self) -> PathBuf {
        self.root().join("home")
    }

    pub fn data_home(&self) -> PathBuf {
        self.root().join("data")
    }

    pub fn config_home(&self) -> PathBuf {
        self.root().join("config")
    }

    /// `directories::ProjectDirs::from("", "", "fasett").data_dir()` under this sandbox.
    pub fn data_dir(&self) -> PathBuf {
        if cfg!(target_os = "linux") {
            self.data_home().join("fasett")
        } else if cfg!(target_os = "macos") {
            self.home().join("Library/Application Support/fasett")
        } else {
            unimplemented!("the sandbox knows the data directory on Linux and macOS only")
        }
    }

    /// The default data file: `portfolio.json` in the data directory.
    pub fn default_file(&self) -> PathBuf {
        self.data_dir().join("portfolio.json")
    }

    /// Writes `contents` to `name` below the root, making its directories; the file's path.
    pub fn write(&self, name: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root().join(name);
        write_file(&path, contents);
        path
    }

    /// Sets (or overrides) a variable for every later run.
    pub fn env(&mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> &mut Self {
        self.vars.push((key.as_ref().to_owned(), Some(value.as_ref().to_owned())));
        self
    }

    /// Removes a variable, default or set earlier, for every later run.
    pub fn env_remove(&mut self, key: impl AsRef<OsStr>) -> &mut Self {
        self.vars.push((key.as_ref().to_owned(), None));
        self
    }

    /// The whole environment the binary gets, later entries winning.
    pub fn environment(&self) -> Vec<(OsString, OsString)> {
        let mut vars: Vec<(OsString, Option<OsString>)> = vec![
            ("HOME".into(), Some(self.home().into())),
            ("XDG_DATA_HOME".into(), Some(self.data_home().into())),
            ("XDG_CONFIG_HOME".into(), Some(self.config_home().into())),
            ("LANG".into(), Some("C.UTF-8".into())),
            ("TERM".into(), Some("xterm-256color".into())),
        ];
        if let Some(path) = std::env::var_os("PATH") {
            vars.push(("PATH".into(), Some(path)));
        }
        vars.extend(self.vars.iter().cloned());
        let mut out: Vec<(OsString, OsString)> = Vec::new();
        for (key, value) in vars {
            out.retain(|(k, _)| *k != key);
            if let Some(value) = value {
                out.push((key, value));
            }
        }
        out
    }

    /// The binary as a plain process (no terminal), for the non-interactive commands.
    pub fn command<I, S>(&self, args: I) -> std::process::Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_fasett"));
        cmd.args(args).env_clear().envs(self.environment()).current_dir(self.root());
        cmd
    }

    /// The binary in an 80×24 pseudo-terminal, once its first full frame (the footer's
    /// "? help") is on the screen.
    pub fn start<I, S>(&self, args: I) -> Pty
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let app = self.spawn(args);
        app.wait_for("? help", TIMEOUT);
        app
    }

    /// The binary in an 80×24 pseudo-terminal.
    pub fn spawn<I, S>(&self, args: I) -> Pty
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.spawn_sized(args, 80, 24)
    }

    /// The binary in a `cols`×`rows` pseudo-terminal.
    pub fn spawn_sized<I, S>(&self, args: I, cols: u16, rows: u16) -> Pty
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.spawn_on(args, &Screen { cols, rows, ..Screen::default() })
    }

    /// The binary in a pseudo-terminal whose screen is `screen`.
    pub fn spawn_on<I, S>(&self, args: I, screen: &Screen) -> Pty
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Pty::spawn(self.pty_command(args), screen)
    }

    /// The binary with `args` as a pseudo-terminal runs it, in this sandbox's environment.
    pub fn pty_command<I, S>(&self, args: I) -> CommandBuilder
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_fasett"));
        cmd.args(args);
        cmd.env_clear();
        for (key, value) in self.environment() {
            cmd.env(key, value);
        }
        cmd.cwd(self.root());
        cmd
    }
}

/// Writes `contents` to `path`, making its directories; panics naming the path.
pub fn write_file(path: &Path, contents: impl AsRef<[u8]>) {
    let dir = path.parent().expect("a parent directory");
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
    std::fs::write(path, contents).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

/// The terminal a binary is started in.
#[derive(Debug, Clone)]
pub struct Screen {
    pub cols: u16,
    pub rows: u16,
    /// What the screen already shows when the binary starts (bytes a terminal has read).
    pub before: Vec<u8>,
    /// Like GNU screen's default: the switch to an alternate screen is ignored, so the
    /// binary draws over what was there.
    pub alternate_screen_ignored: bool,
}

impl Default for Screen {
    fn default() -> Self {
        Self { cols: 80, rows: 24, before: Vec::new(), alternate_screen_ignored: false }
    }
}

/// Switches to and from the alternate screen (xterm's three ways).
const ALTERNATE_SCREEN: [&[u8]; 6] =
    [b"\x1b[?1049h", b"\x1b[?1049l", b"\x1b[?1047h", b"\x1b[?1047l", b"\x1b[?47h", b"\x1b[?47l"];

/// `chunk` without the alternate-screen switches; the start of a switch cut off at the end of
/// a chunk waits in `carry` for the next one.
fn without_alternate_screen(carry: &mut Vec<u8>, chunk: &[u8]) -> Vec<u8> {
    carry.extend_from_slice(chunk);
    let mut out = Vec::with_capacity(carry.len());
    let mut i = 0;
    while i < carry.len() {
        let rest = &carry[i..];
        if let Some(switch) = ALTERNATE_SCREEN.iter().find(|s| rest.starts_with(s)) {
            i += switch.len();
        } else if ALTERNATE_SCREEN.iter().any(|s| s.starts_with(rest)) {
            break;
        } else {
            out.push(carry[i]);
            i += 1;
        }
    }
    carry.drain(..i);
    out
}

/// Keys that are not plain text, sent as the bytes an xterm sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    ShiftRight,
    CtrlC,
    CtrlR,
    CtrlS,
}

impl Key {
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Key::Enter => b"\r",
            Key::Esc => b"\x1b",
            Key::Tab => b"\t",
            Key::BackTab => b"\x1b[Z",
            Key::Up => b"\x1b[A",
            Key::Down => b"\x1b[B",
            Key::Right => b"\x1b[C",
            Key::Left => b"\x1b[D",
            Key::ShiftRight => b"\x1b[1;2C",
            Key::CtrlC => b"\x03",
            Key::CtrlR => b"\x12",
            Key::CtrlS => b"\x13",
        }
    }
}

/// A running binary in a pseudo-terminal. Killed when dropped, so a failing test leaks nothing.
pub struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the binary wrote to the terminal.
    bytes: Arc<AtomicUsize>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    // Kept open for the child's lifetime: dropping the master hangs up the terminal.
    master: Box<dyn MasterPty + Send>,
    status: Option<ExitStatus>,
}

impl Pty {
    fn spawn(cmd: CommandBuilder, screen: &Screen) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize { rows: screen.rows, cols: screen.cols, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let child = pair.slave.spawn_command(cmd).expect("spawning fasett in the pseudo-terminal");
        // Only the child holds the terminal side now, so reads end when it exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a reader for the pseudo-terminal");
        let writer = pair.master.take_writer().expect("a writer for the pseudo-terminal");
        let mut parser = vt100::Parser::new(screen.rows, screen.cols, 0);
        parser.process(&screen.before);
        let parser = Arc::new(Mutex::new(parser));
        let bytes = Arc::new(AtomicUsize::new(0));
        let (feed, count, filter) =
            (Arc::clone(&parser), Arc::clone(&bytes), screen.alternate_screen_ignored);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            let mut carry = Vec::new();
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut screen = feed.lock().unwrap_or_else(PoisonError::into_inner);
                        if filter {
                            screen.process(&without_alternate_screen(&mut carry, &buf[..n]));
                        } else {
                            screen.process(&buf[..n]);
                        }
                        count.fetch_add(n, Ordering::SeqCst);
                    }
                }
            }
        });
        Self { parser, bytes, writer, child, master: pair.master, status: None }
    }

    /// Every byte the binary has written to the terminal so far.
    pub fn bytes_written(&self) -> usize {
        self.bytes.load(Ordering::SeqCst)
    }

    /// Waits until the binary has written nothing for `quiet`; the bytes written by then.
    pub fn settle(&self, quiet: Duration) -> usize {
        let start = Instant::now();
        let mut last = self.bytes_written();
        let mut since = Instant::now();
        while since.elapsed() < quiet {
            assert!(start.elapsed() <= TIMEOUT, "fasett kept writing for {TIMEOUT:?}");
            thread::sleep(POLL);
            let now = self.bytes_written();
            if now != last {
                (last, since) = (now, Instant::now());
            }
        }
        last
    }

    /// Writes `bytes` to the terminal as another program would (a `wall` message, a
    /// background job): they reach the screen, not the binary.
    pub fn scribble(&self, bytes: &[u8]) {
        let path = self.master.tty_name().expect("the terminal's device name");
        let mut tty = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap_or_else(|e| panic!("opening {}: {e}", path.display()));
        tty.write_all(bytes).unwrap_or_else(|e| panic!("writing to {}: {e}", path.display()));
    }

    /// The screen as text, one line per row, trailing blanks trimmed.
    pub fn screen_text(&self) -> String {
        self.with_screen(vt100::Screen::contents)
    }

    /// Reads the current screen (cells, attributes, cursor) under the parser's lock.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap_or_else(PoisonError::into_inner).screen())
    }

    /// Cells on the screen for which `pick` holds.
    pub fn count_cells(&self, pick: impl Fn(&vt100::Cell) -> bool) -> usize {
        self.with_screen(|screen| {
            let (rows, cols) = screen.size();
            (0..rows)
                .flat_map(|r| (0..cols).map(move |c| (r, c)))
                .filter(|&(r, c)| screen.cell(r, c).is_some_and(&pick))
                .count()
        })
    }

    /// Cells with a colour other than the terminal's own.
    pub fn coloured_cells(&self) -> usize {
        self.count_cells(|cell| {
            cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
        })
    }

    /// Types `keys` and waits until the screen shows `expected`.
    pub fn press(&mut self, keys: &str, expected: &str) {
        self.send(keys);
        self.wait_for(expected, TIMEOUT);
    }

    /// Moves `fields` fields on in a form, with Tab.
    pub fn tab(&mut self, fields: usize) {
        for _ in 0..fields {
            self.send_key(Key::Tab);
        }
    }

    /// Sends `key` and waits until the screen shows `expected`.
    pub fn press_key(&mut self, key: Key, expected: &str) {
        self.send_key(key);
        self.wait_for(expected, TIMEOUT);
    }

    /// Waits until the screen shows `text`; panics with the screen after `timeout`.
    pub fn wait_for(&self, text: &str, timeout: Duration) {
        self.wait_until(&format!("the screen to show {text:?}"), timeout, |screen| screen.contains(text));
    }

    /// Waits until `text` is no longer on the screen; panics with the screen after `timeout`.
    pub fn wait_for_gone(&self, text: &str, timeout: Duration) {
        self.wait_until(&format!("{text:?} to leave the screen"), timeout, |screen| !screen.contains(text));
    }

    /// Waits until `done` holds for the screen text; panics with `what` and the screen after `timeout`.
    pub fn wait_until(&self, what: &str, timeout: Duration, done: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let screen = self.screen_text();
            if done(&screen) {
                return;
            }
            assert!(
                start.elapsed() <= timeout,
                "gave up after {timeout:?} waiting for {what}; the screen:\n{}",
                framed(&screen)
            );
            thread::sleep(POLL);
        }
    }

    /// Types text as it is.
    pub fn send(&mut self, text: &str) {
        self.send_bytes(text.as_bytes());
    }

    pub fn send_key(&mut self, key: Key) {
        self.send_bytes(key.bytes());
    }

    pub fn send_bytes(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("writing to the pseudo-terminal");
        self.writer.flush().expect("flushing the pseudo-terminal");
    }

    /// Resizes the terminal to `cols`×`rows`, as a terminal window being resized does: the
    /// binary gets SIGWINCH, and the screen read here takes the new size.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.lock().unwrap_or_else(PoisonError::into_inner).screen_mut().set_size(rows, cols);
        self.master
            .resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("resizing the pseudo-terminal");
    }

    /// Waits for the binary to exit; panics with the screen after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.try_status() {
                return status;
            }
            assert!(
                start.elapsed() <= timeout,
                "fasett did not exit within {timeout:?}; the screen:\n{}",
                framed(&self.screen_text())
            );
            thread::sleep(POLL);
        }
    }

    /// Presses `q` and waits for fasett to exit cleanly.
    pub fn quit(&mut self) {
        self.send("q");
        let status = self.wait_exit(TIMEOUT);
        assert!(status.success(), "fasett exited with {status:?}; the screen:\n{}", self.screen_text());
    }

    /// The binary's process id, for sending it signals.
    pub fn process_id(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Sends the binary the signal `name` (`HUP`, `TERM`, `STOP` …) with `kill`.
    pub fn signal(&self, name: &str) {
        let pid = self.process_id().expect("a running fasett").to_string();
        let status =
            std::process::Command::new("kill").args([&format!("-{name}"), &pid]).status().expect("runs kill");
        assert!(status.success(), "kill -{name} {pid}");
    }

    fn try_status(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            self.status = self.child.try_wait().expect("asking whether fasett has exited");
        }
        self.status.clone()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.try_status().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The screen with a ruler around it, so blank rows and trailing space are visible in a failure.
fn framed(screen: &str) -> String {
    let rule = "-".repeat(82);
    let rows: Vec<String> = screen.lines().map(|line| format!("|{line}")).collect();
    format!("{rule}\n{}\n{rule}", rows.join("\n"))
}
