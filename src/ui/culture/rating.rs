//! The rating view: items grouped by dimension, one score column per perspective, the
//! selected item's full text and note, and the scale's labels.
//!
//! ```text
//! ┌ The innovation journey · Team · 2026-11-25 ── 5/18 ──────── 0 due soon ┐
//! │Item                                         Organisation    Individual │
//! │Mindset                                                                 │
//! │▸ We tolerate uncertainty …                       [3]              ·    │
//! │  We take responsibility …                         4 ✎             2    │
//! │────────────────────────────────────────────────────────────────────────│
//! │We take responsibility for …             │ 1 Bureaucracy with limited … │
//! │Note: Needs more time                    │ 2 Mostly administration …    │
//! └────────────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use tui_input::Input;

use super::{run_title, template_note, view_block};
use crate::app::{App, Rating};
use crate::layout::Density;
use crate::model::{Assessment, Template};
use crate::scoring;
use crate::text::one_line;
use crate::ui::theme::Theme;
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame, area: Rect, r: Rating, note: Option<&Input>, theme: &Theme) {
    frame.render_widget(Clear, area);
    let Some(a) = app.portfolio.assessment(r.id) else { return };
    let Some((t, _)) = app.run_template(a) else {
        render_without_template(app, frame, area, a, theme);
        return;
    };
    let c = scoring::completion(t, a);
    let done = app.lang.tf("rating.completion", &[("answered", &c.answered), ("total", &c.total)]);
    let block = view_block(app, &run_title(app, a, theme), &done, area.width, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The scale's labels are read while scoring: as wide as the longest needs, up to half the
    // view, and wrapped between words rather than cut.
    let longest = t.scale.steps.iter().map(|s| step_text(app, s).width()).max().unwrap_or(0);
    let scale_width = (longest as u16).clamp(24, inner.width / 2);
    let wrapped: usize = t.scale.steps.iter().map(|s| wrap_step(app, s, scale_width).len()).sum();
    let steps = t.scale.steps.len() as u16;
    // Compact, the items keep the rows: the labels wrap only where that takes no more rows
    // than one line per step.
    let compact = Density::of(frame.area()).is_compact();
    let max_rows = if compact { usize::from(steps.clamp(4, 6)) } else { MAX_SCALE_ROWS };
    let height = if wrapped <= max_rows { (wrapped as u16).max(4) } else { steps.clamp(4, 6) };
    let [table, rule, bottom] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1), Constraint::Length(height)])
            .areas(inner);
    frame.render_widget(
        Line::styled(theme.symbols().rule.repeat(usize::from(rule.width)), theme.border()),
        rule,
    );
    render_items(app, frame, table, (t, a, r), theme);
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(scale_width)]).spacing(1).areas(bottom);
    render_selected(app, frame, left, t, a, r, note, theme);
    render_scale(app, frame, right, t, a, r, theme);
}

/// Rows the scale may take below the items before its labels go on one line each.
const MAX_SCALE_ROWS: usize = 9;

/// "3 Both – administration and development in balance".
fn step_text(app: &App, step: &crate::model::ScaleStep) -> String {
    format!("{} {}", step.value, one_line(step.label.get(app.lang.code())))
}

/// A step's text in lines of `width`, the lines after the first indented under the label.
fn wrap_step(app: &App, step: &crate::model::ScaleStep, width: u16) -> Vec<String> {
    let indent = format!("{} ", step.value).width();
    let mut lines = crate::text::wrap_words(&step_text(app, step), usize::from(width)).into_iter();
    let mut out: Vec<String> = lines.next().into_iter().collect();
    let rest: Vec<String> = lines.collect();
    if !rest.is_empty() {
        let tail = crate::text::wrap_words(&rest.join(" "), usize::from(width).saturating_sub(indent));
        out.extend(tail.into_iter().map(|l| format!("{}{l}", " ".repeat(indent))));
    }
    out
}

/// Width of one perspective's score column: narrower when the items' text would get less
/// than 36 columns.
fn column_width(t: &Template, width: u16) -> u16 {
    let wide = 17 * t.perspectives.len() as u16;
    match t.perspectives.is_empty() {
        true => 8,
        false if width.saturating_sub(wide) >= 36 => 17,
        false => 12,
    }
}

