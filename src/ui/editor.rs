//! The initiative form: a label column and one editor per field; the focused multi-line
//! field opens to several rows. Scrolls so the focused field is always in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::theme::{Theme, truncate};
use crate::app::{App, Field, FieldKind, InitiativeForm};
use crate::text::one_line;

const LABEL_WIDTH: u16 = 22;
/// Rows a focused multi-line field gets.
const TEXT_ROWS: u16 = 5;

pub fn render(app: &App, frame: &mut Frame, area: Rect, form: &InitiativeForm, theme: &Theme) {
    frame.render_widget(Clear, area);
    let title = match &form.original {
        None => app.lang.t("form.title_new").to_owned(),
        Some(i) => app.lang.tf("form.title_edit", &[("id", &i.id), ("title", &one_line(&i.title))]),
    };
    let hint = match form.field().kind() {
        FieldKind::Line => "form.hint_line",
        FieldKind::Text => "form.hint_text",
        FieldKind::Choice => "form.hint_choice",
        FieldKind::Multi => "form.hint_multi",
        FieldKind::List => "form.hint_benefits",
    };
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", truncate(&title, usize::from(area.width.saturating_sub(6)))),
            theme.heading(),
        ))
        .title_bottom(Line::styled(format!(" {} ", app.lang.t(hint)), theme.dim()))
        .border_style(theme.border_focused());
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let heights: Vec<u16> = Field::ALL
        .iter()
        .map(|f| if *f == form.field() && f.kind() == FieldKind::Text { TEXT_ROWS } else { 1 })
        .collect();
    // Scroll so the focused field and the one after it are visible.
    let focus_top: u16 = heights[..form.focus].iter().sum();
    let focus_bottom = focus_top + heights[form.focus];
    let visible = inner.height;
    let scroll = focus_bottom.saturating_add(1).saturating_sub(visible).min(focus_top);
    let mut y = 0u16;
    for (ix, field) in Field::ALL.iter().enumerate() {
        let h = heights[ix];
        let top = y;
        y += h;
        if top < scroll || top - scroll + h > visible {
            continue;
        }
        let row = Rect { x: inner.x, y: inner.y + top - scroll, width: inner.width, height: h };
        render_field(app, frame, row, form, *field, theme);
    }
    if let Some(dialog) = &form.benefit {
        super::benefits::render_dialog(app, frame, area, dialog, Some(&form.draft), theme);
    }
}

/// The benefits field: each benefit's title as a chip, then "+ add"; the chosen one marked.
fn benefit_chips(
    app: &App,
    form: &InitiativeForm,
    focused: bool,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let mut spans = Vec::new();
    let add = app.lang.t("form.add_benefit");
    let titles = form.draft.benefits.iter().map(|b| format!("[{}] ", truncate(&one_line(&b.title), 24)));
    for (ix, text) in titles.chain(std::iter::once(format!("[+ {add}]"))).enumerate() {
        let chosen = focused && ix == form.option;
        spans.push(Span::styled(text, if chosen { theme.selected() } else { Style::new() }));
    }
    // Keep the chosen chip in view on narrow screens.
    let before: usize = spans[..form.option.min(spans.len())].iter().map(Span::width).sum();
    let skip = if focused && before + 20 > width { before + 20 - width } else { 0 };
    if skip == 0 {
        return Line::from(spans);
    }
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    Line::raw(truncate(&format!("…{}", text.chars().skip(skip).collect::<String>()), width))
}

