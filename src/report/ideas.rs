//! The report's part on the loop (docs/domain.md §9): ideas waiting and proposers not told,
//! the stage decisions of the period, lessons grouped by family, and the change since the
//! last review. Proposers' names and contacts never appear here: the report is shared.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::Date;
use serde_json::{Value, json};

use crate::i18n::Lang;
use crate::ideas::{self, review};
use crate::model::{Id, LogKind, Portfolio};
use crate::text::one_line;

/// Days back the decisions are listed for, when the report names no period.
pub const DECISION_DAYS: i64 = 90;

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

pub(super) fn markdown(p: &Portfolio, today: Date, from: Option<Date>, lang: Lang) -> String {
    let mut o = String::new();
    let waiting: Vec<_> = ideas::waiting(p).collect();
    let untold = ideas::untold(p, today).count();
    let _ = writeln!(o, "\n## {}\n", lang.t("report.loop"));
    let _ = writeln!(
        o,
        "{} · {}",
        lang.tn("report.ideas_waiting", waiting.len(), &[]),
        lang.tn("overview.untold", untold, &[("days", &p.organisation.feedback_days())])
    );
    for i in &waiting {
        let received =
            i.idea.as_ref().and_then(|idea| idea.received).map(|d| lang.date(d)).unwrap_or_default();
        let _ = writeln!(o, "- #{} {} ({received})", i.id, one_line(&i.title));
    }
    if let Some(then) = review::earlier(p, today) {
        let text = match review::comparison(then, &review::take(p, today), lang) {
            Ok(text) | Err(text) => text,
        };
        let _ = writeln!(o, "\n{text}");
    }
    let from = from.unwrap_or_else(|| today.saturating_sub(jiff::Span::new().days(DECISION_DAYS)));
    let decisions = ideas::decisions_between(p, from, today);
    let _ = writeln!(o, "\n### {}\n", lang.tf("report.loop_decisions", &[("from", &lang.date(from))]));
    if decisions.is_empty() {
        let _ = writeln!(o, "{}", lang.t("report.loop_no_decisions"));
    }
    for (i, e) in decisions {
        let _ = writeln!(o, "- {}", ideas::decision_line(i, e, lang));
    }
    let families = lessons_by_family(p);
    if !families.is_empty() {
        let _ = writeln!(o, "\n### {}\n", lang.t("report.lessons"));
        for (root, lessons) in families {
            let _ = writeln!(o, "- {}", family_chain(p, root));
            for (id, date, text) in lessons {
                let _ = writeln!(o, "  - {} #{id}: {}", lang.date(date), one_line(&text));
            }
        }
    }
    o
}

pub(super) fn json(p: &Portfolio, today: Date, from: Option<Date>, lang: Lang) -> Value {
    let from = from.unwrap_or_else(|| today.saturating_sub(jiff::Span::new().days(DECISION_DAYS)));
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
