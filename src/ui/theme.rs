//! Colours, text styles and the symbols the interface draws.
//!
//! Without colours (`NO_COLOR`, or `:color off`) every style falls back to bold, reverse,
//! underline and dim, chosen so that the selection (reverse) and what is overdue or wrong
//! (bold, underlined, marked `!`) never look alike, on a monochrome projector too.
//!
//! On a terminal that cannot show Unicode (a locale without UTF-8, or `FASETT_ASCII=1`) the
//! symbols come from [`Symbols::ASCII`] and everything else drawn is folded to ASCII one
//! column for one column ([`to_ascii`]), so nothing shifts.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use unicode_normalization::UnicodeNormalization;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::app::App;
use crate::placement::Pole;
use crate::scoring::Trend;

#[derive(Debug, Clone, Copy, Default)]
pub struct Theme {
    color: bool,
    ascii: bool,
}

impl Theme {
    pub fn new(color: bool, ascii: bool) -> Self {
        Self { color, ascii }
    }

    /// The theme the app is drawn with: its colour choice and its terminal's character set.
    pub fn of(app: &App) -> Self {
        Self::new(!app.no_color, app.ascii)
    }

    /// Whether only ASCII is drawn.
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// The one place the interface gets its symbols from.
    pub fn symbols(&self) -> &'static Symbols {
        if self.ascii { &Symbols::ASCII } else { &Symbols::UNICODE }
    }

    /// A box with a border in this theme's characters.
    pub fn bordered(&self) -> Block<'static> {
        Block::bordered().border_set(self.symbols().border)
    }

    /// The selection mark, or a blank of the same width.
    pub fn mark(&self, selected: bool) -> &'static str {
        if selected { self.symbols().selected } else { " " }
    }

    /// A form field's label cut to `width`: the selection mark before it when the field has
    /// the focus, in the error style when its value was refused.
    pub fn field_label(&self, label: &str, width: usize, focused: bool, has_error: bool) -> Line<'static> {
        Line::styled(
            self.truncate(&format!("{} {label}", self.mark(focused)), width),
            self.label(focused, has_error),
        )
    }

    /// A form field's label: the error style when its value was refused, else the key style
    /// when it has the focus, else dim.
    pub fn label(&self, focused: bool, has_error: bool) -> Style {
        if has_error {
            self.error()
        } else if focused {
            self.key()
        } else {
            self.dim()
        }
    }

    /// Cuts `text` to at most `width` columns, ending in the ellipsis when something was cut.
    pub fn truncate(&self, text: &str, width: usize) -> String {
        truncate_with(text, width, self.symbols().ellipsis)
    }

    /// `text` wrapped between words onto at most `rows` lines of `width` columns; when it
    /// needs more, the last line ends in the ellipsis.
    pub fn wrap_at_most(&self, text: &str, width: usize, rows: usize) -> Vec<String> {
        let mut lines = crate::text::wrap_words(text, width);
        if lines.len() > rows {
            let rest = lines.split_off(rows.saturating_sub(1)).join(" ");
            if rows > 0 {
                lines.push(self.shorten_words(&rest, width));
            }
        }
        lines
    }

    /// Entries of "label: value" pairs (several pairs on one entry apart by the separator)
    /// wrapped into at most `rows` lines of `width`, the labels dim. Every entry gets a line
    /// before any gets a second, then they get the rows they need in order; what is cut ends
    /// in the ellipsis. An empty label writes the value alone.
    pub fn labelled_lines(
        &self,
        entries: &[Vec<(String, String)>],
        width: usize,
        rows: usize,
    ) -> Vec<Line<'static>> {
        let texts: Vec<String> = entries
            .iter()
            .map(|pairs| {
                let pairs = pairs.iter().map(|(label, value)| {
                    let value = crate::text::one_line(value);
                    if label.is_empty() { value.into_owned() } else { format!("{label}: {value}") }
                });
                pairs.collect::<Vec<_>>().join(&format!(" {} ", self.symbols().separator))
            })
            .collect();
        let needs: Vec<usize> = texts.iter().map(|t| crate::text::wrap_words(t, width).len()).collect();
        let mut give: Vec<usize> = (0..texts.len()).map(|ix| usize::from(ix < rows)).collect();
        let mut left = rows.saturating_sub(texts.len());
        for (given, need) in give.iter_mut().zip(&needs) {
            let more = need.saturating_sub(*given).min(left);
            *given += more;
            left -= more;
        }
        let mut lines = Vec::new();
        for ((text, pairs), given) in texts.iter().zip(entries).zip(give) {
            let labels: Vec<String> =
                pairs.iter().filter(|(l, _)| !l.is_empty()).map(|(l, _)| format!("{l}:")).collect();
            for line in self.wrap_at_most(text, width, given) {
                lines.push(self.dim_labels(&line, &labels));
            }
        }
        lines
    }

    /// `line` with each of `labels` in it drawn dim.
    fn dim_labels(&self, line: &str, labels: &[String]) -> Line<'static> {
        let mut spans = Vec::new();
        let mut rest = line;
        while let Some((at, label)) =
            labels.iter().filter_map(|l| rest.find(l.as_str()).map(|at| (at, l))).min_by_key(|(at, _)| *at)
        {
            if at > 0 {
                spans.push(Span::raw(rest[..at].to_owned()));
            }
            spans.push(Span::styled(label.clone(), self.dim()));
            rest = &rest[at + label.len()..];
        }
        if !rest.is_empty() {
            spans.push(Span::raw(rest.to_owned()));
        }
        Line::from(spans)
    }

    /// [`crate::text::shorten_words`] with the ellipsis drawn: cut after a whole word.
    pub fn shorten_words(&self, text: &str, width: usize) -> String {
        crate::text::shorten_words_with(text, width, self.symbols().ellipsis)
    }

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    pub fn brand(&self) -> Style {
        self.pick(Style::new().fg(Color::Black).bg(Color::Cyan).bold(), Style::new().reversed().bold())
    }

    pub fn tab(&self) -> Style {
        Style::new()
    }

    pub fn tab_active(&self) -> Style {
        self.pick(Style::new().fg(Color::Cyan).bold().underlined(), Style::new().bold().underlined())
    }

    /// The selected row: reverse video without colours, which nothing else uses for text.
    pub fn selected(&self) -> Style {
        self.pick(Style::new().bg(Color::Blue).fg(Color::White).bold(), Style::new().reversed().bold())
    }

    pub fn heading(&self) -> Style {
        self.pick(Style::new().fg(Color::Cyan).bold(), Style::new().bold())
    }

    pub fn border(&self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new())
    }

    pub fn border_focused(&self) -> Style {
        self.pick(Style::new().fg(Color::Cyan), Style::new().bold())
    }

    pub fn dim(&self) -> Style {
        self.pick(Style::new().fg(Color::Gray), Style::new().add_modifier(Modifier::DIM))
    }

    pub fn key(&self) -> Style {
        self.pick(Style::new().fg(Color::Yellow).bold(), Style::new().bold())
    }

    pub fn info(&self) -> Style {
        self.pick(Style::new().fg(Color::Green), Style::new())
    }

    pub fn warning(&self) -> Style {
        self.pick(Style::new().fg(Color::Yellow).bold(), Style::new().bold())
    }

    /// Errors: bold and underlined without colours, never reversed like the selection.
    pub fn error(&self) -> Style {
        self.pick(Style::new().fg(Color::Red).bold(), Style::new().bold().underlined())
    }

    /// A date that has passed: the error's style, always with [`Symbols::overdue`] before it.
    pub fn overdue(&self) -> Style {
        self.error()
    }
}

