//! Saving without waiting for the disk: each edit is applied and drawn at once and handed to
//! the store's writing thread ([`Saver`]). The status line says "Saving…" until the thread
//! confirms, then what was done ("#12 saved."), or at once why the file could not be written
//! (the edit stays in memory, `:w` tries again). Quitting, a signal, `:w PATH` and reloading
//! wait for the saves under way.

use std::time::Instant;

use super::{App, StatusLine};
use crate::store::{Outcome, Saver};

impl App {
    /// Hands the portfolio to the writing thread; `done` is said once it is on disk.
    pub(super) fn save_with(&mut self, done: &str) {
        let touched = std::mem::take(&mut self.touched.initiatives);
        let touched_runs = std::mem::take(&mut self.touched.runs);
        let Some(saver) = self.store.as_mut() else {
            // No file to fall behind: nothing is kept for a later merge.
            self.history.mark_saved();
            self.set_info(done.to_owned());
            return;
        };
        let generation = saver.save(&self.portfolio, &touched, &touched_runs);
        self.save_marks.push((generation, self.history.mark()));
        self.saving = Some(done.to_owned());
        self.say(StatusLine {
            text: self.lang.t("status.saving").to_owned(),
            is_error: false,
            lasting: false,
        });
        if self.wait_for_saves {
            self.finish_saves();
        }
    }

    /// Whether the status line says that a save is under way.
    pub(super) fn says_saving(&self) -> bool {
        self.status.as_ref().is_some_and(|s| !s.is_error && s.text == self.lang.t("status.saving"))
    }

    /// The status text, or while a save is under way the text said once it is on disk.
    pub(super) fn news(&self) -> String {
        match &self.saving {
            Some(done) if self.says_saving() => done.clone(),
            _ => self.status.as_ref().map(|s| s.text.clone()).unwrap_or_default(),
        }
    }

    /// Whether a save is under way (asked for, not yet confirmed).
    pub fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    /// Takes up the saves that ended, without waiting; true if one did.
    pub fn poll_saves(&mut self) -> bool {
        let Some(saver) = self.store.as_mut() else { return false };
        let outcomes = saver.outcomes();
        let any = !outcomes.is_empty();
        self.took(outcomes);
        any
    }

    /// Waits until every save asked for is on disk (or failed) and takes up how they ended.
    pub fn finish_saves(&mut self) {
        let Some(saver) = self.store.as_mut() else { return };
        let outcomes = saver.finish();
        self.took(outcomes);
    }

    /// Work for a moment when nothing else happens, until `deadline`: the texts the first
    /// save needs, then the checklists' sum if a change left it out of date. True while some
    /// is left.
    pub fn idle_work(&mut self, deadline: Instant) -> bool {
        let more = match self.store.as_mut() {
            Some(saver) => saver.prepare(&self.portfolio, deadline),
            None => false,
        };
        // The sum is one piece of work, well under a slice at 10,000 initiatives.
        if !more && Instant::now() < deadline {
            self.refresh_overview_if_stale();
        }
        more || self.overview_is_stale()
    }

    /// `q`: leaves once the saves under way are on disk. A save that fails just then keeps
    /// fasett open to say so, and edits another program's change kept from the file ask
    /// what to do about it first, unless `force` (`:q!`).
    pub(super) fn quit(&mut self, force: bool) {
        let pending = self.is_saving();
        self.finish_saves();
        if !force && self.quit_needs_choice() {
            return;
        }
        if pending && self.unsaved && !force {
            return;
        }
        // Edits an earlier failed save kept in memory are written once more before leaving:
        // quitting never drops them without `:q!`.
        if self.unsaved && !force && self.store.is_some() && !self.is_read_only() {
            let saved = self.lang.t("status.saved").to_owned();
            self.save_with(&saved);
            self.finish_saves();
            if self.unsaved {
                self.set_error(self.lang.t("status.quit_unsaved").to_owned());
                return;
            }
        }
        self.should_quit = true;
    }

