//! Pane 2: the initiative register as a table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState};

use super::theme::Theme;
use crate::app::App;
use crate::text::one_line;

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let ids = app.visible_initiatives();
    let title = app.lang.tf("initiatives.title", &[("count", &ids.len())]);
    let block = Block::bordered().title(Span::styled(format!(" {title} "), theme.heading())).border_style(theme.border());
    if ids.is_empty() {
        let lines = vec![Line::styled(app.lang.t("initiatives.empty"), theme.dim())];
        frame.render_widget(Paragraph::new(lines).block(block), area);
        return;
    }
    let t = |k: &str| app.lang.t(k);
    let header = Row::new(vec![
        t("column.number"),
        t("column.title"),
        t("column.facet"),
        t("column.stage"),
        t("column.status"),
        t("column.follow_up"),
    ])
    .style(theme.heading());
    let rows = ids.iter().filter_map(|id| app.portfolio.initiative(*id)).map(|i| {
        let follow_up = i.follow_up.map(|d| d.to_string()).unwrap_or_default();
        let overdue = i.is_overdue(app.today);
        Row::new(vec![
            Line::raw(format!("#{}", i.id)),
            Line::raw(one_line(&i.title).into_owned()),
            Line::raw(t(&format!("facet_short.{}", i.facet.key()))),
            Line::raw(t(&format!("stage.{}", i.stage.key()))),
            Line::raw(t(&format!("status.{}", i.status.key()))),
            Line::styled(follow_up, if overdue { theme.error() } else { theme.dim() }),
        ])
    });
    let widths = [
        Constraint::Length(5),
        Constraint::Fill(1),
        Constraint::Length(12),
        Constraint::Length(14),
        Constraint::Length(9),
        Constraint::Length(10),
    ];
    let table = Table::new(rows, widths).header(header).block(block).row_highlight_style(theme.selected());
    let mut state = TableState::default().with_selected(Some(app.initiatives_selected));
    frame.render_stateful_widget(table, area, &mut state);
}
