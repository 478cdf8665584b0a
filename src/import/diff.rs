//! What an update changes, field by field, as the sheet shows it: "Owner: Ny Ägare → Mats
//! Ekström". The user reads it to tell a colleague's edit from a revert of their own, so the
//! old value is always there; a long text is shortened to the part that differs.

use serde_json::Value;

use crate::export::{COLUMNS, Column, OTHER_COLUMNS, cells};
use crate::i18n::Lang;
use crate::model::{Initiative, Portfolio};
use crate::text::one_line;

/// The most characters of a value shown whole (a title fits); a longer one is shortened.
const SHOWN: usize = 60;
/// Characters kept on each side of the part of a long text that changed, at most.
const CONTEXT: usize = 20;

/// One field an update changes: its header and its cell before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub old: String,
    pub new: String,
}

impl FieldChange {
    /// "Owner: Ny Ägare → Mats Ekström", each side on one line and shortened; an empty side
    /// is `–`.
    pub fn describe(&self) -> String {
        let (old, new) = shorten(&self.old, &self.new, (SHOWN, CONTEXT));
        format!("{}: {old} → {new}", self.field)
    }

    /// [`FieldChange::describe`] for one line of a dialog: values over 20 characters shortened.
    pub fn describe_short(&self) -> String {
        let (old, new) = shorten(&self.old, &self.new, (20, 12));
        format!("{}: {old} → {new}", self.field)
    }
}

/// Every field in which `after` differs from `before`, in column order, then the register's
/// own columns; a change the cells do not show (a key inside the Extra JSON) as the Extra
/// column.
pub fn changes(
    before: &Initiative,
    after: &Initiative,
    portfolio: &Portfolio,
    lang: Lang,
) -> Vec<FieldChange> {
    let (old, new) = (cells(before, portfolio, lang), cells(after, portfolio, lang));
    let mut out: Vec<FieldChange> = COLUMNS
        .iter()
        .zip(old.into_iter().zip(new))
        .filter(|(c, (a, b))| a != b && !matches!(c, Column::Updated | Column::Id | Column::Portfolio))
        .map(|(c, (old, new))| FieldChange { field: c.header(lang).to_owned(), old, new })
        .collect();
    let other = |i: &Initiative| match i.extra.get(OTHER_COLUMNS) {
        Some(Value::Object(map)) => map.clone(),
        _ => serde_json::Map::new(),
    };
    let (a, b) = (other(before), other(after));
    let text = |v: Option<&Value>| match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    };
    for key in a.keys().chain(b.keys()) {
        if a.get(key) != b.get(key) && !out.iter().any(|c| &c.field == key) {
            out.push(FieldChange { field: key.clone(), old: text(a.get(key)), new: text(b.get(key)) });
        }
    }
    if out.is_empty() {
        let json = |i: &Initiative| crate::export::extras_json(i);
        out.push(FieldChange {
            field: Column::Extra.header(lang).to_owned(),
            old: json(before),
            new: json(after),
        });
    }
    out
}

/// Both sides on one line; when either is long, the part that differs with a little context,
/// `…` where text was left out.
fn shorten(old: &str, new: &str, (shown, context): (usize, usize)) -> (String, String) {
    let a: Vec<char> = one_line(old).chars().collect();
    let b: Vec<char> = one_line(new).chars().collect();
    let side = |v: &[char], from: usize, to: usize| {
        let mut text: String = v[from..to].iter().collect();
        if to - from > shown + context {
            text = v[from..from + shown + context - 1].iter().collect();
            text.push('…');
        } else if to < v.len() {
            text.push('…');
        }
        if from > 0 {
            text.insert(0, '…');
        }
        if text.is_empty() { "–".to_owned() } else { text }
    };
    if a.len() <= shown && b.len() <= shown {
        return (side(&a, 0, a.len()), side(&b, 0, b.len()));
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a.iter().rev().zip(b.iter().rev()).take(room).take_while(|(x, y)| x == y).count();
    // The context starts and ends at a word where there is one.
    let mut from = prefix.saturating_sub(context);
    if from > 0
        && let Some(space) = a[from..prefix].iter().position(|c| *c == ' ')
    {
        from += space + 1;
    }
    let to = |v: &[char]| {
        let end = v.len() - suffix;
        let to = (end + context).min(v.len());
        match v[end..to].iter().rposition(|c| *c == ' ') {
            Some(space) if to < v.len() => end + space,
            _ => to,
        }
    };
    (side(&a, from, to(&a)), side(&b, from, to(&b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(old: &str, new: &str) -> String {
        FieldChange { field: "F".into(), old: old.into(), new: new.into() }.describe()
    }

    #[test]
    fn short_values_are_shown_whole_and_empty_as_a_dash() {
        assert_eq!(change("Ny Ägare", "Mats Ekström"), "F: Ny Ägare → Mats Ekström");
        assert_eq!(change("", "Anna"), "F: – → Anna");
        assert_eq!(change("a\nb", "a"), "F: a b → a");
    }

    #[test]
    fn a_long_text_shows_the_part_that_changed() {
        let before = "Skolorna och folkbiblioteket arbetar tillsammans med daglig läsning i alla klasser";
        let after = "Skolorna och folkbiblioteket arbetar tillsammans med veckovis läsning i alla klasser";
        assert_eq!(
            change(before, after),
            "F: …tillsammans med daglig läsning i alla… → …tillsammans med veckovis läsning i alla…"
        );
        let added = change("kort", &"z".repeat(100));
        assert!(added.ends_with('…') && added.chars().count() < 95, "{added}");
        let title = "Ungdomsbudget – unga bestämmer över 500 000 kronor";
        assert_eq!(
            change(title, &format!("{title} (ny)")),
            format!("F: {title} → {title} (ny)"),
            "a title is whole"
        );
    }
}
