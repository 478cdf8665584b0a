//! Turning the file's bytes into text and finding its shape: a byte-order mark, UTF-16,
//! Windows-1252 when the bytes are not UTF-8, the delimiter, and a quote left open.

use crate::i18n::Lang;

/// Text from the file's bytes: a UTF-8 or UTF-16 BOM is honoured, invalid UTF-8 is read as
/// Windows-1252 (and a note says so).
pub(super) fn decode(bytes: &[u8], lang: Lang, notes: &mut Vec<String>) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode(rest, lang, notes);
    }
    let utf16 = |rest: &[u8], little: bool| {
        let units = rest.chunks_exact(2).map(|c| {
            if little { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) }
        });
        char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect::<String>()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(e) => {
            let line = memchr_all(&bytes[..e.valid_up_to()], b'\n').len() + 1;
            notes.push(lang.tf("import.converted_1252", &[("line", &line)]));
            bytes.iter().map(|b| windows_1252(*b)).collect()
        }
    }
}

/// One Windows-1252 byte as a character: Latin-1, except 0x80–0x9F where Windows put
/// typographic characters (undefined ones map to the C1 control of the same number, as
/// browsers do).
pub fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        b => char::from(b),
    }
}

/// The delimiter the header line uses most: `;`, tab or `,` (`;` when none).
pub(super) fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut best = (0, b';');
    for d in [b';', b'\t', b','] {
        let n = header.bytes().filter(|b| *b == d).count();
        if n > best.0 {
            best = (n, d);
        }
    }
    best.1
}

pub(super) fn delimiter_name(d: u8, lang: Lang) -> String {
    match d {
        b'\t' => lang.t("import.tab").to_owned(),
        d => format!("“{}”", char::from(d)),
    }
}

/// The line of a quote that opens a field and is never closed (the csv reader would quietly
/// swallow the rest of the file into that one cell).
pub(super) fn unclosed_quote(text: &str, delimiter: u8) -> Option<u64> {
    let bytes = text.as_bytes();
    let mut line = 1u64;
    let mut at_field_start = true;
    let mut open: Option<u64> = None;
    let mut ix = 0;
    while ix < bytes.len() {
        let b = bytes[ix];
        if b == b'\n' {
            line += 1;
        }
        if open.is_some() {
            if b == b'"' {
                if bytes.get(ix + 1) == Some(&b'"') {
                    ix += 1;
                } else {
                    open = None;
                }
            }
        } else if b == b'"' && at_field_start {
            open = Some(line);
        }
        at_field_start = open.is_none() && (b == delimiter || b == b'\n' || b == b'\r');
        ix += 1;
    }
    open
}

/// Where every `needle` is in `bytes`.
pub(super) fn memchr_all(bytes: &[u8], needle: u8) -> Vec<usize> {
    bytes.iter().enumerate().filter(|(_, b)| **b == needle).map(|(ix, _)| ix).collect()
}
