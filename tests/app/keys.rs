//! The key contract in the views opened over a pane (trial 10): a pane digit leaves them for
//! the pane instead of being swallowed, and `Esc` returns to the list a view was opened from.

use fasett::action::Pane;
use fasett::app::{CultureMode, Mode, ProfileEditor};
use fasett::i18n::Lang;
use fasett::testing::Harness;
use ratatui::crossterm::event::KeyCode;

/// Each view where a digit answers nothing, as the keys that open it from the Portfolio.
const SUB_VIEWS: &[(&str, &str)] = &[
    ("intake list", "2i"),
    ("benefits view", "4b"),
    ("initiative", "2<Enter>"),
    ("results", "3r"),
    ("comparison", "3c"),
    ("action plan", "3p"),
    ("every action", "3A"),
];

#[test]
fn a_pane_digit_in_a_sub_view_leaves_it_for_that_pane() {
    for (view, open) in SUB_VIEWS {
        for (digit, pane) in
            [('1', Pane::Portfolio), ('2', Pane::Initiatives), ('3', Pane::Culture), ('4', Pane::Overview)]
        {
            let mut app = Harness::sample();
            app.keys(open);
            assert!(!matches!(app.mode, Mode::Normal), "{open} opens the {view}");
            app.press(digit);
            assert_eq!(app.pane, pane, "{digit} in the {view}");
            assert!(matches!(app.mode, Mode::Normal), "{digit} in the {view}: {:?}", app.mode);
        }
    }
}

#[test]
fn the_key_after_a_pane_digit_acts_in_the_new_pane_not_in_the_intake_list() {
    // `4 b` in the intake list marked the selected idea "being assessed".
    let mut app = Harness::sample();
    app.keys("2i");
    let idea = app.intake_selected().expect("an idea waits");
    let before = app.portfolio.initiative(idea).cloned();
    app.keys("4b");
    assert_eq!(app.portfolio.initiative(idea).cloned(), before, "the idea is untouched");
    assert!(matches!(app.mode, Mode::Benefits(_)), "b opened the benefits: {:?}", app.mode);
}

#[test]
fn a_digit_still_scores_in_the_rating_view() {
    let mut app = Harness::sample();
    app.keys("3<Enter>");
    assert!(matches!(app.mode, Mode::Culture(CultureMode::Rating(_))), "{:?}", app.mode);
    app.press('2');
    assert_eq!(app.pane, Pane::Culture);
    assert!(matches!(app.mode, Mode::Culture(CultureMode::Rating(_))), "{:?}", app.mode);
}

#[test]
fn esc_from_an_idea_returns_to_the_intake_list_at_that_idea() {
    let mut app = Harness::sample();
    app.keys("2i");
    assert!(app.intake_ids().len() > 1, "the sample has ideas waiting");
    app.keys("j<Enter>");
    assert!(matches!(app.mode, Mode::Detail { .. }), "{:?}", app.mode);
    app.keys("<Esc>");
    let Mode::Intake(list) = &app.mode else { panic!("Esc went to {:?}", app.mode) };
    assert_eq!(list.selected, 1, "the same idea is selected");
    // `q` closes the list as `Esc` does, and the help says so.
    app.press('?');
    assert!(app.render(80, 40).contains("Esc q"), "{}", app.render(80, 40));
}

#[test]
fn esc_from_an_initiative_returns_to_the_benefits_list_it_was_opened_from() {
    let mut app = Harness::sample();
    app.keys("4bjj<Enter>");
    assert!(matches!(app.mode, Mode::Detail { .. }), "{:?}", app.mode);
    app.keys("<Esc>");
    let Mode::Benefits(view) = &app.mode else { panic!("Esc went to {:?}", app.mode) };
    assert_eq!((view.scope, view.selected), (None, 2), "every benefit, the same one selected");
    app.keys("<Esc>");
    assert!(matches!(app.mode, Mode::Normal) && app.pane == Pane::Overview);
}

