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

/// An item's name as the report writes it: its short name ([`scoring::item_name`]: "Testing:
/// we try …" is "Testing"), with the perspective and the reverse mark. Unescaped.
fn item_name(t: &Template, g: &SlotGroup<'_>, lang: Lang) -> String {
    let mut name = crate::scoring::item_name(t, g.slot.item, lang.code());
    if let Some(p) = g.slot.perspective.and_then(|p| t.perspectives.iter().find(|x| x.id == p)) {
        name = format!("{name} ({})", one_line(p.name.get(lang.code())));
    }
    if g.slot.item.reverse {
        name.push_str(" ⇅");
    }
    name
}

/// What a group said in one run, as every format writes it: each text in words, unescaped.
pub struct GroupRun {
    /// "Innovation climate · Management team, 2026-10-14".
    pub heading: String,
    /// How many gave their own scores, and what the spread is.
    pub intro: String,
    /// Where the group disagrees most and where it agrees: "item (spread)" each; both empty
    /// when no item stands out.
    pub disagree: Vec<String>,
    pub agree: Vec<String>,
    /// The scale, "1–5", heading the distribution column.
    pub scale: String,
    /// The scale's lowest value, the first of each item's counts.
    pub min: u8,
    pub items: Vec<ItemRow>,
    /// Per principle the perspectives' values and their gap, for a template with two or more.
    pub gaps: Option<GapTable>,
}

/// One item of [`GroupRun`]: its name and how the participants' scores spread.
pub struct ItemRow {
    pub name: String,
    /// One count per step of the scale, lowest first.
    pub counts: Vec<u32>,
    /// The counts as characters (`··▂█▂`), for plain text.
    pub bars: String,
    pub mean: String,
    pub median: String,
    pub range: String,
    pub spread: String,
    pub agreed: String,
}

/// Kiruna's table: each dimension (a summary row) above its items, the whole run last.
pub struct GapTable {
    /// The first two perspectives' names, the table's value columns.
    pub perspectives: [String; 2],
    /// How the gap is taken, said above the table.
    pub rule: String,
    pub rows: Vec<GapRow>,
}

/// A row of [`GapTable`].
pub struct GapRow {
    pub name: String,
    pub first: String,
    pub second: String,
    pub gap: String,
    /// A dimension's or the whole run's row, not an item's.
    pub summary: bool,
}

/// For each run with participants' own scores, what the group said. Empty when no run has a
/// group.
pub(super) fn runs(p: &Portfolio, checklists: &[ChecklistResult], lang: Lang) -> Vec<GroupRun> {
    checklists
        .iter()
        .filter_map(|c| {
            let run = p.assessment(c.assessment)?;
            let template = p.template(&run.template, run.template_version)?;
            let groups = group::group(template, run);
            if groups.iter().all(|g| g.distribution.n() == 0) {
                return None;
            }
            let listed = |slots: Vec<&SlotGroup<'_>>| {
                slots
                    .iter()
                    .map(|g| format!("{} ({})", item_name(template, g, lang), super::score(lang, g.spread())))
                    .collect::<Vec<_>>()
            };
            let disagree = listed(group::disagree_most(&groups, LISTED));
            let agree =
                if disagree.is_empty() { Vec::new() } else { listed(group::agree_most(&groups, LISTED)) };
            let items = groups
                .iter()
                .map(|g| {
                    let dist = &g.distribution;
                    ItemRow {
                        name: item_name(template, g, lang),
                        counts: dist.counts.clone(),
                        bars: dist.bars(),
                        mean: super::score(lang, dist.mean()),
                        median: super::score(lang, dist.median()),
                        range: dist.range().map_or_else(|| "–".to_owned(), |(lo, hi)| format!("{lo}–{hi}")),
                        spread: super::score(lang, g.spread()),
                        agreed: g.agreed.map_or_else(|| "–".to_owned(), |s| s.to_string()),
                    }
                })
                .collect();
            Some(GroupRun {
                heading: format!("{} · {}, {}", one_line(&c.name), one_line(&c.scope), lang.date(c.date)),
                intro: lang.tf("report.group_intro", &[("count", &group::group_size(&groups))]),
                disagree,
                agree,
                scale: format!("{}–{}", template.scale.min, template.scale.max),
                min: template.scale.min,
                items,
                gaps: gap_table(template, run, &groups, lang),
            })
        })
        .collect()
}

