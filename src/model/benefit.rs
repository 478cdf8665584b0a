//! Benefits realisation (docs/domain.md §7): what an initiative is expected to gain, measured
//! against a baseline and a target over time, and what the initiative costs.
//!
//! The key names are a contract (docs/contracts.md, "Benefits"): scripts read `benefits`,
//! `kind`, `baseline`, `target`, `measurements` and the rest by these names.

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::extras::Extra;
use super::{BenefitKind, Id, Pressure};

/// One benefit: a measurable change someone values, with an owner who answers for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Benefit {
    /// Unique across the portfolio, never reused.
    pub id: Id,
    /// What the benefit is, in a line.
    pub title: String,
    pub kind: BenefitKind,
    /// Which of Ishøj's three P's it eases, if any.
    pub relieves: Option<Pressure>,
    /// The measure, e.g. "handläggningstid i dagar".
    pub indicator: String,
    /// Free text: "kr/år", "timmar/år", "%", "antal". Money is in the organisation's currency.
    pub unit: String,
    /// Measured before the change.
    pub baseline: Point,
    pub target: Point,
    /// Who answers for the benefit (nyttoägare, gevinstejer, gevinsteier).
    pub owner: String,
    /// How and by whom it is followed up.
    pub how_measured: String,
    /// Oldest first in the file, as they were added.
    pub measurements: Vec<Measurement>,
    #[serde(skip)]
    pub extra: Extra,
}

impl Default for Benefit {
    fn default() -> Self {
        Self {
            id: 0,
            title: String::new(),
            kind: BenefitKind::Money,
            relieves: None,
            indicator: String::new(),
            unit: String::new(),
            baseline: Point::default(),
            target: Point::default(),
            owner: String::new(),
            how_measured: String::new(),
            measurements: Vec::new(),
            extra: Extra::default(),
        }
    }
}

/// A value at a date: the baseline or the target. `value` is `None` for a benefit not yet
/// quantified.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Point {
    #[serde(serialize_with = "number", deserialize_with = "finite")]
    pub value: Option<f64>,
    pub date: Option<Date>,
    #[serde(skip)]
    pub extra: Extra,
}

/// One reading of a benefit's indicator. `value` is `None` for an observation in words only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    /// Unique across the portfolio, never reused.
    #[serde(default)]
    pub id: Id,
    pub date: Date,
    #[serde(default, serialize_with = "number", deserialize_with = "finite")]
    pub value: Option<f64>,
    #[serde(default)]
    pub note: String,
    #[serde(skip)]
    pub extra: Extra,
}

/// What an initiative costs, for a simple benefit calculation (nyttokalkyl): the investment
/// once, the running cost each year. In the organisation's currency.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Costs {
    #[serde(serialize_with = "number", deserialize_with = "finite")]
    pub investment: Option<f64>,
    #[serde(serialize_with = "number", deserialize_with = "finite")]
    pub yearly: Option<f64>,
    #[serde(skip)]
    pub extra: Extra,
}

impl Costs {
    pub fn is_empty(&self) -> bool {
        self.investment.is_none() && self.yearly.is_none() && self.extra.is_empty()
    }
}

/// Whole numbers are written without a fraction (`400000`, not `400000.0`), so a value typed
/// by hand is saved as it was typed and a one-field edit stays a one-line diff.
#[allow(clippy::ref_option)]
fn number<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: every whole number below is exact
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < EXACT => serializer.serialize_i64(*v as i64),
        Some(v) => serializer.serialize_f64(*v),
        None => serializer.serialize_none(),
    }
}

/// JSON cannot hold infinities or NaN, but a number too large for `f64` reads as one: refused.
fn finite<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    let value = Option::<f64>::deserialize(deserializer)?;
    match value {
        Some(v) if !v.is_finite() => {
            Err(serde::de::Error::custom("the number is too large; fasett reads numbers up to about 1e308"))
        }
        _ => Ok(value),
    }
}

/// The benefit fields of schema versions 1 and 2, which version 3 replaced with
/// [`Benefit`]s: two ticks and a text for the expected benefit, two ticks and a text for
/// what was realised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Legacy {
    pub efficiency: bool,
    pub quality: bool,
    pub text: String,
    pub analysed: bool,
    pub realised: bool,
    pub realised_text: String,
    /// When the initiative started (the baseline's date of a yes/no benefit).
    pub start: Option<Date>,
    /// When the realisation was found: the initiative's end, else its last update, follow-up
    /// or start.
    pub found: Option<Date>,
}

impl Legacy {
    /// Nothing was stated.
    pub fn is_empty(&self) -> bool {
        !self.efficiency
            && !self.quality
            && self.text.trim().is_empty()
            && !self.analysed
            && !self.realised
            && self.realised_text.trim().is_empty()
    }

