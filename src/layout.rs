//! The screen's regions and the one scrolling rule, computed here once for both sides: the
//! app (how far a page jumps, which rows a list shows) and the ui (where things are drawn).
//! Nothing else derives a height from the terminal size, and nothing else decides between the
//! full and the compact layout ([`Density`]).
//!
//! ```text
//! ┌──────────────────────────────────────────────┐
//! │ tabs                                         │ 1 row
//! │ problem banner (a broken or locked file)     │ 0 or more rows
//! │ body: the active pane                        │ the rest
//! │ status line                                  │ 1 row
//! │ footer: keys for this place                  │ 1 row
//! └──────────────────────────────────────────────┘
//! ```

use ratatui::layout::{Constraint, Layout, Rect};
use unicode_width::UnicodeWidthStr;

/// The smallest terminal that gets the full layout.
pub const FULL_WIDTH: u16 = 80;
pub const FULL_HEIGHT: u16 = 24;
/// The smallest terminal fasett draws in at all, in the compact layout (a tmux window in an
/// 80×24 terminal is 80×23; a split one narrower still).
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// How much room the terminal gives, decided here once: every ui module and the app ask this
/// rather than compare sizes themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Density {
    /// Below [`MIN_WIDTH`]×[`MIN_HEIGHT`]: only a notice, in which `q` quits.
    TooSmall,
    /// From 60×20 up to the full size: shorter labels, fewer columns, lower grid cells.
    Compact,
    /// From [`FULL_WIDTH`]×[`FULL_HEIGHT`] up.
    Full,
}

impl Density {
    pub fn of(area: Rect) -> Self {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            Density::TooSmall
        } else if area.width < FULL_WIDTH || area.height < FULL_HEIGHT {
            Density::Compact
        } else {
            Density::Full
        }
    }

    pub fn is_compact(self) -> bool {
        self == Density::Compact
    }
}

/// The regions of the whole screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub tabs: Rect,
    /// Where the problem with the data file is shown; zero rows when there is none.
    pub banner: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

impl Screen {
    /// Splits `area`, giving a problem text (if any) a bordered banner above the body and
    /// the status line `status_rows` rows (two for a message that does not fit on one).
    pub fn new(area: Rect, problem: Option<&str>, status_rows: u16) -> Self {
        let [tabs, middle, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(status_rows.clamp(1, 2)),
            Constraint::Length(1),
        ])
        .areas(area);
        let banner_rows = problem.map_or(0, |text| banner_height(text, middle.width, middle.height));
        let [banner, body] =
            Layout::vertical([Constraint::Length(banner_rows), Constraint::Fill(1)]).areas(middle);
        Self { tabs, banner, body, status, footer }
    }
}

/// Rows a bordered banner needs for `text` wrapped to `width`, at most half of `room`.
fn banner_height(text: &str, width: u16, room: u16) -> u16 {
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = text.lines().map(|line| line.width() / inner + 1).sum();
    u16::try_from(rows + 2).unwrap_or(u16::MAX).min(room / 2)
}

/// The Initiatives pane inside the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Register {
    /// The line naming the active filter, when there is one.
    pub filter: Option<Rect>,
    /// The table: one header row, then the initiatives.
    pub table: Rect,
}

impl Register {
    pub fn new(body: Rect, filtered: bool) -> Self {
        let inner = inside_border(body);
        if filtered {
            let [filter, table] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
            Self { filter: Some(filter), table }
        } else {
            Self { filter: None, table: inner }
        }
    }

    /// Initiatives that fit under the header.
    pub fn rows(&self) -> usize {
        usize::from(self.table.height.saturating_sub(1)).max(1)
    }
}

/// The benefits view inside the body: two lines of totals, the list (one header row), and
/// the chart of planned against realised below it (larger in presentation mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Benefits {
    pub summary: Rect,
    pub table: Rect,
    pub chart: Rect,
}

impl Benefits {
    pub fn new(body: Rect, presentation: bool) -> Self {
        let inner = inside_border(body);
        let share = if presentation { inner.height / 2 } else { inner.height * 2 / 5 };
        let chart = share.clamp(8, 16);
        let [summary, table, chart] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1), Constraint::Length(chart)])
                .areas(inner);
        Self { summary, table, chart }
    }

    /// Benefits that fit under the list's header.
    pub fn rows(&self) -> usize {
        usize::from(self.table.height.saturating_sub(1)).max(1)
    }
}

/// The initiative form's label column, left of every field's value.
pub const FORM_LABEL_WIDTH: u16 = 22;
/// The rows a focused multi-line field of the form opens to.
pub const FORM_TEXT_ROWS: u16 = 5;

/// The columns a field's value gets in the initiative form on a screen `width` wide: inside
/// the form's border, right of the label column.
pub fn form_value_width(width: u16) -> u16 {
    width.saturating_sub(2 + FORM_LABEL_WIDTH)
}

