//! The yearly review: a small dated snapshot of the portfolio's figures, kept in the file,
//! and the comparison of now with an earlier one. The figures come from their owners (the
//! balance and analysis for facets, stages and statuses, coverage for goals, scoring for the
//! checklists), so a review counts exactly as the Overview does.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::analysis;
use crate::coverage;
use crate::i18n::Lang;
use crate::model::{Facet, Portfolio, REVIEW_VERSION, Review, Stage, Status};

/// The portfolio's figures today, as a review keeps them.
pub fn take(portfolio: &Portfolio, today: Date) -> Review {
    let counted: Vec<_> = portfolio.initiatives.iter().filter(|i| i.in_portfolio()).cloned().collect();
    let shares = analysis::facet_shares(&counted);
    let facets = Facet::ALL.iter().map(|f| (f.key().to_owned(), as_u32(shares.count(*f)))).collect();
    let stages = Stage::ALL
        .iter()
        .zip(analysis::stage_counts(&counted))
        .map(|(s, n)| (s.key().to_owned(), as_u32(n)))
        .collect();
    let statuses = Status::ALL
        .iter()
        .zip(analysis::status_counts(&counted))
        .map(|(s, n)| (s.key().to_owned(), as_u32(n)))
        .collect();
    let implemented = counted.iter().filter(|i| i.stage >= Stage::Implementing).count();
    let cover = coverage::coverage(portfolio);
    let mut checklists = BTreeMap::new();
    for result in analysis::checklist_results(portfolio, Lang::En) {
        if let Some(mean) = result.mean {
            let key = if result.scope.is_empty() {
                result.template
            } else {
                format!("{} · {}", result.template, result.scope)
            };
            checklists.insert(key, analysis::round(mean, 2));
        }
    }
    let ideas: Vec<_> = portfolio.initiatives.iter().filter_map(|i| i.idea.as_ref()).collect();
    let ideas = BTreeMap::from([
        ("received".to_owned(), as_u32(ideas.len())),
        (
            "accepted".to_owned(),
            as_u32(ideas.iter().filter(|i| i.triage == crate::model::Triage::Accepted).count()),
        ),
    ]);
    Review {
        id: today.to_string(),
        date: today,
        version: REVIEW_VERSION,
        initiatives: as_u32(counted.len()),
        facets,
        stages,
        statuses,
        implemented: as_u32(implemented),
        goals_linked: as_u32(cover.active.saturating_sub(cover.unlinked)),
        goals_unserved: as_u32(cover.unserved().count()),
        benefits: benefit_figures(&counted),
        checklists,
        ideas,
        extra: crate::model::extras::Extra::default(),
    }
}

/// The benefits' count and the money and time planned and realised, summed as the benefits
/// module sums them (time in the headline unit).
fn benefit_figures(initiatives: &[crate::model::Initiative]) -> BTreeMap<String, f64> {
    let all = || initiatives.iter().flat_map(|i| i.benefits.iter());
    let (_, sums) = crate::benefits::in_headline(all());
    BTreeMap::from([
        ("count".to_owned(), all().count() as f64),
        ("money_planned".to_owned(), sums.money_planned),
        ("money_realised".to_owned(), sums.money_realised),
        ("time_planned".to_owned(), sums.time_planned),
        ("time_realised".to_owned(), sums.time_realised),
    ])
}

fn as_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The latest review taken before `today`, or on it when it is the only one.
pub fn earlier(portfolio: &Portfolio, today: Date) -> Option<&Review> {
    portfolio
        .reviews
        .iter()
        .filter(|r| r.date < today)
        .max_by_key(|r| r.date)
        .or_else(|| portfolio.reviews.last())
}

/// "Since the review of 2025-12-01: anticipatory +3, stopped +2, 4 implemented", or why it
/// cannot be compared (taken by a newer fasett).
pub fn comparison(then: &Review, now: &Review, lang: Lang) -> Result<String, String> {
    let date = lang.date(then.date);
    if then.version > REVIEW_VERSION {
        return Err(lang.tf("review.newer", &[("date", &date), ("version", &then.version)]));
    }
    let get = |m: &BTreeMap<String, u32>, k: &str| i64::from(m.get(k).copied().unwrap_or(0));
    let mut parts = Vec::new();
    for facet in Facet::ALL {
        let delta = get(&now.facets, facet.key()) - get(&then.facets, facet.key());
        if delta != 0 {
            // The catalog's own names, as the balance and the status table call them.
            let name = lang.t(&format!("facet.{}", facet.key())).to_lowercase();
            parts.push(format!("{name} {delta:+}"));
        }
    }
    for status in [Status::Stopped, Status::Completed] {
        let delta = get(&now.statuses, status.key()) - get(&then.statuses, status.key());
        if delta > 0 {
            let name = lang.t(&format!("status.{}", status.key())).to_lowercase();
            parts.push(format!("{name} {delta:+}"));
        }
    }
    let implemented = i64::from(now.implemented) - i64::from(then.implemented);
    if implemented > 0 {
        parts.push(lang.tf("review.more_implemented", &[("count", &implemented)]));
    }
    let ideas = get(&now.ideas, "received") - get(&then.ideas, "received");
    if ideas > 0 {
        parts.push(lang.tn("review.more_ideas", usize::try_from(ideas).unwrap_or(0), &[]));
    }
    if parts.is_empty() {
        return Ok(lang.tf("review.since_same", &[("date", &date)]));
    }
    Ok(lang.tf("review.since", &[("date", &date), ("changes", &parts.join(", "))]))
}

/// The portfolio's reviews with `review` in: replacing one of the same day, else added in
/// date order.
pub fn with_review(portfolio: &Portfolio, review: Review) -> Vec<Review> {
    let mut reviews: Vec<Review> = portfolio.reviews.iter().filter(|r| r.id != review.id).cloned().collect();
    reviews.push(review);
    reviews.sort_by_key(|r| r.date);
    reviews
}
