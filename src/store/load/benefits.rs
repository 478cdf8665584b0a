//! Benefits in the store: the step to schema version 3, in which each initiative's old
//! expected and realised benefit became entries of its `benefits` list, and the ids of
//! benefits and measurements (unique across the portfolio; a file written by hand may leave
//! them out, and they are numbered on reading).

use serde_json::{Map, Value};

use super::super::position::Seg;
use crate::model::benefit::Legacy;
use crate::model::{Id, Portfolio};

/// Schema version 2 → 3: `expected_benefit` and `realised_benefit` become benefits (see
/// [`Legacy::into_benefits`] for how). Keys of the old objects that fasett never knew stay on
/// the initiative under the old object's name, so nothing is lost.
pub(super) fn migrate_to_3(root: &mut Value) -> Result<(), String> {
    let (mut next_benefit, mut next_measurement) = next_ids(root);
    let Some(initiatives) = root.get_mut("initiatives").and_then(Value::as_array_mut) else {
        return Ok(());
    };
    for (ix, initiative) in initiatives.iter_mut().enumerate() {
        let Some(object) = initiative.as_object_mut() else { continue };
        let at = |key: &str| format!("initiatives[{ix}].{key}");
        let mut expected = take_object(object, "expected_benefit", &at)?;
        let mut realised = take_object(object, "realised_benefit", &at)?;
        let legacy = Legacy {
            efficiency: take_bool(&mut expected, "efficiency", &at("expected_benefit"))?,
            quality: take_bool(&mut expected, "quality", &at("expected_benefit"))?,
            text: take_text(&mut expected, "text", &at("expected_benefit"))?,
            analysed: take_bool(&mut realised, "analysed", &at("realised_benefit"))?,
            realised: take_bool(&mut realised, "realised", &at("realised_benefit"))?,
            realised_text: take_text(&mut realised, "text", &at("realised_benefit"))?,
            start: date(object.get("start")),
            found: ["end", "updated", "follow_up", "start"].iter().find_map(|key| date(object.get(*key))),
        };
        for (key, rest) in [("expected_benefit", expected), ("realised_benefit", realised)] {
            if !rest.is_empty() {
                object.insert(key.to_owned(), Value::Object(rest));
            }
        }
        let benefits = legacy.into_benefits(|benefit| {
            let next = if benefit { &mut next_benefit } else { &mut next_measurement };
            *next += 1;
            *next - 1
        });
        if benefits.is_empty() {
            continue;
        }
        let list = object.entry("benefits").or_insert_with(|| Value::Array(Vec::new()));
        let Value::Array(list) = list else {
            return Err(format!("{}: expected a list ([ … ]), found {list}", at("benefits")));
        };
        for benefit in benefits {
            list.push(serde_json::to_value(benefit).map_err(|e| e.to_string())?);
        }
    }
    if let Some(Value::Object(next_id)) = root.get_mut("next_id") {
        next_id.insert("benefit".into(), Value::from(next_benefit));
        next_id.insert("measurement".into(), Value::from(next_measurement));
    }
    Ok(())
}

/// The first free benefit and measurement ids: above the counters and above any id a file
/// written by hand already uses.
fn next_ids(root: &Value) -> (Id, Id) {
    let id = |v: &Value| v.get("id").and_then(Value::as_u64).and_then(|n| Id::try_from(n).ok());
    let counter = |key: &str| {
        root.get("next_id")
            .and_then(|n| n.get(key))
            .and_then(Value::as_u64)
            .and_then(|n| Id::try_from(n).ok())
    };
    let (mut benefit, mut measurement) =
        (counter("benefit").unwrap_or(1), counter("measurement").unwrap_or(1));
    let lists = |v: &'_ Value, key: &str| v.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
    for initiative in lists(root, "initiatives") {
        for b in lists(&initiative, "benefits") {
            benefit = benefit.max(id(&b).map_or(1, |n| n.saturating_add(1)));
            for m in lists(&b, "measurements") {
                measurement = measurement.max(id(&m).map_or(1, |n| n.saturating_add(1)));
            }
        }
    }
    (benefit, measurement)
}

fn take_object(
    object: &mut Map<String, Value>,
    key: &str,
    at: &dyn Fn(&str) -> String,
) -> Result<Map<String, Value>, String> {
    match object.remove(key) {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(inner)) => Ok(inner),
        Some(other) => Err(format!("{}: expected an object ({{ … }}), found {other}", at(key))),
    }
}

