//! Schema version 2: checklist runs hold every participant's answers.
//!
//! A version 1 run has one score per slot, the group's; version 2 keeps that score where it
//! was (`answers[].score`, now "the score the group agreed on") and adds beside it a show of
//! hands per slot (`answers[].tally`), the participants' own scores (`responses`) and the date
//! of the next run (`next_date`). Migrating adds those keys empty; nothing is moved or lost.
//! A key of that name that a version 1 file already had (fasett 1 did not know it, so kept it
//! as it was) is renamed `<key>_from_version_1` and kept the same way.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::model::{Id, Portfolio};

/// Brings a version 1 tree to version 2 in place. It cannot fail; the chain's signature lets
/// other steps refuse a file.
#[allow(clippy::unnecessary_wraps)]
pub(super) fn migrate_to_2(value: &mut Value) -> Result<(), String> {
    let Some(runs) = value.get_mut("assessments").and_then(Value::as_array_mut) else { return Ok(()) };
    for run in runs.iter_mut().filter_map(Value::as_object_mut) {
        add_new(run, "next_date", Value::Null);
        add_new(run, "responses", Value::Array(Vec::new()));
        if let Some(answers) = run.get_mut("answers").and_then(Value::as_array_mut) {
            for answer in answers.iter_mut().filter_map(Value::as_object_mut) {
                add_new(answer, "tally", Value::Array(Vec::new()));
            }
        }
    }
    Ok(())
}

/// Adds `key` with `empty`, moving a value a version 1 file kept under that name aside.
fn add_new(object: &mut Map<String, Value>, key: &str, empty: Value) {
    if let Some(old) = object.insert(key.to_owned(), empty) {
        object.insert(format!("{key}_from_version_1"), old);
    }
}

/// The first response id used twice within one run: (run index, first, second, id).
pub(super) fn first_duplicate_response(p: &Portfolio) -> Option<(usize, usize, usize, Id)> {
    p.assessments.iter().enumerate().find_map(|(run, a)| {
        let mut seen = HashMap::with_capacity(a.responses.len());
        a.responses
            .iter()
            .enumerate()
            .find_map(|(ix, r)| seen.insert(r.id, ix).map(|first| (run, first, ix, r.id)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn runs_gain_empty_responses_and_answers_an_empty_tally() {
        let mut v = json!({"assessments": [
            {"id": 1, "answers": [{"item": "a", "score": 3}]},
            {"id": 2, "responses": "kept by hand", "answers": [{"item": "b", "tally": 7}]}
        ]});
        migrate_to_2(&mut v).expect("migrates");
        assert_eq!(v["assessments"][0]["responses"], json!([]));
        assert_eq!(v["assessments"][0]["next_date"], Value::Null);
        assert_eq!(v["assessments"][0]["answers"][0], json!({"item": "a", "score": 3, "tally": []}));
        assert_eq!(v["assessments"][1]["responses_from_version_1"], "kept by hand");
        assert_eq!(v["assessments"][1]["answers"][0]["tally_from_version_1"], 7);
        let mut empty = json!({"schema_version": 1});
        migrate_to_2(&mut empty).expect("nothing to do");
        assert_eq!(empty, json!({"schema_version": 1}));
    }
}
