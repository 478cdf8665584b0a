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
