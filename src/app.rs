//! Application state and the one place it changes: [`App::update`].
//!
//! Rendering (`ui`) only reads an `App`; keys become [`Action`]s in `keymap`; every edit of
//! the portfolio is a [`Change`] committed through [`App::commit`], which applies it, makes it
//! undoable and saves at once.

mod culture;
mod exchange;
mod form;
mod grid;
mod overview;
mod profile;
mod recovery;

use std::path::Path;

use jiff::civil::Date;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

pub use culture::{
    ActionField, ActionForm, CultureMode, CultureState, NewRunForm, Rating, RunField, TemplateSource,
};
pub use form::{Field, FieldError, InitiativeForm, Kind as FieldKind};
pub use grid::{GRID_CELLS, GridState, PlacementDialog};
pub use overview::{OverviewAction, OverviewState};
pub use profile::{ProfileAction, ProfileEditor, Row as ProfileRow};
pub use recovery::ExternalChange;

use crate::action::Action;
use crate::filter::{self, Filter, SearchIndex, SortKey};
use crate::history::{Change, History};
use crate::i18n::Lang;
use crate::model::extras::Extra;
use crate::model::{Collection, Facet, Id, Initiative, LogEntry, LogKind, Portfolio, Stage, Status, Track};
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
    /// The help overlay, scrolled by `scroll` lines, over the mode it was opened from
    /// (which it lists the keys of, and returns to).
    Help {
        scroll: u16,
        back: Box<Mode>,
    },
    /// Typing a `:` command.
    Command(Input),
    /// Typing the text filter after `/`; the list narrows with every key.
    Search(Input),
    /// The filter bar: `row` is the field being changed.
    FilterBar {
        row: usize,
    },
    /// Reading one initiative.
    Detail {
        id: Id,
        scroll: u16,
    },
    /// Creating or editing an initiative.
    Form(Box<InitiativeForm>),
    /// Asking before something that cannot be taken back without undo.
    Confirm(Confirm),
    /// Typing one line for an initiative's log.
    LogEntry {
        id: Id,
        input: Input,
        kind: LogKind,
    },
    /// The organisation profile editor.
    Profile(ProfileEditor),
    /// Answering the two OPSI placement questions for one initiative.
    Placement(PlacementDialog),
    /// A Culture pane dialog or view (new run, rating, results, action plan …).
    Culture(CultureMode),
    /// Text typed in an interrupted session, offered back (y restores, n discards).
    Recovery(Box<crate::recovery::Recovery>),
    /// Another program changed the file: what changed; reload or save elsewhere.
    External(Box<ExternalChange>),
}

/// A question waiting for `y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    Delete(Id),
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    pub text: String,
    pub is_error: bool,
}

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
    /// The filter shared by the Portfolio and Initiatives panes.
    pub filter: Filter,
    pub sort: SortKey,
    pub show_archived: bool,
    /// The register's rows (ids), filtered and sorted; refreshed after every change.
    pub view: Vec<Id>,
    pub initiatives_selected: usize,
    /// The initiative the user last chose in the register; it is selected again whenever a
    /// filter or sort shows it, even after a filter hid it for a while.
    chosen: Option<Id>,
    /// A unit or owner named on an initiative but missing from the profile, offered to `+`.
    suggested: Option<(profile::Renamed, String)>,
    /// First row of the register on screen; kept so the selection stays visible.
    pub table_offset: usize,
    /// The Culture pane: installed templates and the selected run.
    pub culture: CultureState,
    search: SearchIndex,
    /// Drafts in the recovery file, external changes (issue 8).
    field: recovery::FieldState,
    /// The Overview pane's selected follow-up and scroll.
    pub overview: OverviewState,
}

