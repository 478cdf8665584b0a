//! `fasett import FILE --ideas`: an idea box's form export (Microsoft Forms in Swedish, Google
//! Forms in English) becomes received ideas with proposer and need; and proposers, being
//! personal data, stay out of the report and of exports unless asked for.

use std::path::PathBuf;

use fasett::model::{Channel, Triage};
use jiff::civil::date;

use crate::pty::Sandbox;
use crate::{load, run_ok, stdout, utf8};

fn fixture(name: &str) -> PathBuf {
    crate::fixture("ideas", name)
}

/// A [`crate::sandbox_with_file`] whose file holds the sample portfolio.
fn sandbox() -> (Sandbox, PathBuf) {
    let (sandbox, file) = crate::sandbox_with_file();
    std::fs::write(&file, fasett::demo::SAMPLE).expect("writing the sample");
    (sandbox, file)
}

#[test]
fn a_forms_idea_box_export_in_swedish_becomes_received_ideas_with_proposer_and_need() {
    let (sandbox, file) = sandbox();
    let csv = fixture("idelada-forms-sv.csv");
    let out = run_ok(&sandbox, &["--file", utf8(&file), "import", utf8(&csv), "--ideas", "--lang", "sv"]);
    assert!(stdout(&out).contains("3 nya"), "{}", stdout(&out));
    let p = load(&file);
    let added: Vec<_> = p.initiatives.iter().filter(|i| i.id > 25).collect();
    assert_eq!(added.len(), 3);
    let first = added[0];
    assert_eq!(first.title, "Lånecyklar för hemtjänsten");
    assert_eq!(first.description, "Elcyklar att låna mellan besöken.");
    assert_eq!(first.need, "Vi hittar ingen parkering i centrum.");
    let idea = first.idea.as_ref().expect("an idea");
    assert_eq!(
        (idea.triage, idea.channel, idea.received),
        (Triage::Received, Some(Channel::IdeaBox), Some(date(2026, 3, 2)))
    );
    assert_eq!(idea.proposer.name, "Anna Berg");
    assert_eq!(idea.proposer.contact, "anna.berg@sjobacka.se");
    assert_eq!(idea.proposer.unit, "Hemtjänsten Centrum");
    assert!(first.unit.is_empty(), "the proposer's unit is not the owning unit");
    assert!(!first.extra.contains_key("other_columns"), "no personal data left in a column of its own");
    assert!(added[1].idea.as_ref().is_some_and(|i| i.proposer.is_empty()), "an anonymous idea");
    assert!(added.iter().all(|i| !i.is_active()), "waiting for triage, not yet in the balance");
    // The form's own response number never picks an initiative to update.
    assert_eq!(p.initiative(1).map(|i| i.title.as_str()), Some("Digital trygghetskamera i hemtjänsten"));
}

#[test]
fn a_google_forms_export_in_english_reads_alike() {
    let (sandbox, file) = sandbox();
    let csv = fixture("ideabox-google-en.csv");
    run_ok(&sandbox, &["--file", utf8(&file), "import", utf8(&csv), "--ideas", "--date-order", "mdy"]);
    let p = load(&file);
    let new = p.initiative(26).expect("imported");
    assert_eq!(
        (new.title.as_str(), new.need.as_str()),
        ("Bike loans for home care", "We cannot park in the centre.")
    );
    let idea = new.idea.as_ref().expect("an idea");
    assert_eq!((idea.proposer.name.as_str(), idea.received), ("Anna Berg", Some(date(2026, 11, 3))));
}

#[test]
fn proposers_stay_out_of_the_report_and_of_exports_unless_asked() {
    let (sandbox, file) = sandbox();
    run_ok(&sandbox, &["--file", utf8(&file), "import", utf8(&fixture("idelada-forms-sv.csv")), "--ideas"]);
    let personal = ["Anna Berg", "anna.berg@sjobacka.se", "Per Holm", "Maria Lindqvist", "Leif Åkesson"];
    for args in [
        &["report"][..],
        &["report", "--public"],
        &["report", "--public", "--format", "html"],
        &["report", "--format", "json"],
        &["export"],
        &["export", "--format", "json"],
        &["export", "--format", "markdown"],
    ] {
        let mut all = vec!["--file", utf8(&file)];
        all.extend_from_slice(args);
        let text = stdout(&run_ok(&sandbox, &all));
        for name in personal {
            assert!(!text.contains(name), "{args:?} names {name}:\n{text}");
        }
    }
    let report = stdout(&run_ok(&sandbox, &["--file", utf8(&file), "report"]));
    assert!(report.contains("4 ideas waiting for a decision"), "{report}");
    assert!(report.contains("#26 Lånecyklar för hemtjänsten"), "the idea itself is listed:\n{report}");
    let asked =
        stdout(&run_ok(&sandbox, &["--file", utf8(&file), "export", "--format", "json", "--with-proposers"]));
    assert!(asked.contains("anna.berg@sjobacka.se"), "asked for: there");
}

#[test]
fn fasett_review_take_keeps_a_snapshot_and_compares() {
    let (sandbox, file) = sandbox();
    let out = stdout(&run_ok(&sandbox, &["--file", utf8(&file), "review"]));
    assert!(out.contains("Since the review of 2025-12-01"), "{out}");
    assert_eq!(load(&file).reviews.len(), 1, "without --take nothing is written");
    let out = stdout(&run_ok(&sandbox, &["--file", utf8(&file), "review", "--take", "--lang", "sv"]));
    assert!(out.contains("Genomgången 2026-11-25 är sparad i filen."), "{out}");
    let p = load(&file);
    assert_eq!(p.reviews.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["2025-12-01", "2026-11-25"]);
    run_ok(&sandbox, &["--file", utf8(&file), "review", "--take"]);
    assert_eq!(load(&file).reviews.len(), 2, "one review a day: taken again, replaced");
}

/// trial 9 §10: `fasett export --output` says what it wrote: the portfolio's initiatives as the
/// report counts them, and the ideas apart (the sample: 23, and #22 and #25).
#[test]
fn export_says_how_many_initiatives_and_ideas_it_wrote() {
    let (sandbox, file) = sandbox();
    let target = sandbox.root().join("e.csv");
    let out = run_ok(&sandbox, &["--file", utf8(&file), "export", "--output", utf8(&target)]);
    let said = crate::stderr(&out);
    assert!(said.contains("Exported 23 initiatives and 2 ideas to "), "{said}");
    let report = stdout(&run_ok(&sandbox, &["--file", utf8(&file), "report"]));
    assert!(report.contains(": 23 initiatives"), "the report counts the same: {report}");
    let out = run_ok(&sandbox, &["--file", utf8(&file), "export", "--output", utf8(&target), "--lang", "sv"]);
    assert!(
        crate::stderr(&out).contains("Exporterade 23 initiativ och 2 idéer till "),
        "{}",
        crate::stderr(&out)
    );
}
