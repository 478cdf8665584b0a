//! The data file: where it is, reading it strictly and saving it without ever losing it.
//!
//! The guarantees are the contract in docs/contracts.md, "The data file":
//! - [`parse`] is strict and every problem names the path, `line L, column C`, the JSON path
//!   (`initiatives[3].facet`) and what was expected; unknown keys are kept (see
//!   [`crate::model::extras`]); older schema versions go through [`migrate`].
//! - [`Store::save`] writes a temporary file in the target's own directory, fsyncs it, renames
//!   it over the target and fsyncs the directory, so a crash leaves the old or the new file
//!   whole. New files get mode 0600, existing ones keep theirs, a symlink stays a symlink.
//! - Before the first save of a session the previous file is copied to `backups/`.
//! - A writable store holds an OS lock on `<file>.lock`, whose text names the holder.
//! - A file we could not read, one from a newer fasett, or one changed on disk since we read
//!   or wrote it, is never written.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fmt;
use std::fs::{self, File, OpenOptions, Permissions};
use std::hash::{DefaultHasher, Hasher};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use jiff::ToSpan;
use jiff::civil::{Date, DateTime};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::model::extras::Extras;
use crate::model::{Id, Portfolio, SCHEMA_VERSION};

mod ops;
pub use ops::{FaultyFileOps, FileOps, Op, RealFileOps};

/// The data file's name inside the data directory.
pub const FILE_NAME: &str = "portfolio.json";
/// Files larger than this are not read at all (checked from metadata before reading).
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// How many backups are always kept, newest first.
const KEEP_NEWEST_BACKUPS: usize = 20;
/// For this many days back (today included), the newest backup of each day is also kept.
const KEEP_DAILY_BACKUPS_DAYS: i64 = 30;
const TEMP_SUFFIX: &str = ".tmp";
const TEMP_RANDOM_CHARS: usize = 6;

// ---------------------------------------------------------------------------------------------
// Where the file is
// ---------------------------------------------------------------------------------------------

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

fn absolute(path: &Path, source: &str) -> Result<PathBuf, StoreError> {
    if path.as_os_str().is_empty() {
        return Err(StoreError::BadPath {
            path: path.to_path_buf(),
            problem: format!("{source} names no file"),
        });
    }
    std::path::absolute(path).map_err(|source| StoreError::Io { path: path.to_path_buf(), source })
}

/// Follows a chain of symlinks to the file they finally name (which may not exist yet), so
/// we write beside the real file and the link stays a link.
fn resolve_link(path: &Path) -> PathBuf {
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

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| FILE_NAME.to_string(), |n| n.to_string_lossy().into_owned())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map_or_else(|| OsString::from(FILE_NAME), ToOwned::to_owned);
    name.push(suffix);
    path.with_file_name(name)
}

fn backups_dir_of_target(target: &Path) -> PathBuf {
    parent_dir(target).join("backups")
}

fn backups_dir_for(path: &Path) -> PathBuf {
    backups_dir_of_target(&resolve_link(path))
}

fn is_missing(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory)
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Something about the path itself, before any file is read.
#[derive(Debug)]
pub enum StoreError {
    /// No data directory could be found for this user.
    NoDataDir,
    /// The path cannot be a data file (empty, or a folder).
    BadPath {
        path: PathBuf,
        problem: String,
    },
    Io {
        path: PathBuf,
        source: io::Error,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NoDataDir => write!(
                f,
                "fasett could not find a data folder for this user (is HOME set?); name the file \
                 with --file PATH or the FASETT_FILE environment variable."
            ),
            StoreError::BadPath { path, problem } => {
                write!(f, "{}: {problem}; name a JSON file such as {FILE_NAME}.", path.display())
            }
            StoreError::Io { path, source } => write!(f, "{}: {source}.", path.display()),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Why a data file could not be read. Display is one paragraph naming the path, the
/// position, the JSON path and what was expected, and saying the file was not changed.
#[derive(Debug)]
pub enum LoadError {
    Io {
        path: PathBuf,
        backups: PathBuf,
        source: io::Error,
    },
    TooLarge {
        path: PathBuf,
        backups: PathBuf,
        bytes: u64,
    },
    /// Not UTF-8, not JSON, not the shape fasett expects, or inconsistent (duplicate ids).
    Invalid {
        path: PathBuf,
        backups: PathBuf,
        /// 1-based line and column (in characters); `None` only for a migrated file.
        position: Option<(usize, usize)>,
        json_path: Option<String>,
        problem: String,
    },
    /// Written by a newer fasett: never written by this one.
    NewerSchema {
        path: PathBuf,
        backups: PathBuf,
        position: (usize, usize),
        found: u64,
    },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::TooLarge { path, .. }
            | LoadError::Invalid { path, .. }
            | LoadError::NewerSchema { path, .. } => path,
        }
    }

    /// Where `fasett` keeps the backups of this file.
    pub fn backups(&self) -> &Path {
        match self {
            LoadError::Io { backups, .. }
            | LoadError::TooLarge { backups, .. }
            | LoadError::Invalid { backups, .. }
            | LoadError::NewerSchema { backups, .. } => backups,
        }
    }

    /// 1-based line and column (in characters) of the problem, when it has one.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        match self {
            LoadError::Io { .. } => None,
            LoadError::TooLarge { .. } => Some((1, 1)),
            LoadError::Invalid { position, .. } => *position,
            LoadError::NewerSchema { position, .. } => Some(*position),
        }
    }

    /// The JSON path of the value at fault, e.g. `initiatives[3].facet`.
    pub fn json_path(&self) -> Option<&str> {
        match self {
            LoadError::Invalid { json_path, .. } => json_path.as_deref(),
            LoadError::NewerSchema { .. } => Some("schema_version"),
            _ => None,
        }
    }

    pub fn is_newer_schema(&self) -> bool {
        matches!(self, LoadError::NewerSchema { .. })
    }

    /// The message without the closing advice: path, position, JSON path and problem.
    pub fn summary(&self) -> String {
        struct Summary<'a>(&'a LoadError);
        impl fmt::Display for Summary<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write_summary(f)
            }
        }
        Summary(self).to_string()
    }

    fn write_summary(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path().display())?;
        if let Some((line, column)) = self.line_column() {
            write!(f, ": line {line}, column {column}")?;
        }
        match self {
            LoadError::Io { source, .. } => write!(f, ": could not read it: {source}"),
            LoadError::TooLarge { bytes, .. } => write!(
                f,
                ": the file is {}, more than the {} fasett reads; nothing was read or changed",
                megabytes(*bytes),
                megabytes_whole(MAX_FILE_BYTES)
            ),
            LoadError::Invalid { json_path, problem, .. } => {
                if let Some(json_path) = json_path {
                    write!(f, ": at `{json_path}`")?;
                }
                write!(f, ": {problem}")
            }
            LoadError::NewerSchema { found, .. } => write!(
                f,
                ": at `schema_version`: the file has schema_version {found}, but this fasett \
                 knows versions up to {SCHEMA_VERSION}; it was written by a newer fasett, so this \
                 one opens it read-only and never writes it (update fasett to edit it)"
            ),
        }
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

