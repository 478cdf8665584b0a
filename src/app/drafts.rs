//! Every text being typed, as a [`Draft`] for the recovery file, and back: the initiative
//! form, a log line, a row of the organisation profile, a checklist item's note, the new-run
//! dialog, the action form, the benefit editor and measurement line (`drafts/benefits.rs`),
//! a line of a group's scores, a line in the intake list or its idea form and a value typed
//! for a conflict (`drafts/lines.rs`). `recovery` decides when a draft is written and offered; this is only
//! what each one holds and how it is put back where it was typed.

use tui_input::Input;

use super::benefits::{BenefitDialog, view_initiative};
use super::culture::{ActionForm, CultureMode, NewRunForm, Rating};
use super::editing::TextBox;
use super::fields::RunField;
use super::profile::{ProfileEditor, Row};
use super::{App, Field, FieldKind, FormField, InitiativeForm, Mode};

mod benefits;
mod lines;

use crate::action::Pane;
use crate::model::{Initiative, Keyed, Organisation};
use crate::recovery::{BenefitOver, Draft, ProfilePart};
use crate::scoring;

impl App {
    /// The unsaved text being typed now, if any.
    pub fn current_draft(&self) -> Option<Draft> {
        self.draft_in(&self.mode)
    }

    fn draft_in(&self, mode: &Mode) -> Option<Draft> {
        match mode {
            Mode::Form(form) => form
                .benefit
                .as_ref()
                .and_then(|dialog| {
                    let initiative = form.state.original.as_ref().map(|i| i.id);
                    benefits::dialog_draft(dialog, || BenefitOver {
                        initiative,
                        form: Some(Box::new(form_draft(form))),
                    })
                })
                .or_else(|| form.state.dirty.then(|| form_draft(form))),
            Mode::Benefits(view) => view.dialog.as_ref().and_then(|dialog| {
                benefits::dialog_draft(dialog, || {
                    let benefit = match dialog {
                        BenefitDialog::Edit(editor) => editor.state.original.as_ref().map(|b| b.id),
                        BenefitDialog::Measure(line) => Some(line.benefit),
                        BenefitDialog::Delete(_) => None,
                    };
                    BenefitOver { initiative: view_initiative(view, benefit), form: None }
                })
            }),
            Mode::Culture(CultureMode::Entry(entry)) => self.scores_draft(entry),
            Mode::Intake(list) => match &list.form {
                Some(form) => form.state.dirty.then(|| lines::idea_form_draft(form)),
                None => self.idea_draft(list),
            },
            Mode::Conflicts(dialog) => self.conflict_draft(dialog),
            Mode::LogEntry { id, input, kind } if !input.value().trim().is_empty() => {
                Some(Draft::LogEntry { id: *id, kind: *kind, text: input.value().to_owned() })
            }
            Mode::Profile(editor) => profile_draft(editor, &self.portfolio.organisation),
            Mode::Culture(CultureMode::Note { rating, input }) => self.note_draft(*rating, input.value()),
            Mode::Culture(CultureMode::NewRun(form)) if form.dirty => Some(self.run_draft(form)),
            Mode::Culture(CultureMode::ActionForm(form)) if form.state.dirty => Some(action_draft(form)),
            Mode::Help { back, .. } => self.draft_in(back),
            _ => None,
        }
    }

    /// A note differing from the one saved for the item.
    fn note_draft(&self, rating: Rating, text: &str) -> Option<Draft> {
        let run = self.portfolio.assessment(rating.id)?;
        let (template, _) = self.run_template(run)?;
        let item = scoring::items_in_order(template).get(rating.row)?.id.clone();
        let perspective = template.perspectives.get(rating.column).map(|p| p.id.clone());
        let saved = run.answer(&item, perspective.as_deref()).map_or("", |a| a.note.as_str());
        (text.trim() != saved.trim()).then(|| Draft::Note {
            run: rating.id,
            item,
            number: rating.row + 1,
            perspective,
            text: text.to_owned(),
        })
    }

    fn run_draft(&self, form: &NewRunForm) -> Draft {
        let template = self.culture.catalog.templates.get(form.template).map(|t| t.id.clone());
        Draft::NewRun {
            focus: form.focus,
            template: template.unwrap_or_default(),
            scope: form.scope_value(),
            date: form.date.value().to_owned(),
            participants: form.participants.value().to_owned(),
            next_date: form.next_date.value().to_owned(),
            editing: form.editing,
        }
    }

