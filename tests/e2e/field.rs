//! End to end, issue 8: the real binary in a pseudo-terminal, stopped the hard ways — SIGHUP in
//! the middle of typing, SIGHUP after an edit, the terminal hung up, a forced panic — and a file
//! changed by another program while it is open.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use portable_pty::{PtySize, native_pty_system};

use fasett::model::Initiative;

use crate::pty::{Key, Pty, Sandbox, TIMEOUT};
use crate::{first_capture, open_shared, quick_capture, titles, write_theirs};

/// Types `text` into quick capture and stops fasett with `signal` before anything is saved;
/// the exit code must tell the signal. The data file and its recovery file.
fn stopped_while_typing(sandbox: &Sandbox, text: &str, signal: &str, number: u32) -> (PathBuf, PathBuf) {
    let mut app = quick_capture(sandbox);
    app.press(text, text);
    app.signal(signal);
    assert_eq!(app.wait_exit(TIMEOUT).exit_code(), 128 + number, "exit status says SIG{signal}");
    let file = sandbox.default_file();
    let recovery = recovery_of(&file);
    (file, recovery)
}

/// The next start, which offers the interrupted session's text back.
fn offered_back(sandbox: &Sandbox) -> Pty {
    let app = sandbox.spawn::<_, &str>([]);
    app.wait_for("Text from an interrupted session", TIMEOUT);
    app
}

fn recovery_of(file: &Path) -> PathBuf {
    let mut name = file.file_name().expect("a file name").to_owned();
    name.push(".recovery");
    file.with_file_name(name)
}

#[test]
fn sighup_while_typing_keeps_the_text_and_the_next_start_offers_it_back() {
    let sandbox = Sandbox::new();
    let (file, recovery) = stopped_while_typing(&sandbox, "Halvskriven idé om nattpatrull", "HUP", 1);
    let kept = std::fs::read_to_string(&recovery).expect("the recovery file was written");
    assert!(kept.contains("Halvskriven idé om nattpatrull"), "{kept}");
    assert!(!file.exists(), "nothing was committed, so nothing was written to the data file");

    // The next start offers the text back; y reopens the form with it.
    let mut app = offered_back(&sandbox);
    app.wait_for("Halvskriven idé om nattpatrull", TIMEOUT);
    app.press("y", "New initiative");
    app.wait_for("Halvskriven idé om nattpatrull", TIMEOUT);
    app.press_key(Key::CtrlS, "#1 created and saved");
    app.quit();
    assert_eq!(titles(&file), ["Halvskriven idé om nattpatrull"]);
    assert!(!recovery.exists(), "removed once the text was saved");
}

#[test]
fn discarding_recovered_text_removes_the_file() {
    let sandbox = Sandbox::new();
    let (_, recovery) = stopped_while_typing(&sandbox, "Skiss", "TERM", 15);
    assert!(recovery.exists());

    let mut app = offered_back(&sandbox);
    app.wait_for("Delete discards", TIMEOUT);
    // Typing ahead (`n` for a new initiative, then a title) leaves the offer open.
    app.send("nSkiss 2");
    app.press_key(Key::Esc, "The recovered text stays in");
    assert!(recovery.exists(), "Esc decides later: the text is kept");
    app.quit();

    let mut app = offered_back(&sandbox);
    app.press("\x1b[3~", "discarded");
    assert!(!recovery.exists());
    app.quit();
}

#[test]
fn sighup_after_an_edit_finds_the_edit_in_the_file() {
    let sandbox = Sandbox::new();
    let file = sandbox.default_file();
    let mut app = first_capture(&sandbox, "Sparad före avbrottet");
    app.signal("HUP");
    assert_eq!(app.wait_exit(TIMEOUT).exit_code(), 128 + 1);
    assert_eq!(titles(&file), ["Sparad före avbrottet"]);
    assert!(!recovery_of(&file).exists(), "no text was being typed");
    // The screen was given back: the alternate screen is left and the message is shown.
    app.wait_for("stopped by SIGHUP", TIMEOUT);
}

/// The limit: gone within 2 s of the terminal hanging up. Measured from the moment
/// the last master descriptor closes.
const HANG_UP_LIMIT: Duration = Duration::from_secs(2);