fn render_items(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    (t, a, r): (&Template, &Assessment, Rating),
    theme: &Theme,
) {
    let lang = app.lang.code();
    let columns: Vec<Option<&str>> = if t.perspectives.is_empty() {
        vec![None]
    } else {
        t.perspectives.iter().map(|p| Some(p.id.as_str())).collect()
    };
    let col = column_width(t, area.width);
    let text_width = usize::from(area.width.saturating_sub(col * columns.len() as u16));
    let cell = |text: String, style: Style| {
        let w = usize::from(col);
        let pad = w.saturating_sub(unicode_width::UnicodeWidthStr::width(text.as_str()));
        Span::styled(format!("{}{text}{}", " ".repeat(pad / 2), " ".repeat(pad - pad / 2)), style)
    };
    let mut header =
        vec![Span::styled(format!("{:<text_width$}", app.lang.t("rating.item")), theme.heading())];
    if t.perspectives.is_empty() {
        header.push(cell(app.lang.t("rating.score").to_owned(), theme.heading()));
    } else {
        for p in &t.perspectives {
            header.push(cell(
                theme.truncate(&one_line(p.name.get(lang)), usize::from(col) - 1),
                theme.heading(),
            ));
        }
    }
    let mut lines = vec![Line::from(header)];
    let mut selected_line = 0;
    let symbols = theme.symbols();
    let items = scoring::items_in_order(t);
    let mut dimension = None;
    for (row, item) in items.iter().enumerate() {
        if dimension != Some(item.dimension.as_str()) {
            dimension = Some(item.dimension.as_str());
            let name = t.dimensions.iter().find(|d| d.id == item.dimension).map_or("", |d| d.name.get(lang));
            lines.push(Line::styled(one_line(name).into_owned(), theme.key()));
        }
        let on_row = row == r.row;
        if on_row {
            selected_line = lines.len();
        }
        let mut text = one_line(item.text.get(lang)).into_owned();
        if item.reverse {
            text = format!("{text} {}", theme.symbols().reverse);
        }
        if item.optional {
            text = format!("{text} ({})", app.lang.t("rating.optional"));
        }
        let marker = format!("{} ", theme.mark(on_row));
        let mut spans = vec![Span::styled(
            format!("{:<text_width$}", theme.truncate(&format!("{marker}{text}"), text_width)),
            if on_row { theme.key() } else { Style::new() },
        )];
        for (ix, perspective) in columns.iter().enumerate() {
            let answer = a.answer(&item.id, *perspective);
            let raw = answer.and_then(|x| x.score);
            let score = match (raw, scoring::valid_score(&t.scale, raw)) {
                (Some(_), Some(s)) => s.to_string(),
                (Some(bad), None) => format!("{bad}!"),
                (None, _) => symbols.separator.to_owned(),
            };
            let noted = answer.is_some_and(|x| !x.note.trim().is_empty());
            let focused = on_row && ix == r.column;
            let shown = match (focused, noted) {
                (true, true) => format!("[{score}]{}", symbols.noted),
                (true, false) => format!("[{score}]"),
                (false, true) => format!("{score} {}", symbols.noted),
                (false, false) => score,
            };
            spans.push(cell(shown, if focused { theme.selected() } else { Style::new() }));
        }
        lines.push(Line::from(spans));
    }
    let height = usize::from(area.height);
    // Keep the header fixed; scroll the rest so the selected row is visible.
    let body = height.saturating_sub(1).max(1);
    let offset = crate::layout::scroll(0, selected_line.saturating_sub(1), lines.len() - 1, body);
    let mut shown = vec![lines[0].clone()];
    shown.extend(lines.into_iter().skip(1 + offset).take(body));
    frame.render_widget(Paragraph::new(shown), area);
}

