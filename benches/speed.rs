//! The speed budgets of docs/contracts.md at 1,000, 10,000 and 100,000 initiatives (200 checklist runs
//! each): load, first full frame, keypress to frame (move, filter one more character, sort,
//! move between facets) and one save. See BENCHMARKS.md for the figures.
//!
//! ```text
//! cargo bench --bench speed                 # everything (the 100k files take a while)
//! cargo bench --bench speed -- 10k          # one size
//! cargo bench --bench speed -- 10k_benefits # benefits realisation at 10k (3 × 6 each)
//! ```
//! The portfolios are generated once into `target/bench-data/` (same seed, same file).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use fasett::action::Pane;
use fasett::app::{App, Options};
use fasett::generate::{Size, portfolio};
use fasett::model::Portfolio;
use fasett::report::{Format, Options as ReportOptions};
use fasett::store::{self, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const SIZES: [(usize, &str); 3] = [(1_000, "1k"), (10_000, "10k"), (100_000, "100k")];
const ASSESSMENTS: usize = 200;

/// `target/bench-data/portfolio-<n>.json`, written on first use, and again when the one there
/// is of an older schema version (an older generator made it).
fn data_file(initiatives: usize) -> PathBuf {
    // Runs with 30 participants' scores each, except at 100,000 initiatives, which would pass
    // the 128 MiB file cap with them (that size measures the register).
    let respondents = if initiatives >= 100_000 { 0 } else { Size::default().respondents };
    generated(
        &format!("portfolio-{initiatives}.json"),
        Size { initiatives, assessments: ASSESSMENTS, respondents, seed: 1, ..Size::default() },
    )
}

/// `target/bench-data/<name>`, generated from `size` on first use.
fn generated(name: &str, size: Size) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-data");
    let path = dir.join(name);
    let current = format!("{{\n  \"schema_version\": {},", fasett::model::SCHEMA_VERSION);
    // The 100k file is regenerated when it is over the cap (an earlier run of this bench
    // wrote it with participants' scores).
    let over = std::fs::metadata(&path).is_ok_and(|m| m.len() > store::MAX_FILE_BYTES);
    let fresh = !over && std::fs::read(&path).is_ok_and(|bytes| bytes.starts_with(current.as_bytes()));
    if !fresh {
        std::fs::create_dir_all(&dir).expect("creating target/bench-data");
        let p = portfolio(size);
        let temp = path.with_extension("json.partial");
        std::fs::write(&temp, store::to_json(&p)).expect("writing a generated portfolio");
        std::fs::rename(&temp, &path).expect("naming a generated portfolio");
    }
    path
}

fn load(path: &Path) -> Portfolio {
    store::load(path).expect("a valid generated file").expect("the file exists")
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn shift(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::SHIFT))
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(80, 24)).expect("a test terminal")
}

/// An app with no store (no disk I/O), drawn once, as the terminal loop leaves it.
fn app(p: Portfolio, terminal: &mut Terminal<TestBackend>) -> App {
    let mut app = App::new(p, None, &Options::default());
    app.size = (80, 24);
    draw(&app, terminal);
    app
}

fn draw(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal.draw(|f| fasett::ui::draw(app, f)).expect("draws");
}

/// One key through the keymap and `update`, then the next frame.
fn press(app: &mut App, terminal: &mut Terminal<TestBackend>, event: &Event) {
    fasett::input::handle(app, event);
    draw(app, terminal);
}

/// Times one move in a list (`j`, then `k`, by turns), each moved back unmeasured so the
/// selection stays near the top.
fn bench_move(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
) {
    g.bench_function(name, |b| {
        b.iter_custom(|n| {
            (0..n)
                .map(|i| {
                    let (there, back) = if i % 2 == 0 { ('j', 'k') } else { ('k', 'j') };
                    there_and_back(app, terminal, &key(KeyCode::Char(there)), &key(KeyCode::Char(back)), 1)
                })
                .sum()
        });
    });
}

