//! The region view written out: Markdown (readable as plain text, one column per
//! municipality and one for all together) and JSON (`"region_version": 1`). Headings and
//! words come from the catalog.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Candidate, Checklist, Figures, Member, View};
use crate::balance::{CELLS, STRIP};
use crate::i18n::Lang;
use crate::model::{BenefitKind, Currency, Facet, Stage, Status};
use crate::text::one_line;

/// The version of the JSON shape; raised only when a field changes meaning or goes away.
pub const REGION_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
}

/// The view in `format`.
pub fn render(view: &View, format: Format, lang: Lang) -> String {
    match format {
        Format::Markdown => markdown(view, lang),
        Format::Json => json(view, lang),
    }
}

fn md(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

fn decimal(lang: Lang, v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| lang.decimal(v, 1))
}

/// The members that were read, with their figures.
fn readable(view: &View) -> Vec<(usize, &str, &Figures)> {
    view.members
        .iter()
        .enumerate()
        .filter_map(|(ix, m)| m.outcome.as_ref().ok().map(|l| (ix, l.name.as_str(), &l.figures)))
        .collect()
}

/// The facet rows: the four facets, then mixed or unplaced.
fn facet_rows(lang: Lang) -> [String; CELLS] {
    let mut rows = Facet::GRID.map(|f| lang.t(&format!("facet.{}", f.key())).to_owned()).to_vec();
    rows.push(lang.t("region.strip").to_owned());
    rows.try_into().unwrap_or_default()
}

fn member_name(view: &View, ix: usize) -> String {
    match &view.members[ix].outcome {
        Ok(loaded) => loaded.name.clone(),
        Err(_) => view.members[ix].path.display().to_string(),
    }
}

fn markdown(view: &View, lang: Lang) -> String {
    let mut out = String::new();
    let members = readable(view);
    let _ = writeln!(out, "# {}\n", lang.tf("region.title", &[("count", &members.len())]));
    let _ = writeln!(out, "{}\n", lang.tf("region.intro", &[("date", &view.today)]));
    let failed: Vec<(String, &str)> = view.failed().collect();
    if !failed.is_empty() {
        let _ = writeln!(out, "{}\n", lang.t("region.unreadable"));
        // Each reason names its file.
        for (_, why) in failed {
            let _ = writeln!(out, "- {}", one_line(why));
        }
        out.push('\n');
    }
    for (ix, _, _) in &members {
        if let Ok(loaded) = &view.members[*ix].outcome
            && let Some(first) = loaded.same_as
        {
            let other = member_name(view, first);
            let _ = writeln!(
                out,
                "{}\n",
                lang.tf("region.same_as", &[("name", &md(&loaded.name)), ("other", &md(&other))])
            );
        }
    }

    let mut columns: Vec<(&str, &Figures)> = members.iter().map(|(_, name, f)| (*name, *f)).collect();
    let all = lang.t("region.all");
    columns.push((all, &view.pooled));
    let header = |first: &str| {
        let mut line = format!("| {} |", md(first));
        for (name, _) in &columns {
            let _ = write!(line, " {} |", md(name));
        }
        line.push_str("\n|---|");
        line.push_str(&"---:|".repeat(columns.len()));
        line
    };

    let _ = writeln!(out, "## {}\n", lang.t("report.balance"));
    let _ = writeln!(out, "{}", header(""));
    let mut row = |label: &str, cell: &dyn Fn(&Figures) -> String| {
        let mut line = format!("| {} |", md(label));
        for (_, f) in &columns {
            let _ = write!(line, " {} |", cell(f));
        }
        let _ = writeln!(out, "{line}");
    };
    row(lang.t("report.initiatives"), &|f| f.initiatives.to_string());
    if columns.iter().any(|(_, f)| f.ideas_waiting > 0) {
        row(lang.t("report.ideas_waiting_heading"), &|f| f.ideas_waiting.to_string());
    }
    row(lang.t("report.active"), &|f| f.balance.total().to_string());
    for (cell, label) in facet_rows(lang).iter().enumerate() {
        row(label, &|f| {
            let shares = f.balance.shares(false);
            let strong = cell < STRIP && f.balance.strong(false)[cell];
            let mark = if strong { " ●" } else { "" };
            format!("{} ({}){mark}", f.balance.counts[cell], lang.percent(shares[cell] as f64, 0))
        });
    }
    row(lang.t("region.tendency"), &|f| md(&f.balance.tendency(false).words(lang)));
    out.push('\n');
    let _ = writeln!(out, "{}\n", lang.t("region.strong_mark"));

    let _ = writeln!(out, "## {}\n", lang.t("report.stages"));
    let _ = writeln!(out, "{}", header(lang.t("field.stage")));
    let mut row = |label: String, cell: &dyn Fn(&Figures) -> String| {
        let mut line = format!("| {} |", md(&label));
        for (_, f) in &columns {
            let _ = write!(line, " {} |", cell(f));
        }
        let _ = writeln!(out, "{line}");
    };
    for (ix, stage) in Stage::ALL.iter().enumerate() {
        let label = format!("{}. {}", stage.number(), lang.t(&format!("stage.{}", stage.key())));
        row(label, &|f| f.balance.stages()[ix].to_string());
    }
    out.push('\n');
    let _ = writeln!(out, "## {}\n", lang.t("report.statuses"));
    let _ = writeln!(out, "{}", header(lang.t("field.status")));
    for (ix, status) in Status::ALL.iter().enumerate() {
        let label = lang.t(&format!("status.{}", status.key())).to_owned();
        let mut line = format!("| {} |", md(&label));
        for (_, f) in &columns {
            let _ = write!(line, " {} |", f.statuses[ix]);
        }
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');

    let _ = writeln!(out, "## {}\n", lang.t("report.checklists"));
    if view.checklists.is_empty() {
        let _ = writeln!(out, "{}\n", lang.t("report.no_checklists"));
    }
    for checklist in &view.checklists {
        checklist_markdown(&mut out, view, checklist, lang);
    }
    if !view.checklists.is_empty() {
        let _ = writeln!(out, "{}\n", lang.t("region.checklist_rule"));
    }

    benefits_markdown(&mut out, &columns, lang);

    let _ = writeln!(out, "## {}\n", lang.t("region.candidates"));
    if view.candidates.is_empty() {
        let _ = writeln!(out, "{}\n", lang.t("region.no_candidates"));
    } else {
        let _ = writeln!(out, "{}\n", lang.t("region.candidates_intro"));
        for candidate in &view.candidates {
            let _ = writeln!(out, "- {}", candidate_line(view, candidate));
        }
        out.push('\n');
    }
    out
}

fn checklist_markdown(out: &mut String, view: &View, checklist: &Checklist, lang: Lang) {
    let scale = checklist.scale.map(|(min, max)| format!(" ({min}–{max})")).unwrap_or_default();
    let _ = writeln!(out, "### {}{scale}\n", md(&checklist.name));
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---|",
        lang.t("region.municipality"),
        lang.t("region.runs"),
        lang.t("region.mean"),
        lang.t("region.spread"),
        lang.t("region.group_spread"),
        lang.t("region.latest"),
    );
    for r in &checklist.rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            md(&member_name(view, r.member)),
            r.runs,
            decimal(lang, r.mean),
            decimal(lang, r.spread),
            decimal(lang, r.group_spread),
            r.latest
        );
    }
    out.push('\n');
}

