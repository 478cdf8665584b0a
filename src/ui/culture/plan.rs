//! The action plan of a run (or every action), and the action form.
//!
//! ```text
//! ┌ Action plan · Innovation climate · Ledningsgruppen · 2026-10-14 ─ 1 overdue ┐
//! │    What                               Who              Follow-up    Item    │
//! │[ ] Workshop om gemensamma kostnader   Mats Ekström    !2026-11-16   Conflict│
//! │[x] Avsätt tid för idéer …             Anna Lindqvist   2026-06-15   Time    │
//! │─────────────────────────────────────────────────────────────────────────────│
//! │How: …                                                                       │
//! │When: … · Competences: … · Initiative: #15 …                                 │
//! └─────────────────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Row, Wrap};

use super::{run_title, view_block};
use crate::app::{ActionField, ActionForm, App, DeleteAction, FieldKind, FormField};
use crate::model::{ActionItem, Id};
use crate::text::one_line;
use crate::ui::dialog::{centred, framed, question};
use crate::ui::theme::Theme;

/// The item's text in the run's template in the UI language; its id only when no template
/// knows it.
fn item_name(app: &App, action: &ActionItem) -> String {
    let Some(item) = &action.item else { return String::new() };
    let template =
        action.assessment.and_then(|id| app.portfolio.assessment(id)).and_then(|a| app.run_template(a));
    let text = template
        .and_then(|(t, _)| t.items.iter().find(|i| i.id == *item))
        .map_or(item.as_str(), |i| i.text.get(app.lang.code()));
    one_line(text).into_owned()
}

/// The item's name for the plan's column: its short name ([`crate::scoring::item_name`]:
/// "Nyfikenhet: vi frågar …" gives "Nyfikenhet"), else its id.
fn short_item_name(app: &App, action: &ActionItem) -> String {
    let Some(item) = &action.item else { return String::new() };
    let template =
        action.assessment.and_then(|id| app.portfolio.assessment(id)).and_then(|a| app.run_template(a));
    template
        .and_then(|(t, _)| {
            t.items.iter().find(|i| i.id == *item).map(|i| crate::scoring::item_name(t, i, app.lang.code()))
        })
        .unwrap_or_else(|| one_line(item).into_owned())
}

pub fn render(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    assessment: Option<Id>,
    selected: usize,
    theme: &Theme,
) {
    frame.render_widget(Clear, area);
    let title = match assessment.and_then(|id| app.portfolio.assessment(id)) {
        Some(a) => app.lang.tf("plan.title", &[("run", &run_title(app, a, theme))]),
        None => app.lang.t("plan.title_all").to_owned(),
    };
    let block = view_block(app, &title, "", area.width, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = app.plan_rows(assessment);
    let [list, rule, detail] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(crate::layout::PLAN_DETAIL_ROWS),
    ])
    .areas(inner);
    frame.render_widget(
        Line::styled(theme.symbols().rule.repeat(usize::from(rule.width)), theme.border()),
        rule,
    );
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(vec![Line::styled(app.lang.t("plan.empty"), theme.dim())])
                .wrap(Wrap { trim: true }),
            list,
        );
        return;
    }
    let columns = [
        ("", Constraint::Length(3)),
        ("plan.field_what", Constraint::Fill(3)),
        ("plan.field_who", Constraint::Fill(2)),
        ("plan.field_follow_up", Constraint::Length(11)),
        ("plan.field_item", Constraint::Fill(2)),
    ];
    let cut = crate::ui::column_widths(list, &columns);
    let table_rows = rows.iter().filter_map(|id| app.portfolio.action(*id)).map(|a| {
        let follow_up = a.follow_up.map(|d| app.lang.date(d)).unwrap_or_default();
        let (follow_up, style) = if a.is_overdue(app.today) {
            (format!("{}{follow_up}", theme.symbols().overdue), theme.overdue())
        } else if !a.done && app.is_upcoming(a.follow_up) {
            (format!("{}{follow_up}", theme.symbols().soon), theme.warning())
        } else {
            (format!(" {follow_up}"), Style::new())
        };
        let row = Row::new(vec![
            ratatui::text::Text::raw(if a.done { "[x]" } else { "[ ]" }),
            ratatui::text::Text::raw(theme.truncate(&one_line(&a.what), cut[1])),
            ratatui::text::Text::raw(theme.truncate(&one_line(&a.who), cut[2])),
            ratatui::text::Text::styled(follow_up, style),
            ratatui::text::Text::raw(theme.truncate(&short_item_name(app, a), cut[4])),
        ]);
        if a.done { row.style(theme.dim()) } else { row }
    });
    let table = crate::ui::marked_table(app, &columns, table_rows, theme);
    let selected = selected.min(rows.len() - 1);
    let mut state = crate::ui::table_state(selected, rows.len(), list);
    frame.render_stateful_widget(table, list, &mut state);
    let Some(action) = rows.get(selected).and_then(|id| app.portfolio.action(*id)) else { return };
    let none = theme.symbols().none;
    let dash = |s: &str| if s.trim().is_empty() { none.to_owned() } else { one_line(s).into_owned() };
    let label = |k: &str| app.lang.t(k).to_owned();
    let initiative = action.initiative.map_or_else(
        || none.to_owned(),
        |id| match app.portfolio.initiative(id) {
            Some(i) => format!("#{id} {}", one_line(&i.title)),
            None => app.lang.tf("plan.initiative_missing", &[("id", &id)]),
        },
    );
    let mut run = String::new();
    if assessment.is_none() {
        run = action
            .assessment
            .and_then(|id| app.portfolio.assessment(id))
            .map_or_else(|| none.to_owned(), |a| run_title(app, a, theme));
    }
    let mut entries = vec![
        vec![(label("plan.field_how"), dash(&action.how))],
        vec![
            (label("plan.field_when"), dash(&action.when)),
            (label("plan.field_competences"), dash(&action.competences)),
        ],
        vec![(label("plan.field_initiative"), initiative)],
    ];
    if action.item.is_some() {
        entries.push(vec![(label("plan.field_item"), item_name(app, action))]);
    }
    if !run.is_empty() {
        entries.push(vec![(label("plan.run"), run)]);
    }
    let lines = theme.labelled_lines(&entries, usize::from(detail.width), usize::from(detail.height));
    frame.render_widget(Paragraph::new(lines), detail);
}

