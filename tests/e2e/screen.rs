//! End to end, issue 15: fasett owns the whole screen and stays quiet. Old text never shows
//! through (with or without an alternate screen), `Ctrl-L` and a stop and continue draw
//! everything again, nothing is written while nothing changes, and a key costs few bytes.

use std::thread;
use std::time::Duration;

use crate::pty::{Pty, Sandbox, Screen, TIMEOUT};

/// No output for this long: the frame is complete.
const QUIET: Duration = Duration::from_millis(400);

/// A screen full of old text in colour, as a shell session leaves it.
fn old_text() -> Vec<u8> {
    let mut text = b"\x1b[H".to_vec();
    for row in 0..24 {
        let colour = if row % 2 == 0 { "\x1b[41m" } else { "\x1b[0m" };
        text.extend_from_slice(colour.as_bytes());
        text.extend_from_slice(format!("\x1b[{};1H", row + 1).as_bytes());
        text.extend_from_slice("OLDTEXT ".repeat(10).as_bytes());
    }
    text
}

/// Waits until the process is stopped (as a shell waits before it sends SIGCONT).
fn wait_stopped(app: &Pty) {
    let pid = app.process_id().expect("a process id");
    let start = std::time::Instant::now();
    loop {
        let status = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // The state follows the command name in parentheses.
        if status.rsplit(')').next().is_some_and(|rest| rest.trim_start().starts_with('T')) {
            return;
        }
        assert!(start.elapsed() <= TIMEOUT, "fasett did not stop: {status}");
        thread::sleep(Duration::from_millis(10));
    }
}

/// Cells anywhere on the screen with a red background (the old text's).
fn red_cells(app: &Pty) -> usize {
    app.count_cells(|c| c.bgcolor() == vt100::Color::Idx(1))
}

#[test]
fn old_text_never_shows_through_with_or_without_an_alternate_screen() {
    for alternate_screen_ignored in [false, true] {
        let sandbox = Sandbox::new();
        let screen = Screen { before: old_text(), alternate_screen_ignored, ..Screen::default() };
        let mut app = sandbox.spawn_on(["demo"], &screen);
        app.wait_for("? help", TIMEOUT);
        app.settle(QUIET);
        let shown = app.screen_text();
        assert!(!shown.contains("OLD"), "old text shows through:\n{shown}");
        assert_eq!(red_cells(&app), 0, "the old background shows through:\n{shown}");

        // Another program writes over the screen; Ctrl-L brings it back as it was.
        app.scribble(b"\x1b[5;10H\x1b[41mGARBAGE GARBAGE\x1b[12;3HGARBAGE\x1b(0qqqq");
        app.wait_for("GARBAGE", TIMEOUT);
        app.send_bytes(b"\x0c");
        app.wait_until("the screen as it was", TIMEOUT, |now| now == shown);
        assert_eq!(red_cells(&app), 0);
        app.quit();
    }
}

#[test]
fn continued_after_a_stop_it_draws_the_whole_screen_again() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn_on(["demo"], &Screen { alternate_screen_ignored: true, ..Screen::default() });
    app.wait_for("? help", TIMEOUT);
    app.settle(QUIET);
    let shown = app.screen_text();

    // Stopped where it cannot notice (SIGSTOP), drawn over, continued.
    app.signal("STOP");
    wait_stopped(&app);
    app.scribble(b"\x1b[H\x1b[2JWHILE STOPPED");
    app.wait_for("WHILE STOPPED", TIMEOUT);
    app.signal("CONT");
    app.wait_until("the screen as it was", TIMEOUT, |now| now == shown);

    // Asked to stop (SIGTSTP): the terminal is handed back first, and taken again after.
    app.signal("TSTP");
    app.wait_until("the cursor shown again", TIMEOUT, |_| !app.with_screen(vt100::Screen::hide_cursor));
    wait_stopped(&app);
    app.scribble(b"\x1b[H\x1b[2J$ jobs");
    app.signal("CONT");
    app.wait_until("the screen as it was", TIMEOUT, |now| now == shown);
    app.quit();
}

