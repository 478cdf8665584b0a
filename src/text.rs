//! Text helpers shared by the interface, search and reports: making user text harmless on a
//! terminal, folding it for case- and diacritic-insensitive search, and fitting it into a
//! width without losing what matters (whole words, a path's file name).

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters that reorder text (bidirectional overrides and isolates); shown as `�` so a
/// title cannot visually rewrite the rest of its line.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// User text made safe for one line of the screen: control characters become visible
/// symbols (ESC shows as `␛`, so an escape sequence is seen, not obeyed), line breaks and
/// tabs become spaces, bidirectional controls become `�`.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(shown).collect())
}

/// One character as [`one_line`] shows it: one for one, so a layout can measure text by what
/// is drawn.
pub fn shown(c: char) -> char {
    match c {
        '\n' | '\r' | '\t' => ' ',
        _ => visible(c),
    }
}

/// Like [`one_line`] but keeps line breaks, for multi-line text such as descriptions.
pub fn multi_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| (c.is_control() && c != '\n') || is_bidi_control(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|c| *c != '\r')
            .map(|c| match c {
                '\n' => '\n',
                '\t' => ' ',
                _ => visible(c),
            })
            .collect(),
    )
}

fn visible(c: char) -> char {
    match c {
        '\u{1b}' => '␛',
        '\u{7f}' => '␡',
        // C0 controls have picture symbols at U+2400 + code.
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
        c if c.is_control() || is_bidi_control(c) => '�',
        c => c,
    }
}

/// Lower-cased, with diacritics removed and Nordic letters folded to their base letter, so
/// "aldre" finds "Äldreomsorg" and "sogn" finds "søgn".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], written at the end of `out`.
fn fold_into(text: &str, out: &mut String) {
    // ASCII letters are folded directly and only the runs between them are decomposed:
    // folding every description is what building the search index costs. This is exact, as
    // an ASCII character is a starter, which canonical reordering never moves marks across.
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let other = rest.bytes().position(|b| b.is_ascii()).unwrap_or(rest.len());
        fold_decomposed(&rest[..other], out);
        rest = &rest[other..];
    }
}

/// How a language orders the letters beyond Z when sorting by title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Collation {
    /// Letters with marks sort with their base letter (English).
    #[default]
    Latin,
    /// Å, Ä, Ö after Z; Æ with Ä, Ø with Ö.
    Swedish,
    /// Æ, Ø, Å after Z; Ä with Æ, Ö with Ø.
    DanishNorwegian,
}

/// A key that orders texts as `collation` does: compared as strings, "Äldreomsorg" comes
/// after "Zon" in Swedish and beside "Aldre" in English. Case and other marks are folded as
/// [`fold`] folds them.
pub fn sort_key(text: &str, collation: Collation) -> String {
    own_sort_key(text, collation).unwrap_or_else(|| fold(text))
}

/// [`sort_key`] where it is not [`fold`]`(text)`: for a text with a letter `collation` sorts
/// beyond Z. `None` otherwise, so that a folded text already at hand serves as the key.
pub fn own_sort_key(text: &str, collation: Collation) -> Option<String> {
    // '{', '|' and '}' follow 'z' in ASCII: the three letters beyond Z, in their order.
    let beyond = |c: char| match (collation, c) {
        (Collation::Swedish, 'å' | 'Å') | (Collation::DanishNorwegian, 'æ' | 'Æ' | 'ä' | 'Ä') => {
            Some('{')
        }
        (Collation::Swedish, 'ä' | 'Ä' | 'æ' | 'Æ') | (Collation::DanishNorwegian, 'ø' | 'Ø' | 'ö' | 'Ö') => {
            Some('|')
        }
        (Collation::Swedish, 'ö' | 'Ö' | 'ø' | 'Ø') | (Collation::DanishNorwegian, 'å' | 'Å') => {
            Some('}')
        }
        _ => None,
    };
    // All of them are written with a first byte of 0xC3 in UTF-8: most texts are passed over
    // without looking at their characters.
    if collation == Collation::Latin || !text.as_bytes().contains(&0xC3) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    let mut own = false;
    // Texts are composed as typed; a decomposed Å (A and a ring) sorts as an A.
    for (at, c) in text.char_indices() {
        if let Some(letter) = beyond(c) {
            fold_into(&text[run..at], &mut out);
            out.push(letter);
            run = at + c.len_utf8();
            own = true;
        }
    }
    fold_into(&text[run..], &mut out);
    own.then_some(out)
}

