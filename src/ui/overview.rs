//! Pane 4: the portfolio at a glance, for the start of a meeting.
//!
//! ```text
//! ┌ Overview ────────────────────────────────────────────────────────────────────┐
//! │Balance · primarily mission              Follow-ups: 2 overdue, 3 in 14 days   │
//! │Mission      ████████░░  40%  4          ▸ 11-20  5d late #3 Fossilfria …      │
//! │…  (facet bars, mixed/unplaced, needed)    (a window of the follow-ups)       │
//! │Funnel (active initiatives per stage)    Checklists: latest score and change  │
//! │1 Problems     ███░░░░░░  3              Innovation climate · Ledn…  3.5 +0.8 │
//! │…                                        Goal coverage (active initiatives)   │
//! │Active 18 · paused 2 · stopped 1 · done 3 #1 Trygg och värdig äldreomsorg  6  │
//! │Local 7 · radical 10 · not set 1          Linked to no goal: 2                │
//! │Relieves: money 8 · services 10 · staff 6                                     │
//! └──────────────────────────────────────────────────────────────────────────────┘
//! ```
//! j/k select a follow-up, Enter opens it, PgDn/PgUp scroll, `o` the organisation profile.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::theme::{Theme, truncate};
use crate::analysis::{self, FollowUp, FollowUpKind};
use crate::app::App;
use crate::model::{Facet, Stage};
use crate::text::one_line;

/// Follow-up rows shown at once; the window follows the selection.
const FOLLOW_UP_ROWS: usize = 8;
const BAR: usize = 10;