/// Each dimension above its items, the whole run at the end; their gaps are over the items
/// scored under both perspectives only (`group::gap_summaries`).
fn gap_table(
    template: &Template,
    run: &crate::model::Assessment,
    groups: &[SlotGroup<'_>],
    lang: Lang,
) -> Option<GapTable> {
    let gaps = group::perspective_gaps(template, groups);
    if gaps.is_empty() {
        return None;
    }
    let name =
        |ix: usize| template.perspectives.get(ix).map(|x| one_line(x.name.get(lang.code())).into_owned());
    let perspectives = [name(0).unwrap_or_default(), name(1).unwrap_or_default()];
    let rule = lang.tf("results.gap_rule", &[("first", &perspectives[0]), ("second", &perspectives[1])]);
    let scores = crate::scoring::scores(template, run);
    let (dimension_gaps, total_gap) = group::gap_summaries(template, &gaps);
    let summary = |name: &str, by: &[Option<f64>], gap: Option<&group::GapSummary>| {
        // A gap over some items stands beside those items' own means, as on screen.
        let (first, second) = match gap.filter(|g| g.needs_its_count()) {
            Some(g) => g.means,
            None => (by.first().copied().flatten(), by.get(1).copied().flatten()),
        };
        GapRow {
            name: one_line(name).into_owned(),
            first: super::score(lang, first),
            second: super::score(lang, second),
            gap: gap.map_or_else(|| "–".to_owned(), |g| g.shown(lang, "–")),
            summary: true,
        }
    };
    let mut rows = Vec::new();
    for (d, (_, gap)) in scores.dimensions.iter().zip(&dimension_gaps) {
        let name = template.dimensions.iter().find(|x| x.id == d.id).map_or("", |x| x.name.get(lang.code()));
        rows.push(summary(name, &d.by_perspective, Some(gap)));
        for g in gaps.iter().filter(|g| g.item.dimension == d.id) {
            rows.push(GapRow {
                name: crate::scoring::item_name(template, g.item, lang.code()),
                first: super::score(lang, g.values.first().copied().flatten()),
                second: super::score(lang, g.values.get(1).copied().flatten()),
                gap: g.gap.map_or_else(|| "–".to_owned(), |d| lang.signed_decimal(d, 1)),
                summary: false,
            });
        }
    }
    rows.push(summary(lang.t("results.total"), &scores.total_by_perspective, total_gap.as_ref()));
    Some(GapTable { perspectives, rule, rows })
}

/// The runs' sections in Markdown: the lists, the item table and Kiruna's gaps.
pub(super) fn markdown(o: &mut String, runs: &[GroupRun], lang: Lang) {
    let t = |k: &str| lang.t(k);
    for run in runs {
        let _ = writeln!(o, "\n### {}\n", md_cell(&run.heading));
        let _ = writeln!(o, "{}\n", run.intro);
        if !run.disagree.is_empty() {
            let _ = writeln!(o, "- {}: {}", t("results.disagree"), md_cell(&run.disagree.join("; ")));
            let _ = writeln!(o, "- {}: {}", t("results.agree"), md_cell(&run.agree.join("; ")));
            o.push('\n');
        }
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} | {} |\n|---|---|---:|---:|---|---:|---:|",
            t("rating.item"),
            run.scale,
            t("results.mean"),
            t("results.median"),
            t("results.range"),
            t("results.spread"),
            t("results.agreed"),
        );
        for row in &run.items {
            let _ = writeln!(
                o,
                "| {} | `{}` | {} | {} | {} | {} | {} |",
                md_cell(&row.name),
                row.bars,
                row.mean,
                row.median,
                row.range,
                row.spread,
                row.agreed,
            );
        }
        if let Some(table) = &run.gaps {
            let [first, second] = &table.perspectives;
            let _ = writeln!(
                o,
                "\n{}\n\n| {} | {} | {} | {} |\n|---|---:|---:|---:|",
                table.rule,
                t("results.principle"),
                md_cell(first),
                md_cell(second),
                t("results.gap")
            );
            for row in &table.rows {
                let cells = [md_cell(&row.name), row.first.clone(), row.second.clone(), row.gap.clone()];
                let cells = if row.summary { cells.map(|c| format!("**{c}**")) } else { cells };
                let _ = writeln!(o, "| {} |", cells.join(" | "));
            }
        }
    }
}

/// The runs' sections in HTML, each on a page of its own in print: the lists, the item table
/// with each distribution drawn, and Kiruna's gaps.
pub(super) fn html(o: &mut String, runs: &[GroupRun], lang: Lang) {
    use super::html::{cell, esc, head};
    let t = |k: &str| lang.t(k);
    for run in runs {
        let _ = write!(o, "<div class=\"group\"><h3>{}</h3><p>{}</p>", cell(&run.heading), esc(&run.intro));
        if !run.disagree.is_empty() {
            for (key, list) in [("results.disagree", &run.disagree), ("results.agree", &run.agree)] {
                let _ = write!(o, "<p class=\"list\"><strong>{}:</strong></p><ul>", esc(t(key)));
                for entry in list {
                    let _ = write!(o, "<li>{}</li>", cell(entry));
                }
                o.push_str("</ul>");
            }
        }
        let columns = [
            (t("rating.item"), false),
            (run.scale.as_str(), false),
            (t("results.mean"), true),
            (t("results.median"), true),
            (t("results.range"), true),
            (t("results.spread"), true),
            (t("results.agreed"), true),
        ];
        head(o, "keep items", &columns);
        for row in &run.items {
            let _ = write!(
                o,
                "<tr><td>{}</td><td class=\"h\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
                 <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                cell(&row.name),
                super::svg::histogram(&row.counts, run.min, t("report.histogram")),
                esc(&row.mean),
                esc(&row.median),
                esc(&row.range),
                esc(&row.spread),
                esc(&row.agreed),
            );
        }
        o.push_str("</tbody></table>");
        if let Some(table) = &run.gaps {
            let [first, second] = &table.perspectives;
            let columns = [
                (t("results.principle"), false),
                (first.as_str(), true),
                (second.as_str(), true),
                (t("results.gap"), true),
            ];
            let _ = write!(o, "<div class=\"gaps\"><p class=\"rule\">{}</p>", esc(&table.rule));
            head(o, "", &columns);
            for row in &table.rows {
                let (open, close) = if row.summary { ("<strong>", "</strong>") } else { ("", "") };
                let _ = write!(
                    o,
                    "<tr><td>{open}{}{close}</td><td class=\"n\">{open}{}{close}</td>\
                     <td class=\"n\">{open}{}{close}</td><td class=\"n\">{open}{}{close}</td></tr>",
                    cell(&row.name),
                    esc(&row.first),
                    esc(&row.second),
                    esc(&row.gap),
                );
            }
            o.push_str("</tbody></table></div>");
        }
        o.push_str("</div>\n");
    }
}