    /// The old fields as benefits, losing no text:
    /// - each ticked box becomes one benefit titled with the old text: efficiency of kind
    ///   `other` (it may be money or time; the old form did not say), quality of kind
    ///   `quality`; a text with no box ticked becomes one benefit of kind `other`;
    /// - a realisation that was analysed becomes a yes/no reading on each of them: baseline
    ///   0 at the start, target 1 at the end, one measurement of 1 (realised) or 0 (not)
    ///   carrying the old realised text; a realised text alone becomes a measurement note;
    /// - the measurement is dated when the realisation was found ([`Legacy::found`]); with no
    ///   date at all, the realised text goes to `how_measured`.
    ///
    /// `next_id` hands out benefit ids (`true`) and measurement ids (`false`).
    pub fn into_benefits(self, mut next_id: impl FnMut(bool) -> Id) -> Vec<Benefit> {
        if self.is_empty() {
            return Vec::new();
        }
        let mut kinds = Vec::new();
        if self.efficiency {
            kinds.push(BenefitKind::Other);
        }
        if self.quality {
            kinds.push(BenefitKind::Quality);
        }
        if kinds.is_empty() {
            kinds.push(BenefitKind::Other);
        }
        let judged = self.analysed || self.realised;
        let has_note = !self.realised_text.trim().is_empty();
        kinds
            .into_iter()
            .map(|kind| {
                let mut b =
                    Benefit { id: next_id(true), title: self.text.clone(), kind, ..Benefit::default() };
                if judged {
                    b.baseline = Point { value: Some(0.0), date: self.start, extra: Extra::default() };
                    b.target = Point { value: Some(1.0), date: self.found, extra: Extra::default() };
                }
                match self.found {
                    Some(date) if judged || has_note => b.measurements.push(Measurement {
                        id: next_id(false),
                        date,
                        value: judged.then_some(if self.realised { 1.0 } else { 0.0 }),
                        note: self.realised_text.clone(),
                        extra: Extra::default(),
                    }),
                    _ => b.how_measured.clone_from(&self.realised_text),
                }
                b
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn counter() -> impl FnMut(bool) -> Id {
        let (mut benefits, mut measurements) = (0, 0);
        move |benefit| {
            let n = if benefit { &mut benefits } else { &mut measurements };
            *n += 1;
            *n
        }
    }

    #[test]
    fn whole_numbers_are_written_without_a_fraction() {
        let p = Point { value: Some(400_000.0), ..Point::default() };
        assert_eq!(serde_json::to_string(&p).expect("json"), r#"{"value":400000,"date":null}"#);
        let p = Point { value: Some(1.5), ..Point::default() };
        assert_eq!(serde_json::to_string(&p).expect("json"), r#"{"value":1.5,"date":null}"#);
        let back: Point = serde_json::from_str(r#"{"value":400000,"date":null}"#).expect("reads");
        assert_eq!(back.value, Some(400_000.0));
        assert!(serde_json::from_str::<Point>(r#"{"value":1e999}"#).is_err(), "no infinity");
    }

    #[test]
    fn both_ticks_become_two_benefits_carrying_the_text() {
        let legacy = Legacy {
            efficiency: true,
            quality: true,
            text: "Kortare handläggningstid.".into(),
            analysed: true,
            realised: true,
            realised_text: "Från 24 till 9 dagar.".into(),
            start: Some(date(2025, 1, 15)),
            found: Some(date(2025, 12, 19)),
        };
        let benefits = legacy.into_benefits(counter());
        assert_eq!(benefits.len(), 2);
        assert_eq!(benefits[0].kind, BenefitKind::Other);
        assert_eq!(benefits[1].kind, BenefitKind::Quality);
        for (b, id) in benefits.iter().zip(1..) {
            assert_eq!(b.id, id);
            assert_eq!(b.title, "Kortare handläggningstid.");
            assert_eq!((b.baseline.value, b.target.value), (Some(0.0), Some(1.0)));
            assert_eq!(b.target.date, Some(date(2025, 12, 19)));
            assert_eq!(b.measurements.len(), 1);
            assert_eq!(b.measurements[0].value, Some(1.0));
            assert_eq!(b.measurements[0].note, "Från 24 till 9 dagar.");
        }
        assert_eq!(benefits[1].measurements[0].id, 2);
    }

    #[test]
    fn a_realised_text_alone_is_a_note_and_nothing_stated_is_nothing() {
        let legacy = Legacy {
            quality: true,
            realised_text: "Ännu inte analyserad.".into(),
            found: Some(date(2026, 8, 16)),
            ..Legacy::default()
        };
        let benefits = legacy.into_benefits(counter());
        assert_eq!(benefits.len(), 1);
        assert_eq!(benefits[0].baseline.value, None, "not quantified");
        assert_eq!(benefits[0].measurements[0].value, None);
        assert_eq!(benefits[0].measurements[0].note, "Ännu inte analyserad.");
        assert!(Legacy::default().into_benefits(counter()).is_empty());
        let undated = Legacy { realised_text: "Bra.".into(), ..Legacy::default() };
        let benefits = undated.into_benefits(counter());
        assert_eq!(benefits[0].how_measured, "Bra.", "no date: the text is kept all the same");
        assert_eq!(benefits[0].kind, BenefitKind::Other);
    }
}
