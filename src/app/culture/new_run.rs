//! The new-run dialog: which checklist, for which scope, on which date, with whom, and when
//! the group means to run it again. The same dialog edits a run (`e` on the list), the
//! checklist then fixed.

use tui_input::Input;

use super::{CultureMode, Rating, sideways};
use crate::action::Edit;
use crate::app::editing::{self, Typed};
use crate::app::fields::RunField;
use crate::app::{App, Mode};
use crate::cycle::step_index as cycle;
use crate::dates;
use crate::history::Change;
use crate::model::extras::Extra;
use crate::model::{Assessment, Collection};
use crate::scoring;
use crate::text::one_line;

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
    /// When the group plans to run it again; empty for not yet decided.
    pub next_date: Input,
    /// Catalog key of what is wrong, shown until the next save attempt.
    pub error: Option<String>,
    /// The run being edited (its checklist stays); `None` for a new run.
    pub editing: Option<crate::model::Id>,
    /// Something was typed or chosen: the dialog is a draft worth keeping.
    pub dirty: bool,
    /// The participants were typed here: a change of checklist or scope leaves them be.
    /// Until then they follow the last run of the chosen checklist and scope.
    pub participants_typed: bool,
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

impl NewRunForm {
    /// An editing key or a paste: ← → step the template or the scope; typing or pasting in
    /// the scope field switches to a scope of one's own.
    pub(super) fn type_into(&mut self, typed: Typed<'_>, templates: usize) {
        self.dirty = true;
        if let Typed::Key(edit) = typed
            && let Some(forward) = sideways(edit)
        {
            match self.field() {
                RunField::Template => {
                    if self.editing.is_none() {
                        self.template = cycle(self.template, templates, forward);
                    }
                    return;
                }
                RunField::Scope
                    if edit != Edit::Insert(' ')
                        && (self.custom.value().is_empty() || !self.is_custom_scope()) =>
                {
                    self.scope = cycle(self.scope, self.scopes.len() + 1, forward);
                    return;
                }
                _ => {}
            }
        }
        let input = match self.field() {
            RunField::Template => return,
            RunField::Scope => {
                self.type_own_scope();
                &mut self.custom
            }
            RunField::Date => &mut self.date,
            RunField::Participants => {
                // Only a change of the names: a look along them with ← → keeps them following.
                self.participants_typed |= editing::type_line(&mut self.participants, typed);
                return;
            }
            RunField::NextDate => &mut self.next_date,
        };
        editing::type_line(input, typed);
    }

    fn type_own_scope(&mut self) {
        if !self.is_custom_scope() {
            self.scope = self.scopes.len();
            self.custom = Input::default();
        }
    }
}

impl App {
    pub(in crate::app) fn open_new_run(&mut self) {
        if !self.writable() {
            return;
        }
        let form = self.run_form(None);
        self.mode = Mode::Culture(CultureMode::NewRun(Box::new(form)));
    }

    /// The dialog on the selected run, to change its scope, date, participants and next date.
    pub(super) fn open_edit_run(&mut self) {
        let Some(id) = self.selected_run() else { return };
        if !self.writable() {
            return;
        }
        let form = self.run_form(Some(id));
        self.mode = Mode::Culture(CultureMode::NewRun(Box::new(form)));
    }

    /// The dialog for a new run, or filled in from run `editing`.
    pub(in crate::app) fn run_form(&self, editing: Option<crate::model::Id>) -> NewRunForm {
        // The template and scope of the selected run come first: a re-run is the usual case.
        let selected = self.selected_run().and_then(|id| self.portfolio.assessment(id));
        let template = selected
            .and_then(|a| self.culture.catalog.templates.iter().position(|t| t.id == a.template))
            .unwrap_or(0);
        let scopes = self.scope_choices(template);
        let (scope, custom) = match selected {
            Some(a) => match scopes.iter().position(|s| scoring::same_scope(s, &a.scope)) {
                Some(ix) => (ix, Input::default()),
                None => (scopes.len(), Input::new(a.scope.clone())),
            },
            None => (0, Input::default()),
        };
        let edited = editing.and_then(|id| self.portfolio.assessment(id));
        let mut form = NewRunForm {
            focus: usize::from(edited.is_some()),
            template,
            scopes,
            scope,
            custom,
            date: Input::new(edited.map_or(self.today, |a| a.date).to_string()),
            participants: Input::new(edited.map(|a| a.participants.join(", ")).unwrap_or_default()),
            next_date: Input::new(
                edited.and_then(|a| a.next_date).map(|d| d.to_string()).unwrap_or_default(),
            ),
            error: None,
            editing,
            dirty: false,
            participants_typed: edited.is_some(),
        };
        self.follow_choices(&mut form);
        form
    }

