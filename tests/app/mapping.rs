//! `:import FILE` and its mapping dialog, driven through keys: the mapping shown, a column's
//! and a word's target changed, the mapping saved and re-applied from the command line,
//! importing as one undo step, and leaving without importing.

use std::path::{Path, PathBuf};

use fasett::app::{MappingLine, Mode};
use fasett::export::Column;
use fasett::import::Target;
use fasett::model::{Portfolio, Status};
use fasett::testing::Harness;
use ratatui::crossterm::event::KeyCode;

/// `name` from the register fixtures, copied beside the harness's data file.
fn register(app: &Harness, name: &str) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/registers").join(name);
    let to = app.dir().expect("a temporary folder").join(name);
    std::fs::copy(&from, &to).expect("copying the fixture");
    to
}

/// Types `:import PATH` and Enter, as a user does.
fn import(app: &mut Harness, path: &Path) {
    app.press(':');
    app.type_text(&format!("import {}", path.display()));
    app.press(KeyCode::Enter);
}

/// Moves the dialog's selection to the line `wanted` picks.
fn select(app: &mut Harness, wanted: impl Fn(&fasett::app::MappingDialog, MappingLine) -> bool) {
    while dialog(app).selected > 0 {
        app.press('k');
    }
    for _ in 0..100 {
        if let Mode::Mapping(d) = &app.mode
            && d.selected_line().is_some_and(|line| wanted(d, line))
        {
            return;
        }
        app.press('j');
    }
    panic!("no such line in the mapping dialog:\n{}", app.screen());
}

fn dialog(app: &Harness) -> &fasett::app::MappingDialog {
    match &app.mode {
        Mode::Mapping(d) => d,
        other => panic!("not in the mapping dialog: {other:?}"),
    }
}

#[test]
fn the_mapping_of_a_swedish_register_at_80x24() {
    let mut app = Harness::on_disk(&Portfolio::default());
    let sheet = register(&app, "sjobacka_ideregister_sv.csv");
    import(&mut app, &sheet);
    assert!(matches!(app.mode, Mode::Mapping(_)), "{:?}", app.status);
    app.press('j');
    let screen = app.screen();
    assert!(screen.contains("│▸  B Beskrivning"), "the selection is visible:\n{screen}");
    assert!(screen.contains("8 new, 0 changed, 0 unchanged, nothing removed"), "{screen}");
    insta::assert_snapshot!("mapping_swedish_register", screen);
}

