//! Pane 3: checklist runs (assessments) and their action plans.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState};

use super::theme::Theme;
use crate::app::App;
use crate::text::one_line;

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let p = &app.portfolio;
    let title = app.lang.tf("culture.title", &[("count", &p.assessments.len())]);
    let block = Block::bordered()
        .title(Span::styled(format!(" {title} "), theme.heading()))
        .border_style(theme.border());
    if p.assessments.is_empty() {
        let lines = vec![Line::styled(app.lang.t("culture.empty"), theme.dim())];
        frame.render_widget(Paragraph::new(lines).block(block), area);
        return;
    }
    let t = |k: &str| app.lang.t(k);
    let header =
        Row::new(vec![t("column.date"), t("column.template"), t("column.scope"), t("column.answered")])
            .style(theme.heading());
    let rows = p.assessments.iter().map(|a| {
        let template = p.template(&a.template, a.template_version);
        let name = template.map_or_else(|| a.template.clone(), |t| t.name.get(app.lang.code()).to_owned());
        let total = template.map_or(0, |t| t.items.len() * t.perspectives.len().max(1));
        let answered = a.answers.iter().filter(|x| x.score.is_some()).count();
        Row::new(vec![
            a.date.to_string(),
            one_line(&name).into_owned(),
            one_line(&a.scope).into_owned(),
            format!("{answered}/{total}"),
        ])
    });
    let widths = [Constraint::Length(10), Constraint::Fill(2), Constraint::Fill(1), Constraint::Length(9)];
    let table = Table::new(rows, widths).header(header).block(block).row_highlight_style(theme.selected());
    let mut state = TableState::default().with_selected(Some(app.culture_selected));
    frame.render_stateful_widget(table, area, &mut state);
}
