//! Typing into text fields: an [`Edit`] applied to a one-line input or a multi-line area,
//! and pasted text inserted at the cursor. Every text field of the app goes through here.

mod text_box;

use ratatui_textarea::{CursorMove, TextArea};
use tui_input::{Input, InputRequest};

use crate::action::{Action, Edit};
use crate::cycle;
use crate::model::Keyed;
pub use text_box::{Row, TextBox, View, row_of, wrap};

/// What arrives in a text field: an editing key, or pasted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed<'a> {
    Key(Edit),
    Paste(&'a str),
}

/// A form's one-line fields, each an [`Input`] under its field, in the form's order: what
/// the initiative form, the action form and the benefit editor type into.
#[derive(Debug, Clone)]
pub struct Inputs<F>(Vec<(F, Input)>);

impl<F: Copy + PartialEq> Inputs<F> {
    pub fn get(&self, field: F) -> Option<&Input> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, i)| i)
    }

    pub fn get_mut(&mut self, field: F) -> Option<&mut Input> {
        self.0.iter_mut().find(|(f, _)| *f == field).map(|(_, i)| i)
    }

    /// The field's text, trimmed; empty for a field that is not typed.
    pub fn value(&self, field: F) -> String {
        self.get(field).map(|i| i.value().trim().to_owned()).unwrap_or_default()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, (F, Input)> {
        self.0.iter()
    }

    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, (F, Input)> {
        self.0.iter_mut()
    }
}

impl<F: Keyed + PartialEq> Inputs<F> {
    /// Each field's key and its text as typed, in order: what a draft keeps.
    pub fn typed(&self) -> Vec<(String, String)> {
        self.0.iter().map(|(f, input)| (f.key().to_owned(), input.value().to_owned())).collect()
    }

    /// A draft's typed text put back: each field found by its key gets its text through
    /// `clean` (the file may have been edited by hand).
    pub fn put_back(&mut self, fields: &[(String, String)], clean: impl Fn(&str) -> String) {
        for (key, value) in fields {
            if let Some(input) = F::from_key(key).and_then(|f| self.get_mut(f)) {
                *input = Input::new(clean(value));
            }
        }
    }
}

impl<'a, F> IntoIterator for &'a Inputs<F> {
    type Item = &'a (F, Input);
    type IntoIter = std::slice::Iter<'a, (F, Input)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a, F> IntoIterator for &'a mut Inputs<F> {
    type Item = &'a mut (F, Input);
    type IntoIter = std::slice::IterMut<'a, (F, Input)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter_mut()
    }
}

/// From each field and the text it starts with.
impl<F> FromIterator<(F, String)> for Inputs<F> {
    fn from_iter<I: IntoIterator<Item = (F, String)>>(fields: I) -> Self {
        Inputs(fields.into_iter().map(|(f, text)| (f, Input::new(text))).collect())
    }
}

/// What every form that edits one record keeps: the record as it was, the draft being
/// edited, which field has focus, the one-line fields as typed, and whether anything was
/// typed or chosen. The initiative form, the benefit editor and the action form each hold
/// one, beside what is their own.
#[derive(Debug, Clone)]
pub struct FormState<T, F> {
    /// The record as it was (`None` for a new one).
    pub original: Option<T>,
    /// Holds the choices and everything the form does not show; text is read from `lines`
    /// when kept.
    pub draft: T,
    /// The focused field's place in `F::ALL`.
    pub focus: usize,
    pub lines: Inputs<F>,
    /// Something was typed or chosen: the form is a draft worth keeping.
    pub dirty: bool,
}

impl<T, F: Keyed + PartialEq> FormState<T, F> {
    /// A form on its first field, nothing changed yet.
    pub fn new(original: Option<T>, draft: T, lines: Inputs<F>) -> Self {
        Self { original, draft, focus: 0, lines, dirty: false }
    }

    pub fn field(&self) -> F {
        F::ALL[self.focus]
    }

    pub fn is_new(&self) -> bool {
        self.original.is_none()
    }

    pub fn line(&self, field: F) -> Option<&Input> {
        self.lines.get(field)
    }

    /// Tab (`forward`) or Shift-Tab, round the fields.
    pub fn focus_step(&mut self, forward: bool) {
        self.focus = cycle::step_index(self.focus, F::ALL.len(), forward);
    }

    pub fn focus_field(&mut self, field: F) {
        self.focus = F::ALL.iter().position(|f| *f == field).unwrap_or(0);
    }

