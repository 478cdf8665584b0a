//! The report as one self-contained HTML page: CSS and SVG inline, nothing fetched, `lang` set
//! to the report's language. It prints on A4 (a section per page, tables not cut across rows,
//! page numbers where the browser supports `@page` margin boxes) and its tables carry plain
//! borders, so they survive being pasted into Word or `LibreOffice` Writer. The font is Arial (or
//! its metric twin Liberation Sans): a wider system font made Writer's tables run off the page.
//!
//! Every piece of user text goes through [`esc`]; nothing from the data file becomes markup.

use std::borrow::Cow;
use std::fmt::Write as _;

use jiff::civil::Date;

use super::content::{
    BALANCE_COLUMNS, CHECKLIST_COLUMNS, DIMENSION_COLUMNS, GOAL_COLUMNS, STAGE_COLUMNS, STATUS_COLUMNS,
};
use super::{Facts, svg};
use crate::balance;
use crate::model::{Facet, Stage, Status};
use crate::text::one_line;

/// `text` safe as HTML text and as an attribute value: the five characters that could end
/// either are written as references. The space before a percent sign ("46 %", as the Nordic
/// languages write it) does not break, so a printed table never ends a line on "(46".
/// Everything else, right-to-left text and emoji included, is kept as it is (the page is
/// UTF-8).
pub fn esc(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) && !text.contains(" %") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' if chars.peek() == Some(&'%') => out.push('\u{a0}'),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// How many characters without a space may run before the page may break the line there.
const LONGEST_RUN: usize = 30;

/// One line of user text, escaped. A run of more than [`LONGEST_RUN`] characters without a
/// space gets a break opportunity (`<wbr>`) every so often, so a pasted URL or a hand-edited
/// 10,000-character word cannot stretch a table past the page.
pub(super) fn cell(text: &str) -> String {
    let line = one_line(text);
    let mut out = String::with_capacity(line.len() + 8);
    let mut run = 0;
    for c in line.chars() {
        if c.is_whitespace() {
            run = 0;
        } else {
            run += 1;
            if run > LONGEST_RUN {
                out.push_str("<wbr>");
                run = 1;
            }
        }
        let mut buf = [0; 4];
        out.push_str(&esc(c.encode_utf8(&mut buf)));
    }
    out
}

const STYLE: &str = "\
:root{color-scheme:light}\
body{font-family:Arial,'Liberation Sans',Helvetica,sans-serif;font-size:11pt;line-height:1.4;color:#1d232a}\
@media screen{body{max-width:52em;margin:2em auto;padding:0 1em}}\
h1{font-size:1.7em;margin:0 0 .3em}\
h2{font-size:1.3em;border-bottom:2px solid #1f5fa8;padding-bottom:.2em;margin:1.6em 0 .6em}\
h3{font-size:1.05em;margin:1.2em 0 .3em}\
table{border-collapse:collapse;width:100%;margin:.4em 0 1em;font-size:.95em}\
th,td{border:1px solid #aab3bd;padding:.2em .4em;text-align:left;vertical-align:top;unicode-bidi:plaintext;overflow-wrap:break-word}\
th{background:#e8edf2}\
.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\
.d{white-space:nowrap}\
table.register td:nth-child(2){min-width:9em}\
figure{margin:.8rem 0}\
figure svg{display:block;width:100%;height:auto}\
figcaption{font-size:.9em;color:#4a5561}\
.public{border:2px solid #b5562b;padding:.4em .7em;font-weight:bold}\
.rule{font-size:.95em;color:#38424d}\
.overdue{font-weight:bold}\
td.h{white-space:nowrap;vertical-align:middle}td.h svg{display:block}\
p.list{margin:.5em 0 0;break-after:avoid}p.list+ul{margin:.1em 0 .4em}ul.families{list-style:none;padding-left:0}ul.families>li{margin-top:.3em;font-weight:bold}ul.families li li{font-weight:normal}ul.families ul{margin:0;padding-left:1.2em}\
footer{margin-top:2em;font-size:.85em;color:#4a5561}\
@page{size:A4;margin:16mm 15mm 18mm;@bottom-right{content:counter(page) ' / ' counter(pages);font-size:9pt}}\
@media print{body{font-size:10pt}\
section{break-before:page}section.first{break-before:auto}div.group{break-before:page}div.gaps{break-inside:avoid}\
p,li{orphans:3;widows:3}\
h2,h3{break-after:avoid}tr,figure{break-inside:avoid}table.keep{break-inside:avoid}\
thead{display:table-header-group}figure svg{max-height:105mm}figure.chart svg{max-height:150mm}}";

