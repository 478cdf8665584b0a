//! What the report says, computed once from the portfolio, the date, the language and
//! [`Options`]: the figures ([`Facts`], asked of `analysis`, `balance`, `coverage` and
//! `scoring`, the owners the interface asks too) and what a memo needs beyond them ([`Memo`]:
//! the initiatives listed per facet, the decisions and lessons logged since a date, the
//! checklist results per dimension, where each open action came from). The Markdown, JSON and
//! HTML writers only write it out; none computes a share or a mean of its own.

use jiff::ToSpan;
use jiff::civil::Date;

use serde_json::{Value, json};

use crate::analysis::{self, ChecklistResult, FacetShares, FollowUp};
use crate::balance::Tendency;
use crate::coverage::{self, Coverage};
use crate::i18n::Lang;
use crate::model::{ActionItem, Facet, Initiative, LogEntry, LogKind, Portfolio, Template};
use crate::placement::Pole;
use crate::scoring;
use crate::text::one_line;

/// The most decisions and lessons a report lists; the rest are counted ("and N more").
pub const MAX_LOG_LINES: usize = 200;

/// What the caller chooses about a report: the public version, and how far back the logs go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Leave out people's names (offentlighetsprincipen: papers that become public).
    pub public: bool,
    /// Decisions and lessons from this date on; `None` is twelve months before the report's
    /// date.
    pub since: Option<Date>,
}

impl Options {
    /// The first day whose decisions and lessons are listed.
    pub fn since(&self, today: Date) -> Date {
        self.since.unwrap_or_else(|| today.saturating_sub(12.months()))
    }
}

/// A table's columns as both the Markdown and the HTML report head it: each one's catalog key,
/// and whether it holds numbers (right-aligned).
pub(super) type Columns = [(&'static str, bool)];

pub(super) const BALANCE_COLUMNS: &Columns =
    &[("column.facet", false), ("report.pole", false), ("report.active", true), ("report.share", true)];
pub(super) const STAGE_COLUMNS: &Columns = &[("column.stage", false), ("report.active", true)];
pub(super) const STATUS_COLUMNS: &Columns = &[("column.status", false), ("report.initiatives", true)];
pub(super) const GOAL_COLUMNS: &Columns = &[("report.goal", false), ("report.active", true)];
/// The checklist runs; the HTML adds the group's spread.
pub(super) const CHECKLIST_COLUMNS: &Columns = &[
    ("column.template", false),
    ("column.scope", false),
    ("column.date", false),
    ("report.score", true),
    ("report.change", false),
];
pub(super) const DIMENSION_COLUMNS: &Columns = &[
    ("report.dimension", false),
    ("report.score", true),
    ("report.previous_run", true),
    ("report.spread", true),
];
/// The register's columns; [`Facts::register_columns`] leaves the owner out of a public report.
const REGISTER_COLUMNS: &Columns = &[
    ("column.number", true),
    ("column.title", false),
    ("column.stage", false),
    ("column.status", false),
    ("column.owner", false),
    ("column.unit", false),
    ("column.follow_up", false),
];

/// `columns` with their titles in `lang`.
pub(super) fn titled(columns: &Columns, lang: Lang) -> Vec<(&'static str, bool)> {
    columns.iter().map(|(key, numeric)| (lang.t(key), *numeric)).collect()
}

/// One facet's row in the balance table.
pub struct FacetRow {
    pub name: String,
    pub pole: &'static str,
    pub count: usize,
    pub share: String,
}

/// A decision or lesson from an initiative's log.
pub struct LogLine<'a> {
    pub initiative: &'a Initiative,
    pub entry: &'a LogEntry,
}

/// One dimension of a checklist run: its mean, the previous run's, and how far the group's
/// answers spread (where the run has participants' own scores).
pub struct DimensionBar {
    pub id: String,
    pub name: String,
    pub mean: Option<f64>,
    pub previous: Option<f64>,
    pub spread: Option<f64>,
}

/// The latest run of one checklist for one scope, dimension by dimension.
pub struct ChecklistChart {
    /// The run drawn (the latest of its checklist and scope).
    pub assessment: crate::model::Id,
    pub name: String,
    pub scope: String,
    pub date: Date,
    pub previous_date: Option<Date>,
    pub scale: (u8, u8),
    pub dimensions: Vec<DimensionBar>,
}

/// An open action and the checklist item it answers, in the report's language.
pub struct ActionLine<'a> {
    pub action: &'a ActionItem,
    /// The item's text, when the action names one the template copy still has.
    pub item: Option<String>,
    /// The checklist's name and the run's scope, when the action came from a run.
    pub run: Option<String>,
}

