//! The placement questions over the grid: the two OPSI questions, the chosen answers and
//! where they place the initiative — for a facet, with the pole it stands for.
//!
//! ```text
//! ┌ Place #3 Fossilfria kommunala transporter 2030 ──────────┐
//! │ Primarily created to …                                   │
//! │  ( ) 1 improve existing services                         │
//! │  (•) 2 reach an overarching goal                         │
//! │  …                                                       │
//! │ Mainly pushed by …                                       │
//! │  (•) a leaders want results                              │
//! │  …                                                       │
//! │ → Mission-oriented                                       │
//! │   ↖ directed — from the top, towards a goal someone set  │
//! │   Enter moves it there and keeps both answers.           │
//! │ ↑↓ question · ←→ 1–4 a–d answer · Enter accepts · Esc …  │
//! └──────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::dialog::centred;
use super::theme::Theme;
use crate::app::{App, PlacementDialog};
use crate::model::{CreatedTo, PushedBy};
use crate::placement::{Placed, Pole};
use crate::text::one_line;

pub fn render(app: &App, frame: &mut Frame, area: Rect, dialog: &PlacementDialog, theme: &Theme) {
    let t = |key: &str| app.lang.t(key);
    let rect = centred(area, 76, 16);
    let inner = usize::from(rect.width.saturating_sub(2));
    let title =
        app.portfolio.initiative(dialog.id).map(|i| one_line(&i.title).into_owned()).unwrap_or_default();
    let title = app.lang.tf("placement.title", &[("id", &dialog.id), ("title", &title)]);
    let heading = |key: &str, focused: bool| {
        let style = if focused { theme.selected() } else { theme.heading() };
        Line::styled(theme.truncate(t(key), inner), style)
    };
    let option = |mark: String, text: String, chosen: bool| {
        let (on, off) = theme.symbols().radio;
        let radio = if chosen { on } else { off };
        let style = if chosen { theme.key() } else { ratatui::style::Style::new() };
        Line::from(vec![
            Span::styled(format!(" {radio} {mark} "), style),
            Span::styled(theme.truncate(&text, inner.saturating_sub(8)), style),
        ])
    };
    let mut lines = vec![heading("placement.created_to", dialog.question == 0)];
    for answer in CreatedTo::ALL {
        let text = t(&format!("created_to.{}", answer.key())).to_owned();
        lines.push(option(answer.mark().to_owned(), text, dialog.created_to == Some(answer)));
    }
    lines.push(heading("placement.pushed_by", dialog.question == 1));
    for answer in PushedBy::ALL {
        let text = t(&format!("pushed_by.{}", answer.key())).to_owned();
        lines.push(option(answer.mark().to_owned(), text, dialog.pushed_by == Some(answer)));
    }
    let facet_name = |f: crate::model::Facet| t(&format!("facet.{}", f.key()));
    let result = match dialog.placed() {
        None => Line::styled(theme.truncate(t("placement.unanswered"), inner), theme.dim()),
        Some(Placed::Facet(f)) => {
            Line::styled(app.lang.tf("placement.result_facet", &[("facet", &facet_name(f))]), theme.heading())
        }
        Some(Placed::ChangeType(change)) => {
            let (a, b) = change.between();
            let text = app.lang.tf(
                "placement.result_change",
                &[
                    ("change", &t(&format!("change_type.{}", change.key()))),
                    ("a", &t(&format!("balance.facet.{}", a.key()))),
                    ("b", &t(&format!("balance.facet.{}", b.key()))),
                ],
            );
            Line::styled(theme.truncate(&text, inner), theme.heading())
        }
        Some(Placed::Mixed) => {
            Line::styled(theme.truncate(t("placement.result_mixed"), inner), theme.heading())
        }
    };
    lines.push(result);
    lines.push(match dialog.placed() {
        Some(Placed::Facet(f)) => Pole::of(f).map_or_else(
            || Line::raw(""),
            |pole| {
                let arrow = theme.symbols().pole(pole);
                let text = format!("  {arrow} {}", t(&format!("pole.{}_long", pole.key())));
                Line::styled(theme.truncate(&text, inner), theme.key())
            },
        ),
        _ => Line::raw(""),
    });
    lines.push(match dialog.placed() {
        None => Line::raw(""),
        Some(Placed::Facet(_)) => {
            Line::styled(theme.truncate(t("placement.stored_as_facet"), inner), theme.dim())
        }
        Some(_) => Line::styled(theme.truncate(t("placement.stored_as_mixed"), inner), theme.dim()),
    });
    lines.push(Line::styled(theme.truncate(t("placement.keys"), inner), theme.dim()));
    let block = theme
        .bordered()
        .title(Span::styled(theme.truncate(&format!(" {title} "), inner), theme.heading()))
        .border_style(theme.border_focused());
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
