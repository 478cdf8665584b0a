//! The data-file contract (`docs/contracts.md`, "The data file"): broken-file messages, round
//! trip, atomic save, modes, symlinks, backups, lock, never overwriting what we did not write,
//! a kill-during-save loop, and the one writer used for the other files.

// The file names compared here are ones these tests create, in one case.
#![allow(clippy::case_sensitive_file_extension_comparisons)]

use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use fasett::model::extras::Extras;
use fasett::model::{Collection, Initiative, Portfolio, Status};
use fasett::store::{
    self, Access, LoadError, MAX_FILE_BYTES, ReadOnlyReason, SaveError, Store, load, parse, to_json,
};
use fasett::testing;
use proptest::prelude::*;

use crate::strategies;
use crate::{fixture, portfolio_file, sample};

fn write(path: &Path, text: &str) {
    fs::write(path, text).expect("writes the test file");
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("exists").permissions().mode() & 0o777
}

/// Names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

fn temp_files(dir: &Path) -> Vec<String> {
    names(dir).into_iter().filter(|n| n.starts_with('.') && n.ends_with(".tmp")).collect()
}

fn open_rw(path: &Path) -> (Portfolio, Store) {
    let opened = Store::open(path, false).expect("opens");
    assert_eq!(opened.store.access(), &Access::ReadWrite);
    (opened.portfolio, opened.store)
}

fn assert_one_paragraph(message: &str) {
    assert!(!message.contains('\n'), "one paragraph: {message}");
    assert!(!message.contains(" { "), "no Debug output: {message}");
}

// ---------------------------------------------------------------------------------------------
// Broken and valid fixtures
// ---------------------------------------------------------------------------------------------

