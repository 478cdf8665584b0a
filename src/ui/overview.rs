//! Pane 4: the portfolio at a glance — facets, stages and statuses counted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::theme::Theme;
use crate::app::App;
use crate::model::{Facet, Stage, Status};

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let block = Block::bordered()
        .title(Span::styled(format!(" {} ", app.lang.t("overview.title")), theme.heading()))
        .border_style(theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [left, middle, right] = Layout::horizontal([Constraint::Fill(1); 3]).spacing(1).areas(inner);
    let live: Vec<_> = app.portfolio.initiatives.iter().filter(|i| !i.archived).collect();
    let count_line =
        |label: &str, n: usize| Line::from(vec![Span::raw(format!("{n:>4}  ")), Span::raw(label.to_owned())]);

    let mut facets = vec![Line::styled(app.lang.t("overview.by_facet"), theme.heading())];
    facets.extend(Facet::ALL.iter().map(|f| {
        count_line(
            app.lang.t(&format!("facet.{}", f.key())),
            live.iter().filter(|i| i.is_active() && i.facet == *f).count(),
        )
    }));
    let mut stages = vec![Line::styled(app.lang.t("overview.by_stage"), theme.heading())];
    stages.extend(Stage::ALL.iter().map(|s| {
        count_line(app.lang.t(&format!("stage.{}", s.key())), live.iter().filter(|i| i.stage == *s).count())
    }));
    let mut statuses = vec![Line::styled(app.lang.t("overview.by_status"), theme.heading())];
    statuses.extend(Status::ALL.iter().map(|s| {
        count_line(app.lang.t(&format!("status.{}", s.key())), live.iter().filter(|i| i.status == *s).count())
    }));
    frame.render_widget(Paragraph::new(facets), left);
    frame.render_widget(Paragraph::new(stages), middle);
    frame.render_widget(Paragraph::new(statuses), right);
}
