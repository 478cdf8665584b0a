//! An initiative's detail: every field, then the log newest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::App;
use crate::model::{Id, Initiative};
use crate::text::{multi_line, one_line};

pub fn render(app: &App, frame: &mut Frame, area: Rect, id: Id, scroll: u16, theme: &Theme) {
    frame.render_widget(Clear, area);
    let Some(i) = app.portfolio.initiative(id) else {
        let block = Block::bordered().border_style(theme.border());
        frame.render_widget(Paragraph::new(app.lang.t("detail.gone")).block(block), area);
        return;
    };
    let title = format!(" #{} {} ", i.id, one_line(&i.title));
    let block = Block::bordered()
        .title(Span::styled(
            super::theme::truncate(&title, usize::from(area.width.saturating_sub(4))),
            theme.heading(),
        ))
        .border_style(theme.border_focused());
    let lines = lines(app, i, theme);
    let max = (lines.len() as u16).saturating_sub(area.height.saturating_sub(2));
    let paragraph =
        Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((scroll.min(max), 0));
    frame.render_widget(paragraph, area);
}

fn lines<'a>(app: &'a App, i: &'a Initiative, theme: &Theme) -> Vec<Line<'a>> {
    let t = |k: &str| app.lang.t(k);
    let mut out = Vec::new();
    let field = |label: &str, value: String| {
        let value = if value.trim().is_empty() { "—".to_owned() } else { value };
        Line::from(vec![Span::styled(format!("{:<22}", t(label)), theme.dim()), Span::raw(value)])
    };
    let list = |keys: Vec<String>| keys.iter().map(|k| t(k)).collect::<Vec<_>>().join(", ");
    let date = |d: Option<jiff::civil::Date>| d.map_or_else(|| "—".into(), |d| d.to_string());
    let facet = t(&format!("facet.{}", i.facet.key())).to_owned();
    out.push(field("field.facet", facet));
    out.push(field(
        "field.stage",
        format!("{} {}", i.stage.number(), t(&format!("stage.{}", i.stage.key()))),
    ));
    out.push(field("field.status", t(&format!("status.{}", i.status.key())).to_owned()));
    out.push(field("field.track", i.track.map_or("—", |tr| t(&format!("track.{}", tr.key()))).to_owned()));
    out.push(field("field.priority", t(&format!("priority.{}", i.priority.key())).to_owned()));
    out.push(field("field.owner", one_line(&i.owner).into_owned()));
    out.push(field("field.unit", one_line(&i.unit).into_owned()));
    out.push(field("field.partners", one_line(&i.partners.join(", ")).into_owned()));
    let goals = i
        .goals
        .iter()
        .map(|id| match app.portfolio.organisation.goal(*id) {
            Some(g) => format!("{}. {}", g.id, one_line(&g.title)),
            None => app.lang.tf("detail.goal_missing", &[("id", id)]),
        })
        .collect::<Vec<_>>()
        .join("; ");
    out.push(field("field.goals", goals));
    out.push(field(
        "field.need_sources",
        list(i.need_sources.iter().map(|s| format!("need_source.{}", s.key())).collect()),
    ));
    out.push(field(
        "field.relieves",
        list(i.relieves.iter().map(|p| format!("pressure.{}", p.key())).collect()),
    ));
    out.push(field("field.start", date(i.start)));
    let mut follow_up = date(i.follow_up);
    if i.is_overdue(app.today) {
        follow_up = format!("{follow_up}  ({})", t("detail.overdue"));
    }
    out.push(field("field.follow_up", follow_up));
    out.push(field("field.end", date(i.end)));
    out.push(field("field.tags", one_line(&i.tags.join(", ")).into_owned()));
    if let Some(p) = &i.placement {
        let answer = format!(
            "{} / {}",
            t(&format!("created_to.{}", p.created_to.key())),
            t(&format!("pushed_by.{}", p.pushed_by.key()))
        );
        out.push(field("field.placement", answer));
    }
    if i.archived {
        out.push(Line::styled(t("detail.archived"), theme.warning()));
    }
    for (label, text) in [("field.description", &i.description), ("field.need", &i.need)] {
        out.push(Line::raw(""));
        out.push(Line::styled(t(label), theme.heading()));
        if text.trim().is_empty() {
            out.push(Line::styled("—", theme.dim()));
        }
        out.extend(multi_line(text).lines().map(|l| Line::raw(l.to_owned())));
    }
    out.extend(super::benefits::detail_lines(app, i, theme));
    out.push(Line::raw(""));
    out.push(Line::styled(app.lang.tf("detail.log", &[("count", &i.log.len())]), theme.heading()));
    if i.log.is_empty() {
        out.push(Line::styled(t("detail.log_empty"), theme.dim()));
    }
    for entry in i.log.iter().rev() {
        out.push(Line::from(vec![
            Span::styled(format!("{}  ", entry.date), theme.dim()),
            Span::styled(format!("{:<10}", t(&format!("log_kind.{}", entry.kind.key()))), theme.key()),
            Span::raw(one_line(&entry.text).into_owned()),
        ]));
    }
    out
}
