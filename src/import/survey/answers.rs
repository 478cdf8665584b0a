//! What a survey's answer cells mean: a number on the scale, a number followed by its label,
//! one of the scale's labels in any language (or its start), on a five-step scale the usual
//! agreement words, or no answer at all ("don't know").

use super::super::columns::norm;
use crate::i18n::Lang;
use crate::model::Scale;

/// Answers that mean "no answer".
const NO_ANSWER: &[&str] = &[
    "don't know",
    "dont know",
    "do not know",
    "n/a",
    "na",
    "not applicable",
    "no opinion",
    "vet ej",
    "vet inte",
    "ingen åsikt",
    "ej aktuellt",
    "inte aktuellt",
    "ved ikke",
    "ikke relevant",
    "ingen mening",
    "vet ikke",
    "ikke aktuelt",
    "ingen formening",
];

/// The usual agreement words of a five-step scale, lowest first, in the four languages.
const AGREEMENT: [&[&str]; 5] = [
    &[
        "strongly disagree",
        "completely disagree",
        "totally disagree",
        "instämmer inte alls",
        "stämmer inte alls",
        "tar helt avstånd",
        "helt oenig",
        "helt uenig",
        "slet ikke enig",
        "overhovedet ikke enig",
    ],
    &[
        "disagree",
        "somewhat disagree",
        "mostly disagree",
        "instämmer i liten grad",
        "stämmer dåligt",
        "tar delvis avstånd",
        "delvis oenig",
        "uenig",
        "delvis uenig",
        "litt uenig",
        "noe uenig",
    ],
    &[
        "neither agree nor disagree",
        "neutral",
        "neither",
        "instämmer delvis",
        "stämmer delvis",
        "varken eller",
        "varken instämmer eller tar avstånd",
        "hverken enig eller uenig",
        "hverken eller",
        "verken enig eller uenig",
        "verken eller",
    ],
    &[
        "agree",
        "somewhat agree",
        "mostly agree",
        "instämmer i hög grad",
        "instämmer i stor utsträckning",
        "instämmer till stor del",
        "stämmer ganska bra",
        "stämmer bra",
        "delvis enig",
        "enig",
        "litt enig",
        "noe enig",
    ],
    &[
        "strongly agree",
        "completely agree",
        "totally agree",
        "instämmer helt",
        "instämmer helt och hållet",
        "stämmer helt",
        "stämmer precis",
        "helt enig",
    ],
];

/// The words an answer may be, for one template: its labels in every language, and on a
/// five-step scale the agreement words.
pub(super) struct Answers {
    pub(super) min: u8,
    pub(super) max: u8,
    words: Vec<(String, u8)>,
    no_answer: Vec<String>,
    /// The scale's labels in the interface language, for messages.
    pub(super) shown: String,
}

impl Answers {
    pub(super) fn new(scale: &Scale, lang: Lang) -> Self {
        let mut words: Vec<(String, u8)> = Vec::new();
        for step in &scale.steps {
            for text in step.label.0.values() {
                words.push((norm(text), step.value));
            }
        }
        if scale.steps.len() == 5 {
            for (position, list) in AGREEMENT.iter().enumerate() {
                for w in *list {
                    let key = norm(w);
                    if !words.iter().any(|(k, _)| *k == key) {
                        words.push((key, scale.min + position as u8));
                    }
                }
            }
        }
        words.retain(|(k, _)| !k.is_empty());
        let shown =
            scale.steps.iter().map(|s| s.label.get(lang.code()).to_owned()).collect::<Vec<_>>().join(" / ");
        Self {
            min: scale.min,
            max: scale.max,
            words,
            no_answer: NO_ANSWER.iter().map(|w| norm(w)).collect(),
            shown,
        }
    }

    /// One cell: `Ok(None)` for no answer, a score, or why not.
    pub(super) fn read(&self, cell: &str) -> Result<Option<u8>, Refused> {
        let cell = cell.trim();
        if cell.is_empty() {
            return Ok(None);
        }
        if let Some(n) = leading_number(cell) {
            return if n >= i64::from(self.min) && n <= i64::from(self.max) {
                Ok(Some(n as u8))
            } else {
                Err(Refused::OutOfScale(n))
            };
        }
        let key = norm(cell.trim_end_matches(['…', '.']));
        if self.no_answer.contains(&key) {
            return Ok(None);
        }
        if let Some((_, v)) = self.words.iter().find(|(w, _)| *w == key) {
            return Ok(Some(*v));
        }
        // A label cut short by the tool, or one with more words after it.
        let mut found: Vec<u8> = self
            .words
            .iter()
            .filter(|(w, _)| {
                (key.len() >= 4 && w.starts_with(&key)) || (w.len() >= 6 && key.starts_with(w.as_str()))
            })
            .map(|(_, v)| *v)
            .collect();
        found.sort_unstable();
        found.dedup();
        match found.as_slice() {
            [one] => Ok(Some(*one)),
            [] => Err(Refused::Unknown),
            _ => Err(Refused::Ambiguous),
        }
    }
}

/// Why a cell was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refused {
    OutOfScale(i64),
    Unknown,
    Ambiguous,
}

/// A whole number, alone or at the start of a label ("5", "5,0", "5 – Helt enig", "(5) Ja").
fn leading_number(cell: &str) -> Option<i64> {
    let cell = cell.trim_start_matches('(');
    let digits: String = cell.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
    let rest = &cell[digits.len()..];
    let number: i64 = digits.parse().ok()?;
    let rest = rest.strip_prefix(['.', ',']).map_or(rest, |r| r.trim_start_matches('0'));
    let label_follows = rest.starts_with([' ', '-', '–', '—', ')', ':', '.']);
    (rest.is_empty() || label_follows).then_some(number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::Catalog;

    #[test]
    fn answers_are_numbers_labels_and_agreement_words() {
        let climate = Catalog::bundled().find("innovation_climate").expect("bundled").clone();
        let a = Answers::new(&climate.scale, Lang::En);
        for (cell, score) in [
            ("4", Some(4)),
            ("4,0", Some(4)),
            ("5 – I mycket hög grad", Some(5)),
            ("(2) I liten grad", Some(2)),
            ("I hög grad", Some(4)),
            ("i mycket hög grad", Some(5)),
            ("Instämmer helt", Some(5)),
            ("Helt uenig", Some(1)),
            ("Strongly agree", Some(5)),
            ("Slet ikke", Some(1)),
            ("Vet ej", None),
            ("  ", None),
        ] {
            assert_eq!(a.read(cell), Ok(score), "{cell}");
        }
        assert_eq!(a.read("7"), Err(Refused::OutOfScale(7)));
        assert_eq!(a.read("Ibland"), Err(Refused::Unknown));
        assert_eq!(a.read("3.5"), Err(Refused::Unknown), "no half scores");
        let facets = Catalog::bundled().find("facet_orientation").expect("bundled").clone();
        let f = Answers::new(&facets.scale, Lang::Sv);
        assert_eq!(f.read("Instämmer helt"), Ok(Some(4)), "the template's own label on a 0–4 scale");
        assert_eq!(f.read("Instämmer i hög…"), Ok(Some(3)), "a label cut short");
    }
}