fn megabytes_whole(bytes: u64) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_summary(f)?;
        let backups = self.backups().display();
        match self {
            LoadError::TooLarge { .. } => write!(f, ". Backups are in {backups}/."),
            _ => write!(f, ". fasett did not change the file; backups are in {backups}/."),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Why nothing was saved. The file on disk is untouched and the caller still has the data.
#[derive(Debug)]
pub enum SaveError {
    /// The store is read-only; nothing is ever written.
    ReadOnly { path: PathBuf, backups: PathBuf, reason: ReadOnlyReason },
    /// The file changed on disk since we read or wrote it.
    ExternalChange { path: PathBuf, backups: PathBuf },
    /// Another fasett holds the file's lock.
    Locked { path: PathBuf, holder: String },
    /// The operating system refused a step (`doing` names it, `at` is the path it was about).
    Io { path: PathBuf, doing: &'static str, at: PathBuf, source: io::Error },
    /// The new file is in place, whole, but its folder `at` could not be flushed to disk, so a
    /// power cut could still bring back the previous version.
    NotDurable { path: PathBuf, at: PathBuf, source: io::Error },
}

impl SaveError {
    pub fn path(&self) -> &Path {
        match self {
            SaveError::ReadOnly { path, .. }
            | SaveError::ExternalChange { path, .. }
            | SaveError::Locked { path, .. }
            | SaveError::Io { path, .. }
            | SaveError::NotDurable { path, .. } => path,
        }
    }
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::ReadOnly { path, backups, reason } => write!(
                f,
                "{}: not saved: the file is {reason}. Nothing was written; your edits are still \
                 open in fasett and can be saved to another file with :w PATH. Backups are in {}/.",
                path.display(),
                backups.display()
            ),
            SaveError::ExternalChange { path, backups } => write!(
                f,
                "{}: not saved: another program changed the file after fasett read it, and fasett \
                 never overwrites changes it did not make. Reload it (:reload, losing the edits \
                 not yet saved) or save your version to another file with :w PATH. Nothing was \
                 written; backups are in {}/.",
                path.display(),
                backups.display()
            ),
            SaveError::Locked { path, holder } => write!(
                f,
                "{}: not saved: another fasett has it open for writing ({holder}). Nothing was \
                 written; close the other fasett or save to another file with :w PATH.",
                path.display()
            ),
            SaveError::Io { path, doing, at, source } => {
                write!(f, "{}: not saved: could not {doing}", path.display())?;
                if at != path {
                    write!(f, " {}", at.display())?;
                }
                write!(
                    f,
                    ": {source}. The file was not changed and your edits are still open in \
                     fasett; fix the problem and save again, or save to another file with :w PATH."
                )
            }
            SaveError::NotDurable { path, at, source } => write!(
                f,
                "{}: saved, but the folder {} could not be flushed to disk ({source}), so a power \
                 cut could still bring back the previous version. Your edits are still open in \
                 fasett, which saves again at the next edit; :w saves now.",
                path.display(),
                at.display()
            ),
        }
    }
}

