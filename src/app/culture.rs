//! Pane 3's state and behaviour: the list of checklist runs, the new-run dialog, the rating
//! view, results, comparison, and the action plan with its form.
//!
//! Every edit goes through [`App::commit`], so it is saved at once and undoable. A run is
//! always read with the template copy stored in the portfolio (`portfolio.templates`), and
//! with the installed template of the same id and version only when the copy is missing.

use jiff::ToSpan;
use jiff::civil::Date;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::{App, Mode};
use crate::action::CultureAction;
use crate::dates;
use crate::history::Change;
use crate::keymap::Place;
use crate::model::extras::Extra;
use crate::model::{ActionItem, Answer, Assessment, Collection, Id, Template};
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
}

impl Default for CultureState {
    fn default() -> Self {
        Self { catalog: Catalog::bundled(), selected: 0 }
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
            CultureMode::Results { .. } | CultureMode::Comparison { .. } => &[Place::Results],
            CultureMode::Plan { .. } => &[Place::Plan],
            CultureMode::ActionForm(_) => &[Place::ActionForm],
        }
    }

    /// Keys not in the keymap are typed into a text field here.
    pub fn takes_text(&self) -> bool {
        matches!(self, CultureMode::NewRun(_) | CultureMode::Note { .. } | CultureMode::ActionForm(_))
    }
}

/// The fields of the new-run dialog, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunField {
    Template,
    Scope,
    Date,
    Participants,
}

impl RunField {
    pub const ALL: [RunField; 4] =
        [RunField::Template, RunField::Scope, RunField::Date, RunField::Participants];

    pub fn label(self) -> &'static str {
        match self {
            RunField::Template => "culture.field_template",
            RunField::Scope => "culture.field_scope",
            RunField::Date => "culture.field_date",
            RunField::Participants => "culture.field_participants",
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewRunForm {
    pub focus: usize,
    /// Index into the catalog's templates.
    pub template: usize,
    /// The organisation and its units; one past the end means the typed `custom` scope.
    pub scopes: Vec<String>,
    pub scope: usize,
    pub custom: Input,
    pub date: Input,
    pub participants: Input,
    /// Catalog key of what is wrong, shown until the next save attempt.
    pub error: Option<String>,
}

impl NewRunForm {
    pub fn field(&self) -> RunField {
        RunField::ALL[self.focus]
    }

    /// The scope as it will be stored.
    pub fn scope_value(&self) -> String {
        self.scopes.get(self.scope).cloned().unwrap_or_else(|| self.custom.value().trim().to_owned())
    }

    pub fn is_custom_scope(&self) -> bool {
        self.scope >= self.scopes.len()
    }
}

/// The fields of the action form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionField {
    What,
    How,
    When,
    Who,
    Competences,
    FollowUp,
    Item,
    Initiative,
    Done,
}

impl ActionField {
    pub const ALL: [ActionField; 9] = [
        ActionField::What,
        ActionField::How,
        ActionField::When,
        ActionField::Who,
        ActionField::Competences,
        ActionField::FollowUp,
        ActionField::Item,
        ActionField::Initiative,
        ActionField::Done,
    ];
    /// Fields typed as one line of text (the others are choices).
    const LINES: [ActionField; 7] = [
        ActionField::What,
        ActionField::How,
        ActionField::When,
        ActionField::Who,
        ActionField::Competences,
        ActionField::FollowUp,
        ActionField::Initiative,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActionField::What => "plan.field_what",
            ActionField::How => "plan.field_how",
            ActionField::When => "plan.field_when",
            ActionField::Who => "plan.field_who",
            ActionField::Competences => "plan.field_competences",
            ActionField::FollowUp => "plan.field_follow_up",
            ActionField::Item => "plan.field_item",
            ActionField::Initiative => "plan.field_initiative",
            ActionField::Done => "plan.field_done",
        }
    }

    pub fn is_choice(self) -> bool {
        matches!(self, ActionField::Item | ActionField::Done)
    }
}

#[derive(Debug, Clone)]
pub struct ActionForm {
    /// The action as it was (`None` for a new one).
    pub original: Option<ActionItem>,
    /// Holds the choices (item, done) and the links; text is read from `lines` at save.
    pub draft: ActionItem,
    pub focus: usize,
    pub lines: Vec<(ActionField, Input)>,
    /// Items of the run's template that the action can answer (`None` first: the whole run).
    pub items: Vec<Option<String>>,
    pub error: Option<String>,
    /// The view to return to.
    pub back: Box<CultureMode>,
}

