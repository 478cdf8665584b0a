//! The initiative form's multi-line fields (description, need) as a facilitator edits them:
//! long lines wrap in the rows the field has, ↑/↓ move through those rows and leave the field
//! only from its first or last, a pasted paragraph keeps its lines, and a one-line field says
//! when it joined a pasted paragraph's lines.

use fasett::app::{Field, Mode};
use fasett::testing::Harness;
use ratatui::crossterm::event::KeyCode;

/// The sample's #3 open in the form, on its description (one line of 165 characters).
fn description_of_3() -> Harness {
    open_description_of_3(Harness::sample())
}

fn open_description_of_3(mut app: Harness) -> Harness {
    app.press('2');
    let ix = app.register.view.iter().position(|x| *x == 3).expect("shown");
    app.press('g');
    app.press_times('j', ix);
    app.press('e');
    app.press(KeyCode::Tab);
    assert_eq!(focus(&app), Field::Description);
    app
}

fn focus(app: &Harness) -> Field {
    let Mode::Form(form) = &app.mode else { panic!("the form is open: {:?}", app.mode) };
    form.state.field()
}

fn cursor(app: &Harness, field: Field) -> (usize, usize) {
    let Mode::Form(form) = &app.mode else { panic!("the form is open") };
    form.text(field).map(fasett::app::editing::TextBox::cursor).expect("a multi-line field")
}

/// The screen with the terminal's cursor under it, as a row of `^` and the position.
fn screen_and_cursor(app: &mut Harness) -> String {
    let screen = app.render(80, 24);
    let (x, y) = app.cursor().expect("the cursor shows");
    // One column to the right for the quote each row of the screen starts with.
    format!("{screen}{}^ cursor at column {x}, row {y}\n", " ".repeat(usize::from(x) + 1))
}

#[test]
fn a_long_description_wraps_in_its_rows_with_the_cursor_at_its_end() {
    let mut app = description_of_3();
    app.press(KeyCode::End);
    let screen = screen_and_cursor(&mut app);
    assert!(screen.contains("laddinfrastruktur"), "the whole text is on screen:\n{screen}");
    assert!(!screen.contains("transporter …"), "not cut:\n{screen}");
    insta::assert_snapshot!("long_description_80x24", screen);
}

#[test]
fn up_and_down_move_through_the_wrapped_rows_and_leave_only_at_the_edges() {
    let mut app = description_of_3();
    assert_eq!(cursor(&app, Field::Description), (0, 0));
    app.press(KeyCode::Down);
    assert_eq!(focus(&app), Field::Description, "↓ goes to the second row, not the next field");
    assert!(cursor(&app, Field::Description).1 > 0);
    app.press_times(KeyCode::Down, 2);
    assert_eq!(focus(&app), Field::Description, "four rows at 80 columns");
    app.press(KeyCode::Down);
    assert_eq!(focus(&app), Field::Need, "from the last row, to the next field");
    app.press(KeyCode::Up);
    assert_eq!(focus(&app), Field::Description);
    let Mode::Form(form) = &app.mode else { panic!() };
    let end = form.text(Field::Description).map(|t| t.lines()[0].chars().count());
    assert_eq!(Some(cursor(&app, Field::Description).1), end, "entered from below: at the end");
    app.press_times(KeyCode::Up, 3);
    assert_eq!(focus(&app), Field::Description);
    app.press(KeyCode::Up);
    assert_eq!(focus(&app), Field::Title, "from the first row, to the field before");
    // Tab and Shift-Tab still step whole fields.
    app.press(KeyCode::Tab).press(KeyCode::Tab);
    assert_eq!(focus(&app), Field::Need);
    app.press(KeyCode::BackTab);
    assert_eq!(focus(&app), Field::Description);
}

