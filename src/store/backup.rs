//! Backups: before the first save of a session the file as it was is copied into `backups/`
//! beside it, and the folder is rotated (the newest 20, plus the newest of each of the last 30
//! days). Also the clean-up of temporary files a killed save left behind.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use jiff::ToSpan;
use jiff::civil::{Date, DateTime};

use super::ops::FileOps;
use super::paths::{backups_dir_of_target, parent_dir};
use super::write::{
    Sharing, StepNames, TEMP_RANDOM_CHARS, TEMP_SUFFIX, WriteError, create_dirs, step, temp_prefix,
    write_temp,
};
use crate::i18n::Lang;

/// How many backups are always kept, newest first.
const KEEP_NEWEST_BACKUPS: usize = 20;
/// For this many days back (today included), the newest backup of each day is also kept.
const KEEP_DAILY_BACKUPS_DAYS: i64 = 30;

/// Makes a rename durable, where the folder allows (used for backups, which are extra).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

const BACKUP_STEPS: StepNames =
    StepNames { create: "create a backup in", write: "write the backup", sync: "flush the backup" };

/// Whether the backups folder `dir` (it may not exist yet) holds a backup of `target`, not
/// only other files' backups.
pub(super) fn holds_backup_of(dir: &Path, target: &Path) -> bool {
    let stem = backup_stem(target);
    fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_str().is_some_and(|name| parse_backup_name(name, &stem).is_some()))
    })
}

/// Where the backups of `target` are, as a sentence in `lang`: the folder when it holds one,
/// else that there is none yet, so that no one is sent to look in an empty or missing place.
pub(super) fn note(dir: &Path, target: &Path, lang: Lang) -> String {
    if holds_backup_of(dir, target) {
        lang.tf("store.backups", &[("backups", &dir.display())])
    } else {
        lang.t("store.no_backups").to_owned()
    }
}

/// Copies the file as it is now into `backups/<stem>-YYYYMMDD-HHMMSS.json` and rotates.
pub(super) fn make_backup(ops: &dyn FileOps, target: &Path) -> Result<PathBuf, WriteError> {
    let dir = backups_dir_of_target(target);
    create_dirs(&dir, 0o700)?;
    let old = File::open(target).map_err(step(READ_STEP, target))?;
    backup_from(ops, target, &dir, old)
}

/// What a backup failing to read its file says it was doing.
const READ_STEP: &str = "read for a backup";

/// The backup of `target` into `dir`, its bytes read from `old`.
fn backup_from(ops: &dyn FileOps, target: &Path, dir: &Path, old: impl Read) -> Result<PathBuf, WriteError> {
    let stem = backup_stem(target);
    let now = jiff::Zoned::now();
    let base = format!("{stem}-{}", now.strftime("%Y%m%d-%H%M%S"));
    let prefix = format!(".{stem}.");
    // Copied through a buffer, not read whole: the file may be as large as all the records.
    // The writer calls any failure of the copy a write of the backup; one of the reads is
    // kept aside, so that the message names the file that could not be read.
    let mut source = Source { old, failed: None };
    let mut copy = |out: &mut dyn io::Write| io::copy(&mut source, out).map(drop);
    let written = write_temp(ops, dir, &prefix, &mut copy, Sharing::Private, None, &BACKUP_STEPS);
    let mut temp = match (written, source.failed) {
        (Ok(temp), _) => temp,
        (Err(_), Some(unread)) => return Err(step(READ_STEP, target)(unread)),
        (Err(e), None) => return Err(e),
    };
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
    sync_dir(dir);
    rotate_backups(dir, &stem, now.date());
    Ok(backup)
}

/// The file a backup copies, keeping the error of a read that failed.
struct Source<R> {
    old: R,
    failed: Option<io::Error>,
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.old.read(buf).map_err(|e| {
            if e.kind() == io::ErrorKind::Interrupted {
                // Tried again by the copy: not a failure.
                return e;
            }
            let kind = e.kind();
            self.failed = Some(e);
            io::Error::from(kind)
        })
    }
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
pub(super) fn remove_leftover_temps(target: &Path) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{FaultyFileOps, Op, RealFileOps};
    use jiff::civil::date;

    #[test]
    fn only_this_file_s_backups_count_as_its_backups() {
        let dir = crate::testing::temp_dir();
        // The backups folder and the file it keeps copies of, side by side.
        let (backups, target) = (dir.path().join("backups"), dir.path().join("portfolio.json"));
        assert!(!holds_backup_of(&backups, &target), "no folder yet");
        fs::create_dir(&backups).expect("made");
        fs::write(backups.join("other-20261130-101500.json"), "{}").expect("written");
        fs::write(backups.join("portfolio-notes.txt"), "").expect("written");
        assert!(!holds_backup_of(&backups, &target), "another file's backup is not this one's");
        assert_eq!(note(&backups, &target, Lang::Sv), Lang::Sv.t("store.no_backups"));
        fs::write(backups.join("portfolio-20261130-101500.json"), "{}").expect("written");
        assert!(holds_backup_of(&backups, &target));
    }

    /// Gives the first bytes of a file, then fails as a failing disk does (EIO).
    struct FailsMidway {
        given: bool,
    }

    impl Read for FailsMidway {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if std::mem::replace(&mut self.given, true) {
                return Err(io::Error::from_raw_os_error(5));
            }
            let start = b"{\n  \"schema_version\"";
            let n = start.len().min(buf.len());
            buf[..n].copy_from_slice(&start[..n]);
            Ok(n)
        }
    }

    #[test]
    fn a_backup_says_whether_it_could_not_read_the_file_or_write_the_copy() {
        let dir = crate::testing::temp_dir();
        let target = dir.path().join("portfolio.json");
        let backups = dir.path().join("backups");
        fs::create_dir(&backups).expect("a folder");
        let e =
            backup_from(&RealFileOps, &target, &backups, FailsMidway { given: false }).expect_err("fails");
        let WriteError::Failed { doing, at, .. } = &e else { panic!("{e:?}") };
        assert_eq!((*doing, at.as_path()), (READ_STEP, target.as_path()));
        let said = e.localized(crate::i18n::Lang::En);
        assert!(said.starts_with(&format!("could not read for a backup {}: ", target.display())), "{said}");
        assert_eq!(fs::read_dir(&backups).expect("a folder").count(), 0, "no copy is left half-way");

        fs::write(&target, "{}\n").expect("writes");
        let faults = FaultyFileOps::new();
        faults.fail_nth(Op::Write, 1);
        let e = make_backup(&faults, &target).expect_err("fails");
        let WriteError::Failed { doing, at, .. } = &e else { panic!("{e:?}") };
        assert_eq!(*doing, "write the backup");
        assert!(at.starts_with(&backups) && at.to_string_lossy().ends_with(TEMP_SUFFIX), "{e}");
        assert_eq!(fs::read_dir(&backups).expect("a folder").count(), 0, "no copy is left half-way");
        assert!(make_backup(&RealFileOps, &target).is_ok(), "healthy again");
    }

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
}
