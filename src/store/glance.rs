//! A first look at a large data file, for the first frame: the portfolio without what no first
//! screen shows (the initiatives' texts, lists, benefits and logs, and the checklist runs),
//! read line by line from the layout fasett writes (two spaces an indentation level, one
//! member a line) before the whole file is parsed on another thread. A file in any other layout,
//! of another schema version, or whose kept parts do not read gives no glance: the first frame
//! then waits for the whole read. A glance is only ever drawn, never edited or saved; that it
//! draws the same first frame as the whole file is tested in `tests/app/first_look.rs`.

use memchr::memmem::Finder;
use memchr::{memchr, memrchr};

use crate::model::{Initiative, Portfolio, SCHEMA_VERSION};

/// The members of an initiative a first screen shows or counts by (the grid's cells and
/// shares, the tendency, the register's columns); the rest (the long texts, the lists, the
/// benefits, the log, the dates) is left out.
const KEPT: [&[u8]; 13] = [
    b"id",
    b"title",
    b"facet",
    b"placement",
    b"stage",
    b"status",
    b"track",
    b"owner",
    b"unit",
    b"priority",
    b"follow_up",
    b"archived",
    b"idea",
];
/// Members of the root that no first screen shows: read as empty.
const ROOT_LEFT_OUT: [&[u8]; 1] = [b"assessments"];
/// How deep the members of the root are, and those of an element of a list in it.
const ROOT: usize = 2;
const FIELD: usize = 6;

/// The portfolio the first screen shows, from the bytes of a data file; `None` when the file
/// is not laid out as fasett writes it, is of another schema version, or does not read.
pub fn glance(bytes: &[u8]) -> Option<Portfolio> {
    let body = bytes.strip_prefix(b"{\n").or_else(|| bytes.strip_prefix(b"{\r\n"))?;
    // Every line inside the root is indented; the first that is not closes it.
    let close = Finder::new(b"\n}").find(body)? + 1;
    if !body[close + 1..].iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let closers = Closers::new();
    std::thread::scope(|scope| {
        let mut out = Vec::new();
        out.push(b'{');
        let mut version_seen = false;
        let mut initiatives = Vec::new();
        let mut second_half = None;
        for (ix, member) in closers.members(&body[..close], ROOT).enumerate() {
            let member = member?;
            if ix > 0 {
                out.push(b',');
            }
            match member.key {
                b"schema_version" => {
                    let value = std::str::from_utf8(member.value).ok()?;
                    if value.trim().parse::<u32>().ok()? != SCHEMA_VERSION {
                        return None;
                    }
                    version_seen = true;
                    out.extend_from_slice(member.text);
                }
                b"initiatives" if member.multi_line => {
                    // The second half of a long list is read on the other core meanwhile.
                    let (first, second) = halves(inner_lines(member.value)?);
                    if !second.is_empty() {
                        let closers = &closers;
                        second_half = Some(scope.spawn(move || closers.initiatives(second)));
                    }
                    initiatives = closers.initiatives(first)?;
                    out.extend_from_slice(b"\"initiatives\":[]");
                }
                key if ROOT_LEFT_OUT.contains(&key) => {
                    out.extend_from_slice(&member.text[..member.text.len() - member.value.len()]);
                    out.extend_from_slice(b"[]");
                }
                _ => out.extend_from_slice(member.text),
            }
        }
        if !version_seen {
            return None;
        }
        out.push(b'}');
        let mut portfolio: Portfolio = serde_json::from_slice(&out).ok()?;
        if let Some(second) = second_half {
            initiatives.extend(second.join().ok()??);
        }
        portfolio.initiatives = initiatives;
        super::load::settle(&mut portfolio);
        Some(portfolio)
    })
}

/// A list's lines cut in two at the element that starts nearest after its middle; the second
/// part is empty for a list under a megabyte, not worth a thread.
fn halves(lines: &[u8]) -> (&[u8], &[u8]) {
    const WORTH_A_THREAD: usize = 1 << 20;
    if lines.len() < WORTH_A_THREAD {
        return (lines, &[]);
    }
    let opening = Finder::new(b"\n    {");
    let mut from = lines.len() / 2;
    while let Some(at) = opening.find(&lines[from..]).map(|at| from + at + 1) {
        if matches!(lines.get(at + 5), Some(b'\n' | b'\r')) {
            return lines.split_at(at);
        }
        from = at;
    }
    (lines, &[])
}

