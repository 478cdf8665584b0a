//! Whole-process start-up, peak memory and bytes on the wire, measured on the release binary
//! in an 80×24 pseudo-terminal (docs/contracts.md, "Speed budgets"):
//!
//! ```text
//! cargo build --release && cargo run --release --example startup -- FILE [RUNS]
//! ```
//! For each run: a fresh copy of FILE in a temporary folder (so locks and backups start
//! clean), `fasett --file COPY` spawned in a pty, and the time until the first full frame is
//! on screen (the footer's `? help`). Then, in the last run, the bytes fasett writes to the
//! terminal for: `j` in the Initiatives pane, one more filter character, and a pane switch;
//! then `VmHWM` (peak resident memory) from /proc before quitting. `FASETT_BIN=PATH` measures
//! another binary.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(30);
/// No output for this long after a key: the frame is complete.
const QUIET: Duration = Duration::from_millis(150);

struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    bytes: Arc<AtomicUsize>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn spawn(binary: &Path, file: &Path, home: &Path) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(binary);
        cmd.arg("--file");
        cmd.arg(file);
        cmd.env_clear();
        cmd.env("HOME", home);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("LANG", "C.UTF-8");
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).expect("spawning fasett");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a pty reader");
        let writer = pair.master.take_writer().expect("a pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let bytes = Arc::new(AtomicUsize::new(0));
        let (feed, count) = (Arc::clone(&screen), Arc::clone(&bytes));
        thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                feed.lock().unwrap_or_else(PoisonError::into_inner).process(&buf[..n]);
                count.fetch_add(n, Ordering::SeqCst);
            }
        });
        Self { screen, bytes, writer, child, _master: pair.master }
    }

    fn shows(&self, text: &str) -> bool {
        self.screen.lock().unwrap_or_else(PoisonError::into_inner).screen().contents().contains(text)
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !self.shows(text) {
            assert!(start.elapsed() < TIMEOUT, "gave up waiting for {text:?}");
            thread::sleep(Duration::from_micros(200));
        }
    }

    /// Waits until nothing has been written for [`QUIET`].
    fn settle(&self) {
        let mut last = self.bytes.load(Ordering::SeqCst);
        let mut since = Instant::now();
        while since.elapsed() < QUIET {
            thread::sleep(Duration::from_millis(5));
            let now = self.bytes.load(Ordering::SeqCst);
            if now != last {
                last = now;
                since = Instant::now();
            }
        }
    }

    /// Sends `keys` and returns how many bytes fasett wrote in answer.
    fn bytes_for(&mut self, keys: &[u8]) -> usize {
        self.settle();
        let before = self.bytes.load(Ordering::SeqCst);
        self.writer.write_all(keys).expect("writing to the pty");
        self.writer.flush().expect("flushing the pty");
        self.settle();
        self.bytes.load(Ordering::SeqCst) - before
    }

    fn peak_memory_kb(&self) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    fn quit(mut self) {
        let _ = self.writer.write_all(b"q");
        let _ = self.writer.flush();
        let start = Instant::now();
        while self.child.try_wait().ok().flatten().is_none() {
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                break;
            }
            thread::sleep(Duration::from_millis(5));
        }
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next().map(PathBuf::from) else {
        eprintln!("usage: startup FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(10);
    // `FASETT_BIN` measures another build (e.g. the one before an optimisation).
    let binary = std::env::var_os("FASETT_BIN")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/fasett"), PathBuf::from);
    let binary = std::path::absolute(&binary).expect("an absolute path");
    assert!(binary.exists(), "build the release binary first: cargo build --release");
    let mut times = Vec::new();
    let mut last = None;
    for run in 0..runs {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let copy = dir.path().join("portfolio.json");
        std::fs::copy(&file, &copy).expect("copying the portfolio");
        let start = Instant::now();
        let session = Session::spawn(&binary, &copy, dir.path());
        session.wait_for("? help");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        if run + 1 == runs {
            last = Some((session, dir));
        } else {
            session.quit();
        }
    }
    let (mut session, _dir) = last.expect("at least one run");
    let first_frame = session.bytes.load(Ordering::SeqCst);
    let to_register = session.bytes_for(b"2");
    let move_down = session.bytes_for(b"j");
    let move_down_again = session.bytes_for(b"j");
    let start_filter = session.bytes_for(b"/");
    let filter_char = session.bytes_for(b"v");
    let filter_char_again = session.bytes_for(b"e");
    let leave_filter = session.bytes_for(b"\x1b");
    let to_grid = session.bytes_for(b"1");
    let grid_move = session.bytes_for(b"j");
    let peak = session.peak_memory_kb();
    session.quit();

    let best = times.iter().copied().fold(f64::INFINITY, f64::min);
    println!("file: {}", file.display());
    println!("start to first full frame: median {:.1} ms, best {best:.1} ms over {runs} runs", median(times));
    match peak {
        Some(kb) => println!("peak memory (VmHWM): {:.1} MB", kb as f64 / 1024.0),
        None => println!("peak memory: not available"),
    }
    println!("bytes written: first frame {first_frame}");
    println!("  pane switch 1→2: {to_register}, 2→1 (after Esc): {to_grid}");
    println!("  j in Initiatives: {move_down}, again: {move_down_again}");
    println!(
        "  / (open filter): {start_filter}, one more character: {filter_char}, again: {filter_char_again}, Esc: {leave_filter}"
    );
    println!("  j on the grid: {grid_move}");
}
