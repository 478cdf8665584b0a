//! The action plan as a list: every list key of the key contract, through keys.

use fasett::app::{CultureMode, Mode};
use fasett::i18n::Lang;
use fasett::model::ActionItem;
use fasett::testing::{Harness, sample};
use ratatui::crossterm::event::KeyCode;

/// Every action of the sample (`A` in the Culture pane), at 80×24.
fn plan(mut app: Harness) -> Harness {
    app.resize(80, 24);
    app.keys("3A");
    assert!(matches!(app.mode, Mode::Culture(CultureMode::Plan { assessment: None, .. })));
    app
}

/// The sample with `extra` more actions, none with a follow-up (so they come last, by id).
fn long_plan(extra: u32) -> Harness {
    let mut portfolio = sample();
    let first = portfolio.actions.iter().map(|a| a.id).max().unwrap_or(0) + 1;
    for id in first..first + extra {
        portfolio.actions.push(ActionItem { id, what: format!("Action {id}"), ..ActionItem::default() });
    }
    plan(Harness::new(portfolio))
}

fn selected(app: &Harness) -> usize {
    match app.mode {
        Mode::Culture(CultureMode::Plan { selected, .. }) => selected,
        ref other => panic!("expected the plan, got {other:?}"),
    }
}

#[test]
fn g_and_home_go_to_the_first_action() {
    for key in ["g", "<Home>"] {
        let mut app = plan(Harness::sample());
        app.keys("jj");
        assert_eq!(selected(&app), 2);
        app.keys(key);
        assert_eq!(selected(&app), 0, "{key}");
    }
}

#[test]
fn capital_g_and_end_go_to_the_last_action() {
    for key in ["G", "<End>"] {
        let mut app = plan(Harness::sample());
        let last = app.plan_rows(None).len() - 1;
        app.keys(key);
        assert_eq!(selected(&app), last, "{key}");
    }
}

#[test]
fn page_down_and_up_move_by_the_rows_the_list_shows() {
    let mut app = long_plan(30);
    let len = app.plan_rows(None).len();
    // 24 rows: 21 for the plan, less its border, heading, rule and five rows of details.
    app.keys("<PageDown>");
    assert_eq!(selected(&app), 12);
    let screen = app.render(80, 24);
    assert!(screen.contains("▸[ ] Action"), "the selection is in view:\n{screen}");
    app.keys("<PageDown><PageDown>");
    assert_eq!(selected(&app), len - 1, "no further than the last");
    app.keys("<PageUp>");
    assert_eq!(selected(&app), len - 13);
    app.keys("<PageUp><PageUp><PageUp>");
    assert_eq!(selected(&app), 0);
}

#[test]
fn d_asks_anything_but_yes_keeps_the_action_and_undo_brings_a_deleted_one_back() {
    let mut app = plan(Harness::sample());
    app.keys("G");
    let id = app.plan_rows(None)[selected(&app)];
    let what = app.portfolio.action(id).expect("there").what.clone();
    app.keys("d");
    assert!(app.render(80, 24).contains(&format!("Delete action #{id}")));
    app.keys("n");
    assert!(app.portfolio.action(id).is_some(), "anything but y cancels");
    assert!(matches!(app.mode, Mode::Culture(CultureMode::Plan { .. })), "back in the plan");
    app.keys("d<Esc>");
    assert!(app.portfolio.action(id).is_some());
    app.keys("dy");
    assert!(app.portfolio.action(id).is_none());
    assert_eq!(app.message(), format!("Action #{id} deleted."));
    assert!(matches!(app.mode, Mode::Culture(CultureMode::Plan { .. })), "back in the plan");
    assert_eq!(selected(&app), app.plan_rows(None).len() - 1, "still on a row");
    app.keys("u");
    assert_eq!(app.portfolio, sample(), "undo brings it back");
    assert_eq!(app.message(), format!("Undone: deleting action #{id}. Saved."));
    assert!(app.render(80, 24).contains(&what[..10]));
    app.keys("<C-r>");
    assert!(app.portfolio.action(id).is_none(), "and redo takes it away again");
}

#[test]
fn the_languages_own_yes_deletes_an_action() {
    for lang in [Lang::Sv, Lang::Da, Lang::Nb] {
        let mut app = plan(Harness::sample().lang(lang));
        let id = app.plan_rows(None)[0];
        app.keys("dj");
        assert!(app.portfolio.action(id).is_none(), "{lang:?}");
    }
    let mut app = plan(Harness::sample());
    let id = app.plan_rows(None)[0];
    app.keys("dj");
    assert!(app.portfolio.action(id).is_some(), "j is no yes in English");
}

#[test]
fn e_and_enter_open_the_selected_action() {
    for key in ["e", "<Enter>"] {
        let mut app = plan(Harness::sample());
        app.keys("j");
        let id = app.plan_rows(None)[1];
        app.keys(key);
        match &app.mode {
            Mode::Culture(CultureMode::ActionForm(form)) => {
                assert_eq!(form.state.original.as_ref().map(|a| a.id), Some(id), "{key}");
            }
            other => panic!("{key}: expected the action form, got {other:?}"),
        }
        app.press(KeyCode::Esc);
        assert_eq!(selected(&app), 1, "{key}: back on the same row");
    }
}

#[test]
fn the_help_and_the_footer_name_the_list_keys() {
    let mut app = plan(Harness::sample());
    let footer = app.render(80, 24);
    assert!(footer.lines().last().is_some_and(|l| l.contains("d delete")), "{footer}");
    app.keys("?");
    let help = app.render(80, 24);
    for row in ["g Home", "G End", "PgUp", "PgDn", "Enter", "d    "] {
        assert!(help.contains(row), "{row} missing:\n{help}");
    }
    // An empty plan offers no key for an action it does not have.
    let mut app = plan(Harness::with_titles(&["Nattfasta"]));
    let footer = app.render(80, 24);
    let footer = footer.lines().last().unwrap_or_default();
    assert!(
        footer.contains("n action") && !footer.contains("d delete") && !footer.contains("e edit"),
        "{footer}"
    );
}

#[test]
fn a_read_only_plan_neither_offers_nor_asks_to_delete() {
    let (_dir, path) = fasett::testing::temp_file("p.json", fasett::store::to_json(&sample()));
    let mut app = plan(Harness::opened(fasett::store::Store::open(&path, true).expect("opens read-only")));
    let screen = app.render(80, 24);
    assert!(!screen.lines().last().is_some_and(|l| l.contains("d ")), "{screen}");
    app.keys("dy");
    assert_eq!(app.portfolio, sample());
    assert!(matches!(app.mode, Mode::Culture(CultureMode::Plan { .. })), "no question was asked");
}
