//! Pane 3's state and behaviour: the list of checklist runs, the new-run dialog, the rating
//! view, results, comparison, and the action plan with its form.
//!
//! Every edit goes through [`App::commit`], so it is saved at once and undoable. A run is
//! always read with the template copy stored in the portfolio (`portfolio.templates`), and
//! with the installed template of the same id and version only when the copy is missing.

mod entry;
mod new_run;
mod plan;
mod rating;

use jiff::ToSpan;
use jiff::civil::Date;
use tui_input::Input;

pub use entry::{Entry, EntryKind, Preview, Refusal};
pub use new_run::NewRunForm;
pub use plan::{ActionForm, DeleteAction};

use super::editing::{self, Typed};
use super::fields::RunField;
use super::{App, Mode};
use crate::action::{CultureAction, Edit, Place};
use crate::cycle;
use crate::model::{Assessment, Id, Template};
use crate::scoring;
use crate::templates::{Catalog, TemplateError};

/// Days ahead in which a follow-up counts as upcoming.
pub const UPCOMING_DAYS: i64 = 14;

/// The Culture pane's state, kept while other panes are shown.
#[derive(Debug, Clone)]
pub struct CultureState {
    /// Installed templates (bundled, then the user's) and the user files that were skipped.
    pub catalog: Catalog,
    /// Row in the list of runs (newest first).
    pub selected: usize,
    /// Presentation mode: participants are counted, never named.
    pub presenting: bool,
    /// How far the results or comparison view scrolls, as last drawn (only drawing knows its
    /// lines): scrolling stops there, and `↓` is offered only before it. `None` until drawn.
    pub results_room: std::cell::Cell<Option<u16>>,
}

impl Default for CultureState {
    fn default() -> Self {
        Self {
            catalog: Catalog::bundled(),
            selected: 0,
            presenting: false,
            results_room: std::cell::Cell::new(None),
        }
    }
}

/// Where in the rating view the cursor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating {
    pub id: Id,
    /// Item row, in [`scoring::items_in_order`].
    pub row: usize,
    /// Perspective column (0 when the template has none).
    pub column: usize,
}

/// The Culture pane's dialogs and views.
#[derive(Debug, Clone)]
pub enum CultureMode {
    /// Starting a new run.
    NewRun(Box<NewRunForm>),
    /// Scoring the items of a run.
    Rating(Rating),
    /// Typing the note of the selected item.
    Note { rating: Rating, input: Input },
    /// Typing a line of digits: every participant's score, a show of hands, or one
    /// participant's scores for every item.
    Entry(Box<Entry>),
    /// Per-dimension and total scores (or facet shares and tendency).
    Results { id: Id, scroll: u16 },
    /// Change since the previous run of the same template and scope.
    Comparison { id: Id, scroll: u16 },
    /// The actions of one run (`None`: every action).
    Plan { assessment: Option<Id>, selected: usize },
    /// Adding or editing one action.
    ActionForm(Box<ActionForm>),
}

impl CultureMode {
    /// The keymap places live in this mode.
    pub fn places(&self) -> &'static [Place] {
        match self {
            CultureMode::NewRun(_) => &[Place::NewRun],
            CultureMode::Rating(_) => &[Place::Rating],
            CultureMode::Note { .. } => &[Place::Note],
            CultureMode::Entry(_) => &[Place::Entry],
            CultureMode::Results { .. } | CultureMode::Comparison { .. } => &[Place::Results, Place::SubView],
            CultureMode::Plan { .. } => &[Place::Plan, Place::SubView],
            CultureMode::ActionForm(_) => &[Place::ActionForm],
        }
    }

    /// Keys not in the keymap are typed into a text field here.
    pub fn takes_text(&self) -> bool {
        matches!(
            self,
            CultureMode::NewRun(_)
                | CultureMode::Note { .. }
                | CultureMode::Entry(_)
                | CultureMode::ActionForm(_)
        )
    }
}

/// How a run's template was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateSource {
    /// The copy stored in the portfolio when the run was made.
    Stored,
    /// Not stored; the installed template of the same id and version.
    Installed,
}

impl App {
    /// Loads the user's templates from the config directory next to the bundled ones; a bad
    /// file is named in the status line and listed in the pane, and skipped.
    pub fn load_user_templates(&mut self) {
        let Some(dir) = crate::templates::user_dir() else { return };
        self.load_templates_from(&dir);
    }

