//! The file operations a save is made of, behind a trait so tests can make any one of them
//! fail ([`FaultyFileOps`]) and check that nothing is lost when the disk misbehaves.

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use tempfile::NamedTempFile;

/// The steps of an atomic save: create a temporary file, write it, flush it, rename it over
/// the target, flush the folder.
pub trait FileOps: fmt::Debug + Send + Sync {
    /// A new temporary file in `dir`, named `<prefix><random><suffix>`; deleted if dropped.
    fn create_temp(&self, dir: &Path, prefix: &str, suffix: &str, random: usize)
    -> io::Result<NamedTempFile>;
    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<()>;
    /// fsync.
    fn sync(&self, file: &File) -> io::Result<()>;
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// fsync of a folder, making a rename in it durable.
    fn sync_dir(&self, dir: &Path) -> io::Result<()>;
}

/// The operating system's operations.
#[derive(Debug, Default, Clone, Copy)]
pub struct RealFileOps;

impl FileOps for RealFileOps {
    fn create_temp(
        &self,
        dir: &Path,
        prefix: &str,
        suffix: &str,
        random: usize,
    ) -> io::Result<NamedTempFile> {
        tempfile::Builder::new().prefix(prefix).suffix(suffix).rand_bytes(random).tempfile_in(dir)
    }

    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }

    fn sync(&self, file: &File) -> io::Result<()> {
        file.sync_all()
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        File::open(dir)?.sync_all()
    }
}

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

    /// The error a real disk gives for this step when it is full or failing.
    fn error(self) -> io::Error {
        const ENOSPC: i32 = 28;
        const EIO: i32 = 5;
        match self {
            Op::Create | Op::Write => io::Error::from_raw_os_error(ENOSPC),
            Op::Sync | Op::Rename | Op::SyncDir => io::Error::from_raw_os_error(EIO),
        }
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
    /// (kind, the call number that fails)
    once: Vec<(Op, usize)>,
    always: Vec<Op>,
}

impl FaultyFileOps {
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes the `nth` call of `op` from now on fail (1 = the next one).
    pub fn fail_nth(&self, op: Op, nth: usize) {
        let mut state = self.lock();
        let done = state.calls.get(&op).copied().unwrap_or(0);
        state.once.push((op, done + nth.max(1)));
    }

    /// Makes every call of `op` fail until [`FaultyFileOps::heal`].
    pub fn fail_always(&self, op: Op) {
        self.lock().always.push(op);
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
        if state.always.contains(&op) || state.once.contains(&(op, n)) {
            return Err(op.error());
        }
        Ok(())
    }
}

impl FileOps for FaultyFileOps {
    fn create_temp(
        &self,
        dir: &Path,
        prefix: &str,
        suffix: &str,
        random: usize,
    ) -> io::Result<NamedTempFile> {
        self.check(Op::Create)?;
        RealFileOps.create_temp(dir, prefix, suffix, random)
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
