//! The report's benefits realisation: a section a council can read (what was planned, what
//! was realised, per year and per initiative, what is overdue and who answers for it), and the
//! JSON `benefits` object (`docs/report-json.md`). The figures come from
//! [`crate::benefits::summary`], as in the benefits view.

use std::fmt::Write as _;

use serde::Serialize;

use super::content::{Columns, titled};
use super::md_cell;
use crate::analysis::round;
use crate::benefits::{self, Summary, Sums};
use crate::export::markdown_table_head as table_head;
use crate::i18n::Lang;
use crate::model::{BenefitKind, Id, Portfolio};
use crate::text::one_line;

/// The per-initiative table's columns.
const INITIATIVE_COLUMNS: &Columns = &[
    ("report.initiative", false),
    ("report.benefits_count", true),
    ("report.benefits_money", false),
    ("report.benefits_time", false),
    ("report.benefits_payback", false),
];

/// The most initiatives the Markdown's table lists; the JSON lists every one.
const MAX_ROWS: usize = 50;

fn currency(p: &Portfolio) -> Option<&'static str> {
    p.organisation.currency.map(crate::model::Currency::code)
}

/// Planned, realised and their share, as the section's tables show them.
struct Shown<'a> {
    lang: Lang,
    currency: Option<&'a str>,
    time_unit: &'a str,
}

impl Shown<'_> {
    fn money(&self, v: f64) -> String {
        self.lang.money(v, self.currency)
    }

    fn time(&self, v: f64) -> String {
        self.lang.amount(v)
    }

    fn share(&self, realised: f64, planned: f64) -> String {
        if planned == 0.0 {
            "–".to_owned()
        } else {
            self.lang.percent(benefits::clamp_shown(realised / planned * 100.0), 0)
        }
    }

    /// "SEK 600,000 of SEK 1,200,000 (50%)", or "–" when nothing is planned or realised.
    fn pair(&self, kind: BenefitKind, planned: f64, realised: f64) -> String {
        if planned == 0.0 && realised == 0.0 {
            return "–".to_owned();
        }
        let (p, r) = match kind {
            BenefitKind::Money => (self.money(planned), self.money(realised)),
            _ => (self.time(planned), self.time(realised)),
        };
        self.lang.tf(
            "report.benefits_pair",
            &[("realised", &r), ("planned", &p), ("share", &self.share(realised, planned))],
        )
    }

    fn figure(&self, kind: BenefitKind, v: f64) -> String {
        if kind == BenefitKind::Money { self.money(v) } else { self.time(v) }
    }

    /// A year's figure: [`Self::pair`] up to this year; for a year still to come only what is
    /// planned, since nothing can have been realised in it yet. Realised before anything is
    /// planned says when the plan starts (`planned_from`, the first year planning this kind)
    /// rather than "of 0".
    fn year(
        &self,
        kind: BenefitKind,
        year: i16,
        this_year: i16,
        sums: &Sums,
        planned_from: Option<i16>,
    ) -> String {
        let (planned, realised) = sums.of_kind(kind);
        if year <= this_year && planned == 0.0 && realised != 0.0 {
            let realised = self.figure(kind, realised);
            return match planned_from {
                Some(from) => self
                    .lang
                    .tf("report.benefits_realised_early", &[("realised", &realised), ("year", &from)]),
                None => self.lang.tf("report.benefits_realised_undated", &[("realised", &realised)]),
            };
        }
        if year <= this_year {
            return self.pair(kind, planned, realised);
        }
        if planned == 0.0 {
            return "–".to_owned();
        }
        self.lang.tf("report.benefits_planned_only", &[("planned", &self.figure(kind, planned))])
    }

    /// The time benefits in other units than the headline, each summed apart, in a sentence;
    /// `None` when there are none.
    fn apart(&self, s: &Summary) -> Option<String> {
        if s.time.apart.is_empty() {
            return None;
        }
        let items: Vec<String> = s
            .time
            .apart
            .iter()
            .map(|a| {
                self.lang.tf(
                    "report.benefits_apart_item",
                    &[
                        ("benefits", &self.lang.tn("benefits.count", a.count, &[])),
                        ("unit", &a.unit),
                        ("realised", &self.time(a.realised)),
                        ("planned", &self.time(a.planned)),
                    ],
                )
            })
            .collect();
        Some(
            self.lang
                .tf("report.benefits_time_apart", &[("unit", &self.time_unit), ("apart", &items.join("; "))]),
        )
    }

    /// An initiative's row in the per-initiative table, unescaped: "#3 Title", how many
    /// benefits, money, time and payback.
    fn initiative(&self, i: &benefits::InitiativeFigures) -> [String; 5] {
        let lang = self.lang;
        let payback = i.payback_years.map_or_else(
            || "–".to_owned(),
            |y| lang.tf("report.benefits_years", &[("years", &lang.number(y, 1))]),
        );
        let sums = &i.benefits.sums;
        // Time in another unit is its own figure, named by its unit, never added in.
        let mut time: Vec<String> = Vec::new();
        if sums.time_planned != 0.0 || sums.time_realised != 0.0 || i.time_apart.is_empty() {
            time.push(self.pair(BenefitKind::Time, sums.time_planned, sums.time_realised));
        }
        // A unit with nothing planned or realised yet says so as the headline does ("–").
        time.extend(i.time_apart.iter().map(|a| {
            if a.planned == 0.0 && a.realised == 0.0 {
                return format!("– {}", a.unit);
            }
            self.lang.tf(
                "report.benefits_pair",
                &[
                    ("realised", &self.time(a.realised)),
                    ("planned", &format!("{} {}", self.time(a.planned), a.unit)),
                    ("share", &self.share(a.realised, a.planned)),
                ],
            )
        }));
        [
            format!("#{} {}", i.id, i.title),
            i.benefits.count.to_string(),
            self.pair(BenefitKind::Money, sums.money_planned, sums.money_realised),
            time.join("; "),
            payback,
        ]
    }

    /// Each P that benefits ease (and "none"), with money and time planned beside realised;
    /// a P no benefit eases is left out.
    fn per_pressure(&self, s: &Summary) -> Vec<[String; 3]> {
        let names = ["pressure.money", "pressure.products", "pressure.staff", "report.benefits_no_p"];
        names
            .iter()
            .zip(&s.per_pressure)
            .filter(|(_, sums)| **sums != Sums::default())
            .map(|(name, sums)| {
                [
                    self.lang.t(name).to_owned(),
                    self.pair(BenefitKind::Money, sums.money_planned, sums.money_realised),
                    self.pair(BenefitKind::Time, sums.time_planned, sums.time_realised),
                ]
            })
            .collect()
    }
}