impl App {
    pub fn new(portfolio: Portfolio, store: Option<Store>, options: &Options) -> Self {
        let mut app = Self {
            search: SearchIndex::build(&portfolio),
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
            today: crate::dates::today(),
            size: (MIN_WIDTH, MIN_HEIGHT),
            grid: GridState::default(),
            filter: Filter::default(),
            sort: SortKey::default(),
            show_archived: false,
            view: Vec::new(),
            initiatives_selected: 0,
            chosen: None,
            suggested: None,
            table_offset: 0,
            culture: CultureState::default(),
            field: recovery::FieldState::default(),
            overview: OverviewState::default(),
        };
        app.refresh_view();
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

    /// Why the file could not be opened for writing, in full, when that needs the user's
    /// attention (a broken file, a newer version's file, another fasett holding it).
    pub fn problem(&self) -> Option<String> {
        match self.store.as_ref().map(Store::access) {
            Some(Access::ReadOnly(reason)) if !matches!(reason, crate::store::ReadOnlyReason::Requested) => {
                Some(reason.to_string())
            }
            _ => None,
        }
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// Rows a page-wise move jumps: the body height less borders and headings.
    fn page(&self) -> usize {
        usize::from(self.size.1.saturating_sub(8)).max(1)
    }

    /// Handles a terminal event: keys go through the keymap, pastes go to the text being
    /// edited, resizes are remembered.
    pub fn handle_event(&mut self, event: &Event) {
        match event {
            Event::Key(key) => {
                if let Some(action) = crate::keymap::action_for(self, *key) {
                    self.update(action);
                }
            }
            Event::Paste(text) => self.update(Action::Paste(text.clone())),
            Event::Resize(w, h) => {
                self.size = (*w, *h);
                self.scroll_table();
            }
            _ => {}
        }
        self.scroll_table();
    }

    /// Rows of the register that fit on screen (the layout in `ui::initiatives`).
    pub fn table_rows(&self) -> usize {
        let filter_line = usize::from(!self.filter.is_empty());
        usize::from(self.size.1).saturating_sub(6 + filter_line).max(1)
    }

    /// Moves the register's window so the selected row is on screen.
    fn scroll_table(&mut self) {
        let rows = self.table_rows();
        let selected = self.initiatives_selected;
        if selected < self.table_offset {
            self.table_offset = selected;
        } else if selected >= self.table_offset + rows {
            self.table_offset = selected + 1 - rows;
        }
        self.table_offset = self.table_offset.min(self.view.len().saturating_sub(rows));
    }

    /// Changes state in response to one action.
    pub fn update(&mut self, action: Action) {
        let Some(action) = self.field_intercept(action) else { return };
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
                self.mode = match std::mem::replace(&mut self.mode, Mode::Normal) {
                    Mode::Help { back, .. } => *back,
                    other => Mode::Help { scroll: 0, back: Box::new(other) },
                };
            }
            Action::OpenCommandLine => self.mode = Mode::Command(Input::default()),
            Action::TypeKey(key) => self.type_key(key),
            Action::Paste(text) => self.paste(&text),
            Action::Submit => self.submit(),
            Action::Cancel => self.cancel(),
            Action::ConfirmYes => self.confirm_yes(),
            Action::SaveForm => {
                if let Mode::Form(form) = std::mem::replace(&mut self.mode, Mode::Normal) {
                    self.save_form(form);
                }
            }
            Action::NextField => self.step_field(true),
            Action::PreviousField => self.step_field(false),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::RunCommand(line) => self.run_command(&line),
            Action::OpenSelected => {
                if let Some(id) = self.selected_id() {
                    self.mode = Mode::Detail { id, scroll: 0 };
                }
            }
            Action::NewInitiative => self.open_new_form(),
            Action::EditSelected => self.open_edit_form(),
            Action::DeleteSelected => {
                if let Some(id) = self.current_id() {
                    self.mode = Mode::Confirm(Confirm::Delete(id));
                }
            }
            Action::AddLogEntry => {
                if let Some(id) = self.current_id() {
                    self.mode = Mode::LogEntry { id, input: Input::default(), kind: LogKind::Note };
                }
            }
            Action::ToggleArchived => self.toggle_archived(),
            Action::ToggleShowArchived => {
                self.show_archived = !self.show_archived;
                let key =
                    if self.show_archived { "status.showing_archived" } else { "status.hiding_archived" };
                self.set_info(self.lang.t(key).to_owned());
                self.refresh_view();
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.refresh_view();
                let name = self.lang.t(self.sort.key());
                self.set_info(self.lang.tf("status.sorted_by", &[("order", &name)]));
            }
            Action::StartSearch => self.mode = Mode::Search(Input::new(self.filter.text.clone())),
            Action::OpenFilterBar => self.mode = Mode::FilterBar { row: 0 },
            Action::Profile(action) => self.update_profile(action),
            Action::OpenDemo => self.open_demo(),
            Action::StartImport => self.mode = Mode::Command(Input::new("import ".into())),
            Action::ClearFilters => {
                self.filter = Filter::default();
                self.refresh_view();
            }
            Action::Grid(action) => self.grid_update(action),
            Action::Culture(action) => self.culture_update(action),
            // Handled by `field_intercept`.
            Action::DiscardRecovery | Action::ReloadFromDisk | Action::StartSaveAs => {}
            Action::Overview(action) => self.update_overview(action),
        }
    }