#[test]
fn esc_walks_back_through_an_initiative_s_own_benefits() {
    // Every benefit → an initiative → its own benefits → the initiative again → back the
    // same way.
    let mut app = Harness::sample();
    app.keys("4bjj<Enter>");
    let Mode::Detail { id, .. } = app.mode else { panic!("{:?}", app.mode) };
    app.keys("b");
    assert!(matches!(&app.mode, Mode::Benefits(view) if view.scope == Some(id)), "{:?}", app.mode);
    app.keys("<Enter>");
    assert!(matches!(app.mode, Mode::Detail { id: shown, .. } if shown == id));
    app.keys("<Esc>");
    assert!(matches!(&app.mode, Mode::Benefits(view) if view.scope == Some(id)), "{:?}", app.mode);
    app.keys("<Esc>");
    assert!(matches!(app.mode, Mode::Detail { id: shown, .. } if shown == id), "{:?}", app.mode);
    app.keys("<Esc>");
    assert!(matches!(&app.mode, Mode::Benefits(view) if view.scope.is_none()), "{:?}", app.mode);
}

#[test]
fn the_rating_offers_its_run_s_scale_in_one_row() {
    let mut app = Harness::sample();
    app.keys("3<Enter>");
    let screen = app.render(80, 24);
    assert!(screen.contains("1–5 score") && !screen.contains("0-9"), "{screen}");
    app.press('?');
    let help = app.render(80, 60);
    // A help row is a key and its words, in a cell of its own between the overlay's borders.
    let score_row = |cell: &str| cell.split_whitespace().collect::<Vec<_>>().get(1..) == Some(&["score"][..]);
    let rows: Vec<&str> = help.lines().filter(|l| l.split('│').any(score_row)).collect();
    assert_eq!(rows.len(), 1, "one row for the digits: {help}");
    assert!(rows[0].contains("1–5"), "{help}");
    app.press('?').press('3');
    assert!(app.message().contains(": 3 for "), "3 still scores: {}", app.message());
    app.press('7');
    assert!(app.message().contains("(1–5)"), "7 is outside the scale: {}", app.message());
}

#[test]
fn editing_a_run_offers_enter_to_save_not_to_start() {
    let mut app = Harness::sample();
    app.keys("3e");
    assert!(matches!(&app.mode, Mode::Culture(CultureMode::NewRun(form)) if form.editing.is_some()));
    let screen = app.render(80, 24);
    assert!(screen.contains("Enter save the run") && screen.contains("Enter save ·"), "{screen}");
    assert!(!screen.contains("start"), "{screen}");
    app.keys("<F1>");
    let help = app.render(80, 40);
    assert!(help.contains("save the run") && !help.contains("start the run"), "{help}");
    // A new run still starts.
    let mut app = Harness::sample();
    app.keys("3n");
    let screen = app.render(80, 24);
    assert!(screen.contains("Enter start the run") && screen.contains("Enter start ·"), "{screen}");
}

#[test]
fn the_run_dialog_and_the_profile_keep_esc_in_the_footer_at_60_by_20() {
    for open in ["3n", "3e", "4o"] {
        let mut app = Harness::sample().lang(Lang::Nb);
        app.keys(open);
        let screen = app.render(60, 20);
        let footer = screen.lines().last().unwrap_or_default();
        assert!(footer.contains("Esc"), "{open}: {screen}");
    }
}

/// The scroll of the results or comparison view open now.
fn results_scroll(app: &Harness) -> u16 {
    match app.mode {
        Mode::Culture(CultureMode::Results { scroll, .. } | CultureMode::Comparison { scroll, .. }) => scroll,
        _ => panic!("not in results: {:?}", app.mode),
    }
}