/// The first year of `years` that plans a gain of `kind`.
fn planned_from(years: &[(i16, Sums)], kind: BenefitKind) -> Option<i16> {
    years.iter().find(|(_, sums)| sums.of_kind(kind).0 != 0.0).map(|(year, _)| *year)
}

/// Listed in the per-initiative table: something summed, or a cost stated.
fn counted(i: &&benefits::InitiativeFigures) -> bool {
    i.benefits.sums != Sums::default()
        || !i.time_apart.is_empty()
        || i.costs.investment.is_some()
        || i.costs.yearly.is_some()
}

/// The Markdown section.
pub(super) fn markdown(o: &mut String, p: &Portfolio, s: &Summary, lang: Lang, this_year: i16) {
    let t = |k: &str| lang.t(k);
    let unit = &s.time.headline.shown;
    let shown = Shown { lang, currency: currency(p), time_unit: unit };
    let _ = writeln!(o, "\n## {}\n", t("report.benefits"));
    if s.benefits.count == 0 {
        let _ = writeln!(o, "{}", t("report.benefits_none"));
    } else {
        let initiatives = s.initiatives.iter().filter(|i| i.benefits.count > 0).count();
        let _ = writeln!(
            o,
            "{}\n",
            lang.tf("report.benefits_intro", &[("count", &s.benefits.count), ("initiatives", &initiatives)])
        );
        let time_label = if unit.is_empty() {
            t("report.benefits_time").to_owned()
        } else {
            format!("{} ({})", t("report.benefits_time"), md_cell(shown.time_unit))
        };
        let _ = writeln!(
            o,
            "| | {} | {} | {} |\n|---|---:|---:|---:|",
            t("report.benefits_planned"),
            t("report.benefits_realised"),
            t("report.benefits_share")
        );
        let sums = &s.benefits.sums;
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            t("report.benefits_money"),
            shown.money(sums.money_planned),
            shown.money(sums.money_realised),
            shown.share(sums.money_realised, sums.money_planned)
        );
        let _ = writeln!(
            o,
            "| {time_label} | {} | {} | {} |",
            shown.time(sums.time_planned),
            shown.time(sums.time_realised),
            shown.share(sums.time_realised, sums.time_planned)
        );
        if let Some(apart) = shown.apart(s) {
            let _ = writeln!(o, "\n{}", md_cell(&apart));
        }
        let _ = writeln!(o, "\n{}", t("report.benefits_how"));
    }
    follow_up(o, p, s, lang);
    if s.benefits.count == 0 {
        return;
    }
    let years = s.timeline.years();
    if !years.is_empty() {
        let _ = writeln!(o, "\n### {}\n", t("report.benefits_per_year"));
        table_head(
            o,
            &[
                (t("report.year"), false),
                (t("report.benefits_money"), false),
                (t("report.benefits_time"), false),
            ],
        );
        let from = [planned_from(&years, BenefitKind::Money), planned_from(&years, BenefitKind::Time)];
        for (year, sums) in &years {
            let _ = writeln!(
                o,
                "| {year} | {} | {} |",
                shown.year(BenefitKind::Money, *year, this_year, sums, from[0]),
                shown.year(BenefitKind::Time, *year, this_year, sums, from[1])
            );
        }
    }
    let _ = writeln!(o, "\n### {}\n", t("report.benefits_per_initiative"));
    table_head(o, &titled(INITIATIVE_COLUMNS, lang));
    let listed: Vec<_> = s.initiatives.iter().filter(counted).collect();
    for i in listed.iter().take(MAX_ROWS) {
        let [initiative, count, money, time, payback] = shown.initiative(i);
        let _ = writeln!(o, "| {} | {count} | {money} | {time} | {payback} |", md_cell(&initiative));
    }
    if listed.len() > MAX_ROWS {
        let _ =
            writeln!(o, "\n{}", lang.tf("report.benefits_more", &[("count", &(listed.len() - MAX_ROWS))]));
    }
    let others = s.initiatives.iter().filter(|i| i.benefits.count > 0 && !counted(i)).count();
    if others > 0 {
        let _ = writeln!(o, "\n{}", lang.tf("report.benefits_only_quality", &[("count", &others)]));
    }
    let _ = writeln!(o, "\n### {}\n", t("report.benefits_per_pressure"));
    table_head(
        o,
        &[
            (t("report.benefits_relieves"), false),
            (t("report.benefits_money"), false),
            (t("report.benefits_time"), false),
        ],
    );
    for [name, money, time] in shown.per_pressure(s) {
        let _ = writeln!(o, "| {name} | {money} | {time} |");
    }
}

