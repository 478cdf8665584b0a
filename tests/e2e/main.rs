//! End to end: the real `fasett` binary in a pseudo-terminal, read through a vt100 screen,
//! one module per area. One test binary for all of them, because each binary links the
//! whole dependency tree again.

#[path = "../common/git.rs"]
mod git;
#[path = "../common/pty.rs"]
mod pty;

use std::path::Path;

mod capture;
mod culture;
mod field;
mod languages;
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