    /// Like [`App::load_user_templates`] from a given folder.
    pub fn load_templates_from(&mut self, dir: &std::path::Path) {
        self.culture.catalog = Catalog::with_user_dir(dir);
        if let Some(first) = self.culture.catalog.errors.first() {
            let count = self.culture.catalog.errors.len();
            self.set_error(self.lang.tn("template.skipped", count, &[("error", first)]));
        }
    }

    /// Template files that were skipped, with why.
    pub fn template_errors(&self) -> &[TemplateError] {
        &self.culture.catalog.errors
    }

    /// The template a run is read with, and where it came from; `None` when neither a stored
    /// copy nor an installed template of that id and version exists.
    pub fn run_template(&self, a: &Assessment) -> Option<(&Template, TemplateSource)> {
        if let Some(t) = self.portfolio.template(&a.template, a.template_version) {
            return Some((t, TemplateSource::Stored));
        }
        self.culture
            .catalog
            .templates
            .iter()
            .find(|t| t.id == a.template && t.version == a.template_version)
            .map(|t| (t, TemplateSource::Installed))
    }

    /// Run ids in list order: newest first.
    pub fn runs(&self) -> Vec<Id> {
        scoring::newest_first(&self.portfolio)
    }

    pub fn selected_run(&self) -> Option<Id> {
        self.runs().get(self.culture.selected).copied()
    }

    /// The run the current view is about, else the selected one.
    pub fn current_run(&self) -> Option<Id> {
        match &self.mode {
            Mode::Culture(
                CultureMode::Rating(Rating { id, .. })
                | CultureMode::Note { rating: Rating { id, .. }, .. }
                | CultureMode::Results { id, .. }
                | CultureMode::Comparison { id, .. }
                | CultureMode::Plan { assessment: Some(id), .. },
            ) => Some(*id),
            Mode::Culture(CultureMode::Entry(entry)) => Some(entry.rating.id),
            _ => self.selected_run(),
        }
    }

    /// Actions of one run (`None`: all), open ones first by follow-up date, done ones last.
    pub fn plan_rows(&self, assessment: Option<Id>) -> Vec<Id> {
        plan::plan_order(&self.portfolio, assessment)
    }

    /// Open actions whose follow-up has passed, and those due within `UPCOMING_DAYS`.
    pub fn follow_up_counts(&self) -> (usize, usize) {
        let horizon = self.today.checked_add(UPCOMING_DAYS.days()).unwrap_or(self.today);
        let overdue = self.portfolio.actions.iter().filter(|a| a.is_overdue(self.today)).count();
        let upcoming = self
            .portfolio
            .actions
            .iter()
            .filter(|a| !a.done && a.follow_up.is_some_and(|d| d >= self.today && d <= horizon))
            .count();
        (overdue, upcoming)
    }

    /// Whether an action's follow-up is due within `UPCOMING_DAYS`.
    pub fn is_upcoming(&self, date: Option<Date>) -> bool {
        let horizon = self.today.checked_add(UPCOMING_DAYS.days()).unwrap_or(self.today);
        date.is_some_and(|d| d >= self.today && d <= horizon)
    }

    /// Handles one Culture action.
    pub(super) fn culture_update(&mut self, action: CultureAction) {
        match action {
            CultureAction::NewRun => self.open_new_run(),
            CultureAction::EditRun => self.open_edit_run(),
            CultureAction::OpenRating => {
                if let Some(id) = self.current_run() {
                    self.mode = Mode::Culture(CultureMode::Rating(Rating { id, row: 0, column: 0 }));
                }
            }
            CultureAction::ShowResults => {
                if let Some(id) = self.current_run() {
                    self.mode = Mode::Culture(CultureMode::Results { id, scroll: 0 });
                }
            }
            CultureAction::ShowComparison => {
                if let Some(id) = self.current_run() {
                    self.mode = Mode::Culture(CultureMode::Comparison { id, scroll: 0 });
                }
            }
            CultureAction::ShowPlan => {
                if let Some(id) = self.current_run() {
                    self.mode = Mode::Culture(CultureMode::Plan { assessment: Some(id), selected: 0 });
                }
            }
            CultureAction::ShowAllActions => {
                self.mode = Mode::Culture(CultureMode::Plan { assessment: None, selected: 0 });
            }
            CultureAction::SetScore(score) => self.set_score(Some(score)),
            CultureAction::ClearScore => self.set_score(None),
            CultureAction::NextUnanswered => self.jump_to_unanswered(),
            CultureAction::PreviousPerspective => self.step_perspective(false),
            CultureAction::NextPerspective => self.step_perspective(true),
            CultureAction::EditNote => self.open_note(),
            CultureAction::EnterEach => self.open_entry(EntryKind::Each),
            CultureAction::EnterTally => self.open_entry(EntryKind::Tally),
            CultureAction::EnterRespondent => self.open_entry(EntryKind::Respondent),
            CultureAction::NewAction => self.open_action_form(None),
            CultureAction::EditAction => {
                if let Mode::Culture(CultureMode::Plan { assessment, selected }) = self.mode
                    && let Some(id) = self.plan_rows(assessment).get(selected).copied()
                {
                    self.open_action_form(Some(id));
                }
            }
            CultureAction::ToggleDone => self.toggle_done(),
            CultureAction::TogglePresentation => {
                self.culture.presenting = !self.culture.presenting;
                let key =
                    if self.culture.presenting { "culture.presenting_on" } else { "culture.presenting_off" };
                self.set_info(self.lang.t(key).to_owned());
            }
            CultureAction::NextField => self.step_culture_field(true),
            CultureAction::PreviousField => self.step_culture_field(false),
            CultureAction::Save => self.save_culture_dialog(),
            CultureAction::Back => self.culture_back(),
        }
    }

