//! Application state and the one place it changes: [`App::update`].
//!
//! Rendering (`ui`) only reads an `App`; keys become [`Action`]s in `keymap`; every edit of
//! the portfolio is a [`Change`] committed through [`App::commit`], which applies it, makes it
//! undoable and saves at once.

use std::path::Path;

use jiff::civil::Date;
use ratatui::crossterm::event::Event;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::action::Action;
use crate::history::{Change, History};
use crate::i18n::Lang;
use crate::model::{Facet, Id, Portfolio};
use crate::store::{Access, Store};

/// The smallest terminal the interface is laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The four panes, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Portfolio,
    Initiatives,
    Culture,
    Overview,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Portfolio, Pane::Initiatives, Pane::Culture, Pane::Overview];

    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn title_key(self) -> &'static str {
        match self {
            Pane::Portfolio => "tab.portfolio",
            Pane::Initiatives => "tab.initiatives",
            Pane::Culture => "tab.culture",
            Pane::Overview => "tab.overview",
        }
    }
}

/// What the keyboard is doing right now.
#[derive(Debug, Clone)]
pub enum Mode {
    Normal,
    /// The help overlay, scrolled by `scroll` lines.
    Help { scroll: u16 },
    /// Typing a `:` command.
    Command(Input),
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    pub text: String,
    pub is_error: bool,
}

/// Selection in the portfolio grid: a cell (the four facets in reading order, then the
/// strip of mixed and unplaced initiatives) and a row in each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GridState {
    pub cell: usize,
    pub rows: [usize; 5],
}

/// The cells of the grid, in the order `GridState::cell` counts them.
pub const GRID_CELLS: usize = 5;

/// Options the interface is started with.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub lang: Lang,
    pub no_color: bool,
    /// The file did not exist when fasett started (a first run).
    pub first_run: bool,
}

pub struct App {
    pub portfolio: Portfolio,
    store: Option<Store>,
    pub lang: Lang,
    pub no_color: bool,
    pub first_run: bool,
    pub pane: Pane,
    pub mode: Mode,
    pub history: History,
    pub status: Option<StatusLine>,
    /// The last save failed; what is on screen is newer than the file.
    pub unsaved: bool,
    pub should_quit: bool,
    pub today: Date,
    /// Terminal size as last seen, for the too-small notice and paging.
    pub size: (u16, u16),
    pub grid: GridState,
    pub initiatives_selected: usize,
    pub culture_selected: usize,
}

impl App {
    pub fn new(portfolio: Portfolio, store: Option<Store>, options: &Options) -> Self {
        let mut app = Self {
            portfolio,
            store,
            lang: options.lang,
            no_color: options.no_color,
            first_run: options.first_run,
            pane: Pane::Portfolio,
            mode: Mode::Normal,
            history: History::default(),
            status: None,
            unsaved: false,
            should_quit: false,
            today: jiff::Zoned::now().date(),
            size: (MIN_WIDTH, MIN_HEIGHT),
            grid: GridState::default(),
            initiatives_selected: 0,
            culture_selected: 0,
        };
        if let Some(Access::ReadOnly(reason)) = app.store.as_ref().map(Store::access) {
            let text = app.lang.tf("status.read_only", &[("reason", reason)]);
            app.status = Some(StatusLine { text, is_error: true });
        }
        app
    }

    /// The data file in use, if any.
    pub fn path(&self) -> Option<&Path> {
        self.store.as_ref().map(Store::path)
    }

