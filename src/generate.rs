//! Synthetic portfolios for benchmarks (docs/contracts.md, "Speed budgets"): a large, realistic file
//! built deterministically from a seed — Swedish, Danish and Norwegian titles and long
//! descriptions, every facet, stage and status, logs, goals, units, owners, tags, checklist
//! runs of the bundled templates (with their copies in `templates`), each with its group's
//! own scores (30 participants by default; most runs of the larger checklists, about 19
//! items on average) and action plans.
//!
//! Used by `cargo run --release --example generate` and the benchmarks; not by the app.

use std::sync::LazyLock;

use jiff::civil::{Date, date};
use serde::Deserialize;

use crate::model::{
    ActionItem, Answer, Assessment, Benefit, BenefitKind, CreatedTo, Currency, Facet, Goal, Initiative,
    LogEntry, LogKind, Measurement, NeedSource, NextIds, Organisation, Placement, Point, Portfolio, Pressure,
    Priority, PushedBy, Stage, Status, Track, Unit,
};
use crate::templates::Catalog;

/// How big a portfolio to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub initiatives: usize,
    pub assessments: usize,
    /// Participants with their own scores in each run.
    pub respondents: usize,
    pub seed: u64,
    /// Benefits per initiative (the benefits benchmarks use 3).
    pub benefits: usize,
    /// Measurements per benefit (the benefits benchmarks use 6).
    pub measurements: usize,
}

impl Default for Size {
    fn default() -> Self {
        Self { initiatives: 10_000, assessments: 200, respondents: 30, seed: 1, benefits: 0, measurements: 0 }
    }
}

/// splitmix64: tiny, fast, good enough for test data, and the same on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A number in `0..n` (`n` > 0).
    fn below_i64(&mut self, n: i64) -> i64 {
        i64::try_from(self.next_u64() >> 1).unwrap_or(0) % n.max(1)
    }

    fn day_between(&mut self, from: Date, days: i64) -> Date {
        let offset = self.below_i64(days);
        from.checked_add(jiff::Span::new().days(offset)).unwrap_or(from)
    }
}

/// The words one language's portfolios are built from; the lists are in
/// `data/generate/words.json`, where a translator can read and extend them. Their order
/// matters: the same seed picks the same words.
#[derive(Debug, Deserialize)]
struct Words {
    subjects: Vec<String>,
    verbs: Vec<String>,
    places: Vec<String>,
    sentences: Vec<String>,
    needs: Vec<String>,
    logs: Vec<String>,
    first_names: Vec<String>,
    last_names: Vec<String>,
    units: Vec<String>,
    tags: Vec<String>,
    partners: Vec<String>,
}

/// The file's three sets, named by language.
#[derive(Debug, Deserialize)]
struct WordFile {
    sv: Words,
    da: Words,
    nb: Words,
}

/// Swedish, Danish and Norwegian, in the order the generator picks from.
fn languages() -> &'static [Words; 3] {
    static LANGUAGES: LazyLock<[Words; 3]> = LazyLock::new(|| {
        let file: WordFile = serde_json::from_str(include_str!("../data/generate/words.json"))
            .expect("the bundled word lists are valid (tested)");
        [file.sv, file.da, file.nb]
    });
    &LANGUAGES
}

fn person(rng: &mut Rng, w: &Words) -> String {
    format!("{} {}", rng.pick(&w.first_names), rng.pick(&w.last_names))
}

fn paragraph(rng: &mut Rng, w: &Words, sentences: usize) -> String {
    let mut text = String::new();
    for n in 0..sentences {
        if n > 0 {
            text.push(' ');
        }
        let sentence: &String = rng.pick(&w.sentences);
        text.push_str(sentence);
    }
    text
}

