//! The data file: where it is, reading it strictly and saving it without ever losing it.
//!
//! The guarantees are the contract in `docs/contracts.md`, "The data file":
//! - [`parse`] is strict and every problem names the path, `line L, column C`, the JSON path
//!   (`initiatives[3].facet`) and what was expected; unknown keys are kept (see
//!   [`crate::model::extras`]); older schema versions go through [`migrate`].
//! - [`Store::save`] goes through the one atomic writer, [`write_file_with`]: a temporary file
//!   in the target's own directory, fsynced, renamed over the target, the directory fsynced, so
//!   a crash leaves the old or the new file whole. New files get mode 0600, existing ones keep
//!   theirs, a symlink stays a symlink. Every other file fasett writes uses the same writer.
//! - Before the first save of a session the previous file is copied to `backups/`.
//! - A writable store holds an OS lock on `<file>.lock`, whose text names the holder.
//! - A file we could not read, one from a newer fasett, or one changed on disk since we read
//!   or wrote it, is never written.
//!
//! The parts, one file each under `store/`: `paths` (where the file is), `load` (reading,
//! with `position` for line and column), `write` (the one writer), `backup`, `lock`, `ops`
//! (the file operations, which tests can make fail), and `saver` (the thread that saves the
//! interface's edits, so that no keypress waits for the disk).

use std::fmt;
use std::fs::{self, File};
use std::hash::{DefaultHasher, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::i18n::Lang;
use crate::model::Portfolio;

mod backup;
mod glance;
mod load;
mod lock;
mod ops;
mod paths;
mod position;
mod saver;
mod write;

use backup::{make_backup, remove_leftover_temps};
pub use glance::glance;
pub use load::{LoadError, Why, load, load_versioned, migrate, migration_steps, parse};
use load::{read_and_parse, read_and_parse_previewing, read_capped};
pub use lock::{Holder, localized_holder};
use lock::{Lock, LockProblem, acquire_lock};
pub use ops::{Fault, FaultyFileOps, FileOps, Op, RealFileOps, TempFile};
pub use paths::{PathProblem, StoreError, backups_dir_for, data_dir, resolve_path, resolve_path_from};
use paths::{backups_dir_of_target, is_missing, parent_dir, resolve_link, same_file};
pub use saver::{Outcome, Saver};
pub use write::{Sharing, WriteError, Written, to_json, write_file, write_file_with};
use write::{create_dirs, write_file_filled, write_json};

/// The data file's name inside the data directory.
pub const FILE_NAME: &str = "portfolio.json";
/// Files larger than this are not read at all (checked from metadata before reading).
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// Why nothing was saved. The file on disk is untouched and the caller still has the data.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The store is read-only; nothing is ever written.
    #[error("{}", self.localized(Lang::En))]
    ReadOnly { path: PathBuf, backups: PathBuf, reason: ReadOnlyReason },
    /// The file changed on disk since we read or wrote it.
    #[error("{}", self.localized(Lang::En))]
    ExternalChange { path: PathBuf, backups: PathBuf },
    /// Another fasett holds the file's lock.
    #[error(
        "{path}: not saved: another fasett has it open for writing ({holder}). Nothing was written; \
         close the other fasett or save to another file with :w PATH."
    )]
    Locked { path: PathBuf, holder: String },
    /// The operating system refused a step (`doing` names it, `at` is the path it was about).
    #[error(
        "{path}: not saved: could not {doing}{}: {source}. The file was not changed and your edits \
         are still open in fasett; fix the problem and save again, or save to another file with :w \
         PATH.",
        at_unless_same(.at, .path)
    )]
    Io { path: PathBuf, doing: &'static str, at: PathBuf, source: io::Error },
    /// The new file is in place, whole, but its folder `at` could not be flushed to disk, so a
    /// power cut could still bring back the previous version.
    #[error(
        "{path}: saved, but the folder {at} could not be flushed to disk ({source}), so a power cut \
         could still bring back the previous version. Your edits are still open in fasett, which \
         saves again at the next edit; :w saves now."
    )]
    NotDurable { path: PathBuf, at: PathBuf, source: io::Error },
}

/// ` <at>`, or nothing when the step was about the file itself.
fn at_unless_same(at: &Path, path: &Path) -> String {
    if at == path { String::new() } else { format!(" {}", at.display()) }
}

