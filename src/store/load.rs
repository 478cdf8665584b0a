//! Reading the data file strictly: the size cap (checked before reading), UTF-8, JSON, the
//! schema version (older files migrated, newer ones refused), the model's shape and unique
//! ids. Every problem becomes a [`LoadError`] naming the path, `line L, column C`, the JSON
//! path and what was expected.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

mod benefits;
mod groups;
mod ideas;

use super::paths::{backups_dir_for, is_missing};
use super::position::{Seg, human_position, locate, locate_id, position_of_offset, serde_message};
use super::{MAX_FILE_BYTES, Stamp, content_hash};
use crate::i18n::Lang;
use crate::model::extras::Extras;
use crate::model::{Id, Portfolio, SCHEMA_VERSION};

/// Why a data file could not be read. Display is one paragraph naming the path, the
/// position, the JSON path and what was expected, and saying the file was not changed.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The operating system refused to read it.
    #[error("{}. {}", self.summary(), self.advice(Lang::En))]
    Io { path: PathBuf, backups: PathBuf, source: io::Error },
    /// Over [`MAX_FILE_BYTES`]: not read at all.
    #[error("{}. {}", self.summary(), self.advice(Lang::En))]
    TooLarge { path: PathBuf, backups: PathBuf, bytes: u64 },
    /// Not UTF-8, not JSON, not the shape fasett expects, or inconsistent (duplicate ids).
    #[error("{}. {}", self.summary(), self.advice(Lang::En))]
    Invalid {
        path: PathBuf,
        backups: PathBuf,
        /// 1-based line and column (in characters); `None` only for a migrated file.
        position: Option<(usize, usize)>,
        json_path: Option<String>,
        problem: String,
    },
    /// Written by a newer fasett: never written by this one.
    #[error("{}. {}", self.summary(), self.advice(Lang::En))]
    NewerSchema { path: PathBuf, backups: PathBuf, position: (usize, usize), found: u64 },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        self.paths().0
    }

    /// Where `fasett` keeps the backups of this file.
    pub fn backups(&self) -> &Path {
        self.paths().1
    }

    /// The file and its backups folder, which every load error names.
    fn paths(&self) -> (&Path, &Path) {
        match self {
            LoadError::Io { path, backups, .. }
            | LoadError::TooLarge { path, backups, .. }
            | LoadError::Invalid { path, backups, .. }
            | LoadError::NewerSchema { path, backups, .. } => (path, backups),
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
        let mut out = self.path().display().to_string();
        if let Some((line, column)) = self.line_column() {
            let _ = write!(out, ": line {line}, column {column}");
        }
        let _ = match self {
            LoadError::Io { source, .. } => write!(out, ": could not read it: {source}"),
            LoadError::TooLarge { bytes, .. } => write!(
                out,
                ": the file is {}, more than the {} fasett reads; nothing was read or changed",
                megabytes(*bytes, Lang::En),
                megabytes_whole(MAX_FILE_BYTES)
            ),
            LoadError::Invalid { json_path, problem, .. } => {
                if let Some(json_path) = json_path {
                    let _ = write!(out, ": at `{json_path}`");
                }
                write!(out, ": {problem}")
            }
            LoadError::NewerSchema { found, .. } => write!(
                out,
                ": at `schema_version`: the file has schema_version {found}, but this fasett \
                 knows versions up to {SCHEMA_VERSION}; it was written by a newer fasett, so this \
                 one opens it read-only and never writes it (update fasett to edit it)"
            ),
        };
        out
    }
}

/// A load error's summary as each language says it (the frame translated, the parser's
/// words its own), kept by a store opened read-only so that its banner speaks the reader's
/// language. Reads as the English summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Why {
    english: String,
    /// In the order of [`Lang::ALL`].
    localized: Vec<String>,
}

impl Why {
    pub fn of(e: &LoadError) -> Self {
        Why { english: e.summary(), localized: Lang::ALL.iter().map(|l| e.localized_summary(*l)).collect() }
    }

    /// The summary in `lang`.
    pub fn in_lang(&self, lang: Lang) -> &str {
        Lang::ALL
            .iter()
            .position(|l| *l == lang)
            .and_then(|ix| self.localized.get(ix))
            .unwrap_or(&self.english)
    }
}

impl std::ops::Deref for Why {
    type Target = str;
    fn deref(&self) -> &str {
        &self.english
    }
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english)
    }
}

impl LoadError {
    /// The whole paragraph in `lang`: the frame (position, JSON path, the closing advice) is
    /// translated; what the parser found at fault stays in its own words, as it names JSON.
    pub fn localized(&self, lang: Lang) -> String {
        format!("{}. {}", self.localized_summary(lang), self.advice(lang))
    }