impl std::error::Error for SaveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SaveError::Io { source, .. } | SaveError::NotDurable { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// A failed step of a write, before it is given the data file's path.
struct Step {
    doing: &'static str,
    at: PathBuf,
    source: io::Error,
    /// The new file is in place but its folder could not be flushed: what it looks like now.
    written: Option<Stamp>,
}

impl Step {
    fn on(self, path: &Path) -> SaveError {
        if self.written.is_some() {
            return SaveError::NotDurable { path: path.to_path_buf(), at: self.at, source: self.source };
        }
        SaveError::Io { path: path.to_path_buf(), doing: self.doing, at: self.at, source: self.source }
    }
}

fn step(doing: &'static str, at: &Path) -> impl FnOnce(io::Error) -> Step {
    let at = at.to_path_buf();
    move |source| Step { doing, at, source, written: None }
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/// Parses the bytes of a data file. `path` is only used in messages.
pub fn parse(bytes: &[u8], path: &Path) -> Result<Portfolio, LoadError> {
    parse_inner(bytes, path, false)
}

/// Reads and parses the file; `Ok(None)` if it does not exist.
pub fn load(path: &Path) -> Result<Option<Portfolio>, LoadError> {
    Ok(read_and_parse(path, false)?.map(|(portfolio, _)| portfolio))
}

/// What we know about the file as we last read or wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// Reads the whole file, refusing (from metadata, before reading) one over the size cap.
fn read_capped(path: &Path) -> Result<Option<(Vec<u8>, fs::Metadata)>, LoadError> {
    let io_error =
        |source| LoadError::Io { path: path.to_path_buf(), backups: backups_dir_for(path), source };
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if is_missing(&e) => return Ok(None),
        Err(e) => return Err(io_error(e)),
    };
    let meta = file.metadata().map_err(io_error)?;
    if meta.is_dir() {
        return Err(io_error(io::Error::other("it is a folder, not a file")));
    }
    let too_large =
        |bytes| LoadError::TooLarge { path: path.to_path_buf(), backups: backups_dir_for(path), bytes };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may grow between the check and the read; never read past the cap.
    (&mut file).take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(Some((bytes, meta)))
}

fn read_and_parse(path: &Path, allow_newer: bool) -> Result<Option<(Portfolio, Stamp)>, LoadError> {
    let Some((bytes, meta)) = read_capped(path)? else { return Ok(None) };
    // Hashing a large file costs a few milliseconds of start-up: do it on the other core.
    let (portfolio, hash) = if bytes.len() > PARALLEL_PARSE_BYTES {
        std::thread::scope(|scope| {
            let hash = scope.spawn(|| content_hash(&bytes));
            let portfolio = parse_inner(&bytes, path, allow_newer);
            (portfolio, hash.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        })
    } else {
        (parse_inner(&bytes, path, allow_newer), content_hash(&bytes))
    };
    let portfolio = portfolio?;
    let stamp = Stamp { len: meta.len(), modified: meta.modified().ok(), hash };
    Ok(Some((portfolio, stamp)))
}

/// Steps that lift a file one schema version: `MIGRATIONS[i]` turns version `i + 1` into
/// `i + 2`. Adding schema version N means adding one fn here (the assert below insists).
const MIGRATIONS: &[Migration] = &[];

/// One schema step: rewrites the parsed file in place, or says why it cannot.
type Migration = fn(&mut Value) -> Result<(), String>;
const _: () = assert!(MIGRATIONS.len() + 1 == SCHEMA_VERSION as usize);

/// Brings a parsed file of schema version `from` (older than ours) up to [`SCHEMA_VERSION`].
pub fn migrate(mut value: Value, from: u32) -> Result<Value, String> {
    let first = from.saturating_sub(1) as usize;
    for step in MIGRATIONS.iter().skip(first) {
        step(&mut value)?;
    }
    if let Some(root) = value.as_object_mut() {
        root.insert("schema_version".into(), Value::from(SCHEMA_VERSION));
    }
    Ok(value)
}

fn parse_inner(bytes: &[u8], path: &Path, allow_newer: bool) -> Result<Portfolio, LoadError> {
    let invalid =
        |position: Option<(usize, usize)>, json_path: Option<String>, problem: String| LoadError::Invalid {
            path: path.to_path_buf(),
            backups: backups_dir_for(path),
            position,
            json_path,
            problem,
        };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(invalid(
            Some((1, 1)),
            None,
            "the file is empty; a fasett file holds one JSON object with a \"schema_version\"".into(),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.valid_up_to();
            return Err(invalid(
                Some(position_of_offset(bytes, at)),
                None,
                format!(
                    "the byte 0x{:02X} is not valid UTF-8; fasett files are UTF-8 text (save the file \
                     as UTF-8 in your editor)",
                    bytes[at]
                ),
            ));
        }
    };

    // The common case takes one typed pass; anything unusual (an older, newer or missing
    // schema_version, unknown keys that must be kept, any error) goes the full way below,
    // which also words every problem.
    let (mut portfolio, migrated) = if let Some(portfolio) = parse_current(text) {
        (portfolio, false)
    } else {
        parse_tree(bytes, text, path, allow_newer)?
    };

    if let Some(dup) = first_duplicate_id(&portfolio) {
        let position = if migrated { None } else { locate_id(text, dup.segments, dup.second) };
        let second = format!("{}[{}].id", dup.collection, dup.second);
        return Err(invalid(
            position,
            Some(second.clone()),
            format!(
                "the id {} is used twice, by {}[{}].id and {second}; ids must be unique (give one \
                 of them an unused id)",
                dup.id, dup.collection, dup.first
            ),
        ));
    }
    // `Portfolio::initiative` binary-searches by id (already sorted in a file fasett wrote).
    if !portfolio.initiatives.is_sorted_by_key(|i| i.id) {
        portfolio.initiatives.sort_by_key(|i| i.id);
    }
    Ok(portfolio)
}

/// One typed pass over a file of the current schema version, noticing (not collecting)
/// unknown keys. `None` when the file needs [`parse_tree`]: it is not an object whose
/// `schema_version` is ours, it does not read cleanly, or it has unknown keys to keep (the
/// tree is then read after all, to collect them).
fn parse_current(text: &str) -> Option<Portfolio> {
    if probe_version(text) != Some(u64::from(SCHEMA_VERSION)) {
        return None;
    }
    let mut ignored = false;
    let mut de = serde_json::Deserializer::from_str(text);
    let mut portfolio: Portfolio = serde_ignored::deserialize(&mut de, |_| ignored = true).ok()?;
    de.end().ok()?;
    if ignored {
        let value: Value = serde_json::from_str(text).ok()?;
        portfolio.absorb(&value);
        drop_later(value, text.len());
    }
    Some(portfolio)
}

/// The root object's `schema_version`, if it is a whole number. Reads only up to that key,
/// which fasett writes first.
fn probe_version(text: &str) -> Option<u64> {
    struct Probe<'a>(&'a mut Option<u64>);
    impl<'de> Visitor<'de> for Probe<'_> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                if key == "schema_version" {
                    *self.0 = map.next_value::<Value>()?.as_u64();
                    // Stop reading here; the error this gives the caller is ignored.
                    return Ok(());
                }
                map.next_value::<IgnoredAny>()?;
            }
            Ok(())
        }
    }
    let mut version = None;
    let mut de = serde_json::Deserializer::from_str(text);
    let _ = de::Deserializer::deserialize_map(&mut de, Probe(&mut version));
    version
}

/// Freeing a large tree costs a quarter of its read (10k initiatives: ~25 ms of ~110);
/// nobody waits for it.
fn drop_later(value: Value, text_len: usize) {
    if text_len > BACKGROUND_DROP_BYTES {
        std::thread::spawn(move || drop(value));
    }
}

