//! Pure summaries of a portfolio, shared by the Overview pane and `fasett report`: facet
//! shares and the tendency (docs/domain.md §3), counts per stage, status, track and P, follow-ups
//! due soon or overdue, and checklist scores compared with the previous run.
//!
//! The numbers that other views show too are not computed here: counts, shares and the
//! tendency come from [`Balance`] (as on the Portfolio grid) and a run's mean from
//! [`scoring`] (as in the Culture pane), so every view shows the same figure.

use std::collections::HashMap;

use jiff::civil::Date;

use crate::balance::{self, Balance, Tendency};
use crate::benefits;
use crate::i18n::Lang;
use crate::model::{Assessment, Facet, Id, Initiative, Portfolio, Pressure, Status};
use crate::scoring;

/// How many days ahead a follow-up counts as "due soon".
pub const DUE_SOON_DAYS: i32 = 14;

/// Active initiatives per facet and each facet's share of all active initiatives: a view of
/// the portfolio's [`Balance`] that tells mixed from unplaced.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetShares {
    balance: Balance,
    /// All active initiatives, the denominator of the shares.
    pub active: usize,
}

impl FacetShares {
    pub fn count(&self, facet: Facet) -> usize {
        let strip = self.balance.counts[balance::STRIP];
        match facet {
            Facet::Mixed => self.balance.mixed,
            Facet::Unplaced => strip - self.balance.mixed,
            grid => self.balance.counts[balance::cell_of(grid)],
        }
    }

    /// The facet's share of the active initiatives, in percent (0 when there are none).
    pub fn percent(&self, facet: Facet) -> f64 {
        balance::percent(self.count(facet) as u64, self.active as u64)
    }

    /// [`Self::percent`] in whole percent, rounded as the Portfolio grid rounds it.
    pub fn share(&self, facet: Facet) -> u64 {
        balance::whole_percent(self.count(facet) as u64, self.active as u64)
    }

    /// The strong facets of the named tendency, most first (docs/domain.md §3); none when
    /// no tendency is named.
    pub fn strong(&self) -> Vec<Facet> {
        self.tendency().strong()
    }

    /// Grid facets with no active initiative: where new initiatives are needed.
    pub fn empty(&self) -> Vec<Facet> {
        Facet::GRID.iter().copied().filter(|f| self.count(*f) == 0).collect()
    }

    pub fn tendency(&self) -> Tendency {
        self.balance.tendency(false)
    }
}

/// Facet counts over the active initiatives (not archived, status active).
pub fn facet_shares(initiatives: &[Initiative]) -> FacetShares {
    let balance = Balance::of(initiatives);
    FacetShares { active: balance.total(), balance }
}

/// Active initiatives per lifecycle stage, in `Stage::ALL` order (the funnel).
pub fn stage_counts(initiatives: &[Initiative]) -> [usize; 6] {
    Balance::of(initiatives).stages()
}

/// Initiatives in the portfolio ([`Initiative::in_portfolio`]), per status in `Status::ALL`
/// order: they add up to the report's headline count.
pub fn status_counts(initiatives: &[Initiative]) -> [usize; 4] {
    let mut counts = [0; 4];
    for i in initiatives.iter().filter(|i| i.in_portfolio()) {
        counts[Status::ALL.iter().position(|s| *s == i.status).unwrap_or(0)] += 1;
    }
    counts
}

/// Active initiatives per track: local, radical, not set.
pub fn track_counts(initiatives: &[Initiative]) -> [usize; 3] {
    Balance::of(initiatives).tracks()
}

/// Active initiatives relieving each of the 3 P's, in `Pressure::ALL` order: by their own
/// Relieves or by one of their benefits' (a benefit that eases staff is the initiative's).
pub fn pressure_counts(initiatives: &[Initiative]) -> [usize; 3] {
    let mut counts = [0; 3];
    for i in initiatives.iter().filter(|i| i.is_active()) {
        for (ix, p) in Pressure::ALL.iter().enumerate() {
            let by_benefit = i.benefits.iter().any(|b| b.relieves == Some(*p));
            counts[ix] += usize::from(i.relieves.contains(p) || by_benefit);
        }
    }
    counts
}

