//! proptest strategies for the portfolio model: every field, unicode with control characters
//! and emoji, optional fields both ways, and unknown keys at several depths.

use fasett::model::extras::Extra;
use fasett::model::{
    ActionItem, Answer, Assessment, Benefit, BenefitKind, Conflict, Costs, CreatedTo, Currency, Dimension,
    Facet, Goal, Initiative, LocalText, LogEntry, LogKind, Measurement, NeedSource, NextIds, Organisation,
    Perspective, Placement, Point, Portfolio, Pressure, Priority, PushedBy, Response, ResultKind, Scale,
    ScaleStep, Side, Stage, Status, Template, TemplateItem, Track, Unit,
};
use jiff::civil::Date;
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value;

/// Text with the characters that break naive writers: quotes, backslashes, newlines, NUL and
/// other controls, combining marks, Nordic letters, emoji, and any other scalar value.
pub fn text() -> impl Strategy<Value = String> {
    let special = select(vec![
        '"', '\\', '\n', '\r', '\t', '\0', '\u{1b}', '\u{7f}', '\u{2028}', 'å', 'Ø', 'æ', '😀', '👩',
        '\u{200d}', '💻', 'e', '\u{301}', ' ',
    ]);
    vec(prop_oneof![3 => special, 1 => any::<char>(), 2 => proptest::char::range('a', 'z')], 0..12)
        .prop_map(|chars| chars.into_iter().collect())
}

fn date() -> impl Strategy<Value = Date> {
    (1900i16..2200, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| jiff::civil::date(y, m, d))
}

fn timestamp() -> impl Strategy<Value = jiff::Timestamp> {
    (-2_000_000_000i64..8_000_000_000, 0i32..1_000_000_000)
        .prop_map(|(s, ns)| jiff::Timestamp::new(s, ns).expect("in range"))
}

/// JSON values for unknown keys: no floats, since `serde_json` does not promise to round-trip
/// every float exactly and fasett never interprets them anyway.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            btree_map(text(), inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Unknown keys: prefixed so they never collide with a key the type knows.
fn extra() -> impl Strategy<Value = Extra> {
    prop_oneof![
        2 => Just(Extra::new()),
        1 => btree_map(text().prop_map(|k| format!("x-{k}")), json_value(), 1..3)
            .prop_map(|m| m.into_iter().collect()),
    ]
}

fn local_text() -> impl Strategy<Value = LocalText> {
    btree_map(select(vec!["en", "sv", "da", "nb"]).prop_map(String::from), text(), 0..3).prop_map(LocalText)
}

fn strings() -> impl Strategy<Value = Vec<String>> {
    vec(text(), 0..3)
}

fn placement() -> impl Strategy<Value = Placement> {
    (select(CreatedTo::ALL.to_vec()), select(PushedBy::ALL.to_vec()), extra())
        .prop_map(|(created_to, pushed_by, extra)| Placement { created_to, pushed_by, extra })
}

fn idea() -> impl Strategy<Value = fasett::model::Idea> {
    let proposer = (text(), text(), text(), extra())
        .prop_map(|(name, unit, contact, extra)| fasett::model::Proposer { name, unit, contact, extra });
    (
        (proposer, option::of(select(fasett::model::Channel::ALL.to_vec())), option::of(date())),
        (select(fasett::model::Triage::ALL.to_vec()), text(), option::of(1u32..40)),
        (option::of(date()), option::of(date()), extra()),
    )
        .prop_map(
            |((proposer, channel, received), (triage, reason, merged_into), (decided, told, extra))| {
                fasett::model::Idea {
                    proposer,
                    channel,
                    received,
                    triage,
                    reason,
                    merged_into,
                    decided,
                    told,
                    extra,
                }
            },
        )
}

fn decision() -> impl Strategy<Value = fasett::model::Decision> {
    (
        text(),
        select(fasett::model::Verdict::ALL.to_vec()),
        option::of(select(Stage::ALL.to_vec())),
        option::of(select(Status::ALL.to_vec())),
        extra(),
    )
        .prop_map(|(forum, verdict, stage, status, extra)| fasett::model::Decision {
            forum,
            verdict,
            stage,
            status,
            extra,
        })
}

