//! The screens every journey reaches, in one list that the compact-layout, ASCII and catalog
//! tests all go over, so a new pane or dialog added here is checked by each of them.

use fasett::i18n::Lang;
use fasett::testing::Harness;

/// Each pane and its help, and the main dialogs, named, in `lang`: the app showing it, and
/// whether a selection shows on it.
pub fn screens(lang: Lang) -> Vec<(&'static str, Harness, bool)> {
    let on = |keys: &str| {
        let mut app = Harness::sample().lang(lang);
        app.keys(keys);
        app
    };
    vec![
        ("portfolio", on("1"), true),
        ("initiatives", on("2"), true),
        ("culture", on("3"), true),
        ("overview", on("4"), true),
        ("portfolio_help", on("1?"), false),
        ("initiatives_help", on("2?"), false),
        ("culture_help", on("3?"), false),
        ("overview_help", on("4?"), false),
        ("detail", on("2<Enter>"), false),
        ("form", on("1n"), true),
        ("edit_form", on("2<Enter>e"), true),
        ("placement", on("1o"), false),
        ("filter_bar", on("2f"), true),
        ("delete", on("2jd"), false),
        ("rating", on("3<Enter>"), true),
        ("results", on("3<Enter>r"), false),
        ("plan", on("3<Enter>rp"), true),
        ("profile", on("4o"), true),
        ("welcome", Harness::first_run().lang(lang), false),
    ]
}
