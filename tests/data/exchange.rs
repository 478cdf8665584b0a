//! Exchange with the tools around fasett (issue 6): export → import round trips, a CSV as
//! Excel in a Swedish locale saves it, bad CSV files (line-numbered messages, exit 2, the
//! portfolio untouched), golden reports of the sample, and the speed budgets.
//!
//! Regenerate the golden files with `UPDATE_GOLDEN=1 cargo test --test data exchange::` and read
//! the diff.

use std::path::{Path, PathBuf};

use fasett::export::{self, DEFAULT_DELIMITER};
use fasett::i18n::Lang;
use fasett::import;
use fasett::model::{Facet, Initiative, Portfolio, Stage, Status, Track};
use fasett::testing::sample;
use jiff::civil::{Date, date};
use proptest::prelude::*;

use crate::strategies;
use crate::{TODAY, golden, import, import_ok, load, run, run_ok, sandbox_with_file, stderr, stdout, utf8};

fn today() -> Date {
    date(2026, 11, 25)
}

fn fixture(name: &str) -> PathBuf {
    crate::fixture("csv", name)
}

/// The initiatives with ids cleared (their benefits' and measurements' too): an import
/// renumbers, everything else must match.
fn without_ids(initiatives: &[Initiative]) -> Vec<Initiative> {
    let mut out: Vec<Initiative> = initiatives.iter().cloned().map(|i| Initiative { id: 0, ..i }).collect();
    for b in out.iter_mut().flat_map(|i| &mut i.benefits) {
        b.id = 0;
        b.measurements.iter_mut().for_each(|m| m.id = 0);
    }
    out
}

/// The benefits and measurements tables of `p`, as files beside `x.csv`.
fn tables(p: &Portfolio, lang: Lang, delimiter: u8) -> Vec<import::TableFile> {
    export::csv_tables(p, lang, delimiter)
        .into_iter()
        .map(|(table, bytes)| import::TableFile {
            table,
            name: table.beside(Path::new("x.csv")).display().to_string(),
            bytes,
        })
        .collect()
}

/// Exports `p` as CSV (initiatives, benefits, measurements) and imports it into a fresh
/// portfolio of the same organisation (whose goals the links must name).
fn round_trip(p: &Portfolio, delimiter: u8) -> Result<Portfolio, String> {
    let csv = export::csv(p, Lang::En, delimiter);
    let mut fresh = Portfolio { organisation: p.organisation.clone(), ..Portfolio::default() };
    let mut plan = import::parse(&csv, &fresh, Lang::En, today()).map_err(|e| e.to_string())?;
    let options = import::Options::new(Lang::En, today());
    import::add_tables(&mut plan, &tables(p, Lang::En, delimiter), &fresh, &options)
        .map_err(|e| e.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))?;
    plan.change(&mut fresh, false).apply(&mut fresh);
    Ok(fresh)
}