    /// The initiative under the selection in the current pane.
    pub fn selected_id(&self) -> Option<Id> {
        match self.pane {
            Pane::Portfolio => {
                self.grid_cell_ids(self.grid.cell).get(self.grid.rows[self.grid.cell]).copied()
            }
            Pane::Initiatives => self.view.get(self.initiatives_selected).copied(),
            Pane::Culture | Pane::Overview => None,
        }
    }

    /// The initiative being read in the detail view, else the selected one.
    pub fn current_id(&self) -> Option<Id> {
        match self.mode {
            Mode::Detail { id, .. } => Some(id),
            _ => self.selected_id(),
        }
    }

    /// `:lang sv`: switches the interface now and remembers the choice in the settings file.
    fn switch_language(&mut self, code: &str) {
        let Some(lang) = Lang::from_locale(code) else {
            let codes = Lang::ALL.map(Lang::code).join(", ");
            self.set_error(self.lang.tf("status.lang_unknown", &[("code", &code), ("codes", &codes)]));
            return;
        };
        self.lang = lang;
        let remembered = crate::config::path().map(|path| {
            let mut config = crate::config::Config::load(&path);
            config.lang = Some(lang.code().to_owned());
            config.save(&path).map_err(|e| format!("{}: {e}", path.display()))
        });
        match remembered {
            Some(Err(e)) => self.set_error(self.lang.tf("status.lang_not_remembered", &[("error", &e)])),
            Some(Ok(())) | None => self.set_info(self.lang.t("status.lang_switched").to_owned()),
        }
    }

    /// Leaves a first run for a scratch copy of the demo (the welcome's second choice).
    fn open_demo(&mut self) {
        let opened = crate::demo::path()
            .map_err(|e| e.to_string())
            .and_then(|path| crate::demo::prepare(&path, false).map(|()| path).map_err(|e| e.to_string()))
            .and_then(|path| Store::open(&path, false).map_err(|e| e.to_string()));
        match opened {
            Ok(opened) => {
                self.store = Some(opened.store);
                self.portfolio = opened.portfolio;
                self.history.clear();
                self.first_run = false;
                self.search = SearchIndex::build(&self.portfolio);
                self.refresh_view();
                self.grid = GridState::default();
                let path = self.path().map(|p| p.display().to_string()).unwrap_or_default();
                self.set_info(self.lang.tf("welcome.demo_opened", &[("path", &path)]));
            }
            Err(e) => self.set_error(e),
        }
    }

    /// How many initiatives the register would list with no filter.
    pub fn register_total(&self) -> usize {
        if self.show_archived { self.portfolio.initiatives.len() } else { self.grid.unarchived }
    }

    /// Recomputes the register's rows, keeping the selected initiative selected when it is
    /// still shown.
    pub fn refresh_view(&mut self) {
        let chosen = self.chosen.or_else(|| self.view.get(self.initiatives_selected).copied());
        self.view = filter::view(&self.portfolio, &self.filter, self.sort, self.show_archived, &self.search);
        self.select_in_view(chosen);
        self.chosen = chosen;
        self.scroll_table();
        self.refresh_grid();
    }

    fn select_in_view(&mut self, id: Option<Id>) {
        if let Some(ix) = id.and_then(|id| self.view.iter().position(|x| *x == id)) {
            self.initiatives_selected = ix;
        } else {
            self.initiatives_selected = self.initiatives_selected.min(self.view.len().saturating_sub(1));
        }
        self.chosen = id;
    }

    /// Moves the selection in both panes to `id` (after creating or restoring it).
    fn select_initiative(&mut self, id: Id) {
        self.select_in_view(Some(id));
        self.scroll_table();
        for cell in 0..GRID_CELLS {
            if let Some(row) = self.grid_cell_ids(cell).iter().position(|x| *x == id) {
                self.grid.cell = cell;
                self.grid.rows[cell] = row;
            }
        }
    }

