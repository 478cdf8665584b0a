//! The idea form (`e` in the intake list, and at once after a new idea's title): its title,
//! who proposed it (name, unit, contact), how it came in and when, and the need it answers.
//! Built on the same [`FormState`] as the initiative form; saved as one undoable change.

use jiff::civil::Date;
use tui_input::Input;

use crate::action::Edit;
use crate::app::editing::{self, FormState, TextBox, Typed};
use crate::app::fields::{FieldKind, FormField, IdeaField};
use crate::app::form::{
    FieldError, MAX_LINE_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS, date_text, keep_title, suggest,
};
use crate::cycle;
use crate::dates;
use crate::model::{Channel, Idea, Initiative, Organisation};

/// The idea form over the intake list. The state's draft is the initiative with its idea and
/// holds the channel; the other fields are read when it is saved.
#[derive(Debug, Clone)]
pub struct IdeaForm {
    /// `original` is the initiative as it was when the form opened (an idea is always saved
    /// before it is edited here).
    pub state: FormState<Initiative, IdeaField>,
    pub need: TextBox,
    /// The organisation's units (not retired), offered while the proposer's unit is typed.
    pub known_units: Vec<String>,
    pub error: Option<FieldError<IdeaField>>,
    /// Esc was pressed with unsaved changes; waiting for y.
    pub confirm_discard: bool,
}

impl IdeaForm {
    /// A form on `initiative`'s idea as `draft` has it, focus on `focus`.
    pub fn new(
        original: Initiative,
        draft: Initiative,
        focus: IdeaField,
        organisation: &Organisation,
    ) -> Self {
        let idea = draft.idea.as_deref().cloned().unwrap_or_default();
        let lines = [
            (IdeaField::Title, draft.title.clone()),
            (IdeaField::Name, idea.proposer.name.clone()),
            (IdeaField::Unit, idea.proposer.unit.clone()),
            (IdeaField::Contact, idea.proposer.contact.clone()),
            (IdeaField::Received, date_text(idea.received)),
        ]
        .into_iter()
        .collect();
        let need = TextBox::from_text(&draft.need);
        let mut state = FormState::new(Some(original), draft, lines);
        state.focus_field(focus);
        Self {
            state,
            need,
            known_units: organisation.unit_names().collect(),
            error: None,
            confirm_discard: false,
        }
    }

    /// The initiative's id.
    pub fn id(&self) -> crate::model::Id {
        self.state.draft.id
    }

    pub fn field(&self) -> IdeaField {
        self.state.field()
    }

    /// The channel chosen, if any.
    pub fn channel(&self) -> Option<Channel> {
        self.state.draft.idea.as_ref().and_then(|i| i.channel)
    }

    /// Units that start with (or contain) what is typed as the proposer's unit; → at the end
    /// of the text takes the first.
    pub fn suggestions(&self, field: IdeaField) -> Vec<&str> {
        if field != IdeaField::Unit {
            return Vec::new();
        }
        suggest(&self.known_units, self.state.line(field).map_or("", Input::value))
    }

    /// An editing key (Tab, Enter, Ctrl-s and Esc are handled before): → at the end of the
    /// unit takes the unit offered; ← → (and space) step the channel.
    pub fn edit(&mut self, edit: Edit) {
        self.error = None;
        let field = self.field();
        let offered = self.suggestions(field).first().map(|s| (*s).to_owned());
        if self.state.complete(edit, offered.as_deref()) {
            return;
        }
        if field.kind() != FieldKind::Choice {
            self.type_text(Typed::Key(edit));
            return;
        }
        let forward = match edit {
            Edit::NextChar | Edit::Insert(' ') => true,
            Edit::PreviousChar => false,
            _ => return,
        };
        let idea = self.state.draft.idea.get_or_insert_with(Box::default);
        idea.channel = cycle::step_or_none(&Channel::ALL, idea.channel.as_ref(), forward);
        self.state.dirty = true;
    }

    /// Pasted text at the cursor (one line but in the need).
    pub fn paste(&mut self, text: &str) {
        self.error = None;
        self.type_text(Typed::Paste(text));
    }

    fn type_text(&mut self, typed: Typed<'_>) {
        let field = self.field();
        let changed = match field.kind() {
            FieldKind::Line => {
                self.state.lines.get_mut(field).is_some_and(|input| editing::type_line(input, typed))
            }
            FieldKind::Text => self.need.type_text(typed),
            FieldKind::Choice | FieldKind::Multi | FieldKind::List => false,
        };
        self.state.dirty |= changed;
    }

    /// Tab (`forward`) or Shift-Tab.
    pub fn focus_step(&mut self, forward: bool) {
        self.state.focus_step(forward);
    }