impl ActionLine<'_> {
    /// The run and item the action came from ("Innovation climate · Ledningsgruppen — the
    /// item"), or else the initiative it belongs to.
    pub fn source(&self, p: &Portfolio) -> Option<String> {
        match (&self.run, &self.item) {
            (Some(run), Some(item)) => Some(format!("{} — {}", one_line(run), one_line(item))),
            (Some(run), None) => Some(one_line(run).into_owned()),
            (None, _) => self
                .action
                .initiative
                .and_then(|id| p.initiative(id))
                .map(|i| format!("#{} {}", i.id, one_line(&i.title))),
        }
    }
}

/// The memo's lists, computed once.
pub struct Memo<'a> {
    pub options: Options,
    pub since: Date,
    /// Initiatives in the portfolio ([`Initiative::in_portfolio`]), per facet in
    /// [`Facet::ALL`] order, by id.
    pub by_facet: Vec<(Facet, Vec<&'a Initiative>)>,
    /// Decisions and lessons since [`Memo::since`], newest first, at most [`MAX_LOG_LINES`].
    pub log: Vec<LogLine<'a>>,
    /// How many more there were.
    pub log_more: usize,
    pub checklists: Vec<ChecklistChart>,
}

impl<'a> Memo<'a> {
    pub fn new(
        p: &'a Portfolio,
        today: Date,
        lang: Lang,
        options: Options,
        results: &[ChecklistResult],
    ) -> Self {
        let since = options.since(today);
        let mut by_facet: Vec<(Facet, Vec<&Initiative>)> =
            Facet::ALL.iter().map(|f| (*f, Vec::new())).collect();
        for i in p.initiatives.iter().filter(|i| i.in_portfolio()) {
            if let Some(slot) = Facet::ALL.iter().position(|f| *f == i.facet) {
                by_facet[slot].1.push(i);
            }
        }
        for (_, list) in &mut by_facet {
            list.sort_by_key(|i| i.id);
        }
        let mut log: Vec<LogLine> = p
            .initiatives
            .iter()
            .filter(|i| !i.archived)
            .flat_map(|i| i.log.iter().map(move |entry| LogLine { initiative: i, entry }))
            // Notes are working notes, never in a report; decisions (counted as the Overview
            // counts them) and lessons are what a council reads.
            .filter(|l| l.entry.kind == LogKind::Lesson || crate::ideas::is_decision(l.entry))
            .filter(|l| l.entry.date >= since && l.entry.date <= today)
            .collect();
        log.sort_by_key(|l| (std::cmp::Reverse(l.entry.date), l.initiative.id));
        let log_more = log.len().saturating_sub(MAX_LOG_LINES);
        log.truncate(MAX_LOG_LINES);
        Memo { options, since, by_facet, log, log_more, checklists: checklist_charts(p, results, lang) }
    }

    /// A person's name as this version of the report shows it: not at all in the public one.
    pub fn person<'s>(&self, name: &'s str) -> &'s str {
        if self.options.public { "" } else { name.trim() }
    }

    /// Where each open action came from, in the order given.
    pub fn action_lines(p: &'a Portfolio, actions: &[&'a ActionItem], lang: Lang) -> Vec<ActionLine<'a>> {
        actions
            .iter()
            .map(|a| {
                let run = a.assessment.and_then(|id| p.assessment(id));
                let template = run.and_then(|r| p.template(&r.template, r.template_version));
                let item = template
                    .zip(a.item.as_deref())
                    .and_then(|(t, id)| t.items.iter().find(|x| x.id == id))
                    .map(|x| x.text.get(lang.code()).to_owned());
                let run = run.map(|r| {
                    let name =
                        template.map_or_else(|| r.template.clone(), |t| t.name.get(lang.code()).to_owned());
                    format!("{name} · {}", r.scope.trim())
                });
                ActionLine { action: a, item, run }
            })
            .collect()
    }
}

