//! Pane 1: the four-facet grid, with mixed and unplaced initiatives in a strip below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState};

use super::theme::{Theme, truncate};
use crate::app::{App, Mode};
use crate::model::Facet;
use crate::text::one_line;

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let [grid, strip] = Layout::vertical([Constraint::Fill(1), Constraint::Length(5)]).areas(area);
    let [top, bottom] = Layout::vertical([Constraint::Fill(1); 2]).areas(grid);
    let [tl, tr] = Layout::horizontal([Constraint::Fill(1); 2]).areas(top);
    let [bl, br] = Layout::horizontal([Constraint::Fill(1); 2]).areas(bottom);
    let active_total = app.portfolio.initiatives.iter().filter(|i| i.is_active()).count();
    for (cell, rect) in [tl, tr, bl, br].into_iter().enumerate() {
        let facet = Facet::GRID[cell];
        let active = app.portfolio.initiatives.iter().filter(|i| i.is_active() && i.facet == facet).count();
        let share = (active * 100 + active_total / 2).checked_div(active_total).unwrap_or(0);
        let title = format!(" {} · {active} ({share} %) ", app.lang.t(&format!("facet.{}", facet.key())));
        render_cell(app, frame, rect, cell, title, theme);
    }
    let title = format!(" {} ", app.lang.t("portfolio.strip"));
    render_cell(app, frame, strip, 4, title, theme);
}

fn render_cell(app: &App, frame: &mut Frame, area: Rect, cell: usize, title: String, theme: &Theme) {
    let focused = app.grid.cell == cell && matches!(app.mode, Mode::Normal);
    let block = Block::bordered()
        .title(Span::styled(title, if focused { theme.heading() } else { theme.dim() }))
        .border_style(if focused { theme.border_focused() } else { theme.border() });
    let inner_width = usize::from(area.width.saturating_sub(2));
    let ids = app.grid_cell_ids(cell);
    if ids.is_empty() {
        let line = Line::styled(truncate(app.lang.t("portfolio.cell_empty"), inner_width), theme.dim());
        frame.render_widget(ratatui::widgets::Paragraph::new(line).block(block), area);
        return;
    }
    let items: Vec<ListItem> = ids
        .iter()
        .filter_map(|id| app.portfolio.initiative(*id))
        .map(|i| {
            let number = format!("#{:<3} ", i.id);
            let marker = format!(" {}", i.stage.number());
            let room = inner_width.saturating_sub(number.len() + marker.len());
            let title = truncate(&one_line(&i.title), room);
            let pad = room.saturating_sub(unicode_width::UnicodeWidthStr::width(title.as_str()));
            ListItem::new(Line::from(vec![
                Span::styled(number, theme.dim()),
                Span::raw(title),
                Span::raw(" ".repeat(pad)),
                Span::styled(marker, theme.dim()),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(focused.then_some(app.grid.rows[cell]));
    let list = List::new(items).block(block).highlight_style(theme.selected());
    frame.render_stateful_widget(list, area, &mut state);
}