/// (file, line and column, JSON path, a snippet of what was expected)
type BrokenCase = (&'static str, (usize, usize), Option<&'static str>, &'static str);

const BROKEN: &[BrokenCase] = &[
    ("empty.json", (1, 1), None, "the file is empty"),
    ("bom_only.json", (1, 1), None, "the file is empty"),
    ("trailing_comma.json", (7, 5), None, "not valid JSON: trailing comma"),
    ("truncated.json", (9, 26), None, "EOF while parsing a string"),
    ("invalid_utf8.json", (4, 17), None, "the byte 0xF8 is not valid UTF-8"),
    (
        "wrong_type.json",
        (10, 17),
        Some("initiatives[1].title"),
        "invalid type: integer `42`, expected a string",
    ),
    (
        "unknown_facet.json",
        (7, 25),
        Some("initiatives[0].facet"),
        "unknown variant `sideways`, expected one of `mission_oriented`, `anticipatory`",
    ),
    (
        "newer_schema.json",
        (2, 23),
        Some("schema_version"),
        "schema_version 999, but this fasett knows versions up to",
    ),
    ("missing_schema.json", (1, 1), None, "\"schema_version\" is missing"),
    (
        "duplicate_ids.json",
        (13, 13),
        Some("initiatives[2].id"),
        "the id 7 is used twice, by initiatives[0].id and initiatives[2].id",
    ),
];

#[test]
fn every_broken_fixture_is_covered() {
    let mut listed: Vec<&str> = BROKEN.iter().map(|b| b.0).collect();
    listed.sort_unstable();
    assert_eq!(names(&fixture("broken", "")), listed);
}

#[test]
fn a_broken_file_names_its_backups_folder_only_when_it_holds_a_backup() {
    let dir = fasett::testing::temp_dir();
    let path = dir.path().join("p.json");
    write(&path, "{\"schema_version\": 1, \"initiatives\": [");
    let backups = dir.path().join("backups");
    let folder = format!("{}/", backups.display());
    let message = |lang| load(&path).expect_err("broken").localized(lang);
    let none = message(fasett::i18n::Lang::Sv);
    assert!(none.contains("det finns ingen säkerhetskopia") && !none.contains(&folder), "{none}");
    fs::create_dir(&backups).expect("makes the folder");
    let empty = message(fasett::i18n::Lang::Sv);
    assert!(empty.contains("det finns ingen säkerhetskopia") && !empty.contains(&folder), "{empty}");
    write(&backups.join("p-20261130-050000.json"), "{}");
    let some = message(fasett::i18n::Lang::Sv);
    assert!(some.contains(&format!("säkerhetskopior finns i {folder}")), "{some}");
    assert!(load(&path).expect_err("broken").to_string().contains(&format!("backups are in {folder}")));
}

#[test]
fn broken_fixtures_fail_with_path_position_json_path_and_expectation() {
    for &(name, (line, column), json_path, snippet) in BROKEN {
        let path = fixture("broken", name);
        let err = load(&path).expect_err(name);
        let message = err.to_string();
        assert_eq!(err.line_column(), Some((line, column)), "{name}: {message}");
        assert_eq!(err.json_path(), json_path, "{name}: {message}");
        assert!(
            message.starts_with(&format!("{}: line {line}, column {column}: ", path.display())),
            "{message}"
        );
        if let Some(json_path) = json_path {
            assert!(message.contains(&format!("`{json_path}`")), "{message}");
        }
        assert!(message.contains(snippet), "{name}: {message}");
        assert!(message.contains("did not change the file"), "{message}");
        // The fixtures have no backups folder, so none is named.
        assert!(message.contains("there is no backup of it yet"), "{message}");
        assert!(!message.contains(&format!("{}/", fixture("broken", "backups").display())), "{message}");
        assert_one_paragraph(&message);
        assert_eq!(err.is_newer_schema(), name == "newer_schema.json");
    }
}

#[test]
fn broken_fixtures_are_opened_read_only_and_never_written() {
    for &(name, ..) in BROKEN {
        let dir = fasett::testing::temp_dir();
        let path = dir.path().join(name);
        let original = fs::read(fixture("broken", name)).expect("fixture");
        fs::write(&path, &original).expect("copy");

        let opened = Store::open(&path, false).expect("a broken file still opens");
        assert!(opened.existed);
        let mut store = opened.store;
        match store.access() {
            Access::ReadOnly(ReadOnlyReason::NewerSchema(why)) => {
                assert_eq!(name, "newer_schema.json");
                assert!(why.contains("schema_version 999"), "{why}");
                // Still viewable, unknown keys and all.
                assert_eq!(opened.portfolio.initiatives.len(), 1);
            }
            Access::ReadOnly(ReadOnlyReason::LoadFailed(why)) => {
                assert!(why.contains(&path.display().to_string()), "{why}");
                assert_eq!(opened.portfolio, Portfolio::default());
            }
            other => panic!("{name}: expected read-only, got {other:?}"),
        }
        let err = store.save(&opened.portfolio).expect_err("a broken file is never saved over");
        assert!(matches!(err, SaveError::ReadOnly { .. }), "{err}");
        let message = err.to_string();
        assert!(message.contains(&path.display().to_string()) && message.contains("not saved"), "{message}");
        // No backup was ever taken of a file fasett could not read: none is pointed to.
        assert!(
            message.contains(":w PATH") && message.contains("There is no backup of it yet."),
            "{message}"
        );
        assert_one_paragraph(&message);
        assert!(store.save(&sample(2)).is_err());
        assert!(store.save_as(&sample(2), &path).is_err(), "not even explicitly over itself");

        assert_eq!(fs::read(&path).expect("still there"), original, "{name} unchanged");
        assert!(!dir.path().join("backups").exists());
        assert!(temp_files(dir.path()).is_empty());
    }
}

#[test]
fn a_file_over_the_size_cap_is_refused_before_reading() {
    let dir = fasett::testing::temp_dir();
    let path = dir.path().join("portfolio.json");
    let file = fs::File::create(&path).expect("create");
    file.set_len(200 * 1024 * 1024).expect("sparse file");
    drop(file);
    const { assert!(200 * 1024 * 1024 > MAX_FILE_BYTES) };

    let err = load(&path).expect_err("too large");
    assert!(matches!(err, LoadError::TooLarge { .. }));
    assert_eq!(err.line_column(), Some((1, 1)));
    let message = err.to_string();
    assert!(
        message.starts_with(&format!(
            "{}: line 1, column 1: the file is 200.0 MB, more than the 128 MB fasett reads; nothing was \
             read or changed.",
            path.display()
        )),
        "{message}"
    );
    assert_one_paragraph(&message);

    let opened = Store::open(&path, false).expect("opens read-only");
    assert!(matches!(opened.store.access(), Access::ReadOnly(ReadOnlyReason::LoadFailed(_))));
    let mut store = opened.store;
    assert!(store.save(&sample(1)).is_err());
    assert_eq!(fs::metadata(&path).expect("exists").len(), 200 * 1024 * 1024);
}

#[test]
fn valid_fixtures_load() {
    let minimal = load(&fixture("valid", "minimal.json")).expect("valid").expect("exists");
    assert_eq!(minimal, Portfolio::default());

    let bom = load(&fixture("valid", "bom.json")).expect("a BOM is fine").expect("exists");
    assert_eq!(bom.organisation.name, "Ishøj Kommune");
    assert_eq!(bom.initiatives[0].title, "Lokal innovation i daginstitution 😀");

    assert_eq!(load(&fixture("valid", "does-not-exist.json")).expect("no error"), None);
}

#[test]
fn unknown_fields_survive_a_save_at_every_depth() {
    let original = load(&fixture("valid", "with_unknown_fields.json")).expect("valid").expect("exists");
    // Sorted by id for `Portfolio::initiative`, extras travelling with their initiative.
    assert_eq!(original.initiatives.iter().map(|i| i.id).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(original.initiative(2).expect("#2").extra["budget"]["sek"], 1_200_000);

    let json = to_json(&original);
    for key in
        ["colour_scheme", "founded", "weight", "confidence", "budget", "mood", "report", "plugin_state"]
    {
        assert!(json.contains(&format!("\"{key}\"")), "{key} kept:\n{json}");
    }
    let back = parse(json.as_bytes(), Path::new("again.json")).expect("parses");
    assert_eq!(back, original);
    assert_eq!(to_json(&back), json);
    // Unknown keys come after the known ones.
    let colour = json.find("\"colour_scheme\"").expect("kept");
    assert!(json.find("\"next_id\"").expect("known key") < colour);
}

#[test]
fn unknown_keys_inside_an_idea_its_proposer_the_costs_and_the_placement_survive_a_save() {
    // The three parts an initiative keeps behind a pointer, each with a key fasett does not know.
    let text = format!(
        r#"{{"schema_version": {}, "initiatives": [{{"id": 1, "title": "A",
            "placement": {{"created_to": "meet_new_needs", "pushed_by": "bottom_up_testing", "confidence": "high"}},
            "costs": {{"investment": 100, "yearly": 5, "price_year": 2025}},
            "idea": {{"proposer": {{"name": "Ann", "pronoun": "hon"}}, "channel": "meeting", "votes": 12}}}}]}}"#,
        fasett::model::SCHEMA_VERSION
    );
    let original = parse(text.as_bytes(), Path::new("parts.json")).expect("parses");
    assert!(original.has_extras());
    let json = to_json(&original);
    let written: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let initiative = &written["initiatives"][0];
    assert_eq!(initiative["placement"]["confidence"], "high", "{json}");
    assert_eq!(initiative["costs"]["price_year"], 2025, "{json}");
    assert_eq!(initiative["idea"]["votes"], 12, "{json}");
    assert_eq!(initiative["idea"]["proposer"]["pronoun"], "hon", "{json}");
    let back = parse(json.as_bytes(), Path::new("again.json")).expect("parses");
    assert_eq!(back, original);
    assert_eq!(to_json(&back), json);
}