/// For each checklist result, the latest run's dimensions beside the previous run's.
fn checklist_charts(p: &Portfolio, results: &[ChecklistResult], lang: Lang) -> Vec<ChecklistChart> {
    results
        .iter()
        .filter_map(|c| {
            let run = p.assessment(c.assessment)?;
            let t: &Template = p.template(&run.template, run.template_version)?;
            let now = scoring::scores(t, run);
            let before = scoring::previous(p, run).map(|prev| (prev.date, scoring::compare(t, prev, run)));
            // The previous run's figure over the items this run scored too (`scoring::Paired`),
            // so the change beside the bar is like with like; none where the two runs share
            // no item, or where this run scored items the previous did not.
            let dimensions = t
                .dimensions
                .iter()
                .zip(&now.dimensions)
                .map(|(d, s)| DimensionBar {
                    id: d.id.clone(),
                    name: d.name.get(lang.code()).to_owned(),
                    mean: s.mean,
                    previous: before
                        .as_ref()
                        .and_then(|(_, c)| c.dimensions.iter().find(|(id, _)| *id == s.id))
                        .map(|(_, paired)| paired)
                        .filter(|paired| {
                            paired.paired > 0
                                && paired.figures.after.zip(s.mean).is_some_and(|(a, m)| (a - m).abs() < 1e-9)
                        })
                        .and_then(|paired| paired.figures.before),
                    spread: s.spread,
                })
                .collect();
            Some(ChecklistChart {
                assessment: c.assessment,
                name: c.name.clone(),
                scope: c.scope.clone(),
                date: c.date,
                previous_date: before.map(|(d, _)| d),
                scale: (t.scale.min, t.scale.max),
                dimensions,
            })
        })
        .collect()
}

/// Everything the report says, computed once.
pub(super) struct Facts<'a> {
    pub(super) p: &'a Portfolio,
    pub(super) lang: Lang,
    pub(super) shares: FacetShares,
    pub(super) tendency: Tendency,
    pub(super) strong: Vec<Facet>,
    pub(super) stages: [usize; 6],
    pub(super) statuses: [usize; 4],
    pub(super) tracks: [usize; 3],
    pub(super) pressures: [usize; 3],
    pub(super) coverage: Coverage,
    pub(super) follow_ups: Vec<FollowUp>,
    pub(super) checklists: Vec<ChecklistResult>,
    pub(super) open_actions: Vec<&'a ActionItem>,
    pub(super) memo: Memo<'a>,
    /// What each run's group said, for the runs with participants' own scores.
    pub(super) groups: Vec<super::group::GroupRun>,
    /// Ideas waiting, the change since the last review, lessons per family.
    pub(super) ideas: super::ideas::Loop,
    pub(super) benefits: crate::benefits::Summary,
}

impl<'a> Facts<'a> {
    pub(super) fn new(p: &'a Portfolio, today: Date, lang: Lang, options: Options) -> Self {
        let shares = analysis::facet_shares(&p.initiatives);
        let mut open_actions: Vec<&ActionItem> = p.actions.iter().filter(|a| !a.done).collect();
        open_actions.sort_by_key(|a| (a.follow_up.is_none(), a.follow_up, a.id));
        let checklists = analysis::checklist_results(p, lang);
        Facts {
            memo: Memo::new(p, today, lang, options, &checklists),
            groups: super::group::runs(p, &checklists, lang),
            ideas: super::ideas::Loop::new(p, today, lang),
            benefits: crate::benefits::summary(p, today),
            p,
            lang,
            tendency: shares.tendency(),
            strong: shares.strong(),
            shares,
            stages: analysis::stage_counts(&p.initiatives),
            statuses: analysis::status_counts(&p.initiatives),
            tracks: analysis::track_counts(&p.initiatives),
            pressures: analysis::pressure_counts(&p.initiatives),
            coverage: coverage::coverage(p),
            follow_ups: analysis::follow_ups(p, today),
            checklists,
            open_actions,
        }
    }