fn log_entry() -> impl Strategy<Value = LogEntry> {
    (date(), select(LogKind::ALL.to_vec()), text(), option::of(decision()), extra())
        .prop_map(|(date, kind, text, decision, extra)| LogEntry { date, kind, text, decision, extra })
}

/// A value that JSON holds exactly: whole, or in quarters, positive or negative.
fn value() -> impl Strategy<Value = Option<f64>> {
    option::of((-4_000_000_000i64..4_000_000_000).prop_map(|n| n as f64 / 4.0))
}

fn point() -> impl Strategy<Value = Point> {
    (value(), option::of(date()), extra()).prop_map(|(value, date, extra)| Point { value, date, extra })
}

fn measurement() -> impl Strategy<Value = Measurement> {
    (date(), value(), text(), extra()).prop_map(|(date, value, note, extra)| Measurement {
        id: 0,
        date,
        value,
        note,
        extra,
    })
}

fn benefit() -> impl Strategy<Value = Benefit> {
    let what = (
        text(),
        select(BenefitKind::ALL.to_vec()),
        option::of(select(Pressure::ALL.to_vec())),
        text(),
        text(),
    );
    let how = (point(), point(), text(), text(), vec(measurement(), 0..3), extra());
    (what, how).prop_map(
        |(
            (title, kind, relieves, indicator, unit),
            (baseline, target, owner, how_measured, measurements, extra),
        )| {
            Benefit {
                id: 0,
                title,
                kind,
                relieves,
                indicator,
                unit,
                baseline,
                target,
                owner,
                how_measured,
                measurements,
                extra,
            }
        },
    )
}

fn costs() -> impl Strategy<Value = Costs> {
    (value(), value(), extra()).prop_map(|(investment, yearly, extra)| Costs { investment, yearly, extra })
}

fn initiative() -> impl Strategy<Value = Initiative> {
    let basics =
        (text(), text(), text(), vec(select(NeedSource::ALL.to_vec()), 0..3), select(Facet::ALL.to_vec()));
    let placing = (
        option::of(placement()),
        select(Stage::ALL.to_vec()),
        select(Status::ALL.to_vec()),
        option::of(select(Track::ALL.to_vec())),
        vec(select(Pressure::ALL.to_vec()), 0..3),
    );
    let people = (
        vec(benefit(), 0..3),
        // Empty costs are no costs: a spreadsheet cannot tell them apart.
        option::of(costs()).prop_map(|c| c.filter(|c| !c.is_empty())),
        text(),
        text(),
        strings(),
        vec(any::<u32>(), 0..3),
    );
    let dates = (
        select(Priority::ALL.to_vec()),
        option::of(date()),
        option::of(date()),
        option::of(date()),
        strings(),
        vec(log_entry(), 0..3),
    );
    let tail = (
        any::<bool>(),
        option::of(date()),
        option::of(timestamp()),
        option::of(idea()),
        option::of(1u32..40),
        extra(),
    );
    (basics, placing, people, dates, tail).prop_map(
        |(
            (title, description, need, need_sources, facet),
            (placement, stage, status, track, relieves),
            (benefits, costs, owner, unit, partners, goals),
            (priority, start, follow_up, end, tags, log),
            (archived, created, updated, idea, grew_out_of, extra),
        )| Initiative {
            id: 0,
            title,
            description,
            need,
            need_sources,
            facet,
            placement: placement.map(Box::new),
            stage,
            status,
            track,
            relieves,
            benefits,
            costs: costs.map(Box::new),
            owner,
            unit,
            partners,
            goals,
            priority,
            start,
            follow_up,
            end,
            tags,
            log,
            archived,
            created,
            updated,
            idea: idea.map(Box::new),
            grew_out_of,
            extra,
        },
    )
}