    fn took(&mut self, outcomes: Vec<Outcome>) {
        let newest = self.store.as_ref().map_or(0, Saver::newest);
        for Outcome { generation, result } in outcomes {
            // Saves end in order; one that a newer save replaced in the queue never ends.
            let mark = self.save_marks.iter().find(|(g, _)| *g == generation).map(|(_, mark)| *mark);
            self.save_marks.retain(|(g, _)| *g > generation);
            if let (Ok(()), Some(mark)) = (&result, mark) {
                self.history.mark_saved_at(mark);
            }
            match result {
                Ok(()) if generation == newest => {
                    let was_unsaved = std::mem::replace(&mut self.unsaved, false);
                    if let Some(done) = self.saving.take()
                        && (self.says_saving() || was_unsaved)
                    {
                        self.say(StatusLine { text: done, is_error: false, lasting: false });
                    }
                }
                // A newer save is on its way and holds this one's edits too.
                Ok(()) => {}
                Err(e) => {
                    self.unsaved = true;
                    if generation == newest {
                        self.saving = None;
                    }
                    self.set_error(self.lang.tf("status.save_failed", &[("error", &e.localized(self.lang))]));
                    self.after_save_error(&e);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs::File;
    use std::path::Path;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Condvar, Mutex, PoisonError};
    use std::time::Duration;

    use crate::action::{Action, Direction, GridAction};
    use crate::store::{FaultyFileOps, FileOps, Op, RealFileOps, Store};
    use crate::testing::{Harness, sample};

    /// Real file operations whose flushes wait while the gate is closed, as a slow disk
    /// makes them wait; counts the data file's renames (one per save), and holds back those
    /// past a limit.
    #[derive(Debug, Default)]
    struct Gate {
        closed: Mutex<bool>,
        opened: Condvar,
        saves: AtomicUsize,
        /// Saves allowed to reach the file (`None`: all).
        limit: Mutex<Option<usize>>,
    }

    impl Gate {
        fn close(&self) {
            *self.closed.lock().unwrap_or_else(PoisonError::into_inner) = true;
        }

        fn open(&self) {
            *self.closed.lock().unwrap_or_else(PoisonError::into_inner) = false;
            self.opened.notify_all();
        }

        fn limit(&self, saves: Option<usize>) {
            *self.limit.lock().unwrap_or_else(PoisonError::into_inner) = saves;
            self.opened.notify_all();
        }

        /// Waits (a test's while at most) until `n` saves have reached the file.
        fn wait_for_saves(&self, n: usize) {
            let start = std::time::Instant::now();
            while self.saves.load(Ordering::SeqCst) < n {
                assert!(start.elapsed() < Duration::from_secs(10), "no save {n}");
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    }

    impl FileOps for Gate {
        fn sync(&self, file: &File) -> std::io::Result<()> {
            let closed = self.closed.lock().unwrap_or_else(PoisonError::into_inner);
            // Never longer than a test may take, even if a test forgets to open it.
            drop(self.opened.wait_timeout_while(closed, Duration::from_secs(10), |closed| *closed));
            RealFileOps.sync(file)
        }

        fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
            if to.file_name().is_none_or(|n| n != "portfolio.json") {
                return RealFileOps.rename(from, to);
            }
            let limit = self.limit.lock().unwrap_or_else(PoisonError::into_inner);
            let held =
                |limit: &mut Option<usize>| limit.is_some_and(|l| self.saves.load(Ordering::SeqCst) >= l);
            drop(self.opened.wait_timeout_while(limit, Duration::from_secs(10), held));
            let renamed = RealFileOps.rename(from, to);
            self.saves.fetch_add(1, Ordering::SeqCst);
            renamed
        }
    }

    /// The sample on disk in `dir`, opened with `ops`, saving in the background as the
    /// interface does.
    fn app_with(dir: &tempfile::TempDir, ops: Arc<dyn FileOps>) -> Harness {
        let file = dir.path().join("portfolio.json");
        std::fs::write(&file, crate::store::to_json(&sample())).expect("writes");
        let mut opened = Store::open(&file, false).expect("opens");
        opened.store.set_file_ops(ops);
        let mut app = Harness::opened(opened);
        app.wait_for_saves = false;
        app
    }

    /// The sample in a temporary folder (kept while the harness is used), written through a
    /// gate the test opens and closes.
    fn gated() -> (Harness, Arc<Gate>, tempfile::TempDir) {
        let gate = Arc::new(Gate::default());
        let dir = crate::testing::temp_dir();
        let app = app_with(&dir, gate.clone());
        (app, gate, dir)
    }

    fn on_disk(app: &Harness) -> crate::model::Portfolio {
        crate::store::load(app.path().expect("a file")).expect("loads").expect("exists")
    }

    fn move_right(app: &mut Harness) {
        app.update(Action::Grid(GridAction::MoveInitiative(Direction::Right)));
    }

    #[test]
    fn an_edit_shows_at_once_says_saving_and_then_what_was_done() {
        let (mut app, gate, _dir) = gated();
        let id = app.selected_id().expect("a selected initiative");
        let before = app.portfolio.initiative(id).map(|i| i.facet);
        gate.close();
        move_right(&mut app);
        let moved = app.portfolio.initiative(id).map(|i| i.facet);
        assert_ne!(moved, before, "applied at once");
        assert_eq!(app.message(), app.lang.t("status.saving"));
        assert!(app.is_saving());
        assert_eq!(on_disk(&app).initiative(id).map(|i| i.facet), before, "not on disk yet");
        gate.open();
        app.finish_saves();
        assert!(app.message().contains("moved to"), "{}", app.message());
        assert!(!app.unsaved && !app.is_saving());
        assert_eq!(on_disk(&app).initiative(id).map(|i| i.facet), moved);
    }

    #[test]
    fn edits_made_during_a_write_are_written_together_after_it() {
        let (mut app, gate, _dir) = gated();
        gate.close();
        for _ in 0..5 {
            move_right(&mut app);
            move_right(&mut app);
            app.update(Action::MoveDown);
        }
        gate.open();
        app.finish_saves();
        // The first write, then one for the four edits that waited for it.
        assert!(gate.saves.load(Ordering::SeqCst) <= 2, "{} saves", gate.saves.load(Ordering::SeqCst));
        assert_eq!(on_disk(&app), app.portfolio);
        assert!(!app.unsaved);
    }

    #[test]
    fn a_failed_background_save_says_so_and_w_saves_the_edit() {
        let faults = Arc::new(FaultyFileOps::new());
        let dir = crate::testing::temp_dir();
        let mut app = app_with(&dir, faults.clone());
        faults.fail_always(Op::Rename);
        move_right(&mut app);
        app.finish_saves();
        let (text, is_error) = app.status().unwrap_or_default();
        assert!(is_error && text.contains("Not saved"), "{text}");
        assert!(app.unsaved);
        assert_ne!(on_disk(&app), app.portfolio, "kept in memory only");
        faults.heal();
        app.update(Action::RunCommand("w".into()));
        app.finish_saves();
        assert!(!app.unsaved, "{:?}", app.status());
        assert_eq!(on_disk(&app), app.portfolio);
    }

    /// Real file operations, but the first rename of the data file panics: a bug in the
    /// writing thread.
    #[derive(Debug, Default)]
    struct PanicsOnce(AtomicUsize);

    impl FileOps for PanicsOnce {
        fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
            if to.file_name().is_some_and(|n| n == "portfolio.json")
                && self.0.fetch_add(1, Ordering::SeqCst) == 0
            {
                panic!("forced in a test");
            }
            RealFileOps.rename(from, to)
        }
    }

    #[test]
    fn a_panic_in_the_writing_thread_is_a_failed_save_and_the_next_edit_is_saved() {
        let dir = crate::testing::temp_dir();
        let mut app = app_with(&dir, Arc::new(PanicsOnce::default()));
        let written = on_disk(&app);
        move_right(&mut app);
        app.finish_saves();
        let (text, is_error) = app.status().unwrap_or_default();
        assert!(is_error && text.contains("Not saved") && text.contains("forced in a test"), "{text}");
        assert!(app.unsaved);
        assert_eq!(on_disk(&app), written, "the file as it was");
        app.update(Action::Grid(GridAction::MoveInitiative(Direction::Left)));
        app.update(Action::Grid(GridAction::MoveInitiative(Direction::Right)));
        app.finish_saves();
        assert!(!app.unsaved, "{:?}", app.status());
        assert_eq!(on_disk(&app), app.portfolio);
    }

    #[test]
    fn the_last_saved_portfolio_is_what_the_writing_thread_wrote_not_the_newest_edit() {
        let (mut app, gate, _dir) = gated();
        gate.limit(Some(1));
        move_right(&mut app);
        gate.wait_for_saves(1);
        // Made after the first save reached the file, before the interface heard of it.
        app.update(Action::Grid(GridAction::MoveInitiative(Direction::Left)));
        let start = std::time::Instant::now();
        while !app.poll_saves() {
            assert!(start.elapsed() < Duration::from_secs(10), "the first save never ended");
            std::thread::sleep(Duration::from_millis(1));
        }
        let written = on_disk(&app);
        assert!(written != app.portfolio, "the second edit is not on disk yet");
        assert!(app.history.last_saved(&app.portfolio) == written, "the base is the file as written");
        gate.limit(None);
        app.finish_saves();
        assert!(on_disk(&app) == app.portfolio);
        assert!(app.history.last_saved(&app.portfolio) == app.portfolio);
    }

    #[test]
    fn quitting_waits_until_the_edit_is_on_disk() {
        let (mut app, gate, _dir) = gated();
        gate.close();
        move_right(&mut app);
        let opener = std::thread::spawn({
            let gate = gate.clone();
            move || {
                std::thread::sleep(Duration::from_millis(100));
                gate.open();
            }
        });
        app.update(Action::Quit);
        assert!(app.should_quit);
        assert_eq!(on_disk(&app), app.portfolio);
        opener.join().expect("opens the gate");
    }

    #[test]
    fn a_save_under_way_is_never_taken_for_another_programs_change() {
        let (mut app, gate, _dir) = gated();
        gate.close();
        move_right(&mut app);
        app.idle_tick(std::time::Instant::now() + Duration::from_secs(60));
        gate.open();
        app.finish_saves();
        app.idle_tick(std::time::Instant::now() + Duration::from_secs(120));
        assert!(matches!(app.mode, crate::app::Mode::Normal), "no external-change dialog");
        assert!(!app.external_pending(), "no banner either");
        assert!(!app.unsaved);
    }
}
