//! Swedish, Danish, Norwegian and English throughout: the catalogs match each other and the
//! code, and no screen in sv/da/nb shows a catalog key or falls back to English.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fasett::i18n::Lang;
use fasett::testing::Harness;

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
    // A singular form ("report.in_days.one") is used wherever its plural is (`Lang::tn`).
    let unused: Vec<&String> = en
        .keys()
        .filter(|k| !literals.contains(k.strip_suffix(".one").unwrap_or(k)))
        .filter(|k| {
            !dynamic.iter().any(|prefix| k.starts_with(prefix.trim_end_matches('.')) && !prefix.is_empty())
        })
        .collect();
    assert!(unused.is_empty(), "in en.json but never used: {unused:?}");
}

/// Every journey's screens in `lang`, drawn at 80×24.
fn screens(lang: Lang) -> Vec<(&'static str, String)> {
    crate::journeys::screens(lang).into_iter().map(|(name, mut app, _)| (name, app.screen())).collect()
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
    // English is `ui::portfolio`'s snapshot `demo_grid_at_80x24`, the very same screen, so it
    // is not snapshotted twice; no other language may look like it.
    let english = Harness::sample().screen();
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let screen = Harness::sample().lang(lang).screen();
        assert_ne!(screen, english, "{} looks English", lang.code());
        insta::assert_snapshot!(format!("portfolio_{}", lang.code()), screen);
    }
}
