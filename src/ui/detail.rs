//! An initiative's detail: the rows the app lays out for the width (every field, the text
//! fields, then the log newest first), scrolled as the app says.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::theme::Theme;
use crate::app::{App, Tone, detail_view};
use crate::layout::{Screen, window};
use crate::model::Id;
use crate::text::one_line;

pub fn render(app: &App, frame: &mut Frame, screen: &Screen, id: Id, scroll: u16, theme: &Theme) {
    let area: Rect = screen.body;
    frame.render_widget(Clear, area);
    let Some(i) = app.portfolio.initiative(id) else {
        let block = theme.bordered().border_style(theme.border());
        frame.render_widget(Paragraph::new(app.lang.t("detail.gone")).block(block), area);
        return;
    };
    let view = detail_view(screen);
    let rows = app.detail_rows(id, view.width);
    let visible = usize::from(view.height);
    let offset = usize::from(scroll).min(rows.len().saturating_sub(visible));
    let title = format!(" #{} {} ", i.id, one_line(&i.title));
    let mut block = theme
        .bordered()
        .title(Span::styled(
            theme.truncate(&title, usize::from(area.width.saturating_sub(4))),
            theme.heading(),
        ))
        .border_style(theme.border_focused());
    if rows.len() > visible {
        let shown = window(offset, rows.len(), visible);
        let lines = app
            .lang
            .tf("detail.lines", &[("from", &(shown.start + 1)), ("to", &shown.end), ("count", &rows.len())]);
        block = block.title_bottom(Line::styled(format!(" {lines} "), theme.dim()).right_aligned());
    }
    let style = |tone: Tone| match tone {
        Tone::Plain => ratatui::style::Style::new(),
        Tone::Label | Tone::Dim => theme.dim(),
        Tone::Heading => theme.heading(),
        Tone::Warning => theme.warning(),
        Tone::Kind => theme.key(),
    };
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(offset)
        .take(visible)
        .map(|row| {
            Line::from(
                row.into_iter().map(|(tone, text)| Span::styled(text, style(tone))).collect::<Vec<_>>(),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