/// The page.
pub(super) fn render(f: &Facts, today: Date) -> String {
    let lang = f.lang;
    let t = |k: &str| f.t(k);
    let p = f.p;
    let mut o = String::with_capacity(64 * 1024 + p.initiatives.len() * 360);
    let title = format!("{} — {}", t("report.title"), f.organisation());
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"generator\" content=\"fasett\"><title>{}</title><style>{STYLE}</style></head><body>\n",
        lang.code(),
        esc(&title)
    );

    // The first page: who, when, what the portfolio is for, and the balance.
    let _ = write!(o, "<section class=\"first\"><h1>{}</h1>", esc(&title));
    let _ = write!(o, "<p>{}</p>", esc(&f.intro(today).join(" ")));
    if f.memo.options.public {
        let _ = write!(o, "<p class=\"public\">{}</p>", esc(t("report.public")));
    }
    for (key, text) in
        [("profile.vision", &p.organisation.vision), ("profile.mission", &p.organisation.mission)]
    {
        if !text.trim().is_empty() {
            let _ = write!(o, "<p><strong>{}:</strong> {}</p>", esc(t(key)), cell(text));
        }
    }
    let _ = write!(o, "<h2>{}</h2>", esc(t("report.balance")));
    let _ = write!(
        o,
        "<p><strong>{}</strong></p><p class=\"rule\">{}</p>",
        esc(&lang.tf("report.tendency", &[("tendency", &f.tendency.words(lang))])),
        esc(&balance::rule(lang))
    );
    let _ = write!(o, "<figure>{}<figcaption>{}</figcaption></figure>", svg::diamond(f), esc(&off_grid(f)));
    balance_table(&mut o, f);
    let _ = write!(o, "<h3>{}</h3>", esc(t("report.gaps")));
    let gaps = f.gaps();
    if gaps.is_empty() {
        let _ = write!(o, "<p>{}</p>", esc(t("report.no_gaps")));
    } else {
        o.push_str("<ul>");
        for (_, text) in &gaps {
            let _ = write!(o, "<li>{}</li>", cell(text));
        }
        o.push_str("</ul>");
    }
    o.push_str("</section>\n");

    stages(&mut o, f);
    register(&mut o, f);
    the_loop(&mut o, f);
    goals(&mut o, f);
    follow_ups(&mut o, f);
    checklists(&mut o, f);
    actions(&mut o, f, today);
    super::benefits::html(&mut o, p, &f.benefits, lang, today.year());

    let _ = writeln!(
        o,
        "<footer>{}</footer></body></html>",
        esc(&lang.tf("report.footer", &[("date", &lang.date(today))]))
    );
    o
}

/// "Mixed: 1 · Unplaced: 1", the active initiatives the diamond cannot show.
fn off_grid(f: &Facts) -> String {
    [Facet::Mixed, Facet::Unplaced]
        .iter()
        .map(|x| format!("{}: {}", f.name("facet", x.key()), f.shares.count(*x)))
        .collect::<Vec<_>>()
        .join(" · ")
}

pub(super) fn head(o: &mut String, class: &str, columns: &[(&str, bool)]) {
    let _ = write!(o, "<table border=\"1\" class=\"{class}\"><thead><tr>");
    for (name, numeric) in columns {
        let c = if *numeric { " class=\"n\"" } else { "" };
        let _ = write!(o, "<th scope=\"col\"{c}>{}</th>", esc(name));
    }
    o.push_str("</tr></thead><tbody>");
}

