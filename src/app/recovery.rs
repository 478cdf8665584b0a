//! Field-proofing (issue 8), the app's side: drafts of typed text kept in a recovery file and
//! offered back at the next start, the file changed by another program (reload or save
//! elsewhere, with what changed), and what to do when a signal ends the session.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui_textarea::TextArea;
use tui_input::Input;

use super::{App, Field, FieldKind, InitiativeForm, Mode};
use crate::action::Action;
use crate::model::{Id, Initiative, Portfolio};
use crate::recovery::{self, Draft, Recovery};
use crate::store::SaveError;

/// How long typing must pause before the draft is written to the recovery file.
pub const IDLE_WRITE: Duration = Duration::from_secs(2);
/// How often the data file is checked (one `stat`) for changes by another program.
pub const DISK_CHECK: Duration = Duration::from_secs(2);

/// The app's field-proofing state.
#[derive(Debug, Default)]
pub struct FieldState {
    /// The draft as last seen, and since when it is unchanged.
    draft: Option<Draft>,
    changed_at: Option<Instant>,
    /// What the recovery file holds, if this session wrote (or restored) one.
    on_disk: Option<Draft>,
    last_disk_check: Option<Instant>,
    /// A recovery file from an earlier session is still waiting for an answer: this session
    /// does not overwrite it.
    keep_earlier: bool,
    /// The user closed the external-change dialog; not shown again until the next save.
    external_seen: bool,
}

/// What another program changed in the data file, compared with this session's copy.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExternalChange {
    /// Initiatives on disk that this session does not have.
    pub added: Vec<Id>,
    /// Initiatives this session has that are gone from the disk.
    pub removed: Vec<Id>,
    /// Initiatives in both, but different.
    pub changed: Vec<Id>,
    /// Something besides initiatives differs (profile, checklists, actions).
    pub other: bool,
    /// Conflicts a merge left in the file on disk (a `git pull` that found some).
    pub conflicts: usize,
    /// The file on disk could not be read (why), or is gone.
    pub unreadable: Option<String>,
    /// This session has edits that did not reach the file.
    pub unsaved: bool,
}

impl ExternalChange {
    /// Compares this session's portfolio with the one now on disk.
    pub fn between(ours: &Portfolio, theirs: &Portfolio) -> Self {
        let index = |p: &Portfolio| -> HashMap<Id, usize> {
            p.initiatives.iter().enumerate().map(|(ix, i)| (i.id, ix)).collect()
        };
        let (mine, others) = (index(ours), index(theirs));
        let mut change = ExternalChange::default();
        for i in &theirs.initiatives {
            match mine.get(&i.id) {
                None => change.added.push(i.id),
                Some(ix) if ours.initiatives[*ix] != *i => change.changed.push(i.id),
                Some(_) => {}
            }
        }
        change.removed =
            ours.initiatives.iter().map(|i| i.id).filter(|id| !others.contains_key(id)).collect();
        // Neither the identity a writing session gives a file that had none, nor the id
        // counters, nor a merge's conflicts (said on their own) are worth a line.
        let rest = |p: &Portfolio| Portfolio {
            initiatives: Vec::new(),
            id: String::new(),
            next_id: crate::model::NextIds::default(),
            conflicts: Vec::new(),
            ..p.clone()
        };
        change.other = rest(ours) != rest(theirs);
        change.conflicts = theirs.conflicts.len().saturating_sub(ours.conflicts.len());
        change
    }

    /// The dialog's text: what changed, and what reloading would cost.
    pub fn describe(&self, app: &App) -> String {
        let lang = app.lang;
        let path = app
            .path()
            .map(|p| crate::text::one_line(&p.display().to_string()).into_owned())
            .unwrap_or_default();
        let mut parts = vec![lang.tf("external.intro", &[("path", &path)])];
        if let Some(why) = &self.unreadable {
            parts.push(lang.tf("external.unreadable", &[("why", &crate::text::one_line(why))]));
        } else {
            let ids = |list: &[Id]| -> String {
                let mut shown: Vec<String> = list.iter().take(8).map(|id| format!("#{id}")).collect();
                if list.len() > 8 {
                    shown.push(crate::text::ellipsis(app.ascii).into());
                }
                shown.join(" ")
            };
            for (key, list) in [
                ("external.added", &self.added),
                ("external.removed", &self.removed),
                ("external.changed", &self.changed),
            ] {
                if !list.is_empty() {
                    parts.push(lang.tn(key, list.len(), &[("ids", &ids(list))]));
                }
            }
            if self.other {
                parts.push(lang.t("external.other").to_owned());
            }
            if self.conflicts > 0 {
                parts.push(lang.tf("external.conflicts", &[("count", &self.conflicts)]));
            }
            let nothing = self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty();
            if nothing && !self.other && self.conflicts == 0 {
                parts.push(lang.t("external.same").to_owned());
            }
        }
        let cost = if self.unsaved { "external.reload_loses" } else { "external.reload_safe" };
        parts.push(lang.t(cost).to_owned());
        parts.join("\n")
    }
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