/// Declares [`Symbols`] and its two sets from one table: each symbol's doc, type, and its
/// Unicode and ASCII forms side by side, so a symbol cannot be added to one set and not the
/// other.
macro_rules! symbol_sets {
    ($($(#[$doc:meta])* $name:ident: $ty:ty = $unicode:expr, $ascii:expr;)+) => {
        /// Every symbol the interface draws beside its words, in one of two sets.
        #[derive(Debug)]
        pub struct Symbols {
            ascii: bool,
            $($(#[$doc])* pub $name: $ty,)+
        }

        impl Symbols {
            pub const UNICODE: Symbols = Symbols { ascii: false, $($name: $unicode,)+ };
            pub const ASCII: Symbols = Symbols { ascii: true, $($name: $ascii,)+ };

            /// Every text of the set, symbol by symbol in table order, so a test can hold
            /// each Unicode form against its ASCII stand-in.
            #[cfg(test)]
            fn texts(&self) -> Vec<&'static str> {
                let mut texts = Vec::new();
                $(Texts::push_to(&self.$name, &mut texts);)+
                texts
            }
        }
    };
}

/// The texts a symbol is drawn with: one, a pair, or a border's eight.
#[cfg(test)]
trait Texts {
    fn push_to(&self, texts: &mut Vec<&'static str>);
}

#[cfg(test)]
impl Texts for &'static str {
    fn push_to(&self, texts: &mut Vec<&'static str>) {
        texts.push(self);
    }
}

#[cfg(test)]
impl Texts for Pair {
    fn push_to(&self, texts: &mut Vec<&'static str>) {
        texts.extend([self.0, self.1]);
    }
}

#[cfg(test)]
impl Texts for border::Set<'static> {
    fn push_to(&self, texts: &mut Vec<&'static str>) {
        texts.extend([
            self.top_left,
            self.top_right,
            self.bottom_left,
            self.bottom_right,
            self.vertical_left,
            self.vertical_right,
            self.horizontal_top,
            self.horizontal_bottom,
        ]);
    }
}

/// Two symbols drawn as a pair (either side of a value, or one and its opposite).
type Pair = (&'static str, &'static str);

symbol_sets! {
    /// Beside the selected row of every list, so the selection shows without colour.
    selected: &'static str = SELECTED_MARK, ">";
    /// Where text was cut.
    ellipsis: &'static str = crate::text::ELLIPSIS, crate::text::ASCII_ELLIPSIS;
    /// Box borders.
    border: border::Set<'static> = border::PLAIN, ASCII_BORDER;
    /// One cell of a horizontal rule across a pane.
    rule: &'static str = "─", "-";
    /// Before a date that has passed.
    overdue: &'static str = "!", "!";
    /// Before a follow-up date that is close.
    soon: &'static str = "›", ">";
    /// Either side of a value that ←/→ change.
    choose: Pair = ("◂", "▸"), ("<", ">");
    /// An initiative's status beside its number: paused, stopped, completed, archived.
    paused: &'static str = "‖", "=";
    stopped: &'static str = "×", "x";
    completed: &'static str = "✓", "+";
    archived: &'static str = "ᴬ", "A";
    /// After a reverse item (more is worse).
    reverse: &'static str = "⇅", "~";
    /// Beside a score that has a note.
    noted: &'static str = "✎", "+";
    /// Beside an idea whose proposer was told what happened to it.
    told: &'static str = "✓", "+";
    /// Beside a facet that is strong in a checklist's answers.
    strong: &'static str = "●", "*";
    /// A chosen answer among radio buttons, and one not chosen.
    radio: Pair = ("(•)", "( )"), ("(*)", "( )");
    /// The filled and the empty part of a bar.
    bar: Pair = ("█", "░"), ("#", ".");
    /// A value that is not there (a score, a count).
    none: &'static str = "–", "-";
    /// A field left empty, and the break between a thing and what is said about it.
    dash: &'static str = "—", "-";
    /// Between the parts of a title or a list in one line.
    separator: &'static str = "·", "-";
    /// Text out of view above and below, in a field that scrolls.
    more: Pair = ("↑", "↓"), ("^", "v");
    /// "Leads to": a suggestion, a result, one date to the next.
    arrow: &'static str = "→", "->";
    /// The change of a score since the run before: no change.
    unchanged: &'static str = "±", "+-";
    /// Quotes around text the user typed.
    quotes: Pair = ("“", "”"), ("\"", "\"");
}

/// Box borders drawn with `+`, `|` and `-`.
const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Symbols {
    /// The arrow from the grid's centre to a pole's corner.
    pub fn pole(&self, pole: Pole) -> &'static str {
        if !self.ascii {
            return pole.arrow();
        }
        match pole {
            Pole::Directed | Pole::Undirected => "\\",
            Pole::Uncertainty | Pole::Certainty => "/",
        }
    }

    /// The arrow of a score's trend since the run before.
    pub fn trend(&self, trend: Trend) -> &'static str {
        if !self.ascii {
            return trend.arrow();
        }
        match trend {
            Trend::Up => "^",
            Trend::Down => "v",
            Trend::Same => "=",
            Trend::Unknown => "-",
        }
    }

    /// A level of a sparkline, as [`crate::scoring::spark`] gives it.
    pub fn spark(&self, level: char) -> char {
        if self.ascii { ascii_char(level) } else { level }
    }
}

