//! The words of the folded searchable texts, each once, with the texts it is in. A word is a
//! run without white space, and so is each term of the text filter: a term is in a text
//! exactly when it is in one of the text's words. So the filter looks through the words (a
//! few thousand, however many initiatives) and marks the texts of those that contain the
//! term, instead of reading every text (35 MB at 100,000 initiatives).

use std::collections::HashMap;

use memchr::memmem::Finder;

/// Every distinct word of the texts and, per word, the positions of the texts it is in.
#[derive(Debug, Default)]
pub(super) struct Words {
    /// The words, each followed by a line break (which no term has), in the order first met.
    list: String,
    /// Where each word's line ends in `list`.
    ends: Vec<usize>,
    numbers: HashMap<Box<str>, u32>,
    /// Per word, the positions of the texts it is in, ascending.
    postings: Vec<Vec<u32>>,
}

impl Words {
    /// The words of `texts`, the text at position `p` being the `p`-th.
    pub(super) fn of<'t>(texts: impl IntoIterator<Item = &'t str>) -> Self {
        let mut words = Self::default();
        for (p, text) in texts.into_iter().enumerate() {
            let p = p as u32;
            for word in text.split_whitespace() {
                let n = words.number(word);
                let list = &mut words.postings[n];
                // Positions come in ascending order: a word met again in this text is last.
                if list.last() != Some(&p) {
                    list.push(p);
                }
            }
        }
        words
    }

    /// The number of `word`, given it if it is new.
    fn number(&mut self, word: &str) -> usize {
        if let Some(n) = self.numbers.get(word) {
            return *n as usize;
        }
        let n = self.postings.len();
        self.list.push_str(word);
        self.list.push('\n');
        self.ends.push(self.list.len());
        self.numbers.insert(word.into(), n as u32);
        self.postings.push(Vec::new());
        n
    }

    /// Sets `found[p]` for each text `p` that contains `term` (a folded term of the filter,
    /// without white space).
    pub(super) fn mark_containing(&self, term: &str, found: &mut [bool]) {
        let finder = Finder::new(term);
        let bytes = self.list.as_bytes();
        let (mut at, mut word) = (0, 0);
        while let Some(offset) = finder.find(&bytes[at..]) {
            // The word whose line the match is in (it does not reach past a line break).
            word += self.ends[word..].partition_point(|end| *end <= at + offset);
            for p in &self.postings[word] {
                if let Some(mark) = found.get_mut(*p as usize) {
                    *mark = true;
                }
            }
            at = self.ends[word];
            word += 1;
        }
    }

    /// A text `text` inserted at position `p`: the texts from `p` on move one up.
    pub(super) fn insert(&mut self, p: usize, text: &str) {
        for list in &mut self.postings {
            let from = list.partition_point(|q| (*q as usize) < p);
            for q in &mut list[from..] {
                *q += 1;
            }
        }
        self.add(p, text);
    }

    /// The text `text` at position `p` removed: the texts after it move one down.
    pub(super) fn remove(&mut self, p: usize, text: &str) {
        self.take(p, text);
        for list in &mut self.postings {
            let from = list.partition_point(|q| (*q as usize) <= p);
            for q in &mut list[from..] {
                *q -= 1;
            }
        }
    }

    /// The text at position `p` changed from `old` to `new`.
    pub(super) fn replace(&mut self, p: usize, old: &str, new: &str) {
        self.take(p, old);
        self.add(p, new);
    }

    fn add(&mut self, p: usize, text: &str) {
        for word in distinct(text) {
            let n = self.number(word);
            let list = &mut self.postings[n];
            if let Err(at) = list.binary_search(&(p as u32)) {
                list.insert(at, p as u32);
            }
        }
    }

    fn take(&mut self, p: usize, text: &str) {
        for word in distinct(text) {
            let Some(n) = self.numbers.get(word) else { continue };
            let list = &mut self.postings[*n as usize];
            if let Ok(at) = list.binary_search(&(p as u32)) {
                list.remove(at);
            }
        }
    }
}

#[cfg(test)]
impl Words {
    /// Every word's positions, by word, for comparing two indexes (words no text has aside).
    pub(super) fn by_word(&self) -> Vec<(&str, &[u32])> {
        let mut all: Vec<(&str, &[u32])> = (self.numbers.iter())
            .map(|(w, n)| (&**w, self.postings[*n as usize].as_slice()))
            .filter(|(_, list)| !list.is_empty())
            .collect();
        all.sort_unstable();
        all
    }
}

fn distinct(text: &str) -> Vec<&str> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    words.sort_unstable();
    words.dedup();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The positions of the texts containing `term`.
    fn containing(words: &Words, term: &str, texts: usize) -> Vec<usize> {
        let mut found = vec![false; texts];
        words.mark_containing(term, &mut found);
        found.iter().enumerate().filter(|(_, f)| **f).map(|(p, _)| p).collect()
    }

    #[test]
    fn a_term_is_found_inside_words_and_not_across_them() {
        let words = Words::of(["velferd i kommunen\nasa", "hav og vel\n", "helt annet"]);
        assert_eq!(containing(&words, "vel", 3), [0, 1]);
        assert_eq!(containing(&words, "e", 3), [0, 1, 2]);
        assert_eq!(containing(&words, "kommunen", 3), [0]);
        assert_eq!(containing(&words, "iko", 3), Vec::<usize>::new(), "not across a space");
        assert_eq!(containing(&words, "nasa", 3), Vec::<usize>::new(), "not across a line");
        assert_eq!(containing(&words, "x", 3), Vec::<usize>::new());
    }

    #[test]
    fn inserting_removing_and_replacing_equal_building_again() {
        let mut texts = vec!["a b c", "b d", "c e e"];
        let mut words = Words::of(texts.iter().copied());
        words.insert(1, "f a");
        texts.insert(1, "f a");
        words.remove(0, "a b c");
        texts.remove(0);
        words.replace(2, "c e e", "e g");
        texts[2] = "e g";
        words.insert(3, "h");
        texts.push("h");
        assert_eq!(words.by_word(), Words::of(texts.iter().copied()).by_word());
        assert_eq!(containing(&words, "a", 4), [0]);
    }
}
