//! Pane 3: checklist runs (assessments), their results and action plans.
//!
//! ```text
//! ┌ Checklist runs (3) ─────────────────────────────── 1 overdue · 2 due soon ┐
//! │Date       Checklist                  Scope                 Done     Total │ list of runs,
//! │2026-11-12 The innovation journey     Vård- och omsorgs…   13/18      2.8 │ newest first
//! │2026-10-14 Innovation climate         Ledningsgruppen      10/10      3.3 │
//! │                                                                          │
//! │──────────────────────────────────────────────────────────────────────────│
//! │Participants: …                                                           │ the selected run
//! │Note: …                                                                   │
//! │Actions: 2 open, 1 overdue            Skipped template files: …           │
//! └──────────────────────────────────────────────────────────────────────────┘
//! ```
//! The views of one run take the whole body: rating (`rating.rs`), results and comparison
//! (`results.rs`), the action plan and its form (`plan.rs`). The new-run dialog is a box over
//! the list.

mod group;
mod plan;
mod rating;
mod results;

pub use plan::render_delete as render_delete_action;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Wrap};

use super::dialog::{centred, framed};
use super::theme::Theme;
use crate::app::{App, CultureMode, NewRunForm, RunField};
use crate::i18n::Lang;
use crate::model::Assessment;
use crate::scoring;
use crate::text::one_line;

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let p = &app.portfolio;
    let title = app.lang.tf("culture.title", &[("count", &p.assessments.len())]);
    let block = theme
        .bordered()
        .title(Span::styled(format!(" {title} "), theme.heading()))
        .title(follow_up_title(app, theme).right_aligned())
        .border_style(theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The detail takes the rows its lines need, and never more than half the pane.
    let detail = detail_lines(app, usize::from(inner.width), usize::from((inner.height / 2).max(4)), theme);
    let detail_height = u16::try_from(detail.len()).unwrap_or(u16::MAX);
    let [list, detail_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_height)]).areas(inner);
    let runs = app.runs();
    if runs.is_empty() {
        let lines = vec![
            Line::styled(app.lang.t("culture.empty"), theme.dim()),
            Line::raw(""),
            Line::styled(app.lang.t("culture.empty_hint"), theme.dim()),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), list);
    } else {
        render_list(app, frame, list, &runs, theme);
    }
    frame.render_widget(Paragraph::new(detail), detail_area);
}

fn render_list(app: &App, frame: &mut Frame, area: Rect, runs: &[crate::model::Id], theme: &Theme) {
    // The narrow columns are as wide as their longest heading in any of the languages, so
    // the layout is the same in each and no heading is cut ("Gruppe").
    let fit = |key: &str, min: usize| {
        Lang::ALL.iter().map(|l| unicode_width::UnicodeWidthStr::width(l.t(key))).max().unwrap_or(0).max(min)
    };
    let (group_width, total_width) = (fit("culture.column_group", 5), fit("culture.column_total", 5));
    let columns = [
        ("column.date", Constraint::Length(10)),
        ("column.template", Constraint::Fill(3)),
        ("column.scope", Constraint::Fill(2)),
        ("column.answered", Constraint::Length(fit("column.answered", 8) as u16)),
        ("culture.column_group", Constraint::Length(group_width as u16)),
        ("culture.column_total", Constraint::Length(total_width as u16)),
    ];
    let cut = super::column_widths(area, &columns);
    // Only the rows on screen are worked out: a long history stays quick to scroll.
    let selected = app.culture.selected.min(runs.len().saturating_sub(1));
    let mut state = super::table_state(selected, runs.len(), area);
    let visible = usize::from(area.height.saturating_sub(1));
    let shown = state.offset()..(state.offset() + visible).min(runs.len());
    let none = theme.symbols().none;
    let rows = runs.iter().enumerate().filter_map(|(ix, id)| Some((ix, app.portfolio.assessment(*id)?))).map(
        |(ix, a)| {
            if !shown.contains(&ix) {
                return Row::new(Vec::<String>::new());
            }
            let (done, total, group) = match app.run_template(a) {
                Some((t, _)) => {
                    let s = scoring::scores(t, a);
                    let group = if s.group_size > 0 { s.group_size.to_string() } else { none.to_owned() };
                    (
                        format!("{}/{}", s.answered, scoring::slots(t).len()),
                        number(app.lang, s.total, theme),
                        group,
                    )
                }
                None => (
                    format!("{}/?", a.answers.iter().filter(|x| x.score.is_some()).count()),
                    "?".to_owned(),
                    "?".to_owned(),
                ),
            };
            Row::new(vec![
                app.lang.date(a.date),
                theme.truncate(&one_line(&template_name(app, a)), cut[1]),
                theme.truncate(&one_line(&a.scope), cut[2]),
                done,
                format!("{group:>group_width$}"),
                format!("{total:>total_width$}"),
            ])
        },
    );
    frame.render_stateful_widget(super::marked_table(app, &columns, rows, theme), area, &mut state);
}

