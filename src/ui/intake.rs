//! The intake list: incoming ideas waiting first, then those whose proposer is not yet told,
//! then the rest (a told one marked ✓); the selected idea's proposer and need below, and the
//! line being typed; the idea form (`idea_form.rs`) over it while it is open.
//!
//! ```text
//! ┌ Incoming ideas · 3 waiting, 1 proposer not told ─────────────────────────────┐
//! │  #   state            received    title                        proposer      │
//! │▸ 27  received         2026-03-02  Lånecyklar för hemtjänsten   Anna Berg     │
//! │  24  accepted       ✓  2026-02-20  Sms före sophämtning         Per Holm      │
//! │ …                                                                            │
//! │Need: …                                                                       │
//! │n new  b assess  y accept  x decline  m merge  p park  t told  Esc            │
//! └──────────────────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::{App, IntakeList};
use crate::ideas;
use crate::text::one_line;

pub fn render(app: &App, frame: &mut Frame, area: Rect, list: &IntakeList, theme: &Theme) {
    let lang = app.lang;
    let ids = app.intake_ids();
    let waiting = ideas::waiting(&app.portfolio).count();
    let untold = ideas::untold(&app.portfolio, app.today).count();
    let title = lang.tf(
        "intake.title",
        &[
            ("waiting", &lang.tn("intake.waiting", waiting, &[])),
            (
                "untold",
                &lang.tn("intake.untold", untold, &[("days", &app.portfolio.organisation.feedback_days())]),
            ),
        ],
    );
    // Within the top border, with its corners and a space each side; shortened where it
    // does not fit, never cut mid-word without a sign.
    let room = usize::from(area.width).saturating_sub(4);
    let block = theme
        .bordered()
        .title(Span::styled(format!(" {} ", theme.shorten_words(&one_line(&title), room)), theme.heading()))
        .border_style(theme.border_focused());
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    // The column is named as the detail names the field, so the two say the same thing.
    let state_header = lang.t("field.triage").to_lowercase();
    let states: Vec<String> = ids.iter().map(|id| triage_state(app, *id)).collect();
    let state_width = states
        .iter()
        .map(|s| s.width())
        .chain([ideas_state_width(app), state_header.width()])
        .max()
        .unwrap_or(0);
    let told_width = theme.symbols().told.width();
    let date_width = lang.date(app.today).width();
    let proposer_width = 16.min(width / 5);
    let title_width = width
        .saturating_sub(2 + 5 + state_width + 1 + told_width + 1 + date_width + 2 + proposer_width + 1)
        .max(8);
    let row = |mark: &str, id: &str, state: &str, told: &str, date: &str, title: &str, proposer: &str| {
        format!(
            "{mark}{id:<5}{} {} {} {}  {} {}",
            pad(theme, state, state_width),
            pad(theme, told, told_width),
            pad(theme, date, date_width),
            pad(theme, title, title_width),
            pad(theme, proposer, proposer_width),
            ""
        )
    };
    let mut lines = vec![Line::styled(
        row(
            "  ",
            "#",
            &state_header,
            "",
            lang.t("intake.col_received"),
            lang.t("intake.col_title"),
            lang.t("intake.col_proposer"),
        ),
        theme.dim(),
    )];
    let selected = list.selected.min(ids.len().saturating_sub(1));
    // Under the list: the selected idea's need and where it came from, then the prompt or
    // the keys. The first two take two lines each when the list leaves the rows empty.
    let spare = usize::from(inner.height).saturating_sub(1 + ids.len() + 4);
    let each = if spare >= 2 { 2 } else { 1 };
    let mut foot = Vec::new();
    if let Some(i) = ids.get(selected).and_then(|id| app.portfolio.initiative(*id)) {
        let need = if i.need.trim().is_empty() { theme.symbols().none.to_owned() } else { i.need.clone() };
        foot.extend(theme.labelled_lines(&[vec![(lang.t("field.need").to_owned(), need)]], width, each));
        let mut about = Vec::new();
        if let Some(idea) = &i.idea {
            if let Some(channel) = idea.channel {
                about.push(lang.t(&format!("channel.{}", channel.key())).to_owned());
            }
            for part in [&idea.proposer.unit, &idea.proposer.contact] {
                if !part.trim().is_empty() {
                    about.push(one_line(part).into_owned());
                }
            }
            if !idea.reason.is_empty() {
                about.push(one_line(&idea.reason).into_owned());
            }
            if !idea.is_waiting() {
                about.push(match idea.told {
                    Some(date) => lang.tf("intake.told_on", &[("date", &lang.date(date))]),
                    None => lang.t("intake.not_told").to_owned(),
                });
            }
        }
        let about = about.join(&format!(" {} ", theme.symbols().separator));
        foot.extend(
            theme.wrap_at_most(&about, width, each).into_iter().map(|l| Line::styled(l, theme.dim())),
        );
    }
    let mut cursor = None;
    if let Some((prompt, input)) = &list.prompt {
        let label = format!("{}: ", lang.t(prompt.key()));
        let room = width.saturating_sub(label.width() + 1).max(1);
        let scroll = input.visual_scroll(room);
        let typed: String = input.value().chars().skip(scroll).collect();
        cursor = Some(label.width() + input.visual_cursor().saturating_sub(scroll));
        foot.push(Line::from(vec![
            Span::styled(label, theme.key()),
            Span::raw(one_line(&typed).into_owned()),
        ]));
        foot.push(Line::styled(lang.t("intake.prompt_keys").to_owned(), theme.key()));
    } else {
        foot.push(Line::styled(theme.truncate(lang.t("intake.keys"), width), theme.key()));
    }
    // Rows fit between the header and the lines below.
    let room = usize::from(inner.height).saturating_sub(1 + foot.len()).max(1);
    let first = crate::layout::scroll(0, selected, ids.len(), room);
    for (ix, id) in ids.iter().enumerate().skip(first).take(room) {
        let Some(i) = app.portfolio.initiative(*id) else { continue };
        let Some(idea) = &i.idea else { continue };
        let untold = idea.is_untold(app.today, app.portfolio.organisation.feedback_days());
        let text = row(
            theme.mark(ix == selected),
            &id.to_string(),
            &states[ix],
            if idea.told.is_some() { theme.symbols().told } else { "" },
            &idea.received.map(|d| lang.date(d)).unwrap_or_default(),
            &one_line(&i.title),
            &one_line(&idea.proposer.name),
        );
        let style = if ix == selected {
            theme.selected()
        } else if untold {
            theme.warning()
        } else if idea.is_waiting() {
            ratatui::style::Style::new()
        } else {
            theme.dim()
        };
        lines.push(Line::styled(text, style));
    }
    if ids.is_empty() {
        lines.push(Line::styled(lang.t("intake.empty").to_owned(), theme.dim()));
    }
    let body = u16::try_from(lines.len()).unwrap_or(u16::MAX).min(inner.height);
    frame.render_widget(Paragraph::new(lines), Rect { height: body, ..inner });

    let height = u16::try_from(foot.len()).unwrap_or(0).min(inner.height);
    let at = Rect { y: inner.bottom().saturating_sub(height), height, ..inner };
    if let (Some(column), true) = (cursor, height >= 2) {
        let column = u16::try_from(column).unwrap_or(0);
        frame.set_cursor_position(((at.x + column).min(at.right().saturating_sub(1)), at.bottom() - 2));
    }
    frame.render_widget(Paragraph::new(foot), at);
    if let Some(form) = &list.form {
        super::idea_form::render(app, frame, area, form, theme);
        if form.confirm_discard {
            super::dialog::question(
                frame,
                area,
                lang.t("dialog.discard_title"),
                lang.t("idea.discard_text"),
                lang.t("dialog.discard_keys"),
                theme,
            );
        }
    }
}

/// Idea `id`'s triage state in words, with the initiative a merged one went into.
fn triage_state(app: &App, id: crate::model::Id) -> String {
    let Some(idea) = app.portfolio.initiative(id).and_then(|i| i.idea.as_deref()) else {
        return String::new();
    };
    let state = app.lang.t(&format!("triage.{}", idea.triage.key()));
    match idea.merged_into {
        Some(target) => format!("{state} #{target}"),
        None => state.to_owned(),
    }
}

/// The widest triage state in this language, so the column fits them all.
fn ideas_state_width(app: &App) -> usize {
    crate::model::Triage::ALL
        .iter()
        .map(|t| app.lang.t(&format!("triage.{}", t.key())).width())
        .max()
        .unwrap_or(0)
}

fn pad(theme: &Theme, text: &str, width: usize) -> String {
    let text = theme.truncate(text, width);
    let used = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}
