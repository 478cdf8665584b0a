//! Capture and editing at meeting speed (issue 14): a title over the limit, the detail view
//! read to its end, the language's own yes, the recovery dialog and `:reload`.

use fasett::action::Pane;
use fasett::app::{Field, Mode};
use fasett::i18n::Lang;
use fasett::model::Portfolio;
use fasett::testing::Harness;
use ratatui::crossterm::event::KeyCode;

/// An empty portfolio on disk, in the Initiatives pane.
fn capture() -> Harness {
    Harness::on_disk(&Portfolio::default()).on(Pane::Initiatives)
}

#[test]
fn a_pasted_title_over_the_limit_is_saved_and_its_end_opens_the_description() {
    let mut app = capture();
    let words: Vec<String> = (1..=60).map(|n| format!("ord{n}")).collect();
    let pasted = words.join(" ");
    assert!(pasted.chars().count() > fasett::app::MAX_TITLE_CHARS);
    app.press('n').paste(&pasted).press(KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "saved, not refused: {}", app.message());
    let saved = &app.portfolio.initiatives[0];
    assert!(saved.title.chars().count() <= fasett::app::MAX_TITLE_CHARS);
    assert_eq!(format!("{} {}", saved.title, saved.description), pasted, "every word kept, in order");
    assert!(saved.description.starts_with("ord"), "cut between words: {:?}", saved.description);
    let (message, is_error) = app.status().expect("a status");
    assert!(!is_error);
    assert!(
        message.contains("#1") && message.contains("200") && message.contains("description"),
        "{message}"
    );

    // Typed past the limit when editing: the overflow comes first, the old description after.
    let (title, description) = (saved.title.clone(), saved.description.clone());
    let added = " och mer text som inte får plats i titeln";
    app.press('e').press(KeyCode::End).type_text(added).press(KeyCode::Enter);
    let saved = &app.portfolio.initiatives[0];
    let (overflow, rest) = saved.description.split_once("\n\n").expect("overflow, a blank line, the rest");
    assert_eq!(rest, description);
    assert_eq!(format!("{} {overflow}", saved.title), format!("{title}{added}"));
    assert!(app.message().contains("#1"), "{}", app.message());
}

#[test]
fn the_error_leaves_the_status_line_once_the_field_is_edited() {
    let mut app = capture().lang(Lang::Sv);
    app.press('n').type_text("Nattfasta");
    while !matches!(&app.mode, Mode::Form(f) if f.field() == Field::FollowUp) {
        app.press(KeyCode::Tab);
    }
    app.type_text("nästa tisdag").keys("<C-s>");
    assert!(app.status().is_some_and(|(_, is_error)| is_error), "a bad date is refused");
    assert!(matches!(&app.mode, Mode::Form(f) if f.error.is_some()));
    app.keys("<C-u>").type_text("+1w");
    assert_eq!(app.status(), None, "fixed: the complaint is gone");
    assert!(matches!(&app.mode, Mode::Form(f) if f.error.is_none()));
    app.keys("<C-s>");
    assert!(app.message().contains("#1"), "{}", app.message());
}
