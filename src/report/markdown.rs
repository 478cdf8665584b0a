//! The report in Markdown, readable as plain text: the same content as the HTML page, without
//! the pictures.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::content::{
    BALANCE_COLUMNS, CHECKLIST_COLUMNS, DIMENSION_COLUMNS, GOAL_COLUMNS, STAGE_COLUMNS, STATUS_COLUMNS,
};
use super::{Facts, benefits, group, md_cell, score};
use crate::balance;
use crate::export::markdown_table_head as table_head;
use crate::model::{Pressure, Stage, Status};
use crate::text::one_line;

/// The whole report in Markdown.
#[allow(clippy::many_single_char_names)]
pub(super) fn render(f: &Facts, today: Date) -> String {
    let (p, lang, options) = (f.p, f.lang, f.memo.options);
    let t = |k: &str| lang.t(k);
    let mut o = String::new();
    let _ = writeln!(o, "# {} — {}\n", t("report.title"), md_cell(f.organisation()));
    let _ = writeln!(o, "{}\n", f.intro(today).join(" "));
    if options.public {
        let _ = writeln!(o, "**{}**\n", t("report.public"));
    }
    for (key, text) in
        [("profile.vision", &p.organisation.vision), ("profile.mission", &p.organisation.mission)]
    {
        if !text.trim().is_empty() {
            let _ = writeln!(o, "{}: {}\n", t(key), one_line(text));
        }
    }

    let _ = writeln!(o, "## {}\n", t("report.balance"));
    let _ = writeln!(o, "{}\n", lang.tf("report.tendency", &[("tendency", &f.tendency.words(lang))]));
    let _ = writeln!(o, "{}\n", balance::rule(lang));
    table_head(&mut o, &f.columns(BALANCE_COLUMNS));
    for row in f.facet_rows() {
        let _ = writeln!(o, "| {} | {} | {} | {} |", row.name, row.pole, row.count, row.share);
    }

    let _ = writeln!(o, "\n## {}\n", t("report.gaps"));
    let gaps = f.gaps();
    if gaps.is_empty() {
        let _ = writeln!(o, "{}", t("report.no_gaps"));
    }
    for (_, text) in &gaps {
        let _ = writeln!(o, "- {text}");
    }

    let _ = writeln!(o, "\n## {}\n", t("report.stages"));
    table_head(&mut o, &f.columns(STAGE_COLUMNS));
    for (ix, stage) in Stage::ALL.iter().enumerate() {
        let _ = writeln!(o, "| {}. {} | {} |", stage.number(), f.name("stage", stage.key()), f.stages[ix]);
    }
    let _ = writeln!(o, "\n## {}\n", t("report.statuses"));
    table_head(&mut o, &f.columns(STATUS_COLUMNS));
    for (ix, status) in Status::ALL.iter().enumerate() {
        let _ = writeln!(o, "| {} | {} |", f.name("status", status.key()), f.statuses[ix]);
    }
    let _ = writeln!(o, "\n## {}\n", t("report.tracks_and_ps"));
    let _ = writeln!(
        o,
        "- {}: {} · {}: {} · {}: {}",
        t("track.local"),
        f.tracks[0],
        t("track.radical"),
        f.tracks[1],
        t("track.none"),
        f.tracks[2]
    );
    let ps: Vec<String> = Pressure::ALL
        .iter()
        .zip(f.pressures)
        .map(|(p, n)| format!("{}: {n}", f.name("pressure", p.key())))
        .collect();
    let _ = writeln!(o, "- {}: {}", t("report.relieves"), ps.join(" · "));
    register(&mut o, f);
    the_loop(&mut o, f);

    let _ = writeln!(o, "\n## {}\n", t("report.goal_coverage"));
    if f.coverage.goals.is_empty() {
        let _ = writeln!(o, "{}", t("report.no_goals"));
    } else {
        table_head(&mut o, &f.columns(GOAL_COLUMNS));
        for g in &f.coverage.goals {
            let retired = if g.retired { format!(" ({})", t("profile.retired")) } else { String::new() };
            let _ = writeln!(o, "| #{} {}{retired} | {} |", g.id, md_cell(&g.title), g.total());
        }
    }
    let _ = writeln!(o, "\n{}", lang.tf("report.unlinked", &[("count", &f.coverage.unlinked)]));

    let _ = writeln!(o, "\n## {}\n", t("report.follow_ups"));
    if f.follow_ups.is_empty() {
        let _ = writeln!(o, "{}", t("report.no_follow_ups"));
    }
    for fu in &f.follow_ups {
        let _ = writeln!(o, "- {} ({}) — {}", lang.date(fu.date), f.when(fu), f.follow_up_label(fu));
    }

    let _ = writeln!(o, "\n## {}\n", t("report.checklists"));
    if f.checklists.is_empty() {
        let _ = writeln!(o, "{}", t("report.no_checklists"));
    } else {
        table_head(&mut o, &f.columns(CHECKLIST_COLUMNS));
        for c in &f.checklists {
            let scale = c.scale.map(|(lo, hi)| format!(" ({lo}–{hi})")).unwrap_or_default();
            let change = f.change_words(c);
            let _ = writeln!(
                o,
                "| {} | {} | {} | {}{scale} | {change} |",
                md_cell(&c.name),
                md_cell(&c.scope),
                lang.date(c.date),
                score(lang, c.mean)
            );
        }
        dimensions(&mut o, f);
    }

    group::markdown(&mut o, &f.groups, lang);

    let _ = writeln!(o, "\n## {}\n", t("report.open_actions"));
    if f.open_actions.is_empty() {
        let _ = writeln!(o, "{}", t("report.no_open_actions"));
    }
    for line_of in f.action_lines() {
        let a = line_of.action;
        let mut line = format!("- {} {}: {}", t("report.action"), a.id, one_line(&a.what));
        let who = f.memo.person(&a.who);
        if !who.is_empty() {
            let _ = write!(line, " — {}", one_line(who));
        }
        if let Some(from) = line_of.source(p) {
            let _ = write!(line, " · {}: {from}", t("report.from_item"));
        }
        if let Some(d) = a.follow_up {
            let overdue =
                if a.is_overdue(today) { format!(", {}", t("report.overdue")) } else { String::new() };
            let _ = write!(line, " ({} {}{overdue})", t("report.follow_up_on"), lang.date(d));
        }
        let _ = writeln!(o, "{line}");
    }
    benefits::markdown(&mut o, p, &f.benefits, lang, today.year());
    o
}

