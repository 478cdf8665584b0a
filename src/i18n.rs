//! UI text. Every string the interface shows is looked up by key in a catalog embedded from
//! `data/i18n/<lang>.json`; a key missing in a language falls back to English, and a key
//! missing everywhere shows itself so it is noticed in snapshots.
//!
//! This is also the one place that writes numbers, dates and counts the way each language
//! does: [`Lang::decimal`], [`Lang::signed_decimal`], [`Lang::percent`], [`Lang::date`],
//! [`Lang::day_month`], [`Lang::date_time`] and, for "1 initiative" against "2 initiatives",
//! [`Lang::tn`]; grouped amounts and money ("400 000 kr") and reading typed numbers back are in
//! `i18n/numbers.rs` ([`Lang::number`], [`Lang::amount`], [`Lang::money`],
//! [`Lang::parse_number`]).

mod numbers;

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::sync::OnceLock;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
pub use numbers::{MAX_VALUE, NumberError, Scale, parse_cell, rounded};

/// A language the interface can speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Sv,
    Da,
    Nb,
}

type Catalog = HashMap<String, String>;

/// A language's catalog as the binary holds it; the match makes a language without one a
/// compile error.
fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../data/i18n/en.json"),
        Lang::Sv => include_str!("../data/i18n/sv.json"),
        Lang::Da => include_str!("../data/i18n/da.json"),
        Lang::Nb => include_str!("../data/i18n/nb.json"),
    }
}