    /// → at the end of the focused one-line field takes `offered`, the first known value what
    /// is typed may be completed to (a unit, an owner). True if it did: the key is used up.
    pub fn complete(&mut self, edit: Edit, offered: Option<&str>) -> bool {
        let field = self.field();
        let Some(offered) = offered.filter(|_| edit == Edit::NextChar) else { return false };
        let Some(input) = self.lines.get_mut(field).filter(|i| i.cursor() == i.value().chars().count())
        else {
            return false;
        };
        *input = Input::new(offered.to_owned()).with_cursor(offered.chars().count());
        self.dirty = true;
        true
    }

    /// A draft put back: its one-line fields as typed ([`Inputs::put_back`]), the focus where
    /// it was, and the form counts as changed.
    pub fn put_back(&mut self, focus: usize, fields: &[(String, String)], clean: impl Fn(&str) -> String) {
        self.lines.put_back(fields, clean);
        self.focus = focus.min(F::ALL.len() - 1);
        self.dirty = true;
    }
}

/// What a one-line prompt leaves to its owner, once [`prompt_line`] has typed into it.
#[derive(Debug, Clone, PartialEq)]
pub enum Prompted {
    /// Enter: the text typed.
    Submitted(String),
    /// Esc: the prompt closes.
    Cancelled,
    /// An action for the rest of the app (undo, help, quit …).
    PassedOn(Action),
    /// A paste whose line breaks became spaces, which the app says as for every one-line
    /// field.
    Joined,
    /// Typed into the line, or nothing the prompt answers.
    Handled,
}

/// A one-line prompt's handling of `action`: keys and pastes type into `input`, Enter gives
/// its text, Esc cancels, an app-wide action passes on and anything else is dropped.
pub fn prompt_line(input: &mut Input, action: Action) -> Prompted {
    match action {
        Action::Edit(edit) => {
            edit_line(input, edit);
            Prompted::Handled
        }
        Action::Paste(text) => {
            paste_line(input, &text);
            if joins_lines(&text) { Prompted::Joined } else { Prompted::Handled }
        }
        Action::Submit => Prompted::Submitted(input.value().to_owned()),
        Action::Cancel => Prompted::Cancelled,
        action if action.is_app_wide() => Prompted::PassedOn(action),
        _ => Prompted::Handled,
    }
}

/// Applies what was typed to a one-line field; true when its text changed.
pub fn type_line(input: &mut Input, typed: Typed<'_>) -> bool {
    match typed {
        Typed::Key(edit) => edit_line(input, edit),
        Typed::Paste(text) => paste_line(input, text),
    }
}

/// Applies `edit` to a one-line field; true when its text changed. `Newline`, `Up` and
/// `Down` mean nothing on one line.
pub fn edit_line(input: &mut Input, edit: Edit) -> bool {
    let request = match edit {
        Edit::Insert(c) if !c.is_control() => InputRequest::InsertChar(c),
        Edit::DeletePreviousChar => InputRequest::DeletePrevChar,
        Edit::DeleteNextChar => InputRequest::DeleteNextChar,
        Edit::DeletePreviousWord => InputRequest::DeletePrevWord,
        Edit::DeleteNextWord => InputRequest::DeleteNextWord,
        Edit::DeleteToStart => InputRequest::DeleteFromStart,
        Edit::DeleteToEnd => InputRequest::DeleteTillEnd,
        Edit::PreviousChar => InputRequest::GoToPrevChar,
        Edit::NextChar => InputRequest::GoToNextChar,
        Edit::PreviousWord => InputRequest::GoToPrevWord,
        Edit::NextWord => InputRequest::GoToNextWord,
        Edit::Start => InputRequest::GoToStart,
        Edit::End => InputRequest::GoToEnd,
        Edit::Insert(_) | Edit::Newline | Edit::Up | Edit::Down => return false,
    };
    input.handle(request).is_some_and(|changed| changed.value)
}

