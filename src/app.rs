//! Application state and the one place it changes: [`App::update`].
//!
//! Rendering (`ui`) only reads an `App`; keys become [`Action`]s in `keymap`; every edit of
//! the portfolio is a [`Change`] committed through [`App::commit`] (`changes`), which applies
//! it, makes it undoable and has it saved at once, by the store's writing thread (`saving`).

mod benefits;
mod changes;
mod commands;
mod conflicts;
mod culture;
mod detail;
mod drafts;
pub mod editing;
mod exchange;
mod fields;
mod form;
mod grid;
mod intake;
mod mapping;
mod overview;
mod places;
mod profile;
mod recovery;
mod register;
mod saving;
mod status;
mod takeover;

use std::path::Path;

use jiff::civil::Date;
use ratatui::layout::Rect;
use tui_input::Input;

pub use benefits::{
    BenefitDialog, BenefitEditor, BenefitFilter, BenefitRow, BenefitSort, BenefitsView, MeasureLine,
    ScopeFigures,
};
pub use conflicts::ConflictDialog;
pub use culture::{
    ActionForm, CultureMode, CultureState, DeleteAction, Entry, EntryKind, NewRunForm, Preview, Rating,
    Refusal, TemplateSource,
};
pub use detail::{Row as DetailRow, Tone, detail_view};
pub use fields::{ActionField, BenefitField, Field, FieldKind, FormField, IdeaField, MeasureField, RunField};
pub use form::{FieldError, InitiativeForm, MAX_TITLE_CHARS};
pub use grid::{GRID_CELLS, GridState, PlacementDialog};
pub use intake::{IdeaForm, IntakeList, Prompt as IntakePrompt};
pub use mapping::{MappingDialog, MappingLine, map_path};
pub use overview::OverviewState;
pub use profile::{ProfileEditor, Row as ProfileRow};
pub use recovery::{DIALOG_SETTLE, ExternalChange};
pub use register::{FILTER_ROWS, RegisterState};
pub use status::{StatusLine, StatusPrompt};

use crate::action::{Action, Edit, Pane};
use crate::cycle;
use crate::dates::now;
use crate::filter::{Filter, SearchIndex};
use crate::history::{Change, History, Touched};
use crate::i18n::Lang;
use crate::layout::{self, Density, Screen};
use crate::model::extras::Extra;
use crate::model::{Collection, Facet, Id, Initiative, LogEntry, LogKind, Portfolio};
use crate::store::{Access, ReadOnlyReason, Saver, Store};
use editing::Typed;

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
    /// Reading one initiative; `Esc` returns to `back`, the list it was opened from, if any.
    Detail {
        id: Id,
        scroll: u16,
        back: Option<Box<Mode>>,
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
    /// Text typed in an interrupted session, offered back (y restores, Delete discards, any
    /// other key but Esc leaves the offer open).
    Recovery(Box<crate::recovery::Recovery>),
    /// Another program changed the file: what changed; reload, merge or save elsewhere.
    External(Box<ExternalChange>),
    /// The benefits view (all, or one initiative's) with its chart and dialogs.
    Benefits(Box<BenefitsView>),
    /// `:import FILE`: the mapping the import chose, to change, save or import with.
    Mapping(Box<MappingDialog>),
    /// The conflicts a merge left: one at a time, keep ours, take theirs or type the value.
    Conflicts(ConflictDialog),
    /// The intake list of incoming ideas and their triage.
    Intake(IntakeList),
}

/// A question waiting for `y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    Delete(Id),
    /// An action of the plan, which stays drawn beneath and is shown again after.
    DeleteAction(DeleteAction),
}

/// Options the interface is started with.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub lang: Lang,
    /// No colours: `:color off` was remembered.
    pub no_color: bool,
    /// `NO_COLOR` is set, which `:color on` cannot overrule.
    pub no_color_env: bool,
    /// Only ASCII on screen: the terminal's locale is not UTF-8, or `FASETT_ASCII=1`.
    pub ascii: bool,
    /// The file did not exist when fasett started (a first run).
    pub first_run: bool,
    /// Each save is waited for before the edit returns (tests: what they check is on disk).
    pub wait_for_saves: bool,
    /// The app is only drawn, never given a key: the first frame from a glance at a large
    /// file. Its search index leaves out the texts, which only a key could ask for.
    pub drawn_only: bool,
}