#[test]
fn messages_for_other_problems() {
    let p = Path::new("x.json");
    let not_object = parse(b"\n  [1, 2]\n", p).expect_err("not an object");
    assert_eq!(not_object.line_column(), Some((2, 3)));
    assert!(not_object.to_string().contains("one JSON object"), "{not_object}");

    let bad_version = parse(b"{\"schema_version\": \"one\"}", p).expect_err("string version");
    assert_eq!(bad_version.json_path(), Some("schema_version"));
    assert!(bad_version.to_string().contains("expected a whole number"), "{bad_version}");

    let dup_goal =
        parse(b"{\"schema_version\": 1, \"organisation\": {\"goals\": [{\"id\": 2}, {\"id\": 2}]}}", p)
            .expect_err("duplicate goal ids");
    assert_eq!(dup_goal.json_path(), Some("organisation.goals[1].id"));

    let dup_key = parse(b"{\"schema_version\": 1, \"schema_version\": 1}", p).expect_err("duplicate key");
    assert!(dup_key.to_string().contains("duplicate field `schema_version`"), "{dup_key}");
}

// ---------------------------------------------------------------------------------------------
// Round trip (proptest)
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn to_json_then_parse_gives_the_same_portfolio(p in strategies::portfolio()) {
        let json = to_json(&p);
        prop_assert!(json.ends_with("}\n"), "ends with a newline");
        prop_assert_eq!(&to_json(&p.clone()), &json, "deterministic");
        let back = parse(json.as_bytes(), Path::new("prop.json"));
        let back = match back {
            Ok(back) => back,
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        prop_assert_eq!(back.has_extras(), p.has_extras());
        prop_assert_eq!(&back, &p);
        prop_assert_eq!(to_json(&back), json);
    }

    #[test]
    fn a_one_field_edit_changes_one_line(p in strategies::portfolio(), which in 0..6usize, new in strategies::text()) {
        let mut edited = p.clone();
        match which {
            0 if !edited.initiatives.is_empty() => edited.initiatives[0].title = new,
            1 if !edited.initiatives.is_empty() => edited.initiatives[0].archived ^= true,
            2 if !edited.initiatives.is_empty() => {
                let s = edited.initiatives[0].status;
                edited.initiatives[0].status = if s == Status::Active { Status::Paused } else { Status::Active };
            }
            3 => edited.organisation.name = new,
            4 => edited.next_id.goal += 1,
            _ => edited.organisation.mission = new,
        }
        prop_assume!(edited != p);
        let (before, after) = (to_json(&p), to_json(&edited));
        let (before, after): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
        prop_assert_eq!(before.len(), after.len());
        prop_assert_eq!(before.iter().zip(&after).filter(|(a, b)| a != b).count(), 1);
    }
}

// ---------------------------------------------------------------------------------------------
// Saving
// ---------------------------------------------------------------------------------------------

#[test]
fn first_save_creates_folder_and_file_with_mode_0600_and_open_writes_nothing() {
    let dir = fasett::testing::temp_dir();
    let path = dir.path().join("a/b/portfolio.json");
    let opened = Store::open(&path, false).expect("opens");
    assert!(!opened.existed);
    assert!(!opened.portfolio.id.is_empty(), "a writing session gives the portfolio its identity");
    assert_eq!(Portfolio { id: String::new(), ..opened.portfolio.clone() }, Portfolio::default());
    assert!(!opened.store.is_read_only());
    assert!(!dir.path().join("a").exists(), "opening writes nothing");
    assert!(!opened.store.changed_on_disk());

    let mut store = opened.store;
    let p = sample(3);
    store.save(&p).expect("saves");
    assert_eq!(fs::read_to_string(&path).expect("written"), to_json(&p));
    assert_eq!(mode(&path), 0o600);
    assert!(path.with_file_name("portfolio.json.lock").exists(), "the lock is taken at the first save");
    assert!(!store.backups_dir().exists(), "nothing to back up yet");
    assert_eq!(load(&path).expect("valid"), Some(p));
    assert!(temp_files(path.parent().expect("dir")).is_empty());
}

