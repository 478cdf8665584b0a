//! Text helpers shared by the interface, search and reports: making user text harmless on a
//! terminal, and folding it for case- and diacritic-insensitive search.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

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
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                _ => visible(c),
            })
            .collect(),
    )
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
        fold_decomposed(&rest[..other], &mut out);
        rest = &rest[other..];
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        assert_eq!(one_line("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(one_line("line\nbreak\tand\rcr"), "line break and cr");
        assert_eq!(one_line("bell\u{7}"), "bell␇");
        assert_eq!(one_line("evil\u{202E}txt.exe"), "evil�txt.exe");
        assert_eq!(one_line("c1\u{9b}x"), "c1�x");
        assert!(matches!(one_line("plain äö 🎉"), Cow::Borrowed(_)));
        assert_eq!(multi_line("a\r\nb\u{1b}"), "a\nb␛");
    }

    #[test]
    fn folding_ignores_case_and_diacritics() {
        assert_eq!(fold("Äldreomsorg"), "aldreomsorg");
        assert_eq!(fold("Øvre Eiker"), "ovre eiker");
        assert_eq!(fold("Ishøj Kommune"), "ishoj kommune");
        assert_eq!(fold("Fællesskab"), "faellesskab");
        assert_eq!(fold("Växjö Å"), "vaxjo a");
        assert_eq!(fold("CAFÉ"), "cafe");
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
