//! The organisation profile editor: name, vision and mission, then the goals with how many
//! active initiatives serve each, the units and the people.
//!
//! ```text
//! ┌ Organisation profile ──────────────────────────────────────────┐
//! │ Name         Sjöbacka kommun                                   │
//! │ Vision       Ett Sjöbacka där alla …                           │
//! │ Goals                                          active  M A E Ad│
//! │   1. Trygg och värdig äldreomsorg                  4   1 0 2 1 │
//! │   + add a goal                                                 │
//! │ Units …   People …                                             │
//! └────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::{App, ProfileEditor, ProfileRow};
use crate::coverage::coverage;
use crate::text::{fold, one_line};

/// What the status-line prompt calls a row while it is edited.
pub fn row_label(app: &App, row: ProfileRow) -> &'static str {
    app.lang.t(match row {
        ProfileRow::Name => "profile.name",
        ProfileRow::Vision => "profile.vision",
        ProfileRow::Mission => "profile.mission",
        ProfileRow::Currency => "profile.currency",
        ProfileRow::Goal(_) | ProfileRow::AddGoal => "profile.goal",
        ProfileRow::Unit(_) | ProfileRow::AddUnit => "profile.unit",
        ProfileRow::Person(_) | ProfileRow::AddPerson => "profile.person",
    })
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, editor: &ProfileEditor, theme: &Theme) {
    let inner =
        super::dialog::framed(frame, area, app.lang.t("profile.title"), app.lang.t("profile.hint"), theme);
    // One column goes to the selection mark.
    let width = usize::from(inner.width.saturating_sub(1));
    let org = &app.portfolio.organisation;
    let cov = coverage(&app.portfolio);
    let rows = ProfileRow::all(org);
    // The label column fits the longest label ("Samfunnsoppdrag") and one space, so a label
    // never runs into its value; the value ends in `…` when it is longer than the line.
    let label_width = ["profile.name", "profile.vision", "profile.mission"]
        .iter()
        .map(|k| unicode_width::UnicodeWidthStr::width(app.lang.t(k)))
        .max()
        .unwrap_or(0)
        .max(12)
        + 1;
    let label = |key: &str| format!("{:<label_width$}", app.lang.t(key));
    let value_width = width.saturating_sub(label_width);
    let mut items = Vec::with_capacity(rows.len() + 3);
    let mut selected_item = 0;
    for (ix, row) in rows.iter().enumerate() {
        // Section headings are not rows, so they are added before the first row of a section.
        let heading = match row {
            ProfileRow::Goal(0) | ProfileRow::AddGoal
                if !matches!(rows.get(ix.wrapping_sub(1)), Some(ProfileRow::Goal(_))) =>
            {
                Some(app.lang.t("profile.goals_heading"))
            }
            ProfileRow::Unit(0) | ProfileRow::AddUnit
                if !matches!(rows.get(ix.wrapping_sub(1)), Some(ProfileRow::Unit(_))) =>
            {
                Some(app.lang.t("profile.units_heading"))
            }
            ProfileRow::Person(0) | ProfileRow::AddPerson
                if !matches!(rows.get(ix.wrapping_sub(1)), Some(ProfileRow::Person(_))) =>
            {
                Some(app.lang.t("profile.people_heading"))
            }
            ProfileRow::Currency => Some(app.lang.t("profile.money_heading")),
            _ => None,
        };
        if let Some(h) = heading {
            items.push(ListItem::new(Line::styled(theme.truncate(h, width), theme.heading())));
        }
        if ix == editor.selected {
            selected_item = items.len();
        }
        let empty = || app.lang.t("profile.empty").to_owned();
        let text_or_empty =
            |s: &str| if s.trim().is_empty() { empty() } else { theme.truncate(&one_line(s), value_width) };
        let line = match row {
            ProfileRow::Name => Line::from(vec![
                Span::styled(label("profile.name"), theme.dim()),
                Span::raw(text_or_empty(&org.name)),
            ]),
            ProfileRow::Vision => Line::from(vec![
                Span::styled(label("profile.vision"), theme.dim()),
                Span::raw(text_or_empty(&org.vision)),
            ]),
            ProfileRow::Mission => Line::from(vec![
                Span::styled(label("profile.mission"), theme.dim()),
                Span::raw(text_or_empty(&org.mission)),
            ]),
            ProfileRow::Currency => Line::from(vec![
                Span::styled(label("profile.currency"), theme.dim()),
                Span::raw(
                    org.currency.map_or_else(|| app.lang.t("profile.currency_none"), |c| c.code()).to_owned(),
                ),
            ]),
            ProfileRow::Goal(g) => {
                let goal = &org.goals[*g];
                let per_facet = cov.goals.iter().find(|c| c.id == goal.id).map_or([0; 6], |c| c.per_facet);
                let served: usize = per_facet.iter().sum();
                let mut text = format!("  {}. {}", goal.id, one_line(&goal.title));
                if goal.retired {
                    text = format!("{text} ({})", app.lang.t("profile.retired"));
                }
                let count = if served == 0 {
                    app.lang.t("profile.serving_none").to_owned()
                } else {
                    let mut facets: Vec<String> = crate::model::Facet::GRID
                        .iter()
                        .enumerate()
                        .map(|(ix, f)| {
                            format!("{}{}", app.lang.t(&format!("facet_abbr.{}", f.key())), per_facet[ix])
                        })
                        .collect();
                    facets.push(format!("{}{}", app.lang.t("facet_abbr.mixed"), per_facet[4] + per_facet[5]));
                    format!("{}  {}", app.lang.tf("profile.serving", &[("count", &served)]), facets.join(" "))
                };
                let room = width.saturating_sub(unicode_width::UnicodeWidthStr::width(count.as_str()) + 1);
                let shown = theme.truncate(&text, room);
                let pad = room.saturating_sub(unicode_width::UnicodeWidthStr::width(shown.as_str()));
                let style = if served == 0 && !goal.retired { theme.warning() } else { Style::new() };
                Line::from(vec![Span::raw(shown), Span::raw(" ".repeat(pad + 1)), Span::styled(count, style)])
            }
            ProfileRow::Unit(u) => {
                let unit = &org.units[*u];
                let used =
                    app.portfolio.initiatives.iter().filter(|i| fold(&i.unit) == fold(&unit.name)).count();
                let mut text = format!("  {}", one_line(&unit.name));
                if unit.retired {
                    text = format!("{text} ({})", app.lang.t("profile.retired"));
                }
                let count = app.lang.tn("profile.used_by", used, &[]);
                let room = width.saturating_sub(unicode_width::UnicodeWidthStr::width(count.as_str()) + 1);
                let shown = theme.truncate(&text, room);
                let pad = room.saturating_sub(unicode_width::UnicodeWidthStr::width(shown.as_str()));
                Line::from(vec![
                    Span::raw(shown),
                    Span::raw(" ".repeat(pad + 1)),
                    Span::styled(count, theme.dim()),
                ])
            }
            ProfileRow::Person(p) => Line::raw(format!("  {}", one_line(&org.people[*p]))),
            ProfileRow::AddGoal => {
                Line::styled(format!("  + {}", app.lang.t("profile.add_goal")), theme.dim())
            }
            ProfileRow::AddUnit => {
                Line::styled(format!("  + {}", app.lang.t("profile.add_unit")), theme.dim())
            }
            ProfileRow::AddPerson => {
                Line::styled(format!("  + {}", app.lang.t("profile.add_person")), theme.dim())
            }
        };
        items.push(ListItem::new(line));
        if *row == ProfileRow::AddGoal && cov.unlinked > 0 {
            let text = app.lang.tn("profile.unlinked", cov.unlinked, &[("active", &cov.active)]);
            items.push(ListItem::new(Line::styled(
                format!("  {}", theme.truncate(&text, width.saturating_sub(2))),
                theme.warning(),
            )));
        }
    }
    // Long vision and mission texts are read in full below the list, wrapped.
    let long_text = match editor.row(org) {
        ProfileRow::Vision => Some(&org.vision),
        ProfileRow::Mission => Some(&org.mission),
        _ => None,
    }
    .filter(|t| unicode_width::UnicodeWidthStr::width(t.as_str()) > width.saturating_sub(14));
    let list_area = if let Some(text) = long_text {
        let [list, preview] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(7.min(inner.height / 2))]).areas(inner);
        let block = Block::new()
            .borders(Borders::TOP)
            .border_set(theme.symbols().border)
            .border_style(theme.border());
        let paragraph =
            Paragraph::new(crate::text::multi_line(text).into_owned()).block(block).wrap(Wrap { trim: true });
        frame.render_widget(paragraph, preview);
        list
    } else {
        inner
    };
    let offset = crate::layout::scroll(0, selected_item, items.len(), usize::from(list_area.height));
    let mut state = ListState::default().with_offset(offset).with_selected(Some(selected_item));
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol(theme.symbols().selected)
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always);
    frame.render_stateful_widget(list, list_area, &mut state);
}
