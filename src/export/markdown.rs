//! `fasett export --format markdown`: a table to scan, then each initiative's details. Every
//! text a user typed goes through [`escape`], so it renders as the text it is.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::i18n::Lang;
use crate::model::Portfolio;
use crate::text::{multi_line, one_line};

/// `text` escaped so that Markdown (`CommonMark` and GitHub's) shows it as written: no heading,
/// list, quote, code, emphasis, link, image, table cell, entity or HTML tag is made from it.
/// Leading spaces are dropped, as four of them would start a code block.
pub fn escape(text: &str) -> Cow<'_, str> {
    const ANYWHERE: &[u8] = b"\\`*_[]<>|~&#!";
    let risky_start = |line: &str| {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        line.starts_with([' ', '\t', '+', '-', '='])
            || (digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')))
    };
    // Most text needs nothing, and the export escapes every cell of 10,000 initiatives.
    if !text.bytes().any(|b| ANYWHERE.contains(&b)) && !text.split('\n').any(risky_start) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let line = line.trim_start_matches([' ', '\t']);
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        for (ix, c) in line.char_indices() {
            let special = match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' => true,
                '+' | '-' | '=' => ix == 0,
                // "1." or "1)" at the start of a line would begin a numbered list.
                '.' | ')' => digits > 0 && ix == digits,
                _ => false,
            };
            if special {
                out.push('\\');
            }
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A Markdown table's head: the titles as given (escape user text before), then the rule,
/// with the columns that hold numbers right-aligned.
pub fn table_head(out: &mut String, columns: &[(&str, bool)]) {
    let titles: Vec<&str> = columns.iter().map(|(title, _)| *title).collect();
    let rule: String = columns.iter().map(|(_, numeric)| if *numeric { "---:|" } else { "---|" }).collect();
    let _ = writeln!(out, "| {} |\n|{rule}", titles.join(" | "));
}

/// The initiatives as Markdown: a table to scan, then each initiative's details.
pub fn markdown(portfolio: &Portfolio, lang: Lang, today: jiff::civil::Date) -> String {
    let t = |k: &str| lang.t(k);
    let cell = |s: &str| escape(&one_line(s)).into_owned();
    let mut out = String::new();
    let org = if portfolio.organisation.name.is_empty() {
        t("report.no_name").to_owned()
    } else {
        cell(&portfolio.organisation.name)
    };
    let _ = writeln!(out, "# {} — {}\n", t("export.md_title"), org);
    let _ = writeln!(
        out,
        "{}\n",
        lang.tf(
            "export.md_intro",
            &[("what", &super::contents(portfolio, lang)), ("date", &lang.date(today))]
        )
    );
    if portfolio.initiatives.is_empty() {
        out.push_str(&checklists_markdown(portfolio, lang));
        return out;
    }
    let columns = ["number", "title", "facet", "stage", "status", "owner", "follow_up"];
    let columns: Vec<_> = columns.iter().map(|c| (t(&format!("column.{c}")), *c == "number")).collect();
    table_head(&mut out, &columns);
    for i in &portfolio.initiatives {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            i.id,
            cell(&i.title),
            t(&format!("facet.{}", i.facet.key())),
            t(&format!("stage.{}", i.stage.key())),
            t(&format!("status.{}", i.status.key())),
            cell(&i.owner),
            i.follow_up.map(|d| lang.date(d)).unwrap_or_default()
        );
    }
    for i in &portfolio.initiatives {
        let _ = writeln!(out, "\n## #{} {}\n", i.id, cell(&i.title));
        let mut field = |label: &str, value: String| {
            if !value.trim().is_empty() {
                let _ = writeln!(out, "- **{label}:** {}", cell(&value));
            }
        };
        field(t("field.facet"), t(&format!("facet.{}", i.facet.key())).to_owned());
        field(t("field.stage"), t(&format!("stage.{}", i.stage.key())).to_owned());
        field(t("field.status"), t(&format!("status.{}", i.status.key())).to_owned());
        field(t("field.need"), i.need.clone());
        field(t("field.owner"), i.owner.clone());
        field(t("field.unit"), i.unit.clone());
        field(
            t("field.track"),
            i.track.map(|x| t(&format!("track.{}", x.key())).to_owned()).unwrap_or_default(),
        );
        field(
            t("field.relieves"),
            i.relieves.iter().map(|p| t(&format!("pressure.{}", p.key()))).collect::<Vec<_>>().join(", "),
        );
        field(
            t("field.benefits"),
            i.benefits
                .iter()
                .map(|b| format!("{} {}", crate::benefits::label(lang, b.id), b.title))
                .collect::<Vec<_>>()
                .join("; "),
        );
        field(t("field.partners"), i.partners.join(", "));
        field(t("field.tags"), i.tags.join(", "));
        field(t("field.follow_up"), i.follow_up.map(|d| lang.date(d)).unwrap_or_default());
        if !i.description.trim().is_empty() {
            let _ = writeln!(out, "\n{}", escape(multi_line(&i.description).trim_end()));
        }
        if !i.log.is_empty() {
            let _ = writeln!(out, "\n{}:\n", t("export.md_log"));
            for l in &i.log {
                let kind = t(&format!("log_kind.{}", l.kind.key()));
                let _ = writeln!(out, "- {} {kind}: {}", lang.date(l.date), cell(&l.text));
            }
        }
    }
    out.push_str(&checklists_markdown(portfolio, lang));
    out
}

