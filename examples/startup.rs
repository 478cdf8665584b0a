//! Whole-process start-up, peak memory and bytes on the wire, measured on the release binary
//! in an 80×24 pseudo-terminal (docs/contracts.md, "Speed budgets"):
//!
//! ```text
//! cargo build --release && cargo run --release --example startup -- FILE [RUNS] [--keys N] [--visidata CSV]
//! ```
//! For each run: a fresh copy of FILE in a temporary folder (so locks and backups start
//! clean), `fasett --file COPY` spawned in a pty, and the time until the first full frame is
//! on screen (the footer's `? help`). Then, in the last run, the bytes fasett writes to the
//! terminal for: `j` in the Initiatives pane, one more filter character, and a pane switch;
//! then `VmHWM` (peak resident memory) from /proc before quitting. `FASETT_BIN=PATH` measures
//! another binary.
//!
//! `--keys N`: key to frame for edits that are saved, N times each: Shift-→/← on the grid,
//! `u` (undo), Ctrl-s in the edit form, a checklist score. Measured from writing the key to
//! the first byte of the answer and to the end of its burst (the frame), medians.
//!
//! `--visidata CSV`: also opens CSV (the same rows, `fasett export --delimiter ,`) in
//! `VisiData` (`vd`, installed by hand: `pip install visidata`) in the same pty size, taking
//! turns with fasett, until its status line counts every row; prints both medians and their
//! ratio.

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
/// A pause this long ends a burst of output (one frame, however many writes it takes).
const BURST_GAP: Duration = Duration::from_millis(3);

struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    bytes: Arc<AtomicUsize>,
    /// When each read of the terminal's output came, and how many bytes it brought.
    reads: Arc<Mutex<Vec<(Instant, usize)>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn spawn(binary: &Path, file: &Path, home: &Path) -> Self {
        let mut cmd = CommandBuilder::new(binary);
        cmd.arg("--file");
        cmd.arg(file);
        Self::run(cmd, home)
    }

    fn run(mut cmd: CommandBuilder, home: &Path) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        cmd.env_clear();
        cmd.env("HOME", home);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("LANG", "C.UTF-8");
        cmd.env("TERM", "xterm-256color");
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd.cwd(home);
        let child = pair.slave.spawn_command(cmd).expect("spawning the program");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a pty reader");
        let writer = pair.master.take_writer().expect("a pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let bytes = Arc::new(AtomicUsize::new(0));
        let reads = Arc::new(Mutex::new(Vec::new()));
        let (feed, count, log) = (Arc::clone(&screen), Arc::clone(&bytes), Arc::clone(&reads));
        thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                let now = Instant::now();
                feed.lock().unwrap_or_else(PoisonError::into_inner).process(&buf[..n]);
                count.fetch_add(n, Ordering::SeqCst);
                log.lock().unwrap_or_else(PoisonError::into_inner).push((now, n));
            }
        });
        Self { screen, bytes, reads, writer, child, _master: pair.master }
    }

    /// The screen's last row.
    fn last_row(&self) -> String {
        let parser = self.screen.lock().unwrap_or_else(PoisonError::into_inner);
        let (rows, cols) = parser.screen().size();
        parser.screen().contents_between(rows - 1, 0, rows - 1, cols)
    }

    fn send(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).expect("writing to the pty");
        self.writer.flush().expect("flushing the pty");
    }

    /// Sends `keys` and returns, in ms after writing them, when the first byte of the
    /// answer came and when its burst ended (no more bytes for [`BURST_GAP`]): the frame.
    fn latency(&mut self, keys: &[u8]) -> (f64, f64) {
        self.settle();
        let start = Instant::now();
        let before = self.bytes.load(Ordering::SeqCst);
        self.send(keys);
        // A slow answer (a save before the frame) is waited for, then its end.
        while self.bytes.load(Ordering::SeqCst) == before && start.elapsed() < TIMEOUT {
            thread::sleep(Duration::from_micros(100));
        }
        self.settle();
        let reads = self.reads.lock().unwrap_or_else(PoisonError::into_inner);
        let answer: Vec<Instant> = reads.iter().map(|(t, _)| *t).filter(|t| *t >= start).collect();
        let Some(first) = answer.first().copied() else { return (f64::NAN, f64::NAN) };
        let mut end = first;
        for t in &answer[1..] {
            if t.duration_since(end) > BURST_GAP {
                break;
            }
            end = *t;
        }
        let ms = |t: Instant| t.duration_since(start).as_secs_f64() * 1000.0;
        (ms(first), ms(end))
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

    /// Waits until nothing has been written for [`QUIET`]; gives up, saying so, if that
    /// does not come within [`TIMEOUT`].
    fn settle(&self) {
        let mut last = self.bytes.load(Ordering::SeqCst);
        let mut since = Instant::now();
        let start = Instant::now();
        while since.elapsed() < QUIET {
            assert!(start.elapsed() < TIMEOUT, "fasett kept writing for {TIMEOUT:?}: {:?}", self.last_row());
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

/// Key to frame for saved edits, `n` times each: (name, first byte, end of frame) medians.
fn key_latencies(session: &mut Session, n: usize) -> Vec<(&'static str, f64, f64)> {
    let mut results = Vec::new();
    let mut record = |name, samples: Vec<(f64, f64)>| {
        let (first, end): (Vec<f64>, Vec<f64>) = samples.into_iter().unzip();
        results.push((name, median(first), median(end)));
    };
    session.latency(b"1");
    // The first save of a session also makes the backup: not what a key costs afterwards.
    session.latency(b"\x1b[1;2C");
    session.latency(b"\x1b[1;2D");
    let moves =
        (0..n).map(|i| session.latency(if i % 2 == 0 { b"\x1b[1;2C" } else { b"\x1b[1;2D" })).collect();
    record("Shift-→/← on the grid", moves);
    let undos = (0..n)
        .map(|_| {
            let measured = session.latency(b"u");
            session.latency(b"\x12");
            measured
        })
        .collect();
    record("u (undo)", undos);
    let saves = (0..n)
        .map(|i| {
            session.latency(b"e");
            session.latency(b"\x1b[F");
            session.latency(if i % 2 == 0 { b"x" } else { b"\x7f" });
            session.latency(b"\x13")
        })
        .collect();
    record("Ctrl-s in the edit form", saves);
    session.latency(b"3");
    session.latency(b"\r");
    let scores = (0..n).map(|i| session.latency(if i % 2 == 0 { b"1" } else { b"2" })).collect();
    record("a checklist score (1, 2)", scores);
    results
}

/// `VisiData` opening `csv` until its status line counts `rows` rows; ms.
fn visidata(csv: &Path, rows: usize) -> f64 {
    let home = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir_all(home.path().join(".local/share/visidata")).expect("VisiData's folder");
    std::fs::create_dir_all(home.path().join("data")).expect("a data folder");
    let mut cmd = CommandBuilder::new("vd");
    cmd.arg(csv);
    let start = Instant::now();
    let mut session = Session::run(cmd, home.path());
    let count = rows.to_string();
    while !session.last_row().contains(&count) {
        assert!(start.elapsed() < TIMEOUT, "gave up waiting for VisiData to count {rows} rows");
        thread::sleep(Duration::from_micros(500));
    }
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    session.send(b"gq");
    let _ = session.child.kill();
    ms
}

/// Start-up, peak memory and bytes on the wire of the release binary in an 80×24
/// pseudo-terminal (build it first: `cargo build --release`; `FASETT_BIN=PATH` measures
/// another binary).
#[derive(Debug, clap::Parser)]
#[command(name = "startup")]
struct Args {
    /// The data file to open (a fresh copy each run).
    file: PathBuf,
    /// How many starts to time.
    #[arg(default_value_t = 10)]
    runs: usize,
    /// Also time N saved edits each, key to frame (15 without N).
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "15", default_value_t = 0)]
    keys: usize,
    /// Also time `VisiData` (`vd`) opening CSV, the same rows, for comparison.
    #[arg(long, value_name = "CSV")]
    visidata: Option<PathBuf>,
}

fn main() {
    let Args { file, runs, keys, visidata: csv } = clap::Parser::parse();
    let runs = runs.max(1);
    if !file.is_file() {
        eprintln!("startup: {} is not a file", file.display());
        std::process::exit(2);
    }
    // `FASETT_BIN` measures another build (e.g. the one before an optimisation).
    let binary = std::env::var_os("FASETT_BIN")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/fasett"), PathBuf::from);
    let binary = std::path::absolute(&binary).expect("an absolute path");
    if !binary.exists() {
        eprintln!("startup: {} is not there; build it first: cargo build --release", binary.display());
        std::process::exit(2);
    }
    let rows =
        csv.as_ref().map(|_| fasett::store::load(&file).ok().flatten().map_or(0, |p| p.initiatives.len()));
    let mut times = Vec::new();
    let mut vd_times = Vec::new();
    let mut last = None;
    for run in 0..runs {
        if let (Some(csv), Some(rows)) = (&csv, rows) {
            vd_times.push(visidata(csv, rows));
        }
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
    let latencies = if keys > 0 { key_latencies(&mut session, keys) } else { Vec::new() };
    let peak = session.peak_memory_kb();
    session.quit();

    let best = times.iter().copied().fold(f64::INFINITY, f64::min);
    let fasett_median = median(times);
    println!("file: {}", file.display());
    println!("start to first full frame: median {fasett_median:.1} ms, best {best:.1} ms over {runs} runs");
    if !vd_times.is_empty() {
        let vd = median(vd_times);
        println!(
            "VisiData to all {} rows counted: median {vd:.1} ms; fasett ÷ VisiData = {:.3}",
            rows.unwrap_or(0),
            fasett_median / vd
        );
    }
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
    for (name, first, end) in latencies {
        println!(
            "key to frame, {name}: first byte {first:.2} ms, frame done {end:.2} ms (medians of {keys})"
        );
    }
}
