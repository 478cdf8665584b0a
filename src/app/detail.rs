//! An initiative's detail as screen rows: every field, then the text fields, the benefits
//! (`detail/benefits.rs`), then the log newest first, wrapped to the width it is shown at.
//! The ui draws exactly these rows and the app scrolls by their number, so `G` and `PgDn`
//! reach the last line of the log however much of the text wraps.

mod benefits;

use unicode_width::UnicodeWidthStr;

use super::{App, Mode};
use crate::layout::{Screen, inside_border};
use crate::model::{Id, Idea, Initiative, LogKind};
use crate::text::{multi_line, one_line, wrap_words};

/// How a piece of a row reads; the ui gives each its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    /// A field's name, in the column before its value.
    Label,
    Heading,
    /// Dates and placeholders such as "—".
    Dim,
    Warning,
    /// The kind of a log line (note, decision, lesson).
    Kind,
}

/// One screen row: pieces of text and how each reads.
pub type Row = Vec<(Tone, String)>;

/// The width of the label column before a field's value.
const LABEL_WIDTH: usize = 22;

/// One line before wrapping: a fixed part (a label, a date and kind) and the text after it,
/// which wraps under itself, not under the fixed part.
struct Line {
    lead: Row,
    text: String,
    tone: Tone,
}

impl Line {
    fn plain(text: impl Into<String>, tone: Tone) -> Self {
        Self { lead: Vec::new(), text: text.into(), tone }
    }
}

impl App {
    /// The rows of initiative `id`'s detail wrapped to `width` columns; none when it is gone.
    pub fn detail_rows(&self, id: Id, width: u16) -> Vec<Row> {
        let Some(i) = self.portfolio.initiative(id) else { return Vec::new() };
        let width = usize::from(width).max(1);
        self.detail_lines(i).iter().flat_map(|line| wrap_line(line, width)).collect()
    }

    /// The furthest the detail of `id` scrolls at the current size: its rows less those the
    /// view shows at once.
    pub fn detail_max_scroll(&self, id: Id) -> u16 {
        let view = detail_view(&self.screen());
        let rows = self.detail_rows(id, view.width).len();
        u16::try_from(rows.saturating_sub(usize::from(view.height))).unwrap_or(u16::MAX)
    }

    /// Scrolls the detail view by `delta` rows, never past its last row.
    pub(super) fn scroll_detail(&mut self, delta: isize) {
        let Mode::Detail { id, scroll, .. } = self.mode else { return };
        let max = self.detail_max_scroll(id);
        let to = usize::from(scroll).saturating_add_signed(delta).min(usize::from(max));
        if let Mode::Detail { scroll, .. } = &mut self.mode {
            *scroll = u16::try_from(to).unwrap_or(max);
        }
    }

