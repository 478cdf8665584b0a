//! The `:` command line: every command the interface understands, in one place.

use std::path::Path;

use super::{App, Mode};
use crate::action::ProfileAction;
use crate::i18n::Lang;
use crate::store::{Saver, Store};

impl App {
    /// Runs one command line such as `w other.json`, `lang sv` or `reload`.
    pub(super) fn run_command(&mut self, line: &str) {
        let line = line.trim();
        let (command, arg) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let arg = arg.trim();
        match command {
            "" => {}
            "q" | "quit" => self.quit(false),
            "q!" => self.quit(true),
            "w" | "write" if arg.is_empty() => {
                if self.writable() {
                    self.write_asked();
                }
            }
            "w" | "write" => self.save_as(Path::new(arg)),
            "reload" | "e!" => self.reload_from_disk(),
            "takeover" | "take-over" => self.take_over(),
            "conflicts" => self.open_conflicts(),
            "org" | "organisation" | "organization" => self.update_profile(ProfileAction::Open),
            "lang" | "language" => self.switch_language(arg),
            "color" | "colour" => self.switch_color(arg),
            "help" | "h" => self.mode = Mode::Help { scroll: 0, back: Box::new(Mode::Normal) },
            "import" => self.import_command(arg),
            "export" => self.export_command(arg),
            "report" => self.report_command(arg),
            "ideas" | "idea" | "intake" => self.open_intake(),
            "grew" => self.grew_command(arg),
            "decide" | "decision" => self.decide_command(arg),
            "review" => self.review_command(),
            _ => self.set_error(self.lang.tf("status.unknown_command", &[("command", &command)])),
        }
    }

    fn save_as(&mut self, path: &Path) {
        self.finish_saves();
        let portfolio = &self.portfolio;
        let Some(saver) = self.store.as_mut() else { return };
        match saver.with_store(|store| store.save_as(portfolio, path)) {
            Ok(()) => {
                self.unsaved = false;
                self.disk_settled();
                self.history.mark_saved();
                self.set_info(self.lang.tf("status.saved_as", &[("path", &path.display())]));
            }
            Err(e) => {
                self.set_error(self.lang.tf("status.save_failed", &[("error", &e.localized(self.lang))]));
            }
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
        self.overview_changed();
        // Titles sort as the language does.
        self.refresh_view();
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

    /// `:color off` / `:color on`: colours now and at every later start, remembered in the
    /// settings file (over SSH, `NO_COLOR` often stays on the client). `NO_COLOR` set in the
    /// environment still wins.
    fn switch_color(&mut self, arg: &str) {
        let on = match arg {
            "on" | "yes" | "1" => true,
            "off" | "no" | "0" => false,
            _ => {
                self.set_error(self.lang.t("status.color_usage").to_owned());
                return;
            }
        };
        self.no_color = !on || self.no_color_env;
        let remembered = crate::config::path().map(|path| {
            let mut config = crate::config::Config::load(&path);
            config.color = Some(on);
            config.save(&path).map_err(|e| format!("{}: {e}", path.display()))
        });
        let said = match (on, self.no_color_env) {
            (true, true) => "status.color_env",
            (true, false) => "status.color_on",
            (false, _) => "status.color_off",
        };
        match remembered {
            Some(Err(e)) => self.set_error(self.lang.tf("status.color_not_remembered", &[("error", &e)])),
            Some(Ok(())) | None => self.set_info(self.lang.t(said).to_owned()),
        }
    }

    /// Leaves a first run for a scratch copy of the demo (the welcome's second choice).
    pub(super) fn open_demo(&mut self) {
        let lang = self.lang;
        let opened = crate::demo::path()
            .map_err(|e| e.localized(lang))
            .and_then(|path| crate::demo::prepare(&path, false, lang).map(|()| path))
            .and_then(|path| Store::open(&path, false).map_err(|e| e.localized(lang)));
        match opened {
            Ok(opened) => {
                self.finish_saves();
                self.store = Some(Saver::new(opened.store));
                self.disk_settled();
                self.replace_portfolio(opened.portfolio);
                let path = self.path().map(Path::to_path_buf).unwrap_or_default();
                let text = self.with_path(&path, |p| lang.tf("welcome.demo_opened", &[("path", &p)]));
                self.set_info(text);
            }
            Err(e) => self.set_error(e),
        }
    }
}
