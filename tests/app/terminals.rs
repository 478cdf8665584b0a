//! The terminals people have (issue 15): the compact layout from 60×20 (a tmux window in an
//! 80×24 terminal is 80×23), ASCII for a locale without UTF-8, and no colours.

use std::fmt::Write as _;

use fasett::action::{Action, Pane};
use fasett::i18n::Lang;
use fasett::keymap;
use fasett::testing::Harness;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::journeys::screens;

/// The compact sizes every screen is drawn at.
const COMPACT: [(u16, u16); 3] = [(80, 23), (64, 20), (60, 20)];

#[test]
fn every_pane_and_dialog_at_80x23_64x20_and_60x20() {
    for (name, mut app, selection) in screens(Lang::En) {
        let mut shots = String::new();
        for (width, height) in COMPACT {
            let screen = app.render(width, height);
            assert!(!screen.contains("fasett needs at least"), "{name} at {width}×{height}:\n{screen}");
            if selection {
                assert!(screen.contains('▸'), "{name} at {width}×{height}: no selection in view:\n{screen}");
            }
            let _ = write!(shots, "{width}×{height}\n{screen}");
        }
        insta::assert_snapshot!(format!("compact_{name}"), shots);
    }
}

#[test]
fn the_footer_keeps_help_and_quit_in_every_language_full_and_compact() {
    for lang in Lang::ALL {
        let help = format!("? {}", lang.t("help.help"));
        let quit = format!("q {}", lang.t("help.quit"));
        for (name, mut app, _) in screens(lang) {
            // Every footer keeps its help. Where `q` quits, the compact footer says so too (the
            // full one has room for the pane's own keys first); in a form `q` is a letter, in
            // the detail it closes.
            let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
            let q_quits = keymap::action_for(&app.key_context(), q) == Some(Action::Quit);
            for (width, height) in [(80, 24)].into_iter().chain(COMPACT) {
                let screen = app.render(width, height);
                let footer = screen.lines().last().unwrap_or_default();
                assert!(
                    footer.contains(&help)
                        || footer.contains("F1 ")
                        || name.ends_with("help")
                        || name == "delete",
                    "{} {name} at {width}×{height}: no help in the footer:\n{screen}",
                    lang.code()
                );
                if q_quits && COMPACT.contains(&(width, height)) {
                    assert!(
                        footer.contains(&quit),
                        "{} {name} at {width}×{height}: no quit in the footer:\n{screen}",
                        lang.code()
                    );
                }
            }
        }
    }
}

#[test]
fn tabs_keep_the_read_only_badge_and_the_active_pane_s_name() {
    let (_dir, path) =
        fasett::testing::temp_file("portfolio.json", fasett::store::to_json(&fasett::testing::sample()));
    let opened = fasett::store::Store::open(&path, true).expect("opens read-only");
    let mut app = Harness::opened(opened).on(Pane::Culture);
    for (width, height) in COMPACT {
        let tabs = app.render(width, height).lines().next().unwrap_or_default().to_owned();
        assert!(tabs.contains("3 Culture") && tabs.contains("[read-only]"), "{width}×{height}: {tabs}");
    }
    // Where everything fits, every tab keeps its name.
    let mut app = Harness::sample();
    let tabs = app.render(80, 23).lines().next().unwrap_or_default().to_owned();
    assert!(tabs.contains("2 Initiatives") && tabs.contains("Sjöbacka kommun"), "room at 80: {tabs}");
}

