//! Every change of the portfolio: an edit committed, undone or redone, or the whole
//! portfolio replaced; the one read-only guard before them; and what is derived from the
//! portfolio brought up to date after them.

use serde_json::Value;

use super::App;
use crate::history::{Change, History, Touched};
use crate::i18n::Lang;
use crate::merge::changed_field_names;
use crate::model::Portfolio;
use crate::store::{Access, ReadOnlyReason, Saver};

impl App {
    /// Applies an edit, makes it undoable and has it saved at once (without waiting for the
    /// disk). Refused in read-only mode.
    pub fn commit(&mut self, change: Change) -> bool {
        if !self.writable() {
            return false;
        }
        change.touch(&mut self.touched);
        self.history.commit(change, &mut self.portfolio);
        self.after_change(false);
        self.save();
        true
    }

    /// Puts a whole portfolio in place of the one in use — the demo opened, the file read
    /// again, both merged — and brings every view up to date. Undo does not reach back
    /// across it, and the writing thread keeps none of the old portfolio's texts.
    pub(super) fn replace_portfolio(&mut self, portfolio: Portfolio) {
        self.portfolio = portfolio;
        self.history.clear();
        self.touched = Touched::default();
        if let Some(saver) = self.store.as_mut() {
            saver.forget();
        }
        self.after_change(true);
    }

    /// Brings every view derived from the portfolio up to date: the search index, the
    /// register, the grid's cells and balance, the Culture pane's selection, the benefits view. Every change of
    /// portfolio passes here: an edit, undo and redo (of an import too), and
    /// [`Self::replace_portfolio`]. `everything`: the portfolio was replaced, not edited
    /// through a `Change` whose initiatives are in `touched`.
    pub(super) fn after_change(&mut self, everything: bool) {
        self.first_run = false;
        if everything {
            self.search.refresh(&self.portfolio);
        } else {
            self.search.refresh_ids(&self.portfolio, &self.touched.initiatives);
        }
        // The register and the grid show initiatives only: a score or a profile edit leaves
        // them as they are (at 100,000 initiatives rebuilding them is most of a keypress).
        if everything || !self.touched.initiatives.is_empty() {
            self.refresh_view();
        }
        self.culture_after_change();
        self.benefits_after_change(everything);
        if everything || std::mem::take(&mut self.touched.checklists) {
            self.overview_changed();
        }
    }

    /// The one read-only guard: true when edits may be made; otherwise says why not, and
    /// how to edit after all where a takeover can do that.
    pub(super) fn writable(&mut self) -> bool {
        let text = match self.store.as_ref().map(Saver::access) {
            // Short, so that the way out fits the status line: the banner says the rest.
            Some(Access::ReadOnly(ReadOnlyReason::LockedBy(_))) => {
                self.lang.t("takeover.locked_short").to_owned()
            }
            Some(Access::ReadOnly(ReadOnlyReason::Requested)) => {
                self.lang.t("takeover.requested_short").to_owned()
            }
            Some(Access::ReadOnly(reason)) => {
                self.lang.tf("status.read_only", &[("reason", &reason.localized(self.lang))])
            }
            _ => return true,
        };
        self.set_error(text);
        false
    }

    pub(super) fn undo(&mut self) {
        self.step_history(History::undo, "status.nothing_to_undo", "status.undone_what");
    }

    pub(super) fn redo(&mut self) {
        self.step_history(History::redo, "status.nothing_to_redo", "status.redone_what");
    }

    /// Undoes or redoes one change (`step`), then brings up to date what an edit does and
    /// saves; `nothing` and `done` are the status keys for either outcome, `done` naming what
    /// was taken back or put back (in a meeting, everyone should see what `u` did). Refused
    /// in read-only mode.
    fn step_history(
        &mut self,
        step: for<'h> fn(&'h mut History, &mut Portfolio) -> Option<&'h Change>,
        nothing: &str,
        done: &str,
    ) {
        if !self.writable() {
            return;
        }
        let conflicts = self.portfolio.conflicts.len();
        let Some(change) = step(&mut self.history, &mut self.portfolio) else {
            self.set_info(self.lang.t(nothing).to_owned());
            return;
        };
        change.touch(&mut self.touched);
        let id = change.initiative_id();
        let what = said(change, self.lang);
        self.after_change(false);
        self.conflicts_changed(conflicts);
        if let Some(id) = id {
            self.select_initiative(id);
        }
        self.save_with(&self.lang.tf(done, &[("what", &what)]));
    }

    pub(super) fn save(&mut self) {
        self.save_with(self.lang.t("status.saved"));
    }
}

/// What one change holds, in words, for the status line after an undo or a redo: an
/// initiative by number and title with the fields that differ ("#4 Nattpatrull · Fasett")
/// or as added or deleted ("deleting #26 …"),
/// a checklist run or an action by number, the profile, or how many changes a batch took
/// back together.
fn said(change: &Change, lang: Lang) -> String {
    let id = |key: &str, id: u32| lang.tf(key, &[("id", &id.to_string())]);
    // A record the change made or removed is said so ("adding #26 …"); an edit names it alone.
    let life = |before: bool, after: bool, what: String| match (before, after) {
        (false, true) => lang.tf("history.adding", &[("what", &what)]),
        (true, false) => lang.tf("history.deleting", &[("what", &what)]),
        _ => what,
    };
    match change {
        Change::Initiative(r) => {
            let Some(i) = r.either() else { return String::new() };
            let named = format!("#{} {}", i.id, crate::text::one_line(&i.title));
            let named = life(r.before.is_some(), r.after.is_some(), named);
            let object = |side: Option<&crate::model::Initiative>| match side.map(serde_json::to_value) {
                Some(Ok(Value::Object(map))) => Some(map),
                _ => None,
            };
            match (object(r.before.as_deref()), object(r.after.as_deref())) {
                (Some(before), Some(after)) => {
                    let fields = changed_field_names(&before, &after, lang);
                    if fields.is_empty() { named } else { format!("{named} · {}", fields.join(", ")) }
                }
                _ => named,
            }
        }
        Change::Assessment(r) => r
            .either()
            .map(|a| life(r.before.is_some(), r.after.is_some(), id("history.run", a.id)))
            .unwrap_or_default(),
        Change::Action(r) => r
            .either()
            .map(|a| life(r.before.is_some(), r.after.is_some(), id("history.action", a.id)))
            .unwrap_or_default(),
        Change::Organisation(_) => lang.t("history.profile").to_owned(),
        Change::Batch(changes) if changes.len() == 1 => said(&changes[0], lang),
        Change::Batch(changes) => lang.tf("history.batch", &[("n", &changes.len().to_string())]),
        Change::Template(_) | Change::Conflict(_) | Change::Key(..) => lang.t("history.other").to_owned(),
    }
}