fn balance_table(o: &mut String, f: &Facts) {
    head(o, "keep", &f.columns(BALANCE_COLUMNS));
    for row in f.facet_rows() {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&row.name),
            esc(row.pole),
            row.count,
            esc(&row.share)
        );
    }
    o.push_str("</tbody></table>");
}

fn stages(o: &mut String, f: &Facts) {
    let t = |k: &str| f.t(k);
    let _ = write!(
        o,
        "<section><h2>{}</h2><figure class=\"chart\">{}</figure>",
        esc(t("report.stages")),
        svg::funnel(f)
    );
    head(o, "keep", &f.columns(STAGE_COLUMNS));
    for (stage, n) in Stage::ALL.iter().zip(f.stages) {
        let _ = write!(
            o,
            "<tr><td>{}. {}</td><td class=\"n\">{n}</td></tr>",
            stage.number(),
            esc(f.name("stage", stage.key()))
        );
    }
    o.push_str("</tbody></table>");
    let _ = write!(o, "<h3>{}</h3>", esc(t("report.statuses")));
    head(o, "keep", &f.columns(STATUS_COLUMNS));
    for (status, n) in Status::ALL.iter().zip(f.statuses) {
        let _ =
            write!(o, "<tr><td>{}</td><td class=\"n\">{n}</td></tr>", esc(f.name("status", status.key())));
    }
    o.push_str("</tbody></table>");
    let _ = write!(
        o,
        "<h3>{}</h3><p>{}: {} · {}: {} · {}: {}</p>",
        esc(t("report.tracks_and_ps")),
        esc(t("track.local")),
        f.tracks[0],
        esc(t("track.radical")),
        f.tracks[1],
        esc(t("track.none")),
        f.tracks[2]
    );
    let ps: Vec<String> = crate::model::Pressure::ALL
        .iter()
        .zip(f.pressures)
        .map(|(p, n)| format!("{}: {n}", f.name("pressure", p.key())))
        .collect();
    let _ = writeln!(o, "<p>{}: {}</p></section>", esc(t("report.relieves")), esc(&ps.join(" · ")));
}

/// The initiatives per facet: number, title, stage, status, owner, unit, next follow-up.
fn register(o: &mut String, f: &Facts) {
    let t = |k: &str| f.t(k);
    let _ = write!(o, "<section><h2>{}</h2>", esc(t("report.register")));
    for (facet, list) in &f.memo.by_facet {
        if list.is_empty() && !facet.is_on_grid() {
            continue;
        }
        let _ = write!(o, "<h3>{}</h3>", esc(&f.facet_heading(*facet, list.len())));
        if list.is_empty() {
            let _ = write!(o, "<p>{}</p>", esc(t("report.none")));
            continue;
        }
        head(o, "register", &f.register_columns());
        for i in list {
            let _ = write!(
                o,
                "<tr><td class=\"n\">{}</td><td>{}</td><td>{}. {}</td><td>{}</td>",
                i.id,
                cell(&i.title),
                i.stage.number(),
                esc(f.name("stage", i.stage.key())),
                esc(f.name("status", i.status.key()))
            );
            if !f.memo.options.public {
                let _ = write!(o, "<td>{}</td>", cell(f.memo.person(&i.owner)));
            }
            let _ = write!(
                o,
                "<td>{}</td><td class=\"d\">{}</td></tr>",
                cell(&i.unit),
                i.follow_up.map(|d| f.lang.date(d)).unwrap_or_default()
            );
        }
        o.push_str("</tbody></table>");
    }
    o.push_str("</section>\n");
}

