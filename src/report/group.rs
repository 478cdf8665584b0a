//! The report's part on a group: for the latest run of each checklist and scope, per item how
//! the participants' scores spread (the distribution over the scale, mean, median, lowest and
//! highest, standard deviation, the agreed score), where the group disagrees most and agrees,
//! Kiruna's gap between perspectives and the facet percentages' spread. All of it comes from
//! [`crate::scoring::group`], so the report says what the Culture pane shows.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::analysis::{ChecklistResult, round};
use crate::i18n::Lang;
use crate::model::{Portfolio, Template};
use crate::scoring::group::{self, SlotGroup};
use crate::text::one_line;

const LISTED: usize = 3;

fn md_cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}

fn two(v: Option<f64>) -> Value {
    v.map_or(Value::Null, |v| Value::from(round(v, 2)))
}

fn slot_json(g: &SlotGroup<'_>) -> Value {
    json!({"item": g.slot.item.id, "perspective": g.slot.perspective, "spread": two(g.spread())})
}

/// The keys a checklist of the JSON report gains from its run's group (see
/// `docs/report-json.md`); empty lists when the run has no participants' scores.
pub(super) fn json(p: &Portfolio, c: &ChecklistResult, lang: Lang) -> serde_json::Map<String, Value> {
    let mut out = serde_json::Map::new();
    let run = p.assessment(c.assessment);
    let template = run.and_then(|a| p.template(&a.template, a.template_version));
    let (Some(run), Some(t)) = (run, template) else {
        for key in ["items", "disagree_most", "agree_most", "gaps", "dimension_gaps", "facet_spread"] {
            out.insert(key.into(), json!([]));
        }
        out.insert("perspectives".into(), json!([]));
        out.insert("total_gap".into(), Value::Null);
        return out;
    };
    let groups = group::group(t, run);
    let items: Vec<Value> = groups
        .iter()
        .map(|g| {
            let dist = &g.distribution;
            let (lowest, highest) = dist.range().map_or((None, None), |(lo, hi)| (Some(lo), Some(hi)));
            json!({
                "item": g.slot.item.id,
                "perspective": g.slot.perspective,
                "text": g.slot.item.text.get(lang.code()),
                "reverse": g.slot.item.reverse,
                "agreed": g.agreed,
                "n": dist.n(),
                "distribution": dist.counts,
                "mean": two(dist.mean()),
                "median": two(dist.median()),
                "min": lowest,
                "max": highest,
                "spread": two(g.spread()),
            })
        })
        .collect();
    out.insert("items".into(), Value::from(items));
    out.insert(
        "disagree_most".into(),
        Value::from(group::disagree_most(&groups, LISTED).into_iter().map(slot_json).collect::<Vec<_>>()),
    );
    out.insert(
        "agree_most".into(),
        Value::from(group::agree_most(&groups, LISTED).into_iter().map(slot_json).collect::<Vec<_>>()),
    );
    out.insert(
        "perspectives".into(),
        json!(t.perspectives.iter().map(|x| x.id.as_str()).collect::<Vec<_>>()),
    );
    let gaps: Vec<Value> = group::perspective_gaps(t, &groups)
        .iter()
        .map(|g| {
            json!({
                "item": g.item.id,
                "values": g.values.iter().map(|v| two(*v)).collect::<Vec<_>>(),
                "gap": two(g.gap),
            })
        })
        .collect();
    out.insert("gaps".into(), Value::from(gaps));
    let found = group::perspective_gaps(t, &groups);
    let (dimensions, total) = group::gap_summaries(t, &found);
    let summary = |g: &group::GapSummary| json!({"gap": two(g.gap), "paired": g.paired, "items": g.items});
    let summaries: Vec<Value> = dimensions
        .iter()
        .map(|(id, g)| json!({"dimension": id, "gap": two(g.gap), "paired": g.paired, "items": g.items}))
        .collect();
    out.insert("dimension_gaps".into(), Value::from(summaries));
    out.insert("total_gap".into(), total.map_or(Value::Null, |g| summary(&g)));
    let facets: Vec<Value> = if t.result == crate::model::ResultKind::FacetOrientation {
        group::facet_spreads(t, run)
            .iter()
            .map(|f| {
                let one = |v: Option<f64>| v.map_or(Value::Null, |v| Value::from(round(v, 1)));
                let p = &f.percents;
                json!({
                    "facet": f.facet.key(),
                    "n": p.n,
                    "mean": one(p.mean),
                    "spread": one(p.spread),
                    "lowest": one(p.lowest),
                    "highest": one(p.highest),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    out.insert("facet_spread".into(), Value::from(facets));
    out
}

fn short(text: &str) -> String {
    let head = text.split(':').next().unwrap_or(text).trim();
    md_cell(if head.is_empty() { text } else { head })
}

/// An item's name as the report writes it: its text up to a colon ("Testing: we try …" is
/// "Testing"), with the perspective and the reverse mark.
fn item_name(t: &Template, g: &SlotGroup<'_>, lang: Lang) -> String {
    let mut name = short(g.slot.item.text.get(lang.code()));
    if let Some(p) = g.slot.perspective.and_then(|p| t.perspectives.iter().find(|x| x.id == p)) {
        name = format!("{name} ({})", md_cell(p.name.get(lang.code())));
    }
    if g.slot.item.reverse {
        name.push_str(" ⇅");
    }
    name
}

/// A section per run with the group's own scores: the lists and the item table (and for a
/// template with perspectives, the gaps). Empty when no run has a group.
pub(super) fn markdown(p: &Portfolio, checklists: &[ChecklistResult], lang: Lang) -> String {
    let t = |k: &str| lang.t(k);
    let mut o = String::new();
    for c in checklists {
        let Some(run) = p.assessment(c.assessment) else { continue };
        let Some(template) = p.template(&run.template, run.template_version) else { continue };
        let groups = group::group(template, run);
        if groups.iter().all(|g| g.distribution.n() == 0) {
            continue;
        }
        let _ = writeln!(o, "\n### {} · {}, {}\n", md_cell(&c.name), md_cell(&c.scope), lang.date(c.date));
        let size = group::group_size(&groups);
        let _ = writeln!(o, "{}\n", lang.tf("report.group_intro", &[("count", &size)]));
        let list = |slots: Vec<&SlotGroup<'_>>| {
            slots
                .iter()
                .map(|g| format!("{} ({})", item_name(template, g, lang), super::score(lang, g.spread())))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let disagree = group::disagree_most(&groups, LISTED);
        if !disagree.is_empty() {
            let _ = writeln!(o, "- {}: {}", t("results.disagree"), list(disagree));
            let _ = writeln!(o, "- {}: {}", t("results.agree"), list(group::agree_most(&groups, LISTED)));
            o.push('\n');
        }
        let scale = format!("{}–{}", template.scale.min, template.scale.max);
        let _ = writeln!(
            o,
            "| {} | {scale} | {} | {} | {} | {} | {} |\n|---|---|---:|---:|---|---:|---:|",
            t("rating.item"),
            t("results.mean"),
            t("results.median"),
            t("results.range"),
            t("results.spread"),
            t("results.agreed"),
        );
        for g in &groups {
            let dist = &g.distribution;
            let range = dist.range().map_or_else(|| "–".to_owned(), |(lo, hi)| format!("{lo}–{hi}"));
            let _ = writeln!(
                o,
                "| {} | `{}` | {} | {} | {range} | {} | {} |",
                item_name(template, g, lang),
                dist.bars(),
                super::score(lang, dist.mean()),
                super::score(lang, dist.median()),
                super::score(lang, g.spread()),
                g.agreed.map_or_else(|| "–".to_owned(), |s| s.to_string()),
            );
        }
        let gaps = group::perspective_gaps(template, &groups);
        if !gaps.is_empty() {
            let names: Vec<String> =
                template.perspectives.iter().take(2).map(|x| md_cell(x.name.get(lang.code()))).collect();
            let _ = writeln!(
                o,
                "\n| {} | {} | {} | {} |\n|---|---:|---:|---:|",
                t("results.principle"),
                names[0],
                names[1],
                t("results.gap")
            );
            // Each dimension above its items, the whole run at the end; their gaps are over the
            // items scored under both perspectives only (`group::gap_summaries`).
            let scores = crate::scoring::scores(template, run);
            let (dimension_gaps, total_gap) = group::gap_summaries(template, &gaps);
            let summary = |name: &str, by: &[Option<f64>], gap: Option<&group::GapSummary>| {
                let shown = gap.map_or_else(|| "–".to_owned(), |g| g.shown(lang, "–"));
                // A gap over some items stands beside those items' own means, as on screen.
                let (first, second) = match gap.filter(|g| g.needs_its_count()) {
                    Some(g) => g.means,
                    None => (by.first().copied().flatten(), by.get(1).copied().flatten()),
                };
                let (first, second) = (super::score(lang, first), super::score(lang, second));
                format!("| **{}** | **{first}** | **{second}** | **{shown}** |", md_cell(name))
            };
            for (d, (_, gap)) in scores.dimensions.iter().zip(&dimension_gaps) {
                let name =
                    template.dimensions.iter().find(|x| x.id == d.id).map_or("", |x| x.name.get(lang.code()));
                let _ = writeln!(o, "{}", summary(name, &d.by_perspective, Some(gap)));
                for g in gaps.iter().filter(|g| g.item.dimension == d.id) {
                    let gap = g.gap.map_or_else(|| "–".to_owned(), |d| lang.signed_decimal(d, 1));
                    let _ = writeln!(
                        o,
                        "| {} | {} | {} | {gap} |",
                        short(g.item.text.get(lang.code())),
                        super::score(lang, g.values.first().copied().flatten()),
                        super::score(lang, g.values.get(1).copied().flatten()),
                    );
                }
            }
            let total = summary(t("results.total"), &scores.total_by_perspective, total_gap.as_ref());
            let _ = writeln!(o, "{total}");
        }
    }
    o
}
