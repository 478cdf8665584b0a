//! The speed budgets of issue 20: `fasett merge` of two 10,000-initiative copies with 500
//! changes on each side (≤ 1 s), and `fasett region` over 20 files of 1,000 initiatives
//! (≤ 1 s). See BENCHMARKS.md for the figures.
//!
//! ```text
//! cargo bench --bench sharing
//! ```
//! The files are generated into `target/bench-data/sharing/` on first use (fixed seeds).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use fasett::generate::{Size, portfolio};
use fasett::i18n::Lang;
use fasett::model::{Collection, Facet, Initiative, Portfolio, Priority};
use fasett::store;

fn dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-data").join("sharing");
    std::fs::create_dir_all(&dir).expect("creating target/bench-data/sharing");
    dir
}

fn write(path: &Path, p: &Portfolio) {
    std::fs::write(path, store::to_json(p)).expect("writing a generated portfolio");
}

/// 500 changes on one side: edits of 480 initiatives (every `step`-th from `first`, a field
/// per side) and 20 new ones, which collide with the other side's new numbers.
fn changed(base: &Portfolio, ours: bool) -> Portfolio {
    let mut p = base.clone();
    let (first, step) = if ours { (1, 20) } else { (11, 20) };
    for (n, i) in
        p.initiatives.iter_mut().filter(|i| i.id >= first && (i.id - first) % step == 0).take(480).enumerate()
    {
        if ours {
            i.description = format!("Reviewed in the autumn meeting ({n}).");
        } else {
            i.priority = Priority::High;
            i.facet = Facet::Adaptive;
        }
    }
    for n in 0..20 {
        let id = p.allocate_id(Collection::Initiative);
        let title = format!("{} new {n}", if ours { "Ours" } else { "Theirs" });
        p.initiatives.push(Initiative { id, title, ..Initiative::default() });
    }
    p
}

fn merge(c: &mut Criterion) {
    let dir = dir();
    let (base, ours, theirs) = (dir.join("base.json"), dir.join("ours.json"), dir.join("theirs.json"));
    let generated = portfolio(Size { initiatives: 10_000, assessments: 200, seed: 1, ..Size::default() });
    write(&base, &generated);
    write(&theirs, &changed(&generated, false));
    let ours_text = store::to_json(&changed(&generated, true));
    let options = fasett::merge::Options {
        today: jiff::civil::date(2026, 11, 25),
        now: jiff::Timestamp::UNIX_EPOCH,
        lang: Lang::En,
    };
    c.bench_function("merge/10k_500_changes_each", |b| {
        b.iter_batched(
            || std::fs::write(&ours, &ours_text).expect("resetting OURS"),
            |()| black_box(fasett::merge::merge_files(&base, &ours, &theirs, &options).expect("merges")),
            BatchSize::PerIteration,
        );
    });
}

fn region(c: &mut Criterion) {
    let dir = dir();
    let files: Vec<PathBuf> = (0..20)
        .map(|n| {
            let path = dir.join(format!("municipality-{n:02}.json"));
            if !path.exists() {
                let mut p =
                    portfolio(Size { initiatives: 1_000, assessments: 20, seed: 100 + n, ..Size::default() });
                p.organisation.name = format!("Kommun {n}");
                write(&path, &p);
            }
            path
        })
        .collect();
    let today = jiff::civil::date(2026, 11, 25);
    c.bench_function("region/20_files_of_1k", |b| {
        b.iter(|| {
            let view = fasett::region::View::read(&files, today, Lang::En);
            black_box(fasett::region::render(&view, fasett::region::Format::Markdown, Lang::En))
        });
    });
}

criterion_group! {
    name = sharing;
    config = Criterion::default().sample_size(10);
    targets = merge, region
}
criterion_main!(sharing);
