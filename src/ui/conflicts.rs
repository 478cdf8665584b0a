//! The conflict dialog: where the conflict is, the value before the copies parted, ours and
//! theirs (with when each was changed, where the record says), and the keys that settle it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::dialog::centred;
use super::theme::Theme;
use crate::app::{App, ConflictDialog};
use crate::model::Side;
use crate::text::one_line;

pub fn render(app: &App, frame: &mut Frame, area: Rect, dialog: &ConflictDialog, theme: &Theme) {
    let Some((ix, conflict)) = app.conflict_on_screen() else { return };
    let lang = app.lang;
    let count = app.portfolio.conflicts.len();
    let title = lang.tf("conflict.title", &[("n", &(ix + 1)), ("count", &count)]);
    let block = Block::bordered()
        .title(Span::styled(format!(" {title} "), theme.warning()))
        .border_style(theme.border_focused());
    let side = |key: &str, label: &'static str, side: &Side| -> Line {
        let mut spans = vec![
            Span::styled(format!("{key} "), theme.key()),
            Span::styled(format!("{label}: "), theme.heading()),
            Span::raw(crate::merge::shown_value(conflict, side, lang)),
        ];
        if let Some(updated) = side.updated {
            let when = updated.strftime("%Y-%m-%d").to_string();
            spans.push(Span::styled(
                format!("  ({})", lang.tf("conflict.changed", &[("date", &when)])),
                theme.dim(),
            ));
        }
        Line::from(spans)
    };
    let mut lines = vec![
        Line::raw(lang.t("conflict.intro").to_owned()),
        Line::styled(crate::merge::place(conflict, &app.portfolio, lang), theme.heading()),
        Line::raw(""),
        Line::styled(
            format!(
                "{}: {}",
                lang.t("conflict.base"),
                crate::merge::shown_value(conflict, &conflict.base, lang)
            ),
            theme.dim(),
        ),
        side("o", lang.t("conflict.ours"), &conflict.ours),
        side("t", lang.t("conflict.theirs"), &conflict.theirs),
    ];
    // A whole record: what each copy changed in it since they parted, to choose by.
    for (label, changed) in [
        (lang.t("conflict.ours"), crate::merge::changed_fields(conflict, &conflict.ours, lang)),
        (lang.t("conflict.theirs"), crate::merge::changed_fields(conflict, &conflict.theirs, lang)),
    ] {
        if let Some(changed) = changed {
            let text = lang.tf("conflict.changed_fields", &[("side", &label), ("fields", &changed)]);
            lines.push(Line::styled(text, theme.dim()));
        }
    }
    lines.push(Line::raw(""));
    // As tall as the text wrapped in the box, so long values are read whole.
    let width: u16 = 76.min(area.width);
    let inner_width = usize::from(width.saturating_sub(2)).max(1);
    let rows = |lines: &[Line]| -> u16 {
        lines.iter().map(|l| l.width().max(1).div_ceil(inner_width)).sum::<usize>() as u16
    };
    let keys = if let Some(input) = &dialog.editing {
        let label = format!("{}: ", lang.t("conflict.new_value"));
        let label_width = label.chars().count();
        let room = inner_width.saturating_sub(label_width + 1);
        let scroll = input.visual_scroll(room);
        let typed: String = input.value().chars().skip(scroll).collect();
        let cursor_row = rows(&lines);
        let cursor_column = (label_width + input.visual_cursor().saturating_sub(scroll)) as u16;
        lines.push(Line::from(vec![
            Span::styled(label, theme.key()),
            Span::raw(one_line(&typed).into_owned()),
        ]));
        Some((lang.t("conflict.edit_keys"), cursor_row, cursor_column))
    } else {
        None
    };
    let (keys, cursor) = match keys {
        Some((keys, row, column)) => (keys, Some((row, column))),
        None if crate::merge::is_record(conflict) => (lang.t("conflict.keys_record"), None),
        None => (lang.t("conflict.keys"), None),
    };
    lines.push(Line::styled(keys.to_owned(), theme.key()));
    let rect = centred(area, width, rows(&lines).saturating_add(2));
    if let Some((row, column)) = cursor {
        let inner = block.inner(rect);
        if inner.y + row < inner.bottom() {
            frame.set_cursor_position((
                (inner.x + column).min(inner.right().saturating_sub(1)),
                inner.y + row,
            ));
        }
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), rect);
}
