//! The rating view: items grouped by dimension, one score column per perspective, the
//! selected item's full text and note, and the scale's labels.
//!
//! ```text
//! ┌ The innovation journey · Team · 2026-11-25 ── 5/18 ──────── 0 due soon ┐
//! │Item                                      Organisation  Individual last │
//! │Mindset                                                                 │
//! │▸ We tolerate uncertainty …          [3]  ▁▃█▅▁ 3,1   4  ·▂█▃· 3,9  2,5 │  agreed score,
//! │  We take responsibility …            4✎  ·▅█▁· 3,0   2  ··█▄▁ 3,5  3,0 │  the group's
//! │────────────────────────────────────────────────────────────────────────│  histogram and
//! │We take responsibility for …             │ 1 Bureaucracy with limited … │  mean, last run
//! │8 answers ·▅█▁· mean 3,0 …               │ 2 Mostly administration …    │
//! │Note: Needs more time                    │ 3 Both …                     │
//! └────────────────────────────────────────────────────────────────────────┘
//! ```
//! While a line of scores is typed (`e`, `t`, `n`) the lower left shows it, a ruler above it
//! (participants, or the scale's steps) and what it means as it stands.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use tui_input::Input;

use super::{number, run_title, template_note, view_block};
use crate::app::{App, Entry, EntryKind, Preview, Rating};
use crate::layout::Density;
use crate::model::{ActionItem, Assessment, Template, slot_key};
use crate::scoring::{self, group::SlotGroup};
use crate::text::one_line;
use crate::ui::theme::Theme;
use unicode_width::UnicodeWidthStr;