    /// The closing advice: the file was not changed (when fasett read it at all), and where
    /// its backups are — named only when that folder holds one, so that a worried user is
    /// not sent to look in an empty or missing place.
    fn advice(&self, lang: Lang) -> String {
        let backups = self.backups();
        match (self, super::backup::holds_backup_of(backups, self.path())) {
            (LoadError::TooLarge { .. }, _) => super::backup::note(backups, self.path(), lang),
            (_, true) => lang.tf("store.unchanged", &[("backups", &backups.display())]),
            (_, false) => lang.t("store.unchanged_no_backups").to_owned(),
        }
    }

    /// [`Self::summary`] in `lang`, as [`Self::localized`] translates it.
    pub fn localized_summary(&self, lang: Lang) -> String {
        let mut out = self.path().display().to_string();
        if let Some((line, column)) = self.line_column() {
            let _ = write!(out, ": {}", lang.tf("store.position", &[("line", &line), ("column", &column)]));
        }
        let _ = match self {
            LoadError::Io { source, .. } => {
                write!(out, ": {}", lang.tf("store.could_not_read", &[("error", source)]))
            }
            LoadError::TooLarge { bytes, .. } => write!(
                out,
                ": {}",
                lang.tf(
                    "store.too_large",
                    &[("size", &megabytes(*bytes, lang)), ("max", &megabytes_whole(MAX_FILE_BYTES))]
                )
            ),
            LoadError::Invalid { json_path, problem, .. } => {
                if let Some(json_path) = json_path {
                    let _ = write!(out, ": {}", lang.tf("store.at", &[("json_path", json_path)]));
                }
                write!(out, ": {problem}")
            }
            LoadError::NewerSchema { found, .. } => {
                write!(out, ": {}", lang.tf("store.newer", &[("found", found), ("known", &SCHEMA_VERSION)]))
            }
        };
        out
    }
}

fn megabytes(bytes: u64, lang: Lang) -> String {
    format!("{} MB", lang.decimal(bytes as f64 / (1024.0 * 1024.0), 1))
}

fn megabytes_whole(bytes: u64) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

/// Parses the bytes of a data file. `path` is only used in messages.
pub fn parse(bytes: &[u8], path: &Path) -> Result<Portfolio, LoadError> {
    parse_inner(bytes, path, false).map(|(portfolio, _)| portfolio)
}

/// Reads and parses the file; `Ok(None)` if it does not exist.
pub fn load(path: &Path) -> Result<Option<Portfolio>, LoadError> {
    let Some((bytes, _)) = read_capped(path)? else { return Ok(None) };
    parse(&bytes, path).map(Some)
}

/// Reads and parses the file like [`load`], also telling the schema version it was migrated
/// from (`None` when it was current).
pub fn load_versioned(path: &Path) -> Result<Option<(Portfolio, Option<u32>)>, LoadError> {
    let Some((bytes, _)) = read_capped(path)? else { return Ok(None) };
    parse_inner(&bytes, path, false).map(Some)
}

/// Reads the whole file, refusing (from metadata, before reading) one over the size cap.
pub(super) fn read_capped(path: &Path) -> Result<Option<(Vec<u8>, fs::Metadata)>, LoadError> {
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
    let bytes = if let Some(bytes) = read_halves(&file, meta.len()) {
        bytes
    } else {
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        // The file may grow between the check and the read; never read past the cap.
        (&mut file).take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io_error)?;
        bytes
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(Some((bytes, meta)))
}

/// A large file's `len` bytes read in two halves side by side: most of a read's time is the
/// fresh memory it fills (about 8 ms for 17 MB here), and the other core can fill half of it.
/// `None` for a small file, or one that is not `len` bytes long by now.
fn read_halves(file: &File, len: u64) -> Option<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let len = usize::try_from(len).ok().filter(|&len| len > PARALLEL_PARSE_BYTES)?;
    let mut bytes = vec![0; len];
    let (first, second) = bytes.split_at_mut(len / 2);
    let read = std::thread::scope(|scope| {
        let second = scope.spawn(|| file.read_exact_at(second, (len / 2) as u64));
        let first = file.read_exact_at(first, 0);
        first.and(second.join().unwrap_or_else(|panic| crate::threads::resume(panic)))
    });
    // Grown since: the whole read takes what there is now.
    let more = file.read_at(&mut [0], len as u64);
    (read.is_ok() && matches!(more, Ok(0))).then_some(bytes)
}

pub(super) fn read_and_parse(
    path: &Path,
    allow_newer: bool,
) -> Result<Option<(Portfolio, Stamp)>, LoadError> {
    read_and_parse_previewing(path, allow_newer, |_| {})
}

