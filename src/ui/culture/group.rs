//! The results of a run that has the participants' own scores (or a show of hands): where the
//! group disagrees most and where it agrees, then per item the distribution, mean, median,
//! lowest–highest, spread and the agreed score, under the dimensions' scores.
//!
//! ```text
//! ┌ Results · Innovation climate · Ledningsgruppen · 2026-10-14 ─────────────────┐
//! │Where we disagree most          spread  Where we agree                  spread│
//! │▲ Is it acceptable to try…         1,4  = Is there room for humour…        0,3│
//! │Item                        1–5   mean median range spread agreed           │
//! │Drive and room to act              3,7                0,8                    │  dimension
//! │  Do you get tasks that…   ·▂▅█▂   3,6    4,0   2–5    0,8      4           │  item
//! │Total                              3,5                0,9                    │
//! └ 8 participants · spread = standard deviation ───────────────────────────────┘
//! ```
//! A template with perspectives (Kiruna's) shows them side by side with the gap between the
//! first two: the organisation against the individual.

use std::fmt::Write as _;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::number;
use crate::app::App;
use crate::model::{Assessment, ResultKind, Template, TemplateItem};
use crate::scoring::group::{self, SlotGroup};
use crate::scoring::{self, Scores};
use crate::text::one_line;
use crate::ui::theme::Theme;

/// How many items each of the two lists names.
const LISTED: usize = 3;

/// The item table's names get at least this many columns before a figure's column goes.
const NAME_ROOM: usize = 20;

fn pad(text: &str, width: usize, theme: &Theme) -> String {
    let text = theme.truncate(&one_line(text), width);
    let w = unicode_width::UnicodeWidthStr::width(text.as_str());
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// An item's short name ([`scoring::item_name`]).
pub(super) fn item_name(app: &App, t: &Template, item: &TemplateItem) -> String {
    scoring::item_name(t, item, app.lang.code())
}

/// The item's name in `width` columns, with the perspective's where the template has them
/// and the reverse mark kept in sight.
fn slot_name(app: &App, t: &Template, g: &SlotGroup<'_>, width: usize, theme: &Theme) -> String {
    let symbols = theme.symbols();
    let mut name = item_name(app, t, g.slot.item);
    if let Some(p) = g.slot.perspective.and_then(|p| t.perspectives.iter().find(|x| x.id == p)) {
        name = format!("{name} {} {}", symbols.separator, one_line(p.name.get(app.lang.code())));
    }
    if g.slot.item.reverse {
        return pad(&super::marked(&name, symbols.reverse, width, theme), width, theme);
    }
    pad(&name, width, theme)
}

/// "8 participants · spread = standard deviation" for the view's frame.
pub(super) fn status(
    app: &App,
    t: &Template,
    a: &Assessment,
    groups: &[SlotGroup<'_>],
    theme: &Theme,
) -> String {
    let people = group::respondents(t, a);
    let counted = if people > 0 {
        app.lang.tn("results.participants", people, &[])
    } else {
        app.lang.tf("results.hands", &[("count", &group::group_size(groups))])
    };
    format!("{counted} {} {}", theme.symbols().separator, app.lang.t("results.spread_rule"))
}

/// The two lists side by side: where the group disagrees most and where it agrees.
fn lists<'a>(
    app: &App,
    t: &Template,
    groups: &[SlotGroup<'_>],
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let half = width.saturating_sub(2) / 2;
    let heading = |key: &str| {
        let spread = app.lang.t("results.spread");
        let room = half.saturating_sub(unicode_width::UnicodeWidthStr::width(spread) + 1);
        format!("{} {spread}", pad(app.lang.t(key), room, theme))
    };
    let mut lines = vec![Line::styled(
        format!("{}  {}", heading("results.disagree"), heading("results.agree")),
        theme.heading(),
    )];
    let disagree = group::disagree_most(groups, LISTED);
    let agree = group::agree_most(groups, LISTED);
    let entry = |mark: &str, g: Option<&&SlotGroup<'_>>| match g {
        Some(g) => {
            let spread = app.lang.decimal(g.spread().unwrap_or(0.0), 1);
            let room = half.saturating_sub(spread.chars().count() + 3);
            format!("{mark} {} {spread}", slot_name(app, t, g, room, theme))
        }
        None => " ".repeat(half),
    };
    if disagree.is_empty() {
        let spread = group::mean_spread(groups).unwrap_or(0.0);
        let why = match group::standout(groups) {
            _ if spread <= 0.0 => app.lang.t("results.no_spread").to_owned(),
            group::Standout::FewItems => {
                app.lang.tf("results.few_items", &[("least", &group::STANDOUT_ITEMS)])
            }
            _ => app.lang.t("results.even_spread").to_owned(),
        };
        lines.push(Line::styled(theme.truncate(&why, width), theme.dim()));
    }
    for ix in 0..disagree.len().max(agree.len()) {
        lines.push(Line::from(vec![
            Span::styled(entry("▲", disagree.get(ix)), theme.warning()),
            Span::raw("  "),
            Span::styled(entry("=", agree.get(ix)), theme.info()),
        ]));
    }
    lines
}

/// The run's results with the group: the lists, then the item table under its dimensions.
/// A facet-orientation run has only the lists, under its two columns, and none before
/// anyone has scored.
pub(super) fn lines<'a>(
    app: &App,
    t: &Template,
    a: &Assessment,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let groups = group::group(t, a);
    if t.result == ResultKind::FacetOrientation {
        if groups.iter().all(|g| g.distribution.n() == 0) {
            return Vec::new();
        }
        return lists(app, t, &groups, width, theme);
    }
    let scores = scoring::scores(t, a);
    let mut lines = lists(app, t, &groups, width, theme);
    let run = Run { app, t, groups: &groups, scores: &scores, width, theme };
    lines.extend(if t.perspectives.len() >= 2 { gap_table(&run) } else { item_table(&run) });
    lines.extend(since_last(app, t, a, &scores, width, theme));
    lines
}