    /// Moves the selection (or scrolls) in the Culture pane by `delta` rows.
    pub(super) fn culture_move(&mut self, delta: isize) {
        let step =
            |current: usize, len: usize| current.saturating_add_signed(delta).min(len.saturating_sub(1));
        let plan_len = match &self.mode {
            Mode::Culture(CultureMode::Plan { assessment, .. }) => self.plan_rows(*assessment).len(),
            _ => 0,
        };
        let rows = match &self.mode {
            Mode::Culture(CultureMode::Rating(r)) => self
                .portfolio
                .assessment(r.id)
                .and_then(|a| self.run_template(a))
                .map_or(0, |(t, _)| t.items.len()),
            _ => 0,
        };
        let runs = self.portfolio.assessments.len();
        if matches!(self.mode, Mode::Culture(CultureMode::Entry(_))) {
            self.entry_move(delta.signum());
            return;
        }
        match &mut self.mode {
            Mode::Culture(CultureMode::Rating(r)) => r.row = step(r.row, rows),
            Mode::Culture(CultureMode::Results { scroll, .. } | CultureMode::Comparison { scroll, .. }) => {
                let room = self.culture.results_room.get().unwrap_or(u16::MAX);
                *scroll =
                    (*scroll).min(room).saturating_add_signed(delta.clamp(-1000, 1000) as i16).min(room);
            }
            Mode::Culture(CultureMode::Plan { selected, .. }) => *selected = step(*selected, plan_len),
            Mode::Normal => self.culture.selected = step(self.culture.selected, runs),
            _ => {}
        }
    }

    /// Keeps selections inside their lists and leaves views whose run is gone (after undo).
    pub(super) fn culture_after_change(&mut self) {
        self.culture.selected = self.culture.selected.min(self.portfolio.assessments.len().saturating_sub(1));
        if let Mode::Culture(mode) = &self.mode {
            let gone = match mode {
                CultureMode::Rating(Rating { id, .. })
                | CultureMode::Note { rating: Rating { id, .. }, .. }
                | CultureMode::Results { id, .. }
                | CultureMode::Comparison { id, .. }
                | CultureMode::Plan { assessment: Some(id), .. } => self.portfolio.assessment(*id).is_none(),
                CultureMode::Entry(entry) => self.portfolio.assessment(entry.rating.id).is_none(),
                _ => false,
            };
            if gone {
                self.mode = Mode::Normal;
            }
        }
        self.refresh_entry();
    }

    fn step_culture_field(&mut self, forward: bool) {
        let step = |focus: &mut usize, len: usize| *focus = cycle::step_index(*focus, len, forward);
        match &mut self.mode {
            Mode::Culture(CultureMode::NewRun(form)) => step(&mut form.focus, RunField::ALL.len()),
            Mode::Culture(CultureMode::ActionForm(form)) => form.state.focus_step(forward),
            _ => {}
        }
    }