    /// The scopes ←/→ offer for the catalog's template `template`: the organisation, its
    /// units, then the other scopes that template was run for, most recent first (so a
    /// re-run of "Ledningsgruppen" is chosen, not typed, and keeps its history).
    fn scope_choices(&self, template: usize) -> Vec<String> {
        let org = &self.portfolio.organisation;
        let whole = if org.name.trim().is_empty() {
            self.lang.t("culture.scope_organisation").to_owned()
        } else {
            org.name.trim().to_owned()
        };
        let mut scopes = vec![whole];
        scopes.extend(org.unit_names());
        let Some(id) = self.culture.catalog.templates.get(template).map(|t| t.id.as_str()) else {
            return scopes;
        };
        let mut runs: Vec<&Assessment> = self
            .portfolio
            .assessments
            .iter()
            .filter(|a| a.template == id && !a.scope.trim().is_empty())
            .collect();
        runs.sort_by_key(|a| std::cmp::Reverse((a.date, a.id)));
        for a in runs {
            if !scopes.iter().any(|s| scoring::same_scope(s, &a.scope)) {
                scopes.push(one_line(a.scope.trim()).into_owned());
            }
        }
        scopes
    }

    /// After the checklist or the scope changed: the scopes offered are the new checklist's
    /// (the scope chosen stays, typed if it is no longer offered), and participants not typed
    /// here are those of the last run of this checklist for this scope — never another
    /// scope's, so nobody is recorded for a meeting they were not at.
    pub(in crate::app) fn follow_choices(&self, form: &mut NewRunForm) {
        if form.editing.is_some() {
            return;
        }
        let chosen = form.scope_value();
        let scopes = self.scope_choices(form.template);
        if scopes != form.scopes {
            let found = scopes.iter().position(|s| !chosen.is_empty() && scoring::same_scope(s, &chosen));
            match (found, form.is_custom_scope()) {
                (Some(ix), false) => form.scope = ix,
                (None, false) => {
                    form.scope = scopes.len();
                    form.custom = Input::new(chosen);
                }
                (_, true) => form.scope = scopes.len(),
            }
            form.scopes = scopes;
        }
        if form.participants_typed {
            return;
        }
        let scope = form.scope_value();
        let template = self.culture.catalog.templates.get(form.template).map(|t| t.id.as_str());
        let last = self
            .portfolio
            .assessments
            .iter()
            .filter(|a| Some(a.template.as_str()) == template && scoring::same_scope(&a.scope, &scope))
            .max_by_key(|a| (a.date, a.id));
        let names = last.map(|a| a.participants.join(", ")).unwrap_or_default();
        if names != form.participants.value() {
            form.participants = Input::new(names);
        }
    }

    pub(super) fn create_run(&mut self, mut form: Box<NewRunForm>) {
        let Some(template) = self.culture.catalog.templates.get(form.template).cloned() else {
            form.error = Some("culture.error_no_template".into());
            self.mode = Mode::Culture(CultureMode::NewRun(form));
            return;
        };
        let scope = form.scope_value();
        let date = dates::parse(form.date.value(), self.today);
        let next_date = dates::parse(form.next_date.value(), self.today);
        let (error, focus) = match (&scope, &date, &next_date) {
            (s, _, _) if s.trim().is_empty() => ("culture.error_scope", RunField::Scope),
            (_, Err(_), _) => ("culture.error_date", RunField::Date),
            (_, _, Err(_)) => ("culture.error_next_date", RunField::NextDate),
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
        let next_date = next_date.ok().flatten();
        let participants = form
            .participants
            .value()
            .split([',', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        if let Some(before) = form.editing.and_then(|id| self.portfolio.assessment(id)).cloned() {
            let after = Assessment { scope, date, next_date, participants, ..before.clone() };
            if after == before {
                self.set_info(self.lang.t("status.no_changes").to_owned());
            } else if self.commit(Change::assessment(Some(before), Some(after))) {
                self.set_info(self.lang.tf("culture.updated", &[("id", &form.editing.unwrap_or_default())]));
            }
            return;
        }
        let id = self.portfolio.allocate_id(Collection::Assessment);
        let run = Assessment {
            id,
            template: template.id.clone(),
            template_version: template.version,
            scope,
            date,
            next_date,
            participants,
            answers: Vec::new(),
            responses: Vec::new(),
            note: String::new(),
            extra: Extra::default(),
        };
        let mut changes = Vec::new();
        if self.portfolio.template(&template.id, template.version).is_none() {
            changes.push(Change::template(None, Some(template)));
        }
        changes.push(Change::assessment(None, Some(run)));
        if self.commit(Change::Batch(changes)) {
            self.culture.selected = self.runs().iter().position(|r| *r == id).unwrap_or(0);
            self.mode = Mode::Culture(CultureMode::Rating(Rating { id, row: 0, column: 0 }));
            self.set_info(self.lang.tf("culture.created", &[("id", &id)]));
        }
    }
}