/// What the lower left shows: the selected slot (with the note being typed), or the entry line.
#[derive(Clone, Copy)]
enum Panel<'a> {
    Selected(Option<&'a Input>),
    Entry(&'a Entry),
}

/// Everything the view reads from the run, computed once per frame.
struct View<'a> {
    t: &'a Template,
    a: &'a Assessment,
    groups: Vec<SlotGroup<'a>>,
    /// The run has participants' scores or a show of hands: the table shows the group.
    grouped: bool,
    /// The previous run of the same checklist and scope, and its values by slot key (as given,
    /// reverse items not flipped, like the scores beside them).
    previous: Option<(&'a Assessment, HashMap<String, Option<f64>>)>,
}

impl<'a> View<'a> {
    fn new(app: &'a App, t: &'a Template, a: &'a Assessment) -> Self {
        let groups = scoring::group::group(t, a);
        let grouped = groups.iter().any(|g| g.distribution.n() > 0);
        let previous = scoring::previous(&app.portfolio, a).and_then(|p| {
            let (pt, _) = app.run_template(p)?;
            let values = scoring::group::group(pt, p)
                .iter()
                .map(|g| (slot_key(&g.slot.item.id, g.slot.perspective), g.raw_value()))
                .collect();
            Some((p, values))
        });
        Self { t, a, groups, grouped, previous }
    }

    fn columns(&self) -> usize {
        self.t.perspectives.len().max(1)
    }

    fn slot(&self, r: Rating) -> Option<&SlotGroup<'a>> {
        self.groups.get(r.row * self.columns() + r.column)
    }

    fn last_value(&self, g: &SlotGroup<'_>) -> Option<f64> {
        let (_, values) = self.previous.as_ref()?;
        values.get(&slot_key(&g.slot.item.id, g.slot.perspective)).copied().flatten()
    }

    /// The previous run's open actions about this item.
    fn open_actions(&self, app: &'a App, item: &str) -> Vec<&'a ActionItem> {
        let Some((p, _)) = &self.previous else { return Vec::new() };
        app.portfolio
            .actions
            .iter()
            .filter(|x| !x.done && x.assessment == Some(p.id) && x.item.as_deref() == Some(item))
            .collect()
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, r: Rating, note: Option<&Input>, theme: &Theme) {
    render_view(app, frame, area, r, Panel::Selected(note), theme);
}

pub fn render_entry(app: &App, frame: &mut Frame, area: Rect, entry: &Entry, theme: &Theme) {
    render_view(app, frame, area, entry.rating, Panel::Entry(entry), theme);
}

fn render_view(app: &App, frame: &mut Frame, area: Rect, r: Rating, panel: Panel<'_>, theme: &Theme) {
    frame.render_widget(Clear, area);
    let Some(a) = app.portfolio.assessment(r.id) else { return };
    let Some((t, _)) = app.run_template(a) else {
        render_without_template(app, frame, area, a, theme);
        return;
    };
    let view = View::new(app, t, a);
    let c = scoring::completion(t, a);
    // With the group's own scores every item soon has a value; what is left is agreeing,
    // counted beside it until every item with a value has an agreed score too.
    let key =
        if c.grouped && c.agreed < c.answered { "rating.completion_grouped" } else { "rating.completion" };
    let mut done = app.lang.tf(key, &[("answered", &c.answered), ("total", &c.total), ("agreed", &c.agreed)]);
    let respondents = scoring::group::respondents(t, a);
    if respondents > 0 {
        let participants = app.lang.tn("rating.participants", respondents, &[]);
        done = format!("{done} {} {participants}", theme.symbols().separator);
    }
    let block = view_block(app, &run_title(app, a, theme), &done, area.width, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let entering = matches!(panel, Panel::Entry(_));
    // The scale's labels are read while scoring: as wide as the longest needs, up to half the
    // view, and wrapped between words rather than cut. While a line of scores is typed the
    // line gets the room.
    let longest = t.scale.steps.iter().map(|s| step_text(app, s).width()).max().unwrap_or(0);
    let scale_width = if entering { 24 } else { (longest as u16).clamp(24, inner.width / 2) };
    let wrapped: usize = t.scale.steps.iter().map(|s| wrap_step(app, s, scale_width).len()).sum();
    let steps = t.scale.steps.len() as u16;
    // Compact, the items keep the rows: the labels wrap only where that takes no more rows
    // than one line per step.
    let compact = Density::of(frame.area()).is_compact();
    let max_rows = if compact { usize::from(steps.clamp(4, 6)) } else { MAX_SCALE_ROWS };
    let mut height = if wrapped <= max_rows { (wrapped as u16).max(4) } else { steps.clamp(4, 6) };
    // A group, a last run or the entry line need the lines below the item's text (one fewer
    // when compact, where the items keep what they can).
    if view.grouped || view.previous.is_some() || entering {
        height = height.max(if compact { 6 } else { 7 });
    }
    let [table, rule, bottom] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1), Constraint::Length(height)])
            .areas(inner);
    frame.render_widget(
        Line::styled(theme.symbols().rule.repeat(usize::from(rule.width)), theme.border()),
        rule,
    );
    // Items the table has no room for are said on the rule under it, as other lists say theirs.
    if let Some(hidden) = render_items(app, frame, table, &view, r, theme) {
        frame.render_widget(Line::styled(format!(" {hidden} "), theme.dim()).right_aligned(), rule);
    }
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(scale_width)]).spacing(1).areas(bottom);
    match panel {
        Panel::Selected(note) => render_selected(app, frame, left, &view, r, note, theme),
        Panel::Entry(entry) => render_entry_line(app, frame, left, &view, entry, theme),
    }
    render_scale(app, frame, right, &view, r, theme);
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

/// Width of one perspective's score column: a group's histogram and mean need 17; a lone
/// score 8, or 12 per perspective when the items' text would get less than 36 columns.
fn column_width(view: &View<'_>, width: u16) -> u16 {
    let wide = 17 * view.t.perspectives.len() as u16;
    match (view.grouped, view.t.perspectives.is_empty()) {
        (true, _) => 17,
        (false, true) => 8,
        (false, false) if width.saturating_sub(wide) >= 36 => 17,
        (false, false) => 12,
    }
}

/// Width of the previous run's column (none without a previous run): a value with one
/// decimal per perspective, "3,5/4,0", and a space before.
fn last_width(view: &View<'_>) -> u16 {
    if view.previous.is_some() { (4 * view.columns() as u16 + 1).max(6) } else { 0 }
}

