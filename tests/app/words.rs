//! Every view in Swedish, Danish and Norwegian, read for English words: the panes and their
//! help, the detail and the form, the dialogs, the Culture pane's views, the profile, the
//! placement questions, the filter bar, the recovery and external-change dialogs and a
//! read-only file. A word counts as English when it is in one of en.json's texts and in none
//! of the language's own texts (catalog and checklist templates), nor in the sample's data,
//! nor in the short list of names below.

use std::collections::BTreeSet;
use std::path::Path;

use fasett::app::{ExternalChange, Mode};
use fasett::i18n::Lang;
use fasett::model::LogKind;
use fasett::recovery::{Draft, Recovery};
use fasett::store::Store;
use fasett::testing::{Harness, sample};

/// Names and notations that are the same in every language: proper names, formats, the
/// names on the keys, and English words that are also Nordic ones but happen not to be in
/// the catalogs.
const ALLOWED: &[&str] = &[
    // names
    "fasett", "opsi", "oecd", "excel", "windows", "sigint", "sighup", "sigterm",
    // formats and notations
    "csv", "json", "markdown", "utf", "pid",
    // the names printed on the keys (the keymap's labels)
    "esc", "enter", "tab", "ctrl", "pgup", "pgdn", "home", "end", "shift",
];

/// The words of a text: letters only, lower-cased, at least three long; `{placeholders}`
/// are not words.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut inside = false;
    text.split(move |c: char| {
        let split = inside || !c.is_alphabetic();
        if c == '{' {
            inside = true;
        } else if c == '}' {
            inside = false;
        }
        split
    })
    .filter(|w| w.chars().count() >= 3)
    .map(str::to_lowercase)
}

/// The words a reader sees on a screen: not paths, `:commands` or `--flags`, and not the
/// word a `…` cut short. A word touching a box's edge may be a piece of a word a dialog
/// covers: it is marked, to be read as a piece.
fn screen_words(screen: &str) -> BTreeSet<(String, bool)> {
    let mut found = BTreeSet::new();
    for line in screen.lines() {
        for chunk in line.split(' ') {
            if chunk.contains('/')
                || chunk.contains("[dir]")
                || chunk.starts_with(':')
                || chunk.starts_with("--")
            {
                continue;
            }
            let chunk = match chunk.rfind('…') {
                Some(at) => {
                    chunk[..at].rsplit_once(|c: char| !c.is_alphabetic()).map_or("", |(kept, _)| kept)
                }
                None => chunk,
            };
            let edged = chunk.contains(['│', '┌', '┐', '└', '┘', '─']);
            found.extend(words(chunk).map(|w| (w, edged)));
        }
    }
    found
}

fn catalog(code: &str) -> serde_json::Map<String, serde_json::Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/i18n/{code}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("the catalog")).expect("valid JSON")
}

/// Every string in `value`; for localised texts (objects keyed by language code) only the
/// `code` one; leaving out attributions (`source`, in the publisher's words) and the sample's
/// stored template copies (read as templates).
fn strings(value: &serde_json::Value, code: &str, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, code, out)),
        serde_json::Value::Object(map) if map.contains_key("en") && map.contains_key(code) => {
            strings(&map[code], code, out);
        }
        serde_json::Value::Object(map) => {
            map.iter()
                .filter(|(k, _)| !matches!(k.as_str(), "templates" | "source"))
                .for_each(|(_, v)| strings(v, code, out));
        }
        _ => {}
    }
}

/// What `code` itself says: its catalog, its checklist texts and the sample's data.
fn own_words(code: &str) -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> =
        catalog(code).values().filter_map(|v| v.as_str().map(str::to_owned)).collect();
    for entry in std::fs::read_dir(root.join("data/templates")).expect("templates") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let value: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("JSON");
            strings(&value, code, &mut texts);
        }
    }
    let sample: serde_json::Value = serde_json::from_str(fasett::demo::SAMPLE).expect("the sample");
    strings(&sample, code, &mut texts);
    for template in sample["templates"].as_array().into_iter().flatten() {
        strings(template, code, &mut texts);
    }
    texts.iter().flat_map(|t| words(t).collect::<Vec<_>>()).collect()
}

/// The words of the bundled checklists' `source` attributions.
fn attribution_words() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/templates");
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(root).expect("templates") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let value: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("JSON");
            found.extend(value["source"].as_str().map(|s| words(s).collect::<Vec<_>>()).unwrap_or_default());
        }
    }
    found
}

/// The English words that must not show in `code`.
fn english_only(code: &str) -> BTreeSet<String> {
    let own = own_words(code);
    catalog("en")
        .values()
        .filter_map(|v| v.as_str())
        .flat_map(|t| words(t).collect::<Vec<_>>())
        .filter(|w| !own.contains(w) && !ALLOWED.contains(&w.as_str()))
        .collect()
}