fn take_bool(object: &mut Map<String, Value>, key: &str, at: &str) -> Result<bool, String> {
    match object.remove(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(b),
        Some(other) => Err(format!("{at}.{key}: expected true or false, found {other}")),
    }
}

fn take_text(object: &mut Map<String, Value>, key: &str, at: &str) -> Result<String, String> {
    match object.remove(key) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(format!("{at}.{key}: expected a text in quotes, found {other}")),
    }
}

/// A date (`2026-03-15`) or the day of a timestamp (`2026-03-15T09:00:00Z`, in UTC).
fn date(value: Option<&Value>) -> Option<jiff::civil::Date> {
    let text = value?.as_str()?;
    text.parse().ok().or_else(|| {
        let stamp: jiff::Timestamp = text.parse().ok()?;
        Some(stamp.to_zoned(jiff::tz::TimeZone::UTC).date())
    })
}

/// A benefit or measurement id used twice. Positions are in file order.
pub(super) struct Duplicate {
    id: Id,
    first: (usize, usize, Option<usize>),
    second: (usize, usize, Option<usize>),
}

impl Duplicate {
    fn path_of((i, b, m): (usize, usize, Option<usize>)) -> String {
        match m {
            None => format!("initiatives[{i}].benefits[{b}].id"),
            Some(m) => format!("initiatives[{i}].benefits[{b}].measurements[{m}].id"),
        }
    }

    /// The JSON path of the second use.
    pub(super) fn path(&self) -> String {
        Self::path_of(self.second)
    }

    pub(super) fn segments(&self) -> Vec<Seg<'static>> {
        let (i, b, m) = self.second;
        let mut out = vec![Seg::Key("initiatives"), Seg::Index(i), Seg::Key("benefits"), Seg::Index(b)];
        if let Some(m) = m {
            out.extend([Seg::Key("measurements"), Seg::Index(m)]);
        }
        out.push(Seg::Key("id"));
        out
    }

    pub(super) fn problem(&self) -> String {
        let what = if self.second.2.is_some() { "measurement" } else { "benefit" };
        format!(
            "the {what} id {} is used twice, by {} and {}; {what} ids are unique across the whole \
             portfolio (give one of them an unused id, or leave its id out and fasett numbers it)",
            self.id,
            Self::path_of(self.first),
            self.path()
        )
    }
}

/// The first benefit or measurement id (other than 0, "not numbered yet") used twice.
pub(super) fn first_duplicate(p: &Portfolio) -> Option<Duplicate> {
    let mut benefits = std::collections::HashMap::new();
    let mut measurements = std::collections::HashMap::new();
    for (i, initiative) in p.initiatives.iter().enumerate() {
        for (b, benefit) in initiative.benefits.iter().enumerate() {
            if benefit.id != 0
                && let Some(first) = benefits.insert(benefit.id, (i, b, None))
            {
                return Some(Duplicate { id: benefit.id, first, second: (i, b, None) });
            }
            for (m, measurement) in benefit.measurements.iter().enumerate() {
                if measurement.id != 0
                    && let Some(first) = measurements.insert(measurement.id, (i, b, Some(m)))
                {
                    return Some(Duplicate { id: measurement.id, first, second: (i, b, Some(m)) });
                }
            }
        }
    }
    None
}

/// Gives benefits and measurements without an id (0: left out by hand) the next free ones.
pub(super) fn number_unnumbered(p: &mut Portfolio) {
    let unnumbered = p.benefits().any(|(_, b)| b.id == 0 || b.measurements.iter().any(|m| m.id == 0));
    if !unnumbered {
        return;
    }
    let mut next_benefit =
        p.benefits().map(|(_, b)| b.id).max().unwrap_or(0).max(p.next_id.benefit.saturating_sub(1));
    let mut next_measurement = p
        .benefits()
        .flat_map(|(_, b)| b.measurements.iter().map(|m| m.id))
        .max()
        .unwrap_or(0)
        .max(p.next_id.measurement.saturating_sub(1));
    for benefit in p.initiatives.iter_mut().flat_map(|i| &mut i.benefits) {
        if benefit.id == 0 {
            next_benefit = next_benefit.saturating_add(1);
            benefit.id = next_benefit;
        }
        for measurement in &mut benefit.measurements {
            if measurement.id == 0 {
                next_measurement = next_measurement.saturating_add(1);
                measurement.id = next_measurement;
            }
        }
    }
    p.next_id.benefit = next_benefit.saturating_add(1);
    p.next_id.measurement = next_measurement.saturating_add(1);
}
