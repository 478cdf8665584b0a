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
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::analysis::{self, FollowUp, FollowUpKind};
use crate::app::App;
use crate::balance::Tendency;
use crate::benefits;
use crate::ideas::{self, review};
use crate::model::{Facet, Stage};
use crate::text::{one_line, wrap_words};
use unicode_width::UnicodeWidthStr;

/// Follow-up rows shown at once; the window follows the selection.
const FOLLOW_UP_ROWS: usize = 8;
const BAR: usize = 10;

fn bar(n: usize, max: usize, width: usize, theme: &Theme) -> String {
    let filled = if max == 0 { 0 } else { (n * width).div_ceil(max).min(width) };
    let (full, empty) = theme.symbols().bar;
    format!("{}{}", full.repeat(filled), empty.repeat(width - filled))
}

/// `text` as whole-word lines of `width` in `style`: a sentence in this pane is never cut.
fn wrapped(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap_words(text, width).into_iter().map(|l| Line::styled(l, style)).collect()
}

/// A list of counts ("Active 18 · paused 2, …") as lines of `width`, broken between its
/// items so a label keeps its number.
fn wrapped_list(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    crate::text::wrap_after(text, &[',', '·'], width).into_iter().map(|l| Line::styled(l, style)).collect()
}

fn pad(text: &str, width: usize, theme: &Theme) -> String {
    let text = theme.truncate(text, width);
    let used = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut block = theme
        .bordered()
        .title(Span::styled(format!(" {} ", app.lang.t("overview.title")), theme.heading()))
        .border_style(theme.border());
    let inner = block.inner(area);
    // Narrower than 80 columns the two columns share the width: bars get shorter, lines
    // wrap, and the follow-ups leave out their date (the days late or to go stay).
    let left_width = if inner.width >= 41 + 1 + 32 { 41 } else { (inner.width / 2).clamp(30, 41) };
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).spacing(1).areas(inner);
    let left_lines = left_column(app, usize::from(left.width), theme);
    let right_lines = right_column(app, usize::from(right.width), theme);
    let longest = left_lines.len().max(right_lines.len());
    let max_scroll = u16::try_from(longest.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX);
    let scroll = app.overview.scroll.min(max_scroll);
    // What does not fit is said on the border, with the key that shows it.
    let below = max_scroll - scroll;
    if below > 0 || scroll > 0 {
        let text = if below > 0 {
            app.lang.tn("overview.more_below", usize::from(below), &[])
        } else {
            app.lang.t("overview.more_above").to_owned()
        };
        block = block.title_bottom(Line::styled(format!(" {text} "), theme.dim()).right_aligned());
    }
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(left_lines).scroll((scroll, 0)), left);
    frame.render_widget(Paragraph::new(right_lines).scroll((scroll, 0)), right);
}

