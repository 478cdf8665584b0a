//! The field-proofing dialogs: text recovered from an interrupted session, and a file changed
//! by another program.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::dialog::centred;
use super::theme::Theme;
use crate::app::{App, ExternalChange};
use crate::recovery::Recovery;
use crate::text::one_line;

/// A box of `text` lines with the answer keys at the bottom.
fn boxed(frame: &mut Frame, area: Rect, title: &str, text: &str, keys: &str, theme: &Theme) {
    let rect = centred(area, 72, 14);
    let block = theme
        .bordered()
        .title(Span::styled(format!(" {title} "), theme.warning()))
        .border_style(theme.border_focused());
    let mut lines: Vec<Line> = text.lines().map(|l| Line::raw(l.to_owned())).collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(keys.to_owned(), theme.key()));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: true }), rect);
}

pub fn recovery(app: &App, frame: &mut Frame, area: Rect, found: &Recovery, theme: &Theme) {
    let what = found.draft.describe(app.lang);
    // Kept as RFC 3339 in the file; shown as the wall clock said it ("today 17:46").
    let written = match found.written.parse::<jiff::Timestamp>() {
        Ok(at) => app.lang.date_time(at, &app.zone, app.today),
        Err(_) => one_line(&found.written).into_owned(),
    };
    let text = app.lang.tf("recovery.text", &[("what", &what), ("written", &written)]);
    let keys = app.lang.tf("recovery.keys", &[("what", &what)]);
    boxed(frame, area, app.lang.t("recovery.title"), &text, &keys, theme);
}

pub fn external(app: &App, frame: &mut Frame, area: Rect, change: &ExternalChange, theme: &Theme) {
    let text = change.describe(app);
    boxed(frame, area, app.lang.t("external.title"), &text, app.lang.t("external.keys"), theme);
}
