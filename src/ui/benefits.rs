//! Benefits realisation on screen: the benefits view (list, totals and the chart of planned
//! against realised), the benefit dialogs, and the benefits section of an initiative's detail.
//!
//! ```text
//! ┌ Benefits ──────────────────────────────────────────────────────────────────────┐
//! │9 benefits · 2 overdue · money: SEK 600,000 of SEK 1,200,000 realised (50%)     │ totals
//! │Sorted by initiative · showing all · c: chart time                              │
//! │   #  Benefit                 Owner       Target       Latest      Real.  Due   │ list
//! │▸  4  Lower cost for temps    Anna Berg   SEK 400,000  SEK 210,000   53%  ✓     │
//! │┌ Money planned (•) and realised (⠿), cumulative ────────────────────────────┐  │
//! ││ chart                                                                       │  │ chart
//! │└─────────────────────────────────────────────────────────────────────────────┘  │
//! └────────────────────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Cell, Clear, Paragraph, Row, Table};

use super::dialog::{centred, framed_styled, question};
use super::theme::Theme;
use crate::app::{
    App, BenefitDialog, BenefitEditor, BenefitField, BenefitsView, FieldKind, FormField, MeasureField,
    MeasureLine,
};
use crate::benefits::{self, Trend, due_text, realisation_text, value_text};
use crate::i18n::Scale;
use crate::model::keyed_enum;
use crate::model::{BenefitKind, Initiative};
use crate::text::one_line;
use unicode_width::UnicodeWidthStr;

/// The organisation's currency code, if chosen.
fn currency(app: &App) -> Option<&'static str> {
    app.portfolio.organisation.currency.map(crate::model::Currency::code)
}

/// "money: 50% realised, 600,000 of SEK 1,200,000" and, for a narrow line, "money: 50%
/// realised"; `None` with nothing planned or realised. The unit is written once, after the
/// planned figure.
fn sum_text(app: &App, kind: BenefitKind, planned: f64, realised: f64, unit: &str) -> Option<[String; 2]> {
    if planned == 0.0 && realised == 0.0 {
        return None;
    }
    let lang = app.lang;
    let planned_text = match kind {
        BenefitKind::Money => lang.money(planned, currency(app)),
        _ if unit.is_empty() => lang.amount(planned),
        _ => format!("{} {}", lang.amount(planned), one_line(unit)),
    };
    let percent = if planned == 0.0 {
        "–".to_owned()
    } else {
        lang.percent(benefits::clamp_shown(realised / planned * 100.0), 0)
    };
    let key = format!("benefits.sum_{}", kind.key());
    Some([
        lang.tf(
            &key,
            &[("realised", &lang.amount(realised)), ("planned", &planned_text), ("percent", &percent)],
        ),
        lang.tf(&format!("{key}_short"), &[("percent", &percent)]),
    ])
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, view: &BenefitsView, theme: &Theme) {
    frame.render_widget(Clear, area);
    let lang = app.lang;
    let title = match view.scope.and_then(|id| app.portfolio.initiative(id)) {
        Some(i) => lang.tf("benefits.title_of", &[("id", &i.id), ("title", &one_line(&i.title))]),
        None => lang.t("benefits.title").to_owned(),
    };
    let block = theme
        .bordered()
        .title(Span::styled(
            format!(" {} ", theme.truncate(&title, usize::from(area.width.saturating_sub(6)))),
            theme.heading(),
        ))
        .border_style(theme.border_focused());
    frame.render_widget(block, area);
    let layout = crate::layout::Benefits::new(area, app.grid.presentation);
    summary(app, frame, layout.summary, view, theme);
    table(app, frame, layout.table, view, theme);
    chart(app, frame, layout.chart, view, theme);
    if let Some(dialog) = &view.dialog {
        render_dialog(app, frame, area, dialog, view_initiative(app, view), theme);
    }
}