#[test]
fn a_pasted_paragraph_keeps_its_lines_and_the_field_scrolls_to_the_cursor() {
    let mut app = description_of_3();
    app.press(KeyCode::End);
    let long = "Andra stycket: målet är att minska återinläggningar med 20 % under 2027, räknat per kvartal.";
    app.paste(&format!("\n\n{long}\n- punkt ett\n- punkt två\n- punkt tre"));
    let screen = app.render(80, 24);
    assert!(screen.contains("- punkt tre"), "the cursor's row is in view:\n{screen}");
    assert!(screen.contains("↑ 5 more lines"), "the rows above are counted:\n{screen}");
    let (_, y) = app.cursor().expect("the cursor shows");
    let row = screen.lines().nth(usize::from(y)).unwrap_or_default();
    assert!(row.contains("- punkt tre"), "the cursor is on the last line typed: {row}");
    // Back to the top: what was out of view above is now below.
    app.press_times(KeyCode::Up, 9);
    assert_eq!(focus(&app), Field::Description);
    let screen = app.render(80, 24);
    assert!(screen.contains("Alla kommunens egna fordon") && screen.contains("↓ 5 more lines"), "{screen}");
    // The long line is all there, over two rows.
    app.press_times(KeyCode::Down, 6);
    let screen = app.render(80, 24);
    assert!(screen.contains("20 % under 2027, räknat per kvartal."), "{screen}");
    app.keys("<C-s>");
    let saved = app.portfolio.initiative(3).expect("kept");
    assert!(saved.description.ends_with(&format!("\n\n{long}\n- punkt ett\n- punkt två\n- punkt tre")));
}

#[test]
fn the_rows_out_of_view_are_marked_in_ascii_too() {
    let mut app = open_description_of_3(Harness::sample().ascii());
    app.press(KeyCode::End);
    app.paste("\n1\n2\n3\n4");
    assert!(app.render(80, 24).contains("^ 3 more lines"), "{}", app.screen());
    app.press_times(KeyCode::Up, 7);
    assert!(app.render(80, 24).contains("v 3 more lines"), "{}", app.screen());
}

#[test]
fn a_paragraph_pasted_into_the_title_is_joined_and_said_so_once() {
    let mut app = Harness::sample();
    app.press('2').press('n');
    app.paste("Gemensam bilpool\nför hemtjänsten\n");
    let Mode::Form(form) = &app.mode else { panic!("the form is open") };
    assert_eq!(
        form.state.line(Field::Title).map(tui_input::Input::value),
        Some("Gemensam bilpool för hemtjänsten")
    );
    assert_eq!(
        app.status(),
        Some(("The pasted line breaks became spaces: this field holds one line.".into(), false))
    );
    app.type_text("na");
    app.paste(" i Norra");
    assert!(app.message().contains("line breaks"), "the one message stays, not repeated or changed");
    // A line that only ends in a line break is not joined to anything: nothing to say.
    let mut app = Harness::sample();
    app.press('2').press('n');
    app.paste("Gemensam bilpool\n");
    assert_eq!(app.status(), None);
}

#[test]
fn the_intake_prompt_and_the_benefit_dialogs_say_a_joined_paste_too() {
    let joined = "The pasted line breaks became spaces: this field holds one line.";
    let mut app = Harness::sample();
    app.press('i').press('n').paste("Lånecyklar\nför hemtjänsten");
    assert_eq!(app.status(), Some((joined.into(), false)), "the intake's title prompt");
    app.press(KeyCode::Enter);
    assert_eq!(app.portfolio.initiative(26).map(|i| i.title.as_str()), Some("Lånecyklar för hemtjänsten"));
    let mut app = Harness::sample().on(fasett::action::Pane::Overview);
    app.press('b').press('e');
    assert!(matches!(&app.mode, Mode::Benefits(view) if view.dialog.is_some()), "the benefit editor");
    app.paste("Lägre\nkostnad");
    assert_eq!(app.status(), Some((joined.into(), false)), "the benefit editor");
    app.press(KeyCode::Esc).press('y');
    assert!(matches!(&app.mode, Mode::Benefits(view) if view.dialog.is_none()), "back in the view");
    app.press('m');
    app.paste("12\n");
    assert_eq!(app.status(), None, "only a line break at the end: nothing joined");
    app.press(KeyCode::Tab).paste("mätt\nav ekonomi");
    assert_eq!(app.status(), Some((joined.into(), false)), "the measurement line");
}

