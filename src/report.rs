//! `fasett report` and `:report`: the portfolio summarised for a memo or a council meeting —
//! organisation, date, balance and tendency, stage and status counts, gaps, goal coverage,
//! follow-ups, checklist results with their change, open actions, benefits realisation.
//!
//! Markdown reads well as plain text; JSON has a stable shape, documented in
//! `docs/report-json.md` (`"report_version": 1`). Headings and words come from the catalog.
//! What a group said, item by item, is in `report/group.rs`.

mod group;

mod benefits;

use std::fmt::Write as _;

mod ideas;

use jiff::civil::Date;
use serde_json::{Value, json};

use crate::analysis::{self, ChecklistResult, FacetShares, FollowUp, round};
use crate::balance::{self, Tendency};
use crate::coverage::{self, Coverage};
use crate::i18n::Lang;
use crate::model::{ActionItem, Facet, Portfolio, Pressure, Stage, Status};
use crate::placement::Pole;
use crate::text::one_line;

/// The version of the JSON shape; raised only when a field changes meaning or goes away.
pub const REPORT_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }
}

/// Everything the report says, computed once.
struct Facts<'a> {
    p: &'a Portfolio,
    lang: Lang,
    shares: FacetShares,
    tendency: Tendency,
    strong: Vec<Facet>,
    stages: [usize; 6],
    statuses: [usize; 4],
    tracks: [usize; 3],
    pressures: [usize; 3],
    coverage: Coverage,
    follow_ups: Vec<FollowUp>,
    checklists: Vec<ChecklistResult>,
    open_actions: Vec<&'a ActionItem>,
    benefits: crate::benefits::Summary,
}

impl<'a> Facts<'a> {
    fn new(p: &'a Portfolio, today: Date, lang: Lang) -> Self {
        let shares = analysis::facet_shares(&p.initiatives);
        let mut open_actions: Vec<&ActionItem> = p.actions.iter().filter(|a| !a.done).collect();
        open_actions.sort_by_key(|a| (a.follow_up.is_none(), a.follow_up, a.id));
        Facts {
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
            checklists: analysis::checklist_results(p, lang),
            open_actions,
            benefits: crate::benefits::summary(p, today),
        }
    }

    fn t(&self, key: &str) -> &'static str {
        self.lang.t(key)
    }

    fn name(&self, prefix: &str, key: &str) -> &'static str {
        self.lang.t(&format!("{prefix}.{key}"))
    }

    /// The pole a facet stands for, in words; "–" for mixed and unplaced.
    fn pole(&self, facet: Facet) -> &'static str {
        Pole::of(facet).map_or("–", |p| self.name("pole", p.key()))
    }

    fn organisation(&self) -> &str {
        let name = self.p.organisation.name.trim();
        if name.is_empty() { self.t("report.no_name") } else { name }
    }

    /// "No active anticipatory initiatives", then goals no active initiative serves.
    fn gaps(&self) -> Vec<(Value, String)> {
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

    fn when(&self, f: &FollowUp) -> String {
        match f.days {
            d if d < 0 => self.lang.tn("report.days_overdue", d.unsigned_abs() as usize, &[("days", &-d)]),
            0 => self.t("report.today").to_owned(),
            d => self.lang.tn("report.in_days", d.unsigned_abs() as usize, &[("days", &d)]),
        }
    }

    fn follow_up_label(&self, f: &FollowUp) -> String {
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
                let owner = self
                    .p
                    .initiative(initiative)
                    .and_then(|i| i.benefits.iter().find(|b| b.id == f.id))
                    .map(|b| b.owner.trim())
                    .filter(|o| !o.is_empty())
                    .map_or_else(|| self.t("benefits.no_owner").to_owned(), |o| one_line(o).into_owned());
                self.lang.tf(
                    "report.benefit_follow_up",
                    &[
                        ("id", &f.id),
                        ("initiative", &initiative),
                        ("title", &one_line(&f.title)),
                        ("owner", &owner),
                    ],
                )
            }
        }
    }
}

