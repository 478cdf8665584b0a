//! `fasett import FILE [--dry-run] [--map MAP] [--date-order dmy|mdy] [--as-new] [--overwrite]`:
//! all rows or none, saved through the store; the dry run shows the mapping and what would
//! change, each changed field old → new.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use super::commands::{EXIT_BAD_DATA, fail, refuse_unwritable, write_stdout};
use crate::dates::DateOrder;
use crate::i18n::Lang;
use crate::import::{self, ImportError, Mapping, OrderFrom, Plan, SavedMap, Target};
use crate::store::{self, Store};
use crate::text::one_line;

/// What the command line asked of the import.
pub(super) struct Request<'a> {
    pub file: Option<&'a Path>,
    pub sheet: &'a Path,
    pub dry_run: bool,
    pub read_only: bool,
    pub map: Option<&'a Path>,
    pub date_order: Option<DateOrder>,
    pub as_new: bool,
    /// `--overwrite`: rows changed in fasett after the export are imported all the same.
    pub overwrite: bool,
    /// `--ideas`: rows are received ideas from an idea box's form.
    pub ideas: bool,
}

/// The most problems listed; the rest are counted.
const SHOWN_PROBLEMS: usize = 50;

pub(super) fn import(request: &Request, lang: Lang) -> ExitCode {
    if request.read_only && !request.dry_run {
        return fail(lang.t("import.read_only"), 1);
    }
    let path = match store::resolve_path(request.file) {
        Ok(path) => path,
        Err(e) => return fail(&e.localized(lang), 1),
    };
    let mut options = import::Options::new(lang, crate::dates::today());
    options.date_order = request.date_order;
    options.as_new = request.as_new;
    options.overwrite = request.overwrite;
    if let Some(map) = request.map {
        match SavedMap::read(map) {
            Ok(saved) => options.map = Some(saved),
            Err(e @ import::MapError::Io { .. }) => return fail(&e.to_string(), 1),
            Err(e) => return fail(&e.to_string(), EXIT_BAD_DATA),
        }
    }
    let opened = match Store::open(&path, request.dry_run) {
        Ok(opened) => opened,
        Err(e) => return fail(&e.localized(lang), 1),
    };
    if let Err(code) = refuse_unwritable(opened.store.access(), &path, request.dry_run, lang) {
        return code;
    }
    let (mut portfolio, mut store) = (opened.portfolio, opened.store);
    let loaded = match import::load(request.sheet, &options) {
        Ok(loaded) => loaded,
        Err(e) => return refused(e, request.sheet, &path, lang),
    };
    for note in &loaded.notes {
        eprintln!("fasett: {}", one_line(note));
    }
    if loaded.sheet.rows.is_empty() {
        println!("{}", lang.t("import.none"));
        return ExitCode::SUCCESS;
    }
    let (mapping, idea_columns) = if request.ideas {
        let (mapping, found) = import::ideas::recognise(&loaded, &options);
        (mapping, Some(found))
    } else {
        (import::recognise(&loaded, &options), None)
    };
    let kept: Vec<&str> = mapping
        .columns
        .iter()
        .filter(|c| c.target == Target::Keep && !idea_columns.as_ref().is_some_and(|f| f.names(&c.header)))
        .map(|c| c.header.as_str())
        .collect();
    if !kept.is_empty() && !request.dry_run {
        eprintln!("fasett: {}", lang.tf("import.kept", &[("columns", &one_line(&kept.join(", ")))]));
    }
    let mut plan = import::plan(&loaded, &mapping, &portfolio, &options);
    if let (Ok(plan), Some(found)) = (plan.as_mut(), idea_columns.as_ref()) {
        import::ideas::into_ideas(plan, found, &options);
    }
    if request.dry_run {
        let mut text = lang.tf("import.dry_run_head", &[("path", &path.display())]);
        text.push('\n');
        text.push_str(&describe_mapping(&mapping, lang));
        if let Some(found) = &idea_columns {
            text.push_str(lang.t("import.idea_columns"));
            text.push('\n');
            for line in found.describe(lang) {
                let _ = writeln!(text, "  {line}");
            }
        }
        if let Ok(plan) = &plan {
            text.push_str(&describe_plan(plan, &portfolio, &options));
        }
        let code = write_stdout(text.as_bytes(), lang);
        return match plan {
            Ok(_) => code,
            Err(e) => refused(e, request.sheet, &path, lang),
        };
    }
    let plan = match plan {
        Ok(plan) => plan,
        Err(e) => return refused(e, request.sheet, &path, lang),
    };
    let summary = plan.summary(lang);
    if plan.added.is_empty() && plan.updates.is_empty() {
        println!("{}", lang.tf("import.nothing_to_do", &[("path", &path.display()), ("summary", &summary)]));
        return ExitCode::SUCCESS;
    }
    let names = new_names(&plan, lang);
    let stripped = plan.stripped;
    for (row, id) in &plan.same_title {
        eprintln!("fasett: {}", lang.tf("import.same_title", &[("row", row), ("id", id)]));
    }
    for warning in &plan.warnings {
        eprintln!("fasett: {}", warning.localized(lang));
    }
    let change = plan.change(&mut portfolio, false);
    change.apply(&mut portfolio);
    if let Err(e) = store.save(&portfolio) {
        return fail(&e.localized(lang), 1);
    }
    let ids = Plan::added_ids(&change);
    let mut text = lang.tf("import.saved", &[("path", &path.display()), ("summary", &summary)]);
    if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
        text.push(' ');
        let range = if first == last { format!("#{first}") } else { format!("#{first}–#{last}") };
        text.push_str(&lang.tn("import.new_ids", ids.len(), &[("ids", &range)]));
    }
    println!("{text}");
    if stripped > 0 {
        eprintln!("fasett: {}", lang.tn("import.stripped", stripped, &[]));
    }
    for line in names {
        eprintln!("fasett: {line}");
    }
    ExitCode::SUCCESS
}

