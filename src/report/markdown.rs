//! The memo's lists in the Markdown report: the initiatives per facet, the decisions and
//! lessons, the checklists per dimension and where each open action came from. The same
//! content as the HTML page, without the pictures.

use std::fmt::Write as _;

use super::{Facts, md_cell, score};
use crate::text::one_line;

/// The initiatives per facet: number, title, stage, status, owner, unit and next follow-up.
pub(super) fn register(o: &mut String, f: &Facts) {
    let t = |k: &str| f.t(k);
    let public = f.memo.options.public;
    let _ = writeln!(o, "\n## {}", t("report.register"));
    for (facet, list) in &f.memo.by_facet {
        if list.is_empty() && !facet.is_on_grid() {
            continue;
        }
        let _ = writeln!(o, "\n### {} ({})\n", f.name("facet", facet.key()), list.len());
        if list.is_empty() {
            let _ = writeln!(o, "{}", t("report.none"));
            continue;
        }
        let owner = if public { String::new() } else { format!(" {} |", t("column.owner")) };
        let owner_rule = if public { "" } else { "---|" };
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |{owner} {} | {} |\n|---:|---|---|---|{owner_rule}---|---|",
            t("column.number"),
            t("column.title"),
            t("column.stage"),
            t("column.status"),
            t("column.unit"),
            t("column.follow_up")
        );
        for i in list {
            let owner =
                if public { String::new() } else { format!(" {} |", md_cell(f.memo.person(&i.owner))) };
            let _ = writeln!(
                o,
                "| {} | {} | {}. {} | {} |{owner} {} | {} |",
                i.id,
                md_cell(&i.title),
                i.stage.number(),
                f.name("stage", i.stage.key()),
                f.name("status", i.status.key()),
                md_cell(&i.unit),
                i.follow_up.map(|d| f.lang.date(d)).unwrap_or_default()
            );
        }
    }
}

/// Decisions and lessons from the logs since the report's `--since` date, newest first.
pub(super) fn decisions(o: &mut String, f: &Facts) {
    let since = f.lang.date(f.memo.since);
    let _ = writeln!(o, "\n## {}\n", f.lang.tf("report.decisions", &[("date", &since)]));
    if f.memo.log.is_empty() {
        let _ = writeln!(o, "{}", f.lang.tf("report.no_decisions", &[("date", &since)]));
        return;
    }
    for line in &f.memo.log {
        let _ = writeln!(
            o,
            "- {} #{} {} — {}: {}",
            f.lang.date(line.entry.date),
            line.initiative.id,
            one_line(&line.initiative.title),
            f.name("log_kind", line.entry.kind.key()),
            one_line(&line.entry.text)
        );
    }
    if f.memo.log_more > 0 {
        let _ = writeln!(o, "\n{}", f.lang.tn("report.log_more", f.memo.log_more, &[]));
    }
}

/// Each checklist's latest run per dimension, beside the previous run and the spread.
pub(super) fn dimensions(o: &mut String, f: &Facts) {
    let t = |k: &str| f.t(k);
    for c in &f.memo.checklists {
        let _ = writeln!(o, "\n### {} · {}\n", md_cell(&c.name), md_cell(&c.scope));
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |\n|---|---:|---:|---:|",
            t("report.dimension"),
            t("report.score"),
            t("report.previous_run"),
            t("report.spread")
        );
        for d in &c.dimensions {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                md_cell(&d.name),
                score(f.lang, d.mean),
                score(f.lang, d.previous),
                score(f.lang, d.spread)
            );
        }
    }
}
