//! End to end, issue 15: text typed anywhere survives `kill -9` (written within two seconds of
//! the last key), and a read-only session becomes writable without a restart — from a holder
//! left stopped by a dropped connection, or one that has closed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fasett::recovery::path_for as recovery_of;

use crate::pty::{Key, Pty, Sandbox, TIMEOUT};
use crate::{en, open_shared, quick_capture, read_json, titles, welcome};

/// The promise: what was typed is in the recovery file within two seconds of the last
/// key; the tests kill after three.
const TYPED_TO_DISK: Duration = Duration::from_secs(3);
/// The limit for a takeover from a stopped holder.
const TAKEOVER_LIMIT: Duration = Duration::from_secs(3);

fn lock_of(file: &Path) -> PathBuf {
    let mut name = file.file_name().expect("a file name").to_owned();
    name.push(".lock");
    file.with_file_name(name)
}

/// Waits the promised time after `typed` was typed, kills without a chance to clean up, and
/// checks that the recovery file beside the sandbox's portfolio kept it.
fn kill_hard_after_typing(mut app: Pty, sandbox: &Sandbox, typed: &str) {
    std::thread::sleep(TYPED_TO_DISK);
    app.signal("KILL");
    app.wait_exit(TIMEOUT);
    let kept = std::fs::read_to_string(recovery_of(&sandbox.default_file()))
        .expect("the recovery file was written while typing");
    assert!(kept.contains(typed), "{kept}");
}

/// Starts again after a kill: the recovery dialog names the draft as `offered`, and `y` puts
/// `typed` back where it was typed, in the place that shows `reopened`.
fn restart_and_take_back(sandbox: &Sandbox, offered: &str, reopened: &str, typed: &str) -> Pty {
    let mut app = sandbox.spawn::<_, &str>([]);
    app.wait_for("Text from an interrupted session", TIMEOUT);
    app.wait_for(offered, TIMEOUT);
    app.press("y", reopened);
    app.wait_for(typed, TIMEOUT);
    app
}