fn fold_decomposed(text: &str, out: &mut String) {
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ø' | 'Ø' => out.push('o'),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// The longest start of `text` that is at most `width` columns wide.
pub fn head(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (ix, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if used > width {
            return &text[..ix];
        }
    }
    text
}

/// The longest end of `text` that is at most `width` columns wide.
fn tail(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (ix, c) in text.char_indices().rev() {
        used += c.width().unwrap_or(0);
        if used > width {
            return &text[ix + c.len_utf8()..];
        }
    }
    text
}

/// Where text was cut, on a terminal that shows Unicode.
pub const ELLIPSIS: &str = "…";
/// Where text was cut, on a terminal that shows only ASCII.
pub const ASCII_ELLIPSIS: &str = "...";

/// The ellipsis drawn on a terminal that shows only ASCII (`ascii`), or Unicode.
pub fn ellipsis(ascii: bool) -> &'static str {
    if ascii { ASCII_ELLIPSIS } else { ELLIPSIS }
}

/// How `text` is to be cut to `width` columns: `None` when it fits as it is, else the
/// `ellipsis` to mark the cut (left out where even it does not fit) and the columns left for
/// the text beside it.
fn cut_room<'e>(text: &str, width: usize, ellipsis: &'e str) -> Option<(&'e str, usize)> {
    if text.width() <= width {
        return None;
    }
    let ellipsis = if ellipsis.width() <= width { ellipsis } else { "" };
    Some((ellipsis, width - ellipsis.width()))
}

/// `text` in at most `width` columns, cut in the middle with `…` so both ends stay: for a
/// path, the folders it starts from and the file name, cut between folders where they allow
/// it ("/home/karin/…/fasett/rapport.md"). When even the name does not fit, its end is kept
/// ("…rapport-2026-11-25.md").
pub fn shorten_middle(text: &str, width: usize) -> String {
    shorten_middle_with(text, width, ELLIPSIS)
}

/// [`shorten_middle`] with another `ellipsis` (the ASCII one), left out where it does not fit.
pub fn shorten_middle_with(text: &str, width: usize, ellipsis: &str) -> String {
    let Some((ellipsis, room)) = cut_room(text, width, ellipsis) else { return text.to_owned() };
    if room == 0 {
        return ellipsis.to_owned();
    }
    let mut end_at = text.rfind('/').unwrap_or(0);
    if text[end_at..].width() >= room {
        return format!("{ellipsis}{}", tail(text, room));
    }
    // The name and the folders just above it, up to half the room.
    while let Some(slash) = text[..end_at].rfind('/') {
        if text[slash..].width() > room / 2 {
            break;
        }
        end_at = slash;
    }
    let end = &text[end_at..];
    let fits = room - end.width();
    // Whole folders from the start where they fit, else as many characters as fit.
    let start = text[..end_at]
        .match_indices('/')
        .map(|(at, _)| &text[..=at])
        .take_while(|s| s.width() <= fits)
        .last()
        .filter(|s| s.width() > 1)
        .unwrap_or_else(|| head(text, fits));
    format!("{start}{ellipsis}{end}")
}

/// `text` in at most `width` columns, cut after a whole word and ended with `…` when
/// something was left out; a first word longer than the room is cut where it must be.
pub fn shorten_words(text: &str, width: usize) -> String {
    shorten_words_with(text, width, ELLIPSIS)
}

/// [`shorten_words`] with another `ellipsis` (the ASCII one), left out where it does not fit.
pub fn shorten_words_with(text: &str, width: usize, ellipsis: &str) -> String {
    let Some((ellipsis, room)) = cut_room(text, width, ellipsis) else { return text.to_owned() };
    let fits = head(text, room);
    let cut = fits.rfind(' ').map_or(fits, |space| fits[..space].trim_end_matches([' ', ',', ';', ':']));
    let cut = if cut.is_empty() { fits } else { cut };
    format!("{cut}{ellipsis}")
}

/// `text` in lines of at most `width` columns, broken after one of `breaks` where it can, so
/// an item of a list stays whole (a name in "Kari Nordmann, Ola Hansen", a label with its
/// number in "active 18 · paused 2"); an item longer than a line is wrapped between words.
pub fn wrap_after(text: &str, breaks: &[char], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in text.split_inclusive(breaks) {
        let part = if line.is_empty() { part.trim_start() } else { part };
        if !line.is_empty() && line.width() + part.trim_end().width() > width {
            lines.push(std::mem::take(&mut line).trim_end().to_owned());
            line.push_str(part.trim_start());
        } else {
            line.push_str(part);
        }
    }
    lines.push(line);
    lines.iter().flat_map(|l| wrap_words(l.trim_end(), width)).collect()
}

