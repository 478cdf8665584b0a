//! The `Idea triage` column: it shows an incoming idea's triage, which is decided in fasett
//! (where accepting, declining and telling the proposer go together), so a sheet may only
//! repeat it. A changed word, or a word on a row that is no idea, is named rather than dropped.

use super::columns::norm;
use crate::export::Column;
use crate::i18n::Lang;
use crate::model::{Initiative, Triage};
use crate::text::one_line;

/// What is wrong with the triage cell `word` of the row that became `i`, if anything.
pub(super) fn check(i: &Initiative, word: &str, lang: Lang) -> Option<String> {
    let header = Column::Triage.header(lang);
    let name = |t: Triage, l: Lang| l.t(&format!("triage.{}", t.key())).to_owned();
    let read = Triage::ALL
        .iter()
        .copied()
        .find(|t| norm(word) == norm(t.key()) || Lang::ALL.iter().any(|l| norm(word) == norm(&name(*t, *l))));
    let current = i.idea.as_ref().map(|idea| idea.triage);
    if (word.is_empty() && current.is_none()) || (read.is_some() && read == current) {
        return None;
    }
    let value = one_line(word);
    if !word.is_empty() && read.is_none() {
        let options = Triage::ALL.iter().map(|t| name(*t, lang)).collect::<Vec<_>>().join(", ");
        return Some(
            lang.tf("import.unknown_word", &[("column", &header), ("value", &value), ("options", &options)]),
        );
    }
    Some(match current {
        None => lang.tf("import.triage_not_idea", &[("column", &header), ("value", &value)]),
        Some(t) => lang.tf(
            "import.triage_changed",
            &[("column", &header), ("value", &value), ("current", &name(t, lang))],
        ),
    })
}
