//! The subcommands for sharing a portfolio: `merge` (the git merge driver) and `region`
//! (several municipalities' files side by side). Exit codes as the contract says: merge 0
//! clean, 1 conflicts recorded, 2 a file it cannot read; region 0, or 1 when no file could
//! be read.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::commands::{fail, write_stdout};
use crate::dates::now;
use crate::i18n::Lang;
use crate::merge::{self, MergeError};

/// Renumberings listed one by one after a merge; more are counted.
const SHOWN: usize = 12;

/// `fasett merge BASE OURS THEIRS`: the result in OURS, a summary on stderr (git shows it).
pub(super) fn merge(base: &Path, ours: &Path, theirs: &Path, lang: Lang) -> ExitCode {
    let options = merge::Options { today: crate::dates::today(), now: now(), lang };
    let merged = match merge::merge_files(base, ours, theirs, &options) {
        Ok(done) => done.merged,
        Err(e @ MergeError::Write { .. }) => return fail(&e.to_string(), 1),
        Err(e) => return fail(&e.to_string(), 2),
    };
    // A long list is cut: the log of each initiative keeps its own note.
    if merged.renumbered.len() > SHOWN {
        let more = merged.renumbered.len() - SHOWN;
        eprintln!(
            "fasett: {}",
            lang.tf("merge.renumbered_many", &[("count", &merged.renumbered.len()), ("more", &more)])
        );
    }
    for r in merged.renumbered.iter().take(SHOWN) {
        let side = lang.t(if r.ours { "merge.side_ours" } else { "merge.side_theirs" });
        let line = lang.tf(
            "merge.renumbered",
            &[("collection", &r.collection), ("from", &r.from), ("to", &r.to), ("side", &side)],
        );
        eprintln!("fasett: {line}");
    }
    let conflicts = merge::conflict_lines(&merged.portfolio, lang);
    if conflicts.is_empty() {
        eprintln!("fasett: {}", lang.t("merge.done"));
        return ExitCode::SUCCESS;
    }
    let mut message = lang.tf("merge.done_conflicts", &[("count", &conflicts.len())]);
    for line in &conflicts {
        message.push_str("\n  ");
        message.push_str(line);
    }
    eprintln!("fasett: {}", crate::text::multi_line(&message));
    ExitCode::from(1)
}

/// `fasett region FILE FILE…`: the side-by-side view on standard output.
pub(super) fn region(files: &[PathBuf], format: crate::region::Format, lang: Lang) -> ExitCode {
    let view = crate::region::View::read(files, crate::dates::today(), lang);
    if view.loaded() == 0 {
        let names: Vec<String> = view.failed().map(|(path, why)| format!("{path}: {why}")).collect();
        return fail(&lang.tf("region.none", &[("files", &names.join("\n  "))]), 1);
    }
    write_stdout(crate::region::render(&view, format, lang).as_bytes(), lang)
}
