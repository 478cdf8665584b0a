//! Conflicts a merge left in the file, settled in the interface: a dialog per conflict
//! (keep ours, take theirs, or type the value), each choice an undoable edit; and "merge
//! both" from the external-change dialog, which merges this session's portfolio with the
//! file another program wrote (a `git pull`, say) by the same merge as `fasett merge`.

use serde_json::Value;
use tui_input::Input;

use super::editing::{self, Prompted};
use super::{App, Mode};
use crate::action::{Action, ConflictAction};
use crate::merge::{self, Pick};
use crate::model::Conflict;

/// The conflict dialog: which conflict is on screen, and the value being typed, if any.
#[derive(Debug, Clone, Default)]
pub struct ConflictDialog {
    /// Index into the portfolio's conflicts.
    pub index: usize,
    pub editing: Option<Input>,
}

impl App {
    /// The conflict the dialog shows, if it is open and there is one.
    pub fn conflict_on_screen(&self) -> Option<(usize, &Conflict)> {
        let Mode::Conflicts(dialog) = &self.mode else { return None };
        let ix = dialog.index.min(self.portfolio.conflicts.len().checked_sub(1)?);
        Some((ix, &self.portfolio.conflicts[ix]))
    }

    /// Opens the dialog at the first conflict, saying how many wait; or says there are none.
    pub fn open_conflicts(&mut self) {
        let count = self.portfolio.conflicts.len();
        if count == 0 {
            self.set_info(self.lang.t("conflict.none").to_owned());
            return;
        }
        self.mode = Mode::Conflicts(ConflictDialog::default());
        self.set_error(self.lang.tf("conflict.waiting", &[("count", &count)]));
    }

    /// At start and after the file was read again: conflicts waiting are shown at once.
    pub(super) fn offer_conflicts(&mut self) {
        if !self.portfolio.conflicts.is_empty() && !self.is_read_only() && matches!(self.mode, Mode::Normal) {
            self.open_conflicts();
        }
    }

    /// After an undo or redo: a choice taken back brings its conflict back on screen; the
    /// dialog closes when none is left.
    pub(super) fn conflicts_changed(&mut self, before: usize) {
        let count = self.portfolio.conflicts.len();
        if count > before && matches!(self.mode, Mode::Normal | Mode::Conflicts(_)) {
            self.mode = Mode::Conflicts(ConflictDialog { index: count - 1, editing: None });
        } else if count == 0 && matches!(self.mode, Mode::Conflicts(_)) {
            self.mode = Mode::Normal;
        }
    }

    /// Handles every action while the conflict dialog is open, and opening it; gives back
    /// the rest (and undo, redo, help and quit, which work here too) for `update`.
    pub(super) fn conflict_intercept(&mut self, action: Action) -> Option<Action> {
        if matches!(action, Action::OpenConflicts) {
            self.open_conflicts();
            return None;
        }
        let Mode::Conflicts(dialog) = &mut self.mode else { return Some(action) };
        if let Some(input) = dialog.editing.as_mut() {
            match editing::prompt_line(input, action) {
                Prompted::Submitted(text) => self.settle_typed(&text),
                Prompted::Cancelled => dialog.editing = None,
                Prompted::PassedOn(action) => return Some(action),
                Prompted::Joined => self.said_joined(),
                Prompted::Handled => {}
            }
            return None;
        }
        let count = self.portfolio.conflicts.len();
        match action {
            Action::Conflict(ConflictAction::KeepOurs) => self.settle(&Pick::Ours),
            Action::Conflict(ConflictAction::TakeTheirs) => self.settle(&Pick::Theirs),
            Action::Conflict(ConflictAction::Edit) => {
                let (_, conflict) = self.conflict_on_screen()?;
                if merge::is_record(conflict) {
                    self.set_error(self.lang.t("conflict.record_not_typed").to_owned());
                } else {
                    let start = typed_text(conflict.ours.get().or(conflict.theirs.get()));
                    if let Mode::Conflicts(dialog) = &mut self.mode {
                        dialog.editing = Some(Input::new(start));
                    }
                }
            }
            Action::Conflict(ConflictAction::Next) => {
                dialog.index = crate::cycle::step_index(dialog.index, count, true);
            }
            Action::Conflict(ConflictAction::Previous) => {
                dialog.index = crate::cycle::step_index(dialog.index, count, false);
            }
            Action::Cancel => {
                self.mode = Mode::Normal;
                if count > 0 {
                    self.set_info(self.lang.tf("conflict.later", &[("count", &count)]));
                }
            }
            Action::Undo | Action::Redo => return Some(action),
            action if action.is_app_wide() => return Some(action),
            _ => {}
        }
        None
    }

