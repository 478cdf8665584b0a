//! Pane 1: the four-facet grid (docs/domain.md §1), the OPSI diamond turned 45° so neighbours
//! stay neighbours, with the type of change between each pair of neighbours on their edge and
//! the two axes on the sides. Mixed and unplaced initiatives stay in view in a strip below.
//!
//! ```text
//!  Tendency: balanced: strong in all four facets         [weighted by priority] [presentation]
//!  Filter: Adaptive · “aldre”   (F clears)                                (when filtered)
//!  ↑ directed                       ◂ transformative ▸
//! ┌ Mission-oriented · 5 active · 28% ───┐┌ Anticipatory · 3 active · 17% ───────┐
//! │How do we reach an ambitious goal?    ││What could change what we do at all?  │
//! │#3   Fossilfria kommunala transpor…  4││#9   Framtidsscenarier 2040 för vä…  2 │
//! └──────────────────────────── 1–3 of 6 ┘└ ▲ new initiatives needed here ───────┘
//!  ← certainty      ▴ sustaining ▾                ▴ disruptive ▾     uncertainty →
//! ┌ Enhancement-oriented · … ────────────┐┌ Adaptive · … ────────────────────────┐
//! │…                                     ││…                                     │
//! └──────────────────────────────────────┘└──────────────────────────────────────┘
//!  ↓ undirected                      ◂ optimising ▸
//! ┌ Mixed and unplaced · 2 active · 11% ─────────────────────────────────────────┐
//! │#7   Ungdomsbudget – unga bestämmer över 500 000 kronor              Mixed   2│
//! └──────────────────────────────────────────────────────────────────────────────┘
//! ```
//! Each row: number, title, (owner when wide and not presenting), status mark (‖ paused,
//! ✓ completed, × stopped) and lifecycle stage 1–6. `b` puts each cell's stage and track
//! breakdown in place of its question. `z` shows the selected cell alone, double-spaced when
//! it fits, with its full question, the breakdown and more columns.
//!
//! Only the rows on screen are built; a cell scrolls a page at a time so the selection stays
//! in view without any scroll state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::theme::{self, Theme, truncate};
use crate::app::App;
use crate::balance::STRIP;
use crate::layout;
use crate::model::{Facet, Initiative, Stage, Status};
use crate::placement::ChangeType;
use crate::text::one_line;

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let header = header(app, usize::from(area.width), theme);
    let [head, body] =
        Layout::vertical([Constraint::Length(header.len() as u16), Constraint::Fill(1)]).areas(area);
    frame.render_widget(Paragraph::new(header), head);
    if app.grid.zoom {
        render_cell(app, frame, body, app.grid.cell, true, theme);
        return;
    }
    let strip_height = if body.height >= 30 { 7 } else { 4 };
    let [top_axis, top, middle_axis, bottom, bottom_axis, strip] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(strip_height),
    ])
    .areas(body);
    let [tl, tr] = Layout::horizontal([Constraint::Fill(1); 2]).areas(top);
    let [bl, br] = Layout::horizontal([Constraint::Fill(1); 2]).areas(bottom);
    for (cell, rect) in [tl, tr, bl, br, strip].into_iter().enumerate() {
        render_cell(app, frame, rect, cell, false, theme);
    }

    let width = usize::from(body.width);
    let junction = usize::from(tr.x - body.x);
    let left_centre = junction / 2;
    let right_centre = junction + usize::from(tr.width) / 2;
    let t = |key: &str| app.lang.t(key).to_owned();
    let edge = |change: ChangeType, key: &str| {
        let name = app.lang.t(&format!("change_type.{}", change.key()));
        app.lang.tf(key, &[("change", &name)])
    };
    let axis = theme.dim();
    let change = theme.heading();
    let across = "grid.edge_across";
    let down = "grid.edge_down";
    let lines = [
        (
            top_axis,
            vec![
                Label::centred(junction, edge(ChangeType::Transformative, across), change),
                Label::at(1, t("grid.axis_directed"), axis),
            ],
        ),
        (
            middle_axis,
            vec![
                Label::centred(left_centre, edge(ChangeType::Sustaining, down), change),
                Label::centred(right_centre, edge(ChangeType::Disruptive, down), change),
                Label::at(1, t("grid.axis_certainty"), axis),
                Label::right(width, t("grid.axis_uncertainty"), axis),
            ],
        ),
        (
            bottom_axis,
            vec![
                Label::centred(junction, edge(ChangeType::Optimising, across), change),
                Label::at(1, t("grid.axis_undirected"), axis),
            ],
        ),
    ];
    for (rect, labels) in lines {
        frame.render_widget(label_line(width, labels), rect);
    }
}

