//! The Initiatives pane driven through keys, as a user would, without a terminal.

use std::path::Path;

use fasett::action::Pane;
use fasett::app::{App, Mode, Options};
use fasett::model::{Facet, LogKind, Portfolio, Stage, Status};
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn sample() -> Portfolio {
    fasett::store::parse(fasett::demo::SAMPLE.as_bytes(), Path::new("sample.json")).expect("the sample loads")
}

fn app_with(portfolio: Portfolio) -> App {
    let mut app = App::new(portfolio, None, &Options { no_color: true, ..Options::default() });
    app.today = date(2026, 11, 25);
    app
}

fn register() -> App {
    let mut app = app_with(sample());
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.pane, Pane::Initiatives);
    app
}

fn press(app: &mut App, code: KeyCode) {
    fasett::input::handle(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(app: &mut App, c: char) {
    fasett::input::handle(app, &Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn select(app: &mut App, id: u32) {
    let ix = app.register.view.iter().position(|x| *x == id).expect("shown");
    press(app, KeyCode::Char('g'));
    for _ in 0..ix {
        press(app, KeyCode::Char('j'));
    }
    assert_eq!(app.selected_id(), Some(id));
}

fn status(app: &App) -> String {
    app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal.draw(|f| fasett::ui::draw(app, f)).expect("draws");
    terminal.backend().to_string()
}

#[test]
fn quick_capture_is_n_a_title_and_enter() {
    let mut app = register();
    let before = app.portfolio.initiatives.len();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Nattfasta i hemtjänsten");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.portfolio.initiatives.len(), before + 1);
    let new = app.portfolio.initiatives.last().expect("added");
    assert_eq!(new.id, 26, "ids continue from the file's counter");
    assert_eq!(new.title, "Nattfasta i hemtjänsten");
    assert_eq!(
        (new.stage, new.status, new.facet),
        (Stage::IdentifyingProblems, Status::Active, Facet::Unplaced)
    );
    assert_eq!(new.created, Some(date(2026, 11, 25)));
    assert_eq!(app.selected_id(), Some(26), "the selection follows the new initiative");
    assert!(status(&app).contains("#26"));
}

#[test]
fn editing_owner_and_stage_then_ctrl_s() {
    let mut app = register();
    select(&mut app, 5);
    press(&mut app, KeyCode::Char('e'));
    let Mode::Form(form) = &app.mode else { panic!("the form opens") };
    assert!(!form.is_new());
    while !matches!(&app.mode, Mode::Form(f) if f.field() == fasett::app::Field::Stage) {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Right);
    while !matches!(&app.mode, Mode::Form(f) if f.field() == fasett::app::Field::Owner) {
        press(&mut app, KeyCode::Tab);
    }
    ctrl(&mut app, 'u');
    type_text(&mut app, "Ny Ägare");
    ctrl(&mut app, 's');
    assert!(matches!(app.mode, Mode::Normal), "{:?}", status(&app));
    let edited = app.portfolio.initiative(5).expect("still there");
    assert_eq!(edited.owner, "Ny Ägare");
    assert_eq!(edited.stage, Stage::Evaluating);
    assert!(edited.updated.is_some());
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.portfolio, sample(), "one undo takes the whole form back");
}

#[test]
fn a_form_that_cannot_be_saved_says_which_field_and_why() {
    let mut app = register();
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Form(_)), "still in the form");
    assert!(status(&app).contains("Title"), "{}", status(&app));
    type_text(&mut app, "Med datum");
    while !matches!(&app.mode, Mode::Form(f) if f.field() == fasett::app::Field::FollowUp) {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "snart");
    ctrl(&mut app, 's');
    assert!(status(&app).contains("Next follow-up"), "{}", status(&app));
    ctrl(&mut app, 'u');
    type_text(&mut app, "+2w");
    ctrl(&mut app, 's');
    assert_eq!(app.portfolio.initiatives.last().and_then(|i| i.follow_up), Some(date(2026, 12, 9)));
}

#[test]
fn esc_asks_before_throwing_away_typed_text() {
    let mut app = register();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Halvfärdig idé");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(&app.mode, Mode::Form(f) if f.confirm_discard));
    press(&mut app, KeyCode::Char('n'));
    assert!(matches!(&app.mode, Mode::Form(f) if !f.confirm_discard), "any other key goes back");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.portfolio, sample());
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal), "an untouched form closes at once");
}