/// What needs doing: overdue measurements with their owners, benefits without an owner,
/// implemented initiatives with no benefit stated.
fn follow_up(o: &mut String, p: &Portfolio, s: &Summary, lang: Lang) {
    let t = |k: &str| lang.t(k);
    let _ = writeln!(o, "\n### {}\n", t("report.benefits_follow_up"));
    if s.benefits.overdue == 0 && s.without_owner.is_empty() && s.implemented_without_benefit.is_empty() {
        let _ = writeln!(o, "{}", t("report.benefits_nothing_due"));
        return;
    }
    if s.benefits.overdue > 0 {
        // Each is listed, with its owner, among the follow-ups above.
        let _ = writeln!(o, "- {}", lang.tf("report.benefits_overdue", &[("count", &s.benefits.overdue)]));
    }
    if !s.without_owner.is_empty() {
        let mut initiatives: Vec<String> = s.without_owner.iter().map(|(i, _)| format!("#{i}")).collect();
        initiatives.dedup();
        let _ = writeln!(
            o,
            "- {}",
            lang.tf(
                "report.benefits_without_owner",
                &[("count", &s.without_owner.len()), ("initiatives", &initiatives.join(", "))]
            )
        );
    }
    if !s.implemented_without_benefit.is_empty() {
        let names: Vec<String> = s
            .implemented_without_benefit
            .iter()
            .filter_map(|id| p.initiative(*id))
            .map(|i| format!("#{} {}", i.id, one_line(&i.title)))
            .collect();
        let _ = writeln!(
            o,
            "- {}",
            lang.tf("report.benefits_implemented_none", &[("initiatives", &names.join("; "))])
        );
    }
}