/// The plan with the question before deleting one of its actions: the register's question,
/// naming the action.
pub fn render_delete(app: &App, frame: &mut Frame, area: Rect, asked: DeleteAction, theme: &Theme) {
    render(app, frame, area, asked.assessment, asked.selected, theme);
    let what = app.portfolio.action(asked.id).map(|a| one_line(&a.what).into_owned()).unwrap_or_default();
    let text = app.lang.tf("plan.delete_text", &[("id", &asked.id), ("what", &what)]);
    let title = app.lang.t("dialog.delete_title");
    question(frame, area, title, &text, app.lang.t("dialog.delete_keys"), theme);
}

pub fn render_form(app: &App, frame: &mut Frame, area: Rect, form: &ActionForm, theme: &Theme) {
    let rect = centred(area, 72, ActionField::ALL.len() as u16 + 5);
    let title = match &form.state.original {
        None => app.lang.t("plan.form_new").to_owned(),
        Some(a) => app.lang.tf("plan.form_edit", &[("id", &a.id)]),
    };
    let inner = framed(frame, rect, &title, app.lang.t("plan.form_hint"), theme);
    let label_width = 20u16;
    let value_width = usize::from(inner.width.saturating_sub(label_width));
    for (ix, field) in ActionField::ALL.iter().enumerate() {
        let y = inner.y + ix as u16;
        if y >= inner.bottom() {
            break;
        }
        let focused = form.state.field() == *field;
        let has_error = focused && form.error.is_some();
        let mut label = app.lang.t(field.key()).to_owned();
        if *field == ActionField::What {
            label.push_str(" *");
        }
        frame.render_widget(
            theme.field_label(&label, usize::from(label_width - 1), focused, has_error),
            Rect { x: inner.x, y, width: label_width, height: 1 },
        );
        let value =
            Rect { x: inner.x + label_width, y, width: inner.width.saturating_sub(label_width), height: 1 };
        let value_style = if focused { theme.selected() } else { Style::new() };
        if field.kind() == FieldKind::Choice {
            let text = match field {
                ActionField::Done => app
                    .lang
                    .t(if form.state.draft.done { "plan.done_yes" } else { "plan.done_no" })
                    .to_owned(),
                _ => match &form.state.draft.item {
                    Some(_) => item_name(app, &form.state.draft),
                    None => app.lang.t("plan.whole_run").to_owned(),
                },
            };
            let text = super::choosing(&text, focused, theme);
            frame.render_widget(Line::styled(theme.truncate(&text, value_width), value_style), value);
            continue;
        }
        let Some(input) = form.state.line(*field) else { continue };
        let text = crate::ui::input_line(frame, value, input, focused, theme);
        if focused {
            frame.render_widget(Line::styled(crate::ui::filled(text, value_width), value_style), value);
        } else if text.is_empty() && *field == ActionField::FollowUp {
            frame.render_widget(Line::styled(app.lang.t("form.placeholder_date"), theme.dim()), value);
        } else {
            frame.render_widget(Line::raw(text), value);
        }
    }
    let y = inner.y + ActionField::ALL.len() as u16 + 1;
    if y < inner.bottom() {
        let hint = match &form.error {
            Some(key) => Line::styled(app.lang.t(key), theme.error()),
            None => Line::styled(app.lang.t("plan.form_dates"), theme.dim()),
        };
        frame.render_widget(hint, Rect { y, height: 1, ..inner });
    }
}