    fn detail_lines(&self, i: &Initiative) -> Vec<Line> {
        let t = |k: &str| self.lang.t(k).to_owned();
        let mut out = Vec::new();
        let mut field = |label: &str, value: String| {
            let (text, tone) =
                if value.trim().is_empty() { ("—".to_owned(), Tone::Dim) } else { (value, Tone::Plain) };
            // At least one space after the longest label, so label and value never touch.
            let label = format!("{:<width$} ", t(label), width = LABEL_WIDTH - 1);
            out.push(Line { lead: vec![(Tone::Label, label)], text, tone });
        };
        let list = |keys: Vec<String>| keys.iter().map(|k| t(k)).collect::<Vec<_>>().join(", ");
        let date = |d: Option<jiff::civil::Date>| d.map_or_else(String::new, |d| self.lang.date(d));
        field("field.facet", t(&format!("facet.{}", i.facet.key())));
        field("field.stage", format!("{} {}", i.stage.number(), t(&format!("stage.{}", i.stage.key()))));
        field("field.status", t(&format!("status.{}", i.status.key())));
        field("field.track", i.track.map_or_else(String::new, |tr| t(&format!("track.{}", tr.key()))));
        field("field.priority", t(&format!("priority.{}", i.priority.key())));
        field("field.owner", one_line(&i.owner).into_owned());
        field("field.unit", one_line(&i.unit).into_owned());
        field("field.partners", one_line(&i.partners.join(", ")).into_owned());
        let goals = i
            .goals
            .iter()
            .map(|id| match self.portfolio.organisation.goal(*id) {
                Some(g) => format!("{}. {}", g.id, one_line(&g.title)),
                None => self.lang.tf("detail.goal_missing", &[("id", id)]),
            })
            .collect::<Vec<_>>()
            .join("; ");
        field("field.goals", goals);
        field(
            "field.need_sources",
            list(i.need_sources.iter().map(|s| format!("need_source.{}", s.key())).collect()),
        );
        field("field.relieves", list(i.relieves.iter().map(|p| format!("pressure.{}", p.key())).collect()));
        field("field.start", date(i.start));
        let mut follow_up = date(i.follow_up);
        if i.is_overdue(self.today) {
            follow_up = format!("{follow_up}  ({})", t("detail.overdue"));
        }
        field("field.follow_up", follow_up);
        field("field.end", date(i.end));
        field("field.tags", one_line(&i.tags.join(", ")).into_owned());
        if let Some(p) = &i.placement {
            let answer = format!(
                "{} / {}",
                t(&format!("created_to.{}", p.created_to.key())),
                t(&format!("pushed_by.{}", p.pushed_by.key()))
            );
            field("field.placement", answer);
        }
        if let Some(idea) = &i.idea {
            self.idea_fields(idea, &mut field);
        }
        if i.archived {
            out.push(Line::plain(t("detail.archived"), Tone::Warning));
        }
        for (label, text) in [("field.description", &i.description), ("field.need", &i.need)] {
            out.push(Line::plain("", Tone::Plain));
            out.push(Line::plain(t(label), Tone::Heading));
            if text.trim().is_empty() {
                out.push(Line::plain("—", Tone::Dim));
            }
            out.extend(multi_line(text).lines().map(|l| Line::plain(l, Tone::Plain)));
        }
        out.extend(self.benefit_lines(i));
        self.family_lines(i, &mut out);
        out.push(Line::plain("", Tone::Plain));
        out.push(Line::plain(self.lang.tn("detail.log", i.log.len(), &[]), Tone::Heading));
        if i.log.is_empty() {
            out.push(Line::plain(t("detail.log_empty"), Tone::Dim));
        }
        // The kinds line up in a column as wide as the longest in this language.
        let kind = |k: LogKind| t(&format!("log_kind.{}", k.key()));
        let kind_width = LogKind::ALL.iter().map(|k| kind(*k).width()).max().unwrap_or(0);
        for entry in i.log.iter().rev() {
            let kind = kind(entry.kind);
            let text = crate::ideas::decision_words(entry, self.lang);
            out.push(Line {
                lead: vec![
                    (Tone::Dim, format!("{}  ", self.lang.date(entry.date))),
                    (Tone::Kind, format!("{kind:<kind_width$} ")),
                ],
                text,
                tone: Tone::Plain,
            });
        }
        out
    }
}

impl App {
    /// An incoming idea's rows: proposer, channel, dates and where triage got.
    fn idea_fields(&self, idea: &Idea, field: &mut impl FnMut(&str, String)) {
        let t = |k: &str| self.lang.t(k).to_owned();
        let date = |d: Option<jiff::civil::Date>| d.map_or_else(String::new, |d| self.lang.date(d));
        let p = &idea.proposer;
        let proposer: Vec<&str> = [&p.name, &p.unit, &p.contact]
            .into_iter()
            .map(String::as_str)
            .filter(|s| !s.trim().is_empty())
            .collect();
        field("field.proposer", one_line(&proposer.join(", ")).into_owned());
        field("field.channel", idea.channel.map_or_else(String::new, |c| t(&format!("channel.{}", c.key()))));
        field("field.received", date(idea.received));
        let mut triage = t(&format!("triage.{}", idea.triage.key()));
        if let Some(target) = idea.merged_into {
            triage = format!("{triage} #{target}");
        }
        if !idea.reason.is_empty() {
            triage = format!("{triage} — {}", one_line(&idea.reason));
        }
        if let Some(d) = idea.decided {
            triage = format!("{triage} ({})", self.lang.date(d));
        }
        field("field.triage", triage);
        let told = match idea.told {
            Some(d) => self.lang.date(d),
            None if idea.is_untold(self.today, self.portfolio.organisation.feedback_days()) => {
                t("detail.not_told")
            }
            None => String::new(),
        };
        field("field.told", told);
    }