/// At most `room` lines under the list: a rule, any templates that were skipped, and the
/// selected run's participants, note and actions, wrapped into the rows left.
fn detail_lines(app: &App, width: usize, room: usize, theme: &Theme) -> Vec<Line<'static>> {
    let none = theme.symbols().none;
    let mut lines = vec![Line::styled(theme.symbols().rule.repeat(width), theme.border())];
    let mut skipped = Vec::new();
    let errors = app.template_errors();
    if !errors.is_empty() {
        skipped.push(Line::styled(
            app.lang.tf("template.skipped_list", &[("count", &errors.len())]),
            theme.warning(),
        ));
        for e in errors.iter().take(3) {
            skipped.push(Line::styled(theme.truncate(&one_line(&e.to_string()), width), theme.error()));
        }
    }
    if let Some(a) = app.selected_run().and_then(|id| app.portfolio.assessment(id)) {
        let mut participants = match (a.participants.is_empty(), app.culture.presenting) {
            (true, _) => String::new(),
            (false, true) => app.lang.t("results.hidden_names").to_owned(),
            (false, false) => a.participants.join(", "),
        };
        // Those who gave their own scores are counted, named or not (an imported survey has
        // no list of names): the count is what a presentation may show.
        let respondents = app.run_template(a).map_or(0, |(t, _)| scoring::group::respondents(t, a));
        if respondents > 0 {
            let counted = app.lang.tn("results.participants", respondents, &[]);
            participants = if participants.is_empty() {
                counted
            } else {
                format!("{participants} {} {counted}", theme.symbols().separator)
            };
        }
        if participants.is_empty() {
            none.clone_into(&mut participants);
        }
        let rows = app.plan_rows(Some(a.id));
        let open = rows.iter().filter_map(|id| app.portfolio.action(*id)).filter(|x| !x.done).count();
        let overdue = rows
            .iter()
            .filter_map(|id| app.portfolio.action(*id))
            .filter(|x| x.is_overdue(app.today))
            .count();
        let mut text = app.lang.tf(
            "culture.actions_summary",
            &[
                ("open", &app.lang.tn("culture.open_count", open, &[])),
                ("overdue", &app.lang.tn("plan.overdue_count", overdue, &[])),
            ],
        );
        if let Some(next) = a.next_date.filter(|_| scoring::next_run(&app.portfolio, a).is_none()) {
            let key = if next < app.today { "culture.next_run_overdue" } else { "culture.next_run" };
            let next = app.lang.date(next);
            text = format!("{text} {} {}", theme.symbols().separator, app.lang.tf(key, &[("date", &next)]));
        }
        if let Some(note) = template_note(app, a) {
            text = format!("{text} {} {note}", theme.symbols().separator);
        }
        let run_note = if a.note.is_empty() { none.to_owned() } else { a.note.clone() };
        let entries = [
            vec![(app.lang.t("culture.participants").to_owned(), participants)],
            vec![(app.lang.t("culture.note").to_owned(), run_note)],
            vec![(String::new(), text)],
        ];
        let room = room.saturating_sub(lines.len() + skipped.len());
        lines.extend(theme.labelled_lines(&entries, width, room));
    }
    lines.extend(skipped);
    lines
}

/// Dialogs and views of the pane, drawn over the list.
pub fn render_mode(app: &App, frame: &mut Frame, area: Rect, mode: &CultureMode, theme: &Theme) {
    match mode {
        CultureMode::NewRun(form) => render_new_run(app, frame, area, form, theme),
        CultureMode::Rating(r) => rating::render(app, frame, area, *r, None, theme),
        CultureMode::Note { rating, input } => rating::render(app, frame, area, *rating, Some(input), theme),
        CultureMode::Entry(entry) => rating::render_entry(app, frame, area, entry, theme),
        CultureMode::Results { id, scroll } => results::render_results(app, frame, area, *id, *scroll, theme),
        CultureMode::Comparison { id, scroll } => {
            results::render_comparison(app, frame, area, *id, *scroll, theme);
        }
        CultureMode::Plan { assessment, selected } => {
            plan::render(app, frame, area, *assessment, *selected, theme);
        }
        CultureMode::ActionForm(form) => {
            render_mode(app, frame, area, &form.back, theme);
            plan::render_form(app, frame, area, form, theme);
        }
    }
}