/// The loop: the ideas waiting, the change since the last review, the decisions and lessons
/// since the report's `--since` date, lessons per family.
fn the_loop(o: &mut String, f: &Facts) {
    let t = |k: &str| f.t(k);
    let _ = write!(o, "<section><h2>{}</h2><p>{}</p>", esc(t("report.loop")), esc(&f.ideas.summary));
    if !f.ideas.waiting.is_empty() {
        o.push_str("<ul>");
        for line in &f.ideas.waiting {
            let _ = write!(o, "<li>{}</li>", cell(line));
        }
        o.push_str("</ul>");
    }
    if let Some(text) = &f.ideas.review {
        let _ = write!(o, "<p>{}</p>", cell(text));
    }
    decisions(o, f);
    if !f.ideas.families.is_empty() {
        let _ = write!(o, "<h3>{}</h3><ul class=\"families\">", esc(t("report.lessons")));
        for (chain, lessons) in &f.ideas.families {
            let _ = write!(o, "<li>{}<ul>", esc(chain));
            for lesson in lessons {
                let _ = write!(o, "<li>{}</li>", cell(lesson));
            }
            o.push_str("</ul></li>");
        }
        o.push_str("</ul>");
    }
    o.push_str("</section>\n");
}

/// Decisions and lessons from the logs since the report's `--since` date, newest first.
fn decisions(o: &mut String, f: &Facts) {
    let t = |k: &str| f.t(k);
    let since = f.lang.date(f.memo.since);
    let _ = write!(o, "<h3>{}</h3>", esc(&f.lang.tf("report.decisions", &[("date", &since)])));
    if f.memo.log.is_empty() {
        let _ = write!(o, "<p>{}</p>", esc(&f.lang.tf("report.no_decisions", &[("date", &since)])));
        return;
    }
    head(
        o,
        "",
        &[
            (t("column.date"), false),
            (t("report.log_initiative"), false),
            (t("report.entry"), false),
            (t("report.text"), false),
        ],
    );
    for line in &f.memo.log {
        let [date, initiative, kind, text] = f.log_cells(line);
        let _ = write!(
            o,
            "<tr><td class=\"d\">{date}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            cell(&initiative),
            esc(&kind),
            cell(&text)
        );
    }
    o.push_str("</tbody></table>");
    if f.memo.log_more > 0 {
        let _ = write!(o, "<p>{}</p>", esc(&f.lang.tn("report.log_more", f.memo.log_more, &[])));
    }
}

fn goals(o: &mut String, f: &Facts) {
    let t = |k: &str| f.t(k);
    let _ = write!(o, "<section><h2>{}</h2>", esc(t("report.goal_coverage")));
    if f.coverage.goals.is_empty() {
        let _ = write!(o, "<p>{}</p>", esc(t("report.no_goals")));
    } else {
        head(o, "keep", &f.columns(GOAL_COLUMNS));
        for g in &f.coverage.goals {
            let retired = if g.retired { format!(" ({})", t("profile.retired")) } else { String::new() };
            let _ = write!(
                o,
                "<tr><td>#{} {}{}</td><td class=\"n\">{}</td></tr>",
                g.id,
                cell(&g.title),
                esc(&retired),
                g.total()
            );
        }
        o.push_str("</tbody></table>");
    }
    let _ = write!(o, "<p>{}</p>", esc(&f.lang.tf("report.unlinked", &[("count", &f.coverage.unlinked)])));
}

fn follow_ups(o: &mut String, f: &Facts) {
    let t = |k: &str| f.t(k);
    let _ = write!(o, "<h2>{}</h2>", esc(t("report.follow_ups")));
    if f.follow_ups.is_empty() {
        let _ = writeln!(o, "<p>{}</p></section>", esc(t("report.no_follow_ups")));
        return;
    }
    head(o, "", &[(t("column.date"), false), (t("report.when"), false), (t("report.what"), false)]);
    for fu in &f.follow_ups {
        let class = if fu.is_overdue() { " class=\"overdue\"" } else { "" };
        let _ = write!(
            o,
            "<tr{class}><td class=\"d\">{}</td><td>{}</td><td>{}</td></tr>",
            f.lang.date(fu.date),
            esc(&f.when(fu)),
            esc(&f.follow_up_label(fu))
        );
    }
    o.push_str("</tbody></table></section>\n");
}