/// Where the help overlay goes over the `body`, with its border: the whole body when
/// `compact` (the key texts are long in every language), else centred, at most 72 wide.
pub fn help_overlay(body: Rect, compact: bool) -> Rect {
    if compact {
        return body;
    }
    let width = body.width.saturating_sub(8).min(72);
    Rect { x: body.x + (body.width - width) / 2, y: body.y + 1, width, height: body.height.saturating_sub(2) }
}

/// The rows below the action plan's list for the selected action's details.
pub const PLAN_DETAIL_ROWS: u16 = 5;

/// The rows of actions the action plan shows in the `body`: inside its border, below its
/// heading, above a rule and the details.
pub fn plan_rows_shown(body: Rect) -> u16 {
    body.height.saturating_sub(2 + 1 + 1 + PLAN_DETAIL_ROWS)
}

/// The area inside a one-cell border.
pub fn inside_border(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// The one scrolling rule every list follows: the first row to show, given the first row
/// shown before (`offset`), so that the selected row is on screen, the window moves only as
/// far as it must, and no blank rows show while rows are hidden above.
///
/// A list that keeps no offset of its own passes 0 and gets the smallest offset that shows
/// the selection.
pub fn scroll(offset: usize, selected: usize, len: usize, visible: usize) -> usize {
    let visible = visible.max(1);
    let selected = selected.min(len.saturating_sub(1));
    let offset = if selected < offset {
        selected
    } else if selected >= offset + visible {
        selected + 1 - visible
    } else {
        offset
    };
    offset.min(len.saturating_sub(visible))
}

/// "3–6 of 6": the rows a window shows, numbered from 1, for a list longer than the window.
pub fn window(offset: usize, len: usize, visible: usize) -> std::ops::Range<usize> {
    let start = offset.min(len);
    start..(start + visible).min(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_is_always_inside_the_window() {
        for len in 0..12 {
            for visible in 1..8 {
                for previous in 0..12 {
                    for selected in 0..len {
                        let offset = scroll(previous, selected, len, visible);
                        let shown = window(offset, len, visible);
                        assert!(shown.contains(&selected), "{len} {visible} {previous} {selected}");
                        // No blank rows while something is hidden above.
                        if offset > 0 {
                            assert_eq!(
                                shown.len(),
                                visible.min(len),
                                "{len} {visible} {previous} {selected}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_window_moves_only_as_far_as_it_must() {
        // Six rows, four visible, the last selected: rows 3–6 (never "5–6 of 6").
        assert_eq!(window(scroll(0, 5, 6, 4), 6, 4), 2..6);
        // Moving up inside the window does not move it.
        assert_eq!(scroll(2, 3, 6, 4), 2);
        // Moving above it brings the selection to the top.
        assert_eq!(scroll(2, 1, 6, 4), 1);
        // A list that shrank pulls the window back.
        assert_eq!(scroll(10, 2, 3, 4), 0);
    }

    #[test]
    fn a_banner_takes_rows_from_the_body_and_at_most_half() {
        let area = Rect::new(0, 0, 80, 24);
        let plain = Screen::new(area, None, 1);
        assert_eq!((plain.body.y, plain.body.height, plain.banner.height), (1, 21, 0));
        let banner = Screen::new(area, Some("The file is held by another fasett.\nOpened read-only."), 1);
        assert_eq!(banner.banner.height, 4);
        assert_eq!(banner.body.height, 17);
        let long = "word ".repeat(400);
        assert_eq!(Screen::new(area, Some(&long), 1).banner.height, 10);
        let long_message = Screen::new(area, None, 2);
        assert_eq!((long_message.status.height, long_message.body.height), (2, plain.body.height - 1));
    }

    #[test]
    fn the_benefits_view_keeps_a_readable_chart_at_80x24() {
        let body = Rect::new(0, 1, 80, 21);
        let view = Benefits::new(body, false);
        assert_eq!((view.summary.height, view.table.height, view.chart.height), (2, 9, 8));
        assert_eq!(view.rows(), 8);
        assert_eq!(Benefits::new(body, true).chart.height, 9, "presentation: a larger chart");
    }

    #[test]
    fn the_full_layout_from_80x24_the_compact_one_from_60x20() {
        let at = |w, h| Density::of(Rect::new(0, 0, w, h));
        assert_eq!(at(80, 24), Density::Full);
        assert_eq!(at(200, 60), Density::Full);
        for (w, h) in [(80, 23), (79, 24), (64, 20), (60, 20), (60, 40), (120, 20)] {
            assert_eq!(at(w, h), Density::Compact, "{w}×{h}");
        }
        for (w, h) in [(59, 20), (60, 19), (58, 19), (200, 10), (10, 60)] {
            assert_eq!(at(w, h), Density::TooSmall, "{w}×{h}");
        }
    }

    #[test]
    fn the_register_counts_its_rows_below_the_header_and_filter() {
        let body = Rect::new(0, 1, 80, 21);
        assert_eq!(Register::new(body, false).rows(), 18);
        assert_eq!(Register::new(body, true).rows(), 17);
    }
}