/// Money and time, planned ("target") and realised, in the JSON's names.
#[derive(Serialize)]
struct SumsJson {
    money_target: f64,
    money_realised: f64,
    time_target: f64,
    time_realised: f64,
}

impl From<&Sums> for SumsJson {
    fn from(s: &Sums) -> Self {
        SumsJson {
            money_target: round(s.money_planned, 2),
            money_realised: round(s.money_realised, 2),
            time_target: round(s.time_planned, 2),
            time_realised: round(s.time_realised, 2),
        }
    }
}

/// Time benefits in a unit other than `time_unit`, summed apart.
#[derive(Serialize)]
struct ApartJson<'a> {
    unit: &'a str,
    count: usize,
    time_target: f64,
    time_realised: f64,
}

fn apart_json(apart: &[benefits::Apart]) -> Vec<ApartJson<'_>> {
    apart
        .iter()
        .map(|a| ApartJson {
            unit: &a.unit,
            count: a.count,
            time_target: round(a.planned, 2),
            time_realised: round(a.realised, 2),
        })
        .collect()
}

#[derive(Serialize)]
struct OwnerMissing {
    initiative: Id,
    benefit: Id,
}

#[derive(Serialize)]
struct YearJson {
    year: i16,
    #[serde(flatten)]
    sums: SumsJson,
}

#[derive(Serialize)]
struct PressureJson {
    money: SumsJson,
    products: SumsJson,
    staff: SumsJson,
    none: SumsJson,
}

#[derive(Serialize)]
struct FacetJson {
    mission_oriented: SumsJson,
    anticipatory: SumsJson,
    enhancement_oriented: SumsJson,
    adaptive: SumsJson,
    mixed: SumsJson,
    unplaced: SumsJson,
}

#[derive(Serialize)]
struct GoalJson {
    goal: Id,
    #[serde(flatten)]
    sums: SumsJson,
}

#[derive(Serialize)]
struct InitiativeJson<'a> {
    id: Id,
    title: &'a str,
    benefits: usize,
    #[serde(flatten)]
    sums: SumsJson,
    time_other_units: Vec<ApartJson<'a>>,
    overdue_measurements: usize,
    investment: Option<f64>,
    yearly_cost: Option<f64>,
    payback_years: Option<f64>,
}

/// The JSON `benefits` object (shape in `docs/report-json.md`). Typed rather than built as a
/// tree: at 10,000 initiatives it is the report's largest part.
#[derive(Serialize)]
pub(super) struct BenefitsJson<'a> {
    count: usize,
    currency: Option<&'static str>,
    time_unit: &'a str,
    #[serde(flatten)]
    sums: SumsJson,
    time_other_units: Vec<ApartJson<'a>>,
    overdue_measurements: usize,
    due_soon: usize,
    without_owner: Vec<OwnerMissing>,
    implemented_without_benefit: &'a [Id],
    per_year: Vec<YearJson>,
    per_pressure: PressureJson,
    per_facet: FacetJson,
    per_goal: Vec<GoalJson>,
    initiatives: Vec<InitiativeJson<'a>>,
}

