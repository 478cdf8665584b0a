//! The one atomic writer. Every file fasett writes goes through [`write_file`]: the data
//! file, the recovery file, the settings, exports and reports. A temporary file is made in the
//! target's own folder, written, fsynced, renamed over the target, and the folder is fsynced,
//! so a crash at any instant leaves the old file or the new one, whole. Each step goes through
//! [`FileOps`], so tests can make any of them fail.

use std::fs::{self, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Serialize;
use tempfile::NamedTempFile;

use super::ops::{FileOps, RealFileOps, TempFile};
use super::paths::{file_name, parent_dir, resolve_link};
use crate::i18n::Lang;
use crate::model::Portfolio;
use crate::model::extras::Extras;

pub(super) const TEMP_SUFFIX: &str = ".tmp";
pub(super) const TEMP_RANDOM_CHARS: usize = 6;

/// Who may read a file the writer creates. A file that exists keeps its mode and owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sharing {
    /// Mode 0600, and missing folders are made (mode 0700): the data file, the recovery file
    /// and the settings hold what only their owner should read.
    Private,
    /// The permissions the umask gives a new file (usually 0644), into a folder that must
    /// exist: exports and reports, written to be passed on.
    Shared,
}

/// The new file as it was left on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub len: u64,
    pub modified: Option<SystemTime>,
}

/// A step of a write that the operating system refused. The message names the step and the
/// path it was about (the temporary file, the folder or the target).
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Nothing was replaced: the target is as it was, and no temporary file is left.
    #[error("could not {doing} {at}: {source}")]
    Failed { doing: &'static str, at: PathBuf, source: io::Error },
    /// The new file is in place, whole, but its folder `at` could not be flushed to disk, so a
    /// power cut could still bring back the previous version.
    #[error("the file was written, but its folder {at} could not be flushed to disk ({source})")]
    NotDurable { at: PathBuf, source: io::Error, written: Written },
}

/// The catalog key that names a file step (a [`WriteError`]'s `doing`) in every language.
fn doing_key(doing: &str) -> Option<&'static str> {
    Some(match doing {
        "create a temporary file in" => "store.doing.create_temp",
        "write" => "store.doing.write",
        "flush to disk" => "store.doing.flush",
        "rename the temporary file over" => "store.doing.rename",
        "inspect" => "store.doing.inspect",
        "set the mode of" => "store.doing.set_mode",
        "create the folder" => "store.doing.create_folder",
        "create a backup in" => "store.doing.create_backup",
        "write the backup" => "store.doing.write_backup",
        "flush the backup" => "store.doing.flush_backup",
        "read for a backup" => "store.doing.read_for_backup",
        "name the backup" => "store.doing.name_backup",
        "open the lock file" => "store.doing.open_lock",
        "lock" => "store.doing.lock",
        "save to" => "store.doing.save_to",
        "put into words the text for" => "store.doing.serialise",
        _ => return None,
    })
}

