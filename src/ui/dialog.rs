//! Small centred boxes: yes/no questions, the filter bar, and the frame every dialog shares.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::{App, FILTER_ROWS};

/// A rectangle of `width`×`height` centred in `area` (clipped to it).
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

/// Clears `rect` and draws a dialog's frame on it, `title` on top and the `hint` of its keys
/// at the bottom; returns the room inside.
pub fn framed(frame: &mut Frame, rect: Rect, title: &str, hint: &str, theme: &Theme) -> Rect {
    framed_styled(frame, rect, title, (hint, theme.dim()), theme)
}

/// [`framed`] with the hint in its own style (an error's, say).
pub fn framed_styled(
    frame: &mut Frame,
    rect: Rect,
    title: &str,
    (hint, hint_style): (&str, Style),
    theme: &Theme,
) -> Rect {
    let hint = whole_hints(hint, usize::from(rect.width.saturating_sub(4)), theme);
    let block = theme
        .bordered()
        .title(Span::styled(format!(" {title} "), theme.heading()))
        .title_bottom(Line::styled(format!(" {hint} "), hint_style))
        .border_style(theme.border_focused());
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    inner
}

/// The keys of `hint` ("Tab next field · Esc cancels") that fit in `width` columns, each
/// whole: the last ones give way first, so a border never ends mid-word. A first hint longer
/// than the room is cut after a word.
pub fn whole_hints(hint: &str, width: usize, theme: &Theme) -> String {
    const SEPARATOR: &str = " · ";
    if unicode_width::UnicodeWidthStr::width(hint) <= width {
        return hint.to_owned();
    }
    let mut kept = String::new();
    for part in hint.split(SEPARATOR) {
        let joined = if kept.is_empty() { part.to_owned() } else { format!("{kept}{SEPARATOR}{part}") };
        if unicode_width::UnicodeWidthStr::width(joined.as_str()) > width {
            break;
        }
        kept = joined;
    }
    if kept.is_empty() { theme.shorten_words(hint, width) } else { kept }
}

/// A question with its answer keys underneath.
pub fn question(frame: &mut Frame, area: Rect, title: &str, text: &str, keys: &str, theme: &Theme) {
    let rect = centred(area, 64, 8);
    let block = theme
        .bordered()
        .title(Span::styled(format!(" {title} "), theme.warning()))
        .border_style(theme.border_focused());
    let lines = vec![Line::raw(text.to_owned()), Line::raw(""), Line::styled(keys.to_owned(), theme.key())];
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: true }), rect);
}

/// The filter bar: one row per field, the focused one highlighted.
pub fn filter_bar(app: &App, frame: &mut Frame, area: Rect, focus: usize, theme: &Theme) {
    let rect = centred(area, 56, FILTER_ROWS as u16 + 4);
    let all = app.lang.t("filter.all");
    let f = &app.filter;
    let t = |k: String| app.lang.t(&k).to_owned();
    let values = [
        ("field.facet", f.facet.map_or_else(|| all.to_owned(), |x| t(format!("facet.{}", x.key())))),
        ("field.stage", f.stage.map_or_else(|| all.to_owned(), |x| t(format!("stage.{}", x.key())))),
        ("field.status", f.status.map_or_else(|| all.to_owned(), |x| t(format!("status.{}", x.key())))),
        ("field.track", f.track.map_or_else(|| all.to_owned(), |x| t(format!("track.{}", x.key())))),
        ("field.unit", f.unit.clone().unwrap_or_else(|| all.to_owned())),
        ("field.tag", f.tag.clone().unwrap_or_else(|| all.to_owned())),
    ];
    let inner_width = usize::from(rect.width.saturating_sub(2));
    let mut lines: Vec<Line> = values
        .iter()
        .enumerate()
        .map(|(ix, (label, value))| {
            let (left, right) = theme.symbols().choose;
            let text = format!(" {:<14} {left} {} {right}", app.lang.t(label), crate::text::one_line(value));
            let style = if ix == focus { theme.selected() } else { ratatui::style::Style::new() };
            Line::styled(theme.truncate(&text, inner_width), style)
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        app.lang.tn(
            "filter.shown",
            app.register_total(),
            &[("shown", &app.register.view.len()), ("total", &app.register_total())],
        ),
        theme.dim(),
    ));
    let block = theme
        .bordered()
        .title(Span::styled(format!(" {} ", app.lang.t("filter.title")), theme.heading()))
        .border_style(theme.border_focused());
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