pub struct App {
    pub portfolio: Portfolio,
    /// The data file, written by its own thread.
    store: Option<Saver>,
    /// What to say once the save under way is on disk ("#12 saved.").
    saving: Option<String>,
    /// What the changes since the last save touched. Its initiatives: the views that sum
    /// over the portfolio (search, benefits) count only those again; its runs: the writing
    /// thread keeps the others' texts (both taken by each save); `checklists`: the Overview
    /// sums the runs up again (taken by `after_change`).
    touched: Touched,
    /// Each save under way (its number) with the history's mark of what it writes, so that
    /// "last saved" is what the writing thread actually wrote.
    save_marks: Vec<(u64, u64)>,
    wait_for_saves: bool,
    pub lang: Lang,
    /// Drawn without colours (`NO_COLOR`, `:color off`).
    pub no_color: bool,
    no_color_env: bool,
    /// Drawn in ASCII only.
    pub ascii: bool,
    pub first_run: bool,
    pub pane: Pane,
    pub mode: Mode,
    pub history: History,
    pub status: Option<StatusLine>,
    /// How many messages have been said: one said by an action stays when that action opens
    /// or closes a dialog.
    said: u64,
    /// The last save failed; what is on screen is newer than the file.
    pub unsaved: bool,
    pub should_quit: bool,
    /// `Ctrl-L` asked for the screen to be cleared and drawn again.
    redraw: bool,
    pub today: Date,
    /// Where the clock on the wall is: moments (when a draft was kept) are shown in it.
    pub zone: jiff::tz::TimeZone,
    /// Terminal size as last seen, for the too-small notice and paging.
    pub size: (u16, u16),
    pub grid: GridState,
    /// The filter shared by the Portfolio and Initiatives panes.
    pub filter: Filter,
    /// The Initiatives pane: rows, selection, sort.
    pub register: RegisterState,
    /// A unit or owner named on an initiative but missing from the profile, offered to `+`.
    suggested: Option<(profile::Renamed, String)>,
    /// The Culture pane: installed templates and the selected run.
    pub culture: CultureState,
    search: SearchIndex,
    /// Drafts in the recovery file, external changes (issue 8).
    field: recovery::FieldState,
    /// The Overview pane's selected follow-up and scroll.
    pub overview: OverviewState,
    /// Taking the file over from another fasett.
    takeover: takeover::TakeoverState,
    /// The list of every benefit as it was left, kept up to date, so `b` shows it at once.
    benefits_kept: Option<Box<BenefitsView>>,
}

impl App {
    pub fn new(portfolio: Portfolio, store: Option<Store>, options: &Options) -> Self {
        let mut app = Self {
            search: if options.drawn_only {
                SearchIndex::without_texts(&portfolio)
            } else {
                SearchIndex::build(&portfolio)
            },
            portfolio,
            store: store.map(Saver::new),
            saving: None,
            touched: Touched::default(),
            save_marks: Vec::new(),
            wait_for_saves: options.wait_for_saves,
            lang: options.lang,
            no_color: options.no_color || options.no_color_env,
            no_color_env: options.no_color_env,
            ascii: options.ascii,
            first_run: options.first_run,
            pane: Pane::Portfolio,
            mode: Mode::Normal,
            history: History::default(),
            status: None,
            said: 0,
            unsaved: false,
            should_quit: false,
            redraw: false,
            today: crate::dates::today(),
            zone: jiff::tz::TimeZone::system(),
            size: (crate::layout::FULL_WIDTH, crate::layout::FULL_HEIGHT),
            grid: GridState::default(),
            filter: Filter::default(),
            register: RegisterState::default(),
            suggested: None,
            culture: CultureState::default(),
            field: recovery::FieldState::default(),
            overview: OverviewState::default(),
            takeover: takeover::TakeoverState::default(),
            benefits_kept: None,
        };
        app.refresh_view();
        app.keep_overview_current();
        app.refresh_holder();
        if let Some(Access::ReadOnly(reason)) = app.store.as_ref().map(Saver::access) {
            let text = app.lang.tf("status.read_only", &[("reason", &reason.localized(app.lang))]);
            app.say(StatusLine { text, is_error: true, lasting: true });
        }
        app.offer_conflicts();
        app
    }