/// The initiative a dialog over the view is about.
fn view_initiative<'a>(app: &'a App, view: &BenefitsView) -> Option<&'a Initiative> {
    view.scope.or(view.selected_row().map(|r| r.initiative)).and_then(|id| app.portfolio.initiative(id))
}

fn summary(app: &App, frame: &mut Frame, area: Rect, view: &BenefitsView, theme: &Theme) {
    let lang = app.lang;
    let f = &view.figures;
    let mut parts = vec![lang.tn("benefits.count", f.count, &[])];
    if f.overdue > 0 {
        parts.push(lang.tn("benefits.overdue_count", f.overdue, &[]));
    }
    // The sums of what the chart shows (`c` switches both), so the line fits at 80 columns
    // and its figure is the chart's; the other kind's when the chart's has none.
    let sum = |kind: BenefitKind| {
        let (planned, realised) = f.sums.of_kind(kind);
        let unit = if kind == BenefitKind::Time { f.time.headline.shown.as_str() } else { "" };
        sum_text(app, kind, planned, realised, unit).map(|text| (kind, text))
    };
    let chart = view.chart_kind();
    let other = if chart == BenefitKind::Money { BenefitKind::Time } else { BenefitKind::Money };
    let width = usize::from(area.width);
    let mut first = parts.join(" · ");
    if let Some((kind, [full, short])) = sum(chart).or_else(|| sum(other)) {
        // Time in other units is named beside the time figure (never added to it), and kept
        // when the line has to be shortened.
        let time = kind == BenefitKind::Time;
        let line_with =
            |sum: &str, short: bool| match benefits::apart_text(lang, &f.time, short).filter(|_| time) {
                Some(apart) => format!("{first} · {sum} · {apart}"),
                None => format!("{first} · {sum}"),
            };
        first = [line_with(&full, false), line_with(&short, false)]
            .into_iter()
            .find(|line| line.width() <= width)
            .unwrap_or_else(|| line_with(&short, true));
    }
    let first = Line::styled(theme.truncate(&first, width), theme.heading());
    let chart = lang.t(if chart == BenefitKind::Money {
        "benefits.chart_key_time"
    } else {
        "benefits.chart_key_money"
    });
    // `c` is offered only where the other kind has figures to draw.
    let line_key =
        if view.other_chart().is_some() { "benefits.view_line" } else { "benefits.view_line_no_chart" };
    let second = lang.tf(
        line_key,
        &[
            ("sort", &lang.t(view.sort.key())),
            ("filter", &lang.t(&view.filter.key()).to_lowercase()),
            ("shown", &view.rows.len()),
            ("chart", &chart),
        ],
    );
    let second = Line::styled(theme.truncate(&second, width), theme.dim());
    frame.render_widget(Paragraph::new(vec![first, second]), area);
}

keyed_enum! {
    /// A column of the benefits list beside the number and the benefit's name, left to
    /// right; its key is the catalog key of its header.
    enum Column {
        Owner = "benefits.col_owner",
        Target = "benefits.col_target",
        Latest = "benefits.col_latest",
        Realisation = "benefits.col_realisation",
        Due = "benefits.col_due",
    }
}

impl Column {
    /// Which leave first when the list is narrow: the owner (the detail has it), then the
    /// latest reading (the realisation sums it up), then the target and the due date.
    const LEAVING: [Column; 4] = [Column::Owner, Column::Latest, Column::Target, Column::Due];

    fn width(self) -> u16 {
        match self {
            Column::Owner | Column::Latest => 11,
            Column::Target => 13,
            Column::Realisation => 5,
            Column::Due => 10,
        }
    }
}

/// The number's column.
const ID: u16 = 4;
/// The benefit's name gets at least this much before other columns leave.
const MIN_TITLE: u16 = 16;