fn md_cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}

fn score(lang: Lang, v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| lang.decimal(v, 1))
}

/// The report as Markdown.
#[allow(clippy::many_single_char_names)]
pub fn markdown(p: &Portfolio, today: Date, lang: Lang) -> String {
    let f = Facts::new(p, today, lang);
    let t = |k: &str| lang.t(k);
    let mut o = String::new();
    let active = f.shares.active;
    let total = p.initiatives.iter().filter(|i| !i.archived).count();
    let _ = writeln!(o, "# {} — {}\n", t("report.title"), md_cell(f.organisation()));
    let _ = writeln!(
        o,
        "{}\n",
        lang.tn(
            "report.intro",
            total,
            &[("date", &lang.date(today)), ("total", &total), ("active", &active)]
        )
    );
    if !p.organisation.vision.trim().is_empty() {
        let _ = writeln!(o, "{}: {}\n", t("profile.vision"), one_line(&p.organisation.vision));
    }

    let _ = writeln!(o, "## {}\n", t("report.balance"));
    let _ = writeln!(o, "{}\n", lang.tf("report.tendency", &[("tendency", &f.tendency.words(lang))]));
    let _ = writeln!(o, "{}\n", balance::rule(lang));
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} |\n|---|---|---:|---:|",
        t("column.facet"),
        t("report.pole"),
        t("report.active"),
        t("report.share")
    );
    for facet in Facet::ALL {
        let n = f.shares.count(facet);
        if !facet.is_on_grid() && n == 0 {
            continue;
        }
        let strong =
            if f.strong.contains(&facet) { format!(" ({})", t("report.strong")) } else { String::new() };
        let _ = writeln!(
            o,
            "| {}{strong} | {} | {n} | {} |",
            f.name("facet", facet.key()),
            f.pole(facet),
            lang.percent(f.shares.share(facet) as f64, 0)
        );
    }

    let _ = writeln!(o, "\n## {}\n", t("report.gaps"));
    let gaps = f.gaps();
    if gaps.is_empty() {
        let _ = writeln!(o, "{}", t("report.no_gaps"));
    }
    for (_, text) in &gaps {
        let _ = writeln!(o, "- {text}");
    }

    let _ = writeln!(o, "\n## {}\n", t("report.stages"));
    let _ = writeln!(o, "| {} | {} |\n|---|---:|", t("column.stage"), t("report.active"));
    for (ix, stage) in Stage::ALL.iter().enumerate() {
        let _ = writeln!(o, "| {}. {} | {} |", stage.number(), f.name("stage", stage.key()), f.stages[ix]);
    }
    let _ = writeln!(o, "\n## {}\n", t("report.statuses"));
    let _ = writeln!(o, "| {} | {} |\n|---|---:|", t("column.status"), t("report.initiatives"));
    for (ix, status) in Status::ALL.iter().enumerate() {
        let _ = writeln!(o, "| {} | {} |", f.name("status", status.key()), f.statuses[ix]);
    }
    let _ = writeln!(o, "\n## {}\n", t("report.tracks_and_ps"));
    let _ = writeln!(
        o,
        "- {}: {} · {}: {} · {}: {}",
        t("track.local"),
        f.tracks[0],
        t("track.radical"),
        f.tracks[1],
        t("track.none"),
        f.tracks[2]
    );
    let ps: Vec<String> = Pressure::ALL
        .iter()
        .zip(f.pressures)
        .map(|(p, n)| format!("{}: {n}", f.name("pressure", p.key())))
        .collect();
    let _ = writeln!(o, "- {}: {}", t("report.relieves"), ps.join(" · "));

    let _ = writeln!(o, "\n## {}\n", t("report.goal_coverage"));
    if f.coverage.goals.is_empty() {
        let _ = writeln!(o, "{}", t("report.no_goals"));
    } else {
        let _ = writeln!(o, "| {} | {} |\n|---|---:|", t("report.goal"), t("report.active"));
        for g in &f.coverage.goals {
            let retired = if g.retired { format!(" ({})", t("profile.retired")) } else { String::new() };
            let _ = writeln!(o, "| #{} {}{retired} | {} |", g.id, md_cell(&g.title), g.total());
        }
    }
    let _ = writeln!(o, "\n{}", lang.tf("report.unlinked", &[("count", &f.coverage.unlinked)]));

    let _ = writeln!(o, "\n## {}\n", t("report.follow_ups"));
    if f.follow_ups.is_empty() {
        let _ = writeln!(o, "{}", t("report.no_follow_ups"));
    }
    for fu in &f.follow_ups {
        let _ = writeln!(o, "- {} ({}) — {}", lang.date(fu.date), f.when(fu), f.follow_up_label(fu));
    }

    let _ = writeln!(o, "\n## {}\n", t("report.checklists"));
    if f.checklists.is_empty() {
        let _ = writeln!(o, "{}", t("report.no_checklists"));
    } else {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} |\n|---|---|---|---:|---|",
            t("column.template"),
            t("column.scope"),
            t("column.date"),
            t("report.score"),
            t("report.change")
        );
        for c in &f.checklists {
            let scale = c.scale.map(|(lo, hi)| format!(" ({lo}–{hi})")).unwrap_or_default();
            let change = match (c.change(), c.previous) {
                (Some(d), Some((date, _))) => {
                    let change = lang.signed_decimal(d, 1);
                    lang.tf("report.change_since", &[("change", &change), ("date", &lang.date(date))])
                }
                _ => t("report.first_run").to_owned(),
            };
            let _ = writeln!(
                o,
                "| {} | {} | {} | {}{scale} | {change} |",
                md_cell(&c.name),
                md_cell(&c.scope),
                lang.date(c.date),
                score(lang, c.mean)
            );
        }
    }

    o.push_str(&group::markdown(p, &f.checklists, lang));

    let _ = writeln!(o, "\n## {}\n", t("report.open_actions"));
    if f.open_actions.is_empty() {
        let _ = writeln!(o, "{}", t("report.no_open_actions"));
    }
    for a in &f.open_actions {
        let mut line = format!("- {} {}: {}", t("report.action"), a.id, one_line(&a.what));
        if !a.who.trim().is_empty() {
            let _ = write!(line, " — {}", one_line(&a.who));
        }
        if let Some(d) = a.follow_up {
            let overdue =
                if a.is_overdue(today) { format!(", {}", t("report.overdue")) } else { String::new() };
            let _ = write!(line, " ({} {}{overdue})", t("report.follow_up_on"), lang.date(d));
        }
        let _ = writeln!(o, "{line}");
    }
    benefits::markdown(&mut o, p, &f.benefits, lang);
    o.push_str(&ideas::markdown(p, today, None, lang));
    o
}

