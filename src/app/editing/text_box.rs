//! A multi-line text field (an initiative's description and need): a [`TextArea`] does the
//! editing, and [`wrap`] lays the text out in rows of the field's width. The one layout
//! serves both sides: the ui draws the rows it gives, ↑/↓ move the cursor between the same
//! rows and Home/End go to the ends of the row drawn, so what is drawn is where the cursor
//! goes.

use std::cell::Cell;

use ratatui_textarea::{CursorMove, TextArea};
use unicode_width::UnicodeWidthChar;

use super::{Typed, edit_area, multi_line};
use crate::action::Edit;
use crate::{layout, text};

/// One row of wrapped text: the part of line `line` from char `start` up to (not including)
/// char `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// The columns a char takes as drawn (a control char as its visible symbol).
fn char_width(c: char) -> usize {
    text::shown(c).width().unwrap_or(0)
}

/// Lays `lines` out in rows of `width` columns: a line too long for one row breaks after
/// the last space that fits, or inside a word longer than a whole row. Spaces at the end of
/// a row may reach past `width` (they are not drawn there), so a row never starts with the
/// space that ended the word before it. A line whose last row is full gets an empty row
/// after it, where the cursor stands at the line's end.
pub fn wrap(lines: &[String], width: usize) -> Vec<Row> {
    let width = width.max(1);
    let mut rows = Vec::with_capacity(lines.len());
    for (line, text) in lines.iter().enumerate() {
        let chars: Vec<char> = text.chars().collect();
        let (mut start, mut used) = (0, 0);
        // Where the word after the last space begins: the row may end there.
        let mut word = None;
        for (at, c) in chars.iter().enumerate() {
            let w = char_width(*c);
            if *c == ' ' {
                used += w;
                word = Some(at + 1);
                continue;
            }
            while used + w > width && at > start {
                let end = word.filter(|w| *w > start && *w <= at).unwrap_or(at);
                rows.push(Row { line, start, end });
                start = end;
                used = chars[start..at].iter().copied().map(char_width).sum();
                word = None;
            }
            used += w;
        }
        rows.push(Row { line, start, end: chars.len() });
        if used >= width && !chars.is_empty() {
            rows.push(Row { line, start: chars.len(), end: chars.len() });
        }
    }
    rows
}

/// The row the cursor (`line`, char `column`) is on: the last row of its line starting at
/// or before it.
pub fn row_of(rows: &[Row], (line, column): (usize, usize)) -> usize {
    rows.iter().rposition(|r| r.line == line && r.start <= column).unwrap_or(0)
}

/// The columns `chars` take on screen.
fn columns(chars: impl Iterator<Item = char>) -> usize {
    chars.map(char_width).sum()
}

/// The char of `row` nearest to screen column `x` (from the row's start). On a row that is
/// not its line's last, the cursor stays before the row's end, which is the next row's start.
fn column_at(lines: &[String], rows: &[Row], row: usize, x: usize) -> usize {
    let r = rows[row];
    let last_of_line = rows.get(row + 1).is_none_or(|next| next.line != r.line);
    let end = if last_of_line || r.end == r.start { r.end } else { r.end - 1 };
    let mut used = 0;
    let mut column = r.start;
    for c in lines[r.line].chars().skip(r.start).take(end - r.start) {
        let w = char_width(c);
        if used + w > x {
            break;
        }
        used += w;
        column += 1;
    }
    column
}

/// What a multi-line field shows in `height` rows: the rows in view as text, where the
/// cursor is in them, and how many rows are out of view above and below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub rows: Vec<String>,
    /// The cursor's column and row inside the field.
    pub cursor: (u16, u16),
    pub above: usize,
    pub below: usize,
}

/// A multi-line text field: the text and its cursor, the column ↑/↓ aim for, and how far it
/// was scrolled and how wide it was when last drawn.
#[derive(Debug, Clone)]
pub struct TextBox {
    area: TextArea<'static>,
    /// The screen column a run of ↑/↓ keeps to, though shorter rows pass under it.
    goal: Option<usize>,
    /// The first row shown when the field was last drawn: the view moves from there only as
    /// far as the cursor needs ([`layout::scroll`]). Drawing keeps it, so it lives in a cell.
    top: Cell<usize>,
    /// The width the field was last drawn at, whose rows Home and End keep to (0 before it
    /// was drawn: then they go to the ends of the whole line).
    width: Cell<usize>,
    /// The text as [`TextBox::from_text`] was given it, given back while its lines are as
    /// they were: line breaks written `\r\n` or a final one are not an edit.
    loaded: Option<String>,
}

