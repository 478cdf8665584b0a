//! The data file changed by another program (a `git pull`, a sync client). A look at the
//! file while idle, or a refused save, notes it for the banner above the panes, which takes
//! no keys; the dialog with the choices (merge both, reload, save elsewhere) opens only when
//! the user asks (`R`), saves (`:w`) or quits with edits not saved. Its answers are capitals,
//! and a key is an answer only after half a second without keys: a facilitator typing
//! without looking at the screen never answers it by accident (trial 7, §1).

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use tui_input::Input;

use crate::action::Action;
use crate::app::{App, Mode};
use crate::model::{Id, Portfolio};
use crate::store::SaveError;

/// How long the external-change dialog must have been on screen, with no key pressed, before
/// a key answers it.
pub const DIALOG_SETTLE: Duration = Duration::from_millis(500);

/// How many initiatives the banner names before it says "…".
const BANNER_IDS: usize = 6;

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
    /// Initiatives this session changed and has not saved, said apart from what changed on
    /// disk, so that reloading is chosen knowing whose edits it drops.
    pub here: Vec<Id>,
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
            for (key, list) in [
                ("external.added", &self.added),
                ("external.removed", &self.removed),
                ("external.changed", &self.changed),
            ] {
                if !list.is_empty() {
                    parts.push(lang.tn(key, list.len(), &[("ids", &ids(list, 8, app.ascii))]));
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
            if !self.here.is_empty() {
                parts.push(lang.tn(
                    "external.here",
                    self.here.len(),
                    &[("ids", &ids(&self.here, 8, app.ascii))],
                ));
            }
        }
        let cost = if self.unsaved { "external.reload_loses" } else { "external.reload_safe" };
        parts.push(lang.t(cost).to_owned());
        parts.join("\n")
    }

    /// What changed, in a few words for the banner: the initiatives by number, else what
    /// else differs.
    fn brief(&self, app: &App) -> String {
        if self.unreadable.is_some() {
            return app.lang.t("external.banner_unreadable").to_owned();
        }
        let mut touched: Vec<Id> =
            [&self.added, &self.removed, &self.changed].into_iter().flatten().copied().collect();
        touched.sort_unstable();
        match (touched.is_empty(), self.other) {
            (false, _) => ids(&touched, BANNER_IDS, app.ascii),
            (true, true) => app.lang.t("external.banner_other").to_owned(),
            (true, false) => app.lang.t("external.banner_layout").to_owned(),
        }
    }
}

/// `#3 #9 …`: the first `most` numbers of `list`, and an ellipsis for the rest.
fn ids(list: &[Id], most: usize, ascii: bool) -> String {
    let mut shown: Vec<String> = list.iter().take(most).map(|id| format!("#{id}")).collect();
    if list.len() > most {
        shown.push(crate::text::ellipsis(ascii).into());
    }
    shown.join(" ")
}

impl App {
    /// Looks (one `stat`) whether another program changed the file, and notes what it
    /// changed for the banner. Nothing opens and no key is taken, whatever is on screen.
    pub fn check_disk(&mut self) {
        if self.is_read_only() {
            return;
        }
        // While a save is under way the file is ours to change: looked at next time.
        match self.store.as_ref().and_then(crate::store::Saver::changed_on_disk) {
            Some(true) => self.note_external_change(),
            Some(false) if !matches!(self.mode, Mode::External(_)) => self.field.external = None,
            _ => {}
        }
    }

    /// Notes what the other program changed, for the banner. The file is read only when it
    /// is not as it was at the last look (its length or time of change differ) or could not
    /// be read then: a file caught half-written is read again until it can be, a second
    /// change is noted afresh, and a save refused after every edit does not read the whole
    /// file each time.
    fn note_external_change(&mut self) {
        let stamp = self.disk_stamp();
        let stale = self.field.external.as_ref().is_none_or(|c| c.unreadable.is_some());
        if stale || self.field.noticed_stamp != stamp {
            self.field.noticed_stamp = stamp;
            self.field.external = Some(self.noticed_change());
        } else if let Some(change) = self.field.external.as_mut() {
            change.unsaved = self.unsaved;
        }
    }

    /// The data file's length and time of change, as the file system says them now.
    fn disk_stamp(&self) -> Option<(u64, Option<std::time::SystemTime>)> {
        let meta = std::fs::metadata(self.path()?).ok()?;
        Some((meta.len(), meta.modified().ok()))
    }

    /// Whether a change another program made to the file waits for the user's choice.
    pub fn external_pending(&self) -> bool {
        self.field.external.is_some()
    }

    /// What the banner above the panes says, with its title's catalog key: why the file is
    /// read-only, else what another program changed and the key that opens the choices.
    pub fn banner(&self) -> Option<(&'static str, String)> {
        if let Some(problem) = self.problem() {
            return Some(("screen.problem_title", problem));
        }
        let change = self.field.external.as_ref()?;
        let key = if self.unsaved { "external.banner_unsaved" } else { "external.banner" };
        let what = self.lang.tf(key, &[("what", &change.brief(self))]);
        // The key on a line of its own, never wrapped away from what it does.
        Some(("external.title", format!("{what}\n{}", self.lang.t("external.banner_key"))))
    }

