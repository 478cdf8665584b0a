//! The report as JSON, the stable shape for scripts documented in `docs/report-json.md`: fixed
//! keys from the data file to branch on, words for people in the interface language.

use jiff::civil::Date;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Map, Value, json};

use super::{Facts, REPORT_VERSION, benefits, group};
use crate::analysis::round;
use crate::balance;
use crate::model::{Facet, Id, Stage, Status};
use crate::placement::Pole;

/// The whole report as JSON, pretty-printed with a final newline.
pub(super) fn render(f: &Facts, today: Date) -> String {
    let (p, lang, options) = (f.p, f.lang, f.memo.options);
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
    let follow_ups: Vec<Value> = f
        .follow_ups
        .iter()
        .map(|fu| {
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
        })
        .collect::<Vec<_>>();
    let initiative_list: Vec<InitiativeRow> = f
        .memo
        .by_facet
        .iter()
        .flat_map(|(_, list)| list)
        .map(|i| InitiativeRow {
            id: i.id,
            title: &i.title,
            facet: i.facet.key(),
            stage: i.stage.key(),
            status: i.status.key(),
            owner: f.memo.person(&i.owner),
            unit: &i.unit,
            follow_up: i.follow_up.map(|d| d.to_string()),
        })
        .collect();
    let log: Vec<LogRow> = f
        .memo
        .log
        .iter()
        .map(|l| LogRow {
            date: l.entry.date.to_string(),
            kind: l.entry.kind.key(),
            initiative: l.initiative.id,
            text: &l.entry.text,
        })
        .collect();
    let open_actions: Vec<Value> = f
        .action_lines()
        .iter()
        .map(|line| (line.action, line.item.as_deref()))
        .map(|(a, item)| {
            json!({
                "id": a.id,
                "what": a.what,
                "item_text": item,
                "who": f.memo.person(&a.who),
                "when": a.when,
                "follow_up": a.follow_up.map(|d| d.to_string()),
                "overdue": a.is_overdue(today),
                "assessment": a.assessment,
                "initiative": a.initiative,
            })
        })
        .collect::<Vec<_>>();
    let value = json!({
        "report_version": REPORT_VERSION,
        "date": today.to_string(),
        "public": options.public,
        "since": f.memo.since.to_string(),
        "organisation": {
            "name": p.organisation.name,
            "vision": p.organisation.vision,
            "mission": p.organisation.mission,
        },
        "initiatives": {
            "total": p.initiatives.len(),
            "archived": p.initiatives.iter().filter(|i| i.archived).count(),
            "in_portfolio": f.statuses.iter().sum::<usize>(),
            "ideas_waiting": crate::ideas::waiting(p).count(),
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
        "follow_ups": null,
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
                "change_over": c.compared.map(|p| json!({"paired": p.paired, "of": p.slots})),
                "next_date": c.next_date.map(|d| d.to_string()),
                "respondents": c.respondents,
                "spread": c.spread.map(|s| round(s, 2)),
            });
            if let Some(object) = entry.as_object_mut() {
                object.extend(group::json(p, c, lang));
                let chart = f.memo.checklists.iter().find(|x| x.assessment == c.assessment);
                let dimensions = chart.map_or_else(Vec::new, |chart| chart.dimensions.iter().map(|d| json!({
                    "dimension": d.id,
                    "name": d.name,
                    "score": d.mean.map(|m| round(m, 2)),
                    "previous": d.previous.map(|m| round(m, 2)),
                    "spread": d.spread.map(|m| round(m, 2)),
                })).collect());
                object.insert("dimensions".into(), Value::from(dimensions));
            }
            entry
        }).collect::<Vec<_>>(),
        "initiative_list": null,
        "log": null,
        "log_more": f.memo.log_more,
        "open_actions": null,
        "ideas": super::ideas::json(f.p, today, f.memo.since, f.lang),
    });
    // `json!` serialises every value it is given again, so a list built beforehand would be
    // copied whole: each holds its place in the tree with a null and is written there
    // straight from its rows.
    let Value::Object(base) = &value else { return String::new() };
    let benefits = benefits::json(p, &f.benefits);
    let whole = Whole { base, follow_ups, initiative_list, log, open_actions, benefits };
    let mut text = serde_json::to_string_pretty(&whole).unwrap_or_default();
    text.push('\n');
    text
}

/// One initiative in the report's list.
#[derive(Serialize)]
struct InitiativeRow<'a> {
    id: Id,
    title: &'a str,
    facet: &'static str,
    stage: &'static str,
    status: &'static str,
    owner: &'a str,
    unit: &'a str,
    follow_up: Option<String>,
}

/// One line of the log in the report.
#[derive(Serialize)]
struct LogRow<'a> {
    date: String,
    kind: &'static str,
    initiative: Id,
    text: &'a str,
}

/// The JSON report: the tree of [`render`] with the lists built beforehand written from their
/// rows in the places their keys hold, then the benefits, written straight from their figures.
struct Whole<'a> {
    base: &'a Map<String, Value>,
    follow_ups: Vec<Value>,
    initiative_list: Vec<InitiativeRow<'a>>,
    log: Vec<LogRow<'a>>,
    open_actions: Vec<Value>,
    benefits: benefits::BenefitsJson<'a>,
}

impl Serialize for Whole<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.base.len() + 1))?;
        for (key, value) in self.base {
            match key.as_str() {
                "follow_ups" => map.serialize_entry(key, &self.follow_ups)?,
                "initiative_list" => map.serialize_entry(key, &self.initiative_list)?,
                "log" => map.serialize_entry(key, &self.log)?,
                "open_actions" => map.serialize_entry(key, &self.open_actions)?,
                _ => map.serialize_entry(key, value)?,
            }
        }
        map.serialize_entry("benefits", &self.benefits)?;
        map.end()
    }
}
