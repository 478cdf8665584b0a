//! Issue 8 below the terminal: injected file-operation failures, a full disk and a read-only
//! filesystem (injected everywhere, and for real in a private tmpfs where the kernel allows),
//! the recovery file, external changes, hostile files and hostile text. The pseudo-terminal
//! half is `tests/e2e/field.rs`.

#![allow(clippy::case_sensitive_file_extension_comparisons)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use fasett::action::Action;
use fasett::app::{App, Mode};
use fasett::history::Change;
use fasett::model::{ActionItem, Collection, Initiative, Portfolio};
use fasett::store::{self, Access, Fault, FaultyFileOps, Op, SaveError, Store, load, parse, to_json};
use fasett::testing::Harness;
use proptest::prelude::*;

use crate::{portfolio_file, sample};

fn temp_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|e| e.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.retain(|n| n.ends_with(".tmp"));
    names
}

fn open_app(path: &Path) -> Harness {
    let opened = Store::open(path, false).expect("opens");
    assert_eq!(opened.store.access(), &Access::ReadWrite);
    Harness::opened(opened)
}

fn open_app_with(path: &Path, ops: Arc<FaultyFileOps>) -> Harness {
    let mut opened = Store::open(path, false).expect("opens");
    opened.store.set_file_ops(ops);
    Harness::opened(opened)
}

fn rename(app: &mut App, id: u32, title: &str) -> bool {
    let before = app.portfolio.initiative(id).cloned().expect("exists");
    let mut after = before.clone();
    after.title = title.into();
    app.commit(Change::initiative(Some(before), Some(after)))
}

// ---------------------------------------------------------------------------------------------
// Failure injection
// ---------------------------------------------------------------------------------------------

#[test]
fn every_failed_step_leaves_the_old_file_whole_and_the_next_save_succeeds() {
    for op in Op::ALL {
        let (dir, path) = portfolio_file(3);
        let opened = Store::open(&path, false).expect("opens");
        let (mut p, mut store) = (opened.portfolio, opened.store);
        store.save(&p).expect("the first save (and its backup) works");
        let old = fs::read(&path).expect("exists");
        let faults = Arc::new(FaultyFileOps::new());
        store.set_file_ops(faults.clone());

        faults.fail_nth(op, 1);
        p.initiatives[0].title = format!("after a failed {op:?}");
        let err = store.save(&p).expect_err("the injected failure is reported");
        let message = err.to_string();
        assert!(message.starts_with(&path.display().to_string()), "{op:?}: {message}");
        assert!(!message.contains('\n'), "{op:?}: one paragraph: {message}");
        if op == Op::SyncDir {
            // The rename happened: the new file is whole, only its durability is in doubt.
            assert!(matches!(err, SaveError::NotDurable { .. }), "{op:?}: {err:?}");
            assert!(message.contains("could not be flushed"), "{message}");
            assert_eq!(load(&path).expect("whole"), Some(p.clone()));
        } else {
            assert!(matches!(err, SaveError::Io { .. }), "{op:?}: {err:?}");
            assert!(message.contains("not saved") && message.contains("still open in fasett"), "{message}");
            assert_eq!(fs::read(&path).expect("exists"), old, "{op:?}: the old file is untouched");
        }
        assert!(temp_files(dir.path()).is_empty(), "{op:?}: no temporary file left");
        assert!(faults.calls(op) >= 1);

        store.save(&p).expect("the fault has passed: saving works again");
        assert_eq!(load(&path).expect("whole"), Some(p.clone()), "{op:?}");
    }
}

#[test]
fn a_failed_save_is_said_in_the_chosen_language() {
    use fasett::i18n::Lang;
    for (op, first_save) in
        Op::ALL.iter().map(|op| (*op, false)).chain([(Op::Create, true), (Op::Write, true)])
    {
        let (_dir, path) = portfolio_file(2);
        let opened = Store::open(&path, false).expect("opens");
        let (mut p, mut store) = (opened.portfolio, opened.store);
        if !first_save {
            store.save(&p).expect("the first save (and its backup) works");
        }
        let faults = Arc::new(FaultyFileOps::new());
        store.set_file_ops(faults.clone());
        faults.fail_nth(op, 1);
        p.initiatives[0].title = "ändrad".into();
        let err = store.save(&p).expect_err("the injected failure is reported");
        let english = err.to_string();
        for (lang, said) in [(Lang::Sv, "sparat"), (Lang::Da, "gemt"), (Lang::Nb, "lagret")] {
            let message = err.localized(lang);
            assert!(message.contains(said), "{op:?} {}: {message}", lang.code());
            for words in ["not saved", "could not", "still open", "flushed"] {
                assert!(
                    !message.contains(words),
                    "{op:?} {}: “{words}” in {message} ({english})",
                    lang.code()
                );
            }
        }
    }
}