/// `report_<format>` for each of `formats`: the report of `p` as of `today`, in English.
fn bench_reports(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    p: &Portfolio,
    today: jiff::civil::Date,
    formats: &[Format],
) {
    for &format in formats {
        let name = format!("report_{}", format!("{format:?}").to_lowercase());
        g.bench_function(name, |b| {
            b.iter(|| {
                black_box(fasett::report::render(
                    p,
                    format,
                    today,
                    fasett::i18n::Lang::En,
                    ReportOptions::default(),
                ))
            });
        });
    }
}

fn group<'c>(
    c: &'c mut Criterion,
    name: &str,
    initiatives: usize,
) -> criterion::BenchmarkGroup<'c, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    if initiatives >= 100_000 {
        g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    } else {
        g.sample_size(30).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    }
    g
}

fn benches(c: &mut Criterion) {
    for (initiatives, label) in SIZES {
        let path = data_file(initiatives);
        let mut g = group(c, label, initiatives);

        g.bench_function("load", |b| b.iter(|| black_box(load(&path))));

        let loaded = load(&path);
        g.bench_function("first_frame", |b| {
            let mut terminal = terminal();
            b.iter_batched(
                || loaded.clone(),
                |p| {
                    let app = App::new(p, None, &Options::default());
                    draw(&app, &mut terminal);
                    app
                },
                BatchSize::LargeInput,
            );
        });

        let mut terminal = terminal();
        let mut app = app(loaded.clone(), &mut terminal);
        press(&mut app, &mut terminal, &key(KeyCode::Char('2')));
        assert_eq!(app.pane, Pane::Initiatives);
        bench_move(&mut g, "key_move_down", &mut app, &mut terminal);

        g.bench_function("key_sort", |b| {
            b.iter(|| press(&mut app, &mut terminal, &key(KeyCode::Char('s'))));
        });
        // Back to the number order.
        while app.register.sort != fasett::filter::SortKey::default() {
            press(&mut app, &mut terminal, &key(KeyCode::Char('s')));
        }

        // `/ve` then one more character, `l` ("vel…": velfærd, velferd, …), measured; its
        // Backspace is not.
        press(&mut app, &mut terminal, &key(KeyCode::Char('/')));
        press(&mut app, &mut terminal, &key(KeyCode::Char('v')));
        press(&mut app, &mut terminal, &key(KeyCode::Char('e')));
        let (l, erase) = (key(KeyCode::Char('l')), key(KeyCode::Backspace));
        g.bench_function("key_filter_char", |b| {
            b.iter_custom(|n| there_and_back(&mut app, &mut terminal, &l, &erase, n));
        });
        press(&mut app, &mut terminal, &key(KeyCode::Esc));

        // Shift-→ then Shift-← on the grid: every press is a committed, undoable edit.
        press(&mut app, &mut terminal, &key(KeyCode::Char('1')));
        assert_eq!(app.pane, Pane::Portfolio);
        let mut right = true;
        g.bench_function("key_move_facet", |b| {
            b.iter(|| {
                let event = shift(if right { KeyCode::Right } else { KeyCode::Left });
                right = !right;
                press(&mut app, &mut terminal, &event);
            });
        });
        if label == "10k" {
            culture(&mut g, &mut app, &mut terminal);
        }
        drop(app);

        // Beside the data, on the same disk as a real data file (not a tmpfs), so fsync costs what it costs.
        let dir = tempfile::tempdir_in(path.parent().expect("a folder")).expect("a temporary directory");
        let file = dir.path().join("portfolio.json");
        std::fs::copy(&path, &file).expect("copying the portfolio");
        saved_keys(&mut g, &file);
        let opened = Store::open(&file, false).expect("opening the copy");
        let mut store = opened.store;
        store.save(&opened.portfolio).expect("the first save (with its backup)");
        g.bench_function("save", |b| b.iter(|| store.save(&opened.portfolio).expect("saves")));
        g.bench_function("to_json", |b| b.iter(|| black_box(store::to_json(&opened.portfolio))));

        // Report, export and import work on a loaded portfolio; the end-to-end commands add
        // the load above.
        let p = &opened.portfolio;
        let today = jiff::civil::date(2026, 11, 25);
        bench_reports(&mut g, p, today, &[Format::Markdown, Format::Json, Format::Html]);
        g.bench_function("export_csv", |b| {
            b.iter(|| black_box(fasett::export::csv(p, fasett::i18n::Lang::En, b';')));
        });
        let csv = fasett::export::csv(p, fasett::i18n::Lang::En, b';');
        // A fresh portfolio of the same organisation: goal links must name its goals.
        let empty = Portfolio { organisation: p.organisation.clone(), ..Portfolio::default() };
        g.bench_function("import_csv", |b| {
            b.iter(|| {
                black_box(
                    fasett::import::parse(&csv, &empty, fasett::i18n::Lang::En, today).expect("imports"),
                )
            });
        });
        let xlsx = |p: &Portfolio| {
            fasett::export::render(p, fasett::export::Format::Xlsx, fasett::i18n::Lang::En, b';', today)
                .expect("a workbook")
                .bytes
        };
        g.bench_function("export_xlsx", |b| b.iter(|| black_box(xlsx(p))));
        let sheet = xlsx(p);
        g.bench_function("import_xlsx", |b| {
            b.iter(|| {
                black_box(
                    fasett::import::parse(&sheet, &empty, fasett::i18n::Lang::En, today).expect("imports"),
                )
            });
        });
        // The dry run of a sheet this portfolio exported: every row matched and compared.
        let ours = Portfolio { id: "bench".into(), ..p.clone() };
        let own = xlsx(&ours);
        g.bench_function("dry_run_xlsx", |b| {
            b.iter(|| {
                let plan =
                    fasett::import::parse(&own, &ours, fasett::i18n::Lang::En, today).expect("imports");
                assert_eq!(plan.unchanged, ours.initiatives.len());
                black_box(plan)
            });
        });
        g.finish();
    }
}

