//! Which column of a survey export answers which slot of a checklist, and which columns are
//! about the person (a name, an e-mail address, a role) rather than the checklist.

use super::super::columns::norm;
use crate::model::Template;
use crate::scoring;

/// Header words of the columns that are about the person, not the checklist.
pub(super) const NAME_HEADERS: &[&str] = &[
    "name",
    "namn",
    "navn",
    "full name",
    "fullständigt namn",
    "fulde navn",
    "fullt navn",
    "ditt namn",
    "dit navn",
    "ditt navn",
    "your name",
    "respondent name",
];
pub(super) const ROLE_HEADERS: &[&str] = &[
    "role",
    "roll",
    "rolle",
    "befattning",
    "stilling",
    "yrkesroll",
    "funktion",
    "your role",
    "din roll",
    "din rolle",
];

/// The slots of a template as a header may name them.
pub(super) struct Headers {
    /// Per slot: its key (`item` or `item/perspective`), the item's texts, its short names,
    /// and the perspective's names (all normalised).
    pub(super) slots: Vec<SlotNames>,
}

pub(super) struct SlotNames {
    pub(super) item: String,
    pub(super) perspective: Option<String>,
    texts: Vec<String>,
    perspective_names: Vec<String>,
}

impl Headers {
    pub(super) fn new(t: &Template) -> Self {
        let slots = scoring::slots(t)
            .into_iter()
            .map(|s| {
                let mut texts: Vec<String> = vec![norm(&s.item.id)];
                for text in s.item.text.0.values() {
                    texts.push(norm(text));
                    // "Osäkerhetstolerans: vi kan …" may be asked as "Osäkerhetstolerans".
                    if let Some((short, _)) = text.split_once(':') {
                        texts.push(norm(short));
                    }
                }
                texts.retain(|x| x.chars().count() >= 4);
                texts.sort();
                texts.dedup();
                let perspective_names = s
                    .perspective
                    .and_then(|p| t.perspectives.iter().find(|x| x.id == p))
                    .map(|p| {
                        let mut names: Vec<String> = p.name.0.values().map(|n| norm(n)).collect();
                        names.push(norm(&p.id));
                        // "The organisation" is also asked as "Organisation".
                        names.extend(
                            p.name.0.values().filter_map(|n| n.split_once(' ').map(|(_, rest)| norm(rest))),
                        );
                        names.retain(|x| x.chars().count() >= 4);
                        names.sort();
                        names.dedup();
                        names
                    })
                    .unwrap_or_default();
                SlotNames {
                    item: s.item.id.clone(),
                    perspective: s.perspective.map(str::to_owned),
                    texts,
                    perspective_names,
                }
            })
            .collect();
        Self { slots }
    }

    /// The slot a header names, if exactly one fits best. A question number in front
    /// (`Q3_1`, `12.`, `F4)`) is not part of the question.
    pub(super) fn slot(&self, header: &str) -> Option<usize> {
        self.slot_of(header).or_else(|| without_number(header).and_then(|rest| self.slot_of(rest)))
    }

    fn slot_of(&self, header: &str) -> Option<usize> {
        let whole = norm(header.trim().trim_end_matches(['…', '.']));
        let mut best: Vec<(usize, usize)> = Vec::new();
        for (ix, slot) in self.slots.iter().enumerate() {
            let rests: Vec<String> = if slot.perspective_names.is_empty() {
                vec![whole.clone()]
            } else {
                slot.perspective_names
                    .iter()
                    .filter_map(|p| {
                        whole
                            .strip_suffix(p.as_str())
                            .or_else(|| whole.strip_prefix(p.as_str()))
                            .map(str::to_owned)
                    })
                    .collect()
            };
            let fit = rests.iter().filter_map(|rest| fit(rest, &slot.texts)).max();
            if let Some(fit) = fit {
                best.push((fit, ix));
            }
        }
        let top = best.iter().map(|(f, _)| *f).max()?;
        let winners: Vec<usize> = best.iter().filter(|(f, _)| *f == top).map(|(_, ix)| *ix).collect();
        (winners.len() == 1).then(|| winners[0])
    }
}

/// The header after a leading question number (`Q3_1 …`, `12. …`, `F4) …`), if it has one.
fn without_number(header: &str) -> Option<&str> {
    let header = header.trim();
    let (first, rest) = header.split_once(char::is_whitespace)?;
    let letters = first.chars().take_while(char::is_ascii_alphabetic).count();
    let tail = &first[letters..];
    let numbered = letters <= 2
        && tail.starts_with(|c: char| c.is_ascii_digit())
        && tail.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '_' | '-' | ')' | ':'));
    numbered.then_some(rest)
}

/// How well a normalised header fits one of an item's texts: the length of the text it
/// equals, holds, or (cut short, at least 20 characters) begins.
fn fit(header: &str, texts: &[String]) -> Option<usize> {
    texts
        .iter()
        .filter_map(|t| {
            let len = t.chars().count();
            if header == t {
                Some(len * 3)
            } else if len >= 12 && header.contains(t.as_str()) {
                Some(len * 2)
            } else if header.chars().count() >= 20 && t.starts_with(header) {
                Some(header.chars().count())
            } else {
                None
            }
        })
        .max()
}

pub(super) fn is_email(header: &str) -> bool {
    let n = norm(header);
    n.contains("email") || n.contains("epost") || n == "mail" || n.contains("mailadress")
}

pub(super) fn one_of(header: &str, words: &[&str]) -> bool {
    let n = norm(header);
    words.iter().any(|w| norm(w) == n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::Catalog;

    #[test]
    fn headers_match_by_id_text_or_a_part_in_any_language() {
        let climate = Catalog::bundled().find("innovation_climate").expect("bundled").clone();
        let h = Headers::new(&climate);
        let item = |header: &str| h.slot(header).map(|ix| h.slots[ix].item.clone());
        assert_eq!(item("risk_taking").as_deref(), Some("risk_taking"));
        assert_eq!(
            item("Är det accepterat att pröva något osäkert, även om det kanske inte fungerar?").as_deref(),
            Some("risk_taking")
        );
        assert_eq!(
            item("Climate [Is it acceptable to try something uncertain, even if it might not work?]")
                .as_deref(),
            Some("risk_taking")
        );
        assert_eq!(
            item("Er det greit å prøve noe usikkert, selv…").as_deref(),
            Some("risk_taking"),
            "cut short"
        );
        assert_eq!(item("Tidsstämpel"), None);
        assert_eq!(
            item("Q9_1 Är det accepterat att pröva något osäkert, även om det kanske inte fungerar?")
                .as_deref(),
            Some("risk_taking")
        );
        let journey = Catalog::bundled().find("innovation_journey").expect("bundled").clone();
        let h = Headers::new(&journey);
        let slot = |header: &str| {
            h.slot(header).map(|ix| (h.slots[ix].item.clone(), h.slots[ix].perspective.clone()))
        };
        assert_eq!(
            slot("Testa [Organisationen]"),
            Some(("testing".to_owned(), Some("organisation".to_owned())))
        );
        assert_eq!(
            slot(
                "The individual - Testing: we try ideas out on a small scale early instead of planning everything in advance."
            ),
            Some(("testing".to_owned(), Some("individual".to_owned())))
        );
        assert_eq!(slot("Testa"), None, "a perspective template needs the perspective too");
    }
}
