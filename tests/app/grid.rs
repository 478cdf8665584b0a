//! The Portfolio grid draws OPSI's model truly: each pole label at its own facet's outer
//! corner and each change type between its two neighbours, in every language and size; the
//! tendency never flatters; every view follows a change of portfolio; cells never hide
//! initiatives; `K` from the strip goes where the footer says.

use std::path::Path;

use fasett::action::Pane;
use fasett::i18n::Lang;
use fasett::model::{Facet, Initiative, Portfolio, Status};
use fasett::placement::{ChangeType, Pole};
use fasett::testing::{Harness, TODAY, sample};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

/// The screen with the selected cell's mark (`┌▸Mission · …`) read as the space the other
/// titles start with, for the helpers that find titles by their corner.
fn unmarked(screen: &str) -> String {
    screen.replace("┌▸", "┌ ")
}

/// A facet's whole title on its cell's top border, up to the border line after it; by its
/// full name or, where the grid is narrow, its short one.
fn title(screen: &str, lang: Lang, facet: Facet) -> Spot {
    let screen = &unmarked(screen);
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

/// The full layout and the compact one (issue 15): a tmux window in an 80×24 terminal, split
/// windows down to the smallest size drawn.
const SIZES: [(u16, u16); 5] = [(80, 24), (120, 40), (80, 23), (64, 20), (60, 20)];

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

#[test]
fn cell_titles_are_shortened_all_alike() {
    for lang in Lang::ALL {
        for (width, height) in SIZES {
            let mut app = grid_in(lang);
            let screen = app.render(width, height);
            let shares = app.grid.balance.shares(false);
            let titles = |names: &str, key: &str| -> Vec<String> {
                (0..5)
                    .map(|cell| {
                        let name = Facet::GRID.get(cell).map_or_else(
                            || t(lang, "portfolio.strip"),
                            |f| t(lang, &format!("{names}.{}", f.key())),
                        );
                        let count = app.grid.balance.counts[cell];
                        let share = lang.percent(shares[cell] as f64, 0);
                        lang.tn(key, count, &[("facet", &name), ("share", &share)])
                    })
                    .collect()
            };
            // Every title on screen, as drawn between "┌ " and the border line after it.
            let mut drawn: Vec<String> = unmarked(&screen)
                .split("┌ ")
                .skip(1)
                .map(|rest| {
                    rest.split(" ─").next().unwrap_or_default().trim_end_matches([' ', '┐']).to_owned()
                })
                .collect();
            drawn.sort();
            let form = |names: &str, key: &str| {
                let mut all = titles(names, key);
                all.sort();
                all == drawn
            };
            let long = form("facet", "grid.cell_title");
            let short_names = form("facet_short", "grid.cell_title");
            let bare = form("facet_short", "grid.cell_title_short");
            assert!(
                long || short_names || bare,
                "{} at {width}×{height}: the titles {drawn:?} are not all of one form:\n{screen}",
                lang.code()
            );
            if width >= 120 {
                assert!(long, "{} has room for the long titles:\n{screen}", lang.code());
            } else if width >= 80 {
                assert!(long || short_names, "{} keeps “active” at 80 columns:\n{screen}", lang.code());
            }
        }
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
    let grid = app.shows("8 of 12 not placed yet — press o to place them");
    assert!(!grid.contains("new initiatives needed"), "placing comes first:\n{grid}");
    app.press('4');
    let overview = app.shows("8 of 12 not placed yet");
    let report = fasett::report::markdown(&p, TODAY, Lang::En, fasett::report::Options::default());
    assert!(report.contains("8 of 12 active initiatives are not placed yet"), "{report}");
    assert!(!report.contains("press o"), "the report names no key:\n{report}");
    let json = fasett::report::json(&p, TODAY, Lang::En, fasett::report::Options::default());
    assert!(json.contains("\"kind\": \"mostly_unplaced\""), "{json}");
    for (what, text) in [("grid", &grid), ("overview", &overview), ("report", &report), ("json", &json)] {
        assert!(!text.contains("balanced"), "{what} says balanced:\n{text}");
        assert!(!text.contains("(strong)") && !text.contains("\"strong\": true"), "{what}:\n{text}");
    }
    // Three initiatives are too few, whatever their spread.
    let mut three = one_per_facet_and(0);
    three.initiatives.truncate(3);
    let mut app = Harness::new(three).on(Pane::Portfolio);
    assert!(app.render(80, 24).contains("too few active initiatives to speak of a balance"));
}

#[test]
fn the_rule_for_strong_is_in_the_help_and_the_report() {
    let rule = fasett::balance::rule(Lang::En);
    let mut app = Harness::sample().on(Pane::Portfolio);
    app.press('?');
    let mut seen = String::new();
    for _ in 0..60 {
        seen.push_str(&app.render(80, 24));
        app.press('j');
    }
    // Wrapped as the overlay wraps it: 72 columns less the borders and the indent.
    for line in fasett::text::wrap_words(&rule, 68) {
        assert!(seen.contains(&line), "{line:?} missing from the help:\n{seen}");
    }
    let report = fasett::report::markdown(&sample(), TODAY, Lang::En, fasett::report::Options::default());
    assert!(report.contains(&rule), "{report}");
    let json = fasett::report::json(&sample(), TODAY, Lang::Sv, fasett::report::Options::default());
    assert!(json.contains(&fasett::balance::rule(Lang::Sv)), "{json}");
}

#[test]
fn an_empty_cell_under_a_filter_says_nothing_matches() {
    let mut app = Harness::sample().on(Pane::Portfolio);
    app.press('/');
    app.type_text("Fossilfria");
    app.press(KeyCode::Enter);
    let screen = app.shows("▸#3");
    assert_eq!(screen.matches("Nothing here matches the filter.").count(), 4, "{screen}");
    assert!(!screen.contains("new initiatives needed"), "{screen}");
    assert!(!screen.contains(&t(Lang::En, "portfolio.cell_empty")), "{screen}");
}

/// The strip's rows between its borders, as drawn.
fn strip_rows(screen: &str) -> Vec<String> {
    let screen = unmarked(screen);
    let lines: Vec<&str> = screen.lines().collect();
    let top = lines.iter().position(|l| l.contains("┌ Mixed and unplaced")).expect("the strip");
    lines[top + 1..].iter().take_while(|l| !l.contains('└')).map(|l| (*l).to_owned()).collect()
}

fn shift(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::SHIFT)
}

#[test]
fn after_shift_moves_into_mixed_every_one_is_reachable_and_no_row_is_blank() {
    let mut app = Harness::sample().on(Pane::Portfolio);
    // To the enhancement-oriented cell, then move four of its initiatives down into the strip.
    app.press('G').press('j');
    assert_eq!(app.grid.cell, 2);
    let mut moved = Vec::new();
    for _ in 0..4 {
        app.grid.cell = 2;
        app.grid.rows[2] = 0;
        moved.push(app.selected_id().expect("an initiative"));
        app.press(shift(KeyCode::Down));
    }
    let strip = app.grid_cell_ids(4).to_vec();
    assert_eq!(strip.len(), 6, "2 in the demo's strip and 4 moved");
    assert!(moved.iter().all(|id| strip.contains(id)));
    app.press('g');
    for (ix, id) in strip.iter().enumerate() {
        let screen = app.render(80, 24);
        let rows = strip_rows(&screen);
        assert!(rows.iter().any(|r| r.contains(&format!("▸#{id} "))), "#{id} selected and shown:\n{screen}");
        assert!(
            rows.iter().all(|r| r.trim_matches(|c| c == '│' || c == ' ').len() > 1),
            "no blank row in a full strip:\n{screen}"
        );
        // The counter says which rows show, and they are as many as the strip has room for.
        let border =
            screen.lines().skip_while(|l| !l.contains("┌▸Mixed and unplaced")).find(|l| l.contains('└'));
        let counter = border.and_then(|l| l.split_whitespace().find(|w| w.contains('–'))).unwrap_or_default();
        let (first, last) = counter.split_once('–').expect("a counter such as 3–4");
        let (first, last): (usize, usize) = (first.parse().expect("a row"), last.parse().expect("a row"));
        assert_eq!(last - first + 1, rows.len(), "{screen}");
        assert!(first <= ix + 1 && ix < last, "row {} of {first}–{last}:\n{screen}", ix + 1);
        app.press('j');
    }
}

#[test]
fn j_to_the_last_of_the_demo_s_mission_cell_shows_3_to_6_of_6() {
    let mut app = Harness::sample().on(Pane::Portfolio);
    assert!(app.render(80, 24).contains("1–4 of 6"));
    app.press_times('j', 5);
    let screen = app.shows("3–6 of 6");
    assert!(screen.contains("▸#21"), "{screen}");
    assert_eq!(app.grid.cell, 0);
}

#[test]
fn k_from_the_strip_goes_to_the_facet_the_footer_names() {
    let mut app = Harness::sample().on(Pane::Portfolio);
    // Into the strip from the adaptive cell: K would move to Adaptive.
    app.press('l').press('G').press('j').press('G').press('j');
    assert_eq!(app.grid.cell, 4);
    let footer = |app: &mut Harness| app.render(80, 24).lines().nth(23).unwrap_or_default().to_owned();
    assert!(footer(&mut app).contains("K to Adaptive (←→ switch)"), "{}", footer(&mut app));
    // ← chooses the other side, and says so; k from the top row goes there.
    app.press('h');
    assert_eq!(app.grid.cell, 4, "←/→ stay in the strip");
    assert!(footer(&mut app).contains("K to Enhancement-oriented"));
    app.press('k');
    assert_eq!(app.grid.cell, 2);
    // Back down and K: the initiative lands where the footer said.
    app.press('G').press('j');
    app.press('l');
    assert!(footer(&mut app).contains("K to Adaptive"));
    let id = app.selected_id().expect("a strip row");
    app.press(shift(KeyCode::Up));
    assert_eq!(app.portfolio.initiative(id).map(|i| i.facet), Some(Facet::Adaptive));
    // In Swedish too.
    let mut sv = Harness::sample().lang(Lang::Sv).on(Pane::Portfolio);
    sv.grid.cell = 4;
    assert!(footer(&mut sv).contains("K till Förbättringsorienterad (←→ byt)"), "{}", footer(&mut sv));
    // Zoomed, ←/→ step through the cells, so the footer names only the target.
    sv.press('z');
    assert!(footer(&mut sv).contains("K till Förbättringsorienterad "), "{}", footer(&mut sv));
    assert!(!footer(&mut sv).contains("←→"), "{}", footer(&mut sv));
}

/// Active initiatives per grid cell as the Portfolio pane counts them.
fn counts(app: &Harness) -> [usize; 5] {
    app.grid.balance.counts
}

#[test]
fn reload_and_import_and_its_undo_refresh_the_grid_and_the_overview() {
    let mut app = Harness::on_disk(&sample());
    app.press('1');
    let before = counts(&app);
    // Another program places every mixed and unplaced initiative as adaptive.
    let path = app.path().expect("a data file").to_path_buf();
    let mut theirs = sample();
    for i in &mut theirs.initiatives {
        if !i.facet.is_on_grid() {
            i.facet = Facet::Adaptive;
        }
    }
    std::fs::write(&path, fasett::store::to_json(&theirs)).expect("writes");
    app.update(fasett::action::Action::ReloadFromDisk);
    let after = counts(&app);
    assert_eq!(after[3], before[3] + before[4], "{}", app.message());
    assert_eq!(after[4], 0);
    assert!(app.render(120, 40).contains(&format!("Adaptive · {} ", after[3])));

    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csv/excel_sv.csv");
    app.update(fasett::action::Action::RunCommand(format!("import {}", csv.display())));
    // The mapping dialog shows first; Enter imports.
    app.update(fasett::action::Action::Mapping(fasett::action::MappingAction::Import));
    let imported = counts(&app);
    assert_eq!(imported[2], after[2] + 1, "{}", app.message());
    app.press('4');
    let overview = app.render(80, 24);
    let line = overview.lines().find(|l| l.contains("│Enhancement ")).expect("the overview's facet bars");
    let at = line.find("% ").expect("a share") + 2;
    assert_eq!(line[at..at + 3].trim(), imported[2].to_string(), "{overview}");
    app.press('u');
    assert_eq!(counts(&app), after, "{}", app.message());
    app.press('1');
    assert!(app.render(120, 40).contains(&format!("Enhancement-oriented · {} ", after[2])));
}

#[test]
fn paused_initiatives_show_but_do_not_count() {
    let mut p = one_per_facet_and(2);
    p.initiatives[0].status = Status::Paused;
    let app = Harness::new(p);
    assert_eq!(counts(&app), [0, 1, 1, 1, 2]);
    assert_eq!(app.grid_cell_ids(0), [1]);
}

#[test]
fn the_footer_offers_to_end_the_presentation_while_it_is_on() {
    let mut app = Harness::sample().lang(Lang::Sv).on(Pane::Portfolio);
    let footer = |app: &mut Harness| app.render(100, 30).lines().last().unwrap_or_default().to_owned();
    let off = footer(&mut app);
    assert!(off.contains("p presentationsläge (döljer ägare)"), "{off}");
    app.press('p');
    let on = footer(&mut app);
    assert!(on.contains("p avsluta presentationsläget (visar ägare)") && !on.contains("döljer"), "{on}");
}

#[test]
fn weighting_by_money_does_not_call_for_initiatives_where_there_are_some_and_keeps_the_rows_hint() {
    for lang in Lang::ALL {
        let mut app = grid_in(lang);
        let counted = app.render(80, 24);
        app.press('w').press('w');
        assert!(app.grid.weighted && app.grid.by_money);
        let weighted = app.render(80, 24);
        assert!(weighted.contains(&t(lang, "grid.weighted_money")), "{weighted}");
        // Every facet of the sample has active initiatives and the counted balance calls for
        // none; weighting changes the shares, not how many initiatives a facet has.
        for screen in [&counted, &weighted] {
            assert!(!screen.contains(&t(lang, "grid.needed")), "{lang:?}:\n{screen}");
            assert!(!screen.contains(&t(lang, "grid.needed_short")), "{lang:?}:\n{screen}");
        }
        let hint = t(lang, "grid.rows").replace("{from}", "1").replace("{to}", "4").replace("{count}", "6");
        assert!(weighted.contains(&hint), "{lang:?}: hidden rows are said:\n{weighted}");
    }
}

#[test]
fn a_cell_that_needs_initiatives_says_so_beside_its_hidden_rows_hint() {
    // Twenty in three facets, eight adaptive: the adaptive facet is weak, and its eight rows
    // do not fit in its cell.
    let counts = [
        (Facet::MissionOriented, 20),
        (Facet::Anticipatory, 20),
        (Facet::EnhancementOriented, 20),
        (Facet::Adaptive, 8),
    ];
    let mut p = Portfolio::default();
    for (facet, n) in counts {
        for _ in 0..n {
            let id = u32::try_from(p.initiatives.len()).expect("few") + 1;
            p.initiatives.push(Initiative {
                id,
                title: format!("Initiative {id}"),
                facet,
                ..Initiative::default()
            });
        }
    }
    for lang in Lang::ALL {
        let mut app = Harness::new(p.clone()).lang(lang).on(Pane::Portfolio);
        let screen = app.render(80, 24);
        let hint = t(lang, "grid.rows").replace("{from}", "1").replace("{to}", "3").replace("{count}", "8");
        let line =
            screen.lines().find(|l| l.contains(&hint)).unwrap_or_else(|| panic!("{lang:?}:\n{screen}"));
        let short = t(lang, "grid.needed_short");
        assert!(line.contains(&short) || line.contains(&t(lang, "grid.needed")), "{lang:?}: {line}");
    }
}
