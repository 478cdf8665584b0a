//! The help overlay: every key of the place it was opened from, generated from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::theme::Theme;
use crate::action::{Pane, Place};
use crate::app::{App, Mode};
use crate::balance;
use crate::keymap;
use crate::text::wrap_words;

/// Where a key's text starts: two spaces, the key in eleven columns, a space.
const KEY_COLUMN: usize = 14;

pub fn render(app: &App, frame: &mut Frame, area: Rect, back: &Mode, scroll: u16, theme: &Theme) {
    let (rect, inner) = geometry(area, crate::layout::Density::of(frame.area()).is_compact());
    let lines = lines(app, back, rect.width, inner, theme);
    let max_scroll = max_scroll_of(lines.len(), rect);
    let title = format!(" {} ", app.lang.tf("help.title", &[("pane", &place_name(app, back))]));
    let block = theme
        .bordered()
        .title(Span::styled(title, theme.heading()))
        .title_bottom(Line::styled(format!(" {} ", app.lang.t("help.footer")), theme.dim()))
        .border_style(theme.border_focused());
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll.min(max_scroll), 0)), rect);
}

/// How far the overlay over `back` scrolls at the app's size: its last line at the bottom.
/// The app keeps its scroll within this (`App::keep_help_within`), so that a key back up
/// moves at once after `G`, `End` or `PgDn` went past the end.
pub fn max_scroll(app: &App, back: &Mode) -> u16 {
    let compact = crate::layout::Density::of(app.size_rect()).is_compact();
    let (rect, inner) = geometry(app.screen().body, compact);
    max_scroll_of(lines(app, back, rect.width, inner, &Theme::of(app)).len(), rect)
}

fn max_scroll_of(lines: usize, rect: Rect) -> u16 {
    u16::try_from(lines).unwrap_or(u16::MAX).saturating_sub(rect.height.saturating_sub(2))
}

/// Where the overlay goes over the body `area`, and the width inside its border.
fn geometry(area: Rect, compact: bool) -> (Rect, usize) {
    let rect = crate::layout::help_overlay(area, compact);
    (rect, usize::from(rect.width.saturating_sub(2)))
}