#[test]
fn save_replaces_the_file_by_rename_and_keeps_its_mode() {
    let (dir, path) = portfolio_file(1);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    let inode = fs::metadata(&path).expect("exists").ino();

    let (mut p, mut store) = open_rw(&path);
    p.organisation.vision = "Ett hållbart Tomelilla".into();
    store.save(&p).expect("saves");
    assert_ne!(fs::metadata(&path).expect("exists").ino(), inode, "a new file renamed over the old");
    assert_eq!(mode(&path), 0o640, "an existing file keeps its mode");
    assert_eq!(fs::read_to_string(&path).expect("written"), to_json(&p));
    assert!(temp_files(dir.path()).is_empty());
    assert!(!store.changed_on_disk());
}

#[test]
fn a_symlinked_file_stays_a_symlink() {
    let dir = fasett::testing::temp_dir();
    let (real, link) =
        testing::linked_file(dir.path(), "real/data.json", "config/portfolio.json", &to_json(&sample(1)));

    let (mut p, mut store) = open_rw(&link);
    assert_eq!(store.path(), link);
    p.organisation.name = "Ishøj".into();
    store.save(&p).expect("saves");
    assert!(testing::is_link(&link), "still a link");
    assert_eq!(load(&link).expect("valid"), Some(p.clone()));
    assert_eq!(fs::read_to_string(&real).expect("real file"), to_json(&p));
    assert_eq!(store.backups_dir(), dir.path().join("real/backups"));
    assert_eq!(names(&dir.path().join("config")), vec!["portfolio.json"], "nothing beside the link");
    assert!(dir.path().join("real/data.json.lock").exists());

    // The lock is on the real file: opening it by its own name finds it taken.
    let other = Store::open(&real, false).expect("opens");
    assert!(matches!(other.store.access(), Access::ReadOnly(ReadOnlyReason::LockedBy(_))));
}

#[test]
fn a_backup_is_made_before_the_first_save_of_each_session_only() {
    let dir = fasett::testing::temp_dir();
    let path = dir.path().join("portfolio.json");
    let original = to_json(&sample(2));
    write(&path, &original);

    let (mut p, mut store) = open_rw(&path);
    for n in 0..3 {
        p.organisation.mission = format!("edit {n}");
        store.save(&p).expect("saves");
    }
    let backups = store.backups_dir();
    let listed = names(&backups);
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(listed[0].starts_with("portfolio-") && listed[0].ends_with(".json"), "{listed:?}");
    let first = backups.join(&listed[0]);
    assert_eq!(fs::read_to_string(&first).expect("backup"), original);
    assert_eq!(mode(&first), 0o600);
    drop(store);

    let (p2, mut store) = open_rw(&path);
    store.save(&p2).expect("saves");
    assert_eq!(names(&backups).len(), 2, "a new session backs up again");
}

#[test]
fn rotation_keeps_twenty_and_leaves_other_files_alone() {
    let (dir, path) = portfolio_file(1);
    let backups = dir.path().join("backups");
    fs::create_dir_all(&backups).expect("mkdir");
    // 30 old backups, all on one day long ago: only the newest 19 of them survive beside the new one.
    for minute in 0..30 {
        write(&backups.join(format!("portfolio-20200101-10{minute:02}00.json")), "{}");
    }
    for other in ["other-20200101-100000.json", "portfolio-notes.json", "portfolio-20200101-100000.txt"] {
        write(&backups.join(other), "keep me");
    }

    let (p, mut store) = open_rw(&path);
    store.save(&p).expect("saves");
    let listed = names(&backups);
    let ours: Vec<&String> =
        listed.iter().filter(|n| n.starts_with("portfolio-20")).filter(|n| n.ends_with(".json")).collect();
    assert_eq!(ours.len(), 20, "{listed:?}");
    for minute in 0..11 {
        assert!(!listed.contains(&format!("portfolio-20200101-10{minute:02}00.json")), "oldest deleted");
    }
    for minute in 11..30 {
        assert!(listed.contains(&format!("portfolio-20200101-10{minute:02}00.json")), "newest kept");
    }
    for other in ["other-20200101-100000.json", "portfolio-notes.json", "portfolio-20200101-100000.txt"] {
        assert!(listed.contains(&other.to_string()), "{other} left alone");
    }
}

#[test]
fn a_second_instance_is_told_who_holds_the_lock() {
    let (dir, path) = portfolio_file(1);
    let (p, mut first) = open_rw(&path);
    let lock_text = fs::read_to_string(dir.path().join("portfolio.json.lock")).expect("lock file");
    assert!(lock_text.contains(&format!("pid {}", std::process::id())), "{lock_text}");

    let second = Store::open(&path, false).expect("opens");
    // Only the writing session gives the file an identity (at its first save).
    assert_eq!(
        second.portfolio,
        Portfolio { id: String::new(), ..p.clone() },
        "the second instance can still look"
    );
    let Access::ReadOnly(ReadOnlyReason::LockedBy(holder)) = second.store.access() else {
        panic!("expected LockedBy, got {:?}", second.store.access())
    };
    assert_eq!(holder, &lock_text);
    assert!(holder.contains(" on ") && holder.contains(", since "), "{holder}");
    let reason = second.store.access().clone();
    let Access::ReadOnly(reason) = reason else { unreachable!() };
    assert!(reason.to_string().contains("another fasett has it open"), "{reason}");

    let mut second = second.store;
    let before = fs::read(&path).expect("exists");
    let err = second.save(&sample(5)).expect_err("read-only");
    assert!(err.to_string().contains(&format!("pid {}", std::process::id())), "{err}");
    assert_eq!(fs::read(&path).expect("exists"), before);

    first.save(&p).expect("the holder still saves");
    drop(first);
    // Once the holder is gone, reloading makes the second instance the writer.
    let reloaded = second.reload().expect("reloads");
    assert_eq!(second.access(), &Access::ReadWrite);
    second.save(&reloaded).expect("saves");
}

