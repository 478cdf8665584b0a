//! Drawing. Everything here only reads the [`App`].
//!
//! ```text
//! ┌──────────────────────────────────────────────────────────────────────────────┐
//! │ fasett  1 Portfolio  2 Initiatives  3 Culture  4 Overview   Organisation name │ tabs
//! │┌────────────────────────────────────────────────────────────────────────────┐│
//! ││                                                                            ││
//! ││                     the active pane (ui/<pane>.rs)                         ││ body
//! ││                                                                            ││
//! │└────────────────────────────────────────────────────────────────────────────┘│
//! │ Saved                                                                        │ status
//! │ j move  u undo  : command  ? help  q quit                                    │ footer
//! └──────────────────────────────────────────────────────────────────────────────┘
//! ```
//! Overlays (help) are drawn last, over the body.

mod benefits;
mod culture;
mod detail;
mod dialog;
mod editor;
mod field;
mod help;
mod initiatives;
mod overview;
mod placement;
mod portfolio;
mod profile;
pub mod theme;
mod welcome;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, TableState, Wrap};

use crate::action::Pane;
use crate::app::{App, Confirm, MIN_HEIGHT, MIN_WIDTH, Mode};
use crate::keymap;
use crate::layout::Screen;
use crate::text::one_line;
use theme::Theme;

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme::new(app.no_color);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(app, frame, area, &theme);
        return;
    }
    let problem = app.problem();
    let Screen { tabs, banner, body, status, footer } = Screen::new(area, problem.as_deref());
    draw_tabs(app, frame, tabs, &theme);
    if let Some(problem) = problem {
        let text = crate::text::multi_line(&problem).into_owned();
        let block = ratatui::widgets::Block::bordered()
            .title(Span::styled(format!(" {} ", app.lang.t("screen.problem_title")), theme.error()))
            .border_style(theme.error());
        frame.render_widget(Paragraph::new(text).block(block).wrap(Wrap { trim: false }), banner);
    }
    match app.pane {
        // The benefits view covers the whole body; the pane beneath would only cost time.
        _ if matches!(app.mode, Mode::Benefits(_)) => {}
        _ if welcome::shows(app) && app.pane != Pane::Culture => welcome::render(app, frame, body, &theme),
        Pane::Portfolio => portfolio::render(app, frame, body, &theme),
        Pane::Initiatives => initiatives::render(app, frame, body, &theme),
        Pane::Culture => culture::render(app, frame, body, &theme),
        Pane::Overview => overview::render(app, frame, body, &theme),
    }
    draw_status(app, frame, status, &theme);
    draw_footer(app, frame, footer, &theme);
    match &app.mode {
        Mode::Help { scroll, back } => help::render(app, frame, body, back, *scroll, &theme),
        Mode::Detail { id, scroll } => detail::render(app, frame, body, *id, *scroll, &theme),
        Mode::Form(form) => {
            editor::render(app, frame, body, form, &theme);
            if form.confirm_discard {
                dialog::question(
                    frame,
                    body,
                    app.lang.t("dialog.discard_title"),
                    app.lang.t("dialog.discard_text"),
                    app.lang.t("dialog.discard_keys"),
                    &theme,
                );
            }
        }
        Mode::Confirm(Confirm::Delete(id)) => {
            let title =
                app.portfolio.initiative(*id).map(|i| one_line(&i.title).into_owned()).unwrap_or_default();
            let text = app.lang.tf("dialog.delete_text", &[("id", id), ("title", &title)]);
            dialog::question(
                frame,
                body,
                app.lang.t("dialog.delete_title"),
                &text,
                app.lang.t("dialog.delete_keys"),
                &theme,
            );
        }
        Mode::FilterBar { row } => dialog::filter_bar(app, frame, body, *row, &theme),
        Mode::Profile(editor) => profile::render(app, frame, body, editor, &theme),
        Mode::Placement(dialog) => placement::render(app, frame, body, dialog, &theme),
        Mode::Culture(mode) => culture::render_mode(app, frame, body, mode, &theme),
        Mode::Recovery(found) => field::recovery(app, frame, body, found, &theme),
        Mode::External(change) => field::external(app, frame, body, change, &theme),
        Mode::Benefits(view) => benefits::render(app, frame, body, view, &theme),
        Mode::Normal | Mode::Command(_) | Mode::Search(_) | Mode::LogEntry { .. } => {}
    }
}

