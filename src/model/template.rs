//! Checklist templates: items grouped in dimensions, a scale with a label for every step,
//! optional reverse-scored items and optional perspectives (docs/domain.md §6).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Facet;
use super::extras::Extra;

/// Text in several languages, keyed by language code ("en", "sv", "da", "nb").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LocalText(pub BTreeMap<String, String>);

impl LocalText {
    /// The text in `lang`, else English, else any language present.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("en"))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    pub version: u32,
    pub name: LocalText,
    #[serde(default)]
    pub description: LocalText,
    /// Where the checklist comes from (publication and publisher).
    #[serde(default)]
    pub source: String,
    pub scale: Scale,
    #[serde(default)]
    pub result: ResultKind,
    pub dimensions: Vec<Dimension>,
    pub items: Vec<TemplateItem>,
    /// E.g. "organisation" and "individual": each item is scored once per perspective.
    #[serde(default)]
    pub perspectives: Vec<Perspective>,
    #[serde(skip)]
    pub extra: Extra,
}

/// A scale from `min` to `max` with a label for every step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub min: u8,
    pub max: u8,
    pub steps: Vec<ScaleStep>,
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleStep {
    pub value: u8,
    pub label: LocalText,
    #[serde(skip)]
    pub extra: Extra,
}

/// How a template's results are summarised.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    /// Mean score per dimension and in total, reverse items flipped.
    #[default]
    Mean,
    /// Each facet's percentage of its maximum, and the tendency (OPSI-style).
    FacetOrientation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimension {
    pub id: String,
    pub name: LocalText,
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateItem {
    pub id: String,
    pub dimension: String,
    pub text: LocalText,
    /// More is worse: the score is flipped within the scale before summing.
    #[serde(default)]
    pub reverse: bool,
    /// May be skipped without making the run incomplete.
    #[serde(default)]
    pub optional: bool,
    /// For facet-orientation templates: the facet this statement points to.
    #[serde(default)]
    pub facet: Option<Facet>,
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Perspective {
    pub id: String,
    pub name: LocalText,
    #[serde(skip)]
    pub extra: Extra,
}
