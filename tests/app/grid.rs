//! The Portfolio grid draws OPSI's model truly: each pole label at its own facet's outer
//! corner and each change type between its two neighbours, in every language and size; the
//! tendency never flatters.

use fasett::action::Pane;
use fasett::i18n::Lang;
use fasett::model::{Facet, Initiative, Portfolio, Status};
use fasett::placement::{ChangeType, Pole};
use fasett::testing::{Harness, TODAY, sample};

/// Where a text is on a rendered screen: its row and the columns it covers.
#[derive(Debug, Clone, Copy)]
struct Spot {
    row: usize,
    from: usize,
    to: usize,
}

impl Spot {
    /// Distance on screen between two spots: columns apart where they do not overlap, and rows
    /// apart counted double, as a terminal cell is about twice as tall as it is wide.
    fn distance(self, other: Spot) -> f64 {
        let dy = 2.0 * self.row.abs_diff(other.row) as f64;
        // Columns apart, 0 where the two overlap.
        let dx = other.from.saturating_sub(self.to).max(self.from.saturating_sub(other.to)) as f64;
        dx.hypot(dy)
    }
}

/// The one place `text` shows on `screen` (in display columns); panics if it shows nowhere or
/// more than once.
fn spot(screen: &str, text: &str) -> Spot {
    let mut found = Vec::new();
    for (row, line) in screen.lines().enumerate() {
        for (byte, _) in line.match_indices(text) {
            let from = unicode_width::UnicodeWidthStr::width(&line[..byte]);
            found.push(Spot { row, from, to: from + unicode_width::UnicodeWidthStr::width(text) });
        }
    }
    assert_eq!(found.len(), 1, "“{text}” should show exactly once:\n{screen}");
    found[0]
}

fn t(lang: Lang, key: &str) -> String {
    lang.t(key).to_owned()
}

/// A facet's whole title on its cell's top border, up to the border line after it; by its
/// full name or, where the grid is narrow, its short one.
fn title(screen: &str, lang: Lang, facet: Facet) -> Spot {
    let full = format!("┌ {} · ", t(lang, &format!("facet.{}", facet.key())));
    let short = format!("┌ {} · ", t(lang, &format!("facet_short.{}", facet.key())));
    let start = spot(screen, if screen.contains(&full) { &full } else { &short });
    let line = screen.lines().nth(start.row).unwrap_or_default();
    let rest: String = line.chars().skip(start.from + 2).take_while(|c| *c != '─' && *c != '┐').collect();
    Spot { to: start.from + 2 + unicode_width::UnicodeWidthStr::width(rest.trim_end()), ..start }
}

/// A pole's label as the grid writes it: arrow outside on the left, inside on the right.
fn pole_label(lang: Lang, pole: Pole) -> String {
    let word = t(lang, &format!("pole.{}", pole.key()));
    match pole {
        Pole::Directed | Pole::Certainty => format!("{} {word}", pole.arrow()),
        Pole::Uncertainty | Pole::Undirected => format!("{word} {}", pole.arrow()),
    }
}

fn change_label(lang: Lang, change: ChangeType) -> String {
    t(lang, &format!("change_type.{}", change.key()))
}

fn grid_in(lang: Lang) -> Harness {
    Harness::sample().lang(lang).on(Pane::Portfolio)
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[test]
fn each_pole_label_is_nearest_its_own_facet_in_every_language_and_size() {
    for lang in Lang::ALL {
        for (width, height) in SIZES {
            let screen = grid_in(lang).render(width, height);
            let titles: Vec<(Facet, Spot)> = Facet::GRID.map(|f| (f, title(&screen, lang, f))).to_vec();
            for facet in Facet::GRID {
                let pole = Pole::of(facet).expect("a grid facet has a pole");
                let label = spot(&screen, &pole_label(lang, pole));
                let nearest = titles
                    .iter()
                    .min_by(|a, b| label.distance(a.1).total_cmp(&label.distance(b.1)))
                    .map(|(f, _)| *f);
                assert_eq!(
                    nearest,
                    Some(facet),
                    "{} at {width}×{height}: {pole:?} should be nearest {facet:?}:\n{screen}",
                    lang.code()
                );
            }
        }
    }
}

#[test]
fn each_change_type_lies_on_the_border_its_two_facets_share() {
    for lang in Lang::ALL {
        for (width, height) in SIZES {
            let screen = grid_in(lang).render(width, height);
            let at = |f: Facet| title(&screen, lang, f);
            for change in ChangeType::ALL {
                let label = spot(&screen, &change_label(lang, change));
                let (a, b) = change.between();
                let (a, b) = (at(a), at(b));
                let why = format!("{} at {width}×{height}: {change:?}:\n{screen}", lang.code());
                if a.row == b.row {
                    // Side by side (transformative, optimising): on the line just outside the
                    // pair, over the junction of their cells.
                    let junction = b.from;
                    assert!(label.from < junction && junction < label.to, "{why}");
                    let lines: Vec<&str> = screen.lines().collect();
                    let just_above = label.row + 1 == a.row;
                    let just_below = label.row > a.row && lines[label.row - 1].contains("┘└");
                    assert!(just_above || just_below, "{why}");
                } else {
                    // One above the other (sustaining, disruptive): between the two rows, in
                    // their column.
                    assert!(a.row.min(b.row) < label.row && label.row < a.row.max(b.row), "{why}");
                    let column = a.from.min(b.from)..a.from.max(b.from) + width as usize / 2;
                    assert!(column.contains(&label.from), "{why}");
                }
            }
            // The poles label corners, not rows or columns: no old axis arrows remain above
            // the footer.
            let grid: Vec<&str> = screen.lines().take(usize::from(height) - 1).collect();
            for old in ["↑ ", "← ", " →", "↓ "] {
                assert!(!grid.iter().any(|l| l.contains(old)), "{} shows {old:?}:\n{screen}", lang.code());
            }
        }
    }
}

#[test]
fn presentation_mode_keeps_the_poles_and_a_zoomed_facet_names_its_pole() {
    for lang in [Lang::En, Lang::Sv] {
        let mut app = grid_in(lang);
        app.press('p');
        let screen = app.render(80, 24);
        for pole in Pole::GRID {
            spot(&screen, &pole_label(lang, pole));
        }
        app.press('p');
        app.press('z');
        for pole in Pole::GRID {
            let screen = app.render(80, 24);
            let long = t(lang, &format!("pole.{}_long", pole.key()));
            assert!(screen.contains(&format!("{} {long}", pole.arrow())), "{pole:?}:\n{screen}");
            app.press('l');
        }
        // The strip has no pole.
        let screen = app.render(80, 24);
        assert!(Pole::GRID.iter().all(|p| !screen.contains(p.arrow())), "{screen}");
    }
}

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
