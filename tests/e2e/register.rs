//! End to end: capturing and editing initiatives in the real binary, and finding them in the
//! file afterwards (issue 3's journeys).

use crate::pty::{Key, Sandbox, TIMEOUT};
use crate::read_json;

fn initiative<'a>(file: &'a serde_json::Value, title: &str) -> Option<&'a serde_json::Value> {
    file["initiatives"].as_array().expect("a list").iter().find(|i| i["title"] == title)
}

#[test]
fn capture_edit_delete_and_undo_reach_the_file() {
    let sandbox = Sandbox::new();
    let file = sandbox.default_file();

    // First run: nothing on disk until the first edit.
    let mut app = sandbox.spawn::<_, &str>([]);
    app.wait_for("? help", TIMEOUT);
    app.send("2");
    app.send("n");
    app.wait_for("New initiative", TIMEOUT);
    app.send("Nattfasta i hemtjänsten");
    app.send_key(Key::Enter);
    app.wait_for("#1 created and saved", TIMEOUT);
    app.quit();
    let saved = read_json(&file);
    let i = initiative(&saved, "Nattfasta i hemtjänsten").expect("the capture is in the file");
    assert_eq!(i["stage"], "identifying_problems");
    assert_eq!(i["status"], "active");

    // Reopen: edit owner and stage with Ctrl-s.
    let mut app = sandbox.spawn::<_, &str>([]);
    app.wait_for("? help", TIMEOUT);
    app.send("2");
    app.wait_for("Nattfasta i hemtjänsten", TIMEOUT);
    app.send("e");
    app.wait_for("Edit #1", TIMEOUT);
    for _ in 0..5 {
        app.send_key(Key::Tab);
    }
    app.send_key(Key::Right); // stage: identifying problems → generating ideas
    // Stage → Status, Track, Relieves, Benefits, Investment, Running cost, Owner.
    for _ in 0..7 {
        app.send_key(Key::Tab);
    }
    app.send("Åsa Öberg");
    app.send_key(Key::CtrlS);
    app.wait_for("#1 saved", TIMEOUT);
    let saved = read_json(&file);
    let i = initiative(&saved, "Nattfasta i hemtjänsten").expect("still there");
    assert_eq!(i["owner"], "Åsa Öberg");
    assert_eq!(i["stage"], "generating_ideas");

    // Delete with confirmation, then undo: the file follows each step.
    app.send("d");
    app.wait_for("y deletes", TIMEOUT);
    app.send("y");
    app.wait_for("#1 deleted", TIMEOUT);
    assert!(initiative(&read_json(&file), "Nattfasta i hemtjänsten").is_none(), "gone from the file");
    app.send("u");
    app.wait_for("Undone", TIMEOUT);
    assert!(initiative(&read_json(&file), "Nattfasta i hemtjänsten").is_some(), "back in the file");
    app.quit();
}

#[test]
fn a_diacritic_free_query_finds_a_swedish_title() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn(["demo"]);
    app.wait_for("? help", TIMEOUT);
    app.send("2");
    app.send("/aldreomsorg");
    app.wait_for("Äldreomsorg: gemensam beman", TIMEOUT);
    app.wait_for_gone("Fritidsbanken", TIMEOUT);
    app.send_key(Key::Esc);
    app.wait_for("Fritidsbanken", TIMEOUT);
    app.quit();
}

#[test]
fn a_pasted_line_break_does_not_save_the_form_half_typed() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn::<_, &str>([]);
    app.wait_for("? help", TIMEOUT);
    app.send("2n");
    app.wait_for("New initiative", TIMEOUT);
    // A bracketed paste, as terminals send it.
    app.send("\x1b[200~Rad ett\nrad två\x1b[201~");
    app.wait_for("Rad ett rad två", TIMEOUT);
    assert!(!sandbox.default_file().exists(), "nothing saved by the pasted line break");
    app.send_key(Key::Enter);
    app.wait_for("#1 created and saved", TIMEOUT);
    app.quit();
}
