//! The idea form over the intake list: the label column and one row per field, as in the
//! initiative form; the need opens to several rows while it has the focus.
//!
//! ```text
//! ┌ Idea #26 Car sharing for home care ──────────────────────────────────────────┐
//! │  Title *              Car sharing for home care                              │
//! │▸ Proposer             Kari Nordmann                                          │
//! │  Proposer's unit      Home care                                              │
//! │  …                                                                           │
//! └ Enter or Ctrl-s saves · Tab next field · Esc cancels ────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use super::dialog::framed;
use super::editor::{choice_value, field_label, line_value, text_value};
use super::theme::Theme;
use crate::app::{App, FieldKind, FormField, IdeaField, IdeaForm};
use crate::layout::FORM_TEXT_ROWS as TEXT_ROWS;
use crate::text::one_line;

pub fn render(app: &App, frame: &mut Frame, area: Rect, form: &IdeaForm, theme: &Theme) {
    let lang = app.lang;
    let original = form.state.original.as_ref().map_or("", |i| i.title.as_str());
    let title = lang.tf("idea.form_title", &[("id", &form.id()), ("title", &one_line(original))]);
    let title = theme.truncate(&title, usize::from(area.width.saturating_sub(6)));
    let hint = form.field().kind().hint();
    // As tall as its fields, the open need and the note under them, at the foot of the intake
    // list, so that the list's top rows and the idea selected in them stay in sight.
    let rows = IdeaField::ALL.len() as u16 + TEXT_ROWS - 1 + NOTE_ROWS + 1;
    let height = (rows + 2).min(area.height);
    let rect = Rect { y: area.bottom() - height, height, ..area };
    let inner = framed(frame, rect, &title, lang.t(hint), theme);
    let mut y = inner.y;
    for field in IdeaField::ALL {
        let focused = form.field() == field;
        let height = if focused && field.kind() == FieldKind::Text { TEXT_ROWS } else { 1 };
        if y + height > inner.bottom() {
            break;
        }
        let row = Rect { y, height, ..inner };
        render_field(app, frame, row, form, field, theme);
        y += height;
    }
    // Whose name is kept, and where it does not go.
    let note_at = inner.bottom().saturating_sub(NOTE_ROWS);
    if note_at > y {
        let note = Paragraph::new(lang.t("idea.form_private")).style(theme.dim()).wrap(Wrap { trim: true });
        frame.render_widget(note, Rect { y: note_at, height: NOTE_ROWS, ..inner });
    }
}

/// The rows the note on the proposer's personal data wraps to.
const NOTE_ROWS: u16 = 2;

fn render_field(app: &App, frame: &mut Frame, row: Rect, form: &IdeaForm, field: IdeaField, theme: &Theme) {
    let focused = form.field() == field;
    let has_error = form.error.as_ref().is_some_and(|e| e.field == field);
    let value =
        field_label(app, frame, row, field.key(), field == IdeaField::Title, (focused, has_error), theme);
    match field.kind() {
        FieldKind::Line => {
            let Some(input) = form.state.line(field) else { return };
            let suggestions = if focused { form.suggestions(field) } else { Vec::new() };
            line_value(
                app,
                frame,
                value,
                input,
                (focused, field == IdeaField::Received),
                &suggestions,
                theme,
            );
        }
        FieldKind::Text => text_value(app, frame, row, value, &form.need, focused, theme),
        FieldKind::Choice => {
            let current = form.channel().map_or_else(
                || app.lang.t("channel.none").to_owned(),
                |c| app.lang.t(&format!("channel.{}", c.key())).to_owned(),
            );
            choice_value(frame, value, current, focused, theme);
        }
        // The idea form has no field of these kinds.
        FieldKind::Multi | FieldKind::List => {}
    }
}