/// Like [`read_and_parse`]; a large file's bytes are first given to `preview` (to draw a
/// first frame from a [`super::glance`]), then parsed on another thread while this one
/// hashes them. The preview goes first, alone: the two cores of a small machine may share
/// one core's units, and the parse beside it slowed the glance by half (13.5 → 19.5 ms at
/// 10,000 initiatives), for a first frame 5 ms later.
pub(super) fn read_and_parse_previewing(
    path: &Path,
    allow_newer: bool,
    preview: impl FnOnce(&[u8]),
) -> Result<Option<(Portfolio, Stamp)>, LoadError> {
    let Some((bytes, meta)) = read_capped(path)? else { return Ok(None) };
    let (portfolio, hash) = if bytes.len() > PARALLEL_PARSE_BYTES {
        std::thread::scope(|scope| {
            preview(&bytes);
            let portfolio = scope.spawn(|| parse_inner(&bytes, path, allow_newer));
            let hash = content_hash(&bytes);
            (portfolio.join().unwrap_or_else(|panic| crate::threads::resume(panic)), hash)
        })
    } else {
        (parse_inner(&bytes, path, allow_newer), content_hash(&bytes))
    };
    let (portfolio, _) = portfolio?;
    let stamp = Stamp { len: meta.len(), modified: meta.modified().ok(), hash };
    Ok(Some((portfolio, stamp)))
}

/// Steps that lift a file to a schema version, in order of the version each brings the file
/// to. A version with no step of its own (its change needed none, or its step lives on another
/// branch that has not landed yet) is passed over, so steps may be added in any order. Adding
/// schema version N means raising [`SCHEMA_VERSION`] and, if old files need it, adding a step
/// here (the check below keeps the table in order and within our version).
const MIGRATIONS: &[Step] = &[
    Step { to: 2, run: groups::migrate_to_2, explains: "check.migrate_2" },
    Step { to: 3, run: benefits::migrate_to_3, explains: "check.migrate_3" },
    Step { to: 4, run: ideas::migrate_to_4, explains: "check.migrate_4" },
];

/// One schema step: brings a parsed file to version `to` in place, or says why it cannot.
struct Step {
    to: u32,
    run: fn(&mut Value) -> Result<(), String>,
    /// Catalog key of what the step does, in words, for `fasett check`.
    explains: &'static str,
}

const _: () = {
    let mut ix = 0;
    while ix < MIGRATIONS.len() {
        assert!(MIGRATIONS[ix].to >= 2 && MIGRATIONS[ix].to <= SCHEMA_VERSION);
        assert!(ix == 0 || MIGRATIONS[ix - 1].to < MIGRATIONS[ix].to);
        ix += 1;
    }
};

/// Brings a parsed file of schema version `from` (older than ours) up to [`SCHEMA_VERSION`],
/// running every step above `from` in order.
pub fn migrate(mut value: Value, from: u32) -> Result<Value, String> {
    for step in MIGRATIONS.iter().filter(|step| step.to > from) {
        (step.run)(&mut value)?;
    }
    if let Some(root) = value.as_object_mut() {
        root.insert("schema_version".into(), Value::from(SCHEMA_VERSION));
    }
    Ok(value)
}

/// The file at `path` is not a portfolio: `problem`, at `position` (line, column) and
/// `json_path` where they are known.
fn invalid_file(
    path: &Path,
    position: Option<(usize, usize)>,
    json_path: Option<String>,
    problem: String,
) -> LoadError {
    LoadError::Invalid {
        path: path.to_path_buf(),
        backups: backups_dir_for(path),
        position,
        json_path,
        problem,
    }
}

/// What migrating a file of schema version `from` does: one catalog key per step.
pub fn migration_steps(from: u32) -> Vec<&'static str> {
    MIGRATIONS.iter().filter(|step| step.to > from).map(|step| step.explains).collect()
}