/// What a run's results table is drawn from, in `width` columns.
#[derive(Clone, Copy)]
struct Run<'r> {
    app: &'r App,
    t: &'r Template,
    groups: &'r [SlotGroup<'r>],
    scores: &'r Scores,
    width: usize,
    theme: &'r Theme,
}

/// How the mean and the spread moved since the previous run of the checklist for this scope;
/// the mean over the scores both runs have ([`scoring::total_change`]), and how many where not
/// all.
fn since_last<'a>(
    app: &App,
    t: &Template,
    a: &Assessment,
    now: &Scores,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let Some(before) = scoring::previous(&app.portfolio, a) else { return Vec::new() };
    let Some((bt, _)) = app.run_template(before) else { return Vec::new() };
    let then = scoring::scores(bt, before);
    let paired = scoring::total_change(t, before, a);
    let arrow = theme.symbols().trend(paired.trend());
    let mut change = paired
        .shown_change()
        .map_or_else(String::new, |d| format!(" {arrow} {}", app.lang.signed_decimal(d, 1)));
    if let Some(count) = paired.count(app.lang) {
        change = format!("{change} {count}");
    }
    let text = app.lang.tf(
        "results.since_last",
        &[
            ("date", &app.lang.date(before.date)),
            ("before", &number(app.lang, paired.figures.before, theme)),
            ("now", &number(app.lang, paired.figures.after, theme)),
            ("change", &change),
            ("spread_before", &spread_text(app, then.spread, theme)),
            ("spread_now", &spread_text(app, now.spread, theme)),
        ],
    );
    crate::text::wrap_words(&text, width).into_iter().map(|l| Line::styled(l, theme.key())).collect()
}

fn spread_text(app: &App, value: Option<f64>, theme: &Theme) -> String {
    value.map_or_else(|| theme.symbols().none.to_owned(), |s| app.lang.decimal(s, 1))
}