/// The initiatives per facet: number, title, stage, status, owner, unit and next follow-up.
pub(super) fn register(o: &mut String, f: &Facts) {
    let t = |k: &str| f.t(k);
    let public = f.memo.options.public;
    let _ = writeln!(o, "\n## {}", t("report.register"));
    for (facet, list) in &f.memo.by_facet {
        if list.is_empty() && !facet.is_on_grid() {
            continue;
        }
        let _ = writeln!(o, "\n### {}\n", f.facet_heading(*facet, list.len()));
        if list.is_empty() {
            let _ = writeln!(o, "{}", t("report.none"));
            continue;
        }
        table_head(o, &f.register_columns());
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

/// The loop: the ideas waiting, the change since the last review, the decisions and lessons
/// since the report's `--since` date, lessons per family.
fn the_loop(o: &mut String, f: &Facts) {
    let lang = f.lang;
    let _ = writeln!(o, "\n## {}\n", lang.t("report.loop"));
    let _ = writeln!(o, "{}", f.ideas.summary);
    for line in &f.ideas.waiting {
        let _ = writeln!(o, "- {}", one_line(line));
    }
    if let Some(text) = &f.ideas.review {
        let _ = writeln!(o, "\n{}", one_line(text));
    }
    decisions(o, f);
    if !f.ideas.families.is_empty() {
        let _ = writeln!(o, "\n### {}\n", lang.t("report.lessons"));
        for (chain, lessons) in &f.ideas.families {
            let _ = writeln!(o, "- {chain}");
            for lesson in lessons {
                let _ = writeln!(o, "  - {}", one_line(lesson));
            }
        }
    }
}

/// Decisions and lessons from the logs since the report's `--since` date, newest first.
fn decisions(o: &mut String, f: &Facts) {
    let since = f.lang.date(f.memo.since);
    let _ = writeln!(o, "\n### {}\n", f.lang.tf("report.decisions", &[("date", &since)]));
    if f.memo.log.is_empty() {
        let _ = writeln!(o, "{}", f.lang.tf("report.no_decisions", &[("date", &since)]));
        return;
    }
    for line in &f.memo.log {
        let [date, initiative, kind, text] = f.log_cells(line);
        let _ = writeln!(o, "- {date} {} — {kind}: {}", one_line(&initiative), one_line(&text));
    }
    if f.memo.log_more > 0 {
        let _ = writeln!(o, "\n{}", f.lang.tn("report.log_more", f.memo.log_more, &[]));
    }
}

/// Each checklist's latest run per dimension, beside the previous run and the spread.
pub(super) fn dimensions(o: &mut String, f: &Facts) {
    for c in &f.memo.checklists {
        let _ = writeln!(o, "\n### {} · {}\n", md_cell(&c.name), md_cell(&c.scope));
        table_head(o, &f.columns(DIMENSION_COLUMNS));
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