    /// The family: what the initiative grew out of (oldest first) and what it led to.
    fn family_lines(&self, i: &Initiative, out: &mut Vec<Line>) {
        let up = crate::ideas::ancestors(&self.portfolio, i.id);
        let down = crate::ideas::children(&self.portfolio, i.id);
        if up.is_empty() && down.is_empty() && i.grew_out_of.is_none() {
            return;
        }
        let named = |id: Id| match self.portfolio.initiative(id) {
            Some(other) => format!("#{id} {}", one_line(&other.title)),
            None => self.lang.tf("detail.family_missing", &[("id", &id)]),
        };
        out.push(Line::plain("", Tone::Plain));
        out.push(Line::plain(self.lang.t("detail.family"), Tone::Heading));
        let lead = |key: &str| {
            vec![(Tone::Label, format!("{:<width$} ", self.lang.t(key), width = LABEL_WIDTH - 1))]
        };
        if up.is_empty()
            && let Some(missing) = i.grew_out_of
        {
            {
                out.push(Line {
                    lead: lead("detail.grew_out_of"),
                    text: named(missing),
                    tone: Tone::Warning,
                });
            }
        }
        for (n, id) in up.iter().enumerate() {
            let key = if n == 0 { "detail.grew_out_of" } else { "detail.which_grew_out_of" };
            out.push(Line { lead: lead(key), text: named(*id), tone: Tone::Plain });
        }
        for id in down {
            out.push(Line { lead: lead("detail.led_to"), text: named(id), tone: Tone::Plain });
        }
    }
}

/// Where the detail's rows go: inside the border of the body it is drawn over.
pub fn detail_view(screen: &Screen) -> ratatui::layout::Rect {
    inside_border(screen.body)
}

/// A line as rows of at most `width` columns: its text wrapped at spaces beside its lead, and
/// under the text, not under the lead, after the first row. A lead too wide to leave a useful
/// column beside it gets rows of its own, the text below it.
fn wrap_line(line: &Line, width: usize) -> Vec<Row> {
    let lead_width: usize = line.lead.iter().map(|(_, s)| s.width()).sum();
    let mut rows: Vec<Row> = Vec::new();
    let indent = if lead_width + 10 <= width {
        lead_width
    } else {
        let lead: String = line.lead.iter().map(|(_, s)| s.as_str()).collect();
        let tone = line.lead.first().map_or(Tone::Plain, |(tone, _)| *tone);
        rows.extend(
            wrap_words(lead.trim_end(), width).into_iter().filter(|r| !r.is_empty()).map(|r| vec![(tone, r)]),
        );
        0
    };
    for (n, piece) in wrap_words(&line.text, width - indent).into_iter().enumerate() {
        let mut row = match (n, indent) {
            (_, 0) => Vec::new(),
            (0, _) => line.lead.clone(),
            _ => vec![(Tone::Plain, " ".repeat(indent))],
        };
        row.push((line.tone, piece));
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LogEntry, LogKind};
    use crate::testing::Harness;

    #[test]
    fn words_wrap_at_spaces_and_long_words_where_the_row_ends() {}

    #[test]
    fn a_wrapped_value_stays_in_its_column() {
        let line = Line {
            lead: vec![(Tone::Label, "Owner   ".into())],
            text: "a b c d e f g h i j k l".into(),
            tone: Tone::Plain,
        };
        let rows = wrap_line(&line, 20);
        let text: Vec<String> = rows.iter().map(|r| r.iter().map(|(_, s)| s.as_str()).collect()).collect();
        assert_eq!(text, ["Owner   a b c d e f", "        g h i j k l"]);
    }

    #[test]
    fn the_last_row_is_the_oldest_log_line_however_much_wraps() {
        let mut app = Harness::with_titles(&["Långt"]);
        let i = &mut app.portfolio.initiatives[0];
        i.description = "Ett ord till. ".repeat(80);
        for n in 1..=12 {
            let text = format!("beslut {n}: {}", "motivering ".repeat(12));
            i.log.push(LogEntry {
                date: crate::testing::TODAY,
                kind: LogKind::Decision,
                text,
                decision: None,
                extra: crate::model::extras::Extra::default(),
            });
        }
        let rows = app.detail_rows(1, 78);
        let last: String = rows.last().expect("rows").iter().map(|(_, s)| s.as_str()).collect();
        assert!(last.trim_start().starts_with("motivering"), "{last}");
        assert!(rows.iter().all(|r| r.iter().map(|(_, s)| s.width()).sum::<usize>() <= 78));
        let first_log: String =
            rows.iter().rev().find(|r| r.len() == 3).map(|r| r[2].1.clone()).unwrap_or_default();
        assert!(first_log.starts_with("beslut 1:"), "the oldest entry comes last: {first_log}");
    }
}