impl SaveError {
    /// The message in `lang`, as [`fmt::Display`] says it in English; the operating
    /// system's own words (the `source`) stay as it gives them.
    pub fn localized(&self, lang: Lang) -> String {
        match self {
            SaveError::ReadOnly { path, backups, reason } => lang.tf(
                "store.not_saved_read_only",
                &[
                    ("path", &path.display()),
                    ("reason", &reason.localized(lang)),
                    ("backups", &backup::note(backups, path, lang)),
                ],
            ),
            SaveError::ExternalChange { path, backups } => lang.tf(
                "store.not_saved_external",
                &[("path", &path.display()), ("backups", &backup::note(backups, path, lang))],
            ),
            SaveError::Locked { path, holder } => lang.tf(
                "store.not_saved_locked",
                &[("path", &path.display()), ("holder", &lock::localized_holder(holder, lang))],
            ),
            SaveError::Io { path, doing, at, source } => {
                let step = write::doing_in(doing, lang);
                let doing = format!("{step}{}", at_unless_same(at, path));
                lang.tf(
                    "store.not_saved_io",
                    &[("path", &path.display()), ("doing", &doing), ("error", source)],
                )
            }
            SaveError::NotDurable { path, at, source } => lang.tf(
                "store.saved_not_durable",
                &[("path", &path.display()), ("at", &at.display()), ("error", source)],
            ),
        }
    }

    pub fn path(&self) -> &Path {
        match self {
            SaveError::ReadOnly { path, .. }
            | SaveError::ExternalChange { path, .. }
            | SaveError::Locked { path, .. }
            | SaveError::Io { path, .. }
            | SaveError::NotDurable { path, .. } => path,
        }
    }

    /// A failed write of the data file named `path`.
    fn from_write(path: &Path, e: WriteError) -> SaveError {
        let path = path.to_path_buf();
        match e {
            WriteError::Failed { doing, at, source } => SaveError::Io { path, doing, at, source },
            WriteError::NotDurable { at, source, .. } => SaveError::NotDurable { path, at, source },
        }
    }
}

/// What we know about the file as we last read or wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

impl Stamp {
    /// Writes the data file at `target` through the one atomic writer with what `json`
    /// writes, hashing the bytes as they pass: the stamp of what is now on disk. A file that
    /// is in place but perhaps not durable gives its stamp with the error.
    fn write(
        ops: &dyn FileOps,
        target: &Path,
        json: &mut write::Fill<'_>,
    ) -> Result<Stamp, (WriteError, Option<Stamp>)> {
        let mut hasher = DefaultHasher::new();
        let written = write_file_filled(ops, target, Sharing::Private, &mut |out| {
            json(&mut Hashing { out, hasher: &mut hasher })
        });
        let stamp = |w: Written| Stamp { len: w.len, modified: w.modified, hash: hasher.finish() };
        written.map(stamp).map_err(|e| {
            let written = e.written().map(stamp);
            (e, written)
        })
    }
}

fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// Passes what is written on, hashing it as [`content_hash`] hashes the whole (the hasher
/// reads bytes as a stream: pieces give the hash of the whole).
struct Hashing<'a> {
    out: &'a mut dyn io::Write,
    hasher: &'a mut DefaultHasher,
}

impl io::Write for Hashing<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.out.write(bytes)?;
        self.hasher.write(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Whether this session may write the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    ReadOnly(ReadOnlyReason),
}

impl Access {
    pub fn is_read_only(&self) -> bool {
        matches!(self, Access::ReadOnly(_))
    }
}

/// Why a store is read-only. Display completes "the file is …".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// `--read-only` was given.
    Requested,
    /// The file could not be read; the load error's summary.
    LoadFailed(Why),
    /// The file has a newer `schema_version`; the load error's summary.
    NewerSchema(Why),
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
                    "open read-only because fasett could not read it, and fasett never overwrites what it \
                     could not read ({why})"
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

