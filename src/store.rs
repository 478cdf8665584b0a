//! TEMPORARY SHIM (not committed): replaced by the real store from branch `store`.
#![allow(clippy::all, clippy::pedantic, missing_docs, dead_code)]
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::Portfolio;

pub const FILE_NAME: &str = "portfolio.json";
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

#[derive(Debug)]
pub struct StoreError(pub String);
impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for StoreError {}
#[derive(Debug)]
pub struct LoadError(pub String);
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for LoadError {}
#[derive(Debug)]
pub struct SaveError(pub String);
impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for SaveError {}

pub fn resolve_path(cli_file: Option<&Path>) -> Result<PathBuf, StoreError> {
    resolve_path_from(cli_file, std::env::var_os("FASETT_FILE"), Some(data_dir()?))
}
pub fn resolve_path_from(
    cli: Option<&Path>,
    env: Option<OsString>,
    dd: Option<PathBuf>,
) -> Result<PathBuf, StoreError> {
    if let Some(p) = cli {
        return Ok(p.to_path_buf());
    }
    if let Some(e) = env {
        return Ok(PathBuf::from(e));
    }
    dd.map(|d| d.join(FILE_NAME)).ok_or_else(|| StoreError("no data dir".into()))
}
pub fn data_dir() -> Result<PathBuf, StoreError> {
    directories::ProjectDirs::from("", "", "fasett")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| StoreError("no home".into()))
}
pub fn parse(bytes: &[u8], path: &Path) -> Result<Portfolio, LoadError> {
    serde_json::from_slice(bytes)
        .map_err(|e| LoadError(format!("{}: line {}, column {}: {e}", path.display(), e.line(), e.column())))
}
pub fn load(path: &Path) -> Result<Option<Portfolio>, LoadError> {
    match std::fs::read(path) {
        Ok(b) => parse(&b, path).map(Some),
        Err(_) => Ok(None),
    }
}
pub fn to_json(p: &Portfolio) -> String {
    let mut s = serde_json::to_string_pretty(p).unwrap_or_default();
    s.push('\n');
    s
}

pub enum Access {
    ReadWrite,
    ReadOnly(ReadOnlyReason),
}
pub enum ReadOnlyReason {
    Requested,
    LoadFailed(String),
    NewerSchema(String),
    LockedBy(String),
}
impl fmt::Display for ReadOnlyReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Requested => f.write_str("requested"),
            Self::LoadFailed(s) | Self::NewerSchema(s) | Self::LockedBy(s) => f.write_str(s),
        }
    }
}
pub struct Store {
    path: PathBuf,
    access: Access,
}
pub struct Opened {
    pub portfolio: Portfolio,
    pub store: Store,
    pub existed: bool,
}
impl Store {
    pub fn open(path: &Path, read_only: bool) -> Result<Opened, StoreError> {
        let (portfolio, access, existed) = match load(path) {
            Ok(Some(p)) => (
                p,
                if read_only { Access::ReadOnly(ReadOnlyReason::Requested) } else { Access::ReadWrite },
                true,
            ),
            Ok(None) => (
                Portfolio::default(),
                if read_only { Access::ReadOnly(ReadOnlyReason::Requested) } else { Access::ReadWrite },
                false,
            ),
            Err(e) => {
                (Portfolio::default(), Access::ReadOnly(ReadOnlyReason::LoadFailed(e.to_string())), true)
            }
        };
        Ok(Opened { portfolio, store: Store { path: path.to_path_buf(), access }, existed })
    }
    pub fn path(&self) -> &Path {
        &self.path
    }
    pub fn access(&self) -> &Access {
        &self.access
    }
    pub fn is_read_only(&self) -> bool {
        matches!(self.access, Access::ReadOnly(_))
    }
    pub fn save(&mut self, p: &Portfolio) -> Result<(), SaveError> {
        if let Access::ReadOnly(r) = &self.access {
            return Err(SaveError(format!("read-only: {r}")));
        }
        if let Some(d) = self.path.parent() {
            let _ = std::fs::create_dir_all(d);
        }
        std::fs::write(&self.path, to_json(p)).map_err(|e| SaveError(e.to_string()))
    }
    pub fn save_as(&mut self, p: &Portfolio, path: &Path) -> Result<(), SaveError> {
        self.path = path.to_path_buf();
        self.access = Access::ReadWrite;
        self.save(p)
    }
    pub fn changed_on_disk(&self) -> bool {
        false
    }
    pub fn reload(&mut self) -> Result<Portfolio, LoadError> {
        load(&self.path).map(Option::unwrap_or_default)
    }
    pub fn backups_dir(&self) -> PathBuf {
        self.path.with_file_name("backups")
    }
}