fn item_table<'a>(run: &Run<'_>) -> Vec<Line<'a>> {
    let Run { app, t, groups, scores, width, theme } = *run;
    let lang = app.lang;
    let dist = (usize::from(t.scale.max.saturating_sub(t.scale.min)) + 1).max(5);
    let labels = ["results.mean", "results.median", "results.range", "results.spread", "results.agreed"]
        .map(|k| lang.t(k));
    // Each number column is as wide as its heading, and never narrower than its numbers.
    let mut cols = labels.map(|l| unicode_width::UnicodeWidthStr::width(l).max(4) + 2);
    // Where the names would get too little room, the median goes, then the range: the mean,
    // the spread and the agreed score are what the group talks about.
    for drop in [1, 2] {
        if width.saturating_sub(1 + dist + cols.iter().sum::<usize>()) < NAME_ROOM {
            cols[drop] = 0;
        }
    }
    let name_width = width.saturating_sub(1 + dist + cols.iter().sum::<usize>()).max(16);
    let row = |name: String, histogram: &str, cells: [String; 5]| {
        let mut text = format!("{name} {histogram:<dist$}");
        for (cell, w) in cells.iter().zip(cols).filter(|(_, w)| *w > 0) {
            let _ = write!(text, "{cell:>w$}");
        }
        theme.truncate(&text, width)
    };
    let scale = format!("{}–{}", t.scale.min, t.scale.max);
    let header = row(pad(lang.t("rating.item"), name_width, theme), &scale, labels.map(str::to_owned));
    let mut lines = vec![Line::styled(header, theme.heading())];
    // A dimension's and the total's figure is the score as counted (the agreed score where
    // there is one, reverse items flipped), not a mean of the column above it: it says so
    // where the histograms stand.
    let counted = theme.truncate(lang.t("results.counted"), dist);
    let summary = |name: &str, mean: Option<f64>, spread: Option<f64>, style: Style| {
        let cells = [
            number(lang, mean, theme),
            String::new(),
            String::new(),
            spread_text(app, spread, theme),
            String::new(),
        ];
        let label = format!("{counted:>dist$}");
        Line::styled(row(pad(name, name_width, theme), &label, cells), style)
    };
    for d in &scores.dimensions {
        let name = t.dimensions.iter().find(|x| x.id == d.id).map_or("", |x| x.name.get(lang.code()));
        lines.push(summary(name, d.mean, d.spread, theme.key()));
        for g in groups.iter().filter(|g| g.slot.item.dimension == d.id) {
            let dd = &g.distribution;
            let cells = [
                number(lang, dd.mean(), theme),
                number(lang, dd.median(), theme),
                dd.range().map_or_else(|| theme.symbols().none.to_owned(), |(lo, hi)| format!("{lo}–{hi}")),
                spread_text(app, g.spread(), theme),
                g.agreed.map_or_else(|| theme.symbols().separator.to_owned(), |s| s.to_string()),
            ];
            let name = format!("  {}", slot_name(app, t, g, name_width.saturating_sub(2), theme));
            lines.push(Line::raw(row(name, &dd.bars(), cells)));
        }
    }
    lines.push(summary(lang.t("results.total"), scores.total, scores.spread, theme.key()));
    lines
}

