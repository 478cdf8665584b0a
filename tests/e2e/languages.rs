//! End to end: the locale picks the language, and `:lang` switches it live and remembers it.

use crate::pty::{Key, Sandbox, TIMEOUT};
use crate::text;

#[test]
fn swedish_locale_gives_swedish_tabs_and_footer_and_lang_nb_switches_and_is_remembered() {
    let mut sandbox = Sandbox::new();
    sandbox.env("LANG", "sv_SE.UTF-8");
    let mut app = sandbox.spawn(["demo"]);
    for tab in ["tab.portfolio", "tab.initiatives", "tab.culture", "tab.overview"] {
        app.wait_for(&text("sv", tab), TIMEOUT);
    }
    app.wait_for(&format!("? {}", text("sv", "help.help")), TIMEOUT);

    app.send(":lang nb");
    app.send_key(Key::Enter);
    for tab in ["tab.portfolio", "tab.initiatives", "tab.culture", "tab.overview"] {
        app.wait_for(&text("nb", tab), TIMEOUT);
    }
    app.wait_for(&text("nb", "status.lang_switched"), TIMEOUT);
    app.quit();

    // The choice is remembered: the next start speaks Norwegian although LANG says Swedish.
    let mut app = sandbox.spawn(["demo"]);
    app.wait_for(&text("nb", "tab.overview"), TIMEOUT);
    app.quit();
}