fn some_of<T: Clone + PartialEq>(rng: &mut Rng, all: &[T], max: usize) -> Vec<T> {
    let mut out = Vec::new();
    for _ in 0..rng.below(max + 1) {
        let x = rng.pick(all).clone();
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

fn strings(rng: &mut Rng, all: &[String], max: usize) -> Vec<String> {
    some_of(rng, all, max)
}

fn initiative(rng: &mut Rng, id: u32, goals: u32) -> Initiative {
    let w = rng.pick(languages());
    let title = format!("{} {} {}", rng.pick(&w.subjects), rng.pick(&w.verbs), rng.pick(&w.places));
    // Forty words or so, now and then many more (issue 15's files). Logs, needs and
    // benefit texts are sparse enough to keep 100,000 initiatives under the 128 MB cap.
    let sentences = if rng.chance(5) { 6 + rng.below(3) } else { 3 + usize::from(rng.chance(25)) };
    let description = paragraph(rng, w, sentences);
    let created = rng.day_between(date(2019, 1, 1), 7 * 365);
    let start = rng.chance(80).then(|| rng.day_between(created, 200));
    let stage = *rng.pick(&Stage::ALL);
    let status = if rng.chance(70) { Status::Active } else { *rng.pick(&Status::ALL) };
    let entries = i64::from(rng.chance(20));
    let log = (0..entries)
        .map(|n: i64| LogEntry {
            date: created.checked_add(jiff::Span::new().days(30 * n + 1)).unwrap_or(created),
            kind: *rng.pick(&LogKind::ALL),
            text: rng.pick(&w.logs).clone(),
            decision: None,
            extra: crate::model::extras::Extra::default(),
        })
        .collect();
    let placement = rng.chance(30).then(|| Placement {
        created_to: *rng.pick(&CreatedTo::ALL),
        pushed_by: *rng.pick(&PushedBy::ALL),
        extra: crate::model::extras::Extra::default(),
    });
    let updated = 1_600_000_000 + rng.below_i64(200_000_000);
    Initiative {
        id,
        title,
        description,
        need: if rng.chance(10) { rng.pick(&w.needs).clone() } else { String::new() },
        need_sources: some_of(
            rng,
            &[NeedSource::Citizens, NeedSource::Employees, NeedSource::OutsideWorld],
            2,
        ),
        facet: *rng.pick(&Facet::ALL),
        placement: placement.map(Box::new),
        stage,
        status,
        track: match rng.below(3) {
            0 => Some(Track::Local),
            1 => Some(Track::Radical),
            _ => None,
        },
        relieves: some_of(rng, &[Pressure::Money, Pressure::Products, Pressure::Staff], 2),
        benefits: Vec::new(),
        costs: None,
        owner: person(rng, w),
        unit: rng.pick(&w.units).clone(),
        partners: if rng.chance(25) { vec![rng.pick(&w.partners).clone()] } else { Vec::new() },
        goals: some_of(rng, &(1..=goals).collect::<Vec<_>>(), 2),
        priority: *rng.pick(&[Priority::Low, Priority::Medium, Priority::High]),
        start,
        follow_up: rng.chance(70).then(|| rng.day_between(date(2024, 1, 1), 4 * 365)),
        end: (status == Status::Completed).then(|| rng.day_between(date(2025, 1, 1), 365)),
        tags: strings(rng, &w.tags, 2),
        log,
        archived: rng.chance(8),
        created: Some(created),
        updated: jiff::Timestamp::from_second(updated).ok(),
        idea: None,
        grew_out_of: None,
        extra: crate::model::extras::Extra::default(),
    }
}

/// Benefit titles by kind, in the three Nordic languages.
const BENEFIT_TITLES: [&[&str]; 3] = [
    &["Lägre kostnad för vikarier", "Lavere driftsudgifter", "Lavere innkjøpskostnader", "Minskat matsvinn"],
    &[
        "Frigjord tid i handläggningen",
        "Færre timer til dokumentation",
        "Kortere reisetid",
        "Färre körtimmar",
    ],
    &["Nöjdare brukare", "Højere trivsel", "Flere elever leser med flyt", "Färre fall i hemmet"],
];

/// The last date a generated measurement may have, so none lies in the future.
const LAST_MEASUREMENT: Date = date(2026, 10, 30);

/// `count` benefits with `measurements` readings each: money and time savings expressed as a
/// falling cost or time level, quality as a rising share, some without an owner, the
/// readings moving from the baseline towards the target with some noise.
fn benefits(rng: &mut Rng, i: &Initiative, size: Size, ids: &mut (u32, u32)) -> Vec<Benefit> {
    let w = rng.pick(languages());
    let from = i.start.or(i.created).unwrap_or(date(2022, 1, 1)).min(LAST_MEASUREMENT);
    (0..size.benefits)
        .map(|n| {
            let kind = [BenefitKind::Money, BenefitKind::Time, BenefitKind::Quality][n % 3];
            let (baseline, target, unit) = match kind {
                BenefitKind::Money => {
                    let base = 100_000.0 * (1 + rng.below(20)) as f64;
                    (base, (base * (0.6 + rng.below(35) as f64 / 100.0)).round(), "kr/år")
                }
                BenefitKind::Time => {
                    let base = 100.0 * (5 + rng.below(50)) as f64;
                    (base, (base * (0.5 + rng.below(40) as f64 / 100.0)).round(), "timmar/år")
                }
                _ => {
                    let base = (40 + rng.below(30)) as f64;
                    (base, base + (5 + rng.below(20)) as f64, "%")
                }
            };
            let target_date = rng.day_between(from, 3 * 365).checked_add(jiff::Span::new().days(180)).ok();
            let readings = (0..size.measurements)
                .map(|k| {
                    let share = (k + 1) as f64 / size.measurements.max(1) as f64;
                    let noise = (rng.below(21) as f64 - 10.0) / 100.0;
                    let value = baseline + (target - baseline) * (share + noise);
                    let days = i64::try_from(90 * (k + 1)).unwrap_or(0);
                    ids.1 += 1;
                    Measurement {
                        id: ids.1,
                        date: from
                            .checked_add(jiff::Span::new().days(days))
                            .unwrap_or(from)
                            .min(LAST_MEASUREMENT),
                        value: Some(value.round()),
                        note: if rng.chance(10) { rng.pick(&w.logs).clone() } else { String::new() },
                        extra: crate::model::extras::Extra::default(),
                    }
                })
                .collect();
            ids.0 += 1;
            Benefit {
                id: ids.0,
                title: rng.pick(BENEFIT_TITLES[n % 3]).to_string(),
                kind,
                relieves: match kind {
                    BenefitKind::Money => Some(Pressure::Money),
                    BenefitKind::Time => Some(Pressure::Staff),
                    _ => rng.chance(50).then_some(Pressure::Products),
                },
                indicator: String::new(),
                unit: unit.to_owned(),
                baseline: Point { value: Some(baseline), date: Some(from), ..Point::default() },
                target: Point { value: Some(target), date: target_date, ..Point::default() },
                owner: if rng.chance(90) { person(rng, w) } else { String::new() },
                how_measured: String::new(),
                measurements: readings,
                extra: crate::model::extras::Extra::default(),
            }
        })
        .collect()
}

fn organisation(goals: u32) -> Organisation {
    let units =
        languages().iter().flat_map(|w| &w.units).map(|u| Unit { name: u.clone(), ..Unit::default() });
    let people = languages().iter().flat_map(|w| w.first_names.iter().zip(&w.last_names));
    let swedish = &languages()[0];
    Organisation {
        name: "Nordiska kommunförbundet".into(),
        vision: "Tre länder, en gemensam portfölj av innovation i offentlig sektor.".into(),
        mission: "Vi prövar nya arbetssätt tillsammans och delar det vi lär oss.".into(),
        goals: (1..=goals)
            .map(|id| Goal {
                id,
                title: format!("Mål {id}: {}", swedish.needs[id as usize % swedish.needs.len()]),
                description: swedish.sentences[id as usize % swedish.sentences.len()].clone(),
                retired: id % 7 == 0,
                ..Goal::default()
            })
            .collect(),
        units: units.collect(),
        people: people.map(|(f, l)| format!("{f} {l}")).collect(),
        currency: Some(Currency::Sek),
        ..Organisation::default()
    }
}

/// Builds a portfolio of `size`; the same size and seed always give the same portfolio.
pub fn portfolio(size: Size) -> Portfolio {
    const GOALS: u32 = 12;
    let mut rng = Rng::new(size.seed);
    let mut p = Portfolio { organisation: organisation(GOALS), ..Portfolio::default() };
    let count = u32::try_from(size.initiatives).unwrap_or(u32::MAX);
    p.initiatives = (1..=count).map(|id| initiative(&mut rng, id, GOALS)).collect();
    let mut ids = (0, 0);
    if size.benefits > 0 {
        // A generator of its own, so the rest of the file is the same with or without benefits.
        let mut rng = Rng::new(size.seed ^ 0xB3E7);
        for i in &mut p.initiatives {
            i.benefits = benefits(&mut rng, i, size, &mut ids);
        }
    }

    let templates = Catalog::bundled().templates;
    let by_id = |id: &str| templates.iter().find(|t| t.id == id).unwrap_or(&templates[0]);
    let mut used = Vec::new();
    for n in 0..size.assessments {
        let id = n as u32 + 1;
        // Groups mostly run the long checklists: about 19 items a run on average.
        let t = match rng.below(4) {
            0 | 1 => by_id("facet_orientation"),
            2 => by_id("innovation_journey"),
            _ => rng.pick(&templates),
        };
        if !used.contains(&t.id) {
            used.push(t.id.clone());
        }
        let w = rng.pick(languages());
        let perspectives: Vec<Option<String>> = if t.perspectives.is_empty() {
            vec![None]
        } else {
            t.perspectives.iter().map(|p| Some(p.id.clone())).collect()
        };
        let range = usize::from(t.scale.max - t.scale.min) + 1;
        let mut answers = Vec::new();
        // Where the group stands on each slot, and how far its members scatter around it.
        let mut centres = Vec::new();
        for item in &t.items {
            for perspective in &perspectives {
                centres.push((item.id.as_str(), perspective.as_deref(), rng.below(range), rng.below(3)));
                answers.push(Answer {
                    score: rng.chance(40).then(|| t.scale.min + rng.below(range) as u8),
                    note: if rng.chance(20) { rng.pick(&w.sentences).clone() } else { String::new() },
                    ..Answer::empty(item.id.clone(), perspective.clone())
                });
            }
        }
        let responses = (1..=size.respondents)
            .map(|r| {
                let mut response = crate::model::Response { id: r as u32, ..Default::default() };
                for (item, perspective, centre, scatter) in &centres {
                    if rng.chance(95) {
                        let offset = rng.below(2 * scatter + 1).cast_signed() - scatter.cast_signed();
                        let step =
                            centre.cast_signed().saturating_add(offset).clamp(0, range.cast_signed() - 1);
                        response.set_score(item, *perspective, Some(t.scale.min + step as u8));
                    }
                }
                response
            })
            .collect();
        let assessment_date = rng.day_between(date(2020, 1, 1), 6 * 365);
        p.assessments.push(Assessment {
            id,
            template: t.id.clone(),
            template_version: t.version,
            scope: rng.pick(&w.units).clone(),
            date: assessment_date,
            next_date: rng
                .chance(50)
                .then(|| assessment_date.checked_add(jiff::Span::new().months(6)).ok())
                .flatten(),
            participants: (0..3 + rng.below(6)).map(|_| person(&mut rng, w)).collect(),
            answers,
            responses,
            note: paragraph(&mut rng, w, 1),
            extra: crate::model::extras::Extra::default(),
        });
        for _ in 0..rng.below(4) {
            let action_id = p.actions.len() as u32 + 1;
            let item = rng.pick(&t.items);
            p.actions.push(ActionItem {
                id: action_id,
                what: rng.pick(&w.logs).clone(),
                how: paragraph(&mut rng, w, 1),
                when: format!("Q{} {}", 1 + rng.below(4), 2024 + rng.below(4)),
                who: person(&mut rng, w),
                competences: rng.pick(&w.tags).clone(),
                follow_up: Some(rng.day_between(assessment_date, 365)),
                done: rng.chance(40),
                assessment: Some(id),
                item: Some(item.id.clone()),
                initiative: (count > 0 && rng.chance(30)).then(|| 1 + rng.below(count as usize) as u32),
                created: Some(assessment_date),
                extra: crate::model::extras::Extra::default(),
            });
        }
    }
    p.templates = templates.into_iter().filter(|t| used.contains(&t.id)).collect();
    p.next_id = NextIds {
        initiative: count + 1,
        assessment: size.assessments as u32 + 1,
        action: p.actions.len() as u32 + 1,
        goal: GOALS + 1,
        benefit: ids.0 + 1,
        measurement: ids.1 + 1,
        ..NextIds::default()
    };
    p
}

/// A survey export as Microsoft Forms writes one (`;`, Swedish headers and answer labels, an
/// id, a start time and an e-mail column): `rows` respondents answering every item of `t`.
/// For the import benchmark and its test.
pub fn survey_export(t: &crate::model::Template, rows: usize) -> String {
    use std::fmt::Write as _;
    let mut out = String::from("ID;Starttid;E-post");
    for item in &t.items {
        out.push(';');
        out.push_str(item.text.get("sv"));
    }
    out.push('\n');
    let mut rng = Rng::new(rows as u64);
    for r in 0..rows {
        let _ = write!(out, "{r};2026-11-20 09:{:02}:00;p{r}@example.org", r % 60);
        for _ in &t.items {
            out.push(';');
            out.push_str(rng.pick(&t.scale.steps).label.get("sv"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_words_in_every_list() {
        for words in languages() {
            let lists = [
                &words.subjects,
                &words.verbs,
                &words.places,
                &words.sentences,
                &words.needs,
                &words.logs,
                &words.first_names,
                &words.last_names,
                &words.units,
                &words.tags,
                &words.partners,
            ];
            assert!(lists.iter().all(|list| list.iter().any(|w| !w.trim().is_empty())), "{words:?}");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_valid_file() {
        let size =
            Size { initiatives: 300, assessments: 20, respondents: 5, seed: 7, benefits: 3, measurements: 6 };
        let a = crate::store::to_json(&portfolio(size));
        assert_eq!(a, crate::store::to_json(&portfolio(size)));
        assert_ne!(a, crate::store::to_json(&portfolio(Size { seed: 8, ..size })));
        let back = crate::store::parse(a.as_bytes(), std::path::Path::new("generated.json")).expect("valid");
        assert_eq!(back.initiatives.len(), 300);
        assert_eq!(back.assessments.len(), 20);
        for facet in Facet::ALL {
            assert!(back.initiatives.iter().any(|i| i.facet == facet), "{facet:?} is used");
        }
        for a in &back.assessments {
            assert!(back.template(&a.template, a.template_version).is_some(), "template copied");
        }
        assert_eq!(back.benefits().count(), 900);
        assert!(back.benefits().all(|(_, b)| b.measurements.len() == 6));
        assert_eq!(back.next_id.measurement, 5_401);
        let plain = portfolio(Size { benefits: 0, ..size });
        assert_eq!(plain.initiatives[7].title, back.initiatives[7].title, "benefits change nothing else");
    }
}
