//! The bytes fasett writes to the terminal. ratatui works out which cells of a frame changed;
//! this backend turns them into as few bytes as it can and writes each frame in one piece,
//! and a frame that changes nothing writes nothing at all (over SSH every byte is a packet).
//!
//! It remembers what the terminal shows, where its cursor is, whether the cursor is visible
//! and which colours are set, so it never repeats what the terminal already has: no cursor
//! command when the cursor is already there, no colour that is already set. It moves forward
//! with the short relative move, prints a short run of unchanged cells instead of jumping over
//! it when that is cheaper, and erases the blank end of a row with one "erase to end of line".
//! [`Output::clear`] forgets all of it and starts from a cleared screen, so nothing drawn
//! before (by fasett or anyone else) shows through.

use std::fmt::Write as _;
use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// Sets the terminal to a known state and clears it: attributes, character set (a stray
/// shift-out or line-drawing set turns letters into boxes), insert mode and scrolling region
/// back to normal, cursor home, screen erased.
const CLEAR: &str = "\x0f\x1b(B\x1b[0m\x1b[4l\x1b[r\x1b[H\x1b[2J";
/// Erases from the cursor to the end of its row, in the current background.
const ERASE_TO_END: &str = "\x1b[K";
/// Changed blank cells at the end of a row worth one erase instead of printing them.
const ERASE_FROM: usize = 3;
/// Changed blank cells in a row worth one "erase characters" and a move instead of printing
/// them.
const ERASE_RUN_FROM: usize = 10;

/// The colours and attributes the terminal draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    fn of(cell: &Cell) -> Pen {
        Pen { fg: cell.fg, bg: cell.bg, underline: cell.underline_color, modifier: cell.modifier }
    }
}

/// A ratatui backend writing to `W` (the terminal).
#[derive(Debug)]
pub struct Output<W: Write> {
    out: W,
    /// This frame's bytes, written at [`Backend::flush`].
    pending: String,
    /// What the terminal shows, as far as fasett knows.
    shown: Buffer,
    /// `None`: not known (at the start, after a print into the last column).
    cursor: Option<Position>,
    visible: Option<bool>,
    /// `None`: not known.
    pen: Option<Pen>,
    /// A fixed size (tests); `None` asks the terminal.
    size: Option<Size>,
    written: usize,
}

impl<W: Write> Output<W> {
    /// Output to a real terminal, whose size is asked when needed.
    pub fn new(out: W) -> Self {
        Self::build(out, None)
    }

    /// Output to something that is not a terminal, of a fixed size (tests, measurements).
    pub fn with_size(out: W, width: u16, height: u16) -> Self {
        Self::build(out, Some(Size { width, height }))
    }

    fn build(out: W, size: Option<Size>) -> Self {
        let area = size.map_or(Rect::ZERO, Rect::from);
        Self {
            out,
            pending: String::new(),
            shown: Buffer::empty(area),
            cursor: None,
            visible: None,
            pen: None,
            size,
            written: 0,
        }
    }

    /// Where the bytes go.
    pub fn writer(&self) -> &W {
        &self.out
    }

    /// Every byte written so far.
    pub fn bytes_written(&self) -> usize {
        self.written
    }

    /// Writes `bytes` as they are, now (mode switches around the frames: the alternate
    /// screen, bracketed paste), and forgets the cursor and colours, which they may change.
    pub fn raw(&mut self, bytes: &str) -> io::Result<()> {
        self.pending.push_str(bytes);
        self.cursor = None;
        self.pen = None;
        Backend::flush(self)
    }

    /// Leaves the terminal as a shell expects it: default colours and a visible cursor.
    pub fn finish(&mut self) -> io::Result<()> {
        self.set_pen(Pen::default());
        self.show(true);
        Backend::flush(self)
    }

    fn show(&mut self, visible: bool) {
        if self.visible != Some(visible) {
            self.pending.push_str(if visible { "\x1b[?25h" } else { "\x1b[?25l" });
            self.visible = Some(visible);
        }
    }

    fn set_pen(&mut self, pen: Pen) {
        if self.pen != Some(pen) {
            self.pending.push_str(&sgr(self.pen, pen));
            self.pen = Some(pen);
        }
    }

