//! Action plans: the action form (what, how, when, who, competences, follow-up), marking
//! actions done and deleting them (after the register's own yes/no question).

use super::{CultureMode, sideways};
use crate::app::editing::{self, FormState, Typed};
use crate::app::fields::{ActionField, FieldKind, FormField};
use crate::app::{App, Confirm, Mode};
use crate::cycle;
use crate::dates;
use crate::history::Change;
use crate::model::{ActionItem, Collection, Id, Portfolio};
use crate::scoring;

/// The action form. The state's draft holds the choices (item, done) and the links.
#[derive(Debug, Clone)]
pub struct ActionForm {
    pub state: FormState<ActionItem, ActionField>,
    /// Items of the run's template that the action can answer (`None` first: the whole run).
    pub items: Vec<Option<String>>,
    pub error: Option<String>,
    /// The view to return to.
    pub back: Box<CultureMode>,
}

/// An action asked about before it is deleted, with the plan the question was asked over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeleteAction {
    pub id: Id,
    pub assessment: Option<Id>,
    pub selected: usize,
}

impl DeleteAction {
    /// The plan to show beneath the question and after it.
    pub fn plan(self) -> CultureMode {
        CultureMode::Plan { assessment: self.assessment, selected: self.selected }
    }
}

impl ActionForm {
    /// An editing key or a paste: ← → (and space) change the item and done choices; text
    /// fields type.
    pub(super) fn type_into(&mut self, typed: Typed<'_>) {
        self.state.dirty = true;
        let field = self.state.field();
        match (field, typed) {
            (ActionField::Item, Typed::Key(edit)) => {
                if let Some(forward) = sideways(edit) {
                    self.state.draft.item = cycle::step(&self.items, &self.state.draft.item, forward);
                }
            }
            (ActionField::Done, Typed::Key(edit)) => {
                if sideways(edit).is_some() {
                    self.state.draft.done = !self.state.draft.done;
                }
            }
            _ => {
                if let Some(input) = self.state.lines.get_mut(field) {
                    editing::type_line(input, typed);
                }
            }
        }
    }
}

impl App {
    pub(super) fn open_action_form(&mut self, id: Option<Id>) {
        if !self.writable() {
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
        let form = self.action_form(original, draft, back);
        self.mode = Mode::Culture(CultureMode::ActionForm(Box::new(form)));
    }

    /// The action form for `original` (`None`: a new action) filled in from `draft`, going
    /// back to `back`.
    pub(in crate::app) fn action_form(
        &self,
        original: Option<ActionItem>,
        draft: ActionItem,
        back: CultureMode,
    ) -> ActionForm {
        let mut items = vec![None];
        if let Some((t, _)) =
            draft.assessment.and_then(|id| self.portfolio.assessment(id)).and_then(|a| self.run_template(a))
        {
            items.extend(scoring::items_in_order(t).iter().map(|i| Some(i.id.clone())));
        }
        if draft.item.is_some() && !items.contains(&draft.item) {
            items.push(draft.item.clone());
        }
        // Every field but the choices is typed as one line of text.
        let lines = ActionField::ALL
            .iter()
            .filter(|f| f.kind() != FieldKind::Choice)
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
                (*f, value)
            })
            .collect();
        let mut state = FormState::new(original, draft, lines);
        // The form opens on what the action is: from its start, not scrolled to the end of a
        // long title.
        if let Some(input) = state.lines.get_mut(ActionField::What) {
            *input = input.clone().with_cursor(0);
        }
        ActionForm { state, items, error: None, back: Box::new(back) }
    }

    pub(super) fn save_action(&mut self, mut form: Box<ActionForm>) {
        let mut action = form.state.draft.clone();
        action.what = form.state.lines.value(ActionField::What);
        action.how = form.state.lines.value(ActionField::How);
        action.when = form.state.lines.value(ActionField::When);
        action.who = form.state.lines.value(ActionField::Who);
        action.competences = form.state.lines.value(ActionField::Competences);
        let follow_up = dates::parse(&form.state.lines.value(ActionField::FollowUp), self.today);
        let initiative = form.state.lines.value(ActionField::Initiative);
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
            form.state.focus_field(field);
            form.error = Some(key.to_owned());
            self.mode = Mode::Culture(CultureMode::ActionForm(form));
            return;
        }
        action.follow_up = follow_up.ok().flatten();
        action.initiative = initiative.parse().ok();
        let back = *form.back.clone();
        if form.state.original.as_ref() == Some(&action) {
            self.mode = Mode::Culture(back);
            self.set_info(self.lang.t("status.no_changes").to_owned());
            return;
        }
        let created = form.state.original.is_none();
        if created {
            action.id = self.portfolio.allocate_id(Collection::Action);
        }
        let id = action.id;
        if self.commit(Change::action(form.state.original.clone(), Some(action))) {
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

    pub(super) fn toggle_done(&mut self) {
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
}

impl App {
    /// The rows a page-wise move goes in the plan: those its list shows. `None` elsewhere.
    pub(in crate::app) fn plan_page(&self) -> Option<usize> {
        let Mode::Culture(CultureMode::Plan { .. }) = self.mode else { return None };
        Some(usize::from(crate::layout::plan_rows_shown(self.screen().body)))
    }

    /// `d` in the plan: asks before deleting the selected action.
    pub(in crate::app) fn ask_delete_action(&mut self) {
        let Mode::Culture(CultureMode::Plan { assessment, selected }) = self.mode else { return };
        let Some(id) = self.plan_rows(assessment).get(selected).copied() else { return };
        if self.writable() {
            self.mode = Mode::Confirm(Confirm::DeleteAction(DeleteAction { id, assessment, selected }));
        }
    }

    /// The answer yes: deletes the action (undo brings it back) and shows the plan again,
    /// the selection on the row that took its place.
    pub(in crate::app) fn delete_action(&mut self, asked: DeleteAction) {
        self.mode = Mode::Culture(asked.plan());
        let Some(before) = self.portfolio.action(asked.id).cloned() else { return };
        if self.commit(Change::action(Some(before), None)) {
            self.set_info(self.lang.tf("plan.deleted", &[("id", &asked.id)]));
            let rows = self.plan_rows(asked.assessment).len();
            if let Mode::Culture(CultureMode::Plan { selected, .. }) = &mut self.mode {
                *selected = (*selected).min(rows.saturating_sub(1));
            }
        }
    }
}

/// Action ids of one run (`None`: all) in plan order; see [`App::plan_rows`].
pub(super) fn plan_order(portfolio: &Portfolio, assessment: Option<Id>) -> Vec<Id> {
    let mut rows: Vec<&ActionItem> =
        portfolio.actions.iter().filter(|a| assessment.is_none() || a.assessment == assessment).collect();
    rows.sort_by_key(|a| (a.done, a.follow_up.is_none(), a.follow_up, a.id));
    rows.into_iter().map(|a| a.id).collect()
}