/// The columns a list `width` wide shows, and the width left for the benefit's name: the
/// name is what a meeting reads, so the others leave (`Column::LEAVING`) before it is cut
/// below `MIN_TITLE`.
fn columns(width: u16, presentation: bool) -> (Vec<Column>, u16) {
    let mut shown: Vec<Column> =
        Column::ALL.into_iter().filter(|c| !(presentation && *c == Column::Owner)).collect();
    // Each column after the first takes its width and one space before it.
    let used = |shown: &[Column]| ID + shown.iter().map(|c| c.width() + 1).sum::<u16>() + 1;
    for leaving in Column::LEAVING {
        if width >= used(&shown) + MIN_TITLE {
            break;
        }
        shown.retain(|c| *c != leaving);
    }
    (shown.clone(), width.saturating_sub(used(&shown)))
}

fn table(app: &App, frame: &mut Frame, area: Rect, view: &BenefitsView, theme: &Theme) {
    let lang = app.lang;
    if view.rows.is_empty() {
        let key = match (view.figures.count, view.scope) {
            (0, Some(_)) => "benefits.empty_initiative",
            (0, None) => "benefits.empty",
            _ => "benefits.empty_filter",
        };
        let text = Paragraph::new(lang.t(key)).style(theme.dim()).wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(text, area);
        return;
    }
    let visible = usize::from(area.height.saturating_sub(1));
    let offset = crate::layout::scroll(view.offset, view.selected, view.rows.len(), visible);
    let currency = currency(app);
    let today = app.today;
    let (shown, title_width) = columns(area.width, app.grid.presentation);
    let title_width = usize::from(title_width);
    // Every cut text ends in "…", so a cut word does not read as another word.
    let cut = |text: String, width: u16| theme.truncate(&text, usize::from(width));
    let rows = view.rows.iter().enumerate().skip(offset).take(visible).filter_map(|(ix, row)| {
        let b = app.benefit(row.initiative, row.benefit)?;
        let selected = ix == view.selected;
        let title = if view.scope.is_some() {
            one_line(&b.title).into_owned()
        } else {
            format!("#{} {}", row.initiative, one_line(&b.title))
        };
        let mut cells = vec![
            Cell::from(format!("{}{:>3}", theme.mark(selected), b.id)),
            Cell::from(theme.truncate(&title, title_width)),
        ];
        for column in &shown {
            let width = column.width();
            cells.push(match column {
                Column::Owner => {
                    let owner = if b.owner.trim().is_empty() {
                        "—".to_owned()
                    } else {
                        one_line(&b.owner).into_owned()
                    };
                    Cell::from(cut(owner, width))
                }
                Column::Target => Cell::from(cut(
                    b.target.value.map_or_else(|| "—".to_owned(), |v| value_text(lang, b, v, currency)),
                    width,
                )),
                Column::Latest => {
                    // The target names the unit; the latest reading beside it is the bare
                    // figure. The arrow is the way the value went, as a reader sees the
                    // figures (a cost that fell points down); better or worse is its colour.
                    let latest = benefits::latest(b, None)
                        .and_then(|m| m.value)
                        .map_or_else(|| "—".to_owned(), |v| lang.amount(v));
                    let arrow = match benefits::last_change(b) {
                        Some(change) if change > 0.0 => " ↑",
                        Some(change) if change < 0.0 => " ↓",
                        Some(_) | None => "",
                    };
                    let arrow_style = match benefits::trend(b) {
                        Some(Trend::Better) => theme.info(),
                        Some(Trend::Worse) => theme.warning(),
                        Some(Trend::Unchanged) | None => Style::new(),
                    };
                    Cell::from(Line::from(vec![
                        Span::raw(cut(latest, width - u16::try_from(arrow.chars().count()).unwrap_or(0))),
                        Span::styled(arrow, arrow_style),
                    ]))
                }
                Column::Realisation => Cell::from(format!("{:>5}", realisation_text(lang, b))),
                Column::Due => {
                    let due = benefits::due(b, today);
                    Cell::from(Span::styled(
                        cut(due_text(lang, due), width),
                        if due.is_overdue() { theme.warning() } else { Style::new() },
                    ))
                }
            });
        }
        let row = Row::new(cells);
        Some(if selected { row.style(theme.selected()) } else { row })
    });
    let header = [lang.t("benefits.col_id"), lang.t("benefits.col_benefit")]
        .into_iter()
        .chain(shown.iter().map(|c| lang.t(c.key())))
        .map(|h| Cell::from(h.to_owned()));
    let widths = [Constraint::Length(ID), Constraint::Fill(1)]
        .into_iter()
        .chain(shown.iter().map(|c| Constraint::Length(c.width())));
    let table = Table::new(rows, widths).header(Row::new(header).style(theme.heading())).column_spacing(1);
    frame.render_widget(table, area);
}