/// What a follow-up belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FollowUpKind {
    Initiative,
    Action,
    /// A benefit's target date: measure whether the benefit came (docs/domain.md §7).
    Benefit,
    /// A checklist run's planned next run (`id` is the run's, `title` its scope).
    Run,
}

impl FollowUpKind {
    pub fn key(self) -> &'static str {
        match self {
            FollowUpKind::Initiative => "initiative",
            FollowUpKind::Action => "action",
            FollowUpKind::Benefit => "benefit",
            FollowUpKind::Run => "run",
        }
    }
}

/// A booked follow-up that is overdue or due within [`DUE_SOON_DAYS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub kind: FollowUpKind,
    pub id: Id,
    pub title: String,
    pub date: Date,
    /// Days from today (negative: overdue).
    pub days: i32,
    /// The initiative a benefit belongs to (`None` for the other kinds).
    pub initiative: Option<Id>,
}

impl FollowUp {
    pub fn is_overdue(&self) -> bool {
        self.days < 0
    }
}

/// Open initiatives (active or paused, in the portfolio, or ideas waiting), open actions,
/// benefits (of initiatives in the portfolio and not stopped) and planned next runs of a
/// checklist whose follow-up is overdue or due within [`DUE_SOON_DAYS`], earliest first. A benefit's follow-up is its target date,
/// done once a measurement is dated on or after it; a run's next date is done once a later
/// run of the same checklist and scope exists.
pub fn follow_ups(portfolio: &Portfolio, today: Date) -> Vec<FollowUp> {
    let days = |d: Date| (d - today).get_days();
    let soon = |d: Date| days(d) <= DUE_SOON_DAYS;
    let mut out: Vec<FollowUp> = portfolio
        .initiatives
        .iter()
        // An idea waiting keeps its reminder (a decision may be due); one declined, merged or
        // parked is done with.
        .filter(|i| i.in_portfolio() || i.is_waiting_idea())
        .filter(|i| matches!(i.status, Status::Active | Status::Paused))
        .filter_map(|i| {
            let date = i.follow_up.filter(|d| soon(*d))?;
            Some(FollowUp {
                kind: FollowUpKind::Initiative,
                id: i.id,
                title: i.title.clone(),
                date,
                days: days(date),
                initiative: None,
            })
        })
        .collect();
    out.extend(portfolio.actions.iter().filter(|a| !a.done).filter_map(|a| {
        let date = a.follow_up.filter(|d| soon(*d))?;
        Some(FollowUp {
            kind: FollowUpKind::Action,
            id: a.id,
            title: a.what.clone(),
            date,
            days: days(date),
            initiative: None,
        })
    }));
    // A benefit is followed up after its initiative has closed, so completed ones count too.
    let benefits =
        portfolio.initiatives.iter().filter(|i| benefits::counts(i) && i.status != Status::Stopped);
    out.extend(benefits.flat_map(|i| i.benefits.iter().map(move |b| (i, b))).filter_map(|(i, b)| {
        let date = b.target.date?;
        benefits::due(b, today).needs_follow_up().then(|| FollowUp {
            kind: FollowUpKind::Benefit,
            id: b.id,
            title: b.title.clone(),
            date,
            days: days(date),
            initiative: Some(i.id),
        })
    }));
    // A run's next date is pending while it is the latest of its checklist and scope
    // (`scoring::next_run` for one run; here all at once, each scope folded once).
    let mut latest: HashMap<(&str, String), (Date, Id)> = HashMap::new();
    for a in &portfolio.assessments {
        let key = (a.template.as_str(), crate::text::fold(a.scope.trim()));
        let entry = latest.entry(key).or_insert((a.date, a.id));
        *entry = (*entry).max((a.date, a.id));
    }
    out.extend(portfolio.assessments.iter().filter_map(|a| {
        let date = a.next_date.filter(|d| soon(*d))?;
        let key = (a.template.as_str(), crate::text::fold(a.scope.trim()));
        (latest.get(&key) == Some(&(a.date, a.id))).then(|| FollowUp {
            kind: FollowUpKind::Run,
            id: a.id,
            title: a.scope.clone(),
            date,
            days: days(date),
            initiative: None,
        })
    }));
    out.sort_by_key(|f| (f.date, f.kind, f.id));
    out
}

