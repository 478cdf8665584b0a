//! The data file and the data fasett ships and exchanges, below the interface: the store
//! (loading, saving, locking, backups), field-proofing against failing disks and hostile
//! files, CSV/JSON/Markdown exchange, the non-interactive command line, and the bundled
//! templates and sample. One test binary for all of them, because each binary links the
//! whole dependency tree again.

#[path = "../common/git.rs"]
mod git;
#[path = "../common/pty.rs"]
mod pty;
#[path = "../common/strategies.rs"]
mod strategies;

use std::path::{Path, PathBuf};
use std::process::Output;

use fasett::model::{ActionItem, Collection, Id, Initiative, Portfolio};
use pty::Sandbox;

mod benefits;
mod bundled_data;
mod cli;
mod exchange;
mod field;
mod git_driver;
mod ideas;
mod merge;
mod migration;
mod region;
mod report_html;
mod sheet_edits;
mod sheets;
mod store;
mod survey;

/// A portfolio of `n` initiatives named by their numbers, for tests of the file itself.
pub fn sample(n: u32) -> Portfolio {
    let mut p = Portfolio::default();
    p.organisation.name = "Tomelilla kommun".into();
    for _ in 0..n {
        let id = p.allocate_id(Collection::Initiative);
        p.initiatives.push(Initiative { id, title: format!("Initiative {id}"), ..Default::default() });
    }
    p
}

/// The day the command-line tests run on (`FASETT_TODAY`), so dated output is stable.
pub const TODAY: &str = "2026-11-25";

/// A sandbox whose binary thinks it is [`TODAY`].
pub fn sandbox() -> Sandbox {
    let mut sandbox = Sandbox::new();
    sandbox.env("FASETT_TODAY", TODAY);
    sandbox
}

/// `tests/fixtures/<kind>/<name>`.
pub fn fixture(kind: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(kind).join(name)
}

/// A [`sandbox`] and the data file in it the command-line tests name with `--file`
/// (`portfolio.json`, not there yet).
pub fn sandbox_with_file() -> (Sandbox, PathBuf) {
    let sandbox = sandbox();
    let file = sandbox.root().join("portfolio.json");
    (sandbox, file)
}

/// `fasett --file FILE import SHEET EXTRA…` in `sandbox`, to the end.
pub fn import(sandbox: &Sandbox, file: &Path, sheet: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["--file", utf8(file), "import", utf8(sheet)];
    args.extend_from_slice(extra);
    run(sandbox, &args)
}

/// [`import`], checked to succeed.
pub fn import_ok(sandbox: &Sandbox, file: &Path, sheet: &Path, extra: &[&str]) -> Output {
    let output = import(sandbox, file, sheet, extra);
    assert_eq!(output.status.code(), Some(0), "fasett import {}: {}", sheet.display(), stderr(&output));
    output
}

/// `path` as a command-line argument.
pub fn utf8(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// The portfolio in the data file at `path`, which must be there and valid.
pub fn load(path: &Path) -> Portfolio {
    fasett::store::load(path).expect("valid").expect("exists")
}

/// Adds an initiative titled `title`, last changed at `updated` (RFC 3339), under the next number.
pub fn add(p: &mut Portfolio, title: &str, updated: &str) -> Id {
    let id = p.allocate_id(Collection::Initiative);
    p.initiatives.push(Initiative {
        id,
        title: title.into(),
        updated: Some(updated.parse().expect("a time")),
        ..Initiative::default()
    });
    id
}

/// Adds an action item `what` for initiative `initiative`, under the next number.
pub fn add_action(p: &mut Portfolio, what: &str, initiative: Id) -> Id {
    let id = p.allocate_id(Collection::Action);
    p.actions.push(ActionItem {
        id,
        what: what.into(),
        initiative: Some(initiative),
        ..ActionItem::default()
    });
    id
}

/// A temporary directory holding `portfolio.json` with [`sample`]`(n)` in it; the directory
/// (keep it: dropping it removes the file) and the file's path.
pub fn portfolio_file(n: u32) -> (tempfile::TempDir, std::path::PathBuf) {
    fasett::testing::temp_file("portfolio.json", fasett::store::to_json(&sample(n)))
}

/// Runs the real `fasett` with `args` in `sandbox` to the end.
pub fn run(sandbox: &Sandbox, args: &[&str]) -> Output {
    sandbox.command(args).output().expect("running fasett")
}

/// Runs the real `fasett` with `args` in `sandbox` and checks it succeeded (exit code 0).
pub fn run_ok(sandbox: &Sandbox, args: &[&str]) -> Output {
    let output = run(sandbox, args);
    assert_eq!(output.status.code(), Some(0), "fasett {args:?}: {}", stderr(&output));
    output
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Compares `actual` with `tests/golden/<name>`; `UPDATE_GOLDEN=1` rewrites the file instead.
pub fn golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("writing the golden file");
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs from the golden file; UPDATE_GOLDEN=1 rewrites it.\n{actual}"
    );
}