/// Planned against realised at the end of each year, as pairs of bars: planned on the left
/// (dim), realised on the right, each with its figure. As many years as fit, the latest.
fn chart(app: &App, frame: &mut Frame, area: Rect, view: &BenefitsView, theme: &Theme) {
    const GROUP_GAP: u16 = 2;
    let lang = app.lang;
    let kind = view.chart_kind();
    let base = match kind {
        BenefitKind::Money => currency(app).map(|c| lang.currency_symbol(c)),
        _ if view.figures.time.headline.shown.is_empty() => None,
        _ => Some(view.figures.time.headline.shown.clone()),
    };
    // Nothing is realised in a year still to come: its realised bar is left out.
    let this_year = app.today.year();
    let years: Vec<(i16, f64, f64)> = view
        .figures
        .timeline
        .years()
        .into_iter()
        .map(|(year, sums)| {
            let (planned, realised) = sums.of_kind(kind);
            (year, planned, if year > this_year { 0.0 } else { realised })
        })
        .collect();
    let scale = Scale::for_largest(years.iter().map(|(_, p, r)| p.abs().max(r.abs())).fold(0.0, f64::max));
    let unit = match (scale, base) {
        (Scale::Ones, None) => String::new(),
        (Scale::Ones, Some(base)) => format!(" ({base})"),
        (_, base) => {
            let key =
                if scale == Scale::Millions { "benefits.chart_millions" } else { "benefits.chart_thousands" };
            let words = base.map_or_else(
                || lang.t(&format!("{key}_plain")).to_owned(),
                |base| lang.tf(key, &[("unit", &base)]),
            );
            format!(" ({words})")
        }
    };
    let [title, bars] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let text = lang.tf(&format!("benefits.chart_{}", kind.key()), &[("unit", &unit)]);
    frame
        .render_widget(Line::styled(theme.truncate(&text, usize::from(title.width)), theme.heading()), title);
    if years.iter().all(|(_, p, r)| *p == 0.0 && *r == 0.0) {
        let text = Paragraph::new(lang.t("benefits.chart_empty"))
            .style(theme.dim())
            .wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(text, bars);
        return;
    }
    // Bars 3 to 8 columns wide; years that do not fit leave from the left.
    let fits = usize::from((bars.width + GROUP_GAP) / (6 + GROUP_GAP)).max(1);
    let shown = &years[years.len().saturating_sub(fits)..];
    let count = u16::try_from(shown.len()).unwrap_or(1).max(1);
    let width = (bars.width.saturating_sub((count - 1) * GROUP_GAP) / (2 * count)).clamp(3, 8);
    let height = |v: f64| if v.is_finite() && v > 0.0 { v.round() as u64 } else { 0 };
    let top = shown.iter().map(|(_, p, r)| height(*p).max(height(*r))).max().unwrap_or(1).max(1);
    let groups: Vec<BarGroup> = shown
        .iter()
        .map(|(year, planned, realised)| {
            // A figure as wide as its bar would touch its neighbour's ("3 0003 750"): only the
            // realised one keeps it, as the gap after it keeps it apart, or the planned one
            // when nothing realised is drawn beside it.
            let fits = |v: f64, neighbour_drawn: bool| {
                let text = lang.scaled(v, scale);
                let w = text.width();
                if w < usize::from(width) || (w == usize::from(width) && !neighbour_drawn) {
                    text
                } else {
                    String::new()
                }
            };
            let labels = [fits(*planned, height(*realised) > 0), fits(*realised, false)];
            let bar = |v: f64, label: &str, style: Style| {
                Bar::default()
                    .value(height(v))
                    .text_value(label.to_owned())
                    .style(style)
                    .value_style(style.add_modifier(ratatui::style::Modifier::REVERSED))
            };
            BarGroup::default()
                .label(Line::from(year.to_string()).centered())
                .bars(&[bar(*planned, &labels[0], theme.dim()), bar(*realised, &labels[1], theme.info())])
        })
        .collect();
    let mut chart = BarChart::default().bar_width(width).bar_gap(0).group_gap(GROUP_GAP).max(top);
    for group in groups {
        chart = chart.data(group);
    }
    frame.render_widget(chart, bars);
}