/// What an import keeps of an initiative's text: everything but stray control characters,
/// which it takes out (and counts).
fn without_controls(mut i: Initiative) -> Initiative {
    let clean = |s: &mut String| s.retain(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'));
    for s in [&mut i.title, &mut i.description, &mut i.need, &mut i.owner, &mut i.unit] {
        clean(s);
    }
    i.partners.iter_mut().chain(i.tags.iter_mut()).for_each(clean);
    i.log.iter_mut().for_each(|l| clean(&mut l.text));
    i
}

#[test]
fn export_then_import_gives_the_same_initiatives_for_the_sample() {
    let p = sample();
    for delimiter in [DEFAULT_DELIMITER, b',', b'\t'] {
        let back = round_trip(&p, delimiter).expect("the sample's export imports");
        assert_eq!(without_ids(&back.initiatives), without_ids(&p.initiatives));
        let ids: Vec<u32> = back.initiatives.iter().map(|i| i.id).collect();
        assert_eq!(ids, (1..=p.initiatives.len() as u32).collect::<Vec<_>>(), "new ids, in file order");
        assert_eq!(back.benefits().count(), p.benefits().count(), "every benefit came back");
        let measurements = |p: &Portfolio| p.benefits().map(|(_, b)| b.measurements.len()).sum::<usize>();
        assert_eq!(measurements(&back), measurements(&p), "every measurement came back");
    }
}

#[test]
fn benefits_and_measurements_round_trip_in_every_language() {
    let p = sample();
    for lang in Lang::ALL {
        let csv = export::csv(&p, lang, DEFAULT_DELIMITER);
        let fresh = Portfolio { organisation: p.organisation.clone(), ..Portfolio::default() };
        let mut plan = import::parse(&csv, &fresh, lang, today()).expect("imports");
        let options = import::Options::new(lang, today());
        import::add_tables(&mut plan, &tables(&p, lang, DEFAULT_DELIMITER), &fresh, &options)
            .expect("tables import");
        assert_eq!(without_ids(&plan.added), without_ids(&p.initiatives), "{lang:?}");
    }
}

#[test]
fn bad_benefit_rows_are_named_by_file_and_line_and_nothing_is_imported() {
    let p = sample();
    let csv = export::csv(&p, Lang::En, DEFAULT_DELIMITER);
    let mut files = tables(&p, Lang::En, DEFAULT_DELIMITER);
    let text = String::from_utf8(files[0].bytes.clone()).expect("UTF-8");
    let mut lines: Vec<String> = text.split("\r\n").map(str::to_owned).collect();
    let money = lines.iter().position(|l| l.contains(";Money;")).expect("a money benefit");
    lines[money] = lines[money].replacen(";Money;", ";Moneyish;", 1);
    let hours = lines.iter().position(|l| l.contains(";3100;")).expect("a baseline of 3100");
    lines[hours] = lines[hours].replacen(";3100;", ";lots;", 1);
    lines.insert(1, "999;77;Orphan;Money;;;;;;;;;;".to_owned());
    files[0].bytes = lines.join("\r\n").into_bytes();
    let fresh = Portfolio { organisation: p.organisation.clone(), ..Portfolio::default() };
    let mut plan = import::parse(&csv, &fresh, Lang::En, today()).expect("initiatives read");
    let options = import::Options::new(Lang::En, today());
    let Err(problems) = import::add_tables(&mut plan, &files, &fresh, &options) else {
        panic!("bad rows are refused");
    };
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    // Lines count from 1 for the header; the orphan row went in as line 2.
    let at = |ix: usize| format!("x-benefits.csv: line {}: ", ix + 2);
    assert!(messages.iter().any(|m| m.contains(&at(money)) && m.contains("Moneyish")), "{messages:?}");
    assert!(
        messages.iter().any(|m| m.contains(&at(hours)) && m.contains("“lots” is not a number")),
        "{messages:?}"
    );
    assert!(messages.iter().any(|m| m.contains(&at(0)) && m.contains("999")), "{messages:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_gives_the_same_initiatives(mut p in strategies::portfolio()) {
        // An empty title is bad input on import (a row nobody can tell apart), so every
        // generated title gets a letter in front; all the other text stays as generated.
        // A link to a goal the organisation lacks is refused on import (so is its title as
        // text), so links name the generated organisation's goals.
        let goals: Vec<u32> = p.organisation.goals.iter().map(|g| g.id).collect();
        for i in &mut p.initiatives {
            i.title = format!("T{}", i.title);
            i.goals.retain(|g| goals.contains(g));
        }
        let back = round_trip(&p, DEFAULT_DELIMITER);
        prop_assert!(back.is_ok(), "{:?}", back.err());
        let back = back.unwrap_or_default();
        let expected: Vec<Initiative> = p.initiatives.iter().cloned().map(without_controls).collect();
        prop_assert_eq!(without_ids(&back.initiatives), without_ids(&expected));
    }

    #[test]
    fn the_formula_guard_is_undone_exactly(s in strategies::text()) {
        let guarded = export::guard(&s);
        prop_assert_eq!(export::unguard(&guarded), s.as_str());
    }
}

#[test]
fn exported_cells_never_start_a_formula() {
    let mut p = Portfolio::default();
    for (id, title) in
        [(1, "=HYPERLINK(\"http://evil\")"), (2, "+46 70"), (3, "-1"), (4, "@SUM(A1)"), (5, "'=x")]
    {
        p.initiatives.push(Initiative {
            id,
            title: title.into(),
            owner: "=cmd|' /C calc'!A0".into(),
            ..Initiative::default()
        });
    }
    let text = String::from_utf8(export::csv(&p, Lang::En, DEFAULT_DELIMITER)).expect("UTF-8");
    let mut reader =
        csv::ReaderBuilder::new().delimiter(b';').from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    for record in reader.records() {
        let record = record.expect("a record");
        for cell in &record {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?} would be a formula");
        }
    }
    assert_eq!(
        without_ids(&round_trip(&p, DEFAULT_DELIMITER).expect("imports").initiatives),
        without_ids(&p.initiatives)
    );
}

