//! End to end, issue 14: capture and editing at meeting speed in the real binary — pastes
//! with and without bracketed paste, and the first key after the terminal is resized.

use crate::pty::{Key, Pty, Sandbox, TIMEOUT};
use crate::{en, quick_capture, read_json, titles};

/// Enter saves quick capture; the file then holds exactly `expected`.
fn save_and_expect(app: &mut Pty, sandbox: &Sandbox, expected: &[&str]) {
    app.press_key(Key::Enter, "#1 created and saved");
    app.quit();
    assert_eq!(titles(&sandbox.default_file()), expected);
}

/// Pastes `a`, a line break and `b` into quick capture as `pasted`: one line, "a b", saved
/// only by the Enter after it.
fn paste_two_lines_into_quick_capture(pasted: &[u8]) {
    let sandbox = Sandbox::new();
    let mut app = quick_capture(&sandbox);
    app.send_bytes(pasted);
    app.wait_for("a b", TIMEOUT);
    assert!(!sandbox.default_file().exists(), "the pasted line break saved nothing");
    save_and_expect(&mut app, &sandbox, &["a b"]);
}

#[test]
fn a_bracketed_paste_of_two_lines_into_quick_capture_stores_one_line() {
    // Terminals send a pasted line break as a carriage return, as the Enter key does.
    paste_two_lines_into_quick_capture(b"\x1b[200~a\rb\x1b[201~");
}

#[test]
fn an_unbracketed_paste_of_two_lines_into_quick_capture_stores_one_line() {
    // What tmux's paste-buffer writes: the raw bytes, all at once, with no paste markers.
    paste_two_lines_into_quick_capture(b"a\rb");
}

/// Waits until the selection mark is on initiative `id`'s row.
fn wait_for_selected(app: &Pty, id: u32) {
    let mark = format!("▸#{id}");
    app.wait_until(&format!("the selection on #{id}"), TIMEOUT, |screen| {
        screen.lines().any(|line| line.contains(&mark) && !line.contains(&format!("{mark}0")))
    });
}

#[test]
fn the_first_key_after_a_resize_acts() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.start(["demo"]);
    app.send("2j");
    wait_for_selected(&app, 2);
    app.resize(150, 45);
    // The register shows its owner column only when there is room for it.
    app.wait_for(&en("column.owner"), TIMEOUT);
    app.send("k");
    wait_for_selected(&app, 1);
    // A key pressed in the same instant as the resize acts too.
    app.resize(100, 30);
    app.send("j");
    wait_for_selected(&app, 2);

    app.press("1", &en("pole.directed"));
    app.resize(160, 48);
    app.wait_until("a redraw at 160 columns", TIMEOUT, |screen| {
        screen.lines().any(|line| line.chars().count() > 150)
    });
    app.press("p", &en("grid.presentation"));
    app.quit();
}

/// Meeting notes as someone pastes them: several lines, over a kilobyte (more than a terminal
/// read takes at once), full of letters that are keys in fasett (`e` edit, `d` delete, `x`
/// archive, `q` quit …). Line breaks as a terminal sends them: carriage returns.
fn notes() -> String {
    let line = "Samverkan med regionen kring hemtjänst, e-hälsa och digitala besök; vi diskuterade \
                vem som äger frågan och hur uppföljningen ska gå till";
    let lines: Vec<String> = (1..=8).map(|n| format!("{n}. {line}.")).collect();
    let notes = lines.join("\r");
    assert!(notes.len() > 1024, "longer than one read of the terminal");
    notes
}

#[test]
fn a_long_unbracketed_paste_on_the_normal_screen_runs_nothing_and_says_why() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.start(["demo"]);
    app.press("2", "Initiatives (23)");
    let demo = sandbox.data_dir().join("demo.json");
    let before = std::fs::read(&demo).expect("the demo file");
    let notes = notes();
    app.send(&notes);
    let typed = notes.chars().filter(|c| *c != '\r').count();
    app.wait_for(&format!("({typed} "), TIMEOUT);
    app.wait_for(&en("status.paste_ignored"), TIMEOUT);
    // Nothing acted, the leading "1." included: no pane switch, no form, no edit, and
    // fasett still runs.
    assert!(app.screen_text().contains("Initiatives (23)"), "{}", app.screen_text());
    assert!(!app.screen_text().contains("New initiative"));
    assert_eq!(std::fs::read(&demo).expect("the demo file"), before, "the file is untouched");
    app.send("j");
    wait_for_selected(&app, 2);
    app.quit();
}

#[test]
fn a_long_unbracketed_paste_into_quick_capture_is_kept_whole_and_runs_nothing() {
    let sandbox = Sandbox::new();
    let mut app = quick_capture(&sandbox);
    let notes = notes();
    app.press(&notes, "hur uppföljningen ska gå till.");
    assert!(!sandbox.default_file().exists(), "no pasted line break saved the form");
    app.press_key(Key::Enter, "#1 created · title over 200 characters");
    app.quit();
    let file = read_json(&sandbox.default_file());
    let all = file["initiatives"].as_array().expect("a list");
    assert_eq!(all.len(), 1, "one initiative, nothing else ran");
    let (title, description) = (all[0]["title"].as_str().expect("a title"), all[0]["description"].as_str());
    assert!(title.chars().count() <= 200, "{title}");
    let kept = format!("{title} {}", description.expect("the rest is in the description"));
    assert_eq!(kept, notes.replace('\r', " "), "every word, in order, line breaks as spaces");
}