impl ReadOnlyReason {
    /// The reason in `lang`, completing "the file is …" as [`fmt::Display`] does in English.
    /// A load error's position is said in `lang` too; what the parser found at fault stays
    /// in its own words.
    pub fn localized(&self, lang: Lang) -> String {
        match self {
            ReadOnlyReason::Requested => lang.t("store.read_only_requested").to_owned(),
            ReadOnlyReason::LoadFailed(why) => {
                lang.tf("store.read_only_load_failed", &[("why", &why.in_lang(lang))])
            }
            ReadOnlyReason::NewerSchema(why) => {
                lang.tf("store.read_only_newer", &[("why", &why.in_lang(lang))])
            }
            ReadOnlyReason::LockedBy(holder) => {
                lang.tf("store.read_only_locked", &[("holder", &lock::localized_holder(holder, lang))])
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

/// What [`Store::take_over`] came to.
#[derive(Debug)]
pub enum TakeOver {
    /// This session holds the lock and may write now; the file as it is on disk, which the
    /// session goes on from (`None`: there is no file yet, or the store was writable).
    Taken(Option<Box<Portfolio>>),
    /// Another fasett holds the lock; its lock file's text.
    Busy(String),
    /// Read-only for a reason no lock changes: a file fasett could not read, or a newer one's.
    Refused(ReadOnlyReason),
    /// The lock was free, but the file cannot be read now; the store stays read-only.
    Unreadable(LoadError),
    /// The lock file could not be opened or locked.
    Failed(WriteError),
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
        Self::open_previewing(path, read_only, |_, _| {})
    }

    /// Opens the data file like [`Store::open`]. Before a large file is parsed, `preview` is
    /// given the access the session will have and the file's bytes, so that a first frame
    /// can be drawn from a [`glance`] at once.
    pub fn open_previewing(
        path: &Path,
        read_only: bool,
        preview: impl FnOnce(&Access, &[u8]),
    ) -> Result<Opened, StoreError> {
        if path.as_os_str().is_empty() {
            return Err(StoreError::BadPath { path: path.to_path_buf(), problem: PathProblem::Empty });
        }
        let target = resolve_link(path);
        if fs::metadata(&target).is_ok_and(|m| m.is_dir()) {
            return Err(StoreError::BadPath { path: path.to_path_buf(), problem: PathProblem::Folder });
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
        if read_only && store.access == Access::ReadWrite {
            store.access = Access::ReadOnly(ReadOnlyReason::Requested);
        }
        let access = store.access.clone();
        let read = read_and_parse_previewing(&store.target, false, |bytes| preview(&access, bytes));
        let (portfolio, existed) = match read {
            Ok(None) => (Portfolio::default(), false),
            Ok(Some((portfolio, stamp))) => {
                store.stamp = Some(stamp);
                (portfolio, true)
            }
            Err(e) => {
                store.lock = None;
                let summary = Why::of(&e);
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
        let mut portfolio = portfolio;
        if store.access == Access::ReadWrite {
            // Written with the first save; opening alone still writes nothing.
            portfolio.ensure_identity();
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
        self.access.is_read_only()
    }

    /// `backups/` beside the real file.
    pub fn backups_dir(&self) -> PathBuf {
        backups_dir_of_target(&self.target)
    }

    /// Saves atomically, after checking that we may write and that nobody else changed the
    /// file. On error nothing was changed on disk (a backup may have been added).
    pub fn save(&mut self, portfolio: &Portfolio) -> Result<(), SaveError> {
        self.save_with(|out| write_json(out, portfolio))
    }

    /// [`Store::save`] of the text `json` writes, which must be [`to_json`] of the portfolio:
    /// the saving thread writes it from a snapshot, piece by piece, never whole in memory.
    pub(crate) fn save_with(
        &mut self,
        mut json: impl FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<(), SaveError> {
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
        let target = self.target.clone();
        let lock = self.ensure_lock(&target).map_err(|e| e.with_path(&self.path))?;
        if let Some(lock) = lock {
            self.lock = Some(lock);
        }
        if !self.backed_up && fs::metadata(&target).is_ok() {
            make_backup(&*self.ops, &target).map_err(|e| SaveError::from_write(&self.path, e))?;
            self.backed_up = true;
        }
        let stamp = match Stamp::write(&*self.ops, &target, &mut json) {
            Ok(stamp) => stamp,
            Err((e, written)) => {
                // In place but perhaps not durable: it is still ours, so the next save may
                // replace it (and flush the folder again).
                if written.is_some() {
                    self.stamp = written;
                    self.backed_up = true;
                }
                return Err(SaveError::from_write(&self.path, e));
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
        let new_lock = if same && self.lock.is_some() {
            None
        } else {
            create_dirs(&parent_dir(&target), 0o700).map_err(|e| SaveError::from_write(path, e))?;
            match acquire_lock(&target).map_err(|e| SaveError::from_write(path, e))? {
                Lock::Held(file) => Some(file),
                Lock::Busy(holder) => return Err(SaveError::Locked { path: path.to_path_buf(), holder }),
            }
        };
        // Overwriting a file whose current content we have not backed up: keep a copy.
        let needs_backup =
            fs::metadata(&target).is_ok() && (!same || !self.backed_up || self.changed_on_disk());
        if needs_backup {
            make_backup(&*self.ops, &target).map_err(|e| SaveError::from_write(path, e))?;
        }
        let stamp = Stamp::write(&*self.ops, &target, &mut |out| write_json(out, portfolio))
            .map_err(|(e, _)| SaveError::from_write(path, e))?;
        if new_lock.is_some() {
            if let Some(old) = &self.lock {
                let _ = old.set_len(0);
            }
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

    /// Makes a read-only store writable, if only the lock stood in the way (another fasett
    /// held it, or `--read-only` was asked): takes the lock when it is free and reads the
    /// file again, as the holder left it.
    pub fn take_over(&mut self) -> TakeOver {
        match &self.access {
            Access::ReadWrite => return TakeOver::Taken(None),
            Access::ReadOnly(reason @ (ReadOnlyReason::LoadFailed(_) | ReadOnlyReason::NewerSchema(_))) => {
                return TakeOver::Refused(reason.clone());
            }
            Access::ReadOnly(ReadOnlyReason::Requested | ReadOnlyReason::LockedBy(_)) => {}
        }
        let lock = match acquire_lock(&self.target) {
            Ok(Lock::Held(lock)) => lock,
            Ok(Lock::Busy(holder)) => {
                if matches!(self.access, Access::ReadOnly(ReadOnlyReason::LockedBy(_))) {
                    self.access = Access::ReadOnly(ReadOnlyReason::LockedBy(holder.clone()));
                }
                return TakeOver::Busy(holder);
            }
            Err(e) => return TakeOver::Failed(e),
        };
        match read_and_parse(&self.target, false) {
            Ok(found) => {
                self.lock = Some(lock);
                self.access = Access::ReadWrite;
                self.stamp = found.as_ref().map(|(_, stamp)| *stamp);
                remove_leftover_temps(&self.target);
                TakeOver::Taken(found.map(|(mut portfolio, _)| {
                    portfolio.ensure_identity();
                    Box::new(portfolio)
                }))
            }
            Err(e) => {
                let summary = Why::of(&e);
                self.access = Access::ReadOnly(if e.is_newer_schema() {
                    ReadOnlyReason::NewerSchema(summary)
                } else {
                    ReadOnlyReason::LoadFailed(summary)
                });
                TakeOver::Unreadable(e)
            }
        }
    }

    /// Whether the lock is free now, for a read-only session to notice that the fasett that
    /// held it has closed.
    pub fn lock_is_free(&self) -> bool {
        lock::is_free(&self.target)
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

impl Drop for Store {
    /// Leaves the lock file naming nobody: the OS lock goes with the process, and a text
    /// naming a process that is gone would only mislead whoever reads it.
    fn drop(&mut self) {
        if let Some(lock) = &self.lock {
            let _ = lock.set_len(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_can_move_to_a_saving_thread() {
        fn send<T: Send>() {}
        send::<Store>();
        send::<SaveError>();
    }

    #[test]
    fn a_text_hashed_in_pieces_as_it_is_written_has_the_hash_of_the_whole() {
        use std::io::Write;
        let text: Vec<u8> = (0..10_000u32).flat_map(u32::to_le_bytes).collect();
        for piece in [1, 3, 7, 8, 13, 4096, 40_000] {
            let (mut out, mut hasher) = (Vec::new(), DefaultHasher::new());
            let mut hashing = Hashing { out: &mut out, hasher: &mut hasher };
            for part in text.chunks(piece) {
                hashing.write_all(part).expect("into memory");
            }
            assert_eq!(out, text);
            assert_eq!(hasher.finish(), content_hash(&text), "pieces of {piece}");
        }
    }
}
