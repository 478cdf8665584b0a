//! Swedish, Danish, Norwegian and English throughout: the catalogs match each other and the
//! code, and no screen in sv/da/nb shows a catalog key or falls back to English.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fasett::action::Pane;
use fasett::app::{App, Options};
use fasett::i18n::Lang;
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn catalog(code: &str) -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/i18n/{code}.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("the catalog exists")).expect("valid JSON")
}

/// Every string literal in src/ (a light scan: enough for keys, which never hold quotes).
fn literals_in_src() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("readable");
                // Every run between two quotes, whatever came before: a stray '"' char literal
                // must not hide the literals after it.
                let parts: Vec<&str> = text.split('"').collect();
                for part in parts.iter().skip(1).take(parts.len().saturating_sub(2)) {
                    if !part.contains('\n') && part.len() < 80 {
                        found.insert((*part).to_owned());
                    }
                }
            }
        }
    }
    found
}

#[test]
fn every_language_has_exactly_the_english_keys() {
    let en: BTreeSet<String> = catalog("en").into_keys().collect();
    for code in ["sv", "da", "nb"] {
        let other: BTreeSet<String> = catalog(code).into_keys().collect();
        let missing: Vec<_> = en.difference(&other).collect();
        let extra: Vec<_> = other.difference(&en).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{code}: missing {missing:?}, not in English {extra:?}"
        );
    }
}

#[test]
fn keys_used_in_code_exist_and_every_key_is_used() {
    let en = catalog("en");
    let namespaces: BTreeSet<&str> = en.keys().filter_map(|k| k.split('.').next()).collect();
    let literals = literals_in_src();
    let is_key_shaped = |s: &str| {
        s.contains('.')
            && s.split('.').all(|part| {
                !part.is_empty()
                    && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            })
    };
    let missing: Vec<&String> = literals
        .iter()
        .filter(|l| is_key_shaped(l) && namespaces.contains(l.split('.').next().unwrap_or_default()))
        // File names such as "portfolio.json.recovery" are not keys.
        .filter(|l| !l.contains(".json"))
        .filter(|l| !en.contains_key(*l))
        .collect();
    assert!(missing.is_empty(), "used in src but not in en.json: {missing:?}");
    // Keys built at run time ("facet.{}") count for every key under their prefix.
    let dynamic: Vec<&str> = literals
        .iter()
        .filter_map(|l| l.strip_suffix("{}").or_else(|| l.split_once(".{").map(|(p, _)| p)))
        .collect();
    let unused: Vec<&String> = en
        .keys()
        .filter(|k| !literals.contains(*k))
        .filter(|k| {
            !dynamic.iter().any(|prefix| k.starts_with(prefix.trim_end_matches('.')) && !prefix.is_empty())
        })
        .collect();
    assert!(unused.is_empty(), "in en.json but never used: {unused:?}");
}

fn sample() -> fasett::model::Portfolio {
    fasett::store::parse(fasett::demo::SAMPLE.as_bytes(), Path::new("sample.json")).expect("the sample loads")
}

fn app(lang: Lang) -> App {
    let mut app = App::new(sample(), None, &Options { lang, no_color: true, ..Options::default() });
    app.today = date(2026, 11, 25);
    app
}

fn press(app: &mut App, code: KeyCode) {
    fasett::input::handle(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn render(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    terminal.draw(|f| fasett::ui::draw(app, f)).expect("draws");
    terminal.backend().to_string()
}

/// The screens a user reaches in every pane: the pane, its help, and its main dialogs.
fn screens(lang: Lang) -> Vec<(String, String)> {
    let mut shots = Vec::new();
    for (n, pane) in
        [('1', Pane::Portfolio), ('2', Pane::Initiatives), ('3', Pane::Culture), ('4', Pane::Overview)]
    {
        let mut a = app(lang);
        press(&mut a, KeyCode::Char(n));
        shots.push((format!("{pane:?}"), render(&a)));
        press(&mut a, KeyCode::Char('?'));
        shots.push((format!("{pane:?} help"), render(&a)));
        press(&mut a, KeyCode::Esc);
        match pane {
            Pane::Initiatives => {
                press(&mut a, KeyCode::Enter);
                shots.push(("detail".into(), render(&a)));
                press(&mut a, KeyCode::Char('e'));
                shots.push(("form".into(), render(&a)));
                press(&mut a, KeyCode::Esc);
                press(&mut a, KeyCode::Char('f'));
                shots.push(("filter bar".into(), render(&a)));
            }
            Pane::Culture => {
                press(&mut a, KeyCode::Enter);
                shots.push(("rating".into(), render(&a)));
                press(&mut a, KeyCode::Char('r'));
                shots.push(("results".into(), render(&a)));
                press(&mut a, KeyCode::Char('p'));
                shots.push(("plan".into(), render(&a)));
            }
            Pane::Overview => {
                press(&mut a, KeyCode::Char('o'));
                shots.push(("profile".into(), render(&a)));
            }
            Pane::Portfolio => {
                press(&mut a, KeyCode::Char('o'));
                shots.push(("placement".into(), render(&a)));
            }
        }
    }
    let mut first = App::new(
        fasett::model::Portfolio::default(),
        None,
        &Options { lang, no_color: true, first_run: true },
    );
    first.today = date(2026, 11, 25);
    shots.push(("welcome".into(), render(&first)));
    shots
}

#[test]
fn no_catalog_key_or_english_fallback_shows_in_swedish_danish_or_norwegian() {
    let en = catalog("en");
    let shared_words: BTreeSet<&str> = ["Enter", "Esc", "Tab"].into_iter().collect();
    for (lang, code) in [(Lang::Sv, "sv"), (Lang::Da, "da"), (Lang::Nb, "nb")] {
        let other = catalog(code);
        for (what, screen) in screens(lang) {
            for (key, english) in &en {
                assert!(
                    !screen.contains(&format!(" {key} ")),
                    "{code} {what}: the key {key} shows:\n{screen}"
                );
                // A fallback shows as a whole English text; short ones may be shared words.
                let english = english.split('{').next().unwrap_or_default().trim();
                if english.chars().count() >= 12
                    && other.get(key).is_none_or(|t| !t.contains(english))
                    && !shared_words.contains(english)
                {
                    assert!(
                        !screen.contains(english),
                        "{code} {what}: English “{english}” ({key}) shows:\n{screen}"
                    );
                }
            }
        }
    }
}

#[test]
fn pane_1_in_all_four_languages() {
    for lang in Lang::ALL {
        insta::assert_snapshot!(format!("portfolio_{}", lang.code()), render(&app(lang)));
    }
}

#[test]
fn every_screen_in_every_language_fits_80x24() {
    // Rendering must not panic, and the footer must keep its help hint, whatever the words.
    for lang in Lang::ALL {
        for (what, screen) in screens(lang) {
            let footer = screen.lines().nth(23).unwrap_or_default();
            assert!(
                footer.contains("? ") || footer.contains("F1 ") || what.contains("help"),
                "{} {what}: footer without help: {footer}",
                lang.code()
            );
        }
    }
}