/// The tendency (with the view options in force) and, when set, the filter.
fn header(app: &App, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let grid = &app.grid;
    let mut badges = Vec::new();
    if grid.weighted {
        let key = if grid.by_money { "grid.weighted_money" } else { "grid.weighted" };
        badges.push(format!("[{}]", app.lang.t(key)));
    }
    if grid.presentation {
        badges.push(format!("[{}]", app.lang.t("grid.presentation")));
    }
    let badges = badges.join(" ");
    let badge_width = badges.width();
    let words = grid.balance.tendency(grid.weighted).words(app.lang);
    let tendency = app.lang.tf("grid.tendency", &[("words", &words)]);
    let room = width.saturating_sub(badge_width + 2);
    let tendency = truncate(&tendency, room);
    let pad = width.saturating_sub(tendency.width() + badge_width + 1);
    let mut lines = vec![Line::from(vec![
        Span::styled(format!(" {tendency}"), theme.heading()),
        Span::raw(" ".repeat(pad)),
        Span::styled(badges, theme.warning()),
    ])];
    if !app.filter.is_empty() {
        let summary = super::filter_summary(app);
        lines.push(Line::styled(format!(" {}", truncate(&summary, width.saturating_sub(1))), theme.key()));
    }
    lines
}

/// A label for an axis line: where it starts and what it says.
struct Label {
    start: usize,
    text: String,
    style: Style,
}

impl Label {
    fn at(start: usize, text: String, style: Style) -> Self {
        Self { start, text, style }
    }

    fn centred(centre: usize, text: String, style: Style) -> Self {
        Self { start: centre.saturating_sub(text.width() / 2), text, style }
    }

    fn right(end: usize, text: String, style: Style) -> Self {
        Self { start: end.saturating_sub(text.width()), text, style }
    }
}

/// One line with labels at their places; a label that would touch one placed before it (or
/// not fit) is left out, so long translations never garble each other.
fn label_line(width: usize, labels: Vec<Label>) -> Line<'static> {
    let mut placed: Vec<Label> = Vec::new();
    for label in labels {
        let end = label.start + label.text.width();
        let clashes = placed.iter().any(|p| label.start <= p.start + p.text.width() && p.start <= end);
        if end <= width && !clashes {
            placed.push(label);
        }
    }
    placed.sort_by_key(|l| l.start);
    let mut spans = Vec::new();
    let mut x = 0;
    for label in placed {
        spans.push(Span::raw(" ".repeat(label.start - x)));
        x = label.start + label.text.width();
        spans.push(Span::styled(label.text, label.style));
    }
    Line::from(spans)
}

