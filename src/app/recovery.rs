//! Field-proofing (issue 8), the app's side: drafts of typed text kept in a recovery file and
//! offered back at the next start, the file changed by another program (`external`: a
//! banner, and the choices when asked), and what to do when a signal ends the session.

mod external;

use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use external::{DIALOG_SETTLE, ExternalChange};

use super::{App, Mode};
use crate::action::Action;
use crate::recovery::{self, Draft, Owner, Recovery};

/// How long typing must pause before the draft is written to the recovery file.
pub const DRAFT_PAUSE: Duration = Duration::from_secs(1);
/// How long typed text may wait for the recovery file while typing goes on. With the loop's
/// tick on top, what was typed is on disk within two seconds, whatever happens next.
pub const DRAFT_AT_MOST: Duration = Duration::from_millis(1500);
/// How often the data file is checked (one `stat`) for changes by another program.
pub const DISK_CHECK: Duration = Duration::from_secs(2);

/// The app's field-proofing state.
#[derive(Debug, Default)]
pub struct FieldState {
    /// The draft as last seen, when it last changed, and since when it differs from the
    /// recovery file.
    draft: Option<Draft>,
    changed_at: Option<Instant>,
    unwritten_since: Option<Instant>,
    /// What the recovery file holds, if this session wrote (or restored) one.
    on_disk: Option<Draft>,
    last_disk_check: Option<Instant>,
    /// A recovery file from an earlier session is still waiting for an answer: this session
    /// does not overwrite it.
    keep_earlier: bool,
    /// What another program changed in the data file, as last looked at: said in the
    /// banner until the user chooses what to do or the file is this session's again.
    external: Option<ExternalChange>,
    /// When the external-change dialog appeared, or last ignored a key.
    asked_at: Option<Instant>,
    /// The file's length and time of change when [`Self::external`] was worked out: another
    /// change after it is noted afresh.
    noticed_stamp: Option<(u64, Option<std::time::SystemTime>)>,
}

impl App {
    /// At start: offers back the text of an interrupted session, if there is any (and this
    /// session may write the file; a read-only one leaves it for the writer).
    pub fn offer_recovery(&mut self) {
        let Some(path) = self.recovery_path() else { return };
        if self.is_read_only() {
            return;
        }
        match recovery::read(&path) {
            Ok(Some(found)) if !self.path().is_some_and(|p| found.belongs_to(&self.portfolio.id, p)) => {
                // Typed for another file of the same name (an earlier copy of the demo).
                match recovery::put_aside(&path) {
                    Ok(aside) => {
                        self.set_info(self.lang.tf("recovery.not_ours", &[("path", &aside.display())]));
                    }
                    Err(e) => self.set_error(
                        self.lang.tf("recovery.remove_failed", &[("path", &path.display()), ("error", &e)]),
                    ),
                }
            }
            Ok(Some(found)) => {
                self.field.keep_earlier = true;
                self.mode = Mode::Recovery(Box::new(found));
            }
            Ok(None) => {}
            Err(why) => {
                self.field.keep_earlier = true;
                self.set_error(self.lang.tf("recovery.unreadable", &[("why", &why)]));
            }
        }
    }

    /// Where this session's recovery file goes.
    pub fn recovery_path(&self) -> Option<PathBuf> {
        self.path().map(recovery::path_for)
    }

    /// After every handled event: keep the draft where the panic hook can reach it, and
    /// remove the recovery file once the text is saved or discarded.
    pub fn track_draft(&mut self, now: Instant) {
        let draft = self.current_draft();
        if draft != self.field.draft {
            self.field.changed_at = Some(now);
            if draft.is_none() || draft == self.field.on_disk {
                self.field.unwritten_since = None;
            } else if self.field.unwritten_since.is_none() {
                self.field.unwritten_since = Some(now);
            }
            self.field.draft = draft;
            self.remember_draft();
        }
        if self.field.draft.is_none()
            && self.field.on_disk.take().is_some()
            && let Some(path) = self.recovery_path()
            && let Err(e) = recovery::remove(&path)
        {
            self.set_error(
                self.lang.tf("recovery.remove_failed", &[("path", &path.display()), ("error", &e)]),
            );
        }
    }

    /// Keeps the draft where the panic hook and the signal watchdog can reach it.
    fn remember_draft(&self) {
        if let Some(path) = self.recovery_path().filter(|_| !self.field.keep_earlier) {
            recovery::remember(&path, self.field.draft.clone().and_then(|d| self.owned(d)));
        }
    }