/// The full read: the JSON tree (to check the schema version, migrate and collect unknown
/// keys) beside the typed read with its JSON path. Gives the portfolio and whether it was
/// migrated, or the problem in words.
fn parse_tree(
    bytes: &[u8],
    text: &str,
    path: &Path,
    allow_newer: bool,
) -> Result<(Portfolio, bool), LoadError> {
    let invalid =
        |position: Option<(usize, usize)>, json_path: Option<String>, problem: String| LoadError::Invalid {
            path: path.to_path_buf(),
            backups: backups_dir_for(path),
            position,
            json_path,
            problem,
        };
    let typed_from_text = || -> Typed {
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut de)
    };
    // The tree (for unknown keys and the schema check) and the typed read are independent
    // passes over the text; on a large file, run them side by side.
    let (value, mut early_typed): (serde_json::Result<Value>, Option<Typed>) =
        if text.len() > PARALLEL_PARSE_BYTES {
            std::thread::scope(|scope| {
                let typed = scope.spawn(typed_from_text);
                let value = serde_json::from_str(text);
                let typed = typed.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (value, Some(typed))
            })
        } else {
            (serde_json::from_str(text), None)
        };
    let value: Value = value.map_err(|e| {
        let problem = serde_message(&e);
        let problem = if e.is_eof() {
            format!("the JSON ends too early ({problem}); the file looks cut off")
        } else {
            format!("this is not valid JSON: {problem}")
        };
        invalid(Some(human_position(text, e.line(), e.column())), None, problem)
    })?;
    let Value::Object(root) = &value else {
        return Err(invalid(
            Some(position_of_offset(bytes, text.len() - text.trim_start().len())),
            None,
            format!(
                "the file must hold one JSON object ({{ … }}) with a \"schema_version\", not {}",
                kind_of(&value)
            ),
        ));
    };

    let version = match root.get("schema_version") {
        None => {
            return Err(invalid(
                locate(text, &[]),
                None,
                format!(
                    "\"schema_version\" is missing; fasett needs it to know how to read the file \
                     (this fasett writes \"schema_version\": {SCHEMA_VERSION})"
                ),
            ));
        }
        Some(v) => match v.as_u64() {
            Some(n @ 1..) => n,
            _ => {
                return Err(invalid(
                    locate(text, &[Seg::Key("schema_version")]),
                    Some("schema_version".into()),
                    format!("expected a whole number from 1 up, such as {SCHEMA_VERSION}, found {v}"),
                ));
            }
        },
    };
    if version > u64::from(SCHEMA_VERSION) && !allow_newer {
        return Err(LoadError::NewerSchema {
            path: path.to_path_buf(),
            backups: backups_dir_for(path),
            position: locate(text, &[Seg::Key("schema_version")]).unwrap_or((1, 1)),
            found: version,
        });
    }

    let migrated = version < u64::from(SCHEMA_VERSION);
    let value = if migrated {
        migrate(value, version as u32).map_err(|problem| {
            invalid(None, None, format!("could not bring schema_version {version} up to date: {problem}"))
        })?
    } else {
        value
    };

    let typed = if migrated {
        serde_path_to_error::deserialize(&value)
    } else {
        early_typed.take().unwrap_or_else(typed_from_text)
    };
    let mut portfolio: Portfolio = typed.map_err(|e| {
        let json_path = e.path().to_string();
        let json_path = (json_path != "." && !json_path.is_empty()).then_some(json_path);
        let inner = e.into_inner();
        let position = (inner.line() > 0).then(|| human_position(text, inner.line(), inner.column()));
        invalid(position, json_path, serde_message(&inner))
    })?;
    portfolio.absorb(&value);
    drop_later(value, text.len());
    Ok((portfolio, migrated))
}

const BACKGROUND_DROP_BYTES: usize = 1024 * 1024;
const PARALLEL_PARSE_BYTES: usize = 256 * 1024;

type Typed = Result<Portfolio, serde_path_to_error::Error<serde_json::Error>>;

struct Duplicate {
    collection: &'static str,
    segments: &'static [Seg<'static>],
    id: Id,
    first: usize,
    second: usize,
}

fn first_duplicate_id(p: &Portfolio) -> Option<Duplicate> {
    fn find(ids: impl Iterator<Item = Id>) -> Option<(Id, usize, usize)> {
        let mut seen = HashMap::new();
        for (ix, id) in ids.enumerate() {
            if let Some(first) = seen.insert(id, ix) {
                return Some((id, first, ix));
            }
        }
        None
    }
    type Found = Option<(Id, usize, usize)>;
    let lists: [(&'static str, &'static [Seg<'static>], Found); 4] = [
        ("initiatives", &[Seg::Key("initiatives")], find(p.initiatives.iter().map(|i| i.id))),
        ("assessments", &[Seg::Key("assessments")], find(p.assessments.iter().map(|a| a.id))),
        ("actions", &[Seg::Key("actions")], find(p.actions.iter().map(|a| a.id))),
        (
            "organisation.goals",
            &[Seg::Key("organisation"), Seg::Key("goals")],
            find(p.organisation.goals.iter().map(|g| g.id)),
        ),
    ];
    lists.into_iter().find_map(|(collection, segments, found)| {
        found.map(|(id, first, second)| Duplicate { collection, segments, id, first, second })
    })
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array ([ … ])",
        Value::Object(_) => "an object",
    }
}

/// `serde_json`'s message without its " at line L column C" tail (we give our own position).
fn serde_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&tail).unwrap_or(&full).to_string()
}

/// 1-based line and character column of byte `offset`.
fn position_of_offset(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.split(|b| *b == b'\n').count();
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    (line, 1 + count_chars(&before[line_start..]))
}

fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count()
}

/// `serde_json` counts columns in bytes, pointing at the last byte it read; editors count
/// characters.
fn human_position(text: &str, line: usize, byte_column: usize) -> (usize, usize) {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return (line.max(1), byte_column.max(1));
    };
    let bytes = line_text.as_bytes();
    let upto = byte_column.min(bytes.len());
    (line.max(1), count_chars(&bytes[..upto]).max(1))
}

// Locating a JSON path in the text, for problems found after parsing (missing or newer
// schema_version, duplicate ids): walk the text with a visitor that fails on arriving at the
// path, and read the position serde_json gives that failure.

#[derive(Debug, Clone, Copy)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

const FOUND: &str = "fasett-store-found-it";