/// Waits until `done` holds: a save is confirmed on screen a moment after it is on disk.
fn eventually(what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < TIMEOUT, "gave up waiting: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The footer: the line that offers `? help`.
fn footer_of(app: &Pty) -> String {
    app.screen_text().lines().rfind(|l| l.contains("? help")).unwrap_or_default().to_owned()
}

/// A sandbox whose user has a name (the takeover asks only this user's fasett), and the first
/// fasett on an existing file, so that it holds the lock from the start.
fn shared() -> (Sandbox, PathBuf, Pty) {
    let mut sandbox = Sandbox::new();
    sandbox.env("USER", "anna");
    let (file, holder) = open_shared(&sandbox);
    (sandbox, file, holder)
}

#[test]
fn kill_9_three_seconds_after_typing_a_title_offers_it_at_restart() {
    let sandbox = Sandbox::new();
    let mut app = quick_capture(&sandbox);
    app.press("Titel före strömavbrottet", "Titel före strömavbrottet");
    kill_hard_after_typing(app, &sandbox, "Titel före strömavbrottet");

    let offered = "a new initiative “Titel före strömavbrottet”";
    restart_and_take_back(&sandbox, offered, "New initiative", "Titel före strömavbrottet");
}

#[test]
fn kill_9_three_seconds_after_typing_a_vision_offers_it_at_restart() {
    let sandbox = Sandbox::new();
    let file = sandbox.default_file();
    let mut app = welcome(&sandbox);
    app.press("o", "Name:");
    app.send("Testby kommun");
    app.press_key(Key::Enter, "Saved");
    app.send("j");
    app.press_key(Key::Enter, "Vision:");
    app.press("En trygg kommun", "En trygg kommun");
    kill_hard_after_typing(app, &sandbox, "En trygg kommun");
    assert_eq!(read_json(&file)["organisation"]["vision"], "", "only the name was saved");

    let offered = "a half-written vision: “En trygg kommun”";
    let mut app = restart_and_take_back(&sandbox, offered, "Organisation profile", "En trygg kommun");
    app.wait_for("Vision: En trygg kommun", TIMEOUT);
    app.send_key(Key::Enter);
    eventually("the vision is saved", || read_json(&file)["organisation"]["vision"] == "En trygg kommun");
    assert!(!recovery_of(&file).exists(), "removed once the text was saved");
}

#[test]
fn kill_9_three_seconds_after_typing_a_checklist_note_offers_it_at_restart() {
    let sandbox = Sandbox::new();
    let file = sandbox.default_file();
    let mut app = sandbox.start::<_, &str>([]);
    app.press("3", "No checklist runs yet");
    app.press("n", "New checklist run");
    app.press_key(Key::Enter, "0/");
    app.press("1", "1/");
    // The score moved the cursor on; the note is for the item just scored.
    app.send("k");
    app.press_key(Key::Enter, "save the note");
    app.press("Misslyckanden tystas ned", "Misslyckanden tystas ned");
    kill_hard_after_typing(app, &sandbox, "Misslyckanden tystas ned");

    let offered = "a note on item 1 of run #1: “Misslyckanden tystas ned”";
    let mut app = restart_and_take_back(&sandbox, offered, "save the note", "Misslyckanden tystas ned");
    app.press_key(Key::Enter, "Note saved");
    let note = || read_json(&file)["assessments"][0]["answers"][0]["note"].clone();
    eventually("the note is saved", || note() == "Misslyckanden tystas ned");
}

#[test]
fn takeover_from_a_stopped_holder_is_writable_within_3_s_and_offers_its_draft() {
    let (sandbox, file, mut holder) = shared();
    holder.press("2n", "New initiative");
    holder.press("Skrivet före tunneln", "Skrivet före tunneln");
    // The connection froze: the holder is stopped, as a sleeping laptop's ssh would be.
    holder.signal("STOP");

    let mut second = sandbox.spawn(["--file", "shared.json"]);
    second.wait_for("[read-only]", TIMEOUT);
    second.wait_for("asks that fasett to save and close", TIMEOUT);
    let asked = Instant::now();
    second.send(":takeover");
    second.send_key(Key::Enter);
    second.wait_for("Text from an interrupted session", TAKEOVER_LIMIT);
    second.wait_for("Skrivet före tunneln", TIMEOUT);
    assert!(asked.elapsed() <= TAKEOVER_LIMIT, "writable after {:?}", asked.elapsed());
    second.wait_for_gone("[read-only]", TIMEOUT);

    // The holder saved, kept its text and left as on a hang-up.
    assert_eq!(holder.wait_exit(TIMEOUT).exit_code(), 128 + 1, "it ended as on SIGHUP");
    let lock = std::fs::read_to_string(lock_of(&file)).expect("the lock file");
    let second_pid = second.process_id().expect("runs");
    assert!(lock.contains(&format!("pid {second_pid},")), "the lock names the new holder only: {lock}");
    assert!(titles(&file).is_empty(), "the file is whole and holds no half-typed title");

    second.press("y", "New initiative");
    second.press_key(Key::CtrlS, "created and saved");
    eventually("the restored title is saved", || titles(&file) == ["Skrivet före tunneln"]);
    second.quit();
    assert_eq!(std::fs::read_to_string(lock_of(&file)).unwrap_or_default(), "", "no stale lock text");
    assert!(!recovery_of(&file).exists(), "the draft was saved, so its recovery file is gone");
}

#[test]
fn after_the_holder_quits_a_read_only_session_takes_over_and_its_next_edit_is_in_the_file() {
    let (sandbox, file, mut holder) = shared();
    let mut second = sandbox.spawn(["--file", "shared.json"]);
    second.wait_for("[read-only]", TIMEOUT);
    second.wait_for("T take the file over", TIMEOUT);
    // Read-only: the footer offers the way out, not edits, and an edit key says why not.
    let footer = footer_of(&second);
    assert!(footer.contains("T take the file over"), "{footer}\n{}", second.screen_text());
    second.press("2", "Initiatives (0)");
    let footer = footer_of(&second);
    assert!(!footer.contains(" n "), "no new-initiative key offered: {footer}");
    second.press("n", &en("takeover.locked_short"));

    holder.quit();
    // The session notices the freed lock by itself and says so.
    second.wait_for("has closed the file", TIMEOUT);
    second.press("T", &en("takeover.done"));
    second.wait_for_gone("[read-only]", TIMEOUT);
    second.press("n", "New initiative");
    second.send("Efter överlämningen");
    second.press_key(Key::Enter, "created and saved");
    eventually("the edit is in the file", || titles(&file) == ["Efter överlämningen"]);
    second.quit();
}

#[test]
fn kill_9_three_seconds_after_typing_a_benefit_offers_it_at_restart() {
    let sandbox = Sandbox::new();
    let file = sandbox.default_file();
    crate::pty::write_file(&file, fasett::store::to_json(&fasett::testing::sample()));
    let mut app = sandbox.start::<_, &str>([]);
    // The list of every benefit, from the Overview; a new one for the first row's initiative.
    app.press("4", &en("tab.overview"));
    app.press("b", &en("benefits.title"));
    app.press("n", "New benefit for #1");
    app.press("Färre nattliga larm", "Färre nattliga larm");
    kill_hard_after_typing(app, &sandbox, "Färre nattliga larm");

    let offered = "a new benefit for #1: “Färre nattliga larm”";
    let mut app = restart_and_take_back(&sandbox, offered, "New benefit for #1", "Färre nattliga larm");
    app.press_key(Key::CtrlS, "added to #1");
    let titles = || {
        let json = read_json(&file);
        json["initiatives"][0]["benefits"].as_array().map(|b| b.iter().map(|b| b["title"].clone()).collect())
    };
    eventually("the benefit is saved", || {
        titles().is_some_and(|t: Vec<serde_json::Value>| t.iter().any(|t| t == "Färre nattliga larm"))
    });
    eventually("the recovery file is removed once the benefit was kept", || !recovery_of(&file).exists());
    // Back to #1's detail, the view restored being that initiative's, and out.
    app.press_key(Key::Esc, "lines 1–");
    app.press_key(Key::Esc, "z zoom");
    app.quit();
}
