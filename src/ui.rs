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
mod conflicts;
mod culture;
mod detail;
mod dialog;
mod editor;
mod field;
mod help;
mod idea_form;
mod initiatives;
mod intake;
mod mapping;
mod overview;
mod placement;
mod portfolio;
mod profile;
pub mod theme;
mod welcome;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, TableState, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::action::Pane;
use crate::app::{App, Confirm, CultureMode, Mode, StatusPrompt};
use crate::keymap;
use crate::layout::{self, Density, Screen};
use crate::text::one_line;
use theme::Theme;

pub use help::max_scroll as help_max_scroll;

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let theme = Theme::of(app);
    draw_screen(app, frame, &theme);
    // Catalog texts and the user's own words are Unicode too; folded cell by cell, after
    // everything was measured and placed, nothing moves.
    if theme.is_ascii() {
        theme::to_ascii(frame.buffer_mut());
    }
}

fn draw_screen(app: &App, frame: &mut Frame, theme: &Theme) {
    let area = frame.area();
    if Density::of(area) == Density::TooSmall {
        draw_too_small(app, frame, area, theme);
        return;
    }
    let said = app.banner();
    let screen = Screen::new(area, said.as_ref().map(|(_, text)| text.as_str()), app.status_rows(area.width));
    let Screen { tabs, banner, body, status, footer } = screen;
    draw_tabs(app, frame, tabs, theme);
    if let Some((title, problem)) = said {
        let text = crate::text::multi_line(&problem).into_owned();
        let block = theme
            .bordered()
            .title(Span::styled(format!(" {} ", app.lang.t(title)), theme.error()))
            .border_style(theme.error());
        frame.render_widget(Paragraph::new(text).block(block).wrap(Wrap { trim: false }), banner);
    }
    match app.pane {
        // The benefits view covers the whole body; the pane beneath would only cost time.
        _ if matches!(app.mode, Mode::Benefits(_)) => {}
        _ if welcome::shows(app) && app.pane != Pane::Culture => welcome::render(app, frame, body, theme),
        Pane::Portfolio => portfolio::render(app, frame, body, theme),
        Pane::Initiatives => initiatives::render(app, frame, body, theme),
        Pane::Culture => culture::render(app, frame, body, theme),
        Pane::Overview => overview::render(app, frame, body, theme),
    }
    draw_status(app, frame, status, theme);
    draw_mode(app, frame, &screen, &app.mode, theme);
    // After the view: what it offers may depend on how it was laid out (results scroll).
    draw_footer(app, frame, footer, theme);
}