#[test]
fn a_column_and_a_word_are_remapped_saved_and_reapplied_from_the_command_line() {
    let mut app = Harness::on_disk(&Portfolio::default());
    let sheet = app.dir().expect("a folder").join("egen.csv");
    std::fs::write(&sheet, "Förslagets namn;Läge;Intern kod\nA;Kanske;x1\nB;Pågår;x2\n").expect("writing");
    import(&mut app, &sheet);
    assert!(dialog(&app).outcome.is_err(), "no title column yet, and “Kanske” is not understood");
    // The first column becomes the title: step back from "kept" through the fields.
    select(&mut app, |_, line| line == MappingLine::Column(0));
    while dialog(&app).mapping.columns[0].target != Target::Field(Column::Title) {
        app.press(KeyCode::Right);
    }
    // "Intern kod" is left out, on purpose.
    select(&mut app, |_, line| line == MappingLine::Column(2));
    while dialog(&app).mapping.columns[2].target != Target::Skip {
        app.press(KeyCode::Left);
    }
    // "Läge" is recognised as the status; "Kanske" is not, and becomes paused.
    select(
        &mut app,
        |d, line| matches!(line, MappingLine::Value(1, v) if d.mapping.columns[1].values[v].value == "Kanske"),
    );
    while dialog(&app).mapping.columns[1].choice("Kanske")
        != Some(fasett::import::Choice::Status(Status::Paused))
    {
        app.press(' ');
    }
    assert!(dialog(&app).outcome.is_ok(), "{:?}", dialog(&app).outcome);
    insta::assert_snapshot!("mapping_remapped", app.screen());
    app.press('s');
    let map = fasett::app::map_path(&sheet);
    assert!(map.exists(), "{}", app.message());
    assert!(app.message().contains("egen.fasett-map.json"), "{}", app.message());
    app.press(KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    let titles: Vec<(String, Status)> =
        app.portfolio.initiatives.iter().map(|i| (i.title.clone(), i.status)).collect();
    assert_eq!(titles, [("A".to_owned(), Status::Paused), ("B".to_owned(), Status::Active)]);
    app.press('u');
    assert!(app.portfolio.initiatives.is_empty(), "one undo takes the whole import back");

    // The same file from the command line, with the saved mapping.
    let other = app.dir().expect("a folder").join("other.json");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_fasett"))
        .args(["--file", other.to_str().expect("UTF-8"), "import", sheet.to_str().expect("UTF-8")])
        .arg("--map")
        .arg(&map)
        .env("FASETT_TODAY", "2026-11-25")
        .output()
        .expect("running fasett");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let p = fasett::store::load(&other).expect("valid").expect("written");
    assert_eq!(p.initiatives.iter().map(|i| (i.title.clone(), i.status)).collect::<Vec<_>>(), titles);
    assert!(p.initiatives.iter().all(|i| !i.extra.contains_key("other_columns")), "Intern kod was left out");

    // Next time, :import finds the saved mapping by itself.
    import(&mut app, &sheet);
    assert!(dialog(&app).map_used.is_some());
    assert!(dialog(&app).outcome.is_ok());
}

#[test]
fn esc_leaves_without_importing_and_problems_are_shown_by_row_and_column() {
    let mut app = Harness::on_disk(&Portfolio::default());
    let sheet = app.dir().expect("a folder").join("bad.csv");
    std::fs::write(&sheet, "Title;Status\nA;active\nB;maybe\n").expect("writing");
    import(&mut app, &sheet);
    let screen = app.screen();
    assert!(screen.contains("row 3, column B: Status: “maybe”"), "{screen}");
    app.press(KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Mapping(_)), "the dialog stays while something stops the import");
    assert!(app.status().is_some_and(|(text, error)| error && text.contains("row 3")), "{:?}", app.status());
    app.press(KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
    assert!(app.portfolio.initiatives.is_empty());
    assert!(app.message().contains("Nothing imported"), "{}", app.message());
}

#[test]
fn new_units_and_owners_can_join_the_profile_in_the_same_undo_step() {
    let mut app = Harness::on_disk(&Portfolio::default());
    let sheet = register(&app, "oevre_tiltak_nb.csv");
    import(&mut app, &sheet);
    select(&mut app, |_, line| line == MappingLine::AddNames);
    app.press(' ');
    assert!(dialog(&app).add_names);
    app.press(KeyCode::Enter);
    assert_eq!(app.portfolio.initiatives.len(), 5);
    let org = &app.portfolio.organisation;
    assert!(org.units.iter().any(|u| u.name == "Helse og omsorg"), "{:?}", org.units);
    assert!(org.people.iter().any(|p| p == "Kari Nordmann"), "{:?}", org.people);
    app.press('u');
    assert!(app.portfolio.initiatives.is_empty() && app.portfolio.organisation.units.is_empty());
}

#[test]
fn export_xlsx_writes_a_workbook_beside_the_data_file() {
    let mut app = Harness::on_disk(&fasett::testing::sample());
    app.press(':');
    app.type_text("export xlsx");
    app.press(KeyCode::Enter);
    let written = app.dir().expect("a folder").join("portfolio-2026-11-25.xlsx");
    assert!(written.exists(), "{}", app.message());
    // The session saved first, so the sheet's identity is the file's and it imports back
    // as unchanged.
    let p = fasett::store::load(app.path().expect("a file")).expect("valid").expect("exists");
    assert!(!p.id.is_empty());
    import(&mut app, &written);
    let plan = dialog(&app).outcome.as_ref().expect("imports");
    assert_eq!((plan.added.len(), plan.updates.len(), plan.unchanged), (0, 0, p.initiatives.len()));
}

/// Trial 7 §2 in the dialog: the sheet was exported, #5's owner then changed in the app, and
/// a colleague changed only #7's title in the sheet. The dialog stops at the choice to
/// overwrite, names each changed initiative with its fields old → new, and the status line
/// that said what stopped the import goes once the choice is made (§13).
#[test]
fn an_older_sheet_waits_for_the_choice_to_overwrite_and_names_each_change() {
    let at_export =
        Portfolio { id: "5d0c1b2a-0000-4000-8000-000000000031".into(), ..fasett::testing::sample() };
    let ix = |p: &Portfolio, id: u32| p.initiatives.iter().position(|i| i.id == id).expect("there");
    let mut colleague = at_export.clone();
    let seven = ix(&colleague, 7);
    colleague.initiatives[seven].title.push_str(" (new title)");
    let today = jiff::civil::date(2026, 11, 25);
    let bytes =
        fasett::export::render(&colleague, fasett::export::Format::Xlsx, fasett::i18n::Lang::En, b';', today)
            .expect("a workbook")
            .bytes;
    let mut now = at_export;
    let five = ix(&now, 5);
    now.initiatives[five].owner = "Ny Ägare".into();
    now.initiatives[five].updated = Some("2026-11-25T10:12:00Z".parse().expect("a time"));
    let mut app = Harness::on_disk(&now);
    let sheet = app.dir().expect("a folder").join("st-ed.xlsx");
    std::fs::write(&sheet, bytes).expect("writing the sheet");
    import(&mut app, &sheet);
    assert!(dialog(&app).outcome.as_ref().is_err_and(|p| p.iter().any(|p| p.stale)));
    assert_eq!(dialog(&app).selected_line(), Some(MappingLine::Overwrite), "the choice comes first");
    let screen = app.screen();
    assert!(screen.contains("Changed after export     → refused: they could undo newer edits"), "{screen}");
    assert!(screen.contains("row 6, column AB: #5 was changed in fasett today 10:12"), "{screen}");
    app.press(KeyCode::Enter);
    assert!(app.status().is_some_and(|(text, error)| error && text.contains("stops the import")));
    app.press(KeyCode::Right);
    assert_eq!(app.status(), None, "the dialog's header now says what the import does");
    let screen = app.screen();
    assert!(screen.contains("0 new, 2 changed (Owner, Title), 23 unchanged, nothing removed"), "{screen}");
    assert!(screen.contains("│ ! #5 Alla elever läser – läs…: Owner: Ny Ägare → Mats Ekström"), "{screen}");
    assert!(screen.contains("│ ~ #7: Title: …000 kronor → …000 kronor (new title)"), "{screen}");
    insta::assert_snapshot!("mapping_older_sheet", screen);
    app.press(KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.portfolio.initiatives[five].owner, "Mats Ekström", "overwritten, as chosen");
    assert!(app.portfolio.initiatives[seven].title.ends_with("(new title)"));
    app.press('u');
    assert_eq!(app.portfolio.initiatives[five].owner, "Ny Ägare", "one undo step");
}

/// Trial 7 §13: after Enter named what stops the import, mapping the word makes the status
/// line stop saying so.
#[test]
fn mapping_the_word_that_stopped_the_import_clears_the_status_line() {
    let mut app = Harness::on_disk(&Portfolio::default());
    let sheet = app.dir().expect("a folder").join("prio.csv");
    std::fs::write(&sheet, "Title;Priority\nA;High\nB;Kanske\n").expect("writing");
    import(&mut app, &sheet);
    app.press(KeyCode::Enter);
    assert!(
        app.status().is_some_and(|(text, _)| text.contains("1 problem stops the import")),
        "{:?}",
        app.status()
    );
    select(
        &mut app,
        |d, line| matches!(line, MappingLine::Value(1, v) if d.mapping.columns[1].values[v].value == "Kanske"),
    );
    while dialog(&app).mapping.columns[1].choice("Kanske")
        != Some(fasett::import::Choice::Priority(fasett::model::Priority::Medium))
    {
        app.press(KeyCode::Right);
    }
    assert!(dialog(&app).outcome.is_ok());
    let screen = app.screen();
    assert!(!screen.contains("stops the import"), "{screen}");
    assert!(screen.contains("2 new, 0 changed, 0 unchanged, nothing removed"), "{screen}");
}

#[test]
fn a_creation_date_in_the_future_is_shown_before_and_said_after_the_import() {
    let mut app = Harness::on_disk(&Portfolio::default());
    let sheet = app.dir().expect("a temporary folder").join("ideas.csv");
    std::fs::write(&sheet, "Title;Created\nBike loans;2026-12-01\n").expect("writing the sheet");
    import(&mut app, &sheet);
    let said = "row 2, column B: Created: “2026-12-01” lies in the future";
    let screen = app.screen();
    assert!(screen.contains("row 2, column B: Created:"), "in the dialog before importing:\n{screen}");
    app.press(KeyCode::Enter);
    assert!(app.message().contains(said), "{}", app.message());
    assert_eq!(app.portfolio.initiatives.len(), 1, "imported");
}