fn organisation() -> impl Strategy<Value = Organisation> {
    let goal = (text(), text(), any::<bool>(), extra())
        .prop_map(|(title, description, retired, extra)| Goal { id: 0, title, description, retired, extra });
    let unit =
        (text(), any::<bool>(), extra()).prop_map(|(name, retired, extra)| Unit { name, retired, extra });
    let currency = option::of(select(Currency::ALL.to_vec()));
    (text(), text(), text(), vec(goal, 0..3), vec(unit, 0..3), strings(), currency, extra()).prop_map(
        |(name, vision, mission, mut goals, units, people, currency, extra)| {
            for (ix, goal) in goals.iter_mut().enumerate() {
                goal.id = ix as u32 + 1;
            }
            Organisation { name, vision, mission, goals, units, people, currency, feedback_days: None, extra }
        },
    )
}

fn assessment() -> impl Strategy<Value = Assessment> {
    let answer =
        (text(), option::of(text()), option::of(any::<u8>()), vec(any::<u32>(), 0..4), text(), extra())
            .prop_map(|(item, perspective, score, tally, note, extra)| Answer {
                item,
                perspective,
                score,
                tally,
                note,
                extra,
            });
    let response = (text(), text(), btree_map(text(), any::<u8>(), 0..4), extra()).prop_map(
        |(name, role, scores, extra)| Response {
            id: 0,
            name,
            role,
            scores: scores.into_iter().collect(),
            extra,
        },
    );
    let head = (text(), any::<u32>(), text(), date(), option::of(date()), strings());
    let body = (vec(answer, 0..3), vec(response, 0..3), text(), extra());
    (head, body).prop_map(
        |(
            (template, template_version, scope, date, next_date, participants),
            (answers, mut responses, note, extra),
        )| {
            for (ix, response) in responses.iter_mut().enumerate() {
                response.id = ix as u32 + 1;
            }
            Assessment {
                id: 0,
                template,
                template_version,
                scope,
                date,
                next_date,
                participants,
                answers,
                responses,
                note,
                extra,
            }
        },
    )
}

fn action() -> impl Strategy<Value = ActionItem> {
    let a = (text(), text(), text(), text(), text(), option::of(date()));
    let b = (
        any::<bool>(),
        option::of(any::<u32>()),
        option::of(text()),
        option::of(any::<u32>()),
        option::of(date()),
        extra(),
    );
    (a, b).prop_map(
        |(
            (what, how, when, who, competences, follow_up),
            (done, assessment, item, initiative, created, extra),
        )| {
            ActionItem {
                id: 0,
                what,
                how,
                when,
                who,
                competences,
                follow_up,
                done,
                assessment,
                item,
                initiative,
                created,
                extra,
            }
        },
    )
}

fn template() -> impl Strategy<Value = Template> {
    let step = (any::<u8>(), local_text(), extra()).prop_map(|(value, label, extra)| ScaleStep {
        value,
        label,
        extra,
    });
    let scale = (any::<u8>(), any::<u8>(), vec(step, 0..3), extra())
        .prop_map(|(min, max, steps, extra)| Scale { min, max, steps, extra });
    let dimension =
        (text(), local_text(), extra()).prop_map(|(id, name, extra)| Dimension { id, name, extra });
    let item = (
        text(),
        text(),
        local_text(),
        any::<bool>(),
        any::<bool>(),
        option::of(select(Facet::ALL.to_vec())),
        extra(),
    )
        .prop_map(|(id, dimension, text, reverse, optional, facet, extra)| TemplateItem {
            id,
            dimension,
            text,
            reverse,
            optional,
            facet,
            extra,
        });
    let perspective =
        (text(), local_text(), extra()).prop_map(|(id, name, extra)| Perspective { id, name, extra });
    let a = (text(), any::<u32>(), local_text(), local_text(), text(), scale);
    let b = (
        select(vec![ResultKind::Mean, ResultKind::FacetOrientation]),
        vec(dimension, 0..3),
        vec(item, 0..3),
        vec(perspective, 0..2),
        extra(),
    );
    (a, b).prop_map(
        |(
            (id, version, name, description, source, scale),
            (result, dimensions, items, perspectives, extra),
        )| {
            Template {
                id,
                version,
                name,
                description,
                source,
                scale,
                result,
                dimensions,
                items,
                perspectives,
                extra,
            }
        },
    )
}

