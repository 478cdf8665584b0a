//! One-line drafts of the Culture pane's score line, the intake list's prompts and the
//! conflict dialog's typed value, the intake list's idea form, and back.

use tui_input::Input;

use super::one_line;
use crate::app::culture::{Entry, Rating};
use crate::app::editing::TextBox;
use crate::app::{App, ConflictDialog, IdeaField, IdeaForm, IntakeList, IntakePrompt, Mode};
use crate::model::{Id, Initiative};
use crate::recovery::{Draft, IdeaPrompt, ScoreLine};
use crate::scoring;

impl App {
    /// A line of scores that differs from what is stored for its slot.
    pub(super) fn scores_draft(&self, entry: &Entry) -> Option<Draft> {
        let text = entry.input.value();
        if text.trim().is_empty() || text == entry.opened_with {
            return None;
        }
        let run = self.portfolio.assessment(entry.rating.id)?;
        let (template, _) = self.run_template(run)?;
        let slot = entry.slot(template)?;
        Some(Draft::Scores {
            run: entry.rating.id,
            line: entry.kind,
            item: slot.item.id.clone(),
            number: entry.rating.row + 1,
            perspective: slot.perspective.map(str::to_owned),
            text: text.to_owned(),
            respondent: entry.respondent_id(run),
        })
    }

    /// The score line back on its slot (a participant's line: on the item its cursor reached,
    /// for the participant `respondent` names).
    pub(super) fn restore_scores(
        &mut self,
        run: Id,
        line: ScoreLine,
        (item, perspective): (&str, Option<&str>),
        text: &str,
        respondent: Option<Id>,
    ) {
        let rating = self.portfolio.assessment(run).and_then(|a| self.run_template(a)).and_then(|(t, _)| {
            if line == ScoreLine::Respondent {
                return Some(Rating { id: run, row: 0, column: 0 });
            }
            let row = scoring::items_in_order(t).iter().position(|i| i.id == item)?;
            let column = match perspective {
                Some(p) => t.perspectives.iter().position(|x| x.id == p)?,
                None => 0,
            };
            Some(Rating { id: run, row, column })
        });
        if let Some(rating) = rating {
            self.show_run(run);
            self.reopen_entry(rating, line, &one_line(text), respondent);
        } else {
            let text = crate::text::one_line(text).into_owned();
            self.set_error(self.lang.tf("recovery.scores_gone", &[("run", &run), ("text", &text)]));
        }
    }

    /// A line typed in the intake list: a new idea's title or a reason. The number of an
    /// initiative to merge into is typed again quicker than read back, so it is none.
    pub(super) fn idea_draft(&self, list: &IntakeList) -> Option<Draft> {
        let (prompt, input) = list.prompt.as_ref()?;
        let text = input.value();
        if text.trim().is_empty() {
            return None;
        }
        let (prompt, idea) = match prompt {
            IntakePrompt::Title => (IdeaPrompt::Title, None),
            IntakePrompt::Decline => (IdeaPrompt::Decline, self.selected_in(list)),
            IntakePrompt::Park => (IdeaPrompt::Park, self.selected_in(list)),
            IntakePrompt::Merge => return None,
        };
        Some(Draft::Idea { prompt, idea, text: text.to_owned() })
    }

    /// The intake list with the line open again, on the same idea; an idea no longer waiting
    /// has its reason said in the status line.
    pub(super) fn restore_idea(&mut self, prompt: IdeaPrompt, idea: Option<Id>, text: &str) {
        let selected = match idea {
            Some(id) => {
                let Some(ix) = self.intake_ids().iter().position(|x| *x == id) else {
                    let text = crate::text::one_line(text).into_owned();
                    self.set_error(self.lang.tf("recovery.idea_gone", &[("id", &id), ("text", &text)]));
                    return;
                };
                ix
            }
            None => 0,
        };
        let prompt = match prompt {
            IdeaPrompt::Title => IntakePrompt::Title,
            IdeaPrompt::Decline => IntakePrompt::Decline,
            IdeaPrompt::Park => IntakePrompt::Park,
        };
        let prompt = Some((prompt, Input::new(one_line(text))));
        self.mode = Mode::Intake(IntakeList { selected, prompt, form: None });
    }

    /// The idea form open again over the intake list, on the same idea, as it was typed; an
    /// idea gone meanwhile has what was typed said in the status line.
    pub(super) fn restore_idea_form(
        &mut self,
        id: Id,
        focus: usize,
        draft: Initiative,
        fields: &[(String, String)],
    ) {
        let row = self.intake_ids().iter().position(|x| *x == id);
        let (Some(selected), Some(original)) = (row, self.portfolio.initiative(id).cloned()) else {
            let text = crate::recovery::typed_line(fields.iter().map(|(_, v)| v.as_str()));
            self.set_error(self.lang.tf("recovery.idea_gone", &[("id", &id), ("text", &text)]));
            return;
        };
        let mut form = IdeaForm::new(original, draft, IdeaField::Title, &self.portfolio.organisation);
        form.state.put_back(focus, fields, one_line);
        // A need kept unedited stays as the file has it (`\r\n`, a final line break).
        if let Some((_, need)) = fields.iter().find(|(k, _)| k == IdeaField::Need.key())
            && form.need.text() != *need
        {
            let clean: String = need.chars().filter(|c| !c.is_control() || *c == '\n').collect();
            form.need = TextBox::new(clean.split('\n').map(str::to_owned).collect());
        }
        self.mode = Mode::Intake(IntakeList { selected, prompt: None, form: Some(Box::new(form)) });
    }

    /// A value typed for the conflict on screen, when it differs from the one it started as.
    pub(super) fn conflict_draft(&self, dialog: &ConflictDialog) -> Option<Draft> {
        let text = dialog.editing.as_ref()?.value();
        let conflicts = &self.portfolio.conflicts;
        let conflict = conflicts.get(dialog.index.min(conflicts.len().checked_sub(1)?))?;
        let start = crate::app::conflicts::typed_text(conflict.ours.get().or(conflict.theirs.get()));
        (!text.trim().is_empty() && text != start).then(|| Draft::Conflict {
            conflict: conflict.id.clone(),
            path: conflict.path.clone(),
            text: text.to_owned(),
        })
    }

    /// The conflict dialog on the same conflict, with the value as typed; a conflict settled
    /// meanwhile has the value said in the status line.
    pub(super) fn restore_conflict(&mut self, conflict: &str, path: &str, text: &str) {
        if let Some(index) = self.portfolio.conflicts.iter().position(|c| c.id == conflict) {
            let editing = Some(Input::new(one_line(text)));
            self.mode = Mode::Conflicts(ConflictDialog { index, editing });
        } else {
            let (path, text) = (crate::text::one_line(path), crate::text::one_line(text));
            self.set_error(self.lang.tf("recovery.conflict_gone", &[("path", &path), ("text", &text)]));
        }
    }
}

/// The idea form as typed: its one-line fields and the need, by catalog key.
pub(super) fn idea_form_draft(form: &IdeaForm) -> Draft {
    let mut fields = form.state.lines.typed();
    fields.push((IdeaField::Need.key().to_owned(), form.need.text()));
    Draft::IdeaForm {
        idea: form.id(),
        focus: form.state.focus,
        draft: Box::new(form.state.draft.clone()),
        fields,
    }
}
