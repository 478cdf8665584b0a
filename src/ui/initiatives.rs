//! Pane 2: the initiative register as a table. Only the rows on screen are built, so a
//! register of 100,000 costs no more per frame than one of 20.
//!
//! ```text
//! ┌ Initiatives 12 of 25 · 1 idea waiting (i) ──────────────── sorted by number ┐
//! │Filter: Adaptive · “aldre”                                        F clears   │  (when filtered)
//! │No.  Title                 Facet       Stage          Follow-up   Status     │
//! │#12  Äldreomsorg med …     Adaptive    4 Implementing !2026-11-01 Active     │
//! └─────────────────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, TableState};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::App;
use crate::layout::{self, Register};
use crate::model::keyed_enum;
use crate::model::{Initiative, Status};
use crate::text::one_line;

keyed_enum! {
    /// Columns after number and title, in the order shown; the least important are dropped
    /// when the terminal is narrow ([`Column::BY_PRIORITY`]). A key is the catalog key of the
    /// column's header.
    #[derive(PartialOrd, Ord)]
    enum Column {
        Facet = "column.facet",
        Stage = "column.stage",
        FollowUp = "column.follow_up",
        Status = "column.status",
        Owner = "column.owner",
        Unit = "column.unit",
        Track = "column.track",
    }
}

impl Column {
    /// Most important first: the facet, then the follow-up date, whose `!` says what is
    /// overdue (kept down to 60 columns), then the stage.
    const BY_PRIORITY: [Column; 7] = [
        Column::Facet,
        Column::FollowUp,
        Column::Stage,
        Column::Status,
        Column::Owner,
        Column::Unit,
        Column::Track,
    ];

    fn width(self) -> u16 {
        match self {
            Column::Facet => 12,
            Column::Stage => 14,
            Column::FollowUp => 11,
            Column::Status => 9,
            Column::Owner | Column::Unit => 15,
            Column::Track => 8,
        }
    }
}

const NUMBER_WIDTH: u16 = 6;
const MIN_TITLE_WIDTH: u16 = 25;

/// The most important columns that fit in `width`, keeping the title at least
/// `MIN_TITLE_WIDTH` wide, in the order shown.
fn columns(width: u16) -> Vec<Column> {
    let mut used = NUMBER_WIDTH + 1 + MIN_TITLE_WIDTH;
    let mut shown = Vec::new();
    for column in Column::BY_PRIORITY {
        if used + 1 + column.width() > width {
            break;
        }
        used += 1 + column.width();
        shown.push(column);
    }
    shown.sort_unstable();
    shown
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let total = app.register_total();
    let mut title = if app.filter.is_empty() {
        app.lang.tf("initiatives.title", &[("count", &app.register.view.len())])
    } else {
        app.lang.tf("initiatives.title_filtered", &[("shown", &app.register.view.len()), ("total", &total)])
    };
    if app.register.show_archived {
        title = format!("{title} {} {}", theme.symbols().separator, app.lang.t("initiatives.with_archived"));
    }
    let sort = app.lang.tf("initiatives.sorted_by", &[("order", &app.lang.t(app.register.sort.key()))]);
    // Ideas waiting are not in the register; say how many there are and where they are,
    // where the title has room beside the sort order.
    if app.grid.ideas_waiting > 0 {
        let waiting = app.lang.tn("initiatives.ideas_waiting", app.grid.ideas_waiting, &[]);
        let longer = format!("{title} {} {waiting}", theme.symbols().separator);
        if longer.width() + sort.width() + 6 <= usize::from(area.width) {
            title = longer;
        }
    }
    let block = theme
        .bordered()
        .title(Span::styled(format!(" {title} "), theme.heading()))
        .title_top(Line::styled(format!(" {sort} "), theme.dim()).right_aligned())
        .border_style(theme.border());
    frame.render_widget(block, area);
    let layout = Register::new(area, !app.filter.is_empty());
    let table_area = layout.table;
    if let Some(area) = layout.filter {
        let text = super::filter_summary(app, theme);
        frame.render_widget(
            Line::styled(theme.truncate(&text, usize::from(area.width)), theme.warning()),
            area,
        );
    }
    if app.register.view.is_empty() {
        let key =
            if app.portfolio.initiatives.is_empty() { "initiatives.empty" } else { "initiatives.none_match" };
        frame.render_widget(Paragraph::new(Line::styled(app.lang.t(key), theme.dim())), table_area);
        return;
    }
    // One column goes to the selection mark.
    let width = table_area.width.saturating_sub(1);
    let cols = columns(width);
    let title_width = usize::from(width.saturating_sub(NUMBER_WIDTH + 1))
        .saturating_sub(cols.iter().map(|c| usize::from(c.width()) + 1).sum());
    let mut columns =
        vec![("column.number", Constraint::Length(NUMBER_WIDTH)), ("column.title", Constraint::Fill(1))];
    columns.extend(cols.iter().map(|c| (c.key(), Constraint::Length(c.width()))));
    let rows_on_screen = layout.rows();
    // The app keeps the offset for its own size; the same rule keeps the selection on
    // screen should this frame be a different size.
    let offset =
        layout::scroll(app.register.offset, app.register.selected, app.register.view.len(), rows_on_screen);
    let rows = app
        .register
        .view
        .iter()
        .skip(offset)
        .take(rows_on_screen)
        .filter_map(|id| app.portfolio.initiative(*id))
        .map(|i| row(app, i, &cols, title_width, theme));
    let table = super::marked_table(app, &columns, rows, theme);
    let mut state = TableState::default().with_selected(Some(app.register.selected.saturating_sub(offset)));
    frame.render_stateful_widget(table, table_area, &mut state);
}