#[test]
fn read_only_when_asked_writes_nothing_at_all() {
    let (dir, path) = portfolio_file(1);
    let opened = Store::open(&path, true).expect("opens");
    assert_eq!(opened.store.access(), &Access::ReadOnly(ReadOnlyReason::Requested));
    let mut store = opened.store;
    let err = store.save(&sample(2)).expect_err("read-only");
    assert!(err.to_string().contains("--read-only"), "{err}");
    assert_eq!(names(dir.path()), vec!["portfolio.json"], "no lock, no backup, no temp file");
    // A writer is not blocked by a reader.
    let (_, mut writer) = open_rw(&path);
    writer.save(&sample(3)).expect("saves");
}

#[test]
fn a_newer_schema_is_never_written_anywhere() {
    let dir = fasett::testing::temp_dir();
    let path = dir.path().join("portfolio.json");
    let original = fs::read(fixture("broken", "newer_schema.json")).expect("fixture");
    fs::write(&path, &original).expect("copy");

    let opened = Store::open(&path, false).expect("opens");
    assert!(matches!(opened.store.access(), Access::ReadOnly(ReadOnlyReason::NewerSchema(_))));
    assert_eq!(opened.portfolio.schema_version, 999);
    let mut store = opened.store;
    assert!(matches!(store.save(&opened.portfolio), Err(SaveError::ReadOnly { .. })));
    let elsewhere = dir.path().join("copy.json");
    assert!(store.save_as(&opened.portfolio, &elsewhere).is_err());
    assert!(!elsewhere.exists());
    assert_eq!(fs::read(&path).expect("exists"), original);
    assert!(!dir.path().join("backups").exists());
}

#[test]
fn an_external_change_is_detected_and_never_overwritten() {
    let (_dir, path) = portfolio_file(1);
    let (mut p, mut store) = open_rw(&path);
    store.save(&p).expect("saves");
    assert!(!store.changed_on_disk());

    // Another program writes the file (here by hand, as an editor would).
    let theirs = sample(4);
    write(&path, &to_json(&theirs));
    assert!(store.changed_on_disk());
    p.organisation.name = "mine".into();
    let err = store.save(&p).expect_err("refused");
    assert!(matches!(err, SaveError::ExternalChange { .. }));
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(
        message.contains("Reload") && message.contains(":w PATH") && message.contains("backups/"),
        "{message}"
    );
    assert_one_paragraph(&message);
    assert_eq!(load(&path).expect("valid"), Some(theirs.clone()), "theirs kept");

    // Reloading makes theirs the base; saving works again.
    let reloaded = store.reload().expect("reloads");
    assert_eq!(reloaded, theirs);
    assert!(!store.changed_on_disk());
    store.save(&reloaded).expect("saves");
}

#[test]
fn touching_the_file_is_not_a_change_but_deleting_it_is() {
    let (_dir, path) = portfolio_file(1);
    let (p, mut store) = open_rw(&path);
    let file = fs::File::options().write(true).open(&path).expect("open");
    file.set_modified(std::time::SystemTime::now() + Duration::from_secs(5)).expect("touch");
    drop(file);
    assert!(!store.changed_on_disk(), "same content");
    store.save(&p).expect("saves");

    fs::remove_file(&path).expect("delete");
    assert!(store.changed_on_disk());
    assert!(matches!(store.save(&p), Err(SaveError::ExternalChange { .. })));
    assert!(!path.exists());
    // Explicitly writing it again is allowed.
    store.save_as(&p, &path).expect("saves as");
    assert_eq!(load(&path).expect("valid"), Some(p));
}

#[test]
fn an_unwritable_location_gives_a_clear_error_and_keeps_the_data() {
    // A regular file where a folder should be: fails even for root, unlike permissions.
    let dir = fasett::testing::temp_dir();
    let blocker = dir.path().join("not-a-folder");
    write(&blocker, "just a file");
    let path = blocker.join("portfolio.json");

    let opened = Store::open(&path, false).expect("opens: the file just does not exist yet");
    assert!(!opened.existed);
    let mut store = opened.store;
    let p = sample(2);
    let err = store.save(&p).expect_err("cannot create the folder");
    assert!(matches!(err, SaveError::Io { .. }));
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}: not saved: could not create the folder", path.display())),
        "{message}"
    );
    assert!(message.contains(&blocker.display().to_string()), "{message}");
    assert!(message.contains("still open in fasett"), "{message}");
    assert_one_paragraph(&message);
    assert_eq!(fs::read_to_string(&blocker).expect("untouched"), "just a file");

    // The data is still the caller's: save it somewhere that works.
    let good = dir.path().join("elsewhere/portfolio.json");
    store.save_as(&p, &good).expect("saves as");
    assert_eq!(store.path(), good);
    assert_eq!(load(&good).expect("valid"), Some(p.clone()));
    store.save(&p).expect("keeps saving to the new path");
}

