//! The lock: a separate `<file>.lock` held with an OS lock while a session may write the file.
//! Its text names the holder (user, host, pid, since) for the instance that finds it busy.
//! It is the one file not written by the atomic writer: it must stay the same open file for
//! the OS lock to hold, and its text is a courtesy, never data.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::SaveError;
use super::paths::with_suffix;
use super::write::{WriteError, step};
use crate::i18n::Lang;

/// What asking for the lock gave.
pub(super) enum Lock {
    Held(File),
    Busy(String),
}

fn lock_path(target: &Path) -> PathBuf {
    with_suffix(target, ".lock")
}

/// The holder's name when the environment gives none.
const SOMEONE: &str = "someone";

fn holder_description() -> String {
    let user = ["USER", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| SOMEONE.into());
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    let since = jiff::Zoned::now().strftime("%Y-%m-%d %H:%M").to_string();
    format!("{user} on {host}, pid {}, since {since}", std::process::id())
}

/// The holder named in a lock file in `lang`. The lock file's text is written in English by
/// whichever fasett holds it; a text in another shape (an older or a hand-written lock file)
/// is shown as it is.
pub(super) fn localized_holder(holder: &str, lang: Lang) -> String {
    let parsed = (|| {
        let (user, rest) = holder.split_once(" on ")?;
        let (host, rest) = rest.split_once(", pid ")?;
        let (pid, since) = rest.split_once(", since ")?;
        Some((user, host, pid, since))
    })();
    match parsed {
        Some((user, host, pid, since)) => {
            let user = if user == SOMEONE { lang.t("store.someone") } else { user };
            // "2026-11-29 17:46" as the reader writes dates.
            let since = match since.split_once(' ').map(|(d, t)| (d.parse::<jiff::civil::Date>(), t)) {
                Some((Ok(date), time)) => format!("{} {time}", lang.date(date)),
                _ => since.to_owned(),
            };
            lang.tf("store.holder", &[("user", &user), ("host", &host), ("pid", &pid), ("since", &since)])
        }
        None => holder.to_owned(),
    }
}

/// How often a busy lock is asked again (25 ms apart) before another holder is assumed.
const LOCK_RETRIES: usize = 4;

/// Takes the OS lock on `<target>.lock` (creating it, mode 0600) and writes who holds it.
pub(super) fn acquire_lock(target: &Path) -> Result<Lock, WriteError> {
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

/// Why a save could not take the lock.
pub(super) enum LockProblem {
    Step(WriteError),
    Busy(String),
}

impl LockProblem {
    pub(super) fn with_path(self, path: &Path) -> SaveError {
        match self {
            LockProblem::Step(e) => SaveError::from_write(path, e),
            LockProblem::Busy(holder) => SaveError::Locked { path: path.to_path_buf(), holder },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holder_is_named_in_the_readers_language() {
        let holder = "anna on host-x, pid 4242, since 2026-11-29 17:46";
        assert_eq!(localized_holder(holder, Lang::En), holder);
        assert_eq!(localized_holder(holder, Lang::Nb), "anna på host-x, pid 4242, siden 29.11.2026 17:46");
        assert_eq!(
            localized_holder("someone on h, pid 1, since 2026-11-29 17:46", Lang::Sv),
            "någon på h, pid 1, sedan 2026-11-29 17:46"
        );
        assert_eq!(localized_holder("a hand-written note", Lang::Sv), "a hand-written note");
    }
}