impl ActionForm {
    pub fn field(&self) -> ActionField {
        ActionField::ALL[self.focus]
    }

    pub fn line(&self, field: ActionField) -> Option<&Input> {
        self.lines.iter().find(|(f, _)| *f == field).map(|(_, i)| i)
    }

    fn line_mut(&mut self, field: ActionField) -> Option<&mut Input> {
        self.lines.iter_mut().find(|(f, _)| *f == field).map(|(_, i)| i)
    }

    fn value(&self, field: ActionField) -> String {
        self.line(field).map(|i| i.value().trim().to_owned()).unwrap_or_default()
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
            self.set_error(self.lang.tf("template.skipped", &[("count", &count), ("error", first)]));
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
            _ => self.selected_run(),
        }
    }

    /// Actions of one run (`None`: all), open ones first by follow-up date, done ones last.
    pub fn plan_rows(&self, assessment: Option<Id>) -> Vec<Id> {
        plan_order(&self.portfolio, assessment)
    }

    /// Open actions whose follow-up has passed, and those due within [`UPCOMING_DAYS`].
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

    /// Whether an action's follow-up is due within [`UPCOMING_DAYS`].
    pub fn is_upcoming(&self, date: Option<Date>) -> bool {
        let horizon = self.today.checked_add(UPCOMING_DAYS.days()).unwrap_or(self.today);
        date.is_some_and(|d| d >= self.today && d <= horizon)
    }

    /// Handles one Culture action.
    pub(super) fn culture_update(&mut self, action: CultureAction) {
        match action {
            CultureAction::NewRun => self.open_new_run(),
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
            CultureAction::NewAction => self.open_action_form(None),
            CultureAction::EditAction => {
                if let Mode::Culture(CultureMode::Plan { assessment, selected }) = self.mode
                    && let Some(id) = self.plan_rows(assessment).get(selected).copied()
                {
                    self.open_action_form(Some(id));
                }
            }
            CultureAction::ToggleDone => self.toggle_done(),
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
        match &mut self.mode {
            Mode::Culture(CultureMode::Rating(r)) => r.row = step(r.row, rows),
            Mode::Culture(CultureMode::Results { scroll, .. } | CultureMode::Comparison { scroll, .. }) => {
                *scroll = scroll.saturating_add_signed(delta.clamp(-1000, 1000) as i16);
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
                _ => false,
            };
            if gone {
                self.mode = Mode::Normal;
            }
        }
    }

    fn open_new_run(&mut self) {
        if self.is_read_only() {
            self.refuse_read_only();
            return;
        }
        let org = &self.portfolio.organisation;
        let whole = if org.name.trim().is_empty() {
            self.lang.t("culture.scope_organisation").to_owned()
        } else {
            org.name.trim().to_owned()
        };
        let mut scopes = vec![whole];
        scopes.extend(org.units.iter().filter(|u| !u.retired).map(|u| u.name.clone()));
        // The template and scope of the selected run come first: a re-run is the usual case.
        let selected = self.selected_run().and_then(|id| self.portfolio.assessment(id));
        let template = selected
            .and_then(|a| self.culture.catalog.templates.iter().position(|t| t.id == a.template))
            .unwrap_or(0);
        let (scope, custom) = match selected {
            Some(a) => match scopes.iter().position(|s| scoring::same_scope(s, &a.scope)) {
                Some(ix) => (ix, Input::default()),
                None => (scopes.len(), Input::new(a.scope.clone())),
            },
            None => (0, Input::default()),
        };
        let participants = selected.map(|a| a.participants.join(", ")).unwrap_or_default();
        self.mode = Mode::Culture(CultureMode::NewRun(Box::new(NewRunForm {
            focus: 0,
            template,
            scopes,
            scope,
            custom,
            date: Input::new(self.today.to_string()),
            participants: Input::new(participants),
            error: None,
        })));
    }

    fn create_run(&mut self, mut form: Box<NewRunForm>) {
        let Some(template) = self.culture.catalog.templates.get(form.template).cloned() else {
            form.error = Some("culture.error_no_template".into());
            self.mode = Mode::Culture(CultureMode::NewRun(form));
            return;
        };
        let scope = form.scope_value();
        let date = dates::parse(form.date.value(), self.today);
        let (error, focus) = match (&scope, &date) {
            (s, _) if s.trim().is_empty() => ("culture.error_scope", RunField::Scope),
            (_, Err(_)) => ("culture.error_date", RunField::Date),
            _ => ("", RunField::Template),
        };
        if !error.is_empty() {
            self.set_error(self.lang.t(error).to_owned());
            form.error = Some(error.to_owned());
            form.focus = RunField::ALL.iter().position(|f| *f == focus).unwrap_or(0);
            self.mode = Mode::Culture(CultureMode::NewRun(form));
            return;
        }
        let date = date.ok().flatten().unwrap_or(self.today);
        let participants = form
            .participants
            .value()
            .split([',', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        let id = self.portfolio.allocate_id(Collection::Assessment);
        let run = Assessment {
            id,
            template: template.id.clone(),
            template_version: template.version,
            scope,
            date,
            participants,
            answers: Vec::new(),
            note: String::new(),
            extra: Extra::default(),
        };
        let mut changes = Vec::new();
        if self.portfolio.template(&template.id, template.version).is_none() {
            changes.push(Change::Template { before: None, after: Some(Box::new(template)) });
        }
        changes.push(Change::assessment(None, Some(run)));
        if self.commit(Change::Batch(changes)) {
            self.culture.selected = self.runs().iter().position(|r| *r == id).unwrap_or(0);
            self.mode = Mode::Culture(CultureMode::Rating(Rating { id, row: 0, column: 0 }));
            self.set_info(self.lang.tf("culture.created", &[("id", &id)]));
        }
    }

    /// The rating cursor's run, template, item id and perspective id.
    fn rating_target(&self, r: Rating) -> Option<(Assessment, String, Option<String>)> {
        let a = self.portfolio.assessment(r.id)?;
        let (t, _) = self.run_template(a)?;
        let item = scoring::items_in_order(t).get(r.row)?.id.clone();
        let perspective = t.perspectives.get(r.column).map(|p| p.id.clone());
        Some((a.clone(), item, perspective))
    }

    fn set_score(&mut self, score: Option<u8>) {
        let Mode::Culture(CultureMode::Rating(r)) = self.mode else { return };
        let Some(a) = self.portfolio.assessment(r.id) else { return };
        let Some((t, _)) = self.run_template(a) else {
            self.set_error(self.lang.t("rating.no_template").to_owned());
            return;
        };
        let (min, max) = (t.scale.min, t.scale.max);
        if let Some(s) = score.filter(|s| !(min..=max).contains(s)) {
            self.set_error(
                self.lang.tf("rating.out_of_scale", &[("score", &s), ("min", &min), ("max", &max)]),
            );
            return;
        }
        let Some((before, item, perspective)) = self.rating_target(r) else { return };
        let Some(after) = edited_answer(&before, item, perspective, |answer| answer.score = score) else {
            return;
        };
        if self.commit(Change::assessment(Some(before), Some(after))) {
            let key = if score.is_some() { "rating.scored" } else { "rating.cleared" };
            let done = self
                .portfolio
                .assessment(r.id)
                .and_then(|a| self.run_template(a).map(|(t, _)| scoring::completion(t, a)));
            let (answered, total) = done.map_or((0, 0), |c| (c.answered, c.total));
            self.set_info(self.lang.tf(key, &[("answered", &answered), ("total", &total)]));
        }
    }

    /// Moves to the next slot without a score, after the cursor, wrapping around.
    fn jump_to_unanswered(&mut self) {
        let Mode::Culture(CultureMode::Rating(r)) = self.mode else { return };
        let Some(a) = self.portfolio.assessment(r.id) else { return };
        let Some((t, _)) = self.run_template(a) else { return };
        let columns = t.perspectives.len().max(1);
        let slots = scoring::slots(t);
        let here = r.row * columns + r.column;
        let next = (1..=slots.len())
            .map(|k| (here + k) % slots.len())
            .find(|ix| scoring::slot_score(t, a, slots[*ix]).is_none());
        match next {
            Some(ix) => {
                self.mode = Mode::Culture(CultureMode::Rating(Rating {
                    id: r.id,
                    row: ix / columns,
                    column: ix % columns,
                }));
            }
            None => self.set_info(self.lang.t("rating.all_answered").to_owned()),
        }
    }

    fn step_perspective(&mut self, forward: bool) {
        let columns = match &self.mode {
            Mode::Culture(CultureMode::Rating(r)) => self
                .portfolio
                .assessment(r.id)
                .and_then(|a| self.run_template(a))
                .map_or(1, |(t, _)| t.perspectives.len().max(1)),
            _ => return,
        };
        if let Mode::Culture(CultureMode::Rating(r)) = &mut self.mode {
            r.column = if forward { (r.column + 1).min(columns - 1) } else { r.column.saturating_sub(1) };
        }
    }

    fn open_note(&mut self) {
        let Mode::Culture(CultureMode::Rating(r)) = self.mode else { return };
        if self.is_read_only() {
            self.refuse_read_only();
            return;
        }
        let Some((a, item, perspective)) = self.rating_target(r) else { return };
        let note = a.answer(&item, perspective.as_deref()).map(|x| x.note.clone()).unwrap_or_default();
        self.mode = Mode::Culture(CultureMode::Note { rating: r, input: Input::new(note) });
    }

    fn save_note(&mut self, rating: Rating, text: &str) {
        self.mode = Mode::Culture(CultureMode::Rating(rating));
        let Some((before, item, perspective)) = self.rating_target(rating) else { return };
        let text = text.trim().to_owned();
        let Some(after) = edited_answer(&before, item, perspective, |answer| answer.note = text) else {
            return;
        };
        if self.commit(Change::assessment(Some(before), Some(after))) {
            self.set_info(self.lang.t("rating.note_saved").to_owned());
        }
    }

    fn open_action_form(&mut self, id: Option<Id>) {
        if self.is_read_only() {
            self.refuse_read_only();
            return;
        }
        let back = match &self.mode {
            Mode::Culture(mode @ (CultureMode::Plan { .. } | CultureMode::Rating(_))) => mode.clone(),
            _ => return,
        };
        let original = id.and_then(|id| self.portfolio.action(id)).cloned();
        let draft = if let Some(a) = &original {
            a.clone()
        } else {
            let (assessment, item) = match &back {
                CultureMode::Rating(r) => (Some(r.id), self.rating_target(*r).map(|(_, item, _)| item)),
                CultureMode::Plan { assessment, .. } => (*assessment, None),
                _ => (None, None),
            };
            ActionItem { assessment, item, created: Some(self.today), ..ActionItem::default() }
        };
        let mut items = vec![None];
        if let Some((t, _)) =
            draft.assessment.and_then(|id| self.portfolio.assessment(id)).and_then(|a| self.run_template(a))
        {
            items.extend(scoring::items_in_order(t).iter().map(|i| Some(i.id.clone())));
        }
        if draft.item.is_some() && !items.contains(&draft.item) {
            items.push(draft.item.clone());
        }
        let lines = ActionField::LINES
            .iter()
            .map(|f| {
                let value = match f {
                    ActionField::What => draft.what.clone(),
                    ActionField::How => draft.how.clone(),
                    ActionField::When => draft.when.clone(),
                    ActionField::Who => draft.who.clone(),
                    ActionField::Competences => draft.competences.clone(),
                    ActionField::FollowUp => draft.follow_up.map(|d| d.to_string()).unwrap_or_default(),
                    _ => draft.initiative.map(|i| i.to_string()).unwrap_or_default(),
                };
                (*f, Input::new(value))
            })
            .collect();
        self.mode = Mode::Culture(CultureMode::ActionForm(Box::new(ActionForm {
            original,
            draft,
            focus: 0,
            lines,
            items,
            error: None,
            back: Box::new(back),
        })));
    }

    fn save_action(&mut self, mut form: Box<ActionForm>) {
        let mut action = form.draft.clone();
        action.what = form.value(ActionField::What);
        action.how = form.value(ActionField::How);
        action.when = form.value(ActionField::When);
        action.who = form.value(ActionField::Who);
        action.competences = form.value(ActionField::Competences);
        let follow_up = dates::parse(&form.value(ActionField::FollowUp), self.today);
        let initiative = form.value(ActionField::Initiative);
        let initiative = initiative.trim_start_matches('#');
        let problem = if action.what.is_empty() {
            Some((ActionField::What, "plan.error_what"))
        } else if follow_up.is_err() {
            Some((ActionField::FollowUp, "plan.error_follow_up"))
        } else if !initiative.is_empty()
            && initiative.parse::<Id>().ok().and_then(|id| self.portfolio.initiative(id)).is_none()
        {
            Some((ActionField::Initiative, "plan.error_initiative"))
        } else {
            None
        };
        if let Some((field, key)) = problem {
            self.set_error(self.lang.t(key).to_owned());
            form.focus = ActionField::ALL.iter().position(|f| *f == field).unwrap_or(0);
            form.error = Some(key.to_owned());
            self.mode = Mode::Culture(CultureMode::ActionForm(form));
            return;
        }
        action.follow_up = follow_up.ok().flatten();
        action.initiative = initiative.parse().ok();
        let back = *form.back.clone();
        if form.original.as_ref() == Some(&action) {
            self.mode = Mode::Culture(back);
            self.set_info(self.lang.t("status.no_changes").to_owned());
            return;
        }
        let created = form.original.is_none();
        if created {
            action.id = self.portfolio.allocate_id(Collection::Action);
        }
        let id = action.id;
        if self.commit(Change::action(form.original.clone(), Some(action))) {
            self.mode = Mode::Culture(back);
            let key = if created { "plan.created" } else { "plan.updated" };
            self.set_info(self.lang.tf(key, &[("id", &id)]));
            if let Mode::Culture(CultureMode::Plan { assessment, selected }) = &mut self.mode {
                let rows = plan_order(&self.portfolio, *assessment);
                *selected = rows.iter().position(|r| *r == id).unwrap_or(*selected);
            }
        } else {
            self.mode = Mode::Culture(CultureMode::ActionForm(form));
        }
    }

    fn toggle_done(&mut self) {
        let Mode::Culture(CultureMode::Plan { assessment, selected }) = self.mode else { return };
        let Some(before) =
            self.plan_rows(assessment).get(selected).and_then(|id| self.portfolio.action(*id)).cloned()
        else {
            return;
        };
        let mut after = before.clone();
        after.done = !after.done;
        let key = if after.done { "plan.marked_done" } else { "plan.marked_open" };
        let id = after.id;
        if self.commit(Change::action(Some(before), Some(after))) {
            self.set_info(self.lang.tf(key, &[("id", &id)]));
            if let Mode::Culture(CultureMode::Plan { selected, .. }) = &mut self.mode {
                let rows = plan_order(&self.portfolio, assessment);
                *selected = rows.iter().position(|r| *r == id).unwrap_or(*selected);
            }
        }
    }

    fn step_culture_field(&mut self, forward: bool) {
        let step = |focus: &mut usize, len: usize| {
            *focus = if forward { (*focus + 1) % len } else { (*focus + len - 1) % len };
        };
        match &mut self.mode {
            Mode::Culture(CultureMode::NewRun(form)) => step(&mut form.focus, RunField::ALL.len()),
            Mode::Culture(CultureMode::ActionForm(form)) => step(&mut form.focus, ActionField::ALL.len()),
            _ => {}
        }
    }

    fn save_culture_dialog(&mut self) {
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Culture(CultureMode::NewRun(form)) => self.create_run(form),
            Mode::Culture(CultureMode::Note { rating, input }) => self.save_note(rating, input.value()),
            Mode::Culture(CultureMode::ActionForm(form)) => self.save_action(form),
            other => self.mode = other,
        }
    }

    fn culture_back(&mut self) {
        self.mode = match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Culture(CultureMode::Note { rating, .. }) => Mode::Culture(CultureMode::Rating(rating)),
            Mode::Culture(CultureMode::ActionForm(form)) => Mode::Culture(*form.back),
            _ => Mode::Normal,
        };
    }

    /// A key typed into the Culture pane's text fields; ←/→ and space change choice fields.
    pub(super) fn culture_type_key(&mut self, key: KeyEvent) {
        let event = Event::Key(key);
        let Mode::Culture(mode) = &mut self.mode else { return };
        let sideways = match key.code {
            KeyCode::Left => Some(false),
            KeyCode::Right | KeyCode::Char(' ') => Some(true),
            _ => None,
        };
        let cycle = |ix: usize, len: usize, forward: bool| {
            if len == 0 {
                0
            } else if forward {
                (ix + 1) % len
            } else {
                (ix + len - 1) % len
            }
        };
        match mode {
            CultureMode::Note { input, .. } => {
                input.handle_event(&event);
            }
            CultureMode::NewRun(form) => match form.field() {
                RunField::Template => {
                    if let Some(forward) = sideways {
                        form.template = cycle(form.template, self.culture.catalog.templates.len(), forward);
                    }
                }
                RunField::Scope => {
                    let options = form.scopes.len() + 1;
                    if let (Some(forward), true) = (
                        sideways.filter(|_| key.code != KeyCode::Char(' ')),
                        form.custom.value().is_empty() || !form.is_custom_scope(),
                    ) {
                        form.scope = cycle(form.scope, options, forward);
                    } else {
                        if !form.is_custom_scope() {
                            form.scope = form.scopes.len();
                            form.custom = Input::default();
                        }
                        form.custom.handle_event(&event);
                    }
                }
                RunField::Date => {
                    form.date.handle_event(&event);
                }
                RunField::Participants => {
                    form.participants.handle_event(&event);
                }
            },
            CultureMode::ActionForm(form) => match form.field() {
                ActionField::Item => {
                    if let Some(forward) = sideways {
                        let ix = form.items.iter().position(|i| *i == form.draft.item).unwrap_or(0);
                        form.draft.item.clone_from(&form.items[cycle(ix, form.items.len(), forward)]);
                    }
                }
                ActionField::Done => {
                    if sideways.is_some() {
                        form.draft.done = !form.draft.done;
                    }
                }
                field => {
                    if let Some(input) = form.line_mut(field) {
                        input.handle_event(&event);
                    }
                }
            },
            _ => {}
        }
    }

    /// Pasted text goes into the focused text field, on one line.
    pub(super) fn culture_paste(&mut self, text: &str) {
        let one_line: String = text
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .filter(|c| !c.is_control())
            .collect();
        let append = |input: &mut Input| *input = Input::new(format!("{}{one_line}", input.value()));
        match &mut self.mode {
            Mode::Culture(CultureMode::Note { input, .. }) => append(input),
            Mode::Culture(CultureMode::NewRun(form)) => match form.field() {
                RunField::Scope => {
                    if !form.is_custom_scope() {
                        form.scope = form.scopes.len();
                        form.custom = Input::default();
                    }
                    append(&mut form.custom);
                }
                RunField::Date => append(&mut form.date),
                RunField::Participants => append(&mut form.participants),
                RunField::Template => {}
            },
            Mode::Culture(CultureMode::ActionForm(form)) => {
                let field = form.field();
                if let Some(input) = form.line_mut(field) {
                    append(input);
                }
            }
            _ => {}
        }
    }
}

