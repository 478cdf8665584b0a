//! Results of one run, and its comparison with the previous run of the same checklist and
//! scope.
//!
//! ```text
//! ┌ Results · Innovation climate · Ledningsgruppen · 2026-10-14 ─────────────┐
//! │Dimension                          Score                                  │
//! │Climate                              3.4  ██████████░░░░░░░               │   mean
//! │Total                                3.3                                  │
//! │What we say (this run)             │ What we run (active initiatives)     │   facet
//! │Mission-oriented   75% ██████░░ ●  │ Mission-oriented   4  33% ███░░░     │   orientation
//! │In the answers: primarily missio…  │ Tendency: mostly enhancement-orien…  │
//! └──────────────────────────────────────────────────────────────────────────┘
//! ┌ Comparison · … · 2026-03-10 → 2026-10-14 ────────────────────────────────┐
//! │Dimension               before   now   change   history                   │
//! │Climate                    2.8   3.4   ↑ +0.6   ▃▅                        │
//! │Item                    before   now   change                             │
//! └──────────────────────────────────────────────────────────────────────────┘
//! ```

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{bar, group, number, run_title, template_note, view_block};
use crate::app::App;
use crate::model::{Assessment, Facet, Id, ResultKind, Template};
use crate::scoring::{self, Tendency, Trend};
use crate::text::one_line;
use crate::ui::theme::Theme;
use unicode_width::UnicodeWidthStr;

/// The narrowest a name column gets.
const NAME_WIDTH: usize = 20;

pub fn render_results(app: &App, frame: &mut Frame, area: Rect, id: Id, scroll: u16, theme: &Theme) {
    frame.render_widget(Clear, area);
    // Until drawn further down, there is nothing below.
    app.culture.results_room.set(Some(0));
    let Some(a) = app.portfolio.assessment(id) else { return };
    let title = app.lang.tf("results.title", &[("run", &run_title(app, a, theme))]);
    let template = app.run_template(a).map(|(t, _)| t);
    let groups = template.map(|t| crate::scoring::group::group(t, a)).unwrap_or_default();
    let grouped = groups.iter().any(|g| g.distribution.n() > 0);
    let status = match template {
        Some(t) if grouped => group::status(app, t, a, &groups, theme),
        _ => String::new(),
    };
    let block = view_block(app, &title, &status, area.width, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(t) = template else {
        let lines = vec![Line::styled(template_note(app, a).unwrap_or_default(), theme.warning())];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
        return;
    };
    if t.result == ResultKind::FacetOrientation {
        render_facets(app, frame, inner, t, a, theme);
        return;
    }
    let width = usize::from(inner.width);
    // The perspectives' columns narrow where the names and the bars would not fit beside them.
    let col = if width >= NAME_WIDTH + 17 * t.perspectives.len() + 18 { 17 } else { 12 };
    let mut lines = if grouped {
        group::lines(app, t, a, width, theme)
    } else {
        mean_lines(app, (t, a), (width, col), theme)
    };
    if grouped {
        lines.extend(notes(app, t, a, width, theme));
    }
    let max_scroll = (lines.len() as u16).saturating_sub(inner.height);
    app.culture.results_room.set(Some(max_scroll));
    frame.render_widget(Paragraph::new(lines).scroll((scroll.min(max_scroll), 0)), inner);
}

/// The participants, by name only outside presentation mode.
fn participants_line(app: &App, a: &Assessment, theme: &Theme) -> Option<String> {
    let named = a.responses.iter().any(|r| !r.name.trim().is_empty() || !r.role.trim().is_empty());
    let label = app.lang.t("culture.participants");
    // Presenting, no name shows: the list is free text ("Ledningsgruppen (7 personer)"), so
    // its length is no head count; the respondents are counted on the frame.
    if app.culture.presenting {
        return (!a.participants.is_empty() || named)
            .then(|| format!("{label}: {}", app.lang.t("results.hidden_names")));
    }
    let mut parts = Vec::new();
    if !a.participants.is_empty() {
        parts.push(a.participants.join(", "));
    }
    if named {
        let labels: Vec<String> = a.responses.iter().map(|r| r.label(true)).collect();
        parts.push(app.lang.tf("results.responses", &[("list", &labels.join(", "))]));
    }
    let separator = format!(" {} ", theme.symbols().separator);
    (!parts.is_empty()).then(|| format!("{label}: {}", parts.join(&separator)))
}

/// The warning that required items are still unanswered, wrapped; nothing when the run is
/// complete.
fn incomplete<'a>(app: &App, t: &Template, a: &Assessment, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let c = scoring::completion(t, a);
    if c.is_complete() {
        return Vec::new();
    }
    let text = app.lang.tf("results.incomplete", &[("missing", &c.missing_required), ("total", &c.total)]);
    crate::text::wrap_words(&text, width).into_iter().map(|l| Line::styled(l, theme.warning())).collect()
}