    /// Moves the cursor to `to`: nowhere if it is there, forward on its row by a relative
    /// move or by printing the cells in between (when that is shorter), else absolutely.
    fn move_to(&mut self, to: Position) {
        match self.cursor {
            Some(at) if at == to => return,
            Some(at) if at.y == to.y && at.x < to.x => {
                let step =
                    if to.x - at.x == 1 { "\x1b[C".to_owned() } else { format!("\x1b[{}C", to.x - at.x) };
                if let Some(bytes) = self.reprint(at, to, step.len()) {
                    self.pending.push_str(&bytes);
                    self.pen = self.shown.cell(Position::new(to.x - 1, to.y)).map(Pen::of).or(self.pen);
                } else {
                    self.pending.push_str(&step);
                }
            }
            _ => {
                let _ = match (to.x, to.y) {
                    (0, 0) => write!(self.pending, "\x1b[H"),
                    (0, y) => write!(self.pending, "\x1b[{}H", y + 1),
                    (x, y) => write!(self.pending, "\x1b[{};{}H", y + 1, x + 1),
                };
            }
        }
        self.cursor = Some(to);
    }

    /// The bytes that print the unchanged cells from `from` up to `to` on one row, if every
    /// one of them is a plain narrow cell and they cost at most `budget` bytes.
    fn reprint(&self, from: Position, to: Position, budget: usize) -> Option<String> {
        let mut out = String::new();
        let mut pen = self.pen;
        for x in from.x..to.x {
            let cell = self.shown.cell(Position::new(x, from.y))?;
            if !plain_narrow(cell) {
                return None;
            }
            let wanted = Pen::of(cell);
            if pen != Some(wanted) {
                out.push_str(&sgr(pen, wanted));
                pen = Some(wanted);
            }
            out.push_str(cell.symbol());
            if out.len() > budget {
                return None;
            }
        }
        Some(out)
    }

    fn print(&mut self, at: Position, cell: &Cell) {
        self.move_to(at);
        self.set_pen(Pen::of(cell));
        self.pending.push_str(cell.symbol());
        let width = cell_width(cell);
        let next = at.x.saturating_add(width);
        // Printing into the last column leaves the cursor there, waiting to wrap: terminals
        // differ in what they do next, so the next move is absolute.
        self.cursor = (next < self.shown.area.width).then_some(Position::new(next, at.y));
    }

    /// Where the blank end of row `y` starts: the first column from which every cell is a
    /// space in default colours, not the right half of a wide character.
    fn blank_tail(&self, y: u16) -> u16 {
        let width = self.shown.area.width;
        let mut start = width;
        while start > 0 {
            match self.shown.cell(Position::new(start - 1, y)) {
                Some(cell) if is_blank(cell) => start -= 1,
                _ => break,
            }
        }
        // A wide character just before it covers its first cell.
        while start > 0 && start < width {
            match self.shown.cell(Position::new(start - 1, y)) {
                Some(cell) if cell_width(cell) > 1 => start += 1,
                _ => break,
            }
        }
        start
    }

    fn draw_row(&mut self, y: u16, cells: &[(u16, Cell)]) {
        let tail = self.blank_tail(y);
        let in_tail = cells.iter().filter(|(x, _)| *x >= tail).count();
        let mut rest = cells;
        while let Some(((x, cell), after)) = rest.split_first() {
            let at = Position::new(*x, y);
            if *x >= tail && in_tail >= ERASE_FROM {
                self.move_to(at);
                self.set_pen(Pen::default());
                self.pending.push_str(ERASE_TO_END);
                return;
            }
            // The changed cells in the blank stretch from here: erased at once if cheaper.
            let stretch = (*x..self.shown.area.width)
                .take_while(|cx| self.shown.cell(Position::new(*cx, y)).is_some_and(is_blank))
                .count();
            let end = x.saturating_add(u16::try_from(stretch).unwrap_or(u16::MAX));
            let covered = rest.iter().take_while(|(cx, _)| *cx < end).count();
            if covered >= ERASE_RUN_FROM {
                let last = rest[covered - 1].0;
                self.move_to(at);
                self.set_pen(Pen::default());
                let _ = write!(self.pending, "\x1b[{}X", last - x + 1);
                rest = &rest[covered..];
                continue;
            }
            self.print(at, cell);
            rest = after;
        }
    }
}

