//! The user's settings file (`config.json` in the config directory): the interface language
//! chosen with `:lang` and the colour choice of `:color`. A missing or unreadable file means defaults, never an error:
//! settings are a convenience, the portfolio is what must not be lost.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::store::{self, Sharing, WriteError};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Language code chosen with `:lang` (`en`, `sv`, `da`, `nb`).
    pub lang: Option<String>,
    /// `:color on` (true) or `:color off` (false); unset means colours unless `NO_COLOR`.
    pub color: Option<bool>,
    /// Keys this version does not know, kept when the file is written back.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The settings file: `$FASETT_CONFIG` if set (tests), else the platform config directory.
pub fn path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("FASETT_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "fasett").map(|d| d.config_dir().join("config.json"))
}

impl Config {
    pub fn load(path: &Path) -> Config {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    pub fn lang(&self) -> Option<Lang> {
        self.lang.as_deref().and_then(Lang::from_locale)
    }

    /// Whether `:color off` was remembered.
    pub fn colors_off(&self) -> bool {
        self.color == Some(false)
    }

    /// Writes the settings through the one atomic writer, as a private file (mode 0600).
    pub fn save(&self, path: &Path) -> Result<(), WriteError> {
        let mut text =
            serde_json::to_string_pretty(self).expect("the settings serialise: every key is a string");
        text.push('\n');
        store::write_file(path, text.as_bytes(), Sharing::Private).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_or_broken_file_means_defaults_and_unknown_keys_survive() {
        let dir = crate::testing::temp_dir();
        let path = dir.path().join("sub/config.json");
        assert_eq!(Config::load(&path), Config::default());
        std::fs::create_dir_all(dir.path().join("sub")).expect("mkdir");
        std::fs::write(&path, "{ not json").expect("writes");
        assert_eq!(Config::load(&path), Config::default());
        std::fs::write(&path, r#"{"lang": "sv", "theme": "dark"}"#).expect("writes");
        let mut config = Config::load(&path);
        assert_eq!(config.lang(), Some(Lang::Sv));
        assert!(!config.colors_off(), "colours unless turned off");
        config.color = Some(false);
        config.save(&path).expect("saves");
        assert!(Config::load(&path).colors_off());
        config.lang = Some("nb".into());
        config.save(&path).expect("saves");
        let text = std::fs::read_to_string(&path).expect("reads");
        assert!(text.contains("\"theme\": \"dark\"") && text.contains("\"nb\""));
    }

    #[test]
    fn settings_go_through_the_one_writer_private_and_through_a_symlink() {
        use std::os::unix::fs::PermissionsExt;
        let dir = crate::testing::temp_dir();
        let path = dir.path().join("fresh/config.json");
        let config = Config { lang: Some("da".into()), ..Config::default() };
        config.save(&path).expect("saves");
        let mode = |p: &Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600, "a new settings file is private");
        assert_eq!(mode(&dir.path().join("fresh")), 0o700, "and so is a folder made for it");

        // Settings kept in a dotfiles repository and linked into place stay linked.
        let link = dir.path().join("linked.json");
        std::os::unix::fs::symlink(&path, &link).expect("symlink");
        Config { lang: Some("sv".into()), ..Config::default() }.save(&link).expect("saves");
        assert!(crate::testing::is_link(&link));
        assert_eq!(Config::load(&path).lang(), Some(Lang::Sv));
        let left: Vec<_> = std::fs::read_dir(dir.path().join("fresh"))
            .expect("a folder")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
