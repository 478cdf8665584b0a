//! The file operations a write is made of, behind a trait so tests can make any one of them
//! fail ([`FaultyFileOps`]) and check that nothing is lost when the disk misbehaves. `Send +
//! Sync`, so a writer may run on another thread.

use std::collections::HashMap;
use std::fmt;
use std::fs::{File, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use tempfile::NamedTempFile;

/// How a write's temporary file is made: named `<prefix><random><suffix>` with `random`
/// random characters, created with `mode` (less the umask).
#[derive(Debug, Clone, Copy)]
pub struct TempFile<'a> {
    pub prefix: &'a str,
    pub suffix: &'a str,
    pub random: usize,
    pub mode: u32,
}

/// The steps of an atomic write: create a temporary file, write it, flush it, rename it over
/// the target, flush the folder. Each step does what the operating system does unless an
/// implementation says otherwise, so a test's implementation names only the steps it changes.
pub trait FileOps: fmt::Debug + Send + Sync {
    /// A new temporary file in `dir`, made as `temp` says; deleted if dropped.
    fn create_temp(&self, dir: &Path, temp: TempFile<'_>) -> io::Result<NamedTempFile> {
        tempfile::Builder::new()
            .prefix(temp.prefix)
            .suffix(temp.suffix)
            .rand_bytes(temp.random)
            .permissions(Permissions::from_mode(temp.mode))
            .tempfile_in(dir)
    }

    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }

    /// fsync.
    fn sync(&self, file: &File) -> io::Result<()> {
        file.sync_all()
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    /// fsync of a folder, making a rename in it durable.
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        File::open(dir)?.sync_all()
    }
}

/// The operating system's operations.
#[derive(Debug, Default, Clone, Copy)]
pub struct RealFileOps;

impl FileOps for RealFileOps {}

/// One kind of file operation, for [`FaultyFileOps`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    Create,
    Write,
    Sync,
    Rename,
    SyncDir,
}

impl Op {
    pub const ALL: [Op; 5] = [Op::Create, Op::Write, Op::Sync, Op::Rename, Op::SyncDir];
}

/// How an injected failure fails, as a real disk would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// What a full or failing disk gives for the step: "No space left on device" (ENOSPC) for
    /// creating and writing, an I/O error (EIO) for flushing and renaming.
    Typical,
    /// ENOSPC, "No space left on device", at any step (a full disk can refuse a flush or a
    /// rename too, when the filesystem needs room for it).
    DiskFull,
    /// EROFS, "Read-only file system": the disk was remounted read-only.
    ReadOnlyFs,
}

impl Fault {
    fn error(self, op: Op) -> io::Error {
        const ENOSPC: i32 = 28;
        const EIO: i32 = 5;
        const EROFS: i32 = 30;
        let errno = match (self, op) {
            (Fault::Typical, Op::Create | Op::Write) | (Fault::DiskFull, _) => ENOSPC,
            (Fault::Typical, Op::Sync | Op::Rename | Op::SyncDir) => EIO,
            (Fault::ReadOnlyFs, _) => EROFS,
        };
        io::Error::from_raw_os_error(errno)
    }
}

/// Real operations, except that chosen calls fail: the `nth` call of a kind from now, or
/// every call of a kind until [`FaultyFileOps::heal`]. For tests.
#[derive(Debug, Default)]
pub struct FaultyFileOps {
    state: Mutex<Faults>,
}

#[derive(Debug, Default)]
struct Faults {
    calls: HashMap<Op, usize>,
    /// (kind, the call number that fails, how)
    once: Vec<(Op, usize, Fault)>,
    always: Vec<(Op, Fault)>,
}

impl FaultyFileOps {
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes the `nth` call of `op` from now on fail (1 = the next one), as [`Fault::Typical`].
    pub fn fail_nth(&self, op: Op, nth: usize) {
        self.fail_nth_with(op, nth, Fault::Typical);
    }

    /// Makes the `nth` call of `op` from now on fail (1 = the next one) with `fault`.
    pub fn fail_nth_with(&self, op: Op, nth: usize, fault: Fault) {
        let mut state = self.lock();
        let done = state.calls.get(&op).copied().unwrap_or(0);
        state.once.push((op, done + nth.max(1), fault));
    }

    /// Makes every call of `op` fail until [`FaultyFileOps::heal`], as [`Fault::Typical`].
    pub fn fail_always(&self, op: Op) {
        self.fail_always_with(op, Fault::Typical);
    }

    /// Makes every call of `op` fail with `fault` until [`FaultyFileOps::heal`].
    pub fn fail_always_with(&self, op: Op, fault: Fault) {
        self.lock().always.push((op, fault));
    }

    /// Clears every planned failure.
    pub fn heal(&self) {
        let mut state = self.lock();
        state.once.clear();
        state.always.clear();
    }

    /// How many calls of `op` were made (failed ones included).
    pub fn calls(&self, op: Op) -> usize {
        self.lock().calls.get(&op).copied().unwrap_or(0)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Faults> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn check(&self, op: Op) -> io::Result<()> {
        let mut state = self.lock();
        let n = {
            let count = state.calls.entry(op).or_insert(0);
            *count += 1;
            *count
        };
        let always = state.always.iter().find(|(o, _)| *o == op).map(|(_, f)| *f);
        let once = state.once.iter().find(|(o, at, _)| *o == op && *at == n).map(|(_, _, f)| *f);
        match always.or(once) {
            Some(fault) => Err(fault.error(op)),
            None => Ok(()),
        }
    }
}

impl FileOps for FaultyFileOps {
    fn create_temp(&self, dir: &Path, temp: TempFile<'_>) -> io::Result<NamedTempFile> {
        self.check(Op::Create)?;
        RealFileOps.create_temp(dir, temp)
    }

    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        if let Err(e) = self.check(Op::Write) {
            // A full disk takes part of the data before refusing; so do we.
            let _ = RealFileOps.write(file, &bytes[..bytes.len() / 2]);
            return Err(e);
        }
        RealFileOps.write(file, bytes)
    }

    fn sync(&self, file: &File) -> io::Result<()> {
        self.check(Op::Sync)?;
        RealFileOps.sync(file)
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.check(Op::Rename)?;
        RealFileOps.rename(from, to)
    }

    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        self.check(Op::SyncDir)?;
        RealFileOps.sync_dir(dir)
    }
}