impl<W: Write> Backend for Output<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut rows: Vec<(u16, Vec<(u16, Cell)>)> = Vec::new();
        for (x, y, cell) in content {
            if let Some(shown) = self.shown.cell_mut(Position::new(x, y)) {
                *shown = cell.clone();
            }
            // The cells a wide character covers are blank in ratatui's buffer, whatever the
            // diff says about them.
            for covered in 1..cell_width(cell) {
                if let Some(shown) = self.shown.cell_mut(Position::new(x.saturating_add(covered), y)) {
                    shown.reset();
                }
            }
            match rows.last_mut() {
                Some((row, cells)) if *row == y => cells.push((x, cell.clone())),
                _ => rows.push((y, vec![(x, cell.clone())])),
            }
        }
        if rows.is_empty() {
            return Ok(());
        }
        for (y, cells) in &rows {
            self.draw_row(*y, cells);
        }
        // Default colours between frames, as anything else writing to the terminal expects.
        self.set_pen(Pen::default());
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.show(false);
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.show(true);
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        // Asking the terminal means reading its answer from the input: never do that.
        Ok(self.cursor.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        if self.cursor != Some(position) {
            self.cursor = None;
            self.move_to(position);
        }
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        match clear_type {
            ClearType::All => {
                self.pending.push_str(CLEAR);
                self.pen = Some(Pen::default());
                self.cursor = Some(Position::ORIGIN);
                self.shown = Buffer::empty(Rect::from(self.size()?));
            }
            other => {
                self.set_pen(Pen::default());
                self.pending.push_str(match other {
                    ClearType::AfterCursor => "\x1b[J",
                    ClearType::BeforeCursor => "\x1b[1J",
                    ClearType::CurrentLine => "\x1b[2K",
                    ClearType::UntilNewLine | ClearType::All => ERASE_TO_END,
                });
                // What is left is not known cell by cell: the next clear of all starts over.
                self.shown = Buffer::empty(self.shown.area);
            }
        }
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        match self.size {
            Some(size) => Ok(size),
            None => ratatui::crossterm::terminal::size().map(|(width, height)| Size { width, height }),
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let size = self.size()?;
        Ok(WindowSize { columns_rows: size, pixels: Size::default() })
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let result = self.out.write_all(self.pending.as_bytes()).and_then(|()| self.out.flush());
        self.written += self.pending.len();
        self.pending.clear();
        result
    }
}

fn cell_width(cell: &Cell) -> u16 {
    match cell.diff_option {
        CellDiffOption::ForcedWidth(width) => width.get(),
        _ => u16::try_from(cell.symbol().width()).unwrap_or(1).max(1),
    }
}

/// One narrow character the diff treats as any other: safe to print again in passing.
fn plain_narrow(cell: &Cell) -> bool {
    cell.diff_option == CellDiffOption::None
        && cell.symbol().width() == 1
        && cell.symbol().chars().all(|c| !c.is_control())
}

fn is_blank(cell: &Cell) -> bool {
    cell.symbol() == " " && cell.diff_option == CellDiffOption::None && Pen::of(cell) == Pen::default()
}

/// The shortest "select graphic rendition" sequence from `from` (`None`: not known) to `to`.
fn sgr(from: Option<Pen>, to: Pen) -> String {
    let relative = from.map(|from| sgr_params(from, to, false));
    let absolute = sgr_params(Pen::default(), to, true);
    let params = match relative {
        Some(relative) if relative.len() <= absolute.len() => relative,
        _ => absolute,
    };
    format!("\x1b[{params}m")
}

/// Each modifier's SGR codes that turn it on and off (bold and dim share one off code, as do
/// the two blinks).
const SGR: [(Modifier, u8, u8); 9] = [
    (Modifier::BOLD, 1, 22),
    (Modifier::DIM, 2, 22),
    (Modifier::ITALIC, 3, 23),
    (Modifier::UNDERLINED, 4, 24),
    (Modifier::SLOW_BLINK, 5, 25),
    (Modifier::RAPID_BLINK, 6, 25),
    (Modifier::REVERSED, 7, 27),
    (Modifier::HIDDEN, 8, 28),
    (Modifier::CROSSED_OUT, 9, 29),
];

/// The parameters from `from` to `to`; `reset` starts with 0 (everything off).
fn sgr_params(from: Pen, to: Pen, reset: bool) -> String {
    let mut params: Vec<String> = Vec::new();
    if reset {
        params.push("0".into());
    }
    let removed = from.modifier - to.modifier;
    let mut added = to.modifier - from.modifier;
    // An off code turns off every modifier that shares it; the ones that stay are turned
    // on again.
    let mut offs: Vec<u8> = Vec::new();
    for (modifier, _, off) in SGR {
        if removed.contains(modifier) && !offs.contains(&off) {
            offs.push(off);
        }
    }
    for (modifier, _, off) in SGR {
        if offs.contains(&off) {
            added |= to.modifier & modifier;
        }
    }
    params.extend(offs.iter().map(u8::to_string));
    params.extend(
        SGR.iter().filter(|(modifier, ..)| added.contains(*modifier)).map(|(_, on, _)| on.to_string()),
    );
    for (old, new, base) in [(from.fg, to.fg, 38), (from.bg, to.bg, 48), (from.underline, to.underline, 58)] {
        if old != new {
            params.push(colour(new, base));
        }
    }
    params.join(";")
}