fn render_new_run(app: &App, frame: &mut Frame, area: Rect, form: &NewRunForm, theme: &Theme) {
    let rect = centred(area, 74, 17);
    let title = match form.editing {
        Some(id) => app.lang.tf("culture.edit_run_title", &[("id", &id)]),
        None => app.lang.t("culture.new_run_title").to_owned(),
    };
    let hint = if form.editing.is_some() { "culture.edit_run_hint" } else { "culture.new_run_hint" };
    let inner = framed(frame, rect, &title, app.lang.t(hint), theme);
    // The labels' column fits the longest label in this language ("Neste gjennomgang").
    let longest = RunField::ALL
        .iter()
        .map(|f| unicode_width::UnicodeWidthStr::width(app.lang.t(f.key())))
        .max()
        .unwrap_or(0);
    let label_width = (longest as u16 + 3).max(16);
    let value_width = usize::from(inner.width.saturating_sub(label_width));
    let template = app.culture.catalog.templates.get(form.template);
    for (ix, field) in RunField::ALL.iter().enumerate() {
        let y = inner.y + ix as u16;
        if y >= inner.bottom() {
            break;
        }
        let focused = form.field() == *field;
        let has_error = form.error.is_some()
            && matches!(
                (field, form.error.as_deref()),
                (RunField::Scope, Some("culture.error_scope"))
                    | (RunField::Date, Some("culture.error_date"))
                    | (RunField::NextDate, Some("culture.error_next_date"))
            );
        let label = Rect { x: inner.x, y, width: label_width, height: 1 };
        let text = app.lang.t(field.key());
        frame.render_widget(theme.field_label(text, usize::from(label_width - 1), focused, has_error), label);
        let value =
            Rect { x: inner.x + label_width, y, width: inner.width.saturating_sub(label_width), height: 1 };
        let value_style = if focused { theme.selected() } else { Style::new() };
        let (text, input) = match field {
            RunField::Template => {
                if let Some(run) = form.editing.and_then(|id| app.portfolio.assessment(id)) {
                    (one_line(&template_name(app, run)).into_owned(), None)
                } else {
                    let name = template.map(|t| t.name.get(app.lang.code()).to_owned()).unwrap_or_default();
                    (choosing(&one_line(&name), true, theme), None)
                }
            }
            RunField::Scope if !form.is_custom_scope() => {
                (choosing(&one_line(&form.scopes[form.scope]), true, theme), None)
            }
            RunField::Scope => (String::new(), Some(&form.custom)),
            RunField::Date => (String::new(), Some(&form.date)),
            RunField::Participants => (String::new(), Some(&form.participants)),
            RunField::NextDate => (String::new(), Some(&form.next_date)),
        };
        match input {
            None => frame.render_widget(Line::styled(theme.truncate(&text, value_width), value_style), value),
            Some(input) => {
                let mut text = super::input_line(frame, value, input, focused, theme);
                if focused {
                    text = super::filled(text, value_width);
                } else if text.is_empty() && *field == RunField::Scope {
                    app.lang.t("culture.scope_type_hint").clone_into(&mut text);
                } else if text.is_empty() && *field == RunField::NextDate {
                    app.lang.t("culture.next_date_placeholder").clone_into(&mut text);
                }
                frame.render_widget(Line::styled(text, value_style), value);
            }
        }
    }
    let hint_y = inner.y + RunField::ALL.len() as u16;
    let hint_key = match form.field() {
        RunField::Template => "culture.hint_template",
        RunField::Scope => "culture.hint_scope",
        RunField::Date => "culture.hint_date",
        RunField::Participants => "culture.hint_participants",
        RunField::NextDate => "culture.hint_next_date",
    };
    let mut lines = vec![Line::styled(app.lang.t(hint_key), theme.dim()), Line::raw("")];
    if let Some(t) = template {
        let items = t.items.len();
        let perspectives = t.perspectives.len().max(1);
        let summary = app.lang.tf(
            "culture.template_summary",
            &[
                ("items", &app.lang.tn("count.items", items, &[])),
                ("slots", &app.lang.tn("count.scores", items * perspectives, &[])),
                ("min", &t.scale.min),
                ("max", &t.scale.max),
            ],
        );
        lines.push(Line::styled(summary, theme.heading()));
        lines.push(Line::raw(one_line(t.description.get(app.lang.code())).into_owned()));
        if !t.source.is_empty() {
            lines.push(Line::styled(
                app.lang.tf("culture.source", &[("source", &one_line(&t.source))]),
                theme.dim(),
            ));
        }
    }
    let below = Rect { y: hint_y, height: inner.bottom().saturating_sub(hint_y), ..inner };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), below);
}