    /// What the dialog says: what the other program changed on disk, and apart from it the
    /// initiatives this session changed and has not saved.
    pub fn external_change(&self) -> ExternalChange {
        let saved = self.history.last_saved(&self.portfolio);
        let mut change = self.external_change_from(&saved);
        if self.unsaved {
            let ours = ExternalChange::between(&saved, &self.portfolio);
            change.here = [ours.added, ours.removed, ours.changed].concat();
            change.here.sort_unstable();
        }
        change
    }

    /// What the other program changed: the file on disk compared with the file as this
    /// session last read or saved it, so that the banner never names this session's edits.
    fn noticed_change(&self) -> ExternalChange {
        self.external_change_from(&self.history.last_saved(&self.portfolio))
    }

    fn external_change_from(&self, ours: &Portfolio) -> ExternalChange {
        let Some(path) = self.path() else { return ExternalChange::default() };
        let mut change = match crate::store::load(path) {
            Ok(Some(theirs)) => ExternalChange::between(ours, &theirs),
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

    /// The dialog with the choices over the normal screen, the file looked at afresh (for
    /// the banner too).
    fn ask_about_disk(&mut self) {
        let change = self.external_change();
        self.field.noticed_stamp = self.disk_stamp();
        self.field.external = Some(self.noticed_change());
        self.field.asked_at = Some(Instant::now());
        self.mode = Mode::External(Box::new(change));
    }

    /// `R`: the choices about the file another program changed, if it did.
    fn open_external_change(&mut self) {
        self.finish_saves();
        self.check_disk();
        if self.external_pending() {
            self.ask_about_disk();
        } else {
            self.set_info(self.lang.t("external.nothing").to_owned());
        }
    }

    /// `:w`: saves again, or, when another program changed the file, asks what to do.
    pub(in crate::app) fn write_asked(&mut self) {
        self.finish_saves();
        self.check_disk();
        if self.external_pending() {
            self.ask_about_disk();
        } else {
            self.save();
        }
    }

    /// Quitting with edits that another program's change kept from the file: the choice
    /// is needed first. True when the dialog opened instead.
    pub(in crate::app) fn quit_needs_choice(&mut self) -> bool {
        if !(self.unsaved && self.external_pending()) {
            return false;
        }
        self.ask_about_disk();
        self.set_error(self.lang.t("external.quit_first").to_owned());
        true
    }

    /// Called by `save_with` when a save fails: a refusal because another program changed
    /// the file is said in the banner (brought up to date) and in the status line; no
    /// dialog opens unasked.
    pub(in crate::app) fn after_save_error(&mut self, error: &SaveError) {
        if matches!(error, SaveError::ExternalChange { .. }) {
            self.note_external_change();
            self.set_error(self.lang.t("external.not_saved").to_owned());
        }
    }

    /// The file is this session's again (merged, reloaded, saved elsewhere, another file
    /// opened): the banner goes, and a later change is noted afresh.
    pub(in crate::app) fn disk_settled(&mut self) {
        self.field.external = None;
    }

    /// Reads the file again (`L` in the external-change dialog, `:reload` at any time),
    /// dropping this session's unsaved edits and its undo history, unless nothing changed.
    pub(in crate::app) fn reload_from_disk(&mut self) {
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
                self.disk_settled();
                self.set_info(self.lang.t("external.reloaded_same").to_owned());
            }
            Ok(portfolio) => {
                let lost = self.unsaved;
                self.unsaved = false;
                self.disk_settled();
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

    /// The keys over the external-change dialog; gives back what belongs to the whole app
    /// (a resize, `Ctrl-L`). A key is an answer only once the dialog has been on screen for
    /// [`DIALOG_SETTLE`] with no key pressed; any other key is ignored, says so, and starts
    /// that wait again, so typing that goes on over the dialog never answers it.
    pub(super) fn external_intercept(&mut self, action: Action) -> Option<Action> {
        if matches!(action, Action::Resize(..) | Action::Redraw) {
            return Some(action);
        }
        let now = Instant::now();
        let settled = self.field.asked_at.is_none_or(|at| now.saturating_duration_since(at) >= DIALOG_SETTLE);
        let answer = matches!(
            action,
            Action::ReloadFromDisk | Action::StartSaveAs | Action::MergeWithDisk | Action::Cancel
        );
        if !(settled && answer) {
            self.field.asked_at = Some(now);
            let key = if answer { "external.too_soon" } else { "external.ignored" };
            self.set_error(self.lang.t(key).to_owned());
            return None;
        }
        match action {
            Action::ReloadFromDisk => {
                self.mode = Mode::Normal;
                self.reload_from_disk();
            }
            Action::StartSaveAs => self.mode = Mode::Command(Input::new("w ".into())),
            Action::MergeWithDisk => self.merge_with_disk(),
            _ => {
                self.mode = Mode::Normal;
                self.set_error(self.lang.t("external.dismissed").to_owned());
            }
        }
        None
    }

    /// Actions about the changed file from anywhere but its dialog: `R` opens it, and its
    /// answers do nothing elsewhere. Gives back every other action.
    pub(super) fn external_outside(&mut self, action: Action) -> Option<Action> {
        match action {
            Action::OpenExternalChange => self.open_external_change(),
            Action::StartSaveAs | Action::MergeWithDisk => {}
            action => return Some(action),
        }
        None
    }
}