/// One member of an object as written: `"key": value`, on one line or, for a non-empty list
/// or object, up to its closing line.
struct Member<'a> {
    key: &'a [u8],
    /// From the key's opening quote to the end of the value, without the comma after it.
    text: &'a [u8],
    value: &'a [u8],
    multi_line: bool,
}

/// Finds the line that closes a list or an object opened at a given depth: the first line
/// after the opening one that starts with exactly that indentation and the bracket. Kept
/// for a whole glance, since a finder costs more to make than a search of a short value.
struct Closers {
    /// For `]` and `}` at [`ROOT`] and [`FIELD`] depth.
    finders: [[Finder<'static>; 2]; 2],
}

impl Closers {
    fn new() -> Self {
        Self {
            finders: [
                [Finder::new(b"\n  ]"), Finder::new(b"\n  }")],
                [Finder::new(b"\n      ]"), Finder::new(b"\n      }")],
            ],
        }
    }

    /// Where the line closing what opens on the line ending at `from` ends, in `text`.
    fn close(&self, text: &[u8], from: usize, indent: usize, bracket: u8) -> Option<usize> {
        let depth = [ROOT, FIELD].iter().position(|&d| d == indent)?;
        let finder = &self.finders[depth][usize::from(bracket == b'}')];
        let start = from + finder.find(text.get(from..)?)? + 1;
        Some(line_end(text, start))
    }

    fn members<'a>(&'a self, body: &'a [u8], indent: usize) -> Members<'a> {
        Members { closers: self, body, indent, done: false }
    }

    /// The initiatives in `lines` (whole elements of the list, as written), each read with
    /// only its [`KEPT`] members: one initiative's text at a time, in a buffer that stays in
    /// the cache, rather than one text for the whole list.
    fn initiatives(&self, lines: &[u8]) -> Option<Vec<Initiative>> {
        let mut initiatives = Vec::new();
        let mut text = Vec::new();
        let mut rest = lines;
        while !rest.is_empty() {
            let opening = line_end(rest, 0);
            if trim_cr(&rest[..opening]) != b"    {" {
                return None;
            }
            text.clear();
            text.push(b'{');
            let mut fields = self.members(&rest[opening + 1..], FIELD);
            for field in &mut fields {
                let field = field?;
                // `null` and `false` are what a member left out reads as anyway.
                if !KEPT.contains(&field.key) || matches!(field.value, b"null" | b"false") {
                    continue;
                }
                if text.len() > 1 {
                    text.push(b',');
                }
                text.extend_from_slice(field.text);
            }
            text.push(b'}');
            initiatives.push(serde_json::from_slice(&text).ok()?);
            let after = fields.body;
            let close = line_end(after, 0);
            if !matches!(trim_cr(&after[..close]), b"    }" | b"    },") {
                return None;
            }
            rest = &after[(close + 1).min(after.len())..];
        }
        Some(initiatives)
    }
}

/// The members of an object, each at `indent` spaces, from the start of `body` up to the
/// object's closing line (two spaces less indented), which is left in `body`; an item is
/// `None` where the layout is not fasett's, and the last.
struct Members<'a> {
    closers: &'a Closers,
    body: &'a [u8],
    indent: usize,
    done: bool,
}

impl<'a> Members<'a> {
    fn next_member(&mut self) -> Option<Member<'a>> {
        let body = self.body;
        let end_of_line = line_end(body, 0);
        let line = trim_cr(&body[..end_of_line]);
        if line.get(..self.indent)?.iter().any(|&b| b != b' ') {
            return None;
        }
        let quoted = line[self.indent..].strip_prefix(b"\"")?;
        let key_len = memchr(b'"', quoted)?;
        let key = &quoted[..key_len];
        let value = quoted[key_len + 1..].strip_prefix(b": ")?;
        if key.contains(&b'\\') {
            return None;
        }
        let (end, multi_line) = match value {
            b"[" => (self.closers.close(body, end_of_line, self.indent, b']')?, true),
            b"{" => (self.closers.close(body, end_of_line, self.indent, b'}')?, true),
            _ => (end_of_line, false),
        };
        let text = trim_cr(&body[self.indent..end]);
        let text = text.strip_suffix(b",").unwrap_or(text);
        let value_at = line.len() - self.indent - value.len();
        self.body = &body[(end + 1).min(body.len())..];
        Some(Member { key, text, value: &text[value_at..], multi_line })
    }
}

