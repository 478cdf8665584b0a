//! Where a value sits in the portfolio's JSON tree, as a conflict records it: object keys as
//! strings, list elements as an object of the fields that pick them out (`{"id": 3}`). The
//! same steps read and write a value, and say where it is in words (`initiatives[#3].title`).

use serde_json::{Map, Value};

/// The path in words: `initiatives[#3].log`, `templates[ks@1].items[c1].text`,
/// `assessments[#2].answers[item=c1, perspective=org].score`.
pub fn describe(at: &[Value]) -> String {
    let mut out = String::new();
    for step in at {
        match step {
            Value::String(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Value::Object(fields) => {
                out.push('[');
                out.push_str(&selector_words(fields));
                out.push(']');
            }
            other => {
                out.push('[');
                out.push_str(&other.to_string());
                out.push(']');
            }
        }
    }
    out
}

fn selector_words(fields: &Map<String, Value>) -> String {
    let plain = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match (fields.get("id"), fields.len()) {
        (Some(Value::Number(n)), 1) => format!("#{n}"),
        (Some(id), 1) => plain(id),
        (Some(id), 2) if fields.contains_key("version") => {
            format!("{}@{}", plain(id), fields.get("version").map(plain).unwrap_or_default())
        }
        _ => fields.iter().map(|(k, v)| format!("{k}={}", plain(v))).collect::<Vec<_>>().join(", "),
    }
}

/// Whether `element` is the one `selector` picks out (every field of the selector equal).
pub fn matches(element: &Value, selector: &Map<String, Value>) -> bool {
    let Value::Object(fields) = element else { return false };
    selector.iter().all(|(k, v)| fields.get(k).unwrap_or(&Value::Null) == v)
}

/// Sets the value at `at` inside `root` (`None` removes it: the key, or the list element).
/// A list element that is not there is added at the end. Fails when the path leads through
/// something missing or of the wrong kind.
pub fn set(root: &mut Value, at: &[Value], value: Option<Value>) -> Result<(), String> {
    let Some((last, parents)) = at.split_last() else {
        return match value {
            Some(value) => {
                *root = value;
                Ok(())
            }
            None => Err("the whole file cannot be removed".into()),
        };
    };
    let mut here = root;
    for step in parents {
        here = match (step, here) {
            (Value::String(key), Value::Object(map)) => {
                map.get_mut(key).ok_or_else(|| format!("{} is not there", describe(at)))?
            }
            (Value::Object(selector), Value::Array(items)) => items
                .iter_mut()
                .find(|e| matches(e, selector))
                .ok_or_else(|| format!("{} is not there", describe(at)))?,
            _ => return Err(format!("{} does not lead to a value", describe(at))),
        };
    }
    match (last, here, value) {
        (Value::String(key), Value::Object(map), Some(value)) => {
            map.insert(key.clone(), value);
        }
        (Value::String(key), Value::Object(map), None) => {
            map.shift_remove(key);
        }
        (Value::Object(selector), Value::Array(items), value) => {
            let found = items.iter().position(|e| matches(e, selector));
            match (found, value) {
                (Some(ix), Some(value)) => items[ix] = value,
                (Some(ix), None) => {
                    items.remove(ix);
                }
                (None, Some(value)) => items.push(value),
                (None, None) => {}
            }
        }
        _ => return Err(format!("{} does not lead to a value", describe(at))),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_read_write_and_read_aloud() {
        let mut root =
            json!({"initiatives": [{"id": 3, "title": "A"}], "templates": [{"id": "ks", "version": 1}]});
        let at = vec![json!("initiatives"), json!({"id": 3}), json!("title")];
        assert_eq!(describe(&at), "initiatives[#3].title");
        set(&mut root, &at, Some(json!("B"))).expect("sets");
        assert_eq!(root["initiatives"][0]["title"], "B");
        set(&mut root, &at[..2], None).expect("removes");
        assert_eq!(root["initiatives"], json!([]));
        assert!(set(&mut root, &at, Some(json!("C"))).is_err(), "#3 is gone");
        let template = vec![json!("templates"), json!({"id": "ks", "version": 1}), json!("name")];
        assert_eq!(describe(&template), "templates[ks@1].name");
        let answer = vec![json!("answers"), json!({"item": "c1", "perspective": null})];
        assert_eq!(describe(&answer), "answers[item=c1, perspective=null]");
    }
}