/// What `mode` draws over the pane: a dialog, a form, a view. The help overlay draws the mode
/// it was opened from beneath it, so the reader still sees what the keys are for.
fn draw_mode(app: &App, frame: &mut Frame, screen: &Screen, mode: &Mode, theme: &Theme) {
    let body = screen.body;
    match mode {
        Mode::Help { scroll, back } => {
            draw_mode(app, frame, screen, back, theme);
            help::render(app, frame, body, back, *scroll, theme);
        }
        Mode::Detail { id, scroll, .. } => detail::render(app, frame, screen, *id, *scroll, theme),
        Mode::Form(form) => {
            editor::render(app, frame, body, form, theme);
            if form.confirm_discard {
                dialog::question(
                    frame,
                    body,
                    app.lang.t("dialog.discard_title"),
                    app.lang.t("dialog.discard_text"),
                    app.lang.t("dialog.discard_keys"),
                    theme,
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
                theme,
            );
        }
        Mode::Confirm(Confirm::DeleteAction(asked)) => {
            culture::render_delete_action(app, frame, body, *asked, theme);
        }
        Mode::FilterBar { row } => dialog::filter_bar(app, frame, body, *row, theme),
        Mode::Profile(editor) => profile::render(app, frame, body, editor, theme),
        Mode::Placement(dialog) => placement::render(app, frame, body, dialog, theme),
        Mode::Culture(mode) => culture::render_mode(app, frame, body, mode, theme),
        Mode::Recovery(found) => field::recovery(app, frame, body, found, theme),
        Mode::External(change) => field::external(app, frame, body, change, theme),
        Mode::Mapping(dialog) => mapping::render(app, frame, body, dialog, theme),
        Mode::Conflicts(dialog) => conflicts::render(app, frame, body, dialog, theme),
        Mode::Benefits(view) => benefits::render(app, frame, body, view, theme),
        Mode::Intake(list) => intake::render(app, frame, body, list, theme),
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

/// A table's column: the catalog key of its heading ("" for none) and its width.
pub(crate) type Column = (&'static str, ratatui::layout::Constraint);

/// The widths a table from [`marked_table`] gives its `columns` in `area`, so cells can be
/// cut with `…` before the table cuts them silently.
pub(crate) fn column_widths(area: Rect, columns: &[Column]) -> Vec<usize> {
    let mark = unicode_width::UnicodeWidthStr::width(theme::SELECTED_MARK) as u16;
    let area = Rect::new(0, 0, area.width.saturating_sub(mark), 1);
    ratatui::layout::Layout::horizontal(columns.iter().map(|(_, width)| *width))
        .flex(ratatui::layout::Flex::Start)
        .spacing(1)
        .split(area)
        .iter()
        .map(|r| usize::from(r.width))
        .collect()
}

/// A table of `rows` under the headings of `columns`, whose selected row carries the
/// selection mark (so it shows without colour too).
pub(crate) fn marked_table<'a>(
    app: &App,
    columns: &[Column],
    rows: impl IntoIterator<Item = Row<'a>>,
    theme: &Theme,
) -> Table<'a> {
    let headings = columns.iter().map(|(key, _)| if key.is_empty() { "" } else { app.lang.t(key) });
    Table::new(rows, columns.iter().map(|(_, width)| *width))
        .header(Row::new(headings).style(theme.heading()))
        .row_highlight_style(theme.selected())
        .highlight_symbol(theme.symbols().selected)
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
}

/// A form's one-line `input` as it fits in `value`: from where it starts, or, while it has
/// the focus, scrolled to the cursor, with the terminal's cursor put there.
pub(crate) fn input_line(
    frame: &mut Frame,
    value: Rect,
    input: &tui_input::Input,
    focused: bool,
    theme: &Theme,
) -> String {
    let width = usize::from(value.width);
    let scroll = if focused { input.visual_scroll(width.saturating_sub(1)) } else { 0 };
    if focused {
        let x = value.x + (input.visual_cursor().saturating_sub(scroll)) as u16;
        frame.set_cursor_position((x.min(value.right().saturating_sub(1)), value.y));
    }
    let shown: String = input.value().chars().skip(scroll).collect();
    theme.truncate(&one_line(&shown), width)
}

/// `text` with spaces after it to `width` columns, so a focused field's style fills its row.
pub(crate) fn filled(mut text: String, width: usize) -> String {
    text.push_str(&" ".repeat(width.saturating_sub(text.width())));
    text
}

/// A key's name as printed on the keys the reader has: the space bar has no name on its key,
/// so it is called what the language calls it; the others are the keycaps' own names. The
/// rating's digits are the run's scale.
pub(crate) fn key_label(app: &App, label: &str) -> String {
    if let (crate::keymap::SCORE_LABEL, Some((min, max))) = (label, app.rating_scale()) {
        return format!("{min}–{max}");
    }
    label
        .split(' ')
        .map(|k| if k == "Space" { app.lang.t("key.space") } else { k })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a key's help says in `mode` (the footer's, or the one the help was opened from):
/// `p` ends the presentation while it is on; `Enter` saves a run being edited, which it does
/// not start.
pub(crate) fn help_now(app: &App, mode: &Mode, help: &'static str) -> &'static str {
    match help {
        "help.grid_presentation" if app.grid.presentation => "help.grid_presentation_off",
        "help.culture_start_run" if matches!(mode, Mode::Culture(CultureMode::NewRun(form)) if form.editing.is_some()) => {
            "help.culture_save_run"
        }
        _ => help,
    }
}

/// The active filter in words, for pane headers: "Filter: Adaptive · Implementing · “aldre”".
pub fn filter_summary(app: &App, theme: &Theme) -> String {
    let symbols = theme.symbols();
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
        let (open, close) = symbols.quotes;
        parts.push(format!("{open}{}{close}", f.text.trim()));
    }
    let separator = format!(" {} ", symbols.separator);
    app.lang.tf("filter.summary", &[("filters", &one_line(&parts.join(&separator)))])
}

fn draw_too_small(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = app.lang.tf(
        "screen.too_small",
        &[
            ("width", &area.width),
            ("height", &area.height),
            ("min_width", &layout::MIN_WIDTH),
            ("min_height", &layout::MIN_HEIGHT),
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

/// The columns the organisation's name keeps in the tab bar before tabs lose their names.
const SHORT_NAME: usize = 4;

fn draw_tabs(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    // The read-only badge matters more than the organisation's name, so it never gets cut.
    let mut badge = if app.is_read_only() {
        format!(" [{}]", app.lang.t("screen.read_only_badge"))
    } else {
        String::new()
    };
    // Conflicts a merge left stay in view until they are resolved.
    if !app.portfolio.conflicts.is_empty() {
        let count = app.portfolio.conflicts.len();
        badge = format!("{badge} [{}]", app.lang.tf("conflict.badge", &[("count", &count)]));
    }
    let name = one_line(&app.portfolio.organisation.name);
    let tabs = |named: &dyn Fn(Pane) -> bool| {
        let mut spans = vec![Span::styled(" fasett ", theme.brand()), Span::raw(" ")];
        for pane in Pane::ALL {
            let number = pane.index() + 1;
            let label = if named(pane) {
                format!(" {number} {} ", app.lang.t(pane.title_key()))
            } else {
                format!(" {number} ")
            };
            let style = if pane == app.pane { theme.tab_active() } else { theme.tab() };
            spans.push(Span::styled(label, style));
        }
        spans
    };
    let width = |spans: &[Span]| spans.iter().map(Span::width).sum::<usize>();
    let mut spans = tabs(&|_| true);
    // The organisation's name is shortened before any tab loses its name: compact, the panes
    // beside the active one go by their numbers only when the badge and a short name do not
    // fit beside the named tabs.
    let wanted = width(&spans) + 1 + badge.width() + name.width().min(SHORT_NAME);
    if Density::of(frame.area()).is_compact() && wanted > usize::from(area.width) {
        spans = tabs(&|pane| pane == app.pane);
    }
    let room = usize::from(area.width).saturating_sub(width(&spans) + 1 + badge.width());
    let name = theme.truncate(&name, room);
    let pad = room.saturating_sub(name.width());
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
    let line = match app.status_prompt() {
        Some(StatusPrompt::Command(input)) => prompt(frame, area, ":".into(), input, theme),
        Some(StatusPrompt::Search(input)) => {
            let label = app.lang.tn("search.prompt", app.register.view.len(), &[]);
            prompt(frame, area, label, input, theme)
        }
        Some(StatusPrompt::Profile(editor, input)) => {
            let label = profile::row_label(app, editor.row(&app.portfolio.organisation));
            prompt(frame, area, format!("{label}: "), input, theme)
        }
        Some(StatusPrompt::LogEntry { id, kind, input }) => {
            let kind = app.lang.t(&format!("log_kind.{}", kind.key()));
            let label = app.lang.tf("log.prompt", &[("id", &id), ("kind", &kind)]);
            prompt(frame, area, label, input, theme)
        }
        None => match &app.status {
            Some(status) => {
                // A message that does not fit takes a second row (`App::status_rows`).
                let style = if status.is_error { theme.error() } else { theme.info() };
                let width = usize::from(area.width);
                let lines = theme.wrap_at_most(&one_line(&status.text), width, usize::from(area.height));
                frame.render_widget(
                    Paragraph::new(lines.into_iter().map(Line::raw).collect::<Vec<_>>()).style(style),
                    area,
                );
                return;
            }
            None => Line::raw(""),
        },
    };
    // The Culture pane's follow-up counts are in the frame of each of its views, not here.
    frame.render_widget(line, area);
}

fn draw_footer(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    // `? help` is always shown (docs/contracts.md); in the compact layout, where the other
    // hints run out of room first, so is `q quit`.
    let compact = Density::of(frame.area()).is_compact();
    let hint = |binding: &keymap::Binding| {
        let key = binding.label.split(' ').next().unwrap_or(binding.label);
        // The way out of a dialog or view (`Esc`) where its border has no room to say it, the
        // takeover, when offered, which is the one way out of a read-only session, and the
        // choices about a file another program changed, the one way to save again: never
        // left out.
        let kept = binding.help == "help.help"
            || (compact && key == "Esc" && !matches!(app.mode, Mode::Normal))
            || binding.action == crate::action::Action::TakeOver
            || binding.action == crate::action::Action::OpenExternalChange
            || (compact && binding.action == crate::action::Action::Quit);
        (key_label(app, key), app.lang.t(help_now(app, &app.mode, binding.help)).to_owned(), kept)
    };
    let width = |(key, help, _): &(String, String, bool)| key.width() + help.width() + 3;
    // What the pane says about its state comes first (where `K` goes from the strip).
    let mut hints: Vec<_> =
        portfolio::footer_hints(app).into_iter().map(|(key, help)| (key, help, false)).collect();
    let said = |b: &keymap::Binding| hints.iter().any(|(key, _, _)| b.label.split(' ').next() == Some(key));
    let offered: Vec<_> = keymap::effective(app.places(), app.writing())
        .into_iter()
        .filter(|b| b.footer && app.offers_now(&app.mode, &b.action) && !said(b))
        .map(hint)
        .collect();
    hints.extend(offered);
    // The kept hints go last; the others fill the room left of them.
    let (mut last, rest): (Vec<_>, Vec<_>) = hints.into_iter().partition(|(_, _, kept)| *kept);
    last.sort_by_key(|(key, _, _)| matches!(key.as_str(), "?" | "F1"));
    let mut room = usize::from(area.width).saturating_sub(last.iter().map(width).sum());
    let mut shown = Vec::new();
    for h in rest {
        if width(&h) > room {
            continue;
        }
        room -= width(&h);
        shown.push(h);
    }
    shown.extend(last);
    let spans: Vec<Span> = shown
        .into_iter()
        .flat_map(|(key, help, _)| {
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

    /// The shell, its help and, on too small a terminal, the notice.
    #[test]
    fn shell_help_and_too_small() {
        for (name, actions, (width, height)) in [
            ("shell_at_80x24", &[][..], (80, 24)),
            ("help_overlay_at_80x24", &[Action::ToggleHelp], (80, 24)),
            ("too_small_notice", &[], (58, 19)),
        ] {
            let mut app = sample_app();
            for action in actions {
                app.update(action.clone());
            }
            insta::assert_snapshot!(name, app.render(width, height));
        }
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
