//! The benefits section of an initiative's detail: each benefit with its kind, owner,
//! baseline and target, latest reading and realisation, then the costs and the payback.

use super::{Line, Tone};
use crate::app::App;
use crate::benefits::{self, due_text, realisation_text, value_text};
use crate::model::Initiative;
use crate::text::one_line;

/// What the lines under a benefit's title start with, so they read as its own.
const INDENT: &str = "   ";

impl App {
    pub(super) fn benefit_lines(&self, i: &Initiative) -> Vec<Line> {
        let lang = self.lang;
        let currency = self.portfolio.organisation.currency.map(crate::model::Currency::code);
        let indented =
            |text: String, tone: Tone| Line { lead: vec![(Tone::Plain, INDENT.to_owned())], text, tone };
        let mut out = vec![
            Line::plain("", Tone::Plain),
            Line::plain(lang.tf("detail.benefits", &[("count", &i.benefits.len())]), Tone::Heading),
        ];
        if i.benefits.is_empty() {
            out.push(Line::plain(lang.t("detail.benefits_empty"), Tone::Dim));
        }
        for b in &i.benefits {
            let kind = lang.t(&format!("benefit_kind.{}", b.kind.key()));
            let title = if b.title.trim().is_empty() {
                lang.t("benefits.untitled").to_owned()
            } else {
                one_line(&b.title).into_owned()
            };
            let owner = if b.owner.trim().is_empty() {
                lang.t("benefits.no_owner").to_owned()
            } else {
                lang.tf("detail.benefit_owner", &[("owner", &one_line(&b.owner))])
            };
            out.push(Line {
                lead: vec![(Tone::Dim, format!("{} ", benefits::label(lang, b.id)))],
                text: format!("{title}  ({kind} · {owner})"),
                tone: Tone::Plain,
            });
            let point = |value: Option<f64>, date: Option<jiff::civil::Date>| {
                let value = value.map_or_else(|| "—".to_owned(), |v| value_text(lang, b, v, currency));
                date.map_or(value.clone(), |d| format!("{value} ({})", lang.date(d)))
            };
            if b.baseline.value.is_some() || b.target.value.is_some() || b.target.date.is_some() {
                let from_to = lang.tf(
                    "detail.benefit_from_to",
                    &[
                        ("baseline", &point(b.baseline.value, b.baseline.date)),
                        ("target", &point(b.target.value, b.target.date)),
                    ],
                );
                out.push(indented(from_to, Tone::Plain));
            }
            let mut facts = Vec::new();
            if let Some(m) = benefits::latest(b, None) {
                let value = m.value.map_or_else(|| "—".to_owned(), |v| value_text(lang, b, v, currency));
                facts.push(lang.tf(
                    "detail.benefit_latest",
                    &[
                        ("value", &value),
                        ("date", &lang.date(m.date)),
                        ("percent", &realisation_text(lang, b)),
                    ],
                ));
            }
            let due = benefits::due(b, self.today);
            if due.is_overdue() {
                facts.push(due_text(lang, due));
            }
            if !facts.is_empty() {
                let tone = if due.is_overdue() { Tone::Warning } else { Tone::Plain };
                out.push(indented(facts.join(" · "), tone));
            }
            if let Some(note) = b.measurements.iter().rev().find(|m| !m.note.trim().is_empty()) {
                out.push(indented(format!("{}  {}", lang.date(note.date), one_line(&note.note)), Tone::Dim));
            }
        }
        if let Some(costs) = &i.costs {
            let money = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| lang.money(v, currency));
            let mut text = lang.tf(
                "detail.costs",
                &[("investment", &money(costs.investment)), ("yearly", &money(costs.yearly))],
            );
            let planned = benefits::Sums::of(&i.benefits, &benefits::TimeUnit::default()).money_planned;
            if let Some(years) = benefits::payback_years(i, planned) {
                text.push_str(" · ");
                text.push_str(&lang.tf("detail.payback", &[("years", &lang.number(years, 1))]));
            }
            out.push(Line::plain(text, Tone::Dim));
        }
        out
    }
}