/// Scalars are found exactly (`serde_json` reports the end of the value); an object or array
/// is reported at its first inner token, so the root is handled directly.
fn locate(text: &str, path: &[Seg<'_>]) -> Option<(usize, usize)> {
    if path.is_empty() {
        return Some(position_of_offset(text.as_bytes(), text.len() - text.trim_start().len()));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    match Seek(path).deserialize(&mut de) {
        Err(e) if e.to_string().starts_with(FOUND) && e.line() > 0 => {
            Some(human_position(text, e.line(), e.column()))
        }
        _ => None,
    }
}

fn locate_id(text: &str, list: &[Seg<'_>], index: usize) -> Option<(usize, usize)> {
    let mut path = list.to_vec();
    path.push(Seg::Index(index));
    path.push(Seg::Key("id"));
    locate(text, &path).or_else(|| locate(text, &path[..path.len() - 1]))
}

struct Seek<'p>(&'p [Seg<'p>]);

impl Seek<'_> {
    fn arrive<E: de::Error>(&self) -> Result<(), E> {
        if self.0.is_empty() { Err(E::custom(FOUND)) } else { Ok(()) }
    }
}

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.arrive()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.arrive()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.arrive()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.arrive()
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.arrive()
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.arrive()
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((first, rest)) = self.0.split_first() else { return Err(de::Error::custom(FOUND)) };
        while let Some(key) = map.next_key::<String>()? {
            if matches!(first, Seg::Key(k) if *k == key) {
                return map.next_value_seed(Seek(rest));
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((first, rest)) = self.0.split_first() else { return Err(de::Error::custom(FOUND)) };
        let mut index = 0;
        loop {
            if matches!(first, Seg::Index(i) if *i == index) {
                return seq.next_element_seed(Seek(rest)).map(|_| ());
            }
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// The file's text: pretty JSON (2-space indent), keys in struct order with unknown keys after
/// them, ending in a newline. The same portfolio always gives the same text.
pub fn to_json(portfolio: &Portfolio) -> String {
    to_json_sized(portfolio, 0)
}

/// [`to_json`] into a buffer of `capacity` bytes (the file's last size): growing a buffer of
/// many megabytes by doubling copies it over and over.
fn to_json_sized(portfolio: &Portfolio, capacity: usize) -> String {
    const INFALLIBLE: &str = "the model serialises to JSON: every map key is a string";
    let mut out = Vec::with_capacity(capacity.max(4096));
    if portfolio.has_extras() {
        let mut value = serde_json::to_value(portfolio).expect(INFALLIBLE);
        portfolio.emit(&mut value);
        serde_json::to_writer_pretty(&mut out, &value).expect(INFALLIBLE);
    } else {
        serde_json::to_writer_pretty(&mut out, portfolio).expect(INFALLIBLE);
    }
    out.push(b'\n');
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

fn temp_prefix(target: &Path) -> String {
    format!(".{}.", file_name(target))
}

/// Writes `bytes` to `target` atomically: temp file beside it, fsync, rename, fsync the dir.
fn write_atomically(ops: &dyn FileOps, target: &Path, bytes: &[u8]) -> Result<Stamp, Step> {
    let dir = parent_dir(target);
    let existing = fs::metadata(target).ok();
    let prefix = temp_prefix(target);
    let mut temp = ops
        .create_temp(&dir, &prefix, TEMP_SUFFIX, TEMP_RANDOM_CHARS)
        .map_err(step("create a temporary file in", &dir))?;
    let temp_path = temp.path().to_path_buf();
    if let Some(meta) = &existing {
        let mine = temp.as_file().metadata().map_err(step("inspect", &temp_path))?;
        if (mine.uid(), mine.gid()) != (meta.uid(), meta.gid()) {
            // Keeps a file edited with sudo readable by its owner; refused unless we may.
            let _ = std::os::unix::fs::fchown(temp.as_file(), Some(meta.uid()), Some(meta.gid()));
        }
    }
    let mode = existing.as_ref().map_or(0o600, |m| m.permissions().mode() & 0o7777);
    temp.as_file()
        .set_permissions(Permissions::from_mode(mode))
        .map_err(step("set the mode of", &temp_path))?;
    ops.write(temp.as_file_mut(), bytes).map_err(step("write", &temp_path))?;
    ops.sync(temp.as_file()).map_err(step("flush to disk", &temp_path))?;
    // Until the rename succeeds, dropping `path` deletes the temporary file.
    let (file, path) = temp.into_parts();
    ops.rename(&path, target).map_err(step("rename the temporary file over", target))?;
    let _ = path.keep();
    let meta = file.metadata().map_err(step("inspect", target))?;
    let stamp = Stamp { len: meta.len(), modified: meta.modified().ok(), hash: content_hash(bytes) };
    match ops.sync_dir(&dir) {
        // Some filesystems cannot fsync a folder at all; the rename has happened and both
        // files are whole, so that is not worth failing the save for.
        Err(e) if !matches!(e.kind(), io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported) => {
            Err(Step { doing: "flush the folder", at: dir, source: e, written: Some(stamp) })
        }
        _ => Ok(stamp),
    }
}

/// Makes a rename durable, where the folder allows (used for backups, which are extra).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

fn create_dirs(dir: &Path, mode: u32) -> Result<(), Step> {
    fs::DirBuilder::new().recursive(true).mode(mode).create(dir).map_err(step("create the folder", dir))
}

/// Copies the file as it is now into `backups/<stem>-YYYYMMDD-HHMMSS.json` and rotates.
fn make_backup(ops: &dyn FileOps, target: &Path) -> Result<PathBuf, Step> {
    let dir = backups_dir_of_target(target);
    create_dirs(&dir, 0o700)?;
    let bytes = fs::read(target).map_err(step("read for a backup", target))?;
    let stem = backup_stem(target);
    let now = jiff::Zoned::now();
    let base = format!("{stem}-{}", now.strftime("%Y%m%d-%H%M%S"));
    let mut temp = ops
        .create_temp(&dir, &format!(".{stem}."), TEMP_SUFFIX, TEMP_RANDOM_CHARS)
        .map_err(step("create a backup in", &dir))?;
    let temp_path = temp.path().to_path_buf();
    ops.write(temp.as_file_mut(), &bytes).map_err(step("write the backup", &temp_path))?;
    ops.sync(temp.as_file()).map_err(step("flush the backup", &temp_path))?;
    let mut n = 1;
    let backup = loop {
        let name = if n == 1 { format!("{base}.json") } else { format!("{base}-{n}.json") };
        let candidate = dir.join(name);
        match temp.persist_noclobber(&candidate) {
            Ok(_) => break candidate,
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists && n < 1000 => {
                temp = e.file;
                n += 1;
            }
            Err(e) => return Err(step("name the backup", &candidate)(e.error)),
        }
    };
    sync_dir(&dir);
    rotate_backups(&dir, &stem, now.date());
    Ok(backup)
}

fn backup_stem(target: &Path) -> String {
    target.file_stem().map_or_else(|| "portfolio".into(), |s| s.to_string_lossy().into_owned())
}

/// `<stem>-YYYYMMDD-HHMMSS.json` or `<stem>-YYYYMMDD-HHMMSS-N.json` → (time, N).
fn parse_backup_name(name: &str, stem: &str) -> Option<(DateTime, u32)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?.strip_suffix(".json")?;
    let stamp = rest.get(..15)?;
    let shape_ok =
        stamp.bytes().enumerate().all(|(i, b)| if i == 8 { b == b'-' } else { b.is_ascii_digit() });
    if !shape_ok {
        return None;
    }
    let n = match &rest[15..] {
        "" => 1,
        more => {
            let digits = more.strip_prefix('-')?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            digits.parse().ok()?
        }
    };
    let time = DateTime::strptime("%Y%m%d-%H%M%S", stamp).ok()?;
    Some((time, n))
}

/// The rotation rule: keep the newest 20, plus the newest backup of each of the last 30 days
/// (today included). Returns the names to delete.
fn backups_to_delete(mut backups: Vec<(String, DateTime, u32)>, today: Date) -> Vec<String> {
    backups.sort_by_key(|b| std::cmp::Reverse((b.1, b.2)));
    let cutoff = today.checked_sub((KEEP_DAILY_BACKUPS_DAYS - 1).days()).unwrap_or(today);
    let mut days = HashSet::new();
    let mut delete = Vec::new();
    for (rank, (name, time, _)) in backups.into_iter().enumerate() {
        let day = time.date();
        let daily = day >= cutoff && days.insert(day);
        if rank >= KEEP_NEWEST_BACKUPS && !daily {
            delete.push(name);
        }
    }
    delete
}

fn rotate_backups(dir: &Path, stem: &str, today: Date) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let backups = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let (time, n) = parse_backup_name(&name, stem)?;
            Some((name, time, n))
        })
        .collect();
    for name in backups_to_delete(backups, today) {
        let _ = fs::remove_file(dir.join(name));
    }
}

/// Removes temporary files a killed save (or backup) left behind. Only called while we hold
/// the lock, and every fasett writes only while holding it, so any such file belongs to a dead
/// save. The exact name shape keeps us off the temp files of `portfolio.json.x` and the like.
fn remove_leftover_temps(target: &Path) {
    remove_temps(&parent_dir(target), &temp_prefix(target));
    remove_temps(&backups_dir_of_target(target), &format!(".{}.", backup_stem(target)));
}

fn remove_temps(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let Ok(name) = entry.file_name().into_string() else { continue };
        let is_ours = name
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
            .is_some_and(|random| random.len() == TEMP_RANDOM_CHARS && !random.contains('.'));
        if is_ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The lock
// ---------------------------------------------------------------------------------------------

enum Lock {
    Held(File),
    Busy(String),
}

fn lock_path(target: &Path) -> PathBuf {
    with_suffix(target, ".lock")
}

fn holder_description() -> String {
    let user = ["USER", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "someone".into());
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    let since = jiff::Zoned::now().strftime("%Y-%m-%d %H:%M").to_string();
    format!("{user} on {host}, pid {}, since {since}", std::process::id())
}

/// Takes the OS lock on `<target>.lock` (creating it, mode 0600) and writes who holds it.
/// How often a busy lock is asked again (25 ms apart) before another holder is assumed.
const LOCK_RETRIES: usize = 4;

fn acquire_lock(target: &Path) -> Result<Lock, Step> {
    let path = lock_path(target);
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(&path)
        .map_err(step("open the lock file", &path))?;
    // A lock can outlive its holder by a moment (a process forked just then still shares the
    // descriptor until it execs), so a busy lock is asked again briefly before giving up.
    let mut attempt = file.try_lock();
    for _ in 0..LOCK_RETRIES {
        if !matches!(attempt, Err(fs::TryLockError::WouldBlock)) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
        attempt = file.try_lock();
    }
    match attempt {
        Ok(()) => {
            // The holder text is a courtesy for the other instance; the OS lock is what counts.
            let _ = file.set_len(0).and_then(|()| file.write_all(holder_description().as_bytes()));
            Ok(Lock::Held(file))
        }
        Err(fs::TryLockError::WouldBlock) => {
            let mut text = Vec::new();
            let _ = file.read_to_end(&mut text);
            let text = String::from_utf8_lossy(&text).trim().to_string();
            Ok(Lock::Busy(if text.is_empty() { "another fasett (it did not say who)".into() } else { text }))
        }
        Err(fs::TryLockError::Error(e)) => Err(step("lock", &path)(e)),
    }
}

// ---------------------------------------------------------------------------------------------
// The store
// ---------------------------------------------------------------------------------------------

/// Whether this session may write the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    ReadOnly(ReadOnlyReason),
}

/// Why a store is read-only. Display completes "the file is …".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// `--read-only` was given.
    Requested,
    /// The file could not be read; the text is the load error's summary.
    LoadFailed(String),
    /// The file has a newer `schema_version`; the text is the load error's summary.
    NewerSchema(String),
    /// Another fasett holds the lock; the text names it ("anna on host-x, pid 4242, since …").
    LockedBy(String),
}

impl fmt::Display for ReadOnlyReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadOnlyReason::Requested => write!(f, "open read-only, as asked (--read-only)"),
            ReadOnlyReason::LoadFailed(why) => {
                write!(
                    f,
                    "open read-only because fasett could not read it, and never overwrites what it could not read ({why})"
                )
            }
            ReadOnlyReason::NewerSchema(why) => {
                write!(f, "open read-only because a newer fasett wrote it ({why})")
            }
            ReadOnlyReason::LockedBy(holder) => {
                write!(f, "open read-only because another fasett has it open for writing: {holder}")
            }
        }
    }
}

