//! The help overlay: every key of the current place, generated from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::theme::Theme;
use crate::app::{App, Mode};
use crate::keymap::{BINDINGS, Place};

pub fn render(app: &App, frame: &mut Frame, area: Rect, scroll: u16, theme: &Theme) {
    // The overlay explains the place it was opened from: normal mode in the current pane.
    let mut lines = Vec::new();
    let mut sections =
        vec![(Place::Lists, "help.section_lists"), (Place::Everywhere, "help.section_everywhere")];
    if app.pane == crate::app::Pane::Culture {
        sections.insert(0, (Place::Runs, "help.section_culture"));
    }
    for (place, heading) in sections {
        lines.push(Line::styled(app.lang.t(heading), theme.heading()));
        for b in BINDINGS.iter().filter(|b| b.place == place) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<12}", b.label), theme.key()),
                Span::raw(app.lang.t(b.help)),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(app.lang.t("help.section_commands"), theme.heading()));
    for key in ["help.cmd_write", "help.cmd_write_as", "help.cmd_quit"] {
        lines.push(Line::raw(format!("  {}", app.lang.t(key))));
    }
    let width = area.width.saturating_sub(8).min(72);
    let height = area.height.saturating_sub(2);
    let rect = Rect { x: area.x + (area.width - width) / 2, y: area.y + 1, width, height };
    let max_scroll = (lines.len() as u16).saturating_sub(height.saturating_sub(2));
    let scroll = if matches!(app.mode, Mode::Help { .. }) { scroll.min(max_scroll) } else { 0 };
    let title = format!(" {} ", app.lang.tf("help.title", &[("pane", &app.lang.t(app.pane.title_key()))]));
    let block = Block::bordered()
        .title(Span::styled(title, theme.heading()))
        .title_bottom(Line::styled(format!(" {} ", app.lang.t("help.footer")), theme.dim()))
        .border_style(theme.border_focused());
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}
