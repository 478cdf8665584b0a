//! End to end: the real `fasett` binary in a pseudo-terminal, read through a vt100 screen,
//! one module per area. One test binary for all of them, because each binary links the
//! whole dependency tree again.

#[path = "../common/git.rs"]
mod git;
#[path = "../common/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use pty::{Key, Pty, Sandbox, TIMEOUT};

mod capture;
mod culture;
mod field;
mod languages;
mod locks;
mod portfolio;
mod profile;
mod register;
mod screen;
mod sharing;
mod shell;
mod terminals;

/// A JSON file the app wrote, as JSON.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The titles in the data file at `path`, in file order.
pub fn titles(path: &Path) -> Vec<String> {
    read_json(path)["initiatives"]
        .as_array()
        .expect("a list of initiatives")
        .iter()
        .map(|i| i["title"].as_str().expect("a title").to_owned())
        .collect()
}

/// The initiatives in the file, or `None` while it cannot be read whole (a save in progress).
pub fn try_initiatives(path: &Path) -> Option<Vec<serde_json::Value>> {
    let text = std::fs::read_to_string(path).ok()?;
    let file: serde_json::Value = serde_json::from_str(&text).ok()?;
    file["initiatives"].as_array().cloned()
}

/// Initiative `id`'s facet in the file, if the file can be read and has it.
pub fn facet_of(path: &Path, id: u64) -> Option<String> {
    try_initiatives(path)?.iter().find(|i| i["id"] == id).and_then(|i| i["facet"].as_str()).map(str::to_owned)
}

/// Waits until initiative `id` has `facet` in the file; panics with the screen after `TIMEOUT`.
pub fn wait_for_facet(app: &Pty, path: &Path, id: u64, facet: &str) {
    let start = Instant::now();
    loop {
        let now = facet_of(path, id);
        if now.as_deref() == Some(facet) {
            return;
        }
        assert!(
            start.elapsed() <= TIMEOUT,
            "#{id} is {now:?}, not {facet}, in {}; the screen:\n{}",
            path.display(),
            app.screen_text()
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// A first run, on the welcome screen.
pub fn welcome(sandbox: &Sandbox) -> Pty {
    let app = sandbox.spawn::<_, &str>([]);
    app.wait_for("Welcome to fasett", TIMEOUT);
    app
}

/// A first run with quick capture open: the Initiatives pane, `n`.
pub fn quick_capture(sandbox: &Sandbox) -> Pty {
    let mut app = sandbox.start::<_, &str>([]);
    app.press("2n", "New initiative");
    app
}

/// A first run in which `title` was captured as #1 and saved, still running.
pub fn first_capture(sandbox: &Sandbox, title: &str) -> Pty {
    let mut app = quick_capture(sandbox);
    app.send(title);
    app.press_key(Key::Enter, "#1 created and saved");
    app
}

/// An empty portfolio in `shared.json`, open in the binary, for another program to write to.
pub fn open_shared(sandbox: &Sandbox) -> (PathBuf, Pty) {
    let file = sandbox.write("shared.json", fasett::store::to_json(&fasett::model::Portfolio::default()));
    (file, sandbox.start(["--file", "shared.json"]))
}

/// Writes a portfolio holding only `initiative` to `path`, as a sync tool or `git pull` would.
pub fn write_theirs(path: &Path, initiative: fasett::model::Initiative) {
    let mut theirs = fasett::model::Portfolio::default();
    theirs.next_id.initiative = initiative.id + 1;
    theirs.initiatives.push(initiative);
    std::fs::write(path, fasett::store::to_json(&theirs)).expect("writes");
}

/// The interface text for `key` in `lang` from the catalog, up to its first placeholder.
pub fn text(lang: &str, key: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/i18n/{lang}.json"));
    let catalog = read_json(&path);
    let text = catalog[key].as_str().unwrap_or_else(|| panic!("{lang} has no text {key:?}"));
    text.split('{').next().unwrap_or(text).trim().to_owned()
}

/// The English text for `key`; see [`text`].
pub fn en(key: &str) -> String {
    text("en", key)
}