    /// `draft` as this session's recovery file holds it: with the data file it is typed for.
    fn owned(&self, draft: Draft) -> Option<Recovery> {
        let owner = Owner::of(&self.portfolio.id, self.path()?);
        Some(Recovery::owned(draft, owner))
    }

    /// When no key came for a while: write the draft when it is due, and look (one `stat`)
    /// whether another program changed the file.
    pub fn idle_tick(&mut self, now: Instant) {
        self.track_draft(now);
        self.write_draft_if_due(now);
        let due = self.field.last_disk_check.is_none_or(|t| now.duration_since(t) >= DISK_CHECK);
        if due {
            self.field.last_disk_check = Some(now);
            self.check_disk();
        }
        self.takeover_tick(now, due);
    }

    /// Writes the draft to the recovery file once typing pauses for a second, or has
    /// gone on for 1.5 s since the text last reached it. The terminal calls this
    /// after each frame too: the key is drawn before the disk is asked.
    pub fn write_draft_if_due(&mut self, now: Instant) {
        let field = &self.field;
        if field.draft.is_none() || field.draft == field.on_disk {
            return;
        }
        let paused = field.changed_at.is_none_or(|t| now.saturating_duration_since(t) >= DRAFT_PAUSE);
        let waited = field.unwritten_since.is_some_and(|t| now.saturating_duration_since(t) >= DRAFT_AT_MOST);
        if paused || waited {
            self.write_draft();
        }
    }

    /// Writes the current draft to the recovery file now; returns where, if it did.
    pub fn write_draft(&mut self) -> Option<PathBuf> {
        if self.field.keep_earlier {
            return None;
        }
        let draft = self.current_draft()?;
        let path = self.recovery_path()?;
        let recovery = self.owned(draft.clone())?;
        match recovery::write(&path, &recovery) {
            Ok(()) => {
                self.field.on_disk = Some(draft);
                self.field.unwritten_since = None;
                Some(path)
            }
            Err(e) => {
                self.set_error(
                    self.lang.tf("recovery.write_failed", &[("path", &path.display()), ("error", &e)]),
                );
                None
            }
        }
    }

    /// A signal ends the session: retry a failed save, keep the text being typed. Returns
    /// the recovery file, if one was written.
    pub fn before_exit(&mut self) -> Option<PathBuf> {
        self.finish_saves();
        if self.unsaved && !self.is_read_only() {
            self.save_with(self.lang.t("signal.saved"));
            self.finish_saves();
        }
        self.write_draft()
    }

    fn restore(&mut self, found: Recovery) {
        self.restore_draft(found.draft);
        // The file stays until the restored text is saved or discarded.
        self.field.keep_earlier = false;
        self.field.on_disk = self.current_draft();
        self.field.draft = self.field.on_disk.clone();
        self.remember_draft();
        if matches!(self.mode, Mode::Normal) {
            self.discard_recovery();
        }
    }

    fn discard_recovery(&mut self) {
        self.mode = Mode::Normal;
        self.field.keep_earlier = false;
        self.field.on_disk = None;
        if let Some(path) = self.recovery_path()
            && let Err(e) = recovery::remove(&path)
        {
            self.set_error(
                self.lang.tf("recovery.remove_failed", &[("path", &path.display()), ("error", &e)]),
            );
        }
    }

    /// Handles the actions of the recovery and external-change dialogs and `R`; gives back
    /// every other action for `update`.
    pub(super) fn field_intercept(&mut self, action: Action) -> Option<Action> {
        match (&self.mode, action) {
            (Mode::Recovery(_), Action::ConfirmYes) => {
                if let Mode::Recovery(found) = std::mem::replace(&mut self.mode, Mode::Normal) {
                    self.restore(*found);
                }
            }
            (Mode::Recovery(_), Action::DiscardRecovery) => {
                self.discard_recovery();
                self.set_info(self.lang.t("recovery.discarded").to_owned());
            }
            (Mode::Recovery(_), Action::Cancel) => {
                self.mode = Mode::Normal;
                let path = self.recovery_path().map(|p| p.display().to_string()).unwrap_or_default();
                self.set_info(self.lang.tf("recovery.kept", &[("path", &path)]));
            }
            (Mode::External(_), action) => return self.external_intercept(action),
            (Mode::Recovery(_), action @ (Action::Quit | Action::Resize(..) | Action::Redraw)) => {
                return Some(action);
            }
            (Mode::Recovery(_), _) | (_, Action::DiscardRecovery) => {}
            (_, action) => return self.external_outside(action),
        }
        None
    }
}
