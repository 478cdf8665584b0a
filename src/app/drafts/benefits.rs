//! The benefit dialogs as drafts, and back: the editor and the measurement line, over the
//! benefits view of an initiative or over the initiative form (whose own draft travels with
//! them and comes back first).

use super::one_line;
use crate::app::benefits::{BenefitDialog, MeasureLine};
use crate::app::{App, Mode};
use crate::model::{Benefit, Id};
use crate::recovery::{self, BenefitOver, Draft};

/// What a benefit dialog holds, as a draft, when something was typed in it; `over` is asked
/// only then (it may copy a whole form).
pub(super) fn dialog_draft(dialog: &BenefitDialog, over: impl FnOnce() -> BenefitOver) -> Option<Draft> {
    match dialog {
        BenefitDialog::Edit(editor) if editor.state.dirty => Some(Draft::Benefit {
            over: over(),
            editing: editor.state.original.as_ref().map(|b| b.id),
            focus: editor.state.focus,
            draft: Box::new(editor.state.draft.clone()),
            fields: editor.state.lines.typed(),
        }),
        BenefitDialog::Measure(line) if line.is_dirty() => Some(Draft::Measurement {
            over: over(),
            benefit: line.benefit,
            title: line.title.clone(),
            focus: line.focus,
            fields: line.lines.typed(),
        }),
        _ => None,
    }
}

impl App {
    /// The benefit editor back where it was, every field as typed. A benefit deleted meanwhile
    /// comes back as a new one; with its initiative gone, its text is said in the status line.
    pub(super) fn restore_benefit(
        &mut self,
        over: BenefitOver,
        editing: Option<Id>,
        focus: usize,
        saved: Benefit,
        fields: &[(String, String)],
    ) {
        let typed = || recovery::typed_line(fields.iter().map(|(_, text)| text.as_str()));
        if !self.reopen_under(over, editing, typed) {
            return;
        }
        let current = self.under_dialog(editing);
        if editing.is_some() && current.is_none() {
            self.set_error(self.lang.t("recovery.benefit_edited_gone").to_owned());
        }
        // Measurements taken meanwhile stay; the choices are the ones made in the editor.
        let draft = match &current {
            Some(now) => Benefit { kind: saved.kind, relieves: saved.relieves, ..now.clone() },
            None => saved,
        };
        let mut editor = self.benefit_editor(current, draft);
        editor.state.put_back(focus, fields, one_line);
        self.put_dialog(BenefitDialog::Edit(Box::new(editor)));
    }

    /// The measurement line back on its benefit; with the benefit gone, its text is said.
    pub(super) fn restore_measurement(
        &mut self,
        over: BenefitOver,
        benefit: Id,
        focus: usize,
        fields: &[(String, String)],
    ) {
        let gone = |app: &mut App| {
            let text = recovery::measured(fields);
            app.set_error(app.lang.tf("recovery.measure_gone", &[("benefit", &benefit), ("text", &text)]));
        };
        // Over the view, a benefit deleted meanwhile leaves nothing to open.
        let in_view = over.form.is_none();
        if in_view && over.initiative.and_then(|i| self.benefit(i, benefit)).is_none() {
            return gone(self);
        }
        if !self.reopen_under(over, Some(benefit), String::new) {
            return;
        }
        let Some(found) = self.under_dialog(Some(benefit)) else { return gone(self) };
        let mut line = MeasureLine::new(&found, self.today);
        line.put_back(focus, fields, one_line);
        self.put_dialog(BenefitDialog::Measure(Box::new(line)));
    }

    /// Opens what the dialog was over: the form (from its own draft), or the benefits view of
    /// the initiative with `benefit` selected. False, with `typed` said, if the initiative is
    /// gone.
    fn reopen_under(
        &mut self,
        over: BenefitOver,
        benefit: Option<Id>,
        typed: impl FnOnce() -> String,
    ) -> bool {
        if let Some(form) = over.form {
            self.restore_draft(*form);
            return matches!(self.mode, Mode::Form(_));
        }
        if let Some(id) = over.initiative.filter(|id| self.portfolio.initiative(*id).is_some()) {
            self.open_benefits(Some(id), benefit);
            return true;
        }
        let id = over.initiative.map(|id| id.to_string()).unwrap_or_default();
        let text = typed();
        self.set_error(self.lang.tf("recovery.benefit_gone", &[("id", &id), ("text", &text)]));
        false
    }

    /// Benefit `id` as the reopened form or view holds it now.
    fn under_dialog(&self, id: Option<Id>) -> Option<Benefit> {
        let id = id?;
        match &self.mode {
            Mode::Form(form) => form.state.draft.benefits.iter().find(|b| b.id == id).cloned(),
            Mode::Benefits(view) => {
                let initiative = crate::app::benefits::view_initiative(view, Some(id))?;
                self.benefit(initiative, id).cloned()
            }
            _ => None,
        }
    }
}