/// A benefit dialog over `area`: the editor, the measurement line, or a question. The texts
/// that name the initiative (the editor's title, the delete question) are worked out here.
pub fn render_dialog(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    dialog: &BenefitDialog,
    initiative: Option<&Initiative>,
    theme: &Theme,
) {
    let lang = app.lang;
    match dialog {
        BenefitDialog::Edit(editor) => {
            // Nothing not yet saved has a number: a new initiative's draft and its benefits
            // are numbered 0 until the form is saved.
            let title = match (&editor.state.original, initiative.filter(|i| i.id != 0)) {
                (Some(b), _) if b.id != 0 => {
                    lang.tf("benefits.edit_title", &[("id", &b.id), ("title", &one_line(&b.title))])
                }
                (Some(b), _) if !b.title.trim().is_empty() => one_line(&b.title).into_owned(),
                (None, Some(i)) => lang.tf("benefits.new_title", &[("id", &i.id)]),
                _ => lang.t("benefits.new_title_plain").to_owned(),
            };
            render_editor(app, frame, area, editor, &title, theme);
            if editor.confirm_discard {
                question(
                    frame,
                    area,
                    lang.t("dialog.discard_title"),
                    lang.t("benefits.discard_text"),
                    lang.t("benefits.discard_keys"),
                    theme,
                );
            }
        }
        BenefitDialog::Measure(line) => render_measure(app, frame, area, line, theme),
        BenefitDialog::Delete(id) => {
            let b = initiative.and_then(|i| i.benefits.iter().find(|b| b.id == *id));
            let title = b.map(|b| one_line(&b.title).into_owned()).unwrap_or_default();
            let count = b.map_or(0, |b| b.measurements.len());
            let text = lang.tf("benefits.delete_text", &[("id", id), ("title", &title), ("count", &count)]);
            question(
                frame,
                area,
                lang.t("benefits.delete_title"),
                &text,
                lang.t("dialog.delete_keys"),
                theme,
            );
        }
    }
}

/// A benefit dialog's frame at `rect`, titled, with the hint at its foot, or what is wrong
/// (a catalog key) in the error colour; the area inside.
fn framed_with_error(
    app: &App,
    frame: &mut Frame,
    rect: Rect,
    title: &str,
    (hint, error): (&str, Option<&str>),
    theme: &Theme,
) -> Rect {
    let hint = app.lang.t(error.unwrap_or(hint));
    let hint_style = if error.is_some() { theme.error() } else { theme.dim() };
    let room = usize::from(rect.width.saturating_sub(6));
    let (title, hint) = (theme.truncate(title, room), theme.truncate(hint, room));
    framed_styled(frame, rect, &title, (&hint, hint_style), theme)
}

const LABEL_WIDTH: usize = 23;

