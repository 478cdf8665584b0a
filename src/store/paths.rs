//! Where the data file is: `--file` > `FASETT_FILE` > the data directory, the real file behind
//! a symlink, and the names of the files kept beside it (backups, lock, temporary files).

use std::ffi::OsString;
use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::FILE_NAME;
use crate::i18n::Lang;

/// What is wrong with a path named as the data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PathProblem {
    /// `--file` or `FASETT_FILE` (named here) was given but empty.
    #[error("{0} names no file")]
    NamesNoFile(&'static str),
    #[error("no file named")]
    Empty,
    #[error("this is a folder")]
    Folder,
}

impl PathProblem {
    pub fn localized(self, lang: Lang) -> String {
        match self {
            PathProblem::NamesNoFile(source) => lang.tf("store.names_no_file", &[("source", &source)]),
            PathProblem::Empty => lang.t("store.no_file_named").to_owned(),
            PathProblem::Folder => lang.t("store.is_folder").to_owned(),
        }
    }
}

/// Something about the path itself, before any file is read.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No data directory could be found for this user.
    #[error(
        "fasett could not find a data folder for this user (is HOME set?); name the file with --file \
         PATH or the FASETT_FILE environment variable."
    )]
    NoDataDir,
    /// The path cannot be a data file (empty, or a folder).
    #[error("{path}: {problem}; name a JSON file such as {FILE_NAME}.")]
    BadPath { path: PathBuf, problem: PathProblem },
    #[error("{path}: {source}.")]
    Io { path: PathBuf, source: io::Error },
}

impl StoreError {
    /// The message in `lang` (the operating system's own words stay as it gives them).
    pub fn localized(&self, lang: Lang) -> String {
        match self {
            StoreError::NoDataDir => lang.t("store.no_data_dir").to_owned(),
            StoreError::BadPath { path, problem } => lang.tf(
                "store.bad_path",
                &[("path", &path.display()), ("problem", &problem.localized(lang)), ("file", &FILE_NAME)],
            ),
            StoreError::Io { path, source } => {
                lang.tf("store.path_error", &[("path", &path.display()), ("error", source)])
            }
        }
    }
}

/// The data file in use: `--file` > `FASETT_FILE` > the data directory's `portfolio.json`.
pub fn resolve_path(cli_file: Option<&Path>) -> Result<PathBuf, StoreError> {
    let data_dir = directories::ProjectDirs::from("", "", "fasett").map(|d| d.data_dir().to_path_buf());
    resolve_path_from(cli_file, std::env::var_os("FASETT_FILE"), data_dir)
}

/// The testable core of [`resolve_path`]. An empty `FASETT_FILE` counts as unset; an empty
/// `--file` is an error. Named paths are made absolute so `fasett path` shows where it is.
pub fn resolve_path_from(
    cli_file: Option<&Path>,
    env_file: Option<OsString>,
    data_dir: Option<PathBuf>,
) -> Result<PathBuf, StoreError> {
    if let Some(file) = cli_file {
        return absolute(file, "--file");
    }
    if let Some(file) = env_file.filter(|f| !f.is_empty()) {
        return absolute(Path::new(&file), "FASETT_FILE");
    }
    data_dir.map(|d| d.join(FILE_NAME)).ok_or(StoreError::NoDataDir)
}

/// The directory for scratch copies and configuration: fasett's data directory.
pub fn data_dir() -> Result<PathBuf, StoreError> {
    directories::ProjectDirs::from("", "", "fasett")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or(StoreError::NoDataDir)
}

fn absolute(path: &Path, source: &'static str) -> Result<PathBuf, StoreError> {
    if path.as_os_str().is_empty() {
        return Err(StoreError::BadPath {
            path: path.to_path_buf(),
            problem: PathProblem::NamesNoFile(source),
        });
    }
    std::path::absolute(path).map_err(|source| StoreError::Io { path: path.to_path_buf(), source })
}

/// Follows a chain of symlinks to the file they finally name (which may not exist yet), so
/// we write beside the real file and the link stays a link.
pub(crate) fn resolve_link(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    // Bounded like the kernel's own limit; a loop is then reported by the write itself.
    for _ in 0..40 {
        let is_link = fs::symlink_metadata(&current).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            break;
        }
        let Ok(target) = fs::read_link(&current) else { break };
        current = if target.is_absolute() { target } else { parent_dir(&current).join(target) };
    }
    if current != path {
        // Tidy `config/../real/data.json` for messages; the folder may not exist yet.
        if let (Ok(dir), Some(name)) = (fs::canonicalize(parent_dir(&current)), current.file_name()) {
            return dir.join(name);
        }
    }
    current
}

/// The folder a file is in (`.` for a bare name).
pub(crate) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| FILE_NAME.to_string(), |n| n.to_string_lossy().into_owned())
}

pub(super) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map_or_else(|| OsString::from(FILE_NAME), ToOwned::to_owned);
    name.push(suffix);
    path.with_file_name(name)
}

/// `backups/` beside the real file `target`.
pub(super) fn backups_dir_of_target(target: &Path) -> PathBuf {
    parent_dir(target).join("backups")
}

/// `backups/` beside the real file `path` leads to.
pub fn backups_dir_for(path: &Path) -> PathBuf {
    backups_dir_of_target(&resolve_link(path))
}

pub(super) fn is_missing(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory)
}

/// Whether two paths name the same file (which may not exist yet).
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    if let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) {
        return (ma.dev(), ma.ino()) == (mb.dev(), mb.ino());
    }
    let canonical = |p: &Path| {
        fs::canonicalize(parent_dir(p)).ok().map(|dir| dir.join(p.file_name().unwrap_or_default()))
    };
    match (canonical(a), canonical(b)) {
        (Some(ca), Some(cb)) => ca == cb,
        _ => std::path::absolute(a).ok() == std::path::absolute(b).ok(),
    }
}