#[test]
fn results_go_to_the_top_and_the_bottom_and_offer_down_only_with_more_below() {
    // The group results of the second run are longer than 80×24; the oldest run's fit.
    let mut app = Harness::sample();
    app.keys("3jr");
    let footer = |app: &mut Harness| app.render(80, 24).lines().last().unwrap_or_default().to_owned();
    assert!(footer(&mut app).contains("↓ scroll down"), "more below at the top");
    app.keys("G");
    let bottom = results_scroll(&app);
    assert!(bottom > 0, "G went down");
    assert!(!footer(&mut app).contains("↓ scroll down"), "nothing more below at the end");
    app.keys("<End>j");
    assert_eq!(results_scroll(&app), bottom, "never past the end");
    app.keys("k");
    assert_eq!(results_scroll(&app), bottom - 1, "one up from the end moves at once");
    app.keys("g");
    assert_eq!(results_scroll(&app), 0);
    app.keys("<End><Home>");
    assert_eq!(results_scroll(&app), 0);
    // A run whose results fit offers no scrolling at all, nor does its comparison.
    let mut app = Harness::sample();
    app.keys("3Gr");
    assert!(!footer(&mut app).contains("↓"), "{}", app.render(80, 24));
    app.keys("c");
    assert!(!footer(&mut app).contains("↓"), "no earlier run: {}", app.render(80, 24));
}

#[test]
fn undo_and_redo_work_from_the_results() {
    let mut app = Harness::sample();
    app.keys("3<Enter>");
    let Mode::Culture(CultureMode::Rating(rating)) = app.mode else { panic!("{:?}", app.mode) };
    let before = app.portfolio.assessment(rating.id).cloned();
    app.keys("1r");
    assert_ne!(app.portfolio.assessment(rating.id).cloned(), before, "scored");
    app.keys("u");
    assert_eq!(app.portfolio.assessment(rating.id).cloned(), before, "u undid the score in the results");
    assert!(matches!(app.mode, Mode::Culture(CultureMode::Results { .. })), "{:?}", app.mode);
    app.keys("<C-r>");
    assert_ne!(app.portfolio.assessment(rating.id).cloned(), before, "Ctrl-r made it again");
}

#[test]
fn page_keys_move_in_the_intake_list_and_the_profile() {
    let mut app = Harness::sample();
    app.keys("2i");
    let final_row = app.intake_ids().len() - 1;
    app.press(KeyCode::PageDown);
    let Mode::Intake(list) = &app.mode else { panic!("{:?}", app.mode) };
    assert_eq!(list.selected, final_row, "the sample's few ideas fit one page");
    app.press(KeyCode::PageUp);
    let Mode::Intake(list) = &app.mode else { panic!("{:?}", app.mode) };
    assert_eq!(list.selected, 0);
    let mut app = Harness::sample();
    app.keys("4o");
    app.press(KeyCode::PageDown);
    let Mode::Profile(ProfileEditor { selected, .. }) = app.mode else { panic!("{:?}", app.mode) };
    assert!(selected > 5, "a page down: {selected}");
    app.press(KeyCode::PageUp);
    assert!(matches!(app.mode, Mode::Profile(ProfileEditor { selected: 0, .. })), "{:?}", app.mode);
}

#[test]
fn a_benefit_added_behind_the_benefits_list_is_in_it_when_esc_returns() {
    // Every benefit → an initiative → its own benefits, where one is added: the lists `Esc`
    // goes back through have it, kept true on the way rather than counted anew.
    let mut app = Harness::sample();
    app.keys("4b");
    let rows = |app: &Harness| match &app.mode {
        Mode::Benefits(view) => view.rows.len(),
        other => panic!("not a benefits list: {other:?}"),
    };
    let all = rows(&app);
    app.keys("j<Enter>b");
    let own = rows(&app);
    app.keys("n").type_text("Kortare köer");
    app.keys("<C-s>");
    assert_eq!(rows(&app), own + 1, "{}", app.message());
    app.keys("<Esc><Esc>");
    assert_eq!(rows(&app), all + 1, "the new benefit is in the list of every benefit");
}