/// `text` broken into lines of at most `width` columns between words; a word longer than a
/// line is cut into pieces. Line breaks in `text` are kept.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let mut word = word;
            let gap = usize::from(!line.is_empty());
            if line.width() + gap + word.width() <= width {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            while word.width() > width {
                let piece = head(word, width);
                lines.push(piece.to_owned());
                word = &word[piece.len()..];
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_wraps_between_its_items_and_a_long_item_between_words() {
        let names = "Kari Nordmann, Ola Hansen, Ingrid Berg, Per Lie";
        assert_eq!(wrap_after(names, &[','], 28), ["Kari Nordmann, Ola Hansen,", "Ingrid Berg, Per Lie"]);
        assert_eq!(wrap_after("aktiva 18 · pausade 2", &['·'], 12), ["aktiva 18 ·", "pausade 2"]);
        assert_eq!(wrap_after("en mycket lång deltagare", &[','], 10), ["en mycket", "lång", "deltagare"]);
        assert_eq!(wrap_after("", &[','], 10), [""]);
    }

    #[test]
    fn a_shortened_path_keeps_its_file_name() {
        let path = "/home/karin/.local/share/fasett/rapport-2026-11-25.md";
        assert_eq!(shorten_middle(path, 80), path);
        let short = shorten_middle(path, 36);
        assert_eq!(short, "/home/karin/…/rapport-2026-11-25.md");
        assert_eq!(shorten_middle(path, 46), "/home/karin/.local/…/rapport-2026-11-25.md");
        assert_eq!(shorten_middle("/a/b/c/d/e/f/g/h/report.md", 20), "/a/b/c/d/…/report.md");
        assert_eq!(shorten_middle(path, 12), "…26-11-25.md");
        assert_eq!(shorten_middle("abc", 0), "");
        assert_eq!(shorten_middle_with(path, 38, ASCII_ELLIPSIS), "/home/karin/.../rapport-2026-11-25.md");
        assert_eq!(shorten_middle_with(path, 36, ASCII_ELLIPSIS), "/home/.../rapport-2026-11-25.md");
        assert_eq!(shorten_middle_with(path, 12, ASCII_ELLIPSIS), "...-11-25.md");
        assert_eq!(shorten_middle_with("abcdef", 2, ASCII_ELLIPSIS), "ef");
    }

    #[test]
    fn shortening_and_wrapping_never_cut_a_word() {
        let text = "balanserad: stark inom alla fyra fasetterna";
        assert_eq!(shorten_words(text, 80), text);
        assert_eq!(shorten_words(text, 30), "balanserad: stark inom alla…");
        assert_eq!(shorten_words("Missionsorienterad", 8), "Mission…");
        assert_eq!(shorten_words_with(text, 30, ASCII_ELLIPSIS), "balanserad: stark inom...");
        assert_eq!(shorten_words_with("Missionsorienterad", 2, ASCII_ELLIPSIS), "Mi");
        assert_eq!(wrap_words(text, 20), ["balanserad: stark", "inom alla fyra", "fasetterna"]);
        assert_eq!(wrap_words("a\nb c", 10), ["a", "b c"]);
        assert_eq!(wrap_words("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        for (text, shown) in [
            ("a\u{1b}[2Jb", "a␛[2Jb"),
            ("line\nbreak\tand\rcr", "line break and cr"),
            ("bell\u{7}", "bell␇"),
            ("evil\u{202E}txt.exe", "evil�txt.exe"),
            ("c1\u{9b}x", "c1�x"),
        ] {
            assert_eq!(one_line(text), shown);
        }
        assert!(matches!(one_line("plain äö 🎉"), Cow::Borrowed(_)));
        assert_eq!(multi_line("a\r\nb\u{1b}"), "a\nb␛");
    }

    #[test]
    fn titles_sort_as_each_language_orders_its_letters() {
        let sorted = |collation| {
            let mut titles = ["Øvre", "Zon", "Äldre", "Åter", "Ærø", "Övrig", "Andra", "éco", "Öl"];
            titles.sort_by_cached_key(|t| sort_key(t, collation));
            titles.join(" ")
        };
        assert_eq!(sorted(Collation::Swedish), "Andra éco Zon Åter Äldre Ærø Öl Øvre Övrig");
        assert_eq!(sorted(Collation::DanishNorwegian), "Andra éco Zon Äldre Ærø Öl Øvre Övrig Åter");
        assert_eq!(sorted(Collation::Latin), "Ærø Äldre Andra Åter éco Öl Øvre Övrig Zon");
    }

    #[test]
    fn folding_ignores_case_and_diacritics() {
        for (text, folded) in [
            ("Äldreomsorg", "aldreomsorg"),
            ("Øvre Eiker", "ovre eiker"),
            ("Ishøj Kommune", "ishoj kommune"),
            ("Fællesskab", "faellesskab"),
            ("Växjö Å", "vaxjo a"),
            ("CAFÉ", "cafe"),
        ] {
            assert_eq!(fold(text), folded);
        }
        assert_eq!(fold("Cafe\u{301} E\u{301}\u{327}X"), "cafe ex", "marks after an ASCII letter");
    }

    #[test]
    fn folding_in_runs_matches_folding_all_at_once() {
        let whole = |text: &str| {
            let mut out = String::new();
            fold_decomposed(text, &mut out);
            out
        };
        for text in
            ["", "abc", "Åsa Öberg, Ærø og Ødegård", "e\u{301}\u{327}\u{31b}a", "ÀÉ ß đ 🎉 İstanbul ǅ"]
        {
            assert_eq!(fold(text), whole(text), "{text:?}");
        }
    }
}