/// Says why nothing was imported (exit 2, or 1 when the file could not be read).
fn refused(e: ImportError, sheet: &Path, path: &Path, lang: Lang) -> ExitCode {
    let (problems, notes) = match e {
        ImportError::Io { .. } => return fail(&e.to_string(), 1),
        ImportError::Bad { problems, notes } => (problems, notes),
    };
    for note in &notes {
        eprintln!("fasett: {}", one_line(note));
    }
    let mut message =
        format!("{}:", lang.tn("import.problems", problems.len(), &[("file", &sheet.display())]));
    for p in problems.iter().take(SHOWN_PROBLEMS) {
        message.push_str("\n  ");
        message.push_str(&p.localized(lang));
    }
    if problems.len() > SHOWN_PROBLEMS {
        message.push_str("\n  ");
        message.push_str(&lang.tn("import.more_problems", problems.len() - SHOWN_PROBLEMS, &[]));
    }
    if problems.iter().any(|p| p.stale) {
        message.push('\n');
        message.push_str(lang.t("import.stale_hint"));
    }
    message.push('\n');
    message.push_str(&lang.tf("import.nothing_imported", &[("path", &path.display())]));
    fail(&message, EXIT_BAD_DATA)
}

/// The mapping, one line per column: "A Idé → Title", the words of choice columns, what
/// could not be mapped, and the date order.
pub fn describe_mapping(mapping: &Mapping, lang: Lang) -> String {
    let mut out = format!("{}\n", lang.t("import.mapping_head"));
    for (ix, column) in mapping.columns.iter().enumerate() {
        let target = match column.target {
            Target::Keep => lang.t("import.mapping_kept").to_owned(),
            other => other.label(lang),
        };
        let _ = write!(out, "  {} {} → {target}", import::column_letter(ix), one_line(&column.header));
        let words: Vec<String> = column
            .values
            .iter()
            .map(|v| {
                let to =
                    v.choice.map_or_else(|| lang.t("import.mapping_unknown").to_owned(), |c| c.label(lang));
                format!("{} → {to}", one_line(&v.value))
            })
            .collect();
        if !words.is_empty() {
            let _ = write!(out, ": {}", words.join("; "));
        }
        out.push('\n');
    }
    if let Some((order, from)) = mapping.date_order {
        let order = lang.t(&format!("import.order_{}", order.key()));
        let line = match from {
            OrderFrom::Chosen => lang.tf("import.dates_chosen", &[("order", &order)]),
            OrderFrom::Row(row) => lang.tf("import.dates_found", &[("order", &order), ("row", &row)]),
        };
        let _ = writeln!(out, "{line}");
    }
    out
}