/// What [`Store::open`] found.
#[derive(Debug)]
pub struct Opened {
    pub portfolio: Portfolio,
    pub store: Store,
    /// Whether the file existed (a first run starts with an empty portfolio and no file).
    pub existed: bool,
}

/// One session's hold on the data file: its path, whether we may write, the lock, and what
/// the file looked like when we last read or wrote it.
#[derive(Debug)]
pub struct Store {
    /// As the user named it (perhaps a symlink).
    path: PathBuf,
    /// The real file the path leads to; temp files, lock and backups live beside it.
    target: PathBuf,
    access: Access,
    lock: Option<File>,
    /// `None` while the file does not exist (as far as we know).
    stamp: Option<Stamp>,
    backed_up: bool,
    /// How files are written; tests swap in [`FaultyFileOps`].
    ops: Arc<dyn FileOps>,
}

impl Store {
    /// Opens the data file. A missing file gives an empty portfolio and writes nothing; a
    /// broken, newer or locked file gives a read-only store whose reason explains. Errors
    /// only for a path that cannot be a data file.
    pub fn open(path: &Path, read_only: bool) -> Result<Opened, StoreError> {
        if path.as_os_str().is_empty() {
            return Err(StoreError::BadPath { path: path.to_path_buf(), problem: "no file named".into() });
        }
        let target = resolve_link(path);
        if fs::metadata(&target).is_ok_and(|m| m.is_dir()) {
            return Err(StoreError::BadPath { path: path.to_path_buf(), problem: "this is a folder".into() });
        }
        let mut store = Store {
            path: path.to_path_buf(),
            target,
            access: Access::ReadWrite,
            lock: None,
            stamp: None,
            backed_up: false,
            ops: Arc::new(RealFileOps),
        };
        // Lock before reading so nobody writes between our read and our lock. A missing file
        // is locked at its first save: opening must not write anything.
        if !read_only && fs::metadata(&store.target).is_ok() {
            match acquire_lock(&store.target) {
                Ok(Lock::Held(file)) => store.lock = Some(file),
                Ok(Lock::Busy(holder)) => store.access = Access::ReadOnly(ReadOnlyReason::LockedBy(holder)),
                // E.g. a read-only folder: the first save retries and explains.
                Err(_) => {}
            }
        }
        let (portfolio, existed) = match read_and_parse(&store.target, false) {
            Ok(None) => (Portfolio::default(), false),
            Ok(Some((portfolio, stamp))) => {
                store.stamp = Some(stamp);
                (portfolio, true)
            }
            Err(e) => {
                store.lock = None;
                let summary = e.summary();
                if e.is_newer_schema() {
                    store.access = Access::ReadOnly(ReadOnlyReason::NewerSchema(summary));
                    let viewable = read_and_parse(&store.target, true).ok().flatten();
                    (viewable.map(|(p, _)| p).unwrap_or_default(), true)
                } else {
                    store.access = Access::ReadOnly(ReadOnlyReason::LoadFailed(summary));
                    (Portfolio::default(), true)
                }
            }
        };
        if read_only && store.access == Access::ReadWrite {
            store.access = Access::ReadOnly(ReadOnlyReason::Requested);
        }
        if store.lock.is_some() {
            remove_leftover_temps(&store.target);
        }
        Ok(Opened { portfolio, store, existed })
    }