#[test]
fn a_failed_backup_step_saves_nothing_and_says_so() {
    for op in [Op::Create, Op::Write, Op::Sync] {
        let (_dir, path) = portfolio_file(2);
        let old = fs::read(&path).expect("exists");
        let faults = Arc::new(FaultyFileOps::new());
        let mut app = open_app_with(&path, faults.clone());
        // The session's first save copies the file to backups/ first: that copy fails.
        faults.fail_nth(op, 1);
        assert!(rename(&mut app, 1, "edited"));
        assert!(app.unsaved, "{op:?}");
        let (text, is_error) = app.status().unwrap_or_default();
        assert!(is_error && text.contains("backup"), "{op:?}: {text}");
        assert_eq!(fs::read(&path).expect("exists"), old);
        app.update(Action::RunCommand("w".into()));
        assert!(!app.unsaved, "{op:?}: {:?}", app.status());
        assert_eq!(load(&path).expect("whole").expect("exists").initiatives[0].title, "edited");
    }
}

#[test]
fn the_app_keeps_a_failed_edit_in_memory_says_why_and_saves_it_when_it_can() {
    for op in Op::ALL {
        let (_dir, path) = portfolio_file(2);
        let faults = Arc::new(FaultyFileOps::new());
        let mut app = open_app_with(&path, faults.clone());
        assert!(rename(&mut app, 1, "saved first"));
        assert!(!app.unsaved);
        let old = fs::read(&path).expect("exists");

        faults.fail_always(op);
        assert!(rename(&mut app, 2, "kept in memory"), "{op:?}: the edit is made");
        assert!(app.unsaved, "{op:?}");
        assert_eq!(app.portfolio.initiative(2).map(|i| i.title.as_str()), Some("kept in memory"));
        let (text, is_error) = app.status().unwrap_or_default();
        assert!(is_error, "{op:?}");
        let expected = if op == Op::SyncDir { "could not be flushed" } else { "not saved" };
        assert!(text.contains(expected), "{op:?}: {text}");
        if op != Op::SyncDir {
            assert_eq!(fs::read(&path).expect("exists"), old, "{op:?}");
        }
        // Still usable: moving around and undo work while the disk is bad.
        app.update(Action::ShowNextPane);
        app.update(Action::MoveDown);

        faults.heal();
        app.update(Action::RunCommand("w".into()));
        assert!(!app.unsaved, "{op:?}: {:?}", app.status());
        let on_disk = load(&path).expect("whole").expect("exists");
        assert_eq!(on_disk.initiative(2).map(|i| i.title.as_str()), Some("kept in memory"), "{op:?}");
    }
}

/// A session whose next `failures` renames fail, with #1 renamed to `title` after the first
/// failed: the edit is only in memory.
fn edit_after_a_failed_save(title: &str, failures: usize) -> (tempfile::TempDir, PathBuf, Harness) {
    let (dir, path) = portfolio_file(2);
    let faults = Arc::new(FaultyFileOps::new());
    let mut app = open_app_with(&path, faults.clone());
    for nth in 1..=failures {
        faults.fail_nth(Op::Rename, nth);
    }
    assert!(rename(&mut app, 1, title));
    assert!(app.unsaved, "the save failed: the edit is only in memory");
    (dir, path, app)
}

#[test]
fn a_signal_retries_a_failed_save_before_exiting() {
    let (_dir, path, mut app) = edit_after_a_failed_save("pending at the signal", 1);
    assert_eq!(app.before_exit(), None, "no text being typed");
    assert!(!app.unsaved);
    assert_eq!(load(&path).expect("whole").expect("exists").initiatives[0].title, "pending at the signal");
}

#[test]
fn q_after_a_failed_save_writes_the_edits_or_stays_open_saying_why() {
    let (_dir, path, mut app) = edit_after_a_failed_save("kept through the failed save", 1);
    app.press('q');
    assert!(app.should_quit, "the second try wrote it: {}", app.message());
    let title = load(&path).expect("whole").expect("exists").initiatives[0].title.clone();
    assert_eq!(title, "kept through the failed save");

    let (_dir, _path, mut app) = edit_after_a_failed_save("not written yet", 2);
    app.press('q');
    assert!(!app.should_quit, "never quit with the edit only in memory");
    assert!(app.message().starts_with("Not quit: the edits could not be saved."), "{}", app.message());
    app.update(fasett::action::Action::RunCommand("q!".into()));
    assert!(app.should_quit, ":q! still quits");
}

// ---------------------------------------------------------------------------------------------
// A full disk and a read-only filesystem
// ---------------------------------------------------------------------------------------------

/// The words the operating system uses for `fault`, as the user reads them in the status line.
fn words(fault: Fault) -> &'static str {
    match fault {
        Fault::DiskFull => "No space left on device",
        Fault::ReadOnlyFs => "Read-only file system",
        Fault::Typical => unreachable!("only the two named faults are tried here"),
    }
}

