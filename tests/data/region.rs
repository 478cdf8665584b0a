//! `fasett region` over three portfolios, one of them broken: the side-by-side view with the
//! broken one named, as golden files (`UPDATE_GOLDEN=1 cargo test --test data region::`
//! rewrites them; read the diff).

use fasett::i18n::Lang;
use fasett::model::{Benefit, BenefitKind, Facet, Initiative, Measurement, Point, Portfolio, Status};
use fasett::store::to_json;
use jiff::civil::date;

use crate::pty::Sandbox;
use crate::{golden, run, run_ok, sandbox, stderr, stdout};

/// A second municipality: the sample renamed, with a different mix, one title it shares
/// with the sample in other words, and benefits on two initiatives.
fn aby() -> Portfolio {
    let mut p = fasett::testing::sample();
    p.organisation.name = "Åby kommun".into();
    p.id = "a6f1e3c2-0000-4000-8000-000000000002".into();
    p.initiatives.retain(|i| i.id % 2 == 0 || i.id == 3);
    for i in &mut p.initiatives {
        i.title = format!("Åby: {}", i.title);
        if i.id % 4 == 0 {
            i.facet = Facet::Anticipatory;
        }
    }
    let four = p.initiatives.iter_mut().find(|i| i.id == 4).expect("#4");
    four.title = "Förstudie: AI-stöd i BYGGLOVSHANDLÄGGNINGEN".into();
    four.status = Status::Active;
    four.archived = false;
    let money = |id: u32, target: f64, measured: f64| {
        let measurement = |id: u32, date: &str, value: f64| Measurement {
            id,
            date: date.parse().expect("a date"),
            value: Some(value),
            note: String::new(),
            extra: fasett::model::extras::Extra::default(),
        };
        Benefit {
            id,
            title: "Lägre kostnad".into(),
            kind: BenefitKind::Money,
            unit: "kr/år".into(),
            target: Point { value: Some(target), date: Some(date(2027, 12, 31)), ..Point::default() },
            measurements: vec![
                measurement(id * 10, "2026-06-30", measured / 2.0),
                measurement(id * 10 + 1, "2026-10-31", measured),
            ],
            ..Benefit::default()
        }
    };
    // Two units ran the climate checklist, one of them more critical than Sjöbacka.
    let mut second = p.assessments[1].clone();
    second.id = 99;
    second.scope = "Socialförvaltningen".into();
    for answer in &mut second.answers {
        answer.score = answer.score.map(|s| s.saturating_sub(1).max(1));
    }
    p.assessments.push(second);
    p.assessments.retain(|a| a.template != "innovation_journey");
    // Åby states benefits on two initiatives only.
    for i in &mut p.initiatives {
        i.benefits.clear();
    }
    for (id, target, measured) in [(2, 400_000.0, 150_000.0), (6, 120_000.0, 90_000.0)] {
        let i: &mut Initiative = p.initiatives.iter_mut().find(|i| i.id == id).expect("there");
        i.benefits = vec![money(id, target, measured)];
    }
    p
}

#[test]
fn three_portfolios_side_by_side_with_the_broken_one_named() {
    let sandbox = sandbox();
    let dir = sandbox.root();
    std::fs::write(dir.join("sjobacka.json"), fasett::demo::SAMPLE).expect("writes");
    std::fs::write(dir.join("aby.json"), to_json(&aby())).expect("writes");
    std::fs::write(dir.join("trasig.json"), "{\"schema_version\": 1, \"initiatives\": [\n").expect("writes");
    let files = ["sjobacka.json", "aby.json", "trasig.json"];
    let md = run_ok(&sandbox, &["region", files[0], files[1], files[2]]);
    golden("region.md", &stdout(&md));
    assert!(stdout(&md).contains("trasig.json: line 2"), "the broken file is named with its error");
    // Said in the user's language, as `fasett check` says it.
    let sv =
        stdout(&run_ok(&sandbox, &["region", "--lang", "sv", files[0], files[1], files[2], "saknas.json"]));
    assert!(sv.contains("trasig.json: rad 2, kolumn") && !sv.contains("line 2"), "{sv}");
    assert!(sv.contains("saknas.json: det finns ingen fil här"), "{sv}");
    let json = run_ok(&sandbox, &["region", "--format", "json", files[0], files[1], files[2]]);
    golden("region.json", &stdout(&json));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
    assert_eq!(value["region_version"], 1);
    assert_eq!(value["members"].as_array().map(Vec::len), Some(3));
    assert!(value["members"][2]["error"].as_str().is_some_and(|e| e.contains("trasig.json")));
    for (ix, name) in [(0, "Sjöbacka kommun"), (1, "Åby kommun")] {
        assert_eq!(value["members"][ix]["name"], name);
    }
}