/// The mark beside the selected row of every list in Unicode (see [`Symbols::selected`]).
pub const SELECTED_MARK: &str = "▸";

/// One character as one ASCII column: the interface's symbols as their stand-ins, letters
/// without their accents, anything else `?`.
pub fn ascii_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match c {
        '▸' | '›' | '→' | '⇒' => '>',
        '◂' | '‹' | '←' => '<',
        '…' | '░' => '.',
        // `·` also marks an empty step of a histogram, so no bar may look like it.
        '─' | '━' | '·' | '–' | '—' | '−' | '‐' | '‑' | '↔' => '-',
        '│' | '┃' | '↕' => '|',
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '✓' | '✎' => '+',
        '‖' | '▄' | '▅' | '▆' => '=',
        '✗' | '×' => 'x',
        '▲' | '↑' => '^',
        '↓' => 'v',
        '⇅' | '±' => '~',
        '●' | '•' => '*',
        '█' | '▇' => '#',
        '▁' | '▂' | '▃' => '_',
        '“' | '”' | '„' | '«' | '»' => '"',
        '‘' | '’' => '\'',
        '↖' | '↘' => '\\',
        '↗' | '↙' => '/',
        '⇧' => 'S',
        'æ' => 'a',
        'Æ' | 'ᴬ' => 'A',
        'ø' | '◦' => 'o',
        'Ø' => 'O',
        'ß' => 's',
        _ => c.nfd().next().filter(char::is_ascii_alphanumeric).unwrap_or('?'),
    }
}