#[test]
fn a_c_locale_draws_ascii_borders_and_marks_in_the_same_places() {
    let mut app = Harness::sample().ascii();
    let grid = app.render(80, 24);
    assert!(grid.is_ascii(), "{grid}");
    insta::assert_snapshot!("ascii_grid_80x24", grid);
    let mut app = Harness::sample().lang(Lang::Sv).ascii().on(Pane::Initiatives);
    app.keys("j");
    insta::assert_snapshot!("ascii_register_sv_64x20", app.render(64, 20));

    // Nothing shifted: on every screen, every row is as wide in ASCII as in Unicode, and the
    // borders are where they were.
    for ((name, mut unicode, _), (_, ascii, _)) in screens(Lang::Sv).into_iter().zip(screens(Lang::Sv)) {
        let mut ascii = ascii.ascii();
        for (width, height) in [(80, 24), (60, 20)] {
            let (u, a) = (unicode.render(width, height), ascii.render(width, height));
            assert!(a.is_ascii(), "{name} at {width}×{height}:\n{a}");
            for (row, (u, a)) in u.lines().zip(a.lines()).enumerate() {
                assert_eq!(u.width(), a.width(), "{name} at {width}×{height}, row {row}:\n{u}\n{a}");
                for (uc, ac) in u.chars().zip(a.chars()).take_while(|(uc, _)| uc.width() == Some(1)) {
                    if matches!(uc, '│' | '─') {
                        assert!(matches!(ac, '|' | '-'), "{name} row {row}: {uc} became {ac}:\n{u}\n{a}");
                    }
                }
            }
        }
    }
}

#[test]
fn without_colours_the_selection_and_overdue_dates_look_different() {
    let mut app = Harness::sample().on(Pane::Initiatives);
    assert!(app.no_color, "the harness draws as NO_COLOR does");
    let screen = app.render_styles(80, 24);
    // The selected row is reversed; an overdue date is marked `!` and underlined, not reversed.
    let rows: Vec<&str> = screen.lines().collect();
    let (selected, marks) = rows
        .chunks(2)
        .map(|pair| (pair[0], pair[1]))
        .find(|(row, _)| row.contains("▸#1 "))
        .expect("the selected row");
    assert!(marks.trim_start().starts_with('R') && !marks.contains('U'), "{selected}\n{marks}");
    let (overdue, marks) = rows
        .chunks(2)
        .map(|pair| (pair[0], pair[1]))
        .find(|(row, _)| row.contains(" !20") && !row.contains('▸'))
        .expect("an overdue follow-up that is not selected");
    let at = overdue.find(" !20").map_or(0, |byte| overdue[..byte].width() + 1);
    let mark: String = marks.chars().skip(at).take(11).collect();
    assert_eq!(mark, "UUUUUUUUUUU", "{overdue}\n{marks}");
    insta::assert_snapshot!("no_color_selection_and_overdue", screen);
}

#[test]
fn the_help_tells_about_the_compact_layout_ascii_and_colour() {
    let mut app = Harness::sample();
    app.press('?');
    let mut seen = String::new();
    for _ in 0..150 {
        seen.push_str(&app.render(80, 24));
        app.press('j');
    }
    for text in [":color off", "FASETT_ASCII=1", "60×20", "NO_COLOR"] {
        assert!(seen.contains(text), "the help does not mention {text}:\n{seen}");
    }
}

#[test]
fn the_help_pages_and_goes_to_either_end_as_it_says_lists_do() {
    // Trial 7, §13: PgDn did nothing in the help, which lists `PgDn page down`.
    for (width, height) in [(80, 24), (60, 20)] {
        let mut app = Harness::sample().on(Pane::Initiatives);
        app.resize(width, height).press('?');
        let top = app.render(width, height);
        app.press(KeyCode::PageDown);
        let next = app.render(width, height);
        assert_ne!(next, top, "{width}×{height}: PgDn pages");
        app.press(KeyCode::PageUp);
        assert_eq!(app.render(width, height), top, "{width}×{height}: PgUp pages back");
        app.press(KeyCode::End);
        let end = app.render(width, height);
        assert!(end.contains("NO_COLOR"), "{width}×{height}: End shows the last lines\n{end}");
        app.press('j').press(KeyCode::PageDown);
        assert_eq!(app.render(width, height), end, "{width}×{height}: nothing past the end");
        // Back up at once, however far the keys went past the end.
        app.press('k');
        assert_ne!(app.render(width, height), end, "{width}×{height}: k after End");
        app.press('G');
        assert_eq!(app.render(width, height), end, "{width}×{height}: G");
        app.press(KeyCode::Home);
        assert_eq!(app.render(width, height), top, "{width}×{height}: Home");
        app.press('G').press('g');
        assert_eq!(app.render(width, height), top, "{width}×{height}: g");
    }
}