/// Who took part and the run's note, each from a line of its own when there is one, wrapped
/// at words: every name is read out.
fn people_and_note<'a>(app: &App, a: &Assessment, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let note =
        (!a.note.trim().is_empty()).then(|| format!("{}: {}", app.lang.t("culture.note"), a.note.trim()));
    participants_line(app, a, theme)
        .into_iter()
        .chain(note)
        .flat_map(|text| crate::text::wrap_after(&one_line(&text), &[','], width))
        .map(|line| Line::styled(line, theme.dim()))
        .collect()
}

/// What follows the group's table: incomplete, the template, participants, the note.
fn notes<'a>(app: &App, t: &Template, a: &Assessment, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![Line::raw("")];
    lines.extend(incomplete(app, t, a, width, theme));
    let rule = crate::text::wrap_words(app.lang.t("results.group_rule"), width);
    lines.extend(rule.into_iter().map(|l| Line::styled(l, theme.dim())));
    if let Some(note) = template_note(app, a) {
        lines.push(Line::styled(theme.truncate(&note, width), theme.warning()));
    }
    lines.extend(people_and_note(app, a, width, theme));
    lines
}

fn dimension_name<'t>(app: &App, t: &'t Template, id: &str) -> &'t str {
    t.dimensions.iter().find(|d| d.id == id).map_or("", |d| d.name.get(app.lang.code()))
}

fn pad(text: &str, width: usize, theme: &Theme) -> String {
    let text = theme.truncate(&one_line(text), width);
    let w = unicode_width::UnicodeWidthStr::width(text.as_str());
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

fn mean_lines<'a>(
    app: &App,
    (t, a): (&Template, &Assessment),
    (width, col): (usize, usize),
    theme: &Theme,
) -> Vec<Line<'a>> {
    let lang = app.lang.code();
    let s = scoring::scores(t, a);
    let (min, max) = (f64::from(t.scale.min), f64::from(t.scale.max));
    let perspectives: Vec<String> =
        t.perspectives.iter().map(|p| one_line(p.name.get(lang)).into_owned()).collect();
    let numbers = col * perspectives.len() + 7 + 2 + 1;
    let scale = app.lang.tf("results.scale", &[("min", &t.scale.min), ("max", &t.scale.max)]);
    // The bars' column is at least as wide as its heading, the scale.
    let bars = if perspectives.is_empty() { 16 } else { 8 }.max(scale.width());
    let name_width = width.saturating_sub(numbers + bars).max(NAME_WIDTH);
    let bar_width = width.saturating_sub(name_width + numbers).clamp(4, 16);
    let mut header = format!("{} ", pad(app.lang.t("results.dimension"), name_width, theme));
    for p in &perspectives {
        let _ = write!(header, "{:>col$}", theme.truncate(p, col - 1));
    }
    let all = if perspectives.is_empty() { app.lang.t("results.score") } else { app.lang.t("results.all") };
    let _ = write!(header, "{all:>7}");
    let _ = write!(header, "  {scale}");
    let mut lines = vec![Line::styled(theme.truncate(&header, width), theme.heading())];
    let row = |name: &str, by: &[Option<f64>], mean: Option<f64>, style: Style| {
        let mut text = format!("{} ", pad(name, name_width, theme));
        for v in by {
            let _ = write!(text, "{:>col$}", number(app.lang, *v, theme));
        }
        let bar = bar(mean, min, max, bar_width, theme);
        let _ = write!(text, "{:>7}  {bar}", number(app.lang, mean, theme));
        Line::styled(theme.truncate(&text, width), style)
    };
    for d in &s.dimensions {
        lines.push(row(dimension_name(app, t, &d.id), &d.by_perspective, d.mean, Style::new()));
    }
    lines.push(row(app.lang.t("results.total"), &s.total_by_perspective, s.total, theme.key()));
    lines.push(Line::raw(""));
    lines.extend(incomplete(app, t, a, width, theme));
    let reverse: Vec<String> =
        t.items.iter().filter(|i| i.reverse).map(|i| item_label(app, t, &i.id)).collect();
    if !reverse.is_empty() {
        let text = app.lang.tf("results.reverse_items", &[("items", &reverse.join(", "))]);
        lines.push(Line::styled(theme.truncate(&text, width), theme.dim()));
    }
    if let Some(note) = template_note(app, a) {
        lines.push(Line::styled(theme.truncate(&note, width), theme.warning()));
    }
    lines.push(Line::raw(""));
    lines.extend(people_and_note(app, a, width, theme));
    lines
}

