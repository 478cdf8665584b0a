//! The first-run welcome. It fills the empty pane rather than blocking it: every normal key
//! still works, and nothing is written until the user makes an edit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::App;

/// Whether the welcome replaces the pane: a first run that has not made an edit yet.
pub fn shows(app: &App) -> bool {
    app.first_run && app.portfolio.initiatives.is_empty()
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let t = |k: &str| app.lang.t(k);
    let block = theme
        .bordered()
        .title(Span::styled(format!(" {} ", t("welcome.title")), theme.heading()))
        .border_style(theme.border_focused());
    // A choice's text wraps under itself, not under its key, so the keys stand in a column
    // however narrow the terminal.
    let inner = usize::from(area.width.saturating_sub(2));
    let choice = |key: &str, text: &str| -> Vec<Line<'static>> {
        let lead = format!("  {key}  ");
        let hang = lead.width();
        let rows = crate::text::wrap_words(t(text), inner.saturating_sub(hang));
        rows.into_iter()
            .enumerate()
            .map(|(n, row)| {
                let first = if n == 0 {
                    Span::styled(lead.clone(), theme.key())
                } else {
                    Span::raw(" ".repeat(hang))
                };
                Line::from(vec![first, Span::raw(row)])
            })
            .collect()
    };
    let path = app.path().map(|p| p.display().to_string()).unwrap_or_default();
    let mut lines = vec![Line::raw(t("welcome.what")), Line::raw("")];
    for (key, text) in [("o", "welcome.start"), ("D", "welcome.demo"), ("I", "welcome.import")] {
        lines.extend(choice(key, text));
    }
    lines.extend([
        Line::raw(""),
        Line::styled(t("welcome.or_just_start"), theme.dim()),
        Line::styled(app.lang.tf("welcome.file", &[("path", &crate::text::one_line(&path))]), theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}
