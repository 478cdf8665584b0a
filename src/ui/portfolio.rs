//! Pane 1: the four-facet grid (docs/domain.md §1), the OPSI diamond turned 45° so neighbours
//! stay neighbours: each pole label at its own facet's outer corner (a facet *is* its pole),
//! the type of change between each pair of neighbours on their shared edge. Mixed and
//! unplaced initiatives stay in view in a strip below.
//!
//! ```text
//!  Tendency: balanced: strong in all four facets         [weighted by priority] [presentation]
//!  Filter: Adaptive · “aldre”   (F clears)                                (when filtered)
//!  ↖ directed                    ↔ transformative                          uncertainty ↗
//! ┌ Mission-oriented · 5 active · 28% ───┐┌ Anticipatory · 3 active · 17% ───────┐
//! │How do we reach an ambitious goal?    ││What could change what we do at all?  │
//! │#3   Fossilfria kommunala transpor…  4││#9   Framtidsscenarier 2040 för vä…  2 │
//! └──────────────────────────── 1–3 of 6 ┘└ ▲ new initiatives needed here ───────┘
//!                   ↕ sustaining                          ↕ disruptive
//! ┌ Enhancement-oriented · … ────────────┐┌ Adaptive · … ────────────────────────┐
//! │…                                     ││…                                     │
//! └──────────────────────────────────────┘└──────────────────────────────────────┘
//!  ↙ certainty                     ↔ optimising                             undirected ↘
//! ┌ Mixed and unplaced · 2 active · 11% ─────────────────────────────────────────┐
//! │#7   Ungdomsbudget – unga bestämmer över 500 000 kronor              Mixed   2│
//! └──────────────────────────────────────────────────────────────────────────────┘
//! ```
//! When one cell's title must be shortened, all are, alike (short names, then no "active").
//! Under a filter an empty cell says nothing matches, and no cell claims new initiatives are
//! needed.
//!
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
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::App;
use crate::balance::{STRIP, Tendency};
use crate::layout::{self, Density};
use crate::model::{Facet, Initiative, Stage, Status};
use crate::placement::{ChangeType, Pole};
use crate::text::one_line;

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let header = header(app, usize::from(area.width), theme);
    let [head, body] =
        Layout::vertical([Constraint::Length(header.len() as u16), Constraint::Fill(1)]).areas(area);
    frame.render_widget(Paragraph::new(header), head);
    if app.grid.zoom {
        let title = title_form(app, &[(app.grid.cell, body)]);
        render_cell(app, frame, body, app.grid.cell, Cell { zoomed: true, compact: false, title }, theme);
        return;
    }
    let compact = Density::of(frame.area()).is_compact();
    let mut strip_height = if body.height >= 30 { 7 } else { 4 };
    let mut middle_height = 1;
    // Compact, the facets keep at least two rows of initiatives each where they can: the
    // line of the change types between them goes first, then a row of the strip.
    let cells = |middle: u16, strip: u16| body.height.saturating_sub(2 + middle + strip);
    if compact && cells(middle_height, strip_height) < 8 {
        middle_height = 0;
    }
    if compact && cells(middle_height, strip_height) < 8 {
        strip_height = 3;
    }
    let [top_axis, top, middle_axis, bottom, bottom_axis, strip] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(middle_height),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(strip_height),
    ])
    .areas(body);
    let [tl, tr] = Layout::horizontal([Constraint::Fill(1); 2]).areas(top);
    let [bl, br] = Layout::horizontal([Constraint::Fill(1); 2]).areas(bottom);
    let rects = [tl, tr, bl, br, strip];
    let title = title_form(app, &rects.into_iter().enumerate().collect::<Vec<_>>());
    for (cell, rect) in rects.into_iter().enumerate() {
        render_cell(app, frame, rect, cell, Cell { zoomed: false, compact, title }, theme);
    }

    let width = usize::from(body.width);
    let junction = usize::from(tr.x - body.x);
    let left_centre = junction / 2;
    let right_centre = junction + usize::from(tr.width) / 2;
    let edge = |change: ChangeType, key: &str| {
        let name = app.lang.t(&format!("change_type.{}", change.key()));
        app.lang.tf(key, &[("change", &name)])
    };
    // Each pole at its own facet's outer corner (docs/domain.md §1): a facet *is* its pole.
    let pole = |p: Pole| app.lang.t(&format!("pole.{}", p.key()));
    let arrow = |p: Pole| theme.symbols().pole(p);
    let left_pole = |p: Pole| Label::at(1, format!("{} {}", arrow(p), pole(p)), theme.dim());
    let right_pole = |p: Pole| Label::right(width - 1, format!("{} {}", pole(p), arrow(p)), theme.dim());
    let change = theme.heading();
    let across = "grid.edge_across";
    let down = "grid.edge_down";
    let lines = [
        (
            top_axis,
            vec![
                left_pole(Pole::Directed),
                right_pole(Pole::Uncertainty),
                Label::centred(junction, edge(ChangeType::Transformative, across), change),
            ],
        ),
        (
            middle_axis,
            vec![
                Label::centred(left_centre, edge(ChangeType::Sustaining, down), change),
                Label::centred(right_centre, edge(ChangeType::Disruptive, down), change),
            ],
        ),
        (
            bottom_axis,
            vec![
                left_pole(Pole::Certainty),
                right_pole(Pole::Undirected),
                Label::centred(junction, edge(ChangeType::Optimising, across), change),
            ],
        ),
    ];
    for (rect, labels) in lines {
        frame.render_widget(label_line(width, labels), rect);
    }
}

