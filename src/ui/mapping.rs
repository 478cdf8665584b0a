//! The import's mapping dialog: what each column fills, what each word means, the date order,
//! and what the import would do or what stops it.
//!
//! ```text
//! ┌ Import idéregister.csv ──────────────────────────────────────────────────────┐
//! │ 3 new, 0 changed, 0 unchanged, nothing removed                               │
//! │ Column                       → fills                                         │
//! │▸ A  Idé                      → Title                                         │
//! │   B  Status                  → Status                                        │
//! │        Pågår                 → Active · Implementing                 (2 rows) │
//! │        Kanske                → ? not understood                      (1 row)  │
//! │   C  Kostnad                 → kept as a column of its own                   │
//! │ row 4, column B: Status: “Kanske” is not one of …                            │
//! └──────────────────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::{App, MappingDialog, MappingLine};
use crate::import::{OrderFrom, column_letter};
use crate::text::one_line;

/// Width of the left side (column or word), in cells.
const LEFT: usize = 28;

pub fn render(app: &App, frame: &mut Frame, area: Rect, dialog: &MappingDialog, theme: &Theme) {
    let lang = app.lang;
    frame.render_widget(Clear, area);
    let name = dialog
        .file
        .file_name()
        .map_or_else(|| dialog.file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let block = theme
        .bordered()
        .title(Span::styled(
            format!(" {} ", lang.tf("mapping.title", &[("file", &one_line(&name))])),
            theme.heading(),
        ))
        .border_style(theme.border_focused());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    // What stops the import, else what it will take as written but looks wrong.
    let (problems, problem_style): (Vec<String>, _) = match &dialog.outcome {
        Ok(plan) => (plan.warnings.iter().take(2).map(|p| p.localized(lang)).collect(), theme.warning()),
        Err(problems) => (problems.iter().take(2).map(|p| p.localized(lang)).collect(), theme.error()),
    };
    let head = match &dialog.outcome {
        Ok(plan) => Line::styled(theme.truncate(&plan.summary(lang), width), theme.info()),
        Err(problems) => Line::styled(
            theme.truncate(
                &lang.tn("mapping.problems", problems.len(), &[("rows", &dialog.loaded.sheet.rows.len())]),
                width,
            ),
            theme.error(),
        ),
    };
    let mut lines = vec![head];
    let map_note = match &dialog.map_used {
        Some(path) => lang.tf("mapping.map_used", &[("path", &one_line(&path.display().to_string()))]),
        None => lang.t("mapping.columns_head").to_owned(),
    };
    lines.push(Line::styled(theme.truncate(&map_note, width), theme.dim()));
    // The problems take two rows at the bottom, each wrapped to at most two lines.
    let bottom = if problems.is_empty() { 0 } else { 4 };
    let visible = usize::from(inner.height).saturating_sub(lines.len() + bottom).max(1);
    let all = dialog.lines();
    let offset = crate::layout::scroll(0, dialog.selected, all.len(), visible);
    for ix in crate::layout::window(offset, all.len(), visible) {
        let selected = ix == dialog.selected;
        let (text, warn) = line_text(app, dialog, all[ix], theme);
        let text = theme.truncate(&format!("{}{text}", theme.mark(selected)), width);
        let style = if selected {
            theme.selected()
        } else if warn {
            theme.warning()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(text, style));
    }
    let list_height = (lines.len()) as u16;
    frame.render_widget(Paragraph::new(lines), Rect { height: list_height.min(inner.height), ..inner });
    if !problems.is_empty() {
        let y = inner.y + inner.height.saturating_sub(bottom as u16);
        let rect = Rect { y, height: inner.bottom().saturating_sub(y), ..inner };
        let text: Vec<Line> =
            problems.iter().map(|p| Line::styled(one_line(p).into_owned(), problem_style)).collect();
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), rect);
    }
}

/// A left side padded to [`LEFT`] cells.
fn left(text: &str, theme: &Theme) -> String {
    let text = theme.truncate(text, LEFT);
    let pad = LEFT.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(pad))
}

/// One line of the list, and whether it needs the user's attention.
fn line_text(app: &App, dialog: &MappingDialog, line: MappingLine, theme: &Theme) -> (String, bool) {
    let lang = app.lang;
    let yes_no = |b: bool| lang.t(if b { "csv.yes" } else { "csv.no" }).to_owned();
    match line {
        MappingLine::Column(ix) => {
            let column = &dialog.mapping.columns[ix];
            let target = column.target.label(lang);
            let chosen = if column.chosen { " *" } else { "" };
            let name = format!("{:>3} {}", column_letter(ix), one_line(&column.header));
            (format!("{} → {target}{chosen}", left(&name, theme)), false)
        }
        MappingLine::Value(ix, v) => {
            let value = &dialog.mapping.columns[ix].values[v];
            let choice =
                value.choice.map_or_else(|| lang.t("import.mapping_unknown").to_owned(), |c| c.label(lang));
            let rows = lang.tn("mapping.rows", value.rows as usize, &[]);
            let chosen = if value.chosen { " *" } else { "" };
            let name = format!("      {}", one_line(&value.value));
            (format!("{} → {choice}{chosen}  ({rows})", left(&name, theme)), value.choice.is_none())
        }
        MappingLine::DateOrder => {
            let order = match dialog.mapping.date_order {
                Some((order, from)) => {
                    let order = lang.t(&format!("import.order_{}", order.key())).to_owned();
                    match from {
                        OrderFrom::Chosen => order,
                        OrderFrom::Row(row) => {
                            lang.tf("mapping.order_found", &[("order", &order), ("row", &row)])
                        }
                    }
                }
                None => lang.t("mapping.order_ask").to_owned(),
            };
            (format!("{} → {order}", left(&format!("    {}", lang.t("mapping.dates")), theme)), false)
        }
        MappingLine::AsNew => {
            let what = lang.t(if dialog.options.as_new { "mapping.as_new_yes" } else { "mapping.as_new_no" });
            (format!("{} → {what}", left(&format!("    {}", lang.t("mapping.as_new")), theme)), false)
        }
        MappingLine::AddNames => {
            let count = dialog.outcome.as_ref().map_or(0, |p| p.new_units.len() + p.new_owners.len());
            let label = lang.tn("mapping.add_names", count, &[]);
            (format!("{} → {}", left(&format!("    {label}"), theme), yes_no(dialog.add_names)), false)
        }
    }
}