/// Kiruna's view: each principle under both perspectives and the gap between them.
fn gap_table<'a>(run: &Run<'_>) -> Vec<Line<'a>> {
    let Run { app, t, groups, scores, width, theme } = *run;
    let lang = app.lang;
    let gaps = group::perspective_gaps(t, groups);
    let bars = (usize::from(t.scale.max.saturating_sub(t.scale.min)) + 1).max(5);
    // Per perspective: two spaces, the histogram, the score and the spread, each column as
    // wide as its heading in this language; then the gap.
    let heading_width = |key: &str| unicode_width::UnicodeWidthStr::width(lang.t(key)) + 1;
    let (value_w, spread_w) = (heading_width("results.value").max(6), heading_width("results.spread").max(6));
    let gap_w = heading_width("results.gap").max(7);
    let (dimension_gaps, total_gap) = group::gap_summaries(t, &gaps);
    // Where the spreads leave too little room for the names and the gap, they go: the gap is
    // what this view is for. Its column then holds a summary's "(1 of 3) −1.0" by itself.
    let spreads = width >= (2 + bars + value_w + spread_w) * 2 + gap_w + 16;
    let (spread_w, gap_w) = if spreads {
        (spread_w, gap_w)
    } else {
        let partial = dimension_gaps.iter().map(|(_, g)| g).chain(&total_gap).filter(|g| g.needs_its_count());
        let widest = partial.map(|g| {
            let of = lang.tf("results.gap_of", &[("paired", &g.paired), ("items", &g.items)]);
            let gap = g.gap.map_or_else(|| theme.symbols().none.to_owned(), |x| lang.signed_decimal(x, 1));
            unicode_width::UnicodeWidthStr::width(format!(" {of} {gap}").as_str())
        });
        (0, widest.fold(gap_w, usize::max))
    };
    let side = 2 + bars + value_w + spread_w;
    let name_width = width.saturating_sub(side * 2 + gap_w).max(16);
    let names: Vec<String> =
        t.perspectives.iter().take(2).map(|p| one_line(p.name.get(lang.code())).into_owned()).collect();
    let mut lines = Vec::new();
    let widest = group::widest_gaps(&gaps, 1);
    if let Some(g) = widest.first() {
        let text = lang.tf(
            "results.widest_gap",
            &[
                ("item", &item_name(app, t, g.item)),
                ("gap", &lang.signed_decimal(g.gap.unwrap_or(0.0), 1)),
                ("first", &names.first().cloned().unwrap_or_default()),
                ("second", &names.get(1).cloned().unwrap_or_default()),
            ],
        );
        lines.push(Line::styled(theme.truncate(&text, width), theme.warning()));
    }
    let mut header = pad(lang.t("results.principle"), name_width, theme);
    for name in &names {
        let _ = write!(header, "  {}", pad(name, side - 2, theme));
    }
    let _ = write!(header, "{:>gap_w$}", lang.t("results.gap"));
    lines.push(Line::styled(theme.truncate(&header, width), theme.heading()));
    let mut sub = " ".repeat(name_width);
    for _ in &names {
        let _ = write!(
            sub,
            "  {:<bars$}{:>value_w$}{:>spread_w$}",
            format!("{}–{}", t.scale.min, t.scale.max),
            lang.t("results.value"),
            if spreads { lang.t("results.spread") } else { "" }
        );
    }
    lines.push(Line::styled(theme.truncate(&sub, width), theme.dim()));
    // A dimension's or the total's gap is over the items answered under both perspectives
    // only; how many of them, where not all, stands in the second's empty spread column (or,
    // without spreads, in the gap column made wide enough for it).
    let summary = |name: &str, by: &[Option<f64>], gap: Option<&group::GapSummary>, style: Style| {
        let mut text = pad(name, name_width, theme);
        // A gap over some items only stands beside those items' own means, not the whole
        // dimension's: the two figures give the gap.
        let paired;
        let by = match gap.filter(|g| g.needs_its_count()) {
            Some(g) => {
                paired = [g.means.0, g.means.1];
                &paired[..]
            }
            None => by,
        };
        for (ix, v) in by.iter().take(2).enumerate() {
            let _ = write!(text, "  {:bars$}{:>value_w$}", "", number(lang, *v, theme));
            if ix == 0 {
                let _ = write!(text, "{:spread_w$}", "");
            }
        }
        let none = theme.symbols().none;
        let shown = gap.map_or_else(|| none.to_owned(), |g| g.shown(lang, none));
        let _ = write!(text, "{shown:>w$}", w = spread_w + gap_w);
        Line::styled(theme.truncate(&text, width), style)
    };
    for d in &scores.dimensions {
        let name = t.dimensions.iter().find(|x| x.id == d.id).map_or("", |x| x.name.get(lang.code()));
        let gap = dimension_gaps.iter().find(|(id, _)| *id == d.id).map(|(_, g)| g);
        lines.push(summary(name, &d.by_perspective, gap, theme.key()));
        for gap in gaps.iter().filter(|g| g.item.dimension == d.id) {
            let mut text =
                format!("  {}", pad(&item_name(app, t, gap.item), name_width.saturating_sub(2), theme));
            for (g, v) in gap.slots.iter().zip(&gap.values).take(2) {
                let _ = write!(
                    text,
                    "  {:<bars$}{:>value_w$}{:>spread_w$}",
                    g.distribution.bars(),
                    number(lang, *v, theme),
                    if spreads { spread_text(app, g.spread(), theme) } else { String::new() }
                );
            }
            let shown =
                gap.gap.map_or_else(|| theme.symbols().none.to_owned(), |x| lang.signed_decimal(x, 1));
            let _ = write!(text, "{shown:>gap_w$}");
            lines.push(Line::raw(theme.truncate(&text, width)));
        }
    }
    lines.push(summary(
        lang.t("results.total"),
        &scores.total_by_perspective,
        total_gap.as_ref(),
        theme.key(),
    ));
    let rule = lang.tf(
        "results.gap_rule",
        &[
            ("first", &names.first().cloned().unwrap_or_default()),
            ("second", &names.get(1).cloned().unwrap_or_default()),
        ],
    );
    lines.extend(crate::text::wrap_words(&rule, width).into_iter().map(|l| Line::styled(l, theme.dim())));
    lines
}

/// Each facet's spread across the participants, for the facet-orientation view: "±12".
pub(super) fn facet_spread(app: &App, t: &Template, a: &Assessment) -> Vec<String> {
    group::facet_spreads(t, a)
        .iter()
        .map(|f| match (f.percents.spread, f.percents.lowest, f.percents.highest) {
            (Some(s), Some(lo), Some(hi)) => app.lang.tf(
                "results.facet_spread",
                &[
                    ("spread", &format!("{s:.0}")),
                    ("lowest", &format!("{lo:.0}")),
                    ("highest", &format!("{hi:.0}")),
                ],
            ),
            _ => String::new(),
        })
        .collect()
}
