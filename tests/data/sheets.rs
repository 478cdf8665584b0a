//! Spreadsheets both ways (issue 18): .xlsx export and import, a sheet edited and brought
//! back, registers kommuner keep (Windows-1252, `;`, their own headers and statuses), goals
//! matched by number and name, dates in every Nordic form, saved mappings, and bad input that
//! is refused naming row and column and leaves the portfolio byte-identical.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use fasett::export;
use fasett::i18n::Lang;
use fasett::import::{self, Options};
use fasett::model::{Facet, Goal, Initiative, Portfolio, Stage, Status};
use fasett::testing::sample;
use jiff::civil::{Date, date};

use crate::{import, import_ok, load, run, run_ok, sandbox, sandbox_with_file, stderr, stdout, utf8};

fn today() -> Date {
    date(2026, 11, 25)
}

fn register(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/registers").join(name)
}

/// The sample with an identity, as a writing session leaves it.
fn ours() -> Portfolio {
    Portfolio { id: "5d0c1b2a-0000-4000-8000-000000000018".into(), ..sample() }
}

/// The initiatives with ids cleared: an import into a fresh portfolio renumbers.
fn without_ids(initiatives: &[Initiative]) -> Vec<Initiative> {
    initiatives.iter().cloned().map(|i| Initiative { id: 0, ..i }).collect()
}

fn hash(path: &Path) -> u64 {
    let mut h = DefaultHasher::new();
    std::fs::read(path).expect("reading the portfolio").hash(&mut h);
    h.finish()
}

fn xlsx(p: &Portfolio) -> Vec<u8> {
    export::render(p, export::Format::Xlsx, Lang::En, b';', today()).expect("a workbook").bytes
}

#[test]
fn xlsx_export_then_import_into_a_fresh_portfolio_gives_every_field_back() {
    let p = ours();
    let bytes = xlsx(&p);
    assert!(bytes.starts_with(b"PK"), "a zip container");
    // A fresh portfolio of the same organisation: its goals are what the links name.
    let mut fresh = Portfolio { organisation: p.organisation.clone(), ..Portfolio::default() };
    let plan = import::parse(&bytes, &fresh, Lang::En, today()).expect("the sample's workbook imports");
    assert_eq!((plan.updates.len(), plan.unchanged), (0, 0));
    plan.change(&mut fresh, false).apply(&mut fresh);
    // The workbook has one sheet, of initiatives: benefits and measurements travel in the
    // CSV tables beside a CSV export (and in the JSON), not yet as sheets of their own.
    let expected: Vec<Initiative> =
        p.initiatives.iter().cloned().map(|i| Initiative { benefits: Vec::new(), ..i }).collect();
    assert_eq!(without_ids(&fresh.initiatives), without_ids(&expected));
    for lang in [Lang::Sv, Lang::Da, Lang::Nb] {
        let bytes = export::render(&p, export::Format::Xlsx, lang, b';', today()).expect("a workbook").bytes;
        let empty = Portfolio { organisation: p.organisation.clone(), ..Portfolio::default() };
        let back = import::parse(&bytes, &empty, lang, today()).expect("headers in the language");
        assert_eq!(without_ids(&back.added), without_ids(&expected), "{lang:?}");
    }
}

#[test]
fn a_sheet_with_two_cells_changed_updates_exactly_two_initiatives() {
    let p = ours();
    // What the user has after changing two cells: the same sheet with two values edited.
    let mut edited = p.clone();
    let status = if p.initiatives[3].status == Status::Paused { Status::Active } else { Status::Paused };
    edited.initiatives[3].status = status;
    edited.initiatives[7].owner = "Ny Ägare".into();
    for bytes in [xlsx(&edited), export::csv(&edited, Lang::En, b';')] {
        let plan = import::parse(&bytes, &p, Lang::En, today()).expect("imports");
        assert_eq!(plan.added.len(), 0, "none added");
        assert_eq!(plan.updates.len(), 2, "exactly two changed");
        assert_eq!(plan.unchanged, p.initiatives.len() - 2);
        assert_eq!(plan.updates[0].fields, ["Status"]);
        assert_eq!(plan.updates[1].fields, ["Owner"]);
        let mut after = p.clone();
        plan.change(&mut after, false).apply(&mut after);
        assert_eq!(after.initiatives.len(), p.initiatives.len());
        assert_eq!(after.initiatives[3].status, status);
        assert_eq!(after.initiatives[7].owner, "Ny Ägare");
        for (ix, (a, b)) in after.initiatives.iter().zip(&p.initiatives).enumerate() {
            if ix != 3 && ix != 7 {
                assert_eq!(a, b, "#{} is untouched", b.id);
            }
        }
    }
}