/// One language's catalog, read the first time it is asked for: a session reads its own
/// language's, and English only when a key is missing from it (a quarter of the work of
/// reading all four, before the first frame).
fn catalog(lang: Lang) -> &'static Catalog {
    static CATALOGS: [OnceLock<Catalog>; Lang::ALL.len()] = [const { OnceLock::new() }; Lang::ALL.len()];
    // `Lang::ALL` holds every language (a test checks it against clap's list of them).
    let ix = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    // The catalogs are part of the binary and checked by tests; an unreadable one degrades to
    // keys on screen rather than refusing to start.
    CATALOGS[ix].get_or_init(|| serde_json::from_str(source(lang)).unwrap_or_default())
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Sv, Lang::Da, Lang::Nb];

    /// How titles are ordered in this language.
    pub fn collation(self) -> crate::text::Collation {
        match self {
            Lang::En => crate::text::Collation::Latin,
            Lang::Sv => crate::text::Collation::Swedish,
            Lang::Da | Lang::Nb => crate::text::Collation::DanishNorwegian,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sv => "sv",
            Lang::Da => "da",
            Lang::Nb => "nb",
        }
    }

    /// Parses a code or a POSIX locale name: `sv`, `sv_SE.UTF-8`, `da_DK`, `nb_NO`, `no_NO`,
    /// `nn_NO`, `en_GB`. `C` and `POSIX` and anything unknown give `None`.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let code = locale.split(['_', '.', '@', '-']).next()?.to_ascii_lowercase();
        match code.as_str() {
            "en" => Some(Lang::En),
            "sv" => Some(Lang::Sv),
            "da" => Some(Lang::Da),
            "nb" | "no" | "nn" => Some(Lang::Nb),
            _ => None,
        }
    }

    /// `--lang` > `FASETT_LANG` > the choice remembered from `:lang` > `LC_ALL` >
    /// `LC_MESSAGES` > `LANG` > English.
    pub fn resolve(
        cli: Option<Lang>,
        remembered: Option<Lang>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Lang {
        let from_env = |var: &str| env(var).filter(|v| !v.is_empty()).and_then(|v| Lang::from_locale(&v));
        cli.or_else(|| from_env("FASETT_LANG"))
            .or(remembered)
            .or_else(|| ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|var| from_env(var)))
            .unwrap_or_default()
    }

    /// Reads this language's catalog now, so that the first text asked for does not wait
    /// for it.
    pub fn preload(self) {
        catalog(self);
    }

    /// The text for `key`.
    pub fn t(self, key: &str) -> &'static str {
        catalog(self)
            .get(key)
            .or_else(|| catalog(Lang::En).get(key))
            .map_or_else(|| missing(key), String::as_str)
    }

    /// The text for `key` with `{name}` placeholders filled in (see [`fill`]).
    pub fn tf(self, key: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
        fill(self.t(key), args)
    }

    /// The text for `key` in the form `count` needs, with `{count}` and `args` filled in:
    /// `key.one` when `count` is 1 (and the catalog has that form), else `key`. All four
    /// languages use the singular for exactly one and the plural for everything else, 0
    /// included ("0 initiativ", "0 initiatives").
    pub fn tn(self, key: &str, count: usize, args: &[(&str, &dyn fmt::Display)]) -> String {
        let one = format!("{key}.one");
        let template = if count == 1 && self.has(&one) { self.t(&one) } else { self.t(key) };
        let mut all: Vec<(&str, &dyn fmt::Display)> = args.to_vec();
        all.push(("count", &count));
        fill(template, &all)
    }

    /// The text for `key`, or `None` when no catalog has it: for looking up a label that
    /// may not exist, such as a stored value's (`priority.high`).
    pub fn try_t(self, key: &str) -> Option<&'static str> {
        self.has(key).then(|| self.t(key))
    }

    fn has(self, key: &str) -> bool {
        [self, Lang::En].into_iter().any(|lang| catalog(lang).contains_key(key))
    }

    /// `value` with `places` decimals as the language writes it: "3.5" in English, "3,5" in
    /// Swedish, Danish and Norwegian. A value that rounds to zero has no minus sign. The one
    /// formatter of `i18n/numbers.rs` ([`Lang::number`]), so scores, shares and amounts round
    /// and group alike everywhere.
    pub fn decimal(self, value: f64, places: usize) -> String {
        self.number(value, places)
    }

    /// A change, always with its sign: "+0,8", "-0,3", and "±0,0" for one that rounds to
    /// nothing. The minus is the ASCII one, so the figure still reads as a number when it is
    /// pasted into a spreadsheet.
    pub fn signed_decimal(self, value: f64, places: usize) -> String {
        let digits = self.decimal(value.abs(), places);
        let sign = if digits.chars().all(|c| matches!(c, '0' | '.' | ',')) {
            '±'
        } else if value < 0.0 {
            '-'
        } else {
            '+'
        };
        format!("{sign}{digits}")
    }

    /// A percentage: "28%" in English; "28 %" in the Nordic languages, whose language
    /// councils ask for the space.
    pub fn percent(self, value: f64, places: usize) -> String {
        let number = self.decimal(value, places);
        if self == Lang::En { format!("{number}%") } else { format!("{number} %") }
    }

    /// A date as the language writes it where people read it: the ISO form in English and
    /// Swedish (which writes dates that way), day.month.year in Danish and Norwegian. Files,
    /// CSV and JSON keep ISO dates whatever the language.
    pub fn date(self, date: Date) -> String {
        match self {
            Lang::En | Lang::Sv => date.to_string(),
            Lang::Da | Lang::Nb => date.strftime("%d.%m.%Y").to_string(),
        }
    }

    /// Day and month only, for lists of dates close to today: "20 Nov" in English (where
    /// "11-20" could be read either way round), "20/11" in Swedish, "20.11." in Danish and
    /// Norwegian.
    pub fn day_month(self, date: Date) -> String {
        match self {
            Lang::En => format!("{} {}", date.day(), date.strftime("%b")),
            Lang::Sv => format!("{}/{}", date.day(), date.month()),
            Lang::Da | Lang::Nb => format!("{}.{}.", date.day(), date.month()),
        }
    }

    /// A moment in local time, to the minute: "today 17:46" when it was `today` in `zone`,
    /// else the [`Lang::date`] and the time ("29.11.2026 17:46").
    pub fn date_time(self, at: Timestamp, zone: &TimeZone, today: Date) -> String {
        let local = at.to_zoned(zone.clone());
        let time = local.strftime("%H:%M");
        if local.date() == today {
            format!("{} {time}", self.t("time.today"))
        } else {
            format!("{} {time}", self.date(local.date()))
        }
    }
}