    fn save_culture_dialog(&mut self) {
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Culture(CultureMode::NewRun(form)) => self.create_run(form),
            Mode::Culture(CultureMode::Note { rating, input }) => self.save_note(rating, input.value()),
            mode @ Mode::Culture(CultureMode::Entry(_)) => {
                self.mode = mode;
                self.submit_entry();
            }
            Mode::Culture(CultureMode::ActionForm(form)) => self.save_action(form),
            other => self.mode = other,
        }
    }

    fn culture_back(&mut self) {
        if matches!(self.mode, Mode::Culture(CultureMode::Entry(_))) {
            self.close_entry();
            return;
        }
        self.mode = match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Culture(CultureMode::Note { rating, .. }) => Mode::Culture(CultureMode::Rating(rating)),
            Mode::Culture(CultureMode::ActionForm(form)) => Mode::Culture(*form.back),
            _ => Mode::Normal,
        };
    }

    /// An editing key or a paste in the Culture pane's text fields (a paste at the cursor,
    /// on one line); ← → and space change choice fields.
    pub(super) fn culture_type(&mut self, typed: Typed<'_>) {
        let templates = self.culture.catalog.templates.len();
        if matches!(self.mode, Mode::Culture(CultureMode::Entry(_))) {
            match typed {
                Typed::Key(edit) => self.entry_edit(edit),
                Typed::Paste(text) => self.entry_paste(text),
            }
            return;
        }
        match &mut self.mode {
            Mode::Culture(CultureMode::Note { input, .. }) => {
                editing::type_line(input, typed);
            }
            Mode::Culture(CultureMode::NewRun(form)) => {
                form.type_into(typed, templates);
                let mut form = form.clone();
                self.follow_choices(&mut form);
                self.mode = Mode::Culture(CultureMode::NewRun(form));
            }
            Mode::Culture(CultureMode::ActionForm(form)) => form.type_into(typed),
            _ => return,
        }
        // Every text field of the pane is one line: a paste's line breaks become spaces, said.
        self.tell_joined(typed);
    }
}