#[test]
fn a_sheet_from_another_portfolio_never_overwrites() {
    let p = ours();
    let theirs = Portfolio { id: "another".into(), ..sample() };
    let problem = import::parse(&xlsx(&theirs), &p, Lang::En, today()).expect_err("refused");
    let text = problem.to_string();
    assert!(text.starts_with("row 2, column A: rows 2–"), "{text}");
    assert!(text.contains("--as-new"), "{text}");
    let mut options = Options::new(Lang::En, today());
    options.as_new = true;
    let loaded = import::load_bytes(xlsx(&theirs), &options).expect("loads");
    let plan = import::plan(&loaded, &import::recognise(&loaded, &options), &p, &options).expect("as new");
    assert_eq!((plan.added.len(), plan.updates.len()), (theirs.initiatives.len(), 0));
}

#[test]
fn long_logs_go_on_in_more_columns_and_come_back_whole() {
    let mut p = ours();
    let entry = |n: usize| fasett::model::LogEntry {
        date: date(2026, 1, 1),
        kind: fasett::model::LogKind::Note,
        text: format!("Möte {n}: {}", "protokoll ".repeat(13)),
        decision: None,
        extra: serde_json::Map::new(),
    };
    p.initiatives[0].log = (0..400).map(entry).collect();
    let rendered = export::render(&p, export::Format::Xlsx, Lang::En, b';', today()).expect("a workbook");
    assert!(rendered.notes[0].contains(&format!("#{}", p.initiatives[0].id)), "{:?}", rendered.notes);
    let csv = export::render(&p, export::Format::Csv, Lang::En, b';', today()).expect("csv");
    assert_eq!(csv.notes, rendered.notes);
    for bytes in [rendered.bytes, csv.bytes] {
        let plan = import::parse(&bytes, &p, Lang::En, today()).expect("imports");
        assert_eq!(
            plan.unchanged,
            p.initiatives.len(),
            "all 400 entries come back: {:?}",
            plan.updates.first().map(|u| &u.fields)
        );
    }
}

#[test]
fn a_swedish_register_imports_with_no_hand_editing() {
    let (sandbox, file) = sandbox_with_file();
    let sheet = register("sjobacka_ideregister_sv.csv");
    let dry = run_ok(&sandbox, &["--lang", "sv", "--file", utf8(&file), "import", utf8(&sheet), "--dry-run"]);
    let out = stdout(&dry);
    for words in [
        "Idé → Titel",
        "Datum → Skapad",
        "Kategori → Taggar",
        "Kostnad → behålls",
        "Kommentar → behålls",
        "Pågår → Aktiv",
    ] {
        assert!(out.contains(words), "{words:?} missing from the dry run:\n{out}");
    }
    assert!(out.contains("8 nya"), "{out}");
    assert!(stderr(&dry).contains("Windows-1252") && stderr(&dry).contains("Rad 1"), "{}", stderr(&dry));
    assert!(!file.exists(), "a dry run writes nothing");
    let output = import_ok(&sandbox, &file, &sheet, &[]);
    assert!(stderr(&output).contains("units are not in the organisation profile"), "{}", stderr(&output));
    let p = load(&file);
    assert_eq!(p.initiatives.len(), 8, "every row in");
    let [natt, cykel, tavla, sprak, sol, lada, svinn, mentor] = &p.initiatives[..] else { panic!() };
    assert_eq!(natt.title, "Nattfasta i hemtjänsten");
    assert_eq!(natt.unit, "Vård- och omsorgsförvaltningen");
    assert_eq!(natt.owner, "Karin Holm");
    assert_eq!((natt.status, natt.stage), (Status::Active, Stage::Implementing));
    assert_eq!(natt.created, Some(date(2025, 3, 14)), "the row's own date");
    assert_eq!(natt.tags, ["Omsorg"]);
    assert_eq!(
        natt.extra["other_columns"],
        serde_json::json!({"Kostnad": "120 000", "Kommentar": "Följs upp i maj"})
    );
    assert_eq!((cykel.stage, cykel.created), (Stage::GeneratingIdeas, Some(date(2025, 5, 14))));
    assert_eq!(tavla.description, "Skärmar i entréerna\nmed dagens meny och öppettider");
    assert_eq!(tavla.created, Some(date(2025, 8, 21)));
    assert_eq!((tavla.status, tavla.stage), (Status::Active, Stage::Implementing), "Beslutad");
    assert_eq!(sprak.created, Some(date(2025, 9, 3)), "3/9 read day first, as 21/8 shows");
    assert_eq!(sprak.stage, Stage::DevelopingProposals, "Under utredning");
    assert_eq!((sol.status, sol.created), (Status::Stopped, Some(date(2025, 2, 5))), "Avslag, 05.02.25");
    assert_eq!(lada.stage, Stage::GeneratingIdeas, "Inkommen");
    assert_eq!(svinn.status, Status::Completed, "Genomförd");
    assert_eq!(mentor.status, Status::Paused, "Parkerad");
    assert!(p.initiatives.iter().all(|i| i.facet == Facet::Unplaced));
    // What was kept is written back by the export, under the register's own headers.
    let export = run(&sandbox, &["--file", utf8(&file), "--lang", "sv", "export"]);
    let csv = stdout(&export);
    let header = csv.lines().next().unwrap_or_default();
    assert!(header.ends_with(";Portfölj;Kostnad;Kommentar"), "{header}");
}