fn render_editor(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    editor: &BenefitEditor,
    title: &str,
    theme: &Theme,
) {
    let lang = app.lang;
    let rect = centred(area, 74, BenefitField::ALL.len() as u16 + 4);
    let error = editor.error.map(|e| e.key);
    let inner = framed_with_error(app, frame, rect, title, ("benefits.editor_hint", error), theme);
    let width = usize::from(inner.width).saturating_sub(LABEL_WIDTH);
    for (ix, field) in BenefitField::ALL.iter().enumerate() {
        let Some(y) = inner.y.checked_add(ix as u16).filter(|y| *y < inner.bottom()) else { break };
        let focused = editor.state.field() == *field;
        let label_style = theme.label(focused, editor.error.is_some_and(|e| e.field == *field));
        let label =
            theme.truncate(&format!("{} {}", theme.mark(focused), lang.t(field.key())), LABEL_WIDTH - 1);
        let row = Rect { y, height: 1, ..inner };
        frame.render_widget(Line::styled(format!("{label:<LABEL_WIDTH$}"), label_style), row);
        let value = Rect { x: row.x + LABEL_WIDTH as u16, width: width as u16, ..row };
        let style = if focused { theme.selected() } else { Style::new() };
        if field.kind() == FieldKind::Choice {
            let current = lang.t(&editor.choice_label(*field)).to_owned();
            let text = if focused { format!("◂ {current} ▸") } else { current };
            frame.render_widget(Line::styled(theme.truncate(&text, width), style), value);
        } else if let Some(input) = editor.state.line(*field) {
            let text = super::input_line(frame, value, input, focused, theme);
            let suggestions = if focused { editor.suggestions(*field) } else { Vec::new() };
            frame.render_widget(
                super::editor::typed_with_suggestions(text, focused, &suggestions, width, theme),
                value,
            );
        }
    }
    if let Some(y) = inner.y.checked_add(BenefitField::ALL.len() as u16).filter(|y| *y < inner.bottom()) {
        // A time unit the other time benefits do not use matters more than the count.
        let count = editor.state.draft.measurements.len();
        let (text, style) = editor.unit_apart().map_or_else(
            || (lang.tf("benefits.editor_measurements", &[("count", &count)]), theme.dim()),
            |unit| (lang.tf("benefits.unit_apart", &[("unit", &unit)]), theme.warning()),
        );
        frame.render_widget(
            Line::styled(theme.truncate(&text, usize::from(inner.width)), style),
            Rect { y, height: 1, ..inner },
        );
    }
}

fn render_measure(app: &App, frame: &mut Frame, area: Rect, line: &MeasureLine, theme: &Theme) {
    let lang = app.lang;
    let height = 3;
    let rect = Rect {
        y: area.bottom().saturating_sub(height + 1),
        height,
        ..centred(area, area.width.saturating_sub(4), height)
    };
    let unit = if line.unit.trim().is_empty() {
        String::new()
    } else {
        format!(" ({})", one_line(line.unit.trim()))
    };
    let title = lang
        .tf("measure.title", &[("id", &line.benefit), ("title", &one_line(&line.title)), ("unit", &unit)]);
    let error = line.error.map(|e| e.key);
    let inner = framed_with_error(app, frame, rect, &title, ("measure.hint", error), theme);
    // Date and value get what they need; the note takes the rest.
    let mut x = inner.x;
    for field in MeasureField::ALL {
        let Some(input) = line.lines.get(field) else { continue };
        let label = format!("{} ", lang.t(field.key()));
        let label_width = unicode_width::UnicodeWidthStr::width(label.as_str()) as u16;
        let room = inner.right().saturating_sub(x + label_width);
        let width = match field {
            MeasureField::Date => 11.min(room),
            MeasureField::Value => 14.min(room),
            MeasureField::Note => room,
        };
        let focused = line.field() == field;
        let label_style = theme.label(focused, line.error.is_some_and(|e| e.field == field));
        frame.render_widget(Line::styled(label, label_style), Rect { x, width: label_width, ..inner });
        let value = Rect { x: x + label_width, width, ..inner };
        let text = super::input_line(frame, value, input, focused, theme);
        let style = if focused { theme.selected() } else { theme.border() };
        frame.render_widget(Line::styled(super::filled(text, usize::from(width)), style), value);
        x = value.right() + 1;
    }
}