#[test]
fn region_needs_one_readable_file_and_reads_only() {
    let sandbox = Sandbox::new();
    let dir = sandbox.root();
    std::fs::write(dir.join("a.json"), "not json").expect("writes");
    let out = run(&sandbox, &["region", "a.json", "missing.json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("a.json") && stderr(&out).contains("missing.json"), "{}", stderr(&out));
    std::fs::write(dir.join("b.json"), fasett::demo::SAMPLE).expect("writes");
    let before = std::fs::read(dir.join("b.json")).expect("there");
    run_ok(&sandbox, &["region", "a.json", "b.json"]);
    assert_eq!(std::fs::read(dir.join("b.json")).expect("there"), before, "read-only");
    let entries: Vec<_> = std::fs::read_dir(dir).expect("lists").flatten().map(|e| e.file_name()).collect();
    assert!(!entries.iter().any(|n| n.to_string_lossy().contains("lock")), "no lock taken: {entries:?}");
}

#[test]
fn money_and_time_are_the_report_s_figures_and_other_kinds_are_counted() {
    use fasett::benefits::summary;
    use fasett::region::View;
    let today = date(2026, 11, 25);
    let sample = fasett::testing::sample();
    let sums = summary(&sample, today).benefits.sums;
    let view =
        View::of(vec![("a.json".into(), Ok(sample.clone())), ("b.json".into(), Ok(aby()))], today, Lang::Sv);
    let figures = &view.members[0].outcome.as_ref().expect("read").figures;
    let of = |kind: BenefitKind| -> (f64, f64) {
        figures
            .benefits
            .iter()
            .filter(|b| b.kind == kind)
            .fold((0.0, 0.0), |(p, r), b| (p + b.planned, r + b.realised))
    };
    assert_eq!(
        of(BenefitKind::Money),
        (sums.money_planned, sums.money_realised),
        "one formula with the report"
    );
    assert_eq!(of(BenefitKind::Time), (sums.time_planned, sums.time_realised));
    assert_eq!(of(BenefitKind::Quality), (0.0, 0.0), "quality is followed one by one, never summed");
    let md = fasett::region::render(&view, fasett::region::Format::Markdown, Lang::Sv);
    assert!(md.contains("| Pengar | 6: 3 960 000 kr av 5 930 000 kr (67 %) |"), "{md}");
    assert!(md.contains("| Kvalitet (antal; följs en och en) | 18 |"), "{md}");
    assert!(!md.contains("money") && !md.contains("quality"), "the kinds in the user's words: {md}");
    let mut danish = aby();
    danish.organisation.currency = Some(fasett::model::Currency::Dkk);
    let view = View::of(vec![("a.json".into(), Ok(sample)), ("b.json".into(), Ok(danish))], today, Lang::Sv);
    let md = fasett::region::render(&view, fasett::region::Format::Markdown, Lang::Sv);
    assert!(md.contains("| 8: olika valutor |"), "kronor and kroner are not added up: {md}");
    let json: serde_json::Value =
        serde_json::from_str(&fasett::region::render(&view, fasett::region::Format::Json, Lang::Sv))
            .expect("JSON");
    let pooled_money: Vec<&serde_json::Value> = json["pooled"]["benefits"]
        .as_array()
        .expect("benefits")
        .iter()
        .filter(|b| b["kind"] == "money")
        .collect();
    assert!(!pooled_money.is_empty(), "{json}");
    for b in pooled_money {
        assert!(b["planned"].is_null() && b["realised"].is_null(), "nor in the JSON: {b}");
    }
    let mut unnamed = aby();
    unnamed.organisation.currency = None;
    let view = View::of(
        vec![("a.json".into(), Ok(fasett::testing::sample())), ("b.json".into(), Ok(unnamed))],
        today,
        Lang::Sv,
    );
    let md = fasett::region::render(&view, fasett::region::Format::Markdown, Lang::Sv);
    assert!(
        !md.contains("olika valutor"),
        "a file that names no currency is pooled with the one named: {md}"
    );
}