#[test]
fn the_culture_pane_s_fields_say_a_joined_paste_too() {
    let joined = "The pasted line breaks became spaces: this field holds one line.";
    let mut app = Harness::sample().on(fasett::action::Pane::Culture);
    app.press('n').paste("Ledningsgruppen\noch HR");
    assert_eq!(app.status(), Some((joined.into(), false)), "the new run's form");
    app.press(KeyCode::Esc);
    if matches!(app.mode, Mode::Culture(_)) {
        app.press('y');
    }
    app.press('p').press('n').paste("Workshop\nom förändring");
    assert_eq!(app.status(), Some((joined.into(), false)), "the action form: {:?}", app.mode);
}

#[test]
fn a_log_note_says_a_joined_paste_too() {
    let joined = "The pasted line breaks became spaces: this field holds one line.";
    let mut app = Harness::sample().on(fasett::action::Pane::Initiatives);
    app.press('a');
    assert!(matches!(app.mode, Mode::LogEntry { .. }), "{:?}", app.mode);
    app.paste("Mötet 30/11: beslut att fortsätta.\nNästa steg: utvärdera i mars.");
    assert_eq!(app.status(), Some((joined.into(), false)), "the log note");
}

#[test]
fn home_and_end_keep_to_the_row_drawn() {
    let mut app = description_of_3();
    app.render(80, 24);
    let (start_x, first_row) = app.cursor().expect("the cursor shows");
    app.press(KeyCode::End).render(80, 24);
    let (end_x, row) = app.cursor().expect("the cursor shows");
    assert_eq!(row, first_row, "End stays on the row drawn:\n{}", screen_and_cursor(&mut app));
    assert!(end_x > start_x + 40, "at its end:\n{}", screen_and_cursor(&mut app));
    let at_end = cursor(&app, Field::Description).1;
    assert!(at_end < 165, "not the end of the whole text");
    app.press(KeyCode::Down).press(KeyCode::Home).render(80, 24);
    assert_eq!(app.cursor(), Some((start_x, first_row + 1)), "Home: the second row's start");
    assert_eq!(cursor(&app, Field::Description), (0, at_end + 1), "the char after the first row's");
}

#[test]
fn a_text_with_crlf_or_a_final_line_break_saved_unedited_is_no_change() {
    let mut p = fasett::testing::sample();
    let i = p.initiatives.iter_mut().find(|i| i.id == 3).expect("the sample's #3");
    i.description = "Första raden.\r\nAndra raden.\r\n".into();
    i.need = "Ett behov.\n".into();
    p.initiatives.push(fasett::model::Initiative {
        id: 26,
        title: "Lånecyklar".into(),
        need: "Cyklar\r\nbehövs.\n".into(),
        idea: Some(Box::default()),
        ..fasett::model::Initiative::default()
    });
    p.next_id.initiative = 27;
    let mut app = open_description_of_3(Harness::on_disk(&p));
    let path = app.path().expect("a data file").to_path_buf();
    let on_disk = std::fs::read(&path).expect("the file");
    app.press("<C-s>");
    assert_eq!(app.message(), "No changes to save.");
    app.press(KeyCode::Esc).press('i').press('e').press("<C-s>");
    assert_eq!(app.message(), "No changes to save.", "the idea form too");
    assert!(!app.history.can_undo(), "no history entry");
    assert_eq!(std::fs::read(&path).expect("the file"), on_disk, "nothing written");
}

#[test]
fn a_restored_draft_keeps_an_unedited_text_as_the_file_has_it() {
    let mut p = fasett::testing::sample();
    let i = p.initiatives.iter_mut().find(|i| i.id == 3).expect("the sample's #3");
    i.description = "Första raden.\r\nAndra raden.\r\n".into();
    let mut app = open_description_of_3(Harness::on_disk(&p));
    app.press(KeyCode::BackTab).press(KeyCode::End).type_text(" i dag");
    let mut back = crate::drafts::restored_on(&app, &p);
    assert!(matches!(back.mode, Mode::Form(_)), "{:?}", back.mode);
    back.press("<C-s>");
    let saved = back.portfolio.initiative(3).expect("kept");
    assert!(saved.title.ends_with(" i dag"), "the edit is kept: {}", saved.title);
    assert_eq!(saved.description, "Första raden.\r\nAndra raden.\r\n", "the text as the file had it");
}