// ---------------------------------------------------------------------------------------------
// The binary
// ---------------------------------------------------------------------------------------------

#[test]
fn excel_in_a_swedish_locale_imports() {
    let (sandbox, file) = sandbox_with_file();
    let output = import_ok(&sandbox, &file, &fixture("excel_sv.csv"), &[]);
    assert!(stdout(&output).contains(": 4 new, 0 changed"), "{}", stdout(&output));
    assert!(stderr(&output).contains("Okänd kolumn"), "the unknown column is named: {}", stderr(&output));
    let p = load(&file);
    assert_eq!(p.initiatives.len(), 4, "the file was created with the rows");
    let first = &p.initiatives[0];
    assert_eq!(first.title, "Digital tillsyn på natten");
    assert_eq!(first.description, "Kameratillsyn i stället för nattbesök.\nBara vid bokade tider.");
    assert_eq!(first.need, "Färre störda nätter");
    assert_eq!(
        (first.facet, first.stage, first.status, first.track),
        (Facet::EnhancementOriented, Stage::Implementing, Status::Active, Some(Track::Local))
    );
    assert_eq!(first.owner, "Karin Holm");
    assert_eq!(first.unit, "Vård- och omsorgsförvaltningen");
    assert_eq!(first.tags, ["välfärdsteknik", "hemtjänst"]);
    assert_eq!(first.follow_up, Some(date(2026, 12, 3)));
    assert_eq!(first.priority, fasett::model::Priority::High);
    assert_eq!(first.created, Some(today()), "no Created column: created today");
    let second = &p.initiatives[1];
    assert_eq!(second.description, "Alla kommunens fordon fossilfria; även \"små\" maskiner.");
    assert_eq!(
        (second.facet, second.stage, second.status),
        (Facet::MissionOriented, Stage::DevelopingProposals, Status::Paused)
    );
    assert_eq!(second.follow_up, Some(date(2027, 1, 15)), "15.1.2027, as Nordic Excel writes dates");
    assert_eq!(p.initiatives[2].facet, Facet::Anticipatory);
    assert_eq!(p.initiatives[2].stage, Stage::GeneratingIdeas);
    assert_eq!((p.initiatives[3].facet, p.initiatives[3].status), (Facet::Adaptive, Status::Completed));
    assert_eq!(p.initiatives.iter().map(|i| i.id).collect::<Vec<_>>(), [1, 2, 3, 4]);
}

