//! The organisation profile and the first-run welcome, driven through keys.

use fasett::action::Action;
use fasett::app::{Field, Mode, ProfileRow};
use fasett::model::Initiative;
use fasett::testing::{Harness, sample};
use ratatui::crossterm::event::KeyCode;

/// Selects `wanted` in the profile editor with keys: to the top, then down.
fn go_to(app: &mut Harness, wanted: ProfileRow) {
    app.press('g');
    for _ in 0..200 {
        if matches!(&app.mode, Mode::Profile(e) if e.row(&app.portfolio.organisation) == wanted) {
            return;
        }
        app.press('j');
    }
    panic!("no row {wanted:?}");
}

#[test]
fn the_welcome_fills_the_panes_and_every_key_still_works() {
    let mut app = Harness::first_run();
    let screen = app.screen();
    assert!(screen.contains("Welcome to fasett"));
    insta::assert_snapshot!("welcome", screen);
    app.press('2');
    app.press('n');
    app.type_text("Första idén");
    app.press(KeyCode::Enter);
    assert_eq!(app.portfolio.initiatives.len(), 1);
    assert!(!app.screen().contains("Welcome to fasett"), "gone after the first edit");
}

#[test]
fn start_asks_only_for_the_name_then_goals_are_added_and_undone() {
    let mut app = Harness::first_run();
    app.press('o');
    assert!(matches!(&app.mode, Mode::Profile(e) if e.editing.is_some()), "typing the name at once");
    app.type_text("Testby kommun");
    app.press(KeyCode::Enter);
    assert_eq!(app.portfolio.organisation.name, "Testby kommun");
    go_to(&mut app, ProfileRow::AddGoal);
    app.press(KeyCode::Enter);
    app.type_text("Trygg äldreomsorg");
    app.press(KeyCode::Enter);
    app.press(KeyCode::Enter);
    app.type_text("Klimatneutral 2035");
    app.press(KeyCode::Enter);
    let titles: Vec<_> = app.portfolio.organisation.goals.iter().map(|g| (g.id, g.title.as_str())).collect();
    assert_eq!(titles, [(1, "Trygg äldreomsorg"), (2, "Klimatneutral 2035")]);
    app.press('u');
    assert_eq!(app.portfolio.organisation.goals.len(), 1, "u undoes the last profile edit");
    app.press('K');
    go_to(&mut app, ProfileRow::AddGoal);
    app.press(KeyCode::Enter);
    app.type_text("trygg ÄLDREOMSORG");
    app.press(KeyCode::Enter);
    assert!(app.message().contains("already"), "duplicates are refused: {}", app.message());
    assert_eq!(app.portfolio.organisation.goals.len(), 1);
}

#[test]
fn goals_and_units_in_use_are_retired_not_deleted() {
    let mut app = Harness::sample();
    app.update(Action::RunCommand("org".into()));
    go_to(&mut app, ProfileRow::Goal(0));
    let goal = app.portfolio.organisation.goals[0].clone();
    app.press('d');
    assert!(app.message().contains("retire"), "{}", app.message());
    assert_eq!(app.portfolio.organisation.goals[0], goal, "nothing deleted");
    app.press('r');
    assert!(app.portfolio.organisation.goals[0].retired);
    assert!(app.portfolio.initiatives.iter().any(|i| i.goals.contains(&goal.id)), "links stay");
    go_to(&mut app, ProfileRow::Unit(0));
    app.press('d');
    assert!(app.message().contains("retire"), "{}", app.message());
}

#[test]
fn renaming_a_unit_renames_it_on_the_initiatives_in_one_step() {
    let mut app = Harness::sample();
    let old = app.portfolio.organisation.units[0].name.clone();
    let users = app.portfolio.initiatives.iter().filter(|i| i.unit == old).count();
    assert!(users > 0);
    app.update(Action::RunCommand("org".into()));
    go_to(&mut app, ProfileRow::Unit(0));
    app.press(KeyCode::Enter);
    app.press("<C-u>");
    app.type_text("Omsorgsförvaltningen");
    app.press(KeyCode::Enter);
    assert_eq!(app.portfolio.initiatives.iter().filter(|i| i.unit == "Omsorgsförvaltningen").count(), users);
    app.press('u');
    assert_eq!(app.portfolio, sample(), "one undo takes it all back");
}

#[test]
fn a_new_unit_on_an_initiative_offers_to_join_the_profile() {
    let mut app = Harness::sample();
    app.press('2');
    app.press('n');
    app.type_text("Ny idé");
    while !matches!(&app.mode, Mode::Form(f) if f.state.field() == Field::Unit) {
        app.press(KeyCode::Tab);
    }
    app.type_text("Kulturskolan");
    app.press("<C-s>");
    assert_eq!(app.portfolio.initiatives.last().map(|i| i.unit.as_str()), Some("Kulturskolan"));
    assert!(app.message().contains('+'), "{}", app.message());
    app.press('+');
    assert!(app.portfolio.organisation.units.iter().any(|u| u.name == "Kulturskolan"));
}

#[test]
fn profile_and_goal_coverage_snapshots() {
    let mut p = sample();
    p.organisation.vision = "En lång vision ".repeat(40);
    p.initiatives.push(Initiative { id: 99, title: "Utan mål".into(), ..Initiative::default() });
    let mut app = Harness::new(p);
    app.update(Action::RunCommand("org".into()));
    insta::assert_snapshot!("profile", app.screen());
    go_to(&mut app, ProfileRow::Vision);
    insta::assert_snapshot!("profile_long_vision", app.screen());
    // Coverage follows the links: tick the first goal on #99, then back to the goals.
    app.press(KeyCode::Esc).press('2');
    let row = app.register.view.iter().position(|id| *id == 99).expect("listed");
    app.press('g');
    app.press_times('j', row);
    app.press('e');
    while !matches!(&app.mode, Mode::Form(f) if f.state.field() == Field::Goals) {
        app.press(KeyCode::Tab);
    }
    app.keys(" <C-s>");
    assert_eq!(app.portfolio.initiative(99).map(|i| i.goals.clone()), Some(vec![1]));
    app.update(Action::RunCommand("org".into()));
    go_to(&mut app, ProfileRow::AddGoal);
    let screen = app.screen();
    assert!(screen.contains("2 of 18 active initiatives serve no goal"), "{screen}");
    insta::assert_snapshot!("goal_coverage", screen);
}

#[test]
fn a_long_label_never_runs_into_its_value() {
    let mut app = Harness::sample().lang(fasett::i18n::Lang::Nb);
    app.update(Action::RunCommand("org".into()));
    let screen = app.screen();
    let mission = screen.lines().find(|l| l.contains("Samfunnsoppdrag")).expect("the mission row");
    assert!(mission.contains("Samfunnsoppdrag Vi ger"), "{mission}");
    assert!(mission.trim_end_matches(['"', '│']).ends_with('…'), "a cut value says so: {mission}");
}

/// Trial 10 §A11: on the last row the footer no longer offers ↓, which would do nothing.
#[test]
fn the_footer_offers_down_only_where_there_is_a_row_below() {
    let mut app = Harness::sample();
    app.press('4').press('o');
    let footer = |app: &mut Harness| app.render(80, 24).lines().last().unwrap_or_default().to_owned();
    assert!(footer(&mut app).contains("↓ "), "{}", app.screen());
    app.press('G');
    assert!(!footer(&mut app).contains("↓"), "{}", app.screen());
}
