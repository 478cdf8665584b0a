//! Conflicts in words, for people: where a conflict is, each copy's value and what each
//! copy changed in a whole record. The conflict dialog, `fasett check` and the merge
//! driver's summary all say a conflict this way.

use serde_json::{Map, Value};

use crate::i18n::Lang;
use crate::model::{Conflict, Portfolio, Side};
use crate::text::one_line;

/// The conflicts still waiting in `portfolio`, one line each in `lang`, for `fasett check`
/// and the merge's summary: `#3 Digital bygglov · Priority: ours High, theirs Medium`.
pub fn conflict_lines(portfolio: &Portfolio, lang: Lang) -> Vec<String> {
    portfolio.conflicts.iter().map(|c| conflict_line(c, portfolio, lang)).collect()
}

fn conflict_line(c: &Conflict, portfolio: &Portfolio, lang: Lang) -> String {
    let show = |side: &Side| {
        let text = shown_value(c, side, lang);
        let cut: String = text.chars().take(60).collect();
        if cut.len() < text.len() { format!("{cut}…") } else { cut }
    };
    lang.tf(
        "merge.conflict_line",
        &[("path", &place(c, portfolio, lang)), ("ours", &show(&c.ours)), ("theirs", &show(&c.theirs))],
    )
}

/// One side of `conflict` as a person reads it, in `lang`: a choice by its label ("Hög",
/// not `high`), text as it is, a removed value said so, a record by its number and title,
/// anything else as JSON. The conflict dialog and `fasett check` both show values this way.
pub fn shown_value(conflict: &Conflict, side: &Side, lang: Lang) -> String {
    let field = conflict.at.iter().rev().find_map(Value::as_str);
    let text = match side.get() {
        None => lang.t("conflict.removed").to_owned(),
        Some(Value::String(value)) => field
            .and_then(|field| lang.try_t(&format!("{field}.{value}")))
            .map_or_else(|| value.clone(), str::to_owned),
        Some(Value::Object(record)) if record.contains_key("title") => {
            let id = record.get("id").map(Value::to_string).unwrap_or_default();
            let title = record.get("title").and_then(Value::as_str).unwrap_or_default();
            format!("#{id} {title}")
        }
        Some(other) => other.to_string(),
    };
    one_line(&text).into_owned()
}

/// Where the conflict is, in words: `#3 Digital bygglov · Titel` for an initiative's field,
/// `#3 Digital bygglov · hela initiativet` for the whole record, the path otherwise.
pub fn place(conflict: &Conflict, portfolio: &Portfolio, lang: Lang) -> String {
    let at = &conflict.at;
    let id = at.get(1).and_then(|s| s.get("id")).and_then(Value::as_u64);
    let (Some("initiatives"), Some(id)) = (at.first().and_then(Value::as_str), id) else {
        return one_line(&conflict.path).into_owned();
    };
    let title = portfolio
        .initiatives
        .iter()
        .find(|i| u64::from(i.id) == id)
        .map(|i| one_line(&i.title).into_owned())
        .or_else(|| {
            [&conflict.theirs, &conflict.ours, &conflict.base]
                .into_iter()
                .find_map(|side| side.get()?.get("title")?.as_str().map(|t| one_line(t).into_owned()))
        })
        .unwrap_or_default();
    let what = match at.get(2).and_then(Value::as_str) {
        None => lang.t("conflict.whole_initiative").to_owned(),
        Some(field) => {
            let mut words = field_name(field, lang);
            if at.len() > 3 {
                words.push(' ');
                words.push_str(&super::describe_path(&at[3..]));
            }
            words
        }
    };
    format!("#{id} {title} · {what}")
}

/// A field of a record in the user's words, its key where the catalog has none.
fn field_name(key: &str, lang: Lang) -> String {
    lang.try_t(&format!("field.{key}")).unwrap_or(key).to_owned()
}

/// A whole record is in conflict (one copy removed it, the other changed it): it is kept or
/// taken whole, never typed. A list value (tags, goals) is still typed as JSON.
pub fn is_record(conflict: &Conflict) -> bool {
    [&conflict.base, &conflict.ours, &conflict.theirs]
        .into_iter()
        .any(|side| side.get().is_some_and(Value::is_object))
}

/// What `side` changed in a whole record since the copies parted, in words ("Titel, Logg"),
/// or `None` when it removed the record or this is not a record.
pub fn changed_fields(conflict: &Conflict, side: &Side, lang: Lang) -> Option<String> {
    let (Some(Value::Object(base)), Some(Value::Object(now))) = (conflict.base.get(), side.get()) else {
        return None;
    };
    let names = changed_field_names(base, now, lang);
    Some(if names.is_empty() { lang.t("conflict.nothing_changed").to_owned() } else { names.join(", ") })
}

/// The fields of a record that differ between two versions of it, in the user's words and
/// the record's order ("Titel, Logg"). When it was changed is left out: it is said apart.
pub fn changed_field_names(
    before: &Map<String, Value>,
    after: &Map<String, Value>,
    lang: Lang,
) -> Vec<String> {
    let mut keys: Vec<&String> = after.keys().filter(|k| before.get(*k) != after.get(*k)).collect();
    keys.extend(before.keys().filter(|k| !after.contains_key(*k)));
    keys.retain(|k| k.as_str() != "updated");
    keys.into_iter().map(|k| field_name(k, lang)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn conflict(base: Option<&Value>, ours: Option<&Value>, theirs: Option<&Value>) -> Conflict {
        Conflict {
            id: String::new(),
            path: "initiatives[#3]".into(),
            at: vec![json!("initiatives"), json!({"id": 3})],
            base: Side::of(base, None),
            ours: Side::of(ours, None),
            theirs: Side::of(theirs, None),
            found: None,
            extra: crate::model::extras::Extra::default(),
        }
    }

    #[test]
    fn a_whole_record_is_kept_or_taken_and_says_what_each_copy_changed() {
        let base = json!({"id": 3, "title": "A", "owner": "Ann", "log": []});
        let theirs = json!({"id": 3, "title": "B", "owner": "Ann", "log": [{"text": "beslut"}]});
        let c = conflict(Some(&base), None, Some(&theirs));
        assert!(is_record(&c));
        assert_eq!(changed_fields(&c, &c.theirs, Lang::Sv).as_deref(), Some("Titel, Logg"));
        assert_eq!(changed_fields(&c, &c.ours, Lang::Sv), None, "ours removed it");
        let tags = conflict(Some(&json!(["a"])), Some(&json!(["a", "b"])), Some(&json!(["c"])));
        assert!(!is_record(&tags), "a list is typed as JSON, as before");
    }
}
