//! End to end, issue 14: capture and editing at meeting speed in the real binary — pastes
//! with and without bracketed paste, and the first key after the terminal is resized.

use std::path::Path;

use crate::pty::{Key, Pty, Sandbox, TIMEOUT};
use crate::{en, read_json};

/// The titles in the data file, in file order.
fn titles(path: &Path) -> Vec<String> {
    read_json(path)["initiatives"]
        .as_array()
        .expect("a list of initiatives")
        .iter()
        .map(|i| i["title"].as_str().expect("a title").to_owned())
        .collect()
}

/// A first run with quick capture open: the Initiatives pane, `n`.
fn quick_capture(sandbox: &Sandbox) -> Pty {
    let mut app = sandbox.spawn::<_, &str>([]);
    app.wait_for("? help", TIMEOUT);
    app.send("2n");
    app.wait_for("New initiative", TIMEOUT);
    app
}

/// Enter saves quick capture; the file then holds exactly `expected`.
fn save_and_expect(app: &mut Pty, sandbox: &Sandbox, expected: &[&str]) {
    app.send_key(Key::Enter);
    app.wait_for("#1 created and saved", TIMEOUT);
    app.quit();
    assert_eq!(titles(&sandbox.default_file()), expected);
}

#[test]
fn a_bracketed_paste_of_two_lines_into_quick_capture_stores_one_line() {
    let sandbox = Sandbox::new();
    let mut app = quick_capture(&sandbox);
    // Terminals send a pasted line break as a carriage return, as the Enter key does.
    app.send("\x1b[200~a\rb\x1b[201~");
    app.wait_for("a b", TIMEOUT);
    assert!(!sandbox.default_file().exists(), "the pasted line break saved nothing");
    save_and_expect(&mut app, &sandbox, &["a b"]);
}

#[test]
fn an_unbracketed_paste_of_two_lines_into_quick_capture_stores_one_line() {
    let sandbox = Sandbox::new();
    let mut app = quick_capture(&sandbox);
    // What tmux's paste-buffer writes: the raw bytes, all at once, with no paste markers.
    app.send_bytes(b"a\rb");
    app.wait_for("a b", TIMEOUT);
    assert!(!sandbox.default_file().exists(), "the pasted line break saved nothing");
    save_and_expect(&mut app, &sandbox, &["a b"]);
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
    let mut app = sandbox.spawn(["demo"]);
    app.wait_for("? help", TIMEOUT);
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

    app.send("1");
    app.wait_for(&en("pole.directed"), TIMEOUT);
    app.resize(160, 48);
    app.wait_until("a redraw at 160 columns", TIMEOUT, |screen| {
        screen.lines().any(|line| line.chars().count() > 150)
    });
    app.send("p");
    app.wait_for(&en("grid.presentation"), TIMEOUT);
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
    let mut app = sandbox.spawn(["demo"]);
    app.wait_for("? help", TIMEOUT);
    app.send("2");
    app.wait_for("Initiatives (24)", TIMEOUT);
    let demo = sandbox.data_dir().join("demo.json");
    let before = std::fs::read(&demo).expect("the demo file");
    let notes = notes();
    app.send(&notes);
    let typed = notes.chars().filter(|c| *c != '\r').count();
    app.wait_for(&format!("({typed} "), TIMEOUT);
    app.wait_for(&en("status.paste_ignored"), TIMEOUT);
    // Nothing acted, the leading "1." included: no pane switch, no form, no edit, and
    // fasett still runs.
    assert!(app.screen_text().contains("Initiatives (24)"), "{}", app.screen_text());
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
    app.send(&notes);
    app.wait_for("hur uppföljningen ska gå till.", TIMEOUT);
    assert!(!sandbox.default_file().exists(), "no pasted line break saved the form");
    app.send_key(Key::Enter);
    app.wait_for("#1 created · title over 200 characters", TIMEOUT);
    app.quit();
    let file = read_json(&sandbox.default_file());
    let all = file["initiatives"].as_array().expect("a list");
    assert_eq!(all.len(), 1, "one initiative, nothing else ran");
    let (title, description) = (all[0]["title"].as_str().expect("a title"), all[0]["description"].as_str());
    assert!(title.chars().count() <= 200, "{title}");
    let kept = format!("{title} {}", description.expect("the rest is in the description"));
    assert_eq!(kept, notes.replace('\r', " "), "every word, in order, line breaks as spaces");
}