fn bar(n: usize, max: usize, width: usize) -> String {
    let filled = if max == 0 { 0 } else { (n * width).div_ceil(max).min(width) };
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

fn pad(text: &str, width: usize) -> String {
    let text = truncate(text, width);
    let used = unicode_width::UnicodeWidthStr::width(text.as_str());
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let block = Block::bordered()
        .title(Span::styled(format!(" {} ", app.lang.t("overview.title")), theme.heading()))
        .border_style(theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [left, right] =
        Layout::horizontal([Constraint::Length(41), Constraint::Fill(1)]).spacing(1).areas(inner);
    let left_lines = left_column(app, usize::from(left.width), theme);
    let right_lines = right_column(app, usize::from(right.width), theme);
    let longest = left_lines.len().max(right_lines.len());
    let max_scroll = u16::try_from(longest.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX);
    let scroll = app.overview.scroll.min(max_scroll);
    frame.render_widget(Paragraph::new(left_lines).scroll((scroll, 0)), left);
    frame.render_widget(Paragraph::new(right_lines).scroll((scroll, 0)), right);
}

fn left_column(app: &App, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let initiatives = &app.portfolio.initiatives;
    let shares = analysis::facet_shares(initiatives);
    let strong = shares.strong();
    let tendency = analysis::tendency_words(&strong, lang);
    let mut lines = vec![Line::styled(
        truncate(&lang.tf("overview.balance", &[("tendency", &tendency)]), width),
        theme.heading(),
    )];
    let max = Facet::GRID.iter().map(|f| shares.count(*f)).max().unwrap_or(0);
    for facet in Facet::GRID {
        let n = shares.count(facet);
        let name = pad(lang.t(&format!("facet_short.{}", facet.key())), 12);
        let style = if n == 0 { theme.warning() } else { Style::new() };
        lines.push(Line::from(vec![
            Span::raw(format!("{name} ")),
            Span::styled(bar(n, max, BAR), if strong.contains(&facet) { theme.info() } else { theme.dim() }),
            Span::styled(format!(" {:>3}% {n:>3}", shares.share(facet)), style),
        ]));
    }
    if shares.active == 0 {
        lines.push(Line::styled(lang.t("overview.no_active"), theme.dim()));
    } else {
        let text = lang.tf(
            "overview.mixed_unplaced",
            &[
                ("mixed", &shares.count(Facet::Mixed)),
                ("unplaced", &shares.count(Facet::Unplaced)),
                ("active", &shares.active),
            ],
        );
        lines.push(Line::styled(truncate(&text, width), theme.dim()));
    }
    let empty = shares.empty();
    if empty.is_empty() {
        lines.push(Line::raw(""));
    } else {
        let names: Vec<String> =
            empty.iter().map(|f| lang.t(&format!("facet_short.{}", f.key())).to_lowercase()).collect();
        let text = lang.tf("overview.needed", &[("facets", &names.join(", "))]);
        lines.push(Line::styled(truncate(&text, width), theme.warning()));
    }

    lines.push(Line::styled(truncate(lang.t("overview.by_stage"), width), theme.heading()));
    let stages = analysis::stage_counts(initiatives);
    let max = stages.iter().copied().max().unwrap_or(0);
    let bar_width = width.saturating_sub(20).clamp(4, 16);
    for (stage, n) in Stage::ALL.iter().zip(stages) {
        let name = pad(lang.t(&format!("stage_short.{}", stage.key())), 14);
        lines.push(Line::from(vec![
            Span::raw(format!("{name} ")),
            Span::styled(bar(n, max, bar_width), theme.info()),
            Span::raw(format!(" {n:>3}")),
        ]));
    }
    let statuses = analysis::status_counts(initiatives);
    let text = lang.tf(
        "overview.statuses_line",
        &[
            ("active", &statuses[0]),
            ("paused", &statuses[1]),
            ("stopped", &statuses[2]),
            ("completed", &statuses[3]),
        ],
    );
    lines.push(Line::raw(truncate(&text, width)));
    let tracks = analysis::track_counts(initiatives);
    let text = lang
        .tf("overview.tracks_line", &[("local", &tracks[0]), ("radical", &tracks[1]), ("none", &tracks[2])]);
    lines.push(Line::raw(truncate(&text, width)));
    let ps = analysis::pressure_counts(initiatives);
    let text = lang.tf("overview.ps_line", &[("money", &ps[0]), ("products", &ps[1]), ("staff", &ps[2])]);
    lines.push(Line::raw(truncate(&text, width)));
    lines
}

fn follow_up_line(app: &App, f: &FollowUp, selected: bool, width: usize, theme: &Theme) -> Line<'static> {
    let lang = app.lang;
    let when = match f.days {
        d if d < 0 => lang.tf("overview.overdue_days", &[("days", &-d)]),
        0 => lang.t("overview.today").to_owned(),
        d => lang.tf("overview.in_days", &[("days", &d)]),
    };
    let what = match f.kind {
        FollowUpKind::Initiative => format!("#{}", f.id),
        FollowUpKind::Action => lang.tf("overview.action_prefix", &[("id", &f.id)]),
        FollowUpKind::Benefit => lang.tf("overview.benefit_prefix", &[("id", &f.id)]),
    };
    let date = f.date.strftime("%m-%d").to_string();
    let head = format!("{} {date} {when:>8} {what} ", super::theme::mark(selected));
    let used = unicode_width::UnicodeWidthStr::width(head.as_str());
    let title = pad(&one_line(&f.title), width.saturating_sub(used));
    let when_style = if f.is_overdue() { theme.warning() } else { Style::new() };
    let line = Line::from(vec![Span::styled(head, when_style), Span::raw(title)]);
    if selected { line.style(theme.selected()) } else { line }
}

fn right_column(app: &App, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let follow_ups = app.follow_ups();
    let overdue = follow_ups.iter().filter(|f| f.is_overdue()).count();
    let heading =
        lang.tf("overview.follow_ups", &[("overdue", &overdue), ("soon", &(follow_ups.len() - overdue))]);
    let mut lines = vec![Line::styled(truncate(&heading, width), theme.heading())];
    if follow_ups.is_empty() {
        lines.push(Line::styled(truncate(lang.t("overview.no_follow_ups"), width), theme.dim()));
    } else {
        let selected = app.overview_selected(follow_ups.len());
        let start = crate::layout::scroll(0, selected, follow_ups.len(), FOLLOW_UP_ROWS);
        for (ix, f) in follow_ups.iter().enumerate().skip(start).take(FOLLOW_UP_ROWS) {
            lines.push(follow_up_line(app, f, ix == selected, width, theme));
        }
    }

    lines.push(Line::styled(truncate(lang.t("overview.checklists"), width), theme.heading()));
    let results = analysis::checklist_results(&app.portfolio, lang);
    if results.is_empty() {
        lines.push(Line::styled(truncate(lang.t("overview.no_checklists"), width), theme.dim()));
    }
    for r in &results {
        let score = r.mean.map_or_else(|| "–".to_owned(), |m| format!("{m:.1}"));
        let (change, style) = match r.change() {
            Some(d) if d >= 0.05 => (format!("{d:+.1}"), theme.info()),
            Some(d) if d <= -0.05 => (format!("{d:+.1}"), theme.warning()),
            Some(_) => ("±0.0".to_owned(), Style::new()),
            None => (lang.t("overview.first_run").to_owned(), theme.dim()),
        };
        let tail = format!(" {score:>4} {change:>5}");
        let used = unicode_width::UnicodeWidthStr::width(tail.as_str());
        let name = pad(&one_line(&format!("{} · {}", r.name, r.scope)), width.saturating_sub(used));
        lines.push(Line::from(vec![Span::raw(name), Span::styled(tail, style)]));
    }

    lines.push(Line::styled(truncate(lang.t("overview.goals"), width), theme.heading()));
    let coverage = crate::coverage::coverage(&app.portfolio);
    let goals: Vec<_> = coverage.goals.iter().filter(|g| !g.retired).collect();
    if goals.is_empty() {
        lines.push(Line::styled(truncate(lang.t("overview.no_goals"), width), theme.dim()));
    }
    for g in goals {
        let n = g.total();
        let tail = format!(" {n:>3}");
        let name = pad(&one_line(&format!("#{} {}", g.id, g.title)), width.saturating_sub(tail.len()));
        let style = if n == 0 { theme.warning() } else { Style::new() };
        lines.push(Line::from(vec![Span::raw(name), Span::styled(tail, style)]));
    }
    let text = lang.tf("overview.unlinked", &[("count", &coverage.unlinked)]);
    lines.push(Line::styled(truncate(&text, width), theme.dim()));
    lines
}

#[cfg(test)]
mod tests {
    use crate::action::Action;
    use crate::action::{OverviewAction, Pane};
    use crate::testing::Harness;

    #[test]
    fn overview_of_the_demo_at_80x24() {
        let mut app = Harness::sample().on(Pane::Overview);
        insta::assert_snapshot!(app.screen());
        for _ in 0..9 {
            app.update(Action::Overview(OverviewAction::Next));
        }
        insta::assert_snapshot!("overview_follow_up_window_scrolled", app.screen());
    }

    #[test]
    fn an_empty_portfolio_says_so() {
        let mut app = Harness::empty().on(Pane::Overview);
        assert!(!app.first_run);
        let screen = app.screen();
        assert!(screen.contains("No active initiatives yet"), "{screen}");
        assert!(screen.contains("No follow-ups due"), "{screen}");
    }
}