#[test]
fn save_as_moves_the_session_and_its_lock() {
    let dir = fasett::testing::temp_dir();
    let a = dir.path().join("a.json");
    let b = dir.path().join("sub/b.json");
    write(&a, &to_json(&sample(1)));
    let (mut p, mut store) = open_rw(&a);

    p.organisation.name = "copy".into();
    store.save_as(&p, &b).expect("saves as");
    assert_eq!(store.path(), b);
    assert_eq!(load(&b).expect("valid"), Some(p.clone()));
    assert_eq!(load(&a).expect("valid"), Some(sample(1)), "the old file is left as it was");
    assert_eq!(mode(&b), 0o600);
    assert!(matches!(
        Store::open(&b, false).expect("opens").store.access(),
        Access::ReadOnly(ReadOnlyReason::LockedBy(_))
    ));
    let (_, _a_again) = open_rw(&a);

    // Explicitly overwriting another existing file backs it up first.
    let c = dir.path().join("c.json");
    let theirs = to_json(&sample(7));
    write(&c, &theirs);
    store.save_as(&p, &c).expect("saves as");
    let backups = names(&dir.path().join("backups"));
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(backups[0].starts_with("c-"));
    assert_eq!(fs::read_to_string(dir.path().join("backups").join(&backups[0])).expect("backup"), theirs);
}

#[test]
fn leftover_temp_files_are_removed_by_a_writer_only() {
    let (dir, path) = portfolio_file(1);
    let leftover = dir.path().join(".portfolio.json.Ab12Cd.tmp");
    let not_ours = dir.path().join(".portfolio.json.x.Ab12Cd.tmp");
    write(&leftover, "{\"half");
    write(&not_ours, "another file's save");

    drop(Store::open(&path, true).expect("opens"));
    assert!(leftover.exists(), "a reader removes nothing");
    let (_, _store) = open_rw(&path);
    assert!(!leftover.exists());
    assert!(not_ours.exists());
}

#[test]
fn a_fixed_file_becomes_writable_on_reload() {
    let dir = fasett::testing::temp_dir();
    let path = dir.path().join("portfolio.json");
    write(&path, "{ \"schema_version\": 1, ");
    let opened = Store::open(&path, false).expect("opens");
    assert!(matches!(opened.store.access(), Access::ReadOnly(ReadOnlyReason::LoadFailed(_))));
    let mut store = opened.store;
    assert!(store.reload().is_err());
    assert!(store.is_read_only());
    write(&path, &to_json(&sample(2)));
    let p = store.reload().expect("now valid");
    assert_eq!(store.access(), &Access::ReadWrite);
    store.save(&p).expect("saves");
}

#[test]
fn opening_a_folder_is_an_error() {
    let dir = fasett::testing::temp_dir();
    let err = Store::open(dir.path(), false).expect_err("a folder");
    assert!(err.to_string().contains("folder"), "{err}");
    assert!(Store::open(Path::new(""), false).is_err());
}

// ---------------------------------------------------------------------------------------------
// The one writer, for the files other than the data file
// ---------------------------------------------------------------------------------------------

/// The permissions the umask gives a new file in `dir` (what a shared file should get).
fn umask_mode(dir: &Path) -> u32 {
    let reference = dir.join(".reference");
    fs::File::create(&reference).expect("creates");
    let m = mode(&reference);
    fs::remove_file(&reference).expect("removes");
    m
}

#[test]
fn export_output_is_a_shared_file_and_a_symlinked_output_stays_a_link() {
    let (dir, path) = portfolio_file(2);
    let fasett = |output: &Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_fasett"))
            .env_clear()
            .env("HOME", dir.path())
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("LANG", "C.UTF-8")
            .arg("--file")
            .arg(&path)
            .args(["export", "--format", "csv", "--output"])
            .arg(output)
            .output()
            .expect("runs fasett");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    let out = dir.path().join("out.csv");
    fasett(&out);
    assert_eq!(mode(&out), umask_mode(dir.path()), "made to be passed on, not 0600");
    assert!(fs::read_to_string(&out).expect("written").contains("Initiative 2"));

    let (real, link) = testing::linked_file(dir.path(), "shared/latest.csv", "latest.csv", "old");
    fasett(&link);
    assert!(testing::is_link(&link));
    assert!(fs::read_to_string(&real).expect("written").contains("Initiative 2"));
    assert!(temp_files(dir.path()).is_empty() && temp_files(&dir.path().join("shared")).is_empty());
}

#[test]
fn export_and_report_commands_write_shared_files_and_say_which_step_failed() {
    use fasett::action::Action;
    use fasett::app::{App, Options};
    let (dir, path) = portfolio_file(1);
    let (p, store) = open_rw(&path);
    let mut app = App::new(p, Some(store), &Options::default());
    app.update(Action::RunCommand("export csv".into()));
    app.update(Action::RunCommand("report markdown".into()));
    let written: Vec<String> =
        names(dir.path()).into_iter().filter(|n| n.ends_with(".csv") || n.ends_with(".md")).collect();
    // The initiatives, their benefits and measurements beside them, and the report.
    assert_eq!(written.len(), 4, "{written:?}: {:?}", app.status);
    for name in &written {
        assert_eq!(mode(&dir.path().join(name)), umask_mode(dir.path()), "{name}");
    }

    // A folder where the file should be: the message names the step and the path.
    app.today = jiff::civil::date(2026, 11, 25);
    let blocked = dir.path().join("portfolio-2026-11-25.json");
    fs::create_dir(&blocked).expect("mkdir");
    app.update(Action::RunCommand("export json".into()));
    let status = app.status.as_ref().expect("a status");
    assert!(status.is_error, "{status:?}");
    let step = format!("could not rename the temporary file over {}", blocked.display());
    assert!(status.text.contains(&step), "{}", status.text);
    // The portfolio's own save may still be on the writing thread; what must not be left
    // is a temporary file of the export's.
    app.finish_saves();
    assert!(temp_files(dir.path()).is_empty(), "{:?}", temp_files(dir.path()));
}