    pub(super) fn t(&self, key: &str) -> &'static str {
        self.lang.t(key)
    }

    /// The report's first lines: the initiatives in the portfolio (the statuses add up to
    /// this), how many are active, and the ideas waiting, which are counted apart and listed
    /// in the loop's section.
    pub(super) fn intro(&self, today: Date) -> Vec<String> {
        let section = self.t("report.loop");
        let lang = self.lang;
        let total: usize = self.statuses.iter().sum();
        let mut lines = vec![lang.tn(
            "report.intro",
            total,
            &[("date", &lang.date(today)), ("total", &total), ("active", &self.shares.active)],
        )];
        let waiting = crate::ideas::waiting(self.p).count();
        if waiting > 0 {
            lines.push(lang.tn("report.intro_ideas", waiting, &[("section", &section)]));
        }
        lines
    }

    /// A facet's heading over its initiatives: its name and how many, and how many of them
    /// are active (what the balance counts) when not all are.
    pub(super) fn facet_heading(&self, facet: Facet, listed: usize) -> String {
        let name = self.name("facet", facet.key());
        let active = self.shares.count(facet);
        if active == listed {
            format!("{name} ({listed})")
        } else {
            self.lang.tn("report.facet_heading", active, &[("facet", &name), ("total", &listed)])
        }
    }

    /// `columns` with their titles in the report's language.
    pub(super) fn columns(&self, columns: &Columns) -> Vec<(&'static str, bool)> {
        titled(columns, self.lang)
    }

    /// The register's columns: no owner in a public report.
    pub(super) fn register_columns(&self) -> Vec<(&'static str, bool)> {
        let public = self.memo.options.public;
        let shown = REGISTER_COLUMNS.iter().filter(|(key, _)| !(public && *key == "column.owner"));
        shown.map(|(key, numeric)| (self.t(key), *numeric)).collect()
    }

    pub(super) fn name(&self, prefix: &str, key: &str) -> &'static str {
        self.lang.t(&format!("{prefix}.{key}"))
    }

    /// What a log line shows in either format: its date, "#3 Title", its kind in words and
    /// its text (a stage decision's verdict, forum and move before it), unescaped.
    pub(super) fn log_cells(&self, line: &LogLine<'_>) -> [String; 4] {
        let text = if line.entry.decision.is_some() {
            crate::ideas::decision_words(line.entry, self.lang)
        } else {
            line.entry.text.clone()
        };
        [
            self.lang.date(line.entry.date),
            format!("#{} {}", line.initiative.id, line.initiative.title),
            self.name("log_kind", line.entry.kind.key()).to_owned(),
            text,
        ]
    }

    /// The pole a facet stands for, in words; "–" for mixed and unplaced.
    pub(super) fn pole(&self, facet: Facet) -> &'static str {
        Pole::of(facet).map_or("–", |p| self.name("pole", p.key()))
    }

    pub(super) fn organisation(&self) -> &str {
        let name = self.p.organisation.name.trim();
        if name.is_empty() { self.t("report.no_name") } else { name }
    }

    /// The balance table's rows: each facet on the grid, and mixed or unplaced when any
    /// initiative is; its name (with "(strong)"), pole, active count and share.
    pub(super) fn facet_rows(&self) -> Vec<FacetRow> {
        Facet::ALL
            .into_iter()
            .map(|facet| (facet, self.shares.count(facet)))
            .filter(|(facet, n)| facet.is_on_grid() || *n > 0)
            .map(|(facet, count)| {
                let strong = if self.strong.contains(&facet) {
                    format!(" ({})", self.t("report.strong"))
                } else {
                    String::new()
                };
                FacetRow {
                    name: format!("{}{strong}", self.name("facet", facet.key())),
                    pole: self.pole(facet),
                    count,
                    share: self.lang.percent(self.shares.share(facet) as f64, 0),
                }
            })
            .collect()
    }

    /// "No active anticipatory initiatives", then goals no active initiative serves.
    pub(super) fn gaps(&self) -> Vec<(Value, String)> {
        let mut gaps: Vec<(Value, String)> = self
            .shares
            .empty()
            .into_iter()
            .map(|f| {
                let text = self
                    .lang
                    .tf("report.gap_facet", &[("facet", &self.name("facet", f.key()).to_lowercase())]);
                (json!({"kind": "facet", "facet": f.key(), "text": text}), text)
            })
            .collect();
        gaps.extend(self.coverage.unserved().map(|g| {
            let text = self.lang.tf("report.gap_goal", &[("id", &g.id), ("title", &one_line(&g.title))]);
            (json!({"kind": "goal", "goal": g.id, "text": text}), text)
        }));
        gaps
    }

    pub(super) fn when(&self, f: &FollowUp) -> String {
        match f.days {
            d if d < 0 => self.lang.tn("report.days_overdue", d.unsigned_abs() as usize, &[("days", &-d)]),
            0 => self.t("report.today").to_owned(),
            d => self.lang.tn("report.in_days", d.unsigned_abs() as usize, &[("days", &d)]),
        }
    }

    pub(super) fn follow_up_label(&self, f: &FollowUp) -> String {
        match f.kind {
            analysis::FollowUpKind::Initiative => format!("#{} {}", f.id, one_line(&f.title)),
            analysis::FollowUpKind::Run => {
                let name = self.p.assessment(f.id).map_or_else(String::new, |a| {
                    self.p
                        .template(&a.template, a.template_version)
                        .map_or_else(|| a.template.clone(), |t| t.name.get(self.lang.code()).to_owned())
                });
                format!("{} {}: {name} · {}", self.t("report.next_run"), f.id, one_line(&f.title))
            }
            analysis::FollowUpKind::Action => {
                format!("{} {}: {}", self.t("report.action"), f.id, one_line(&f.title))
            }
            analysis::FollowUpKind::Benefit => {
                let initiative = f.initiative.unwrap_or_default();
                let args: [(&str, &dyn std::fmt::Display); 3] =
                    [("id", &f.id), ("initiative", &initiative), ("title", &one_line(&f.title))];
                // The public version names no owner, not even to say there is none.
                if self.memo.options.public {
                    return self.lang.tf("report.benefit_follow_up_public", &args);
                }
                let owner = self
                    .p
                    .initiative(initiative)
                    .and_then(|i| i.benefits.iter().find(|b| b.id == f.id))
                    .map(|b| b.owner.trim())
                    .filter(|o| !o.is_empty())
                    .map_or_else(|| self.t("benefits.no_owner").to_owned(), |o| one_line(o).into_owned());
                let mut all = args.to_vec();
                all.push(("owner", &owner));
                self.lang.tf("report.benefit_follow_up", &all)
            }
        }
    }
}

impl<'a> Facts<'a> {
    /// "+0.8 since 2026-03-10", or "first run"; a change over some of the scores only
    /// ([`crate::scoring::Paired::needs_its_count`]) says over how many, and that the latest
    /// run is incomplete where it is.
    pub(super) fn change_words(&self, c: &ChecklistResult) -> String {
        match (c.shown_change(), c.previous) {
            (Some(d), Some((date, _))) => {
                let change = self.lang.signed_decimal(d, 1);
                let date = self.lang.date(date);
                let key = match (c.compared.filter(crate::scoring::Paired::needs_its_count), c.complete) {
                    (None, _) => "report.change_since",
                    (Some(_), true) => "report.change_since_over",
                    (Some(_), false) => "report.change_since_incomplete",
                };
                let (paired, total) = c.compared.map_or((0, 0), |p| (p.paired, p.slots));
                self.lang
                    .tf(key, &[("change", &change), ("date", &date), ("paired", &paired), ("total", &total)])
            }
            _ => self.t("report.first_run").to_owned(),
        }
    }

    pub(super) fn action_lines(&self) -> Vec<ActionLine<'a>> {
        Memo::action_lines(self.p, &self.open_actions, self.lang)
    }
}