/// A table's state showing `selected` among `len` rows in `area` (one header row), scrolled
/// by the one rule of [`crate::layout::scroll`].
pub(crate) fn table_state(selected: usize, len: usize, area: Rect) -> TableState {
    let visible = usize::from(area.height.saturating_sub(1));
    TableState::default()
        .with_offset(crate::layout::scroll(0, selected, len, visible))
        .with_selected(Some(selected))
}

/// The active filter in words, for pane headers: "Filter: Adaptive · Implementing · “aldre”".
pub fn filter_summary(app: &App) -> String {
    let f = &app.filter;
    let t = |k: String| app.lang.t(&k).to_owned();
    let mut parts = Vec::new();
    parts.extend(f.facet.map(|x| t(format!("facet.{}", x.key()))));
    parts.extend(f.stage.map(|x| t(format!("stage.{}", x.key()))));
    parts.extend(f.status.map(|x| t(format!("status.{}", x.key()))));
    parts.extend(f.track.map(|x| t(format!("track.{}", x.key()))));
    parts.extend(f.unit.clone());
    parts.extend(f.tag.as_ref().map(|x| format!("#{x}")));
    if !f.text.trim().is_empty() {
        parts.push(format!("“{}”", f.text.trim()));
    }
    app.lang.tf("filter.summary", &[("filters", &one_line(&parts.join(" · ")))])
}

fn draw_too_small(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = app.lang.tf(
        "screen.too_small",
        &[
            ("width", &area.width),
            ("height", &area.height),
            ("min_width", &MIN_WIDTH),
            ("min_height", &MIN_HEIGHT),
        ],
    );
    let lines = vec![
        Line::styled(text, theme.warning()),
        Line::raw(""),
        Line::raw(app.lang.t("screen.too_small_quit")),
    ];
    let top = area.height.saturating_sub(3) / 2;
    let rect = Rect { y: area.y + top, height: area.height.saturating_sub(top), ..area };
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center).wrap(Wrap { trim: true }), rect);
}

fn draw_tabs(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut spans = vec![Span::styled(" fasett ", theme.brand()), Span::raw(" ")];
    for pane in Pane::ALL {
        let label = format!(" {} {} ", pane.index() + 1, app.lang.t(pane.title_key()));
        let style = if pane == app.pane { theme.tab_active() } else { theme.tab() };
        spans.push(Span::styled(label, style));
    }
    let used: usize = spans.iter().map(Span::width).sum();
    let mut room = usize::from(area.width).saturating_sub(used + 1);
    // The read-only badge matters more than the organisation's name, so it never gets cut.
    let badge = if app.is_read_only() {
        format!(" [{}]", app.lang.t("screen.read_only_badge"))
    } else {
        String::new()
    };
    room = room.saturating_sub(unicode_width::UnicodeWidthStr::width(badge.as_str()));
    let name = theme::truncate(&one_line(&app.portfolio.organisation.name), room);
    let pad = room.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()));
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(name, theme.dim()));
    spans.push(Span::styled(badge, theme.warning()));
    frame.render_widget(Line::from(spans), area);
}

/// A prompt and its text field on the status line, with the cursor placed in it.
fn prompt<'a>(
    frame: &mut Frame,
    area: Rect,
    prompt: String,
    input: &tui_input::Input,
    theme: &Theme,
) -> Line<'a> {
    let prompt_width = unicode_width::UnicodeWidthStr::width(prompt.as_str()) as u16;
    let width = usize::from(area.width.saturating_sub(prompt_width + 1));
    let scroll = input.visual_scroll(width);
    let shown: String = input.value().chars().skip(scroll).collect();
    let x = area.x + prompt_width + (input.visual_cursor().saturating_sub(scroll)) as u16;
    frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
    Line::from(vec![Span::styled(prompt, theme.key()), Span::raw(one_line(&shown).into_owned())])
}

