//! The bundled demo: a fictional municipality's portfolio, opened as a scratch copy that
//! never touches the user's own file.

use std::io;
use std::path::{Path, PathBuf};

use color_eyre::eyre::{Result, WrapErr};

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
pub fn prepare(path: &Path, read_only: bool) -> Result<()> {
    let sample: Portfolio =
        serde_json::from_str(SAMPLE).wrap_err("the bundled sample portfolio is broken")?;
    let opened = Store::open(path, false).wrap_err_with(|| format!("opening {}", path.display()))?;
    if read_only || matches!(opened.store.access(), Access::ReadOnly(ReadOnlyReason::LockedBy(_))) {
        return Ok(());
    }
    drop(opened);
    // A scratch file: start from the sample every time, whatever an earlier demo left.
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).wrap_err_with(|| format!("removing the old demo file {}", path.display())),
    }
    let mut opened = Store::open(path, false).wrap_err_with(|| format!("opening {}", path.display()))?;
    opened.store.save(&sample).wrap_err_with(|| format!("writing the demo file {}", path.display()))?;
    Ok(())
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