/// "Label: value" on one line, cut to `width`.
/// The template's name in the user's language, or its id when the template is missing.
pub(super) fn template_name(app: &App, a: &Assessment) -> String {
    app.run_template(a).map_or_else(|| a.template.clone(), |(t, _)| t.name.get(app.lang.code()).to_owned())
}

/// "Checklist · scope · date" for view titles.
pub(super) fn run_title(app: &App, a: &Assessment, theme: &Theme) -> String {
    let separator = theme.symbols().separator;
    let name = template_name(app, a);
    let (name, scope, date) = (one_line(&name), one_line(&a.scope), app.lang.date(a.date));
    format!("{name} {separator} {scope} {separator} {date}")
}

/// Why a run is read with something other than its stored template copy, if it is.
pub(super) fn template_note(app: &App, a: &Assessment) -> Option<String> {
    let args: [(&str, &dyn std::fmt::Display); 2] = [("id", &a.template), ("version", &a.template_version)];
    match app.run_template(a) {
        Some((_, crate::app::TemplateSource::Stored)) => None,
        Some((_, crate::app::TemplateSource::Installed)) => Some(app.lang.tf("template.not_stored", &args)),
        None => Some(app.lang.tf("template.missing", &args)),
    }
}

/// The follow-up counter shown at the top right of every Culture view.
pub(super) fn follow_up_title<'a>(app: &App, theme: &Theme) -> Line<'a> {
    let (overdue, upcoming) = app.follow_up_counts();
    let mut spans = vec![Span::raw(" ")];
    if overdue > 0 {
        spans.push(Span::styled(app.lang.tn("plan.overdue_count", overdue, &[]), theme.error()));
        spans.push(Span::raw(format!(" {} ", theme.symbols().separator)));
    }
    spans.push(Span::styled(app.lang.tn("plan.upcoming_count", upcoming, &[]), theme.warning()));
    spans.push(Span::raw(" "));
    Line::from(spans)
}

/// A view's frame: the title on top, `status` (e.g. completion) bottom left and the
/// follow-up counter bottom right. Where both do not fit, the view's own status stays and
/// the counter, which every pane shows, gives way; the status is shortened, never cut
/// without a sign.
pub(super) fn view_block<'a>(app: &App, title: &str, status: &str, width: u16, theme: &Theme) -> Block<'a> {
    let room = usize::from(width).saturating_sub(4);
    let mut block = theme
        .bordered()
        .title(Span::styled(format!(" {} ", theme.truncate(title, room)), theme.heading()))
        .border_style(theme.border_focused());
    let counter = follow_up_title(app, theme);
    // Between the corners: the status with a space each side, then the counter (which has
    // its own).
    let status_width = if status.is_empty() { 0 } else { unicode_width::UnicodeWidthStr::width(status) + 2 };
    if status_width + counter.width() <= usize::from(width).saturating_sub(2) {
        block = block.title_bottom(counter.right_aligned());
    }
    if !status.is_empty() {
        block = block.title_bottom(Line::styled(format!(" {} ", theme.truncate(status, room)), theme.key()));
    }
    block
}

/// A value that ←/→ change, between its arrows while it has the focus.
pub(super) fn choosing(value: &str, focused: bool, theme: &Theme) -> String {
    let (left, right) = theme.symbols().choose;
    if focused { format!("{left} {value} {right}") } else { value.to_owned() }
}

/// A bar of `value` within `min..=max`, `width` cells wide; blank without a value.
pub(super) fn bar(value: Option<f64>, min: f64, max: f64, width: usize, theme: &Theme) -> String {
    let Some(v) = value else { return theme.symbols().separator.repeat(width) };
    let filled = (((v - min) / (max - min).max(f64::EPSILON)) * width as f64).round().clamp(0.0, width as f64)
        as usize;
    let (full, empty) = theme.symbols().bar;
    format!("{}{}", full.repeat(filled), empty.repeat(width - filled))
}