/// A conflict a merge left: any values on its three sides.
fn conflict() -> impl Strategy<Value = Conflict> {
    let side = || {
        (json_value(), any::<bool>(), option::of(timestamp()), extra()).prop_map(
            |(value, missing, updated, extra)| Side {
                value: if missing { Value::Null } else { value },
                missing,
                updated,
                extra,
            },
        )
    };
    (text(), text(), vec(json_value(), 0..3), side(), side(), side(), option::of(timestamp()), extra())
        .prop_map(|(id, path, at, base, ours, theirs, found, extra)| Conflict {
            id,
            path,
            at,
            base,
            ours,
            theirs,
            found,
            extra,
        })
}

/// A portfolio as `parse` returns it: unique ids, initiatives sorted by id.
pub fn portfolio() -> impl Strategy<Value = Portfolio> {
    let next_id = (1u32..1000, 1u32..1000, 1u32..1000, 1u32..1000, (1u32..1000, 1u32..1000), extra())
        .prop_map(|(initiative, assessment, action, goal, (benefit, measurement), extra)| NextIds {
            initiative,
            assessment,
            action,
            goal,
            benefit,
            measurement,
            extra,
        });
    (
        organisation(),
        vec((1u32..50, initiative()), 0..5),
        vec(assessment(), 0..3),
        vec(action(), 0..3),
        vec(template(), 0..2),
        next_id,
        extra(),
        (prop_oneof![Just(String::new()), text()], vec(conflict(), 0..2)),
    )
        .prop_map(
            |(
                organisation,
                initiatives,
                mut assessments,
                mut actions,
                templates,
                next_id,
                extra,
                (identity, conflicts),
            )| {
                let mut id = 0;
                let (mut benefit_id, mut measurement_id) = (0, 0);
                let initiatives = initiatives
                    .into_iter()
                    .map(|(gap, mut initiative)| {
                        id += gap;
                        initiative.id = id;
                        for b in &mut initiative.benefits {
                            benefit_id += 2;
                            b.id = benefit_id;
                            for m in &mut b.measurements {
                                measurement_id += 3;
                                m.id = measurement_id;
                            }
                        }
                        initiative
                    })
                    .collect();
                for (ix, a) in assessments.iter_mut().enumerate() {
                    a.id = 10 * ix as u32 + 3;
                }
                for (ix, a) in actions.iter_mut().enumerate() {
                    a.id = ix as u32 + 1;
                }
                // Counters run above every number in use, as in any file fasett wrote: a
                // number is never handed out twice, even after the highest is deleted.
                let above = |used: Option<fasett::model::Id>| used.map_or(1, |n| n + 1);
                let mut next_id = next_id;
                let initiatives: Vec<fasett::model::Initiative> = initiatives;
                next_id.initiative = next_id.initiative.max(above(initiatives.iter().map(|i| i.id).max()));
                next_id.assessment = next_id.assessment.max(above(assessments.iter().map(|a| a.id).max()));
                next_id.action = next_id.action.max(above(actions.iter().map(|a| a.id).max()));
                next_id.goal = next_id.goal.max(above(organisation.goals.iter().map(|g| g.id).max()));
                next_id.benefit = next_id.benefit.max(benefit_id + 1);
                next_id.measurement = next_id.measurement.max(measurement_id + 1);
                Portfolio {
                    schema_version: fasett::model::SCHEMA_VERSION,
                    id: identity,
                    organisation,
                    initiatives,
                    assessments,
                    actions,
                    templates,
                    next_id,
                    reviews: Vec::new(),
                    conflicts,
                    extra,
                }
            },
        )
}
