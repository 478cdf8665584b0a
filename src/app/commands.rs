//! The `:` command line: every command the interface understands, in one place.

use std::path::Path;

use super::{App, Mode};
use crate::action::ProfileAction;
use crate::i18n::Lang;
use crate::store::Store;

impl App {
    /// Runs one command line such as `w other.json`, `lang sv` or `reload`.
    pub(super) fn run_command(&mut self, line: &str) {
        let line = line.trim();
        let (command, arg) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let arg = arg.trim();
        match command {
            "" => {}
            "q" | "quit" | "q!" => self.should_quit = true,
            "w" | "write" if arg.is_empty() => {
                if self.writable() {
                    self.save();
                }
            }
            "w" | "write" => self.save_as(Path::new(arg)),
            "reload" | "e!" => self.reload_from_disk(),
            "org" | "organisation" | "organization" => self.update_profile(ProfileAction::Open),
            "lang" | "language" => self.switch_language(arg),
            "help" | "h" => self.mode = Mode::Help { scroll: 0, back: Box::new(Mode::Normal) },
            "import" => self.import_command(arg),
            "export" => self.export_command(arg),
            "report" => self.report_command(arg),
            _ => self.set_error(self.lang.tf("status.unknown_command", &[("command", &command)])),
        }
    }

    fn save_as(&mut self, path: &Path) {
        let Some(store) = self.store.as_mut() else { return };
        match store.save_as(&self.portfolio, path) {
            Ok(()) => {
                self.unsaved = false;
                self.set_info(self.lang.tf("status.saved_as", &[("path", &path.display())]));
            }
            Err(e) => self.set_error(self.lang.tf("status.save_failed", &[("error", &e)])),
        }
    }

    /// `:lang sv`: switches the interface now and remembers the choice in the settings file.
    fn switch_language(&mut self, code: &str) {
        let Some(lang) = Lang::from_locale(code) else {
            let codes = Lang::ALL.map(Lang::code).join(", ");
            self.set_error(self.lang.tf("status.lang_unknown", &[("code", &code), ("codes", &codes)]));
            return;
        };
        self.lang = lang;
        self.refresh_overview();
        let remembered = crate::config::path().map(|path| {
            let mut config = crate::config::Config::load(&path);
            config.lang = Some(lang.code().to_owned());
            config.save(&path).map_err(|e| format!("{}: {e}", path.display()))
        });
        match remembered {
            Some(Err(e)) => self.set_error(self.lang.tf("status.lang_not_remembered", &[("error", &e)])),
            Some(Ok(())) | None => self.set_info(self.lang.t("status.lang_switched").to_owned()),
        }
    }

    /// Leaves a first run for a scratch copy of the demo (the welcome's second choice).
    pub(super) fn open_demo(&mut self) {
        let opened = crate::demo::path()
            .map_err(|e| e.to_string())
            .and_then(|path| crate::demo::prepare(&path, false).map(|()| path).map_err(|e| e.to_string()))
            .and_then(|path| Store::open(&path, false).map_err(|e| e.to_string()));
        match opened {
            Ok(opened) => {
                self.store = Some(opened.store);
                self.replace_portfolio(opened.portfolio);
                let path = self.path().map(|p| p.display().to_string()).unwrap_or_default();
                self.set_info(self.lang.tf("welcome.demo_opened", &[("path", &path)]));
            }
            Err(e) => self.set_error(e),
        }
    }
}