fn checklists(o: &mut String, f: &Facts) {
    let t = |k: &str| f.t(k);
    let lang = f.lang;
    let _ = write!(o, "<section><h2>{}</h2>", esc(t("report.checklists")));
    if f.checklists.is_empty() {
        let _ = writeln!(o, "<p>{}</p></section>", esc(t("report.no_checklists")));
        return;
    }
    let mut columns = f.columns(CHECKLIST_COLUMNS);
    columns.push((t("report.spread"), true));
    head(o, "keep", &columns);
    for c in &f.checklists {
        let scale = c.scale.map(|(lo, hi)| format!(" ({lo}–{hi})")).unwrap_or_default();
        // The group's spread and how it moved: down is the group coming closer.
        // The change in spread is over the slots both runs have one for, as the scores' is.
        let spread = match (c.spread, c.spread_compared.and_then(|d| d.shown_change())) {
            (Some(now), Some(change)) => {
                format!("{} ({})", lang.decimal(now, 1), lang.signed_decimal(change, 1))
            }
            (now, _) => super::score(lang, now),
        };
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td class=\"d\">{}</td><td class=\"n\">{}{scale}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            cell(&c.name),
            cell(&c.scope),
            lang.date(c.date),
            super::score(lang, c.mean),
            esc(&f.change_words(c)),
            esc(&spread)
        );
    }
    o.push_str("</tbody></table>");
    for (ix, chart) in f.memo.checklists.iter().enumerate() {
        let _ = write!(
            o,
            "<h3>{} · {}</h3><figure class=\"chart\">{}<figcaption>{}</figcaption></figure>",
            cell(&chart.name),
            cell(&chart.scope),
            svg::checklist(chart, ix, lang),
            esc(&match chart.previous_date {
                Some(d) => lang.tf("report.checklist_legend", &[("date", &lang.date(d))]),
                None => t("report.checklist_legend_first").to_owned(),
            })
        );
        head(o, "keep", &f.columns(DIMENSION_COLUMNS));
        for d in &chart.dimensions {
            let _ = write!(
                o,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                cell(&d.name),
                super::score(lang, d.mean),
                super::score(lang, d.previous),
                super::score(lang, d.spread)
            );
        }
        o.push_str("</tbody></table>");
    }
    super::group::html(o, &f.groups, lang);
    o.push_str("</section>\n");
}

fn actions(o: &mut String, f: &Facts, today: Date) {
    let t = |k: &str| f.t(k);
    let _ = write!(o, "<section><h2>{}</h2>", esc(t("report.open_actions")));
    if f.open_actions.is_empty() {
        let _ = writeln!(o, "<p>{}</p></section>", esc(t("report.no_open_actions")));
        return;
    }
    let mut columns =
        vec![(t("report.action"), true), (t("report.what"), false), (t("report.from_item"), false)];
    if !f.memo.options.public {
        columns.push((t("plan.field_who"), false));
    }
    columns.push((t("column.follow_up"), false));
    head(o, "", &columns);
    for line in &f.action_lines() {
        let a = line.action;
        let from = line.source(f.p).unwrap_or_default();
        let overdue = a.is_overdue(today);
        let class = if overdue { " class=\"overdue\"" } else { "" };
        let _ = write!(
            o,
            "<tr{class}><td class=\"n\">{}</td><td>{}</td><td>{}</td>",
            a.id,
            cell(&a.what),
            esc(&from)
        );
        if !f.memo.options.public {
            let _ = write!(o, "<td>{}</td>", cell(f.memo.person(&a.who)));
        }
        let follow_up = a.follow_up.map_or_else(String::new, |d| {
            if overdue { format!("{} ({})", f.lang.date(d), t("report.overdue")) } else { f.lang.date(d) }
        });
        let _ = write!(o, "<td class=\"d\">{}</td></tr>", esc(&follow_up));
    }
    o.push_str("</tbody></table></section>\n");
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn markup_is_escaped_and_a_percent_sign_keeps_to_its_number() {
        assert_eq!(esc("plain"), "plain");
        assert_eq!(esc("<b>\"R&D\"</b> 'x'"), "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt; &#39;x&#39;");
        assert_eq!(esc("60 000 kr av 130 000 kr (46 %)"), "60 000 kr av 130 000 kr (46\u{a0}%)");
        assert_eq!(esc("46% and 5 % < 6 %"), "46% and 5\u{a0}% &lt; 6\u{a0}%");
    }
}
