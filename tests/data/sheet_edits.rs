//! A sheet brought back after the portfolio moved on (trial 7 §2, §12): a row never silently
//! undoes an edit made in fasett after the export, the dry run says each change old → new,
//! `Updated` is a date-time cell, an idea's triage has a column of its own, and an untouched
//! export imports as 0 changed in every language.

use std::path::Path;

use fasett::export;
use fasett::i18n::Lang;
use fasett::import::{self, Cell, ImportError, Options};
use fasett::model::Portfolio;
use fasett::testing::sample;
use jiff::civil::{Date, date};

use crate::{import, load, sandbox_with_file, stderr, stdout, utf8};

fn today() -> Date {
    date(2026, 11, 30)
}

/// The sample with an identity, as a writing session leaves it.
fn ours() -> Portfolio {
    Portfolio { id: "5d0c1b2a-0000-4000-8000-000000000027".into(), ..sample() }
}

fn xlsx(p: &Portfolio, lang: Lang) -> Vec<u8> {
    export::render(p, export::Format::Xlsx, lang, b';', today()).expect("a workbook").bytes
}

fn index(p: &Portfolio, id: u32) -> usize {
    p.initiatives.iter().position(|i| i.id == id).expect("the initiative")
}

/// Trial 7 §2: the sheet is exported; in the app #5's owner becomes "Ny Ägare"; a colleague
/// edits only #7's title in the sheet. Returns the portfolio after the app's edit and the
/// colleague's sheet (.xlsx and CSV).
fn exported_then_edited_on_both_sides() -> (Portfolio, [Vec<u8>; 2]) {
    let at_export = ours();
    let mut colleague = at_export.clone();
    let seven = index(&colleague, 7);
    colleague.initiatives[seven].title.push_str(" (ny titel)");
    let sheets = [xlsx(&colleague, Lang::Sv), export::csv(&colleague, Lang::Sv, b';')];
    let mut now = at_export;
    let five = index(&now, 5);
    now.initiatives[five].owner = "Ny Ägare".into();
    now.initiatives[five].updated = Some("2026-11-30T10:12:00Z".parse().expect("a time"));
    (now, sheets)
}