fn left_column(app: &App, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let initiatives = &app.portfolio.initiatives;
    let shares = analysis::facet_shares(initiatives);
    let strong = shares.strong();
    // The balance in words, wrapped rather than cut: it is what the meeting reads first.
    let (balance, style) = match shares.tendency() {
        Tendency::MostlyUnplaced { unplaced, active } => {
            (lang.tf("overview.unplaced", &[("unplaced", &unplaced), ("active", &active)]), theme.warning())
        }
        tendency => (lang.tf("overview.balance", &[("tendency", &tendency.words(lang))]), theme.heading()),
    };
    let mut lines = wrapped(&balance, width, style);
    let max = Facet::GRID.iter().map(|f| shares.count(*f)).max().unwrap_or(0);
    let percent_width = lang.percent(100.0, 0).width();
    // The bars give way in a narrow column: name, bar, share and count on one line.
    let facet_bar = width.saturating_sub(12 + 1 + 1 + percent_width + 1 + 3).clamp(4, BAR);
    for facet in Facet::GRID {
        let n = shares.count(facet);
        let name = pad(lang.t(&format!("facet_short.{}", facet.key())), 12, theme);
        let style = if n == 0 { theme.warning() } else { Style::new() };
        lines.push(Line::from(vec![
            Span::raw(format!("{name} ")),
            Span::styled(
                bar(n, max, facet_bar, theme),
                if strong.contains(&facet) { theme.info() } else { theme.dim() },
            ),
            Span::styled(
                format!(" {:>percent_width$} {n:>3}", lang.percent(shares.share(facet) as f64, 0)),
                style,
            ),
        ]));
    }
    if shares.active == 0 {
        lines.push(Line::styled(lang.t("overview.no_active"), theme.dim()));
    } else {
        let text = lang.tn(
            "overview.mixed_unplaced",
            shares.active,
            &[
                ("mixed", &shares.count(Facet::Mixed)),
                ("unplaced", &shares.count(Facet::Unplaced)),
                ("active", &shares.active),
            ],
        );
        lines.extend(wrapped(&text, width, theme.dim()));
    }
    let empty = shares.empty();
    if !empty.is_empty() {
        let names: Vec<String> =
            empty.iter().map(|f| lang.t(&format!("facet_short.{}", f.key())).to_lowercase()).collect();
        let text = lang.tf("overview.needed", &[("facets", &names.join(", "))]);
        lines.extend(wrapped(&text, width, theme.warning()));
    }
    // The benefits' headline takes the spacer's row: with nothing needed it moves nothing.
    let benefits = benefits_lines(app, width, theme);
    if benefits.is_empty() && empty.is_empty() {
        lines.push(Line::raw(""));
    }
    lines.extend(benefits);

    lines.push(Line::styled(theme.truncate(lang.t("overview.by_stage"), width), theme.heading()));
    let stages = analysis::stage_counts(initiatives);
    let max = stages.iter().copied().max().unwrap_or(0);
    let bar_width = width.saturating_sub(20).clamp(4, 16);
    for (stage, n) in Stage::ALL.iter().zip(stages) {
        let name = pad(lang.t(&format!("stage_short.{}", stage.key())), 14, theme);
        lines.push(Line::from(vec![
            Span::raw(format!("{name} ")),
            Span::styled(bar(n, max, bar_width, theme), theme.info()),
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
    lines.extend(wrapped_list(&text, width, Style::new()));
    let tracks = analysis::track_counts(initiatives);
    let text = lang
        .tf("overview.tracks_line", &[("local", &tracks[0]), ("radical", &tracks[1]), ("none", &tracks[2])]);
    lines.extend(wrapped_list(&text, width, Style::new()));
    let ps = analysis::pressure_counts(initiatives);
    let text = lang.tf("overview.ps_line", &[("money", &ps[0]), ("products", &ps[1]), ("staff", &ps[2])]);
    lines.extend(wrapped_list(&text, width, Style::new()));
    lines.extend(loop_lines(app, width, theme));
    lines
}

/// How much of the portfolio's benefits is realised, as the report's table says it: money's
/// share and time's (in the headline unit); nothing without benefits.
fn benefits_lines(app: &App, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let counted =
        || app.portfolio.initiatives.iter().filter(|i| benefits::counts(i)).flat_map(|i| &i.benefits);
    let count = counted().count();
    if count == 0 {
        return Vec::new();
    }
    let (units, sums) = benefits::in_headline(counted());
    let share = |planned: f64, realised: f64| {
        (planned != 0.0).then(|| lang.percent(benefits::clamp_shown(realised / planned * 100.0), 0))
    };
    let figures: Vec<String> = [
        share(sums.money_planned, sums.money_realised)
            .map(|percent| lang.tf("overview.benefits_money", &[("percent", &percent)])),
        // Time in other units is never in the share; it is named beside it, as everywhere.
        share(sums.time_planned, sums.time_realised).map(|percent| {
            let time = lang.tf("overview.benefits_time", &[("percent", &percent)]);
            match benefits::apart_text(lang, &units, true) {
                Some(apart) => format!("{time} ({apart})"),
                None => time,
            }
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    let text = if figures.is_empty() {
        lang.tf("overview.benefits_unsummed", &[("benefits", &lang.tn("benefits.count", count, &[]))])
    } else {
        // A narrow column gets the shorter label before it gets a second line.
        let figures = figures.join(" · ");
        let full = lang.tf("overview.benefits", &[("figures", &figures)]);
        if full.width() <= width {
            full
        } else {
            lang.tf("overview.benefits_short", &[("figures", &figures)])
        }
    };
    wrapped_list(&text, width, theme.info())
}

/// Days back the Overview lists stage decisions for.
const DECISION_DAYS: i64 = 90;
/// Decisions listed at most; the report has them all.
const DECISION_ROWS: usize = 5;

/// The loop around the register: ideas waiting and proposers not told, the change since the
/// last review, and the decisions of the last 90 days.
fn loop_lines(app: &App, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let portfolio = &app.portfolio;
    let mut lines = Vec::new();
    if let Some(then) = review::earlier(portfolio, app.today) {
        let now = review::take(portfolio, app.today);
        let (text, style) = match review::comparison(then, &now, lang) {
            Ok(text) => (text, Style::new()),
            Err(text) => (text, theme.warning()),
        };
        lines.extend(wrapped(&text, width, style));
    }
    let from = app.today.saturating_sub(jiff::Span::new().days(DECISION_DAYS));
    let decisions = ideas::decisions_between(portfolio, from, app.today);
    if !decisions.is_empty() {
        let heading = lang.tn("overview.decisions", decisions.len(), &[("days", &DECISION_DAYS)]);
        lines.push(Line::styled(theme.truncate(&heading, width), theme.heading()));
        for (i, e) in decisions.into_iter().take(DECISION_ROWS) {
            let line = format!("{} #{} {}", lang.day_month(e.date), i.id, ideas::decision_words(e, lang));
            lines.push(Line::raw(theme.truncate(&line, width)));
        }
    }
    lines
}

/// Ideas waiting for a decision and proposers not yet told, first in the right column so a
/// meeting sees them; nothing while the portfolio has no ideas.
fn ideas_lines(app: &App, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let portfolio = &app.portfolio;
    if !portfolio.initiatives.iter().any(|i| i.idea.is_some()) {
        return Vec::new();
    }
    let waiting = ideas::waiting(portfolio).count();
    let untold = ideas::untold(portfolio, app.today).count();
    let text = lang.tf(
        "overview.ideas_line",
        &[
            ("waiting", &lang.tn("overview.ideas_waiting", waiting, &[])),
            (
                "untold",
                &lang.tn("overview.untold", untold, &[("days", &portfolio.organisation.feedback_days())]),
            ),
        ],
    );
    let style = if waiting + untold > 0 { theme.warning() } else { Style::new() };
    wrapped_list(&text, width, style)
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
        FollowUpKind::Run => lang.tf("overview.run_prefix", &[("id", &f.id)]),
    };
    let date_width = lang.day_month(jiff::civil::date(2026, 12, 31)).width();
    let date = if width < 32 { String::new() } else { format!("{:>date_width$} ", lang.day_month(f.date)) };
    let head = format!("{} {date}{when:>8} {what} ", theme.mark(selected));
    let used = head.width();
    let title = match f.kind {
        // "Innovation climate · Ledningsgruppen": the checklist to run again, and for whom.
        FollowUpKind::Run => app.portfolio.assessment(f.id).map_or_else(
            || f.title.clone(),
            |a| {
                let name = app.run_template(a).map_or(a.template.as_str(), |(t, _)| t.name.get(lang.code()));
                format!("{name} {} {}", theme.symbols().separator, f.title)
            },
        ),
        _ => f.title.clone(),
    };
    let title = pad(&one_line(&title), width.saturating_sub(used), theme);
    let when_style = if f.is_overdue() { theme.overdue() } else { Style::new() };
    let line = Line::from(vec![Span::styled(head, when_style), Span::raw(title)]);
    if selected { line.style(theme.selected()) } else { line }
}

/// What the letters before the shown follow-ups mean ("B benefit · A action"), for the
/// kinds on screen; nothing when every row is an initiative's `#`.
fn codes_legend(app: &App, shown: &[&FollowUp], width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let codes: Vec<&str> = [
        (FollowUpKind::Benefit, "overview.code_benefit"),
        (FollowUpKind::Action, "overview.code_action"),
        (FollowUpKind::Run, "overview.code_run"),
    ]
    .into_iter()
    .filter(|(kind, _)| shown.iter().any(|f| f.kind == *kind))
    .map(|(_, key)| app.lang.t(key))
    .collect();
    if codes.is_empty() {
        return Vec::new();
    }
    let separator = format!(" {} ", theme.symbols().separator);
    wrapped_list(&codes.join(&separator), width, theme.dim())
}

fn right_column(app: &App, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let follow_ups = app.follow_ups();
    let overdue = follow_ups.iter().filter(|f| f.is_overdue()).count();
    let heading = lang.tf(
        "overview.follow_ups",
        &[
            ("overdue", &lang.tn("plan.overdue_count", overdue, &[])),
            ("soon", &lang.tn("overview.soon_count", follow_ups.len() - overdue, &[])),
        ],
    );
    let mut lines = ideas_lines(app, width, theme);
    lines.extend(wrapped_list(&heading, width, theme.heading()));
    if follow_ups.is_empty() {
        lines.push(Line::styled(theme.truncate(lang.t("overview.no_follow_ups"), width), theme.dim()));
    } else {
        let selected = app.overview_selected(follow_ups.len());
        let start = crate::layout::scroll(0, selected, follow_ups.len(), FOLLOW_UP_ROWS);
        let shown: Vec<&FollowUp> = follow_ups.iter().skip(start).take(FOLLOW_UP_ROWS).collect();
        for (ix, f) in shown.iter().enumerate() {
            lines.push(follow_up_line(app, f, start + ix == selected, width, theme));
        }
        lines.extend(codes_legend(app, &shown, width, theme));
    }

    lines.push(Line::styled(theme.truncate(lang.t("overview.checklists"), width), theme.heading()));
    let results = app.checklist_results();
    if results.is_empty() {
        lines.push(Line::styled(theme.truncate(lang.t("overview.no_checklists"), width), theme.dim()));
    }
    for r in results.iter() {
        let score = r.mean.map_or_else(|| theme.symbols().none.to_owned(), |m| lang.decimal(m, 1));
        let (change, style) = match r.shown_change() {
            Some(d) if d > 0.05 => (lang.signed_decimal(d, 1), theme.info()),
            Some(d) if d < -0.05 => (lang.signed_decimal(d, 1), theme.warning()),
            Some(d) => (lang.signed_decimal(d, 1).replacen('±', theme.symbols().unchanged, 1), Style::new()),
            None => (lang.t("overview.first_run").to_owned(), theme.dim()),
        };
        let tail = format!(" {score:>4} {change:>5}");
        let used = tail.width();
        let name = pad(
            &one_line(&format!("{} {} {}", r.name, theme.symbols().separator, r.scope)),
            width.saturating_sub(used),
            theme,
        );
        lines.push(Line::from(vec![Span::raw(name), Span::styled(tail, style)]));
        // A change over some of the scores only says so under it, and why.
        if let Some(c) = r.compared.filter(crate::scoring::Paired::needs_its_count) {
            let key = if r.complete { "overview.change_over" } else { "overview.change_incomplete" };
            let text = lang.tf(key, &[("paired", &c.paired), ("total", &c.slots)]);
            lines.push(Line::styled(theme.truncate(&format!("  {text}"), width), theme.dim()));
        }
    }

    lines.push(Line::styled(theme.truncate(lang.t("overview.goals"), width), theme.heading()));
    let coverage = crate::coverage::coverage(&app.portfolio);
    let goals: Vec<_> = coverage.goals.iter().filter(|g| !g.retired).collect();
    if goals.is_empty() {
        lines.push(Line::styled(theme.truncate(lang.t("overview.no_goals"), width), theme.dim()));
    }
    for g in goals {
        let n = g.total();
        let tail = format!(" {n:>3}");
        let name = pad(&one_line(&format!("#{} {}", g.id, g.title)), width.saturating_sub(tail.len()), theme);
        let style = if n == 0 { theme.warning() } else { Style::new() };
        lines.push(Line::from(vec![Span::raw(name), Span::styled(tail, style)]));
    }
    let text = lang.tf("overview.unlinked", &[("count", &coverage.unlinked)]);
    lines.push(Line::styled(theme.truncate(&text, width), theme.dim()));
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
    fn what_does_not_fit_is_said_on_the_border_and_pgdn_shows_it() {
        for size in [(80, 24), (80, 23)] {
            let mut app = Harness::sample().on(Pane::Overview);
            // The right column's last line.
            let last = "Linked to no goal";
            let first = app.render(size.0, size.1);
            assert!(first.contains("more lines · PgDn") && !first.contains(last), "{first}");
            let mut screen = first;
            for _ in 0..5 {
                if screen.contains("PgUp") {
                    break;
                }
                app.update(Action::Overview(OverviewAction::ScrollDown));
                screen = app.render(size.0, size.1);
            }
            assert!(screen.contains("↑ PgUp: back to the top") && screen.contains(last), "{screen}");
        }
    }

    #[test]
    fn one_line_more_is_said_in_the_singular() {
        let mut app = Harness::sample().on(Pane::Overview);
        let one = (16..60).map(|height| app.render(80, height)).find(|s| s.contains("↓ 1 more"));
        let screen = one.expect("a height that leaves one line out");
        assert!(screen.contains("↓ 1 more line · PgDn"), "{screen}");
    }

    #[test]
    fn the_follow_up_codes_on_screen_are_explained_there_and_in_the_help() {
        let mut app = Harness::sample().on(Pane::Overview);
        let screen = app.render(80, 24);
        assert!(screen.contains("B25") && screen.contains("A3"), "{screen}");
        assert!(screen.contains("B benefit · A action"), "{screen}");
        let help = app.press('?').render(80, 60);
        assert!(help.contains("B25 benefit 25") && help.contains("A3 action 3"), "{help}");
    }

    /// Trial 10 §A11: an idea's triage is a decision in the Overview as in the report.
    #[test]
    fn a_triage_counts_among_the_decisions_as_the_report_lists_it() {
        let count = |screen: &str| -> usize {
            let line = screen.lines().find(|l| l.contains("decisions, last 90 days")).expect("the decisions");
            let from = line.find("decisions, last").unwrap_or(0);
            let digits: String =
                line[..from].chars().rev().skip(1).take_while(char::is_ascii_digit).collect();
            digits.chars().rev().collect::<String>().parse().expect("a count")
        };
        let mut app = Harness::sample().on(Pane::Overview);
        let before = count(&app.render(120, 60));
        app.press('i').press('b').press(ratatui::crossterm::event::KeyCode::Esc).press('4');
        let screen = app.render(120, 60);
        assert_eq!(count(&screen), before + 1, "{screen}");
        let report =
            crate::report::markdown(&app.portfolio, app.today, app.lang, crate::report::Options::default());
        let from = app.today.saturating_sub(jiff::Span::new().days(super::DECISION_DAYS)).to_string();
        let listed = report
            .lines()
            .filter(|l| l.contains("— decision:") && l.get(2..12).is_some_and(|date| date >= from.as_str()))
            .count();
        assert_eq!(listed, before + 1, "the report lists what the Overview counts:\n{report}");
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