/// The overlay's lines: the keys of every place live in `back`, then what else helps there.
fn lines(app: &App, back: &Mode, width: u16, inner: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut listed = keymap::effective(app.places_in(back), app.writing());
    listed.retain(|b| app.offers_now(back, &b.action));
    for place in app.places_in(back).iter().chain(&[Place::Anywhere]) {
        lines.push(Line::styled(app.lang.t(heading(*place)), theme.heading()));
        for b in listed.iter().filter(|b| b.serves(*place)) {
            // At least one space after the key, however long its name in this language.
            let key = Span::styled(format!("  {:<11} ", super::key_label(app, b.label)), theme.key());
            lines.extend(hanging(key, app.lang.t(super::help_now(app, back, b.help)), inner, KEY_COLUMN));
        }
        lines.push(Line::raw(""));
    }
    // The initiative form's fields take keys no binding claims (they are typed into the
    // field): how to complete, choose, tick and add.
    if let Mode::Form(form) = back
        && form.benefit.is_none()
    {
        lines.push(Line::styled(app.lang.t("help.section_fields"), theme.heading()));
        for (label, text) in [
            ("→ End", "help.form_suggestion"),
            ("← →", "help.form_choice"),
            ("← →", "help.form_boxes"),
            ("Space x", "help.form_tick"),
            ("a Enter m d", "help.form_benefits"),
            ("Enter", "help.form_newline"),
        ] {
            let key = Span::styled(format!("  {:<11} ", super::key_label(app, label)), theme.key());
            lines.extend(hanging(key, app.lang.t(text), inner, KEY_COLUMN));
        }
        lines.push(Line::raw(""));
    }
    // Where the tendency is shown, the help states the rule behind "strong" in full.
    if matches!(back, Mode::Normal) && matches!(app.pane, Pane::Portfolio | Pane::Overview) {
        lines.push(Line::styled(app.lang.t("help.section_balance"), theme.heading()));
        for line in wrap_words(&balance::rule(app.lang), usize::from(width.saturating_sub(4))) {
            lines.push(Line::raw(format!("  {line}")));
        }
        lines.push(Line::raw(""));
    }
    // The Overview's follow-ups carry a letter per kind (B25, A3, ↻3): what each stands for.
    if matches!(back, Mode::Normal) && app.pane == Pane::Overview {
        lines.push(Line::styled(app.lang.t("help.section_follow_up_codes"), theme.heading()));
        for line in wrap_words(app.lang.t("help.follow_up_codes"), usize::from(width.saturating_sub(4))) {
            lines.push(Line::raw(format!("  {line}")));
        }
        lines.push(Line::raw(""));
    }
    // A line of scores is typed, not pressed: how to write it.
    if let Mode::Culture(crate::app::CultureMode::Entry(entry)) = back {
        lines.push(Line::styled(app.lang.t("help.section_entry"), theme.heading()));
        let first = match entry.kind {
            crate::app::EntryKind::Each => "help.entry_each",
            crate::app::EntryKind::Tally => "help.entry_tally",
            crate::app::EntryKind::Respondent => "help.entry_respondent",
        };
        for key in [first, "help.entry_dash", "help.entry_spaces", "help.entry_replace"] {
            for line in wrap_words(app.lang.t(key), usize::from(width.saturating_sub(4))) {
                lines.push(Line::raw(format!("  {line}")));
            }
        }
        lines.push(Line::raw(""));
    }
    if matches!(back, Mode::Normal) {
        lines.push(Line::styled(app.lang.t("help.section_commands"), theme.heading()));
        for key in [
            "help.cmd_write",
            "help.cmd_write_as",
            "help.cmd_takeover",
            "import.help_cmd",
            "export.help_cmd",
            "report.help_cmd",
            "help.cmd_org",
            "help.cmd_lang",
            "help.cmd_color",
            "help.cmd_quit",
        ] {
            lines.extend(hanging(Span::raw("  "), app.lang.t(key), inner, 4));
        }
        // What to do about a small, plain or colourless terminal, for whoever is on one.
        lines.push(Line::raw(""));
        lines.push(Line::styled(app.lang.t("help.section_terminal"), theme.heading()));
        for key in ["help.terminal_size", "help.terminal_ascii", "help.terminal_colour"] {
            for line in wrap_words(app.lang.t(key), usize::from(width.saturating_sub(4))) {
                lines.push(Line::raw(format!("  {line}")));
            }
        }
    }
    lines
}

/// What the overlay's keys are for, in its title: the form, list or view it was opened from,
/// else the pane.
fn place_name(app: &App, back: &Mode) -> String {
    match back {
        Mode::Form(form) => super::editor::title(app, form),
        Mode::Intake(_) => app.lang.t("intake.name").to_owned(),
        Mode::Benefits(_) => app.lang.t("benefits.title").to_owned(),
        Mode::Profile(_) => app.lang.t("profile.title").to_owned(),
        _ => app.lang.t(app.pane.title_key()).to_owned(),
    }
}

/// `text` after `lead` (a key, or an indent), wrapped at words within `width`, the lines
/// after the first indented by `indent` (under the text after a key; further in than the
/// next command's name after a command).
fn hanging(lead: Span<'static>, text: &str, width: usize, indent: usize) -> Vec<Line<'static>> {
    let indent = indent.min(width / 2);
    let room = width.saturating_sub(lead.width().max(indent));
    let mut wrapped = wrap_words(text, room).into_iter();
    let mut out = vec![Line::from(vec![lead, Span::raw(wrapped.next().unwrap_or_default())])];
    out.extend(wrapped.map(|line| Line::raw(format!("{:indent$}{line}", ""))));
    out
}

/// The heading of a place's keys in the overlay.
fn heading(place: Place) -> &'static str {
    match place {
        Place::Grid => "help.grid_section",
        Place::Runs => "help.section_culture",
        Place::Table => "help.section_table",
        Place::Register => "help.section_register",
        Place::Lists => "help.section_lists",
        Place::Everywhere => "help.section_everywhere",
        Place::Anywhere => "help.section_anywhere",
        _ => "help.section_here",
    }
}
