//! End to end: capturing and editing initiatives in the real binary, and finding them in the
//! file afterwards (issue 3's journeys).

use crate::pty::{Key, Sandbox, TIMEOUT};
use crate::{first_capture, quick_capture, read_json};

fn initiative<'a>(file: &'a serde_json::Value, title: &str) -> Option<&'a serde_json::Value> {
    file["initiatives"].as_array().expect("a list").iter().find(|i| i["title"] == title)
}

#[test]
fn capture_edit_delete_and_undo_reach_the_file() {
    let sandbox = Sandbox::new();
    let file = sandbox.default_file();

    // First run: nothing on disk until the first edit.
    let mut app = first_capture(&sandbox, "Nattfasta i hemtjänsten");
    app.quit();
    let saved = read_json(&file);
    let i = initiative(&saved, "Nattfasta i hemtjänsten").expect("the capture is in the file");
    assert_eq!(i["stage"], "identifying_problems");
    assert_eq!(i["status"], "active");

    // Reopen: edit owner and stage with Ctrl-s.
    let mut app = sandbox.start::<_, &str>([]);
    app.press("2", "Nattfasta i hemtjänsten");
    app.press("e", "Edit #1");
    app.tab(5);
    app.send_key(Key::Right); // stage: identifying problems → generating ideas
    // Stage → Status, Track, Relieves, Benefits, Investment, Running cost, Owner.
    app.tab(7);
    app.send("Åsa Öberg");
    app.press_key(Key::CtrlS, "#1 saved");
    let saved = read_json(&file);
    let i = initiative(&saved, "Nattfasta i hemtjänsten").expect("still there");
    assert_eq!(i["owner"], "Åsa Öberg");
    assert_eq!(i["stage"], "generating_ideas");

    // Delete with confirmation, then undo: the file follows each step.
    app.press("d", "y deletes");
    app.press("y", "#1 deleted");
    assert!(initiative(&read_json(&file), "Nattfasta i hemtjänsten").is_none(), "gone from the file");
    app.press("u", "Undone");
    assert!(initiative(&read_json(&file), "Nattfasta i hemtjänsten").is_some(), "back in the file");
    app.quit();
}

#[test]
fn a_diacritic_free_query_finds_a_swedish_title() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.start(["demo"]);
    app.press("2/aldreomsorg", "Äldreomsorg: gemensam beman");
    app.wait_for_gone("Fritidsbanken", TIMEOUT);
    app.press_key(Key::Esc, "Fritidsbanken");
    app.quit();
}

#[test]
fn a_pasted_line_break_does_not_save_the_form_half_typed() {
    let sandbox = Sandbox::new();
    let mut app = quick_capture(&sandbox);
    // A bracketed paste, as terminals send it.
    app.press("\x1b[200~Rad ett\nrad två\x1b[201~", "Rad ett rad två");
    assert!(!sandbox.default_file().exists(), "nothing saved by the pasted line break");
    app.press_key(Key::Enter, "#1 created and saved");
    app.quit();
}