#[test]
fn delete_asks_and_undo_and_redo_bring_it_back_and_away() {
    let mut app = register();
    select(&mut app, 7);
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('n'));
    assert!(app.portfolio.initiative(7).is_some(), "anything but y cancels");
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.portfolio.initiative(7).is_none());
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.portfolio, sample());
    assert_eq!(app.selected_id(), Some(7), "the restored initiative is selected");
    ctrl(&mut app, 'r');
    assert!(app.portfolio.initiative(7).is_none());
}

#[test]
fn a_log_line_is_one_key_one_line_and_enter() {
    let mut app = register();
    select(&mut app, 3);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Beslut i KS: fortsätt");
    press(&mut app, KeyCode::Enter);
    let entry = app.portfolio.initiative(3).and_then(|i| i.log.last()).expect("logged");
    assert_eq!(
        (entry.date, entry.kind, entry.text.as_str()),
        (date(2026, 11, 25), LogKind::Decision, "Beslut i KS: fortsätt")
    );
}

#[test]
fn archived_initiatives_hide_until_shown() {
    let mut app = register();
    let shown = app.register.view.len();
    select(&mut app, 4);
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(app.register.view.len(), shown - 1);
    press(&mut app, KeyCode::Char('X'));
    assert!(app.register.view.contains(&4) && app.register.view.contains(&22));
    press(&mut app, KeyCode::Char('u'));
    assert!(!app.portfolio.initiative(4).expect("there").archived);
}

#[test]
fn slash_filters_as_you_type_without_diacritics_and_esc_clears() {
    let mut app = register();
    let all = app.register.view.len();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "aldre");
    assert!(!app.register.view.is_empty() && app.register.view.len() < all);
    for id in &app.register.view {
        let i = app.portfolio.initiative(*id).expect("shown");
        let text = fasett::text::fold(&format!("{} {} {}", i.title, i.description, i.tags.join(" ")));
        assert!(text.contains("aldre"), "#{id} does not match");
    }
    assert!(app.register.view.contains(&23), "Äldreomsorg: gemensam bemanningspool");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.filter.text, "aldre", "Enter keeps the filter");
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.register.view.len(), all, "Esc clears it");
}

#[test]
fn selection_survives_sorting_and_filtering() {
    let mut app = register();
    select(&mut app, 16);
    for _ in 0..6 {
        press(&mut app, KeyCode::Char('s'));
        assert_eq!(app.selected_id(), Some(16));
    }
    press(&mut app, KeyCode::Char('f'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Right);
    }
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.filter.facet, Some(Facet::EnhancementOriented));
    assert_eq!(app.selected_id(), Some(16), "#16 is enhancement-oriented and stays selected");
    press(&mut app, KeyCode::Char('F'));
    assert!(app.filter.is_empty());
}

#[test]
fn the_filter_bar_is_shared_with_the_portfolio_grid() {
    let mut app = register();
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('1'));
    assert!(app.grid_cell_ids(1).is_empty(), "only mission-oriented initiatives remain");
    assert!(!app.grid_cell_ids(0).is_empty());
}

#[test]
fn hostile_text_renders_as_visible_characters() {
    let mut p = sample();
    p.initiatives[0].title = "Clear\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}evil\nnext".into();
    let mut app = app_with(p);
    press(&mut app, KeyCode::Char('2'));
    let screen = render(&app, 80, 24);
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{7}') && !screen.contains('\u{202e}'));
    assert!(screen.contains("Clear␛[2J"), "{screen}");
}

#[test]
fn a_huge_paste_is_refused_clearly_and_nothing_breaks() {
    let mut app = register();
    press(&mut app, KeyCode::Char('n'));
    fasett::input::handle(&mut app, &Event::Paste("ord ".repeat(2_500)));
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Form(_)));
    assert!(status(&app).contains("200"), "{}", status(&app));
    let _ = render(&app, 80, 24);
}

#[test]
fn snapshots_of_the_register_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = register();
        app.size = (w, h);
        insta::assert_snapshot!(format!("table_{w}x{h}"), render(&app, w, h));
        select(&mut app, 3);
        press(&mut app, KeyCode::Enter);
        insta::assert_snapshot!(format!("detail_{w}x{h}"), render(&app, w, h));
        press(&mut app, KeyCode::Char('e'));
        insta::assert_snapshot!(format!("form_{w}x{h}"), render(&app, w, h));
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('d'));
        insta::assert_snapshot!(format!("confirm_{w}x{h}"), render(&app, w, h));
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "aldre");
        insta::assert_snapshot!(format!("search_{w}x{h}"), render(&app, w, h));
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('f'));
        press(&mut app, KeyCode::Right);
        insta::assert_snapshot!(format!("filter_bar_{w}x{h}"), render(&app, w, h));
    }
}
