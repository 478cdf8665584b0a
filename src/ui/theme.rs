//! Colours and text styles. With `NO_COLOR` every style falls back to bold, reverse and
//! dim, so the selection and errors stay visible on a monochrome projector.

use ratatui::style::{Color, Modifier, Style};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(no_color: bool) -> Self {
        Self { color: !no_color }
    }

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    pub fn brand(&self) -> Style {
        self.pick(Style::new().fg(Color::Black).bg(Color::Cyan).bold(), Style::new().reversed().bold())
    }

    pub fn tab(&self) -> Style {
        Style::new()
    }

    pub fn tab_active(&self) -> Style {
        self.pick(Style::new().fg(Color::Cyan).bold().underlined(), Style::new().bold().underlined())
    }

    pub fn selected(&self) -> Style {
        self.pick(Style::new().bg(Color::Blue).fg(Color::White).bold(), Style::new().reversed().bold())
    }

    pub fn heading(&self) -> Style {
        self.pick(Style::new().fg(Color::Cyan).bold(), Style::new().bold())
    }

    pub fn border(&self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new())
    }

    pub fn border_focused(&self) -> Style {
        self.pick(Style::new().fg(Color::Cyan), Style::new().bold())
    }

    pub fn dim(&self) -> Style {
        self.pick(Style::new().fg(Color::Gray), Style::new().add_modifier(Modifier::DIM))
    }

    pub fn key(&self) -> Style {
        self.pick(Style::new().fg(Color::Yellow).bold(), Style::new().bold())
    }

    pub fn info(&self) -> Style {
        self.pick(Style::new().fg(Color::Green), Style::new())
    }

    pub fn warning(&self) -> Style {
        self.pick(Style::new().fg(Color::Yellow).bold(), Style::new().bold())
    }

    pub fn error(&self) -> Style {
        self.pick(Style::new().fg(Color::Red).bold(), Style::new().bold().reversed())
    }
}

/// The mark beside the selected row of every list, so the selection shows without colour
/// (on a monochrome projector, in a text snapshot, with `NO_COLOR`).
pub const SELECTED_MARK: &str = "▸";

/// The selection mark, or a blank of the same width.
pub fn mark(selected: bool) -> &'static str {
    if selected { SELECTED_MARK } else { " " }
}

/// Cuts `text` to at most `width` columns, ending in `…` when something was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::truncate;

    #[test]
    fn truncation_respects_wide_characters() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
        assert_eq!(truncate("x", 0), "");
    }
}