/// ← or → (space too) on a choice: which way to step.
fn sideways(edit: Edit) -> Option<bool> {
    match edit {
        Edit::PreviousChar => Some(false),
        Edit::NextChar | Edit::Insert(' ') => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::action::Pane;
    use crate::app::ActionField;
    use crate::testing::{Harness, TODAY};
    use jiff::civil::date;

    /// The bundled demo in the Culture pane.
    fn demo() -> Harness {
        Harness::sample().on(Pane::Culture)
    }

    /// An empty portfolio in the Culture pane.
    fn empty() -> Harness {
        Harness::empty().on(Pane::Culture)
    }

    fn culture(app: &mut App, action: CultureAction) {
        app.update(Action::Culture(action));
    }

    /// Starts a run of `template` for the organisation today; returns its id.
    fn start_run(app: &mut App, template: &str) -> Id {
        culture(app, CultureAction::NewRun);
        let Mode::Culture(CultureMode::NewRun(form)) = &mut app.mode else { panic!("the dialog is open") };
        form.template =
            app.culture.catalog.templates.iter().position(|t| t.id == template).expect("template installed");
        culture(app, CultureAction::Save);
        match app.mode {
            Mode::Culture(CultureMode::Rating(r)) => r.id,
            ref other => panic!("expected the rating view, got {other:?}"),
        }
    }

    #[test]
    fn runs_are_listed_newest_first() {
        let app = demo();
        assert_eq!(app.runs(), [3, 2, 1]);
        assert_eq!(app.selected_run(), Some(3));
    }

    #[test]
    fn a_new_run_stores_the_template_once_and_is_one_undo_step() {
        let mut app = empty();
        let id = start_run(&mut app, "innovation_journey");
        assert_eq!(app.portfolio.templates.len(), 1, "the template copy is stored");
        let run = app.portfolio.assessment(id).expect("created");
        assert_eq!((run.template.as_str(), run.date), ("innovation_journey", TODAY));
        assert_eq!(run.scope, app.lang.t("culture.scope_organisation"));
        app.update(Action::Culture(CultureAction::Back));
        let second = start_run(&mut app, "innovation_journey");
        assert_eq!(app.portfolio.templates.len(), 1, "not stored twice");
        assert_ne!(id, second);
        app.update(Action::Undo);
        assert!(app.portfolio.assessment(second).is_none());
        assert!(matches!(app.mode, Mode::Normal), "the view of a run that is gone closes");
        app.update(Action::Undo);
        assert!(app.portfolio.assessments.is_empty() && app.portfolio.templates.is_empty(), "one step");
    }

    #[test]
    fn the_dialog_takes_a_unit_typed_scope_date_and_participants() {
        let mut app = demo();
        culture(&mut app, CultureAction::NewRun);
        culture(&mut app, CultureAction::NextField);
        let Mode::Culture(CultureMode::NewRun(form)) = &app.mode else { panic!("dialog") };
        assert_eq!(form.scope_value(), "Vård- och omsorgsförvaltningen", "the selected run's scope first");
        app.press("<Left>");
        app.press("<Left>");
        let Mode::Culture(CultureMode::NewRun(form)) = &app.mode else { panic!("dialog") };
        assert_eq!(form.scope_value(), "Sjöbacka kommun", "the whole organisation by its name");
        app.type_text("Team Norr");
        culture(&mut app, CultureAction::NextField);
        for _ in 0..10 {
            app.press("<BS>");
        }
        app.type_text("nonsense");
        culture(&mut app, CultureAction::NextField);
        for _ in 0..80 {
            app.press("<BS>");
        }
        app.type_text("Ada, Bo");
        culture(&mut app, CultureAction::Save);
        assert!(matches!(&app.mode, Mode::Culture(CultureMode::NewRun(f)) if f.field() == RunField::Date));
        assert!(app.message().starts_with("Date"), "{}", app.message());
        culture(&mut app, CultureAction::PreviousField);
        culture(&mut app, CultureAction::NextField);
        for _ in 0..10 {
            app.press("<BS>");
        }
        app.type_text("-1w");
        culture(&mut app, CultureAction::Save);
        let id = app.current_run().expect("created");
        let run = app.portfolio.assessment(id).expect("stored");
        assert_eq!(run.scope, "Team Norr");
        assert_eq!(run.date, date(2026, 11, 18));
        assert_eq!(run.participants, ["Ada", "Bo"]);
    }

    #[test]
    fn digits_score_within_the_scale_and_say_so_otherwise() {
        let mut app = empty();
        let id = start_run(&mut app, "innovation_journey");
        culture(&mut app, CultureAction::SetScore(4));
        // A score stays on its item, so it can be corrected or noted.
        assert!(matches!(app.mode, Mode::Culture(CultureMode::Rating(Rating { row: 0, column: 0, .. }))));
        culture(&mut app, CultureAction::NextPerspective);
        culture(&mut app, CultureAction::SetScore(2));
        app.update(Action::MoveDown);
        culture(&mut app, CultureAction::SetScore(7));
        assert!(app.message().contains("outside"), "{}", app.message());
        culture(&mut app, CultureAction::SetScore(0));
        let run = app.portfolio.assessment(id).expect("run");
        let first = scoring::items_in_order(app.run_template(run).expect("template").0)[0].id.clone();
        assert_eq!(run.answer(&first, Some("organisation")).and_then(|a| a.score), Some(4));
        assert_eq!(run.answer(&first, Some("individual")).and_then(|a| a.score), Some(2));
        assert_eq!(run.answers.len(), 2, "out-of-scale scores changed nothing");
        app.update(Action::MoveUp);
        culture(&mut app, CultureAction::ClearScore);
        let run = app.portfolio.assessment(id).expect("run");
        assert_eq!(run.answer(&first, Some("individual")).and_then(|a| a.score), None);
        app.update(Action::Undo);
        let run = app.portfolio.assessment(id).expect("run");
        assert_eq!(run.answer(&first, Some("individual")).and_then(|a| a.score), Some(2));
    }

    #[test]
    fn tab_jumps_to_the_next_unanswered_slot() {
        let mut app = demo();
        culture(&mut app, CultureAction::OpenRating);
        culture(&mut app, CultureAction::NextUnanswered);
        let Mode::Culture(CultureMode::Rating(r)) = app.mode else { panic!("rating") };
        let run = app.portfolio.assessment(r.id).expect("run");
        let (t, _) = app.run_template(run).expect("template");
        let item = &scoring::items_in_order(t)[r.row];
        let perspective = t.perspectives.get(r.column).map(|p| p.id.as_str());
        assert!(run.answer(&item.id, perspective).and_then(|a| a.score).is_none());
        assert_eq!(r.column, 1, "the demo run lacks individual scores");
    }

    #[test]
    fn notes_are_saved_and_undoable() {
        let mut app = empty();
        let id = start_run(&mut app, "innovation_climate");
        culture(&mut app, CultureAction::EditNote);
        app.type_text("Too little time");
        culture(&mut app, CultureAction::Save);
        assert!(matches!(app.mode, Mode::Culture(CultureMode::Rating(_))));
        let run = app.portfolio.assessment(id).expect("run");
        assert_eq!(run.answers[0].note, "Too little time");
        assert_eq!(run.answers[0].score, None, "a note alone leaves the item unscored");
        app.update(Action::Undo);
        assert!(app.portfolio.assessment(id).expect("run").answers.is_empty());
    }

    #[test]
    fn actions_are_added_for_an_item_with_a_follow_up_and_toggled_done() {
        let mut app = empty();
        let id = start_run(&mut app, "innovation_climate");
        culture(&mut app, CultureAction::NewAction);
        culture(&mut app, CultureAction::Save);
        assert!(app.message().starts_with("What"), "what is required: {}", app.message());
        app.type_text("Idea hour");
        for _ in 0..5 {
            culture(&mut app, CultureAction::NextField);
        }
        app.type_text("+2w");
        culture(&mut app, CultureAction::Save);
        assert!(matches!(app.mode, Mode::Culture(CultureMode::Rating(_))), "back where it was opened");
        let action = app.portfolio.actions.first().expect("added").clone();
        assert_eq!(action.what, "Idea hour");
        assert_eq!(action.follow_up, Some(date(2026, 12, 9)));
        assert_eq!(action.assessment, Some(id));
        assert!(action.item.is_some(), "linked to the selected item");
        assert_eq!(app.follow_up_counts(), (0, 1));
        culture(&mut app, CultureAction::ShowPlan);
        culture(&mut app, CultureAction::ToggleDone);
        assert!(app.portfolio.actions[0].done);
        assert_eq!(app.follow_up_counts(), (0, 0));
    }

    #[test]
    fn a_bad_initiative_link_or_date_keeps_the_form_open() {
        let mut app = demo();
        culture(&mut app, CultureAction::ShowPlan);
        culture(&mut app, CultureAction::NewAction);
        app.type_text("Something");
        for _ in 0..7 {
            culture(&mut app, CultureAction::NextField);
        }
        app.type_text("999");
        culture(&mut app, CultureAction::Save);
        assert!(
            matches!(&app.mode, Mode::Culture(CultureMode::ActionForm(f)) if f.state.field() == ActionField::Initiative)
        );
        for _ in 0..3 {
            app.press("<BS>");
        }
        app.type_text("#3");
        culture(&mut app, CultureAction::Save);
        let added = app.portfolio.actions.last().expect("added");
        assert_eq!((added.initiative, added.assessment), (Some(3), Some(3)));
    }

    #[test]
    fn follow_ups_are_counted_overdue_and_upcoming() {
        let app = demo();
        // Sample: #3 (11-16) and #4 (11-20) overdue; #2 (12-07) within 14 days; #5 later.
        assert_eq!(app.follow_up_counts(), (2, 1));
    }

    #[test]
    fn a_run_whose_template_is_gone_is_still_shown_and_not_scored() {
        let mut app = demo();
        app.portfolio.templates.clear();
        app.portfolio.assessments[0].template = "retired_checklist".into();
        let run = app.portfolio.assessments[0].clone();
        assert!(app.run_template(&run).is_none());
        app.culture.selected = app.runs().iter().position(|r| *r == run.id).expect("listed");
        culture(&mut app, CultureAction::OpenRating);
        culture(&mut app, CultureAction::SetScore(3));
        assert!(app.message().contains("neither stored"), "{}", app.message());
        assert_eq!(app.portfolio.assessments[0], run, "nothing changed");
        // Without the stored copy the installed template of the same version is used.
        let climate = app.portfolio.assessment(2).expect("run 2").clone();
        assert_eq!(app.run_template(&climate).map(|(_, s)| s), Some(TemplateSource::Installed));
    }

    #[test]
    fn user_templates_with_errors_are_reported_not_fatal() {
        let dir = crate::testing::temp_dir();
        std::fs::write(dir.path().join("broken.json"), "{\n  \"id\": \"x\",\n  oops\n}").expect("write");
        let mut app = empty();
        app.load_templates_from(dir.path());
        assert_eq!(app.template_errors().len(), 1);
        assert!(app.message().contains("broken.json:3:"), "{}", app.message());
        assert_eq!(app.culture.catalog.templates.len(), crate::templates::BUNDLED.len());
    }

    #[test]
    fn read_only_refuses_new_runs() {
        let (_dir, path) = crate::testing::temp_file("p.json", "{}\n");
        let mut app =
            Harness::opened(crate::store::Store::open(&path, true).expect("opens")).on(Pane::Culture);
        culture(&mut app, CultureAction::NewRun);
        assert!(matches!(app.mode, Mode::Normal));
        assert!(app.message().to_lowercase().contains("read-only"), "{}", app.message());
    }
}