/// Measures one key (`there`) and undoes it unmeasured (`back`), `n` times.
fn there_and_back(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    there: &Event,
    back: &Event,
    n: u64,
) -> Duration {
    let mut spent = Duration::ZERO;
    for _ in 0..n {
        let start = Instant::now();
        press(app, terminal, there);
        spent += start.elapsed();
        press(app, terminal, back);
    }
    spent
}

/// Presses `keys[0]` and `keys[1]` in turn `n` times, measuring each from key to frame.
fn alternating(app: &mut App, terminal: &mut Terminal<TestBackend>, keys: [&Event; 2], n: u64) -> Duration {
    let mut spent = Duration::ZERO;
    for i in 0..n {
        let start = Instant::now();
        press(app, terminal, keys[usize::from(i % 2 == 1)]);
        app.poll_saves();
        spent += start.elapsed();
    }
    spent
}

/// The Culture pane with 200 runs of 30 participants each: opening it, the results view of a
/// run with its distributions, a step in the list, one digit typed in the entry line; and a
/// step in the Overview, which sums the runs up.
fn culture(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
) {
    let (three, one) = (key(KeyCode::Char('3')), key(KeyCode::Char('1')));
    g.bench_function("culture_open", |b| b.iter_custom(|n| there_and_back(app, terminal, &three, &one, n)));
    press(app, terminal, &three);
    assert_eq!(app.pane, Pane::Culture);
    let (down, up) = (key(KeyCode::Char('j')), key(KeyCode::Char('k')));
    g.bench_function("culture_move", |b| b.iter_custom(|n| there_and_back(app, terminal, &down, &up, n)));
    let (results, back) = (key(KeyCode::Char('r')), key(KeyCode::Esc));
    g.bench_function("culture_results", |b| {
        b.iter_custom(|n| there_and_back(app, terminal, &results, &back, n));
    });
    press(app, terminal, &results);
    g.bench_function("culture_results_scroll", |b| {
        b.iter_custom(|n| there_and_back(app, terminal, &down, &up, n));
    });
    press(app, terminal, &back);
    press(app, terminal, &key(KeyCode::Enter));
    press(app, terminal, &key(KeyCode::Char('e')));
    let (digit, erase) = (key(KeyCode::Char('1')), key(KeyCode::Backspace));
    g.bench_function("culture_entry_digit", |b| {
        b.iter_custom(|n| there_and_back(app, terminal, &digit, &erase, n));
    });
    press(app, terminal, &back);
    press(app, terminal, &back);
    // The Overview sums up every checklist and scope (mean, spread) and the runs due again;
    // beside it the same portfolio without participants' scores, for what the groups cost.
    press(app, terminal, &key(KeyCode::Char('4')));
    g.bench_function("overview_move", |b| b.iter_custom(|n| there_and_back(app, terminal, &down, &up, n)));
    let plain =
        portfolio(Size { initiatives: 10_000, assessments: ASSESSMENTS, respondents: 0, ..Size::default() });
    let mut plain = App::new(plain, None, &Options::default());
    plain.size = (80, 24);
    press(&mut plain, terminal, &key(KeyCode::Char('4')));
    g.bench_function("overview_move_without_groups", |b| {
        b.iter_custom(|n| there_and_back(&mut plain, terminal, &down, &up, n));
    });
}