/// A file step (a `doing`) in `lang`.
pub(super) fn doing_in(doing: &'static str, lang: Lang) -> &'static str {
    doing_key(doing).map_or(doing, |key| lang.t(key))
}

impl WriteError {
    /// The message in `lang`; the operating system's own words stay as it gives them.
    pub fn localized(&self, lang: Lang) -> String {
        match self {
            WriteError::Failed { doing, at, source } => lang.tf(
                "store.could_not",
                &[("doing", &doing_in(doing, lang)), ("at", &at.display()), ("error", source)],
            ),
            WriteError::NotDurable { at, source, .. } => {
                lang.tf("store.not_durable", &[("at", &at.display()), ("error", source)])
            }
        }
    }

    /// The target was replaced (only its durability is in doubt).
    pub fn written(&self) -> Option<Written> {
        match self {
            WriteError::Failed { .. } => None,
            WriteError::NotDurable { written, .. } => Some(*written),
        }
    }
}

/// A [`WriteError::Failed`] for `doing` at `at`, to use with `map_err`.
pub(super) fn step(doing: &'static str, at: &Path) -> impl FnOnce(io::Error) -> WriteError {
    let at = at.to_path_buf();
    move |source| WriteError::Failed { doing, at, source }
}

/// Writes `bytes` to `path` atomically with the operating system's file operations.
pub fn write_file(path: &Path, bytes: &[u8], sharing: Sharing) -> Result<Written, WriteError> {
    write_file_with(&RealFileOps, path, bytes, sharing)
}

/// What a write puts in its file: it is given the file and writes every byte, in as many
/// pieces as it likes, so a large text need never be whole in memory.
pub type Fill<'a> = dyn FnMut(&mut dyn io::Write) -> io::Result<()> + 'a;

/// Writes `bytes` to `path` atomically through `ops`: a temporary file beside the target,
/// written, fsynced, renamed over the target, then the folder fsynced. A symlink is written
/// through (the file it leads to is replaced, the link stays a link). On
/// [`WriteError::Failed`] the target is untouched and the temporary file is gone.
pub fn write_file_with(
    ops: &dyn FileOps,
    path: &Path,
    bytes: &[u8],
    sharing: Sharing,
) -> Result<Written, WriteError> {
    write_file_filled(ops, path, sharing, &mut |out| out.write_all(bytes))
}

/// [`write_file_with`] of the bytes `contents` writes.
pub fn write_file_filled(
    ops: &dyn FileOps,
    path: &Path,
    sharing: Sharing,
    contents: &mut Fill<'_>,
) -> Result<Written, WriteError> {
    let target = resolve_link(path);
    let dir = parent_dir(&target);
    if sharing == Sharing::Private {
        create_dirs(&dir, 0o700)?;
    }
    let existing = fs::metadata(&target).ok();
    let temp =
        write_temp(ops, &dir, &temp_prefix(&target), contents, sharing, existing.as_ref(), &FILE_STEPS)?;
    // Until the rename succeeds, dropping `temp_path` deletes the temporary file.
    let (file, temp_path) = temp.into_parts();
    ops.rename(&temp_path, &target).map_err(step("rename the temporary file over", &target))?;
    let _ = temp_path.keep();
    let meta = file.metadata().map_err(step("inspect", &target))?;
    let written = Written { len: meta.len(), modified: meta.modified().ok() };
    match ops.sync_dir(&dir) {
        // Some filesystems cannot fsync a folder at all; the rename has happened and both
        // files are whole, so that is not worth failing the write for.
        Err(e) if !matches!(e.kind(), io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported) => {
            Err(WriteError::NotDurable { at: dir, source: e, written })
        }
        _ => Ok(written),
    }
}

/// How the steps of [`write_temp`] are named in messages.
pub(super) struct StepNames {
    pub create: &'static str,
    pub write: &'static str,
    pub sync: &'static str,
}

const FILE_STEPS: StepNames =
    StepNames { create: "create a temporary file in", write: "write", sync: "flush to disk" };

/// How much of a fill is gathered before it is written: a few hundred writes for a large data
/// file, one for a small one.
const WRITE_BUFFER: usize = 256 * 1024;

/// The first half of every write: a temporary file `<prefix><random>.tmp` in `dir` with the
/// mode (and owner) the target should have, holding what `fill` writes, fsynced. Dropping it
/// removes it.
pub(super) fn write_temp(
    ops: &dyn FileOps,
    dir: &Path,
    prefix: &str,
    fill: &mut Fill<'_>,
    sharing: Sharing,
    existing: Option<&fs::Metadata>,
    names: &StepNames,
) -> Result<NamedTempFile, WriteError> {
    let create_mode = match sharing {
        Sharing::Private => 0o600,
        Sharing::Shared => 0o666,
    };
    let mut temp = ops
        .create_temp(
            dir,
            TempFile { prefix, suffix: TEMP_SUFFIX, random: TEMP_RANDOM_CHARS, mode: create_mode },
        )
        .map_err(step(names.create, dir))?;
    let temp_path = temp.path().to_path_buf();
    if let Some(meta) = existing {
        let mine = temp.as_file().metadata().map_err(step("inspect", &temp_path))?;
        if (mine.uid(), mine.gid()) != (meta.uid(), meta.gid()) {
            // Keeps a file edited with sudo readable by its owner; refused unless we may.
            let _ = std::os::unix::fs::fchown(temp.as_file(), Some(meta.uid()), Some(meta.gid()));
        }
        temp.as_file()
            .set_permissions(Permissions::from_mode(meta.permissions().mode() & 0o7777))
            .map_err(step("set the mode of", &temp_path))?;
    }
    let mut out = io::BufWriter::with_capacity(WRITE_BUFFER, Through { ops, file: temp.as_file_mut() });
    let filled = fill(&mut out).and_then(|()| io::Write::flush(&mut out));
    // Whatever a failed fill left in the buffer is dropped unwritten: the file is discarded.
    drop(out.into_parts());
    filled.map_err(step(names.write, &temp_path))?;
    ops.sync(temp.as_file()).map_err(step(names.sync, &temp_path))?;
    Ok(temp)
}

/// A temporary file as a writer: each write is one [`FileOps::write`] of all it is given.
struct Through<'a> {
    ops: &'a dyn FileOps,
    file: &'a mut fs::File,
}