/// The portfolio, and the schema version it was migrated from (`None`: it was current).
fn parse_inner(bytes: &[u8], path: &Path, allow_newer: bool) -> Result<(Portfolio, Option<u32>), LoadError> {
    let invalid = |position, json_path, problem| invalid_file(path, position, json_path, problem);
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
    let (mut portfolio, migrated_from) = if let Some(portfolio) = parse_current(text) {
        (portfolio, None)
    } else {
        parse_tree(bytes, text, path, allow_newer)?
    };

    // Migration keeps the order of every list, so a position in the text as written is the
    // right one.
    if let Some(dup) = first_duplicate_id(&portfolio) {
        let position = locate_id(text, dup.segments, dup.second);
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
    if let Some(dup) = benefits::first_duplicate(&portfolio) {
        let position = locate(text, &dup.segments());
        return Err(invalid(position, Some(dup.path()), dup.problem()));
    }
    if let Some((run, first, second, id)) = groups::first_duplicate_response(&portfolio) {
        let at = [Seg::Key("assessments"), Seg::Index(run), Seg::Key("responses")];
        let second_path = format!("assessments[{run}].responses[{second}].id");
        return Err(invalid(
            locate_id(text, &at, second),
            Some(second_path.clone()),
            format!(
                "the response id {id} is used twice in one checklist run, by \
                 assessments[{run}].responses[{first}].id and {second_path}; a response's id must \
                 be unique within its run (give one of them an unused id)"
            ),
        ));
    }
    settle(&mut portfolio);
    Ok((portfolio, migrated_from))
}

/// What every read portfolio gets before use: numbers for unnumbered benefits, and the
/// initiatives in the order of their ids (already so in a file fasett wrote), since
/// `Portfolio::initiative` binary-searches by id.
pub(super) fn settle(portfolio: &mut Portfolio) {
    benefits::number_unnumbered(portfolio);
    if !portfolio.initiatives.is_sorted_by_key(|i| i.id) {
        portfolio.initiatives.sort_by_key(|i| i.id);
    }
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
/// keys) beside the typed read with its JSON path. Gives the portfolio and the version it was
/// migrated from, or the problem in words.
fn parse_tree(
    bytes: &[u8],
    text: &str,
    path: &Path,
    allow_newer: bool,
) -> Result<(Portfolio, Option<u32>), LoadError> {
    let invalid = |position, json_path, problem| invalid_file(path, position, json_path, problem);
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
                let typed = typed.join().unwrap_or_else(|panic| crate::threads::resume(panic));
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

    let worded = |e: serde_path_to_error::Error<serde_json::Error>| {
        let json_path = e.path().to_string();
        let json_path = (json_path != "." && !json_path.is_empty()).then_some(json_path);
        let inner = e.into_inner();
        let position = (inner.line() > 0).then(|| human_position(text, inner.line(), inner.column()));
        invalid(position, json_path, serde_message(&inner))
    };
    let typed = if migrated {
        // The migrated tree has no positions, and a tree keeps only the last of two equal keys.
        // The typed read of the text as written gives both back: its error (with line and
        // column) stands in for the migrated one, and a key given twice is refused.
        let as_written = early_typed.take().unwrap_or_else(typed_from_text);
        match (serde_path_to_error::deserialize(&value), as_written) {
            (Err(_), Err(e)) => Err(e),
            (Ok(_), Err(e)) if e.inner().to_string().starts_with("duplicate field") => Err(e),
            (typed, _) => typed,
        }
    } else {
        early_typed.take().unwrap_or_else(typed_from_text)
    };
    let mut portfolio: Portfolio = typed.map_err(worded)?;
    portfolio.absorb(&value);
    drop_later(value, text.len());
    Ok((portfolio, migrated.then_some(version as u32)))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_file_read_in_halves_is_the_file_and_a_changed_length_reads_it_whole() {
        let text: Vec<u8> = (0..PARALLEL_PARSE_BYTES * 3).map(|i| (i % 251) as u8).collect();
        let dir = crate::testing::temp_dir();
        let path = dir.path().join("large.json");
        fs::write(&path, &text).expect("written");
        let file = File::open(&path).expect("opened");
        let len = text.len() as u64;
        assert!(read_halves(&file, len) == Some(text.clone()), "the halves are the file");
        assert!(read_halves(&file, len + 10).is_none(), "shorter than it was");
        assert!(read_halves(&file, len - 10).is_none(), "longer than it was");
        assert!(read_halves(&file, 100).is_none(), "a small file is read at once");
        let (read, _) = read_capped(&path).expect("reads").expect("exists");
        assert!(read == text);
    }

    #[test]
    fn migration_chain_sets_the_current_version() {
        let v = migrate(serde_json::json!({"schema_version": 1}), 1).expect("migrates");
        assert_eq!(v["schema_version"], SCHEMA_VERSION);
        assert_eq!(migration_steps(1), ["check.migrate_2", "check.migrate_3", "check.migrate_4"]);
        assert_eq!(
            migration_steps(2),
            ["check.migrate_3", "check.migrate_4"],
            "a file at 2 runs the steps to 3 and 4"
        );
        assert_eq!(migration_steps(3), ["check.migrate_4"]);
        assert!(migration_steps(SCHEMA_VERSION).is_empty());
    }

    #[test]
    fn every_step_is_explained_in_english() {
        for step in MIGRATIONS {
            assert_ne!(crate::i18n::Lang::En.t(step.explains), step.explains, "missing {}", step.explains);
        }
    }
}