/// Folds a drawn screen to ASCII: each cell keeps its column, so what was measured in
/// Unicode stays where it was; a wide character becomes `?` and the blank it covered.
pub fn to_ascii(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        let symbol = cell.symbol();
        if symbol.is_ascii() {
            continue;
        }
        let folded = symbol.chars().next().map_or(' ', ascii_char);
        cell.set_char(folded);
    }
}

/// Cuts `text` to at most `width` columns, ending in `ellipsis` when something was cut.
fn truncate_with(text: &str, width: usize, ellipsis: &str) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let ellipsis = if ellipsis.width() <= width { ellipsis } else { "" };
    let room = width - ellipsis.width();
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push_str(ellipsis);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_lines_give_every_entry_a_line_and_mark_what_is_cut() {
        let theme = Theme::default();
        let text =
            |lines: Vec<Line<'static>>| -> Vec<String> { lines.iter().map(ToString::to_string).collect() };
        let entry = |label: &str, value: &str| vec![(label.to_owned(), value.to_owned())];
        let long = "one two three four five six seven eight nine ten";
        let entries = [entry("Note", long), entry("Who", "Karin"), entry("", "plain")];
        assert_eq!(
            text(theme.labelled_lines(&entries, 20, 4)),
            ["Note: one two three", "four five six…", "Who: Karin", "plain"],
            "the first entry takes the one row left over, and its cut is marked"
        );
        assert_eq!(text(theme.labelled_lines(&entries, 20, 3)), ["Note: one two…", "Who: Karin", "plain"]);
        assert_eq!(text(theme.labelled_lines(&entries, 20, 9)).len(), 5, "no more rows than needed");
        let pairs = [vec![("When".to_owned(), "v. 45".to_owned()), ("Skills".to_owned(), "none".to_owned())]];
        let line = &theme.labelled_lines(&pairs, 40, 1)[0];
        assert_eq!(line.to_string(), "When: v. 45 · Skills: none");
        let dim: Vec<&str> =
            line.spans.iter().filter(|s| s.style == theme.dim()).map(|s| s.content.as_ref()).collect();
        assert_eq!(dim, ["When:", "Skills:"], "both labels are dim");
    }

    #[test]
    fn truncation_respects_wide_characters_and_the_ellipsis_drawn() {
        let unicode = Theme::default();
        assert_eq!(unicode.truncate("abcdef", 4), "abc…");
        assert_eq!(unicode.truncate("abc", 3), "abc");
        assert_eq!(unicode.truncate("日本語テキスト", 5), "日本…");
        assert_eq!(unicode.truncate("x", 0), "");
        let ascii = Theme::new(true, true);
        assert_eq!(ascii.truncate("abcdefgh", 6), "abc...");
        assert_eq!(ascii.truncate("abcdefgh", 2), "ab", "no room for the dots: just cut");
        for width in 0..12 {
            assert!(ascii.truncate("Fossilfria kommunala transporter", width).width() <= width);
        }
        assert_eq!(unicode.shorten_words("Fossilfria kommunala transporter", 24), "Fossilfria kommunala…");
        assert_eq!(ascii.shorten_words("Fossilfria kommunala transporter", 24), "Fossilfria kommunala...");
    }

    #[test]
    fn ascii_symbols_are_ascii_and_stand_for_their_unicode_ones() {
        let (u, a) = (&Symbols::UNICODE, &Symbols::ASCII);
        for (unicode, ascii) in u.texts().into_iter().zip(a.texts()) {
            assert!(ascii.is_ascii(), "{ascii:?}");
            // A one-column symbol folds to its own stand-in, so a symbol that reaches the
            // screen through a catalog text looks the same as one drawn by the code.
            if unicode.chars().count() == 1 && ascii.len() == 1 {
                let c = unicode.chars().next().unwrap_or(' ');
                assert_eq!(ascii_char(c).to_string(), ascii, "{unicode}");
            }
        }
        for pole in Pole::GRID {
            assert_eq!(a.pole(pole), ascii_char(u.pole(pole).chars().next().unwrap_or(' ')).to_string());
        }
    }

    #[test]
    fn in_ascii_a_histogram_s_bars_differ_from_its_empty_steps_and_a_minus_stays_one() {
        // The rating view's histogram of 2, 1, 1, 1 and nobody over a five-step scale.
        let bars: String = "█▄▄▄·".chars().map(ascii_char).collect();
        assert_eq!(bars, "#===-");
        let levels: String = "▁▂▃▄▅▆▇█".chars().map(ascii_char).collect();
        assert!(!levels.contains(ascii_char('·')), "{levels}");
        // A sparkline's half-scored run stays apart from its bars and its empty points.
        let partial = ascii_char(crate::scoring::SPARK_PARTIAL);
        assert!(partial == 'o' && !levels.contains(partial), "{partial}");
        assert_eq!("−1,0 ‐ x".chars().map(ascii_char).collect::<String>(), "-1,0 - x");
    }

    #[test]
    fn folding_keeps_one_column_per_column() {
        let folded: String = "Förändring – “Åsa” ▸ ‖ ✓ 日".chars().map(ascii_char).collect();
        assert_eq!(folded, "Forandring - \"Asa\" > = + ?");
        let mut buffer = Buffer::empty(ratatui::layout::Rect::new(0, 0, 8, 1));
        buffer.set_string(0, 0, "日x│é", Style::new());
        to_ascii(&mut buffer);
        let row: String = buffer.content.iter().map(ratatui::buffer::Cell::symbol).collect();
        assert_eq!(row, "? x|e   ");
    }
}