    /// Puts a draft back where it was typed. What it was for may be gone by now (the file
    /// changed meanwhile): a form then comes back as a new one, and a line with nowhere to go
    /// is said in the status line, so it can still be copied.
    pub(super) fn restore_draft(&mut self, draft: Draft) {
        match draft {
            Draft::Initiative { editing, focus, draft, fields } => {
                let original = editing.and_then(|id| self.portfolio.initiative(id)).cloned();
                if editing.is_some() && original.is_none() {
                    self.set_error(self.lang.t("recovery.edited_gone").to_owned());
                }
                self.mode = Mode::Form(Box::new(restored_form(original, *draft, &fields, focus, self)));
            }
            Draft::LogEntry { id, kind, text } => {
                if self.portfolio.initiative(id).is_some() {
                    self.mode = Mode::LogEntry { id, input: Input::new(one_line(&text)), kind };
                } else {
                    let text = crate::text::one_line(&text).into_owned();
                    self.set_error(self.lang.tf("recovery.log_gone", &[("id", &id), ("text", &text)]));
                }
            }
            Draft::Profile { part, text } => self.restore_profile(&part, &text),
            Draft::Note { run, item, perspective, text, .. } => {
                let rating =
                    self.portfolio.assessment(run).and_then(|a| self.run_template(a)).and_then(|(t, _)| {
                        let row = scoring::items_in_order(t).iter().position(|i| i.id == item)?;
                        let column = match &perspective {
                            Some(p) => t.perspectives.iter().position(|x| x.id == *p)?,
                            None => 0,
                        };
                        Some(Rating { id: run, row, column })
                    });
                if let Some(rating) = rating {
                    self.show_run(run);
                    let input = Input::new(one_line(&text));
                    self.mode = Mode::Culture(CultureMode::Note { rating, input });
                } else {
                    let text = crate::text::one_line(&text).into_owned();
                    self.set_error(self.lang.tf("recovery.note_gone", &[("run", &run), ("text", &text)]));
                }
            }
            Draft::NewRun { focus, template, scope, date, participants, next_date, editing } => {
                // A run edited meanwhile deleted comes back as a new one.
                let editing = editing.filter(|id| self.portfolio.assessment(*id).is_some());
                if let Some(run) = editing {
                    self.show_run(run);
                }
                self.pane = Pane::Culture;
                let mut form = self.run_form(editing);
                let templates = &self.culture.catalog.templates;
                let chosen = templates.iter().position(|t| t.id == template);
                if editing.is_none() {
                    form.template = chosen.unwrap_or(form.template);
                }
                form.participants_typed = true;
                self.follow_choices(&mut form);
                if let Some(ix) = form.scopes.iter().position(|s| *s == scope) {
                    form.scope = ix;
                } else {
                    form.scope = form.scopes.len();
                    form.custom = Input::new(one_line(&scope));
                }
                form.date = Input::new(one_line(&date));
                // Names as the scope brings them keep following it; names typed stay.
                form.participants_typed = false;
                self.follow_choices(&mut form);
                let participants = one_line(&participants);
                form.participants_typed = participants != form.participants.value();
                form.participants = Input::new(participants);
                form.next_date = Input::new(one_line(&next_date));
                form.focus = focus.min(RunField::ALL.len() - 1);
                form.dirty = true;
                self.mode = Mode::Culture(CultureMode::NewRun(Box::new(form)));
            }
            Draft::Action { editing, focus, draft, fields } => {
                let original = editing.and_then(|id| self.portfolio.action(id)).cloned();
                if editing.is_some() && original.is_none() {
                    self.set_error(self.lang.t("recovery.action_gone").to_owned());
                }
                if let Some(run) = draft.assessment {
                    self.show_run(run);
                }
                self.pane = Pane::Culture;
                let back = CultureMode::Plan { assessment: draft.assessment, selected: 0 };
                let mut form = self.action_form(original, *draft, back);
                form.state.put_back(focus, &fields, one_line);
                self.mode = Mode::Culture(CultureMode::ActionForm(Box::new(form)));
            }
            Draft::Benefit { over, editing, focus, draft, fields } => {
                self.restore_benefit(over, editing, focus, *draft, &fields);
            }
            Draft::Measurement { over, benefit, focus, fields, .. } => {
                self.restore_measurement(over, benefit, focus, &fields);
            }
            Draft::Scores { run, line, item, perspective, text, respondent, .. } => {
                self.restore_scores(run, line, (&item, perspective.as_deref()), &text, respondent);
            }
            Draft::Idea { prompt, idea, text } => self.restore_idea(prompt, idea, &text),
            Draft::IdeaForm { idea, focus, draft, fields } => {
                self.restore_idea_form(idea, focus, *draft, &fields);
            }
            Draft::Conflict { conflict, path, text } => self.restore_conflict(&conflict, &path, &text),
        }
    }

    /// The Culture pane with `run` selected.
    fn show_run(&mut self, run: crate::model::Id) {
        self.pane = Pane::Culture;
        if let Some(ix) = self.runs().iter().position(|r| *r == run) {
            self.culture.selected = ix;
        }
    }