#[test]
fn a_norwegian_register_imports_with_no_hand_editing() {
    let (sandbox, file) = sandbox_with_file();
    let output = run(
        &sandbox,
        &["--lang", "nb", "--file", utf8(&file), "import", utf8(&register("oevre_tiltak_nb.csv"))],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let p = load(&file);
    assert_eq!(p.initiatives.len(), 5, "every row in");
    let [tilsyn, biler, lesevenn, robot, app] = &p.initiatives[..] else { panic!() };
    assert_eq!(tilsyn.title, "Digitalt tilsyn om natten");
    assert_eq!(tilsyn.unit, "Helse og omsorg", "Sektor");
    assert_eq!(
        tilsyn.benefits.first().map(|b| b.title.as_str()),
        Some("Færre forstyrrede netter og 2 årsverk frigjort"),
        "Gevinst is the benefit"
    );
    assert_eq!((tilsyn.status, tilsyn.stage), (Status::Active, Stage::Implementing), "Under arbeid");
    assert_eq!(tilsyn.created, Some(date(2025, 9, 1)));
    assert_eq!(tilsyn.tags, ["Velferdsteknologi"]);
    assert_eq!(tilsyn.extra["other_columns"]["Kostnad"], "250 000");
    assert_eq!((biler.status, biler.stage), (Status::Active, Stage::DevelopingProposals), "Ikke startet");
    assert_eq!(lesevenn.status, Status::Completed, "Gjennomført");
    assert_eq!(robot.status, Status::Stopped, "Avvist");
    assert_eq!(app.status, Status::Paused, "Parkert");
    assert_eq!(app.description, "Digital oppslagstavle for nabohjelp;\nbygget med frivilligsentralen");
}

#[test]
fn a_saved_mapping_is_applied_from_the_command_line() {
    let (sandbox, file) = sandbox_with_file();
    let sheet = sandbox.write("egen.csv", "Förslagets namn;Läge;Intern kod\nA;Kanske;x1\nB;Pågår;x2\n");
    let refused = import(&sandbox, &file, &sheet, &[]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    let map = sandbox.root().join("egen.fasett-map.json");
    std::fs::write(
        &map,
        r#"{"fasett_map": 1, "columns": {"Förslagets namn": "title", "Läge": "status", "Intern kod": "skip"},
            "values": {"status": {"Kanske": "paused"}}}"#,
    )
    .expect("writing");
    import_ok(&sandbox, &file, &sheet, &["--map", utf8(&map)]);
    let p = load(&file);
    assert_eq!(
        p.initiatives.iter().map(|i| (i.title.as_str(), i.status)).collect::<Vec<_>>(),
        [("A", Status::Paused), ("B", Status::Active)]
    );
    assert!(!p.initiatives[0].extra.contains_key("other_columns"), "skipped on purpose");
}

#[test]
fn dates_that_read_two_ways_need_the_order_from_the_command_line() {
    let (sandbox, file) = sandbox_with_file();
    let sheet = sandbox.write("us.csv", "Title,Start\nA,9/1/2025\n");
    let refused = import(&sandbox, &file, &sheet, &[]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("row 2, column B: Start: “9/1/2025” reads two ways: 2025-01-09"),
        "{}",
        stderr(&refused)
    );
    import_ok(&sandbox, &file, &sheet, &["--date-order", "mdy"]);
    assert_eq!(load(&file).initiatives[0].start, Some(date(2025, 9, 1)));
}

#[test]
fn check_flags_a_link_to_a_goal_that_does_not_exist() {
    let (sandbox, file) = sandbox_with_file();
    let mut p = ours();
    p.initiatives[0].goals.push(99);
    std::fs::write(&file, fasett::store::to_json(&p)).expect("writing");
    let output = run(&sandbox, &["--file", utf8(&file), "check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("#1 → #99"), "{}", stderr(&output));
}

/// Writes a file that is called .xlsx but is not one.
fn not_a_workbook(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("writing");
    path
}

/// A zip holding one text file, made by hand (stored, no compression).
fn zip_of_text() -> Vec<u8> {
    let name = b"notes.txt";
    let data = b"hello";
    let crc = 0x3610_a686_u32; // CRC-32 of "hello"
    let mut out = Vec::new();
    let local = |out: &mut Vec<u8>| {
        out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name);
        out.extend_from_slice(data);
    };
    local(&mut out);
    let central = out.len() as u32;
    out.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(&(name.len() as u16).to_le_bytes());
    out.extend_from_slice(&[0; 12]);
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(name);
    let size = out.len() as u32 - central;
    out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00");
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&central.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// The start of an encrypted workbook: an OLE compound file naming its `EncryptedPackage`.
fn password_protected() -> Vec<u8> {
    let mut out = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    out.resize(512, 0);
    out.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    out.resize(4096, 0);
    out
}

#[test]
fn every_refusal_names_row_and_column_exits_2_and_leaves_the_portfolio_byte_identical() {
    let sandbox = sandbox();
    let dir = sandbox.root();
    let file = dir.join("portfolio.json");
    let mut p = ours();
    p.organisation.goals.truncate(3);
    for i in &mut p.initiatives {
        i.goals.retain(|g| *g <= 3);
    }
    std::fs::write(&file, fasett::store::to_json(&p)).expect("writing");
    let before = hash(&file);
    let goal = &p.organisation.goals[0];
    let mismatch = format!("Title;Goals\nA;#{} Trygg och värdig äldreomsorg X\n", goal.id);
    let theirs = Portfolio { id: "theirs".into(), ..sample() };
    let big = dir.join("big.xlsx");
    std::fs::File::create(&big).and_then(|f| f.set_len(200 * 1024 * 1024)).expect("a sparse 200 MB file");
    let cases: Vec<(PathBuf, &[&str])> = vec![
        (not_a_workbook(dir, "goal.csv", mismatch.as_bytes()), &["row 2, column B", "#1"]),
        (not_a_workbook(dir, "unknown_goal.csv", b"Title;Goals\nA;#9\n"), &["row 2, column B", "#9"]),
        (not_a_workbook(dir, "date.csv", b"Title;Start\nA;9/1/2025\n"), &["row 2, column B", "2025-09-01"]),
        (not_a_workbook(dir, "word.csv", b"Title;Status\nA;ok\nB;maybe\n"), &["row 3, column B", "maybe"]),
        (not_a_workbook(dir, "theirs.xlsx", &xlsx(&theirs)), &["row 2, column A", "--as-new"]),
        (not_a_workbook(dir, "renamed.xlsx", b"Title;Owner\nA;B\n"), &["is text", ".csv"]),
        (not_a_workbook(dir, "zip.xlsx", &zip_of_text()), &["not an Excel workbook", "notes.txt"]),
        (not_a_workbook(dir, "locked.xlsx", &password_protected()), &["password"]),
        (not_a_workbook(dir, "old.xlsx", &password_protected()[..600]), &[]),
        (not_a_workbook(dir, "truncated.xlsx", &xlsx(&p)[..3000]), &[]),
        (big, &["200.0 MB", "32 MB"]),
    ];
    for (sheet, words) in &cases {
        for dry_run in [false, true] {
            let mut args = vec!["--file", utf8(&file), "import", utf8(sheet)];
            if dry_run {
                args.push("--dry-run");
            }
            let output = run(&sandbox, &args);
            let message = stderr(&output);
            assert_eq!(output.status.code(), Some(2), "{}: {message}", sheet.display());
            for word in *words {
                assert!(message.contains(word), "{}: {word:?} missing from:\n{message}", sheet.display());
            }
            assert!(!message.contains("panicked"), "{}:\n{message}", sheet.display());
            assert_eq!(hash(&file), before, "{} changed the portfolio", sheet.display());
        }
    }
}

#[test]
fn xlsx_export_to_a_file_and_back_from_the_command_line() {
    let (sandbox, file) = sandbox_with_file();
    std::fs::write(&file, fasett::demo::SAMPLE).expect("writing the sample");
    // A first import gives the sample (which has no identity yet) its identity.
    let one = sandbox.write("one.csv", "Title\nOne more\n");
    import_ok(&sandbox, &file, &one, &[]);
    assert!(!load(&file).id.is_empty(), "the identity was written");
    let sheet = sandbox.root().join("out.xlsx");
    let export =
        run(&sandbox, &["--file", utf8(&file), "export", "--format", "xlsx", "--output", utf8(&sheet)]);
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    let before = load(&file).initiatives;
    let count = before.len();
    let again = import_ok(&sandbox, &file, &sheet, &["--dry-run"]);
    let unchanged = format!("0 new, 0 changed, {count} unchanged, nothing removed");
    assert!(stdout(&again).contains(&unchanged), "{}", stdout(&again));
    import_ok(&sandbox, &file, &sheet, &[]);
    assert_eq!(load(&file).initiatives, before, "nothing changed");
}

#[test]
fn goals_are_listed_when_a_link_does_not_match() {
    let mut p = Portfolio::default();
    p.organisation.goals.push(Goal { id: 1, title: "Ekonomi i balans".into(), ..Goal::default() });
    let got = import::parse(
        b"Title;Goals\nA;#1 Trygg och v\xc3\xa4rdig \xc3\xa4ldreomsorg\n",
        &p,
        Lang::En,
        today(),
    )
    .expect_err("refused")
    .to_string();
    assert!(got.contains("#1 Ekonomi i balans"), "{got}");
}

#[test]
fn a_row_typed_below_an_exported_sheet_is_a_new_initiative_created_today() {
    let p = ours();
    let mut csv = export::csv(&p, Lang::Sv, b';');
    // As a spreadsheet saves a row where only the title was typed: the rest left out.
    csv.extend_from_slice(";Ny idé från mötet\r\n".as_bytes());
    let plan = import::parse(&csv, &p, Lang::Sv, today()).expect("imports");
    assert_eq!((plan.added.len(), plan.updates.len(), plan.unchanged), (1, 0, p.initiatives.len()));
    let new = &plan.added[0];
    assert_eq!(new.title, "Ny idé från mötet");
    assert_eq!(new.created, Some(today()), "typed today");
    assert!(!new.archived && new.benefits.is_empty(), "empty yes/no cells are no");
}

#[test]
fn a_creation_date_in_the_future_is_imported_and_said_at_its_cell() {
    let (sandbox, file) = sandbox_with_file();
    let sheet = sandbox.root().join("idéer.csv");
    std::fs::write(&sheet, "Titel;Skapad\nLånecyklar;2026-12-01\nSms före sophämtning;2026-11-02\n")
        .expect("writing the sheet");
    let said = "rad 2, kolumn B: Skapad: ”2026-12-01” ligger i framtiden";
    let dry = run_ok(&sandbox, &["--lang", "sv", "--file", utf8(&file), "import", utf8(&sheet), "--dry-run"]);
    assert!(stdout(&dry).contains(said), "{}", stdout(&dry));
    assert!(stdout(&dry).contains("2 nya"), "the row is kept: {}", stdout(&dry));
    let output = run_ok(&sandbox, &["--lang", "sv", "--file", utf8(&file), "import", utf8(&sheet)]);
    assert!(stderr(&output).contains(said), "{}", stderr(&output));
    let p = load(&file);
    assert_eq!(p.initiatives[0].created, Some(date(2026, 12, 1)), "as written");
}