#[test]
fn import_appends_with_new_ids_and_dry_run_writes_nothing() {
    let (sandbox, file) = sandbox_with_file();
    std::fs::write(&file, fasett::demo::SAMPLE).expect("writing the sample");
    let before = std::fs::read(&file).expect("reading");
    let dry =
        run_ok(&sandbox, &["import", utf8(&fixture("excel_sv.csv")), "--dry-run", "--file", utf8(&file)]);
    assert!(
        stdout(&dry).contains("4 new, 0 changed") && stdout(&dry).contains("+ Digital tillsyn på natten")
    );
    assert_eq!(std::fs::read(&file).expect("reading"), before, "a dry run writes nothing");

    import_ok(&sandbox, &file, &fixture("excel_sv.csv"), &[]);
    let p = load(&file);
    let old = sample();
    assert_eq!(p.initiatives.len(), old.initiatives.len() + 4);
    let max_old = old.initiatives.iter().map(|i| i.id).max().unwrap_or(0).max(old.next_id.initiative - 1);
    assert!(p.initiatives[old.initiatives.len()..].iter().all(|i| i.id > max_old), "no id is reused");

    let refused =
        run(&sandbox, &["--file", utf8(&file), "--read-only", "import", utf8(&fixture("excel_sv.csv"))]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("--read-only"), "{}", stderr(&refused));
}

#[test]
fn windows_1252_is_converted_and_formulas_stay_text() {
    let (sandbox, file) = sandbox_with_file();
    let output = import_ok(&sandbox, &file, &fixture("windows_1252.csv"), &[]);
    assert!(stderr(&output).contains("Windows-1252"), "the conversion is said: {}", stderr(&output));
    let p = load(&file);
    assert_eq!(p.initiatives[0].title, "Köksträdgård i Ås");
    assert_eq!(p.initiatives[0].owner, "Björn Ödman");
    assert_eq!(p.initiatives[0].description, "Budget 5 000 € – delvis");

    import_ok(&sandbox, &file, &fixture("formulas.csv"), &[]);
    let p = load(&file);
    let new = &p.initiatives[1..];
    assert_eq!(new[0].title, "=HYPERLINK(\"http://x\")", "a formula is imported as its text");
    assert_eq!(new[0].owner, "=SUM(A1)", "the guard fasett writes is taken off again");
    assert_eq!(new[1].title, "@risk");
    assert_eq!(new[1].owner, "-minus");
}

/// Bad files: (fixture, the rows and columns that must be named, words the message must hold).
const BAD: &[(&str, &[&str], &[&str])] = &[
    ("bad/wrong_delimiter.csv", &["row 1: "], &["no title column", "Titel|Fasett|Fas"]),
    ("bad/open_quote.csv", &["row 3: "], &["never closed"]),
    ("bad/empty_title.csv", &["row 3, column A: "], &["title is empty"]),
    (
        "bad/unknown_facet.csv",
        &["row 3, column B: ", "row 4, column C: "],
        &["“diagonal”", "“maybe later”", "Mission-oriented"],
    ),
    (
        "bad/bad_dates_and_flags.csv",
        &["row 2, column B: ", "row 3, column B: ", "row 3, column C: "],
        &["“next spring” is not a date", "“2026-02-30”", "“perhaps”"],
    ),
];

#[test]
fn ragged_rows_are_padded_and_cells_beyond_the_header_kept() {
    let csv = std::fs::read(fixture("bad/ragged.csv")).expect("reading");
    let plan =
        import::parse(&csv, &Portfolio::default(), Lang::En, today()).expect("Excel leaves empty cells out");
    assert_eq!(plan.added.len(), 3);
    assert_eq!(plan.added[1].stage, Stage::IdentifyingProblems, "a short row is padded");
    assert_eq!(plan.added[2].extra["other_columns"], serde_json::json!({"(D)": "extra"}), "nothing dropped");
}