/// Runs everywhere (no mount needed): a full disk (ENOSPC) and a read-only filesystem (EROFS)
/// at each step of a save, the session's first save (with its backup) and a later one.
#[test]
fn a_full_disk_and_a_read_only_filesystem_at_every_step_of_a_save_lose_nothing() {
    for fault in [Fault::DiskFull, Fault::ReadOnlyFs] {
        // The session's first save copies the file to backups/ first, with the same steps.
        for op in [Op::Create, Op::Write, Op::Sync] {
            let (dir, path) = portfolio_file(3);
            let old = fs::read(&path).expect("exists");
            let faults = Arc::new(FaultyFileOps::new());
            let mut app = open_app_with(&path, faults.clone());
            faults.fail_always_with(op, fault);
            assert!(rename(&mut app, 1, "first edit"), "{fault:?} {op:?}");
            let (text, is_error) = app.status().unwrap_or_default();
            assert!(is_error && app.unsaved, "{fault:?} {op:?}: {text}");
            assert!(text.contains(words(fault)) && text.contains("backup"), "{fault:?} {op:?}: {text}");
            assert_eq!(fs::read(&path).expect("exists"), old, "{fault:?} {op:?}: byte-identical");
            assert!(temp_files(dir.path()).is_empty(), "{fault:?} {op:?}");
            assert!(temp_files(&dir.path().join("backups")).is_empty(), "{fault:?} {op:?}");
            faults.heal();
            app.update(Action::RunCommand("w".into()));
            assert!(!app.unsaved, "{fault:?} {op:?}: {:?}", app.status());
            assert_eq!(load(&path).expect("whole"), Some(app.portfolio.clone()), "{fault:?} {op:?}");
        }

        for op in Op::ALL {
            let (dir, path) = portfolio_file(3);
            let faults = Arc::new(FaultyFileOps::new());
            let mut app = open_app_with(&path, faults.clone());
            assert!(rename(&mut app, 1, "saved before the fault"));
            assert!(!app.unsaved, "{:?}", app.status());
            let old = fs::read(&path).expect("exists");

            faults.fail_always_with(op, fault);
            assert!(rename(&mut app, 2, "made while the disk refuses"), "{fault:?} {op:?}");
            assert!(app.unsaved, "{fault:?} {op:?}");
            let (text, is_error) = app.status().unwrap_or_default();
            assert!(is_error && text.contains(words(fault)), "{fault:?} {op:?}: {text}");
            assert!(text.contains(&path.display().to_string()), "{fault:?} {op:?}: names the file: {text}");
            if op == Op::SyncDir {
                // The rename happened: the new file is whole, only its durability is in doubt.
                assert!(text.contains("could not be flushed"), "{text}");
                assert_eq!(load(&path).expect("whole"), Some(app.portfolio.clone()));
            } else {
                assert!(text.contains("not saved") && text.contains("still open in fasett"), "{text}");
                assert_eq!(fs::read(&path).expect("exists"), old, "{fault:?} {op:?}: byte-identical");
            }
            assert!(temp_files(dir.path()).is_empty(), "{fault:?} {op:?}: {:?}", temp_files(dir.path()));

            // Still usable, and every edit stays in memory while the fault lasts.
            app.update(Action::ShowNextPane);
            app.update(Action::MoveDown);
            assert!(rename(&mut app, 3, "a second one"));
            assert!(app.unsaved);
            assert_eq!(
                app.portfolio.initiative(2).map(|i| i.title.as_str()),
                Some("made while the disk refuses")
            );

            // The fault clears: the next save writes everything.
            faults.heal();
            app.update(Action::RunCommand("w".into()));
            assert!(!app.unsaved, "{fault:?} {op:?}: {:?}", app.status());
            let on_disk = load(&path).expect("whole").expect("exists");
            assert_eq!(on_disk, app.portfolio, "{fault:?} {op:?}");
            assert_eq!(on_disk.initiative(3).map(|i| i.title.as_str()), Some("a second one"));
        }
    }
}

// The same with a real kernel: a private 256 kB tmpfs filled to the last byte, and a read-only
// bind mount. It needs `unshare -rm` and a tmpfs mount; where those are refused it is skipped,
// except under CI (`CI` set), where it must run.

const TMPFS_ENV: &str = "FASETT_FIELD_TMPFS";
// The child's name as the test binary knows it: `<module>::<test>`.
const TMPFS_CHILD: &str = "field::tmpfs_child";