/// The footer's first hint: in an empty cell, that `n` adds an initiative there (the one
/// thing to do in an empty grid); while the strip is selected, where `K` moves an initiative
/// from it (the facet above the strip's chosen side) and, outside zoom, that ←/→ choose the
/// side.
pub fn footer_hints(app: &App) -> Vec<(String, String)> {
    // The welcome, shown over the grid on a first run, offers its own ways to start.
    if app.pane != crate::action::Pane::Portfolio
        || !matches!(app.mode, crate::app::Mode::Normal)
        || app.first_run
    {
        return Vec::new();
    }
    if app.grid_cell_ids(app.grid.cell).is_empty() {
        return if app.cell_invites_new(app.grid.cell) {
            vec![("n".to_owned(), app.lang.t("grid.new_here").to_owned())]
        } else {
            Vec::new()
        };
    }
    if app.grid.cell != STRIP {
        return Vec::new();
    }
    let facet = app.lang.t(&format!("facet.{}", app.grid.strip_target().key()));
    let mut text = app.lang.tf("grid.strip_up", &[("facet", &facet)]);
    if !app.grid.zoom {
        text = format!("{text} ({})", app.lang.t("grid.strip_switch"));
    }
    vec![("K".to_owned(), text)]
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
    let room = width.saturating_sub(badge_width + 2);
    let (tendency, style) = match grid.balance.tendency(grid.weighted) {
        Tendency::MostlyUnplaced { unplaced, active } => {
            (app.lang.tf("grid.unplaced", &[("unplaced", &unplaced), ("active", &active)]), theme.warning())
        }
        tendency => {
            let said = |words: String| app.lang.tf("grid.tendency", &[("words", &words)]);
            let full = said(tendency.words(app.lang));
            // Too long for the line: the weak facets go first, then words from the end.
            let text = if full.width() <= room { full } else { said(tendency.short_words(app.lang)) };
            (text, theme.heading())
        }
    };
    // Shortened after a whole word: a cut word can read as another one.
    let tendency = theme.shorten_words(&tendency, room);
    let pad = width.saturating_sub(tendency.width() + badge_width + 1);
    let mut lines = vec![Line::from(vec![
        Span::styled(format!(" {tendency}"), style),
        Span::raw(" ".repeat(pad)),
        Span::styled(badges, theme.warning()),
    ])];
    if !app.filter.is_empty() {
        let summary = super::filter_summary(app, theme);
        lines.push(Line::styled(
            format!(" {}", theme.truncate(&summary, width.saturating_sub(1))),
            theme.key(),
        ));
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

/// How one cell is drawn.
#[derive(Clone, Copy)]
struct Cell {
    /// It fills the pane (`z`).
    zoomed: bool,
    /// The compact layout: the rows go to the initiatives, not to the facet's question.
    compact: bool,
    title: Title,
}

/// The forms of a cell's title, longest first. All cells use the same one, so when one must
/// be shortened all are, alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Title {
    /// "Enhancement-oriented · 4 active · 22%"
    Full,
    /// "Enhancement · 4 active · 22%": the short name keeps "active", which tells the count
    /// from the rows listed (paused and completed ones show too).
    ShortName,
    /// "Enhancement · 4 · 22%"
    Bare,
}

/// The longest title form every one of `cells` (index and area) has room for.
fn title_form(app: &App, cells: &[(usize, Rect)]) -> Title {
    [Title::Full, Title::ShortName]
        .into_iter()
        .find(|form| cells.iter().all(|(cell, area)| fits(&cell_title(app, *cell, *form), *area)))
        .unwrap_or(Title::Bare)
}

/// A cell's title in the given form; the strip's name has no short form.
fn cell_title(app: &App, cell: usize, form: Title) -> String {
    let grid = &app.grid;
    let names = if form == Title::Full { "facet" } else { "facet_short" };
    let name = Facet::GRID
        .get(cell)
        .map_or_else(|| app.lang.t("portfolio.strip"), |f| app.lang.t(&format!("{names}.{}", f.key())));
    let shares = grid.balance.shares(grid.weighted);
    let share = app.lang.percent(shares[cell] as f64, 0);
    let count = grid.balance.counts[cell];
    let args: [(&str, &dyn std::fmt::Display); 2] = [("facet", &name), ("share", &share)];
    let key = if form == Title::Bare { "grid.cell_title_short" } else { "grid.cell_title" };
    app.lang.tn(key, count, &args)
}

/// A title fits on a cell's top border, a space either side, inside the corners.
fn fits(title: &str, area: Rect) -> bool {
    title.width() + 2 <= usize::from(area.width.saturating_sub(2))
}

/// One cell of the grid (0–3) or the strip (4).
fn render_cell(app: &App, frame: &mut Frame, area: Rect, cell: usize, how: Cell, theme: &Theme) {
    let grid = &app.grid;
    let zoomed = how.zoomed;
    let focused = grid.cell == cell;
    let facet = Facet::GRID.get(cell).copied();
    let inner_width = usize::from(area.width.saturating_sub(2));
    let title = cell_title(app, cell, how.title);
    let title_style = if focused { theme.heading() } else { Style::new().bold() };
    // The selected cell's title carries the lists' selection mark: without colour, a bold
    // border alone does not show on a projector which cell `n` adds to.
    let mut block = theme
        .bordered()
        .title(Span::styled(
            format!("{}{} ", theme.mark(focused), theme.truncate(&title, inner_width.saturating_sub(2))),
            title_style,
        ))
        .border_style(if focused { theme.border_focused() } else { theme.border() });
    // Under a filter a cell shows a part of the portfolio: whether initiatives are needed is
    // not for the part to say.
    // Whether initiatives are needed is a matter of how many there are, not of what they
    // weigh: a facet of quality benefits weighs nothing by money, yet is not empty.
    let filtered = !app.filter.is_empty();
    let needs_new = !filtered && cell < STRIP && grid.balance.needs_new()[cell];

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
    if zoomed || (!show_breakdown && !how.compact && inner.height >= 3) {
        lines.push(Line::styled(theme.truncate(question, inner_width), theme.dim().italic()));
    }
    // Zoomed, the facet names the pole it stands for, which the grid shows at its corner.
    if let Some(pole) = facet.and_then(Pole::of).filter(|_| zoomed) {
        let arrow = theme.symbols().pole(pole);
        let text = format!("{arrow} {}", app.lang.t(&format!("pole.{}_long", pole.key())));
        lines.push(Line::styled(theme.truncate(&text, inner_width), theme.key()));
    }
    if show_breakdown && inner.height >= 4 {
        lines.extend(breakdown(app, cell, inner_width, theme));
    }
    if zoomed {
        lines.push(Line::raw(""));
    }
    let list_height = usize::from(inner.height).saturating_sub(lines.len());
    let mut rows_hint = None;
    if ids.is_empty() {
        let empty = if filtered { "grid.no_match" } else { "portfolio.cell_empty" };
        lines.push(Line::styled(theme.truncate(app.lang.t(empty), inner_width), theme.dim()));
        // The selected empty cell says what `n` does there, the one thing to do in it.
        if focused && app.cell_invites_new(app.grid.cell) {
            lines.push(Line::styled(
                theme.truncate(app.lang.t("grid.cell_empty_add"), inner_width),
                theme.key(),
            ));
        }
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
            rows_hint = Some(
                app.lang.tf("grid.rows", &[("from", &(first + 1)), ("to", &last), ("count", &ids.len())]),
            );
        }
    }
    // The bottom border: that rows are hidden always shows; beside it, in the room left, the
    // need for initiatives (shortened if it must be) or, zoomed, the keys.
    let mut room = inner_width.saturating_sub(2);
    if let Some(hint) = &rows_hint {
        room = room.saturating_sub(hint.width() + 3);
    }
    if needs_new {
        let full = app.lang.t("grid.needed");
        let text = if full.width() <= room { full } else { app.lang.t("grid.needed_short") };
        block =
            block.title_bottom(Span::styled(format!(" {} ", theme.truncate(text, room)), theme.warning()));
    } else if zoomed {
        let text = theme.truncate(app.lang.t("grid.zoomed_keys"), room);
        block = block.title_bottom(Span::styled(format!(" {text} "), theme.dim()));
    }
    if let Some(hint) = rows_hint {
        block = block.title_bottom(Line::styled(format!(" {hint} "), theme.dim()).right_aligned());
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
        let separator = format!(" {} ", theme.symbols().separator);
        format!("{} {}", app.lang.t("grid.by_stage"), parts.join(if wide { &separator } else { " " }))
    };
    // Stage names when they fit, numbers otherwise.
    let wide = stages(true);
    let stages = if wide.width() <= width { wide } else { stages(false) };
    let tracks = [("track.local", b.tracks[0]), ("track.radical", b.tracks[1]), ("track.none", b.tracks[2])]
        .iter()
        .map(|(key, n)| format!("{} {n}", app.lang.t(key)))
        .collect::<Vec<_>>()
        .join(&format!(" {} ", theme.symbols().separator));
    let tracks = format!("{} {tracks}", app.lang.t("grid.by_track"));
    vec![
        Line::styled(theme.truncate(&stages, width), theme.key()),
        Line::styled(theme.truncate(&tracks, width), theme.key()),
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
    let number = format!("{}#{:<3} ", theme.mark(selected), i.id);
    let symbols = theme.symbols();
    let mark = match i.status {
        Status::Active => "",
        Status::Paused => symbols.paused,
        Status::Stopped => symbols.stopped,
        Status::Completed => symbols.completed,
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
    let title = theme.truncate(&one_line(&i.title), room);
    let mut text = format!("{number}{title}{}", " ".repeat(room.saturating_sub(title.width())));
    for (value, w) in columns {
        let value = theme.truncate(&value, w);
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

    /// The grid, the presentation and the zoom (also presented) at both sizes, each reached
    /// by its toggles from the demo.
    #[test]
    fn views_at_80x24_and_160x48() {
        use GridAction::{TogglePresentation, ToggleZoom};
        for (name, toggles) in [
            ("demo_grid_at", &[][..]),
            ("presentation", &[TogglePresentation]),
            ("zoom", &[ToggleZoom]),
            ("zoom_presentation", &[ToggleZoom, TogglePresentation]),
        ] {
            let mut app = demo();
            for toggle in toggles {
                grid(&mut app, *toggle);
            }
            for (width, height) in [(80, 24), (160, 48)] {
                insta::assert_snapshot!(format!("{name}_{width}x{height}"), app.render(width, height));
            }
        }
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