/// Every view, named, in `lang`.
fn every_view(lang: Lang) -> Vec<(&'static str, String)> {
    let mut shots = Vec::new();
    let mut shot = |name: &'static str, a: &mut Harness| shots.push((name, a.screen()));
    let start = || Harness::sample().lang(lang);
    // From the sample, each step's keys (in `Harness::keys` notation), then the view they show.
    let mut tour = |steps: &[(&str, &'static str)]| {
        let mut a = start();
        for (keys, name) in steps {
            a.keys(keys);
            shot(name, &mut a);
        }
    };

    // 1 Portfolio: the grid, its help, zoom, presentation, placement, filter, search, delete.
    tour(&[
        ("", "portfolio"),
        ("?", "portfolio help"),
        ("<Esc>z", "zoom"),
        ("zp", "presentation"),
        ("po", "placement"),
        ("<Esc>f", "filter bar"),
        ("<Esc>/ä", "search"),
        ("<Esc>d", "delete"),
        ("<Esc>w", "weighted"),
        ("wb", "breakdown"),
    ]);

    // 2 Initiatives: the register, help, detail to its end, the form to its end, discard.
    tour(&[
        ("2", "initiatives"),
        ("?", "initiatives help"),
        ("<Esc><Enter>", "detail"),
        (&"j".repeat(40), "detail, further down"),
        ("<Esc>e", "form"),
        (&"<Tab>".repeat(30), "form, end"),
        ("<Esc>2nX<Esc>", "discard"),
        ("ya", "log entry"),
        ("<Esc>:", "command line"),
        ("<Esc>f", "filter bar (register)"),
    ]);

    // 3 Culture: the list, its help, rating, note, results, comparison, plan, action form,
    // every action, the new-run dialog and a facet-orientation run's results.
    tour(&[
        ("3", "culture"),
        ("?", "culture help"),
        ("<Esc><Enter>", "rating"),
        ("<Enter>", "rating note"),
        ("<Esc><Esc>r", "results"),
        ("<Esc>jc", "comparison"),
        ("<Esc>p", "plan"),
        ("e", "action form"),
        ("<Esc><Esc>A", "every action"),
        ("<Esc>n", "new run"),
        (&"<Right>".repeat(5), "new run, facet orientation"),
        ("<Enter>444r", "facet orientation results"),
    ]);

    // 4 Overview, its help, the profile.
    tour(&[
        ("4", "overview"),
        ("?", "overview help"),
        ("<Esc>o", "profile"),
        ("<Enter>", "profile, editing"),
    ]);

    // The welcome, and the dialogs that come from the file.
    let mut a = Harness::first_run().lang(lang);
    shot("welcome", &mut a);
    a.press('?');
    shot("welcome help", &mut a);

    let mut a = start();
    a.mode = Mode::Recovery(Box::new(Recovery {
        written: "2026-11-25T16:46:40.2442592Z".into(),
        draft: Draft::LogEntry { id: 3, kind: LogKind::Note, text: "Laddplatser".into() },
        owner: None,
    }));
    shot("recovery", &mut a);
    let mut a = start();
    a.mode = Mode::External(Box::new(ExternalChange {
        added: vec![25],
        removed: vec![3, 4],
        changed: vec![5],
        other: true,
        unreadable: None,
        unsaved: true,
        ..ExternalChange::default()
    }));
    shot("external change", &mut a);

    let mut a = start();
    a.resize(60, 20);
    shot("too small", &mut a);

    // A file another fasett holds, and one opened with --read-only.
    let holder = Harness::on_disk(&sample());
    let path = holder.path().expect("a data file").to_path_buf();
    let mut a = Harness::opened(Store::open(&path, false).expect("opens")).lang(lang);
    a.press('2');
    a.press('e');
    shot("locked", &mut a);
    let mut a = Harness::opened(Store::open(&path, true).expect("opens")).lang(lang);
    a.press('d');
    a.press('y');
    shot("read-only", &mut a);
    drop(holder);
    shots
}

#[test]
fn no_english_word_on_any_swedish_danish_or_norwegian_screen() {
    let mut found = Vec::new();
    for lang in [Lang::Sv, Lang::Da, Lang::Nb] {
        let english = english_only(lang.code());
        let own = own_words(lang.code());
        let piece_of_own = |w: &str| own.iter().any(|o| o.contains(w));
        let source_label = Lang::t(lang, "culture.source").split('{').next().unwrap_or_default().trim();
        for (view, screen) in every_view(lang) {
            // A checklist's source is named in its publisher's words, as a title is.
            let names_a_source = screen.contains(source_label);
            let shown: Vec<String> = screen_words(&screen)
                .into_iter()
                .filter(|(w, edged)| english.contains(w) && !(*edged && piece_of_own(w)))
                .filter(|(w, _)| !(names_a_source && attribution_words().contains(w)))
                .map(|(w, _)| w)
                .collect();
            if !shown.is_empty() {
                found.push(format!("{} {view}: {shown:?}\n{screen}", lang.code()));
            }
        }
    }
    assert!(found.is_empty(), "English on screen:\n{}", found.join("\n"));
}

#[test]
fn danish_screens_say_facet_and_fasett_only_for_the_program() {
    for (view, screen) in every_view(Lang::Da) {
        let forms = screen
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.starts_with("Fasett") || (w.starts_with("fasett") && *w != "fasett"))
            .collect::<Vec<_>>();
        assert!(forms.is_empty(), "da {view}: {forms:?}\n{screen}");
    }
}