/// A colour parameter: `base` is 38 (foreground), 48 (background) or 58 (underline). Named
/// colours are written as their palette index, as crossterm writes them, so they look the same.
fn colour(colour: Color, base: u8) -> String {
    let index = match colour {
        Color::Reset => return (base + 1).to_string(),
        Color::Rgb(r, g, b) => return format!("{base};2;{r};{g};{b}"),
        Color::Indexed(i) => i,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    format!("{base};5;{index}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::Terminal;
    use ratatui::backend::CrosstermBackend;
    use ratatui::style::Style;
    use ratatui::text::{Line, Span};
    use ratatui::widgets::{Block, Paragraph, Widget};

    type Test = Terminal<Output<Vec<u8>>>;
    type Lines<'a> = [Vec<(&'a str, Style)>];

    fn terminal(width: u16, height: u16) -> Test {
        let mut terminal = Terminal::new(Output::with_size(Vec::new(), width, height)).expect("a terminal");
        terminal.clear().expect("clears");
        terminal
    }

    /// `lines` (each a list of styled pieces) in a bordered box.
    fn paragraph<'a>(lines: &Lines<'a>) -> Paragraph<'a> {
        let text: Vec<Line> = lines
            .iter()
            .map(|pieces| Line::from(pieces.iter().map(|(t, s)| Span::styled(*t, *s)).collect::<Vec<_>>()))
            .collect();
        Paragraph::new(text).block(Block::bordered().title(" t "))
    }

    /// Draws `lines` and returns the bytes this frame wrote.
    fn frame(terminal: &mut Test, lines: &Lines, cursor: Option<(u16, u16)>) -> usize {
        let before = terminal.backend().bytes_written();
        terminal
            .draw(|f| {
                f.render_widget(paragraph(lines), f.area());
                if let Some(at) = cursor {
                    f.set_cursor_position(at);
                }
            })
            .expect("draws");
        terminal.backend().bytes_written() - before
    }

    /// The buffer `lines` make at `width` × `height`.
    fn buffer(lines: &Lines, width: u16, height: u16) -> Buffer {
        let mut buffer = Buffer::empty(Rect::new(0, 0, width, height));
        paragraph(lines).render(buffer.area, &mut buffer);
        buffer
    }

    /// How a cell looks: the foreground and boldness of a blank do not show.
    fn look(
        x: u16,
        y: u16,
        text: &str,
        fg: vt100::Color,
        bg: vt100::Color,
        bold: bool,
        inverse: bool,
    ) -> String {
        if text == " " && !inverse {
            format!("{x},{y}   {bg:?}")
        } else {
            format!("{x},{y} {text} {fg:?} {bg:?} {bold} {inverse}")
        }
    }

    /// What a terminal shows after reading `bytes`, one text per cell.
    fn seen(bytes: &[u8], width: u16, height: u16) -> Vec<String> {
        let mut parser = vt100::Parser::new(height, width, 0);
        parser.process(bytes);
        let screen = parser.screen();
        let mut cells = Vec::new();
        for y in 0..height {
            for x in 0..width {
                let Some(c) = screen.cell(y, x) else { continue };
                if !c.is_wide_continuation() {
                    let text = if c.has_contents() { c.contents() } else { " " };
                    cells.push(look(x, y, text, c.fgcolor(), c.bgcolor(), c.bold(), c.inverse()));
                }
            }
        }
        cells
    }

    fn vt_colour(colour: Color) -> vt100::Color {
        match colour {
            Color::Reset => vt100::Color::Default,
            Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
            other => super::colour(other, 38)
                .strip_prefix("38;5;")
                .and_then(|i| i.parse().ok())
                .map_or(vt100::Color::Default, vt100::Color::Idx),
        }
    }

    /// What the terminal should show for `buffer`, in the terms of [`seen`].
    fn expected(buffer: &Buffer) -> Vec<String> {
        let mut cells = Vec::new();
        let mut covered = 0;
        for (i, cell) in buffer.content.iter().enumerate() {
            let (x, y) = buffer.pos_of(i);
            if covered > 0 {
                covered -= 1;
                continue;
            }
            covered = cell_width(cell) - 1;
            let bold = cell.modifier.contains(Modifier::BOLD);
            let inverse = cell.modifier.contains(Modifier::REVERSED);
            cells.push(look(x, y, cell.symbol(), vt_colour(cell.fg), vt_colour(cell.bg), bold, inverse));
        }
        cells
    }

    /// The cells where the terminal shows something else than `buffer`.
    fn wrong(t: &Test, buffer: &Buffer) -> Vec<(String, String)> {
        let Size { width, height } = t.backend().size().expect("a size");
        seen(t.backend().writer(), width, height)
            .into_iter()
            .zip(expected(buffer))
            .filter(|(a, b)| a != b)
            .collect()
    }

    #[test]
    fn a_frame_that_changes_nothing_writes_nothing() {
        let mut t = terminal(30, 6);
        let lines = [vec![("hello", Style::new().bold())], vec![("world", Style::new())]];
        assert!(frame(&mut t, &lines, None) > 0);
        assert_eq!(frame(&mut t, &lines, None), 0);
        // A cursor that stays put costs nothing either, once shown.
        assert!(frame(&mut t, &lines, Some((3, 2))) > 0);
        assert_eq!(frame(&mut t, &lines, Some((3, 2))), 0);
        assert_eq!(wrong(&t, &buffer(&lines, 30, 6)), []);
    }

    #[test]
    fn a_changed_word_costs_about_its_own_bytes() {
        let mut t = terminal(40, 4);
        frame(&mut t, &[vec![("the quick brown fox", Style::new())]], None);
        let written = frame(&mut t, &[vec![("the quick green fox", Style::new())]], None);
        // An absolute move and "green"; "ee" is printed again rather than jumped over.
        assert!(written <= 13, "{written} bytes");
        let lines = [vec![("the", Style::new())]];
        let erased = frame(&mut t, &lines, None);
        assert!(erased <= 12, "the rest of the row is erased at once: {erased} bytes");
        assert_eq!(wrong(&t, &buffer(&lines, 40, 4)), []);
    }

    #[test]
    fn clearing_forgets_what_was_shown_and_draws_everything_again() {
        let mut t = terminal(20, 4);
        let lines = [vec![("kept", Style::new())]];
        frame(&mut t, &lines, None);
        // Another program writes over the screen, in colour and the line-drawing set.
        t.backend_mut().out.extend_from_slice(b"\x1b[2;3H\x1b[41mgarbage\x1b(0qqq");
        assert_ne!(wrong(&t, &buffer(&lines, 20, 4)), []);
        t.clear().expect("clears");
        frame(&mut t, &lines, None);
        assert_eq!(wrong(&t, &buffer(&lines, 20, 4)), []);
    }

    /// Bytes written through one handle, read through another.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl io::Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    proptest! {
        /// Any sequence of frames shows each frame on a terminal, cell for cell, but where
        /// ratatui's own backend shows the same thing (a wide character's half, at times).
        #[test]
        fn any_frames_look_as_with_ratatuis_own_backend(
            frames in prop::collection::vec(
                prop::collection::vec(prop::collection::vec((0usize..7, 0usize..4), 0..5), 0..5),
                1..6,
            )
        ) {
            const WORDS: [&str; 7] = ["a", "bc ", "  ", "Åäö", "日本", "…·─", "       x"];
            let styles = [
                Style::new(),
                Style::new().fg(Color::Cyan).bold(),
                Style::new().bg(Color::Indexed(4)).fg(Color::White),
                Style::new().reversed(),
            ];
            let (width, height) = (16, 7);
            let mut t = terminal(width, height);
            let written = Shared::default();
            let mut reference = CrosstermBackend::new(written.clone());
            let mut previous = Buffer::empty(Rect::new(0, 0, width, height));
            for lines in &frames {
                let lines: Vec<Vec<(&str, Style)>> =
                    lines.iter().map(|pieces| pieces.iter().map(|(w, s)| (WORDS[*w], styles[*s])).collect()).collect();
                frame(&mut t, &lines, None);
                let next = buffer(&lines, width, height);
                reference.draw(previous.diff(&next).into_iter()).expect("draws");
                previous = next;
                let mine = seen(t.backend().writer(), width, height);
                let theirs = seen(&written.0.borrow(), width, height);
                let wanted = expected(&previous);
                let differ: Vec<_> =
                    mine.iter().zip(&theirs).zip(&wanted).filter(|((m, t), w)| m != w && m != t).collect();
                prop_assert!(differ.is_empty(), "{:?}\n{:?}", differ, String::from_utf8_lossy(t.backend().writer()));
            }
        }
    }
}
