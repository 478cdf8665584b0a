//! The real `fasett` binary in an isolated environment: as a plain process ([`Sandbox::command`])
//! or in a pseudo-terminal read through a vt100 screen ([`Sandbox::spawn`]).
//!
//! Shared by the integration tests with `#[path = "../common/pty.rs"] mod pty;`. Every test crate
//! uses a different part of it, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
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
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_fasett"));
        cmd.args(args);
        cmd.env_clear();
        for (key, value) in self.environment() {
            cmd.env(key, value);
        }
        cmd.cwd(self.root());
        Pty::spawn(cmd, cols, rows)
    }
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
            Key::CtrlC => b"\x03",
            Key::CtrlR => b"\x12",
            Key::CtrlS => b"\x13",
        }
    }
}

/// A running binary in a pseudo-terminal. Killed when dropped, so a failing test leaks nothing.
pub struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    // Kept open for the child's lifetime: dropping the master hangs up the terminal.
    master: Box<dyn MasterPty + Send>,
    status: Option<ExitStatus>,
}

impl Pty {
    fn spawn(cmd: CommandBuilder, cols: u16, rows: u16) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let child = pair.slave.spawn_command(cmd).expect("spawning fasett in the pseudo-terminal");
        // Only the child holds the terminal side now, so reads end when it exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a reader for the pseudo-terminal");
        let writer = pair.master.take_writer().expect("a writer for the pseudo-terminal");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let feed = Arc::clone(&parser);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => feed.lock().unwrap_or_else(PoisonError::into_inner).process(&buf[..n]),
                }
            }
        });
        Self { parser, writer, child, master: pair.master, status: None }
    }

    /// The screen as text, one line per row, trailing blanks trimmed.
    pub fn screen_text(&self) -> String {
        self.with_screen(vt100::Screen::contents)
    }

    /// Reads the current screen (cells, attributes, cursor) under the parser's lock.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap_or_else(PoisonError::into_inner).screen())
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

    /// The binary's process id, for sending it signals.
    /// Presses `q` and waits for fasett to exit cleanly.
    pub fn quit(&mut self) {
        self.send("q");
        let status = self.wait_exit(TIMEOUT);
        assert!(status.success(), "fasett exited with {status:?}; the screen:\n{}", self.screen_text());
    }

    pub fn process_id(&self) -> Option<u32> {
        self.child.process_id()
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