impl Members<'_> {
    /// Whether `body` starts with the object's closing line.
    fn at_close(&self) -> bool {
        let outer = self.indent - 2;
        self.body.get(outer).is_some_and(|b| matches!(b, b'}' | b']'))
            && self.body[..outer].iter().all(|&b| b == b' ')
    }
}

impl<'a> Iterator for Members<'a> {
    type Item = Option<Member<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done || self.body.is_empty() || self.at_close() {
            return None;
        }
        let member = self.next_member();
        self.done = member.is_none();
        Some(member)
    }
}

/// The lines between a multi-line value's opening line and its closing line.
fn inner_lines(value: &[u8]) -> Option<&[u8]> {
    let first = line_end(value, 0);
    let last = memrchr(b'\n', value)?;
    value.get(first + 1..=last)
}

/// Where the line that `from` is on ends (its line break, or the end of `text`).
fn line_end(text: &[u8], from: usize) -> usize {
    memchr(b'\n', &text[from..]).map_or(text.len(), |at| from + at)
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::generate::{self, Size};
    use crate::model::Initiative;
    use crate::store::{parse, to_json};

    /// What a glance leaves out, left out of a whole portfolio.
    fn without_left_out(mut p: Portfolio) -> Portfolio {
        p.assessments.clear();
        for i in &mut p.initiatives {
            *i = Initiative {
                id: i.id,
                title: i.title.clone(),
                facet: i.facet,
                placement: i.placement.clone(),
                stage: i.stage,
                status: i.status,
                track: i.track,
                owner: i.owner.clone(),
                unit: i.unit.clone(),
                priority: i.priority,
                follow_up: i.follow_up,
                archived: i.archived,
                idea: i.idea.clone(),
                ..Initiative::default()
            };
        }
        p
    }

    fn whole(text: &str) -> Portfolio {
        parse(text.as_bytes(), Path::new("test.json")).expect("the file reads")
    }

    #[test]
    fn a_glance_is_the_whole_file_but_for_what_it_leaves_out() {
        // Over a megabyte of initiatives: the second half is read on another thread.
        let generated = to_json(&generate::portfolio(Size {
            initiatives: 1_500,
            assessments: 12,
            respondents: 5,
            benefits: 2,
            measurements: 2,
            ..Size::default()
        }));
        for text in [crate::demo::SAMPLE.to_owned(), generated] {
            let glance = glance(text.as_bytes()).expect("a file fasett wrote gives a glance");
            assert!(!glance.initiatives.is_empty());
            assert!(glance.initiatives.is_sorted_by_key(|i| i.id));
            assert!(glance == without_left_out(whole(&text)), "the glance differs");
        }
    }

    #[test]
    fn windows_line_breaks_give_the_same_glance() {
        let text = crate::demo::SAMPLE.replace('\n', "\r\n");
        assert!(glance(text.as_bytes()) == Some(without_left_out(whole(crate::demo::SAMPLE))));
    }

    #[test]
    fn an_empty_portfolio_and_an_empty_list_of_initiatives_give_a_glance() {
        let text = to_json(&Portfolio::default());
        assert!(glance(text.as_bytes()) == Some(whole(&text)));
    }

    #[test]
    fn any_other_layout_or_version_gives_none() {
        let sample: serde_json::Value = serde_json::from_str(crate::demo::SAMPLE).expect("json");
        let compact = serde_json::to_string(&sample).expect("json");
        let mut four = Vec::new();
        let indent = serde_json::ser::PrettyFormatter::with_indent(b"    ");
        serde::Serialize::serialize(&sample, &mut serde_json::Serializer::with_formatter(&mut four, indent))
            .expect("json");
        let older = crate::demo::SAMPLE.replacen(
            &format!("\"schema_version\": {SCHEMA_VERSION}"),
            &format!("\"schema_version\": {}", SCHEMA_VERSION - 1),
            1,
        );
        let cut = &crate::demo::SAMPLE[..crate::demo::SAMPLE.len() / 2];
        let bad_value = crate::demo::SAMPLE.replacen("\"facet\": \"", "\"facet\": \"sideways_", 1);
        let trailing = format!("{}\n{{}}", crate::demo::SAMPLE.trim_end());
        for (what, text) in [
            ("compact", compact.as_bytes()),
            ("four spaces", &four),
            ("older version", older.as_bytes()),
            ("cut off", cut.as_bytes()),
            ("a value that does not read", bad_value.as_bytes()),
            ("text after the root", trailing.as_bytes()),
            ("empty", b""),
        ] {
            assert!(glance(text).is_none(), "{what} gave a glance");
        }
    }
}