/// An item's short name ([`scoring::item_name`]); an item the template lacks, by its id.
fn item_label(app: &App, t: &Template, id: &str) -> String {
    t.items
        .iter()
        .find(|i| i.id == id)
        .map_or_else(|| id.to_owned(), |i| scoring::item_name(t, i, app.lang.code()))
}

pub(super) fn tendency_text(app: &App, tendency: &Tendency) -> String {
    tendency.words(app.lang)
}

fn render_facets(app: &App, frame: &mut Frame, area: Rect, t: &Template, a: &Assessment, theme: &Theme) {
    let [say, run] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).spacing(1).areas(area);
    let shares = scoring::facet_shares(t, a);
    let spreads = group::facet_spread(app, t, a);
    let grouped = spreads.iter().any(|s| !s.is_empty());
    let half = usize::from(say.width);
    // The facets' full names when the longest fits beside its figures, else the short ones.
    let percent_width = app.lang.percent(100.0, 0).width();
    let long = |f: &Facet| app.lang.t(&format!("facet.{}", f.key())).width();
    let key = if Facet::GRID.iter().map(long).max().unwrap_or(0) + percent_width + 12 <= half {
        "facet"
    } else {
        "facet_short"
    };
    let name_width =
        Facet::GRID.iter().map(|f| app.lang.t(&format!("{key}.{}", f.key())).width()).max().unwrap_or(0);
    let symbols = theme.symbols();
    let name = |f: Facet| pad(app.lang.t(&format!("{key}.{}", f.key())), name_width + 1, theme);
    let mut left =
        vec![Line::styled(theme.truncate(app.lang.t("results.what_we_say"), half), theme.heading())];
    for (s, spread) in shares.iter().zip(&spreads) {
        let percent = s.percent.map_or_else(|| symbols.none.to_owned(), |p| app.lang.percent(p, 0));
        let percent = format!("{percent:>percent_width$}");
        let mark = if s.is_strong() { format!(" {}", symbols.strong) } else { "  ".to_owned() };
        let bar_width = if grouped { 4 } else { 8 };
        let bar = bar(s.percent, 0.0, 100.0, bar_width, theme);
        let text = format!("{}{percent} {bar}{mark}{spread}", name(s.facet));
        left.push(Line::styled(
            theme.truncate(&text, half),
            if s.is_strong() { theme.key() } else { Style::new() },
        ));
    }
    left.push(Line::raw(""));
    left.push(Line::styled(
        app.lang
            .tf("results.say_tendency", &[("tendency", &tendency_text(app, &scoring::tendency_of(&shares)))]),
        theme.key(),
    ));
    left.push(Line::styled(app.lang.t("results.strong_rule"), theme.dim()));
    if grouped {
        left.push(Line::styled(app.lang.t("results.facet_spread_rule"), theme.dim()));
    }
    let c = scoring::completion(t, a);
    if !c.is_complete() {
        left.push(Line::styled(
            app.lang.tf("results.incomplete", &[("missing", &c.missing_required), ("total", &c.total)]),
            theme.warning(),
        ));
    }
    let mix = scoring::Mix::of(&app.portfolio);
    let mut right = vec![Line::styled(app.lang.t("results.what_we_run"), theme.heading())];
    for (ix, f) in Facet::GRID.iter().enumerate() {
        let percent = mix.percent(ix).map_or_else(|| symbols.none.to_owned(), |p| app.lang.percent(p, 0));
        let percent = format!("{percent:>percent_width$}");
        let bar = bar(mix.percent(ix), 0.0, 100.0, 6, theme);
        let text = format!("{}{:>3} {percent} {bar}", name(*f), mix.counts[ix]);
        right.push(Line::raw(theme.truncate(&text, usize::from(run.width))));
    }
    right.push(Line::raw(""));
    right.push(Line::styled(
        app.lang.tf("results.tendency", &[("tendency", &tendency_text(app, &mix.tendency()))]),
        theme.key(),
    ));
    right.push(Line::styled(app.lang.tn("results.off_grid", mix.off_grid, &[]), theme.dim()));
    right.push(Line::styled(
        app.lang.tf(
            "results.mix_rule",
            &[("share", &crate::balance::STRONG_SHARE), ("least", &crate::balance::MIN_STRONG)],
        ),
        theme.dim(),
    ));
    let below = group::lines(app, t, a, usize::from(area.width), theme);
    let height = (below.len() as u16).min(area.height / 2);
    let [columns, lists] = Layout::vertical([Constraint::Fill(1), Constraint::Length(height)]).areas(area);
    let [say, run] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).spacing(1).areas(columns);
    frame.render_widget(Paragraph::new(left).wrap(Wrap { trim: false }), say);
    frame.render_widget(Paragraph::new(right).wrap(Wrap { trim: false }), run);
    frame.render_widget(Paragraph::new(below), lists);
}

