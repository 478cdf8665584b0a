//! Text being typed survives a dropped connection, a kill or a panic.
//!
//! While a form (or a log line) holds text that is not saved yet, the app keeps a [`Draft`]
//! of it in memory ([`remember`]) after every key, and writes it to `<data file>.recovery`
//! (mode 0600, atomically) after a few idle seconds, on a signal and from the panic hook. The
//! next start offers it back and then removes the file. The data file itself is never touched
//! here.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use crate::model::{Id, Initiative, LogKind};
use crate::store::{self, Sharing, WriteError};

/// Appended to the data file's name.
pub const SUFFIX: &str = ".recovery";
/// Recovery files larger than this are not read (a draft is at most a few hundred kB).
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Unsaved text, and which form it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "snake_case")]
pub enum Draft {
    /// The initiative form: `editing` is the initiative's id (`None` for a new one), `draft`
    /// holds the choices, `fields` every text field as typed (by the field's catalog key,
    /// e.g. `field.title`), so even an unparsable date comes back as it was.
    Initiative { editing: Option<Id>, focus: usize, draft: Box<Initiative>, fields: Vec<(String, String)> },
    /// A log line being typed for initiative `id`.
    LogEntry { id: Id, kind: LogKind, text: String },
}

impl Draft {
    /// A few words about it for the restore dialog: "a new initiative “Nattfasta i…”".
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Draft::Initiative { editing, fields, .. } => {
                let title = fields.iter().find(|(k, _)| k == "field.title").map_or("", |(_, v)| v.as_str());
                let title = first_words(title);
                match editing {
                    None => lang.tf("recovery.draft_new", &[("title", &title)]),
                    Some(id) => lang.tf("recovery.draft_edit", &[("id", id), ("title", &title)]),
                }
            }
            Draft::LogEntry { id, text, .. } => {
                lang.tf("recovery.draft_log", &[("id", id), ("text", &first_words(text))])
            }
        }
    }
}

/// The first words of `text` on one line, cut after a word with "…" if it is long.
fn first_words(text: &str) -> String {
    const ENOUGH: usize = 40;
    let text = crate::text::one_line(text.trim());
    if text.chars().count() <= ENOUGH {
        return text.into_owned();
    }
    let mut words = String::new();
    for word in text.split(' ') {
        if !words.is_empty() && words.chars().count() + 1 + word.chars().count() > ENOUGH {
            break;
        }
        if !words.is_empty() {
            words.push(' ');
        }
        words.extend(word.chars().take(ENOUGH));
    }
    words + "…"
}

/// The content of a recovery file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    /// When it was written (RFC 3339).
    pub written: String,
    pub draft: Draft,
}

impl Recovery {
    pub fn new(draft: Draft) -> Self {
        Self { written: jiff::Timestamp::now().to_string(), draft }
    }
}

/// `<data file>.recovery`, beside the data file.
pub fn path_for(data_file: &Path) -> PathBuf {
    let mut name = data_file.file_name().map_or_else(|| OsString::from("portfolio.json"), ToOwned::to_owned);
    name.push(SUFFIX);
    data_file.with_file_name(name)
}

/// Writes through the one atomic writer, as a private file (mode 0600).
pub fn write(path: &Path, recovery: &Recovery) -> Result<(), WriteError> {
    // Called from the panic hook too, so a failure here is reported, never a panic.
    let mut json = serde_json::to_string_pretty(recovery).map_err(|e| WriteError::Failed {
        doing: "put into words the text for",
        at: path.to_path_buf(),
        source: io::Error::other(e),
    })?;
    json.push('\n');
    store::write_file(path, json.as_bytes(), Sharing::Private).map(|_| ())
}

/// Reads a recovery file: `Ok(None)` if there is none; `Err` says why one is unreadable.
pub fn read(path: &Path) -> Result<Option<Recovery>, String> {
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let mut bytes = Vec::new();
    file.take(MAX_BYTES).read_to_end(&mut bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map(Some).map_err(|e| format!("{}: {e}", path.display()))
}

/// Removes the file; a missing file is fine.
pub fn remove(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The latest draft and where it goes, reachable from the panic hook and the signal
/// watchdog, which cannot reach the app.
static LATEST: Mutex<Option<(PathBuf, Recovery)>> = Mutex::new(None);

/// Keeps `draft` (or forgets it: `None`) as the text to rescue into `path`.
pub fn remember(path: &Path, draft: Option<Draft>) {
    let mut latest = LATEST.lock().unwrap_or_else(PoisonError::into_inner);
    *latest = draft.map(|d| (path.to_path_buf(), Recovery::new(d)));
}

/// Writes the remembered draft, if any; returns where. For the panic hook and the signal
/// watchdog: never panics, never blocks on a poisoned lock.
pub fn rescue() -> Option<PathBuf> {
    let latest = match LATEST.try_lock() {
        Ok(guard) => guard,
        Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => return None,
    };
    let (path, recovery) = latest.as_ref()?;
    write(path, recovery).ok().map(|()| path.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_draft_is_named_by_its_first_words() {
        assert_eq!(first_words("  Nattfasta  "), "Nattfasta");
        let long = "Gemensam bilpool för hemtjänsten och hemsjukvården i hela kommunen";
        assert_eq!(first_words(long), "Gemensam bilpool för hemtjänsten och…");
        assert_eq!(first_words(&"x".repeat(50)), format!("{}…", "x".repeat(40)));
        assert_eq!(first_words("rad ett\nrad två"), "rad ett rad två");
    }

    #[test]
    fn a_draft_round_trips_with_mode_0600() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = path_for(&dir.path().join("portfolio.json"));
        assert_eq!(path.file_name().and_then(|n| n.to_str()), Some("portfolio.json.recovery"));
        let r =
            Recovery::new(Draft::LogEntry {
                id: 3, kind: LogKind::Note, text: "halvfärdig\u{1b}[2J".into()
            });
        write(&path, &r).expect("writes");
        assert_eq!(fs::metadata(&path).expect("exists").permissions().mode() & 0o777, 0o600);
        assert_eq!(read(&path), Ok(Some(r.clone())));
        let described = r.draft.describe(crate::i18n::Lang::En);
        assert!(described.contains('␛'), "shown harmlessly: {described}");
        remove(&path).expect("removes");
        assert_eq!(read(&path), Ok(None));
        remove(&path).expect("a missing file is fine");
        fs::write(&path, "{ not json").expect("writes");
        assert!(read(&path).is_err());
    }
}
