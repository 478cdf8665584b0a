//! The report's part on the loop (docs/domain.md §9): ideas waiting and proposers not told,
//! lessons grouped by family, and the change since the last review ([`Loop`]); the JSON adds
//! the stage decisions from the report's `--since` date. Proposers' names and contacts never
//! appear here: the report is shared.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::Date;
use serde_json::{Value, json};

use crate::i18n::Lang;
use crate::ideas::{self, review};
use crate::model::{Id, LogKind, Portfolio};
use crate::text::one_line;

/// Lessons per family: the family's root, its members in order, and each lesson.
fn lessons_by_family(p: &Portfolio) -> BTreeMap<Id, Vec<(Id, Date, String)>> {
    let mut families: BTreeMap<Id, Vec<(Id, Date, String)>> = BTreeMap::new();
    for i in &p.initiatives {
        for e in i.log.iter().filter(|e| e.kind == LogKind::Lesson) {
            families.entry(ideas::family_root(p, i.id)).or_default().push((i.id, e.date, e.text.clone()));
        }
    }
    families
}

/// The members of the family rooted at `root`, as "#12 → #8 → #23".
fn family_chain(p: &Portfolio, root: Id) -> String {
    let mut chain = vec![root];
    let mut ix = 0;
    while ix < chain.len() && chain.len() < 64 {
        for child in ideas::children(p, chain[ix]) {
            if !chain.contains(&child) {
                chain.push(child);
            }
        }
        ix += 1;
    }
    chain.iter().map(|id| format!("#{id}")).collect::<Vec<_>>().join(" → ")
}

/// The loop as every format writes it; each text in words, unescaped. The decisions and
/// lessons of the period are the report's one list ([`super::content::Memo::log`]).
pub struct Loop {
    /// "1 idea waiting for a decision · 1 proposer not told (14 d)".
    pub summary: String,
    /// Each idea waiting: "#25 Title (2026-11-20)", received first.
    pub waiting: Vec<String>,
    /// "Since the review of 2025-12-01: …", or why it cannot be compared; `None` before the
    /// first review.
    pub review: Option<String>,
    /// Each family with lessons: its members ("#12 → #8 → #23"), and each lesson as "2026-04-22
    /// #12: text".
    pub families: Vec<(String, Vec<String>)>,
}

impl Loop {
    pub(super) fn new(p: &Portfolio, today: Date, lang: Lang) -> Self {
        let waiting: Vec<String> = ideas::waiting(p)
            .map(|i| {
                let received = i.idea.as_ref().and_then(|idea| idea.received);
                let mut line = format!("#{} {}", i.id, one_line(&i.title));
                if let Some(d) = received {
                    let _ = write!(line, " ({})", lang.date(d));
                }
                line
            })
            .collect();
        let untold = ideas::untold(p, today).count();
        let summary = format!(
            "{} · {}",
            lang.tn("report.ideas_waiting", waiting.len(), &[]),
            lang.tn("overview.untold", untold, &[("days", &p.organisation.feedback_days())])
        );
        let review = review::earlier(p, today).map(|then| {
            match review::comparison(then, &review::take(p, today), lang) {
                Ok(text) | Err(text) => text,
            }
        });
        let families = lessons_by_family(p)
            .into_iter()
            .map(|(root, lessons)| {
                let lines = lessons
                    .into_iter()
                    .map(|(id, date, text)| format!("{} #{id}: {}", lang.date(date), one_line(&text)))
                    .collect();
                (family_chain(p, root), lines)
            })
            .collect();
        Loop { summary, waiting, review, families }
    }
}

/// The JSON's `ideas`; its decisions are the stage decisions from `from`, the report's date
/// for decisions and lessons.
pub(super) fn json(p: &Portfolio, today: Date, from: Date, lang: Lang) -> Value {
    let decisions: Vec<Value> = ideas::decisions_between(p, from, today)
        .into_iter()
        .filter_map(|(i, e)| {
            let d = e.decision.as_ref()?;
            Some(json!({
                "initiative": i.id,
                "date": e.date.to_string(),
                "forum": d.forum,
                "verdict": d.verdict.key(),
                "stage": d.stage.map(crate::model::Stage::key),
                "status": d.status.map(crate::model::Status::key),
                "reason": e.text,
            }))
        })
        .collect();
    let review = review::earlier(p, today).map(|then| {
        let text = match review::comparison(then, &review::take(p, today), lang) {
            Ok(text) | Err(text) => text,
        };
        json!({"date": then.date.to_string(), "text": text})
    });
    json!({
        "waiting": ideas::waiting(p).map(|i| json!({
            "id": i.id,
            "title": i.title,
            "received": i.idea.as_ref().and_then(|idea| idea.received).map(|d| d.to_string()),
        })).collect::<Vec<_>>(),
        "proposers_not_told": ideas::untold(p, today).count(),
        "feedback_days": p.organisation.feedback_days(),
        "decisions_from": from.to_string(),
        "decisions": decisions,
        "lessons_by_family": lessons_by_family(p).into_iter().map(|(root, lessons)| json!({
            "root": root,
            "family": family_chain(p, root),
            "lessons": lessons.into_iter().map(|(id, date, text)| json!({
                "initiative": id, "date": date.to_string(), "text": text,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "since_review": review,
    })
}