    /// ↑ or ↓ with the value column `width` wide: through the need's rows, else to the field
    /// before or after.
    pub fn move_vertically(&mut self, down: bool, width: usize) {
        if self.field() == IdeaField::Need && self.need.move_vertically(down, width) {
            return;
        }
        self.focus_step(down);
        if self.field() == IdeaField::Need {
            self.need.to_edge(!down);
        }
    }

    /// Whether the title is longer than [`MAX_TITLE_CHARS`], so that saving moves its end to
    /// the need.
    pub fn title_overflows(&self) -> bool {
        self.state.lines.value(IdeaField::Title).chars().count() > MAX_TITLE_CHARS
    }

    /// Reads every field into the initiative, or says which field is wrong and why. A title
    /// over [`MAX_TITLE_CHARS`] is not refused: its end becomes the start of the need, as in
    /// the initiative form.
    pub fn build(&self, today: Date) -> Result<Initiative, FieldError<IdeaField>> {
        let err = |field, key| FieldError { field, key };
        let value = |field| self.state.lines.value(field);
        let mut i = self.state.draft.clone();
        (i.title, i.need) = keep_title(&value(IdeaField::Title), self.need.text());
        if i.title.is_empty() {
            return Err(err(IdeaField::Title, "form.error_title_required"));
        }
        for (field, input) in self.state.lines.iter().filter(|(f, _)| *f != IdeaField::Title) {
            if input.value().chars().count() > MAX_LINE_CHARS {
                return Err(err(*field, "form.error_too_long"));
            }
        }
        if i.need.chars().count() > MAX_TEXT_CHARS {
            return Err(err(IdeaField::Need, "form.error_too_long"));
        }
        let received = dates::parse(&value(IdeaField::Received), today)
            .map_err(|e| err(IdeaField::Received, e.key()))?;
        let idea: &mut Idea = i.idea.get_or_insert_with(Box::default);
        idea.proposer.name = value(IdeaField::Name);
        idea.proposer.unit = value(IdeaField::Unit);
        idea.proposer.contact = value(IdeaField::Contact);
        idea.received = received;
        Ok(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unit;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 30);

    fn form() -> IdeaForm {
        let i = Initiative {
            id: 26,
            title: "Delebiler".into(),
            idea: Some(Box::new(Idea { channel: Some(Channel::Meeting), ..Idea::default() })),
            ..Initiative::default()
        };
        let mut org = Organisation::default();
        org.units.push(Unit { name: "Hjemmetjenesten".into(), ..Unit::default() });
        IdeaForm::new(i.clone(), i, IdeaField::Name, &org)
    }

    fn type_text(form: &mut IdeaForm, text: &str) {
        for c in text.chars() {
            form.edit(Edit::Insert(c));
        }
    }

    #[test]
    fn the_proposer_unit_channel_date_and_need_are_read() {
        let mut form = form();
        type_text(&mut form, "Kari Nordmann");
        form.focus_step(true);
        type_text(&mut form, "hjem");
        form.edit(Edit::NextChar);
        form.focus_step(true);
        type_text(&mut form, "kari@example.no");
        form.focus_step(true);
        form.edit(Edit::NextChar);
        assert_eq!(form.channel(), Some(Channel::Email), "→ steps from meeting to e-mail");
        form.focus_step(true);
        type_text(&mut form, "2026-11-02");
        form.focus_step(true);
        type_text(&mut form, "Bilene står");
        form.edit(Edit::Newline);
        type_text(&mut form, "om natten");
        let i = form.build(TODAY).expect("valid");
        let idea = i.idea.as_deref().expect("an idea");
        assert_eq!(
            (idea.proposer.name.as_str(), idea.proposer.unit.as_str(), idea.proposer.contact.as_str()),
            ("Kari Nordmann", "Hjemmetjenesten", "kari@example.no")
        );
        assert_eq!((idea.channel, idea.received), (Some(Channel::Email), Some(date(2026, 11, 2))));
        assert_eq!(i.need, "Bilene står\nom natten");
        assert!(form.state.dirty);
    }

    #[test]
    fn an_empty_title_or_a_bad_date_names_the_field_and_the_channel_can_be_none() {
        let mut form = form();
        form.state.focus_field(IdeaField::Received);
        type_text(&mut form, "neste uke");
        assert_eq!(form.build(TODAY).map_err(|e| e.field), Err(IdeaField::Received));
        form.state.focus_field(IdeaField::Title);
        form.edit(Edit::DeleteToStart);
        form.edit(Edit::DeleteToEnd);
        assert_eq!(form.build(TODAY).map_err(|e| e.field), Err(IdeaField::Title));
        form.state.focus_field(IdeaField::Channel);
        form.edit(Edit::PreviousChar);
        form.edit(Edit::PreviousChar);
        assert_eq!(form.channel(), None, "before the first channel: none");
    }
}