pub(super) fn json<'a>(p: &Portfolio, s: &'a Summary) -> BenefitsJson<'a> {
    let [money, products, staff, none] = &s.per_pressure;
    let [mission_oriented, anticipatory, enhancement_oriented, adaptive, mixed, unplaced] = &s.per_facet;
    BenefitsJson {
        count: s.benefits.count,
        currency: currency(p),
        time_unit: &s.time.headline.shown,
        sums: (&s.benefits.sums).into(),
        time_other_units: apart_json(&s.time.apart),
        overdue_measurements: s.benefits.overdue,
        due_soon: s.due_soon,
        without_owner: s
            .without_owner
            .iter()
            .map(|(initiative, benefit)| OwnerMissing { initiative: *initiative, benefit: *benefit })
            .collect(),
        implemented_without_benefit: &s.implemented_without_benefit,
        per_year: s
            .timeline
            .years()
            .into_iter()
            .map(|(year, sums)| YearJson { year, sums: (&sums).into() })
            .collect(),
        per_pressure: PressureJson {
            money: money.into(),
            products: products.into(),
            staff: staff.into(),
            none: none.into(),
        },
        per_facet: FacetJson {
            mission_oriented: mission_oriented.into(),
            anticipatory: anticipatory.into(),
            enhancement_oriented: enhancement_oriented.into(),
            adaptive: adaptive.into(),
            mixed: mixed.into(),
            unplaced: unplaced.into(),
        },
        per_goal: s.per_goal.iter().map(|(goal, sums)| GoalJson { goal: *goal, sums: sums.into() }).collect(),
        initiatives: s
            .initiatives
            .iter()
            .map(|i| InitiativeJson {
                id: i.id,
                title: &i.title,
                benefits: i.benefits.count,
                sums: (&i.benefits.sums).into(),
                time_other_units: apart_json(&i.time_apart),
                overdue_measurements: i.benefits.overdue,
                investment: i.costs.investment.map(|v| round(v, 2)),
                yearly_cost: i.costs.yearly.map(|v| round(v, 2)),
                payback_years: i.payback_years.map(|v| round(v, 1)),
            })
            .collect(),
    }
}