#[allow(clippy::too_many_arguments)]
fn render_selected(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    t: &Template,
    a: &Assessment,
    r: Rating,
    note: Option<&Input>,
    theme: &Theme,
) {
    let lang = app.lang.code();
    let items = scoring::items_in_order(t);
    let Some(item) = items.get(r.row) else { return };
    let perspective = t.perspectives.get(r.column);
    let answer = a.answer(&item.id, perspective.map(|p| p.id.as_str()));
    let mut lines = Vec::new();
    if let Some(p) = perspective {
        lines.push(Line::styled(
            app.lang.tf("rating.perspective", &[("name", &one_line(p.name.get(lang)))]),
            theme.heading(),
        ));
    }
    lines.push(Line::raw(one_line(item.text.get(lang)).into_owned()));
    if item.reverse {
        lines.push(Line::styled(app.lang.t("rating.reverse_hint"), theme.dim()));
    }
    let label = format!("{}: ", app.lang.t("rating.note"));
    let para_height = area.height.saturating_sub(1);
    let text_area = Rect { height: para_height, ..area };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), text_area);
    let note_row = Rect { y: area.bottom().saturating_sub(1), height: 1, ..area };
    let label_width = unicode_width::UnicodeWidthStr::width(label.as_str()) as u16;
    let room = usize::from(area.width.saturating_sub(label_width));
    if let Some(input) = note {
        let scroll = input.visual_scroll(room.saturating_sub(1));
        let shown: String = input.value().chars().skip(scroll).collect();
        let mut text = theme.truncate(&one_line(&shown), room);
        let pad = room.saturating_sub(unicode_width::UnicodeWidthStr::width(text.as_str()));
        text.push_str(&" ".repeat(pad));
        frame.render_widget(
            Line::from(vec![Span::styled(label, theme.key()), Span::styled(text, theme.selected())]),
            note_row,
        );
        let x = note_row.x + label_width + (input.visual_cursor().saturating_sub(scroll)) as u16;
        frame.set_cursor_position((x.min(note_row.right().saturating_sub(1)), note_row.y));
    } else {
        let value = answer.map(|x| x.note.trim()).filter(|n| !n.is_empty());
        let (text, style) = match value {
            Some(n) => (theme.truncate(&one_line(n), room), Style::new()),
            None => (theme.truncate(app.lang.t("rating.no_note"), room), theme.dim()),
        };
        frame.render_widget(
            Line::from(vec![Span::styled(label, theme.dim()), Span::styled(text, style)]),
            note_row,
        );
    }
}

fn render_scale(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    t: &Template,
    a: &Assessment,
    r: Rating,
    theme: &Theme,
) {
    let items = scoring::items_in_order(t);
    let current = items.get(r.row).and_then(|item| {
        a.answer(&item.id, t.perspectives.get(r.column).map(|p| p.id.as_str())).and_then(|x| x.score)
    });
    let width = usize::from(area.width);
    let style =
        |s: &crate::model::ScaleStep| if current == Some(s.value) { theme.selected() } else { Style::new() };
    let wrapped: Vec<Line> = t
        .scale
        .steps
        .iter()
        .flat_map(|s| wrap_step(app, s, area.width).into_iter().map(move |l| Line::styled(l, style(s))))
        .collect();
    if wrapped.len() <= usize::from(area.height) {
        frame.render_widget(Paragraph::new(wrapped), area);
        return;
    }
    let mut lines: Vec<Line> = t
        .scale
        .steps
        .iter()
        .map(|s| Line::styled(theme.shorten_words(&step_text(app, s), width), style(s)))
        .collect();
    if lines.len() > usize::from(area.height) {
        // A long scale: show the steps around the current score.
        let keep = usize::from(area.height);
        let at = current.map_or(0, |c| usize::from(c.saturating_sub(t.scale.min)));
        let start = at.saturating_sub(keep / 2).min(lines.len() - keep);
        lines = lines.into_iter().skip(start).take(keep).collect();
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Neither a stored copy nor an installed template: the answers by item id, and why.
fn render_without_template(app: &App, frame: &mut Frame, area: Rect, a: &Assessment, theme: &Theme) {
    let block = view_block(app, &run_title(app, a, theme), "", area.width, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines =
        vec![Line::styled(template_note(app, a).unwrap_or_default(), theme.warning()), Line::raw("")];
    for x in &a.answers {
        let id = match &x.perspective {
            Some(p) => format!("{} ({p})", x.item),
            None => x.item.clone(),
        };
        let score = x.score.map_or_else(|| theme.symbols().separator.to_owned(), |s| s.to_string());
        let dash = theme.symbols().dash;
        let note = if x.note.is_empty() { String::new() } else { format!(" {dash} {}", one_line(&x.note)) };
        lines.push(Line::raw(format!("{:<28} {score:>3}{note}", one_line(&id))));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
