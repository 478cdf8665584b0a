//! Schema version 1 to 2 (group assessments): the sample's single-score runs before and
//! after, checked against a golden file; nothing lost, unknown keys kept, the file backed up
//! before its first save, and `fasett check` saying what will happen, in four languages.

use std::path::Path;

use fasett::model::SCHEMA_VERSION;
use fasett::store::{self, Store};

use crate::pty::Sandbox;
use crate::{run, stderr, stdout};

const BEFORE: &str = "tests/fixtures/valid/sample-v1.json";
const AFTER: &str = "tests/golden/sample-v1-runs-migrated.json";

fn fixture(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

#[test]
fn the_samples_single_score_runs_become_the_groups_agreed_scores() {
    let before: serde_json::Value = serde_json::from_str(&fixture(BEFORE)).expect("the v1 sample is JSON");
    assert_eq!(before["schema_version"], 1, "the golden's starting point is a version 1 file");
    let migrated = store::parse(fixture(BEFORE).as_bytes(), Path::new(BEFORE)).expect("a v1 file loads");
    assert_eq!(migrated.schema_version, SCHEMA_VERSION);

    // The runs (and the actions that point into them) as the migrated file writes them.
    let written: serde_json::Value =
        serde_json::from_str(&store::to_json(&migrated)).expect("the migrated file is JSON");
    let runs = serde_json::json!({"assessments": written["assessments"], "actions": written["actions"]});
    let mut text = serde_json::to_string_pretty(&runs).expect("serialises");
    text.push('\n');
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join(AFTER);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &text).expect("writing the golden file");
    }
    assert_eq!(text, fixture(AFTER), "the migrated runs differ from {AFTER} (UPDATE_GOLDEN=1 rewrites it)");

    // Nothing lost: every score and note is where it was, now the group's agreed score.
    for (old, new) in before["assessments"].as_array().expect("runs").iter().zip(&migrated.assessments) {
        let old_answers = old["answers"].as_array().expect("answers");
        assert_eq!(old_answers.len(), new.answers.len());
        for (o, n) in old_answers.iter().zip(&new.answers) {
            assert_eq!(o["item"], n.item.as_str());
            assert_eq!(o["score"].as_u64(), n.score.map(u64::from), "{}", n.item);
            assert_eq!(o["note"], n.note.as_str());
            assert!(n.tally.is_empty());
        }
        assert!(new.responses.is_empty() && new.next_date.is_none(), "nothing is made up");
        assert_eq!(old["participants"].as_array().map(Vec::len), Some(new.participants.len()));
    }
}

#[test]
fn unknown_keys_survive_the_migration() {
    let text = fixture("tests/fixtures/valid/with_unknown_fields.json")
        .replacen("\"initiatives\": [", "\"assessments\": [{\"id\": 1, \"template\": \"t\", \"template_version\": 1, \"scope\": \"Team\", \"date\": \"2026-01-02\", \"mood\": \"tired\", \"answers\": [{\"item\": \"a\", \"score\": 3, \"why\": \"x\"}]}],\n  \"initiatives\": [", 1);
    let p = store::parse(text.as_bytes(), Path::new("unknown.json")).expect("loads");
    let written: serde_json::Value = serde_json::from_str(&store::to_json(&p)).expect("JSON");
    assert_eq!(written["colour_scheme"], "teal");
    assert_eq!(written["assessments"][0]["mood"], "tired");
    assert_eq!(written["assessments"][0]["answers"][0]["why"], "x");
    assert_eq!(written["assessments"][0]["answers"][0]["score"], 3);
    assert_eq!(written["schema_version"], SCHEMA_VERSION);
}

#[test]
fn the_first_save_backs_the_version_1_file_up_first() {
    let (dir, path) = fasett::testing::temp_file("portfolio.json", fixture(BEFORE));
    let opened = Store::open(&path, false).expect("opens");
    let (portfolio, mut store) = (opened.portfolio, opened.store);
    store.save(&portfolio).expect("saves");
    let saved = std::fs::read_to_string(&path).expect("reads");
    assert!(saved.starts_with(&format!("{{\n  \"schema_version\": {SCHEMA_VERSION},")), "{}", &saved[..40]);
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups")).expect("a backups folder").collect();
    assert_eq!(backups.len(), 1);
    let backup = backups[0].as_ref().expect("an entry").path();
    assert_eq!(
        std::fs::read_to_string(backup).expect("reads"),
        fixture(BEFORE),
        "the backup is the file as it was"
    );
}

#[test]
fn check_explains_the_migration_in_four_languages() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("old.json", fixture(BEFORE));
    let file = file.to_str().expect("a UTF-8 path");
    for (lang, valid, words) in [
        ("en", "valid", ["schema version 1", "version 2:", "agreed"]),
        ("sv", "giltig", ["schemaversion 1", "version 2:", "enades"]),
        ("da", "gyldig", ["skemaversion 1", "version 2:", "enige"]),
        ("nb", "gyldig", ["skjemaversjon 1", "versjon 2:", "enige"]),
    ] {
        let output = run(&sandbox, &["check", "--file", file, "--lang", lang]);
        assert!(output.status.success(), "{lang}: {:?}\n{}", output.status, stderr(&output));
        assert!(stdout(&output).contains(valid), "{}", stdout(&output));
        let said = stderr(&output);
        for word in words {
            assert!(said.contains(word), "{lang}: {word:?} missing from:\n{said}");
        }
        assert!(said.contains("backups"), "{said}");
    }
    assert_eq!(std::fs::read_to_string(file).expect("reads"), fixture(BEFORE), "check never writes");
}