/// One cell of the grid (0–3) or the strip (4); `zoomed` when it fills the pane.
fn render_cell(app: &App, frame: &mut Frame, area: Rect, cell: usize, zoomed: bool, theme: &Theme) {
    let grid = &app.grid;
    let focused = grid.cell == cell;
    let facet = Facet::GRID.get(cell).copied();
    let inner_width = usize::from(area.width.saturating_sub(2));
    let name =
        facet.map_or_else(|| app.lang.t("portfolio.strip"), |f| app.lang.t(&format!("facet.{}", f.key())));
    let shares = grid.balance.shares(grid.weighted);
    let args: [(&str, &dyn std::fmt::Display); 3] =
        [("facet", &name), ("count", &grid.balance.counts[cell]), ("share", &shares[cell])];
    let mut title = app.lang.tf("grid.cell_title", &args);
    if title.width() + 2 > inner_width {
        title = app.lang.tf("grid.cell_title_short", &args);
    }
    let title_style = if focused { theme.heading() } else { Style::new().bold() };
    let mut block = Block::bordered()
        .title(Span::styled(format!(" {} ", truncate(&title, inner_width.saturating_sub(2))), title_style))
        .border_style(if focused { theme.border_focused() } else { theme.border() });
    let needs_new = cell < STRIP && grid.balance.needs_new(grid.weighted)[cell];
    let mut bottom_room = inner_width.saturating_sub(2);
    if needs_new {
        let text = truncate(app.lang.t("grid.needed"), bottom_room);
        bottom_room = bottom_room.saturating_sub(text.width() + 3);
        block = block.title_bottom(Span::styled(format!(" {text} "), theme.warning()));
    } else if zoomed {
        let text = truncate(app.lang.t("grid.zoomed_keys"), bottom_room.saturating_sub(16));
        bottom_room = bottom_room.saturating_sub(text.width() + 3);
        block = block.title_bottom(Span::styled(format!(" {text} "), theme.dim()));
    }

    if zoomed {
        block = block.padding(ratatui::widgets::Padding::horizontal(1));
    }
    let inner = block.inner(area);
    let inner_width = usize::from(inner.width);
    let ids = app.grid_cell_ids(cell);
    let mut lines: Vec<Line> = Vec::new();
    let show_breakdown = grid.breakdown || zoomed;
    let question_key = facet.map_or("mixed", Facet::key);
    // The full question when it fits (always when zoomed), else the short one.
    let long = app.lang.t(&format!("facet_question.{question_key}_long"));
    let question = if zoomed || long.width() <= inner_width {
        long
    } else {
        app.lang.t(&format!("facet_question.{question_key}"))
    };
    if zoomed || (!show_breakdown && inner.height >= 3) {
        lines.push(Line::styled(truncate(question, inner_width), theme.dim().italic()));
    }
    if show_breakdown && inner.height >= 4 {
        lines.extend(breakdown(app, cell, inner_width, theme));
    }
    if zoomed {
        lines.push(Line::raw(""));
    }
    let list_height = usize::from(inner.height).saturating_sub(lines.len());
    if ids.is_empty() {
        lines.push(Line::styled(truncate(app.lang.t("portfolio.cell_empty"), inner_width), theme.dim()));
    } else if list_height > 0 {
        // Double-spaced when zoomed and everything fits: easier to read on a projector.
        let spaced = zoomed && ids.len() * 2 <= list_height;
        let per_page = if spaced { list_height / 2 } else { list_height };
        let selected = grid.rows[cell].min(ids.len() - 1);
        let shown = layout::window(layout::scroll(0, selected, ids.len(), per_page), ids.len(), per_page);
        let (first, last) = (shown.start, shown.end);
        for (ix, id) in ids[first..last].iter().enumerate() {
            let Some(initiative) = app.portfolio.initiative(*id) else { continue };
            let is_selected = focused && first + ix == selected;
            lines.push(row(app, initiative, inner_width, cell == STRIP, zoomed, is_selected, theme));
            if spaced {
                lines.push(Line::raw(""));
            }
        }
        if ids.len() > per_page {
            let text =
                app.lang.tf("grid.rows", &[("from", &(first + 1)), ("to", &last), ("count", &ids.len())]);
            if text.width() + 2 <= bottom_room {
                block = block.title_bottom(Line::styled(format!(" {text} "), theme.dim()).right_aligned());
            }
        }
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Active initiatives of a cell by stage and by track.
fn breakdown(app: &App, cell: usize, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let b = &app.grid.balance.breakdown[cell];
    let stages = |wide: bool| {
        let parts: Vec<String> = Stage::ALL
            .iter()
            .zip(b.stages)
            .map(|(stage, n)| {
                if wide {
                    format!("{} {n}", app.lang.t(&format!("stage_short.{}", stage.key())))
                } else {
                    format!("{}:{n}", stage.number())
                }
            })
            .collect();
        format!("{} {}", app.lang.t("grid.by_stage"), parts.join(if wide { " · " } else { " " }))
    };
    // Stage names when they fit, numbers otherwise.
    let wide = stages(true);
    let stages = if wide.width() <= width { wide } else { stages(false) };
    let tracks = [("track.local", b.tracks[0]), ("track.radical", b.tracks[1]), ("track.none", b.tracks[2])]
        .iter()
        .map(|(key, n)| format!("{} {n}", app.lang.t(key)))
        .collect::<Vec<_>>()
        .join(" · ");
    let tracks = format!("{} {tracks}", app.lang.t("grid.by_track"));
    vec![
        Line::styled(truncate(&stages, width), theme.key()),
        Line::styled(truncate(&tracks, width), theme.key()),
    ]
}

/// One initiative: number, title, then the columns that fit, status mark and stage.
fn row(
    app: &App,
    i: &Initiative,
    width: usize,
    in_strip: bool,
    zoomed: bool,
    selected: bool,
    theme: &Theme,
) -> Line<'static> {
    let presenting = app.grid.presentation;
    let number = format!("{}#{:<3} ", theme::mark(selected), i.id);
    let mark = match i.status {
        Status::Active => "",
        Status::Paused => "‖",
        Status::Stopped => "×",
        Status::Completed => "✓",
    };
    let mut columns: Vec<(String, usize)> = Vec::new();
    if in_strip {
        columns.push((app.lang.t(&format!("facet_short.{}", i.facet.key())).to_owned(), 10));
    }
    if zoomed {
        columns.push((app.lang.t(&format!("stage_short.{}", i.stage.key())).to_owned(), 15));
        columns.push((app.lang.t(&format!("status.{}", i.status.key())).to_owned(), 10));
    }
    if !presenting && (zoomed || width >= 64) {
        columns.push((one_line(&i.owner).into_owned(), 18));
        if zoomed {
            columns.push((one_line(&i.unit).into_owned(), 18));
        }
    }
    // Zoomed rows spell stage and status out in columns.
    let marker =
        if zoomed { String::new() } else { format!(" {:>2}", format!("{mark}{}", i.stage.number())) };
    let mut fixed = number.width() + marker.width();
    // Columns go from the right when the title would get too narrow for them.
    let min_title = if zoomed { 32 } else { 16 };
    while !columns.is_empty()
        && width.saturating_sub(fixed + columns.iter().map(|c| c.1 + 1).sum::<usize>()) < min_title
    {
        columns.pop();
    }
    fixed += columns.iter().map(|c| c.1 + 1).sum::<usize>();
    let room = width.saturating_sub(fixed);
    let title = truncate(&one_line(&i.title), room);
    let mut text = format!("{number}{title}{}", " ".repeat(room.saturating_sub(title.width())));
    for (value, w) in columns {
        let value = truncate(&value, w);
        text.push(' ');
        text.push_str(&value);
        text.push_str(&" ".repeat(w.saturating_sub(value.width())));
    }
    text.push_str(&marker);
    let style = if selected {
        theme.selected()
    } else if i.is_active() {
        Style::new()
    } else {
        theme.dim()
    };
    Line::styled(text, style)
}

#[cfg(test)]
mod tests {
    use crate::action::{Action, GridAction, Pane};
    use crate::model::{CreatedTo, Facet, Initiative, Portfolio, Status};
    use crate::testing::Harness;

    /// The bundled demo portfolio in the Portfolio pane.
    fn demo() -> Harness {
        Harness::sample().on(Pane::Portfolio)
    }

    fn grid(app: &mut Harness, action: GridAction) {
        app.update(Action::Grid(action));
    }

    #[test]
    fn demo_grid_at_80x24() {
        insta::assert_snapshot!(demo().render(80, 24));
    }

    #[test]
    fn demo_grid_at_160x48() {
        insta::assert_snapshot!(demo().render(160, 48));
    }

    #[test]
    fn presentation_at_80x24_and_160x48() {
        let mut app = demo();
        grid(&mut app, GridAction::TogglePresentation);
        insta::assert_snapshot!("presentation_80x24", app.render(80, 24));
        insta::assert_snapshot!("presentation_160x48", app.render(160, 48));
    }

    #[test]
    fn zoom_at_80x24_and_160x48() {
        let mut app = demo();
        grid(&mut app, GridAction::ToggleZoom);
        insta::assert_snapshot!("zoom_80x24", app.render(80, 24));
        insta::assert_snapshot!("zoom_160x48", app.render(160, 48));
        grid(&mut app, GridAction::TogglePresentation);
        insta::assert_snapshot!("zoom_presentation_80x24", app.render(80, 24));
        insta::assert_snapshot!("zoom_presentation_160x48", app.render(160, 48));
    }

    #[test]
    fn breakdown_and_weighting_at_80x24() {
        let mut app = demo();
        grid(&mut app, GridAction::ToggleBreakdown);
        grid(&mut app, GridAction::ToggleWeighting);
        insta::assert_snapshot!(app.render(80, 24));
    }

    #[test]
    fn placement_dialog_at_80x24() {
        let mut app = demo();
        grid(&mut app, GridAction::OpenPlacement);
        grid(&mut app, GridAction::AnswerCreatedTo(CreatedTo::ReachOverarchingGoal));
        grid(&mut app, GridAction::CycleAnswer(false));
        insta::assert_snapshot!(app.render(80, 24));
    }

    #[test]
    fn filtered_grid_names_the_filter_at_80x24() {
        let mut app = demo();
        app.filter.status = Some(Status::Active);
        app.filter.text = "kommun".into();
        app.refresh_view();
        insta::assert_snapshot!(app.render(80, 24));
    }

    /// Hundreds in one cell, very long and hostile titles, an empty facet: legible, cut with
    /// an ellipsis, scrolled to the selection, counted right, and no panic.
    #[test]
    fn crowded_cell_and_long_titles_at_80x24() {
        let mut p = Portfolio::default();
        for id in 1..=300 {
            let title = if id == 2 {
                format!("\u{1b}[31mRed\u{202e} {}", "Mycket långt namn på ett initiativ ".repeat(20))
            } else {
                format!("Initiativ {id}")
            };
            p.initiatives.push(Initiative {
                id,
                facet: Facet::MissionOriented,
                title,
                ..Initiative::default()
            });
        }
        p.initiatives.push(Initiative {
            id: 301,
            facet: Facet::Adaptive,
            title: "日本語のとても長いタイトル".repeat(10),
            ..Initiative::default()
        });
        let mut app = Harness::new(p);
        for _ in 0..7 {
            app.update(Action::MoveDown);
        }
        let screen = app.render(80, 24);
        assert!(screen.contains("Mission-oriented · 300"), "{screen}");
        assert!(!screen.contains('\u{1b}'));
        insta::assert_snapshot!(screen);
        app.update(Action::MoveToLast);
        assert!(app.render(80, 24).contains("#300"));
        grid(&mut app, GridAction::ToggleZoom);
        assert!(app.render(80, 24).contains("#300"));
    }

    #[test]
    fn any_size_draws_without_panic() {
        let mut app = demo();
        for (w, h) in [(80, 24), (81, 25), (100, 30), (200, 60), (80, 40), (300, 24)] {
            for action in
                [GridAction::ToggleBreakdown, GridAction::ToggleZoom, GridAction::TogglePresentation]
            {
                grid(&mut app, action);
                app.render(w, h);
            }
        }
    }
}

/// Speed budget (docs/contracts.md): 10,000 initiatives, a keypress to the next frame in ≤ 5 ms.
/// A benchmark, not a timed test: `cargo test --release --lib grid_speed -- --ignored --nocapture`.
#[cfg(test)]
mod bench {
    use std::time::Instant;

    use crate::action::{Action, Direction, GridAction};
    use crate::model::{Facet, Initiative, Portfolio, Priority, Stage};
    use crate::testing::Harness;

    fn big() -> Harness {
        let mut p = Portfolio::default();
        for id in 1..=10_000u32 {
            p.initiatives.push(Initiative {
                id,
                title: format!("Initiativ nummer {id} med en lagom lång titel"),
                description: "Beskrivning ".repeat(20),
                facet: Facet::ALL[id as usize % 6],
                stage: Stage::ALL[id as usize % 6],
                priority: Priority::ALL[id as usize % 3],
                ..Initiative::default()
            });
        }
        Harness::new(p)
    }

    fn per_key(app: &mut Harness, n: u32, action: &Action) -> f64 {
        let start = Instant::now();
        for _ in 0..n {
            app.update(action.clone());
            app.draw(160, 48);
        }
        start.elapsed().as_secs_f64() * 1000.0 / f64::from(n)
    }

    #[test]
    #[ignore = "a benchmark; run with --release --ignored --nocapture"]
    fn grid_speed_with_10k_initiatives() {
        let mut app = big();
        app.draw(160, 48);
        let down = per_key(&mut app, 500, &Action::MoveDown);
        let right = per_key(&mut app, 500, &Action::MoveRight);
        let zoom = per_key(&mut app, 100, &Action::Grid(GridAction::ToggleZoom));
        app.update(Action::Grid(GridAction::ToggleZoom));
        app.update(Action::MoveLeft);
        let before = app.history.can_undo();
        let mut shift = 0.0;
        for direction in [Direction::Right, Direction::Left].repeat(25) {
            shift += per_key(&mut app, 1, &Action::Grid(GridAction::MoveInitiative(direction)));
        }
        let shift = shift / 50.0;
        assert!(!before && app.history.can_undo(), "the initiative moved");
        let back = per_key(&mut app, 50, &Action::Undo);
        let mut index = crate::filter::SearchIndex::build(&app.portfolio);
        let t = Instant::now();
        index.refresh(&app.portfolio);
        let index_refresh = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        app.refresh_view();
        let view_refresh = t.elapsed().as_secs_f64() * 1000.0;
        println!(
            "search index refresh {index_refresh:.3}, refresh_view (register and grid) {view_refresh:.3}"
        );
        println!(
            "10k initiatives, 160x48, ms per key incl. frame: move {down:.3}, cell {right:.3}, \
             zoom {zoom:.3}, move initiative (no file) {shift:.3}, undo (no file) {back:.3}"
        );
    }
}