#[test]
fn bad_csv_files_are_refused_with_row_numbers_and_the_portfolio_untouched() {
    let (sandbox, file) = sandbox_with_file();
    std::fs::write(&file, fasett::demo::SAMPLE).expect("writing the sample");
    let before = std::fs::read(&file).expect("reading");
    for (name, lines, words) in BAD {
        for dry_run in [false, true] {
            let mut args = vec!["--file", utf8(&file), "import", utf8(&fixture(name)).to_owned().leak()];
            if dry_run {
                args.push("--dry-run");
            }
            let output = run(&sandbox, &args);
            let message = stderr(&output);
            assert_eq!(output.status.code(), Some(2), "{name}: {message}");
            for at in *lines {
                assert!(message.contains(at), "{name} does not name {at:?}:\n{message}");
            }
            for word in *words {
                assert!(message.contains(word), "{name}: {word:?} missing from:\n{message}");
            }
            assert!(message.contains("Nothing was imported"), "{name}:\n{message}");
            assert!(!message.contains("panicked") && !message.contains("BACKTRACE"), "{name}:\n{message}");
            assert_eq!(std::fs::read(&file).expect("reading"), before, "{name} changed the portfolio");
        }
    }
    assert!(!sandbox.root().join("backups").exists(), "not even a backup was made");
}

#[test]
fn a_50_mb_csv_is_refused_before_reading() {
    let (sandbox, file) = sandbox_with_file();
    let big = sandbox.root().join("big.csv");
    // Sparse: the size is what is checked, so the test needs no 50 MB of disk.
    std::fs::File::create(&big).and_then(|f| f.set_len(50 * 1024 * 1024)).expect("a big file");
    let output = import(&sandbox, &file, &big, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("50.0 MB") && stderr(&output).contains("up to 32 MB"),
        "{}",
        stderr(&output)
    );
    assert!(!file.exists(), "nothing was created");
}