// ---------------------------------------------------------------------------------------------
// Path resolution
// ---------------------------------------------------------------------------------------------

#[test]
fn file_flag_beats_environment_beats_data_dir() {
    let data = Some(PathBuf::from("/data/fasett"));
    let env = Some("/env/p.json".into());
    let cli = Path::new("/cli/p.json");
    assert_eq!(store::resolve_path_from(Some(cli), env.clone(), data.clone()).expect("ok"), cli);
    assert_eq!(store::resolve_path_from(None, env, data.clone()).expect("ok"), Path::new("/env/p.json"));
    assert_eq!(
        store::resolve_path_from(None, Some("".into()), data.clone()).expect("ok"),
        Path::new("/data/fasett/portfolio.json"),
        "an empty FASETT_FILE counts as unset"
    );
    assert_eq!(
        store::resolve_path_from(None, None, data).expect("ok"),
        Path::new("/data/fasett/portfolio.json")
    );
    let relative = store::resolve_path_from(Some(Path::new("mine.json")), None, None).expect("ok");
    assert_eq!(relative, std::env::current_dir().expect("cwd").join("mine.json"));

    let none = store::resolve_path_from(None, None, None).expect_err("nowhere");
    assert!(none.to_string().contains("--file"), "{none}");
    assert!(store::resolve_path_from(Some(Path::new("")), None, None).is_err());
}

// ---------------------------------------------------------------------------------------------
// Kill during save
// ---------------------------------------------------------------------------------------------

const KILL_CHILD_ENV: &str = "FASETT_KILL_CHILD_FILE";
// The child's name as the test binary knows it: `<module>::<test>`.
const KILL_CHILD_TEST: &str = "store::kill_child_saves_in_a_loop";
/// Set: the child keeps its portfolio small, so hundreds of rounds stay quick.
const KILL_CHILD_SMALL_ENV: &str = "FASETT_KILL_CHILD_SMALL";

/// The child half of `a_kill_during_save_leaves_a_whole_file`: saves a growing portfolio in a
/// tight loop through the interface's saving thread (three edits queued at a time, so they
/// are coalesced as typing would) and prints the initiative counter after every acknowledged
/// save.
#[test]
#[ignore = "run as a child process by a_kill_during_save_leaves_a_whole_file"]
fn kill_child_saves_in_a_loop() {
    use std::io::Write;
    let Some(path) = std::env::var_os(KILL_CHILD_ENV) else { return };
    let opened = Store::open(Path::new(&path), false).expect("opens");
    assert!(!opened.store.is_read_only(), "{:?}", opened.store.access());
    let mut saver = fasett::store::Saver::new(opened.store);
    let mut p = opened.portfolio;
    let mut out = std::io::stdout().lock();
    for round in 1.. {
        let id = p.allocate_id(Collection::Initiative);
        let initiative = Initiative {
            id,
            title: format!("Initiative {id}"),
            description: "Välfärdsteknik 😀 ".repeat(id as usize % 40),
            ..Default::default()
        };
        let cap = if std::env::var_os(KILL_CHILD_SMALL_ENV).is_some() { 30 } else { 300 };
        let touched = if p.initiatives.len() < cap {
            p.initiatives.push(initiative);
            id
        } else {
            let ix = id as usize % p.initiatives.len();
            p.initiatives[ix].title = initiative.title;
            p.initiatives[ix].description = initiative.description;
            p.initiatives[ix].id
        };
        saver.save(&p, &[touched], &[]);
        if round % 3 == 0 {
            for outcome in saver.finish() {
                outcome.result.expect("saves");
            }
            writeln!(out, "saved {}", p.next_id.initiative - 1).expect("stdout");
            out.flush().expect("stdout");
        }
    }
}