/// The latest run of one template for one scope, compared with the run before it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistResult {
    pub template: String,
    /// The template's name in the interface language (its id when the copy is missing).
    pub name: String,
    pub scope: String,
    pub assessment: Id,
    pub date: Date,
    pub mean: Option<f64>,
    pub answered: usize,
    /// The scale the mean is on, when the template copy is there.
    pub scale: Option<(u8, u8)>,
    pub previous: Option<(Date, Option<f64>)>,
    /// Participants who gave their own scores ([`scoring::group::respondents`]).
    pub respondents: usize,
    /// How much the group disagrees on an average item ([`scoring::group::mean_spread`]).
    pub spread: Option<f64>,
    /// The previous run's spread, when it had one.
    pub previous_spread: Option<f64>,
    /// The spread before and now over the slots where both runs have one, as the change in
    /// spread is told (`None` without a previous run).
    pub spread_compared: Option<scoring::Delta>,
    /// When the group plans to run it again.
    pub next_date: Option<Date>,
    /// The latest run against the previous one like with like, over the scores both have
    /// ([`scoring::compare`]'s total); `None` without a previous run or the latest's template.
    pub compared: Option<scoring::Paired>,
    /// Every required score of the latest run is given ([`scoring::Completion::is_complete`]).
    pub complete: bool,
}

impl ChecklistResult {
    /// The change since the previous run over the scores both runs have (without the
    /// template, the latest mean minus the previous run's).
    pub fn change(&self) -> Option<f64> {
        match self.compared {
            Some(c) => c.change(),
            None => Some(self.mean? - self.previous?.1?),
        }
    }

    /// The change as written beside the two figures it is between
    /// ([`crate::scoring::shown_change`]).
    pub fn shown_change(&self) -> Option<f64> {
        match self.compared {
            Some(c) => c.shown_change(),
            None => Some(crate::scoring::shown_change(self.previous?.1?, self.mean?)),
        }
    }
}

