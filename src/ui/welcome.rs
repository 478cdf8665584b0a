//! The first-run welcome. It fills the empty pane rather than blocking it: every normal key
//! still works, and nothing is written until the user makes an edit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

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
    let choice = |key: &str, text: &str| {
        Line::from(vec![Span::styled(format!("  {key}  "), theme.key()), Span::raw(t(text).to_owned())])
    };
    let path = app.path().map(|p| p.display().to_string()).unwrap_or_default();
    let lines = vec![
        Line::raw(t("welcome.what")),
        Line::raw(""),
        choice("o", "welcome.start"),
        choice("D", "welcome.demo"),
        choice("I", "welcome.import"),
        Line::raw(""),
        Line::styled(t("welcome.or_just_start"), theme.dim()),
        Line::styled(app.lang.tf("welcome.file", &[("path", &crate::text::one_line(&path))]), theme.dim()),
    ];
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}