#[test]
fn a_kill_during_save_leaves_a_whole_file() {
    use std::hash::BuildHasher;
    use std::os::unix::process::ExitStatusExt;

    let dir = fasett::testing::temp_dir();
    let path = dir.path().join("portfolio.json");
    let exe = std::env::current_exe().expect("test binary");
    let seed = std::collections::hash_map::RandomState::new();
    let (mut acknowledged_total, mut mid_save) = (0, 0);
    for round in 0..60u64 {
        let mut child = Command::new(&exe)
            .args(["--exact", KILL_CHILD_TEST, "--nocapture", "--include-ignored"])
            .env(KILL_CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns the child");
        // Random-ish, so the kill lands in every phase of a save, including before the first.
        let delay = 5 + seed.hash_one(round) % 80;
        std::thread::sleep(Duration::from_millis(delay));
        if let Some(status) = child.try_wait().expect("child status") {
            let output = child.wait_with_output().expect("output");
            panic!(
                "the child ended by itself ({status}):\n{}\n{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        child.kill().expect("SIGKILL");
        let stdout = child.stdout.take().expect("piped");
        let acknowledged = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .filter_map(|line| line.strip_prefix("saved ").and_then(|n| n.parse::<u32>().ok()))
            .last();
        let status = child.wait().expect("reaped");
        assert_eq!(status.signal(), Some(9), "killed, round {round}");
        mid_save += usize::from(!temp_files(dir.path()).is_empty());

        match load(&path) {
            Ok(Some(p)) => {
                let on_disk = fs::read_to_string(&path).expect("readable");
                assert_eq!(on_disk, to_json(&p), "round {round}: the file is exactly one whole save");
                if let Some(n) = acknowledged {
                    assert!(p.next_id.initiative > n, "round {round}: acknowledged save {n} lost");
                    acknowledged_total += 1;
                }
            }
            Ok(None) => assert_eq!(acknowledged, None, "round {round}: a save was acknowledged"),
            Err(e) => panic!("round {round}: the file is broken after a kill: {e}"),
        }
    }
    assert!(acknowledged_total > 0, "no round got as far as a save; the test proved nothing");
    eprintln!("{acknowledged_total} of 60 rounds saved before the kill; {mid_save} killed mid-save");
    // Whatever temp files the kills left are cleared by the next writer.
    let (p, mut store) = open_rw(&path);
    assert!(temp_files(dir.path()).is_empty(), "{:?}", names(dir.path()));
    assert!(temp_files(&dir.path().join("backups")).is_empty(), "{:?}", names(&dir.path().join("backups")));
    // A kill between a backup and its rotation may leave one too many until the next backup.
    store.save(&p).expect("saves");
    let backups = names(&dir.path().join("backups"));
    assert!(!backups.is_empty() && backups.len() <= 20, "{backups:?}");
}

/// Issue 8: at least 300 kills, each landing while the child saves continuously (after its
/// first acknowledged save, at a random moment of the next ones): the file is always one whole
/// save, never older than the last acknowledged one, and the next writer clears the leftovers.
#[test]
fn three_hundred_kills_during_continuous_saving_lose_nothing_acknowledged() {
    use std::hash::BuildHasher;
    use std::os::unix::process::ExitStatusExt;

    const ROUNDS: u64 = 300;
    let dir = fasett::testing::temp_dir();
    let path = dir.path().join("portfolio.json");
    let exe = std::env::current_exe().expect("test binary");
    let seed = std::collections::hash_map::RandomState::new();
    let mut mid_save = 0;
    for round in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .args(["--exact", KILL_CHILD_TEST, "--nocapture", "--include-ignored"])
            .env(KILL_CHILD_ENV, &path)
            .env(KILL_CHILD_SMALL_ENV, "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawns the child");
        let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
        // Wait until it is saving, then kill it somewhere in the saves that follow.
        let first = lines.find_map(|l| l.ok().filter(|l| l.starts_with("saved ")));
        assert!(first.is_some(), "round {round}: the child never saved");
        std::thread::sleep(Duration::from_micros(seed.hash_one(round) % 6000));
        child.kill().expect("SIGKILL");
        let acknowledged = std::iter::once(first)
            .chain(lines.map(Result::ok))
            .flatten()
            .filter_map(|line| line.strip_prefix("saved ").and_then(|n| n.parse::<u32>().ok()))
            .last()
            .expect("at least the first save");
        let status = child.wait().expect("reaped");
        assert_eq!(status.signal(), Some(9), "killed, round {round}");
        mid_save += usize::from(!temp_files(dir.path()).is_empty());
        let p = load(&path)
            .unwrap_or_else(|e| panic!("round {round}: broken after a kill: {e}"))
            .expect("exists");
        let on_disk = fs::read_to_string(&path).expect("readable");
        assert_eq!(on_disk, to_json(&p), "round {round}: the file is exactly one whole save");
        assert!(p.next_id.initiative > acknowledged, "round {round}: acknowledged save {acknowledged} lost");
    }
    eprintln!("{ROUNDS} kills during continuous saving; {mid_save} left a temporary file behind");
    let (_, _store) = open_rw(&path);
    assert!(temp_files(dir.path()).is_empty(), "{:?}", names(dir.path()));
    assert!(temp_files(&dir.path().join("backups")).is_empty());
}

#[test]
fn large_files_parse_the_same_way() {
    // Over the size where the two parse passes run side by side.
    let mut p = sample(2000);
    p.initiatives[1999].extra.insert("budget".into(), 12.into());
    let json = to_json(&p);
    assert!(json.len() > 300 * 1024, "{}", json.len());
    assert_eq!(parse(json.as_bytes(), Path::new("big.json")).expect("parses"), p);

    let broken = json.replacen("\"facet\": \"unplaced\"", "\"facet\": \"sideways\"", 1);
    let err = parse(broken.as_bytes(), Path::new("big.json")).expect_err("unknown facet");
    assert_eq!(err.json_path(), Some("initiatives[0].facet"));
    let cut = &json[..json.len() / 2];
    let err = parse(cut.as_bytes(), Path::new("big.json")).expect_err("cut off");
    assert!(err.to_string().contains("cut off"), "{err}");
    let current = format!("\"schema_version\": {}", fasett::model::SCHEMA_VERSION);
    let newer = json.replacen(&current, "\"schema_version\": 999", 1);
    assert!(parse(newer.as_bytes(), Path::new("big.json")).expect_err("newer").is_newer_schema());
}