#[test]
fn a_hung_up_terminal_ends_the_process_within_two_seconds() {
    let sandbox = Sandbox::new();
    let pair = native_pty_system()
        .openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 })
        .expect("a pseudo-terminal");
    let mut child = pair.slave.spawn_command(sandbox.pty_command::<_, &str>([])).expect("spawns fasett");
    drop(pair.slave);
    // Read (on this thread, so no other copy of the master stays open) until the first frame.
    let mut reader = pair.master.try_clone_reader().expect("a reader");
    let writer = pair.master.take_writer().expect("a writer");
    let mut parser = vt100::Parser::new(24, 80, 0);
    let start = Instant::now();
    let mut buf = [0u8; 8192];
    while !parser.screen().contents().contains("? help") {
        assert!(start.elapsed() < TIMEOUT, "no first frame:\n{}", parser.screen().contents());
        let n = reader.read(&mut buf).expect("reads the terminal");
        parser.process(&buf[..n]);
    }
    drop(reader);
    drop(writer);
    drop(pair.master);
    let hung_up = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("asks") {
            eprintln!("fasett exited {:?} after the hang-up ({status:?})", hung_up.elapsed());
            assert!(status.signal().is_none(), "it exited, it did not crash: {status:?}");
            break;
        }
        assert!(hung_up.elapsed() <= HANG_UP_LIMIT, "fasett still runs {HANG_UP_LIMIT:?} after the hang-up");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Types a title into a new initiative, then presses `key`, which panics under
/// `FASETT_TEST_PANIC`: fasett must leave the alternate screen, say `said` and that it stopped
/// because of a bug, keep the text in the recovery file and leave the data file as it was.
fn a_panic_on(key: &[u8], said: &str) {
    let mut sandbox = Sandbox::new();
    sandbox.env("FASETT_TEST_PANIC", "1");
    let file = sandbox.default_file();
    let recovery = recovery_of(&file);
    let mut app = first_capture(&sandbox, "Första");
    let before = std::fs::read(&file).expect("saved");
    app.press("n", "New initiative");
    app.press("Text före kraschen", "Text före kraschen");
    app.send_bytes(key);
    let status = app.wait_exit(TIMEOUT);
    assert!(!status.success());
    app.wait_for(said, TIMEOUT);
    app.wait_for("fasett stopped because of a bug", TIMEOUT);
    app.wait_for("portfolio.json.recovery", TIMEOUT);
    assert!(!app.with_screen(vt100::Screen::alternate_screen), "the alternate screen was left");
    assert_eq!(std::fs::read(&file).expect("still there"), before, "the data file is untouched");
    let kept = std::fs::read_to_string(&recovery).expect("the recovery file was written");
    assert!(kept.contains("Text före kraschen"), "{kept}");
}

#[test]
fn a_panic_restores_the_terminal_keeps_the_text_and_leaves_the_file_alone() {
    a_panic_on(b"\x1b[24~", "forced by FASETT_TEST_PANIC (F12)"); // F12
}

/// A background thread's panic, carried on to the interface's thread, does the same: it
/// used to skip the hook and leave the terminal raw, the text lost and nothing said.
#[test]
fn a_panic_on_a_background_thread_restores_the_terminal_and_keeps_the_text() {
    a_panic_on(b"\x1b[23~", "on a background thread"); // F11
}

#[test]
fn a_file_changed_by_another_program_is_shown_and_can_be_reloaded() {
    let sandbox = Sandbox::new();
    let (file, mut app) = open_shared(&sandbox);

    // Another program (a sync tool, git pull) writes the file.
    write_theirs(&file, Initiative { id: 4, title: "Från git pull".into(), ..Initiative::default() });
    app.wait_for("The file was changed by another program", TIMEOUT);
    app.wait_for("Changed on disk: #4.", TIMEOUT);
    app.press("R", "1 initiative is new: #4");
    std::thread::sleep(fasett::app::DIALOG_SETTLE);
    app.press("L", "Reloaded the file");
    app.press("2", "Från git pull");
    app.quit();
    assert_eq!(titles(&file), ["Från git pull"], "theirs kept");
}
