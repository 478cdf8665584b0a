//! The first frame of a large file is drawn from a glance at it (`store::glance`) while the
//! whole file is read on another thread, so it must be the very frame the whole file gives:
//! in every language, at every size, in colour and without, in Unicode and in ASCII, though
//! the app that draws it from the glance is only drawn (`Options::drawn_only`).

use std::path::Path;

use fasett::generate::{self, Size};
use fasett::i18n::Lang;
use fasett::store::{glance, parse, to_json};
use fasett::testing::{Harness, sample};

fn first_frame(app: Harness, lang: Lang, ascii: bool, (width, height): (u16, u16)) -> String {
    let app = app.lang(lang);
    let mut app = if ascii { app.ascii() } else { app };
    app.render_styles(width, height)
}

#[test]
fn the_first_frame_from_a_glance_is_the_first_frame_of_the_whole_file() {
    let generated = generate::portfolio(Size {
        initiatives: 2_000,
        assessments: 40,
        respondents: 10,
        benefits: 1,
        measurements: 2,
        ..Size::default()
    });
    for (name, portfolio) in [("the sample", sample()), ("2,000 generated", generated)] {
        let text = to_json(&portfolio);
        let whole = parse(text.as_bytes(), Path::new("portfolio.json")).expect("the file reads");
        let glance = glance(text.as_bytes()).expect("a file fasett wrote gives a glance");
        for lang in Lang::ALL {
            for size in [(80, 24), (80, 23), (64, 20), (60, 20), (120, 40), (59, 19)] {
                for ascii in [false, true] {
                    assert_eq!(
                        first_frame(Harness::drawn_only(glance.clone()), lang, ascii, size),
                        first_frame(Harness::new(whole.clone()), lang, ascii, size),
                        "{name}, {lang:?}, {size:?}, ascii {ascii}"
                    );
                }
            }
        }
    }
}