/// The benefits as the report adds them: money and time as the gain realised of the gain
/// planned, quality and other benefits counted (they are followed one by one).
fn benefits_markdown(out: &mut String, columns: &[(&str, &Figures)], lang: Lang) {
    let has = |kind: BenefitKind| columns.iter().any(|(_, f)| f.benefits.iter().any(|b| b.kind == kind));
    let kinds: Vec<BenefitKind> = BenefitKind::ALL.into_iter().filter(|k| has(*k)).collect();
    if kinds.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", lang.t("region.benefits"));
    let mut head = format!("| {} |", lang.t("region.benefit_kind"));
    for (name, _) in columns {
        let _ = write!(head, " {} |", md(name));
    }
    let _ = writeln!(out, "{head}\n|---|{}", "---:|".repeat(columns.len()));
    // Time is never added across units: a row per unit, the one most benefits use first.
    let mut time_units: Vec<(String, String, usize)> = Vec::new();
    for b in columns.iter().flat_map(|(_, f)| &f.benefits).filter(|b| b.kind == BenefitKind::Time) {
        let key = crate::benefits::unit_key(&b.unit);
        match time_units.iter_mut().find(|(k, ..)| *k == key) {
            Some(unit) => unit.2 += b.count,
            None => time_units.push((key, b.unit.trim().to_owned(), b.count)),
        }
    }
    time_units.sort_by_key(|(.., count)| std::cmp::Reverse(*count));
    for kind in kinds {
        let name = lang.t(&format!("benefit_kind.{}", kind.key()));
        let rows: Vec<(String, Option<&str>)> = match kind {
            BenefitKind::Time => time_units
                .iter()
                .map(|(key, unit, _)| {
                    let label = if unit.is_empty() { name.to_owned() } else { format!("{name} ({unit})") };
                    (label, Some(key.as_str()))
                })
                .collect(),
            BenefitKind::Money => vec![(name.to_owned(), None)],
            _ => vec![(lang.tf("region.benefit_counted", &[("kind", &name)]), None)],
        };
        for (label, unit) in rows {
            let mut line = format!("| {} |", md(&label));
            for (_, f) in columns {
                let _ = write!(line, " {} |", md(&benefit_cell(f, kind, unit, lang)));
            }
            let _ = writeln!(out, "{line}");
        }
    }
    out.push('\n');
}