    /// The data file in use, if any.
    pub fn path(&self) -> Option<&Path> {
        self.store.as_ref().map(Saver::path)
    }

    pub fn is_read_only(&self) -> bool {
        self.store.as_ref().is_some_and(|s| s.access().is_read_only())
    }

    /// Why the file could not be opened for writing, in full, when that needs the user's
    /// attention (a broken file, a newer version's file, another fasett holding it, and then
    /// what taking it over would do).
    pub fn problem(&self) -> Option<String> {
        // The reason completes "the file is …": the banner makes it a sentence of its own.
        let sentence = |r: &ReadOnlyReason| {
            self.lang.tf("screen.problem_read_only", &[("reason", &r.localized(self.lang))])
        };
        match self.store.as_ref().map(Saver::access) {
            Some(Access::ReadOnly(reason @ ReadOnlyReason::LockedBy(_))) => {
                Some(format!("{}\n{}", sentence(reason), self.takeover_hint()))
            }
            Some(Access::ReadOnly(reason)) if *reason != ReadOnlyReason::Requested => Some(sentence(reason)),
            _ => None,
        }
    }

    /// Below the compact layout's minimum: only the notice shows, and only `q` works.
    pub fn too_small(&self) -> bool {
        Density::of(self.size_rect()) == Density::TooSmall
    }