impl io::Write for Through<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.ops.write(self.file, bytes)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// `.<name>.` : temporary files of `<name>` are `.<name>.XXXXXX.tmp`.
pub(super) fn temp_prefix(target: &Path) -> String {
    format!(".{}.", file_name(target))
}

/// Makes `dir` and its missing parents with `mode`.
pub(super) fn create_dirs(dir: &Path, mode: u32) -> Result<(), WriteError> {
    fs::DirBuilder::new().recursive(true).mode(mode).create(dir).map_err(step("create the folder", dir))
}

/// The data file's text: pretty JSON (2-space indent), keys in struct order with unknown keys
/// after them, ending in a newline. The same portfolio always gives the same text.
pub fn to_json(portfolio: &Portfolio) -> String {
    let mut out = Vec::with_capacity(4096);
    write_json(&mut out, portfolio).expect("writing to memory does not fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// Writes [`to_json`]'s text to `out`, as it is made.
pub(super) fn write_json(mut out: impl io::Write, portfolio: &Portfolio) -> io::Result<()> {
    write_pretty(&mut out, portfolio)?;
    out.write_all(b"\n")
}

/// Writes `record` as pretty JSON with the keys this fasett does not know put back in; only
/// `out` can fail.
pub(super) fn write_pretty<T: Serialize + Extras>(out: impl io::Write, record: &T) -> io::Result<()> {
    const INFALLIBLE: &str = "the model serialises to JSON: every map key is a string";
    if record.has_extras() {
        let mut value = serde_json::to_value(record).expect(INFALLIBLE);
        record.emit(&mut value);
        serde_json::to_writer_pretty(out, &value).map_err(io::Error::from)
    } else {
        serde_json::to_writer_pretty(out, record).map_err(io::Error::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{FaultyFileOps, Op};
    use crate::testing;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).expect("exists").permissions().mode() & 0o7777
    }

    fn temp_files(dir: &Path) -> Vec<String> {
        let names = fs::read_dir(dir).expect("a folder").flatten();
        names
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(TEMP_SUFFIX))
            .collect()
    }

    #[test]
    fn a_new_private_file_is_0600_and_a_new_shared_file_gets_the_umask_permissions() {
        let dir = crate::testing::temp_dir();
        let private = dir.path().join("private.json");
        write_file(&private, b"{}\n", Sharing::Private).expect("writes");
        assert_eq!(mode(&private), 0o600);

        // What the umask gives any new file here (e.g. 0644), whatever the umask is.
        let reference = dir.path().join("reference");
        fs::File::create(&reference).expect("creates");
        let shared = dir.path().join("shared.csv");
        let written = write_file(&shared, b"a;b\r\n", Sharing::Shared).expect("writes");
        assert_eq!(mode(&shared), mode(&reference));
        assert_eq!(written.len, 5);
        assert_eq!(fs::read(&shared).expect("exists"), b"a;b\r\n");
        assert!(temp_files(dir.path()).is_empty());
    }

    #[test]
    fn an_existing_file_keeps_its_mode_either_way() {
        let dir = crate::testing::temp_dir();
        for sharing in [Sharing::Private, Sharing::Shared] {
            let path = dir.path().join(format!("{sharing:?}.txt"));
            fs::write(&path, "old").expect("writes");
            fs::set_permissions(&path, Permissions::from_mode(0o640)).expect("chmod");
            write_file(&path, b"new", sharing).expect("writes");
            assert_eq!(mode(&path), 0o640, "{sharing:?}");
            assert_eq!(fs::read(&path).expect("exists"), b"new");
        }
    }

    #[test]
    fn private_files_get_private_folders_and_shared_ones_need_an_existing_folder() {
        let dir = crate::testing::temp_dir();
        let private = dir.path().join("new/deeper/settings.json");
        write_file(&private, b"{}", Sharing::Private).expect("writes");
        assert_eq!(mode(&dir.path().join("new/deeper")), 0o700);

        let shared = dir.path().join("missing/export.csv");
        let e = write_file(&shared, b"x", Sharing::Shared).expect_err("no folder");
        let message = e.to_string();
        assert!(message.starts_with("could not create a temporary file in "), "{message}");
        assert!(message.contains(&dir.path().join("missing").display().to_string()), "{message}");
        assert!(!dir.path().join("missing").exists());
    }

    #[test]
    fn a_symlink_stays_a_symlink_and_its_target_is_replaced() {
        let dir = crate::testing::temp_dir();
        let (real, link) = testing::linked_file(dir.path(), "real/report.md", "links/report.md", "old");
        for sharing in [Sharing::Shared, Sharing::Private] {
            write_file(&link, format!("{sharing:?}").as_bytes(), sharing).expect("writes");
            assert!(testing::is_link(&link), "{sharing:?}");
            assert_eq!(fs::read_to_string(&real).expect("exists"), format!("{sharing:?}"));
            assert!(temp_files(&dir.path().join("links")).is_empty());
            assert!(temp_files(&dir.path().join("real")).is_empty());
        }
    }

    #[test]
    fn a_failed_step_leaves_the_target_byte_identical_and_no_temporary_file() {
        let dir = crate::testing::temp_dir();
        let path = dir.path().join("out.json");
        let old = b"the old content, whole\n";
        fs::write(&path, old).expect("writes");
        for op in Op::ALL {
            let faults = FaultyFileOps::new();
            faults.fail_nth(op, 1);
            let e = write_file_with(&faults, &path, b"new", Sharing::Private).expect_err("fails");
            let message = e.to_string();
            assert!(temp_files(dir.path()).is_empty(), "{op:?}: {:?}", temp_files(dir.path()));
            if op == Op::SyncDir {
                assert!(matches!(e, WriteError::NotDurable { .. }), "{op:?}: {e:?}");
                assert!(e.written().is_some());
                assert!(message.contains(&dir.path().display().to_string()), "{message}");
                assert_eq!(fs::read(&path).expect("exists"), b"new", "in place, only not flushed");
                fs::write(&path, old).expect("writes");
            } else {
                let WriteError::Failed { doing, at, .. } = &e else { panic!("{op:?}: {e:?}") };
                assert!(message.starts_with(&format!("could not {doing} {}", at.display())), "{message}");
                assert!(at.starts_with(dir.path()), "{op:?}: names the path: {message}");
                assert!(e.written().is_none());
                assert_eq!(fs::read(&path).expect("exists"), old, "{op:?}: the target is untouched");
            }
            assert_eq!(faults.calls(op), 1, "{op:?}");
        }
        write_file_with(&FaultyFileOps::new(), &path, b"new", Sharing::Private).expect("healthy again");
        assert_eq!(fs::read(&path).expect("exists"), b"new");
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
    fn the_writer_can_run_on_another_thread() {
        fn send_sync<T: Send + Sync + ?Sized>() {}
        send_sync::<dyn FileOps>();
        let dir = crate::testing::temp_dir();
        let path = dir.path().join("from-a-thread.json");
        let ops: std::sync::Arc<dyn FileOps> = std::sync::Arc::new(RealFileOps);
        let handle = std::thread::spawn({
            let path = path.clone();
            move || write_file_with(&*ops, &path, b"{}", Sharing::Private).map(|w| w.len)
        });
        assert_eq!(handle.join().expect("no panic").expect("writes"), 2);
    }
}
