//! Benefits realisation in the interface: the benefits view (`b` in the Overview lists every
//! benefit; `b` in an initiative's detail lists that initiative's), and the benefit dialogs
//! — the editor and the one-line measurement — over the view or over the initiative form.
//!
//! Over the view every kept dialog is committed at once (one undoable change each); over the
//! form it goes into the form's draft and is saved with the form. Either way nothing is kept
//! half-way: a dialog that does not read is refused with the field and the reason.
//!
//! The view's rows, totals and chart are computed when it opens and kept up to date after
//! every change (`benefits/view.rs`); moving the selection only changes an index.

mod editor;
mod view;

pub use crate::filter::BenefitSort;
pub use editor::{BenefitDialog, BenefitEditor, MeasureLine};
pub use view::{BenefitFilter, BenefitRow, BenefitsView, ScopeFigures};

use super::{App, Field, Mode, now};
use crate::action::{Action, BenefitAction, Edit, Place};
use crate::history::Change;
use crate::model::{Benefit, Collection, Id, Initiative};

/// The places of an open dialog, if one is open.
pub fn dialog_places(dialog: Option<&BenefitDialog>) -> Option<&'static [Place]> {
    let dialog = dialog?;
    if dialog.is_question() {
        return Some(&[Place::Confirm]);
    }
    match dialog {
        BenefitDialog::Edit(_) => Some(&[Place::BenefitForm]),
        BenefitDialog::Measure(_) => Some(&[Place::Measurement]),
        BenefitDialog::Delete(_) => Some(&[Place::Confirm]),
    }
}

/// Whether keys no binding claims are typed into the open dialog.
pub fn dialog_takes_text(dialog: Option<&BenefitDialog>) -> bool {
    matches!(dialog, Some(BenefitDialog::Edit(e)) if !e.confirm_discard)
        || matches!(dialog, Some(BenefitDialog::Measure(_)))
}

/// The initiative a dialog over the view is about: the one `benefit` belongs to, else the
/// view's (or the selected row's, for a new benefit in the list of every benefit).
pub(super) fn view_initiative(view: &BenefitsView, benefit: Option<Id>) -> Option<Id> {
    match benefit {
        Some(b) => view.rows.iter().find(|r| r.benefit == b).map(|r| r.initiative).or(view.scope),
        None => view.scope.or(view.selected_row().map(|r| r.initiative)),
    }
}

/// Where in the portfolio a benefit is kept: committed at once, or into the form's draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    View,
    Form,
}

impl App {
    /// Actions for a benefit dialog over the initiative form, for the form's benefits field,
    /// or for the benefits view. `None` when handled here; anything else goes on to
    /// [`App::update`].
    pub(super) fn benefit_intercept(&mut self, action: Action) -> Option<Action> {
        match &self.mode {
            Mode::Form(form) if form.benefit.is_some() => self.dialog_action(Target::Form, action),
            Mode::Form(form)
                if form.state.field() == Field::Benefits
                    && !form.confirm_discard
                    && matches!(action, Action::Edit(_) | Action::Submit) =>
            {
                self.form_benefits_key(&action);
                None
            }
            Mode::Benefits(view) if view.dialog.is_some() => self.dialog_action(Target::View, action),
            Mode::Benefits(_) => match action {
                Action::Benefits(action) => {
                    self.view_action(action);
                    None
                }
                other => Some(other),
            },
            _ => match action {
                Action::Benefits(BenefitAction::ShowAll) => {
                    self.open_benefits(None, None);
                    None
                }
                Action::Benefits(BenefitAction::ShowInitiative) => {
                    if let Mode::Detail { id, .. } = self.mode {
                        let detail = std::mem::replace(&mut self.mode, Mode::Normal);
                        self.open_benefits(Some(id), None);
                        self.benefits_back(detail);
                    }
                    None
                }
                other => Some(other),
            },
        }
    }

    /// Opens a benefit dialog over the view or the form: a new benefit (`None`), or the
    /// editor, measurement line or delete question for the benefit in `row`.
    pub(super) fn open_dialog(&mut self, target: Target, row: Option<(BenefitRow, BenefitAction)>) {
        if !self.writable() {
            return;
        }
        let dialog = match row {
            None => {
                let owner = match (target, &self.mode) {
                    (Target::Form, Mode::Form(form)) => {
                        form.state.line(Field::Owner).map(|i| i.value().trim().to_owned())
                    }
                    (Target::View, Mode::Benefits(view)) => {
                        let initiative = view.scope.or(view.selected_row().map(|r| r.initiative));
                        let Some(i) = initiative.and_then(|id| self.portfolio.initiative(id)) else {
                            self.set_info(self.lang.t("benefits.new_where").to_owned());
                            return;
                        };
                        Some(i.owner.clone())
                    }
                    _ => None,
                };
                let draft = Benefit { owner: owner.unwrap_or_default(), ..Benefit::default() };
                BenefitDialog::Edit(Box::new(self.benefit_editor(None, draft)))
            }
            Some((row, action)) => {
                let found = match (target, &self.mode) {
                    (Target::Form, Mode::Form(form)) => {
                        form.state.draft.benefits.iter().find(|b| b.id == row.benefit)
                    }
                    _ => self.benefit(row.initiative, row.benefit),
                };
                let Some(b) = found.cloned() else { return };
                match action {
                    BenefitAction::Measure => {
                        BenefitDialog::Measure(Box::new(MeasureLine::new(&b, self.today)))
                    }
                    BenefitAction::Delete => BenefitDialog::Delete(b.id),
                    _ => BenefitDialog::Edit(Box::new(self.benefit_editor(Some(b.clone()), b))),
                }
            }
        };
        match &mut self.mode {
            Mode::Form(form) => form.benefit = Some(dialog),
            Mode::Benefits(view) => view.dialog = Some(dialog),
            _ => {}
        }
    }