/// Whether this kernel lets an unprivileged user make a private tmpfs; says why not.
fn tmpfs_refused() -> Option<String> {
    let probe = fasett::testing::temp_dir();
    let script = r#"mount -t tmpfs -o size=16k tmpfs "$1""#;
    match Command::new("unshare").args(["-rm", "sh", "-c", script, "sh"]).arg(probe.path()).output() {
        Ok(out) if out.status.success() => None,
        Ok(out) => Some(format!(
            "`unshare -rm` with a tmpfs mount failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(e) => Some(format!("cannot run unshare: {e}")),
    }
}

#[test]
fn a_full_disk_and_a_read_only_mount_fail_clearly_and_lose_nothing() {
    if let Some(why) = tmpfs_refused() {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        assert!(!ci, "CI is set, so the real tmpfs test must run, but it cannot: {why}");
        eprintln!("SKIPPED a_full_disk_and_a_read_only_mount_fail_clearly_and_lose_nothing: {why}");
        return;
    }
    let dir = fasett::testing::temp_dir();
    let exe = std::env::current_exe().expect("the test binary");
    // A 256 kB tmpfs over `dir`, seen only by the child.
    let script = r#"mount -t tmpfs -o size=256k,mode=0700 tmpfs "$1" && exec "$2" --exact "$3" --include-ignored --nocapture --test-threads 1"#;
    let out = Command::new("unshare")
        .args(["-rm", "sh", "-c", script, "sh"])
        .arg(dir.path())
        .arg(&exe)
        .arg(TMPFS_CHILD)
        .env(TMPFS_ENV, dir.path())
        .output()
        .expect("runs unshare");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the child failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("tmpfs child: all checks passed"), "the child did not run:\n{stdout}\n{stderr}");
}

fn sh(command: &str) {
    let status = Command::new("sh").args(["-c", command]).status().expect("runs sh");
    assert!(status.success(), "{command}");
}

/// The child half: runs inside `unshare -rm` with a tiny tmpfs at `$FASETT_FIELD_TMPFS`.
#[test]
#[ignore = "run inside unshare by a_full_disk_and_a_read_only_mount_fail_clearly_and_lose_nothing"]
fn tmpfs_child() {
    let Some(dir) = std::env::var_os(TMPFS_ENV).map(PathBuf::from) else { return };
    let path = dir.join("portfolio.json");
    fs::write(&path, to_json(&sample(5))).expect("writes");
    let mut app = open_app(&path);
    assert!(rename(&mut app, 1, "fits"), "a first edit (and its backup) fits");
    assert!(!app.unsaved, "{:?}", app.status());
    let before = fs::read(&path).expect("exists");

    // Fill the disk to the last byte.
    let filler = dir.join("filler");
    let _ =
        Command::new("dd").args(["if=/dev/zero", "bs=4k"]).arg(format!("of={}", filler.display())).output();
    let big = "Lång beskrivning. ".repeat(2000);
    let b = app.portfolio.initiative(2).cloned().expect("exists");
    let mut after = b.clone();
    after.description = big.clone();
    assert!(app.commit(Change::initiative(Some(b), Some(after))));
    assert!(app.unsaved);
    let (text, is_error) = app.status().unwrap_or_default();
    assert!(is_error && text.contains("No space left on device") && text.contains("not saved"), "{text}");
    assert_eq!(fs::read(&path).expect("exists"), before, "the old file is whole");
    assert!(temp_files(&dir).is_empty(), "{:?}", temp_files(&dir));
    // Still usable, and the edit is still there.
    app.update(Action::ShowNextPane);
    assert_eq!(app.portfolio.initiative(2).map(|i| i.description.len()), Some(big.len()));

    // Room again: the next save writes everything.
    fs::remove_file(&filler).expect("frees the disk");
    app.update(Action::RunCommand("w".into()));
    assert!(!app.unsaved, "{:?}", app.status());
    assert_eq!(
        load(&path).expect("whole").expect("exists").initiative(2).map(|i| i.description.len()),
        Some(big.len())
    );

    // A read-only mount (a bind of the same folder, read-only, like a write-protected stick;
    // a mount with files open for writing cannot be made read-only under a running app).
    drop(app);
    let ro = dir.join("ro");
    fs::create_dir(&ro).expect("creates");
    sh(&format!(
        "mount --bind '{}' '{}' && mount -o remount,bind,ro '{}'",
        dir.display(),
        ro.display(),
        ro.display()
    ));
    let path = ro.join("portfolio.json");
    let before = fs::read(&path).expect("exists");
    let mut app = open_app(&path);
    assert!(rename(&mut app, 3, "on a read-only disk"));
    assert!(app.unsaved);
    let (text, _) = app.status().unwrap_or_default();
    assert!(text.contains("Read-only file system") && text.contains("not saved"), "{text}");
    assert_eq!(fs::read(&path).expect("exists"), before);
    app.update(Action::MoveDown);
    assert_eq!(app.portfolio.initiative(3).map(|i| i.title.as_str()), Some("on a read-only disk"));
    sh(&format!("mount -o remount,bind,rw '{}'", ro.display()));
    app.update(Action::RunCommand("w".into()));
    assert!(!app.unsaved, "{:?}", app.status());
    assert_eq!(
        load(&path).expect("whole").expect("exists").initiative(3).map(|i| i.title.clone()),
        Some("on a read-only disk".into())
    );
    println!("tmpfs child: all checks passed");
}

// ---------------------------------------------------------------------------------------------
// Text being typed: the recovery file
// ---------------------------------------------------------------------------------------------

#[test]
fn typed_text_reaches_the_recovery_file_after_an_idle_pause_and_comes_back() {
    let (dir, path) = portfolio_file(2);
    let recovery = dir.path().join("portfolio.json.recovery");
    let mut app = open_app(&path);
    app.update(Action::ShowPane(fasett::action::Pane::Initiatives));
    app.update(Action::EditSelected);
    app.press("<End>").type_text(" – med ändringar");
    let start = Instant::now();
    app.track_draft(start);
    app.idle_tick(start + Duration::from_millis(500));
    assert!(!recovery.exists(), "not while typing");
    app.idle_tick(start + Duration::from_secs(3));
    assert!(recovery.exists(), "written after a pause");
    assert_eq!(fs::metadata(&recovery).expect("exists").permissions().mode() & 0o777, 0o600);
    let data_before = fs::read(&path).expect("exists");
    drop(app); // as if killed: nothing else runs

    let mut app = open_app(&path);
    app.offer_recovery();
    assert!(matches!(app.mode, Mode::Recovery(_)));
    assert!(app.screen().contains("changes to initiative #1"), "{}", app.screen());
    app.update(Action::ConfirmYes);
    let Mode::Form(form) = &app.mode else { panic!("the form is back: {:?}", app.mode) };
    assert_eq!(form.state.original.as_ref().map(|i| i.id), Some(1));
    assert_eq!(
        form.state.line(fasett::app::Field::Title).map(tui_input::Input::value),
        Some("Initiative 1 – med ändringar")
    );
    assert_eq!(fs::read(&path).expect("exists"), data_before, "restoring writes nothing to the data file");
    app.update(Action::SaveForm);
    app.track_draft(Instant::now());
    assert_eq!(
        load(&path).expect("whole").expect("exists").initiatives[0].title,
        "Initiative 1 – med ändringar"
    );
    assert!(!recovery.exists(), "removed once saved");
}

#[test]
fn text_typed_without_a_pause_still_reaches_the_recovery_file_within_two_seconds() {
    let dir = fasett::testing::temp_dir();
    let path = dir.path().join("portfolio.json");
    fs::write(&path, to_json(&sample(2))).expect("writes");
    let recovery = dir.path().join("portfolio.json.recovery");
    let mut app = open_app(&path);
    app.update(Action::Profile(fasett::action::ProfileAction::Open));
    app.press("<Enter>");
    let start = Instant::now();
    // A key every 300 ms, never a pause of a second: the text still goes to disk in time.
    let mut now = start;
    while !recovery.exists() {
        assert!(now - start <= Duration::from_secs(2), "not written within two seconds of typing");
        app.type_text("x");
        app.track_draft(now);
        app.idle_tick(now);
        now += Duration::from_millis(300);
    }
    let kept = fs::read_to_string(&recovery).expect("written while typing went on");
    assert!(kept.contains("\"row\": \"name\"") && kept.contains("xxx"), "a profile draft: {kept}");
}

#[test]
fn a_run_s_details_being_changed_come_back_as_that_run_s_edit() {
    use fasett::action::{CultureAction, Pane};
    use fasett::recovery::Draft;
    let dir = fasett::testing::temp_dir();
    let path = dir.path().join("portfolio.json");
    fs::write(&path, to_json(&fasett::testing::sample())).expect("writes");
    let mut app = open_app(&path);
    app.update(Action::ShowPane(Pane::Culture));
    let run = app.selected_run().expect("the sample has runs");
    app.update(Action::Culture(CultureAction::EditRun));
    app.press("<Tab>").press("<Tab>").type_text(", Kim Ek");
    assert!(app.write_draft().is_some(), "a draft to keep");
    drop(app);

    let mut app = open_app(&path);
    app.offer_recovery();
    assert!(app.screen().contains(&format!("changes to checklist run #{run}")), "{}", app.screen());
    app.update(Action::ConfirmYes);
    // Restored: the same dialog as typed, on the same run.
    let Some(Draft::NewRun { editing, participants, .. }) = app.current_draft() else {
        panic!("the run dialog is back: {:?}", app.mode)
    };
    assert_eq!(editing, Some(run));
    assert!(participants.ends_with(", Kim Ek"), "{participants}");
}

#[test]
fn a_draft_from_an_old_demo_is_not_offered_against_a_fresh_demo() {
    let dir = fasett::testing::temp_dir();
    let path = dir.path().join("demo.json");
    let recovery = dir.path().join("demo.json.recovery");
    let lang = fasett::i18n::Lang::En;
    fasett::demo::prepare(&path, false, lang).expect("a demo");
    let typed = |path: &Path| {
        let mut app = open_app(path);
        app.update(Action::ShowPane(fasett::action::Pane::Initiatives));
        app.update(Action::NewInitiative);
        app.type_text("Från förra demon");
        let start = Instant::now();
        app.track_draft(start);
        app.idle_tick(start + Duration::from_secs(3));
        assert!(recovery.exists(), "written after a pause");
    };
    typed(&path);
    // The same demo, opened again: its draft is offered.
    let mut app = open_app(&path);
    app.offer_recovery();
    assert!(matches!(app.mode, Mode::Recovery(_)), "{:?}", app.mode);
    drop(app);

    // A fresh demo is another file of the same name: the draft is put aside, not offered.
    std::thread::sleep(Duration::from_millis(20));
    fasett::demo::prepare(&path, false, lang).expect("a fresh demo");
    let mut app = open_app(&path);
    app.offer_recovery();
    assert!(!matches!(app.mode, Mode::Recovery(_)), "{:?}", app.mode);
    assert!(!recovery.exists());
    let aside = fs::read_to_string(dir.path().join("demo.json.recovery.old")).expect("moved aside");
    assert!(aside.contains("Från förra demon"), "{aside}");
    let said = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(said.contains("is not offered here"), "{said}");
}

#[test]
fn text_restored_from_a_recovery_file_keeps_line_breaks_and_drops_other_controls() {
    use fasett::recovery::{self, Draft, Recovery};
    let (_dir, path) = portfolio_file(1);
    // A recovery file edited by hand (or by someone else): escape sequences in the fields.
    let fields = vec![
        ("field.title".to_owned(), "Ny\u{1b}[2J titel\u{7}".to_owned()),
        ("field.description".to_owned(), "rad ett\u{1b}]0;x\u{7}\nrad två\r".to_owned()),
    ];
    let draft = Draft::Initiative { editing: None, focus: 0, draft: Box::default(), fields };
    recovery::write(&recovery::path_for(&path), &Recovery::new(draft)).expect("writes");

    let mut app = open_app(&path);
    app.offer_recovery();
    app.update(Action::ConfirmYes);
    let Mode::Form(form) = &app.mode else { panic!("the form is back: {:?}", app.mode) };
    let title = form.state.line(fasett::app::Field::Title).map(tui_input::Input::value);
    assert_eq!(title, Some("Ny[2J titel"));
    let description = form.text(fasett::app::Field::Description).map(|t| t.lines().to_vec());
    assert_eq!(description, Some(vec!["rad ett]0;x".to_owned(), "rad två".to_owned()]));
}

#[test]
fn a_read_only_instance_leaves_the_recovery_file_to_the_writer() {
    let (_dir, path) = portfolio_file(1);
    let recovery = fasett::recovery::path_for(&path);
    let draft =
        fasett::recovery::Draft::LogEntry { id: 1, kind: fasett::model::LogKind::Note, text: "halv".into() };
    fasett::recovery::write(&recovery, &fasett::recovery::Recovery::new(draft)).expect("writes");
    let writer = Store::open(&path, false).expect("opens");
    let second = Store::open(&path, false).expect("opens");
    assert!(second.store.is_read_only(), "the lock is held");
    let mut app = Harness::opened(second);
    app.offer_recovery();
    assert!(matches!(app.mode, Mode::Normal));
    assert!(recovery.exists());
    // Esc in the writer keeps it for later.
    drop(writer);
    let mut app = open_app(&path);
    app.offer_recovery();
    app.update(Action::Cancel);
    assert!(matches!(app.mode, Mode::Normal) && recovery.exists());
}

// ---------------------------------------------------------------------------------------------
// Two writers: a file changed by another program
// ---------------------------------------------------------------------------------------------

#[test]
fn an_external_change_is_never_overwritten_and_the_dialog_says_what_changed() {
    let (dir, path) = portfolio_file(3);
    let mut app = open_app(&path);
    app.idle_tick(Instant::now());
    assert!(matches!(app.mode, Mode::Normal), "nothing changed yet");

    // Another program: #2 edited, #3 removed, #9 added.
    let mut theirs = sample(3);
    theirs.initiatives[1].title = "theirs".into();
    theirs.initiatives.pop();
    theirs.initiatives.push(Initiative { id: 9, title: "new on disk".into(), ..Default::default() });
    let theirs_text = to_json(&theirs);
    fs::write(&path, &theirs_text).expect("writes");

    // Our edit is refused and kept in memory; the banner names what the other program
    // changed (not our #1), and the dialog, asked for, explains.
    assert!(rename(&mut app, 1, "ours"));
    assert!(app.unsaved);
    assert_eq!(fs::read_to_string(&path).expect("exists"), theirs_text, "never overwritten");
    assert!(matches!(app.mode, Mode::Normal), "no dialog unasked: {:?}", app.mode);
    let banner = app.banner().map(|(_, text)| text).unwrap_or_default();
    assert!(banner.starts_with("Changed on disk: #2 #3 #9."), "{banner}");
    app.press('R');
    let Mode::External(change) = &app.mode else { panic!("the dialog: {:?}", app.mode) };
    assert_eq!((change.added.as_slice(), change.removed.as_slice()), (&[9][..], &[3][..]));
    assert_eq!(change.changed, [2], "what the other program changed, not our #1");
    assert_eq!(change.here, [1], "our unsaved #1, said apart");
    assert!(change.unsaved);
    let screen = app.screen();
    for expected in [
        "changed by another program",
        "#9",
        "#3",
        "was changed: #2",
        "Changed here and not saved: #1",
        "discards this session",
        "L loads",
    ] {
        assert!(screen.contains(expected), "{expected:?} in\n{screen}");
    }

    // Save-as keeps our version elsewhere; the other file is still theirs.
    app.settle().update(Action::StartSaveAs);
    assert!(matches!(app.mode, Mode::Command(_)));
    app.update(Action::Cancel);
    let ours = dir.path().join("ours.json");
    app.update(Action::RunCommand(format!("w {}", ours.display())));
    assert!(!app.unsaved);
    assert!(!app.external_pending(), "the file in use is ours again: no banner");
    assert_eq!(load(&ours).expect("whole").expect("exists").initiatives[0].title, "ours");
    assert_eq!(fs::read_to_string(&path).expect("exists"), theirs_text);
}

#[test]
fn idle_ticks_notice_an_external_change_and_reload_takes_theirs() {
    let (_dir, path) = portfolio_file(2);
    let mut app = open_app(&path);
    let t0 = Instant::now();
    app.idle_tick(t0);
    fs::write(&path, to_json(&sample(4))).expect("writes");
    app.idle_tick(t0 + Duration::from_secs(3));
    assert!(app.external_pending() && matches!(app.mode, Mode::Normal), "noticed on an idle tick");
    assert!(app.screen().contains("Changed on disk: #3 #4."), "{}", app.screen());
    app.press('R');
    let Mode::External(change) = &app.mode else { panic!("the choices: {:?}", app.mode) };
    assert_eq!(change.added, [3, 4]);
    assert!(!change.unsaved);
    assert!(app.screen().contains("reloading loses nothing"), "{}", app.screen());
    app.settle().update(Action::ReloadFromDisk);
    // The file has no identity yet; the session keeps the one its next save writes.
    let theirs = fasett::model::Portfolio { id: app.portfolio.id.clone(), ..sample(4) };
    assert_eq!(app.portfolio, theirs);
    assert!(rename(&mut app, 4, "after reload"));
    assert!(!app.unsaved, "{:?}", app.status());

    // Changed again: idle ticks only say so in the banner, a save is still refused, and
    // :reload works.
    fs::write(&path, to_json(&sample(1))).expect("writes");
    app.idle_tick(t0 + Duration::from_secs(6));
    app.idle_tick(t0 + Duration::from_secs(9));
    assert!(matches!(app.mode, Mode::Normal) && app.external_pending());
    assert!(rename(&mut app, 1, "refused"));
    assert!(app.unsaved);
    app.update(Action::RunCommand("reload".into()));
    assert_eq!(app.portfolio, fasett::model::Portfolio { id: app.portfolio.id.clone(), ..sample(1) });
}

// ---------------------------------------------------------------------------------------------
// Hostile files
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse(&bytes, Path::new("fuzz.json"));
    }

    #[test]
    fn mutated_sample_files_load_or_fail_cleanly(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0..4u8, any::<u8>()), 1..8)
    ) {
        let mut bytes = fasett::demo::SAMPLE.as_bytes().to_vec();
        for (at, kind, byte) in edits {
            let ix = at.index(bytes.len());
            match kind {
                0 => bytes[ix] = byte,
                1 => bytes.insert(ix, byte),
                2 => { bytes.remove(ix); }
                _ => { bytes.truncate(ix); }
            }
            if bytes.is_empty() { break; }
        }
        match parse(&bytes, Path::new("mutated.json")) {
            Ok(p) => {
                // What loads renders and saves.
                let _ = Harness::new(p.clone()).screen();
                prop_assert_eq!(parse(to_json(&p).as_bytes(), Path::new("again.json")).ok(), Some(p));
            }
            Err(e) => prop_assert!(e.to_string().contains("mutated.json")),
        }
    }
}

