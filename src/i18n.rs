//! UI text. Every string the interface shows is looked up by key in a catalog embedded from
//! `data/i18n/<lang>.json`; a key missing in a language falls back to English, and a key
//! missing everywhere shows itself so it is noticed in snapshots.

mod numbers;

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::sync::OnceLock;

pub use numbers::{MAX_VALUE, NumberError, parse_cell};

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

const SOURCES: [(Lang, &str); 4] = [
    (Lang::En, include_str!("../data/i18n/en.json")),
    (Lang::Sv, include_str!("../data/i18n/sv.json")),
    (Lang::Da, include_str!("../data/i18n/da.json")),
    (Lang::Nb, include_str!("../data/i18n/nb.json")),
];

fn catalogs() -> &'static HashMap<Lang, Catalog> {
    static CATALOGS: OnceLock<HashMap<Lang, Catalog>> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        SOURCES
            .iter()
            // The catalogs are part of the binary and checked by tests; an unreadable one
            // degrades to keys on screen rather than refusing to start.
            .map(|(lang, text)| (*lang, serde_json::from_str(text).unwrap_or_default()))
            .collect()
    })
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Sv, Lang::Da, Lang::Nb];

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

    /// The text for `key`.
    pub fn t(self, key: &str) -> &'static str {
        let all = catalogs();
        all.get(&self)
            .and_then(|c| c.get(key))
            .or_else(|| all.get(&Lang::En).and_then(|c| c.get(key)))
            .map_or_else(|| missing(key), String::as_str)
    }

    /// The text for `key` with `{name}` placeholders filled in (see [`fill`]).
    pub fn tf(self, key: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
        fill(self.t(key), args)
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
    catalogs().get(&Lang::En).map(|c| c.keys().map(String::as_str).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

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