/// `text` in `width` columns with `mark` (the reverse item's ⇅) after it: the text is cut
/// to make room, never the mark.
pub(super) fn marked(text: &str, mark: &str, width: usize, theme: &Theme) -> String {
    let room = width.saturating_sub(unicode_width::UnicodeWidthStr::width(mark) + 1);
    format!("{} {mark}", theme.truncate(text, room))
}

/// A mean as text ("3.4", "3,4"), [`Symbols::none`](super::theme::Symbols::none) when there
/// is none.
pub(super) fn number(lang: Lang, value: Option<f64>, theme: &Theme) -> String {
    value.map_or_else(|| theme.symbols().none.to_owned(), |v| lang.decimal(v, 1))
}

#[cfg(test)]
mod tests {
    use crate::action::{Action, CultureAction, Pane};
    use crate::testing::Harness;

    /// The bundled demo in the Culture pane.
    fn demo() -> Harness {
        Harness::sample().on(Pane::Culture)
    }

    fn go(app: &mut Harness, actions: &[CultureAction]) {
        for a in actions {
            app.update(Action::Culture(*a));
        }
    }

    /// Selects the demo's second run (innovation climate, October: it has a predecessor).
    fn select_october(app: &mut Harness) {
        app.update(Action::MoveDown);
    }

    #[test]
    fn list_of_runs() {
        insta::assert_snapshot!(demo().screen());
    }

    #[test]
    fn rating_view_with_perspectives() {
        let mut app = demo();
        go(&mut app, &[CultureAction::OpenRating]);
        app.update(Action::MoveDown);
        app.update(Action::MoveDown);
        app.update(Action::MoveDown);
        insta::assert_snapshot!(app.screen());
    }

    #[test]
    fn results_view() {
        // The March run has the group's agreed scores only: the view without a distribution.
        let mut app = demo();
        select_october(&mut app);
        app.update(Action::MoveDown);
        go(&mut app, &[CultureAction::ShowResults]);
        insta::assert_snapshot!(app.screen());
    }

    #[test]
    fn results_view_half_filled_with_perspectives() {
        // Without the participants' own scores (the group view is tested in tests/app/group.rs).
        let mut app = demo();
        for run in &mut app.portfolio.assessments {
            run.responses.clear();
        }
        go(&mut app, &[CultureAction::ShowResults]);
        insta::assert_snapshot!(app.screen());
    }

    #[test]
    fn facet_orientation_results_beside_the_initiative_mix() {
        let mut app = demo();
        go(&mut app, &[CultureAction::NewRun]);
        let template =
            app.culture.catalog.templates.iter().position(|t| t.id == "facet_orientation").expect("bundled");
        if let crate::app::Mode::Culture(crate::app::CultureMode::NewRun(form)) = &mut app.mode {
            form.template = template;
        }
        go(&mut app, &[CultureAction::Save]);
        for score in [4, 3, 1, 0, 2, 4, 4, 1, 0, 2, 3, 1, 4, 2, 2, 0, 3, 3, 1, 1, 4, 2, 2, 0] {
            go(&mut app, &[CultureAction::SetScore(score)]);
            app.update(Action::MoveDown);
        }
        go(&mut app, &[CultureAction::ShowResults]);
        insta::assert_snapshot!(app.screen());
    }

    /// The views of the October run, each reached by its actions.
    #[test]
    fn views_of_the_october_run() {
        use CultureAction::{EditAction, EditNote, OpenRating, ShowComparison, ShowPlan};
        for (name, actions) in [
            ("rating_view_note_editing", &[OpenRating, EditNote][..]),
            ("comparison_view", &[ShowComparison]),
            ("action_plan_view", &[ShowPlan]),
            ("action_form", &[ShowPlan, EditAction]),
        ] {
            let mut app = demo();
            select_october(&mut app);
            go(&mut app, actions);
            insta::assert_snapshot!(name, app.screen());
        }
    }

    #[test]
    fn new_run_dialog() {
        let mut app = demo();
        go(&mut app, &[CultureAction::NewRun]);
        insta::assert_snapshot!(app.screen());
    }

    #[test]
    fn missing_template_shows_answers_by_item_id() {
        let mut app = demo();
        app.portfolio.templates.clear();
        for a in &mut app.portfolio.assessments {
            a.template_version = 99;
        }
        go(&mut app, &[CultureAction::OpenRating]);
        insta::assert_snapshot!(app.screen());
    }
}
