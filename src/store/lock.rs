//! The lock: a separate `<file>.lock` held with an OS lock while a session may write the file.
//! Its text names the holder (user, host, pid, since) for the instance that finds it busy,
//! which may ask a holder of the same user on the same host to save and close ([`Holder`]):
//! a session left behind by a dropped connection, perhaps stopped. Anyone else's is only
//! named. The lock file is the one file not written by the atomic writer: it must stay the
//! same open file for the OS lock to hold, and its text is a courtesy, never data.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
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

fn user_name() -> String {
    ["USER", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| SOMEONE.into())
}

fn host_name() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

fn holder_description() -> String {
    let since = jiff::Zoned::now().strftime("%Y-%m-%d %H:%M").to_string();
    format!("{} on {}, pid {}, since {since}", user_name(), host_name(), std::process::id())
}

/// A lock file's text in its parts: user, host, pid and since.
fn holder_parts(holder: &str) -> Option<(&str, &str, &str, &str)> {
    let (user, rest) = holder.split_once(" on ")?;
    let (host, rest) = rest.split_once(", pid ")?;
    let (pid, since) = rest.split_once(", since ")?;
    Some((user, host, pid, since))
}

/// The holder named in a lock file in `lang`. The lock file's text is written in English by
/// whichever fasett holds it; a text in another shape (an older or a hand-written lock file)
/// is shown as it is.
pub fn localized_holder(holder: &str, lang: Lang) -> String {
    let parsed = holder_parts(holder);
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

/// Whether nobody holds the lock on `<target>.lock` now. Asked by taking it and letting go
/// at once, so an instance starting just then may find it busy for a moment (which it
/// allows for: it asks again).
pub(super) fn is_free(target: &Path) -> bool {
    match File::open(lock_path(target)) {
        Ok(file) => file.try_lock().is_ok(),
        Err(e) => e.kind() == io::ErrorKind::NotFound,
    }
}

/// The fasett a lock file names as its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub user: String,
    pub host: String,
    pub pid: u32,
}

impl Holder {
    /// The holder a lock file's text names; `None` for a text in another shape.
    pub fn parse(text: &str) -> Option<Holder> {
        let (user, host, pid, _) = holder_parts(text.trim())?;
        Some(Holder { user: user.to_owned(), host: host.to_owned(), pid: pid.trim().parse().ok()? })
    }

    /// Whether this session may ask the holder to save and close: a process that runs on
    /// this host, of the same user, and not this very process. Anyone else's session is
    /// never signalled.
    pub fn may_be_asked(&self) -> bool {
        if self.pid == std::process::id() || self.host != host_name() || self.user != user_name() {
            return false;
        }
        let Some(pid) = i32::try_from(self.pid).ok().and_then(rustix::process::Pid::from_raw) else {
            return false;
        };
        // Where the system shows processes as files, the process must also be this user's
        // by its id, not only by the name its environment gave.
        let proc = Path::new("/proc");
        let same_uid = !proc.join("self").exists()
            || fs::metadata(proc.join(self.pid.to_string()))
                .is_ok_and(|m| m.uid() == rustix::process::getuid().as_raw());
        same_uid && rustix::process::test_kill_process(pid).is_ok()
    }

    /// Asks the holder to save its work and close, as a dropped connection does: SIGCONT
    /// first (a stopped process acts on nothing else), then SIGHUP. Only a holder that
    /// [`Holder::may_be_asked`]; true if both signals were sent.
    pub fn ask_to_leave(&self) -> bool {
        use rustix::process::{Pid, Signal, kill_process};
        if !self.may_be_asked() {
            return false;
        }
        let Some(pid) = i32::try_from(self.pid).ok().and_then(Pid::from_raw) else { return false };
        kill_process(pid, Signal::CONT).is_ok() && kill_process(pid, Signal::HUP).is_ok()
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

    #[test]
    fn a_holder_is_read_from_the_lock_text_and_only_our_own_are_asked() {
        let text = holder_description();
        let me = Holder::parse(&text).expect("our own text parses");
        assert_eq!(me.pid, std::process::id());
        assert_eq!((me.user.as_str(), me.host.as_str()), (user_name().as_str(), host_name().as_str()));
        assert!(!me.may_be_asked(), "never this very process");
        assert!(!me.ask_to_leave());
        let elsewhere = Holder { host: format!("{}-elsewhere", me.host), pid: 1, ..me.clone() };
        assert!(!elsewhere.may_be_asked(), "another host is only named");
        let someone_else = Holder { user: format!("{}-else", me.user), pid: 1, ..me.clone() };
        assert!(!someone_else.may_be_asked(), "another user is only named");
        assert_eq!(Holder::parse("a hand-written note"), None);
        assert_eq!(Holder::parse("anna on h, pid x, since 2026-11-29 17:46"), None);
    }

    #[test]
    fn a_free_lock_is_seen_free_and_a_held_one_busy() {
        let dir = crate::testing::temp_dir();
        let target = dir.path().join("portfolio.json");
        assert!(is_free(&target), "no lock file: free");
        let Ok(Lock::Held(held)) = acquire_lock(&target) else { panic!("takes the lock") };
        assert!(!is_free(&target));
        drop(held);
        assert!(is_free(&target));
        assert!(matches!(acquire_lock(&target), Ok(Lock::Held(_))), "asking did not keep it");
    }
}