/// The report as JSON (the shape in `docs/report-json.md`), pretty-printed with a final newline.
pub fn json(p: &Portfolio, today: Date, lang: Lang) -> String {
    let f = Facts::new(p, today, lang);
    let facets: Vec<Value> = Facet::GRID
        .iter()
        .map(|facet| {
            json!({
                "facet": facet.key(),
                "active": f.shares.count(*facet),
                "percent": round(f.shares.percent(*facet), 1),
                "strong": f.strong.contains(facet),
                "pole": Pole::of(*facet).map(Pole::key),
            })
        })
        .collect();
    let value = json!({
        "report_version": REPORT_VERSION,
        "date": today.to_string(),
        "organisation": {
            "name": p.organisation.name,
            "vision": p.organisation.vision,
            "mission": p.organisation.mission,
        },
        "initiatives": {
            "total": p.initiatives.len(),
            "archived": p.initiatives.iter().filter(|i| i.archived).count(),
            "active": f.shares.active,
        },
        "balance": {
            "facets": facets,
            "mixed": f.shares.count(Facet::Mixed),
            "unplaced": f.shares.count(Facet::Unplaced),
            "tendency": {
                "strong": f.strong.iter().map(|x| x.key()).collect::<Vec<_>>(),
                "text": f.tendency.words(lang),
                "kind": f.tendency.key(),
                "rule": balance::rule(lang),
            },
        },
        "stages": Stage::ALL.iter().zip(f.stages).map(|(s, n)| json!({"stage": s.key(), "active": n})).collect::<Vec<_>>(),
        "statuses": Status::ALL.iter().zip(f.statuses).map(|(s, n)| json!({"status": s.key(), "count": n})).collect::<Vec<_>>(),
        "tracks": {"local": f.tracks[0], "radical": f.tracks[1], "not_set": f.tracks[2]},
        "relieves": {"money": f.pressures[0], "products": f.pressures[1], "staff": f.pressures[2]},
        "gaps": f.gaps().into_iter().map(|(v, _)| v).collect::<Vec<_>>(),
        "goal_coverage": {
            "goals": f.coverage.goals.iter().map(|g| json!({
                "id": g.id,
                "title": g.title,
                "retired": g.retired,
                "active": g.total(),
                "per_facet": Facet::ALL.iter().zip(g.per_facet).map(|(x, n)| (x.key().to_owned(), Value::from(n))).collect::<serde_json::Map<_, _>>(),
            })).collect::<Vec<_>>(),
            "unlinked": f.coverage.unlinked,
        },
        "follow_ups": f.follow_ups.iter().map(|fu| {
            let mut row = json!({
                "kind": fu.kind.key(),
                "id": fu.id,
                "title": fu.title,
                "date": fu.date.to_string(),
                "days": fu.days,
                "overdue": fu.is_overdue(),
            });
            if let (Some(initiative), Value::Object(row)) = (fu.initiative, &mut row) {
                row.insert("initiative".into(), Value::from(initiative));
            }
            row
        }).collect::<Vec<_>>(),
        "checklists": f.checklists.iter().map(|c| {
            let mut entry = json!({
                "template": c.template,
                "name": c.name,
                "scope": c.scope,
                "assessment": c.assessment,
                "date": c.date.to_string(),
                "score": c.mean.map(|m| round(m, 2)),
                "answered": c.answered,
                "scale": c.scale.map(|(min, max)| json!({"min": min, "max": max})),
                "previous": c.previous.map(|(date, mean)| json!({
                    "date": date.to_string(),
                    "score": mean.map(|m| round(m, 2)),
                    "spread": c.previous_spread.map(|s| round(s, 2)),
                })),
                "change": c.change().map(|d| round(d, 2)),
                "next_date": c.next_date.map(|d| d.to_string()),
                "respondents": c.respondents,
                "spread": c.spread.map(|s| round(s, 2)),
            });
            if let Some(object) = entry.as_object_mut() {
                object.extend(group::json(p, c, lang));
            }
            entry
        }).collect::<Vec<_>>(),
        "open_actions": f.open_actions.iter().map(|a| json!({
            "id": a.id,
            "what": a.what,
            "who": a.who,
            "when": a.when,
            "follow_up": a.follow_up.map(|d| d.to_string()),
            "overdue": a.is_overdue(today),
            "assessment": a.assessment,
            "initiative": a.initiative,
        })).collect::<Vec<_>>(),
        "ideas": ideas::json(p, today, None, lang),
    });
    let whole = Whole { base: &value, benefits: benefits::json(p, &f.benefits) };
    let mut text = serde_json::to_string_pretty(&whole).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON report: the tree of [`json`], then the benefits, written straight from their
/// figures.
#[derive(serde::Serialize)]
struct Whole<'a> {
    #[serde(flatten)]
    base: &'a Value,
    benefits: benefits::BenefitsJson<'a>,
}

pub fn render(p: &Portfolio, format: Format, today: Date, lang: Lang) -> String {
    match format {
        Format::Markdown => markdown(p, today, lang),
        Format::Json => json(p, today, lang),
    }
}