fn problem(text: &str) -> String {
    parse(text.as_bytes(), Path::new("hostile.json")).expect_err("refused").to_string()
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = format!("{{\"schema_version\": 1, \"x\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let message = problem(&deep);
    assert!(message.contains("recursion limit"), "{message}");
    let unclosed = "[".repeat(100_000);
    assert!(problem(&unclosed).contains("hostile.json"));
}

#[test]
fn huge_numbers_are_refused_with_the_path() {
    let m = problem(r#"{"schema_version": 1e400}"#);
    assert!(m.contains("number out of range") && m.contains("line 1, column 24"), "{m}");
    let m =
        problem(r#"{"schema_version": 1, "initiatives": [{"id": 99999999999999999999999, "title": "x"}]}"#);
    assert!(m.contains("initiatives[0].id"), "{m}");
    let m = problem(r#"{"schema_version": 1, "initiatives": [{"id": 4294967296, "title": "x"}]}"#);
    assert!(m.contains("initiatives[0].id"), "{m}");
}

#[test]
fn the_largest_id_loads_and_a_new_initiative_still_gets_an_id() {
    let text = format!(r#"{{"schema_version": 1, "initiatives": [{{"id": {}, "title": "max"}}]}}"#, u32::MAX);
    let mut p = parse(text.as_bytes(), Path::new("max.json")).expect("loads");
    let id = p.allocate_id(Collection::Initiative);
    assert_eq!(id, u32::MAX, "saturates; the duplicate check refuses the save's file on reload");
}

#[test]
fn huge_strings_load_render_and_round_trip() {
    let mut p = sample(1);
    p.initiatives[0].title = "Å".repeat(2_000_000);
    p.initiatives[0].description = "x\n".repeat(500_000);
    let text = to_json(&p);
    let loaded = parse(text.as_bytes(), Path::new("big.json")).expect("loads");
    assert_eq!(loaded, p);
    let mut app = Harness::new(loaded);
    let _ = app.screen();
    app.update(Action::ShowPane(fasett::action::Pane::Initiatives));
    app.update(Action::OpenSelected);
    let _ = app.screen();
}

#[test]
fn a_file_over_the_cap_is_not_read() {
    let dir = fasett::testing::temp_dir();
    let path = dir.path().join("huge.json");
    let file = fs::File::create(&path).expect("creates");
    file.set_len(store::MAX_FILE_BYTES + 1).expect("sparse");
    let err = load(&path).expect_err("too large");
    assert!(err.to_string().contains("more than the"), "{err}");
}

#[test]
fn duplicate_keys_and_duplicate_ids_are_refused() {
    let m = problem(r#"{"schema_version": 1, "schema_version": 1}"#);
    assert!(m.contains("duplicate field `schema_version`"), "{m}");
    let m = problem(r#"{"schema_version": 1, "initiatives": [{"id": 1, "title": "a", "title": "b"}]}"#);
    assert!(m.contains("duplicate field `title`") && m.contains("initiatives[0]"), "{m}");
    let m = problem(
        r#"{"schema_version": 1, "initiatives": [{"id": 3, "title": "a"}, {"id": 3, "title": "b"}]}"#,
    );
    assert!(m.contains("the id 3 is used twice"), "{m}");
}

#[test]
fn dangling_references_load_render_and_survive_a_save() {
    let mut p = fasett::testing::sample();
    // An action linked to an initiative that was deleted, an initiative linked to a goal that
    // is gone, and an assessment of a template nobody has.
    p.actions.push(ActionItem {
        id: 900,
        what: "Följ upp".into(),
        initiative: Some(12_345),
        ..Default::default()
    });
    p.initiatives[0].goals.push(777);
    if let Some(a) = p.assessments.first_mut() {
        a.template = "no-such-template".into();
    }
    let text = to_json(&p);
    let loaded = parse(text.as_bytes(), Path::new("dangling.json")).expect("dangling references load");
    assert_eq!(loaded, p);
    let id = loaded.initiatives[0].id;
    let mut app = Harness::new(loaded);
    for pane in fasett::action::Pane::ALL {
        app.update(Action::ShowPane(pane));
        let _ = app.screen();
    }
    app.update(Action::ShowPane(fasett::action::Pane::Initiatives));
    app.update(Action::MoveToFirst);
    app.mode = Mode::Detail { id, scroll: 0, back: None };
    let screen = app.screen();
    assert!(screen.contains("777 (no longer"), "a missing goal is shown as missing:\n{screen}");
    app.mode = Mode::Normal;
    app.update(Action::EditSelected);
    let _ = app.screen();
}

// ---------------------------------------------------------------------------------------------
// Hostile text
// ---------------------------------------------------------------------------------------------

const NASTY: &str = "a\u{1b}[2J\u{1b}]0;pwned\u{7}b\u{202E}c\u{9b}d\r\ne\u{0}";

fn harmless(screen: &str) -> bool {
    !screen.chars().any(|c| {
        (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

#[test]
fn control_characters_and_bidi_overrides_in_user_text_are_shown_harmlessly() {
    let mut p = Portfolio::default();
    p.organisation.name = NASTY.into();
    p.organisation.vision = NASTY.into();
    p.initiatives.push(Initiative {
        id: 1,
        title: NASTY.into(),
        description: NASTY.into(),
        owner: NASTY.into(),
        unit: NASTY.into(),
        tags: vec![NASTY.into()],
        ..Default::default()
    });
    let mut app = Harness::new(p);
    let mut screens = Vec::new();
    for pane in fasett::action::Pane::ALL {
        app.update(Action::ShowPane(pane));
        screens.push(app.screen());
    }
    app.update(Action::ShowPane(fasett::action::Pane::Initiatives));
    app.update(Action::OpenSelected);
    screens.push(app.screen());
    app.mode = Mode::Normal;
    app.update(Action::EditSelected);
    screens.push(app.screen());
    app.mode = Mode::Normal;
    app.update(Action::DeleteSelected);
    screens.push(app.screen());
    app.mode = Mode::Normal;
    app.update(Action::Profile(fasett::action::ProfileAction::Open));
    screens.push(app.screen());
    app.mode = Mode::Normal;
    app.set_error(NASTY.into());
    screens.push(app.screen());
    for screen in screens {
        assert!(harmless(&screen), "{screen:?}");
        assert!(screen.contains('␛'), "the escape is visible, not obeyed");
    }
}

#[test]
fn a_hostile_file_name_is_escaped_in_messages_on_the_terminal() {
    let dir = fasett::testing::temp_dir();
    let path = dir.path().join("evil\u{1b}[2J\u{202E}.json");
    for args in [vec!["check"], vec!["check", "--read-only"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_fasett"))
            .args(&args)
            .arg("--file")
            .arg(&path)
            .env_remove("FASETT_FILE")
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(stderr.contains("evil␛[2J"), "{stderr:?}");
        assert!(harmless(&stderr), "{stderr:?}");
    }
    fs::write(&path, to_json(&sample(1))).expect("writes");
    let out = Command::new(env!("CARGO_BIN_EXE_fasett"))
        .arg("check")
        .arg("--file")
        .arg(&path)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && harmless(&stdout), "{stdout:?}");
}