    pub fn is_read_only(&self) -> bool {
        self.store.as_ref().is_some_and(Store::is_read_only)
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// Rows a page-wise move jumps: the body height less borders and headings.
    fn page(&self) -> usize {
        usize::from(self.size.1.saturating_sub(8)).max(1)
    }

    /// Handles a terminal event: keys go through the keymap, resizes are remembered.
    pub fn handle_event(&mut self, event: &Event) {
        match event {
            Event::Key(key) => {
                if let Some(action) = crate::keymap::action_for(self, *key) {
                    self.update(action);
                }
            }
            Event::Resize(w, h) => self.size = (*w, *h),
            _ => {}
        }
    }

    /// Changes state in response to one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.should_quit = true,
            Action::ShowPane(pane) => self.pane = pane,
            Action::ShowNextPane => self.pane = Pane::ALL[(self.pane.index() + 1) % Pane::ALL.len()],
            Action::ShowPreviousPane => {
                self.pane = Pane::ALL[(self.pane.index() + Pane::ALL.len() - 1) % Pane::ALL.len()];
            }
            Action::MoveUp => self.move_vertically(-1),
            Action::MoveDown => self.move_vertically(1),
            Action::PageUp => self.move_vertically(-self.page().cast_signed()),
            Action::PageDown => self.move_vertically(self.page().cast_signed()),
            Action::MoveToFirst => self.move_vertically(isize::MIN / 2),
            Action::MoveToLast => self.move_vertically(isize::MAX / 2),
            Action::MoveLeft => self.move_horizontally(false),
            Action::MoveRight => self.move_horizontally(true),
            Action::ToggleHelp => {
                self.mode = match self.mode {
                    Mode::Help { .. } => Mode::Normal,
                    _ => Mode::Help { scroll: 0 },
                };
            }
            Action::OpenCommandLine => self.mode = Mode::Command(Input::default()),
            Action::TypeKey(key) => {
                if let Mode::Command(input) = &mut self.mode {
                    input.handle_event(&Event::Key(key));
                }
            }
            Action::Submit => {
                if let Mode::Command(input) = &self.mode {
                    let line = input.value().to_owned();
                    self.mode = Mode::Normal;
                    self.update(Action::RunCommand(line));
                }
            }
            Action::Cancel => self.mode = Mode::Normal,
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::RunCommand(line) => self.run_command(&line),
        }
    }

    fn move_vertically(&mut self, delta: isize) {
        if let Mode::Help { scroll } = &mut self.mode {
            *scroll = scroll.saturating_add_signed(delta.clamp(-100, 100) as i16);
            return;
        }
        let step = |current: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            current.saturating_add_signed(delta).min(len - 1)
        };
        match self.pane {
            Pane::Portfolio => {
                let cell = self.grid.cell;
                let len = self.grid_cell_ids(cell).len();
                self.grid.rows[cell] = step(self.grid.rows[cell], len);
            }
            Pane::Initiatives => {
                self.initiatives_selected = step(self.initiatives_selected, self.visible_initiatives().len());
            }
            Pane::Culture => self.culture_selected = step(self.culture_selected, self.portfolio.assessments.len()),
            Pane::Overview => {}
        }
    }

    fn move_horizontally(&mut self, right: bool) {
        if self.pane != Pane::Portfolio {
            return;
        }
        // Left and right move between the columns of the grid; the strip is reached with
        // up/down from the bottom row in a later step, and left/right walk along it.
        let cell = self.grid.cell;
        self.grid.cell = match (cell, right) {
            (0, true) => 1,
            (1, false) => 0,
            (2, true) => 3,
            (3, false) => 2,
            (c, _) => c,
        };
    }

    /// Initiative ids shown in one grid cell (0–3 the facets in reading order, 4 the strip).
    pub fn grid_cell_ids(&self, cell: usize) -> Vec<Id> {
        let shown = |facet: Facet| match cell {
            0..=3 => facet == Facet::GRID[cell],
            _ => !facet.is_on_grid(),
        };
        self.portfolio.initiatives.iter().filter(|i| !i.archived && shown(i.facet)).map(|i| i.id).collect()
    }

    /// Initiatives listed in the register, in display order.
    pub fn visible_initiatives(&self) -> Vec<Id> {
        self.portfolio.initiatives.iter().filter(|i| !i.archived).map(|i| i.id).collect()
    }

    /// Applies an edit, makes it undoable and saves at once. Refused in read-only mode.
    pub fn commit(&mut self, change: Change) -> bool {
        if self.is_read_only() {
            self.refuse_read_only();
            return false;
        }
        self.history.commit(change, &mut self.portfolio);
        self.first_run = false;
        self.save();
        true
    }

    fn refuse_read_only(&mut self) {
        let reason = match self.store.as_ref().map(Store::access) {
            Some(Access::ReadOnly(reason)) => reason.to_string(),
            _ => String::new(),
        };
        self.set_error(self.lang.tf("status.read_only", &[("reason", &reason)]));
    }

    fn undo(&mut self) {
        if self.is_read_only() {
            self.refuse_read_only();
            return;
        }
        if self.history.undo(&mut self.portfolio).is_some() {
            self.save_with(self.lang.t("status.undone"));
        } else {
            self.set_info(self.lang.t("status.nothing_to_undo").to_owned());
        }
    }

    fn redo(&mut self) {
        if self.is_read_only() {
            self.refuse_read_only();
            return;
        }
        if self.history.redo(&mut self.portfolio).is_some() {
            self.save_with(self.lang.t("status.redone"));
        } else {
            self.set_info(self.lang.t("status.nothing_to_redo").to_owned());
        }
    }

    fn save(&mut self) {
        self.save_with(self.lang.t("status.saved"));
    }

    /// Saves, and says `done` or why it could not; on failure the data stays in memory.
    fn save_with(&mut self, done: &str) {
        let Some(store) = self.store.as_mut() else {
            self.set_info(done.to_owned());
            return;
        };
        match store.save(&self.portfolio) {
            Ok(()) => {
                self.unsaved = false;
                self.set_info(done.to_owned());
            }
            Err(e) => {
                self.unsaved = true;
                self.set_error(self.lang.tf("status.save_failed", &[("error", &e)]));
            }
        }
    }

    fn save_as(&mut self, path: &Path) {
        let Some(store) = self.store.as_mut() else { return };
        match store.save_as(&self.portfolio, path) {
            Ok(()) => {
                self.unsaved = false;
                self.set_info(self.lang.tf("status.saved_as", &[("path", &path.display())]));
            }
            Err(e) => self.set_error(self.lang.tf("status.save_failed", &[("error", &e)])),
        }
    }

    fn run_command(&mut self, line: &str) {
        let line = line.trim();
        let (command, arg) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let arg = arg.trim();
        match command {
            "" => {}
            "q" | "quit" | "q!" => self.should_quit = true,
            "w" | "write" if arg.is_empty() => {
                if self.is_read_only() {
                    self.refuse_read_only();
                } else {
                    self.save();
                }
            }
            "w" | "write" => self.save_as(Path::new(arg)),
            "help" | "h" => self.mode = Mode::Help { scroll: 0 },
            _ => self.set_error(self.lang.tf("status.unknown_command", &[("command", &command)])),
        }
    }

    pub fn set_info(&mut self, text: String) {
        self.status = Some(StatusLine { text, is_error: false });
    }

    pub fn set_error(&mut self, text: String) {
        self.status = Some(StatusLine { text, is_error: true });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Initiative;

    fn app_with(titles: &[&str]) -> App {
        let mut p = Portfolio::default();
        for (n, t) in titles.iter().enumerate() {
            let id = n as Id + 1;
            p.initiatives.push(Initiative { id, title: (*t).into(), ..Initiative::default() });
        }
        App::new(p, None, &Options::default())
    }

    #[test]
    fn panes_cycle_both_ways() {
        let mut app = app_with(&[]);
        app.update(Action::ShowPreviousPane);
        assert_eq!(app.pane, Pane::Overview);
        app.update(Action::ShowNextPane);
        assert_eq!(app.pane, Pane::Portfolio);
        app.update(Action::ShowPane(Pane::Culture));
        assert_eq!(app.pane, Pane::Culture);
    }

    #[test]
    fn selection_stays_inside_the_list() {
        let mut app = app_with(&["a", "b", "c"]);
        app.update(Action::ShowPane(Pane::Initiatives));
        app.update(Action::MoveUp);
        assert_eq!(app.initiatives_selected, 0);
        app.update(Action::MoveToLast);
        assert_eq!(app.initiatives_selected, 2);
        app.update(Action::PageDown);
        assert_eq!(app.initiatives_selected, 2);
        app.update(Action::MoveToFirst);
        assert_eq!(app.initiatives_selected, 0);
    }

    #[test]
    fn committed_changes_undo_and_redo() {
        let mut app = app_with(&["a"]);
        let before = app.portfolio.initiatives[0].clone();
        let mut after = before.clone();
        after.title = "b".into();
        assert!(app.commit(Change::initiative(Some(before), Some(after))));
        assert_eq!(app.portfolio.initiatives[0].title, "b");
        app.update(Action::Undo);
        assert_eq!(app.portfolio.initiatives[0].title, "a");
        app.update(Action::Redo);
        assert_eq!(app.portfolio.initiatives[0].title, "b");
        app.update(Action::Redo);
        assert_eq!(app.status.as_ref().map(|s| s.text.as_str()), Some(Lang::En.t("status.nothing_to_redo")));
    }

    #[test]
    fn command_line_quits_and_reports_unknown_commands() {
        let mut app = app_with(&[]);
        app.update(Action::RunCommand("frobnicate".into()));
        assert!(app.status.as_ref().is_some_and(|s| s.is_error && s.text.contains("frobnicate")));
        app.update(Action::RunCommand("q".into()));
        assert!(app.should_quit);
    }
}