fn render_field(app: &App, frame: &mut Frame, row: Rect, form: &InitiativeForm, field: Field, theme: &Theme) {
    let focused = form.field() == field;
    let has_error = form.error.as_ref().is_some_and(|e| e.field == field);
    let mut label = app.lang.t(field.label()).to_owned();
    if field == Field::Title {
        label.push_str(" *");
    }
    let label_style = if has_error {
        theme.error()
    } else if focused {
        theme.key()
    } else {
        theme.dim()
    };
    let marker = if focused { "▸ " } else { "  " };
    let label_text = truncate(&format!("{marker}{label}"), usize::from(LABEL_WIDTH - 1));
    frame.render_widget(
        Line::styled(label_text, label_style),
        Rect { height: 1, width: LABEL_WIDTH.min(row.width), ..row },
    );
    let value = Rect { x: row.x + LABEL_WIDTH, width: row.width.saturating_sub(LABEL_WIDTH), ..row };
    let width = usize::from(value.width);
    match field.kind() {
        FieldKind::Line => {
            let Some(input) = form.line(field) else { return };
            let scroll = if focused { input.visual_scroll(width.saturating_sub(1)) } else { 0 };
            let shown: String = input.value().chars().skip(scroll).collect();
            let style = if focused { theme.selected() } else { Style::new() };
            let mut text = truncate(&one_line(&shown), width);
            if focused {
                let pad = width.saturating_sub(unicode_width::UnicodeWidthStr::width(text.as_str()));
                text.push_str(&" ".repeat(pad));
                let x = value.x + (input.visual_cursor().saturating_sub(scroll)) as u16;
                frame.set_cursor_position((x.min(value.right().saturating_sub(1)), value.y));
            } else if text.is_empty() && field == Field::FollowUp {
                frame.render_widget(Line::styled(app.lang.t("form.placeholder_date"), theme.dim()), value);
                return;
            }
            let suggestions = if focused { form.suggestions(field) } else { Vec::new() };
            if suggestions.is_empty() {
                frame.render_widget(Line::styled(text, style), value);
            } else {
                // Typed text first, then what → would complete it to, dimmed.
                let typed = truncate(&one_line(&shown), width);
                let used = unicode_width::UnicodeWidthStr::width(typed.as_str());
                let hint =
                    format!("  → {}", suggestions.iter().take(3).copied().collect::<Vec<_>>().join(" · "));
                let hint = truncate(&one_line(&hint), width.saturating_sub(used));
                let pad = width.saturating_sub(used + unicode_width::UnicodeWidthStr::width(hint.as_str()));
                frame.render_widget(
                    Line::from(vec![
                        Span::styled(typed, style),
                        Span::styled(hint, theme.dim()),
                        Span::styled(" ".repeat(pad), style),
                    ]),
                    value,
                );
            }
        }
        FieldKind::Text => {
            let Some(area) = form.text(field) else { return };
            if focused {
                let mut editor = area.clone();
                editor.set_cursor_line_style(Style::new());
                editor.set_style(theme.selected());
                frame.render_widget(&editor, value);
            } else {
                let lines = area.lines();
                let mut text = one_line(lines.first().map_or("", String::as_str)).into_owned();
                if lines.len() > 1 {
                    text = format!(
                        "{text} {}",
                        app.lang.tf("form.more_lines", &[("count", &(lines.len() - 1))])
                    );
                }
                frame.render_widget(Line::raw(truncate(&text, width)), value);
            }
        }
        FieldKind::Choice => {
            let current = app.lang.t(&form.choice_label(field)).to_owned();
            let text = if focused { format!("◂ {current} ▸") } else { current };
            let style = if focused { theme.selected() } else { Style::new() };
            frame.render_widget(Line::styled(truncate(&text, width), style), value);
        }
        FieldKind::List => {
            frame.render_widget(benefit_chips(app, form, focused, width, theme), value);
        }
        FieldKind::Multi => {
            let choices = form.choices(field);
            if choices.is_empty() {
                frame.render_widget(Line::styled(app.lang.t("form.no_goals"), theme.dim()), value);
                return;
            }
            let mut spans = Vec::new();
            for (ix, choice) in choices.iter().enumerate() {
                let label = if choice.translate {
                    app.lang.t(&choice.label).to_owned()
                } else {
                    one_line(&choice.label).into_owned()
                };
                let text = format!("[{}] {label}  ", if choice.on { "x" } else { " " });
                let style = if focused && ix == form.option { theme.selected() } else { Style::new() };
                spans.push(Span::styled(text, style));
            }
            // Keep the option under the cursor in view on narrow screens.
            let before: usize = spans[..form.option.min(spans.len())].iter().map(Span::width).sum();
            let skip = if focused && before + 20 > width { before + 20 - width } else { 0 };
            let line: String = spans.iter().map(|s| s.content.as_ref()).collect::<String>();
            if skip > 0 {
                let shown: String = line.chars().skip(skip).collect();
                frame.render_widget(Line::raw(truncate(&format!("…{shown}"), width)), value);
            } else {
                frame.render_widget(Paragraph::new(Line::from(spans)), value);
            }
        }
    }
}
