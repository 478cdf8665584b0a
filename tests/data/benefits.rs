//! Benefits realisation in the data file (issue 17): a portfolio written by hand with the
//! contract's keys gives the report a hand calculation gives; old files migrate keeping every
//! benefit text (a golden file), are backed up before they are rewritten, and `fasett check`
//! explains the migration and warns about figures that cannot mean what they say.
//!
//! Regenerate the golden file with `UPDATE_GOLDEN=1 cargo test --test data benefits::`.

use std::path::{Path, PathBuf};

use fasett::model::BenefitKind;
use fasett::store::{self, Store};
use serde_json::Value;

use crate::pty::Sandbox;
use crate::{run, sandbox, stderr, stdout};

fn fixture(name: &str) -> PathBuf {
    crate::fixture("valid", name)
}

/// A copy of a fixture in the sandbox, so a bug cannot change the fixture.
fn copy(sandbox: &Sandbox, name: &str) -> PathBuf {
    let path = sandbox.root().join(name);
    std::fs::copy(fixture(name), &path).expect("copying the fixture");
    path
}

fn s(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// The file: two money benefits, one time, one quality, read on 2026-11-25.
///
/// | benefit | baseline → target (date) | readings | planned | realised | follow-up |
/// |---|---|---|---|---|---|
/// | 1 money | 1 000 000 → 600 000 (2026-06-30) | 800 000 (03-31), 650 000 (08-31) | 400 000 | 350 000 | measured after the date |
/// | 2 money | 0 → 250 000 (2026-10-31) | 100 000 (05-31) | 250 000 | 100 000 | overdue |
/// | 3 time | 2 000 → 1 200 (2027-06-30) | 1 500 (2026-06-30) | 800 | 500 | not yet due |
/// | 4 quality | 60 → 80 (2026-09-30) | 70 (04-30) | not summed | not summed | overdue |
///
/// Money: 650 000 planned, 450 000 realised; time: 800 and 500; 2 overdue. Initiative 1 costs
/// 300 000 once and 50 000 a year: paid back in 300 000 ÷ (650 000 − 50 000) = 0.5 years.
#[test]
fn the_report_of_a_hand_written_portfolio_gives_the_hand_calculation() {
    let sandbox = sandbox();
    let file = copy(&sandbox, "benefits_by_hand.json");
    let output = run(&sandbox, &["report", "--format", "json", "--file", s(&file)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let b = &report["benefits"];
    assert_eq!(b["count"], 4);
    assert_eq!(b["currency"], "SEK");
    assert_eq!(b["money_target"], 650_000.0);
    assert_eq!(b["money_realised"], 450_000.0);
    assert_eq!(b["time_target"], 800.0);
    assert_eq!(b["time_realised"], 500.0);
    assert_eq!(b["overdue_measurements"], 2);
    assert_eq!(b["without_owner"], serde_json::json!([{"initiative": 1, "benefit": 2}]));
    let first = &b["initiatives"][0];
    assert_eq!((first["id"].clone(), first["money_target"].clone()), (1.into(), 650_000.0.into()));
    assert_eq!(first["money_realised"], 450_000.0);
    assert_eq!(first["overdue_measurements"], 1);
    assert_eq!(first["payback_years"], 0.5);
    let overdue: Vec<(u64, u64)> = report["follow_ups"]
        .as_array()
        .expect("follow-ups")
        .iter()
        .filter(|f| f["kind"] == "benefit")
        .map(|f| (f["id"].as_u64().unwrap_or(0), f["initiative"].as_u64().unwrap_or(0)))
        .collect();
    assert_eq!(overdue, [(4, 2), (2, 1)], "earliest first: 2026-09-30, then 2026-10-31");
    let check = run(&sandbox, &["check", "--file", s(&file)]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert_eq!(stderr(&check), "", "nothing to warn about");
}

#[test]
fn the_markdown_report_has_a_benefits_section_a_council_can_read() {
    let sandbox = sandbox();
    let file = copy(&sandbox, "benefits_by_hand.json");
    for (lang, heading, money, overdue) in [
        (
            "en",
            "## Benefits realisation",
            "| Money | SEK 650,000 | SEK 450,000 | 69% |",
            "(25 days overdue) — Benefit 2 of #1: Färre påminnelseavgifter (owner: no owner)",
        ),
        (
            "sv",
            "## Nyttorealisering",
            "| Pengar | 650 000 kr | 450 000 kr | 69 % |",
            "(25 dagar för sent) — Nytta 2 i #1: Färre påminnelseavgifter (ägare: ingen ägare)",
        ),
    ] {
        let output = run(&sandbox, &["report", "--lang", lang, "--file", s(&file)]);
        let text = stdout(&output);
        assert!(text.contains(heading), "{lang}: {text}");
        assert!(text.contains(money), "{lang}: {text}");
        assert!(text.contains(overdue), "{lang}: {text}");
    }
}

/// Every text of the old expected and realised benefit, in the benefits of its initiative.
#[test]
fn old_files_migrate_keeping_every_benefit_text() {
    let path = fixture("sample-v1.json");
    let raw: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("reads")).expect("JSON");
    assert_eq!(raw["schema_version"], 1);
    let migrated = store::load(&path).expect("migrates").expect("exists");
    assert_eq!(migrated.schema_version, fasett::model::SCHEMA_VERSION);
    let mut texts = 0;
    for old in raw["initiatives"].as_array().expect("initiatives") {
        let id = u32::try_from(old["id"].as_u64().expect("an id")).expect("small");
        let new = migrated.initiative(id).expect("every initiative is kept");
        let said: Vec<&str> = new
            .benefits
            .iter()
            .flat_map(|b| {
                [b.title.as_str(), b.how_measured.as_str()]
                    .into_iter()
                    .chain(b.measurements.iter().map(|m| m.note.as_str()))
            })
            .collect();
        for text in [&old["expected_benefit"]["text"], &old["realised_benefit"]["text"]] {
            let text = text.as_str().unwrap_or_default();
            if !text.is_empty() {
                texts += 1;
                assert!(said.contains(&text), "#{id}: “{text}” is lost");
            }
        }
        let kinds: Vec<BenefitKind> = new.benefits.iter().map(|b| b.kind).collect();
        if old["expected_benefit"]["quality"] == true {
            assert!(kinds.contains(&BenefitKind::Quality), "#{id}: the quality tick is lost");
        }
        if old["expected_benefit"]["efficiency"] == true {
            assert!(kinds.contains(&BenefitKind::Other), "#{id}: the efficiency tick is lost");
        }
        if old["realised_benefit"]["realised"] == true {
            assert!(
                new.benefits.iter().all(|b| fasett::benefits::realisation(b) == Some(100.0)),
                "#{id}: realised, so every migrated benefit reads 100 %"
            );
        }
    }
    assert_eq!(texts, 28, "the old sample had 24 expected and 4 realised texts");
    crate::golden("sample-v1-migrated.json", &store::to_json(&migrated));
}

#[test]
fn check_explains_the_migration_in_the_chosen_language_and_changes_nothing() {
    let sandbox = sandbox();
    let file = copy(&sandbox, "sample-v1.json");
    let before = std::fs::read(&file).expect("reads");
    for (lang, words) in [
        ("en", ["schema version 1", "version 4 at the first save", "backups/", "expected benefit"]),
        ("sv", ["schemaversion 1", "version 4 vid första sparningen", "backups/", "förväntade nytta"]),
        ("da", ["skemaversion 1", "version 4 ved første gemning", "backups/", "forventede gevinst"]),
        ("nb", ["skjemaversjon 1", "versjon 4 ved første lagring", "backups/", "forventede gevinst"]),
    ] {
        let output = run(&sandbox, &["check", "--lang", lang, "--file", s(&file)]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(stdout(&output).contains("25"), "the summary, in {lang}: {}", stdout(&output));
        let explained = stderr(&output);
        for word in words {
            assert!(explained.contains(word), "{lang}: “{word}” missing in {explained}");
        }
    }
    assert_eq!(std::fs::read(&file).expect("reads"), before, "check writes nothing");
}

#[test]
fn a_migrated_file_is_backed_up_before_it_is_rewritten() {
    let dir = fasett::testing::temp_dir();
    let path = dir.path().join("portfolio.json");
    std::fs::copy(fixture("sample-v1.json"), &path).expect("copy");
    let original = std::fs::read(&path).expect("reads");
    let opened = Store::open(&path, false).expect("opens");
    let mut store = opened.store;
    assert!(!store.is_read_only());
    store.save(&opened.portfolio).expect("saves");
    let rewritten = std::fs::read_to_string(&path).expect("reads");
    assert!(rewritten.contains("\"schema_version\": 4"), "written at the new version");
    let backups: Vec<Vec<u8>> = std::fs::read_dir(store.backups_dir())
        .expect("a backups folder")
        .flatten()
        .map(|e| std::fs::read(e.path()).expect("reads"))
        .collect();
    assert_eq!(backups, [original], "the file as it was, before the first save");
}

#[test]
fn check_warns_about_benefit_figures_that_cannot_mean_what_they_say() {
    let sandbox = sandbox();
    let file = sandbox.write(
        "warnings.json",
        r#"{"schema_version": 3, "initiatives": [{"id": 1, "title": "A", "benefits": [
            {"id": 1, "title": "Före", "kind": "time", "unit": "timmar",
             "baseline": {"value": 10, "date": "2026-01-01", "unit": "timmar"},
             "target": {"value": 10, "date": "2026-12-31", "unit": "dagar"},
             "measurements": [{"date": "2025-12-01", "value": 9}, {"date": "2027-01-01", "value": 8}]},
            {"id": 2, "title": "Stort", "kind": "money",
             "baseline": {"value": 0}, "target": {"value": 5e15},
             "measurements": []}
        ]}]}"#,
    );
    let output = run(&sandbox, &["check", "--file", s(&file)]);
    assert_eq!(output.status.code(), Some(0), "warnings, not errors: {}", stderr(&output));
    let warned = stderr(&output);
    for expected in [
        "initiatives[0].benefits[0] (benefit 1 of #1, “Före”): measurements[0] is dated 2025-12-01, before",
        "measurements[1] is dated 2027-01-01, in the future",
        "the target equals the baseline",
        "the baseline is in “timmar” but the target in “dagar”",
        "initiatives[0].benefits[1] (benefit 2 of #1, “Stort”): the value 5,000,000,000,000,000",
    ] {
        assert!(warned.contains(expected), "“{expected}” missing in:\n{warned}");
    }
    let report = run(&sandbox, &["report", "--format", "json", "--file", s(&file)]);
    let value: Value = serde_json::from_slice(&report.stdout).expect("JSON");
    assert_eq!(value["benefits"]["time_target"], 0.0, "nothing to realise, no division by zero");
}

#[test]
fn a_benefit_id_used_twice_is_refused_with_its_path_and_line() {
    let sandbox = sandbox();
    let file = sandbox.write(
        "twice.json",
        "{\n  \"schema_version\": 3,\n  \"initiatives\": [\n    {\"id\": 1, \"title\": \"A\", \"benefits\": [{\"id\": 4, \"title\": \"x\"}]},\n    {\"id\": 2, \"title\": \"B\", \"benefits\": [{\"id\": 4, \"title\": \"y\"}]}\n  ]\n}\n",
    );
    let output = run(&sandbox, &["check", "--file", s(&file)]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("line 5, column "), "{message}");
    assert!(message.contains("`initiatives[1].benefits[0].id`"), "{message}");
    assert!(message.contains("benefit id 4 is used twice"), "{message}");
}
