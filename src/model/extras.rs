//! Keeping the JSON keys we do not know.
//!
//! The typed structs are read strictly (so errors can name line, column and JSON path), and
//! the keys they do not declare are collected afterwards from the parsed tree into each
//! struct's `extra`. On save they are written back after the known keys. Every field is
//! always serialised, so the known keys of a type are exactly the keys it writes.

use serde_json::{Map, Value};

use super::{
    ActionItem, Answer, Assessment, Benefit, Conflict, Costs, Decision, Dimension, Goal, Idea, Initiative,
    LogEntry, Measurement, NextIds, Organisation, Perspective, Placement, Point, Portfolio, Proposer,
    Response, Review, Scale, ScaleStep, Side, Template, TemplateItem, Unit,
};

/// Keys of a JSON object that the struct holding it does not know.
pub type Extra = Map<String, Value>;

/// A type whose JSON objects may carry keys it does not know.
pub trait Extras {
    /// The keys this type reads and writes.
    const KEYS: &'static [&'static str];

    /// Collects unknown keys from `raw` (the object this value was read from), recursively.
    fn absorb(&mut self, raw: &Value);

    /// Puts collected keys back into `out` (this value serialised), recursively.
    fn emit(&self, out: &mut Value);

    /// Whether this value or anything inside it holds unknown keys.
    fn has_extras(&self) -> bool;
}

/// A part kept behind a pointer (one most records lack, so they stay small) reads and
/// writes its unknown keys as the part itself.
impl<T: Extras> Extras for Box<T> {
    const KEYS: &'static [&'static str] = T::KEYS;

    fn absorb(&mut self, raw: &Value) {
        T::absorb(self, raw);
    }

    fn emit(&self, out: &mut Value) {
        T::emit(self, out);
    }

    fn has_extras(&self) -> bool {
        T::has_extras(self)
    }
}