fn centred(text: &str, width: usize, style: Style, theme: &Theme) -> Span<'static> {
    let text = theme.truncate(text, width);
    let pad = width.saturating_sub(unicode_width::UnicodeWidthStr::width(text.as_str()));
    Span::styled(format!("{}{text}{}", " ".repeat(pad / 2), " ".repeat(pad - pad / 2)), style)
}

/// One slot's cell: the agreed score (bracketed where the cursor is), a pen for a note, and
/// with a group the histogram and the group's mean.
fn cell(app: &App, view: &View<'_>, g: &SlotGroup<'_>, focused: bool, theme: &Theme) -> String {
    let symbols = theme.symbols();
    let answer = view.a.answer(&g.slot.item.id, g.slot.perspective);
    let raw = answer.and_then(|x| x.score);
    let score = match (raw, g.agreed) {
        (Some(_), Some(s)) => s.to_string(),
        (Some(bad), None) => format!("{bad}!"),
        (None, _) => symbols.separator.to_owned(),
    };
    let noted = answer.is_some_and(|x| !x.note.trim().is_empty());
    let pen = if noted { symbols.noted } else { "" };
    if !view.grouped {
        return match (focused, noted) {
            (true, _) => format!("[{score}]{pen}"),
            (false, true) => format!("{score} {pen}"),
            (false, false) => score,
        };
    }
    let agreed = if focused { format!("[{score}]") } else { format!(" {score} ") };
    let mean = number(app.lang, g.distribution.mean(), theme);
    format!("{agreed}{:<1} {} {mean:>3}", pen, g.distribution.bars())
}

/// Draws the item table; returns "↓ 1–6 of 7" when some items are out of sight.
fn render_items(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    view: &View<'_>,
    r: Rating,
    theme: &Theme,
) -> Option<String> {
    let (t, lang) = (view.t, app.lang.code());
    let col = column_width(view, area.width);
    let last = last_width(view);
    let columns = view.columns();
    let text_width = usize::from(area.width.saturating_sub(col * columns as u16 + last));
    let mut header =
        vec![Span::styled(format!("{:<text_width$}", app.lang.t("rating.item")), theme.heading())];
    if t.perspectives.is_empty() {
        let label = if view.grouped { app.lang.t("rating.agreed_group") } else { app.lang.t("rating.score") };
        header.push(centred(label, usize::from(col), theme.heading(), theme));
    } else {
        for p in &t.perspectives {
            let name = theme.truncate(&one_line(p.name.get(lang)), usize::from(col) - 1);
            header.push(centred(&name, usize::from(col), theme.heading(), theme));
        }
    }
    if last > 0 {
        header.push(Span::styled(
            format!("{:>w$}", app.lang.t("rating.last"), w = usize::from(last)),
            theme.heading(),
        ));
    }
    let mut lines = vec![Line::from(header)];
    // The item row each line shows (none for the header and the dimensions' names).
    let mut rows = vec![None];
    let mut selected_line = 0;
    let mut dimension = None;
    for (row, item) in scoring::items_in_order(t).iter().enumerate() {
        if dimension != Some(item.dimension.as_str()) {
            dimension = Some(item.dimension.as_str());
            let name = t.dimensions.iter().find(|d| d.id == item.dimension).map_or("", |d| d.name.get(lang));
            lines.push(Line::styled(one_line(name).into_owned(), theme.key()));
            rows.push(None);
        }
        let on_row = row == r.row;
        if on_row {
            selected_line = lines.len();
        }
        let mut text = format!("{} {}", theme.mark(on_row), one_line(item.text.get(lang)));
        if item.optional {
            text = format!("{text} ({})", app.lang.t("rating.optional"));
        }
        // The reverse mark stays in sight however little room the text gets.
        let text = if item.reverse {
            super::marked(&text, theme.symbols().reverse, text_width, theme)
        } else {
            theme.truncate(&text, text_width)
        };
        let mut spans = vec![Span::styled(
            format!("{text:<text_width$}"),
            if on_row { theme.key() } else { Style::new() },
        )];
        let mut last_values = Vec::new();
        for ix in 0..columns {
            let Some(g) = view.groups.get(row * columns + ix) else { continue };
            let focused = on_row && ix == r.column;
            let style = if focused { theme.selected() } else { Style::new() };
            spans.push(centred(&cell(app, view, g, focused, theme), usize::from(col), style, theme));
            last_values.push(view.last_value(g));
        }
        if last > 0 {
            let shown: Vec<String> = last_values.iter().map(|v| number(app.lang, *v, theme)).collect();
            let text = if columns > 1 { shown.join("/") } else { shown.concat() };
            spans.push(Span::styled(format!("{text:>w$}", w = usize::from(last)), theme.dim()));
        }
        lines.push(Line::from(spans));
        rows.push(Some(row));
    }
    let height = usize::from(area.height);
    // Keep the header fixed; scroll the rest so the selected row is visible.
    let body = height.saturating_sub(1).max(1);
    let offset = crate::layout::scroll(0, selected_line.saturating_sub(1), lines.len() - 1, body);
    let mut shown = vec![lines[0].clone()];
    shown.extend(lines.into_iter().skip(1 + offset).take(body));
    frame.render_widget(Paragraph::new(shown), area);
    let count = rows.iter().flatten().count();
    let seen: Vec<usize> = rows.iter().skip(1 + offset).take(body).flatten().copied().collect();
    let (first, last) = (seen.first().copied().unwrap_or(0), seen.last().copied().unwrap_or(0));
    if seen.len() == count {
        return None;
    }
    let arrows = match (first > 0, last + 1 < count) {
        (true, true) => "↑↓",
        (true, false) => "↑",
        _ => "↓",
    };
    let range = app.lang.tf("grid.rows", &[("from", &(first + 1)), ("to", &(last + 1)), ("count", &count)]);
    Some(format!("{arrows} {range}"))
}