fn row<'a>(app: &'a App, i: &'a Initiative, cols: &[Column], title_width: usize, theme: &Theme) -> Row<'a> {
    let t = |k: &str| app.lang.t(k);
    // A status other than active shows as a mark beside the number, so it is visible even
    // when the status column does not fit.
    let symbols = theme.symbols();
    let mark = match (i.archived, i.status) {
        (true, _) => symbols.archived,
        (false, Status::Active) => "",
        (false, Status::Paused) => symbols.paused,
        (false, Status::Stopped) => symbols.stopped,
        (false, Status::Completed) => symbols.completed,
    };
    let number = format!("#{}{mark}", i.id);
    let mut cells = vec![Line::raw(number), Line::raw(theme.truncate(&one_line(&i.title), title_width))];
    for col in cols {
        cells.push(match col {
            Column::Facet => Line::raw(t(&format!("facet_short.{}", i.facet.key()))),
            Column::Stage => Line::raw(t(&format!("stage_short.{}", i.stage.key()))),
            Column::FollowUp => match i.follow_up {
                Some(d) if i.is_overdue(app.today) => {
                    Line::styled(format!("{}{}", symbols.overdue, app.lang.date(d)), theme.overdue())
                }
                Some(d) => Line::raw(format!(" {}", app.lang.date(d))),
                None => Line::raw(""),
            },
            Column::Status => Line::raw(t(&format!("status.{}", i.status.key()))),
            Column::Owner => Line::raw(one_line(&i.owner).into_owned()),
            Column::Unit => Line::raw(one_line(&i.unit).into_owned()),
            Column::Track => Line::raw(i.track.map_or("", |tr| t(&format!("track.{}", tr.key())))),
        });
    }
    Row::new(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_terminals_drop_low_priority_columns_first() {
        assert_eq!(columns(78).len(), 3, "80 columns: facet, stage, follow-up");
        assert_eq!(columns(118).len(), 6, "120 columns: all but the track");
        assert_eq!(columns(158).len(), 7, "160 columns: everything");
        assert!(columns(30).is_empty());
    }
}