/// `template` with each `{name}` that `args` names replaced by its value, in one pass from left
/// to right. A value is written as it is and never searched for placeholders, so a user's text
/// that happens to contain `{path}` comes out unchanged. Braces around anything else stay.
pub fn fill(template: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let named = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter().find(|(n, _)| *n == name).map(|(_, value)| (close, value))
        });
        if let Some((close, value)) = named {
            let _ = write!(out, "{value}");
            rest = &after[close + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Leaks the key once so a missing translation shows the key itself.
fn missing(key: &str) -> &'static str {
    static SEEN: OnceLock<std::sync::Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let seen = SEEN.get_or_init(Default::default);
    let mut seen = seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    seen.entry(key.to_owned()).or_insert_with(|| Box::leak(key.to_owned().into_boxed_str()))
}

/// Every key in the English catalog (for tests and tooling).
pub fn english_keys() -> Vec<&'static str> {
    catalog(Lang::En).keys().map(String::as_str).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_is_in_all_once_and_has_its_own_catalog() {
        use clap::ValueEnum;
        assert_eq!(Lang::ALL.as_slice(), Lang::value_variants());
        for (n, lang) in Lang::ALL.into_iter().enumerate() {
            assert!(catalog(lang).len() > 100, "{lang:?}: {} keys", catalog(lang).len());
            assert!(
                Lang::ALL[..n].iter().all(|earlier| catalog(*earlier) != catalog(lang)),
                "{lang:?}'s own"
            );
        }
    }

    #[test]
    fn locale_names_map_to_languages() {
        assert_eq!(Lang::from_locale("sv_SE.UTF-8"), Some(Lang::Sv));
        assert_eq!(Lang::from_locale("da_DK"), Some(Lang::Da));
        assert_eq!(Lang::from_locale("nb_NO.UTF-8"), Some(Lang::Nb));
        assert_eq!(Lang::from_locale("no_NO"), Some(Lang::Nb));
        assert_eq!(Lang::from_locale("nn_NO"), Some(Lang::Nb));
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C"), None);
        assert_eq!(Lang::from_locale("de_DE"), None);
    }

    #[test]
    fn flag_beats_environment_and_environment_has_an_order() {
        let env = |v: &str| match v {
            "LANG" => Some("da_DK.UTF-8".to_owned()),
            "LC_ALL" => Some(String::new()),
            _ => None,
        };
        assert_eq!(Lang::resolve(None, None, env), Lang::Da);
        assert_eq!(Lang::resolve(Some(Lang::Sv), None, env), Lang::Sv);
        assert_eq!(
            Lang::resolve(None, Some(Lang::Nb), env),
            Lang::Nb,
            "a remembered choice beats the locale"
        );
        let fasett = |v: &str| {
            (v == "FASETT_LANG" || v == "LANG").then(|| if v == "LANG" { "sv_SE" } else { "nb" }.to_owned())
        };
        assert_eq!(Lang::resolve(None, Some(Lang::Da), fasett), Lang::Nb);
        assert_eq!(Lang::resolve(None, None, |_| None), Lang::En);
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(Lang::En.t("no.such.key"), "no.such.key");
        let n = 3;
        assert!(Lang::En.tf("status.unknown_command", &[("command", &n)]).contains('3'));
    }

    #[test]
    fn decimals_use_the_languages_separator() {
        assert_eq!(Lang::En.decimal(3.46, 1), "3.5");
        for lang in [Lang::Sv, Lang::Da, Lang::Nb] {
            assert_eq!(lang.decimal(3.46, 1), "3,5");
            assert_eq!(lang.decimal(12.0, 0), "12");
        }
        assert_eq!(Lang::Sv.decimal(-0.04, 1), "0,0", "no minus on a zero");
        assert_eq!(Lang::Sv.decimal(-1.25, 2), "-1,25");
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(Lang::En.signed_decimal(0.8, 1), "+0.8");
        assert_eq!(Lang::Sv.signed_decimal(0.8, 1), "+0,8");
        assert_eq!(Lang::Nb.signed_decimal(-0.34, 1), "-0,3");
        assert_eq!(Lang::Da.signed_decimal(0.04, 1), "±0,0");
        assert_eq!(Lang::Da.signed_decimal(-0.04, 1), "±0,0");
    }

    #[test]
    fn percentages_have_a_space_in_the_nordic_languages() {
        assert_eq!(Lang::En.percent(28.0, 0), "28%");
        assert_eq!(Lang::Sv.percent(28.0, 0), "28 %");
        assert_eq!(Lang::Nb.percent(12.5, 1), "12,5 %");
        // One formatter: halves round away from zero, thousands are grouped.
        assert_eq!(Lang::Sv.percent(12.5, 0), "13 %");
        assert_eq!(Lang::Sv.decimal(16_690_000.0, 0), "16 690 000");
        assert_eq!(Lang::En.decimal(-0.04, 1), "0.0");
    }

    #[test]
    fn dates_as_each_language_writes_them() {
        let d = jiff::civil::date(2026, 3, 5);
        assert_eq!(Lang::En.date(d), "2026-03-05");
        assert_eq!(Lang::Sv.date(d), "2026-03-05");
        assert_eq!(Lang::Da.date(d), "05.03.2026");
        assert_eq!(Lang::Nb.date(d), "05.03.2026");
        assert_eq!(Lang::En.day_month(d), "5 Mar");
        assert_eq!(Lang::Sv.day_month(d), "5/3");
        assert_eq!(Lang::Da.day_month(d), "5.3.");
    }

    #[test]
    fn moments_are_shown_in_local_time_and_today_says_so() {
        let at: Timestamp = "2026-11-29T16:46:40.2442592Z".parse().expect("a timestamp");
        let stockholm =
            TimeZone::get("Europe/Stockholm").unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(1)));
        let today = jiff::civil::date(2026, 11, 29);
        assert_eq!(Lang::Sv.date_time(at, &stockholm, today), "i dag 17:46");
        assert_eq!(Lang::En.date_time(at, &TimeZone::UTC, today), "today 16:46");
        let later = jiff::civil::date(2026, 12, 1);
        assert_eq!(Lang::Nb.date_time(at, &stockholm, later), "29.11.2026 17:46");
        assert_eq!(Lang::Sv.date_time(at, &stockholm, later), "2026-11-29 17:46");
    }

    #[test]
    fn counts_choose_the_singular_for_exactly_one() {
        for lang in [Lang::En, Lang::Da, Lang::Nb] {
            let one = lang.tn("count.initiatives", 1, &[]);
            let many = lang.tn("count.initiatives", 2, &[]);
            assert!(one.starts_with("1 ") && many.starts_with("2 "), "{one} / {many}");
            assert_ne!(one[2..], many[2..], "{}: singular and plural differ", lang.code());
            assert_eq!(lang.tn("count.initiatives", 0, &[])[2..], many[2..], "0 takes the plural");
        }
        assert_eq!(Lang::En.tn("count.initiatives", 1, &[]), "1 initiative");
        assert_eq!(Lang::Sv.tn("plan.overdue_count", 1, &[]), "1 försenad");
        assert_eq!(Lang::Sv.tn("plan.overdue_count", 2, &[]), "2 försenade");
        assert_eq!(Lang::Nb.tn("culture.open_count", 1, &[]), "1 åpent");
        assert_eq!(Lang::Sv.tn("no.such.key", 1, &[]), "no.such.key", "a missing key still shows");
        assert_eq!(Lang::Sv.tn("report.in_days", 1, &[("days", &1)]), "om 1 dag");
        assert_eq!(Lang::Sv.tn("report.in_days", 3, &[("days", &3)]), "om 3 dagar");
    }

    #[test]
    fn values_are_never_filled_in_themselves() {
        let path = "/tmp/{path}/{other}";
        let other = "{path}";
        assert_eq!(
            fill("Saved {path} and {other}; {unknown} {", &[("path", &path), ("other", &other)]),
            "Saved /tmp/{path}/{other} and {path}; {unknown} {"
        );
        assert_eq!(fill("{a}{a}{{a}}", &[("a", &1), ("a", &2)]), "11{1}", "the first value of a name wins");
        let text = Lang::En.tf("status.unknown_command", &[("command", &"{command} {path}")]);
        assert!(text.contains("{command} {path}"), "{text}");
    }
}