/// "8 answers ▃▃▆█▃ mean 3,3" and "median 3,5 · 1–5 · spread 1,2" for one slot.
fn group_lines(app: &App, g: &SlotGroup<'_>, theme: &Theme) -> [String; 2] {
    let d = &g.distribution;
    let lang = app.lang;
    let none = theme.symbols().none;
    let key = if g.tallied { "rating.group_hands" } else { "rating.group" };
    let first =
        lang.tf(key, &[("count", &d.n()), ("bars", &d.bars()), ("mean", &number(lang, d.mean(), theme))]);
    let range = d.range().map_or_else(|| none.to_owned(), |(lo, hi)| format!("{lo}–{hi}"));
    let second = lang.tf(
        "rating.group_more",
        &[
            ("median", &number(lang, d.median(), theme)),
            ("range", &range),
            ("spread", &g.spread().map_or_else(|| none.to_owned(), |s| lang.decimal(s, 1))),
        ],
    );
    [first, second]
}

fn render_selected(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    view: &View<'_>,
    r: Rating,
    note: Option<&Input>,
    theme: &Theme,
) {
    let lang = app.lang.code();
    let Some(g) = view.slot(r) else { return };
    let item = g.slot.item;
    let perspective = g.slot.perspective.and_then(|p| view.t.perspectives.iter().find(|x| x.id == p));
    let answer = view.a.answer(&item.id, g.slot.perspective);
    let width = usize::from(area.width);
    // Below the statement, each line with how soon it gives way to it (lowest first): the
    // median and range, then the last run's value, its open action, the distribution.
    let mut tail: Vec<(u8, Line)> = Vec::new();
    if g.distribution.n() > 0 {
        for (text, keep) in group_lines(app, g, theme).into_iter().zip([3, 0]) {
            tail.push((keep, Line::styled(theme.truncate(&text, width), theme.info())));
        }
    } else if view.grouped {
        tail.push((3, Line::styled(theme.truncate(app.lang.t("rating.no_group_here"), width), theme.dim())));
    }
    if let Some((p, _)) = &view.previous {
        let (date, value) = (app.lang.date(p.date), number(app.lang, view.last_value(g), theme));
        let text = app.lang.tf("rating.last_time", &[("date", &date), ("value", &value)]);
        tail.push((1, Line::styled(theme.truncate(&text, width), theme.dim())));
        if let Some(x) = view.open_actions(app, &item.id).first() {
            let text = app.lang.tf("rating.open_action", &[("what", &one_line(&x.what))]);
            tail.push((2, Line::styled(theme.truncate(&text, width), theme.warning())));
        }
    }
    let label = format!("{}: ", app.lang.t("rating.note"));
    let mut lines = Vec::new();
    if let Some(p) = perspective {
        let heading = app.lang.tf("rating.perspective", &[("name", &one_line(p.name.get(lang)))]);
        lines.push(Line::styled(theme.truncate(&heading, width), theme.heading()));
    }
    // The reverse item's hint, as many rows as it wraps to (counted below as such).
    let hint: Vec<String> = if item.reverse {
        crate::text::wrap_words(app.lang.t("rating.reverse_hint"), width)
    } else {
        Vec::new()
    };
    // The statement being scored is what the room reads: it gets the rows it needs, and the
    // lines below give way one by one until it has them (or none is left).
    let needed = crate::text::wrap_words(&one_line(item.text.get(lang)), width).len();
    let above = lines.len() + hint.len() + 1;
    while !tail.is_empty() && usize::from(area.height).saturating_sub(above + tail.len()) < needed {
        let least = tail.iter().enumerate().min_by_key(|(_, (keep, _))| *keep).map_or(0, |(ix, _)| ix);
        tail.remove(least);
    }
    let tail: Vec<Line> = tail.into_iter().map(|(_, line)| line).collect();
    let fixed = tail.len() as u16 + 1;
    let text_area = Rect { height: area.height.saturating_sub(fixed), ..area };
    // The statement gets the rows left; a statement cut short ends in "…".
    let rows = usize::from(text_area.height).saturating_sub(lines.len() + hint.len());
    lines.extend(
        theme.wrap_at_most(&one_line(item.text.get(lang)), width, rows.max(1)).into_iter().map(Line::raw),
    );
    lines.extend(hint.into_iter().map(|l| Line::styled(l, theme.dim())));
    frame.render_widget(Paragraph::new(lines), text_area);
    let tail_area = Rect { y: text_area.bottom(), height: tail.len() as u16, ..area };
    frame.render_widget(Paragraph::new(tail), tail_area);
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

/// The entry line: what it is for, the item, a ruler, the digits typed, and what they mean.
fn render_entry_line(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    view: &View<'_>,
    entry: &Entry,
    theme: &Theme,
) {
    let (lang, t) = (app.lang, view.t);
    let width = usize::from(area.width);
    let slot = entry.slot(t);
    let item_name = slot.map(|s| {
        let mut name = one_line(s.item.text.get(lang.code())).into_owned();
        if let Some(p) = s.perspective.and_then(|p| t.perspectives.iter().find(|x| x.id == p)) {
            name = format!("{} {} {name}", one_line(p.name.get(lang.code())), theme.symbols().separator);
        }
        name
    });
    let steps: String =
        (t.scale.min..=t.scale.max).map(|v| char::from_digit(u32::from(v % 10), 10).unwrap_or(' ')).collect();
    let show_names = !app.culture.presenting;
    // Beside the ruler, with the participants named: who the digit at the cursor is for.
    let mut at_cursor = None;
    let (title, ruler) = match entry.kind {
        EntryKind::Each => {
            let n = view.a.responses.len().max(entry.input.value().chars().count()) + 1;
            let single = !entry.input.value().contains([' ', ',', ';']);
            if single {
                // A stored line is typed over from its start.
                let position = if entry.replace { 0 } else { entry.input.cursor() };
                at_cursor = Entry::named_at(view.a, position, show_names).or_else(|| {
                    let who = Entry::new_at(view.a, position, show_names)?;
                    Some(lang.tf("entry.new_at_cursor", &[("who", &who)]))
                });
            }
            (
                lang.tf("entry.title_each", &[("count", &view.a.responses.len())]),
                Entry::marks(view.a, n, show_names),
            )
        }
        EntryKind::Tally => {
            (lang.tf("entry.title_tally", &[("min", &t.scale.min), ("max", &t.scale.max)]), steps)
        }
        EntryKind::Respondent => {
            let ruler: String = (1..=view.groups.len())
                .map(|k| char::from_digit((k % 10) as u32, 10).unwrap_or(' '))
                .collect();
            (lang.tf("entry.title_respondent", &[("who", &entry.respondent(view.a, show_names))]), ruler)
        }
    };
    let mut lines = vec![Line::styled(theme.truncate(&title, width), theme.heading())];
    let at = if entry.kind == EntryKind::Respondent { "entry.at_cursor" } else { "entry.item" };
    lines.push(Line::raw(theme.truncate(&lang.tf(at, &[("item", &item_name.unwrap_or_default())]), width)));
    let prompt = format!("{} ", theme.symbols().selected);
    let room = width.saturating_sub(prompt.len() + 1);
    let scroll = entry.input.visual_scroll(room);
    let ruler: String = ruler.chars().skip(scroll).collect();
    let ruler = theme.truncate(&format!("  {ruler}"), width);
    let room = width.saturating_sub(ruler.width() + 2);
    let mut spans = vec![Span::styled(ruler, theme.dim())];
    if let Some(name) = at_cursor.filter(|_| room > 3) {
        spans.push(Span::styled(format!("  {}", theme.truncate(&name, room)), theme.key()));
    }
    lines.push(Line::from(spans));
    let shown: String = entry.input.value().chars().skip(scroll).collect();
    let mut typed = theme.truncate(&shown, room);
    typed.push_str(&" ".repeat(room.saturating_sub(typed.width())));
    lines.push(Line::from(vec![
        Span::styled(prompt.clone(), theme.key()),
        Span::styled(typed, theme.selected()),
    ]));
    let cursor_y = area.y + lines.len() as u16 - 1;
    let question = entry.question(view.a, lang);
    let meaning = entry.preview(t, view.a);
    let told = question.is_some() || matches!(meaning, Preview::Problem(_));
    let (preview, style) = match meaning {
        _ if question.is_some() => (question.unwrap_or_default(), theme.warning()),
        Preview::Scores { distribution, added } => {
            let spread =
                distribution.spread().map_or_else(|| theme.symbols().none.to_owned(), |s| lang.decimal(s, 1));
            let mut text = lang.tf(
                "entry.preview",
                &[
                    ("count", &distribution.n()),
                    ("bars", &distribution.bars()),
                    ("mean", &number(lang, distribution.mean(), theme)),
                    ("spread", &spread),
                ],
            );
            if added > 0 {
                let added = lang.tn("entry.preview_added", added, &[]);
                text = format!("{text} {} {added}", theme.symbols().separator);
            }
            (text, theme.info())
        }
        Preview::Respondent { scored, of } => {
            (lang.tf("entry.preview_respondent", &[("scored", &scored), ("of", &of)]), theme.info())
        }
        Preview::Problem(refusal) => (refusal.text(lang), theme.error()),
    };
    let hint = match entry.kind {
        _ if entry.replace => "entry.hint_replace",
        EntryKind::Respondent => "entry.hint_respondent",
        _ => "entry.hint",
    };
    if told {
        // A refusal or a question keeps its reason: it takes the hint's rows, wrapped.
        let rows = usize::from(area.height).saturating_sub(lines.len()).max(1);
        lines.extend(theme.wrap_at_most(&preview, width, rows).into_iter().map(|l| Line::styled(l, style)));
    } else {
        lines.push(Line::styled(theme.truncate(&preview, width), style));
        lines.push(Line::styled(crate::ui::dialog::whole_hints(lang.t(hint), width, theme), theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), area);
    let x =
        area.x + prompt.chars().count() as u16 + entry.input.visual_cursor().saturating_sub(scroll) as u16;
    frame.set_cursor_position((x.min(area.right().saturating_sub(1)), cursor_y));
}

fn render_scale(app: &App, frame: &mut Frame, area: Rect, view: &View<'_>, r: Rating, theme: &Theme) {
    let current =
        view.slot(r).and_then(|g| view.a.answer(&g.slot.item.id, g.slot.perspective).and_then(|x| x.score));
    let width = usize::from(area.width);
    let t = view.t;
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
    if !a.responses.is_empty() {
        lines.push(Line::raw(""));
        // A participant's place kept open for a later one is no participant.
        let scored = a.responses.iter().filter(|r| !r.is_blank()).count();
        lines.push(Line::styled(app.lang.tn("rating.participants", scored, &[]), theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