/// One column's figure for `kind` (time: in the unit keyed `unit`): "6: 3 960 000 kr of
/// 5 930 000 kr (67 %)", or the count.
fn benefit_cell(f: &Figures, kind: BenefitKind, unit: Option<&str>, lang: Lang) -> String {
    let of_kind = f
        .benefits
        .iter()
        .filter(|b| b.kind == kind && unit.is_none_or(|key| crate::benefits::unit_key(&b.unit) == key));
    let count: usize = of_kind.clone().map(|b| b.count).sum();
    if count == 0 {
        return "–".to_owned();
    }
    if !kind.is_summed() {
        return count.to_string();
    }
    if kind == BenefitKind::Money && f.mixed_currency {
        return lang.tf("region.benefit_mixed_currency", &[("count", &count)]);
    }
    let (planned, realised) = of_kind.fold((0.0, 0.0), |(p, r), b| (p + b.planned, r + b.realised));
    let shown = |v: f64| match kind {
        BenefitKind::Money => lang.money(v, f.currency.map(Currency::code)),
        _ => lang.amount(v),
    };
    let share = if planned == 0.0 {
        "–".to_owned()
    } else {
        lang.percent(crate::benefits::clamp_shown(realised / planned * 100.0), 0)
    };
    lang.tf(
        "region.benefit_cell",
        &[("count", &count), ("realised", &shown(realised)), ("planned", &shown(planned)), ("share", &share)],
    )
}

fn candidate_line(view: &View, candidate: &Candidate) -> String {
    candidate
        .entries
        .iter()
        .map(|(member, id, title)| format!("{} #{id} “{}”", md(&member_name(view, *member)), md(title)))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn figures_json(f: &Figures, lang: Lang) -> Value {
    let shares = f.balance.shares(false);
    let strong = f.balance.strong(false);
    let facets: serde_json::Map<String, Value> = Facet::GRID
        .iter()
        .enumerate()
        .map(|(cell, facet)| {
            (
                facet.key().to_owned(),
                json!({"active": f.balance.counts[cell], "share": shares[cell], "strong": strong[cell]}),
            )
        })
        .chain(std::iter::once((
            "mixed_or_unplaced".to_owned(),
            json!({"active": f.balance.counts[STRIP], "share": shares[STRIP]}),
        )))
        .collect();
    let stages: serde_json::Map<String, Value> =
        Stage::ALL.iter().zip(f.balance.stages()).map(|(s, n)| (s.key().to_owned(), json!(n))).collect();
    let statuses: serde_json::Map<String, Value> =
        Status::ALL.iter().zip(f.statuses).map(|(s, n)| (s.key().to_owned(), json!(n))).collect();
    let benefits: Vec<Value> = f
        .benefits
        .iter()
        .map(|b| {
            // Kronor and kroner are not added up: pooled money over several currencies has
            // no gain to give, as the Markdown says "different currencies".
            let pooled_apart = b.kind == BenefitKind::Money && f.mixed_currency;
            let gains = |v: f64| if b.kind.is_summed() && !pooled_apart { json!(v) } else { Value::Null };
            json!({
                "kind": b.kind.key(), "unit": b.unit, "count": b.count, "target": b.target, "measured": b.measured,
                "planned": gains(b.planned), "realised": gains(b.realised),
            })
        })
        .collect();
    json!({
        "initiatives": f.initiatives,
        "ideas_waiting": f.ideas_waiting,
        "active": f.balance.total(),
        "facets": facets,
        "tendency": f.balance.tendency(false).words(lang),
        "stages": stages,
        "statuses": statuses,
        "benefits": benefits,
    })
}

fn member_json(ix: usize, member: &Member, lang: Lang) -> Value {
    match &member.outcome {
        Ok(loaded) => json!({
            "index": ix,
            "file": member.path.display().to_string(),
            "name": loaded.name,
            "same_as": loaded.same_as,
            "figures": figures_json(&loaded.figures, lang),
        }),
        Err(why) => json!({"index": ix, "file": member.path.display().to_string(), "error": why}),
    }
}

/// A checklist template's results across the members: runs, mean, spread and latest date.
fn checklist_json(c: &Checklist) -> Value {
    let round = |v: Option<f64>| v.map(|v| crate::analysis::round(v, 2));
    let rows: Vec<Value> = c
        .rows
        .iter()
        .map(|r| {
            json!({"member": r.member, "runs": r.runs, "mean": round(r.mean), "spread": round(r.spread),
                "group_spread": round(r.group_spread), "latest": r.latest.to_string()})
        })
        .collect();
    json!({"template": c.template, "name": c.name, "scale": c.scale.map(|(a, b)| [a, b]), "members": rows})
}

/// Initiatives of several members with the same words in their titles: member, number, title.
fn candidate_json(c: &Candidate) -> Value {
    json!(
        c.entries
            .iter()
            .map(|(m, id, title)| json!({"member": m, "id": id, "title": title}))
            .collect::<Vec<_>>()
    )
}

fn json(view: &View, lang: Lang) -> String {
    let value = json!({
        "region_version": REGION_VERSION,
        "date": view.today.to_string(),
        "members": view.members.iter().enumerate().map(|(ix, m)| member_json(ix, m, lang)).collect::<Vec<_>>(),
        "pooled": figures_json(&view.pooled, lang),
        "checklists": view.checklists.iter().map(checklist_json).collect::<Vec<_>>(),
        "candidates": view.candidates.iter().map(candidate_json).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
