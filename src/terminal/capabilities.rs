//! What the terminal fasett runs in can do, read from the environment before it is touched:
//! whether it can be drawn on at all (`TERM=dumb` cannot), whether it shows Unicode (the
//! locale's character set, as tmux and screen decide it) and whether it wants colours.

/// Whether `TERM` names a terminal that cannot move the cursor.
pub fn is_dumb(term: Option<&str>) -> bool {
    term.is_some_and(|t| t.trim() == "dumb")
}

/// Whether the locale's character set is UTF-8: the first of `LC_ALL`, `LC_CTYPE` and `LANG`
/// that is set decides, as for every program; none set is the C locale, which is ASCII.
pub fn unicode_locale(var: impl Fn(&str) -> Option<String>) -> bool {
    let locale =
        ["LC_ALL", "LC_CTYPE", "LANG"].into_iter().find_map(|name| var(name).filter(|v| !v.is_empty()));
    locale.is_some_and(|l| {
        let l = l.to_ascii_lowercase();
        l.contains("utf-8") || l.contains("utf8")
    })
}

/// Whether to draw in ASCII only: `FASETT_ASCII=1` asks for it, `FASETT_ASCII=0` refuses it
/// (a UTF-8 terminal under a locale that says otherwise), else the locale decides.
pub fn ascii(var: impl Fn(&str) -> Option<String>) -> bool {
    match var("FASETT_ASCII").as_deref().map(str::trim) {
        Some("1" | "yes" | "true" | "on") => true,
        Some("0" | "no" | "false" | "off") => false,
        _ => !unicode_locale(var),
    }
}

/// Whether `NO_COLOR` asks for no colours: set and not empty (no-color.org).
pub fn no_color(var: impl Fn(&str) -> Option<String>) -> bool {
    var("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn the_first_locale_variable_set_decides_the_character_set() {
        assert!(unicode_locale(env(&[("LANG", "sv_SE.UTF-8")])));
        assert!(unicode_locale(env(&[("LANG", "C.utf8")])));
        assert!(!unicode_locale(env(&[("LANG", "C")])));
        assert!(!unicode_locale(env(&[])), "no locale is the C locale");
        assert!(!unicode_locale(env(&[("LC_ALL", "C"), ("LANG", "sv_SE.UTF-8")])));
        assert!(!unicode_locale(env(&[("LC_CTYPE", "POSIX"), ("LANG", "en_GB.UTF-8")])));
        assert!(unicode_locale(env(&[("LC_ALL", ""), ("LC_CTYPE", "en_US.UTF-8"), ("LANG", "C")])));
        assert!(!unicode_locale(env(&[("LANG", "sv_SE.ISO-8859-1")])));
    }

    #[test]
    fn fasett_ascii_overrules_the_locale_both_ways() {
        assert!(ascii(env(&[("LANG", "C")])));
        assert!(!ascii(env(&[("LANG", "C.UTF-8")])));
        assert!(ascii(env(&[("LANG", "C.UTF-8"), ("FASETT_ASCII", "1")])));
        assert!(!ascii(env(&[("LANG", "C"), ("FASETT_ASCII", "0")])));
        assert!(ascii(env(&[("LANG", "C"), ("FASETT_ASCII", "")])));
    }

    #[test]
    fn dumb_terminals_and_no_color() {
        assert!(is_dumb(Some("dumb")));
        assert!(!is_dumb(Some("xterm-256color")));
        assert!(!is_dumb(None));
        assert!(no_color(env(&[("NO_COLOR", "1")])));
        assert!(!no_color(env(&[("NO_COLOR", "")])));
        assert!(!no_color(env(&[])));
    }
}
