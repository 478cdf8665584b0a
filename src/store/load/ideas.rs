//! The step to schema version 4: ideas, lineage, stage decisions and reviews. All four are
//! new keys with defaults, so an older file reads as it is, except where a hand edit (or a
//! tool of the municipality's own) already used one of the new names for something else: that
//! value is moved aside under `<key>_before_v4`, kept and written back, never lost or misread.

use serde_json::{Map, Value};

/// The new keys of an initiative, and of the file's root, with the shape each must have.
const INITIATIVE_KEYS: &[(&str, Shape)] = &[("idea", Shape::Object), ("grew_out_of", Shape::Number)];
const ROOT_KEYS: &[(&str, Shape)] = &[("reviews", Shape::List)];

#[derive(Clone, Copy)]
enum Shape {
    Object,
    Number,
    List,
}

impl Shape {
    fn fits(self, value: &Value) -> bool {
        match self {
            Shape::Object => value.is_object(),
            Shape::Number => value.as_u64().is_some_and(|n| u32::try_from(n).is_ok()),
            Shape::List => value.is_array(),
        }
    }
}

pub(super) fn migrate_to_4(value: &mut Value) -> Result<(), String> {
    let root = value.as_object_mut().ok_or("the file is not one JSON object")?;
    set_aside(root, ROOT_KEYS);
    if let Some(initiatives) = root.get_mut("initiatives").and_then(Value::as_array_mut) {
        for initiative in initiatives.iter_mut().filter_map(Value::as_object_mut) {
            set_aside(initiative, INITIATIVE_KEYS);
        }
    }
    Ok(())
}

/// Moves every key of `keys` whose value has another shape (or is null) to `<key>_before_v4`.
fn set_aside(object: &mut Map<String, Value>, keys: &[(&str, Shape)]) {
    for (key, shape) in keys {
        if object.get(*key).is_some_and(|v| !shape.fits(v))
            && let Some(old) = object.shift_remove(*key)
            && !old.is_null()
        {
            object.insert(format!("{key}_before_v4"), old);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_new_key_used_for_something_else_is_kept_aside() {
        let mut v = json!({"reviews": "see minutes", "initiatives": [
            {"id": 1, "idea": "from the box", "grew_out_of": 3},
            {"id": 2, "grew_out_of": "#1", "idea": null}
        ]});
        migrate_to_4(&mut v).expect("migrates");
        assert_eq!(v["reviews_before_v4"], "see minutes");
        assert!(v.get("reviews").is_none());
        assert_eq!(v["initiatives"][0]["idea_before_v4"], "from the box");
        assert_eq!(v["initiatives"][0]["grew_out_of"], 3, "the right shape stays");
        assert_eq!(v["initiatives"][1]["grew_out_of_before_v4"], "#1");
        assert!(v["initiatives"][1].get("idea").is_none(), "a null is simply dropped");
    }

    #[test]
    fn a_file_without_the_new_keys_is_unchanged() {
        let mut v = json!({"initiatives": [{"id": 1, "title": "A"}]});
        let before = v.clone();
        migrate_to_4(&mut v).expect("migrates");
        assert_eq!(v, before);
    }
}