    /// The terminal's area as last seen.
    pub fn size_rect(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    /// The screen's regions at the current size: the one layout the ui draws too.
    pub fn screen(&self) -> Screen {
        let size = self.size_rect();
        Screen::new(size, self.banner().map(|(_, text)| text).as_deref(), self.status_rows(size.width))
    }

    /// Rows a page-wise move jumps: the body height less borders and headings (the help's
    /// own lines over it, the rows of actions in a plan).
    fn page(&self) -> usize {
        self.help_page()
            .or_else(|| self.plan_page())
            .unwrap_or_else(|| usize::from(self.screen().body.height.saturating_sub(3)))
            .max(1)
    }

    /// Changes state in response to one action; the status line's message follows the pane
    /// or dialog it was said in (the one rule, in `app/status.rs`).
    pub fn update(&mut self, action: Action) {
        let before = self.where_said();
        self.act(action);
        self.keep_or_drop_message(&before);
    }

    fn act(&mut self, action: Action) {
        let Some(action) = self.field_intercept(action) else { return };
        let Some(action) = self.benefit_intercept(action) else { return };
        let Some(action) = self.conflict_intercept(action) else { return };
        let Some(action) = self.intake_intercept(action) else { return };
        let Some(action) = self.entry_question(action) else { return };
        match action {
            Action::Quit => self.quit(false),
            Action::ShowPane(pane) => self.switch_pane(pane),
            Action::ShowNextPane => self.switch_pane(cycle::step(&Pane::ALL, &self.pane, true)),
            Action::ShowPreviousPane => self.switch_pane(cycle::step(&Pane::ALL, &self.pane, false)),
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
            Action::Edit(edit) => self.type_into(Typed::Key(edit)),
            Action::Paste(text) => self.type_into(Typed::Paste(&text)),
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
                    self.mode = Mode::Detail { id, scroll: 0, back: None };
                }
            }
            Action::NewInitiative => self.open_new_form(),
            Action::EditSelected => self.open_edit_form(),
            Action::DeleteSelected if matches!(self.mode, Mode::Culture(_)) => self.ask_delete_action(),
            Action::DeleteSelected => {
                if let Some(id) = self.current_id()
                    && self.writable()
                {
                    self.mode = Mode::Confirm(Confirm::Delete(id));
                }
            }
            Action::AddLogEntry => {
                if let Some(id) = self.current_id()
                    && self.writable()
                {
                    self.mode = Mode::LogEntry { id, input: Input::default(), kind: LogKind::Note };
                }
            }
            Action::ToggleArchived => self.toggle_archived(),
            Action::ToggleShowArchived => self.toggle_show_archived(),
            Action::CycleSort => self.cycle_sort(),
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
            // Handled by `field_intercept`, `benefit_intercept` and `conflict_intercept`.
            Action::DiscardRecovery
            | Action::StartSaveAs
            | Action::Benefits(_)
            | Action::MergeWithDisk
            | Action::OpenExternalChange
            | Action::OpenConflicts
            | Action::Conflict(_)
            | Action::Idea(_) => {}
            Action::ReloadFromDisk => self.reload_from_disk(),
            Action::Overview(action) => self.update_overview(action),
            Action::Mapping(action) => self.update_mapping(action),
            Action::Resize(width, height) => {
                self.size = (width, height);
                self.scroll_table();
                self.scroll_detail(0);
            }
            Action::Redraw => self.redraw = true,
            Action::TakeOver => self.take_over(),
        }
    }

    /// Whether the screen is to be cleared and drawn again (asked since the last call).
    pub fn take_redraw(&mut self) -> bool {
        std::mem::take(&mut self.redraw)
    }

    /// The initiative under the selection in the current pane.
    pub fn selected_id(&self) -> Option<Id> {
        match self.pane {
            Pane::Portfolio => {
                self.grid_cell_ids(self.grid.cell).get(self.grid.rows[self.grid.cell]).copied()
            }
            Pane::Initiatives => self.register.selected_id(),
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

    fn move_vertically(&mut self, delta: isize) {
        match &mut self.mode {
            Mode::Help { scroll, .. } => {
                *scroll = scroll.saturating_add_signed(delta.clamp(-1000, 1000) as i16);
                return;
            }
            Mode::Detail { .. } => {
                self.scroll_detail(delta);
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
            Mode::Form(form) => {
                form.move_vertically(delta > 0, usize::from(layout::form_value_width(self.size.0)));
                return;
            }
            _ => {}
        }
        match self.pane {
            Pane::Portfolio => self.grid_move_vertically(delta),
            Pane::Initiatives => self.register_move(delta),
            Pane::Culture => self.culture_move(delta),
            Pane::Overview => {}
        }
    }

    /// An editing key or a paste for the text field (or form choice) being typed in; a
    /// paste goes in at the cursor and never to the keymap.
    fn type_into(&mut self, typed: Typed<'_>) {
        match &mut self.mode {
            Mode::Command(input)
            | Mode::LogEntry { input, .. }
            | Mode::Profile(ProfileEditor { editing: Some(input), .. }) => {
                editing::type_line(input, typed);
                self.tell_joined(typed);
            }
            Mode::Search(input) => {
                let changed = editing::type_line(input, typed);
                self.search_typed(changed);
                self.tell_joined(typed);
            }
            Mode::Form(form) => {
                let complained = form.error.is_some();
                let one_line = form.state.field().kind() == FieldKind::Line;
                match typed {
                    Typed::Key(edit) => form.edit(edit),
                    Typed::Paste(text) => form.paste(text),
                }
                self.form_error_fixed(complained);
                if one_line {
                    self.tell_joined(typed);
                }
            }
            Mode::Culture(_) => self.culture_type(typed),
            _ => {}
        }
    }

    /// The filter follows the search text as it is typed.
    fn search_typed(&mut self, changed: bool) {
        if let (true, Mode::Search(input)) = (changed, &self.mode) {
            self.filter.text = input.value().to_owned();
            self.refresh_view();
        }
    }

    fn submit(&mut self) {
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Command(input) => self.run_command(input.value()),
            Mode::Search(_) | Mode::FilterBar { .. } | Mode::Detail { .. } => {}
            Mode::Form(mut form) => {
                if form.state.field().kind() == FieldKind::Text {
                    form.edit(Edit::Newline);
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
            // The view it was opened from, kept true by every edit meanwhile.
            Mode::Detail { back: Some(back), .. } => self.mode = *back,
            Mode::Profile(mut editor) if editor.editing.is_some() => {
                editor.editing = None;
                self.mode = Mode::Profile(editor);
            }
            Mode::Form(mut form) if form.state.dirty => {
                // First Esc asks; Esc or anything but y while asking goes back to the form.
                form.confirm_discard = !form.confirm_discard;
                self.mode = Mode::Form(form);
            }
            Mode::Confirm(Confirm::DeleteAction(asked)) => self.mode = Mode::Culture(asked.plan()),
            _ => {}
        }
    }

    fn confirm_yes(&mut self) {
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Confirm(Confirm::Delete(id)) => self.delete(id),
            Mode::Confirm(Confirm::DeleteAction(asked)) => self.delete_action(asked),
            Mode::Form(form) if form.confirm_discard => {
                self.set_info(self.lang.t("status.discarded").to_owned());
            }
            other => self.mode = other,
        }
    }

    fn step_field(&mut self, forward: bool) {
        match &mut self.mode {
            Mode::Form(form) => form.tab(forward),
            Mode::LogEntry { kind, .. } => *kind = cycle::step(&LogKind::ALL, kind, forward),
            _ => {}
        }
    }

    fn open_new_form(&mut self) {
        if !self.writable() {
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
        if !self.writable() || self.edit_as_idea(initiative.id) {
            return;
        }
        let form = InitiativeForm::new(Some(initiative.clone()), initiative, &self.portfolio.organisation);
        self.mode = Mode::Form(Box::new(form));
    }

    fn save_form(&mut self, mut form: Box<InitiativeForm>) {
        let mut initiative = match form.build(self.today, self.lang) {
            Ok(i) => i,
            Err(e) => {
                self.set_error(e.said(self.lang));
                form.focus_field(e.field);
                form.error = Some(e);
                self.mode = Mode::Form(form);
                return;
            }
        };
        if form.state.original.as_ref() == Some(&initiative) {
            self.set_info(self.lang.t("status.no_changes").to_owned());
            return;
        }
        initiative.updated = Some(now());
        let created = form.state.original.is_none();
        if created {
            initiative.id = self.portfolio.allocate_id(Collection::Initiative);
        }
        let id = initiative.id;
        let (unit, owner) = (initiative.unit.clone(), initiative.owner.clone());
        if self.commit(Change::initiative(form.state.original.clone(), Some(initiative))) {
            let key = match (created, form.title_overflows()) {
                (true, false) => "status.created",
                (false, false) => "status.updated",
                (true, true) => "status.created_title_moved",
                (false, true) => "status.updated_title_moved",
            };
            self.set_info(self.lang.tf(key, &[("id", &id), ("max", &form::MAX_TITLE_CHARS)]));
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
        after.log.push(LogEntry {
            date: self.today,
            kind,
            text: text.to_owned(),
            decision: None,
            extra: Extra::default(),
        });
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

    /// Shows `pane`; a message said in the pane before goes (see [`App::update`]).
    fn switch_pane(&mut self, pane: Pane) {
        self.leave_sub_view();
        self.pane = pane;
        self.keep_overview_current();
    }
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
    fn a_message_goes_with_its_pane() {
        let mut app = Harness::sample();
        app.update(Action::Grid(crate::action::GridAction::TogglePresentation));
        assert!(app.status.is_some(), "said in the Portfolio pane");
        app.update(Action::ShowPane(Pane::Portfolio));
        assert!(app.status.is_some(), "the same pane keeps it");
        app.update(Action::ShowNextPane);
        assert_eq!(app.status, None, "another pane does not show it");
        app.unsaved = true;
        app.set_error("Not saved".into());
        app.update(Action::ShowPane(Pane::Overview));
        assert!(app.status.is_some(), "unsaved edits stay said");
        app.update(Action::ToggleHelp);
        app.update(Action::ToggleHelp);
        assert!(app.status.is_some(), "across dialogs too");
        app.unsaved = false;
        app.update(Action::ToggleHelp);
        assert_eq!(app.status, None, "once saved, a dialog takes it with it");
    }

    #[test]
    fn selection_stays_inside_the_list() {
        let mut app = Harness::with_titles(&["a", "b", "c"]);
        app.update(Action::ShowPane(Pane::Initiatives));
        app.update(Action::MoveUp);
        assert_eq!(app.register.selected, 0);
        app.update(Action::MoveToLast);
        assert_eq!(app.register.selected, 2);
        app.update(Action::PageDown);
        assert_eq!(app.register.selected, 2);
        app.update(Action::MoveToFirst);
        assert_eq!(app.register.selected, 0);
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
