//! The bundled demo: a fictional municipality's portfolio, opened as a scratch copy that
//! never touches the user's own file.

use std::io;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::model::Portfolio;
use crate::store::{self, Access, ReadOnlyReason, Store};

/// The bundled demo portfolio, a fictional municipality.
pub const SAMPLE: &str = include_str!("../data/sample.json");

/// The demo's scratch file, always in the data directory: `--file` and `FASETT_FILE` name
/// the user's own portfolio, which the demo must never replace.
pub fn path() -> Result<PathBuf, store::StoreError> {
    Ok(store::data_dir()?.join("demo.json"))
}

/// Writes a fresh copy of the sample to the demo file, unless another fasett has it open.
/// What went wrong is said in `lang`.
pub fn prepare(path: &Path, read_only: bool, lang: Lang) -> Result<(), String> {
    let sample: Portfolio =
        serde_json::from_str(SAMPLE).map_err(|e| lang.tf("demo.broken", &[("error", &e)]))?;
    let opened = Store::open(path, false).map_err(|e| e.localized(lang))?;
    if read_only || matches!(opened.store.access(), Access::ReadOnly(ReadOnlyReason::LockedBy(_))) {
        return Ok(());
    }
    drop(opened);
    let failed =
        |e: &dyn std::fmt::Display| lang.tf("demo.write_failed", &[("path", &path.display()), ("error", &e)]);
    // A scratch file: start from the sample every time, whatever an earlier demo left.
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(failed(&e)),
    }
    let mut opened = Store::open(path, false).map_err(|e| e.localized(lang))?;
    opened.store.save(&sample).map_err(|e| failed(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_is_a_valid_portfolio() {
        let parsed = store::parse(SAMPLE.as_bytes(), Path::new("sample.json"));
        assert!(parsed.is_ok(), "{:?}", parsed.err().map(|e| e.to_string()));
    }
}