#[test]
fn a_missing_csv_is_exit_1_and_a_broken_portfolio_exit_2() {
    let (sandbox, file) = sandbox_with_file();
    let output = run(&sandbox, &["--file", utf8(&file), "import", "nowhere.csv"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("nowhere.csv"));
    std::fs::write(&file, "{\"schema_version\": 1,").expect("writing");
    for args in [&["import", utf8(&fixture("excel_sv.csv"))][..], &["report"], &["export"]] {
        let mut all = vec!["--file", utf8(&file)];
        all.extend_from_slice(args);
        let output = run(&sandbox, &all);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
    }
    assert_eq!(std::fs::read_to_string(&file).expect("reading"), "{\"schema_version\": 1,");
}

#[test]
fn export_writes_stdout_or_a_file_atomically() {
    let (sandbox, file) = sandbox_with_file();
    std::fs::write(&file, fasett::demo::SAMPLE).expect("writing the sample");
    let out = run_ok(&sandbox, &["--file", utf8(&file), "export", "--format", "csv"]);
    assert!(out.stdout.starts_with("\u{feff}ID;Title;".as_bytes()));
    let comma = run(&sandbox, &["--file", utf8(&file), "export", "--format", "csv", "--delimiter", ","]);
    assert!(comma.stdout.starts_with("\u{feff}ID,Title,".as_bytes()));
    let target = sandbox.root().join("out").join("x.csv");
    std::fs::create_dir_all(target.parent().expect("a folder")).expect("folder");
    let written =
        run(&sandbox, &["--file", utf8(&file), "export", "--format", "csv", "--output", utf8(&target)]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    assert!(written.stdout.is_empty(), "nothing on stdout when writing a file");
    assert_eq!(std::fs::read(&target).expect("written"), out.stdout);
    let mut names: Vec<String> = std::fs::read_dir(target.parent().expect("a folder"))
        .expect("listing")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["x-benefits.csv", "x-measurements.csv", "x.csv"], "no temporary file left behind");
    // The tables beside it come back with `fasett import`.
    let into = sandbox.root().join("into.json");
    // The links name the sample's goals, which the portfolio imported into must have.
    let organisation = Portfolio { organisation: sample().organisation, ..Portfolio::default() };
    std::fs::write(&into, fasett::store::to_json(&organisation)).expect("writes");
    let imported = run(&sandbox, &["--file", utf8(&into), "import", utf8(&target)]);
    assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
    let back = fasett::store::load(&into).expect("loads").expect("written");
    assert_eq!(back.benefits().count(), sample().benefits().count(), "benefits imported");
    let measurements = |p: &Portfolio| p.benefits().map(|(_, b)| b.measurements.len()).sum::<usize>();
    assert_eq!(measurements(&back), measurements(&sample()), "measurements imported");
    let json = run(&sandbox, &["--file", utf8(&file), "export", "--format", "json", "--with-proposers"]);
    assert_eq!(stdout(&json), fasett::store::to_json(&sample()));
    let shared = run(&sandbox, &["--file", utf8(&file), "export", "--format", "json"]);
    assert!(!stdout(&shared).contains("maria.lindqvist"), "proposers only when asked");
    let md = run(&sandbox, &["--file", utf8(&file), "export", "--format", "markdown"]);
    assert!(stdout(&md).starts_with("# Initiatives — Sjöbacka kommun"), "{}", stdout(&md));
    let bad = run(&sandbox, &["--file", utf8(&file), "export", "--delimiter", "ab"]);
    assert_eq!(bad.status.code(), Some(2), "clap's usage error");
}

#[test]
fn the_sample_report_matches_the_golden_files() {
    let (sandbox, file) = sandbox_with_file();
    std::fs::write(&file, fasett::demo::SAMPLE).expect("writing the sample");
    let md = run_ok(&sandbox, &["--file", utf8(&file), "report"]);
    golden("report.md", &stdout(&md));
    let json = run_ok(&sandbox, &["report", "--format", "json", "--file", utf8(&file)]);
    golden("report.json", &stdout(&json));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
    assert_eq!(value["report_version"], 2);
    assert_eq!(value["date"], TODAY);
}

#[test]
fn the_report_and_the_messages_speak_the_chosen_language() {
    let (sandbox, file) = sandbox_with_file();
    std::fs::write(&file, fasett::demo::SAMPLE).expect("writing the sample");
    let sv = run_ok(&sandbox, &["--file", utf8(&file), "report", "--lang", "sv"]);
    let text = stdout(&sv);
    assert!(text.contains("3,5") && !text.contains("3.5"), "decimal comma in Swedish:\n{text}");
    assert!(text.contains("29 %") && !text.contains("29%"), "{text}");
    // Swedish writes dates as ISO and groups thousands with a space: a point between digits
    // can only be an English decimal.
    let points: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit())
        })
        .collect();
    assert!(points.is_empty(), "decimal points in the Swedish report:\n{}", points.join("\n"));
    assert!(text.contains("| 2,4 | 2,0 | 1–5 | 1,4 | 2 |"), "the group's table in Swedish:\n{text}");
    // Nothing is realised in a year still to come: only what is planned for it.
    assert!(text.contains("| 2027 | 5 130 000 kr planerat | 18 530 planerat |"), "{text}");
    let html = stdout(&run(&sandbox, &["--file", utf8(&file), "report", "--lang", "sv", "--format", "html"]));
    assert!(
        html.contains("2026: Planerat 3 400 000 kr, Realiserat 3 960 000 kr; 2027: Planerat 5 130 000 kr;"),
        "{html}"
    );
    assert!(text.contains("om 1 dag") || !text.contains("om 1 dagar"), "{text}");
    let da = stdout(&run(&sandbox, &["--file", utf8(&file), "report", "--lang", "da"]));
    assert!(da.contains("facet") && !da.to_lowercase().contains("fasett"), "Danish writes facet:\n{da}");
    assert!(da.contains("25.11.2026"), "Danish dates:\n{da}");
    // What machines read stays as machines read it.
    let json = stdout(&run(&sandbox, &["--file", utf8(&file), "report", "--lang", "sv", "--format", "json"]));
    assert!(json.contains("\"score\": 3.5") && json.contains("\"date\": \"2026-11-25\""), "{json}");
    let csv = stdout(&run(&sandbox, &["--file", utf8(&file), "export", "--lang", "nb"]));
    assert!(csv.contains(";2026-") && !csv.contains(".2026"), "ISO dates in CSV:\n{csv}");

    let check = run_ok(&sandbox, &["--file", utf8(&file), "check", "--lang", "sv"]);
    assert!(
        stdout(&check).contains("giltig — 25 initiativ, 3 genomgångar av checklistor, 5 åtgärder"),
        "{}",
        stdout(&check)
    );
    let missing = sandbox.root().join("saknas.json");
    let check = run(&sandbox, &["--file", utf8(&missing), "check", "--lang", "nb"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains("det finnes ingen fil her"), "{}", stderr(&check));
    let folder = run(&sandbox, &["--file", utf8(sandbox.root()), "--lang", "da"]);
    assert_eq!(folder.status.code(), Some(1), "the interface refuses a folder");
    assert!(stderr(&folder).contains("det er en mappe"), "{}", stderr(&folder));
    let empty = run(&sandbox, &["--file", utf8(&missing), "report", "--lang", "sv"]);
    assert!(stderr(&empty).contains("finns inte än"), "{}", stderr(&empty));
}