fn draw_status(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let line = match &app.mode {
        Mode::Command(input) => prompt(frame, area, ":".into(), input, theme),
        Mode::Search(input) => {
            let label = app.lang.tf("search.prompt", &[("count", &app.register.view.len())]);
            prompt(frame, area, label, input, theme)
        }
        Mode::Profile(editor @ crate::app::ProfileEditor { editing: Some(input), .. }) => {
            let label = profile::row_label(app, editor.row(&app.portfolio.organisation));
            prompt(frame, area, format!("{label}: "), input, theme)
        }
        Mode::LogEntry { id, input, kind } => {
            let kind = app.lang.t(&format!("log_kind.{}", kind.key()));
            let label = app.lang.tf("log.prompt", &[("id", id), ("kind", &kind)]);
            prompt(frame, area, label, input, theme)
        }
        _ => match &app.status {
            Some(status) => {
                let style = if status.is_error { theme.error() } else { theme.info() };
                Line::styled(theme::truncate(&one_line(&status.text), usize::from(area.width)), style)
            }
            None => Line::raw(""),
        },
    };
    let used = line.width() as u16;
    let typing =
        matches!(app.mode, Mode::Command(_) | Mode::Search(_) | Mode::LogEntry { .. } | Mode::Profile(_));
    frame.render_widget(line, area);
    // The Culture pane keeps its follow-ups counted at the bottom right, beside any message.
    if app.pane == Pane::Culture && !typing {
        let counts = culture::follow_up_title(app, theme);
        let width = counts.width() as u16;
        if used + width < area.width {
            frame.render_widget(counts, Rect { x: area.right() - width, width, ..area });
        }
    }
}

fn draw_footer(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let hint = |binding: &keymap::Binding| {
        let key = binding.label.split(' ').next().unwrap_or(binding.label);
        (key, app.lang.t(binding.help))
    };
    let width = |(key, help): (&str, &str)| {
        unicode_width::UnicodeWidthStr::width(key) + unicode_width::UnicodeWidthStr::width(help) + 3
    };
    let hints: Vec<_> = keymap::effective(app.places()).into_iter().filter(|b| b.footer).map(hint).collect();
    // `? help` is always shown (docs/contracts.md); the other hints fill the room left of it.
    let (last, rest): (Vec<_>, Vec<_>) = hints.into_iter().partition(|(key, _)| matches!(*key, "?" | "F1"));
    let mut room = usize::from(area.width).saturating_sub(last.iter().copied().map(width).sum());
    let mut shown = Vec::new();
    for h in rest {
        if width(h) > room {
            continue;
        }
        room -= width(h);
        shown.push(h);
    }
    shown.extend(last);
    let spans: Vec<Span> = shown
        .into_iter()
        .flat_map(|(key, help)| {
            [Span::styled(format!(" {key}"), theme.key()), Span::styled(format!(" {help} "), theme.dim())]
        })
        .collect();
    frame.render_widget(Line::from(spans), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::model::{Facet, Initiative, Portfolio};
    use crate::testing::Harness;

    fn sample_app() -> Harness {
        let mut p = Portfolio::default();
        p.organisation.name = "Testby kommun".into();
        for (id, facet, title) in [
            (1, Facet::MissionOriented, "Fossilfri kommun 2030"),
            (2, Facet::Anticipatory, "Framtidsspaning: AI i handläggning"),
            (3, Facet::EnhancementOriented, "Digitala ansökningar om bygglov"),
            (4, Facet::Adaptive, "Hemtjänst när personalen inte räcker"),
            (5, Facet::Mixed, "Äldreomsorg med välfärdsteknik"),
        ] {
            p.initiatives.push(Initiative { id, facet, title: title.into(), ..Initiative::default() });
        }
        Harness::new(p)
    }

    #[test]
    fn shell_at_80x24() {
        insta::assert_snapshot!(sample_app().render(80, 24));
    }

    #[test]
    fn help_overlay_at_80x24() {
        let mut app = sample_app();
        app.update(Action::ToggleHelp);
        insta::assert_snapshot!(app.render(80, 24));
    }

    #[test]
    fn too_small_notice() {
        insta::assert_snapshot!(sample_app().render(60, 20));
    }

    #[test]
    fn every_pane_at_80x24() {
        let mut app = sample_app();
        for pane in [Pane::Initiatives, Pane::Culture, Pane::Overview] {
            app.update(Action::ShowPane(pane));
            insta::assert_snapshot!(format!("pane_{pane:?}"), app.render(80, 24));
        }
    }
}
