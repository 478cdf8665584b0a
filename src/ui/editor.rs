//! The initiative form: a label column and one editor per field; the focused multi-line
//! field opens to several rows. Scrolls so the focused field is always in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::theme::Theme;
use crate::app::editing::TextBox;
use crate::app::{App, Field, FieldKind, FormField, InitiativeForm};
use crate::layout::{FORM_LABEL_WIDTH as LABEL_WIDTH, FORM_TEXT_ROWS as TEXT_ROWS};
use crate::text::one_line;
use unicode_width::UnicodeWidthStr;

/// The form's title: a new initiative (naming the facet it goes into, which `n` in the grid
/// takes from the selected cell), or which one is edited.
pub fn title(app: &App, form: &InitiativeForm) -> String {
    let facet = form.state.draft.facet;
    match &form.state.original {
        None if crate::model::Facet::GRID.contains(&facet) => {
            let name = app.lang.t(&format!("facet_short.{}", facet.key()));
            app.lang.tf("form.title_new_in", &[("facet", &name)])
        }
        None => app.lang.t("form.title_new").to_owned(),
        Some(i) => app.lang.tf("form.title_edit", &[("id", &i.id), ("title", &one_line(&i.title))]),
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, form: &InitiativeForm, theme: &Theme) {
    frame.render_widget(Clear, area);
    let title = title(app, form);
    let hint = match form.state.field().kind() {
        // Ishøj's third P reads "products"; what it means is said where it is ticked.
        _ if form.state.field() == Field::Relieves => "form.hint_relieves",
        kind => kind.hint(),
    };
    let block = theme
        .bordered()
        .title(Span::styled(
            format!(" {} ", theme.truncate(&title, usize::from(area.width.saturating_sub(6)))),
            theme.heading(),
        ))
        .title_bottom(Line::styled(format!(" {} ", app.lang.t(hint)), theme.dim()))
        .border_style(theme.border_focused());
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let heights: Vec<u16> = Field::ALL
        .iter()
        .map(|f| if *f == form.state.field() && f.kind() == FieldKind::Text { TEXT_ROWS } else { 1 })
        .collect();
    // Scroll so the focused field and the one after it are visible.
    let focus_top: u16 = heights[..form.state.focus].iter().sum();
    let focus_bottom = focus_top + heights[form.state.focus];
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
        super::benefits::render_dialog(app, frame, area, dialog, Some(&form.state.draft), theme);
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
    let titles =
        form.state.draft.benefits.iter().map(|b| format!("[{}] ", theme.truncate(&one_line(&b.title), 24)));
    for (ix, text) in titles.chain(std::iter::once(format!("[+ {add}]"))).enumerate() {
        let chosen = focused && ix == form.option;
        spans.push(Span::styled(text, if chosen { theme.selected() } else { Style::new() }));
    }
    // Keep the chosen chip in view on narrow screens.
    let before: usize = spans[..form.option.min(spans.len())].iter().map(Span::width).sum();
    let skip = if focused && before + 20 > width { before + 20 - width } else { 0 };
    if skip == 0 {
        // Chips that run past the row end in the ellipsis, each keeping its style.
        if spans.iter().map(Span::width).sum::<usize>() <= width {
            return Line::from(spans);
        }
        let ellipsis = theme.symbols().ellipsis;
        let mut room = width.saturating_sub(ellipsis.width());
        let mut shown = Vec::new();
        for span in spans {
            if span.width() > room {
                shown.push(Span::styled(crate::text::head(&span.content, room).to_owned(), span.style));
                break;
            }
            room -= span.width();
            shown.push(span);
        }
        shown.push(Span::raw(ellipsis));
        return Line::from(shown);
    }
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    let rest: String = text.chars().skip(skip).collect();
    Line::raw(theme.truncate(&format!("{}{rest}", theme.symbols().ellipsis), width))
}

/// A row of check boxes in `width`. When they do not all fit, what matters stays in view: the
/// ticked ones when the row is not being edited, else the box under the cursor and its
/// neighbours, with `…` where boxes are left out. Boxes are never cut in the middle, except
/// one that is wider than the row on its own.
fn multi_line(
    boxes: &[String],
    on: &[bool],
    cursor: Option<usize>,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    const GAP: &str = "  ";
    let ellipsis = theme.symbols().ellipsis;
    let span = |ix: usize| {
        let style = if cursor == Some(ix) { theme.selected() } else { Style::new() };
        Span::styled(boxes[ix].clone(), style)
    };
    let join = |shown: &[usize], before: bool, after: bool| {
        let mut spans = Vec::new();
        if before {
            spans.push(Span::raw(format!("{ellipsis} ")));
        }
        for (n, ix) in shown.iter().enumerate() {
            if n > 0 {
                spans.push(Span::raw(GAP));
            }
            spans.push(span(*ix));
        }
        if after {
            spans.push(Span::raw(format!(" {ellipsis}")));
        }
        let line = Line::from(spans);
        if line.width() <= width {
            line
        } else {
            // One box alone is wider than the row: cut it at its end.
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            Line::raw(theme.truncate(&text, width))
        }
    };
    let all: Vec<usize> = (0..boxes.len()).collect();
    let fits = |shown: &[usize], before: bool, after: bool| {
        let boxes_width: usize = shown.iter().map(|ix| boxes[*ix].width()).sum();
        boxes_width
            + GAP.len() * shown.len().saturating_sub(1)
            + (ellipsis.width() + 1) * (usize::from(before) + usize::from(after))
            <= width
    };
    if fits(&all, false, false) {
        return join(&all, false, false);
    }
    match cursor {
        None => {
            let ticked: Vec<usize> = all.iter().copied().filter(|ix| on[*ix]).collect();
            let shown: Vec<usize> = if ticked.is_empty() { all } else { ticked };
            // As many as fit, in order; `…` says there are more.
            let mut kept = Vec::new();
            for ix in &shown {
                kept.push(*ix);
                if !fits(&kept, false, kept.len() < boxes.len()) {
                    kept.pop();
                    break;
                }
            }
            if kept.is_empty() {
                kept.push(shown[0]);
            }
            join(&kept, false, kept.len() < boxes.len())
        }
        Some(at) => {
            let at = at.min(boxes.len() - 1);
            let (mut first, mut last) = (at, at);
            // Widen around the cursor, right first, while the boxes fit.
            loop {
                let grown = if last + 1 < boxes.len()
                    && fits(&all[first..=last + 1], first > 0, last + 2 < boxes.len())
                {
                    last += 1;
                    true
                } else {
                    false
                };
                let grown_left = first > 0 && fits(&all[first - 1..=last], first > 1, last + 1 < boxes.len());
                if grown_left {
                    first -= 1;
                }
                if !grown && !grown_left {
                    break;
                }
            }
            join(&all[first..=last], first > 0, last + 1 < boxes.len())
        }
    }
}

/// A focused multi-line field: its text wrapped in the rows it has, scrolled to the cursor,
/// and under its label how many rows are out of view above and below.
pub(super) fn text_box(app: &App, frame: &mut Frame, row: Rect, value: Rect, text: &TextBox, theme: &Theme) {
    let width = usize::from(value.width);
    let view = text.view(width, usize::from(value.height));
    let lines: Vec<Line> =
        view.rows.into_iter().map(|r| Line::raw(super::filled(theme.truncate(&r, width), width))).collect();
    frame.render_widget(Paragraph::new(lines).style(theme.selected()), value);
    let (x, y) = view.cursor;
    frame.set_cursor_position((value.x + x, value.y + y));
    let (up, down) = theme.symbols().more;
    let label_width = usize::from(LABEL_WIDTH - 1);
    for (count, arrow, y) in [(view.above, up, row.y + 1), (view.below, down, row.bottom().saturating_sub(1))]
    {
        if count == 0 || y <= row.y {
            continue;
        }
        let more = app.lang.tn("form.more_rows", count, &[("arrow", &arrow)]);
        let more = format!("  {}", theme.truncate(&more, label_width.saturating_sub(2)));
        frame.render_widget(
            Line::styled(more, theme.dim()),
            Rect { x: row.x, y, width: LABEL_WIDTH - 1, height: 1 },
        );
    }
}

/// A one-line field's typed text; while it has the focus, filled to `width` and followed by
/// the names → would complete it to, dimmed.
pub(super) fn typed_with_suggestions(
    typed: String,
    focused: bool,
    suggestions: &[&str],
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let style = if focused { theme.selected() } else { Style::new() };
    if suggestions.is_empty() {
        let text = if focused { super::filled(typed, width) } else { typed };
        return Line::styled(text, style);
    }
    let used = typed.width();
    let symbols = theme.symbols();
    let separator = format!(" {} ", symbols.separator);
    let hint = format!(
        "  {} {}",
        symbols.arrow,
        suggestions.iter().take(3).copied().collect::<Vec<_>>().join(&separator)
    );
    let hint = theme.truncate(&one_line(&hint), width.saturating_sub(used));
    let pad = width.saturating_sub(used + hint.width());
    Line::from(vec![
        Span::styled(typed, style),
        Span::styled(hint, theme.dim()),
        Span::styled(" ".repeat(pad), style),
    ])
}

/// A form field's label (with `*` when `required`) at the left of `row`; gives back where its
/// value goes. Every form draws its labels so.
pub(super) fn field_label(
    app: &App,
    frame: &mut Frame,
    row: Rect,
    key: &str,
    required: bool,
    state: (bool, bool),
    theme: &Theme,
) -> Rect {
    let (focused, has_error) = state;
    let mut label = app.lang.t(key).to_owned();
    if required {
        label.push_str(" *");
    }
    frame.render_widget(
        theme.field_label(&label, usize::from(LABEL_WIDTH - 1), focused, has_error),
        Rect { height: 1, width: LABEL_WIDTH.min(row.width), ..row },
    );
    Rect { x: row.x + LABEL_WIDTH, width: row.width.saturating_sub(LABEL_WIDTH), ..row }
}

/// A one-line field's value: as typed, with the known values it may be completed to while
/// focused; a date field left empty shows how to write one.
pub(super) fn line_value(
    app: &App,
    frame: &mut Frame,
    value: Rect,
    input: &tui_input::Input,
    (focused, is_date): (bool, bool),
    suggestions: &[&str],
    theme: &Theme,
) {
    let typed = super::input_line(frame, value, input, focused, theme);
    if !focused && typed.is_empty() && is_date {
        frame.render_widget(Line::styled(app.lang.t("form.placeholder_date"), theme.dim()), value);
        return;
    }
    frame.render_widget(
        typed_with_suggestions(typed, focused, suggestions, usize::from(value.width), theme),
        value,
    );
}

/// A multi-line field's value: the text box while focused, else its first line and how many
/// more there are.
pub(super) fn text_value(
    app: &App,
    frame: &mut Frame,
    row: Rect,
    value: Rect,
    text: &TextBox,
    focused: bool,
    theme: &Theme,
) {
    if focused {
        text_box(app, frame, row, value, text, theme);
        return;
    }
    let lines = text.lines();
    let mut first = one_line(lines.first().map_or("", String::as_str)).into_owned();
    if lines.len() > 1 {
        first = format!("{first} {}", app.lang.tn("form.more_lines", lines.len() - 1, &[]));
    }
    frame.render_widget(Line::raw(theme.truncate(&first, usize::from(value.width))), value);
}

/// A choice's value, between the arrows that change it while focused.
pub(super) fn choice_value(frame: &mut Frame, value: Rect, current: String, focused: bool, theme: &Theme) {
    let (left, right) = theme.symbols().choose;
    let text = if focused { format!("{left} {current} {right}") } else { current };
    let style = if focused { theme.selected() } else { Style::new() };
    frame.render_widget(Line::styled(theme.truncate(&text, usize::from(value.width)), style), value);
}

fn render_field(app: &App, frame: &mut Frame, row: Rect, form: &InitiativeForm, field: Field, theme: &Theme) {
    let focused = form.state.field() == field;
    let has_error = form.error.as_ref().is_some_and(|e| e.field == field);
    let value = field_label(app, frame, row, field.key(), field == Field::Title, (focused, has_error), theme);
    let width = usize::from(value.width);
    match field.kind() {
        FieldKind::Line => {
            let Some(input) = form.state.line(field) else { return };
            let suggestions = if focused { form.suggestions(field) } else { Vec::new() };
            line_value(app, frame, value, input, (focused, field == Field::FollowUp), &suggestions, theme);
        }
        FieldKind::Text => {
            let Some(text) = form.text(field) else { return };
            text_value(app, frame, row, value, text, focused, theme);
        }
        FieldKind::Choice => {
            choice_value(frame, value, app.lang.t(&form.choice_label(field)).to_owned(), focused, theme);
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
            let boxes: Vec<String> = choices
                .iter()
                .map(|choice| {
                    let label = if choice.translate {
                        app.lang.t(&choice.label).to_owned()
                    } else {
                        one_line(&choice.label).into_owned()
                    };
                    format!("[{}] {label}", if choice.on { "x" } else { " " })
                })
                .collect();
            let cursor = focused.then_some(form.option);
            let line =
                multi_line(&boxes, &choices.iter().map(|c| c.on).collect::<Vec<_>>(), cursor, width, theme);
            frame.render_widget(Paragraph::new(line), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(on: &[bool], cursor: Option<usize>, width: usize) -> String {
        let boxes: Vec<String> = (1..=on.len())
            .zip(on)
            .map(|(n, on)| format!("[{}] {n}. Goal number {n}", if *on { "x" } else { " " }))
            .collect();
        let line = multi_line(&boxes, on, cursor, width, &Theme::default());
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_row_that_does_not_fit_shows_the_ticked_boxes() {
        let on = [false, true, false, true, false];
        assert_eq!(shown(&on, None, 200).matches('[').count(), 5, "everything when it fits");
        let row = shown(&on, None, 50);
        assert_eq!(row, "[x] 2. Goal number 2  [x] 4. Goal number 4 …", "{row}");
        let none = shown(&[false; 5], None, 50);
        assert!(none.starts_with("[ ] 1. Goal number 1") && none.ends_with('…'), "{none}");
    }

    #[test]
    fn while_editing_the_box_under_the_cursor_and_its_neighbours_show() {
        let on = [true, false, false, false, true];
        let row = shown(&on, Some(3), 50);
        assert!(row.starts_with("… ") && row.contains("[ ] 4. Goal number 4"), "{row}");
        assert!(row.width() <= 50, "{row}");
        assert!(!row.contains("Goal numb…"), "no box is cut: {row}");
    }
}