fn unknown(raw: &Value, known: &[&str]) -> Extra {
    raw.as_object()
        .map(|o| {
            o.iter()
                .filter(|(k, _)| !known.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default()
}

fn put_back(extra: &Extra, out: &mut Value) {
    if let Some(o) = out.as_object_mut() {
        for (k, v) in extra {
            o.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
}

fn absorb_vec<T: Extras>(items: &mut [T], raw: Option<&Value>) {
    if let Some(Value::Array(raws)) = raw {
        for (item, raw) in items.iter_mut().zip(raws) {
            item.absorb(raw);
        }
    }
}

fn emit_vec<T: Extras>(items: &[T], out: Option<&mut Value>) {
    if let Some(outs) = out.and_then(Value::as_array_mut) {
        for (item, out) in items.iter().zip(outs) {
            item.emit(out);
        }
    }
}

fn absorb_one<T: Extras>(item: &mut T, raw: Option<&Value>) {
    if let Some(raw) = raw {
        item.absorb(raw);
    }
}

fn emit_one<T: Extras>(item: &T, out: Option<&mut Value>) {
    if let Some(out) = out {
        item.emit(out);
    }
}

/// Implements [`Extras`] for a struct: its keys, and which fields hold nested structs
/// (`one`) or lists of them (`many`).
macro_rules! extras {
    ($ty:ty, keys: [$($key:literal),* $(,)?], one: [$($one:ident),*], many: [$($many:ident),*], opt: [$($opt:ident),*]) => {
        impl Extras for $ty {
            const KEYS: &'static [&'static str] = &[$($key),*];

            fn absorb(&mut self, raw: &Value) {
                self.extra = unknown(raw, Self::KEYS);
                $(absorb_one(&mut self.$one, raw.get(stringify!($one)));)*
                $(absorb_vec(&mut self.$many, raw.get(stringify!($many)));)*
                $(if let Some(inner) = self.$opt.as_mut() { absorb_one(inner, raw.get(stringify!($opt))); })*
            }

            fn emit(&self, out: &mut Value) {
                put_back(&self.extra, out);
                $(emit_one(&self.$one, out.get_mut(stringify!($one)));)*
                $(emit_vec(&self.$many, out.get_mut(stringify!($many)));)*
                $(if let Some(inner) = self.$opt.as_ref() { emit_one(inner, out.get_mut(stringify!($opt))); })*
            }

            fn has_extras(&self) -> bool {
                !self.extra.is_empty()
                    $(|| self.$one.has_extras())*
                    $(|| self.$many.iter().any(Extras::has_extras))*
                    $(|| self.$opt.as_ref().is_some_and(Extras::has_extras))*
            }
        }
    };
}

extras!(Portfolio,
    keys: ["schema_version", "id", "organisation", "initiatives", "assessments", "actions", "templates",
        "next_id", "reviews", "conflicts"],
    one: [organisation, next_id], many: [initiatives, assessments, actions, templates, reviews, conflicts], opt: []);
extras!(NextIds, keys: ["initiative", "assessment", "action", "goal", "benefit", "measurement"],
    one: [], many: [], opt: []);
extras!(Organisation, keys: ["name", "vision", "mission", "goals", "units", "people", "currency", "feedback_days"],
    one: [], many: [goals, units], opt: []);
extras!(Goal, keys: ["id", "title", "description", "retired"], one: [], many: [], opt: []);
extras!(Unit, keys: ["name", "retired"], one: [], many: [], opt: []);
extras!(Initiative,
    keys: ["id", "title", "description", "need", "need_sources", "facet", "placement", "stage",
        "status", "track", "relieves", "benefits", "costs", "owner", "unit", "partners", "goals",
        "priority", "start", "follow_up", "end", "tags", "log", "archived", "created", "updated", "idea",
        "grew_out_of"],
    one: [], many: [log, benefits], opt: [placement, costs, idea]);
extras!(Placement, keys: ["created_to", "pushed_by"], one: [], many: [], opt: []);
extras!(Benefit,
    keys: ["id", "title", "kind", "relieves", "indicator", "unit", "baseline", "target", "owner",
        "how_measured", "measurements"],
    one: [baseline, target], many: [measurements], opt: []);
extras!(Point, keys: ["value", "date"], one: [], many: [], opt: []);
extras!(Measurement, keys: ["id", "date", "value", "note"], one: [], many: [], opt: []);
extras!(Costs, keys: ["investment", "yearly"], one: [], many: [], opt: []);
extras!(LogEntry, keys: ["date", "kind", "text", "decision"], one: [], many: [], opt: [decision]);
extras!(Idea,
    keys: ["proposer", "channel", "received", "triage", "reason", "merged_into", "decided", "told"],
    one: [proposer], many: [], opt: []);
extras!(Proposer, keys: ["name", "unit", "contact"], one: [], many: [], opt: []);
extras!(Decision, keys: ["forum", "verdict", "stage", "status"], one: [], many: [], opt: []);
extras!(Review,
    keys: ["id", "date", "version", "initiatives", "facets", "stages", "statuses", "implemented", "goals_linked",
        "goals_unserved", "benefits", "checklists", "ideas"],
    one: [], many: [], opt: []);
extras!(Assessment,
    keys: ["id", "template", "template_version", "scope", "date", "next_date", "participants",
        "answers", "responses", "note"],
    one: [], many: [answers, responses], opt: []);
extras!(Answer, keys: ["item", "perspective", "score", "tally", "note"], one: [], many: [], opt: []);
extras!(Response, keys: ["id", "name", "role", "scores"], one: [], many: [], opt: []);
extras!(ActionItem,
    keys: ["id", "what", "how", "when", "who", "competences", "follow_up", "done", "assessment",
        "item", "initiative", "created"],
    one: [], many: [], opt: []);
extras!(Template,
    keys: ["id", "version", "name", "description", "source", "scale", "result", "dimensions",
        "items", "perspectives"],
    one: [scale], many: [dimensions, items, perspectives], opt: []);
extras!(Scale, keys: ["min", "max", "steps"], one: [], many: [steps], opt: []);
extras!(ScaleStep, keys: ["value", "label"], one: [], many: [], opt: []);
extras!(Dimension, keys: ["id", "name"], one: [], many: [], opt: []);
extras!(TemplateItem, keys: ["id", "dimension", "text", "reverse", "optional", "facet"],
    one: [], many: [], opt: []);
extras!(Perspective, keys: ["id", "name"], one: [], many: [], opt: []);
extras!(Conflict, keys: ["id", "path", "at", "base", "ours", "theirs", "found"],
    one: [base, ours, theirs], many: [], opt: []);
extras!(Side, keys: ["value", "missing", "updated"], one: [], many: [], opt: []);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Facet, LocalText, ResultKind};
    use jiff::civil::date;

    fn keys_of<T: serde::Serialize>(value: &T) -> Vec<String> {
        let v = serde_json::to_value(value).expect("serialises");
        v.as_object().expect("an object").keys().cloned().collect()
    }

    fn assert_keys<T: serde::Serialize + Extras>(value: &T) {
        assert_eq!(keys_of(value), T::KEYS.iter().map(ToString::to_string).collect::<Vec<_>>());
    }

    #[test]
    fn declared_keys_match_what_each_type_writes() {
        let text = LocalText::default();
        // The identity and the conflicts are written only when there are some.
        let mut portfolio = Portfolio { id: "x".into(), ..Portfolio::default() };
        portfolio.conflicts.push(Conflict::default());
        portfolio.reviews.push(Review::default());
        assert_keys(&portfolio);
        assert_keys(&Review::default());
        assert_keys(&Idea::default());
        assert_keys(&Proposer::default());
        assert_keys(&Conflict::default());
        assert_keys(&crate::model::Side::default());
        assert_keys(&NextIds::default());
        assert_keys(&Organisation { feedback_days: Some(21), ..Organisation::default() });
        assert_keys(&Goal::default());
        assert_keys(&Unit::default());
        assert_keys(&Initiative {
            idea: Some(Box::default()),
            grew_out_of: Some(1),
            ..Initiative::default()
        });
        assert_keys(&Placement {
            created_to: crate::model::CreatedTo::MeetNewNeeds,
            pushed_by: crate::model::PushedBy::BottomUpTesting,
            extra: Extra::new(),
        });
        assert_keys(&Benefit::default());
        assert_keys(&Point::default());
        assert_keys(&Costs::default());
        assert_keys(&Measurement {
            id: 1,
            date: date(2026, 1, 2),
            value: None,
            note: String::new(),
            extra: Extra::new(),
        });
        let decision = Decision {
            forum: "nämnden".into(),
            verdict: crate::model::Verdict::Go,
            stage: Some(crate::model::Stage::Implementing),
            status: Some(crate::model::Status::Active),
            extra: Extra::new(),
        };
        assert_keys(&decision);
        assert_keys(&LogEntry {
            date: date(2026, 1, 2),
            kind: crate::model::LogKind::Note,
            text: String::new(),
            decision: Some(decision),
            extra: Extra::new(),
        });
        assert_keys(&Assessment {
            id: 1,
            template: String::new(),
            template_version: 1,
            scope: String::new(),
            date: date(2026, 1, 2),
            next_date: None,
            participants: vec![],
            answers: vec![],
            responses: vec![],
            note: String::new(),
            extra: Extra::new(),
        });
        assert_keys(&Answer::empty(String::new(), None));
        assert_keys(&Response::default());
        assert_keys(&ActionItem::default());
        let scale = Scale { min: 1, max: 5, steps: vec![], extra: Extra::new() };
        assert_keys(&scale);
        assert_keys(&ScaleStep { value: 1, label: text.clone(), extra: Extra::new() });
        assert_keys(&Dimension { id: String::new(), name: text.clone(), extra: Extra::new() });
        assert_keys(&TemplateItem {
            id: String::new(),
            dimension: String::new(),
            text: text.clone(),
            reverse: false,
            optional: false,
            facet: Some(Facet::Adaptive),
            extra: Extra::new(),
        });
        assert_keys(&Perspective { id: String::new(), name: text.clone(), extra: Extra::new() });
        assert_keys(&Template {
            id: String::new(),
            version: 1,
            name: text.clone(),
            description: text,
            source: String::new(),
            scale,
            result: ResultKind::Mean,
            dimensions: vec![],
            items: vec![],
            perspectives: vec![],
            extra: Extra::new(),
        });
    }

    #[test]
    fn unknown_keys_survive_at_every_depth() {
        let raw = serde_json::json!({
            "schema_version": 1,
            "colour": "teal",
            "organisation": {"name": "Ås", "founded": 1971, "goals": [{"id": 1, "title": "G", "weight": 3}]},
            "initiatives": [{"id": 1, "title": "A", "budget": 100,
                "log": [{"date": "2026-01-02", "text": "x", "mood": "good"}]}]
        });
        let mut p: Portfolio = serde_json::from_value(raw.clone()).expect("valid");
        p.absorb(&raw);
        assert!(p.has_extras());
        let mut out = serde_json::to_value(&p).expect("serialises");
        p.emit(&mut out);
        assert_eq!(out["colour"], "teal");
        assert_eq!(out["organisation"]["founded"], 1971);
        assert_eq!(out["organisation"]["goals"][0]["weight"], 3);
        assert_eq!(out["initiatives"][0]["budget"], 100);
        assert_eq!(out["initiatives"][0]["log"][0]["mood"], "good");
    }
}
