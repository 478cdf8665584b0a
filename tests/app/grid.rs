//! The Portfolio grid and the Overview tell the portfolio's tendency truly: one rule for
//! "strong", stated in the help and the report; no tendency for a handful of initiatives or
//! when most are not placed yet.

use fasett::action::Pane;
use fasett::i18n::Lang;
use fasett::model::{Facet, Initiative, Portfolio, Status};
use fasett::testing::{Harness, TODAY, sample};

/// One active initiative per facet and `unplaced` active unplaced ones.
fn one_per_facet_and(unplaced: u32) -> Portfolio {
    let mut p = Portfolio::default();
    p.organisation.name = "Testby".into();
    let facets = Facet::GRID.into_iter().chain(std::iter::repeat_n(Facet::Unplaced, unplaced as usize));
    for (n, facet) in facets.enumerate() {
        let id = n as u32 + 1;
        p.initiatives.push(Initiative {
            id,
            facet,
            title: format!("Initiativ {id}"),
            ..Initiative::default()
        });
    }
    p
}

#[test]
fn one_per_facet_and_eight_unplaced_is_called_balanced_or_strong_nowhere() {
    let p = one_per_facet_and(8);
    let mut app = Harness::new(p.clone()).on(Pane::Portfolio);
    let grid = app.render(80, 24);
    assert!(grid.contains("8 of 12 not placed yet — press o to place them"), "{grid}");
    assert!(!grid.contains("new initiatives needed"), "placing comes first:\n{grid}");
    app.press('4');
    let overview = app.render(80, 24);
    assert!(overview.contains("8 of 12 not placed yet"), "{overview}");
    let report = fasett::report::markdown(&p, TODAY, Lang::En);
    assert!(report.contains("8 of 12 active initiatives are not placed yet"), "{report}");
    assert!(!report.contains("press o"), "the report names no key:\n{report}");
    let json = fasett::report::json(&p, TODAY, Lang::En);
    assert!(json.contains("\"kind\": \"mostly_unplaced\""), "{json}");
    for (what, text) in [("grid", &grid), ("overview", &overview), ("report", &report), ("json", &json)] {
        assert!(!text.contains("balanced"), "{what} says balanced:\n{text}");
        assert!(!text.contains("(strong)") && !text.contains("\"strong\": true"), "{what}:\n{text}");
    }
    // Three initiatives are too few, whatever their spread.
    let mut app = Harness::new(one_per_facet_and(0)).on(Pane::Portfolio);
    app.portfolio.initiatives.truncate(3);
    app.refresh_view();
    assert!(app.render(80, 24).contains("too few active initiatives to speak of a balance"));
}

#[test]
fn the_rule_for_strong_is_in_the_help_and_the_report() {
    let rule = fasett::balance::rule(Lang::En);
    let mut app = Harness::sample().on(Pane::Portfolio);
    app.press('?');
    let mut seen = String::new();
    for _ in 0..40 {
        seen.push_str(&app.render(80, 24));
        app.press('j');
    }
    // Wrapped as the overlay wraps it: 72 columns less the borders and the indent.
    for line in fasett::ui::theme::wrap(&rule, 68) {
        assert!(seen.contains(&line), "{line:?} missing from the help:\n{seen}");
    }
    let report = fasett::report::markdown(&sample(), TODAY, Lang::En);
    assert!(report.contains(&rule), "{report}");
    let json = fasett::report::json(&sample(), TODAY, Lang::Sv);
    assert!(json.contains(&fasett::balance::rule(Lang::Sv)), "{json}");
}

/// Active initiatives per grid cell as the Portfolio pane counts them.
fn counts(app: &Harness) -> [usize; 5] {
    app.grid.balance.counts
}

#[test]
fn paused_initiatives_show_but_do_not_count() {
    let mut p = one_per_facet_and(2);
    p.initiatives[0].status = Status::Paused;
    let app = Harness::new(p);
    assert_eq!(counts(&app), [0, 1, 1, 1, 2]);
    assert_eq!(app.grid_cell_ids(0), [1]);
}