#[test]
fn nothing_is_written_while_nothing_changes_and_a_key_costs_few_bytes() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.start(["demo"]);
    let first_frame = app.settle(QUIET);

    let before = app.bytes_written();
    thread::sleep(Duration::from_secs(5));
    assert_eq!(app.bytes_written() - before, 0, "bytes written in 5 s of doing nothing");

    let mut bytes_for = |keys: &str| {
        let before = app.settle(QUIET);
        app.send(keys);
        app.settle(QUIET) - before
    };
    let pane_switch = bytes_for("2");
    let move_down = bytes_for("j");
    assert!(move_down <= 300, "one j in the register wrote {move_down} bytes");
    // A pane switch rewrites the body; well below a full frame (see BENCHMARKS.md for why
    // half of one is out of reach: the new pane's text alone is 70 % of a frame's).
    assert!(
        pane_switch * 100 <= first_frame * 85,
        "a pane switch wrote {pane_switch} bytes, the first frame {first_frame}"
    );
    app.quit();
}

/// `large.json` in a new sandbox, over 1 MB: large enough that reading it takes a moment, and
/// that its first frame is drawn from a glance while the rest is read.
fn large_file(seed: u64) -> (Sandbox, std::path::PathBuf, fasett::model::Portfolio) {
    let size = fasett::generate::Size { initiatives: 1500, assessments: 5, seed, ..Default::default() };
    let portfolio = fasett::generate::portfolio(size);
    let sandbox = Sandbox::new();
    let file = sandbox.write("large.json", fasett::store::to_json(&portfolio));
    assert!(std::fs::metadata(&file).expect("written").len() > 1 << 20);
    (sandbox, file, portfolio)
}

#[test]
fn keys_typed_while_a_large_file_loads_act_on_all_of_it_and_nothing_is_lost() {
    let (sandbox, file, portfolio) = large_file(7);
    let mut app = sandbox.spawn(["--file", "large.json"]);
    // At once, before the full load can have finished: a move, then quit.
    app.send("\x1b[1;2C");
    app.wait_for("? help", TIMEOUT);
    app.wait_for("moved to", TIMEOUT);
    app.quit();
    let saved = fasett::store::load(&file).expect("loads").expect("exists");
    assert_eq!(saved.initiatives.len(), portfolio.initiatives.len());
    let changed: Vec<_> =
        saved.initiatives.iter().zip(&portfolio.initiatives).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "exactly the moved initiative changed");
    let (after, before) = changed[0];
    assert_ne!(after.facet, before.facet);
    assert_eq!(after.description, before.description, "the description survived the glance");
    assert_eq!((&after.log, &saved.assessments), (&before.log, &portfolio.assessments));
}

#[test]
fn a_large_files_first_frame_is_drawn_once_and_the_whole_file_changes_nothing_on_it() {
    let (sandbox, _, portfolio) = large_file(3);
    let mut app = sandbox.spawn(["--file", "large.json"]);
    app.wait_for("? help", TIMEOUT);
    let started = app.settle(QUIET);
    let first = app.screen_text();
    // Ctrl-L draws the whole screen once, as the start does: had the whole file's frame
    // differed from the glance's, the start would have written more.
    app.send_bytes(b"\x0c");
    let redrawn = app.settle(QUIET) - started;
    assert_eq!(app.screen_text(), first);
    let modes = "\x1b[?1049h\x1b[?2004h".len();
    assert!(started <= redrawn + modes, "the start wrote {started} bytes, a whole frame is {redrawn}");
    // And it is the whole file that answers the keys: its last initiative is in the register.
    let last = portfolio.initiatives.last().expect("initiatives");
    app.send("2G");
    app.wait_for(&format!("#{}", last.id), TIMEOUT);
    app.quit();
}