    /// Settles the conflict on screen with `pick`, as one undoable edit, and moves on.
    fn settle(&mut self, pick: &Pick) {
        let Some((ix, conflict)) = self.conflict_on_screen() else { return };
        let change = match merge::resolution(&self.portfolio, conflict, pick) {
            Ok(change) => change,
            Err(why) => {
                self.set_error(self.lang.tf("conflict.cannot", &[("why", &crate::text::one_line(&why))]));
                return;
            }
        };
        let place = merge::place(conflict, &self.portfolio, self.lang);
        if !self.commit(change) {
            return;
        }
        let left = self.portfolio.conflicts.len();
        if left == 0 {
            self.mode = Mode::Normal;
            self.set_info(self.lang.t("conflict.all_done").to_owned());
        } else {
            self.mode = Mode::Conflicts(ConflictDialog { index: ix.min(left - 1), editing: None });
            self.set_info(self.lang.tf("conflict.done", &[("path", &place), ("count", &left)]));
        }
    }

    /// Settles the conflict on screen with the typed text: a string where both copies hold
    /// text, else the text read as JSON (a number, `true`, a list).
    fn settle_typed(&mut self, text: &str) {
        let Some((_, conflict)) = self.conflict_on_screen() else { return };
        let is_text = [conflict.ours.get(), conflict.theirs.get(), conflict.base.get()]
            .into_iter()
            .flatten()
            .any(Value::is_string);
        let value = if is_text {
            Value::String(text.to_owned())
        } else {
            match serde_json::from_str(text) {
                Ok(value) => value,
                Err(e) => {
                    self.set_error(self.lang.tf("conflict.not_a_value", &[("why", &e)]));
                    return;
                }
            }
        };
        self.settle(&Pick::Value(value));
    }

    /// "Merge both": this session's portfolio, the file as another program left it, and
    /// what this session loaded as their common ancestor. Conflicts are recorded and shown.
    pub(super) fn merge_with_disk(&mut self) {
        if !self.writable() {
            return;
        }
        // The other program (a git merge, say) started from the file as this session last
        // read or saved it: as the writing thread last wrote it, once it is done.
        self.finish_saves();
        let base = self.history.last_saved(&self.portfolio);
        let Some(saver) = self.store.as_mut() else { return };
        let theirs = match saver.with_store(crate::store::Store::reload) {
            Ok(theirs) => theirs,
            Err(e) => {
                self.set_error(self.lang.tf("external.merge_failed", &[("why", &e.summary())]));
                return;
            }
        };
        let options = merge::Options { today: self.today, now: super::now(), lang: self.lang };
        let merged = match merge::merge(base, self.portfolio.clone(), theirs, &options) {
            Ok(merged) => merged.portfolio,
            Err(why) => {
                self.set_error(self.lang.tf("external.merge_failed", &[("why", &why)]));
                return;
            }
        };
        self.replace_portfolio(merged);
        self.disk_settled();
        self.mode = Mode::Normal;
        let waiting = self.portfolio.conflicts.len();
        let done = if waiting == 0 {
            self.lang.t("external.merged").to_owned()
        } else {
            self.lang.tf("external.merged_conflicts", &[("count", &waiting)])
        };
        self.save_with(&done);
        // The user waits for this one: whether it reached the file decides what comes next.
        self.finish_saves();
        if !self.unsaved && !self.portfolio.conflicts.is_empty() {
            self.mode = Mode::Conflicts(ConflictDialog::default());
        }
    }
}

/// The text a value is edited as: a string as it is, anything else as JSON.
pub(super) fn typed_text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}