/// The checklist runs for the Markdown export: [`super::checklist_rows`] as one table per run.
fn checklists_markdown(portfolio: &Portfolio, lang: Lang) -> String {
    let rows = super::checklist_rows(portfolio, lang);
    let Some((header, body)) = rows.split_first() else { return String::new() };
    if body.is_empty() {
        return String::new();
    }
    let cell = |s: &str| escape(&one_line(s)).into_owned();
    let mut out = format!("\n## {}\n", lang.t("export.md_checklists"));
    let mut run = String::new();
    // Columns 0–3 name the run (a heading per run); the rest is the table.
    for row in body {
        if row[0] != run {
            run.clone_from(&row[0]);
            let _ = writeln!(out, "\n### {} · {} · {}\n", cell(&row[1]), cell(&row[2]), row[3]);
            let heads: Vec<String> = header[4..].iter().map(|h| cell(h)).collect();
            let _ = writeln!(out, "| {} |\n|---|---|---:|---:|---|---:|---:|---|---:|", heads.join(" | "));
        }
        // The item and the perspective are text; the numbers go as they are (escaping would
        // make "2.00" read "2\.00").
        let cells: Vec<String> =
            row[4..].iter().enumerate().map(|(ix, c)| if ix < 2 { cell(c) } else { c.clone() }).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Initiative;

    #[test]
    fn user_text_renders_as_text() {
        let cases = [
            ("# Not a heading", "\\# Not a heading"),
            ("[x](http://evil)", "\\[x\\](http://evil)"),
            ("![img](y)", "\\!\\[img\\](y)"),
            ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
            ("a | b", "a \\| b"),
            ("*bold* _it_ `code` ~~gone~~", "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~"),
            (
                "1. first\n- item\n+ more\n> quote\n    code\n===",
                "1\\. first\n\\- item\n\\+ more\n\\> quote\ncode\n\\===",
            ),
            ("&amp; C:\\temp", "\\&amp; C:\\\\temp"),
            ("plain text, 3.5 % and e-mail", "plain text, 3.5 % and e-mail"),
        ];
        for (text, escaped) in cases {
            assert_eq!(escape(text), escaped, "{text:?}");
        }
    }

    #[test]
    fn the_export_escapes_every_users_text() {
        let mut p = Portfolio::default();
        p.organisation.name = "<b>Ås</b>".into();
        p.initiatives.push(Initiative {
            id: 1,
            title: "# Rubrik [x](y)".into(),
            description: "# Heading\n<img src=x>\n1. list".into(),
            owner: "*Anna*".into(),
            ..Initiative::default()
        });
        let md = markdown(&p, Lang::En, jiff::civil::date(2026, 11, 25));
        assert!(md.starts_with("# Initiatives — \\<b\\>Ås\\</b\\>\n"), "{md}");
        assert!(md.contains("| 1 | \\# Rubrik \\[x\\](y) |"), "{md}");
        assert!(md.contains("## #1 \\# Rubrik \\[x\\](y)\n"), "{md}");
        assert!(md.contains("\n\\# Heading\n\\<img src=x\\>\n1\\. list\n"), "{md}");
        assert!(md.contains("**Owner:** \\*Anna\\*"), "{md}");
        assert!(!md.contains("\n# Heading"), "{md}");
    }
}