/// A 1,000-respondent export of the 24-statement facet-orientation checklist, read from its
/// bytes (decoding, matching, every answer) into a run.
fn survey_import(c: &mut Criterion) {
    let template = fasett::templates::Catalog::bundled().find("facet_orientation").expect("bundled").clone();
    let text = fasett::generate::survey_export(&template, 1_000);
    let options = fasett::import::survey::Options {
        scope: "Team".into(),
        date: jiff::civil::date(2026, 11, 25),
        keep_names: false,
    };
    let mut g = c.benchmark_group("survey");
    g.sample_size(30).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    g.bench_function("import_1000_respondents", |b| {
        b.iter(|| {
            let table = fasett::import::table::Table::from_csv(text.as_bytes(), fasett::i18n::Lang::En)
                .expect("reads");
            black_box(
                fasett::import::survey::read(&table, &template, &options, fasett::i18n::Lang::En)
                    .expect("imports"),
            )
        });
    });
    g.finish();
}

/// Key to frame for edits that are saved, with the app on a real file as the interface runs
/// it: each save goes to the writing thread, which keeps writing (coalescing) while the keys
/// are measured. The first save (with its backup) happens before measuring.
fn saved_keys(g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, file: &Path) {
    let opened = Store::open(file, false).expect("opening the copy");
    let mut terminal = terminal();
    let mut app = App::new(opened.portfolio, Some(opened.store), &Options::default());
    app.size = (80, 24);
    draw(&app, &mut terminal);
    while app.idle_work(Instant::now() + Duration::from_millis(50)) {}
    // Shift-→ and Shift-← on the grid, each a saved edit.
    let (right, left) = (shift(KeyCode::Right), shift(KeyCode::Left));
    press(&mut app, &mut terminal, &right);
    app.finish_saves();
    g.bench_function("key_move_facet_saved", |b| {
        b.iter_custom(|n| alternating(&mut app, &mut terminal, [&right, &left], n));
    });
    // Undo (measured) and redo (not) of the last move.
    let (undo, redo) = (key(KeyCode::Char('u')), ctrl('r'));
    g.bench_function("key_undo_saved", |b| {
        b.iter_custom(|n| {
            let mut spent = Duration::ZERO;
            for _ in 0..n {
                spent += alternating(&mut app, &mut terminal, [&undo, &undo], 1);
                press(&mut app, &mut terminal, &redo);
            }
            spent
        });
    });
    // The edit form: a letter more or less at the end of the title (not measured), Ctrl-s.
    let save = ctrl('s');
    g.bench_function("key_form_save_saved", |b| {
        b.iter_custom(|n| {
            let mut spent = Duration::ZERO;
            for i in 0..n {
                press(&mut app, &mut terminal, &key(KeyCode::Char('e')));
                press(&mut app, &mut terminal, &key(KeyCode::End));
                let edit = if i % 2 == 0 { KeyCode::Char('x') } else { KeyCode::Backspace };
                press(&mut app, &mut terminal, &key(edit));
                spent += alternating(&mut app, &mut terminal, [&save, &save], 1);
            }
            spent
        });
    });
    // A checklist score: the Culture pane, the first run's rating view, scores 1 and 2.
    press(&mut app, &mut terminal, &key(KeyCode::Char('3')));
    press(&mut app, &mut terminal, &key(KeyCode::Enter));
    let (one, two) = (key(KeyCode::Char('1')), key(KeyCode::Char('2')));
    g.bench_function("key_score_saved", |b| {
        b.iter_custom(|n| alternating(&mut app, &mut terminal, [&one, &two], n));
    });
    app.finish_saves();
    assert!(!app.unsaved, "{:?}", app.status);
}