    /// Writes through `ops` from now on (tests use [`FaultyFileOps`] to make a step fail).
    pub fn set_file_ops(&mut self, ops: Arc<dyn FileOps>) {
        self.ops = ops;
    }

    /// The path as it was named (it may be a symlink to the real file).
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn access(&self) -> &Access {
        &self.access
    }

    pub fn is_read_only(&self) -> bool {
        matches!(self.access, Access::ReadOnly(_))
    }

    /// `backups/` beside the real file.
    pub fn backups_dir(&self) -> PathBuf {
        backups_dir_of_target(&self.target)
    }

    /// Saves atomically, after checking that we may write and that nobody else changed the
    /// file. On error nothing was changed on disk (a backup may have been added).
    pub fn save(&mut self, portfolio: &Portfolio) -> Result<(), SaveError> {
        if let Access::ReadOnly(reason) = &self.access {
            return Err(SaveError::ReadOnly {
                path: self.path.clone(),
                backups: self.backups_dir(),
                reason: reason.clone(),
            });
        }
        if self.changed_on_disk() {
            return Err(SaveError::ExternalChange { path: self.path.clone(), backups: self.backups_dir() });
        }
        let hint = self.stamp.map_or(0, |s| usize::try_from(s.len).unwrap_or(0) + 64 * 1024);
        let json = to_json_sized(portfolio, hint);
        let target = self.target.clone();
        let lock = self.ensure_lock(&target).map_err(|e| e.with_path(&self.path))?;
        if let Some(lock) = lock {
            self.lock = Some(lock);
        }
        if !self.backed_up && fs::metadata(&target).is_ok() {
            make_backup(&*self.ops, &target).map_err(|e| e.on(&self.path))?;
            self.backed_up = true;
        }
        let stamp = match write_atomically(&*self.ops, &target, json.as_bytes()) {
            Ok(stamp) => stamp,
            Err(e) => {
                // In place but perhaps not durable: it is still ours, so the next save may
                // replace it (and flush the folder again).
                if let Some(stamp) = e.written {
                    self.stamp = Some(stamp);
                    self.backed_up = true;
                }
                return Err(e.on(&self.path));
            }
        };
        self.stamp = Some(stamp);
        self.backed_up = true;
        Ok(())
    }

    /// `:w PATH`: writes the portfolio to `path` (overwriting it, after a backup, since this
    /// was asked for explicitly) and from then on uses that file and holds its lock.
    pub fn save_as(&mut self, portfolio: &Portfolio, path: &Path) -> Result<(), SaveError> {
        if path.as_os_str().is_empty() {
            return Err(SaveError::Io {
                path: path.to_path_buf(),
                doing: "save to",
                at: path.to_path_buf(),
                source: io::Error::new(io::ErrorKind::InvalidInput, "no file name given"),
            });
        }
        let target = resolve_link(path);
        if fs::metadata(&target).is_ok_and(|m| m.is_dir()) {
            return Err(SaveError::Io {
                path: path.to_path_buf(),
                doing: "save to",
                at: path.to_path_buf(),
                source: io::Error::other("it is a folder; name a file"),
            });
        }
        let same = same_file(&target, &self.target);
        // A newer file's content is only half understood, so it is not written anywhere; a
        // broken or locked file may be saved elsewhere, never over itself.
        if let Access::ReadOnly(reason) = &self.access
            && match reason {
                ReadOnlyReason::Requested => false,
                ReadOnlyReason::NewerSchema(_) => true,
                ReadOnlyReason::LoadFailed(_) | ReadOnlyReason::LockedBy(_) => same,
            }
        {
            return Err(SaveError::ReadOnly {
                path: path.to_path_buf(),
                backups: self.backups_dir(),
                reason: reason.clone(),
            });
        }
        let json = to_json(portfolio);
        let new_lock = if same && self.lock.is_some() {
            None
        } else {
            create_dirs(&parent_dir(&target), 0o700).map_err(|e| e.on(path))?;
            match acquire_lock(&target).map_err(|e| e.on(path))? {
                Lock::Held(file) => Some(file),
                Lock::Busy(holder) => return Err(SaveError::Locked { path: path.to_path_buf(), holder }),
            }
        };
        // Overwriting a file whose current content we have not backed up: keep a copy.
        let needs_backup =
            fs::metadata(&target).is_ok() && (!same || !self.backed_up || self.changed_on_disk());
        if needs_backup {
            make_backup(&*self.ops, &target).map_err(|e| e.on(path))?;
        }
        let stamp = write_atomically(&*self.ops, &target, json.as_bytes()).map_err(|e| e.on(path))?;
        if new_lock.is_some() {
            self.lock = new_lock;
            remove_leftover_temps(&target);
        }
        self.path = path.to_path_buf();
        self.target = target;
        self.stamp = Some(stamp);
        self.backed_up = true;
        self.access = Access::ReadWrite;
        Ok(())
    }

    /// Whether the file on disk differs from what we last read or wrote: length and mtime
    /// first, then (if those differ) the content itself.
    pub fn changed_on_disk(&self) -> bool {
        let meta = match fs::metadata(&self.target) {
            Ok(meta) => meta,
            Err(e) if is_missing(&e) => return self.stamp.is_some(),
            Err(_) => return self.stamp.is_some(),
        };
        let Some(stamp) = self.stamp else { return true };
        if meta.len() == stamp.len && meta.modified().ok() == stamp.modified {
            return false;
        }
        match read_capped(&self.target) {
            Ok(Some((bytes, _))) => content_hash(&bytes) != stamp.hash,
            _ => true,
        }
    }