fn problems(result: Result<import::Plan, ImportError>) -> Vec<import::Problem> {
    match result {
        Err(ImportError::Bad { problems, .. }) => problems,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn an_older_sheet_never_undoes_an_edit_made_in_fasett_after_the_export() {
    let (now, sheets) = exported_then_edited_on_both_sides();
    for bytes in &sheets {
        let got = problems(import::parse(bytes, &now, Lang::Sv, today()));
        assert_eq!(got.len(), 1, "only #5's row is refused: {got:?}");
        let p = &got[0];
        assert!(p.stale);
        let text = p.localized(Lang::Sv);
        assert!(text.starts_with("rad 6, kolumn AB: #5 ändrades i fasett "), "{text}");
        assert!(text.contains("Ägare: Ny Ägare → Mats Ekström"), "what it would undo: {text}");
        assert!(text.contains("2026-06-12"), "the sheet's Updated for #5: {text}");
        // Chosen: the row overwrites, and says so.
        let mut options = Options::new(Lang::Sv, today());
        options.overwrite = true;
        let plan = import::parse_with(bytes, &now, &options).expect("overwriting is the user's choice");
        let ids: Vec<u32> = plan.updates.iter().map(|u| u.after.id).collect();
        assert_eq!(ids, [5, 7]);
        assert!(plan.updates[0].overwrites.is_some() && plan.updates[1].overwrites.is_none());
        assert_eq!(plan.updates[0].changes[0].describe(), "Ägare: Ny Ägare → Mats Ekström");
    }
    // A sheet exported after the edit carries it: the colleague's title alone changes.
    let mut fresh = now.clone();
    let seven = index(&fresh, 7);
    fresh.initiatives[seven].title.push_str(" (ny titel)");
    let plan = import::parse(&xlsx(&fresh, Lang::Sv), &now, Lang::Sv, today()).expect("a fresh export");
    assert_eq!(plan.updates.iter().map(|u| u.after.id).collect::<Vec<_>>(), [7]);
    assert_eq!(plan.unchanged, now.initiatives.len() - 1, "#5's row is no change");
}

#[test]
fn the_command_line_refuses_the_older_sheet_and_the_dry_run_says_old_and_new() {
    let (sandbox, file) = sandbox_with_file();
    let (now, [sheet, _]) = exported_then_edited_on_both_sides();
    std::fs::write(&file, fasett::store::to_json(&now)).expect("writing the portfolio");
    let sheet_path = sandbox.root().join("st-ed.xlsx");
    std::fs::write(&sheet_path, sheet).expect("writing the sheet");
    let before = std::fs::read(&file).expect("reading");
    for extra in [&["--dry-run", "--lang", "sv"][..], &["--lang", "sv"]] {
        let out = import(&sandbox, &file, &sheet_path, extra);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("rad 6, kolumn AB: #5 ändrades i fasett"), "{err}");
        assert!(err.contains("--overwrite"), "says how to go on: {err}");
        assert_eq!(std::fs::read(&file).expect("reading"), before, "nothing written");
    }
    let dry = import(&sandbox, &file, &sheet_path, &["--dry-run", "--overwrite", "--lang", "sv"]);
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    let out = stdout(&dry);
    assert!(out.contains("0 nya, 2 ändrade (Ägare, Titel), 23 oförändrade, inget borttaget"), "{out}");
    assert!(out.contains("  ~ #5 Alla elever läser – läslyft i åk 1–3\n"), "{out}");
    assert!(out.contains("      Ägare: Ny Ägare → Mats Ekström\n"), "old → new: {out}");
    assert!(out.contains("efter exporten: skrivs över"), "{out}");
    assert!(out.contains("      Titel: …över 500 000 kronor → …över 500 000 kronor (ny titel)\n"), "{out}");
    let help = crate::run(&sandbox, &["import", "--help"]);
    assert!(stdout(&help).contains("--overwrite"), "{}", stdout(&help));
    crate::import_ok(&sandbox, &file, &sheet_path, &["--overwrite"]);
    let after = load(&file);
    assert_eq!(after.initiatives[index(&after, 5)].owner, "Mats Ekström", "overwritten, as chosen");
}

#[test]
fn an_untouched_export_imports_as_no_change_in_every_language_and_format() {
    let p = ours();
    assert!(p.initiatives.iter().any(|i| i.idea.is_some()), "the sample has ideas");
    for lang in Lang::ALL {
        for bytes in [xlsx(&p, lang), export::csv(&p, lang, b';')] {
            let plan = import::parse(&bytes, &p, lang, today()).expect("its own export");
            assert_eq!(
                (plan.added.len(), plan.updates.len()),
                (0, 0),
                "{lang:?}: {:?}",
                plan.updates.first()
            );
            assert_eq!(plan.unchanged, p.initiatives.len());
        }
    }
}

#[test]
fn updated_is_a_date_time_cell_and_an_idea_shows_its_triage() {
    let p = ours();
    let loaded = import::load_bytes(xlsx(&p, Lang::Sv), &Options::new(Lang::Sv, today())).expect("loads");
    let headers = &loaded.sheet.headers;
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (updated, triage, status) = (column("Uppdaterad"), column("Idéns sortering"), column("Status"));
    assert_eq!(triage, status + 1, "beside the status");
    let row = |id: u32| {
        loaded.sheet.rows.iter().find(|r| r.cells[0] == Cell::Number(f64::from(id))).expect("the row")
    };
    let five = row(5);
    let at: jiff::civil::DateTime = "2026-06-12T08:20:00".parse().expect("a date-time");
    assert_eq!(five.cells[updated], Cell::DateTime(at), "a real date-time cell, in UTC");
    assert_eq!(five.cells[triage], Cell::Empty, "an initiative that is no idea");
    assert_eq!(row(25).cells[triage], Cell::Text("inkommen".into()), "the idea waiting for triage");
    assert_eq!(row(24).cells[triage], Cell::Text("antagen".into()));
    assert_eq!(row(25).cells[status], Cell::Text("Aktiv".into()));
}

#[test]
fn a_triage_typed_in_the_sheet_is_named_not_dropped() {
    let p = ours();
    let csv = String::from_utf8(export::csv(&p, Lang::Sv, b';')).expect("UTF-8");
    let decided = csv.replacen(";Aktiv;inkommen;", ";Aktiv;antagen;", 1);
    assert_ne!(decided, csv, "#25's triage cell");
    let got = problems(import::parse(decided.as_bytes(), &p, Lang::Sv, today()));
    let text = got[0].localized(Lang::Sv);
    assert!(text.contains("kolumn K: Idéns sortering: en idés sortering beslutas i fasett"), "{text}");
    assert!(text.contains("”antagen” där idén är ”inkommen”"), "{text}");
    let line = csv.lines().find(|l| l.starts_with("7;")).expect("#7's row");
    let not_idea = csv.replacen(line, &line.replacen(";Aktiv;;", ";Aktiv;inkommen;", 1), 1);
    let got = problems(import::parse(not_idea.as_bytes(), &p, Lang::Sv, today()));
    assert!(got[0].localized(Lang::Sv).contains("raden är ingen idé"), "{got:?}");
}

#[test]
fn a_sheet_of_the_old_kind_with_updated_as_text_still_reads() {
    let (sandbox, file) = sandbox_with_file();
    let p = ours();
    std::fs::write(&file, fasett::store::to_json(&p)).expect("writing");
    let csv = String::from_utf8(export::csv(&p, Lang::En, b';')).expect("UTF-8");
    assert!(csv.contains(";2026-06-12T08:20:00Z;"), "CSV keeps the timestamp's text");
    let sheet = sandbox.write("old.csv", &csv);
    let out = crate::import_ok(&sandbox, &file, Path::new(utf8(&sheet)), &["--dry-run"]);
    assert!(stdout(&out).contains("0 new, 0 changed, 25 unchanged"), "{}", stdout(&out));
}

/// A date-only `Updated` cell (a sheet program that dropped the time) means some time that
/// day, in the local time zone: a row "updated" the day fasett changed the initiative is
/// not refused as older; one from the day before is, and says the day without a time.
#[test]
fn a_date_only_updated_cell_is_compared_as_a_day_in_the_local_zone() {
    let (mut now, [sheet, _]) = exported_then_edited_on_both_sides();
    let five = index(&now, 5);
    let plan_for = |now: &Portfolio, day: Date, zone: jiff::tz::TimeZone| {
        let mut options = Options::new(Lang::Sv, today());
        options.zone = zone;
        let mut loaded = import::load_bytes(sheet.clone(), &options).expect("loads");
        let updated = loaded.sheet.headers.iter().position(|h| h == "Uppdaterad").expect("the column");
        let row = loaded.sheet.rows.iter_mut().find(|r| r.cells[0] == Cell::Number(5.0)).expect("#5's row");
        row.cells[updated] = Cell::Date(day);
        let mapping = import::recognise(&loaded, &options);
        import::plan(&loaded, &mapping, now, &options)
    };
    let plus_one = jiff::tz::TimeZone::fixed(jiff::tz::offset(1));
    // Changed in fasett 2026-11-30 10:12 UTC, 11:12 here.
    let plan = plan_for(&now, date(2026, 11, 30), plus_one.clone()).expect("the same day is not older");
    assert_eq!(plan.updates.iter().map(|u| u.after.id).collect::<Vec<_>>(), [5, 7]);
    assert!(plan.updates[0].overwrites.is_none(), "not taken for an older sheet");
    let got = problems(plan_for(&now, date(2026, 11, 29), plus_one.clone()));
    let text = got[0].localized(Lang::Sv);
    assert!(got[0].stale && text.contains("(2026-11-29)"), "the day before is older, said as a day: {text}");
    // 23:30 UTC on the 30th is already 1 December here, but not in UTC.
    now.initiatives[five].updated = Some("2026-11-30T23:30:00Z".parse().expect("a time"));
    assert!(problems(plan_for(&now, date(2026, 11, 30), plus_one))[0].stale, "a later day here");
    plan_for(&now, date(2026, 11, 30), jiff::tz::TimeZone::UTC).expect("the same day in UTC");
}