/// Benefits realisation at 10,000 initiatives with 3 benefits of 6 measurements each: a key
/// in the benefits view (≤ 5 ms: move, sort, filter, adding a measurement) and the report
/// (≤ 100 ms).
fn benefit_benches(c: &mut Criterion) {
    let path = generated(
        "portfolio-10000-benefits.json",
        Size {
            initiatives: 10_000,
            assessments: ASSESSMENTS,
            seed: 1,
            benefits: 3,
            measurements: 6,
            ..Size::default()
        },
    );
    let loaded = load(&path);
    let mut g = group(c, "10k_benefits", 10_000);
    g.bench_function("load", |b| b.iter(|| black_box(load(&path))));
    let today = jiff::civil::date(2026, 11, 25);
    bench_reports(&mut g, &loaded, today, &[Format::Markdown, Format::Json]);

    let mut terminal = terminal();
    // The first `b` of a session counts every benefit; the view is kept (and kept up to date)
    // after that, so reopening it costs a frame.
    g.bench_function("benefits_first_open", |b| {
        let mut setup_terminal = self::terminal();
        b.iter_batched(
            || {
                let mut app = app(loaded.clone(), &mut setup_terminal);
                app.today = today;
                press(&mut app, &mut setup_terminal, &key(KeyCode::Char('4')));
                app
            },
            |mut app| {
                press(&mut app, &mut terminal, &key(KeyCode::Char('b')));
                app
            },
            BatchSize::LargeInput,
        );
    });
    let mut app = app(loaded, &mut terminal);
    app.today = today;
    press(&mut app, &mut terminal, &key(KeyCode::Char('4')));
    press(&mut app, &mut terminal, &key(KeyCode::Char('b')));
    press(&mut app, &mut terminal, &key(KeyCode::Esc));
    let (open, close) = (key(KeyCode::Char('b')), key(KeyCode::Esc));
    g.bench_function("benefits_reopen", |b| {
        b.iter_custom(|n| there_and_back(&mut app, &mut terminal, &open, &close, n));
    });
    press(&mut app, &mut terminal, &key(KeyCode::Char('b')));
    assert!(matches!(app.mode, fasett::app::Mode::Benefits(_)));
    bench_move(&mut g, "benefits_key_move", &mut app, &mut terminal);
    g.bench_function("benefits_key_sort", |b| {
        b.iter(|| press(&mut app, &mut terminal, &key(KeyCode::Char('s'))));
    });
    g.bench_function("benefits_key_filter", |b| {
        b.iter(|| press(&mut app, &mut terminal, &key(KeyCode::Char('f'))));
    });
    // Back to every benefit, sorted by initiative.
    while !matches!(&app.mode, fasett::app::Mode::Benefits(v) if v.filter == fasett::app::BenefitFilter::All)
    {
        press(&mut app, &mut terminal, &key(KeyCode::Char('f')));
    }
    while !matches!(&app.mode, fasett::app::Mode::Benefits(v) if v.sort == fasett::app::BenefitSort::Initiative)
    {
        press(&mut app, &mut terminal, &key(KeyCode::Char('s')));
    }
    // m, a value, Enter: a committed, undoable edit (no store, so no disk), then the frame;
    // the opening keys are not measured.
    g.bench_function("benefits_add_measurement", |b| {
        b.iter_custom(|n| {
            let mut spent = Duration::ZERO;
            for _ in 0..n {
                press(&mut app, &mut terminal, &key(KeyCode::Char('m')));
                press(&mut app, &mut terminal, &key(KeyCode::Char('7')));
                let start = Instant::now();
                press(&mut app, &mut terminal, &key(KeyCode::Enter));
                spent += start.elapsed();
            }
            spent
        });
    });
    g.finish();
}

criterion_group!(speed, benches, survey_import, benefit_benches);
criterion_main!(speed);