    /// The unsaved text being typed now, if any.
    pub fn current_draft(&self) -> Option<Draft> {
        fn of(mode: &Mode) -> Option<Draft> {
            match mode {
                Mode::Form(form) if form.dirty => Some(form_draft(form)),
                Mode::LogEntry { id, input, kind } if !input.value().trim().is_empty() => {
                    Some(Draft::LogEntry { id: *id, kind: *kind, text: input.value().to_owned() })
                }
                Mode::Help { back, .. } => of(back),
                _ => None,
            }
        }
        of(&self.mode)
    }

    /// After every handled event: keep the draft where the panic hook can reach it, and
    /// remove the recovery file once the text is saved or discarded.
    pub fn track_draft(&mut self, now: Instant) {
        let draft = self.current_draft();
        if draft != self.field.draft {
            self.field.changed_at = Some(now);
            if let Some(path) = self.recovery_path().filter(|_| !self.field.keep_earlier) {
                recovery::remember(&path, draft.clone());
            }
            self.field.draft = draft;
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

    /// When no key came for a while: write the draft after `IDLE_WRITE`, and look (one
    /// `stat`) whether another program changed the file.
    pub fn idle_tick(&mut self, now: Instant) {
        self.track_draft(now);
        let idle = self.field.changed_at.is_none_or(|t| now.duration_since(t) >= IDLE_WRITE);
        if idle && self.field.draft.is_some() && self.field.draft != self.field.on_disk {
            self.write_draft();
        }
        let due = self.field.last_disk_check.is_none_or(|t| now.duration_since(t) >= DISK_CHECK);
        if due {
            self.field.last_disk_check = Some(now);
            self.check_disk();
        }
    }

    /// Writes the current draft to the recovery file now; returns where, if it did.
    pub fn write_draft(&mut self) -> Option<PathBuf> {
        if self.field.keep_earlier {
            return None;
        }
        let draft = self.current_draft()?;
        let path = self.recovery_path()?;
        match recovery::write(&path, &Recovery::new(draft.clone())) {
            Ok(()) => {
                self.field.on_disk = Some(draft);
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

    /// Opens the external-change dialog if another program changed the file (only over the
    /// normal screen: a form being typed in is never interrupted; its save will say so).
    pub fn check_disk(&mut self) {
        if self.field.external_seen || !matches!(self.mode, Mode::Normal) || self.is_read_only() {
            return;
        }
        // While a save is under way the file is ours to change: looked at next time.
        if self.store.as_ref().and_then(crate::store::Saver::changed_on_disk) == Some(true) {
            self.show_external_change();
        }
    }

    /// What changed on disk, compared with this session.
    pub fn external_change(&self) -> ExternalChange {
        let Some(path) = self.path() else { return ExternalChange::default() };
        let mut change = match crate::store::load(path) {
            Ok(Some(theirs)) => ExternalChange::between(&self.portfolio, &theirs),
            Ok(None) => ExternalChange {
                unreadable: Some(self.lang.t("external.gone").to_owned()),
                ..Default::default()
            },
            Err(e) => {
                ExternalChange { unreadable: Some(e.localized_summary(self.lang)), ..Default::default() }
            }
        };
        change.unsaved = self.unsaved;
        change
    }

    fn show_external_change(&mut self) {
        self.mode = Mode::External(Box::new(self.external_change()));
    }

    /// Called by `save_with` when a save fails.
    pub(super) fn after_save_error(&mut self, error: &SaveError) {
        if matches!(error, SaveError::ExternalChange { .. })
            && matches!(self.mode, Mode::Normal | Mode::External(_))
        {
            self.show_external_change();
        }
    }

    /// After "merge both" the file is this session's again: a later change shows the dialog.
    pub(super) fn field_merged(&mut self) {
        self.field.external_seen = false;
    }

    /// Reads the file again (`r` in the external-change dialog, `:reload` at any time),
    /// dropping this session's unsaved edits and its undo history, unless nothing changed.
    pub(super) fn reload_from_disk(&mut self) {
        self.finish_saves();
        let Some(path) = self.path().map(Path::to_path_buf) else {
            self.set_error(self.lang.t("external.reload_no_file").to_owned());
            return;
        };
        if !path.exists() {
            let file = path.file_name().unwrap_or(path.as_os_str()).to_string_lossy().into_owned();
            self.set_info(self.lang.tf("external.reload_missing", &[("file", &file)]));
            return;
        }
        let Some(saver) = self.store.as_mut() else { return };
        let reloaded = saver.with_store(crate::store::Store::reload).map(|mut portfolio| {
            // A file not saved since it was opened has no identity yet; this session's is
            // the one its next save writes.
            if portfolio.id.is_empty() {
                portfolio.id.clone_from(&self.portfolio.id);
            }
            portfolio
        });
        match reloaded {
            Ok(portfolio) if portfolio == self.portfolio && !self.unsaved => {
                self.field.external_seen = false;
                self.set_info(self.lang.t("external.reloaded_same").to_owned());
            }
            Ok(portfolio) => {
                let lost = self.unsaved;
                self.unsaved = false;
                self.field.external_seen = false;
                self.replace_portfolio(portfolio);
                let key = if lost { "external.reloaded_lost" } else { "external.reloaded" };
                self.set_info(self.lang.t(key).to_owned());
                self.offer_conflicts();
            }
            Err(e) => {
                let why = e.localized_summary(self.lang);
                self.set_error(self.lang.tf("external.reload_failed", &[("why", &why)]));
            }
        }
    }

    fn restore(&mut self, found: Recovery) {
        match found.draft {
            Draft::Initiative { editing, focus, draft, fields } => {
                let original = editing.and_then(|id| self.portfolio.initiative(id)).cloned();
                if editing.is_some() && original.is_none() {
                    self.set_error(self.lang.t("recovery.edited_gone").to_owned());
                }
                self.mode = Mode::Form(Box::new(restored_form(original, *draft, &fields, focus, self)));
            }
            Draft::LogEntry { id, kind, text } => {
                if self.portfolio.initiative(id).is_some() {
                    self.mode = Mode::LogEntry { id, input: Input::new(text), kind };
                } else {
                    let text = crate::text::one_line(&text).into_owned();
                    self.set_error(self.lang.tf("recovery.log_gone", &[("id", &id), ("text", &text)]));
                }
            }
        }
        // The file stays until the restored text is saved or discarded.
        self.field.keep_earlier = false;
        self.field.on_disk = self.current_draft();
        self.field.draft = self.field.on_disk.clone();
        if let Some(path) = self.recovery_path() {
            recovery::remember(&path, self.field.draft.clone());
        }
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

    /// Handles the actions of the recovery and external-change dialogs; gives back every
    /// other action for `update`.
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
            (Mode::External(_), Action::ReloadFromDisk) => {
                self.mode = Mode::Normal;
                self.reload_from_disk();
            }
            (Mode::External(_), Action::StartSaveAs) => self.mode = Mode::Command(Input::new("w ".into())),
            (Mode::External(_), Action::MergeWithDisk) => self.merge_with_disk(),
            (Mode::External(_), Action::Cancel) => {
                self.mode = Mode::Normal;
                self.field.external_seen = true;
                self.set_error(self.lang.t("external.dismissed").to_owned());
            }
            (
                Mode::Recovery(_) | Mode::External(_),
                action @ (Action::Quit | Action::Resize(..) | Action::Redraw),
            ) => {
                return Some(action);
            }
            (Mode::Recovery(_) | Mode::External(_), _)
            | (_, Action::DiscardRecovery | Action::StartSaveAs | Action::MergeWithDisk) => {}
            (_, action) => return Some(action),
        }
        None
    }
}

fn form_draft(form: &InitiativeForm) -> Draft {
    let mut fields: Vec<(String, String)> =
        form.lines.iter().map(|(f, input)| (f.label().to_owned(), input.value().to_owned())).collect();
    fields.extend(form.texts.iter().map(|(f, area)| (f.label().to_owned(), area.lines().join("\n"))));
    Draft::Initiative {
        editing: form.original.as_ref().map(|i| i.id),
        focus: form.focus,
        draft: Box::new(form.draft.clone()),
        fields,
    }
}

fn restored_form(
    original: Option<Initiative>,
    draft: Initiative,
    fields: &[(String, String)],
    focus: usize,
    app: &App,
) -> InitiativeForm {
    let mut form = InitiativeForm::new(original, draft, &app.portfolio.organisation);
    for (key, value) in fields {
        // The file could have been edited by hand: keep line breaks, drop other controls.
        let value: String = value.chars().filter(|c| !c.is_control() || *c == '\n').collect();
        let value = &value;
        let Some(field) = Field::ALL.iter().copied().find(|f| f.label() == key) else { continue };
        match field.kind() {
            FieldKind::Line => {
                if let Some(input) = form.lines.get_mut(field) {
                    *input = Input::new(value.clone());
                }
            }
            FieldKind::Text => {
                if let Some((_, area)) = form.texts.iter_mut().find(|(f, _)| *f == field) {
                    *area = TextArea::new(value.split('\n').map(str::to_owned).collect());
                }
            }
            FieldKind::Choice | FieldKind::Multi | FieldKind::List => {}
        }
    }
    form.focus = focus.min(Field::ALL.len() - 1);
    form.dirty = true;
    form
}