    /// The profile editor on the row the text was typed in. A goal, unit or person renamed
    /// meanwhile is gone from its row: the text comes back as a new one, which says so.
    fn restore_profile(&mut self, part: &ProfilePart, text: &str) {
        let org = &self.portfolio.organisation;
        // The row found at `at`, else the row that adds one, with the text said to be gone.
        let row_or_new = |at: Option<usize>, row: fn(usize) -> Row, new: Row| {
            at.map_or((new, true), |ix| (row(ix), false))
        };
        let (row, gone) = match part {
            ProfilePart::Name => (Row::Name, false),
            ProfilePart::Vision => (Row::Vision, false),
            ProfilePart::Mission => (Row::Mission, false),
            ProfilePart::Goal { id: None, .. } => (Row::AddGoal, false),
            ProfilePart::Goal { id: Some(id), .. } => {
                row_or_new(org.goals.iter().position(|g| g.id == *id), Row::Goal, Row::AddGoal)
            }
            ProfilePart::Unit { was: None } => (Row::AddUnit, false),
            ProfilePart::Unit { was: Some(name) } => {
                row_or_new(org.units.iter().position(|u| u.name == *name), Row::Unit, Row::AddUnit)
            }
            ProfilePart::Person { was: None } => (Row::AddPerson, false),
            ProfilePart::Person { was: Some(name) } => {
                row_or_new(org.people.iter().position(|p| p == name), Row::Person, Row::AddPerson)
            }
        };
        let selected = Row::all(org).iter().position(|r| *r == row).unwrap_or(0);
        if gone {
            self.set_error(self.lang.t("recovery.profile_gone").to_owned());
        }
        self.mode = Mode::Profile(ProfileEditor { selected, editing: Some(Input::new(one_line(text))) });
    }
}

/// Text typed in one line, as it may come back from a file edited by hand: no line breaks or
/// other control characters.
fn one_line(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

fn form_draft(form: &InitiativeForm) -> Draft {
    let mut fields = form.state.lines.typed();
    fields.extend(form.texts.iter().map(|(f, text)| (f.key().to_owned(), text.text())));
    Draft::Initiative {
        editing: form.state.original.as_ref().map(|i| i.id),
        focus: form.state.focus,
        draft: Box::new(form.state.draft.clone()),
        fields,
    }
}

fn action_draft(form: &ActionForm) -> Draft {
    Draft::Action {
        editing: form.state.original.as_ref().map(|a| a.id),
        focus: form.state.focus,
        draft: Box::new(form.state.draft.clone()),
        fields: form.state.lines.typed(),
    }
}

/// The text typed in the profile editor, when it differs from what the row holds.
fn profile_draft(editor: &ProfileEditor, org: &Organisation) -> Option<Draft> {
    let text = editor.editing.as_ref()?.value();
    let (part, saved) = match editor.row(org) {
        Row::Name => (ProfilePart::Name, org.name.as_str()),
        Row::Vision => (ProfilePart::Vision, org.vision.as_str()),
        Row::Mission => (ProfilePart::Mission, org.mission.as_str()),
        // Chosen with Enter, never typed.
        Row::Currency => return None,
        Row::Goal(ix) => {
            let goal = org.goals.get(ix)?;
            (ProfilePart::Goal { id: Some(goal.id), was: goal.title.clone() }, goal.title.as_str())
        }
        Row::AddGoal => (ProfilePart::Goal { id: None, was: String::new() }, ""),
        Row::Unit(ix) => {
            let unit = org.units.get(ix)?;
            (ProfilePart::Unit { was: Some(unit.name.clone()) }, unit.name.as_str())
        }
        Row::AddUnit => (ProfilePart::Unit { was: None }, ""),
        Row::Person(ix) => {
            let person = org.people.get(ix)?;
            (ProfilePart::Person { was: Some(person.clone()) }, person.as_str())
        }
        Row::AddPerson => (ProfilePart::Person { was: None }, ""),
    };
    (text.trim() != saved.trim()).then(|| Draft::Profile { part, text: text.to_owned() })
}

fn restored_form(
    original: Option<Initiative>,
    draft: Initiative,
    fields: &[(String, String)],
    focus: usize,
    app: &App,
) -> InitiativeForm {
    let mut form = InitiativeForm::new(original, draft, &app.portfolio.organisation);
    // The file could have been edited by hand: keep line breaks, drop other controls.
    let clean = |value: &str| -> String { value.chars().filter(|c| !c.is_control() || *c == '\n').collect() };
    form.state.put_back(focus, fields, clean);
    for (key, value) in fields {
        let Some(field) = Field::from_key(key).filter(|f| f.kind() == FieldKind::Text) else { continue };
        // A text kept unedited stays as the file has it (`\r\n`, a final line break).
        if let Some((_, area)) = form.texts.iter_mut().find(|(f, _)| *f == field)
            && area.text() != *value
        {
            *area = TextBox::new(clean(value).split('\n').map(str::to_owned).collect());
        }
    }
    form
}
