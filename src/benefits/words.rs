//! A benefit's figures in words, the same in the detail view, the benefits view and the
//! report's lists: values with their unit or currency, the follow-up, the realisation.

use super::{Due, TimeUnits, clamp_shown, realisation};
use crate::i18n::Lang;
use crate::model::{Benefit, BenefitKind};
use crate::text::one_line;

/// A benefit named by its number where a list needs one: "Benefit 35", "Nytta 35". Never
/// with the "#" that numbers initiatives, so that the two cannot be confused.
pub fn label(lang: Lang, id: crate::model::Id) -> String {
    lang.tf("benefits.label", &[("id", &id)])
}

/// A value of `b` as people read it: money in the currency, anything else with its unit.
pub fn value_text(lang: Lang, b: &Benefit, value: f64, currency: Option<&str>) -> String {
    if b.kind == BenefitKind::Money {
        return lang.money(value, currency);
    }
    let amount = lang.amount(value);
    let unit = one_line(b.unit.trim());
    if unit.is_empty() { amount } else { format!("{amount} {unit}") }
}

/// The follow-up in a few words, as the Overview says it: "12d late", "in 5d", "✓ measured".
pub fn due_text(lang: Lang, due: Due) -> String {
    match due {
        Due::Undated => "—".to_owned(),
        Due::Measured => lang.t("benefits.due_measured").to_owned(),
        Due::Ahead(0) => lang.t("overview.today").to_owned(),
        Due::Ahead(days) => lang.tf("overview.in_days", &[("days", &days)]),
        Due::Overdue(days) => lang.tf("overview.overdue_days", &[("days", &days)]),
    }
}

/// The realisation as a whole percentage clamped for display, or "–" when there is none.
pub fn realisation_text(lang: Lang, b: &Benefit) -> String {
    realisation(b).map_or_else(|| "–".to_owned(), |p| lang.percent(clamp_shown(p), 0))
}

/// The time benefits not added to the headline figure, said beside it: "1 benefit in FTE not
/// added", or for a narrow line "1 in FTE apart"; `None` when every time benefit is in the
/// headline unit.
pub fn apart_text(lang: Lang, units: &TimeUnits, short: bool) -> Option<String> {
    let (one_unit, several) = if short {
        ("benefits.time_apart_short", "benefits.time_apart_units_short")
    } else {
        ("benefits.time_apart", "benefits.time_apart_units")
    };
    match units.apart.as_slice() {
        [] => None,
        [one] => Some(lang.tn(one_unit, one.count, &[("unit", &one.unit)])),
        all => {
            let names: Vec<&str> = all.iter().map(|a| a.unit.as_str()).collect();
            Some(lang.tn(several, units.apart_count(), &[("units", &names.join(", "))]))
        }
    }
}