    /// Reads the file again (after an external change) and makes it the base for saving. A
    /// store that was read-only because the file was broken, newer or locked becomes
    /// writable if that is now resolved.
    pub fn reload(&mut self) -> Result<Portfolio, LoadError> {
        let Some((portfolio, stamp)) = read_and_parse(&self.target, false)? else {
            return Err(LoadError::Io {
                path: self.path.clone(),
                backups: self.backups_dir(),
                source: io::Error::new(io::ErrorKind::NotFound, "the file is gone"),
            });
        };
        self.stamp = Some(stamp);
        if matches!(&self.access, Access::ReadOnly(r) if *r != ReadOnlyReason::Requested) {
            self.access = Access::ReadWrite;
            if self.lock.is_none() {
                match acquire_lock(&self.target) {
                    Ok(Lock::Held(file)) => {
                        self.lock = Some(file);
                        remove_leftover_temps(&self.target);
                    }
                    Ok(Lock::Busy(holder)) => {
                        self.access = Access::ReadOnly(ReadOnlyReason::LockedBy(holder));
                    }
                    Err(_) => {}
                }
            }
        }
        Ok(portfolio)
    }

    /// Takes the lock if we do not hold it yet (the file did not exist at open), creating the
    /// folder first. `Ok(Some)` is a newly taken lock.
    fn ensure_lock(&mut self, target: &Path) -> Result<Option<File>, LockProblem> {
        if self.lock.is_some() {
            return Ok(None);
        }
        create_dirs(&parent_dir(target), 0o700).map_err(LockProblem::Step)?;
        match acquire_lock(target).map_err(LockProblem::Step)? {
            Lock::Held(file) => {
                remove_leftover_temps(target);
                Ok(Some(file))
            }
            Lock::Busy(holder) => {
                self.access = Access::ReadOnly(ReadOnlyReason::LockedBy(holder.clone()));
                Err(LockProblem::Busy(holder))
            }
        }
    }
}

enum LockProblem {
    Step(Step),
    Busy(String),
}

impl LockProblem {
    fn with_path(self, path: &Path) -> SaveError {
        match self {
            LockProblem::Step(s) => s.on(path),
            LockProblem::Busy(holder) => SaveError::Locked { path: path.to_path_buf(), holder },
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn backup_names_parse_strictly() {
        let t = date(2026, 11, 25).at(9, 12, 3, 0);
        assert_eq!(parse_backup_name("portfolio-20261125-091203.json", "portfolio"), Some((t, 1)));
        assert_eq!(parse_backup_name("portfolio-20261125-091203-7.json", "portfolio"), Some((t, 7)));
        assert_eq!(parse_backup_name("portfolio-2-20261125-091203.json", "portfolio"), None);
        assert_eq!(parse_backup_name("portfolio-20261125-091203.json.tmp", "portfolio"), None);
        assert_eq!(parse_backup_name("portfolio-20261125-091203-.json", "portfolio"), None);
        assert_eq!(parse_backup_name("portfolio-20261325-091203.json", "portfolio"), None);
        assert_eq!(parse_backup_name("other-20261125-091203.json", "portfolio"), None);
    }

    #[test]
    fn rotation_keeps_newest_twenty_and_one_a_day_for_thirty_days() {
        let today = date(2026, 11, 25);
        let mut backups = Vec::new();
        // 25 today (newest 20 kept), and three a day for the 40 days before.
        for i in 0..25 {
            backups.push((format!("today-{i}"), today.at(8, 0, i, 0), 1));
        }
        for day in 1..=40 {
            let d = today.checked_sub(day.days()).expect("valid date");
            for h in 0..3 {
                backups.push((format!("d{day}-{h}"), d.at(10 + h, 0, 0, 0), 1));
            }
        }
        let delete: HashSet<String> = backups_to_delete(backups.clone(), today).into_iter().collect();
        let kept: Vec<&String> = backups.iter().map(|b| &b.0).filter(|n| !delete.contains(*n)).collect();
        for i in 5..25 {
            assert!(kept.contains(&&format!("today-{i}")), "newest 20 kept");
        }
        for i in 0..5 {
            assert!(delete.contains(&format!("today-{i}")), "older ones of today go");
        }
        for day in 1..=29 {
            assert!(kept.contains(&&format!("d{day}-2")), "newest of day {day} kept");
            assert!(delete.contains(&format!("d{day}-1")));
            assert!(delete.contains(&format!("d{day}-0")));
        }
        for day in 30..=40 {
            for h in 0..3 {
                assert!(delete.contains(&format!("d{day}-{h}")), "day {day} is outside the window");
            }
        }
        assert_eq!(kept.len(), 20 + 29);
    }

    #[test]
    fn rotation_keeps_everything_when_few() {
        let today = date(2026, 11, 25);
        let backups = (0..20).map(|i| (format!("b{i}"), date(2020, 1, 1).at(0, 0, i, 0), 1)).collect();
        assert!(backups_to_delete(backups, today).is_empty());
    }

    #[test]
    fn typed_and_value_serialisation_agree() {
        let mut p = Portfolio::default();
        p.organisation.name = "Ishøj \"kommune\"\n".into();
        p.initiatives.push(crate::model::Initiative { id: 3, title: "Å 😀".into(), ..Default::default() });
        assert!(!p.has_extras());
        let typed = to_json(&p);
        let mut value = serde_json::to_value(&p).expect("serialises");
        p.emit(&mut value);
        let via_value = serde_json::to_string_pretty(&value).expect("serialises") + "\n";
        assert_eq!(typed, via_value);
    }

    #[test]
    fn positions_count_characters() {
        let text = "{\n  \"å\": x}";
        let e = serde_json::from_str::<Value>(text).expect_err("invalid");
        assert_eq!(human_position(text, e.line(), e.column()), (2, 8));
        assert_eq!(position_of_offset("ab\nåx".as_bytes(), 5), (2, 2));
    }

    #[test]
    fn locate_finds_nested_values() {
        let text = "{\n  \"a\": [1, {\"id\": 7}],\n  \"b\": 2\n}";
        assert_eq!(locate(text, &[]), Some((1, 1)));
        assert_eq!(locate(text, &[Seg::Key("b")]), Some((3, 8)));
        assert_eq!(locate(text, &[Seg::Key("a"), Seg::Index(1), Seg::Key("id")]), Some((2, 19)));
        assert_eq!(locate(text, &[Seg::Key("c")]), None);
    }

    #[test]
    fn migration_chain_sets_the_current_version() {
        let v = migrate(serde_json::json!({"schema_version": 1}), 1).expect("migrates");
        assert_eq!(v["schema_version"], SCHEMA_VERSION);
    }
}