/// Applies `edit` to a multi-line field; true when its text changed.
pub fn edit_area(area: &mut TextArea<'_>, edit: Edit) -> bool {
    let moved = |area: &mut TextArea<'_>, to: CursorMove| {
        area.move_cursor(to);
        false
    };
    match edit {
        Edit::Insert(c) if !c.is_control() => {
            area.insert_char(c);
            true
        }
        Edit::Insert(_) => false,
        Edit::Newline => {
            area.insert_newline();
            true
        }
        Edit::DeletePreviousChar => area.delete_char(),
        Edit::DeleteNextChar => area.delete_next_char(),
        Edit::DeletePreviousWord => area.delete_word(),
        Edit::DeleteNextWord => area.delete_next_word(),
        Edit::DeleteToStart => area.delete_line_by_head(),
        Edit::DeleteToEnd => area.delete_line_by_end(),
        Edit::PreviousChar => moved(area, CursorMove::Back),
        Edit::NextChar => moved(area, CursorMove::Forward),
        Edit::PreviousWord => moved(area, CursorMove::WordBack),
        Edit::NextWord => moved(area, CursorMove::WordForward),
        Edit::Start => moved(area, CursorMove::Head),
        Edit::End => moved(area, CursorMove::End),
        Edit::Up => moved(area, CursorMove::Up),
        Edit::Down => moved(area, CursorMove::Down),
    }
}

/// Pasted text made fit for one line: line breaks and tabs become spaces (so words never
/// run together), runs of them one space, other control characters are dropped.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if matches!(c, '\n' | '\r' | '\t') {
            gap = true;
            continue;
        }
        if c.is_control() {
            continue;
        }
        if gap && !out.is_empty() && !out.ends_with(' ') && c != ' ' {
            out.push(' ');
        }
        gap = false;
        out.push(c);
    }
    out
}

/// Whether [`one_line`] turns a line break of `text` into a space: one between two pieces of
/// text, not one that only ends it (a copied line often does).
pub fn joins_lines(text: &str) -> bool {
    text.trim_matches(|c: char| c.is_whitespace() || c.is_control()).contains(['\n', '\r'])
}

/// Pasted text for a multi-line field: line breaks kept (`\r\n` and `\r` as `\n`), tabs as
/// spaces, other control characters dropped.
pub fn multi_line(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Inserts pasted text into a one-line field at its cursor; true when anything was added.
pub fn paste_line(input: &mut Input, text: &str) -> bool {
    let text = one_line(text);
    if text.is_empty() {
        return false;
    }
    let cursor = input.cursor();
    let mut value: String = input.value().chars().take(cursor).collect();
    value.push_str(&text);
    let after = value.chars().count();
    value.extend(input.value().chars().skip(cursor));
    *input = Input::new(value).with_cursor(after);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Input {
        let mut input = Input::default();
        for c in text.chars() {
            edit_line(&mut input, Edit::Insert(c));
        }
        input
    }

    #[test]
    fn a_paste_lands_at_the_cursor() {
        let mut input = typed("abc");
        edit_line(&mut input, Edit::PreviousChar);
        edit_line(&mut input, Edit::PreviousChar);
        assert!(paste_line(&mut input, "X"));
        assert_eq!(input.value(), "aXbc");
        assert_eq!(input.cursor(), 2, "the cursor follows the pasted text");
    }

    #[test]
    fn pasted_line_breaks_become_single_spaces() {
        for (pasted, kept) in [
            ("Gemensam bilpool\nför hemtjänsten", "Gemensam bilpool för hemtjänsten"),
            ("a\r\n\r\nb", "a b"),
            ("a \nb", "a b"),
            ("a\x1b[2Jb\u{7}", "a[2Jb"),
            ("\nleading", "leading"),
        ] {
            assert_eq!(one_line(pasted), kept);
        }
        assert_eq!(multi_line("a\r\nb\rc\td\x1b"), "a\nb\nc d");
        assert!(joins_lines("rad ett\r\nrad två"));
        assert!(!joins_lines("en rad\n"), "a line break that only ends the text is no join");
        assert!(!joins_lines("\n en rad \r\n"));
    }

    #[test]
    fn edits_change_the_line_as_a_terminal_user_expects() {
        let mut input = typed("hello world");
        assert!(edit_line(&mut input, Edit::DeletePreviousWord));
        assert_eq!(input.value(), "hello ");
        assert!(!edit_line(&mut input, Edit::Start));
        assert!(edit_line(&mut input, Edit::DeleteNextChar));
        assert_eq!(input.value(), "ello ");
        assert!(!edit_line(&mut input, Edit::Newline), "one line takes no line break");
    }

    #[test]
    fn the_area_takes_new_lines_and_moves_between_them() {
        let mut area = TextArea::default();
        for c in "ab".chars() {
            edit_area(&mut area, Edit::Insert(c));
        }
        assert!(edit_area(&mut area, Edit::Newline));
        edit_area(&mut area, Edit::Insert('c'));
        edit_area(&mut area, Edit::Up);
        edit_area(&mut area, Edit::Insert('!'));
        assert_eq!(area.lines(), ["a!b", "c"]);
    }
}