    fn move_vertically(&mut self, delta: isize) {
        match &mut self.mode {
            Mode::Help { scroll, .. } | Mode::Detail { scroll, .. } => {
                *scroll = scroll.saturating_add_signed(delta.clamp(-1000, 1000) as i16);
                return;
            }
            Mode::FilterBar { row } => {
                *row = row.saturating_add_signed(delta).min(FILTER_ROWS - 1);
                return;
            }
            Mode::Profile(editor) => {
                let rows = ProfileRow::all(&self.portfolio.organisation).len();
                editor.selected = editor.selected.saturating_add_signed(delta).min(rows - 1);
                return;
            }
            _ => {}
        }
        let step = |current: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            current.saturating_add_signed(delta).min(len - 1)
        };
        match self.pane {
            Pane::Portfolio => self.grid_move_vertically(delta),
            Pane::Initiatives => {
                self.initiatives_selected = step(self.initiatives_selected, self.view.len());
                self.chosen = self.view.get(self.initiatives_selected).copied();
                self.scroll_table();
            }
            Pane::Culture => self.culture_move(delta),
            Pane::Overview => {}
        }
    }

    fn type_key(&mut self, key: KeyEvent) {
        let event = Event::Key(key);
        match &mut self.mode {
            Mode::Command(input)
            | Mode::LogEntry { input, .. }
            | Mode::Profile(ProfileEditor { editing: Some(input), .. }) => {
                input.handle_event(&event);
            }
            Mode::Search(input) => {
                let changed = input.handle_event(&event).is_some_and(|c| c.value);
                if changed {
                    self.filter.text = input.value().to_owned();
                    self.refresh_view();
                }
            }
            Mode::Form(form) => form.type_key(key),
            Mode::Culture(_) => self.culture_type_key(key),
            _ => {}
        }
    }

    fn paste(&mut self, text: &str) {
        let one_line: String = text
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .filter(|c| !c.is_control())
            .collect();
        match &mut self.mode {
            Mode::Form(form) => form.paste(text),
            Mode::Command(input)
            | Mode::LogEntry { input, .. }
            | Mode::Profile(ProfileEditor { editing: Some(input), .. }) => {
                let value = format!("{}{one_line}", input.value());
                *input = Input::new(value);
            }
            Mode::Search(input) => {
                let value = format!("{}{one_line}", input.value());
                *input = Input::new(value);
                self.filter.text = input.value().to_owned();
                self.refresh_view();
            }
            Mode::Culture(_) => self.culture_paste(text),
            _ => {}
        }
    }

    fn submit(&mut self) {
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Command(input) => self.run_command(input.value()),
            Mode::Search(_) | Mode::FilterBar { .. } | Mode::Detail { .. } => {}
            Mode::Form(mut form) => {
                if form.field().kind() == form::Kind::Text {
                    form.type_key(KeyEvent::from(KeyCode::Enter));
                    self.mode = Mode::Form(form);
                } else {
                    self.save_form(form);
                }
            }
            Mode::LogEntry { id, input, kind } => self.add_log_entry(id, input.value(), kind),
            Mode::Profile(editor) => self.submit_profile_text(editor),
            other => self.mode = other,
        }
    }

    fn cancel(&mut self) {
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Search(_) => {
                self.filter.text.clear();
                self.refresh_view();
            }
            Mode::Profile(mut editor) if editor.editing.is_some() => {
                editor.editing = None;
                self.mode = Mode::Profile(editor);
            }
            Mode::Form(mut form) if form.dirty => {
                // First Esc asks; Esc or anything but y while asking goes back to the form.
                form.confirm_discard = !form.confirm_discard;
                self.mode = Mode::Form(form);
            }
            _ => {}
        }
    }

    fn confirm_yes(&mut self) {
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Confirm(Confirm::Delete(id)) => self.delete(id),
            Mode::Form(form) if form.confirm_discard => {
                self.set_info(self.lang.t("status.discarded").to_owned());
            }
            other => self.mode = other,
        }
    }

    fn step_field(&mut self, forward: bool) {
        match &mut self.mode {
            Mode::Form(form) => {
                if forward {
                    form.focus_next();
                } else {
                    form.focus_previous();
                }
            }
            Mode::LogEntry { kind, .. } => {
                let all = LogKind::ALL;
                let ix = all.iter().position(|k| k == kind).unwrap_or(0);
                *kind = all[if forward { (ix + 1) % all.len() } else { (ix + all.len() - 1) % all.len() }];
            }
            _ => {}
        }
    }

    fn open_new_form(&mut self) {
        if self.is_read_only() {
            self.refuse_read_only();
            return;
        }
        let facet = match self.pane {
            Pane::Portfolio => Facet::GRID.get(self.grid.cell).copied().unwrap_or(Facet::Unplaced),
            _ => self.filter.facet.unwrap_or(Facet::Unplaced),
        };
        let draft = Initiative { facet, created: Some(self.today), ..Initiative::default() };
        self.mode = Mode::Form(Box::new(InitiativeForm::new(None, draft, &self.portfolio.organisation)));
    }

    fn open_edit_form(&mut self) {
        let Some(initiative) = self.current_id().and_then(|id| self.portfolio.initiative(id)).cloned() else {
            return;
        };
        if self.is_read_only() {
            self.refuse_read_only();
            return;
        }
        let form = InitiativeForm::new(Some(initiative.clone()), initiative, &self.portfolio.organisation);
        self.mode = Mode::Form(Box::new(form));
    }

    fn save_form(&mut self, mut form: Box<InitiativeForm>) {
        let mut initiative = match form.build(self.today) {
            Ok(i) => i,
            Err(e) => {
                let field = self.lang.t(e.field.label());
                let why = self.lang.t(e.key);
                self.set_error(self.lang.tf("status.form_invalid", &[("field", &field), ("why", &why)]));
                form.focus_field(e.field);
                form.error = Some(e);
                self.mode = Mode::Form(form);
                return;
            }
        };
        if form.original.as_ref() == Some(&initiative) {
            self.set_info(self.lang.t("status.no_changes").to_owned());
            return;
        }
        initiative.updated = Some(now());
        let created = form.original.is_none();
        if created {
            initiative.id = self.portfolio.allocate_id(Collection::Initiative);
        }
        let id = initiative.id;
        let (unit, owner) = (initiative.unit.clone(), initiative.owner.clone());
        if self.commit(Change::initiative(form.original.clone(), Some(initiative))) {
            let key = if created { "status.created" } else { "status.updated" };
            self.set_info(self.lang.tf(key, &[("id", &id)]));
            self.select_initiative(id);
            self.offer_new_names(&unit, &owner);
        } else {
            self.mode = Mode::Form(form);
        }
    }

    fn add_log_entry(&mut self, id: Id, text: &str, kind: LogKind) {
        let text = text.trim();
        let Some(before) = self.portfolio.initiative(id).cloned() else { return };
        if text.is_empty() {
            return;
        }
        let mut after = before.clone();
        after.log.push(LogEntry { date: self.today, kind, text: text.to_owned(), extra: Extra::default() });
        after.updated = Some(now());
        if self.commit(Change::initiative(Some(before), Some(after))) {
            self.set_info(self.lang.tf("status.logged", &[("id", &id)]));
        }
    }

    fn delete(&mut self, id: Id) {
        let Some(before) = self.portfolio.initiative(id).cloned() else { return };
        if self.commit(Change::initiative(Some(before), None)) {
            self.set_info(self.lang.tf("status.deleted", &[("id", &id)]));
        }
    }

    fn toggle_archived(&mut self) {
        let Some(before) = self.selected_id().and_then(|id| self.portfolio.initiative(id)).cloned() else {
            return;
        };
        let mut after = before.clone();
        after.archived = !after.archived;
        after.updated = Some(now());
        let key = if after.archived { "status.archived" } else { "status.unarchived" };
        let id = after.id;
        if self.commit(Change::initiative(Some(before), Some(after))) {
            self.set_info(self.lang.tf(key, &[("id", &id)]));
        }
    }

    /// Steps one field of the filter bar through its values (none first).
    fn cycle_filter(&mut self, row: usize, forward: bool) {
        fn step<T: Clone + PartialEq>(all: &[T], current: Option<&T>, forward: bool) -> Option<T> {
            let mut options: Vec<Option<T>> = vec![None];
            options.extend(all.iter().cloned().map(Some));
            let ix = options.iter().position(|o| o.as_ref() == current).unwrap_or(0);
            let n = options.len();
            options[if forward { (ix + 1) % n } else { (ix + n - 1) % n }].clone()
        }
        let units = if row == 4 { self.units_in_use() } else { Vec::new() };
        let tags = if row == 5 { self.tags_in_use() } else { Vec::new() };
        let f = &mut self.filter;
        match row {
            0 => f.facet = step(&Facet::ALL, f.facet.as_ref(), forward),
            1 => f.stage = step(&Stage::ALL, f.stage.as_ref(), forward),
            2 => f.status = step(&Status::ALL, f.status.as_ref(), forward),
            3 => f.track = step(&Track::ALL, f.track.as_ref(), forward),
            4 => f.unit = step(&units, f.unit.as_ref(), forward),
            _ => f.tag = step(&tags, f.tag.as_ref(), forward),
        }
        self.refresh_view();
    }

    /// Units named in the profile or on any initiative, sorted.
    pub fn units_in_use(&self) -> Vec<String> {
        let mut units: Vec<String> =
            self.portfolio.organisation.units.iter().map(|u| u.name.clone()).collect();
        units.extend(self.portfolio.initiatives.iter().map(|i| i.unit.clone()));
        sorted_unique(units)
    }

    /// Tags used on any initiative, sorted.
    pub fn tags_in_use(&self) -> Vec<String> {
        sorted_unique(self.portfolio.initiatives.iter().flat_map(|i| i.tags.iter().cloned()).collect())
    }

    /// Applies an edit, makes it undoable and saves at once. Refused in read-only mode.
    pub fn commit(&mut self, change: Change) -> bool {
        if self.is_read_only() {
            self.refuse_read_only();
            return false;
        }
        self.history.commit(change, &mut self.portfolio);
        self.after_change();
        self.save();
        true
    }

    /// Brings derived state up to date after the portfolio changed.
    fn after_change(&mut self) {
        self.first_run = false;
        self.search.refresh(&self.portfolio);
        self.refresh_view();
        self.culture_after_change();
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
        let Some(id) = self.history.undo(&mut self.portfolio).map(Change::initiative_id) else {
            self.set_info(self.lang.t("status.nothing_to_undo").to_owned());
            return;
        };
        self.after_change();
        if let Some(id) = id {
            self.select_initiative(id);
        }
        self.save_with(self.lang.t("status.undone"));
    }

    fn redo(&mut self) {
        if self.is_read_only() {
            self.refuse_read_only();
            return;
        }
        let Some(id) = self.history.redo(&mut self.portfolio).map(Change::initiative_id) else {
            self.set_info(self.lang.t("status.nothing_to_redo").to_owned());
            return;
        };
        self.after_change();
        if let Some(id) = id {
            self.select_initiative(id);
        }
        self.save_with(self.lang.t("status.redone"));
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
                self.after_save_error(&e);
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
            "org" | "organisation" | "organization" => self.update_profile(ProfileAction::Open),
            "lang" | "language" => self.switch_language(arg),
            "help" | "h" => self.mode = Mode::Help { scroll: 0, back: Box::new(Mode::Normal) },
            "import" => self.import_command(arg),
            "export" => self.export_command(arg),
            "report" => self.report_command(arg),
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

/// Rows of the filter bar: facet, stage, status, track, unit, tag.
pub const FILTER_ROWS: usize = 6;

fn sorted_unique(mut values: Vec<String>) -> Vec<String> {
    values.retain(|v| !v.trim().is_empty());
    values.sort_by_key(|v| crate::text::fold(v));
    values.dedup_by_key(|v| crate::text::fold(v));
    values
}

/// Now, to the second: what `updated` records.
fn now() -> jiff::Timestamp {
    let now = jiff::Timestamp::now();
    jiff::Timestamp::from_second(now.as_second()).unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Harness;

    #[test]
    fn panes_cycle_both_ways() {
        let mut app = Harness::empty();
        app.update(Action::ShowPreviousPane);
        assert_eq!(app.pane, Pane::Overview);
        app.update(Action::ShowNextPane);
        assert_eq!(app.pane, Pane::Portfolio);
        app.update(Action::ShowPane(Pane::Culture));
        assert_eq!(app.pane, Pane::Culture);
    }

    #[test]
    fn selection_stays_inside_the_list() {
        let mut app = Harness::with_titles(&["a", "b", "c"]);
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
        let mut app = Harness::with_titles(&["a"]);
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
        let mut app = Harness::empty();
        app.update(Action::RunCommand("frobnicate".into()));
        assert!(app.status.as_ref().is_some_and(|s| s.is_error && s.text.contains("frobnicate")));
        app.update(Action::RunCommand("q".into()));
        assert!(app.should_quit);
    }
}