/// `text`'s lines as the field shows them (`\r\n` a line break too, a final one not a line
/// of its own); at least one, empty.
fn lines_of(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

impl TextBox {
    pub fn new(lines: Vec<String>) -> Self {
        Self { area: TextArea::new(lines), goal: None, top: Cell::new(0), width: Cell::new(0), loaded: None }
    }

    /// A field holding `text` (a description or need from the file), which [`Self::text`]
    /// gives back exactly until it is edited, so that saving an unedited form is no change.
    pub fn from_text(text: &str) -> Self {
        Self { loaded: Some(text.to_owned()), ..Self::new(lines_of(text)) }
    }

    pub fn lines(&self) -> &[String] {
        self.area.lines()
    }

    /// The text, its lines joined with line breaks; the text it was given while its lines
    /// are unedited.
    pub fn text(&self) -> String {
        let lines = self.area.lines();
        match &self.loaded {
            Some(loaded) if lines_of(loaded) == lines => loaded.clone(),
            _ => lines.join("\n"),
        }
    }

    /// The cursor: line, and char in the line.
    pub fn cursor(&self) -> (usize, usize) {
        let at = self.area.cursor();
        (at.0, at.1)
    }

    /// Applies what was typed, a paste with its line breaks kept (tabs as spaces, other
    /// controls dropped); true when the text changed.
    pub fn type_text(&mut self, typed: Typed<'_>) -> bool {
        self.goal = None;
        match typed {
            Typed::Key(edit @ (Edit::Start | Edit::End)) if self.width.get() > 0 => {
                self.go_to_row_edge(edit == Edit::End);
                false
            }
            Typed::Key(edit) => edit_area(&mut self.area, edit),
            Typed::Paste(text) => self.area.insert_str(multi_line(text)),
        }
    }

    /// ↑ (`down` false) or ↓ in a field `width` columns wide: the cursor moves to the row
    /// above or below, to the column it had (or aimed for). False, and nothing moves, from the
    /// first row up or the last row down: the key leaves the field.
    pub fn move_vertically(&mut self, down: bool, width: usize) -> bool {
        let lines = self.area.lines();
        let rows = wrap(lines, width);
        let cursor = self.cursor();
        let row = row_of(&rows, cursor);
        let target = if down { row + 1 } else { row.wrapping_sub(1) };
        if target >= rows.len() {
            return false;
        }
        let x = self.goal.unwrap_or_else(|| {
            columns(lines[cursor.0].chars().skip(rows[row].start).take(cursor.1 - rows[row].start))
        });
        let column = column_at(lines, &rows, target, x);
        self.jump(rows[target].line, column);
        self.goal = Some(x);
        true
    }

    /// Home (`end` false) or End: the cursor to the start or the end of the row it is on as
    /// drawn. On a row that is not its line's last, the end is before the row's last char
    /// (the space it broke at): after it is the next row's start.
    fn go_to_row_edge(&mut self, end: bool) {
        let rows = wrap(self.area.lines(), self.width.get());
        let row = row_of(&rows, self.cursor());
        let r = rows[row];
        let last_of_line = rows.get(row + 1).is_none_or(|next| next.line != r.line);
        let column = match (end, last_of_line || r.end == r.start) {
            (false, _) => r.start,
            (true, true) => r.end,
            (true, false) => r.end - 1,
        };
        self.jump(r.line, column);
    }

    /// The cursor to the start of the text (`end` false) or to its end.
    pub fn to_edge(&mut self, end: bool) {
        self.goal = None;
        self.area.move_cursor(if end { CursorMove::Bottom } else { CursorMove::Top });
        self.area.move_cursor(if end { CursorMove::End } else { CursorMove::Head });
    }

    fn jump(&mut self, line: usize, column: usize) {
        if let (Ok(l), Ok(c)) = (u16::try_from(line), u16::try_from(column)) {
            self.area.move_cursor(CursorMove::Jump(l, c));
            return;
        }
        // Past what a jump can name (a pasted text with no line breaks): step there.
        self.area.move_cursor(CursorMove::Jump(u16::try_from(line).unwrap_or(u16::MAX), 0));
        while self.area.cursor().0 < line {
            self.area.move_cursor(CursorMove::Down);
        }
        self.area.move_cursor(CursorMove::Head);
        for _ in 0..column {
            self.area.move_cursor(CursorMove::Forward);
        }
    }

    /// The field laid out in `width` × `height`, scrolled from where it was last drawn just
    /// far enough to show the cursor (and kept there for the next frame).
    pub fn view(&self, width: usize, height: usize) -> View {
        let width = width.max(1);
        let height = height.max(1);
        self.width.set(width);
        let lines = self.area.lines();
        let rows = wrap(lines, width);
        let cursor = self.cursor();
        let at = row_of(&rows, cursor);
        let top = layout::scroll(self.top.get(), at, rows.len(), height);
        self.top.set(top);
        let shown = layout::window(top, rows.len(), height);
        let shown_row =
            |r: &Row| lines[r.line].chars().skip(r.start).take(r.end - r.start).map(text::shown).collect();
        let x = columns(lines[cursor.0].chars().skip(rows[at].start).take(cursor.1 - rows[at].start));
        View {
            rows: rows[shown.clone()].iter().map(shown_row).collect(),
            // A cursor on spaces past the row's end stays on its last column.
            cursor: (x.min(width - 1) as u16, (at - top) as u16),
            above: top,
            below: rows.len() - shown.end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.split('\n').map(str::to_owned).collect()
    }

    /// The rows of `text` wrapped at `width`, as text.
    fn wrapped(text: &str, width: usize) -> Vec<String> {
        let lines = lines(text);
        wrap(&lines, width)
            .iter()
            .map(|r| lines[r.line].chars().skip(r.start).take(r.end - r.start).collect())
            .collect()
    }

    const DESCRIPTION: &str = "Idé: ett internt återbrukslager där förvaltningarna lämnar och hämtar möbler i stället för att köpa nytt.";

    #[test]
    fn long_lines_break_between_words_at_60_and_80_columns() {
        // The value column of the form on an 80- and a 60-column screen.
        assert_eq!(
            wrapped(DESCRIPTION, 56),
            [
                "Idé: ett internt återbrukslager där förvaltningarna ",
                "lämnar och hämtar möbler i stället för att köpa nytt.",
            ]
        );
        assert_eq!(
            wrapped(DESCRIPTION, 36),
            [
                "Idé: ett internt återbrukslager där ",
                "förvaltningarna lämnar och hämtar ",
                "möbler i stället för att köpa nytt."
            ]
        );
        for width in [36, 56] {
            let rows = wrapped(DESCRIPTION, width);
            assert_eq!(rows.concat(), DESCRIPTION, "nothing lost or added at {width}");
            assert!(rows.iter().all(|r| r.trim_end().chars().count() <= width), "{rows:?}");
        }
    }

    #[test]
    fn line_breaks_stay_and_a_word_longer_than_a_row_is_cut() {
        assert_eq!(wrapped("Första stycket.\n\nAndra", 56), ["Första stycket.", "", "Andra"]);
        assert_eq!(wrapped("abcdefghij kl", 4), ["abcd", "efgh", "ij ", "kl"]);
        // Wide characters count twice.
        assert_eq!(wrapped("漢字漢字漢字", 5), ["漢字", "漢字", "漢字"]);
        // Spaces after a full row hang past it; the next word starts the next row.
        assert_eq!(wrapped("abcd    efg", 4), ["abcd    ", "efg"]);
        // A full last row leaves room for the cursor after it.
        assert_eq!(wrapped("abcd", 4), ["abcd", ""]);
        assert_eq!(wrapped("", 4), [""]);
        // A control char in a file's text is drawn as a symbol one column wide.
        assert_eq!(wrapped("ab\u{1b}[2J", 4), ["ab\u{1b}[", "2J"]);
    }

    #[test]
    fn the_cursor_is_on_the_row_its_char_begins() {
        let lines = lines("abc def\nx");
        let rows = wrap(&lines, 4);
        assert_eq!(row_of(&rows, (0, 3)), 0, "on the hanging space");
        assert_eq!(row_of(&rows, (0, 4)), 1, "the second row's first char");
        assert_eq!(row_of(&rows, (0, 7)), 1, "the line's end");
        assert_eq!(row_of(&rows, (1, 1)), 2);
    }

    fn typed(text: &str) -> TextBox {
        let mut text_box = TextBox::new(vec![String::new()]);
        text_box.type_text(Typed::Paste(text));
        text_box
    }

    #[test]
    fn up_and_down_move_between_wrapped_rows_then_leave() {
        for width in [36, 56] {
            let mut text_box = typed(&format!("{DESCRIPTION}\nSlut"));
            text_box.to_edge(false);
            let rows = wrap(text_box.lines(), width).len();
            let mut moves = 0;
            while text_box.move_vertically(true, width) {
                moves += 1;
            }
            assert_eq!(moves, rows - 1, "down through every row at {width}");
            assert_eq!(text_box.cursor(), (1, 0));
            while text_box.move_vertically(false, width) {}
            assert_eq!(text_box.cursor(), (0, 0), "and back up at {width}");
        }
    }

    #[test]
    fn up_and_down_keep_to_the_column_they_started_in() {
        // At 10 columns: "aaaaaaaa ", "bb ", "cccccccc".
        let mut text_box = typed("aaaaaaaa bb cccccccc");
        text_box.to_edge(false);
        for _ in 0..6 {
            text_box.type_text(Typed::Key(crate::action::Edit::NextChar));
        }
        assert!(text_box.move_vertically(true, 10));
        assert_eq!(text_box.cursor(), (0, 11), "on the short row's last char, before the next row");
        assert!(text_box.move_vertically(true, 10));
        assert_eq!(text_box.cursor(), (0, 18), "back at column 6");
        assert!(!text_box.move_vertically(true, 10), "the last row: the key leaves the field");
        assert_eq!(text_box.cursor(), (0, 18));
    }

    #[test]
    fn the_view_scrolls_to_the_cursor_and_counts_what_is_out_of_view() {
        let mut text_box = typed(&["ett", "två", "tre", "fyra", "fem", "sex", "sju"].join("\n"));
        let view = text_box.view(20, 5);
        assert_eq!((view.rows.len(), view.above, view.below), (5, 2, 0), "the cursor at the end shows");
        assert_eq!(view.cursor, (3, 4));
        assert_eq!(view.rows[4], "sju");
        text_box.to_edge(false);
        let view = text_box.view(20, 5);
        assert_eq!((view.above, view.below, view.cursor), (0, 2, (0, 0)));
        for _ in 0..4 {
            text_box.move_vertically(true, 20);
        }
        let view = text_box.view(20, 5);
        assert_eq!((view.above, view.cursor.1), (0, 4), "the view moves only when it must");
        text_box.move_vertically(true, 20);
        assert_eq!(text_box.view(20, 5).above, 1);
    }

    #[test]
    fn home_and_end_go_to_the_ends_of_the_row_drawn() {
        // At 10 columns: "aaaaaaaa ", "bb ", "cccccccc".
        let mut text_box = typed("aaaaaaaa bb cccccccc\nzz");
        text_box.to_edge(false);
        text_box.type_text(Typed::Key(Edit::End));
        assert_eq!(text_box.cursor(), (0, 20), "not drawn yet: the whole line's end");
        text_box.view(10, 5);
        text_box.to_edge(false);
        text_box.move_vertically(true, 10);
        text_box.type_text(Typed::Key(Edit::End));
        assert_eq!(text_box.cursor(), (0, 11), "the second row's end, on the space it broke at");
        assert_eq!(text_box.view(10, 5).cursor, (2, 1), "drawn on that row");
        text_box.type_text(Typed::Key(Edit::Start));
        assert_eq!(text_box.cursor(), (0, 9), "the second row's start");
        text_box.move_vertically(true, 10);
        text_box.type_text(Typed::Key(Edit::End));
        assert_eq!(text_box.cursor(), (0, 20), "the line's last row: its end");
        text_box.type_text(Typed::Key(Edit::Start));
        assert_eq!(text_box.cursor(), (0, 12));
        text_box.move_vertically(true, 10);
        text_box.type_text(Typed::Key(Edit::End));
        assert_eq!(text_box.cursor(), (1, 2), "a short line: as before");
    }

    #[test]
    fn a_text_is_given_back_as_it_came_until_it_is_edited() {
        for text in ["Rad ett\r\nRad två\r\n", "Rad ett\n", "", "\n", "a\n\nb"] {
            let mut text_box = TextBox::from_text(text);
            assert_eq!(text_box.text(), text, "unedited");
            text_box.to_edge(true);
            text_box.type_text(Typed::Key(Edit::Insert('!')));
            text_box.type_text(Typed::Key(Edit::DeletePreviousChar));
            assert_eq!(text_box.text(), text, "typed and taken back: as it was");
            text_box.type_text(Typed::Key(Edit::Insert('!')));
            assert_eq!(
                text_box.text(),
                format!("{}!", text.lines().collect::<Vec<_>>().join("\n")),
                "edited"
            );
        }
    }

    #[test]
    fn control_chars_are_drawn_visible() {
        let text_box = TextBox::new(vec!["a\u{1b}b\tc".to_owned()]);
        assert_eq!(text_box.view(10, 2).rows, ["a␛b c"]);
    }

    #[test]
    fn the_cursor_after_a_full_row_is_drawn_on_the_row_below() {
        let text_box = typed("abcd");
        let view = text_box.view(4, 3);
        assert_eq!(view.rows, ["abcd", ""]);
        assert_eq!(view.cursor, (0, 1));
    }
}