/// Action ids of one run (`None`: all) in plan order; see [`App::plan_rows`].
fn plan_order(portfolio: &crate::model::Portfolio, assessment: Option<Id>) -> Vec<Id> {
    let mut rows: Vec<&ActionItem> =
        portfolio.actions.iter().filter(|a| assessment.is_none() || a.assessment == assessment).collect();
    rows.sort_by_key(|a| (a.done, a.follow_up.is_none(), a.follow_up, a.id));
    rows.into_iter().map(|a| a.id).collect()
}

/// The run with one answer (item and perspective) changed by `edit`, or `None` when that
/// changes nothing. A missing answer is created, but only if the edit leaves it non-blank.
fn edited_answer(
    before: &Assessment,
    item: String,
    perspective: Option<String>,
    edit: impl FnOnce(&mut Answer),
) -> Option<Assessment> {
    let mut after = before.clone();
    if let Some(answer) = after.answers.iter_mut().find(|x| x.item == item && x.perspective == perspective) {
        let old = answer.clone();
        edit(answer);
        return (*answer != old).then_some(after);
    }
    let mut answer = Answer { item, perspective, score: None, note: String::new(), extra: Extra::default() };
    edit(&mut answer);
    if answer.score.is_none() && answer.note.is_empty() {
        return None;
    }
    after.answers.push(answer);
    Some(after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::app::{Options, Pane};
    use crate::model::Portfolio;
    use jiff::civil::date;
    use ratatui::crossterm::event::KeyModifiers;

    fn demo() -> App {
        let portfolio =
            crate::store::parse(crate::demo::SAMPLE.as_bytes(), std::path::Path::new("sample.json"))
                .expect("the sample parses");
        let mut app = App::new(portfolio, None, &Options::default());
        app.today = date(2026, 11, 25);
        app.update(Action::ShowPane(Pane::Culture));
        app
    }

    fn empty() -> App {
        let mut app = App::new(Portfolio::default(), None, &Options::default());
        app.today = date(2026, 11, 25);
        app.update(Action::ShowPane(Pane::Culture));
        app
    }

    fn culture(app: &mut App, action: CultureAction) {
        app.update(Action::Culture(action));
    }

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            app.update(Action::TypeKey(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
        }
    }

    fn key(app: &mut App, code: KeyCode) {
        app.update(Action::TypeKey(KeyEvent::new(code, KeyModifiers::NONE)));
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

    fn status(app: &App) -> String {
        app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
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
        assert_eq!((run.template.as_str(), run.date), ("innovation_journey", date(2026, 11, 25)));
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
        key(&mut app, KeyCode::Left);
        key(&mut app, KeyCode::Left);
        let Mode::Culture(CultureMode::NewRun(form)) = &app.mode else { panic!("dialog") };
        assert_eq!(form.scope_value(), "Sjöbacka kommun", "the whole organisation by its name");
        type_text(&mut app, "Team Norr");
        culture(&mut app, CultureAction::NextField);
        for _ in 0..10 {
            key(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "nonsense");
        culture(&mut app, CultureAction::NextField);
        for _ in 0..80 {
            key(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "Ada, Bo");
        culture(&mut app, CultureAction::Save);
        assert!(matches!(&app.mode, Mode::Culture(CultureMode::NewRun(f)) if f.field() == RunField::Date));
        assert!(status(&app).starts_with("Date"), "{}", status(&app));
        culture(&mut app, CultureAction::PreviousField);
        culture(&mut app, CultureAction::NextField);
        for _ in 0..10 {
            key(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "-1w");
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
        culture(&mut app, CultureAction::NextPerspective);
        culture(&mut app, CultureAction::SetScore(2));
        app.update(Action::MoveDown);
        culture(&mut app, CultureAction::SetScore(7));
        assert!(status(&app).contains("outside"), "{}", status(&app));
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
        type_text(&mut app, "Too little time");
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
        assert!(status(&app).starts_with("What"), "what is required: {}", status(&app));
        type_text(&mut app, "Idea hour");
        for _ in 0..5 {
            culture(&mut app, CultureAction::NextField);
        }
        type_text(&mut app, "+2w");
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
        type_text(&mut app, "Something");
        for _ in 0..7 {
            culture(&mut app, CultureAction::NextField);
        }
        type_text(&mut app, "999");
        culture(&mut app, CultureAction::Save);
        assert!(
            matches!(&app.mode, Mode::Culture(CultureMode::ActionForm(f)) if f.field() == ActionField::Initiative)
        );
        for _ in 0..3 {
            key(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "#3");
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
        assert!(status(&app).contains("neither stored"), "{}", status(&app));
        assert_eq!(app.portfolio.assessments[0], run, "nothing changed");
        // Without the stored copy the installed template of the same version is used.
        let climate = app.portfolio.assessment(2).expect("run 2").clone();
        assert_eq!(app.run_template(&climate).map(|(_, s)| s), Some(TemplateSource::Installed));
    }

    #[test]
    fn user_templates_with_errors_are_reported_not_fatal() {
        let dir = tempfile::tempdir().expect("temporary directory");
        std::fs::write(dir.path().join("broken.json"), "{\n  \"id\": \"x\",\n  oops\n}").expect("write");
        let mut app = empty();
        app.load_templates_from(dir.path());
        assert_eq!(app.template_errors().len(), 1);
        assert!(status(&app).contains("broken.json:3:"), "{}", status(&app));
        assert_eq!(app.culture.catalog.templates.len(), crate::templates::BUNDLED.len());
    }

    #[test]
    fn read_only_refuses_new_runs() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("p.json");
        std::fs::write(&path, "{}\n").expect("write");
        let opened = crate::store::Store::open(&path, true).expect("opens");
        let mut app = App::new(opened.portfolio, Some(opened.store), &Options::default());
        app.update(Action::ShowPane(Pane::Culture));
        culture(&mut app, CultureAction::NewRun);
        assert!(matches!(app.mode, Mode::Normal));
        assert!(status(&app).to_lowercase().contains("read-only"), "{}", status(&app));
    }
}