/// The HTML section: the sums, planned beside realised year by year (drawn, and in a table),
/// the initiatives with figures, and what needs doing. The same figures as [`markdown`].
pub(super) fn html(o: &mut String, p: &Portfolio, s: &Summary, lang: Lang, this_year: i16) {
    use super::html::{cell, esc, head};
    let t = |k: &str| lang.t(k);
    let unit = &s.time.headline.shown;
    let shown = Shown { lang, currency: currency(p), time_unit: unit };
    let time_label = if unit.is_empty() {
        t("report.benefits_time").to_owned()
    } else {
        format!("{} ({})", t("report.benefits_time"), unit)
    };
    let _ = write!(o, "<section><h2>{}</h2>", esc(t("report.benefits")));
    if s.benefits.count == 0 {
        let _ = write!(o, "<p>{}</p>", esc(t("report.benefits_none")));
    } else {
        let initiatives = s.initiatives.iter().filter(|i| i.benefits.count > 0).count();
        let intro =
            lang.tf("report.benefits_intro", &[("count", &s.benefits.count), ("initiatives", &initiatives)]);
        let _ = write!(o, "<p>{}</p>", esc(&intro));
        let columns = [
            ("", false),
            (t("report.benefits_planned"), true),
            (t("report.benefits_realised"), true),
            (t("report.benefits_share"), true),
        ];
        head(o, "keep", &columns);
        let sums = &s.benefits.sums;
        for (label, planned, realised, money) in [
            (t("report.benefits_money").to_owned(), sums.money_planned, sums.money_realised, true),
            (time_label.clone(), sums.time_planned, sums.time_realised, false),
        ] {
            let show = |v: f64| if money { shown.money(v) } else { shown.time(v) };
            let _ = write!(
                o,
                "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                cell(&label),
                esc(&show(planned)),
                esc(&show(realised)),
                esc(&shown.share(realised, planned))
            );
        }
        o.push_str("</tbody></table>");
        if let Some(apart) = shown.apart(s) {
            let _ = write!(o, "<p>{}</p>", esc(&apart));
        }
        let _ = write!(o, "<p class=\"rule\">{}</p>", esc(t("report.benefits_how")));
        let years = s.timeline.years();
        if !years.is_empty() {
            // Money where the portfolio has money benefits, else time: one scale per picture.
            let money = years.iter().any(|(_, y)| y.money_planned != 0.0 || y.money_realised != 0.0);
            let pairs: Vec<super::svg::Pair> = years
                .iter()
                .map(|(year, y)| super::svg::Pair {
                    label: year.to_string(),
                    planned: if money { y.money_planned } else { y.time_planned },
                    realised: (*year <= this_year).then_some(if money {
                        y.money_realised
                    } else {
                        y.time_realised
                    }),
                })
                .collect();
            let what = if money { t("report.benefits_money").to_owned() } else { time_label.clone() };
            let show = |v: f64| if money { shown.money(v) } else { shown.time(v) };
            let _ = write!(
                o,
                "<h3>{}</h3><figure class=\"chart\">{}</figure>",
                esc(t("report.benefits_per_year")),
                super::svg::planned_vs_realised(
                    "benefits",
                    &format!("{} · {what}", t("report.benefits_per_year")),
                    (t("report.benefits_planned"), t("report.benefits_realised")),
                    &pairs,
                    &show
                )
            );
            head(
                o,
                "keep",
                &[(t("report.year"), false), (t("report.benefits_money"), false), (&time_label, false)],
            );
            let from = [planned_from(&years, BenefitKind::Money), planned_from(&years, BenefitKind::Time)];
            for (year, y) in &years {
                let _ = write!(
                    o,
                    "<tr><td>{year}</td><td>{}</td><td>{}</td></tr>",
                    esc(&shown.year(BenefitKind::Money, *year, this_year, y, from[0])),
                    esc(&shown.year(BenefitKind::Time, *year, this_year, y, from[1]))
                );
            }
            o.push_str("</tbody></table>");
        }
        let listed: Vec<_> = s.initiatives.iter().filter(counted).collect();
        if !listed.is_empty() {
            let _ = write!(
                o,
                "<h3>{}</h3><table border=\"1\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th>\
                 <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
                esc(t("report.benefits_per_initiative")),
                esc(t("report.initiative")),
                esc(t("report.benefits_count")),
                esc(t("report.benefits_money")),
                esc(t("report.benefits_time")),
                esc(t("report.benefits_payback"))
            );
            for i in listed.iter().take(MAX_ROWS) {
                let [initiative, count, money, time, payback] = shown.initiative(i);
                let _ = write!(
                    o,
                    "<tr><td>{}</td><td class=\"n\">{count}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    cell(&initiative),
                    esc(&money),
                    esc(&time),
                    esc(&payback)
                );
            }
            o.push_str("</tbody></table>");
            if listed.len() > MAX_ROWS {
                let _ = write!(
                    o,
                    "<p>{}</p>",
                    esc(&lang.tf("report.benefits_more", &[("count", &(listed.len() - MAX_ROWS))]))
                );
            }
        }
        let others = s.initiatives.iter().filter(|i| i.benefits.count > 0 && !counted(i)).count();
        if others > 0 {
            let _ =
                write!(o, "<p>{}</p>", esc(&lang.tf("report.benefits_only_quality", &[("count", &others)])));
        }
        let _ = write!(o, "<h3>{}</h3>", esc(t("report.benefits_per_pressure")));
        head(
            o,
            "keep",
            &[
                (t("report.benefits_relieves"), false),
                (t("report.benefits_money"), false),
                (t("report.benefits_time"), false),
            ],
        );
        for [name, money, time] in shown.per_pressure(s) {
            let _ =
                write!(o, "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", esc(&name), esc(&money), esc(&time));
        }
        o.push_str("</tbody></table>");
    }
    // What needs doing, as the Markdown says it (no names in it).
    let mut needs = String::new();
    follow_up(&mut needs, p, s, lang);
    let mut lines = needs.lines().filter(|l| !l.trim().is_empty());
    if let Some(heading) = lines.next() {
        let _ = write!(o, "<h3>{}</h3><ul>", esc(heading.trim_start_matches('#').trim()));
        for line in lines {
            let _ = write!(o, "<li>{}</li>", cell(line.trim_start_matches("- ")));
        }
        o.push_str("</ul>");
    }
    o.push_str("</section>\n");
}