/// What the import would do: the summary, then one line per new and per changed initiative.
fn describe_plan(plan: &Plan, portfolio: &crate::model::Portfolio, options: &import::Options) -> String {
    let lang = options.lang;
    let mut out = String::new();
    let _ = writeln!(out, "{}", plan.summary(lang));
    for i in &plan.added {
        let facet = lang.t(&format!("facet.{}", i.facet.key()));
        let stage = lang.t(&format!("stage.{}", i.stage.key()));
        let _ = writeln!(out, "  + {} ({facet}, {stage})", one_line(&i.title));
    }
    for u in &plan.updates {
        let _ = writeln!(out, "  ~ #{} {}", u.after.id, one_line(&u.after.title));
        if let Some(at) = u.overwrites {
            let when = lang.date_time(at, &options.zone, options.today);
            let _ = writeln!(out, "      {}", lang.tf("import.overwrites", &[("changed", &when)]));
        }
        for change in &u.changes {
            let _ = writeln!(out, "      {}", change.describe());
        }
    }
    for (row, id) in &plan.same_title {
        let _ = writeln!(out, "{}", lang.tf("import.same_title", &[("row", row), ("id", id)]));
    }
    for warning in &plan.warnings {
        let _ = writeln!(out, "{}", warning.localized(lang));
    }
    if !plan.as_new.is_empty() && !portfolio.initiatives.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            lang.tn("import.as_new", plan.as_new.len(), &[("rows", &import::ranges(&plan.as_new))])
        );
    }
    if plan.stripped > 0 {
        let _ = writeln!(out, "{}", lang.tn("import.stripped", plan.stripped, &[]));
    }
    for line in new_names(plan, lang) {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// The units and owners the profile does not list yet.
fn new_names(plan: &Plan, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if !plan.new_units.is_empty() {
        out.push(lang.tn(
            "import.new_units",
            plan.new_units.len(),
            &[("names", &one_line(&plan.new_units.join(", ")))],
        ));
    }
    if !plan.new_owners.is_empty() {
        out.push(lang.tn(
            "import.new_owners",
            plan.new_owners.len(),
            &[("names", &one_line(&plan.new_owners.join(", ")))],
        ));
    }
    out
}

/// `fasett review [--take]`: with `--take`, today's snapshot of the figures kept in the file
/// (as `:review` does); either way, the comparison with the review before.
pub(super) fn review(file: Option<&Path>, take: bool, read_only: bool, lang: Lang) -> ExitCode {
    use crate::ideas::review;
    if take && read_only {
        return fail(lang.t("review.read_only"), 1);
    }
    let path = match store::resolve_path(file) {
        Ok(path) => path,
        Err(e) => return fail(&e.localized(lang), 1),
    };
    let opened = match Store::open(&path, !take) {
        Ok(opened) => opened,
        Err(e) => return fail(&e.localized(lang), 1),
    };
    let file_is = |reason: &store::ReadOnlyReason| {
        lang.tf("store.file_is", &[("path", &path.display()), ("reason", &reason.localized(lang))])
    };
    match opened.store.access() {
        store::Access::ReadOnly(
            reason @ (store::ReadOnlyReason::LoadFailed(_) | store::ReadOnlyReason::NewerSchema(_)),
        ) => return fail(&file_is(reason), EXIT_BAD_DATA),
        store::Access::ReadOnly(reason @ store::ReadOnlyReason::LockedBy(_)) if take => {
            return fail(&file_is(reason), 1);
        }
        _ => {}
    }
    let (mut portfolio, mut store) = (opened.portfolio, opened.store);
    let today = crate::dates::today();
    let now = review::take(&portfolio, today);
    let compared = review::earlier(&portfolio, today)
        .filter(|r| r.date < today)
        .map(|then| review::comparison(then, &now, lang));
    if take {
        portfolio.reviews = review::with_review(&portfolio, now);
        if let Err(e) = store.save(&portfolio) {
            return fail(&e.localized(lang), 1);
        }
        println!("{}", lang.tf("review.taken", &[("date", &lang.date(today))]));
    }
    match compared {
        Some(Ok(text)) => println!("{}", one_line(&text)),
        Some(Err(text)) => return fail(&text, EXIT_BAD_DATA),
        None if !take => println!("{}", lang.t("review.none")),
        None => {}
    }
    ExitCode::SUCCESS
}
