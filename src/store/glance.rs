//! A first look at a data file, for the first frame: what the Portfolio pane shows of each
//! initiative (its number, title, facet, stage, status, track, priority, owner, unit, tags,
//! placement and whether it is archived) and the organisation, and nothing else. Strings
//! without escapes are borrowed from the file's bytes, the long texts (descriptions, logs,
//! benefits) and the checklist runs are skipped unread, so it takes a fraction of a full
//! load. The full load ([`Store::open`]) runs beside it and replaces it before any key is
//! handled; a glance is never saved.

use std::borrow::Cow;

use serde::Deserialize;

use crate::model::{
    Facet, Initiative, Organisation, Placement, Portfolio, Priority, SCHEMA_VERSION, Stage, Status, Track,
};

#[cfg(doc)]
use super::Store;

/// The portfolio as far as the first frame needs it; `None` for anything unusual (another
/// schema version, an error of any kind), which the full load then explains.
pub fn glance(bytes: &[u8]) -> Option<Portfolio> {
    let file: File = serde_json::from_slice(bytes).ok()?;
    if file.schema_version != SCHEMA_VERSION {
        return None;
    }
    let initiatives = file.initiatives.into_iter().map(Glimpse::into_initiative).collect();
    Some(Portfolio { organisation: file.organisation, initiatives, ..Portfolio::default() })
}

#[derive(Deserialize)]
struct File<'a> {
    schema_version: u32,
    #[serde(default)]
    organisation: Organisation,
    #[serde(default, borrow)]
    initiatives: Vec<Glimpse<'a>>,
}

/// One initiative at a glance.
#[derive(Deserialize)]
#[serde(default)]
struct Glimpse<'a> {
    id: u32,
    #[serde(borrow)]
    title: Cow<'a, str>,
    facet: Facet,
    placement: Option<Placement>,
    stage: Stage,
    status: Status,
    track: Option<Track>,
    #[serde(borrow)]
    owner: Cow<'a, str>,
    #[serde(borrow)]
    unit: Cow<'a, str>,
    priority: Priority,
    #[serde(borrow)]
    tags: Vec<Cow<'a, str>>,
    archived: bool,
}

impl Default for Glimpse<'_> {
    fn default() -> Self {
        let i = Initiative::default();
        Self {
            id: i.id,
            title: Cow::Borrowed(""),
            facet: i.facet,
            placement: None,
            stage: i.stage,
            status: i.status,
            track: i.track,
            owner: Cow::Borrowed(""),
            unit: Cow::Borrowed(""),
            priority: i.priority,
            tags: Vec::new(),
            archived: i.archived,
        }
    }
}

impl Glimpse<'_> {
    fn into_initiative(self) -> Initiative {
        Initiative {
            id: self.id,
            title: self.title.into_owned(),
            facet: self.facet,
            placement: self.placement,
            stage: self.stage,
            status: self.status,
            track: self.track,
            owner: self.owner.into_owned(),
            unit: self.unit.into_owned(),
            priority: self.priority,
            tags: self.tags.into_iter().map(Cow::into_owned).collect(),
            archived: self.archived,
            ..Initiative::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::to_json;

    #[test]
    fn a_glance_has_what_the_portfolio_pane_shows_and_nothing_more() {
        let full = crate::testing::sample();
        let glanced = glance(to_json(&full).as_bytes()).expect("a current file");
        assert_eq!(glanced.organisation, full.organisation);
        assert_eq!(glanced.initiatives.len(), full.initiatives.len());
        for (g, f) in glanced.initiatives.iter().zip(&full.initiatives) {
            assert_eq!(
                (g.id, &g.title, g.facet, g.stage, g.status),
                (f.id, &f.title, f.facet, f.stage, f.status)
            );
            assert_eq!(
                (&g.owner, &g.unit, &g.tags, g.archived, g.priority),
                (&f.owner, &f.unit, &f.tags, f.archived, f.priority)
            );
            assert_eq!((g.track, &g.placement), (f.track, &f.placement));
            assert!(g.description.is_empty() && g.log.is_empty());
        }
        assert!(glanced.assessments.is_empty());
    }

    #[test]
    fn anything_unusual_is_left_to_the_full_load() {
        assert!(glance(b"{ not json").is_none());
        assert!(glance(br#"{"schema_version": 99, "initiatives": []}"#).is_none());
        assert!(glance(br#"{"schema_version": 1, "initiatives": [{"facet": "nonsense"}]}"#).is_none());
    }
}
