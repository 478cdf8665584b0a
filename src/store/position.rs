//! Where in the text a problem is: `line L, column C` counted in characters as editors count
//! them, and the position of a JSON path (`initiatives[3].id`) for problems found after
//! parsing (a missing or newer `schema_version`, a duplicate id).

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// `serde_json`'s message without its " at line L column C" tail (we give our own position).
pub(super) fn serde_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&tail).unwrap_or(&full).to_string()
}

/// 1-based line and character column of byte `offset`.
pub(super) fn position_of_offset(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.split(|b| *b == b'\n').count();
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    (line, 1 + count_chars(&before[line_start..]))
}

fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count()
}

/// `serde_json` counts columns in bytes, pointing at the last byte it read; editors count
/// characters.
pub(super) fn human_position(text: &str, line: usize, byte_column: usize) -> (usize, usize) {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return (line.max(1), byte_column.max(1));
    };
    let bytes = line_text.as_bytes();
    let upto = byte_column.min(bytes.len());
    (line.max(1), count_chars(&bytes[..upto]).max(1))
}

// Locating a JSON path: walk the text with a visitor that fails on arriving at the path, and
// read the position serde_json gives that failure.

#[derive(Debug, Clone, Copy)]
pub(super) enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

const FOUND: &str = "fasett-store-found-it";

/// Scalars are found exactly (`serde_json` reports the end of the value); an object or array
/// is reported at its first inner token, so the root is handled directly.
pub(super) fn locate(text: &str, path: &[Seg<'_>]) -> Option<(usize, usize)> {
    if path.is_empty() {
        return Some(position_of_offset(text.as_bytes(), text.len() - text.trim_start().len()));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    match Seek(path).deserialize(&mut de) {
        Err(e) if e.to_string().starts_with(FOUND) && e.line() > 0 => {
            Some(human_position(text, e.line(), e.column()))
        }
        _ => None,
    }
}

pub(super) fn locate_id(text: &str, list: &[Seg<'_>], index: usize) -> Option<(usize, usize)> {
    let mut path = list.to_vec();
    path.push(Seg::Index(index));
    path.push(Seg::Key("id"));
    locate(text, &path).or_else(|| locate(text, &path[..path.len() - 1]))
}

struct Seek<'p>(&'p [Seg<'p>]);

impl Seek<'_> {
    fn arrive<E: de::Error>(&self) -> Result<(), E> {
        if self.0.is_empty() { Err(E::custom(FOUND)) } else { Ok(()) }
    }
}

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.arrive()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.arrive()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.arrive()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.arrive()
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.arrive()
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.arrive()
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((first, rest)) = self.0.split_first() else { return Err(de::Error::custom(FOUND)) };
        while let Some(key) = map.next_key::<String>()? {
            if matches!(first, Seg::Key(k) if *k == key) {
                return map.next_value_seed(Seek(rest));
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((first, rest)) = self.0.split_first() else { return Err(de::Error::custom(FOUND)) };
        let mut index = 0;
        loop {
            if matches!(first, Seg::Index(i) if *i == index) {
                return seq.next_element_seed(Seek(rest)).map(|_| ());
            }
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn positions_count_characters() {
        let text = "{\n  \"å\": x}";
        let e = serde_json::from_str::<Value>(text).expect_err("invalid");
        assert_eq!(human_position(text, e.line(), e.column()), (2, 8));
        assert_eq!(position_of_offset("ab\nåx".as_bytes(), 5), (2, 2));
    }

    #[test]
    fn locate_finds_nested_values() {
        let text = "{\n  \"a\": [1, {\"id\": 7}],\n  \"b\": 2\n}";
        assert_eq!(locate(text, &[]), Some((1, 1)));
        assert_eq!(locate(text, &[Seg::Key("b")]), Some((3, 8)));
        assert_eq!(locate(text, &[Seg::Key("a"), Seg::Index(1), Seg::Key("id")]), Some((2, 19)));
        assert_eq!(locate(text, &[Seg::Key("c")]), None);
    }
}