/// For each template and scope, the latest run and its change since the previous run of the
/// same template and scope; ordered by template name, then scope.
pub fn checklist_results(portfolio: &Portfolio, lang: Lang) -> Vec<ChecklistResult> {
    let mut groups: HashMap<(&str, &str), Vec<&Assessment>> = HashMap::new();
    for a in &portfolio.assessments {
        groups.entry((a.template.as_str(), a.scope.as_str())).or_default().push(a);
    }
    let mut out: Vec<ChecklistResult> = groups
        .into_values()
        .filter_map(|mut runs| {
            runs.sort_by_key(|a| (a.date, a.id));
            let latest = *runs.last()?;
            let template = portfolio.template(&latest.template, latest.template_version);
            let prev = runs.len().checked_sub(2).map(|ix| runs[ix]);
            // A run's mean as every view shows it (`scoring::run_mean`), its spread, the slots
            // answered and the participants, in one pass over its scores.
            let summary = |a: &Assessment| match portfolio.template(&a.template, a.template_version) {
                Some(t) => {
                    let s = scoring::scores(t, a);
                    (s.total, s.spread, s.answered, s.respondents)
                }
                None => (scoring::run_mean(None, a), None, scoring::run_answered(None, a), 0),
            };
            let (mean, spread, answered, respondents) = summary(latest);
            let before = prev.map(|p| (p.date, summary(p)));
            // One comparison gives both the total's change and the spread's, like with like.
            let comparison = template.zip(prev).map(|(t, p)| scoring::compare(t, p, latest));
            let compared = comparison.as_ref().map(|c| c.total);
            let spread_compared = comparison.map(|c| c.spread);
            let complete = template.is_none_or(|t| scoring::completion(t, latest).is_complete());
            Some(ChecklistResult {
                template: latest.template.clone(),
                name: template
                    .map_or_else(|| latest.template.clone(), |t| t.name.get(lang.code()).to_owned()),
                scope: latest.scope.clone(),
                assessment: latest.id,
                date: latest.date,
                mean,
                answered,
                scale: template.map(|t| (t.scale.min, t.scale.max)),
                previous: before.map(|(date, (mean, ..))| (date, mean)),
                respondents,
                spread,
                previous_spread: before.and_then(|(_, (_, spread, ..))| spread),
                spread_compared,
                next_date: latest.next_date,
                compared,
                complete,
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.name, &a.scope, a.date).cmp(&(&b.name, &b.scope, b.date)));
    out
}

/// Rounds for display and the report: `decimals` places.
pub fn round(value: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (value * f).round() / f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::extras::Extra;
    use crate::model::{ActionItem, Answer, Scale, Stage, Template, TemplateItem, Track};
    use jiff::civil::date;

    fn init(id: Id, facet: Facet) -> Initiative {
        Initiative { id, facet, ..Initiative::default() }
    }

    #[test]
    fn shares_count_active_initiatives_only() {
        let mut list = vec![
            init(1, Facet::MissionOriented),
            init(2, Facet::MissionOriented),
            init(3, Facet::Adaptive),
            init(4, Facet::Anticipatory),
            init(5, Facet::Mixed),
        ];
        list[3].status = Status::Paused;
        list.push(Initiative { archived: true, ..init(6, Facet::Adaptive) });
        let s = facet_shares(&list);
        assert_eq!(s.active, 4);
        assert_eq!(s.count(Facet::MissionOriented), 2);
        assert!((s.percent(Facet::MissionOriented) - 50.0).abs() < 1e-9);
        assert_eq!((s.share(Facet::Adaptive), s.count(Facet::Mixed), s.count(Facet::Unplaced)), (25, 1, 0));
        assert!(s.strong().is_empty(), "4 active are too few for a tendency");
        assert_eq!(s.empty(), [Facet::Anticipatory, Facet::EnhancementOriented]);
        // Twice as many: 1 is half of 2, and 2 of 8 is over 15 %: strong.
        let twice: Vec<Initiative> = list.iter().chain(&list).cloned().collect();
        assert_eq!(facet_shares(&twice).strong(), [Facet::MissionOriented, Facet::Adaptive]);
    }

    #[test]
    fn tendency_in_words_is_the_portfolio_grid_s() {
        let en = Lang::En;
        let six: Vec<Initiative> = (1..=6).map(|id| init(id, Facet::Adaptive)).collect();
        let shares = facet_shares(&six);
        assert_eq!(shares.tendency(), Balance::of(&six).tendency(false));
        assert!(shares.tendency().words(en).starts_with("primarily adaptive"));
        assert!(facet_shares(&[]).strong().is_empty());
        assert_eq!(
            shares.tendency(),
            Tendency::Primarily {
                facet: Facet::Adaptive,
                weak: vec![Facet::MissionOriented, Facet::Anticipatory, Facet::EnhancementOriented],
            }
        );
        assert_eq!(facet_shares(&[init(1, Facet::Adaptive)]).tendency(), Tendency::TooFew);
    }

    #[test]
    fn counts_per_stage_status_track_and_pressure() {
        let mut a = init(1, Facet::Adaptive);
        a.stage = Stage::Implementing;
        a.track = Some(Track::Radical);
        a.relieves = vec![Pressure::Money, Pressure::Staff];
        let mut b = init(2, Facet::Adaptive);
        b.status = Status::Completed;
        let list = [a, b];
        assert_eq!(stage_counts(&list), [0, 0, 0, 1, 0, 0]);
        assert_eq!(status_counts(&list), [1, 0, 0, 1]);
        assert_eq!(track_counts(&list), [0, 1, 0]);
        assert_eq!(pressure_counts(&list), [1, 0, 1]);
        // Trial 9: benefits easing a P count for their initiative, once.
        let mut c = init(3, Facet::Adaptive);
        c.relieves = vec![Pressure::Money];
        c.benefits = vec![
            crate::model::Benefit { relieves: Some(Pressure::Money), ..Default::default() },
            crate::model::Benefit { relieves: Some(Pressure::Products), ..Default::default() },
        ];
        assert_eq!(pressure_counts(&[c]), [1, 1, 0]);
    }

    #[test]
    fn follow_ups_due_soon_or_overdue_earliest_first() {
        let today = date(2026, 11, 25);
        let mut p = Portfolio::default();
        let mk = |id, d: Option<Date>| Initiative {
            id,
            title: format!("i{id}"),
            follow_up: d,
            ..Initiative::default()
        };
        p.initiatives = vec![
            mk(1, Some(date(2026, 12, 9))),
            mk(2, Some(date(2026, 12, 10))),
            mk(3, Some(date(2026, 11, 1))),
            Initiative { status: Status::Completed, ..mk(4, Some(date(2026, 11, 1))) },
            mk(5, None),
        ];
        p.actions = vec![
            ActionItem {
                id: 1,
                what: "a1".into(),
                follow_up: Some(date(2026, 11, 25)),
                ..ActionItem::default()
            },
            ActionItem { id: 2, done: true, follow_up: Some(date(2026, 11, 2)), ..ActionItem::default() },
        ];
        let f = follow_ups(&p, today);
        let got: Vec<_> = f.iter().map(|f| (f.kind, f.id, f.days)).collect();
        assert_eq!(
            got,
            [
                (FollowUpKind::Initiative, 3, -24),
                (FollowUpKind::Action, 1, 0),
                (FollowUpKind::Initiative, 1, 14)
            ]
        );
        assert!(f[0].is_overdue() && !f[1].is_overdue());
    }

    #[test]
    fn an_idea_waiting_keeps_its_follow_up_and_a_declined_one_does_not() {
        use crate::model::{Idea, Triage};
        let today = date(2026, 11, 25);
        let idea = |id, triage| Initiative {
            id,
            follow_up: Some(date(2026, 11, 20)),
            idea: Some(Box::new(Idea { triage, ..Idea::default() })),
            ..Initiative::default()
        };
        let p = Portfolio {
            initiatives: vec![
                idea(1, Triage::Assessing),
                idea(2, Triage::Declined),
                idea(3, Triage::Accepted),
            ],
            ..Portfolio::default()
        };
        let ids: Vec<Id> = follow_ups(&p, today).iter().map(|f| f.id).collect();
        assert_eq!(ids, [1, 3]);
    }

    fn template() -> Template {
        let item = |id: &str, reverse| TemplateItem {
            id: id.into(),
            dimension: "d".into(),
            text: crate::model::LocalText::default(),
            reverse,
            optional: false,
            facet: None,
            extra: Extra::new(),
        };
        Template {
            id: "t".into(),
            version: 1,
            name: crate::model::LocalText([("en".to_owned(), "Climate".to_owned())].into()),
            description: crate::model::LocalText::default(),
            source: String::new(),
            scale: Scale { min: 1, max: 5, steps: vec![], extra: Extra::new() },
            result: crate::model::ResultKind::Mean,
            dimensions: vec![crate::model::Dimension {
                id: "d".into(),
                name: crate::model::LocalText::default(),
                extra: Extra::new(),
            }],
            items: vec![item("a", false), item("b", true)],
            perspectives: vec![],
            extra: Extra::new(),
        }
    }

    fn run(id: Id, day: i8, a: u8, b: Option<u8>) -> Assessment {
        let answer = |item: &str, score| Answer { score, ..Answer::empty(item.into(), None) };
        Assessment {
            id,
            template: "t".into(),
            template_version: 1,
            scope: "Team".into(),
            date: date(2026, 3, day),
            next_date: None,
            participants: vec![],
            answers: vec![answer("a", Some(a)), answer("b", b)],
            responses: vec![],
            note: String::new(),
            extra: Extra::new(),
        }
    }

    #[test]
    fn means_flip_reverse_items_and_compare_with_the_previous_run() {
        let t = template();
        assert_eq!(scoring::effective(&t.scale, &t.items[1], 5), 1);
        let first = run(1, 1, 2, Some(4));
        assert!((scoring::run_mean(Some(&t), &first).unwrap_or(0.0) - 2.0).abs() < 1e-9, "4 reversed is 2");
        assert!((scoring::run_mean(None, &first).unwrap_or(0.0) - 3.0).abs() < 1e-9);
        assert_eq!(scoring::run_mean(Some(&t), &run(9, 1, 1, None)), Some(1.0));
        let mut p = Portfolio { templates: vec![t], ..Portfolio::default() };
        p.assessments = vec![run(2, 20, 4, Some(2)), first, run(3, 10, 3, Some(3))];
        let mut other_scope = run(4, 25, 5, Some(1));
        other_scope.scope = "Other".into();
        p.assessments.push(other_scope);
        let results = checklist_results(&p, Lang::En);
        assert_eq!(results.len(), 2);
        let team = &results[1];
        assert_eq!((team.name.as_str(), team.scope.as_str(), team.assessment), ("Climate", "Team", 2));
        assert_eq!(team.previous.map(|p| p.0), Some(date(2026, 3, 10)));
        assert!((team.change().unwrap_or(0.0) - 1.0).abs() < 1e-9, "4 and 4 after 3 and 3");
        assert_eq!(results[0].change(), None, "one run: nothing to compare");
        assert!((round(2.345_6, 2) - 2.35).abs() < 1e-9);
    }

    #[test]
    fn a_half_scored_latest_run_changes_over_the_items_scored_in_both() {
        // Before: a 2 and b 2 (reversed: 4), mean 3; now only a, 4. Over a alone the change
        // is +2, not 4 − 3; the Overview and the report say it is over 1 of 2.
        let p = Portfolio {
            templates: vec![template()],
            assessments: vec![run(1, 1, 2, Some(2)), run(2, 20, 4, None)],
            ..Portfolio::default()
        };
        let r = &checklist_results(&p, Lang::Sv)[0];
        assert_eq!((r.mean, r.previous.map(|p| p.1), r.complete), (Some(4.0), Some(Some(3.0)), false));
        assert_eq!((r.change(), r.shown_change()), (Some(2.0), Some(2.0)));
        assert_eq!(r.compared.and_then(|c| c.count(Lang::Sv)).as_deref(), Some("(1 av 2)"));
    }

    #[test]
    fn an_out_of_scale_score_counts_as_unanswered_in_the_overview_too() {
        // A hand-edited file: 9 on a 1–5 scale. The Culture pane leaves it out; so must the
        // Overview and the report, or one run shows two means.
        let t = template();
        let odd = run(1, 1, 4, Some(9));
        let culture = crate::scoring::scores(&t, &odd).total;
        assert_eq!(culture, Some(4.0));
        let p =
            Portfolio { templates: vec![t.clone()], assessments: vec![odd.clone()], ..Portfolio::default() };
        let results = checklist_results(&p, Lang::En);
        assert_eq!(results[0].mean, culture, "the Overview's mean is the Culture pane's");
        assert_eq!(results[0].answered, crate::scoring::completion(&t, &odd).answered);
    }
}