    /// A key on the form's benefits field: ← → choose a benefit (or "add"), `a`/`n`/`+` add,
    /// Enter, space or `e` edit, `m` measure, `d` or Delete remove.
    /// An editor for `original` (or a new benefit from `draft`) that completes the owner from
    /// the profile's people and knows the unit the other time benefits are added up in.
    pub(in crate::app) fn benefit_editor(&self, original: Option<Benefit>, draft: Benefit) -> BenefitEditor {
        let editing = original.as_ref().map(|b| b.id).filter(|id| *id != 0);
        let others = self
            .portfolio
            .initiatives
            .iter()
            .filter(|i| crate::benefits::counts(i))
            .flat_map(|i| &i.benefits)
            .filter(|b| Some(b.id) != editing);
        let mut editor = BenefitEditor::new(original, draft, self.lang);
        editor.known_people.clone_from(&self.portfolio.organisation.people);
        editor.time_unit = crate::benefits::time_units(others).headline;
        editor
    }

    fn form_benefits_key(&mut self, action: &Action) {
        let Mode::Form(form) = &mut self.mode else { return };
        let len = form.state.draft.benefits.len();
        let chosen = form.state.draft.benefits.get(form.option).map(|b| BenefitRow::of_ids(0, b.id));
        let wanted = match action {
            Action::Submit | Action::Edit(Edit::Insert(' ' | 'e')) => Some(BenefitAction::Edit),
            Action::Edit(Edit::Insert('a' | 'n' | '+')) => Some(BenefitAction::New),
            Action::Edit(Edit::Insert('m')) => Some(BenefitAction::Measure),
            Action::Edit(Edit::Insert('d' | 'x') | Edit::DeleteNextChar) => Some(BenefitAction::Delete),
            Action::Edit(Edit::NextChar | Edit::Insert('l')) => {
                form.option = (form.option + 1).min(len);
                None
            }
            Action::Edit(Edit::PreviousChar | Edit::Insert('h')) => {
                form.option = form.option.saturating_sub(1);
                None
            }
            _ => None,
        };
        match (wanted, chosen) {
            (Some(BenefitAction::New), _) | (Some(BenefitAction::Edit), None) => {
                self.open_dialog(Target::Form, None);
            }
            (Some(action), Some(row)) => self.open_dialog(Target::Form, Some((row, action))),
            _ => {}
        }
    }

    /// An action while a benefit dialog is open over the form or the view.
    fn dialog_action(&mut self, target: Target, action: Action) -> Option<Action> {
        let dialog = match &mut self.mode {
            Mode::Form(form) => form.benefit.as_mut(),
            Mode::Benefits(view) => view.dialog.as_mut(),
            _ => None,
        }?;
        match action {
            Action::Edit(edit) => dialog.edit(edit),
            Action::Paste(text) => {
                let one_line = dialog_takes_text(Some(dialog));
                dialog.paste(&text);
                if one_line {
                    self.tell_joined(super::editing::Typed::Paste(&text));
                }
            }
            Action::Benefits(BenefitAction::NextField) => dialog.focus_step(true),
            Action::Benefits(BenefitAction::PreviousField) => dialog.focus_step(false),
            Action::Benefits(BenefitAction::Save) | Action::Submit | Action::SaveForm => {
                self.keep_dialog(target);
            }
            Action::ConfirmYes => self.answer_yes(target),
            // An editor with changes asks first: `may_close` turns the question on or off.
            // What the dialog refused goes with it (`app/status.rs`).
            Action::Cancel | Action::Benefits(BenefitAction::Back) if dialog.may_close() => {
                self.close_dialog();
            }
            action if action.is_app_wide() => return Some(action),
            _ => {}
        }
        None
    }

    fn close_dialog(&mut self) {
        match &mut self.mode {
            Mode::Form(form) => form.benefit = None,
            Mode::Benefits(view) => view.dialog = None,
            _ => {}
        }
    }

    fn take_dialog(&mut self) -> Option<BenefitDialog> {
        match &mut self.mode {
            Mode::Form(form) => form.benefit.take(),
            Mode::Benefits(view) => view.dialog.take(),
            _ => None,
        }
    }