/// 10,000 initiatives: built from the sample's, with follow-ups and logs.
fn big_portfolio() -> Portfolio {
    let mut p = sample();
    let base = p.initiatives.clone();
    p.initiatives =
        (0..10_000u32).map(|n| Initiative { id: n + 1, ..base[n as usize % base.len()].clone() }).collect();
    p.next_id.initiative = 10_001;
    p
}

/// Every way in and out works whole at 10,000 initiatives. How fast is measured by the
/// benchmarks (`cargo bench --bench speed`, BENCHMARKS.md), not here: a test on a shared
/// machine cannot hold a wall-clock budget honestly.
#[test]
fn report_export_and_import_of_10000_initiatives_work_whole() {
    let p = big_portfolio();
    let markdown = fasett::report::markdown(&p, today(), Lang::En, fasett::report::Options::default());
    assert!(markdown.contains("## Balance between the four facets"), "{}", &markdown[..200]);
    let json = fasett::report::json(&p, today(), Lang::En, fasett::report::Options::default());
    assert!(!json.is_empty());
    let csv = export::csv(&p, Lang::En, DEFAULT_DELIMITER);
    assert!(export::markdown(&p, Lang::En, today()).lines().count() > 10_000);
    let mut target = p.clone();
    // The rows carry the same numbers and no identity: added as new, at the user's word.
    let mut options = import::Options::new(Lang::En, today());
    options.as_new = true;
    let plan = import::parse_with(&csv, &target, &options).expect("imports");
    plan.change(&mut target, false).apply(&mut target);
    assert_eq!(target.initiatives.len(), 20_000);
    let xlsx = export::render(&p, export::Format::Xlsx, Lang::En, b';', today()).expect("a workbook").bytes;
    let mut fresh = Portfolio { organisation: p.organisation.clone(), ..Portfolio::default() };
    let plan = import::parse(&xlsx, &fresh, Lang::En, today()).expect("imports");
    plan.change(&mut fresh, false).apply(&mut fresh);
    assert_eq!(fresh.initiatives.len(), 10_000);
    let mut ours = p.clone();
    ours.id = "ours".into();
    let sheet =
        export::render(&ours, export::Format::Xlsx, Lang::En, b';', today()).expect("a workbook").bytes;
    let plan = import::parse(&sheet, &ours, Lang::En, today()).expect("imports");
    assert_eq!(plan.unchanged, 10_000, "a dry run of an unchanged sheet changes nothing");
}
