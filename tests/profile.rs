//! The organisation profile and the first-run welcome, driven through keys.

use std::path::Path;

use fasett::app::{App, Mode, Options, ProfileRow};
use fasett::model::{Initiative, Portfolio};
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn sample() -> Portfolio {
    fasett::store::parse(fasett::demo::SAMPLE.as_bytes(), Path::new("sample.json")).expect("the sample loads")
}

fn app_with(portfolio: Portfolio, first_run: bool) -> App {
    let mut app = App::new(portfolio, None, &Options { no_color: true, first_run, ..Options::default() });
    app.today = date(2026, 11, 25);
    app
}

fn press(app: &mut App, code: KeyCode) {
    fasett::input::handle(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn go_to(app: &mut App, wanted: ProfileRow) {
    press(app, KeyCode::Char('g'));
    for _ in 0..200 {
        if matches!(&app.mode, Mode::Profile(e) if e.row(&app.portfolio.organisation) == wanted) {
            return;
        }
        press(app, KeyCode::Char('j'));
    }
    panic!("no row {wanted:?}");
}

fn status(app: &App) -> String {
    app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

fn render(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    terminal.draw(|f| fasett::ui::draw(app, f)).expect("draws");
    terminal.backend().to_string()
}

#[test]
fn the_welcome_fills_the_panes_and_every_key_still_works() {
    let mut app = app_with(Portfolio::default(), true);
    let screen = render(&app);
    assert!(screen.contains("Welcome to fasett"));
    insta::assert_snapshot!("welcome", screen);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Första idén");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.portfolio.initiatives.len(), 1);
    assert!(!render(&app).contains("Welcome to fasett"), "gone after the first edit");
}

#[test]
fn start_asks_only_for_the_name_then_goals_are_added_and_undone() {
    let mut app = app_with(Portfolio::default(), true);
    press(&mut app, KeyCode::Char('o'));
    assert!(matches!(&app.mode, Mode::Profile(e) if e.editing.is_some()), "typing the name at once");
    type_text(&mut app, "Testby kommun");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.portfolio.organisation.name, "Testby kommun");
    go_to(&mut app, ProfileRow::AddGoal);
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Trygg äldreomsorg");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Klimatneutral 2035");
    press(&mut app, KeyCode::Enter);
    let titles: Vec<_> = app.portfolio.organisation.goals.iter().map(|g| (g.id, g.title.as_str())).collect();
    assert_eq!(titles, [(1, "Trygg äldreomsorg"), (2, "Klimatneutral 2035")]);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.portfolio.organisation.goals.len(), 1, "u undoes the last profile edit");
    press(&mut app, KeyCode::Char('K'));
    go_to(&mut app, ProfileRow::AddGoal);
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "trygg ÄLDREOMSORG");
    press(&mut app, KeyCode::Enter);
    assert!(status(&app).contains("already"), "duplicates are refused: {}", status(&app));
    assert_eq!(app.portfolio.organisation.goals.len(), 1);
}

#[test]
fn goals_and_units_in_use_are_retired_not_deleted() {
    let mut app = app_with(sample(), false);
    app.update(fasett::action::Action::RunCommand("org".into()));
    go_to(&mut app, ProfileRow::Goal(0));
    let goal = app.portfolio.organisation.goals[0].clone();
    press(&mut app, KeyCode::Char('d'));
    assert!(status(&app).contains("retire"), "{}", status(&app));
    assert_eq!(app.portfolio.organisation.goals[0], goal, "nothing deleted");
    press(&mut app, KeyCode::Char('r'));
    assert!(app.portfolio.organisation.goals[0].retired);
    assert!(app.portfolio.initiatives.iter().any(|i| i.goals.contains(&goal.id)), "links stay");
    go_to(&mut app, ProfileRow::Unit(0));
    press(&mut app, KeyCode::Char('d'));
    assert!(status(&app).contains("retire"), "{}", status(&app));
}

#[test]
fn renaming_a_unit_renames_it_on_the_initiatives_in_one_step() {
    let mut app = app_with(sample(), false);
    let old = app.portfolio.organisation.units[0].name.clone();
    let users = app.portfolio.initiatives.iter().filter(|i| i.unit == old).count();
    assert!(users > 0);
    app.update(fasett::action::Action::RunCommand("org".into()));
    go_to(&mut app, ProfileRow::Unit(0));
    press(&mut app, KeyCode::Enter);
    fasett::input::handle(&mut app, &Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
    type_text(&mut app, "Omsorgsförvaltningen");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.portfolio.initiatives.iter().filter(|i| i.unit == "Omsorgsförvaltningen").count(), users);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.portfolio, sample(), "one undo takes it all back");
}

#[test]
fn a_new_unit_on_an_initiative_offers_to_join_the_profile() {
    let mut app = app_with(sample(), false);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Ny idé");
    for _ in 0..14 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "Kulturskolan");
    fasett::input::handle(&mut app, &Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    assert_eq!(app.portfolio.initiatives.last().map(|i| i.unit.as_str()), Some("Kulturskolan"));
    assert!(status(&app).contains('+'), "{}", status(&app));
    press(&mut app, KeyCode::Char('+'));
    assert!(app.portfolio.organisation.units.iter().any(|u| u.name == "Kulturskolan"));
}

#[test]
fn profile_and_goal_coverage_snapshots() {
    let mut p = sample();
    p.organisation.vision = "En lång vision ".repeat(40);
    p.initiatives.push(Initiative { id: 99, title: "Utan mål".into(), ..Initiative::default() });
    let mut app = app_with(p, false);
    app.update(fasett::action::Action::RunCommand("org".into()));
    insta::assert_snapshot!("profile", render(&app));
    go_to(&mut app, ProfileRow::Vision);
    insta::assert_snapshot!("profile_long_vision", render(&app));
    go_to(&mut app, ProfileRow::AddGoal);
    insta::assert_snapshot!("goal_coverage", render(&app));
}