/// "↑ +0,6": the arrow says better or worse (`trend`), the number how the value moved.
fn change_text(lang: crate::i18n::Lang, delta: &scoring::Delta, trend: Trend, theme: &Theme) -> String {
    let arrow = theme.symbols().trend(trend);
    delta
        .shown_change()
        .map_or_else(|| arrow.to_owned(), |d| format!("{arrow} {}", lang.signed_decimal(d, 1)))
}

/// The spread before and after: "1,2→0,8".
fn spread_change(app: &App, spread: &scoring::Delta, theme: &Theme) -> String {
    if spread.before.is_none() && spread.after.is_none() {
        return String::new();
    }
    let (before, after) = (number(app.lang, spread.before, theme), number(app.lang, spread.after, theme));
    format!("{before}{}{after}", theme.symbols().arrow)
}

fn trend_style(theme: &Theme, trend: Trend) -> Style {
    match trend {
        Trend::Up => theme.info(),
        Trend::Down => theme.error(),
        Trend::Same | Trend::Unknown => Style::new(),
    }
}

pub fn render_comparison(app: &App, frame: &mut Frame, area: Rect, id: Id, scroll: u16, theme: &Theme) {
    frame.render_widget(Clear, area);
    // Until drawn further down, there is nothing below.
    app.culture.results_room.set(Some(0));
    let Some(a) = app.portfolio.assessment(id) else { return };
    let previous = scoring::previous(&app.portfolio, a);
    let title = app.lang.tf("results.comparison_title", &[("run", &run_title(app, a, theme))]);
    let arrow = theme.symbols().arrow;
    let dates = previous
        .map(|p| format!("{} {arrow} {}", app.lang.date(p.date), app.lang.date(a.date)))
        .unwrap_or_default();
    let block = view_block(app, &title, &dates, area.width, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let Some((t, _)) = app.run_template(a) else {
        let lines = vec![Line::styled(template_note(app, a).unwrap_or_default(), theme.warning())];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
        return;
    };
    let Some(before) = previous else {
        let lines = vec![Line::styled(app.lang.t("results.no_previous"), theme.dim())];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
        return;
    };
    let c = scoring::compare(t, before, a);
    let spreads = c.spread.before.is_some() || c.spread.after.is_some();
    let history = scoring::history(&app.portfolio, a);
    let (min, max) = (f64::from(t.scale.min), f64::from(t.scale.max));
    // Each earlier run is read with its own template; one no longer readable shows as ·.
    let history_scores: Vec<Option<scoring::Scores>> =
        history.iter().map(|h| app.run_template(h).map(|(ht, _)| scoring::scores(ht, h))).collect();
    // A run scored in part has no bar: its mean is over other items than its neighbours'.
    let spark = |pick: &dyn Fn(&scoring::Scores) -> (Option<f64>, bool)| -> String {
        history_scores
            .iter()
            .map(|s| {
                let (value, partial) = s.as_ref().map_or((None, false), pick);
                theme.symbols().spark(scoring::spark_point(value, partial, min, max))
            })
            .collect()
    };
    let mut legend = crate::text::wrap_words(app.lang.t("results.comparison_legend"), width);
    if history_scores.iter().flatten().any(|s| s.partial && s.total.is_some()) {
        let partial = theme.symbols().spark(scoring::SPARK_PARTIAL);
        let text = app.lang.tf("results.history_partial", &[("mark", &partial)]);
        legend.extend(crate::text::wrap_words(&text, width));
    }
    let mut lines: Vec<Line> = legend.into_iter().map(|l| Line::styled(l, theme.dim())).collect();
    // The history column's heading is its count of runs, "3 genomgångar": short enough to
    // stand in full beside the dimension names.
    let history_heading = app.lang.tn("results.history_runs", history.len(), &[]);
    let dim_width =
        width.saturating_sub(25 + history.len().max(history_heading.width()).max(18)).max(NAME_WIDTH);
    let item_width = width.saturating_sub(25).max(NAME_WIDTH);
    let header = format!(
        "{}{:>7}{:>6}   {:<8} {history_heading}",
        pad(app.lang.t("results.dimension"), dim_width, theme),
        app.lang.t("results.before"),
        app.lang.t("results.now"),
        app.lang.t("results.change"),
    );
    lines.push(Line::styled(theme.truncate(&header, width), theme.heading()));
    // A row is a mean (a dimension, `strong` for the total) or one item's value; both with
    // one decimal, so an agreed 4 and a mean of 3,6 read alike in the column. An item's
    // `name` comes already fitted (its ⇅ kept).
    let row =
        |name: &str, name_width: usize, delta: &scoring::Delta, trend: Trend, tail: String, strong: bool| {
            let (before, after) =
                (number(app.lang, delta.before, theme), number(app.lang, delta.after, theme));
            let text = format!("{}{before:>7}{after:>6}   ", pad(name, name_width, theme));
            let style = if strong { theme.key() } else { Style::new() };
            Line::from(vec![
                Span::styled(text, style),
                Span::styled(
                    format!("{:<8}", change_text(app.lang, delta, trend, theme)),
                    trend_style(theme, trend),
                ),
                Span::raw(format!(" {tail}")),
            ])
        };
    // A dimension's or the total's figures are over the items scored in both runs; where
    // that is not all of them, how many stands at the end of the name, before the figures.
    let paired_row = |name: &str, p: &scoring::Paired, tail: String, strong: bool| {
        let name = match p.count(app.lang) {
            Some(count) => {
                let room = dim_width.saturating_sub(count.width() + 1);
                format!("{} {count}", pad(name, room, theme))
            }
            None => name.to_owned(),
        };
        let mut line = row(&name, dim_width, &p.figures, p.trend(), tail, strong);
        if p.paired == 0 {
            // Nothing scored in both: the figures stand, the change is not told.
            let arrow = theme.symbols().trend(Trend::Unknown);
            line.spans[1] = Span::raw(format!("{arrow:<8}"));
        }
        line
    };
    for (ix, (dim, paired)) in c.dimensions.iter().enumerate() {
        let history = spark(&|s: &scoring::Scores| {
            s.dimensions.get(ix).filter(|d| d.id == *dim).map_or((None, false), |d| (d.mean, d.partial))
        });
        lines.push(paired_row(dimension_name(app, t, dim), paired, history, false));
    }
    lines.push(paired_row(
        app.lang.t("results.total"),
        &c.total,
        spark(&|s: &scoring::Scores| (s.total, s.partial)),
        true,
    ));
    if spreads {
        let text = app.lang.tf("results.spread_moved", &[("change", &spread_change(app, &c.spread, theme))]);
        lines.push(Line::styled(theme.truncate(&text, width), theme.dim()));
    }
    lines.push(Line::raw(""));
    let item_width = if spreads { item_width.saturating_sub(10).max(NAME_WIDTH) } else { item_width };
    let mut header = format!(
        "{}{:>7}{:>6}   {:<8}",
        pad(app.lang.t("rating.item"), item_width, theme),
        app.lang.t("results.before"),
        app.lang.t("results.now"),
        app.lang.t("results.change"),
    );
    if spreads {
        header = format!("{header} {}", app.lang.t("results.spread"));
    }
    lines.push(Line::styled(theme.truncate(&header, width), theme.heading()));
    let names: std::collections::HashMap<&str, &str> =
        t.perspectives.iter().map(|p| (p.id.as_str(), p.name.get(app.lang.code()))).collect();
    for s in &c.slots {
        let mut name = item_label(app, t, &s.item);
        if let Some(p) = &s.perspective {
            let separator = theme.symbols().separator;
            name = format!("{name} {separator} {}", names.get(p.as_str()).copied().unwrap_or(p));
        }
        if s.reverse {
            name = super::marked(&name, theme.symbols().reverse, item_width, theme);
        }
        lines.push(row(&name, item_width, &s.delta, s.trend(), spread_change(app, &s.spread, theme), false));
    }
    let max_scroll = (lines.len() as u16).saturating_sub(inner.height);
    app.culture.results_room.set(Some(max_scroll));
    frame.render_widget(Paragraph::new(lines).scroll((scroll.min(max_scroll), 0)), inner);
}