#[test]
fn the_walk_reaches_every_view() {
    // Each view shows something the others do not, so a key that stopped working shows up
    // as two equal screens.
    let views = every_view(Lang::Sv);
    for (ix, (name, screen)) in views.iter().enumerate() {
        for (other, earlier) in &views[..ix] {
            assert_ne!(screen, earlier, "{name} looks like {other}: a key did not reach it");
        }
    }
}

#[test]
fn the_recovery_dialog_says_when_in_the_readers_words() {
    let mut a = Harness::sample().lang(Lang::Sv);
    a.mode = Mode::Recovery(Box::new(Recovery {
        written: "2026-11-25T16:46:40.2442592Z".into(),
        draft: Draft::LogEntry { id: 3, kind: LogKind::Note, text: "Laddplatser".into() },
        owner: None,
    }));
    // The dialog's text as one line of words, however it wrapped.
    let text = |screen: String| {
        let inside: Vec<&str> = screen.lines().filter_map(|l| l.split('│').nth(2)).collect();
        inside.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let screen = text(a.screen());
    assert!(screen.contains("senast i dag 16:46"), "{screen}");
    assert!(!screen.contains("T16:46") && !screen.contains("2442592"), "no raw timestamp: {screen}");
    a.mode = Mode::Recovery(Box::new(Recovery {
        written: "2026-11-23T08:05:00Z".into(),
        draft: Draft::LogEntry { id: 3, kind: LogKind::Note, text: "Laddplatser".into() },
        owner: None,
    }));
    a.app.lang = Lang::Nb;
    let screen = text(a.screen());
    assert!(screen.contains("sist 23.11.2026 08:05"), "{screen}");
}

#[test]
fn one_of_something_is_said_in_the_singular() {
    let mut p = sample();
    p.initiatives.retain(|i| i.id == 3 || i.facet != fasett::model::Facet::MissionOriented);
    let mut a = Harness::new(p).lang(Lang::Sv);
    let screen = a.screen();
    // The grid shortens every title alike, so the facet may show as its short name.
    assert!(screen.contains(" · 1 aktivt · "), "{screen}");
    a.press('3');
    a.press('j');
    let screen = a.screen();
    assert!(screen.contains("Åtgärder: 2 öppna, 1 försenad"), "{screen}");
    let mut a = Harness::with_titles(&["Ett"]).lang(Lang::Da);
    a.press('2');
    a.press('f');
    assert!(a.screen().contains("1 af 1 initiativ vises"), "{}", a.screen());
}

#[test]
fn the_broken_file_banner_is_a_whole_sentence_in_every_language() {
    let dir = fasett::testing::temp_dir();
    let path = dir.path().join("p.json");
    std::fs::write(&path, "{\"schema_version\": 1, \"initiatives\": [").expect("writes");
    for (lang, start) in [
        (Lang::En, "The file is open"),
        (Lang::Sv, "Filen är öppnad"),
        (Lang::Da, "Filen er åbnet"),
        (Lang::Nb, "Filen er åpnet"),
    ] {
        let app = Harness::opened(Store::open(&path, false).expect("opens")).lang(lang);
        let banner = app.problem().expect("a banner");
        assert!(banner.starts_with(start) && banner.ends_with('.'), "{lang:?}: {banner}");
        let position = lang.tf("store.position", &[("line", &1), ("column", &38)]);
        assert!(banner.contains(&position), "the position in the reader's language: {banner}");
    }
    let app = Harness::opened(Store::open(&path, false).expect("opens"));
    let banner = app.problem().expect("a banner");
    assert!(banner.contains("and fasett never overwrites"), "the sentence says who overwrites: {banner}");
}

#[test]
fn the_placement_result_reads_right_for_every_change_type() {
    use fasett::placement::ChangeType;
    for change in ChangeType::ALL {
        let word = Lang::En.t(&format!("change_type.{}", change.key())).to_owned();
        let text = Lang::En.tf("placement.result_change", &[("change", &word), ("a", &"x"), ("b", &"y")]);
        let article = ["a a", "a e", "a i", "a o", "a u"];
        assert!(!article.iter().any(|a| text.contains(a)), "{text}");
    }
}

#[test]
fn the_help_names_the_list_or_form_it_was_opened_from_and_keeps_it_beneath() {
    let mut app = Harness::sample().lang(Lang::Sv);
    app.press('i').press('?');
    let screen = app.render(80, 24);
    assert!(screen.contains("┌ Tangenter — Inkomna idéer "), "{screen}");
    assert!(screen.contains("┌ Inkomna idéer ·"), "the list stays beneath:\n{screen}");
    let mut app = Harness::sample().lang(Lang::Sv);
    app.press('2').press('n').press("<F1>");
    let screen = app.render(80, 24);
    assert!(screen.contains("┌ Tangenter — Nytt initiativ "), "{screen}");
    assert!(screen.contains("┌ Nytt initiativ ─"), "the form stays beneath:\n{screen}");
}