    pub(super) fn put_dialog(&mut self, dialog: BenefitDialog) {
        match &mut self.mode {
            Mode::Form(form) => form.benefit = Some(dialog),
            Mode::Benefits(view) => view.dialog = Some(dialog),
            _ => {}
        }
    }

    /// The initiative the dialog changes: the form's draft, or the one in the portfolio.
    fn dialog_initiative(&self, target: Target, benefit: Option<Id>) -> Option<Initiative> {
        match (target, &self.mode) {
            (Target::Form, Mode::Form(form)) => Some(form.state.draft.clone()),
            (Target::View, Mode::Benefits(view)) => {
                view_initiative(view, benefit).and_then(|id| self.portfolio.initiative(id)).cloned()
            }
            _ => None,
        }
    }

    /// Enter or Ctrl-s in a dialog: the benefit or measurement is checked and kept, or the
    /// dialog stays open saying what is wrong.
    fn keep_dialog(&mut self, target: Target) {
        let Some(mut dialog) = self.take_dialog() else { return };
        let (today, lang) = (self.today, self.lang);
        let kept = match &mut dialog {
            BenefitDialog::Edit(editor) => match editor.build(today, lang) {
                Ok(mut b) => {
                    let original = editor.state.original.as_ref().map(|o| o.id);
                    match self.dialog_initiative(target, original) {
                        Some(mut i) => {
                            if original.is_none() {
                                b.id = self.portfolio.allocate_id(Collection::Benefit);
                            }
                            match i.benefits.iter_mut().find(|x| Some(x.id) == original) {
                                Some(slot) => *slot = b.clone(),
                                None => i.benefits.push(b.clone()),
                            }
                            let key = if original.is_some() { "benefits.updated" } else { "benefits.added" };
                            Ok((i, b.id, key))
                        }
                        None => Err(None),
                    }
                }
                Err(refusal) => {
                    editor.state.focus_field(refusal.field);
                    editor.error = Some(refusal);
                    Err(Some((lang.t(refusal.field.key()), refusal.key)))
                }
            },
            BenefitDialog::Measure(line) => {
                let id = line.benefit;
                match self.dialog_initiative(target, Some(id)) {
                    Some(mut i) => match i.benefits.iter().position(|b| b.id == id) {
                        Some(ix) => match line.build(&i.benefits[ix], today, lang) {
                            Ok(mut m) => {
                                m.id = self.portfolio.allocate_id(Collection::Measurement);
                                i.benefits[ix].measurements.push(m);
                                Ok((i, id, "benefits.measured"))
                            }
                            Err(refusal) => {
                                line.focus = refusal.field as usize;
                                line.error = Some(refusal);
                                Err(Some((lang.t(refusal.field.key()), refusal.key)))
                            }
                        },
                        None => Err(None),
                    },
                    None => Err(None),
                }
            }
            BenefitDialog::Delete(_) => Err(None),
        };
        match kept {
            Ok((initiative, benefit, key)) => self.store_benefit_change(target, initiative, benefit, key),
            Err(Some((field, why))) => {
                let why = lang.t(why);
                self.set_error(lang.tf("status.form_invalid", &[("field", &field), ("why", &why)]));
                self.put_dialog(dialog);
            }
            Err(None) => self.put_dialog(dialog),
        }
    }

    /// `y` over a dialog: remove the benefit, or drop the editor's changes.
    fn answer_yes(&mut self, target: Target) {
        match self.take_dialog() {
            Some(BenefitDialog::Delete(id)) => {
                if let Some(mut i) = self.dialog_initiative(target, Some(id)) {
                    i.benefits.retain(|b| b.id != id);
                    self.store_benefit_change(target, i, id, "benefits.removed");
                }
            }
            Some(BenefitDialog::Edit(editor)) if editor.confirm_discard => {
                self.set_info(self.lang.t("status.discarded").to_owned());
            }
            Some(other) => self.put_dialog(other),
            None => {}
        }
    }

    /// Puts the changed initiative into the form's draft, or commits it.
    fn store_benefit_change(&mut self, target: Target, mut initiative: Initiative, benefit: Id, key: &str) {
        let text = self.lang.tf(key, &[("benefit", &benefit), ("id", &initiative.id)]);
        match (target, &mut self.mode) {
            (Target::Form, Mode::Form(form)) => {
                form.option = initiative.benefits.iter().position(|b| b.id == benefit).unwrap_or(form.option);
                form.state.draft.benefits = initiative.benefits;
                form.state.dirty = true;
                self.set_info(self.lang.t("benefits.kept_form").to_owned());
            }
            (Target::View, _) => {
                let Some(before) = self.portfolio.initiative(initiative.id).cloned() else { return };
                initiative.updated = Some(now());
                if self.commit(Change::initiative(Some(before), Some(initiative))) {
                    if let Mode::Benefits(view) = &mut self.mode
                        && let Some(ix) = view.rows.iter().position(|r| r.benefit == benefit)
                    {
                        view.selected = ix;
                    }
                    self.scroll_benefits();
                    self.set_info(text);
                }
            }
            _ => {}
        }
    }
}
